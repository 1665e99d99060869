"""Issue 13: the cohort report reads a small digest kept beside each transcript, made once
when the session is recorded, instead of every whole transcript; on both engines.

What a trainer must not notice: the report's files are byte for byte those made from the
whole transcripts; a database of the previous version is given its digests when opened,
keeping every row; a transcript changed behind Temper's back is reported as it now is,
never from its old digest; `temper db copy` brings the digests along; damaged rows are
skipped with the same words as every other report."""

from __future__ import annotations

import json
import sqlite3
from datetime import date, timedelta

import pytest

from simulator.cohort import cohort_csv, select, summarise
from simulator.format.loader import load_scenario
from simulator.report import cohort_report_html
from simulator.session import Session
from simulator.store import open_store

from .certify_support import BAD, GOOD, REPO, run
from .test_store import _execute

#: (trainee, scenario, replies, mode): good, bad and cut-short sittings, in two languages.
PLAN = [
    ("ana", "late_delivery", GOOD, "practice"), ("bob", "late_delivery", BAD, "practice"),
    ("ana", "double_charge", GOOD[:2], "exam"), ("cid", "double_charge", ["Calm down.", "Not my problem!!!"], "exam"),
    ("Dée Ñúñez", "corte_luz", ["Lo siento mucho. ¿Qué ha pasado?", "Entiendo su molestia."], "practice"),
    ("bob", "wrong_food_order", ["Sorry. What was wrong?", "We'll look into it."], "certify"),
    ("ana", "late_delivery", GOOD[:3], "practice"), ("cid", "corte_luz", ["Cálmese.", "No es mi problema."], "exam"),
]


def _play(name: str, replies, seed: int):
    scenario = load_scenario(REPO / "scenarios" / f"{name}.yaml")
    session = Session(scenario, seed=seed)
    for text in replies:
        if not session.finished:
            session.reply(text, 5.0)
    return scenario, session.transcript()


def _fill(url) -> list[int]:
    """The plan's sessions, recorded one by one (begin, finish) and in a batch, dated a few
    days apart over four weeks, as the store dates them (when it saw them begin)."""
    ids = []
    with open_store(url) as store:
        for n, (who, name, replies, mode) in enumerate(PLAN):
            scenario, t = _play(name, replies, seed=n)
            if n % 2:
                ids.append(store.record_finished(trainee=who, scenario=scenario, mode=mode, transcript=t))
            else:
                sid = store.begin(trainee=who, scenario=scenario, seed=n, mode=mode)
                store.finish(sid, t)
                ids.append(sid)
        for sid, n in zip(ids, range(len(ids))):
            day = date(2026, 9, 7) + timedelta(days=3 * n)
            _execute(store, "UPDATE sessions SET started_at = :at WHERE id = :i", at=f"{day}T10:00:00Z", i=sid)
    return ids


def _from_whole_transcripts(url, trainee=None, mode=None, since=None, scenarios=None, language=None):
    """(CSV, HTML) of the cohort made from whole transcripts (`transcripts()`, the path
    without digests), chosen and labelled as `temper report --cohort` does."""
    import re

    skipped = []
    with open_store(url) as store:
        whole = store.transcripts(trainee=trainee, mode=mode, skipped=skipped)
        damaged = {int(n) for m in skipped for n in re.findall(r"session (\d+) ", m)}
        records = sorted((r for r in store.sessions() if r.finished and trainee in (None, r.trainee)
                          and mode in (None, r.mode) and r.id not in damaged),
                         key=lambda r: (r.started_at, r.id))
    assert len(records) == len(whole)
    for t, r in zip(whole, records):
        t["started_at"] = r.started_at
    summary = summarise(select(whole, since=since, scenarios=scenarios))
    summary["selection"] = {"since": since.isoformat() if since else None, "scenarios": scenarios or [],
                            "trainee": trainee, "mode": mode}
    if language:
        summary["language"] = language
    return cohort_csv(summary), cohort_report_html(summary)


