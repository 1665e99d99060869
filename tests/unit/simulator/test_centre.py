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


# --- temper db copy -------------------------------------------------------------------------

def _desktop(tmp_path, capsys):
    """A desktop's SQLite file: a certification (alice, bob), a practice session finished
    and one left unfinished mid-way."""
    desk = tmp_path / "desk.sqlite3"
    plan, key = make_plan(tmp_path), key_file(tmp_path)
    code, _, err = run(capsys, "certify", plan, "--replies", make_replies(tmp_path, {"alice": GOOD, "bob": BAD}),
                       "--key-file", key, "--out", tmp_path / "out", "--db", desk, "--jobs", "1")
    assert code == 1, err
    scenario = load_scenario(LATE_DELIVERY)
    with open_store(desk) as store:
        done = store.begin(trainee="cy", scenario=scenario, seed=2, mode="practice")
        s = Session(scenario, seed=2, observers=[store.recorder(done)])
        for text in GOOD:
            if not s.finished:
                s.reply(text, 5.0)
        store.finish(done, s.transcript())
        left = store.begin(trainee="dee", scenario=scenario, seed=3, mode="exam")
        Session(scenario, seed=3, observers=[store.recorder(left)]).reply(GOOD[0], 5.0)
    return desk, left


def _contents(url):
    with open_store(url) as store:
        sessions = sorted(store.sessions(), key=lambda r: (r.trainee, r.started_at))
        return ([(r.trainee, r.mode, r.outcome, r.score, r.entry_id, r.attempt_id is not None,
                  store.transcript(r.id)) for r in sessions],
                sorted((a.trainee, a.plan_id, a.finished is True) for a in store.attempts()))


def test_db_copy_moves_everything_once_and_then_copies_nothing(capsys, tmp_path, postgres_url):
    from simulator.centre import correction_for

    desk, left = _desktop(tmp_path, capsys)
    rude = "Calm down. These things happen with couriers."
    with open_store(desk) as store:  # a trainer at the desktop corrected the judge
        store.add_corrections([correction_for(rude, "en", "tone_policing", False, "ana", "fair")])
    with open_store(postgres_url) as centre:  # and another, at the centre, the same way
        centre.add_corrections([correction_for(rude + " ", "en", "tone_policing", False, "ben")])
        centre.add_corrections([correction_for("Fine.", "en", "brush_off", True, "ben")])
    before = desk.read_bytes()
    code, out, err = run(capsys, "db", "copy", desk, postgres_url)
    assert code == 0, err
    assert "Copied 4 session(s)" in out and "2 certification attempt(s)" in out
    assert "0 correction(s)" in out  # the centre has that one already (ben's)
    assert _contents(postgres_url) == _contents(str(desk))
    assert desk.read_bytes() == before  # the source is only read
    with open_store(desk) as store:
        store.add_corrections([correction_for("Sorry, but no.", "en", "non_apology", True, "ana")])
    code, out, err = run(capsys, "db", "copy", desk, postgres_url)
    assert code == 0 and "1 correction(s)" in out, err
    with open_store(postgres_url) as centre:
        assert [(c.kind, c.who) for c in centre.corrections()] == [
            ("tone_policing", "ben"), ("brush_off", "ben"), ("non_apology", "ana")]

    code, out, err = run(capsys, "db", "copy", desk, postgres_url)
    assert code == 0, err
    assert "Copied 0 session(s) with 0 turn(s), 0 certification attempt(s) and 0 correction(s)" in out
    assert "4 were there already" in out
    assert _contents(postgres_url) == _contents(str(desk))

    # the unfinished session goes on at the desktop; the next copy finishes it in the centre
    with open_store(desk) as store:
        resumed = store.resume(left)
        for text in GOOD[1:]:
            if not resumed.finished:
                resumed.reply(text, 5.0)
        store.finish(left, resumed.transcript())
    code, out, err = run(capsys, "db", "copy", desk, postgres_url)
    assert code == 0, err
    assert "Copied 0 session(s)" in out and "1 copied before were finished since" in out
    assert _contents(postgres_url) == _contents(str(desk))
    with open_store(postgres_url) as centre:
        assert centre.unfinished() == []


def test_db_copy_refuses_a_missing_source_and_the_same_database(capsys, tmp_path):
    code, _, err = run(capsys, "db", "copy", tmp_path / "nope.sqlite3", tmp_path / "centre.sqlite3")
    assert code == 2 and "no results database" in err and "nope.sqlite3" in err
    assert not (tmp_path / "nope.sqlite3").exists() and not (tmp_path / "centre.sqlite3").exists()
    open_store(tmp_path / "a.sqlite3").close()
    code, _, err = run(capsys, "db", "copy", tmp_path / "a.sqlite3", f"sqlite:///{tmp_path / 'a.sqlite3'}")
    assert code == 2 and "the same database" in err


