"""The results store: turns kept as they happen, sessions listed, crashes survived."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap

import pytest

from simulator.errors import TemperError
from simulator.format.loader import load_scenario
from simulator.session import Session
from simulator.store import SCHEMA_VERSION, ResultsStore, SessionRecord, open_store

from .certify_support import GOOD, LATE_DELIVERY, REPO, run


@pytest.fixture
def scenario():
    return load_scenario(LATE_DELIVERY)


def test_the_default_store_lives_in_the_user_data_folder(temper_home, scenario):
    with open_store() as store:
        assert isinstance(store, ResultsStore)
        store.begin(trainee="ana", scenario=scenario, seed=1, mode="practice")
    assert (temper_home / "results.sqlite3").is_file()


def test_every_turn_is_kept_as_it_happens_and_the_session_listed(db_url, scenario):
    store = open_store(db_url)
    sid = store.begin(trainee="ana", scenario=scenario, seed=1, mode="practice")
    session = Session(scenario, seed=1, observers=[store.recorder(sid)])
    session.reply(GOOD[0], 4.0)
    session.reply(GOOD[1], 6.0)
    # another connection sees both turns before the session finishes
    with open_store(db_url) as other:
        assert [t["reply"] for t in other.turns(sid)] == GOOD[:2]
        [record] = other.unfinished()
        assert record.id == sid and record.outcome == "unfinished" and record.score is None
    store.finish(sid, session.transcript())
    [record] = store.sessions("ana")
    assert isinstance(record, SessionRecord)
    assert record.finished and record.scenario_id == "late_delivery" and record.seed == 1
    assert record.score == session.transcript()["score"]
    assert store.transcript(sid) == session.transcript()
    assert store.unfinished() == []
    store.close()


def test_sessions_are_newest_first_and_filtered_by_trainee(db_url, scenario):
    with open_store(db_url) as store:
        ids = [store.begin(trainee=who, scenario=scenario, seed=0, mode=mode)
               for who, mode in (("ana", "practice"), ("ben", "exam"), ("ana", "certify"))]
        assert [r.id for r in store.sessions()] == ids[::-1]
        assert [r.id for r in store.sessions("ana")] == [ids[2], ids[0]]
        assert store.sessions("nobody") == []


def test_a_bad_mode_or_session_is_a_clear_error(db_url, scenario):
    with open_store(db_url) as store:
        with pytest.raises(TemperError, match="mode 'training'"):
            store.begin(trainee="ana", scenario=scenario, seed=0, mode="training")
        with pytest.raises(TemperError, match="no session 42"):
            store.transcript(42)


def test_a_file_that_is_not_a_database_is_refused_and_left_untouched(tmp_path):
    path = tmp_path / "results.sqlite3"
    path.write_bytes(b"my precious notes, not a database\n" * 10)
    before = path.read_bytes()
    with pytest.raises(TemperError) as info:
        open_store(path)
    assert str(path) in str(info.value) and "--db" in str(info.value)
    assert path.read_bytes() == before


def test_a_damaged_database_is_a_message_not_a_traceback(tmp_path, capsys, scenario):
    path = tmp_path / "results.sqlite3"
    with open_store(path) as store:
        for _ in range(30):
            store.begin(trainee="ana", scenario=scenario, seed=0, mode="practice")
    data = bytearray(path.read_bytes())
    data[100:4096 * 2] = b"\xff" * (4096 * 2 - 100)  # scribble over the schema pages
    path.write_bytes(bytes(data))
    code, out, err = run(capsys, "history", "--db", path)
    assert code != 0
    assert str(path) in err and "Traceback" not in err
    assert path.read_bytes() == bytes(data)


def test_a_database_from_a_newer_temper_is_refused(tmp_path):
    path = tmp_path / "r.db"
    open_store(path).close()
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    db.commit()
    db.close()
    with pytest.raises(TemperError, match="newer Temper"):
        open_store(path)


def _at_version(path, version: int, *sql: str) -> None:
    """An SQLite file with Temper's schema version `version`, then `sql` run on it."""
    from simulator.store import _make_schema

    db = sqlite3.connect(path, isolation_level=None)
    _make_schema(db, version)
    for statement in sql:
        db.executescript(statement)
    db.close()


