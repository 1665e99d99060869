"""Marking a whole session: weights, pass mark and the protocol's phase expectations."""

from __future__ import annotations

import pytest

from scoring import DIMENSIONS, Rubric, score_session

from .helpers import score

EVEN = Rubric({d: 1.0 for d in DIMENSIONS}, pass_mark=55)


def _good_session():
    return [
        ("venting", score("I'm so sorry, Ana. Please tell me what happened?", customer_name="Ana")),
        ("empathy", score("I understand how frustrating this is.")),
        ("negotiation", score("I'll send a replacement within 5 business days.", phase="negotiation",
                              policy={"min_days": 5})),
        ("resolution", score("Does that work for you?", phase="resolution")),
    ]


def test_a_good_session_passes_and_a_rude_one_fails():
    good = score_session(_good_session(), EVEN)
    rude = score_session([
        ("venting", score("CALM DOWN. You should have read the terms.")),
        ("negotiation", score("That's not my department.", phase="negotiation")),
    ], EVEN)
    assert good.passed and not rude.passed
    assert 0 <= rude.total < good.total <= 100
    assert good.dimensions["apology"] > 50 and rude.dimensions["calm"] < 50


def test_no_apology_before_negotiation_is_noted_and_costs_the_apology_dimension():
    turns = [("venting", score("What happened?")),
             ("negotiation", score("I'm sorry. I'll send a new one within 5 days.", phase="negotiation",
                                   policy={"min_days": 5})),
             ("resolution", score("Does that work for you?", phase="resolution"))]
    late = score_session(turns, EVEN)
    assert late.dimensions["apology"] <= 40
    assert any("apolog" in n.lower() for n in late.notes)
    none = score_session(turns[:1] + turns[2:], EVEN)
    assert none.dimensions["apology"] == 0


def test_ending_without_a_closure_check_is_noted():
    turns = _good_session()[:-1]
    result = score_session(turns, EVEN)
    assert result.dimensions["closure"] <= 25
    assert any("works for the customer" in n for n in result.notes)
    assert score_session(_good_session(), EVEN).dimensions["closure"] > 50


def test_weights_decide_what_counts():
    turns = [("venting", score("I'm so sorry. CALM DOWN!!"))]
    only_apology = score_session(turns, Rubric({"apology": 1.0}, pass_mark=50))
    only_calm = score_session(turns, Rubric({"calm": 1.0}, pass_mark=50))
    assert only_apology.total > 50 > only_calm.total
    assert only_apology.passed and not only_calm.passed


@pytest.mark.parametrize("weights", [{}, {"nonsense": 3.0}, {"apology": 0.0}])
def test_empty_or_unknown_weights_fall_back_to_equal_weights(weights):
    result = score_session(_good_session(), Rubric(weights))
    assert result.total == score_session(_good_session(), Rubric({d: 1.0 for d in DIMENSIONS})).total


def test_no_turns_scores_zero():
    result = score_session([], EVEN)
    assert result.total == 0 and not result.passed and result.notes


def test_calm_is_kept_not_shown_so_a_calm_session_earns_full_marks():
    calm = score_session(_good_session(), EVEN)
    assert calm.dimensions["calm"] == 100 and calm.dimensions["etiquette"] == 100
    one_outburst = _good_session()[:3] + [("resolution", score("Does that work for you?? I SAID IT WILL ARRIVE!!!", phase="resolution"))]
    slipped = score_session(one_outburst, EVEN)
    assert 40 < slipped.dimensions["calm"] < calm.dimensions["calm"]


def test_a_customer_who_agreed_on_their_own_does_not_cost_the_trainee_closure():
    """The simulator's customer may confirm the solution before the trainee asks: the
    agreement happened, so closure is not capped as 'ended without agreement'."""
    turns = [t for t in _good_session() if t[1]["closure"].score <= 0]
    assert score_session(turns, EVEN).dimensions["closure"] <= 25
    assert score_session(turns, EVEN, agreed=True).dimensions["closure"] is None  # not assessed


def test_a_dimension_that_never_came_up_is_not_assessed_and_gives_its_weight_away():
    """One rude reply used to show "Empathy 50 · Listening 50 · Ownership 50": free
    marks for things that never happened. Not assessed is not 50."""
    rude = score_session([("venting", score("CALM DOWN. You should have read the terms."))], EVEN)
    assert rude.dimensions["empathy"] is None and rude.dimensions["ownership"] is None
    shown = {d: v for d, v in rude.dimensions.items() if v is not None}
    assert rude.total == pytest.approx(sum(shown.values()) / len(shown), abs=0.01)
    assert not rude.passed

