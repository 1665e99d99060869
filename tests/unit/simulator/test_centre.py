"""A centre's shared database: every command that reads or writes results, on both
engines (an SQLite file and a real PostgreSQL server), and `temper db copy`."""

from __future__ import annotations

import json

import pytest

from simulator.format.loader import load_scenario
from simulator.session import Session
from simulator.store import open_store

from .certify_support import BAD, GOOD, LATE_DELIVERY, key_file, make_plan, make_replies, run


def test_certify_history_report_and_resume_on_each_engine(capsys, tmp_path, db_url):
    plan, key = make_plan(tmp_path), key_file(tmp_path)
    replies = make_replies(tmp_path, {"alice": GOOD, "bob": BAD})
    out = tmp_path / "out"
    code, stdout, err = run(capsys, "certify", plan, "--replies", replies, "--key-file", key,
                            "--out", out, "--db", db_url, "--jobs", "1")
    assert code == 1, err  # bob failed
    first = (out / "alice.result.json").read_bytes()

    # the files lost: --resume writes them again from the database, sitting nothing again
    for f in out.iterdir():
        f.unlink()
    code, _, err = run(capsys, "certify", plan, "--replies", replies, "--key-file", key,
                       "--out", out, "--db", db_url, "--resume", "--jobs", "1")
    assert code == 1, err
    assert (out / "alice.result.json").read_bytes() == first
    with open_store(db_url) as store:
        assert sorted(r.trainee for r in store.sessions()) == ["alice", "bob"]  # not sat twice

    code, stdout, err = run(capsys, "history", "--db", db_url, "--json")
    assert code == 0, err
    assert sorted(r["trainee"] for r in json.loads(stdout)) == ["alice", "bob"]

    code, stdout, err = run(capsys, "report", "--cohort", "--db", db_url, "--csv", "-",
                            "--html", tmp_path / "cohort.html")
    assert code == 0, err
    assert "summary,sessions,2,2,50.0" in stdout and "2 trainees, 1 passed" in stdout
    assert (tmp_path / "cohort.html").stat().st_size > 0

    [alice] = json.loads(run(capsys, "history", "--db", db_url, "--trainee", "alice", "--json")[1])
    code, _, err = run(capsys, "report", str(alice["id"]), "--db", db_url,
                       "--html", tmp_path / "alice.html")
    assert code == 0, err
    assert "alice" in (tmp_path / "alice.html").read_text(encoding="utf-8")


def test_a_settings_file_can_point_at_the_centre_database(capsys, temper_home, db_url):
    (temper_home / "config.yaml").write_text(f"database: {db_url}\n")
    scenario = load_scenario(LATE_DELIVERY)
    with open_store(db_url) as store:
        store.begin(trainee="ana", scenario=scenario, seed=0, mode="practice")
    code, stdout, err = run(capsys, "history")
    assert code == 0, err
    assert "ana" in stdout
