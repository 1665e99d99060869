"""Resuming an unfinished practice session where it stopped (the app's History ▸ Resume,
`temper play --resume ID`).

    session = resume_session(store, 12, lang="es")   # or CannotResume, saying why
    session.observers.append(store.recorder(12))     # into the same History entry
    session.reply("...")

A session is rebuilt, never restored from a snapshot: its recorded replies (with their
reply times) are played again through the same scenario file, seed, date and judge. That is
deterministic, so the replayed conversation must be the recorded one, turn for turn; if it
is not (the scenario file, the judge or the centre's corrections changed since), the
session is not resumed and the message says so: its report still shows what was recorded.

Certification sittings are not resumed here (`temper certify --resume` does it, under its
lease), nor are the desktop's exams (an exam is sat in one go, under exam conditions: carried
on as practice it would be neither), nor are finished sessions. The messages are in `lang`, the language of whoever
asks (the app's interface, the terminal's locale).
"""

from __future__ import annotations

import json
import os
from datetime import date, datetime
from pathlib import Path

from simulator.errors import TemperError
from simulator.wording import N_, outcome_text, words

#: Why a session cannot be resumed (CannotResume.why).
REASONS = ("finished", "certification", "exam", "missing", "changed", "differs")


class CannotResume(TemperError):
    """The session cannot be resumed; `why` is one of REASONS, the message says it in
    full (and that its report still shows what was recorded)."""

    def __init__(self, message: str, why: str, session_id: int):
        super().__init__(message)
        self.why, self.session_id = why, session_id


class ReplayDiffers(TemperError):
    """Replaying an unfinished session's recorded replies (`ResultsStore.resume`) gave a
    turn other than the recorded one: `turn` is the number of the first. The session is
    left as recorded; the caller says what to do in the reader's language."""

    def __init__(self, session_id: int, turn: int):
        super().__init__(f"cannot resume session {session_id}: replaying its reply {turn} no "
                         "longer gives the turn that was recorded (the scenario, the judge or "
                         "the centre's corrections have changed since it began)")
        self.session_id, self.turn = session_id, turn


def why_not(record) -> str | None:
    """None when `record` (a SessionRecord) can be resumed, else the reason (REASONS) a
    History can tell from the record alone: finished, a certification sitting, or an exam
    sat in the desktop."""
    if record.finished:
        return "finished"
    if record.mode == "certify" or record.attempt_id is not None:
        return "certification"
    if record.mode == "exam":
        return "exam"
    return None


def why_not_text(record, lang: str | None) -> str | None:
    """What History says about a session that cannot be resumed, or None if it can."""
    w = words(lang)
    why = why_not(record)
    if why == "finished":
        return w("Session %(id)s is finished (%(outcome)s): there is nothing to resume; open "
                 "its report instead.", id=record.id, outcome=_outcome(record.outcome, lang))
    if why == "certification":
        return w("Session %(id)s is a certification sitting: it is resumed with `temper certify "
                 "--resume`, not here.", id=record.id)
    if why == "exam":
        return w("Session %(id)s is an exam: an exam is sat in one go, under exam conditions, so "
                 "it is not carried on as practice. Its report shows what was said; start the "
                 "exam again to sit it.", id=record.id)
    return None


def _outcome(outcome: str, lang: str | None) -> str:
    return outcome_text(outcome, lang).split(":")[0].lower()


def session_day(started_at: str | None) -> date | None:
    """The day the session counted from ("by Thursday"): the local date it began on, as
    the session itself took it (SOURCE_DATE_EPOCH, when set, pins it as it did then)."""
    from simulator.session import session_date

    if os.environ.get("SOURCE_DATE_EPOCH", "").strip().isdigit() or not started_at:
        return session_date()
    try:
        return datetime.fromisoformat(started_at.replace("Z", "+00:00")).astimezone().date()
    except ValueError:
        return session_date()


