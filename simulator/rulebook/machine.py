"""The conversation's rulebook: phases, endings and the guards between them.

A plain model class (`Conversation`) holds what the trainee has done so far; the
`transitions` Machine is the rulebook over it, declared once in `TRANSITIONS`. After
every reply the session fires the trigger `advance` until nothing moves: the rows are
tried in order and the first whose conditions all hold moves the conversation. One reply
may so move more than one step when it does what each step needs (an offer with a
closure check; a complete e-mail), but never out of venting before the rise is over.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from transitions import Machine

from scoring.model import PHASES
from simulator.format.scenario import ENDINGS

LIVE = list(PHASES)  # the states a conversation can still leave

#: The rulebook. Order matters: the customer giving up is checked before progress.
#: (trigger, source, destination, conditions that must all hold)
TRANSITIONS: tuple[dict, ...] = (
    dict(trigger="advance", source=LIVE, dest="abandoned", conditions=["walks_out"]),
    dict(trigger="advance", source=LIVE, dest="escalated", conditions=["escalates"]),
    dict(trigger="advance", source="venting", dest="empathy", conditions=["heard", "past_peak"]),
    dict(trigger="advance", source="empathy", dest="negotiation", conditions=["problem_identified"]),
    dict(trigger="advance", source="negotiation", dest="resolution", conditions=["solution_offered"]),
    dict(trigger="advance", source="resolution", dest="resolved", conditions=["agrees"]),
    # Last: an agent who says goodbye or closes the case before the customer agreed.
    dict(trigger="advance", source=LIVE, dest="closed", conditions=["agent_closed"]),
)
#: How many steps one reply can move at most (venting → … → resolved).
MAX_STEPS_PER_REPLY = len(PHASES)

#: What each guard means, for diagrams and for trainers reading them.
GUARDS: dict[str, str] = {
    "walks_out": "hostility at the breaking point and the customer leaves (or waited too long, "
                 "or the turns ran out)",
    "escalates": "hostility at the breaking point and the customer demands a supervisor",
    "heard": "the trainee apologised, empathised or invited the customer to talk",
    "past_peak": "the rising side of the curve is over",
    "problem_identified": "the trainee restated the problem, named a fact of the case, or "
                          "addressed one of the customer's concerns",
    "solution_offered": "every concern addressed (format 2), or an offer or commitment the "
                        "policy allows, with no over-promise (format 1)",
    "agrees": "the customer is calm enough and either the trainee checked the solution works "
              "or every concern has been addressed",
    "agent_closed": "the trainee ended the conversation before the customer agreed",
}

#: Signals that count for each memory of the conversation.
HEARD_SIGNALS = frozenset({"apologised", "empathised", "invited_to_talk"})
IDENTIFIED_SIGNALS = frozenset({"mirrored", "parroted"})
OFFER_SIGNALS = frozenset({"realistic_promise", "offered_refund", "offered_discount",
                           "offered_supervisor"})


@dataclass
class Conversation:
    """What the customer knows of the trainee so far. Conditions are named methods."""

    breaking_point: float
    agrees_below: float
    gives_up_by: str  # "escalated" or "abandoned"
    max_turns: int
    rise_turns: int
    can_escalate: bool = True
    # the latest reply
    turn: int = 0
    level: float = 0.0
    signals: frozenset[str] = frozenset()
    broke_waiting: bool = False  # the slow reply alone pushed it over the edge
    # memory across replies
    was_heard: bool = False
    identified: bool = False
    offered: bool = False
    state: str = field(default="venting")
    # format 2: the customer's agenda (see simulator.customer.listener)
    listens: bool = False  # the scenario has concerns
    solved: bool = False  # every concern addressed
    closing: bool = False  # the latest reply ends the conversation
    faulted: bool = False  # the latest reply blamed, mocked, brushed off…

    def observe(self, turn: int, level: float, signals: frozenset[str], broke_waiting: bool,
                solved: bool = False, addressed_now: bool = False, mentioned_fact: bool = False,
                closing: bool = False, faulted: bool = False) -> None:
        self.turn, self.level, self.signals, self.broke_waiting = turn, level, signals, broke_waiting
        self.solved, self.closing, self.faulted = solved, closing, faulted
        self.identified |= addressed_now or mentioned_fact
        self.was_heard |= bool(signals & HEARD_SIGNALS)
        self.identified |= bool(signals & IDENTIFIED_SIGNALS)
        offers = signals & OFFER_SIGNALS
        if not self.can_escalate:
            offers -= {"offered_supervisor"}
        if offers and "over_promised" not in signals:
            self.offered = True

    # --- conditions -------------------------------------------------------------
    def _broke(self) -> bool:
        return self.level >= self.breaking_point

    def walks_out(self) -> bool:
        if self._broke():
            return self.broke_waiting or self.gives_up_by == "abandoned"
        # Out of turns: the customer has had enough, unless they accept the solution now.
        return self.turn >= self.max_turns and not (self.state == "resolution" and self.agrees())

    def escalates(self) -> bool:
        return self._broke() and not self.walks_out()

    def heard(self) -> bool:
        return self.was_heard

    def past_peak(self) -> bool:
        return self.turn >= self.rise_turns

    def problem_identified(self) -> bool:
        return self.identified

    def offer_in_policy(self) -> bool:
        return self.offered

    def solution_offered(self) -> bool:
        return self.solved if self.listens else self.offered

    def agrees(self) -> bool:
        if self.level >= self.agrees_below or self.faulted:
            return False
        return "checked_closure" in self.signals or (self.listens and self.solved)

    def agent_closed(self) -> bool:
        return self.closing


def build_machine(conversation: Conversation) -> Machine:
    return Machine(
        model=conversation,
        states=[*PHASES, *ENDINGS],
        transitions=[dict(t) for t in TRANSITIONS],
        initial="venting",
        auto_transitions=False,
        ignore_invalid_triggers=True,  # `advance` after an ending does nothing
    )
