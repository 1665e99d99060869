"""The results store: every session a trainee sits, written turn by turn.

    store = open_store()                       # data_dir()/results.sqlite3, or a path
    sid = store.begin(trainee="ana", scenario=scenario, seed=1, mode="practice")
    session = Session(scenario, seed=1, observers=[store.recorder(sid)])
    session.reply("I'm so sorry...", 4.0)     # the turn is committed before reply() returns
    store.finish(sid, session.transcript())
    store.sessions(trainee="ana")              # newest first, as SessionRecord

A crash loses nothing but the reply being typed: `unfinished()` lists the sessions that
never reached `finish`, and `resume(sid)` replays their recorded replies into a new
`Session` (deterministic: same scenario, seed and replies give the same conversation)
that goes on recording where the old one stopped.

Certification adds **attempts**: one trainee's sitting of one plan, whose sessions are
its sittings (so an interrupted exam resumes after the sittings already finished), and
whose result is recorded before any result file is written (so the files can be
written again from the store). A **lease** (`acquire`) is a lock kept in the database
itself, renewed by a heartbeat while its holder lives: the same trainee cannot sit in
two terminals at once, and a holder killed outright frees it (at once on the same
machine, after `LEASE_TTL_S` elsewhere).

`ResultsStore` is the interface; `SQLStore` implements it once, in SQLAlchemy Core, for
both engines: `SQLiteStore` (a desktop's file, the default) and `PostgresStore` (a
centre's server that every desktop points at: `open_store("postgresql://USER@HOST/DB")`).
Callers use only the methods below, never SQL. On PostgreSQL the rows a transaction
checks are locked (`FOR UPDATE`/`FOR SHARE`) and acquiring a lease takes an advisory
lock on its name, which is what SQLite's `BEGIN IMMEDIATE` gives on a desktop; a
database that holds tables but no Temper schema, or a newer one, is refused untouched.

The schema is one Alembic migration history for both engines (`simulator.migrations`),
run when a store is opened, all steps in one transaction: a database from an earlier
Temper (even from before Alembic) is upgraded in place, at once or not at all.

The SQLite file is checked before anything is
written to it (SQLite's `PRAGMA integrity_check`, which includes `quick_check`, and the
exact schema of its version, on a read-only connection): a damaged file, one from a newer Temper, or one that is not a Temper
database is refused with a message and never modified, not even switched to WAL.
"""

from __future__ import annotations

import abc
import json
import os
import re
import secrets
import socket
import sqlite3
import stat
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable

from simulator.errors import L_, TemperError, UsageError
from simulator.paths import data_dir

if TYPE_CHECKING:  # pragma: no cover - typing only
    from simulator.format.scenario import Scenario
    from simulator.session import Session, Turn

MODES: tuple[str, ...] = ("practice", "exam", "certify")
DEFAULT_FILE = "results.sqlite3"
#: A lease not renewed for this long is free (its holder died on another machine).
LEASE_TTL_S = 30.0


def default_path() -> Path:
    return data_dir() / DEFAULT_FILE


def now_iso() -> str:
    """UTC, to the second, sortable as text."""
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


@dataclass(frozen=True)
class SessionRecord:
    id: int
    trainee: str
    scenario_id: str
    scenario_title: str
    scenario_path: str
    seed: int
    mode: str
    started_at: str  # ISO 8601, UTC
    finished_at: str | None  # None while unfinished
    outcome: str  # resolved | escalated | abandoned | unfinished
    score: float | None  # 0..100, None while unfinished
    passed: bool | None  # None while unfinished
    attempt_id: int | None = None  # the certification attempt it is a sitting of
    entry_id: str | None = None  # which sitting of the plan

    @property
    def finished(self) -> bool:
        return self.finished_at is not None


@dataclass(frozen=True)
class AttemptRecord:
    """One trainee's sitting of one certification plan."""

    id: int
    trainee: str
    plan_id: str
    exam_sha256: str  # the plan and every scenario it names, as sat
    mode: str  # interactive | batch
    source_sha256: str  # batch: the trainee's reply files
    started_at: str
    finished_at: str | None  # the result is recorded
    written_at: str | None  # its files were written

    @property
    def finished(self) -> bool:
        return self.finished_at is not None


@dataclass(frozen=True)
class CertifiedAttempt:
    """A finished attempt to record at once (batch certification)."""

    trainee: str
    plan_id: str
    exam_sha256: str
    mode: str
    result: dict  # the unsigned result
    sittings: tuple  # (entry_id, Scenario, transcript) for each sitting with replies
    source_sha256: str = ""


class LeaseHeld(TemperError):
    """Someone else holds the lease: says who, where and since when."""

    exit_code = 2

    def __init__(self, name: str, holder: dict, ttl_s: float):
        self.name, self.holder, self.ttl_s = name, holder, ttl_s
        ago = max(0.0, float(holder.get("ago") or 0.0))  # by the database's clock
        self.where = L_("%(what)s (process %(pid)s on %(host)s, since %(since)s; last heard from "
                        "%(ago)s s ago)", what=holder["what"] or L_("a Temper"), pid=holder["pid"],
                        host=holder["host"], since=holder["acquired_at"], ago=f"{ago:.0f}")
        self.wait_s = max(1.0, ttl_s - ago)
        super().__init__(L_("%(name)s is held by %(where)s", name=name, where=self.where))


class Lease:
    """A lock kept in the store, renewed in the background until released."""

    def __init__(self, store: "ResultsStore", name: str, token: str, ttl_s: float):
        self.store, self.name, self.token, self.ttl_s = store, name, token, ttl_s
        self.lost = False
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._beat, name=f"lease {name}", daemon=True)
        self._thread.start()

    def _beat(self) -> None:
        while not self._stop.wait(self.ttl_s / 4):
            try:
                if not self.store._renew_lease(self.name, self.token):
                    self.lost = True
                    return
            except Exception:  # a busy or vanished store: try again at the next beat
                continue

    def release(self) -> None:
        self._stop.set()
        if self._thread is not threading.current_thread():
            self._thread.join(timeout=5)
        if not self.lost:
            try:
                self.store._release_lease(self.name, self.token)
            except TemperError:
                pass  # it expires by itself

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.release()


