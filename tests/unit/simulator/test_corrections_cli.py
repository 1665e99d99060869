"""Moving a centre's corrections of the judge between machines (`temper corrections`)."""

from __future__ import annotations

import json

from simulator.centre import centre_corrections, corrections_path
from simulator.cli import main

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
    assert len(centre_corrections()) == 1

    code, out, _ = run(capsys, "corrections", "list")
    assert code == 0 and "by Ana" in out and "does not do 'blame'" in out

    target = tmp_path / "for_desk_7.jsonl"
    assert run(capsys, "corrections", "export", str(target))[0] == 0
    assert [json.loads(x) for x in target.read_text(encoding="utf-8").splitlines()] == [LINE]


def test_a_bad_file_is_refused_at_its_line_and_nothing_is_written(tmp_path, capsys):
    good = tmp_path / "good.jsonl"
    good.write_text(json.dumps(LINE) + "\n", encoding="utf-8")
    run(capsys, "corrections", "import", str(good))
    before = corrections_path().read_bytes()

    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps({**LINE, "reply": "Other"}) + "\n{not json\n", encoding="utf-8")
    code, out, err = run(capsys, "corrections", "import", str(bad))
    assert code == 1 and f"{bad}:2" in err and "Traceback" not in err
    assert corrections_path().read_bytes() == before


def test_nothing_kept_yet_says_so(capsys):
    code, out, _ = run(capsys, "corrections", "list")
    assert code == 0 and "No corrections yet" in out
