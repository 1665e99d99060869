"""Signed results: `temper verify` says whether any byte changed."""

from __future__ import annotations

import json

import pytest

from .certify_support import BAD, EXAMPLES, key_file, make_plan, make_replies, run


@pytest.fixture
def signed(capsys, tmp_path):
    plan = make_plan(tmp_path)
    key = key_file(tmp_path)
    out = tmp_path / "out"
    code, _, err = run(capsys, "certify", plan, "--replies", make_replies(tmp_path, {"bob": BAD}),
                       "--key-file", key, "--out", out, "--formats", "json")
    assert code == 1, err
    return out / "bob.result.json", key


def test_an_untouched_result_verifies(capsys, signed):
    result, key = signed
    code, out, err = run(capsys, "verify", "--key-file", key, result)
    assert code == 0, err
    assert out.startswith("OK")


def test_a_changed_score_is_detected(capsys, signed):
    result, key = signed
    doc = json.loads(result.read_text(encoding="utf-8"))
    doc["passed"] = True
    doc["scenarios"][0]["score"] = 99.0
    result.write_text(json.dumps(doc, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    code, out, _ = run(capsys, "verify", "--key-file", key, result)
    assert code == 1
    assert "CHANGED" in out


def test_a_changed_byte_of_white_space_is_detected(capsys, signed):
    result, key = signed
    result.write_bytes(result.read_bytes().replace(b'  "trainee"', b'   "trainee"', 1))
    code, out, _ = run(capsys, "verify", "--key-file", key, result)
    assert code == 1 and "CHANGED" in out


def test_a_truncated_result_is_detected(capsys, signed):
    result, key = signed
    result.write_bytes(result.read_bytes()[:-30])
    code, out, _ = run(capsys, "verify", "--key-file", key, result)
    assert code == 1 and "no longer valid JSON" in out


def test_another_key_is_told_apart(capsys, tmp_path, signed):
    result, _ = signed
    (tmp_path / "other").mkdir()
    other = key_file(tmp_path / "other", "someone-elses-key-000000")
    code, out, _ = run(capsys, "verify", "--key-file", other, result)
    assert code == 1 and "another key" in out


def test_verify_usage_errors_are_exit_2(capsys, tmp_path, signed, monkeypatch):
    result, key = signed
    code, _, err = run(capsys, "verify", "--key-file", key, tmp_path / "missing.json")
    assert code == 2 and "missing.json" in err
    monkeypatch.delenv("TEMPER_SIGNING_KEY", raising=False)
    code, _, err = run(capsys, "verify", result)
    assert code == 2 and "no signing key" in err
    short = tmp_path / "short.key"
    short.write_text("abc")
    code, _, err = run(capsys, "verify", "--key-file", short, result)
    assert code == 2 and "too short" in err


def test_the_key_file_can_be_named_in_the_settings_file(capsys, temper_home, signed):
    result, key = signed
    (temper_home / "config.yaml").write_text(f"signing_key_file: {key}\n")
    code, out, err = run(capsys, "verify", result)
    assert code == 0, err


def test_the_shipped_examples_verify_with_the_demo_key(capsys):
    results = sorted((EXAMPLES / "results").glob("*.result.json"))
    assert [r.name for r in results] == ["alice.result.json", "bob.result.json"]
    code, out, err = run(capsys, "verify", "--key-file", EXAMPLES / "demo.key", *results)
    assert code == 0, out + err
    verdicts = {json.loads(r.read_text())["trainee"]: json.loads(r.read_text())["passed"] for r in results}
    assert verdicts == {"alice": True, "bob": False}