def _report(capsys, tmp_path, url, *options) -> tuple[str, str]:
    out = tmp_path / "out"
    out.mkdir(exist_ok=True)
    code, _, err = run(capsys, "report", "--cohort", "--db", url, "--csv", out / "c.csv",
                       "--html", out / "c.html", *options)
    assert code == 0, err
    return (out / "c.csv").read_text(encoding="utf-8"), (out / "c.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("choice", [
    {}, {"trainee": "ana"}, {"mode": "exam"}, {"since": date(2026, 9, 20)},
    {"scenarios": ["late_delivery", "corte_luz"], "language": "es"},
], ids=["everyone", "one trainee", "one mode", "since", "scenarios in Spanish"])
def test_the_report_from_digests_is_byte_for_byte_the_report_from_whole_transcripts(
        db_url, tmp_path, capsys, choice):
    _fill(db_url)
    options = []
    for key, value in choice.items():
        if key == "scenarios":
            for s in value:
                options += ["--scenario", s]
        else:
            options += [f"--{key}", value.isoformat() if isinstance(value, date) else value]
    csv_text, html = _report(capsys, tmp_path, db_url, *options)
    expected_csv, expected_html = _from_whole_transcripts(db_url, **choice)
    assert csv_text == expected_csv
    assert html == expected_html
    assert csv_text.count("\ntrainee,") >= 1 and "data:image/png;base64," in html


def _kept(url) -> dict:
    """{session id: its kept digest (parsed), or None}."""
    from simulator.store import _kept_digest

    with open_store(url) as store:
        return {sid: _kept_digest(d) for sid, d in store._read(
            "SELECT id, digest FROM sessions WHERE transcript IS NOT NULL")}


def test_every_recorded_session_keeps_a_digest_and_the_report_reads_no_transcript(db_url, monkeypatch):
    ids = _fill(db_url)
    kept = _kept(db_url)
    assert sorted(kept) == sorted(ids) and all(d and "cut" in d for d in kept.values())
    from simulator import store as store_module

    def no_transcripts(*_):
        raise AssertionError("a whole transcript was parsed for the cohort")

    with open_store(db_url) as store:
        monkeypatch.setattr(store_module, "_digest_of", no_transcripts)
        assert [t["id"] for t in store.cohort_sessions()] == ids


def test_a_transcript_changed_behind_temper_s_back_is_reported_as_it_now_is(db_url, capsys, tmp_path):
    """A hand edit (or a process of the previous Temper still writing) changes the transcript
    but not its digest: the database clears the digest and the report reads the transcript."""
    ids = _fill(db_url)
    with open_store(db_url) as store:
        t = store.transcript(ids[1])
        t["score"], t["passed"] = 99.5, True
        _execute(store, "UPDATE sessions SET transcript = :t WHERE id = :i", t=json.dumps(t), i=ids[1])
        _execute(store, "UPDATE sessions SET digest = '{\"v\": 1, \"cut\": {\"scenario\": 5}}' WHERE id = :i",
                 i=ids[2])  # a digest that is not Temper's
        _execute(store, "UPDATE sessions SET digest = 'not json' WHERE id = :i", i=ids[3])
        _execute(store, "UPDATE sessions SET digest = '{\"v\": 99, \"cut\": {}}' WHERE id = :i",
                 i=ids[4])  # a later Temper's shape
        by_id = {c["id"]: c for c in store.cohort_sessions()}
    assert by_id[ids[1]]["score"] == 99.5 and by_id[ids[1]]["passed"] is True
    assert _kept(db_url)[ids[1]] is None  # cleared by the database, not kept stale
    csv_text, html = _report(capsys, tmp_path, db_url)
    assert (csv_text, html) == _from_whole_transcripts(db_url)


