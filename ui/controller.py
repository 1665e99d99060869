"""The one object that owns a practice session; widgets only display and forward.

    controller = SessionController(customer_delay=1.0)
    controller.start(scenario, seed=7, mode="practice")
    controller.send("I'm so sorry, Margaret.")   # from the reply editor

It turns `simulator.session.Session` into Qt signals: the customer "typing…" for a
short, seeded, realistic delay (a QTimer, never a sleep), then speaking; each reply
scored; the reply clock of live channels; the end of the conversation.

Each reply is judged off the UI thread (a long reply takes the judge a tenth of a second
or more, the first one loads its model): `send` checks the reply at once (empty, too
long: refused there and then), lends the session to one judging thread of its own,
and says `judging(True)`; the window stays responsive, the reply box is disabled and the
customer is shown typing. The judgement comes back by a queued signal and only then does
the controller, on the UI thread, record the turn and show it: the controller stays the
only thing that changes the session, one reply at a time, so the same replies give the
same transcript. `stop` (closing the window, leaving the session) waits for a judgement
under way and records its turn: a reply sent is never lost.

An exam takes the trainee's lease in the results database first, exactly as
`temper certify --trainee` does (`simulator.sitting`): the same trainee cannot sit live
here and in a terminal or another desktop at once. The lease is taken on the store's
thread, renews itself on its own thread while the exam runs, and is released when the
exam ends or is left; `exam_refused` says where the other live sitting is.
"""

from __future__ import annotations

import getpass
import random
import threading
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal

from scoring.model import LIVE_CHANNELS
from simulator.rulebook import curve
from simulator.format.scenario import Scenario
from scoring import score_reply
from simulator.session import ReplyRejected, Session, Turn
from simulator.typed import clean_reply, cleaned_notice

MODES = ("practice", "exam")


def now_iso() -> str:
    """Now in UTC, ISO 8601 (as the results store writes its times)."""
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _local(iso: str | None) -> datetime:
    """A time the store wrote (UTC, ISO 8601) as a local wall-clock time (now if unknown)."""
    try:
        return datetime.fromisoformat(str(iso).replace("Z", "+00:00")).astimezone().replace(tzinfo=None)
    except ValueError:
        return datetime.now()


def default_trainee() -> str:
    try:
        return getpass.getuser() or "trainee"
    except Exception:  # no user name in this environment
        return "trainee"


def customer_delay_s(line: str, rng: random.Random) -> float:
    """How long a customer takes to type `line`: a beat to read, then ~40 chars/s."""
    base = 0.7 + len(line) / 40.0
    return min(3.5, base * rng.uniform(0.8, 1.25))


class _Judgement:
    """One reply on its way through the judge: what was sent, and what came back."""

    def __init__(self, session: Session, text: str, latency_s: float, cleaned):
        self.session, self.text, self.latency_s, self.cleaned = session, text, latency_s, cleaned
        self.turn: Turn | None = None
        self.error: Exception | None = None
        self.seconds = 0.0  # how long the judge took (hidden in the customer's typing)
        self.done = threading.Event()


class _Judge(QRunnable):
    """Runs `Session.reply` on the judging thread; reports back by a queued signal."""

    def __init__(self, judgement: _Judgement, report: Callable[[_Judgement], None]):
        super().__init__()
        self.setAutoDelete(True)
        self._judgement, self._report = judgement, report

    def run(self) -> None:  # on the judging thread
        j = self._judgement
        began = time.monotonic()
        try:
            j.turn = j.session.reply(j.text, latency_s=j.latency_s)
        except Exception as exc:  # said on the UI thread; the reply goes back to the editor
            j.error = exc
        j.seconds = time.monotonic() - began
        j.done.set()
        try:
            self._report(j)
        except RuntimeError:  # the controller was deleted meanwhile: stop() took it already
            pass


@dataclass(frozen=True)
class Message:
    """One line of the chat as shown: who said it, what, and when (wall clock)."""

    who: str  # "customer" | "agent"
    text: str
    at: datetime
    turn: Turn | None = None  # the scored turn, for the trainee's replies