def test_an_old_database_is_migrated_keeping_its_sessions(tmp_path, scenario):
    path = tmp_path / "r.db"
    _at_version(path, 1)
    db = sqlite3.connect(path)
    db.execute("INSERT INTO sessions (trainee, scenario_id, scenario_title, scenario_path, "
               "scenario_sha256, seed, mode, started_at) VALUES ('old', 'x', 'X', '/x', '', 0, "
               "'practice', '2020-01-01T00:00:00Z')")
    db.commit()
    db.close()
    with open_store(path) as store:
        assert [r.trainee for r in store.sessions()] == ["old"]
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    db.close()


KILLED = textwrap.dedent("""
    import sys, time
    from simulator.format.loader import load_scenario
    from simulator.session import Session
    from simulator.store import open_store
    scenario = load_scenario(sys.argv[1])
    store = open_store(sys.argv[2])
    sid = store.begin(trainee="ana", scenario=scenario, seed=1, mode="exam")
    session = Session(scenario, seed=1, observers=[store.recorder(sid)])
    for text in sys.argv[3:]:
        session.reply(text, 7.0)
        print("sent", flush=True)
    time.sleep(600)   # typing the next reply when the machine dies
""")


def test_a_session_killed_mid_way_is_resumed_where_it_stopped(db_url, scenario):
    db = db_url
    proc = subprocess.Popen([sys.executable, "-c", KILLED, str(LATE_DELIVERY), db, *GOOD[:3]],
                            stdout=subprocess.PIPE, text=True, cwd=REPO)
    try:
        for _ in range(3):
            assert proc.stdout.readline().strip() == "sent"
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=60)
        proc.stdout.close()
    assert proc.returncode == -signal.SIGKILL

    with open_store(db) as store:
        [record] = store.unfinished("ana")
        assert [t["reply"] for t in store.turns(record.id)] == GOOD[:3]
        resumed = store.resume(record.id)
        assert len(resumed.turns) == 3 and not resumed.finished
        for text in GOOD[3:]:
            if not resumed.finished:
                resumed.reply(text, 7.0)
        store.finish(record.id, resumed.transcript())

        # the same replies without the crash give the same conversation
        straight = Session(scenario, seed=1)
        for text in GOOD:
            if not straight.finished:
                straight.reply(text, 7.0)
        assert resumed.transcript() == straight.transcript()
        assert [t["reply"] for t in store.turns(record.id)] == [t.reply for t in straight.turns]
        assert store.unfinished() == []
        assert store.session(record.id).outcome == straight.outcome


def test_resuming_refuses_a_scenario_changed_since(db_url, tmp_path):
    path = tmp_path / "s.yaml"
    path.write_text(LATE_DELIVERY.read_text())
    scenario = load_scenario(path)
    with open_store(db_url) as store:
        sid = store.begin(trainee="ana", scenario=scenario, seed=1, mode="practice")
        Session(scenario, seed=1, observers=[store.recorder(sid)]).reply(GOOD[0], 3.0)
        path.write_text(path.read_text().replace("Margaret Hill", "Margaret Hall"))
        with pytest.raises(TemperError, match="has changed"):
            store.resume(sid)


def test_history_lists_the_sessions(db_url, tmp_path, capsys, scenario):
    with open_store(db_url) as store:
        store.begin(trainee="ana", scenario=scenario, seed=0, mode="practice")
        store.begin(trainee="ben", scenario=scenario, seed=0, mode="exam")
    code, out, err = run(capsys, "history", "--db", db_url, "--trainee", "ben")
    assert code == 0, err
    assert "ben" in out and "ana" not in out and "late_delivery" in out


# --- a file that is not ours, or is damaged, is never modified -----------------------------

