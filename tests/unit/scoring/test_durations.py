"""The time grammar behind promises: how many days a phrase commits to."""

from __future__ import annotations

import pytest

from scoring.durations import find_times
from scoring.text import fold


def days(text: str, lang: str) -> list[tuple[str, float, bool]]:
    f = fold(text)
    return [(f[t.start:t.end], t.days, t.past) for t in find_times(f, lang)]


@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("en", "within 3 business days", 3.0),
    ("en", "within 48 hours", 2.0),
    ("en", "in five working days", 5.0),
    ("en", "3 to 5 days", 3.0),  # a range promises its lower bound
    ("en", "tomorrow", 1.0),
    ("en", "right now", 0.0),
    ("en", "next week", 7.0),
    ("es", "en 3 días hábiles", 3.0),
    ("es", "en 3 dias habiles", 3.0),  # typed without accents
    ("es", "mañana", 1.0),
    ("es", "hoy mismo", 0.0),
    ("es", "en un plazo de 24 horas", 1.0),
    ("es", "de 3 a 5 días", 3.0),
    ("es", "la semana que viene", 7.0),
])
def test_durations(lang, text, expected):
    (found,) = days(text, lang)
    assert found[1] == pytest.approx(expected) and not found[2]


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "I ordered it 3 days ago"),
    ("en", "I've waited for the last 2 weeks"),
    ("es", "hace 2 semanas"),
    ("es", "desde hace una semana"),
])
def test_past_times_are_marked_past(lang, text):
    assert all(past for _, _, past in days(text, lang))


def test_may_is_not_a_date():
    assert days("You may receive an email.", "en") == []


def test_esta_manana_is_this_morning_not_tomorrow():
    assert days("Salió esta mañana.", "es")[0][1] == 0.0
    assert days("Llega mañana por la mañana.", "es")[0][1] == 1.0
