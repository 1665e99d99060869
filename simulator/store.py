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

`ResultsStore` is the interface; `SQLiteStore` the one implementation today, so that a
training centre can later point every desktop at one PostgreSQL server. The SQLite file
is versioned with `PRAGMA user_version` and upgraded by the migrations below; a file
from a newer Temper, or one that is not a Temper database at all, is refused with a
message and never overwritten.
"""

from __future__ import annotations

import abc
import json
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from simulator.errors import TemperError, UsageError
from simulator.paths import data_dir

if TYPE_CHECKING:  # pragma: no cover - typing only
    from simulator.format.scenario import Scenario
    from simulator.session import Session, Turn

MODES: tuple[str, ...] = ("practice", "exam", "certify")
DEFAULT_FILE = "results.sqlite3"


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

    @property
    def finished(self) -> bool:
        return self.finished_at is not None


class ResultsStore(abc.ABC):
    """Where sessions and their turns are kept. Implementations must commit each call."""

    path: str  # for messages: the file or server the results live in

    @abc.abstractmethod
    def begin(self, *, trainee: str, scenario: "Scenario", seed: int, mode: str) -> int:
        """Start a session; returns its id."""

    @abc.abstractmethod
    def record_turn(self, session_id: int, turn: dict) -> None:
        """Keep one turn (`Turn.to_dict()`), durably, before returning."""

    @abc.abstractmethod
    def finish(self, session_id: int, transcript: dict) -> None:
        """Close a session with its whole transcript (`Session.transcript()`)."""

    @abc.abstractmethod
    def sessions(self, trainee: str | None = None) -> list[SessionRecord]:
        """Every session (of one trainee), newest first."""

    @abc.abstractmethod
    def session(self, session_id: int) -> SessionRecord:
        """One session's record; TemperError when there is none."""

    @abc.abstractmethod
    def turns(self, session_id: int) -> list[dict]:
        """The turns recorded so far, in order."""

    @abc.abstractmethod
    def transcript(self, session_id: int) -> dict:
        """The finished transcript; for an unfinished session, what was recorded so far."""

    @abc.abstractmethod
    def transcripts(self, trainee: str | None = None, mode: str | None = None) -> list[dict]:
        """Every finished transcript (with `trainee` and `mode` added), oldest first."""

    @abc.abstractmethod
    def scenario_sha256(self, session_id: int) -> str:
        """The hash of the scenario file the session was begun with."""

    @abc.abstractmethod
    def close(self) -> None: ...

    # --- built on the methods above --------------------------------------------------
    def record_finished(self, *, trainee: str, scenario: "Scenario", mode: str,
                        transcript: dict) -> int:
        """A whole finished session at once (batch certification); returns its id."""
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

    def recorder(self, session_id: int) -> Callable[["Session", "Turn"], None]:
        """A Session observer that records every turn as it happens."""

        def record(session: "Session", turn: "Turn") -> None:
            self.record_turn(session_id, turn.to_dict())

        record.session_id = session_id  # type: ignore[attr-defined]
        return record

    def resume(self, session_id: int, scenario: "Scenario | None" = None,
               scorer=None) -> "Session":
        """A new Session in the state the interrupted one reached, recording onwards.

        The recorded replies (with their reply times) are replayed with the same seed;
        `scenario` defaults to the file the session was begun with, which must not have
        changed since (its hash is checked).
        """
        from simulator.format.loader import load_scenario
        from simulator.session import Session

        record = self.session(session_id)
        if record.finished:
            raise UsageError(f"session {session_id} is already finished ({record.outcome}); "
                             "nothing to resume")
        if scenario is None:
            scenario = load_scenario(record.scenario_path)
        recorded_sha = self.scenario_sha256(session_id)
        if recorded_sha and scenario.sha256 != recorded_sha:
            raise TemperError(
                f"cannot resume session {session_id}: the scenario file {record.scenario_path} "
                "has changed since the session began, so its replies would not replay the same "
                "conversation; start the scenario again"
            )
        kwargs = {} if scorer is None else {"scorer": scorer}
        session = Session(scenario, seed=record.seed, **kwargs)
        for turn in self.turns(session_id):
            if session.finished:
                break
            session.reply(turn["reply"], turn.get("latency_s", 0.0))
        session.observers.append(self.recorder(session_id))
        if session.finished:
            self.finish(session_id, session.transcript())
        return session

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()


# --- SQLite ------------------------------------------------------------------------------