class ResultsStore(abc.ABC):
    """Where sessions and their turns are kept. Implementations must commit each call."""

    path: str  # for messages: the file or server the results live in
    lease_ttl_s: float = LEASE_TTL_S

    @abc.abstractmethod
    def begin(self, *, trainee: str, scenario: "Scenario", seed: int, mode: str,
              attempt_id: int | None = None, entry_id: str | None = None) -> int:
        """Start a session (a sitting of `attempt_id` when given); returns its id."""

    @abc.abstractmethod
    def record_turn(self, session_id: int, turn: dict, lease: Lease | None = None) -> None:
        """Keep one turn (`Turn.to_dict()`), durably, before returning.

        A turn already recorded differently, a finished session, or a `lease` that is no
        longer held (the session was taken over elsewhere) is a TemperError."""

    @abc.abstractmethod
    def finish(self, session_id: int, transcript: dict) -> None:
        """Close a session with its whole transcript (`Session.transcript()`)."""

    @abc.abstractmethod
    def sessions(self, trainee: str | None = None,
                 skipped: list[str] | None = None) -> list[SessionRecord]:
        """Every session (of one trainee), newest first; damaged rows are left out and
        described in `skipped`."""

    @abc.abstractmethod
    def session(self, session_id: int) -> SessionRecord:
        """One session's record; TemperError when there is none."""

    @abc.abstractmethod
    def turns(self, session_id: int) -> list[dict]:
        """The turns recorded so far, in order; TemperError naming a damaged one."""

    @abc.abstractmethod
    def transcript(self, session_id: int) -> dict:
        """The finished transcript; for an unfinished session, what was recorded so far.
        TemperError when it is damaged."""

    @abc.abstractmethod
    def transcripts(self, trainee: str | None = None, mode: str | None = None,
                    skipped: list[str] | None = None) -> list[dict]:
        """Every finished transcript (with `trainee` and `mode` added), oldest first;
        damaged ones are left out and described in `skipped`."""

    @abc.abstractmethod
    def cohort_sessions(self, trainee: str | None = None, mode: str | None = None,
                        skipped: list[str] | None = None) -> list[dict]:
        """What the cohort report reads of every finished session, oldest first: each
        transcript's digest (`simulator.cohort.digest`, kept since it was recorded), with
        `id`, `trainee`, `mode` and the store's `started_at`; damaged ones are left out and
        described in `skipped`."""

    @abc.abstractmethod
    def scenario_sha256(self, session_id: int) -> str:
        """The hash of the scenario file the session was begun with."""

    # --- certification attempts --------------------------------------------------------
    @abc.abstractmethod
    def begin_attempt(self, *, trainee: str, plan_id: str, exam_sha256: str, mode: str,
                      source_sha256: str = "") -> int:
        """Start an attempt at a plan; returns its id."""

    @abc.abstractmethod
    def attempts(self, trainee: str | None = None, exam_sha256: str | None = None,
                 source_sha256: str | None = None) -> list[AttemptRecord]:
        """Attempts, newest first."""

    @abc.abstractmethod
    def attempt_sessions(self, attempt_id: int) -> list[SessionRecord]:
        """The sessions (sittings) of an attempt, oldest first."""

    @abc.abstractmethod
    def finish_attempt(self, attempt_id: int, result: dict) -> None:
        """Record the attempt's (unsigned) result: before any of its files is written."""

    @abc.abstractmethod
    def attempt_result(self, attempt_id: int) -> dict:
        """The recorded result; TemperError when there is none or it is damaged."""

    @abc.abstractmethod
    def record_attempts(self, items: Iterable[CertifiedAttempt]) -> list[int]:
        """Finished attempts with their sittings, all at once (one transaction)."""

    @abc.abstractmethod
    def mark_written(self, attempt_ids: Iterable[int]) -> None:
        """The attempts' result files have been written."""

    # --- the centre's corrections of the judge ----------------------------------------
    @abc.abstractmethod
    def corrections(self, skipped: list[str] | None = None) -> tuple:
        """The corrections kept (`scoring.model.Correction`), oldest first; damaged rows are
        left out and described in `skipped`."""

    @abc.abstractmethod
    def add_corrections(self, items: Iterable, merge: str = "append") -> tuple[int, int]:
        """Keep corrections, in one transaction: (added, already kept).

        `merge` says which are kept already: "append" none (a trainer's new correction is
        kept even if the same was made before); "same" one of the same reply, language,
        kind and verdict, whoever made it (`temper corrections import`, `db copy`);
        "exact" one identical in every field, counted (a file moved in, once per line)."""

    # --- leases ------------------------------------------------------------------------
    @abc.abstractmethod
    def acquire(self, name: str, what: str = "") -> Lease:
        """Hold the lease `name` (renewed in the background) or raise LeaseHeld."""

    @abc.abstractmethod
    def _renew_lease(self, name: str, token: str) -> bool:
        """Renew a held lease; False when it is held by someone else now."""

    @abc.abstractmethod
    def _release_lease(self, name: str, token: str) -> None: ...

    @abc.abstractmethod
    def close(self) -> None: ...

    # --- built on the methods above --------------------------------------------------
    def record_finished(self, *, trainee: str, scenario: "Scenario", mode: str,
                        transcript: dict) -> int:
        """A whole finished session at once; returns its id."""
        sid = self.begin(trainee=trainee, scenario=scenario, seed=int(transcript.get("seed", 0)),
                         mode=mode)
        self.finish(sid, transcript)
        return sid

    def record_finished_many(self, items) -> list[int]:
        """`record_finished` for each (trainee, scenario, mode, transcript)."""
        return [self.record_finished(trainee=t, scenario=s, mode=m, transcript=tr)
                for t, s, m, tr in items]

    def unfinished(self, trainee: str | None = None) -> list[SessionRecord]:
        return [r for r in self.sessions(trainee) if not r.finished]

    def recorder(self, session_id: int, lease: Lease | None = None
                 ) -> Callable[["Session", "Turn"], None]:
        """A Session observer that records every turn as it happens."""

        def record(session: "Session", turn: "Turn") -> None:
            self.record_turn(session_id, turn.to_dict(), lease=lease)

        record.session_id = session_id  # type: ignore[attr-defined]
        return record

    def resume(self, session_id: int, scenario: "Scenario | None" = None,
               scorer=None, lease: Lease | None = None,
               corrections: tuple = ()) -> "Session":
        """A new Session in the state the interrupted one reached, recording onwards.

        The recorded replies (with their reply times) are replayed with the same seed, on
        the day the session began (`today`, whatever day it is now) and with `corrections`
        (the centre's corrections the session is judged with; none tried too); every
        replayed turn must be the recorded one, else ReplayDiffers names the first that is
        not and nothing is recorded. `scenario` defaults to the file the session was begun
        with, which must not have changed since (its hash is checked). If the replies end
        the conversation (the process died after the last turn was kept), the session is
        finished here.
        """
        from simulator.format.loader import load_scenario
        from simulator.resume import ReplayDiffers, rebuild

        record = self.session(session_id)
        if record.finished:
            raise UsageError(L_("session %(id)s is already finished (%(outcome)s); nothing to "
                                "resume", id=session_id, outcome=record.outcome))
        if scenario is None:
            from simulator.safetext import path_from_text

            scenario = load_scenario(path_from_text(record.scenario_path))
        recorded_sha = self.scenario_sha256(session_id)
        if recorded_sha and scenario.sha256 != recorded_sha:
            raise TemperError(L_(
                "cannot resume session %(id)s: the scenario file %(file)s has changed since the "
                "session began, so its replies would not replay the same conversation; start the "
                "scenario again", id=session_id, file=record.scenario_path))
        session, differs = rebuild(scenario, record, self.turns(session_id),
                                   corrections=corrections, scorer=scorer)
        if differs is not None:
            raise ReplayDiffers(session_id, differs)
        session.observers.append(self.recorder(session_id, lease))
        if session.finished:
            self.finish(session_id, session.transcript())
        return session

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()


# --- SQLite ------------------------------------------------------------------------------

#: The newest schema this Temper knows: the number of steps in its migration history
#: (simulator/migrations/versions, one history for both engines).
SCHEMA_VERSION = 5
#: How many times opening retries when another Temper changed the file meanwhile.
_OPEN_TRIES = 5

_COLUMNS = ("id, trainee, scenario_id, scenario_title, scenario_path, seed, mode, "
            "started_at, finished_at, outcome, score, passed, attempt_id, entry_id")
_ATTEMPT_COLUMNS = ("id, trainee, plan_id, exam_sha256, mode, source_sha256, started_at, "
                    "finished_at, written_at")


def _dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False)


def _digest_of(text) -> dict:
    """The cohort's digest of a stored transcript's text, made once, when the transcript
    is written, and kept in `sessions.digest` (`_digest_text`): ``{"v": DIGEST_VERSION,
    "cut": simulator.cohort.digest(…)}``, or for a transcript the reports cannot use
    ``{"v": …, "damaged": why}`` in `transcript_problem`'s words, so that the cohort report
    skips it as `transcripts()` does without reading the transcript again. Made from the
    text, not from the dict it was written from, so it says what a report reading that
    text would."""
    from simulator.cohort import DIGEST_VERSION, digest
    from simulator.transcript import transcript_problem

    t = _loads(text)
    problem = _NOT_JSON if t is _BROKEN else transcript_problem(t)
    if problem:
        return {"v": DIGEST_VERSION, "damaged": str(problem)}
    return {"v": DIGEST_VERSION, "cut": digest(t)}


def _digest_text(text) -> str | None:
    """What `sessions.digest` holds for a transcript's text (None for no transcript): one
    JSON array of the cut's values in `_DIGEST_FIELDS` order, cheap to read back for
    10,000 sessions, or ``{"v": DIGEST_VERSION, "damaged": why}``."""
    if text is None:
        return None
    d = _digest_of(text)
    if "damaged" in d:
        return _dumps(d)
    c = d["cut"]
    turn = c["turns"][0] if c["turns"] else None
    mark = c.get("pass_mark")
    return json.dumps([
        d["v"], c["scenario"], c["outcome"], c["score"], c["passed"],
        mark if _number(mark) else None,  # all `summarise` reads of a pass mark
        c.get("scenario_title"), c.get("language"),
        c["session"]["dimensions"] if "session" in c else None,
        None if turn is None else turn["signals"],  # None: no turns
        None if turn is None else turn["scores"]["apology"]["score"],
        None if turn is None else turn["scores"]["closure"]["score"],
    ], ensure_ascii=False, separators=(",", ":"))


#: The values of a kept cut, in the order `_digest_text` writes them.
_DIGEST_FIELDS = ("v", "scenario", "outcome", "score", "passed", "pass_mark", "scenario_title",
                  "language", "dimensions", "signals", "apology", "closure")


def _kept_digest(text, version: int | None = None) -> dict | None:
    """A digest read back from `sessions.digest` (as `_digest_of` gives it), or None when
    it must be made again from the transcript: none kept (a row written by hand or by an
    older Temper; the database clears it when the transcript is changed), another
    `version`'s (default: this Temper's), or one that is not what `_digest_text` writes
    (a digest is checked, never trusted: the report cannot trip on it)."""
    if version is None:
        from simulator.cohort import DIGEST_VERSION as version
    if text is None:
        return None
    d = _loads(text)
    if isinstance(d, dict):
        return d if d.get("v") == version and isinstance(d.get("damaged"), str) else None
    if not isinstance(d, list) or len(d) != len(_DIGEST_FIELDS) or d[0] != version:
        return None
    _, scenario, outcome, score, passed, mark, title, lang, dims, signals, apology, closure = d
    if not (isinstance(scenario, str) and isinstance(outcome, str)
            and (score is None or _number(score)) and (passed is None or isinstance(passed, bool))
            and (mark is None or _number(mark)) and (title is None or isinstance(title, str))
            and (lang is None or isinstance(lang, str))):
        return None
    cut = {"scenario": scenario, "outcome": outcome, "score": score, "passed": passed}
    for key, value in (("pass_mark", mark), ("scenario_title", title), ("language", lang)):
        if value is not None:
            cut[key] = value
    if dims is not None:
        if not isinstance(dims, dict):
            return None
        for v in dims.values():  # the keys are text: JSON's are
            if v is not None and not _number(v):
                return None
        cut["session"] = {"dimensions": dims}
    if signals is None:
        cut["turns"] = []
    else:
        if not (isinstance(signals, list) and _number(apology) and _number(closure)):
            return None
        for s in signals:
            if not isinstance(s, str):
                return None
        cut["turns"] = [{"signals": signals, "scores": {"apology": {"score": apology},
                                                        "closure": {"score": closure}}}]
    return {"v": version, "cut": cut}


def _number(v) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


_NOT_JSON = "it is not JSON"


def _problem_text(problem: str):
    """A kept digest's problem, in words translated where they have a msgid."""
    return L_("it is not JSON") if problem == _NOT_JSON else problem


