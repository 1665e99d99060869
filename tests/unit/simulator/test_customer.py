"""The customer who listens (format 2): answers, acknowledges, never loops.

Played on the bundled late_delivery scenario, the reference format 2 file.
"""

from __future__ import annotations

import pytest

from simulator.errors import InvalidFile
from simulator.library import resolve
from simulator.format.loader import parse_scenario
from simulator.session import Session

from .scenario_text import MINIMAL


@pytest.fixture(scope="module")
def margaret():
    return resolve("late_delivery")


def _ask_lines(scenario, concern_id):
    con = next(c for c in scenario.concerns if c.id == concern_id)
    return [ln.text.replace("{trip_day}", "Saturday") for ln in con.ask]


def test_the_customer_answers_the_question_asked(margaret):
    s = Session(margaret, seed=3)
    turn = s.reply("I'm so sorry, Margaret. Could you give me the order number so I can look?")
    assert "HX-48213" in turn.customer


def test_an_open_question_while_venting_gets_the_story(margaret):
    s = Session(margaret, seed=1)
    turn = s.reply("I'm so sorry. Can you tell me what happened?")
    assert "Norway" in turn.customer


def test_what_the_agent_gave_is_acknowledged_not_asked_for_again(margaret):
    s = Session(margaret, seed=2)
    s.reply("I'm so sorry, Margaret, that's awful with the trip so close.")
    s.reply("I understand, she needs the coat before Saturday.")
    turn = s.reply("I'll send a replacement coat by express courier today; it will arrive within "
                   "2 working days, before Saturday.")
    for line in _ask_lines(margaret, "coat_in_time"):
        assert line not in turn.customer
    assert "coat_in_time" in s.listener.agenda.addressed


def test_an_offer_with_a_closure_check_moves_several_steps_at_once(margaret):
    s = Session(margaret, seed=1)
    s.reply("I'm so sorry, Margaret. What happened?")
    s.reply("I understand how worrying this is. I can see order HX-48213 is stuck and she needs the coat before Saturday.")
    assert s.phase == "negotiation"
    s.reply("I'll send a replacement coat by express courier today, it will arrive within 2 working "
            "days, before Saturday, and I'm refunding the £6.99 delivery charge. Does that work for you?")
    assert s.outcome == "resolved"


def test_saying_goodbye_before_the_customer_agreed_closes_without_agreement(margaret):
    s = Session(margaret, seed=1)
    s.reply("I'm so sorry about the coat, Margaret.")
    turn = s.reply("Thanks for contacting us, have a nice day!")
    assert s.outcome == "closed"
    assert turn.customer  # she still gets the last word


def test_blame_cannot_lower_hostility_whatever_else_the_reply_says(margaret):
    s = Session(margaret, seed=1)
    before = s.hostility
    s.reply("I'm so sorry, Margaret. You should have chosen express shipping, though.")
    assert s.hostility > before


def test_the_opening_is_never_said_again_and_no_line_repeats_within_five_turns(margaret):
    s = Session(margaret, seed=4)
    replies = ["Hello.", "I see.", "OK.", "Right.", "Understood.", "Noted.", "Sure."]
    said = [s.opening]
    for r in replies:
        if s.finished:
            break
        said.append(s.reply(r).customer)
    assert s.opening not in said[1:]
    for i, line in enumerate(said):
        assert line not in said[i + 1:i + 6], f"repeated within five turns: {line!r}"


def test_a_format_2_key_in_a_format_1_file_is_reported_at_its_line():
    text = MINIMAL + "brief: the case file\n"
    with pytest.raises(InvalidFile) as err:
        parse_scenario(text, "x.yaml")
    assert any("format 2" in p.message and p.line > 1 for p in err.value.problems)


def test_a_concern_naming_an_unknown_offer_is_reported(margaret):
    from pathlib import Path

    text = Path(margaret.path).read_text(encoding="utf-8").replace(
        "addressed_by: {offers: [replacement]}", "addressed_by: {offers: [replacemnt]}")
    with pytest.raises(InvalidFile) as err:
        parse_scenario(text, "x.yaml")
    assert any("unknown offer 'replacemnt'" in p.message for p in err.value.problems)


def test_migrate_keeps_every_line_and_the_examples_still_pass(tmp_path):
    from simulator.check import play_examples
    from simulator.format.migrate import migrate_text

    text = MINIMAL
    old = parse_scenario(text, "m.yaml")
    new = parse_scenario(migrate_text(text, old), "m.yaml")
    assert new.format == 2 and new.concerns and new.brief
    old_lines = sorted(ln.text for bands in old.lines.values() for v in bands.values() for ln in v)
    new_lines = sorted(ln.text for bands in new.lines.values() for v in bands.values() for ln in v)
    assert old_lines == new_lines
    assert [r.passed for r in play_examples(old)] == [r.passed for r in play_examples(new)]


def test_the_reply_clock_allows_for_typing_a_long_reply(margaret):
    """On chat, 60 words typed in 90 s is no slow reply; 3 words in 90 s is."""
    long = " ".join(["I'm so sorry, Margaret, I can see the coat is stuck in transit"] * 5)
    typed = Session(margaret, seed=1).reply(long, latency_s=90)
    short = Session(margaret, seed=1).reply("One moment please.", latency_s=90)
    assert "slow_reply" not in typed.signals and "slow_reply" in short.signals
