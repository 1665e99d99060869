"""The hostility curve: its shape, the trainee's effect on it, and its bounds."""

from hypothesis import given, strategies as st

from simulator.rulebook import curve
from simulator.rulebook.curve import CurveParams

P = CurveParams(start=40, peak=80, rise_turns=4, breaking_point=95, effects={"apologised": -10, "shouted": 15})


def levels_left_alone(p, turns=8):
    point, out = curve.opening(p), []
    for _ in range(turns):
        out.append(point.level)
        point = curve.step(point, 0.0, p)
    return out


def test_left_alone_the_anger_climbs_steeply_then_holds_at_the_peak():
    levels = levels_left_alone(P)
    assert levels[0] == 40
    rises = [b - a for a, b in zip(levels, levels[1:5])]
    assert all(r > 0 for r in rises), "the rising side rises every turn"
    assert rises == sorted(rises, reverse=True), "steepest at the start (ease-out)"
    assert levels[4:] == [80, 80, 80, 80]


def test_good_handling_lowers_the_level_and_the_relief_persists():
    calm = curve.step(curve.opening(P), P.effects["apologised"], P)
    alone = curve.step(curve.opening(P), 0.0, P)
    assert calm.level == alone.level - 10
    later = curve.step(calm, 0.0, P)
    assert later.level == curve.baseline(2, P) - 10


def test_bad_handling_can_reach_the_breaking_point():
    point = curve.opening(P)
    for _ in range(3):
        point = curve.step(point, curve.effect_of(["shouted"], P), P)
    assert curve.broke(point, P)


def test_slow_replies_anger_only_in_live_channels_and_only_past_the_grace():
    live = CurveParams(**{**P.__dict__, "live": True, "grace_s": 20, "per_second": 0.5})
    assert curve.slow_reply_penalty(15, live) == 0
    assert curve.slow_reply_penalty(60, live) == 20
    email = CurveParams(**{**P.__dict__, "live": False})
    assert curve.slow_reply_penalty(3600, email) == 0


def test_soothing_a_customer_at_zero_banks_nothing():
    p = CurveParams(start=5, peak=10, rise_turns=1, breaking_point=90, effects={})
    point = curve.step(curve.opening(p), -500, p)
    assert point.level == 0
    assert curve.step(point, 0, p).level == 0  # baseline flat at the peak
    assert curve.step(point, 5, p).level == 5


def test_past_peak_after_the_rise():
    point = curve.opening(P)
    seen = []
    for _ in range(5):
        seen.append(curve.past_peak(point, P))
        point = curve.step(point, 0, P)
    assert seen == [False, False, False, False, True]


@given(
    start=st.floats(0, 100), peak=st.floats(0, 100), rise=st.integers(0, 10),
    deltas=st.lists(st.floats(-1e6, 1e6, allow_nan=False), max_size=40),
    latencies=st.lists(st.floats(0, 1e5, allow_nan=False), max_size=40),
)
def test_level_stays_within_0_and_100_for_any_effects(start, peak, rise, deltas, latencies):
    p = CurveParams(start=start, peak=max(start, peak), rise_turns=rise, breaking_point=100,
                    effects={}, live=True, grace_s=10, per_second=2)
    point = curve.opening(p)
    assert 0 <= point.level <= 100
    for i, d in enumerate(deltas):
        wait = curve.slow_reply_penalty(latencies[i] if i < len(latencies) else 0, p)
        point = curve.step(point, d + wait, p)
        assert 0 <= point.level <= 100
