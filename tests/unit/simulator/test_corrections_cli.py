"""Moving a centre's corrections of the judge between machines (`temper corrections`)."""

from __future__ import annotations

import json

import shutil
from pathlib import Path

import pytest

from simulator.centre import corrections_path
from simulator.cli import main
from simulator.store import open_store

FIXTURE = Path(__file__).resolve().parents[2] / "data" / "store" / "corrections.jsonl"

LINE = {"reply": "Have you checked your spam folder?", "language": "en", "kind": "blame",
        "verdict": False, "who": "Ana", "on": "2026-12-01", "note": "a troubleshooting question"}


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_corrections_imported_once_and_exported_as_they_were(tmp_path, capsys):
    source = tmp_path / "from_desk_3.jsonl"
    source.write_text(json.dumps(LINE) + "\n", encoding="utf-8")

    code, out, _ = run(capsys, "corrections", "import", str(source))
    assert code == 0 and "Imported 1 correction" in out and "(0 already kept)" in out
    code, out, _ = run(capsys, "corrections", "import", str(source))
    assert code == 0 and "Imported 0 corrections" in out and "(1 already kept)" in out
    with open_store() as store:  # kept in the results database, not in a file beside it
        assert len(store.corrections()) == 1
    assert not corrections_path().exists()

    code, out, _ = run(capsys, "corrections", "list")
    assert code == 0 and "by Ana" in out and "does not do 'blame'" in out

    target = tmp_path / "for_desk_7.jsonl"
    assert run(capsys, "corrections", "export", str(target))[0] == 0
    assert [json.loads(x) for x in target.read_text(encoding="utf-8").splitlines()] == [LINE]


def test_a_bad_file_is_refused_at_its_line_and_nothing_is_written(tmp_path, capsys):
    good = tmp_path / "good.jsonl"
    good.write_text(json.dumps(LINE) + "\n", encoding="utf-8")
    run(capsys, "corrections", "import", str(good))
    with open_store() as store:
        before = store.corrections()

    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps({**LINE, "reply": "Other"}) + "\n{not json\n", encoding="utf-8")
    code, out, err = run(capsys, "corrections", "import", str(bad))
    assert code == 1 and f"{bad}:2" in err and "Traceback" not in err
    with open_store() as store:
        assert store.corrections() == before


def test_nothing_kept_yet_says_so(capsys):
    code, out, _ = run(capsys, "corrections", "list")
    assert code == 0 and "No corrections yet" in out


def test_a_corrections_file_from_before_is_moved_into_the_database_once_and_whole(capsys, temper_home):
    """The file the desktop kept beside the results until now: every line moves in, as it
    was (the two alike too), the file is kept under another name, and it never moves twice."""
    shutil.copy(FIXTURE, corrections_path())
    lines = [json.loads(x) for x in FIXTURE.read_text(encoding="utf-8").splitlines()]
    code, out, err = run(capsys, "corrections", "list")
    assert code == 0, err
    assert "now kept in the results database" in err and "4 from" in err
    assert out.count("by Ana") == 4 and "said twice" not in out
    assert not corrections_path().exists()
    assert (temper_home / "corrections.jsonl.imported").read_bytes() == FIXTURE.read_bytes()
    exported = temper_home / "out.jsonl"
    code, _, err = run(capsys, "corrections", "export", str(exported))
    assert code == 0 and "now kept" not in err  # moved once only
    assert [json.loads(x) for x in exported.read_text(encoding="utf-8").splitlines()] == lines


def test_a_damaged_file_from_before_is_not_moved_and_says_where(capsys, temper_home):
    corrections_path().write_text(json.dumps(LINE) + "\n{oops\n", encoding="utf-8")
    code, out, err = run(capsys, "corrections", "list")
    assert code == 0 and f"{corrections_path()}:2" in err and "not moved" in err
    assert "No corrections yet" in out and corrections_path().exists()


@pytest.mark.parametrize("engine", ["sqlite", "postgresql"])
def test_corrections_live_in_the_chosen_database(capsys, tmp_path, engine, request):
    db = str(tmp_path / "centre.sqlite3") if engine == "sqlite" else request.getfixturevalue("postgres_url")
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps(LINE) + "\n", encoding="utf-8")
    assert run(capsys, "corrections", "import", str(source), "--db", db)[0] == 0
    code, out, _ = run(capsys, "corrections", "list", "--db", db)
    assert code == 0 and "by Ana" in out
    code, out, _ = run(capsys, "corrections", "list")  # this desktop's own file holds none
    assert "No corrections yet" in out


def test_temper_score_judges_with_the_database_s_corrections_or_a_file(capsys, tmp_path):
    reply = LINE["reply"]
    code, plain, _ = run(capsys, "score", "--reply", reply, "--json")
    assert code == 0
    assert not (Path(corrections_path()).parent / "results.sqlite3").exists()  # judging creates nothing
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps(LINE) + "\n", encoding="utf-8")
    assert run(capsys, "corrections", "import", str(source))[0] == 0
    code, corrected, _ = run(capsys, "score", "--reply", reply, "--json")
    assert code == 0 and corrected != plain
    assert "\"blame\"" in plain and "\"blame\"" not in corrected  # not read as blame any more
    empty = tmp_path / "none.jsonl"
    empty.write_text("", encoding="utf-8")
    code, with_file, _ = run(capsys, "score", "--reply", reply, "--json", "--corrections", str(empty))
    assert code == 0 and with_file == plain  # a file given: it, not the database's