#: One script per schema version; version N is reached by running scripts[:N].
MIGRATIONS: tuple[str, ...] = (
    # 1: sessions and their turns
    """
    CREATE TABLE sessions (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        trainee TEXT NOT NULL,
        scenario_id TEXT NOT NULL,
        scenario_title TEXT NOT NULL,
        scenario_path TEXT NOT NULL,
        scenario_sha256 TEXT NOT NULL,
        seed INTEGER NOT NULL,
        mode TEXT NOT NULL,
        scorer_version TEXT NOT NULL DEFAULT '',
        started_at TEXT NOT NULL,
        finished_at TEXT,
        outcome TEXT NOT NULL DEFAULT 'unfinished',
        score REAL,
        passed INTEGER,
        transcript TEXT
    );
    CREATE TABLE turns (
        session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        recorded_at TEXT NOT NULL,
        data TEXT NOT NULL,
        PRIMARY KEY (session_id, idx)
    );
    """,
    # 2: listing by trainee and newest first stays fast with thousands of sessions
    """
    CREATE INDEX sessions_by_trainee ON sessions (trainee, started_at);
    CREATE INDEX sessions_by_start ON sessions (started_at);
    """,
)
SCHEMA_VERSION = len(MIGRATIONS)

_COLUMNS = ("id, trainee, scenario_id, scenario_title, scenario_path, seed, mode, "
            "started_at, finished_at, outcome, score, passed")