def test_damaged_and_null_fields_are_skipped_with_the_words_of_every_other_report(db_url):
    """A JSON null where a report needs text or an object is damage, as `history` and
    `report SESSION_ID` say: it is not taken as the field being absent (which counted a
    session with no dimensions, or in English, that every other report skips)."""
    ids = _fill(db_url)
    with open_store(db_url) as store:
        good = store.transcript(ids[0])
        nulls = [{**good, "language": None}, {**good, "session": None}, {**good, "scenario_title": None},
                 {**good, "scenario": None}]
        for sid, t in zip(ids, nulls):
            _execute(store, "UPDATE sessions SET transcript = :t WHERE id = :i", t=json.dumps(t), i=sid)
        _execute(store, "UPDATE sessions SET transcript = '{oops' WHERE id = :i", i=ids[4])
        by_cut, by_whole = [], []
        cut = store.cohort_sessions(skipped=by_cut)
        store.transcripts(skipped=by_whole)
    assert by_cut == by_whole and len(by_cut) == 5
    assert "its 'language' is not text" in by_cut[0] and "its 'session' is not an object" in by_cut[1]
    assert "its 'scenario_title' is not text" in by_cut[2] and "its 'scenario' is not text" in by_cut[3]
    assert "it is not JSON" in by_cut[4]
    assert [t["id"] for t in cut] == ids[5:]


def _previous_version(url, rows) -> None:
    """A database as the previous Temper (schema 4, no digests) leaves it, holding `rows`
    (from `export_all`)."""
    from simulator import migrations

    if "://" not in str(url):
        from simulator.store import _make_schema

        db = sqlite3.connect(url, isolation_level=None)
        _make_schema(db, 4)
        db.close()
    else:
        from sqlalchemy import create_engine, text

        engine = create_engine(str(url).replace("postgresql://", "postgresql+psycopg://"))
        with engine.begin() as db:
            db.execute(text("CREATE TABLE temper_schema (version INTEGER NOT NULL, applied_at TEXT NOT NULL)"))
            migrations.upgrade(db, 0, 4)
            db.execute(text("INSERT INTO temper_schema VALUES (1, 'x'), (2, 'x'), (3, 'x'), (4, 'x')"))
        engine.dispose()
    from sqlalchemy import create_engine, text

    engine = create_engine(str(url).replace("postgresql://", "postgresql+psycopg://") if "://" in str(url)
                           else f"sqlite:///{url}")
    with engine.begin() as db:
        for row, turns in rows:
            row = {k: v for k, v in row.items() if k != "digest"}
            db.execute(text(f"INSERT INTO sessions ({', '.join(row)}) VALUES ({', '.join(':' + k for k in row)})"),
                       row)
            for idx, at, data in turns:
                db.execute(text("INSERT INTO turns VALUES (:s, :i, :at, :d)"), dict(s=row["id"], i=idx, at=at, d=data))
    engine.dispose()


def _all_rows(url) -> list:
    with open_store(url) as store:
        return store._read("SELECT id, trainee, scenario_id, scenario_title, scenario_path, scenario_sha256, "
                           "seed, mode, scorer_version, started_at, finished_at, outcome, score, passed, "
                           "transcript, attempt_id, entry_id FROM sessions ORDER BY id") + store._read(
            "SELECT * FROM turns ORDER BY session_id, idx")