class SQLStore(ResultsStore):
    """The store's queries, written once over SQLAlchemy Core for both engines.

    Subclasses open the engine (`SQLiteStore`: a checked file; `PostgresStore`: a
    server) and say how a writing transaction starts. The SQL here is the part both
    engines speak alike (named parameters, ``RETURNING id``, ``ON CONFLICT``); the few
    words that differ are attributes (`_lock_row`, `_share_row`)."""

    _lock_row = ""  # appended to a SELECT that the transaction will change (PostgreSQL: FOR UPDATE)
    #: The database's clock, in seconds since 1970: leases are renewed and expire by it, so
    #: a desktop whose clock is wrong neither takes a live lease nor waits for one forever.
    #: SQLite has no server: its clock is the one SQLite reads from the operating system of
    #: the machine using the file (a desktop's own file has no other).
    _now_sql = "((julianday('now') - 2440587.5) * 86400.0)"
    _share_row = ""  # appended to a SELECT that must not change until commit (FOR SHARE)

    def __init__(self, engine, name: str):
        self.path = name
        self._engine = engine
        self._lock = threading.RLock()  # the lease heartbeat shares the connection

    # --- writing -----------------------------------------------------------------
    def begin(self, *, trainee: str, scenario: "Scenario", seed: int, mode: str,
              attempt_id: int | None = None, entry_id: str | None = None) -> int:
        if mode not in MODES:
            raise UsageError(L_("unknown session mode '%(mode)s' (expected one of %(modes)s)",
                                mode=mode, modes=", ".join(MODES)))
        if not str(trainee).strip():
            raise UsageError(L_("the trainee's name must not be empty"))
        from scoring import SCORER_VERSION

        with self._write() as db:
            return int(db.execute(_sql(
                "INSERT INTO sessions (trainee, scenario_id, scenario_title, scenario_path, "
                "scenario_sha256, seed, mode, scorer_version, started_at, attempt_id, entry_id) "
                "VALUES (:trainee, :sid, :title, :path, :sha, :seed, :mode, :scorer, :at, "
                ":attempt, :entry) RETURNING id"),
                dict(trainee=str(trainee).strip(), sid=scenario.id, title=scenario.title,
                     path=_abs(scenario.path), sha=scenario.sha256, seed=int(seed), mode=mode,
                     scorer=SCORER_VERSION, at=now_iso(), attempt=attempt_id, entry=entry_id),
            ).scalar_one())

    def record_turn(self, session_id: int, turn: dict, lease: Lease | None = None) -> None:
        data = _dumps(turn)
        with self._write() as db:
            row = db.execute(_sql("SELECT finished_at FROM sessions WHERE id = :id" + self._share_row),
                             dict(id=session_id)).fetchone()
            if row is None:
                raise UsageError(L_("no session %(id)s in %(store)s", id=session_id, store=self.path))
            if lease is not None:
                held = db.execute(_sql("SELECT holder FROM leases WHERE name = :n" + self._share_row),
                                  dict(n=lease.name)).fetchone()
                if held is None or held[0] != lease.token:
                    raise TemperError(L_(
                        "session %(id)s has been taken over elsewhere (%(lease)s is no longer "
                        "held here, e.g. this terminal was suspended for a long time); this reply "
                        "was not recorded: carry on in the other terminal",
                        id=session_id, lease=lease.name))
            cur = db.execute(_sql(
                "INSERT INTO turns (session_id, idx, recorded_at, data) VALUES (:s, :i, :at, :d) "
                "ON CONFLICT (session_id, idx) DO NOTHING"),
                dict(s=session_id, i=int(turn["index"]), at=now_iso(), d=data))
            if cur.rowcount == 0:
                (kept,) = db.execute(_sql("SELECT data FROM turns WHERE session_id = :s AND idx = :i"),
                                     dict(s=session_id, i=int(turn["index"]))).fetchone()
                if _loads(kept) != turn:
                    raise TemperError(L_(
                        "turn %(turn)s of session %(id)s was already recorded with another reply: "
                        "the session is being sat somewhere else too; this reply was not recorded",
                        turn=turn["index"], id=session_id))
            elif row[0] is not None:
                raise TemperError(L_("session %(id)s is finished: no turn can be added to it",
                                     id=session_id))

    def finish(self, session_id: int, transcript: dict) -> None:
        data = _dumps(transcript)
        with self._write() as db:
            row = db.execute(_sql("SELECT finished_at, transcript FROM sessions WHERE id = :id"
                                  + self._lock_row), dict(id=session_id)).fetchone()
            if row is None:
                raise UsageError(L_("no session %(id)s in %(store)s", id=session_id, store=self.path))
            if row[0] is not None:
                if _loads(row[1]) == transcript:
                    return  # finished already, the same way (a resumed process did it)
                raise TemperError(L_("session %(id)s is already finished with another transcript: "
                                     "it was sat somewhere else too", id=session_id))
            turns = [dict(s=session_id, i=int(t["index"]), at=now_iso(), d=_dumps(t))
                     for t in transcript.get("turns", ())]
            if turns:
                db.execute(_sql(
                    "INSERT INTO turns (session_id, idx, recorded_at, data) VALUES (:s, :i, :at, :d) "
                    "ON CONFLICT (session_id, idx) DO NOTHING"), turns)
            db.execute(_sql(
                "UPDATE sessions SET finished_at = :at, outcome = :o, score = :sc, passed = :p, "
                "transcript = :t, digest = :g, scorer_version = :v WHERE id = :id"),
                dict(at=now_iso(), o=transcript.get("outcome", "unfinished"),
                     sc=transcript.get("score"),
                     p=None if transcript.get("passed") is None else int(bool(transcript["passed"])),
                     t=data, g=_digest_text(data), v=transcript.get("scorer_version", ""),
                     id=session_id))

    def record_finished(self, *, trainee: str, scenario: "Scenario", mode: str,
                        transcript: dict) -> int:
        return self.record_finished_many([(trainee, scenario, mode, transcript)])[0]

    def record_finished_many(self, items) -> list[int]:
        """Many finished sessions in one transaction (a batch of 1,000 trainees is one fsync)."""
        stamp = now_iso()
        with self._write() as db:
            return [self._insert_finished(db, trainee, scenario, mode, transcript, stamp)
                    for trainee, scenario, mode, transcript in items]

    def _insert_finished(self, db, trainee, scenario, mode, transcript, stamp,
                         attempt_id=None, entry_id=None) -> int:
        from scoring import SCORER_VERSION

        if mode not in MODES:
            raise UsageError(L_("unknown session mode '%(mode)s' (expected one of %(modes)s)",
                                mode=mode, modes=", ".join(MODES)))
        data = _dumps(transcript)
        return self._insert_session(db, dict(
            trainee=trainee, scenario_id=scenario.id, scenario_title=scenario.title,
            scenario_path=_abs(scenario.path), scenario_sha256=scenario.sha256,
            seed=int(transcript.get("seed", 0)), mode=mode,
            scorer_version=transcript.get("scorer_version", SCORER_VERSION),
            started_at=stamp, finished_at=stamp, outcome=transcript.get("outcome", "unfinished"),
            score=transcript.get("score"), passed=int(bool(transcript.get("passed"))),
            transcript=data, digest=_digest_text(data), attempt_id=attempt_id, entry_id=entry_id),
            [(stamp, t) for t in transcript.get("turns", ())])

    def _insert_session(self, db, row: dict, turns: list) -> int:
        """One session row as given and its turns [(recorded_at, turn)]; returns its id."""
        sid = int(db.execute(_sql(
            f"INSERT INTO sessions ({', '.join(_SESSION_FIELDS)}) VALUES "
            f"({', '.join(':' + f for f in _SESSION_FIELDS)}) RETURNING id"), row).scalar_one())
        if turns:
            db.execute(_sql("INSERT INTO turns (session_id, idx, recorded_at, data) "
                            "VALUES (:s, :i, :at, :d)"),
                       [dict(s=sid, i=int(t["index"]), at=at, d=_dumps(t)) for at, t in turns])
        return sid

    # --- attempts ----------------------------------------------------------------
    def begin_attempt(self, *, trainee: str, plan_id: str, exam_sha256: str, mode: str,
                      source_sha256: str = "") -> int:
        with self._write() as db:
            return int(db.execute(_sql(
                "INSERT INTO attempts (trainee, plan_id, exam_sha256, mode, source_sha256, "
                "started_at) VALUES (:t, :p, :e, :m, :s, :at) RETURNING id"),
                dict(t=trainee, p=plan_id, e=exam_sha256, m=mode, s=source_sha256, at=now_iso()),
            ).scalar_one())

    def attempts(self, trainee: str | None = None, exam_sha256: str | None = None,
                 source_sha256: str | None = None) -> list[AttemptRecord]:
        sql, args = f"SELECT {_ATTEMPT_COLUMNS} FROM attempts WHERE 1 = 1", {}
        for column, value in (("trainee", trainee), ("exam_sha256", exam_sha256),
                              ("source_sha256", source_sha256)):
            if value is not None:
                sql += f" AND {column} = :{column}"
                args[column] = value
        rows = self._read(sql + " ORDER BY id DESC", args)
        out = []
        for row in rows:
            try:
                out.append(AttemptRecord(int(row[0]), *(None if v is None else str(v) for v in row[1:])))
            except (TypeError, ValueError):
                continue  # a damaged row is no attempt to resume
        return out

    def attempt_sessions(self, attempt_id: int) -> list[SessionRecord]:
        rows = self._read(f"SELECT {_COLUMNS} FROM sessions WHERE attempt_id = :a ORDER BY id",
                          dict(a=attempt_id))
        return [r for r in (self._record(row) for row in rows) if r is not None]

    def finish_attempt(self, attempt_id: int, result: dict) -> None:
        with self._write() as db:
            cur = db.execute(_sql(
                "UPDATE attempts SET finished_at = :at, result = :r WHERE id = :id "
                "AND finished_at IS NULL"), dict(at=now_iso(), r=_dumps(result), id=attempt_id))
            if cur.rowcount != 1:
                raise TemperError(L_("attempt %(id)s in %(store)s is missing or already finished",
                                     id=attempt_id, store=self.path))

    def attempt_result(self, attempt_id: int) -> dict:
        rows = self._read("SELECT result FROM attempts WHERE id = :id", dict(id=attempt_id))
        if not rows or rows[0][0] is None:
            raise TemperError(L_("attempt %(id)s has no recorded result in %(store)s",
                                 id=attempt_id, store=self.path))
        try:
            result = json.loads(rows[0][0])
        except (ValueError, RecursionError, TypeError):
            result = None
        if (not isinstance(result, dict) or not isinstance(result.get("trainee"), str)
                or not isinstance(result.get("scenarios"), list)):
            raise TemperError(L_("the recorded result of attempt %(id)s in %(store)s is damaged "
                                 "(not a certification result); certify again",
                                 id=attempt_id, store=self.path))
        return result

    def record_attempts(self, items: Iterable[CertifiedAttempt]) -> list[int]:
        stamp = now_iso()
        ids = []
        with self._write() as db:
            for a in items:
                aid = int(db.execute(_sql(
                    "INSERT INTO attempts (trainee, plan_id, exam_sha256, mode, source_sha256, "
                    "started_at, finished_at, result) VALUES (:t, :p, :e, :m, :s, :at, :at, :r) "
                    "RETURNING id"),
                    dict(t=a.trainee, p=a.plan_id, e=a.exam_sha256, m=a.mode, s=a.source_sha256,
                         at=stamp, r=_dumps(a.result))).scalar_one())
                for entry_id, scenario, transcript in a.sittings:
                    self._insert_finished(db, a.trainee, scenario, "certify", transcript, stamp,
                                          attempt_id=aid, entry_id=entry_id)
                ids.append(aid)
        return ids

    def mark_written(self, attempt_ids: Iterable[int]) -> None:
        ids = list(attempt_ids)
        if not ids:
            return
        stamp = now_iso()
        with self._write() as db:
            db.execute(_sql("UPDATE attempts SET written_at = :at WHERE id = :id"),
                       [dict(at=stamp, id=i) for i in ids])

    # --- corrections ----------------------------------------------------------------
    def corrections(self, skipped: list[str] | None = None) -> tuple:
        from scoring.corrections import CorrectionError, parse

        out = []
        for row in self._read("SELECT id, reply, language, kind, verdict, who, made_on, note "
                              "FROM corrections ORDER BY id"):
            id_, reply, language, kind, verdict, who, on, note = row
            try:
                out.append(parse(dict(reply=reply, language=language, kind=kind,
                                      verdict=bool(verdict) if verdict in (0, 1) else verdict,
                                      who=who, on=on, note=note), f"correction {id_}"))
            except (CorrectionError, TypeError):
                if skipped is not None:
                    skipped.append(L_("correction %(id)s in %(store)s is damaged; not used",
                                       id=id_, store=self.path))
        return tuple(out)

    def add_corrections(self, items: Iterable, merge: str = "append") -> tuple[int, int]:
        items = list(items)
        with self._write() as db:
            added = self._add_corrections(db, items, merge)
        return added, len(items) - added

    def _add_corrections(self, db, items: list, merge: str) -> int:
        if merge not in ("append", "same", "exact"):
            raise ValueError(f"unknown merge {merge!r}")
        if not items:
            return 0
        self._serialize_corrections(db)
        kept: dict[tuple, int] = {}
        if merge != "append":
            for row in db.execute(_sql("SELECT reply, language, kind, verdict, who, made_on, note "
                                       "FROM corrections")):
                k = _correction_key(row, merge)
                kept[k] = kept.get(k, 0) + 1
        stamp, new = now_iso(), []
        for c in items:
            row = (c.reply, c.language, c.kind, int(bool(c.verdict)), c.who, c.on, c.note)
            k = _correction_key(row, merge)
            if merge != "append" and kept.get(k, 0) > 0:
                if merge == "exact":
                    kept[k] -= 1  # a file with the same line twice had it twice
                continue
            if merge == "same":
                kept[k] = 1
            new.append(dict(r=c.reply, l=c.language, k=c.kind, v=int(bool(c.verdict)), w=c.who,
                            o=c.on, n=c.note, s=_correction_hash(row), at=stamp))
        if new:
            db.execute(_sql("INSERT INTO corrections (reply, language, kind, verdict, who, made_on, "
                            "note, same_as, added_at) VALUES (:r, :l, :k, :v, :w, :o, :n, :s, :at)"),
                       new)
        return len(new)

    def _serialize_corrections(self, db) -> None:
        """Make concurrent writers of corrections take turns (SQLite's BEGIN IMMEDIATE does)."""

    # --- leases ------------------------------------------------------------------
    def _serialize_lease(self, db, name: str) -> None:
        """Make concurrent acquirers of `name` take turns (SQLite's BEGIN IMMEDIATE already does)."""

    def acquire(self, name: str, what: str = "") -> Lease:
        token = secrets.token_hex(16)
        me = _this_process()
        with self._write() as db:
            self._serialize_lease(db, name)
            row = db.execute(_sql(
                "SELECT holder, host, pid, pid_started, what, acquired_at, renewed_at, "
                f"{self._now_sql} - renewed_at FROM leases WHERE name = :n" + self._lock_row),
                dict(n=name)).fetchone()
            if row is not None:
                holder = dict(zip(("holder", "host", "pid", "pid_started", "what", "acquired_at",
                                   "renewed_at", "ago"), row))
                if not _stale(holder, self.lease_ttl_s):
                    raise LeaseHeld(name, holder, self.lease_ttl_s)
            db.execute(_sql(
                "INSERT INTO leases (name, holder, host, pid, pid_started, what, acquired_at, "
                f"renewed_at) VALUES (:n, :h, :host, :pid, :ps, :w, :at, {self._now_sql}) "
                "ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, host = excluded.host, "
                "pid = excluded.pid, pid_started = excluded.pid_started, what = excluded.what, "
                "acquired_at = excluded.acquired_at, renewed_at = excluded.renewed_at"),
                dict(n=name, h=token, host=me["host"], pid=me["pid"], ps=me["pid_started"],
                     w=what, at=now_iso()))
        return Lease(self, name, token, self.lease_ttl_s)

    def _renew_lease(self, name: str, token: str) -> bool:
        with self._write() as db:
            cur = db.execute(_sql(f"UPDATE leases SET renewed_at = {self._now_sql} "
                                  "WHERE name = :n AND holder = :h"), dict(n=name, h=token))
            return cur.rowcount == 1

    def _release_lease(self, name: str, token: str) -> None:
        with self._write() as db:
            db.execute(_sql("DELETE FROM leases WHERE name = :n AND holder = :h"), dict(n=name, h=token))

    # --- reading -----------------------------------------------------------------
    def sessions(self, trainee: str | None = None,
                 skipped: list[str] | None = None) -> list[SessionRecord]:
        sql = f"SELECT {_COLUMNS} FROM sessions"
        args: dict = {}
        if trainee is not None:
            sql += " WHERE trainee = :t"
            args = dict(t=trainee)
        sql += " ORDER BY started_at DESC, id DESC"
        out = []
        for row in self._read(sql, args):
            record = self._record(row)
            if record is None:
                if skipped is not None:
                    skipped.append(L_("session %(id)s in %(store)s is damaged (its record does not "
                                      "hold the values Temper writes); skipped", id=row[0], store=self.path))
                continue
            out.append(record)
        return out

    def session(self, session_id: int) -> SessionRecord:
        rows = self._read(f"SELECT {_COLUMNS} FROM sessions WHERE id = :id", dict(id=session_id))
        if not rows:
            raise UsageError(L_("no session %(id)s in %(store)s (`temper history` lists them)",
                                id=session_id, store=self.path))
        record = self._record(rows[0])
        if record is None:
            raise TemperError(L_("session %(id)s in %(store)s is damaged (its record does not hold "
                                 "the values Temper writes)", id=session_id, store=self.path))
        return record

    def turns(self, session_id: int) -> list[dict]:
        self._require(session_id)
        rows = self._read("SELECT idx, data FROM turns WHERE session_id = :s ORDER BY idx",
                          dict(s=session_id))
        out = []
        for idx, data in rows:
            turn = _loads(data)
            if not isinstance(turn, dict) or not isinstance(turn.get("reply"), str):
                raise TemperError(L_("turn %(turn)s of session %(id)s in %(store)s is damaged (not "
                                     "the JSON Temper writes)", turn=idx, id=session_id, store=self.path))
            out.append(turn)
        return out

    def transcript(self, session_id: int) -> dict:
        from simulator.transcript import transcript_problem

        rows = self._read("SELECT transcript FROM sessions WHERE id = :id", dict(id=session_id))
        if not rows:
            raise UsageError(L_("no session %(id)s in %(store)s (`temper history` lists them)",
                                id=session_id, store=self.path))
        if rows[0][0] is not None:
            t = _loads(rows[0][0])
            problem = L_("it is not JSON") if t is _BROKEN else transcript_problem(t)
            if problem:
                raise TemperError(L_("the transcript of session %(id)s in %(store)s is damaged "
                                     "(%(problem)s)", id=session_id, store=self.path, problem=problem))
            return t
        r = self.session(session_id)
        turns = self.turns(session_id)
        try:
            curve = ([turns[0]["hostility"]["before"]] if turns else []) + [
                t["hostility"]["after"] for t in turns]
        except (KeyError, TypeError):
            raise TemperError(L_("the turns of session %(id)s in %(store)s are damaged",
                                 id=session_id, store=self.path)) from None
        return {
            "scenario": r.scenario_id, "scenario_title": r.scenario_title,
            "scenario_sha256": self.scenario_sha256(session_id), "seed": r.seed,
            "outcome": "unfinished", "score": None, "passed": None,
            "hostility_curve": curve, "turns": turns,
        }

    def transcripts(self, trainee: str | None = None, mode: str | None = None,
                    skipped: list[str] | None = None) -> list[dict]:
        from simulator.transcript import transcript_problem

        where, args = _finished_where(trainee, mode)
        sql = f"SELECT id, transcript, trainee, mode FROM sessions WHERE {where} ORDER BY started_at, id"
        out = []
        for sid, data, who, m in self._read(sql, args):
            t = _loads(data)
            problem = L_("it is not JSON") if t is _BROKEN else transcript_problem(t)
            if problem:
                if skipped is not None:
                    skipped.append(L_("the transcript of session %(id)s in %(store)s is damaged "
                                      "(%(problem)s); skipped", id=sid, store=self.path, problem=problem))
                continue
            t.setdefault("trainee", who)
            t.setdefault("mode", m)
            out.append(t)
        return out

    def cohort_sessions(self, trainee: str | None = None, mode: str | None = None,
                        skipped: list[str] | None = None) -> list[dict]:
        """What `temper report --cohort` reads of every finished session, oldest first: the
        digest kept beside each transcript (`_digest_of`: the fields `simulator.cohort`
        reads, its turns as one holding every signal shown and the best apology and
        closure scores) plus `id`, `trainee`, `mode` and the store's `started_at`. Whole
        transcripts are neither sent nor parsed, except those whose digest must be made
        again (`_kept_digest`). Damaged ones are left out and described in `skipped`, as
        `transcripts()` does."""
        where, args = _finished_where(trainee, mode)
        from simulator.cohort import DIGEST_VERSION

        rows = [(sid, who, m, started, _kept_digest(d, DIGEST_VERSION))
                for sid, who, m, started, d in self._read(
                    f"SELECT id, trainee, mode, started_at, digest FROM sessions WHERE {where} "
                    "ORDER BY started_at, id", args)]
        made = self._digests([sid for sid, *_, d in rows if d is None])
        out = []
        for sid, who, m, started, d in rows:
            d = d or made.get(sid)
            if d is None:
                continue  # its transcript is gone since (deleted meanwhile)
            if "damaged" in d:
                if skipped is not None:
                    skipped.append(L_("the transcript of session %(id)s in %(store)s is damaged "
                                      "(%(problem)s); skipped", id=sid, store=self.path,
                                      problem=_problem_text(d["damaged"])))
                continue
            t = dict(d["cut"])
            t.update(id=int(sid), trainee=who, mode=m, started_at=started)
            out.append(t)
        return out

    def _digests(self, ids: list) -> dict:
        """The digests of these sessions made from their transcripts (read in batches)."""
        out = {}
        for i in range(0, len(ids), 500):
            batch = {f"i{n}": sid for n, sid in enumerate(ids[i:i + 500])}
            for sid, text in self._read("SELECT id, transcript FROM sessions WHERE transcript IS "
                                        f"NOT NULL AND id IN ({', '.join(':' + k for k in batch)})",
                                        batch):
                out[sid] = _digest_of(text)
        return out

    def scenario_sha256(self, session_id: int) -> str:
        rows = self._read("SELECT scenario_sha256 FROM sessions WHERE id = :id", dict(id=session_id))
        if not rows:
            raise UsageError(L_("no session %(id)s in %(store)s", id=session_id, store=self.path))
        return str(rows[0][0])

    # --- copying (temper db copy) --------------------------------------------------
    def export_all(self, skipped: list[str]) -> tuple[list[dict], list[tuple[dict, list]]]:
        """Every attempt and session row as stored, sessions with their turns
        [(idx, recorded_at, data)], oldest first; damaged rows are described in `skipped`
        and left out (a turn that is not text, a session whose record is not Temper's)."""
        fields = ("id",) + _ATTEMPT_FIELDS
        attempts = []
        for row in self._read(f"SELECT {', '.join(fields)} FROM attempts ORDER BY id"):
            a = dict(zip(fields, row))
            if not all(isinstance(a[k], str) for k in ("trainee", "plan_id", "exam_sha256", "mode",
                                                        "source_sha256", "started_at")):
                skipped.append(L_("attempt %(id)s in %(store)s is damaged; not copied",
                                  id=a["id"], store=self.path))
                continue
            attempts.append(a)
        turns: dict[int, list] = {}
        for sid, idx, at, data in self._read("SELECT session_id, idx, recorded_at, data FROM turns "
                                             "ORDER BY session_id, idx"):
            if not isinstance(data, str) or not isinstance(idx, int) or not isinstance(at, str):
                skipped.append(L_("turn %(turn)s of session %(id)s in %(store)s is damaged; not "
                                  "copied", turn=idx, id=sid, store=self.path))
                continue
            turns.setdefault(int(sid), []).append((idx, at, data))
        fields = ("id",) + _SESSION_FIELDS
        sessions = []
        for row in self._read(f"SELECT {', '.join(fields)} FROM sessions ORDER BY id"):
            r = dict(zip(fields, row))
            ok = self._record(tuple(r[k] for k in _COLUMNS.split(", "))) is not None
            if not ok or not all(isinstance(r[k], str) for k in ("scenario_sha256", "scorer_version")) \
                    or not isinstance(r["transcript"], (str, type(None))):
                skipped.append(L_("session %(id)s in %(store)s is damaged; not copied",
                                  id=r["id"], store=self.path))
                continue
            r["seed"] = int(r["seed"])
            r["passed"] = None if r["passed"] is None else int(bool(r["passed"]))
            r["score"] = None if r["score"] is None else float(r["score"])
            sessions.append((r, turns.get(int(r["id"]), [])))
        return attempts, sessions

    def import_copy(self, attempts: list[dict], sessions: list, corrections: Iterable = ()) -> dict:
        """Add the attempts, sessions (from `export_all` of another store) and corrections
        of the judge that are not here yet, in one transaction; how many of each were added,
        finished or already here. A correction is here already when one of the same reply,
        language, kind and verdict is (as `temper corrections import` decides).

        The same session is one with the same trainee, scenario file, seed, mode, sitting
        and start time, and the same transcript (or, here, none yet: it is finished now)."""
        n = dict(attempts=0, sessions=0, turns=0, finished=0, present=0, corrections=0)
        with self._write() as db:
            n["corrections"] = self._add_corrections(db, list(corrections), "same")
            attempt_ids: dict[int, int] = {}
            for a in attempts:
                a = dict(a)
                source_id = a.pop("id")
                found = db.execute(_sql(
                    "SELECT id, finished_at, result FROM attempts WHERE trainee = :trainee AND "
                    "plan_id = :plan_id AND exam_sha256 = :exam_sha256 AND started_at = :started_at "
                    "AND source_sha256 = :source_sha256 AND mode = :mode ORDER BY id"), a).fetchall()
                same = [f for f in found if f[2] == a["result"]]
                open_ = [f for f in found if f[1] is None and a["finished_at"] is not None]
                if same:
                    aid = int(same[0][0])
                elif open_:
                    aid = int(open_[0][0])
                    db.execute(_sql("UPDATE attempts SET finished_at = :finished_at, result = :result, "
                                    "written_at = :written_at WHERE id = :id"), dict(a, id=aid))
                else:
                    aid = int(db.execute(_sql(
                        f"INSERT INTO attempts ({', '.join(_ATTEMPT_FIELDS)}) VALUES "
                        f"({', '.join(':' + f for f in _ATTEMPT_FIELDS)}) RETURNING id"), a).scalar_one())
                    n["attempts"] += 1
                attempt_ids[int(source_id)] = aid
            for row, turns in sessions:
                row = dict(row)
                row.pop("id")
                row["digest"] = _digest_text(row["transcript"])  # made here, whatever SRC kept
                if row.get("attempt_id") is not None:
                    row["attempt_id"] = attempt_ids.get(int(row["attempt_id"]))
                found = db.execute(_sql(
                    "SELECT id, transcript FROM sessions WHERE trainee = :trainee AND "
                    "scenario_sha256 = :scenario_sha256 AND seed = :seed AND mode = :mode AND "
                    "started_at = :started_at AND COALESCE(entry_id, '') = COALESCE(:entry_id, '') "
                    "ORDER BY id"), row).fetchall()
                same = [f for f in found if f[1] == row["transcript"]]
                open_ = [f for f in found if f[1] is None and row["transcript"] is not None]
                if same:
                    sid = int(same[0][0])
                    n["present"] += 1
                elif open_:
                    sid = int(open_[0][0])
                    db.execute(_sql(
                        "UPDATE sessions SET finished_at = :finished_at, outcome = :outcome, "
                        "score = :score, passed = :passed, transcript = :transcript, "
                        "digest = :digest, scorer_version = :scorer_version WHERE id = :id"),
                        dict(row, id=sid))
                    n["finished"] += 1
                else:
                    sid = int(db.execute(_sql(
                        f"INSERT INTO sessions ({', '.join(_SESSION_FIELDS)}) VALUES "
                        f"({', '.join(':' + f for f in _SESSION_FIELDS)}) RETURNING id"),
                        row).scalar_one())
                    n["sessions"] += 1
                have = {r[0] for r in db.execute(_sql("SELECT idx FROM turns WHERE session_id = :s"),
                                                 dict(s=sid))}
                new = [dict(s=sid, i=i, at=at, d=d) for i, at, d in turns if i not in have]
                if new:
                    db.execute(_sql("INSERT INTO turns (session_id, idx, recorded_at, data) "
                                    "VALUES (:s, :i, :at, :d)"), new)
                    n["turns"] += len(new)
        return n

    def close(self) -> None:
        with self._lock:
            try:
                self._engine.dispose()
            except Exception:
                pass

    # --- plumbing ----------------------------------------------------------------
    def _record(self, row: tuple) -> SessionRecord | None:
        try:
            return _record(tuple(row))
        except (TypeError, ValueError):
            return None

    def _require(self, session_id: int) -> None:
        if not self._read("SELECT 1 FROM sessions WHERE id = :id", dict(id=session_id)):
            raise UsageError(L_("no session %(id)s in %(store)s", id=session_id, store=self.path))

    def _read(self, sql: str, args: dict | None = None) -> list[tuple]:
        from sqlalchemy.exc import DBAPIError

        with self._lock:
            try:
                with self._engine.connect() as db:
                    return [tuple(r) for r in db.execute(_sql(sql), args or {}).fetchall()]
            except DBAPIError as exc:
                raise self._error(exc) from None

    def _write(self):
        return _Transaction(self)

    def _error(self, exc: Exception) -> TemperError:
        """A TemperError saying what went wrong with the database, in words."""
        return _db_error(self.path, getattr(exc, "orig", None) or exc)