def _foreign_databases(tmp_path, scenario) -> dict:
    """SQLite files Temper must refuse: someone else's, and Temper's own, tampered with."""
    made = {}

    def make(name, *sql, version=None, wal=False):
        path = tmp_path / f"{name}.sqlite3"
        db = sqlite3.connect(path)
        if wal:
            db.execute("PRAGMA journal_mode = WAL")
        for s in sql:
            db.executescript(s)
        if version is not None:
            db.execute(f"PRAGMA user_version = {version}")
        db.commit()
        db.close()
        made[name] = path

    make("an_app", "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT);"
                   "INSERT INTO notes (body) VALUES ('my precious notes');")
    make("an_app_in_wal_mode", "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT);", wal=True)
    make("an_app_with_a_version", "CREATE TABLE sessions (id INTEGER PRIMARY KEY, who TEXT);",
         version=2)
    for name, version, sql in (
            ("temper_plus_a_table", 2, "CREATE TABLE extra (x);"),
            ("temper_missing_an_index", 2, "DROP INDEX sessions_by_start;"),
            # a Temper database whose schema was edited by hand (a column renamed, retyped)
            ("temper_renamed_column", 1, "ALTER TABLE sessions RENAME COLUMN scenario_title TO title;"),
            ("temper_with_an_index_changed", SCHEMA_VERSION,
             "DROP INDEX sessions_by_start; CREATE INDEX sessions_by_start ON sessions (trainee);"),
            ("temper_with_a_column_added", SCHEMA_VERSION, "ALTER TABLE leases ADD COLUMN x TEXT;"),
            ("temper_with_a_foreign_revision", SCHEMA_VERSION,
             "UPDATE alembic_version SET version_num = 'abc123';"),
            ("temper_with_a_trigger", SCHEMA_VERSION,
             "CREATE TRIGGER t AFTER INSERT ON turns BEGIN DELETE FROM turns; END;")):
        path = tmp_path / f"{name}.sqlite3"
        _at_version(path, version, sql)
        made[name] = path
    return made


def _snapshot(folder):
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_foreign_databases_are_refused_and_not_even_switched_to_wal(tmp_path, capsys, scenario):
    """Issue 12: a foreign SQLite file "left untouched" was switched to WAL."""
    for name, path in _foreign_databases(tmp_path, scenario).items():
        folder = tmp_path / f"only-{name}"
        folder.mkdir()
        db = folder / path.name
        path.rename(db)
        before = _snapshot(folder)
        for argv in (["history"], ["report", "--cohort"]):
            code, out, err = run(capsys, *argv, "--db", db)
            assert code != 0, (name, argv)
            assert str(db) in err and "left untouched" in err and "Traceback" not in err
        with pytest.raises(TemperError):
            open_store(db)
        assert _snapshot(folder) == before, name  # no byte changed, no -wal or -shm left


def _corrupted_copies(tmp_path, scenario, count=25) -> list:
    """Copies of a real Temper database, each with bytes scribbled over somewhere, that
    SQLite's own integrity check reports as corrupt."""
    import random

    source = tmp_path / "source.sqlite3"
    with open_store(source) as store:
        for i in range(60):
            sid = store.begin(trainee=f"t{i}", scenario=scenario, seed=i, mode="practice")
            Session(scenario, seed=i, observers=[store.recorder(sid)]).reply(GOOD[0], 3.0)
    db = sqlite3.connect(source)
    db.execute("PRAGMA journal_mode = DELETE")  # everything in the one file
    db.close()
    data = source.read_bytes()
    pages = len(data) // 4096
    rng = random.Random(12)
    out = []
    while len(out) < count:
        broken = bytearray(data)
        page = rng.randrange(1, pages)
        at = page * 4096 + rng.randrange(0, 4096 - 64)
        size = rng.choice((8, 32, 64))
        broken[at:at + size] = bytes(rng.randrange(256) for _ in range(size))
        path = tmp_path / f"corrupt{len(out):02d}.sqlite3"
        path.write_bytes(bytes(broken))
        probe = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            verdict = probe.execute("PRAGMA integrity_check").fetchall()
        except sqlite3.DatabaseError:
            verdict = [("error",)]
        finally:
            probe.close()
        if verdict != [("ok",)]:
            out.append(path)
        else:
            path.unlink()
    return out


def test_databases_sqlite_reports_corrupt_are_refused_and_never_written(tmp_path, capsys, scenario):
    """Issue 12: 20 of 25 results databases that SQLite itself reports corrupt were
    accepted and written into."""
    for path in _corrupted_copies(tmp_path, scenario):
        before = path.read_bytes()
        with pytest.raises(TemperError) as info:
            open_store(path)
        assert str(path) in str(info.value) and "--db" in str(info.value)
        assert path.read_bytes() == before


