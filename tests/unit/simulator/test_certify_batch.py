"""`temper certify PLAN --replies DIR`: a clearly good and a clearly bad trainee, the
exit codes, the result files and their reproducibility."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest

from scoring import DIMENSIONS
from simulator.store import open_store

from .certify_support import BAD, GOOD, OTHER_KEY, key_file, make_plan, make_replies, run, run_process


@pytest.fixture
def setup(tmp_path):
    plan = make_plan(tmp_path, extra="dimensions:\n  calm:\n    never_below: 0\n")
    return plan, key_file(tmp_path), tmp_path / "out"


def certify(capsys, plan, replies, key, out, *extra):
    return run(capsys, "certify", plan, "--replies", replies, "--key-file", key, "--out", out,
               "--formats", "json,junit,xapi,html", *extra)


def result(out, trainee) -> dict:
    return json.loads((out / f"{trainee}.result.json").read_text(encoding="utf-8"))


def test_the_good_trainee_passes_and_the_bad_one_fails(capsys, tmp_path, setup):
    plan, key, out = setup
    replies = make_replies(tmp_path, {"alice": GOOD, "bob": BAD})
    code, stdout, err = certify(capsys, plan, replies, key, out, "--jobs", "1")
    assert code == 1, err  # some failed
    alice, bob = result(out, "alice"), result(out, "bob")
    assert alice["passed"] is True and alice["failures"] == []
    assert bob["passed"] is False
    codes = {f["code"] for f in bob["failures"]}
    assert "reply_floor:calm" in codes  # "calm down" broke the plan's floor
    assert alice["score"] > bob["score"]
    assert "alice" in stdout and "PASS" in stdout and "FAIL" in stdout
    assert "certifying" not in err  # no progress bar when stderr is not a terminal
    # what the result records
    [sitting] = bob["scenarios"]
    assert sitting["seed"] == 1 and len(sitting["sha256"]) == 64
    assert set(sitting["dimensions"]) == set(DIMENSIONS)
    assert [t["reply"] for t in sitting["transcript"]["turns"]] == BAD[:len(sitting["transcript"]["turns"])]
    assert bob["scorer_version"] and bob["plan"]["sha256"]


def test_all_passing_exits_0(capsys, tmp_path, setup):
    plan, key, out = setup
    code, _, err = certify(capsys, plan, make_replies(tmp_path, {"alice": GOOD}), key, out)
    assert code == 0, err


def test_junit_has_one_test_case_per_scenario(capsys, tmp_path, setup):
    plan, key, out = setup
    certify(capsys, plan, make_replies(tmp_path, {"alice": GOOD, "bob": BAD}), key, out)
    good = ET.parse(out / "alice.junit.xml").getroot()
    bad = ET.parse(out / "bob.junit.xml").getroot()
    assert [c.get("name") for c in good.iter("testcase")] == ["late_delivery"]
    assert good.find(".//failure") is None
    failure = bad.find(".//testcase/failure")
    assert failure is not None and "late_delivery" in failure.get("message")


def test_xapi_carries_every_dimension(capsys, tmp_path, setup):
    plan, key, out = setup
    certify(capsys, plan, make_replies(tmp_path, {"bob": BAD}), key, out)
    statements = json.loads((out / "bob.xapi.json").read_text())
    assert len(statements) == 2  # the scenario and the plan
    for s in statements:
        assert s["verb"]["id"].endswith("/failed")
        dims = next(v for k, v in s["result"]["extensions"].items() if k.endswith("dimension-scores"))
        assert set(dims) == set(DIMENSIONS)
        assert 0 <= s["result"]["score"]["scaled"] <= 1
    assert len({s["id"] for s in statements}) == 2


def test_a_reply_over_the_time_limit_fails_the_sitting(capsys, tmp_path, setup):
    _, key, out = setup
    plan = make_plan(tmp_path, extra="reply_time_limit_s: 5\n")
    code, _, _ = certify(capsys, plan, make_replies(tmp_path, {"alice": GOOD}, latency=10), key, out)
    assert code == 1
    codes = [f["code"] for f in result(out, "alice")["failures"]]
    assert "time_limit" in codes


def test_a_missing_submission_fails_that_trainee_only(capsys, tmp_path, setup):
    plan, key, out = setup
    replies = make_replies(tmp_path, {"alice": GOOD})
    (replies / "carol").mkdir()
    code, _, err = certify(capsys, plan, replies, key, out)
    assert code == 1, err
    assert result(out, "alice")["passed"]
    assert [f["code"] for f in result(out, "carol")["failures"]][0] == "not_submitted"


def test_one_file_per_trainee_works_too(capsys, tmp_path, setup):
    plan, key, out = setup
    replies = tmp_path / "files"
    replies.mkdir()
    body = "".join(f"  - {json.dumps(r)}\n" for r in GOOD)
    (replies / "dana.yaml").write_text("late_delivery:\n" + body)
    code, _, err = certify(capsys, plan, replies, key, out)
    assert code == 0, err
    assert result(out, "dana")["passed"]


def test_a_broken_reply_file_skips_that_trainee_only_naming_its_lines(capsys, tmp_path, setup):
    """Issue 12: one trainee's bad replies file aborted the whole batch (exit 1, like a
    failed trainee; nobody's rows recorded)."""
    plan, key, out = setup
    db = tmp_path / "r.db"
    replies = make_replies(tmp_path, {"alice": GOOD, "bob": BAD, "cid": BAD})
    bad = replies / "bob" / "late_delivery.yaml"
    bad.write_text('- "fine"\n- text: "sorry"\n  latency_s: soon\n')
    (replies / "bob" / "late_delivry.yaml").write_text('- "typo in the name"\n')
    code, stdout, err = certify(capsys, plan, replies, key, out, "--db", db)
    assert code == 3  # some could not be certified
    assert "could not certify bob" in err
    assert f"{bad}:3:" in err and "expected a number" in err
    assert "late_delivry.yaml" in err and "not a sitting of this plan" in err
    assert "Traceback" not in err
    # everyone else is certified, recorded and written
    assert result(out, "alice")["passed"] and not result(out, "cid")["passed"]
    assert not list(out.glob("bob.*"))
    assert "1 could not be certified" in stdout
    with open_store(db) as store:
        assert sorted(r.trainee for r in store.sessions()) == ["alice", "cid"]


