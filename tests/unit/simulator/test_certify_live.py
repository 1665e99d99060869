"""`temper certify PLAN --trainee NAME`: sitting the plan at a terminal, under exam
conditions, stopping and resuming."""

from __future__ import annotations

import json

from .certify_support import GOOD, key_file, make_plan, run_process


def sit(tmp_path, lines):
    return run_process("certify", make_plan(tmp_path), "--trainee", "ana", "--key-file", key_file(tmp_path),
                       "--out", tmp_path / "out", "--db", tmp_path / "r.db", "--formats", "json,junit",
                       input="".join(line + "\n" for line in lines))


def test_a_trainee_sits_the_plan_at_the_terminal(tmp_path):
    proc = sit(tmp_path, GOOD)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Margaret Hill:" in proc.stdout
    assert "coach:" not in proc.stdout and "hostility" not in proc.stdout  # exam conditions
    result = json.loads((tmp_path / "out" / "ana.result.json").read_text())
    assert result["passed"] and result["mode"] == "interactive"
    turns = result["scenarios"][0]["transcript"]["turns"]
    assert [t["reply"] for t in turns] == GOOD[:len(turns)]
    assert all(t["latency_s"] >= 0 for t in turns)  # reply times are recorded


def test_an_interrupted_sitting_resumes_where_it_stopped(tmp_path):
    first = sit(tmp_path, GOOD[:2])  # then the input ends: the trainee left
    assert first.returncode == 3  # not certified (yet)
    assert "saved" in first.stdout and "Traceback" not in first.stderr
    assert not (tmp_path / "out" / "ana.result.json").exists()

    second = sit(tmp_path, GOOD[2:])
    assert second.returncode == 0, second.stdout + second.stderr
    assert "2 replies recovered" in second.stdout
    result = json.loads((tmp_path / "out" / "ana.result.json").read_text())
    turns = result["scenarios"][0]["transcript"]["turns"]
    assert [t["reply"] for t in turns] == GOOD[:len(turns)] and len(turns) > 2


def test_an_empty_reply_is_refused_and_can_be_retyped(tmp_path):
    proc = sit(tmp_path, ["   ", *GOOD])
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "empty" in proc.stdout
