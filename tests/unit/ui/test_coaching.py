"""The live coaching hint and the evidence highlighting (shared with the report)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from scoring.model import DIMENSIONS, DimensionScore, Evidence, ReplyScore
from simulator.library import resolve
from simulator.session import Session
from ui.annotate import Span, highlighted_html, reasons_html
from ui.coaching import CoachingPanel, hint_for


def turn_with(reply="I'm so sorry, calm down.", phase="venting", signals=(), latency=0.0, **dims):
    scores = {d: dims.get(d, DimensionScore(0.0)) for d in DIMENSIONS}
    turn = Session(resolve("late_delivery"), seed=1).reply("Hello.")
    return replace(turn, reply=reply, phase_before=phase, latency_s=latency,
                   signals=frozenset(signals), score=ReplyScore(scores, frozenset(signals)))


def test_a_cost_comes_before_praise_and_uses_the_scorers_note():
    t = turn_with(apology=DimensionScore(0.6, (Evidence(0, 12, "I'm so sorry", "apology", "r1"),)),
                  calm=DimensionScore(-0.8, (Evidence(14, 23, "calm down", "told to calm down", "r2", -1),),
                                      "Never tell an angry customer to calm down."))
    hint = hint_for(t)
    assert hint.kind == "cost" and hint.dimension == "calm"
    assert hint.headline == "Never tell an angry customer to calm down."


def test_praise_when_nothing_cost_points_and_a_nudge_when_nothing_was_found():
    good = turn_with(empathy=DimensionScore(0.6, (Evidence(0, 12, "I understand", "empathy", "r"),)))
    assert hint_for(good).kind == "praise"
    assert hint_for(turn_with(phase="negotiation")).headline.startswith("Offer something the policy allows")


def test_a_slow_reply_is_said_first():
    hint = hint_for(turn_with(signals={"slow_reply"}, latency=64))
    assert "64 s" in hint.headline and hint.kind == "cost"


def test_highlighting_escapes_what_the_trainee_typed_and_prefers_precise_spans():
    text = "<b>Sorry</b> & thanks"
    spans = [Span(3, 8, 1, "apology", "apology", "Sorry"),
             Span(0, len(text), -1, "no customer words", "mirroring", text),  # about it all
             Span(15, 21, 1, "thanked", "personal", "thanks")]
    out = highlighted_html(text, spans)
    assert "&lt;b&gt;" in out and "<b>" not in out
    assert out.count("<span") == 2  # the whole-reply remark is listed, not painted over
    assert ">Sorry</span>" in out and ">thanks</span>" in out
    assert "apology" in reasons_html(spans)


def test_overlapping_spans_never_duplicate_text():
    text = "I will send it today"
    spans = [Span(0, 6, 1, "ownership", "ownership", "I will"),
             Span(0, 11, 1, "next steps", "next_steps", "I will send")]
    out = highlighted_html(text, spans)
    assert out.count("I will") == 1


@pytest.mark.gui
def test_the_panel_shows_one_hint_and_at_most_three_reasons(qtbot):
    panel = CoachingPanel()
    qtbot.addWidget(panel)
    ev = tuple(Evidence(i * 2, i * 2 + 1, "x", f"reason {i}", "r") for i in range(6))
    panel.show_turn(turn_with(reply="x x x x x x x x x x x x", apology=DimensionScore(0.6, ev)))
    assert panel.reasons.text().count("<br>") == 2
    assert panel.headline.text()