def test_a_broken_transcript_row_is_reported_and_skipped_by_every_report(db_url, tmp_path, capsys,
                                                                           scenario):
    """Issue 12: a DB row whose transcript is not JSON crashed `report --cohort`."""
    path = db_url
    with open_store(path) as store:
        ids = []
        for who in ("ana", "ben", "cy"):
            sid = store.begin(trainee=who, scenario=scenario, seed=1, mode="practice")
            session = Session(scenario, seed=1, observers=[store.recorder(sid)])
            for text in GOOD:
                if not session.finished:
                    session.reply(text, 5.0)
            store.finish(sid, session.transcript())
            ids.append(sid)
    with open_store(path) as store:
        _execute(store, "UPDATE sessions SET transcript = '{not json' WHERE id = :i", i=ids[0])
        _execute(store, "UPDATE sessions SET transcript = '{\"turns\": 5}' WHERE id = :i", i=ids[1])
    code, out, err = run(capsys, "report", "--cohort", "--csv", "-", "--db", path)
    assert code == 0, err
    assert f"session {ids[0]}" in err and f"session {ids[1]}" in err and "skipped" in err
    assert "summary,sessions,1," in out  # the good one is still counted
    code, _, err = run(capsys, "report", ids[0], "--db", path, "--html", tmp_path / "s.html")
    assert code == 1 and f"session {ids[0]}" in err and "damaged" in err and "Traceback" not in err
    code, out, err = run(capsys, "history", "--db", path)
    assert code == 0 and out.count("late_delivery") == 3


def test_a_damaged_row_in_the_sessions_table_is_skipped_by_history(tmp_path, capsys, scenario):
    path = tmp_path / "r.db"
    with open_store(path) as store:
        store.begin(trainee="ana", scenario=scenario, seed=1, mode="practice")
        bad = store.begin(trainee="ben", scenario=scenario, seed=1, mode="practice")
    db = sqlite3.connect(path)
    db.execute("UPDATE sessions SET seed = 'many' WHERE id = ?", (bad,))
    db.commit()
    db.close()
    code, out, err = run(capsys, "history", "--db", path)
    assert code == 0 and "ana" in out and "ben" not in out
    assert f"session {bad}" in err and "skipped" in err


def test_a_full_disk_is_one_clear_message_and_loses_nothing_recorded(tmp_path, scenario):
    """Issue 12: a full disk gave an OSError traceback and a misleading 'cannot rollback'."""
    store = open_store(tmp_path / "r.db")
    sid = store.begin(trainee="ana", scenario=scenario, seed=1, mode="exam")
    session = Session(scenario, seed=1, observers=[store.recorder(sid)])
    session.reply(GOOD[0], 3.0)
    pages = store._db.execute("PRAGMA page_count").fetchone()[0]
    store._db.execute(f"PRAGMA max_page_count = {pages}")  # the disk is full from now on
    with pytest.raises(TemperError) as info:
        for i in range(200):
            store.record_turn(sid, {**session.turns[0].to_dict(), "index": 2 + i,
                                    "reply": "x" * 3000})
    message = str(info.value)
    assert "the disk is full" in message and str(tmp_path / "r.db") in message
    assert "rollback" not in message
    store._db.execute("PRAGMA max_page_count = 1000000")  # space freed: the store still works
    assert [t["reply"] for t in store.turns(sid)][0] == GOOD[0]
    store.record_turn(sid, session.turns[0].to_dict())  # the same turn again: kept once
    store.close()


# --- turns are never overwritten; leases --------------------------------------------------

def test_a_turn_recorded_differently_elsewhere_is_not_overwritten(db_url, scenario):
    """Issue 12: the same trainee in two terminals shared one session and overwrote turns."""
    with open_store(db_url) as store:
        sid = store.begin(trainee="ana", scenario=scenario, seed=1, mode="exam")
        mine = Session(scenario, seed=1, observers=[store.recorder(sid)])
        mine.reply(GOOD[0], 3.0)
        theirs = Session(scenario, seed=1, observers=[store.recorder(sid)])
        with pytest.raises(TemperError, match="already recorded with another reply"):
            theirs.reply("Calm down.", 3.0)
        assert [t["reply"] for t in store.turns(sid)] == [GOOD[0]]


def test_a_lease_is_held_once_and_freed_when_its_holder_dies(db_url):
    from simulator.store import LeaseHeld

    with open_store(db_url) as store, open_store(db_url) as other:
        lease = store.acquire("trainee:ana", what="ana's certification")
        with pytest.raises(LeaseHeld) as info:
            other.acquire("trainee:ana")
        assert "ana's certification" in str(info.value) and str(os.getpid()) in str(info.value)
        lease.release()
        other.acquire("trainee:ana").release()  # free again
        # a holder that died: its process is gone (same machine), or it stopped renewing
        _execute(other, "INSERT INTO leases VALUES ('trainee:ben', 'x', :host, 999999999, '', '', "
                        "'', :now)", host=__import__("socket").gethostname(), now=__import__("time").time())
        _execute(other, "INSERT INTO leases VALUES ('trainee:cy', 'x', 'elsewhere', 1, '', '', '', 0)")
        other.acquire("trainee:ben").release()
        other.acquire("trainee:cy").release()