def test_exit_status_3_outranks_1_and_0_only_when_everyone_is_certified(capsys, tmp_path, setup):
    plan, key, out = setup
    replies = make_replies(tmp_path, {"alice": GOOD})
    (replies / "dora.json").write_text("{not json")
    code, _, err = certify(capsys, plan, replies, key, out)
    assert code == 3 and "could not certify dora" in err and result(out, "alice")["passed"]
    (replies / "dora.json").unlink()
    code, _, _ = certify(capsys, plan, replies, key, out)
    assert code == 0


def test_usage_errors_are_exit_2(capsys, tmp_path, setup):
    plan, key, out = setup
    replies = make_replies(tmp_path, {"alice": GOOD})
    code, _, err = run(capsys, "certify", tmp_path / "nope.yaml", "--replies", replies, "--key-file", key)
    assert code == 2 and "nope.yaml" in err
    code, _, err = run(capsys, "certify", plan, "--replies", tmp_path / "none", "--key-file", key)
    assert code == 2 and "none" in err
    code, _, err = run(capsys, "certify", plan, "--replies", replies, "--key-file", key, "--formats", "docx")
    assert code == 2 and "docx" in err
    with pytest.raises(SystemExit) as exit_:
        run(capsys, "certify", plan)  # neither --trainee nor --replies
    assert exit_.value.code == 2


def test_no_signing_key_is_a_clear_error(capsys, tmp_path, setup, monkeypatch):
    plan, _, out = setup
    monkeypatch.delenv("TEMPER_SIGNING_KEY", raising=False)
    monkeypatch.delenv("TEMPER_SIGNING_KEY_FILE", raising=False)
    code, _, err = run(capsys, "certify", plan, "--replies", make_replies(tmp_path, {"alice": GOOD}),
                       "--out", out)
    assert code == 2
    assert "no signing key" in err and "--key-file" in err and "TEMPER_SIGNING_KEY" in err
    assert not out.exists()


def test_the_key_can_come_from_the_environment(capsys, tmp_path, setup, monkeypatch):
    plan, _, out = setup
    monkeypatch.setenv("TEMPER_SIGNING_KEY", OTHER_KEY)
    code, _, err = run(capsys, "certify", plan, "--replies", make_replies(tmp_path, {"alice": GOOD}),
                       "--out", out, "--formats", "json")
    assert code == 0, err
    code, out_text, _ = run(capsys, "verify", out / "alice.result.json")
    assert code == 0 and "OK" in out_text


def test_results_are_reproducible_and_parallel_equals_serial(capsys, tmp_path, setup, monkeypatch):
    plan, key, _ = setup
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1790000000")
    trainees = {f"t{i:02d}": (GOOD if i % 2 else BAD) for i in range(6)}
    replies = make_replies(tmp_path, trainees)
    outputs = {}
    for jobs in ("1", "2"):
        out = tmp_path / f"out-{jobs}"
        certify(capsys, plan, replies, key, out, "--jobs", jobs)
        outputs[jobs] = {f.name: f.read_bytes() for f in sorted(out.iterdir())}
    assert len(outputs["1"]) == 4 * len(trainees)
    assert outputs["1"] == outputs["2"]


def _without_dates(obj):
    """The result without the session date ("by Thursday" counts from it)."""
    if isinstance(obj, dict):
        return {k: _without_dates(v) for k, v in obj.items() if k != "today"}
    if isinstance(obj, list):
        return [_without_dates(v) for v in obj]
    return obj


def test_results_differ_only_in_the_timestamp(capsys, tmp_path, setup, monkeypatch):
    plan, key, _ = setup
    replies = make_replies(tmp_path, {"alice": GOOD})
    docs = []
    for stamp in ("1790000000", "1790999999"):
        monkeypatch.setenv("SOURCE_DATE_EPOCH", stamp)
        out = tmp_path / f"out-{stamp}"
        certify(capsys, plan, replies, key, out)
        doc = result(out, "alice")
        docs.append(doc)
    assert docs[0]["generated_at"] != docs[1]["generated_at"]
    for d in docs:
        d.pop("generated_at")
        d.pop("signature")
    assert _without_dates(docs[0]) == _without_dates(docs[1])


