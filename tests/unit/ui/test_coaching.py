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


@pytest.mark.gui
def test_a_long_reply_is_shown_in_the_hint_as_the_parts_around_its_evidence(qtbot):
    """A 10,000-character reply is not laid out whole in the hint (it held the window for
    a tenth of a second or more): the parts with evidence, "…" for what was left out."""
    from simulator.format.spec import MAX_REPLY_CHARS

    filler = "The parcel went to the depot and then to another depot. " * 200
    reply = ("I'm so sorry, Margaret. " + filler)[:MAX_REPLY_CHARS - 40] + " Could you tell me more?"
    at = reply.index("Could you tell me more?")
    ev_start = Evidence(0, 12, "I'm so sorry", "a genuine apology", "r1")
    ev_end = Evidence(at, at + 23, "Could you tell me more?", "an open question", "r2")
    ev_wall = Evidence(24, 24 + 9000, reply[24:9024], "a wall of text for chat", "r3", -1)
    panel = CoachingPanel()
    qtbot.addWidget(panel)
    panel.show_turn(turn_with(reply=reply, apology=DimensionScore(0.6, (ev_start,)),
                              listening=DimensionScore(0.5, (ev_end,)),
                              etiquette=DimensionScore(-0.4, (ev_wall,))))
    shown = panel.reply.text()
    assert len(shown) < 2500, "far less than the reply"
    assert ">I&#x27;m so sorry</span>" in shown.replace("&#39;", "&#x27;")
    assert ">Could you tell me more?</span>" in shown and " … " in shown
    assert len(panel.reasons.text()) < 1000 and "…”" in panel.reasons.text()  # the wall quoted short
    assert any(s.text == reply[24:9024] for s in panel.spans), "the spans themselves are whole"


def test_a_short_reply_is_shown_whole():
    from ui.annotate import excerpt

    spans = [Span(0, 5, 1, "apology", "apology", "Sorry")]
    assert excerpt("Sorry about that.", spans) == ("Sorry about that.", spans)


@pytest.mark.parametrize(("lang", "words"), [("en", "could not be judged"), ("es", "no se pudo evaluar")])
def test_a_reply_the_judge_failed_on_is_said_to_be_not_judged(lang, words):
    hint = hint_for(turn_with(signals={"not_judged"}), lang)
    assert words in hint.headline and hint.kind == "cost"