def test_a_lease_taken_over_stops_the_old_holder_recording(db_url, scenario):
    with open_store(db_url) as store:
        lease = store.acquire("trainee:ana")
        sid = store.begin(trainee="ana", scenario=scenario, seed=1, mode="exam")
        session = Session(scenario, seed=1, observers=[store.recorder(sid, lease)])
        session.reply(GOOD[0], 3.0)
        _execute(store, "UPDATE leases SET holder = 'someone-else'")  # taken over
        with pytest.raises(TemperError, match="taken over"):
            session.reply(GOOD[1], 3.0)
        assert len(store.turns(sid)) == 1
        lease.release()


def _execute(store, sql: str, **params) -> None:
    """Change the database behind the store's back (another machine, a hand edit)."""
    from sqlalchemy import text

    with store._engine.begin() as db:
        db.execute(text(sql), params)


# --- URLs and the PostgreSQL server -------------------------------------------------------

def test_a_url_or_a_plain_path_means_the_same_sqlite_file(tmp_path, capsys, scenario):
    path = tmp_path / "desk.sqlite3"
    with open_store(f"sqlite:///{path}") as store:
        store.begin(trainee="ana", scenario=scenario, seed=0, mode="practice")
    with open_store(str(path)) as store:
        assert [r.trainee for r in store.sessions()] == ["ana"]
    code, out, err = run(capsys, "history", "--db", f"sqlite:///{path}")
    assert code == 0 and "ana" in out, err


@pytest.mark.parametrize("url, said", [
    ("mysql://u@h/db", "not 'mysql'"),
    ("sqlite://", "names no file"),
    ("postgresql://u:s3cret@127.0.0.1:1/db", "cannot reach the results database"),
])
def test_a_bad_or_unreachable_database_url_is_one_message_without_the_password(capsys, url, said):
    code, out, err = run(capsys, "history", "--db", url)
    assert code != 0 and said in err, err
    assert "s3cret" not in err and "Traceback" not in err


def test_a_postgresql_database_that_is_not_temper_s_is_refused_and_left_untouched(postgres_url):
    import psycopg

    with psycopg.connect(postgres_url, autocommit=True) as conn:
        conn.execute("CREATE TABLE sessions (id INTEGER PRIMARY KEY, who TEXT)")
        conn.execute("INSERT INTO sessions VALUES (1, 'precious')")
    with pytest.raises(TemperError, match="not a Temper results database"):
        open_store(postgres_url)
    with psycopg.connect(postgres_url) as conn:
        assert conn.execute("SELECT who FROM sessions").fetchall() == [("precious",)]
        assert conn.execute("SELECT count(*) FROM information_schema.tables "
                            "WHERE table_schema = 'public'").fetchone()[0] == 1


def test_a_postgresql_database_from_a_newer_temper_is_refused(postgres_url):
    open_store(postgres_url).close()
    import psycopg

    with psycopg.connect(postgres_url, autocommit=True) as conn:
        conn.execute("INSERT INTO temper_schema VALUES (99, 'later')")
    with pytest.raises(TemperError, match="newer Temper"):
        open_store(postgres_url)


LEASER = textwrap.dedent("""
    import os, sys, time
    from simulator.store import LeaseHeld, open_store
    store = open_store(sys.argv[1])
    log = os.open(sys.argv[3], os.O_WRONLY | os.O_APPEND)
    got = 0
    for _ in range(int(sys.argv[2])):
        try:
            lease = store.acquire("trainee:ana")
        except LeaseHeld:
            continue
        got += 1
        os.write(log, f"+{os.getpid()}\\n".encode())   # holding: nobody else may be
        time.sleep(0.01)
        os.write(log, f"-{os.getpid()}\\n".encode())
        lease.release()
    print(got)
""")