def test_certified_sessions_go_to_the_results_store(capsys, tmp_path, setup):
    plan, key, out = setup
    db = tmp_path / "results.sqlite3"
    certify(capsys, plan, make_replies(tmp_path, {"alice": GOOD, "bob": BAD}), key, out, "--db", db)
    with open_store(db) as store:
        records = store.sessions()
    assert sorted(r.trainee for r in records) == ["alice", "bob"]
    assert all(r.mode == "certify" and r.finished for r in records)
    assert {r.trainee: r.passed for r in records} == {"alice": True, "bob": False}


def test_the_cohort_report_names_averages_failures_and_hard_scenarios(capsys, tmp_path, setup):
    plan, key, out = setup
    db = tmp_path / "results.sqlite3"
    certify(capsys, plan, make_replies(tmp_path, {"alice": GOOD, "bob": BAD, "cid": BAD}), key, out,
            "--db", db)
    csv_path, html_path = tmp_path / "cohort.csv", tmp_path / "cohort.html"
    code, _, err = run(capsys, "report", "--cohort", "--db", db, "--csv", csv_path, "--html", html_path)
    assert code == 0, err
    rows = csv_path.read_text().splitlines()
    assert rows[0].startswith("section,")
    assert any(r.startswith("dimension,calm,") for r in rows)
    assert any(r.startswith("failure,signal:told_to_calm_down,2,") for r in rows)
    assert any(r.startswith("scenario,late_delivery,") for r in rows)
    html = html_path.read_text()
    assert "Most common failures" in html and "Hardest scenarios" in html


def test_a_broken_json_reply_file_is_named_with_its_line(capsys, tmp_path, setup):
    plan, key, out = setup
    replies = tmp_path / "files"
    replies.mkdir()
    good = tmp_path / "good"
    good.mkdir()
    (good / "erin.json").write_text(json.dumps({"late_delivery": GOOD}))
    (replies / "erin.json").write_text('{\n  "late_delivery": [\n    "fine",\n    {"text": ""}\n  ]\n}\n')
    code, _, err = certify(capsys, plan, replies, key, out)
    assert code == 3 and f"{replies / 'erin.json'}:4:" in err and "must not be empty" in err
    code, _, err = certify(capsys, plan, good, key, out)
    assert code == 0, err


def test_a_session_report_from_the_store_as_html_and_pdf(capsys, tmp_path, setup):
    plan, key, out = setup
    db = tmp_path / "results.sqlite3"
    certify(capsys, plan, make_replies(tmp_path, {"alice": GOOD}), key, out, "--db", db)
    with open_store(db) as store:
        [record] = store.sessions()
    html, pdf = tmp_path / "s.html", tmp_path / "s.pdf"
    # in its own process: Qt's application object must not outlive this test
    proc = run_process("report", record.id, "--db", db, "--html", html, "--pdf", pdf)
    assert proc.returncode == 0, proc.stderr
    assert "Temper session report" in html.read_text()
    assert pdf.read_bytes().startswith(b"%PDF")
    code, _, err = run(capsys, "report", 999, "--db", db, "--html", html)
    assert code != 0 and "no session 999" in err


def test_a_progress_bar_on_a_terminal(tmp_path, setup):
    import os
    import pty
    import subprocess
    import sys

    plan, key, out = setup
    replies = make_replies(tmp_path, {"alice": GOOD, "bob": BAD})
    master, slave = pty.openpty()
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "simulator", "certify", str(plan), "--replies", str(replies),
             "--key-file", str(key), "--out", str(out), "--formats", "json", "--no-db"],
            stdout=subprocess.PIPE, stderr=slave, timeout=300)
        os.close(slave)
        seen = b""
        while True:
            try:
                chunk = os.read(master, 4096)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
    finally:
        os.close(master)
    assert proc.returncode == 1
    assert b"certifying" in seen and b"2/2" in seen


def test_a_reply_the_judge_failed_on_fails_the_sitting_and_says_so(capsys, tmp_path, setup, monkeypatch):
    """A bug in the judge must not pass (or fail) anyone silently: the reply is marked
    not judged, and the sitting cannot pass."""
    import scoring.engine as engine

    real = engine.judge

    def flaky(ctx):
        if "stuck in transit" in ctx.reply:
            raise ZeroDivisionError("a bug")
        return real(ctx)

    monkeypatch.setattr(engine, "judge", flaky)
    plan, key, out = setup
    replies = make_replies(tmp_path, {"alice": GOOD})
    assert any("stuck in transit" in r for r in GOOD)
    code, stdout, err = certify(capsys, plan, replies, key, out, "--jobs", "1")
    alice = result(out, "alice")
    assert code == 1 and alice["passed"] is False
    [failure] = [f for f in alice["failures"] if f["code"] == "not_judged"]
    assert "could not be judged" in failure["message"]
    assert "Traceback" not in err