class _Transaction:
    """One writing transaction: yields a SQLAlchemy Connection, commits on success."""

    def __init__(self, store: SQLStore):
        self.store = store
        self._conn = None
        self._tx = None

    def __enter__(self):
        from sqlalchemy.exc import DBAPIError

        self.store._lock.acquire()
        try:
            self._conn = self.store._engine.connect()
            self._conn.info["temper_write"] = True
            self._tx = self._conn.begin()
        except BaseException as exc:
            if self._conn is not None:
                self._conn.close()
            self.store._lock.release()
            if isinstance(exc, DBAPIError):
                raise self.store._error(exc) from None
            raise
        return self._conn

    def __exit__(self, kind, exc, tb):
        from sqlalchemy.exc import DBAPIError

        try:
            if kind is None:
                try:
                    self._tx.commit()
                    return False
                except DBAPIError as err:
                    _quiet(self._tx.rollback)  # the engine may have rolled back already (disk full)
                    raise self.store._error(err) from None
            _quiet(self._tx.rollback)
            if isinstance(exc, DBAPIError):
                raise self.store._error(exc) from None
            return False
        finally:
            _quiet(self._conn.close)
            self.store._lock.release()


def _quiet(fn) -> None:
    """Call fn; its failure is not the news."""
    try:
        fn()
    except Exception:
        pass