class SQLiteStore(ResultsStore):
    def __init__(self, path: str | Path):
        self.path = str(path)
        self._db = _connect(Path(path))

    # --- writing -----------------------------------------------------------------
    def begin(self, *, trainee: str, scenario: "Scenario", seed: int, mode: str) -> int:
        if mode not in MODES:
            raise UsageError(f"unknown session mode '{mode}' (expected one of {', '.join(MODES)})")
        if not str(trainee).strip():
            raise UsageError("the trainee's name must not be empty")
        from scoring import SCORER_VERSION

        with self._write():
            cur = self._db.execute(
                "INSERT INTO sessions (trainee, scenario_id, scenario_title, scenario_path, "
                "scenario_sha256, seed, mode, scorer_version, started_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (str(trainee).strip(), scenario.id, scenario.title, _abs(scenario.path),
                 scenario.sha256, int(seed), mode, SCORER_VERSION, now_iso()),
            )
        return int(cur.lastrowid)

    def record_turn(self, session_id: int, turn: dict) -> None:
        self._require(session_id)
        with self._write():
            self._db.execute(
                "INSERT OR REPLACE INTO turns (session_id, idx, recorded_at, data) VALUES (?, ?, ?, ?)",
                (session_id, int(turn["index"]), now_iso(), json.dumps(turn, ensure_ascii=False)),
            )

    def finish(self, session_id: int, transcript: dict) -> None:
        self._require(session_id)
        with self._write():
            for turn in transcript.get("turns", ()):
                self._db.execute(
                    "INSERT OR IGNORE INTO turns (session_id, idx, recorded_at, data) VALUES (?, ?, ?, ?)",
                    (session_id, int(turn["index"]), now_iso(), json.dumps(turn, ensure_ascii=False)),
                )
            self._db.execute(
                "UPDATE sessions SET finished_at = ?, outcome = ?, score = ?, passed = ?, "
                "transcript = ?, scorer_version = ? WHERE id = ?",
                (now_iso(), transcript.get("outcome", "unfinished"), transcript.get("score"),
                 None if transcript.get("passed") is None else int(bool(transcript["passed"])),
                 json.dumps(transcript, ensure_ascii=False),
                 transcript.get("scorer_version", ""), session_id),
            )

    def record_finished(self, *, trainee: str, scenario: "Scenario", mode: str,
                        transcript: dict) -> int:
        return self.record_finished_many([(trainee, scenario, mode, transcript)])[0]

    def record_finished_many(self, items) -> list[int]:
        """Many finished sessions in one transaction (a batch of 1,000 trainees is one fsync)."""
        from scoring import SCORER_VERSION

        stamp = now_iso()
        ids = []
        with self._write():
            for trainee, scenario, mode, transcript in items:
                if mode not in MODES:
                    raise UsageError(f"unknown session mode '{mode}'")
                cur = self._db.execute(
                    "INSERT INTO sessions (trainee, scenario_id, scenario_title, scenario_path, "
                    "scenario_sha256, seed, mode, scorer_version, started_at, finished_at, outcome, "
                    "score, passed, transcript) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (trainee, scenario.id, scenario.title, _abs(scenario.path), scenario.sha256,
                     int(transcript.get("seed", 0)), mode,
                     transcript.get("scorer_version", SCORER_VERSION), stamp, stamp,
                     transcript.get("outcome", "unfinished"), transcript.get("score"),
                     int(bool(transcript.get("passed"))), json.dumps(transcript, ensure_ascii=False)),
                )
                sid = int(cur.lastrowid)
                self._db.executemany(
                    "INSERT INTO turns (session_id, idx, recorded_at, data) VALUES (?, ?, ?, ?)",
                    [(sid, int(t["index"]), stamp, json.dumps(t, ensure_ascii=False))
                     for t in transcript.get("turns", ())],
                )
                ids.append(sid)
        return ids

    # --- reading -----------------------------------------------------------------
    def sessions(self, trainee: str | None = None) -> list[SessionRecord]:
        sql = f"SELECT {_COLUMNS} FROM sessions"
        args: tuple = ()
        if trainee is not None:
            sql += " WHERE trainee = ?"
            args = (trainee,)
        sql += " ORDER BY started_at DESC, id DESC"
        return [_record(row) for row in self._read(sql, args)]

    def session(self, session_id: int) -> SessionRecord:
        rows = self._read(f"SELECT {_COLUMNS} FROM sessions WHERE id = ?", (session_id,))
        if not rows:
            raise UsageError(f"no session {session_id} in {self.path} (`temper history` lists them)")
        return _record(rows[0])

    def turns(self, session_id: int) -> list[dict]:
        self._require(session_id)
        rows = self._read("SELECT data FROM turns WHERE session_id = ? ORDER BY idx", (session_id,))
        return [json.loads(data) for (data,) in rows]

    def transcript(self, session_id: int) -> dict:
        rows = self._read("SELECT transcript FROM sessions WHERE id = ?", (session_id,))
        if not rows:
            raise UsageError(f"no session {session_id} in {self.path} (`temper history` lists them)")
        if rows[0][0]:
            return json.loads(rows[0][0])
        r = self.session(session_id)
        turns = self.turns(session_id)
        return {
            "scenario": r.scenario_id, "scenario_title": r.scenario_title,
            "scenario_sha256": self.scenario_sha256(session_id), "seed": r.seed,
            "outcome": "unfinished", "score": None, "passed": None,
            "hostility_curve": ([turns[0]["hostility"]["before"]] if turns else [])
            + [t["hostility"]["after"] for t in turns],
            "turns": turns,
        }

    def transcripts(self, trainee: str | None = None, mode: str | None = None) -> list[dict]:
        sql = "SELECT transcript, trainee, mode FROM sessions WHERE transcript IS NOT NULL"
        args: list = []
        if trainee is not None:
            sql += " AND trainee = ?"
            args.append(trainee)
        if mode is not None:
            sql += " AND mode = ?"
            args.append(mode)
        sql += " ORDER BY started_at, id"
        out = []
        for data, who, m in self._read(sql, tuple(args)):
            t = json.loads(data)
            t.setdefault("trainee", who)
            t.setdefault("mode", m)
            out.append(t)
        return out

    def scenario_sha256(self, session_id: int) -> str:
        rows = self._read("SELECT scenario_sha256 FROM sessions WHERE id = ?", (session_id,))
        if not rows:
            raise UsageError(f"no session {session_id} in {self.path}")
        return rows[0][0]

    def close(self) -> None:
        try:
            self._db.close()
        except sqlite3.Error:
            pass

    # --- plumbing ----------------------------------------------------------------
    def _require(self, session_id: int) -> None:
        if not self._read("SELECT 1 FROM sessions WHERE id = ?", (session_id,)):
            raise UsageError(f"no session {session_id} in {self.path}")

    def _read(self, sql: str, args: tuple = ()) -> list[tuple]:
        try:
            return self._db.execute(sql, args).fetchall()
        except sqlite3.DatabaseError as exc:
            raise _db_error(self.path, exc) from None

    def _write(self):
        return _Transaction(self)


