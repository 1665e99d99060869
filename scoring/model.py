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
        "brushed_off": "closed the topic without helping",
        "threatened": "threatened to end the conversation or act against the customer",
        "not_judged": "the judge failed on this reply: it was not judged, and counts as neutral",
        "asked_question": "asked the customer a question",
    }
)


def N_(message: str) -> str:
    """Marks a note a trainee reads for translation and returns it unchanged: the judge
    writes English msgids; the simulator's gettext catalogue shows them in the session's
    language (scoring stands alone and never translates)."""
    return message


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


# --------------------------------------------------------------------------- the reader
# What a reply *does* (acts) and *says* (content): the contract between understanding
# and everything that uses it. The judge computes the eleven dimensions from a Reading;
# the simulator's customer reacts to the same Reading. Add kinds freely, never rename.

#: Every act the reader can find, with what it means. Stance acts (blame … threat) are
#: faults of tone whatever the words around them.
ACT_KINDS: Mapping[str, str] = MappingProxyType(
    {
        "apology": "a genuine apology for what happened",
        "non_apology": "shaped like an apology but is not one (feelings, 'if', excuse, refusal)",
        "empathy": "names or validates the customer's feeling",
        "invitation": "invites the customer to say more",
        "question": "asks the customer something (detail['kind'] says what)",
        "restatement": "restates the customer's problem in other words",
        "parroting": "copies a long run of the customer's words verbatim",
        "explanation": "explains or justifies",
        "offer": "offers a solution (detail: kind, offer id, amount, allowed)",
        "commitment": "commits to an outcome with a time (detail: days, realistic)",
        "over_promise": "promises what the policy cannot keep (detail: why)",
        "next_step": "says what will happen, when or who does it (detail['part'])",
        "handoff": "sends the customer elsewhere or defers vaguely",
        "ownership": "personally takes charge of the case",
        "blame": "the customer is at fault, openly, politely or as a suggestion",
        "minimising": "plays the problem down, jokes about it",
        "arguing": "contradicts or corrects the customer",
        "sarcasm": "sarcasm, mockery, sarcastic rhetorical questions",
        "condescension": "talks down to the customer",
        "tone_policing": "tells the customer how to behave or feel ('calm down')",
        "brush_off": "closes the topic without helping",
        "threat": "threatens to end the conversation or act against the customer",
        "shouting": "capitals or runs of ! and ?",
        "profanity": "swearing or insults",
        "negative_tone": "negative wording overall",
        "courtesy": "courteous wording",
        "thanks": "thanks the customer",
        "name": "uses the customer's name",
        "generic": "a copy-paste phrase",
        "closure_check": "checks the solution works for the customer",
        "closing": "ends the conversation (unilaterally when detail['unilateral'])",
        "sign_off": "an e-mail greeting or sign-off",
        "etiquette": "a channel fault (detail['fault']: long, public data, other channel…)",
        "private_move": "moves personal data to a private channel",
        "slow_reply": "the customer waited too long",
    }
)
#: The stance acts a learned model reads (patterns alone miss polite forms of them).
STANCE_KINDS: tuple[str, ...] = (
    "blame", "minimising", "arguing", "sarcasm", "condescension", "tone_policing",
    "brush_off", "threat", "shouting", "profanity",
)
#: What a question asks for (`Act.detail["kind"]` of a "question" act).
QUESTION_KINDS: tuple[str, ...] = (
    "identifying_detail", "when_where", "yes_no", "choice", "wellbeing", "open_invitation",
)


@dataclass(frozen=True)
class Act:
    """One thing the reply does, where it does it, who found it and how sure it is.

    `source` is a rule id (`calm.blame`), `computed.<judge>` for judges written in code,
    or `model:<id>` for the learned reader. `confidence` is 0..1: rules say 1.0; a model
    act below `Reading.SURE` is shown as "possibly …" and weighs less. `reads_like` holds
    the nearest labelled examples of the model's training data (or of a centre's
    corrections) that made it decide so.
    """

    kind: str
    start: int
    end: int
    text: str
    source: str
    confidence: float = 1.0
    detail: Mapping[str, object] = field(default_factory=lambda: MappingProxyType({}))
    reads_like: tuple[str, ...] = ()

    @property
    def sure(self) -> bool:
        return self.confidence >= SURE

    def to_dict(self) -> dict:
        out = {"kind": self.kind, "start": self.start, "end": self.end, "text": self.text,
               "source": self.source, "confidence": round(self.confidence, 3)}
        if self.detail:
            out["detail"] = dict(self.detail)
        if self.reads_like:
            out["reads_like"] = list(self.reads_like)
        return out