def test_db_copy_skips_and_names_a_damaged_row(capsys, tmp_path):
    import sqlite3

    desk, _ = _desktop(tmp_path, capsys)
    db = sqlite3.connect(desk)
    db.execute("UPDATE sessions SET seed = 'soon' WHERE trainee = 'cy'")
    db.commit()
    db.close()
    code, out, err = run(capsys, "db", "copy", desk, tmp_path / "centre.sqlite3")
    assert code == 0, err
    assert "session" in err and "is damaged; not copied" in err
    assert "Copied 3 session(s)" in out


# --- centre settings ------------------------------------------------------------------------

def test_temper_settings_shows_the_centre_s_settings_without_the_password(capsys, temper_home, tmp_path):
    key = key_file(tmp_path)
    (temper_home / "config.yaml").write_text(
        "database: postgresql://temper:hunter2@db.centre.lan/temper\n"
        f"signing_key_file: {key}\n"
        "xapi_base_iri: https://lrs.northside.example/temper/\n"
        "centre_name: Northside Training Centre\n")
    code, out, err = run(capsys, "settings", "--json")
    assert code == 0, err
    shown = json.loads(out)
    assert shown["database"]["value"] == "postgresql://temper@db.centre.lan/temper"
    assert "hunter2" not in out
    assert shown["xapi_base_iri"]["value"] == "https://lrs.northside.example/temper"
    assert shown["centre_name"]["value"] == "Northside Training Centre"
    assert "key id" in shown["signing_key_file"]["from"]
    code, out, _ = run(capsys, "settings")
    assert "Northside Training Centre" in out and "hunter2" not in out


def test_a_bad_xapi_iri_in_the_settings_names_its_line(capsys, temper_home):
    (temper_home / "config.yaml").write_text("centre_name: X\nxapi_base_iri: lrs.example\n")
    code, _, err = run(capsys, "settings")
    assert code != 0 and "config.yaml:2:" in err and "xapi_base_iri must be an http(s) IRI" in err
    assert "Traceback" not in err


def test_xapi_statements_carry_the_centre_s_iri_and_name(capsys, temper_home, tmp_path):
    (temper_home / "config.yaml").write_text("xapi_base_iri: https://lrs.northside.example/t\n"
                                             "centre_name: Northside\n")
    plan, key, out = make_plan(tmp_path), key_file(tmp_path), tmp_path / "out"
    code, _, err = run(capsys, "certify", plan, "--replies", make_replies(tmp_path, {"alice": GOOD}),
                       "--key-file", key, "--out", out, "--formats", "json,xapi", "--jobs", "1")
    assert code == 0, err
    text = (out / "alice.xapi.json").read_text(encoding="utf-8")
    assert "temper.invalid" not in text
    for statement in json.loads(text):
        assert statement["actor"]["account"]["homePage"] == "https://lrs.northside.example/t/trainees"
        assert statement["object"]["id"].startswith("https://lrs.northside.example/t/plans/")
        assert statement["context"]["platform"] == "Northside"
        assert all(k.startswith("https://lrs.northside.example/t/extensions/")
                   for k in statement["result"]["extensions"])


def test_db_copy_takes_a_desktop_s_corrections_file_not_moved_yet_and_leaves_it(capsys, tmp_path):
    """A desktop whose corrections are still in corrections.jsonl beside its results (not
    opened since they moved into the database): they are copied, the file only read."""
    from pathlib import Path

    desk, _ = _desktop(tmp_path, capsys)
    beside = desk.parent / "corrections.jsonl"
    fixture = Path(__file__).resolve().parents[2] / "data" / "store" / "corrections.jsonl"
    beside.write_bytes(fixture.read_bytes())
    centre = tmp_path / "centre.sqlite3"
    code, out, err = run(capsys, "db", "copy", desk, centre)
    assert code == 0 and "3 correction(s)" in out, err  # the same reply and kind twice: once
    assert beside.read_bytes() == fixture.read_bytes()
    code, out, err = run(capsys, "db", "copy", desk, centre)
    assert code == 0 and "0 correction(s)" in out, err
    with open_store(centre) as store:
        assert [c.kind for c in store.corrections()] == ["blame", "tone_policing", "invitation"]
