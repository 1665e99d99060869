"""Signed results: `temper verify` says whether any byte changed."""

from __future__ import annotations

import json

import pytest

from .certify_support import BAD, EXAMPLES, OTHER_KEY, TEST_KEY, key_file, make_plan, make_replies, run


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
    other = key_file(tmp_path / "other", OTHER_KEY)
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


# --- the signature covers everything but the MAC itself ---------------------------------

def _edit(result, change) -> None:
    doc = json.loads(result.read_text(encoding="utf-8"))
    change(doc)
    result.write_text(json.dumps(doc, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def _signature_first(doc: dict) -> None:
    sig = doc.pop("signature")
    rest = list(doc.items())
    doc.clear()
    doc["signature"] = sig
    doc.update(rest)


@pytest.mark.parametrize("change, named", [
    (lambda d: d["signature"].__setitem__("note", "checked by the centre"), "signature.note was added"),
    (lambda d: d["signature"].__setitem__("key_id", "0123456789abcdef"), "signature.key_id changed"),
    (lambda d: d["signature"].pop("key_id"), "signature.key_id was removed"),
    (_signature_first, "the signature block was moved"),
    (lambda d: d["signature"]["fields"].__setitem__("passed", "0" * 16), "signature.fields changed"),
    (lambda d: d["signature"].__setitem__("value", "0" * 64), "signature.value changed"),
], ids=["field-added", "key-id-changed", "key-id-dropped", "moved-first", "digests-edited",
        "value-edited"])
def test_an_edited_signature_block_does_not_verify(capsys, signed, change, named):
    """Issue 12: each of these verified as "not a byte has changed"."""
    result, key = signed
    _edit(result, change)
    code, out, _ = run(capsys, "verify", "--key-file", key, result)
    assert code == 1
    assert out.startswith("CHANGED") and named in out and "not a byte" not in out


@pytest.mark.parametrize("change, named", [
    (lambda d: d.__setitem__("passed", True), "passed changed"),
    (lambda d: d["scenarios"][0].__setitem__("score", 99.0), "scenarios[0].score changed"),
    (lambda d: d["scenarios"][0]["transcript"]["turns"][0].__setitem__("reply", "I'm so sorry."),
     "scenarios[0].transcript.turns[0] (reply 1) changed"),
    (lambda d: d["failures"].clear(), "failures[0] was removed"),
    (lambda d: d.__setitem__("trainee", "alice"), "trainee changed"),
])
def test_verify_names_what_changed(capsys, signed, change, named):
    result, key = signed
    _edit(result, change)
    code, out, _ = run(capsys, "verify", "--key-file", key, result)
    assert code == 1 and named in out
    assert "passed changed" not in out or named == "passed changed"  # only what changed


def test_a_key_given_twice_in_the_json_is_a_change(capsys, signed):
    result, key = signed
    text = result.read_text(encoding="utf-8")
    result.write_text(text.replace('  "passed": false,', '  "passed": false,\n  "passed": true,', 1),
                      encoding="utf-8")
    code, out, _ = run(capsys, "verify", "--key-file", key, result)
    assert code == 1 and "'passed' appears twice" in out


@pytest.mark.parametrize("content", [
    b"[" * 100_000,                     # nesting: RecursionError
    b'{"signature": {}, "score": NaN}',
    b'{"signature": {"algorithm": "HMAC-SHA256"}, "x": "\xff"}',
    b'{"signature": {"algorithm": "HMAC-SHA256", "version": 2}, "x": "\\ud800"}',
    b'{"signature": "forged"}',
    '{"signature": {"algorithm": "HMAC-SHA256", "version": 2, "key_id": "x", "fields": {}, '
    '"value": "\u00e9\u00e9"}}'.encode(),                # a non-ASCII MAC
    b'{"signature": {"algorithm": "HMAC-SHA256", "version": 2, "key_id": "x", "fields": [], "value": 7}}',
])
def test_hostile_result_files_are_a_verdict_not_a_traceback(capsys, tmp_path, content):
    bad = tmp_path / "hostile.result.json"
    bad.write_bytes(content)
    code, out, err = run(capsys, "verify", "--key-file", key_file(tmp_path), bad)
    assert code in (1, 2) and "Traceback" not in err
    assert "CHANGED" in out or "not signed" in err


def test_special_files_are_refused_not_read(capsys, tmp_path, signed):
    import os

    result, key = signed
    fifo = tmp_path / "pipe.result.json"
    os.mkfifo(fifo)  # reading it would wait for ever
    code, out, err = run(capsys, "verify", "--key-file", key, fifo, "/dev/zero", result)
    assert code == 2
    assert f"{fifo} is not a regular file" in err and "/dev/zero is not a regular file" in err
    assert out.startswith("OK")  # the real result is still checked
    code, _, err = run(capsys, "verify", "--key-file", fifo, result)
    assert code == 2 and "not a regular file" in err


def test_a_result_of_the_older_signature_scheme_is_not_passed_as_intact(capsys, tmp_path):
    import hashlib
    import hmac

    from simulator.certify.signing import canonical, dumps

    key = TEST_KEY.encode()
    body = {"format": "temper-certification/1", "trainee": "bob", "passed": True}
    body["signature"] = {"algorithm": "HMAC-SHA256", "key_id": "0123456789abcdef",
                         "value": hmac.new(key, canonical(body), hashlib.sha256).hexdigest()}
    old = tmp_path / "bob.result.json"
    old.write_text(dumps(body), encoding="utf-8")
    code, out, _ = run(capsys, "verify", "--key-file", key_file(tmp_path), old)
    assert code == 1 and out.startswith("UNVERIFIED") and "older Temper" in out


# --- keys --------------------------------------------------------------------------------

@pytest.mark.parametrize("secret, why", [
    (b"k" * 16, "is the same"),                       # issue 12: 16 identical characters
    (b"\0" * 32, "is the same"),                      # issue 12: 32 NUL bytes
    (b"0123456789abcdef0123456789abcdef", "too short"),  # 32 hex digits are 16 bytes
    (b"Zm9vYmFyZm9vYmFyZm9vYmFyZm9vYmFy", "too short"),  # base64 of 24 bytes
    (b"6a88ec9b4b80f6965c58bc851776592c03fe1142d38f02a5000000c2a797c3df", "run of 6"),
    (b"0123456789abcdef" * 4, "run of"),
    (b"9f1c" * 16, "pattern of 4"),
    (b"correct-horse", "too short"),
], ids=["16-same", "32-nul", "32-hex", "b64-24-bytes", "run", "sequence", "pattern", "phrase"])
def test_weak_keys_are_refused_with_how_to_make_one(capsys, tmp_path, secret, why):
    plan = make_plan(tmp_path)
    weak = tmp_path / "weak.key"
    weak.write_bytes(secret)
    code, _, err = run(capsys, "certify", plan, "--replies", make_replies(tmp_path, {"bob": BAD}),
                       "--key-file", weak, "--out", tmp_path / "out", "--no-db")
    assert code == 2
    assert "too weak" in err and why in err and "temper keygen" in err
    assert not (tmp_path / "out").exists()


def test_a_weak_key_in_the_environment_is_refused_too(capsys, tmp_path, monkeypatch, signed):
    result, _ = signed
    monkeypatch.setenv("TEMPER_SIGNING_KEY", "x" * 40)
    code, _, err = run(capsys, "verify", result)
    assert code == 2 and "TEMPER_SIGNING_KEY" in err and "too weak" in err


@pytest.mark.parametrize("encode", [
    lambda raw: raw.hex().encode(),                          # openssl rand -hex 32
    lambda raw: __import__("base64").b64encode(raw),         # openssl rand -base64 32
    lambda raw: raw,                                         # head -c 32 /dev/urandom
], ids=["hex", "base64", "bytes"])
def test_random_keys_made_the_usual_ways_are_accepted(encode):
    import random

    from simulator.certify.signing import key_problem, new_key_text

    rng = random.Random(32)
    refused = [k for k in (encode(rng.randbytes(32)) for _ in range(2000)) if key_problem(k)]
    assert refused == []
    assert all(key_problem(new_key_text().encode()) is None for _ in range(200))


def test_keygen_makes_a_private_key_that_signs_and_verifies(capsys, tmp_path):
    import os
    import stat

    plan = make_plan(tmp_path)
    key = tmp_path / "centre.key"
    code, out, err = run(capsys, "keygen", key)
    assert code == 0, err
    assert "key id" in out
    text = key.read_text()
    assert len(text.strip()) == 64 and int(text, 16) >= 0
    assert stat.S_IMODE(os.stat(key).st_mode) == 0o600
    code, _, err = run(capsys, "certify", plan, "--replies", make_replies(tmp_path, {"bob": BAD}),
                       "--key-file", key, "--out", tmp_path / "out", "--no-db", "--formats", "json")
    assert code == 1, err
    code, out, _ = run(capsys, "verify", "--key-file", key, tmp_path / "out" / "bob.result.json")
    assert code == 0 and out.startswith("OK")
    # never replaced by accident: the old results would no longer verify
    code, _, err = run(capsys, "keygen", key)
    assert code == 2 and "already exists" in err and "--force" in err
    assert key.read_text() == text
    code, _, _ = run(capsys, "keygen", key, "--force")
    assert code == 0 and key.read_text() != text


def test_keygen_prints_a_new_key_each_time(capsys):
    code, first, _ = run(capsys, "keygen")
    code2, second, _ = run(capsys, "keygen")
    assert code == code2 == 0
    assert first != second and len(first.strip()) == 64


def test_keygen_never_replaces_a_device(capsys):
    code, _, err = run(capsys, "keygen", "/dev/null", "--force")
    assert code == 2 and "not a regular file" in err
    import stat
    import os

    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_keygen_on_a_full_disk_is_one_message_naming_the_file(capsys, tmp_path, monkeypatch):
    import errno
    import os

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    code, _, err = run(capsys, "keygen", tmp_path / "new.key")
    assert code == 1 and "Traceback" not in err
    assert f"cannot write {tmp_path / 'new.key'}: the disk is full" in err
    assert list(tmp_path.iterdir()) == []  # no half-written key left behind