#: Confidence from which a model's act is stated; below it, it is "possibly …", weighs half
#: and makes the customer react to nothing. 0.85 since the c3 corpus (session 4): the
#: retrained heads are surer, and 0.75-0.85 is where their false calm faults sit.
SURE = 0.85


@dataclass(frozen=True)
class Reading:
    """What one reply does (`acts`, in reply order) and says (`facts`, `offers`)."""

    acts: tuple[Act, ...] = ()
    facts: tuple[str, ...] = ()  # ids of the case's facts the reply mentions
    offers: tuple[str, ...] = ()  # ids of the scenario's own offers the reply makes
    questions: tuple[str, ...] = ()  # QUESTION_KINDS asked, in order, each once

    def has(self, kind: str, sure: bool = False) -> bool:
        return any(a.kind == kind and (a.sure or not sure) for a in self.acts)

    def of(self, kind: str) -> tuple[Act, ...]:
        return tuple(a for a in self.acts if a.kind == kind)

    @property
    def stance_faults(self) -> tuple[Act, ...]:
        """Blame, mockery, minimising, brush-offs…: acts no other content can redeem."""
        return tuple(a for a in self.acts if a.kind in STANCE_KINDS)

    def to_dict(self) -> dict:
        return {"acts": [a.to_dict() for a in self.acts], "facts": list(self.facts),
                "offers": list(self.offers), "questions": list(self.questions)}


@dataclass(frozen=True)
class Fact:
    """A fact of the case the reply may mention (the order number, the amount…)."""

    id: str
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class Offer:
    """One of the scenario's own solutions and what the policy allows of it.

    `kind` ties it to the judge's offer families (refund, discount, supervisor,
    replacement, repair, credit, other); `allowed` False means the agent may not offer
    it; `min_days` is the shortest honest time to deliver it (None: the policy's).
    """

    id: str
    aliases: tuple[str, ...]
    kind: str = "other"
    allowed: bool = True
    min_days: float | None = None
    max_amount: float | None = None
    label: str = ""  # how the case file names it: "a replacement coat by express courier"


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
    # the scorer assumes a Monday (see docs/scoring.md); the simulator always sets it.
    today: date | None = None
    facts: tuple[Fact, ...] = ()  # the case's facts, for Reading.facts
    offers: tuple[Offer, ...] = ()  # the scenario's own solutions, for Reading.offers
    corrections: tuple["Correction", ...] = ()  # the centre's corrections of the judge


@dataclass(frozen=True)
class Correction:
    """A trainer's correction of one judgement, used by the judge from then on.

    `kind` is the act that was wrong; `verdict` True says the reply does it (the judge
    missed it), False says it does not (a false alarm). `reply` is the reply as it was
    judged; similar replies get the same correction, shown with `who` and `on`.
    """

    reply: str
    language: str
    kind: str
    verdict: bool
    who: str = ""
    on: str = ""  # ISO date
    note: str = ""


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
    source: str = ""  # "" for a rule; "model:<id>" when the learned reader judged it
    confidence: float = 1.0  # below SURE the reason starts "possibly"
    reads_like: tuple[str, ...] = ()  # the nearest labelled examples behind a model judgement

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
        if self.source:
            out["source"] = self.source
            out["confidence"] = round(self.confidence, 3)
            out["reads_like"] = list(self.reads_like)
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
    reading: Reading = field(default_factory=Reading)  # what the dimensions came from

    def __getitem__(self, dimension: str) -> DimensionScore:
        return self.dimensions[dimension]

    def to_dict(self) -> dict:
        return {
            "dimensions": {d: self.dimensions[d].to_dict() for d in DIMENSIONS},
            "signals": sorted(self.signals),
            "reading": self.reading.to_dict(),
        }


@dataclass(frozen=True)
class Rubric:
    """How a whole session is marked: weight per dimension and the pass mark (0..100)."""

    weights: Mapping[str, float]
    pass_mark: float = 70.0


@dataclass(frozen=True)
class SessionScore:
    total: float  # 0..100
    dimensions: Mapping[str, float | None]  # 0..100 per dimension; None: never came up, not assessed
    passed: bool
    notes: tuple[str, ...] = ()  # unmet phase expectations and other advice

    def to_dict(self) -> dict:
        return {
            "total": round(self.total, 2),
            "dimensions": {d: (round(v, 2) if v is not None else None) for d, v in self.dimensions.items()},
            "passed": self.passed,
            "notes": list(self.notes),
        }
