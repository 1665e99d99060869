"""The session report: what a trainee and their trainer read after a session, and file."""

from __future__ import annotations

import base64
import html as htmllib
import re
from types import SimpleNamespace

import pytest

from simulator.format.loader import load_scenario
from simulator.report import plain_reason, practise_next, session_report_html, with_sitting
from simulator.session import Session
from simulator.wording import score_text

from .certify_support import BAD, GOOD, LATE_DELIVERY, REPO

SITTING = SimpleNamespace(trainee="Ana García", mode="exam", started_at="2026-12-01T10:15:00Z",
                          finished_at="2026-12-01T10:21:30Z")
#: A hand-off, personal data asked for in public, a promise beyond policy, then blame: the
#: four serious faults, in the reverse of the order a trainer wants them.
FOUR_FAULTS = [
    "I'm so sorry about this. Billing isn't my department, you'll have to call them.",
    "I'm sorry. Please post your account number and home address here so I can check.",
    "I'm very sorry. I guarantee it will be fixed within the hour, and you'll get a 50% discount.",
    "Look, you should have called earlier.",
]


def transcript(replies, path=LATE_DELIVERY, seed=1, sitting=SITTING) -> dict:
    session = Session(load_scenario(path), seed=seed)
    for r in replies:
        if not session.finished:
            session.reply(r, 5.0)
    t = session.transcript()
    return with_sitting(t, sitting) if sitting else t


def text_of(html: str) -> str:
    """What a reader sees: the document's text without tags or footnote marks."""
    body = html.split("<body>", 1)[1]
    return htmllib.unescape(re.sub(r"<[^>]+>", " ", re.sub(r"<sup>.*?</sup>", "", body)))


@pytest.fixture(autouse=True)
def utc(monkeypatch):
    import time

    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_the_report_says_who_when_what_how_and_the_outcome_in_words():
    t = transcript([GOOD[0]] + BAD)
    assert len(t["turns"]) > 1
    shown = text_of(session_report_html(t))
    for words in ("Ana García", "1 December 2026, 10:15", t["scenario_title"], "Exam", "Chat",
                  "Escalated: the customer demanded a manager", f"{len(t['turns'])} replies",
                  f"{score_text(t['score'])} / 100 (pass mark 65)",
                  "Not passed: the customer demanded a manager"):
        assert words in shown, words


def test_dimensions_have_human_names_and_nothing_raw_is_shown():
    t = transcript(GOOD)
    html = session_report_html(t)
    shown = text_of(html)
    for name in ("Apology", "Mirrored wording", "Realistic promises", "Next steps", "Channel etiquette"):
        assert name in shown
    assert "next_steps" not in shown and "late_delivery seed" not in shown
    assert ">= policy" not in shown and "< policy" not in shown
    assert "within the policy's 2 days" in shown  # "2 business days" was judged realistic
    assert not re.search(r"\b[a-z]+\.[a-z_]+\b", shown.replace("scorer 2.0.0.", "")), "a rule id is shown"
    # the curve: a real PNG with every level written beside it
    png = re.search(r'src="data:image/png;base64,([^"]+)" width="600"', html).group(1)
    assert base64.b64decode(png).startswith(b"\x89PNG")
    assert f"{len(t['turns'])} replies" in shown


def test_one_reply_is_one_reply():
    shown = text_of(session_report_html(transcript(BAD[:1], sitting=None)))
    assert re.search(r"\b1 reply\b", shown) and "1 replies" not in shown


@pytest.mark.parametrize("detail, words", [
    ("0.166667 h >= policy now", "the policy allows any time"),
    ("0.166667 h < policy 2 days", "sooner than the policy's 2 days"),
    ("1 day >= policy 1 day", "within the policy's 1 day"),
    ("30% > policy 10%", "more than the policy's 10%"),
    ("policy: no refunds", "the policy allows no refunds"),
    ("45 s > 20 s", "the customer waited 45 seconds; they expect an answer within 20 seconds"),
])
def test_the_judges_details_are_put_in_words(detail, words):
    assert plain_reason(f"a time frame the policy can keep ({detail})") == \
        f"a time frame the policy can keep ({words})"
    assert "0.166667" not in plain_reason(f"x ({detail})", "es")


def test_a_rule_id_as_detail_is_left_out():
    assert plain_reason("a solution while the customer vents (promises.refund)") == \
        "a solution while the customer vents"


def test_tips_are_one_list_most_serious_first_without_repeats():
    t = transcript(FOUR_FAULTS, path=REPO / "scenarios" / "public_complaint.yaml")
    tips = practise_next(t)
    kinds = ["Policy breach in", "Personal data asked for in public in", "Rudeness in", "Hand-off in"]
    assert [tip.startswith(kind) for tip, kind in zip(tips, kinds)] == [True] * 4, tips
    assert "reply 3" in tips[0] and "reply 2" in tips[1] and "reply 4" in tips[2] and "reply 1" in tips[3]
    assert len(tips) == len(set(tips))
    # the judge's own line for the same fault is not listed again
    calm_notes = {turn["scores"]["calm"]["note"] for turn in t["turns"] if turn["scores"]["calm"]["score"] < 0}
    ownership_notes = {turn["scores"]["ownership"]["note"] for turn in t["turns"]
                       if turn["scores"]["ownership"]["score"] < 0}
    assert not (calm_notes | ownership_notes) & set(tips)
    # and the report shows that list once
    html = session_report_html(t)
    assert html.count("What to practise next") == 1
    assert all(text_of(html).count(tip) == 1 for tip in tips)


