"""The session report: what a trainee and their trainer read after a session."""

from __future__ import annotations

import base64
import re

from simulator.format.loader import load_scenario
from simulator.report import session_report_html
from simulator.session import Session

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


def test_a_score_just_below_the_pass_mark_never_reads_as_the_pass_mark():
    from simulator.report import score_text

    assert score_text(69.6) == "69.6"
    assert score_text(70) == "70"
