"""The hostility curve: pure, deterministic functions of the turn and what the trainee did.

A customer's anger rises steeply in the first moments of a complaint (they need to let
it out), so the curve has a *baseline*: from `start` it climbs towards `peak` over
`rise_turns`, fastest at first (an ease-out), then stays at the peak. What the trainee
does moves the level away from that baseline: good handling brings it down, bad
handling pushes it up, slow replies in live channels push it up. The accumulated moves
are kept as an *offset* from the baseline, so a trainee who soothes the customer early
still sees the anger peak, only lower.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Mapping

from scoring.model import LIVE_CHANNELS

LOW, HIGH = 0.0, 100.0

#: How much each signal moves the level when a scenario says nothing else.
#: Negative calms the customer; positive angers them.
DEFAULT_EFFECTS: Mapping[str, float] = {
    "apologised": -8,
    "empathised": -8,
    "mirrored": -4,
    "invited_to_talk": -5,
    "realistic_promise": -6,
    "offered_refund": -6,
    "offered_discount": -5,
    "offered_supervisor": -3,
    "gave_next_steps": -4,
    "took_ownership": -4,
    "used_name": -2,
    "thanked": -2,
    "checked_closure": -3,
    "non_apology": 10,
    "dismissed": 10,
    "parroted": 4,
    "explained_too_early": 8,
    "over_promised": 0,  # the customer is pleased now; the scorer, not the curve, objects
    "shouted": 15,
    "told_to_calm_down": 20,
    "blamed": 15,
    "argued": 12,
    "sarcastic": 12,
    "swore": 25,
    "negative_tone": 4,
    "deflected": 12,
    "vague": 5,
    "asked_data_in_public": 10,
    "wall_of_text": 4,
    "brushed_off": 12,
    "threatened": 15,
}


@dataclass(frozen=True)
class CurveParams:
    start: float
    peak: float
    rise_turns: int
    breaking_point: float
    effects: Mapping[str, float]
    live: bool = False  # a live channel: slow replies anger
    grace_s: float = 20.0
    per_second: float = 0.5


@dataclass(frozen=True)
class CurvePoint:
    """The customer's state after `turn` trainee replies (turn 0: the opening)."""

    turn: int
    level: float
    offset: float = 0.0  # accumulated effect of the trainee's handling


def clamp(x: float) -> float:
    return max(LOW, min(HIGH, x))


def baseline(turn: int, p: CurveParams) -> float:
    """The level left alone: an ease-out climb from start to peak, then flat."""
    if p.rise_turns <= 0 or turn >= p.rise_turns:
        return clamp(p.peak)
    t = turn / p.rise_turns
    return clamp(p.start + (p.peak - p.start) * (1 - (1 - t) ** 2))


#: Seconds a reply of one word takes to type (chat, WhatsApp: ~40 words a minute) or to
#: say (phone: ~150 a minute). The reply clock allows for them: a long, complete answer
#: is not a slow one.
SECONDS_PER_WORD = {"chat": 1.5, "whatsapp": 1.5, "social": 1.5, "phone": 0.4, "email": 0.0}
MAX_TYPING_ALLOWANCE_S = 120.0


def typing_allowance(reply: str, channel: str) -> float:
    """The part of a reply's wait that was the trainee typing (or speaking) it."""
    words = len(reply.split()) if isinstance(reply, str) else 0
    return min(MAX_TYPING_ALLOWANCE_S, words * SECONDS_PER_WORD.get(channel, 0.0))


def slow_reply_penalty(latency_s: float, p: CurveParams) -> float:
    """Hostility added by waiting, in live channels only (email waits are expected)."""
    if not p.live or latency_s <= p.grace_s:
        return 0.0
    return (latency_s - p.grace_s) * p.per_second


def effect_of(signals: Iterable[str], p: CurveParams) -> float:
    return float(sum(p.effects.get(s, 0.0) for s in signals))


def opening(p: CurveParams) -> CurvePoint:
    return CurvePoint(0, baseline(0, p), 0.0)


def step(prev: CurvePoint, delta: float, p: CurveParams) -> CurvePoint:
    """The level after one more reply whose handling moved it by `delta`.

    The offset is clamped so the level stays in 0..100 *and* the offset stays honest:
    soothing a customer already at 0 banks nothing for later.
    """
    turn = prev.turn + 1
    base = baseline(turn, p)
    level = clamp(base + prev.offset + delta)
    return CurvePoint(turn, level, level - base)


def broke(point: CurvePoint, p: CurveParams) -> bool:
    return point.level >= p.breaking_point


def past_peak(point: CurvePoint, p: CurveParams) -> bool:
    """The rising side is over: the customer has had their say."""
    return point.turn >= p.rise_turns


def params_for(hostility, channel: str) -> CurveParams:
    """Curve parameters from a scenario's `Hostility` section."""
    return CurveParams(
        start=hostility.start,
        peak=hostility.peak,
        rise_turns=hostility.rise_turns,
        breaking_point=hostility.breaking_point,
        effects=hostility.effects,
        live=channel in LIVE_CHANNELS,
        grace_s=hostility.slow_replies.grace_s,
        per_second=hostility.slow_replies.per_second,
    )