def test_one_lease_holder_at_a_time_across_processes(db_url, tmp_path):
    """Four desktops (opening a new database at the same moment) race for one trainee's
    lease: each holder writes when it starts and stops holding; no two holds overlap."""
    log = tmp_path / "holds.log"
    log.write_text("")
    procs = [subprocess.Popen([sys.executable, "-c", LEASER, db_url, "30", str(log)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO)
             for _ in range(4)]
    ends = [p.communicate(timeout=300) for p in procs]
    # Under load this once failed: a desktop opening the new file while another was still
    # creating its schema (one transaction per version then) was told "changed while it
    # was being opened; try again", and later "busy" while another held the write lock
    # loading Alembic. Opening now looks again instead, and upgrades in one short transaction.
    assert all(p.returncode == 0 for p in procs), [err[-600:] for _, err in ends]
    got = [int(out) for out, _ in ends]
    lines = log.read_text().split()
    assert len(lines) == 2 * sum(got) and sum(got) >= 4
    for start, end in zip(lines[::2], lines[1::2]):
        assert start[0] == "+" and end == "-" + start[1:], "two holders at once"
    with open_store(db_url) as store:
        store.acquire("trainee:ana").release()  # nobody left holding it


# --- schema upgrades: a database made by the version before Alembic ------------------------

V3 = REPO / "tests" / "data" / "store"


#: Columns later schemas add (derived from the rows' own values): not part of "every row kept".
ADDED = ("digest",)


def _rows_sqlite(path) -> dict:
    db = sqlite3.connect(path)
    try:
        def columns(t):
            return ", ".join(c[1] for c in db.execute(f"PRAGMA table_info({t})") if c[1] not in ADDED)

        return {t: db.execute(f"SELECT {columns(t)} FROM {t} ORDER BY 1, 2").fetchall()
                for t in ("sessions", "turns", "attempts", "leases")}
    finally:
        db.close()


def test_schema_version_is_the_length_of_the_migration_history():
    from simulator import migrations

    assert migrations.history() == tuple(f"{n:04d}" for n in range(1, SCHEMA_VERSION + 1))


def test_what_opening_checks_against_is_what_the_migrations_make():
    """known.json (read so that opening a current database never loads Alembic) must say
    what the history really builds; after adding a migration: python -m simulator.migrations."""
    from simulator import migrations
    from simulator.store import _structure_of

    assert migrations.revisions() == migrations.history()
    for version in range(1, SCHEMA_VERSION + 1):
        assert migrations.structure(version) == _structure_of(version), version


def test_a_results_file_made_before_alembic_is_upgraded_in_place_keeping_every_row(tmp_path, capsys):
    path = tmp_path / "results.sqlite3"
    path.write_bytes((V3 / "results-v3.sqlite3").read_bytes())
    before = _rows_sqlite(path)
    assert sum(len(r) for r in before.values()) == 4 + 10 + 2 + 1
    with open_store(path) as store:
        assert sorted(r.trainee for r in store.sessions()) == ["Dée Ñúñez", "alice", "bob", "cy"]
        [left] = store.unfinished()
        assert [t["reply"] for t in store.turns(left.id)] == [GOOD[0]]
        assert len(store.attempts()) == 2 and store.corrections() == ()
    assert _rows_sqlite(path) == before
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION  # an older Temper refuses it
    assert db.execute("SELECT version_num FROM alembic_version").fetchall() == [(f"{SCHEMA_VERSION:04d}",)]
    db.close()
    code, out, err = run(capsys, "history", "--db", path)  # and it opens again as it is now
    assert code == 0 and out.count("late_delivery") == 4, err


def test_a_database_made_before_alembic_by_two_desktops_at_once_is_upgraded_once(tmp_path):
    path = tmp_path / "results.sqlite3"
    path.write_bytes((V3 / "results-v3.sqlite3").read_bytes())
    before = _rows_sqlite(path)
    code = "import sys; from simulator.store import open_store; open_store(sys.argv[1]).close(); print('ok')"
    procs = [subprocess.Popen([sys.executable, "-c", code, str(path)], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, cwd=REPO) for _ in range(4)]
    outcomes = [p.communicate(timeout=120) for p in procs]
    assert [o[0].strip() for o in outcomes] == ["ok"] * 4, [o[1][-400:] for o in outcomes]
    assert _rows_sqlite(path) == before


def _load_dump(url: str, dump) -> None:
    import psycopg

    sql = "\n".join(line for line in dump.read_text(encoding="utf-8").splitlines()
                    if not line.startswith("\\"))  # psql's own commands (\restrict)
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(sql)


def _rows_pg(url: str) -> dict:
    import psycopg

    with psycopg.connect(url) as conn:
        def columns(t):
            return ", ".join(c for (c,) in conn.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = %s "
                "AND table_schema = current_schema() ORDER BY ordinal_position", (t,))
                if c not in ADDED)

        return {t: conn.execute(f"SELECT {columns(t)} FROM {t} ORDER BY 1, 2").fetchall()
                for t in ("sessions", "turns", "attempts", "leases")}