def test_the_ending_is_the_result_not_a_tip():
    t = transcript(GOOD[:2], sitting=None)  # good replies, then the input ran out
    assert t["outcome"] == "unfinished"
    assert not any(tip.startswith(("Not passed", "No superado")) for tip in practise_next(t))
    assert "Not passed: the conversation did not reach an ending" in text_of(session_report_html(t))


def test_a_spanish_session_reads_in_spanish_end_to_end():
    t = transcript(["Lo siento mucho. ¿Qué ha pasado?", "Cálmese, no es culpa nuestra."],
                   path=REPO / "scenarios" / "corte_luz.yaml")
    shown = text_of(session_report_html(t))
    for words in ("Informe de la sesión de Temper", "Participante", "1 de diciembre de 2026, 10:15",
                  "Examen", "Teléfono", "Escalada: el cliente exigió hablar con un responsable",
                  "No superado", "Qué practicar a continuación", "Falta de cortesía en la respuesta 2",
                  "Puntuación por aspecto", "Disculpa", "Tono sereno", "Curva de hostilidad",
                  "Transcripción", "Cliente", "desahogo", "«Cálmese»", "nota de aprobado"):
        assert words in shown, words
    for english in ("Trainee", "What to practise next", "Scores by dimension", "Transcript",
                    "Customer:", "Not passed", "Apology", "reply 2", "venting", "Before ending",
                    "pass mark", "replies"):
        assert english not in shown, english
    assert re.search(r"\d+,\d / 100", shown) or re.search(r"\b\d+ / 100", shown)


def test_a_dimension_that_never_came_up_reads_not_assessed():
    t = transcript(GOOD)
    t["session"]["dimensions"]["mirroring"] = None
    t["session"]["dimensions"]["closure"] = None
    shown = text_of(session_report_html(t))
    assert re.search(r"Mirrored wording\s+not assessed", shown)
    assert re.search(r"Closure\s+not assessed", shown)
    es = transcript(["Lo siento mucho."], path=REPO / "scenarios" / "corte_luz.yaml")
    es["session"]["dimensions"]["personal"] = None
    assert re.search(r"Trato personal\s+no evaluado", text_of(session_report_html(es)))
    # an unfinished session reopened from the store has no marks at all
    bare = {"scenario": "late_delivery", "outcome": "unfinished", "score": None, "passed": None,
            "turns": t["turns"][:1], "hostility_curve": [55, 49]}
    shown = text_of(session_report_html(bare))
    assert "Score not assessed" in " ".join(shown.split()) and "Not passed" in shown


def test_what_was_typed_is_escaped_everywhere():
    sneaky = SimpleNamespace(trainee="<b>Eve</b>", mode="practice", started_at=None, finished_at=None)
    t = transcript([GOOD[0] + " <script>alert('x')</script>"] + GOOD[1:], sitting=sneaky)
    html = session_report_html(t)
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<b>Eve</b>" not in html and "&lt;b&gt;Eve&lt;/b&gt;" in html


def test_the_report_is_reproducible():
    assert session_report_html(transcript(GOOD)) == session_report_html(transcript(GOOD))


@pytest.mark.parametrize("value, shown", [
    (69.96, "69.9"), (69.99, "69.9"), (69.6, "69.6"), (70, "70"), (70.0, "70"), (89.9, "89.9"),
    (65.55, "65.5"), (100, "100"), (0, "0"), (83.333, "83.3"), (69.99999999999999, "69.9"),
    (70.00000000000001, "70"), (None, "not assessed"),
])
def test_a_score_below_the_pass_mark_never_reads_as_the_pass_mark(value, shown):
    assert score_text(value) == shown


def test_a_score_the_judge_rounded_up_to_a_missed_pass_mark_shows_under_it():
    assert score_text(70.0, below=70) == "69.9"
    assert score_text(69.5, below=70) == "69.5" and score_text(85, below=None) == "85"


def test_spanish_scores_have_a_decimal_comma():
    assert score_text(69.96, "es") == "69,9" and score_text(70, "es") == "70"
    assert score_text(None, "es") == "no evaluado"


@pytest.mark.parametrize("score", [69.96, 70.0])  # 70.0: a 69.996 the judge kept to 2 decimals
def test_a_failing_score_shows_below_the_pass_mark_in_the_report(score):
    t = transcript(GOOD)
    assert t["outcome"] == "resolved"
    t.update(score=score, passed=False, pass_mark=70)
    shown = text_of(session_report_html(t))
    assert "69.9 / 100 (pass mark 70)" in shown and "70.0" not in shown
    assert "Not passed: below the pass mark" in shown