def _sql(text: str):
    from sqlalchemy import text as sql_text

    clause = _SQL.get(text)
    if clause is None:
        clause = _SQL[text] = sql_text(text)
    return clause


_SQL: dict = {}

_ATTEMPT_FIELDS = ("trainee", "plan_id", "exam_sha256", "mode", "source_sha256", "started_at",
                   "finished_at", "result", "written_at")
_SESSION_FIELDS = ("trainee", "scenario_id", "scenario_title", "scenario_path", "scenario_sha256",
                   "seed", "mode", "scorer_version", "started_at", "finished_at", "outcome",
                   "score", "passed", "transcript", "attempt_id", "entry_id", "digest")


class SQLiteStore(SQLStore):
    """A Temper SQLite file, checked before anything is written to it."""

    def __init__(self, path: str | Path):
        from sqlalchemy import create_engine, event
        from sqlalchemy.pool import StaticPool

        self._db, version = _connect(Path(path))  # checked; the one connection
        engine = create_engine("sqlite://", creator=lambda: self._db, poolclass=StaticPool)

        @event.listens_for(engine, "begin")
        def _begin(conn):  # SQLAlchemy leaves BEGIN to the driver; we opened it in autocommit
            write = conn.info.pop("temper_write", False)
            conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

        super().__init__(engine, str(path))
        if version < SCHEMA_VERSION:
            from simulator import migrations

            try:  # all steps in one transaction: upgraded at once, or not at all
                migrations.prepare()
                _expected_schema(SCHEMA_VERSION)  # what another Temper may have made meanwhile
                with self._write() as conn:
                    _upgrade_sqlite(conn, self._db, str(path), version, SCHEMA_VERSION)
            except BaseException:
                self.close()
                raise

    def close(self) -> None:
        with self._lock:
            super().close()
            try:
                self._db.close()
            except sqlite3.Error:
                pass


