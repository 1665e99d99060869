"""The scorer's vocabulary: what goes in, what comes out.

This module is the contract between `scoring/` and everything that uses it
(`simulator/`, the desktop app, certification runs). It holds plain, frozen data
and no logic, so it imports in microseconds and never changes behaviour.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType
from typing import Mapping

#: The dimensions every reply is judged on, in the order reports show them.
DIMENSIONS: tuple[str, ...] = (
    "apology",
    "empathy",
    "mirroring",
    "promises",
    "calm",
    "listening",
    "ownership",
    "personal",
    "next_steps",
    "closure",
    "etiquette",
)

#: The conversation phases, in the order of the incident protocol.
PHASES: tuple[str, ...] = ("venting", "empathy", "negotiation", "resolution")
LANGUAGES: tuple[str, ...] = ("en", "es")
CHANNELS: tuple[str, ...] = ("chat", "email", "phone", "social", "whatsapp")
#: Channels where the customer waits on the line: slow replies anger them.
LIVE_CHANNELS: frozenset[str] = frozenset({"chat", "phone", "whatsapp"})

#: Behaviours the scorer reports as named signals. Scenario files key the customer's
#: reactions and the hostility effects on these names, so they are a public API:
#: add freely, never rename.
SIGNALS: Mapping[str, str] = MappingProxyType(
    {
        "apologised": "a genuine apology",
        "non_apology": "a non-apology or a refusal to apologise",
        "empathised": "named or validated the customer's feeling",
        "dismissed": "minimised or dismissed the problem",
        "mirrored": "restated the customer's own key words",
        "parroted": "copied a long run of the customer's words verbatim",
        "invited_to_talk": "an open question inviting the customer to say more",
        "explained_too_early": "explained, justified or proposed a fix while the customer vented",
        "realistic_promise": "a commitment the policy can keep",
        "over_promised": "a time, absolute or offer beyond what the policy allows",
        "offered_refund": "offered a refund",
        "offered_discount": "offered a discount or credit",
        "offered_supervisor": "offered to pass the case to a supervisor",
        "shouted": "words in capitals or runs of ! and ?",
        "told_to_calm_down": "told the customer to calm down",
        "blamed": "blamed the customer",
        "argued": "argued with or corrected the customer",
        "sarcastic": "sarcasm",
        "rude": "impatient or condescending wording",
        "swore": "profanity",
        "negative_tone": "negative wording overall",
        "took_ownership": "took the case personally ('I will...')",
        "deflected": "sent the customer to another department, channel or person",
        "used_name": "used the customer's name",
        "thanked": "thanked the customer",
        "gave_next_steps": "said what will happen, when, and who does it",
        "vague": "a vague 'we'll look into it'",
        "checked_closure": "checked that the solution works for the customer",
        "asked_data_in_public": "asked for personal data or an order number in a public channel",
        "wall_of_text": "too long for the channel",
        "slow_reply": "the customer waited too long for the reply on a live channel",
    }
)


@dataclass(frozen=True)
class Policy:
    """What the agent may really do, from the scenario."""

    min_days: float = 1.0  # the shortest honest time to fix the problem, in days
    max_discount_percent: float = 0.0  # the largest discount or credit the agent may give
    can_refund: bool = False
    can_escalate: bool = True  # whether passing to a supervisor is allowed


@dataclass(frozen=True)
class ExtraPhrase:
    """A scenario's own phrase for one dimension (e.g. its product's jargon).

    `polarity` is +1 when the phrase earns points, -1 when it costs them.
    """

    dimension: str
    polarity: int
    phrases: tuple[str, ...]
    note: str = ""
    signal: str | None = None  # optional SIGNALS name the phrase also raises


@dataclass(frozen=True)
class ReplyContext:
    """One trainee reply and everything needed to judge it."""

    reply: str
    customer: tuple[str, ...] = ()  # the customer's recent lines, oldest first
    phase: str = "venting"
    language: str = "en"
    channel: str = "chat"
    customer_name: str = ""
    policy: Policy = field(default_factory=Policy)
    latency_s: float = 0.0
    extra_phrases: tuple[ExtraPhrase, ...] = ()
    # The date the reply is given on, so "by Thursday" becomes a number of days. None:
    # the scorer assumes a Monday (see docs/scoring.md).
    today: date | None = None


@dataclass(frozen=True)
class Evidence:
    """A span of the reply that earned (polarity +1) or cost (-1) points."""

    start: int
    end: int
    text: str
    reason: str
    rule: str  # id of the rule that matched; every point traces back to one
    polarity: int = 1
    customer_words: tuple[str, ...] = ()  # for mirroring: the customer's words reused

    def to_dict(self) -> dict:
        out = {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "reason": self.reason,
            "rule": self.rule,
            "polarity": self.polarity,
        }
        if self.customer_words:
            out["customer_words"] = list(self.customer_words)
        return out


@dataclass(frozen=True)
class DimensionScore:
    score: float  # -1..1: >0 good behaviour found, <0 bad behaviour found, 0 neither
    evidence: tuple[Evidence, ...] = ()
    note: str = ""  # one line a trainee can act on; empty when there is nothing to say

    def to_dict(self) -> dict:
        return {
            "score": round(self.score, 4),
            "evidence": [e.to_dict() for e in self.evidence],
            "note": self.note,
        }


NEUTRAL = DimensionScore(0.0)


@dataclass(frozen=True)
class ReplyScore:
    """The judgement of one reply: a score per dimension and the signals found."""

    dimensions: Mapping[str, DimensionScore]  # one entry for every name in DIMENSIONS
    signals: frozenset[str] = frozenset()

    def __getitem__(self, dimension: str) -> DimensionScore:
        return self.dimensions[dimension]

    def to_dict(self) -> dict:
        return {
            "dimensions": {d: self.dimensions[d].to_dict() for d in DIMENSIONS},
            "signals": sorted(self.signals),
        }


@dataclass(frozen=True)
class Rubric:
    """How a whole session is marked: weight per dimension and the pass mark (0..100)."""

    weights: Mapping[str, float]
    pass_mark: float = 70.0


@dataclass(frozen=True)
class SessionScore:
    total: float  # 0..100
    dimensions: Mapping[str, float]  # 0..100 per dimension
    passed: bool
    notes: tuple[str, ...] = ()  # unmet phase expectations and other advice

    def to_dict(self) -> dict:
        return {
            "total": round(self.total, 2),
            "dimensions": {d: round(v, 2) for d, v in self.dimensions.items()},
            "passed": self.passed,
            "notes": list(self.notes),
        }
