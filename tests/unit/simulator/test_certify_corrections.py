"""Certification judges with the centre's corrections of the judge, as practice and the
desktop's exams do; a result records which (their count and fingerprint), and an attempt
carried on, or written again with --resume, is judged with the ones it was begun with."""

from __future__ import annotations

import io
import json

import pytest

from scoring.model import Correction
from simulator.centre import judged_with
from simulator.format.loader import load_scenario
from simulator.session import Session
from simulator.store import open_store

from .certify_support import GOOD, LATE_DELIVERY, key_file, make_plan, make_replies, run

#: The trainer's view: Alice's first reply is no real apology (the judge took it for one).
NOT_SORRY = Correction(GOOD[0], "en", "apology", False, "Ana", "2026-12-01", "said, not felt")
#: Added later: her second reply shows no empathy either.
NO_EMPATHY = Correction(GOOD[1], "en", "empathy", False, "Ana", "2026-12-02", "")


@pytest.fixture
def clean_env(monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    for name in ("TEMPER_LANGUAGE", "LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")


def correct(db, *corrections) -> None:
    with open_store(db) as store:
        store.add_corrections(list(corrections), merge="append")


def batch(capsys, tmp_path, *extra, replies=None):
    if replies is None:
        replies = (tmp_path / "replies" if (tmp_path / "replies").exists()
                   else make_replies(tmp_path, {"alice": GOOD}))
    return run(capsys, "certify", make_plan(tmp_path), "--replies", replies, "--key-file",
               key_file(tmp_path), "--out", tmp_path / "out", "--formats", "json", "--jobs", "1",
               *extra)


def sit(capsys, monkeypatch, tmp_path, db, lines, *extra):
    monkeypatch.setattr("sys.stdin", io.StringIO("".join(line + "\n" for line in lines)))
    return run(capsys, "certify", make_plan(tmp_path), "--trainee", "ana", "--key-file",
               key_file(tmp_path), "--out", tmp_path / "out", "--db", db, "--formats", "json", *extra)


def result(tmp_path, trainee):
    return json.loads((tmp_path / "out" / f"{trainee}.result.json").read_text(encoding="utf-8"))


def apology(result_json) -> float:
    return result_json["scenarios"][0]["transcript"]["turns"][0]["scores"]["apology"]["score"]


def straight(replies, corrections, latency=10.0):
    session = Session(load_scenario(LATE_DELIVERY), seed=1, corrections=corrections)
    for text in replies:
        if not session.finished:
            session.reply(text, latency)
    return session.transcript()


def test_a_batch_is_judged_with_the_centre_s_corrections_and_says_which(capsys, tmp_path, db_url):
    code, out, err = batch(capsys, tmp_path, "--db", db_url)
    plain = result(tmp_path, "alice")
    assert plain["corrections"] == {"count": 0, "sha256": judged_with(())["sha256"]}
    assert apology(plain) > 0

    correct(db_url, NOT_SORRY)
    code, out, err = batch(capsys, tmp_path, "--db", db_url)
    assert code in (0, 1), out + err
    corrected = result(tmp_path, "alice")
    assert corrected["corrections"] == judged_with((NOT_SORRY,)) and corrected["corrections"]["count"] == 1
    assert apology(corrected) == 0, "the trainer's correction holds in certification too"
    assert corrected["scenarios"][0]["transcript"] == json.loads(json.dumps(straight(GOOD, (NOT_SORRY,))))
    assert corrected["scenarios"][0]["score"] == round(straight(GOOD, (NOT_SORRY,))["score"], 2)


def test_a_batch_without_a_database_still_uses_the_settings_database_s_corrections(
        capsys, tmp_path, temper_home):
    correct(temper_home / "results.sqlite3", NOT_SORRY)  # the desktop's own database
    code, out, err = batch(capsys, tmp_path, "--no-db")
    assert code in (0, 1), out + err
    assert result(tmp_path, "alice")["corrections"]["count"] == 1 and apology(result(tmp_path, "alice")) == 0


def test_a_result_is_checked_again_with_the_corrections_it_records(capsys, tmp_path):
    db = tmp_path / "r.db"
    correct(db, NOT_SORRY)
    batch(capsys, tmp_path, "--db", db)
    first = result(tmp_path, "alice")
    correct(db, NO_EMPATHY)  # the centre has one more since
    assert run(capsys, "corrections", "export", tmp_path / "all.jsonl", "--db", db)[0] == 0
    kept = (tmp_path / "all.jsonl").read_text(encoding="utf-8").splitlines(keepends=True)
    (tmp_path / "then.jsonl").write_text("".join(kept[:first["corrections"]["count"]]), encoding="utf-8")
    code, out, err = batch(capsys, tmp_path, "--no-db", "--corrections", tmp_path / "then.jsonl")
    assert code in (0, 1), out + err
    again = result(tmp_path, "alice")
    assert again["corrections"] == first["corrections"]
    assert again["scenarios"] == first["scenarios"] and again["score"] == first["score"]
    code, out, err = batch(capsys, tmp_path, "--no-db", "--corrections", tmp_path / "all.jsonl")
    assert result(tmp_path, "alice")["corrections"]["count"] == 2
    assert result(tmp_path, "alice")["corrections"]["sha256"] != first["corrections"]["sha256"]


def test_the_report_says_which_corrections_judged_it(capsys, tmp_path):
    db = tmp_path / "r.db"
    correct(db, NOT_SORRY)
    code, out, err = run(capsys, "certify", make_plan(tmp_path), "--replies",
                         make_replies(tmp_path, {"alice": GOOD}), "--key-file", key_file(tmp_path),
                         "--out", tmp_path / "out", "--formats", "json,html", "--db", db)
    assert code in (0, 1), out + err
    page = (tmp_path / "out" / "alice.html").read_text(encoding="utf-8")
    sha = judged_with((NOT_SORRY,))["sha256"]
    assert f"judged with 1 correction of the judge (sha256 {sha[:12]})" in page


def test_a_bad_corrections_file_is_refused_before_any_work(capsys, tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"reply": "x"}\n', encoding="utf-8")
    code, out, err = batch(capsys, tmp_path, "--no-db", "--corrections", bad)
    assert code == 2 and "--corrections:" in err and "bad.jsonl" in err and "Traceback" not in err
    assert not (tmp_path / "out").exists()


def test_batch_resume_writes_the_result_as_judged_when_corrections_were_added_since(capsys, tmp_path):
    db = tmp_path / "r.db"
    correct(db, NOT_SORRY)
    replies = make_replies(tmp_path, {"alice": GOOD})
    batch(capsys, tmp_path, "--db", db, replies=replies)
    first = result(tmp_path, "alice")
    (tmp_path / "out" / "alice.result.json").unlink()  # the write was lost
    correct(db, NO_EMPATHY)
    code, out, err = batch(capsys, tmp_path, "--db", db, "--resume", replies=replies)
    assert code in (0, 1), out + err
    assert "1 written from the results database" in out
    again = result(tmp_path, "alice")
    assert again["corrections"] == first["corrections"] == judged_with((NOT_SORRY,))
    assert again["scenarios"] == first["scenarios"]


def test_a_live_sitting_uses_the_corrections_and_is_carried_on_with_those_it_began_with(
        capsys, monkeypatch, tmp_path, db_url, clean_env):
    correct(db_url, NOT_SORRY)
    code, out, err = sit(capsys, monkeypatch, tmp_path, db_url, GOOD[:2])
    assert code == 3, out + err  # the input ended: interrupted
    correct(db_url, NO_EMPATHY)  # a trainer corrects the judge meanwhile

    code, out, err = sit(capsys, monkeypatch, tmp_path, db_url, GOOD[2:])
    assert code in (0, 1), out + err
    assert "2 replies recovered" in out
    assert ("this attempt was begun when the centre had 1 correction of the judge (it has 2 now): "
            "it is judged to its end as it was begun") in " ".join(out.split())
    sat = result(tmp_path, "ana")
    assert sat["corrections"] == judged_with((NOT_SORRY,))
    turns = sat["scenarios"][0]["transcript"]["turns"]
    again = Session(load_scenario(LATE_DELIVERY), seed=1, corrections=(NOT_SORRY,))
    for t in turns:
        again.reply(t["reply"], t["latency_s"])
    assert json.loads(json.dumps(again.transcript()["turns"])) == turns, \
        "the sitting is the one a sitting with the first correction alone gives"
    assert turns[0]["scores"]["apology"]["score"] == 0
    # Judged throughout with the one correction, never the second: the empathy of reply 2
    # stands as the judge gave it then.
    assert turns[1]["scores"]["empathy"]["score"] > 0

    # The next attempt is judged with both.
    code, out, err = sit(capsys, monkeypatch, tmp_path, db_url, GOOD)
    assert code in (0, 1), out + err
    assert result(tmp_path, "ana")["corrections"] == judged_with((NOT_SORRY, NO_EMPATHY))
    assert result(tmp_path, "ana")["scenarios"][0]["transcript"]["turns"][1]["scores"]["empathy"]["score"] <= 0


def test_an_attempt_whose_corrections_changed_otherwise_starts_afresh_and_says_so(
        capsys, monkeypatch, tmp_path, clean_env):
    db = tmp_path / "r.db"
    mine = tmp_path / "mine.jsonl"
    mine.write_text(json.dumps({"reply": GOOD[1], "language": "en", "kind": "empathy",
                                "verdict": False, "who": "Bo", "on": "2026-11-30", "note": ""}) + "\n",
                    encoding="utf-8")
    code, out, err = sit(capsys, monkeypatch, tmp_path, db, GOOD[:2], "--corrections", mine)
    assert code == 3, out + err
    # Now judged with another set altogether (not the first one plus more).
    other = tmp_path / "other.jsonl"
    other.write_text(json.dumps({"reply": GOOD[0], "language": "en", "kind": "apology",
                                 "verdict": False, "who": "Ana", "on": "2026-12-01", "note": ""}) + "\n",
                     encoding="utf-8")
    code, out, err = sit(capsys, monkeypatch, tmp_path, db, GOOD, "--corrections", other)
    assert code in (0, 1), out + err
    assert "your unfinished attempt of" in out and "cannot be carried on" in out
    assert "this attempt starts afresh" in out and "recovered" not in out
    with open_store(db) as store:
        attempts = store.attempts("ana")
        assert len(attempts) == 2 and not attempts[1].finished and attempts[0].finished
        kept = [s for s in store.sessions("ana") if s.attempt_id == attempts[1].id]
        assert [t["reply"] for t in store.turns(kept[0].id)] == GOOD[:2], "nothing lost"


def test_terminal_practice_is_judged_with_the_centre_s_corrections_too(capsys, tmp_path, temper_home):
    replies = tmp_path / "replies.yaml"
    replies.write_text(json.dumps([GOOD[0]]), encoding="utf-8")

    def first_apology(*extra):
        code, out, err = run(capsys, "play", "late_delivery", "--replies", replies, "--json", *extra)
        assert code == 0, err
        return json.loads(out)["turns"][0]["scores"]["apology"]["score"]

    assert first_apology("--no-record") > 0
    correct(temper_home / "results.sqlite3", NOT_SORRY)
    assert first_apology("--no-record") == 0, "read from the settings' database"
    assert first_apology() == 0, "recorded in History, judged as the app would"