_BROKEN = object()


def _correction_key(row, merge: str) -> tuple:
    """What makes two corrections the same: their reply (trimmed), language, kind and
    verdict ("same"), or every field ("exact")."""
    reply, language, kind, verdict, who, on, note = row
    key = (str(reply).strip(), language, kind, int(bool(verdict)))
    return key if merge == "same" else key + (who, on, note, str(reply))


def _correction_hash(row) -> str:
    import hashlib

    return hashlib.sha256(_dumps(list(_correction_key(row, "same"))).encode("utf-8")).hexdigest()


def _finished_where(trainee: str | None, mode: str | None) -> tuple[str, dict]:
    """The WHERE of the finished sessions of one trainee and/or mode, with its arguments."""
    where, args = "transcript IS NOT NULL", {}
    if trainee is not None:
        where += " AND trainee = :t"
        args["t"] = trainee
    if mode is not None:
        where += " AND mode = :m"
        args["m"] = mode
    return where, args


def _loads(data):
    try:
        return json.loads(data)
    except (ValueError, TypeError, RecursionError):
        return _BROKEN


def _abs(path: str) -> str:
    """The scenario file's absolute name as valid UTF-8 (bytes that are not UTF-8 as
    visible \\xNN escapes: simulator.safetext.path_text), which every database can store."""
    from simulator.safetext import path_text

    try:
        return path_text(Path(path).resolve())
    except OSError:
        return path_text(path)


def _record(row: tuple) -> SessionRecord:
    (id_, trainee, sid, title, path, seed, mode, started, finished, outcome, score, passed,
     attempt_id, entry_id) = row
    for text in (trainee, sid, title, path, mode, started, outcome):
        if not isinstance(text, str):
            raise TypeError("not text")
    return SessionRecord(
        id=int(id_), trainee=trainee, scenario_id=sid, scenario_title=title, scenario_path=path,
        seed=int(seed), mode=mode, started_at=started,
        finished_at=None if finished is None else str(finished), outcome=outcome,
        score=None if score is None else float(score),
        passed=None if passed is None else bool(passed),
        attempt_id=None if attempt_id is None else int(attempt_id),
        entry_id=None if entry_id is None else str(entry_id),
    )


# --- leases: who holds one, and is it still alive? ------------------------------------------

def _process_started(pid: int) -> str:
    """When the process started (Linux: clock ticks since boot), so a reused pid is told apart."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            stat_line = fh.read().decode("ascii", "replace")
        return stat_line.rsplit(")", 1)[1].split()[19]
    except (OSError, IndexError):
        return ""


def _this_process() -> dict:
    return {"host": socket.gethostname(), "pid": os.getpid(), "pid_started": _process_started(os.getpid())}


def _alive(pid: int, started: str) -> bool:
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, ValueError):
        return True
    except OSError:
        return True
    return not started or _process_started(int(pid)) in ("", started)


def _stale(holder: dict, ttl_s: float) -> bool:
    try:
        if float(holder["ago"]) > ttl_s:  # by the database's clock, not this machine's
            return True  # not renewed: its holder is gone, wherever it ran
        if holder["host"] == socket.gethostname():
            return not _alive(holder["pid"], str(holder["pid_started"] or ""))
    except (TypeError, ValueError):
        return True  # a damaged lease row holds nothing
    return False


# --- opening: check first, change nothing that is not ours ----------------------------------

def _db_error(path: str, exc: Exception) -> TemperError:
    text = str(exc)
    if "locked" in text or "busy" in text:
        return TemperError(L_("the results database %(path)s is busy (another Temper is writing to "
                              "it); try again in a moment", path=path))
    if "readonly" in text or "read-only" in text:
        return TemperError(L_("cannot write to the results database %(path)s: it is read-only; "
                              "check its permissions or choose another file with --db PATH", path=path))
    if "full" in text:
        return TemperError(L_("cannot write to the results database %(path)s: the disk is full. "
                              "Everything recorded before is kept; free some space and run the "
                              "same command again", path=path))
    if "disk I/O" in text:
        return TemperError(L_("cannot write to the results database %(path)s: input/output error "
                              "(the disk may be full, failing or gone); free some space or check "
                              "the disk, then run the same command again", path=path))
    if "unable to open" in text:
        return TemperError(L_("cannot open the results database %(path)s: check that its folder "
                              "exists and can be written, or choose another file with --db PATH",
                              path=path))
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return _damaged(path, text)
    return TemperError(L_("the results database %(path)s cannot be used (%(error)s); "
                          "choose another file with --db PATH", path=path, error=text))


def _damaged(path: str, why: str) -> TemperError:
    return TemperError(L_(
        "the results database %(path)s is damaged or is not a Temper database (%(why)s); "
        "it has been left untouched: move it aside (or restore it from a backup) and Temper "
        "will start a new one, or choose another file with --db PATH", path=path, why=why))


def _foreign(path: str, why: str) -> TemperError:
    return TemperError(L_("%(path)s is not a Temper results database (%(why)s); it has been left "
                          "untouched: choose another file with --db PATH", path=path, why=why))


def _affinity(declared: str) -> str:
    """SQLite's type affinity of a declared column type (its own rules, section 3.1)."""
    t = (declared or "").upper()
    if "INT" in t:
        return "INTEGER"
    if any(w in t for w in ("CHAR", "CLOB", "TEXT")):
        return "TEXT"
    if not t or "BLOB" in t:
        return "BLOB"
    if any(w in t for w in ("REAL", "FLOA", "DOUB")):
        return "REAL"
    return "NUMERIC"


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _schema(db: sqlite3.Connection) -> set[tuple]:
    """What the file's schema is, structurally: every table with its columns (name,
    affinity, NOT NULL, default, place in the primary key) and foreign keys, every index
    with its columns, every view and trigger. Spelling does not count (the same table
    written by hand or by Alembic is the same table); SQLite's own tables and Alembic's
    version table are not part of it."""
    out: set[tuple] = set()
    rows = db.execute("SELECT type, name, tbl_name FROM sqlite_master").fetchall()
    for kind, name, table in rows:
        if name.startswith("sqlite_") or name == "alembic_version":
            continue
        if kind == "table":
            columns = tuple(
                (c[1], _affinity(c[2]), bool(c[3]) and not c[5], c[4], c[5])
                for c in db.execute(f"PRAGMA table_xinfo({_quoted(name)})").fetchall())
            keys = tuple(sorted((f[2], f[3], f[4], f[6].upper()) for f in
                                db.execute(f"PRAGMA foreign_key_list({_quoted(name)})").fetchall()))
            out.add(("table", name, columns, keys))
        elif kind == "index":
            columns = tuple(c[2] for c in db.execute(f"PRAGMA index_info({_quoted(name)})").fetchall())
            unique = [r[2] for r in db.execute(f"PRAGMA index_list({_quoted(table)})").fetchall()
                      if r[1] == name]
            out.add(("index", name, table, columns, bool(unique and unique[0])))
        else:
            out.add((kind, name))
    return out