def test_a_database_of_the_previous_version_gets_its_digests_when_opened_keeping_every_row(
        db_url, tmp_path, capsys):
    made = tmp_path / "made.sqlite3"
    ids = _fill(made)
    with open_store(made) as store:
        _execute(store, "UPDATE sessions SET transcript = '[1, 2]' WHERE id = :i", i=ids[2])  # damaged
        unfinished = store.begin(trainee="eve", scenario=load_scenario(REPO / "scenarios" / "late_delivery.yaml"),
                                 seed=0, mode="practice")
        _, rows = store.export_all([])
    if "://" not in db_url:
        db_url = str(tmp_path / "previous.sqlite3")
    _previous_version(db_url, rows)
    import simulator.store as store_module

    before = [r for r in _all_rows(made)]
    with open_store(db_url) as store:  # upgraded here
        skipped = []
        cut = store.cohort_sessions(skipped=skipped)
        assert [r.id for r in store.unfinished()] == [unfinished]
    assert _all_rows(db_url) == before  # every row as it was
    kept = _kept(db_url)
    assert all(kept[sid] is not None for sid in ids) and "damaged" in kept[ids[2]]
    assert [t["id"] for t in cut] == [i for i in ids if i != ids[2]]
    assert len(skipped) == 1 and f"session {ids[2]} " in skipped[0] and "not a transcript object" in skipped[0]
    assert store_module.SCHEMA_VERSION == 5
    csv_text, html = _report(capsys, tmp_path, db_url)
    assert (csv_text, html) == _from_whole_transcripts(db_url)


def test_db_copy_brings_the_digests_along(db_url, tmp_path, capsys):
    src = tmp_path / "desk.sqlite3"
    ids = _fill(src)
    with open_store(src) as store:  # one whose digest the desktop lost: made again in the copy
        _execute(store, "UPDATE sessions SET digest = NULL WHERE id = :i", i=ids[0])
    dst = db_url if "://" in db_url else str(tmp_path / "centre.sqlite3")
    code, out, err = run(capsys, "db", "copy", src, dst)
    assert code == 0, err
    kept = _kept(dst)
    assert len(kept) == len(ids) and all(d and "cut" in d for d in kept.values())
    assert _report(capsys, tmp_path, dst) == _report(capsys, tmp_path, src) == _from_whole_transcripts(dst)


def test_unusual_but_sound_transcripts_give_the_same_figures_from_their_digest():
    """Transcripts from elsewhere (hand-made, older) that every report accepts: no turns, no
    dimensions, no title or language, a pass mark that is not a number, turns without
    scores. Their kept digest gives the cohort the figures their whole text gives."""
    from simulator.store import _digest_text, _kept_digest

    _, t = _play("late_delivery", GOOD, seed=1)
    base = {"scenario": "x", "outcome": "escalated", "score": None, "passed": None, "turns": []}
    variants = [t, base, {**base, "pass_mark": "sixty"}, {**base, "session": {"notes": []}},
                {**base, "turns": [{"reply": "hi"}, {"signals": ["blamed"], "scores": {"apology": {}}}]},
                {**t, "language": "es", "pass_mark": True}, {k: v for k, v in t.items() if k != "scenario_title"}]
    for n, v in enumerate(variants):
        kept = _kept_digest(_digest_text(json.dumps(v)))
        assert kept and "cut" in kept, n
        whole = {**v, "trainee": "ana", "started_at": "2026-09-08T10:00:00Z"}
        cut = {**kept["cut"], "trainee": "ana", "started_at": "2026-09-08T10:00:00Z"}
        assert summarise([cut]) == summarise([whole]), n
        assert cohort_csv(summarise([cut])) == cohort_csv(summarise([whole])), n


def test_db_copy_reads_an_older_desktop_file_without_changing_a_byte_of_it(tmp_path, capsys):
    import hashlib

    made = tmp_path / "made.sqlite3"
    ids = _fill(made)
    with open_store(made) as store:
        _, rows = store.export_all([])
    old = tmp_path / "old-desk.sqlite3"
    _previous_version(str(old), rows)
    before = hashlib.sha256(old.read_bytes()).hexdigest()
    dst = tmp_path / "centre.sqlite3"
    code, out, err = run(capsys, "db", "copy", str(old), str(dst))
    assert code == 0, err
    assert hashlib.sha256(old.read_bytes()).hexdigest() == before  # SRC only read
    assert f"Copied {len(ids)} session(s)" in out and str(old) in out
    assert len(_kept(dst)) == len(ids)
