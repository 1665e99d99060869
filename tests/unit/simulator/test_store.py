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
from simulator.store import SCHEMA_VERSION, MIGRATIONS, ResultsStore, SessionRecord, open_store

from .certify_support import GOOD, LATE_DELIVERY, REPO, run


@pytest.fixture
def scenario():
    return load_scenario(LATE_DELIVERY)


def test_the_default_store_lives_in_the_user_data_folder(temper_home, scenario):
    with open_store() as store:
        assert isinstance(store, ResultsStore)
        store.begin(trainee="ana", scenario=scenario, seed=1, mode="practice")
    assert (temper_home / "results.sqlite3").is_file()


def test_every_turn_is_kept_as_it_happens_and_the_session_listed(tmp_path, scenario):
    store = open_store(tmp_path / "r.db")
    sid = store.begin(trainee="ana", scenario=scenario, seed=1, mode="practice")
    session = Session(scenario, seed=1, observers=[store.recorder(sid)])
    session.reply(GOOD[0], 4.0)
    session.reply(GOOD[1], 6.0)
    # another connection sees both turns before the session finishes
    with open_store(tmp_path / "r.db") as other:
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


def test_sessions_are_newest_first_and_filtered_by_trainee(tmp_path, scenario):
    with open_store(tmp_path / "r.db") as store:
        ids = [store.begin(trainee=who, scenario=scenario, seed=0, mode=mode)
               for who, mode in (("ana", "practice"), ("ben", "exam"), ("ana", "certify"))]
        assert [r.id for r in store.sessions()] == ids[::-1]
        assert [r.id for r in store.sessions("ana")] == [ids[2], ids[0]]
        assert store.sessions("nobody") == []


def test_a_bad_mode_or_session_is_a_clear_error(tmp_path, scenario):
    with open_store(tmp_path / "r.db") as store:
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


def test_an_old_database_is_migrated_keeping_its_sessions(tmp_path, scenario):
    path = tmp_path / "r.db"
    db = sqlite3.connect(path)
    db.executescript(MIGRATIONS[0])
    db.execute("PRAGMA user_version = 1")
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


def test_a_session_killed_mid_way_is_resumed_where_it_stopped(tmp_path, scenario):
    db = tmp_path / "r.db"
    proc = subprocess.Popen([sys.executable, "-c", KILLED, str(LATE_DELIVERY), str(db), *GOOD[:3]],
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


def test_resuming_refuses_a_scenario_changed_since(tmp_path):
    path = tmp_path / "s.yaml"
    path.write_text(LATE_DELIVERY.read_text())
    scenario = load_scenario(path)
    with open_store(tmp_path / "r.db") as store:
        sid = store.begin(trainee="ana", scenario=scenario, seed=1, mode="practice")
        Session(scenario, seed=1, observers=[store.recorder(sid)]).reply(GOOD[0], 3.0)
        path.write_text(path.read_text().replace("Margaret Hill", "Margaret Hall"))
        with pytest.raises(TemperError, match="has changed"):
            store.resume(sid)


def test_history_lists_the_sessions(tmp_path, capsys, scenario):
    with open_store(tmp_path / "r.db") as store:
        store.begin(trainee="ana", scenario=scenario, seed=0, mode="practice")
        store.begin(trainee="ben", scenario=scenario, seed=0, mode="exam")
    code, out, err = run(capsys, "history", "--db", tmp_path / "r.db", "--trainee", "ben")
    assert code == 0, err
    assert "ben" in out and "ana" not in out and "late_delivery" in out
