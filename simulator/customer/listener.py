"""The customer who listens (format 2): an agenda of concerns, answers, and what to say.

The customer keeps an agenda (`Agenda`): the concerns still open, what the agent has
offered, which questions were answered, which lines were said when. After every reply
`hear` updates it from the reader's `Reading`; `respond` chooses what the customer says:

1. the answer to each question the agent asked, by kind (never the same fact twice
   within the repeat window unless asked again);
2. thanks for each concern the reply addressed;
3. while concerns stay open and the customer has vented, the next one ("And the £25?");
4. otherwise the phase's lines for the hostility band.

Lines may carry conditions (`Line.condition`, format 2's `if:`) and `once`; no line is
said again within `REPEAT_WINDOW` turns when another will do, and the opening is never
said again. Reactions and endings stay the session's (simulator.session).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence

from scoring.model import Reading
from simulator.customer.lines import LinePicker, variants_for_band
from simulator.format.scenario import Concern, Condition, Line, Scenario

#: A line is not said again within this many turns if any other line will do.
REPEAT_WINDOW = 5


@dataclass
class Agenda:
    """What the customer knows of the conversation so far (mutable, one per session)."""

    open: list[str]
    addressed: list[str] = field(default_factory=list)
    offered: set[str] = field(default_factory=set)
    answered: dict[str, int] = field(default_factory=dict)  # question kind -> turn answered
    said: dict[str, int] = field(default_factory=dict)  # line key -> last turn said
    opening: str = ""


@dataclass(frozen=True)
class Heard:
    """What one reply changed on the agenda."""

    addressed: tuple[str, ...] = ()  # concerns this reply addressed
    asked: tuple[str, ...] = ()  # question kinds this reply asked
    offered: tuple[str, ...] = ()  # offers this reply made (allowed or not)

    @property
    def moved_anything(self) -> bool:
        return bool(self.addressed or self.asked)


def addresses(concern: Concern, reading: Reading, usable_offers: set[str],
              over_promised: bool = False) -> bool:
    """Whether a reply addresses a concern: an allowed offer of it, a fact, an act.
    Nothing counts from a reply that over-promises: the customer cannot rely on it."""
    if over_promised:
        return False
    if any(o in usable_offers for o in concern.offers):
        return True
    if any(f in reading.facts for f in concern.facts):
        return True
    return any(reading.has(a, sure=True) for a in concern.acts)


class Listener:
    def __init__(self, scenario: Scenario, picker: LinePicker):
        self.scenario = scenario
        self.picker = picker
        self.agenda = Agenda(open=[c.id for c in scenario.concerns])
        self._concerns = {c.id: c for c in scenario.concerns}
        self._allowed = {o.id for o in scenario.offers if o.allowed}

    @property
    def listens(self) -> bool:
        return bool(self.scenario.concerns)

    @property
    def all_addressed(self) -> bool:
        return self.listens and not self.agenda.open

    def open_needs(self) -> tuple[str, ...]:
        return tuple(self._concerns[c].need for c in self.agenda.open)

    # --- hearing -------------------------------------------------------------------
    def hear(self, reading: Reading, over_promised: bool) -> Heard:
        """Update the agenda from one reply. An over-promise addresses nothing: the
        customer cannot count on it (the judge says why)."""
        offered = tuple(reading.offers)
        self.agenda.offered.update(offered)
        usable = set() if over_promised else {o for o in offered if o in self._allowed}
        done = tuple(cid for cid in self.agenda.open
                     if addresses(self._concerns[cid], reading, usable, over_promised))
        for cid in done:
            self.agenda.open.remove(cid)
            self.agenda.addressed.append(cid)
        return Heard(done, tuple(reading.questions), offered)

    # --- speaking ------------------------------------------------------------------
    def allowed(self, line: Line, turn: int, level: float, asked: Sequence[str]) -> bool:
        if line.key == self.agenda.opening:
            return False
        if line.once and line.key in self.agenda.said:
            return False
        return holds(line.condition, self.agenda, turn, level, asked)

    def fresh(self, line: Line, turn: int) -> bool:
        return turn - self.agenda.said.get(line.key, -REPEAT_WINDOW - 1) > REPEAT_WINDOW

    def choose(self, lines: Sequence[Line], turn: int, level: float,
               asked: Sequence[str] = (), *more: Sequence[Line]) -> Line | None:
        """A line whose conditions hold, preferring one not said within the window.

        `more` are further pools tried, in order, before anything is repeated (the
        phase's other bands, the open concerns' lines).
        """
        pools = [[ln for ln in pool if self.allowed(ln, turn, level, asked)] for pool in (lines, *more)]
        for pool in pools:
            fresh = [ln for ln in pool if self.fresh(ln, turn)]
            if fresh:
                return self.picker.pick(fresh)
        ok = pools[0] or next((p for p in pools if p), [])
        if not ok:
            return None
        # All said recently: the one said longest ago (deterministic).
        return min(ok, key=lambda ln: (self.agenda.said.get(ln.key, -1), ln.key))

    def say(self, line: Line | None, turn: int) -> Line | None:
        if line is not None:
            self.agenda.said[line.key] = turn
        return line

    def answer(self, heard: Heard, level: float, turn: int) -> list[Line]:
        """The answer to each question the reply asked, by kind."""
        out: list[Line] = []
        for kind in heard.asked:
            # Asked again what she has just told: she does not tell it again word for word
            # (the next open concern speaks instead).
            lines = [ln for ln in self.scenario.answers.get(kind, ()) if self.fresh(ln, turn)]
            line = self.choose(lines, turn, level, heard.asked)
            if line is not None and line not in out:
                out.append(self.say(line, turn))
                self.agenda.answered[kind] = turn
        return out

    def thank(self, heard: Heard, level: float, turn: int) -> list[Line]:
        """Thanks for each concern the reply addressed."""
        out = []
        for cid in heard.addressed:
            line = self.choose(self._concerns[cid].thanks, turn, level, heard.asked)
            if line is not None:
                out.append(self.say(line, turn))
        return out

    def respond(self, heard: Heard, phase: str, level: float, turn: int,
                vented: bool) -> list[Line]:
        """What the customer says to this reply: answers, thanks, the next concern."""
        out = self.answer(heard, level, turn) + self.thank(heard, level, turn)
        if vented and self.agenda.open and len(out) < 2:
            # The first open concern with a line not said recently; never a stale repeat.
            for cid in self.agenda.open:
                fresh = [ln for ln in self._concerns[cid].ask if self.fresh(ln, turn)]
                line = self.choose(fresh, turn, level, heard.asked) if fresh else None
                if line is not None:
                    out.append(self.say(line, turn))
                    break
        if not out:
            bands = self.scenario.lines[phase]
            others = [ln for b in bands.values() for ln in b]
            # Before repeating herself, the customer says what she needs (even while venting).
            asks = [ln for cid in self.agenda.open for ln in self._concerns[cid].ask]
            line = self.choose(variants_for_band(bands, level), turn, level, heard.asked, others, asks)
            if line is not None:
                out.append(self.say(line, turn))
        return out


def holds(cond: Condition | None, agenda: Agenda, turn: int, level: float,
          asked: Sequence[str] = ()) -> bool:
    if cond is None:
        return True
    if any(c not in agenda.open for c in cond.open):
        return False
    if any(c not in agenda.addressed for c in cond.addressed):
        return False
    if any(o not in agenda.offered for o in cond.offered):
        return False
    if any(o in agenda.offered for o in cond.not_offered):
        return False
    if cond.asked and not set(cond.asked) & set(asked):
        return False
    if cond.hostility_below is not None and not level < cond.hostility_below:
        return False
    if cond.hostility_at_least is not None and not level >= cond.hostility_at_least:
        return False
    if cond.turn_at_least is not None and turn < cond.turn_at_least:
        return False
    return True