def test_a_postgresql_database_made_before_alembic_is_upgraded_keeping_every_row(postgres_url, scenario):
    _load_dump(postgres_url, V3 / "results-v3.pg.sql")
    before = _rows_pg(postgres_url)
    assert sum(len(r) for r in before.values()) == 4 + 10 + 2 + 1
    with open_store(postgres_url) as store:
        assert sorted(r.trainee for r in store.sessions()) == ["Dée Ñúñez", "alice", "bob", "cy"]
        sid = store.begin(trainee="eve", scenario=scenario, seed=0, mode="practice")  # ids go on
        assert sid > max(r[0] for r in before["sessions"])
    after = _rows_pg(postgres_url)
    assert after["sessions"][:4] == before["sessions"] and after["turns"] == before["turns"]
    assert after["attempts"] == before["attempts"] and after["leases"] == before["leases"]
    import psycopg

    with psycopg.connect(postgres_url) as conn:  # an older Temper sees a newer schema and refuses it
        assert conn.execute("SELECT max(version) FROM temper_schema").fetchone()[0] == SCHEMA_VERSION
    with open_store(postgres_url) as store:  # and it opens again as it is now
        assert len(store.sessions()) == 5


def test_a_database_with_a_newer_alembic_revision_is_refused_untouched(tmp_path, postgres_url):
    path = tmp_path / "r.db"
    open_store(path).close()
    db = sqlite3.connect(path)
    db.execute("UPDATE alembic_version SET version_num = 'f00d'")
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")  # as a newer Temper marks it
    db.commit()
    db.close()
    before = path.read_bytes()
    with pytest.raises(TemperError, match="newer Temper"):
        open_store(path)
    assert path.read_bytes() == before
    import psycopg

    open_store(postgres_url).close()
    with psycopg.connect(postgres_url, autocommit=True) as conn:
        conn.execute("UPDATE alembic_version SET version_num = 'f00d'")
        conn.execute("INSERT INTO temper_schema VALUES (%s, 'later')", (SCHEMA_VERSION + 1,))
    with pytest.raises(TemperError, match="newer Temper") as info:
        open_store(postgres_url)
    assert "--db URL" in str(info.value)
    with psycopg.connect(postgres_url) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [("f00d",)]


# --- leases expire by the database's clock -------------------------------------------------

@pytest.mark.parametrize("skew_s", [3600.0, -3600.0], ids=["desktop_clock_ahead", "desktop_clock_behind"])
def test_a_desktop_with_a_wrong_clock_neither_steals_a_live_lease_nor_waits_forever(db_url, monkeypatch,
                                                                                     skew_s):
    import time

    from simulator.store import LeaseHeld

    with open_store(db_url) as store, open_store(db_url) as other:
        held = store.acquire("trainee:ana", what="ana's exam")
        held._stop.set()  # its heartbeat stops: the test says when it was last renewed
        held._thread.join(timeout=10)
        _execute(other, "UPDATE leases SET host = 'desk-9', pid = 1")  # held on another machine
        real = time.time
        monkeypatch.setattr(time, "time", lambda: real() + skew_s)  # this desktop's clock is wrong
        with pytest.raises(LeaseHeld) as info:  # renewed a moment ago: still held
            other.acquire("trainee:ana")
        assert "last heard from 0 s ago" in str(info.value) and info.value.wait_s > 20
        # the holder on desk-9 stopped renewing a minute ago, by the database's clock: free
        _execute(other, "UPDATE leases SET renewed_at = renewed_at - 60")
        other.acquire("trainee:ana").release()


# --- the cohort's cut of the transcripts (issue 13) ------------------------------------------