class _Transaction:
    def __init__(self, store: SQLiteStore):
        self.store = store

    def __enter__(self):
        try:
            self.store._db.execute("BEGIN IMMEDIATE")
        except sqlite3.DatabaseError as exc:
            raise _db_error(self.store.path, exc) from None
        return self

    def __exit__(self, kind, exc, tb):
        db = self.store._db
        if kind is None:
            try:
                db.execute("COMMIT")
            except sqlite3.DatabaseError as err:
                raise _db_error(self.store.path, err) from None
            return False
        try:
            db.execute("ROLLBACK")
        except sqlite3.Error:
            pass
        if isinstance(exc, sqlite3.DatabaseError):
            raise _db_error(self.store.path, exc) from None
        return False


def _abs(path: str) -> str:
    try:
        return str(Path(path).resolve())
    except OSError:
        return str(path)


def _record(row: tuple) -> SessionRecord:
    (id_, trainee, sid, title, path, seed, mode, started, finished, outcome, score, passed) = row
    return SessionRecord(
        id=int(id_), trainee=trainee, scenario_id=sid, scenario_title=title, scenario_path=path,
        seed=int(seed), mode=mode, started_at=started, finished_at=finished, outcome=outcome,
        score=None if score is None else float(score),
        passed=None if passed is None else bool(passed),
    )


def _db_error(path: str, exc: Exception) -> TemperError:
    text = str(exc)
    if "locked" in text or "busy" in text:
        return TemperError(f"the results database {path} is busy (another Temper is writing to it); "
                           "try again in a moment")
    if "readonly" in text or "read-only" in text:
        return TemperError(f"cannot write to the results database {path}: it is read-only; "
                           "check its permissions or choose another file with --db PATH")
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return TemperError(
            f"the results database {path} is damaged or is not a Temper database ({text}); "
            "it has been left untouched: move it aside (or restore it from a backup) and Temper "
            "will start a new one, or choose another file with --db PATH"
        )
    return TemperError(f"the results database {path} cannot be used ({text}); "
                       "choose another file with --db PATH")


def _connect(path: Path) -> sqlite3.Connection:
    name = str(path)
    if path.is_dir():
        raise UsageError(f"the results database {name} is a folder; give a file name, e.g. "
                         f"{path / DEFAULT_FILE}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise TemperError(f"cannot create the folder for the results database {name}: "
                          f"{exc.strerror}") from None
    if path.exists():
        try:
            with open(path, "rb") as fh:
                head = fh.read(16)
        except OSError as exc:
            raise TemperError(f"cannot read the results database {name}: {exc.strerror}; "
                              "check its permissions or choose another file with --db PATH") from None
        if head and head != b"SQLite format 3\x00":
            raise TemperError(
                f"{name} is not a Temper results database (it is not an SQLite file); it has been "
                "left untouched: move it aside and Temper will start a new one, or choose another "
                "file with --db PATH"
            )
    try:
        db = sqlite3.connect(name, timeout=10.0, isolation_level=None)
    except sqlite3.Error as exc:
        raise _db_error(name, exc) from None
    try:
        db.execute("PRAGMA foreign_keys = ON")
        version = db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            db.close()
            raise TemperError(
                f"the results database {name} was made by a newer Temper (schema version "
                f"{version}; this one knows up to {SCHEMA_VERSION}); upgrade Temper, or choose "
                "another file with --db PATH"
            )
        mode = db.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if str(mode).lower() != "wal":  # e.g. a network drive: fall back, still durable
            db.execute("PRAGMA journal_mode = DELETE")
        db.execute("PRAGMA synchronous = FULL")
        if version == 0:
            tables = db.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
            if tables:
                db.close()
                raise TemperError(
                    f"{name} is an SQLite database but not a Temper one (it holds tables "
                    f"{', '.join(t for (t,) in tables[:5])}); it has been left untouched: "
                    "choose another file with --db PATH"
                )
        _migrate(db, version)
    except sqlite3.DatabaseError as exc:
        db.close()
        raise _db_error(name, exc) from None
    return db


def _migrate(db: sqlite3.Connection, version: int) -> None:
    for number in range(version, SCHEMA_VERSION):
        db.execute("BEGIN IMMEDIATE")
        try:
            for statement in filter(str.strip, MIGRATIONS[number].split(";")):
                db.execute(statement)
            db.execute(f"PRAGMA user_version = {number + 1}")
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise


def open_store(path: str | Path | None = None) -> ResultsStore:
    """The results store at `path` (default: results.sqlite3 in the user data folder).

    Raises TemperError naming the file and what to do when it is damaged, unreadable,
    not a Temper database, or from a newer Temper.
    """
    return SQLiteStore(Path(path) if path is not None else default_path())
