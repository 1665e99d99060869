"""Sessions: a conversation turn by turn, its transcript, and its determinism.

Most tests here drive the session with a stand-in scorer that reports the signals
written in the reply as `#signal`, so they test the session's own rules exactly;
`test_cli_play.py` and the bundled examples drive it with the real scorer.
"""

import json
import re

import pytest

from scoring.model import DIMENSIONS, NEUTRAL, ReplyScore
from simulator.format.loader import parse_scenario
from simulator.session import MAX_REPLY_CHARS, ReplyRejected, Session
from simulator.transcript import TranscriptFile

from .scenario_text import MINIMAL

REACTIONS = """
reactions:
  - when: told_to_calm_down
    hostility: 5
    say: ["Don't tell me to calm down!"]
  - when: apologised
    phases: venting
    say: ["Well, thank you."]
"""


def tagged_scorer(ctx):
    return ReplyScore({d: NEUTRAL for d in DIMENSIONS}, frozenset(re.findall(r"#(\w+)", ctx.reply)))


def scenario(extra="", **replace):
    text = MINIMAL + extra
    for old, new in replace.items():
        text = text.replace(old, new)
    return parse_scenario(text, "s.yaml", default_id="s")


def play(s, replies, seed=0, **kw):
    session = Session(s, seed=seed, scorer=tagged_scorer, **kw)
    for r in replies:
        text, latency = (r, 0.0) if isinstance(r, str) else r
        if session.finished:
            break
        session.reply(text, latency)
    return session


GOOD = ["#apologised #invited_to_talk sorry, what happened?", "#empathised #apologised I understand",
        "#mirrored #took_ownership your parcel is late", "#realistic_promise #gave_next_steps within 3 days",
        "#checked_closure #thanked does that work?"]


def test_a_well_handled_conversation_walks_every_phase_to_resolved():
    session = play(scenario(), GOOD)
    assert [t.phase_after for t in session.turns] == ["venting", "empathy", "negotiation", "resolution", "resolved"]
    assert session.outcome == "resolved"
    assert session.turns[-1].customer == "Thanks."
    levels = session.curve_levels
    assert levels[-1] < levels[1], "good handling brought the anger down"


def test_a_badly_handled_conversation_escalates():
    session = play(scenario(), ["#told_to_calm_down calm down", "#blamed #shouted your fault"])
    assert session.outcome == "escalated"
    assert session.turns[-1].customer == "Manager, now."
    assert all(t.hostility_after > t.hostility_before for t in session.turns)


def test_slow_replies_in_a_live_channel_make_the_customer_leave():
    session = play(scenario(), [("one moment", 60), ("still looking", 90)])
    assert session.outcome == "abandoned"
    assert "slow_reply" in session.turns[-1].signals
    assert session.turns[-1].customer == "Bye."


def test_slow_replies_do_not_anger_by_email():
    s = scenario(**{"channel: chat": "channel: email"})
    session = play(s, [("one moment", 600)])
    assert "slow_reply" not in session.turns[0].signals
    assert not session.finished


def test_reactions_speak_and_move_hostility_once_per_line():
    s = scenario(REACTIONS)
    plain = play(s, ["#told_to_calm_down relax"])
    assert plain.turns[0].customer == "Don't tell me to calm down!"
    assert plain.turns[0].reactions == (0,)
    without = play(scenario(), ["#told_to_calm_down relax"])
    assert plain.hostility == without.hostility + 5
    again = play(s, ["#apologised sorry", "#apologised sorry again"])
    assert again.turns[0].customer == "Well, thank you."
    assert again.turns[1].customer != "Well, thank you.", "a used-up reaction falls back to the phase lines"


def test_reactions_limited_to_a_phase_stay_quiet_elsewhere():
    s = scenario(REACTIONS)
    session = play(s, GOOD[:2] + ["#apologised #mirrored sorry, your parcel is late"])
    assert session.turns[2].phase_before == "empathy"
    assert session.turns[2].customer != "Well, thank you."


