"""One conversation, turn by turn.

    session = Session(scenario, seed=7)
    print(session.customer_line)            # the opening
    turn = session.reply("I'm so sorry...", latency_s=4.0)
    print(turn.customer)                    # what the customer says next
    session.outcome                         # resolved | escalated | abandoned | unfinished

Each reply is scored, moves the hostility curve, may move the conversation along the
rulebook, and picks the customer's next line. Everything is seeded, so the same
scenario, seed and replies always give the same transcript and scores.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from datetime import date, datetime, timezone
from typing import Callable, Iterable

from scoring import ReplyContext, ReplyScore, SessionScore, score_reply, score_session
from scoring.engine import SCORER_VERSION
from simulator.rulebook import curve
from simulator.errors import TemperError
from simulator.customer.listener import Heard, Listener
from simulator.customer.lines import LinePicker, facts_for, render, variants_for_band
from simulator.rulebook.machine import ENDINGS, MAX_STEPS_PER_REPLY, Conversation, build_machine
from simulator.format.scenario import Line, Scenario, band_of
from simulator.format.spec import MAX_REPLY_CHARS
from simulator.transcript import FORMAT
from simulator.wording import N_, outcome_text, words

#: How many of the customer's recent lines the scorer sees (for mirroring).
CONTEXT_LINES = 3
#: A reply that blames, mocks, minimises or brushes off moves hostility up at least this
#: much, whatever else it contains: an apology does not buy back contempt.
STANCE_MIN_EFFECT = 6.0
#: What a customer says when the agent closed without their agreement and the scenario
#: has no line for it (in the scenario's language).
DEFAULT_CLOSED = N_("Hang on, that doesn't solve anything. Fine. Goodbye.")
#: A waiting customer's nudge when the scenario has no slow_reply line left.
STILL_THERE = N_("Hello? Are you still there?")
#: The endings a session can pass with (certification plans may ask for others).
GOOD_ENDINGS = frozenset({"resolved"})
#: The note that heads a session's notes when its ending kept it from passing.
NOT_PASSED = {
    "unfinished": N_("Not passed: the conversation did not reach an ending."),
    "abandoned": N_("Not passed: the customer gave up and left."),
    "escalated": N_("Not passed: the customer demanded a manager."),
    "closed": N_("Not passed: the conversation was closed before the customer agreed."),
}
#: Acts of the reader that end the conversation from the agent's side.
CLOSING_DETAILS = ("unilateral", "farewell")


def session_date() -> date:
    """Today, or the date SOURCE_DATE_EPOCH pins (reproducible runs and certification)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc).date()
    return date.today()

Scorer = Callable[[ReplyContext], ReplyScore]
Observer = Callable[["Session", "Turn"], None]


class ReplyRejected(TemperError):
    """A reply that cannot be taken (empty, too long, or the conversation is over).

    Nothing changes: the trainee can correct it and send again.
    """


@dataclass(frozen=True)
class Turn:
    index: int  # 1 for the first reply
    customer_before: str  # the line the trainee answered
    reply: str
    latency_s: float
    hostility_before: float
    hostility_after: float
    phase_before: str
    phase_after: str
    score: ReplyScore
    signals: frozenset[str]  # the scorer's plus the simulator's own (slow_reply)
    reactions: tuple[int, ...]  # indexes of the scenario reactions that fired
    customer: str  # what the customer says next (an ending line if it ended)
    line_key: str  # where that line is written in the scenario, e.g. lines.empathy.angry[0]
    line_source: int  # its line number in the file
    also_keys: tuple[str, ...] = ()  # format 2: further lines said in the same turn (answers, thanks)

    @property
    def line_keys(self) -> tuple[str, ...]:
        return (self.line_key, *self.also_keys)

    def to_dict(self) -> dict:
        return {
            "index": self.index,
            "customer_before": self.customer_before,
            "reply": self.reply,
            "latency_s": self.latency_s,
            "hostility": {"before": round(self.hostility_before, 2),
                          "after": round(self.hostility_after, 2)},
            "phase": {"before": self.phase_before, "after": self.phase_after},
            "signals": sorted(self.signals),
            "reactions": list(self.reactions),
            "scores": self.score.to_dict()["dimensions"],
            "customer": self.customer,
            "line": {"key": self.line_key, "source_line": self.line_source,
                     **({"also": list(self.also_keys)} if self.also_keys else {})},
        }


