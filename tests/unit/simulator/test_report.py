"""The session report: what a trainee and their trainer read after a session."""

from __future__ import annotations

import base64
import re

import pytest

from simulator.format.loader import load_scenario
from simulator.report import session_report_html
from simulator.session import Session
from simulator.wording import score_text

from .certify_support import BAD, GOOD, LATE_DELIVERY


def transcript(replies) -> dict:
    session = Session(load_scenario(LATE_DELIVERY), seed=1)
    for r in replies:
        if not session.finished:
            session.reply(r, 5.0)
    return session.transcript()


def test_the_report_shows_score_bars_curve_evidence_and_advice():
    t = transcript(BAD)
    html = session_report_html(t)
    assert html.startswith("<!DOCTYPE html>") and html.rstrip().endswith("</html>")
    assert "FAILED" in html and t["scenario_title"] in html
    for dim in t["session"]["dimensions"]:
        assert f"<td>{dim}</td>" in html
    # the curve: a real PNG with every level written beside it
    png = re.search(r'src="data:image/png;base64,([^"]+)" width="600"', html).group(1)
    assert base64.b64decode(png).startswith(b"\x89PNG")
    for level in t["hostility_curve"]:
        assert f"<td>{level:.0f}</td>" in html
    # every piece of evidence is shown with its reason
    evidence = [e for turn in t["turns"] for d in turn["scores"].values() for e in d["evidence"]]
    assert evidence
    for e in evidence:
        assert e["reason"].replace("'", "&#x27;") in html or e["reason"] in html
    assert 'class="bad"' in html  # "calm down" is highlighted as bad
    assert "What to practise next" in html


def test_a_good_session_reads_as_passed_and_escapes_what_was_typed():
    t = transcript([GOOD[0] + " <script>alert('x')</script>"] + GOOD[1:])
    html = session_report_html(t)
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "Outcome:" in html


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