def test_lines_fill_in_the_facts():
    s = scenario()
    seen = {Session(s, seed=k, scorer=tagged_scorer).opening for k in range(20)}
    assert seen == {"Where is order AB-1?", "My parcel is late!"}


def test_same_scenario_seed_and_replies_give_the_same_transcript():
    s = scenario(REACTIONS)
    replies = GOOD[:3] + ["#over_promised today", "#realistic_promise in 3 days"]
    a, b = play(s, replies, seed=7), play(s, replies, seed=7)
    assert json.dumps(a.transcript()) == json.dumps(b.transcript())
    openings = {Session(s, seed=k, scorer=tagged_scorer).opening for k in range(10)}
    assert len(openings) > 1, "the seed does choose among variants"


def test_the_transcript_holds_every_turn(tmp_path):
    path = tmp_path / "t.json"
    session = play(scenario(), GOOD[:2], observers=[TranscriptFile(path)])
    data = json.loads(path.read_text())
    assert data["outcome"] == "unfinished" and data["scenario"] == "s" and data["seed"] == 0
    turn = data["turns"][1]
    assert turn["reply"] == GOOD[1]
    assert set(turn) >= {"customer", "customer_before", "latency_s", "hostility", "phase", "scores", "signals"}
    assert turn["phase"] == {"before": "venting", "after": "empathy"}
    assert turn["hostility"]["before"] == data["turns"][0]["hostility"]["after"]
    assert set(turn["scores"]) == set(DIMENSIONS)
    assert data == session.transcript()


def test_the_transcript_is_rewritten_after_every_turn(tmp_path):
    path = tmp_path / "t.json"
    sizes = []
    session = Session(scenario(), scorer=tagged_scorer,
                      observers=[TranscriptFile(path), lambda s, t: sizes.append(len(json.loads(path.read_text())["turns"]))])
    for r in GOOD[:3]:
        session.reply(r)
    assert sizes == [1, 2, 3]
    assert [p.name for p in tmp_path.iterdir()] == ["t.json"], "no temporary files left behind"


@pytest.mark.parametrize("reply, why", [("", "empty"), ("   \n", "empty"), ("x" * (MAX_REPLY_CHARS + 1), "characters")])
def test_unusable_replies_are_refused_and_change_nothing(reply, why):
    session = Session(scenario(), scorer=tagged_scorer)
    with pytest.raises(ReplyRejected, match=why):
        session.reply(reply)
    assert session.turns == [] and session.phase == "venting"


def test_no_reply_after_the_end():
    session = play(scenario(), GOOD)
    with pytest.raises(ReplyRejected, match="over"):
        session.reply("hello?")


def _bundled(sid):
    from simulator.library import resolve
    return resolve(sid)


@pytest.mark.parametrize(("sid", "replies", "outcome"), [
    # one fine apology, then the trainee stops: high marks, no ending
    ("late_delivery", ["I'm so sorry, Margaret. Could you tell me what happened?"], "unfinished"),
    ("corte_luz", ["Lo siento muchísimo, de verdad. ¿Me cuenta qué ha pasado?"], "unfinished"),
])
def test_a_session_without_a_good_ending_never_passes_whatever_its_marks(sid, replies, outcome):
    s = Session(_bundled(sid), seed=1)
    for r in replies:
        s.reply(r)
    marks = s.score()
    assert s.outcome == outcome and not marks.passed
    assert marks.notes[0].startswith("Not passed" if s.scenario.language == "en" else "No superado")
    t = s.transcript()
    assert t["passed"] is False and t["session"]["passed"] is False


def test_a_resolved_session_above_the_mark_passes():
    from pathlib import Path

    scripts = json.loads((Path(__file__).resolve().parents[2] / "data" / "own_words" / "scripts_a.json")
                         .read_text(encoding="utf-8"))
    sid = next(iter(scripts))
    s = Session(_bundled(sid), seed=1)
    for r in scripts[sid]["excellent_a"]:
        if s.finished:
            break
        s.reply(r)
    assert s.outcome == "resolved" and s.score().passed