def check_reply(text: object, lang: str | None = "en") -> str:
    """The reply as the session will take it, or ReplyRejected saying why not (in `lang`,
    the session's language)."""
    from simulator.typed import clean_reply

    w = words(lang)
    if not isinstance(text, str):
        raise ReplyRejected(w("a reply must be text"))
    # Whatever reached here typed or pasted: no escape, control, bidi override or lone
    # surrogate goes on to the judge, the transcript, the store or any report.
    text = clean_reply(text).text
    if not text.strip():
        raise ReplyRejected(w("the reply is empty: type something to say to the customer"))
    if len(text) > MAX_REPLY_CHARS:
        raise ReplyRejected(w("the reply is %(length)s characters; keep it under %(limit)s "
                              "(nobody reads a wall of text)",
                              length=f"{len(text):,}", limit=f"{MAX_REPLY_CHARS:,}"))
    return text


class Session:
    def __init__(
        self,
        scenario: Scenario,
        seed: int = 0,
        scorer: Scorer = score_reply,
        observers: Iterable[Observer] = (),
        today: date | None = None,
        corrections: tuple = (),
    ):
        self.scenario = scenario
        self.seed = seed
        # "By Thursday" counts from the day of the session; recorded in the transcript.
        self.today = today or session_date()
        self.corrections = tuple(corrections)  # the centre's corrections of the judge
        self._scorer = scorer
        self.observers = list(observers)
        self.params = curve.params_for(scenario.hostility, scenario.channel)
        h = scenario.hostility
        self.conversation = Conversation(
            breaking_point=h.breaking_point, agrees_below=h.agrees_below,
            gives_up_by=h.gives_up_by, max_turns=h.max_turns, rise_turns=h.rise_turns,
            can_escalate=scenario.policy.can_escalate,
        )
        self._machine = build_machine(self.conversation)
        self._picker = LinePicker(seed)
        self.listener = Listener(scenario, self._picker)
        self.conversation.listens = self.listener.listens
        self._facts = facts_for(scenario)
        self.point = curve.opening(self.params)
        self.conversation.level = self.point.level
        self.turns: list[Turn] = []
        self._used: set[str] = set()  # reaction lines already said
        opening = self._pick(scenario.lines["venting"], self.point.level)
        self.opening_line = opening
        self.listener.agenda.opening = opening.key  # never said again
        self.opening = render(opening, self._facts)
        self._said: list[str] = [self.opening]

    # --- state --------------------------------------------------------------------
    @property
    def phase(self) -> str:
        return self.conversation.state

    @property
    def hostility(self) -> float:
        return self.point.level

    @property
    def finished(self) -> bool:
        return self.phase in ENDINGS

    @property
    def outcome(self) -> str:
        return self.phase if self.finished else "unfinished"

    @property
    def customer_line(self) -> str:
        """What the customer said last: what the trainee is answering."""
        return self._said[-1]

    @property
    def curve_levels(self) -> list[float]:
        return [self.turns[0].hostility_before if self.turns else self.point.level] + [
            t.hostility_after for t in self.turns
        ]

    # --- the turn -----------------------------------------------------------------
    def accepts(self, text: object) -> str:
        """The reply as `reply` will take it, or ReplyRejected saying why not (empty, too
        long, the conversation over): cheap, nothing changes. The desktop checks here on
        its UI thread before it hands the reply to the judge on another."""
        if self.finished:
            raise ReplyRejected(words(self.scenario.language)(
                "the conversation is over (%(outcome)s)",
                outcome=outcome_text(self.outcome, self.scenario.language).split(":")[0].lower()))
        return check_reply(text, self.scenario.language)

    def reply(self, text: str, latency_s: float = 0.0) -> Turn:
        text = self.accepts(text)
        latency_s = max(0.0, float(latency_s))
        s = self.scenario
        # The wait the customer minds is the wait beyond typing (or saying) the reply.
        waited_s = max(0.0, latency_s - curve.typing_allowance(text, s.channel))
        phase_before, level_before = self.phase, self.point.level

        result = self._scorer(ReplyContext(
            reply=text, customer=tuple(self._said[-CONTEXT_LINES:]), phase=phase_before,
            language=s.language, channel=s.channel, customer_name=s.customer.name,
            policy=s.policy, latency_s=waited_s, extra_phrases=s.phrases, today=self.today,
            facts=s.case_facts, offers=s.offers, corrections=self.corrections,
        ))
        reading = result.reading
        heard = self.listener.hear(reading, "over_promised" in result.signals) if self.listener.listens else Heard()
        signals = set(result.signals)
        waited = curve.slow_reply_penalty(waited_s, self.params)
        if waited > 0:
            signals.add("slow_reply")
        signals = frozenset(signals)

        fired = tuple(
            i for i, r in enumerate(s.reactions)
            if signals.intersection(r.when) and (not r.phases or phase_before in r.phases)
        )
        moved = curve.effect_of(signals, self.params) + sum(s.reactions[i].hostility for i in fired)
        faulted = bool(reading.stance_faults)
        if faulted:
            moved = max(moved, STANCE_MIN_EFFECT)
        elif (self.listener.listens and self.listener.agenda.open and not heard.moved_anything
              and not reading.facts and self.point.turn >= s.hostility.rise_turns
              and (phase_before != "venting" or not self.conversation.was_heard)):
            # Patience: once they have vented, a reply that moves nothing on their agenda
            # (no concern addressed, no question, no fact of the case) wears them down.
            moved = max(moved, 0.0) + s.hostility.patience
        before = self.point
        self.point = curve.step(before, moved + waited, self.params)
        # Did the wait itself push the customer over the edge? Then they hang up.
        broke_waiting = waited > 0 and not curve.broke(curve.step(before, moved, self.params), self.params)
        closing = any(a.detail.get(k) for a in reading.of("closing") for k in CLOSING_DETAILS)
        self.conversation.observe(
            self.point.turn, self.point.level, signals, broke_waiting,
            solved=self.listener.all_addressed, addressed_now=bool(heard.addressed),
            mentioned_fact=bool(reading.facts), closing=closing, faulted=faulted)
        for _ in range(MAX_STEPS_PER_REPLY):
            state = self.phase
            self.conversation.advance()
            if self.phase == state or self.finished:
                break

        lines = self._next_lines(fired, heard)
        line = lines[0]
        said = " ".join(render(ln, self._facts) for ln in lines)
        self._said.append(said)
        turn = Turn(
            index=len(self.turns) + 1, customer_before=self._said[-2], reply=text,
            latency_s=latency_s, hostility_before=level_before, hostility_after=self.point.level,
            phase_before=phase_before, phase_after=self.phase, score=result, signals=signals,
            reactions=fired, customer=said, line_key=line.key, line_source=line.source_line,
            also_keys=tuple(ln.key for ln in lines[1:]),
        )
        self.turns.append(turn)
        for observer in self.observers:
            observer(self, turn)
        return turn

    def _pick(self, bands, level: float) -> Line:
        return self._picker.pick(variants_for_band(bands, level))

    def _next_lines(self, fired: tuple[int, ...], heard: Heard) -> list[Line]:
        s = self.scenario
        turn = len(self.turns) + 1
        level = self.point.level
        if self.finished:
            endings = s.endings.get(self.phase) or (
                Line(words(s.language)(DEFAULT_CLOSED), 0, "endings.closed(default)"),)
            return [self.listener.choose(endings, turn, level, heard.asked) or self._picker.pick(endings)]
        # The first reaction with something left to say speaks (its `if:` and `once`
        # honoured); a customer who has used up a reaction's lines goes back to the rest.
        reaction = None
        for i in fired:
            fresh = [line for line in s.reactions[i].lines if line.key not in self._used]
            line = self.listener.choose(fresh, turn, level, heard.asked) if fresh else None
            if line is not None:
                reaction = self._remember(self.listener.say(line, turn))
                break
        if reaction is not None:
            # A reaction speaks first; a listening customer still answers what was asked
            # and acknowledges what the reply gave.
            if self.listener.listens:
                return [reaction] + self.listener.answer(heard, level, turn) + self.listener.thank(heard, level, turn)
            return [reaction]
        if self.listener.listens:
            turn = len(self.turns) + 1
            said = self.listener.respond(heard, self.phase, self.point.level, turn,
                                         vented=self.phase != "venting")
            if said:
                return said
        return [self._pick(s.lines[self.phase], self.point.level)]

    def nudge(self, waited_s: float) -> str | None:
        """What a customer left waiting on a live channel says *during* the wait ("Are you
        still there?"): the scenario's first slow_reply reaction line not yet used (then a
        default), once the grace is over. The reply, when it comes, is judged as usual."""
        s = self.scenario
        if self.finished or not self.params.live or waited_s <= s.hostility.slow_replies.grace_s:
            return None
        turn = len(self.turns) + 1
        for r in s.reactions:
            if "slow_reply" in r.when:
                fresh = [ln for ln in r.lines if ln.key not in self._used]
                line = self.listener.choose(fresh, turn, self.point.level) if fresh else None
                if line is not None:
                    return render(self._remember(line), self._facts)
        return words(s.language)(STILL_THERE)

    def _remember(self, line: Line) -> Line:
        self._used.add(line.key)
        return line

    # --- results ------------------------------------------------------------------
    def score(self) -> SessionScore:
        """The session's marks. One rule for a result, wherever it is shown (app,
        terminal, History, reports): a session passes only with a good ending *and* the
        pass mark. Unfinished, abandoned, escalated and closed-without-agreement never
        pass, however high the marks."""
        marks = score_session([(t.phase_before, t.score) for t in self.turns], self.scenario.rubric,
                              agreed=self.outcome == "resolved")
        # The judge writes its session notes as English msgids: shown in the session's language.
        w = words(self.scenario.language)
        marks = replace(marks, notes=tuple(w(note) for note in marks.notes))
        if self.outcome in GOOD_ENDINGS or not marks.passed:
            return marks
        return replace(marks, passed=False, notes=(w(NOT_PASSED[self.outcome]),) + marks.notes)

    def transcript(self) -> dict:
        """The whole session as plain JSON-able data (no timestamps: it is reproducible)."""
        s = self.scenario
        total = self.score()
        return {
            "format": FORMAT,
            "scenario": s.id,
            "scenario_title": s.title,
            "scenario_sha256": s.sha256,
            "scorer_version": SCORER_VERSION,
            "seed": self.seed,
            "today": self.today.isoformat(),
            "language": s.language,
            "channel": s.channel,
            "outcome": self.outcome,
            "score": round(total.total, 2),
            "passed": total.passed,
            "pass_mark": s.rubric.pass_mark,
            "session": total.to_dict(),
            "opening": self.opening,
            "opening_line": {"key": self.opening_line.key, "source_line": self.opening_line.source_line},
            "hostility_curve": [round(v, 2) for v in self.curve_levels],
            "turns": [t.to_dict() for t in self.turns],
        }