def _cohort_db(url):
    """Sessions of late_delivery and double_charge, finished, of two trainees and modes:
    good, bad (shouting, no apology) and cut short."""
    replies = ((GOOD, "ana", "practice"), (["Calm down.", "Not my problem!!!"], "ben", "exam"),
               (GOOD[:2], "ana", "exam"))
    ids = []
    with open_store(url) as store:
        for name in ("late_delivery", "double_charge"):
            sc = load_scenario(REPO / "scenarios" / f"{name}.yaml")
            for replies_, who, mode in replies:
                s = Session(sc, seed=3)
                for text in replies_:
                    if not s.finished:
                        s.reply(text, 5.0)
                ids.append(store.record_finished(trainee=who, scenario=sc, mode=mode,
                                                 transcript=s.transcript()))
    return ids


def test_the_cohort_reads_the_same_figures_from_its_cut_as_from_whole_transcripts(db_url):
    from simulator.cohort import cohort_csv, summarise

    ids = _cohort_db(db_url)
    with open_store(db_url) as store:
        for sid, day in zip(ids, ("2026-09-08", "2026-09-09", "2026-09-15", "2026-09-16",
                                  "2026-09-22", "2026-09-23")):
            _execute(store, "UPDATE sessions SET started_at = :at WHERE id = :i", at=day + "T10:00:00Z", i=sid)
        for who, mode in ((None, None), ("ana", None), (None, "exam"), ("ana", "exam"), ("nobody", None)):
            cut = store.cohort_sessions(trainee=who, mode=mode)
            whole = store.transcripts(trainee=who, mode=mode)
            assert [t["id"] for t in cut] == [r.id for r in sorted(
                (r for r in store.sessions() if who in (None, r.trainee) and mode in (None, r.mode)),
                key=lambda r: (r.started_at, r.id))]
            assert [t["started_at"] for t in cut] == [store.session(t["id"]).started_at for t in cut]
            assert [(t["trainee"], t["mode"], t["scenario"]) for t in cut] == [
                (t["trainee"], t["mode"], t["scenario"]) for t in whole]
            for t, s in zip(whole, cut):
                t["started_at"] = s["started_at"]
            assert summarise(cut) == summarise(whole)
            if cut:
                assert cohort_csv(summarise(cut)) == cohort_csv(summarise(whole))
        assert len(store.cohort_sessions()) == 6 and len(store.cohort_sessions(trainee="ana")) == 4
        # each turn keeps only what the cohort reads: no replies, no customer lines
        assert all(set(turn) <= {"signals", "scores"} for t in store.cohort_sessions() for turn in t["turns"])


@pytest.mark.parametrize("with_not_json", [True, False], ids=["a row not JSON", "only bad shapes"])
def test_the_cohorts_cut_reports_and_skips_damaged_rows_as_transcripts_does(db_url, with_not_json):
    """On PostgreSQL a row that is not JSON stops the query that cuts in the database; the
    rows are cut here then, with the same result."""
    ids = _cohort_db(db_url)
    damage = ['{"turns": 5, "scenario": "x", "outcome": "resolved", "score": 1, "passed": true}',
              '{"scenario": "x", "outcome": "resolved", "score": "high", "passed": true, "turns": []}',
              '{"scenario": "x", "outcome": "resolved", "score": 1, "passed": true, "turns": [1]}',
              '{"scenario": "x", "outcome": "resolved", "score": 1, "passed": true, "turns": [], '
              '"session": {"dimensions": {"calm": "good"}}}',
              '{"scenario": "x", "outcome": "resolved", "score": 1, "passed": true, '
              '"turns": [{"reply": "hi", "signals": [3]}]}']
    damage = (["{not json"] if with_not_json else ['[1, 2]']) + damage
    with open_store(db_url) as store:
        for sid, text in zip(ids, damage):
            _execute(store, "UPDATE sessions SET transcript = :t WHERE id = :i", t=text, i=sid)
        by_cut, by_whole = [], []
        cut = store.cohort_sessions(skipped=by_cut)
        store.transcripts(skipped=by_whole)
    assert [t["id"] for t in cut] == []  # all six damaged
    assert by_cut == by_whole and len(by_cut) == 6
    assert all(f"session {sid} " in m and "damaged" in m and "skipped" in m for sid, m in zip(ids, by_cut))
    assert "it is not JSON" in by_cut[0] if with_not_json else "not a transcript object" in by_cut[0]
    assert "its 'score' is not a number" in by_cut[2] and "turn 1's signals are not text" in by_cut[5]