class SessionController(QObject):
    started = Signal(object)  # Scenario
    customer_typing = Signal(bool)
    judging = Signal(bool)  # a reply is with the judge: the reply box takes nothing meanwhile
    _judged = Signal(object)  # a _Judgement, from the judging thread (queued)
    message_added = Signal(object)  # Message
    turn_scored = Signal(object)  # Turn (after the agent's message is shown)
    reply_accepted = Signal()
    reply_rejected = Signal(str)
    reply_cleaned = Signal(str)  # what was taken out of the reply sent (control characters…)
    ready_for_reply = Signal(bool)  # the trainee may send now
    clock_ticked = Signal(float, float)  # seconds waited, hostility it is adding now
    finished = Signal(dict)  # the transcript
    saved = Signal(object)  # the session's id in the results store, once finished there
    exam_refused = Signal(str)  # why the exam could not start (the trainee sits elsewhere)

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        customer_delay: float = 1.0,
        now: Callable[[], float] = time.monotonic,
        store=None,  # a ui.store_worker.StoreWorker, or None to keep nothing
        trainee: str = "",
    ):
        super().__init__(parent)
        self.customer_delay = customer_delay  # 0 in tests: the customer answers at once
        self._now = now
        self.store = store
        self.trainee = trainee
        # The centre's corrections of the judge (simulator.centre), applied to every reply.
        self.corrections: tuple = ()
        self.session: Session | None = None
        self.mode = "practice"
        self.started_at: str | None = None
        self.finished_at: str | None = None
        self.messages: list[Message] = []
        self.recording = None
        self._rng = random.Random(0)
        self._pending: str | None = None
        self._asked_at: float | None = None  # when the customer's line appeared
        self._nudged = False  # "are you still there?" already said during this wait
        self._lease = None  # the trainee's lease while an exam runs (simulator.store.Lease)
        self._generation = 0  # which start() a lease that arrives belongs to
        self._exam_request = None  # (generation, scenario, seed) waiting for its lease
        # What judges each reply (the scorer; tests may hold it to watch the window wait).
        self.scorer = score_reply
        self._judging: _Judgement | None = None
        self._judge_pool = QThreadPool(self)
        self._judge_pool.setMaxThreadCount(1)  # one reply at a time, in order
        self._judged.connect(self._take)
        self._typing_timer = QTimer(self)
        self._typing_timer.setSingleShot(True)
        self._typing_timer.timeout.connect(self._customer_speaks)
        self._clock = QTimer(self)
        self._clock.setInterval(1000)
        self._clock.timeout.connect(self._tick)

    # --- state the widgets may read ------------------------------------------------
    @property
    def scenario(self) -> Scenario | None:
        return self.session.scenario if self.session else None

    @property
    def live(self) -> bool:
        return bool(self.session) and self.session.scenario.channel in LIVE_CHANNELS

    @property
    def exam(self) -> bool:
        return self.mode == "exam"

    @property
    def waiting_for_customer(self) -> bool:
        return self._pending is not None or self._judging is not None

    @property
    def is_judging(self) -> bool:
        """A reply is with the judge (the session is lent to the judging thread)."""
        return self._judging is not None

    @property
    def can_reply(self) -> bool:
        return (bool(self.session) and self._judging is None and not self.session.finished
                and self._pending is None)

    def waited_s(self) -> float:
        return 0.0 if self._asked_at is None else max(0.0, self._now() - self._asked_at)

    # --- actions --------------------------------------------------------------------
    def start(self, scenario: Scenario, seed: int = 0, mode: str = "practice") -> None:
        if mode not in MODES:
            raise ValueError(f"mode must be one of {MODES}, not {mode!r}")
        self.stop()
        if mode == "exam" and self.store is not None:
            # The trainee's lease first (on the store's thread); the exam begins when it
            # is held, or `exam_refused` says why not.
            from simulator.sitting import AlreadySitting, hold_trainee

            trainee = self.trainee or default_trainee()
            self.session = None  # nothing to reply to until the exam begins
            generation = self._generation
            self._exam_request = (generation, scenario, seed)
            what = f"{trainee}'s exam in the Temper desktop ({scenario.title})"

            def take(store):
                try:
                    return generation, hold_trainee(store, trainee, what), None
                except AlreadySitting as exc:
                    return generation, None, exc
            self.store.call(take, self._lease_answered, self._lease_failed)
            return
        self._begin(scenario, seed, mode)

    def _lease_answered(self, answer) -> None:
        generation, lease, refused = answer
        request = self._exam_request
        if request is None or request[0] != generation or generation != self._generation:
            if lease is not None:  # asked for by a start() since left: not needed
                self.store.call(lambda _store: lease.release())
            return
        self._exam_request = None
        if refused is not None:
            self.exam_refused.emit(self._refusal(refused))
            return
        self._lease = lease
        self._begin(request[1], request[2], "exam")

    def _lease_failed(self, exc: Exception) -> None:
        """The results database could not be used: an exam is never sat unrecorded."""
        if self._exam_request is None or self._exam_request[0] != self._generation:
            return
        self._exam_request = None
        self.exam_refused.emit(self.tr(
            "The exam needs the results database, which cannot be used: {error}").format(error=exc))

    def _refusal(self, exc) -> str:
        return self.tr(
            "{trainee} is already sitting live elsewhere: {what} (process {pid} on {host}, "
            "since {since}; last heard from {heard} s ago).\n\nFinish or stop that one first "
            "(type /quit in its terminal, or end the session in that desktop). If it is gone "
            "for good, try again in {wait} s.").format(
            trainee=exc.trainee, what=exc.what, pid=exc.pid, host=exc.host, since=exc.since,
            heard=f"{exc.heard_s:.0f}", wait=f"{exc.wait_s:.0f}")

    def _release_lease(self) -> None:
        lease, self._lease = self._lease, None
        if lease is None:
            return
        if self.store is not None:  # after every write already queued; joins its thread there
            self.store.call(lambda _store: lease.release())
        else:
            lease.release()

    @property
    def holds_lease(self) -> bool:
        """An exam is running under the trainee's lease in the results database."""
        return self._lease is not None

    def _begin(self, scenario: Scenario, seed: int, mode: str) -> None:
        self.mode = mode
        self.started_at, self.finished_at = now_iso(), None
        self.messages = []
        self._rng = random.Random(seed)
        self.recording = None
        if self.store is not None:
            from ui.store_worker import SessionRecording

            self.recording = SessionRecording(self.store, trainee=self.trainee or default_trainee(),
                                              scenario=scenario, seed=seed, mode=mode,
                                              lease=self._lease)
        # Each turn is recorded by _take, on the UI thread, once its judgement is back.
        self.session = Session(scenario, seed=seed, scorer=self.scorer,
                               corrections=self.corrections)
        self.started.emit(scenario)
        self._customer_types(self.session.opening)

    def resume(self, session: Session, session_id: int, *, mode: str = "practice",
               started_at: str | None = None) -> None:
        """Carry on `session`, an unfinished one rebuilt from History entry `session_id`
        (simulator.resume): the conversation so far is shown at once, as it was, and the
        trainee's next reply is recorded into the same entry."""
        self.stop()
        self.mode = mode if mode in MODES else "practice"
        self.started_at, self.finished_at = started_at or now_iso(), None
        self.messages = []
        self._rng = random.Random(session.seed)
        self.recording = None
        if self.store is not None:
            from ui.store_worker import SessionRecording

            self.recording = SessionRecording.resumed(self.store, session_id)
        self.session = session
        self.started.emit(session.scenario)
        # The store keeps when the session began, not when each line was said.
        at = _local(self.started_at)
        self._add(Message("customer", session.opening, at))
        for turn in session.turns:
            self._add(Message("agent", turn.reply, at, turn))
            self.turn_scored.emit(turn)
            self._add(Message("customer", turn.customer, at))
        if session.finished:
            self._finish()
        else:
            self._await_reply()

    def send(self, text: str) -> bool:
        """Hand the trainee's reply to the session; False (and why) if it is refused."""
        if self.session is None:
            self.reply_rejected.emit(self.tr("choose a scenario first"))
            return False
        if self._judging is not None:
            self.reply_rejected.emit(self.tr(
                "your reply is still being read: wait for the customer's answer"))
            return False
        if self._pending is not None:
            self.reply_rejected.emit(self.tr("the customer is still typing: wait for their message"))
            return False
        latency = self.waited_s()
        # Pasted escapes, controls, bidi overrides and lone surrogates never reach the
        # judge, the transcript or the store; the trainee is told what went.
        cleaned = clean_reply(text)
        try:
            checked = self.session.accepts(cleaned.text)  # refused at once, nothing sent
        except ReplyRejected as exc:
            self.reply_rejected.emit(str(exc))
            return False
        self._clock.stop()  # the trainee's wait ends when they send
        judgement = _Judgement(self.session, checked, latency, cleaned)
        self._judging = judgement
        self.ready_for_reply.emit(False)
        self.judging.emit(True)
        self.customer_typing.emit(True)  # the customer reads it and starts answering
        self._judge_pool.start(_Judge(judgement, self._judged.emit))
        return True

    def settle(self, timeout_s: float = 60.0) -> bool:
        """Wait (on the UI thread) for a reply still with the judge and take its turn now:
        recorded, shown. False if the judge did not answer within `timeout_s`."""
        judgement = self._judging
        if judgement is None:
            return True
        if not judgement.done.wait(timeout_s):
            return False
        self._take(judgement)
        return True

    def _take(self, judgement: _Judgement) -> None:
        """The judge is back (UI thread): record the turn and show it, the customer typing."""
        if judgement is not self._judging:
            return  # settled already (stop() took it), or a session left behind
        self._judging = None
        self.judging.emit(False)
        if judgement.error is not None:
            # Nothing was taken: the reply is still in the editor; the wait goes on.
            self.customer_typing.emit(False)
            error = judgement.error
            if isinstance(error, ReplyRejected):
                self.reply_rejected.emit(str(error))
            else:
                from ui.language import said

                self.reply_rejected.emit(self.tr(
                    "the reply could not be judged ({error}); it is still here: send it "
                    "again").format(error=said(error)))
            self._await_reply(restart=False)
            return
        turn = judgement.turn
        self._asked_at = None
        if self.recording is not None:
            self.recording.on_turn(self.session, turn)
        self.reply_accepted.emit()
        if judgement.cleaned.changed:
            self.reply_cleaned.emit(cleaned_notice(judgement.cleaned, self.session.scenario.language))
        self._add(Message("agent", turn.reply, datetime.now(), turn))
        self.turn_scored.emit(turn)
        self._customer_types(turn.customer, already_s=judgement.seconds)

    def stop(self) -> None:
        """Stop every timer (closing the window, starting another session); an exam left
        unfinished gives its lease back (its turns stay recorded, unfinished). A reply
        still with the judge is waited for and recorded first; a conversation it ended is
        recorded as finished."""
        self.settle()
        if (self.session is not None and self.session.finished and self.finished_at is None
                and self.recording is not None and self._pending is not None):
            # The last reply ended it; the window goes before the customer's last line shows.
            self.finished_at = now_iso()
            self.recording.finish(self.session.transcript(), self._saved)
        self._typing_timer.stop()
        self._clock.stop()
        self._pending = None
        self._asked_at = None
        self._generation += 1  # a lease still on its way is for a start() left behind
        self._release_lease()

    def transcript(self) -> dict:
        return self.session.transcript() if self.session else {}

    # --- the customer ---------------------------------------------------------------
    def _customer_types(self, line: str, already_s: float = 0.0) -> None:
        """The customer types `line`; `already_s` of it went by while the judge read the reply."""
        self._pending = line
        self.ready_for_reply.emit(False)
        self.customer_typing.emit(True)
        delay = customer_delay_s(line, self._rng) * max(0.0, self.customer_delay)
        self._typing_timer.start(int(max(0.0, delay - already_s) * 1000))

    def _customer_speaks(self) -> None:
        line, self._pending = self._pending, None
        if line is None or self.session is None:
            return
        self.customer_typing.emit(False)
        self._add(Message("customer", line, datetime.now()))
        if self.session.finished:
            self._finish()
            return
        self._await_reply()

    def _await_reply(self, restart: bool = True) -> None:
        """The customer has spoken: the trainee's turn (and, on live channels, the clock's).
        `restart=False` carries on the wait already counting (a reply that was not taken)."""
        if restart or self._asked_at is None:
            self._asked_at = self._now()
            self._nudged = False
        if self.live:
            self._clock.start()
            self.clock_ticked.emit(0.0, 0.0)
        self.ready_for_reply.emit(True)

    def _tick(self) -> None:
        if self.session is None or self._asked_at is None:
            return
        waited = self.waited_s()
        self.clock_ticked.emit(waited, curve.slow_reply_penalty(waited, self.session.params))
        if not self._nudged:
            nudge = self.session.nudge(waited)
            if nudge:
                # "Are you still there?" while the trainee is still silent, not after.
                self._nudged = True
                self._add(Message("customer", nudge, datetime.now()))

    def sitting(self) -> dict:
        """Who sits the session, how and when: what a report shows beside the transcript."""
        out = {"trainee": self.trainee or default_trainee(), "mode": self.mode,
               "started_at": self.started_at}
        return {**out, "finished_at": self.finished_at} if self.finished_at else out

    def _finish(self) -> None:
        self._clock.stop()
        self.finished_at = now_iso()
        transcript = self.session.transcript()
        if self.recording is not None:
            self.recording.finish(transcript, self._saved)
        self._release_lease()  # after the finish is written (the store's calls run in order)
        self.ready_for_reply.emit(False)
        self.finished.emit(transcript)

    def _saved(self, session_id) -> None:
        self.saved.emit(session_id)

    def _add(self, message: Message) -> None:
        self.messages.append(message)
        self.message_added.emit(message)