_EXPECTED: dict[int, set] = {}


def _make_schema(db: sqlite3.Connection, version: int, current: int = 0) -> None:
    """Run the migration history on a raw SQLite connection, from `current` to `version`,
    in one transaction (BEGIN IMMEDIATE), keeping PRAGMA user_version in step."""
    from sqlalchemy import create_engine, event
    from sqlalchemy.pool import StaticPool

    engine = create_engine("sqlite://", creator=lambda: db, poolclass=StaticPool)

    @event.listens_for(engine, "begin")
    def _begin(conn):
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    with engine.connect() as conn:
        with conn.begin():
            _upgrade_sqlite(conn, db, "", current, version)


def _upgrade_sqlite(conn, raw: sqlite3.Connection, name: str, checked: int, target: int) -> None:
    """Inside the writing transaction: look again (another Temper may have upgraded the
    file since it was checked), then upgrade to `target` and say so in user_version."""
    from simulator import migrations

    version = _identify(raw, name) if name else checked
    if version < target:
        migrations.upgrade(conn, version, target)
        conn.exec_driver_sql(f"PRAGMA user_version = {int(target)}")


def _structure_of(version: int) -> set:
    """The schema `version` is, made by running the migration history in memory."""
    db = sqlite3.connect(":memory:", isolation_level=None)
    try:
        _make_schema(db, version)
        return _schema(db)
    finally:
        db.close()


def _expected_schema(version: int) -> set:
    """The schema of `version` (as `simulator/migrations/known.json` records it)."""
    if version not in _EXPECTED:
        from simulator import migrations

        _EXPECTED[version] = migrations.structure(version)
    return _EXPECTED[version]


def _names(entries: set) -> list[str]:
    return sorted({e[1] if e[0] != "index" else e[1] for e in entries})


def _describe_difference(found: set, expected: set) -> str:
    missing = _names(expected - found)
    extra = sorted(set(_names(found - expected)) - set(missing))
    parts = []
    if missing:
        parts.append(f"{', '.join(missing[:3])} missing or different")
    if extra:
        parts.append(f"it also holds {', '.join(extra[:3])}")
    return "; ".join(parts) or "its tables differ"


class _Newer(TemperError):
    def with_hint(self, option: str) -> "_Newer":
        said = self.args[0]
        return _Newer(L_("the results database %(name)s was made by a newer Temper (%(what)s; this "
                         "one knows up to schema version %(version)s); upgrade Temper, or choose "
                         "another database with %(option)s", option=option, **said.values))


def _newer(name: str, what: str) -> _Newer:
    return _Newer(L_(
        "the results database %(name)s was made by a newer Temper (%(what)s; this one knows up "
        "to schema version %(version)s); upgrade Temper, or choose another file with --db PATH",
        name=name, what=what, version=SCHEMA_VERSION))


