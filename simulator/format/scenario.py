"""A scenario as typed, immutable objects: what the loader produces from a YAML file.

The file format itself is declared in `simulator.format.spec` and documented in
`docs/scenario-format.md`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Mapping

from scoring.model import ExtraPhrase, Fact, Offer, Policy, Rubric

#: How a conversation can end. "closed": the agent ended it without the customer's
#: agreement (a scenario may leave its line out: a default is said).
ENDINGS: tuple[str, ...] = ("resolved", "escalated", "abandoned", "closed")
#: Endings a scenario must give a last line for.
REQUIRED_ENDINGS: tuple[str, ...] = ("resolved", "escalated", "abandoned")
DIFFICULTIES: tuple[str, ...] = ("easy", "medium", "hard")

#: Hostility bands: the same phase sounds different at 40 and at 90.
#: (name, lowest level in the band), highest band first.
BANDS: tuple[tuple[str, int], ...] = (("furious", 75), ("angry", 50), ("annoyed", 25), ("calm", 0))
BAND_NAMES: tuple[str, ...] = tuple(name for name, _ in BANDS)


def band_of(level: float) -> str:
    for name, lowest in BANDS:
        if level >= lowest:
            return name
    return BANDS[-1][0]


@dataclass(frozen=True)
class Condition:
    """When a line may be said (format 2's `if:`); every field set must hold.

    In the spirit of Yarn Spinner's line conditions: about the customer's agenda
    (`open`, `addressed`), what the agent has offered or asked, hostility and turn.
    """

    open: tuple[str, ...] = ()  # these concerns are still open
    addressed: tuple[str, ...] = ()  # these concerns have been addressed
    offered: tuple[str, ...] = ()  # the agent has made these offers (ever)
    not_offered: tuple[str, ...] = ()
    asked: tuple[str, ...] = ()  # the agent's reply asks a question of these kinds
    hostility_below: float | None = None
    hostility_at_least: float | None = None
    turn_at_least: int | None = None


@dataclass(frozen=True)
class Line:
    """One thing the customer may say, with where it was written (for coverage)."""

    text: str
    source_line: int  # line in the scenario file
    key: str  # where it sits in the file, e.g. `lines.venting.angry[1]`
    condition: Condition | None = None  # format 2: only when it holds
    once: bool = False  # format 2: said at most once per conversation


@dataclass(frozen=True)
class Concern:
    """One need on the customer's agenda (format 2): what addresses it, what they say.

    A concern is addressed by a reply that makes one of `offers` (allowed by the policy,
    with no over-promise), mentions one of `facts`, or performs one of `acts` (reader act
    kinds, e.g. `explanation` for a customer who needs the rule explained).
    """

    id: str
    need: str  # shown to the trainee in coaching: "the coat before Saturday"
    offers: tuple[str, ...] = ()
    facts: tuple[str, ...] = ()
    acts: tuple[str, ...] = ()
    ask: tuple[Line, ...] = ()  # said while open, once the customer has vented
    thanks: tuple[Line, ...] = ()  # said once, when addressed
    source_line: int = 0


@dataclass(frozen=True)
class Customer:
    name: str
    language: str
    channel: str
    difficulty: str
    backstory: str

    @property
    def first_name(self) -> str:
        return self.name.split()[0] if self.name.split() else self.name


@dataclass(frozen=True)
class SlowReplies:
    """Live channels: each second past `grace_s` adds `per_second` hostility."""

    grace_s: float = 20.0
    per_second: float = 0.5


@dataclass(frozen=True)
class Hostility:
    start: float
    peak: float
    rise_turns: int
    breaking_point: float
    agrees_below: float  # the customer accepts a solution only when calmer than this
    gives_up_by: str  # the ending when the breaking point is reached: escalated|abandoned
    slow_replies: SlowReplies
    effects: Mapping[str, float]  # signal -> change, defaults merged with the file's
    max_turns: int
    patience: float = 4.0  # format 2: added by a reply that moves nothing on the agenda


@dataclass(frozen=True)
class Reaction:
    """Lines and a hostility change triggered by what the trainee did."""

    when: tuple[str, ...]  # any of these signals triggers it
    lines: tuple[Line, ...]
    hostility: float = 0.0
    phases: tuple[str, ...] = ()  # empty: in every phase
    source_line: int = 0


@dataclass(frozen=True)
class ExampleReply:
    text: str
    latency_s: float = 0.0


@dataclass(frozen=True)
class Example:
    """A scripted run that must reach `ending`: the scenario's own test."""

    name: str
    ending: str  # resolved | escalated | abandoned | unfinished
    replies: tuple[ExampleReply, ...]
    seed: int = 0
    source_line: int = 0


@dataclass(frozen=True)
class Scenario:
    id: str
    title: str
    path: str
    sha256: str
    customer: Customer
    facts: Mapping[str, str]
    policy: Policy
    hostility: Hostility
    lines: Mapping[str, Mapping[str, tuple[Line, ...]]]  # phase -> band -> variants
    endings: Mapping[str, tuple[Line, ...]]
    reactions: tuple[Reaction, ...]
    rubric: Rubric
    phrases: tuple[ExtraPhrase, ...] = ()
    examples: tuple[Example, ...] = ()
    tags: tuple[str, ...] = field(default=())
    # format 2: the listening customer
    format: int = 1
    brief: str = ""  # the case file the trainee reads before the first reply
    fact_aliases: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: MappingProxyType({}))
    offers: tuple[Offer, ...] = ()
    concerns: tuple[Concern, ...] = ()
    answers: Mapping[str, tuple[Line, ...]] = field(default_factory=lambda: MappingProxyType({}))

    @property
    def case_facts(self) -> tuple[Fact, ...]:
        """The facts as the reader sees them: each with its value and aliases."""
        return tuple(Fact(k, (v, *self.fact_aliases.get(k, ()))) for k, v in self.facts.items() if v)

    @property
    def language(self) -> str:
        return self.customer.language

    @property
    def channel(self) -> str:
        return self.customer.channel

    def summary(self) -> dict:
        """What the library lists: id, title, language, channel, difficulty, path."""
        return {
            "id": self.id,
            "title": self.title,
            "language": self.customer.language,
            "channel": self.customer.channel,
            "difficulty": self.customer.difficulty,
            "path": self.path,
        }


def frozen_map(d: Mapping) -> Mapping:
    return MappingProxyType(dict(d))