def resume_session(store, session_id: int, *, lang: str | None = "en", scenario=None,
                   corrections: tuple = (), scorer=None):
    """A new Session in exactly the state the unfinished session `session_id` reached, or
    CannotResume saying why not. The caller adds the observer that records its further
    turns into the same History entry (`store.recorder(session_id)` where the store is at
    hand; the app's store thread otherwise).

    `scenario` defaults to the file the session was begun with (it must be unchanged);
    `corrections` must be the centre's corrections in force (the replay is checked
    against what was recorded). If the replayed replies end the conversation (the
    program stopped between the last turn and the end), the session is finished in the
    store and returned finished."""
    from simulator.format.loader import load_scenario

    w = words(lang)
    record = store.session(session_id)
    why = why_not(record)
    if why is not None:
        raise CannotResume(why_not_text(record, lang), why, session_id)
    path = record.scenario_path
    if scenario is None:
        if not Path(path).is_file():
            raise CannotResume(w("Session %(id)s cannot be resumed: its scenario file %(path)s is "
                                 "not there any more. Its report shows what was said.",
                                 id=session_id, path=path), "missing", session_id)
        try:
            scenario = load_scenario(path)
        except TemperError as exc:
            raise CannotResume(w("Session %(id)s cannot be resumed: its scenario file %(path)s "
                                 "cannot be used now (%(error)s). Its report shows what was said.",
                                 id=session_id, path=path, error=str(exc).split("\n")[0]),
                               "missing", session_id) from None
    recorded_sha = store.scenario_sha256(session_id)
    if recorded_sha and scenario.sha256 != recorded_sha:
        raise CannotResume(w("Session %(id)s cannot be resumed: the scenario file %(path)s has "
                             "changed since the session began, so its replies would not play the "
                             "same conversation again. Its report shows what was said; start the "
                             "scenario again to practise it as it is now.",
                             id=session_id, path=path), "changed", session_id)
    session, differs = rebuild(scenario, record, store.turns(session_id),
                               corrections=corrections, scorer=scorer)
    if differs is not None:
        raise CannotResume(w(DIFFERS, id=session_id, turn=differs), "differs", session_id)
    if session.finished:
        store.finish(session_id, session.transcript())
    return session


def rebuild(scenario, record, turns: list[dict], *, corrections: tuple = (), scorer=None):
    """(session, None): a new Session of `record` (a SessionRecord) with its recorded `turns`
    replayed through `scenario`, its seed, the day it began on ("by Thursday" counts from
    then, whatever day it is resumed on) and each reply's recorded time, every replayed turn
    equal to the recorded one; else (None, the number of the first turn that is not).

    `corrections` are the centre's corrections in force; when the replay with them differs,
    one without any is tried (a session begun where they were not applied is carried on as
    it was begun)."""
    from simulator.session import Session

    kwargs = {} if scorer is None else {"scorer": scorer}
    today = session_day(record.started_at)
    differs = None
    for applied in [tuple(corrections)] + ([()] if corrections else []):
        session = Session(scenario, seed=record.seed, today=today, corrections=applied, **kwargs)
        differs = _replay(session, turns)
        if differs is None:
            return session, None
    return None, differs


DIFFERS = N_("Session %(id)s cannot be resumed: replaying its reply %(turn)s no longer gives "
             "the conversation that was recorded (the scenario, the judge or the centre's "
             "corrections have changed since it began). Its report shows what was said; start "
             "the scenario again to practise it as it is now.")


def _replay(session, turns: list[dict]) -> int | None:
    """Play the recorded `turns` into `session`; None when each replayed turn is the
    recorded one, else the number of the first that is not."""
    for recorded in turns:
        number = recorded.get("index", len(session.turns) + 1)
        if session.finished:
            return number
        try:
            replayed = session.reply(recorded["reply"], float(recorded.get("latency_s") or 0.0))
        except (TemperError, TypeError, ValueError):
            return number
        if _plain(replayed.to_dict()) != _plain(recorded):
            return number
    return None


def _plain(data) -> object:
    """`data` as the store keeps it (JSON): tuples are lists, keys are text."""
    return json.loads(json.dumps(data, ensure_ascii=False))