def _identify(db: sqlite3.Connection, name: str) -> int:
    """The schema version, if the file is Temper's and no newer than this Temper.

    Since Alembic, the version is the revision in `alembic_version`, mirrored in
    `PRAGMA user_version`; before, `user_version` alone (then there is no Alembic table)."""
    from simulator import migrations

    marked = db.execute("PRAGMA user_version").fetchone()[0]
    if marked > SCHEMA_VERSION:
        raise _newer(name, f"schema version {marked}")
    tables = {n for (n,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    version = marked
    if "alembic_version" in tables:
        try:
            revs = [r[0] for r in db.execute("SELECT version_num FROM alembic_version").fetchall()]
        except sqlite3.DatabaseError:
            revs = []
        if len(revs) != 1 or not isinstance(revs[0], str):
            raise _foreign(name, "its alembic_version table does not name one schema revision")
        number = migrations.number_of(revs[0])
        if number is None:  # a newer Temper's revision comes with a higher user_version
            raise _foreign(name, f"its schema revision {revs[0][:32]!r} is none Temper wrote")
        if number != marked:
            raise _foreign(name, f"its schema revision {revs[0]} and version {marked} disagree")
    found = _schema(db)
    if version == 0:
        mine = sorted(n for n in tables if not n.startswith("sqlite_"))
        if mine:
            raise _foreign(name, f"it is an SQLite database holding tables {', '.join(mine[:5])}")
    elif version < 0 or found != _expected_schema(version):
        raise _foreign(name, f"its schema is not Temper's schema version {version}: "
                             + _describe_difference(found, _expected_schema(max(version, 0))))
    return version


def _check(path: Path) -> int:
    """The schema version of an existing database, after checking it on read-only
    connections; TemperError (and the file unchanged) when it is damaged or not ours.

    First the main file alone (`immutable`: SQLite then creates no -wal or -shm file
    beside a stranger's database), then with its write-ahead log, if it has one, under
    SQLite's integrity check. Side files the check itself made are removed when the file
    is refused."""
    name = str(path)
    uri = path.resolve().as_uri()
    sides = [Path(f"{path}-wal"), Path(f"{path}-shm")]
    there = {p: p.exists() for p in sides}

    def connect(flags: str) -> sqlite3.Connection:
        return sqlite3.connect(f"{uri}?{flags}", uri=True, timeout=10.0, isolation_level=None)

    try:
        try:
            alone = connect("mode=ro&immutable=1")
        except sqlite3.Error as exc:
            raise _db_error(name, exc) from None
        try:
            _identify(alone, name)
        except sqlite3.DatabaseError as exc:
            raise _db_error(name, exc) from None
        finally:
            alone.close()
        try:
            ro = connect("mode=ro")
        except sqlite3.Error as exc:
            raise _db_error(name, exc) from None
        try:
            version = _identify(ro, name)  # again: the log may hold newer pages
            # integrity_check is quick_check plus the indexes' agreement with their
            # tables; on a file of 1 GB both take about two seconds (reading every page).
            problems = [row[0] for row in ro.execute("PRAGMA integrity_check(3)").fetchall()]
            if problems != ["ok"]:
                raise _damaged(name, f"SQLite's check says: {problems[0]}")
            return version
        except sqlite3.DatabaseError as exc:
            raise _db_error(name, exc) from None
        finally:
            ro.close()
    except TemperError:
        for side in sides:  # leave the folder as it was
            try:
                if not there[side] and side.exists() and (side.name.endswith("-shm")
                                                          or side.stat().st_size == 0):
                    side.unlink()
            except OSError:
                pass
        raise


def _connect(path: Path) -> tuple[sqlite3.Connection, int]:
    """The file checked (if it exists) and opened for writing, with its schema version;
    not yet upgraded (`SQLiteStore` does that in its first transaction)."""
    name = str(path)
    try:
        info = os.stat(path)
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise TemperError(L_("cannot use the results database %(name)s: %(error)s",
                             name=name, error=exc.strerror)) from None
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise UsageError(L_("the results database %(name)s is a folder; give a file name, e.g. "
                            "%(example)s", name=name, example=path / DEFAULT_FILE))
    if info is not None and not stat.S_ISREG(info.st_mode):
        raise UsageError(L_("the results database %(name)s is not a regular file (a device, pipe "
                            "or socket); choose another file with --db PATH", name=name))
    if info is None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            from simulator.files import os_error

            raise os_error(exc, path.parent, "create the folder for the results database") from None
    for attempt in range(_OPEN_TRIES):
        try:
            return _open_checked(path, info)
        except _ChangedMeanwhile:
            # Another Temper was upgrading or creating the file while this one checked it:
            # look again (what it wrote is checked like any file), rather than fail.
            time.sleep(0.05 * (attempt + 1))
            try:
                info = os.stat(path)
            except OSError:
                info = None
    raise TemperError(L_("the results database %(name)s kept changing while it was being opened "
                         "(other Tempers upgrading it?); try again", name=name))


class _ChangedMeanwhile(Exception):
    """The file changed between its check and opening it for writing."""


def _open_checked(path: Path, info) -> tuple[sqlite3.Connection, int]:
    name = str(path)
    wal = Path(f"{path}-wal")
    logged = wal.is_file() and wal.stat().st_size > 0  # e.g. killed before a checkpoint
    existing = info is not None and (info.st_size > 0 or logged)
    version = 0
    if existing:
        try:
            with open(path, "rb") as fh:
                head = fh.read(16)
        except OSError as exc:
            raise TemperError(L_("cannot read the results database %(name)s: %(error)s; check its "
                                 "permissions or choose another file with --db PATH",
                                 name=name, error=exc.strerror)) from None
        if head != b"SQLite format 3\x00" and (head or not logged):
            raise _foreign(name, "it is not an SQLite file")
        version = _check(path)
    try:
        db = sqlite3.connect(name, timeout=10.0, isolation_level=None, check_same_thread=False)
    except sqlite3.Error as exc:
        raise _db_error(name, exc) from None
    try:
        db.execute("PRAGMA foreign_keys = ON")
        if db.execute("PRAGMA user_version").fetchone()[0] != version:
            raise _ChangedMeanwhile()  # nothing written yet: check it again
        mode = db.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            if db.execute("PRAGMA journal_mode").fetchone()[0].lower() == "wal":
                raise _ChangedMeanwhile()  # busy: another Temper is switching it right now
            db.execute("PRAGMA journal_mode = DELETE")  # e.g. a network drive: still durable
        db.execute("PRAGMA synchronous = FULL")
    except sqlite3.OperationalError as exc:
        db.close()
        if "locked" in str(exc) or "busy" in str(exc):
            raise _ChangedMeanwhile() from None
        raise _db_error(name, exc) from None
    except sqlite3.DatabaseError as exc:
        db.close()
        raise _db_error(name, exc) from None
    except BaseException:
        db.close()
        raise
    return db, version


def open_store(path: str | Path | None = None) -> ResultsStore:
    """The results store at `path`: a URL (``sqlite:///FILE``, ``postgresql://USER@HOST/DB``)
    or a file name (SQLite); default: results.sqlite3 in the user data folder.

    Raises TemperError naming the database and what to do when it is damaged, unreadable,
    unreachable, not a Temper database, or from a newer Temper.
    """
    if path is None:
        return SQLiteStore(default_path())
    text = str(path)
    if isinstance(path, str) and is_url(text):
        scheme = text.split("://", 1)[0].lower()
        if scheme == "sqlite":
            file = text[len("sqlite:///"):] if text.lower().startswith("sqlite:///") else ""
            if not file:
                raise UsageError(L_("the results database %(url)s names no file; write "
                                    "sqlite:///PATH (sqlite:////srv/temper/results.sqlite3 for an "
                                    "absolute path)", url=text))
            return SQLiteStore(Path(file))
        if scheme in ("postgresql", "postgres") or scheme.startswith("postgresql+"):
            return PostgresStore(text)
        raise UsageError(L_("the results database %(url)s: Temper keeps results in SQLite "
                            "(sqlite:///PATH or a file name) or PostgreSQL "
                            "(postgresql://USER@HOST/DATABASE), not '%(scheme)s'",
                            url=safe_url(text), scheme=scheme))
    return SQLiteStore(Path(path))


# --- PostgreSQL: a centre's shared database ---------------------------------------------

#: The tables and columns each schema version has (what a Temper database must hold).
_PG_VERSION_TABLE = "temper_schema"
_PG_MIGRATION_LOCK = 7_465_706_572  # pg_advisory_xact_lock key: one migrating desktop at a time


def is_url(text: str) -> bool:
    return bool(re.match(r"^[A-Za-z][A-Za-z0-9+.-]*://", str(text)))


def safe_url(url: str) -> str:
    """The URL for messages: never its password."""
    try:
        from sqlalchemy.engine import make_url

        return make_url(url).render_as_string(hide_password=True).replace(":***@", "@")
    except Exception:
        return re.sub(r"(://[^:/@]*):[^@]*@", r"\1@", str(url))


class PostgresStore(SQLStore):
    """A centre's results on a PostgreSQL server (psycopg 3), checked before writing."""

    _lock_row = " FOR UPDATE"
    _share_row = " FOR SHARE"
    _now_sql = "CAST(extract(epoch FROM clock_timestamp()) AS DOUBLE PRECISION)"  # the server's

    def __init__(self, url: str):
        from sqlalchemy import create_engine, event
        from sqlalchemy.exc import DBAPIError
        from sqlalchemy.engine import make_url

        name = safe_url(url)
        u = make_url(url)
        if u.drivername in ("postgresql", "postgres"):
            u = u.set(drivername="postgresql+psycopg")
        if u.drivername != "postgresql+psycopg":
            raise UsageError(L_("the results database %(name)s: only the psycopg driver is "
                                "supported; write postgresql://USER@HOST/DATABASE", name=name))
        if not u.database:
            raise UsageError(L_("the results database %(name)s names no database; write "
                                "postgresql://USER@HOST/DATABASE", name=name))
        try:
            import psycopg  # noqa: F401
        except ImportError:
            raise TemperError(L_("PostgreSQL needs the psycopg package: pip install "
                                 "'psycopg[binary]'")) from None
        engine = create_engine(u, pool_pre_ping=True, pool_size=2, max_overflow=2,
                               connect_args={"connect_timeout": 10,
                                             "application_name": "temper"})

        @event.listens_for(engine, "begin")
        def _begin(conn):
            conn.info.pop("temper_write", None)  # READ COMMITTED plus row locks (FOR UPDATE)

        super().__init__(engine, name)
        try:
            self._migrate()
        except DBAPIError as exc:
            engine.dispose()
            raise self._error(exc) from None
        except BaseException:
            engine.dispose()
            raise

    def _serialize_lease(self, db, name: str) -> None:
        db.execute(_sql("SELECT pg_advisory_xact_lock(hashtext(:n))"), dict(n="temper lease " + name))

    def _serialize_corrections(self, db) -> None:
        db.execute(_sql("SELECT pg_advisory_xact_lock(hashtext('temper corrections'))"))

    def _migrate(self) -> None:
        """Check the database is Temper's (or empty), then bring it to SCHEMA_VERSION."""
        from simulator import migrations

        if self._may_need_upgrade():
            migrations.prepare()  # before the lock: other desktops wait while it is held
        with self._engine.begin() as db:
            db.execute(_sql("SELECT pg_advisory_xact_lock(:k)"), dict(k=_PG_MIGRATION_LOCK))
            tables = {r[0] for r in db.execute(_sql(
                "SELECT table_name FROM information_schema.tables "
                "WHERE table_schema = current_schema()"))}
            if _PG_VERSION_TABLE in tables:
                version = db.execute(_sql(f"SELECT max(version) FROM {_PG_VERSION_TABLE}")).scalar()
                version = int(version or 0)
            elif tables:
                raise _foreign(self.path, "it holds tables " + ", ".join(sorted(tables)[:5])
                               + " and no Temper schema")
            else:
                db.execute(_sql(f"CREATE TABLE {_PG_VERSION_TABLE} (version INTEGER NOT NULL, "
                                "applied_at TEXT NOT NULL)"))
                version = 0
            if version > SCHEMA_VERSION:
                raise _newer(self.path, f"schema version {version}").with_hint("--db URL")
            if "alembic_version" in tables:
                from simulator import migrations

                revs = [r[0] for r in db.execute(_sql("SELECT version_num FROM alembic_version"))]
                number = migrations.number_of(revs[0]) if len(revs) == 1 else -1
                if number is None:  # a newer Temper's revision comes with its temper_schema row
                    raise _foreign(self.path, "its schema revision is none Temper wrote")
                if number != version:
                    raise _foreign(self.path, f"its schema revision and version {version} disagree")
            if version:
                expected = {e[1] for e in _expected_schema(version) if e[0] == "table"}
                missing = expected - tables
                if missing:
                    raise _foreign(self.path, f"its schema version {version} lacks the tables "
                                   + ", ".join(sorted(missing)))
            if version < SCHEMA_VERSION:
                from simulator import migrations

                migrations.upgrade(db, version)  # every step in this one transaction
                db.execute(_sql(f"INSERT INTO {_PG_VERSION_TABLE} (version, applied_at) "
                                "VALUES (:v, :at)"),
                           [dict(v=n, at=now_iso()) for n in range(version + 1, SCHEMA_VERSION + 1)])

    def _may_need_upgrade(self) -> bool:
        """A first look, without the lock: is the schema older than this Temper's? (At the
        newest, opening never loads Alembic; the look under the lock decides.)"""
        with self._engine.connect() as db:
            if not db.execute(_sql(f"SELECT to_regclass('{_PG_VERSION_TABLE}') IS NOT NULL")).scalar():
                return True
            version = db.execute(_sql(f"SELECT max(version) FROM {_PG_VERSION_TABLE}")).scalar()
            return int(version or 0) < SCHEMA_VERSION

    def _error(self, exc: Exception) -> TemperError:
        return _pg_error(self.path, getattr(exc, "orig", None) or exc)


def _pg_error(name: str, exc: Exception) -> TemperError:
    text = " ".join(str(exc).split())
    low = text.lower()
    if "password authentication failed" in low or "no password supplied" in low:
        return TemperError(L_("the results database %(name)s refused the login: check the user "
                              "and password (e.g. in ~/.pgpass or PGPASSWORD)", name=name))
    if "does not exist" in low and "database" in low:
        return TemperError(L_("the results database %(name)s does not exist on its server: ask "
                              "the centre's administrator to create it (createdb)", name=name))
    if ("connection refused" in low or "could not connect" in low or "timeout" in low
            or "name or service not known" in low or "could not translate host" in low
            or "connection failed" in low or "server closed the connection" in low):
        return TemperError(L_("cannot reach the results database %(name)s: the server does not "
                              "answer (%(error)s); check that it is running and the URL's host "
                              "and port, then run the same command again",
                              name=name, error=_no_secrets(text)))
    if "permission denied" in low:
        return TemperError(L_("the results database %(name)s refused: %(error)s; ask the centre's "
                              "administrator for the rights Temper needs (create tables, read "
                              "and write them)", name=name, error=_no_secrets(text)))
    return TemperError(L_("the results database %(name)s cannot be used (%(error)s)",
                          name=name, error=_no_secrets(text)))


def _no_secrets(text: str) -> str:
    return re.sub(r"password\s*=\s*\S+", "password=***", text)[:300]
