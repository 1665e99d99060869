"""The conversation rulebook: each guard holds the conversation until it is earned."""

import pytest

from simulator.rulebook.machine import TRANSITIONS, Conversation, build_machine


def conversation(**kw):
    base = dict(breaking_point=95, agrees_below=40, gives_up_by="escalated", max_turns=10, rise_turns=2)
    base.update(kw)
    conv = Conversation(**base)
    build_machine(conv)
    return conv


def reply(conv, turn, level, *signals, waited=False):
    conv.observe(turn, level, frozenset(signals), waited)
    conv.advance()
    return conv.state


def test_the_table_is_the_rulebook():
    dests = [row["dest"] for row in TRANSITIONS]
    assert dests[:2] == ["abandoned", "escalated"], "giving up is checked before progress"
    assert set(dests) == {"abandoned", "escalated", "empathy", "negotiation", "resolution", "resolved", "closed"}
    assert dests[-1] == "closed", "an agent closing is checked after the customer could agree"


def test_venting_ends_only_when_heard_and_past_the_peak():
    conv = conversation()
    assert reply(conv, 1, 70, "apologised") == "venting", "heard, but the anger is still rising"
    conv2 = conversation()
    assert reply(conv2, 1, 70) == "venting"
    assert reply(conv2, 2, 75) == "venting", "past the peak, but never heard"
    assert reply(conv2, 3, 70, "empathised") == "empathy"


def test_being_heard_earlier_counts_later():
    conv = conversation()
    reply(conv, 1, 70, "invited_to_talk")
    assert reply(conv, 2, 72) == "empathy"


def test_negotiation_needs_the_problem_identified():
    conv = conversation(rise_turns=0)
    reply(conv, 1, 60, "apologised")
    assert reply(conv, 2, 55, "apologised") == "empathy"
    assert reply(conv, 3, 50, "mirrored") == "negotiation"


def test_resolution_needs_an_offer_inside_policy():
    conv = conversation(rise_turns=0)
    for t, sig in enumerate(["apologised", "mirrored"], 1):
        reply(conv, t, 50, sig)
    assert conv.state == "negotiation"
    assert reply(conv, 3, 45, "realistic_promise", "over_promised") == "negotiation"
    assert reply(conv, 4, 45, "offered_refund") == "resolution"


def test_a_supervisor_is_no_offer_where_escalation_is_not_allowed():
    conv = conversation(rise_turns=0, can_escalate=False)
    reply(conv, 1, 50, "apologised")
    reply(conv, 2, 50, "mirrored")
    assert reply(conv, 3, 45, "offered_supervisor") == "negotiation"


def test_resolved_needs_the_check_and_a_calm_enough_customer():
    conv = conversation(rise_turns=0)
    for t, sig in enumerate(["apologised", "mirrored", "realistic_promise"], 1):
        reply(conv, t, 50, sig)
    assert conv.state == "resolution"
    assert reply(conv, 4, 50, "checked_closure") == "resolution", "still too angry to agree"
    assert reply(conv, 5, 30) == "resolution", "calm, but nobody asked"
    assert reply(conv, 6, 30, "checked_closure") == "resolved"


@pytest.mark.parametrize("gives_up_by, ending", [("escalated", "escalated"), ("abandoned", "abandoned")])
def test_the_breaking_point_ends_it_the_scenarios_way(gives_up_by, ending):
    conv = conversation(gives_up_by=gives_up_by)
    assert reply(conv, 1, 96, "shouted") == ending


def test_a_customer_kept_waiting_hangs_up_even_if_they_would_escalate():
    conv = conversation(gives_up_by="escalated")
    assert reply(conv, 1, 97, "slow_reply", waited=True) == "abandoned"


def test_running_out_of_turns_makes_the_customer_leave():
    conv = conversation(max_turns=3)
    for t in (1, 2):
        assert reply(conv, t, 60) == "venting"
    assert reply(conv, 3, 60) == "abandoned"


def test_an_ended_conversation_stays_ended():
    conv = conversation()
    reply(conv, 1, 99)
    assert conv.state == "escalated"
    assert reply(conv, 2, 10, "apologised", "checked_closure") == "escalated"
