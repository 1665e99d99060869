"""A centre's signing keys: each with an id, one that signs, retired ones that still
verify what they signed; `temper keygen --id` and `temper settings` show the way."""

from __future__ import annotations

import json

import pytest

from .certify_support import BAD, GOOD, OTHER_KEY, TEST_KEY, make_plan, make_replies, run


def _certify(capsys, tmp_path, out: str, *extra) -> dict:
    """alice's and bob's results, signed with the key the settings name; {name: path}."""
    code, _, err = run(capsys, "certify", make_plan(tmp_path), "--replies",
                       make_replies(tmp_path / out, {"alice": GOOD, "bob": BAD}),
                       "--out", tmp_path / out, "--formats", "json", "--no-db", "--jobs", "1", *extra)
    assert code == 1, err  # bob fails
    return {n: tmp_path / out / f"{n}.result.json" for n in ("alice", "bob")}


def _key_id(result) -> str:
    return json.loads(result.read_text(encoding="utf-8"))["signature"]["key_id"]


def _settings(home, text: str) -> None:
    (home / "config.yaml").write_text(text, encoding="utf-8")


@pytest.fixture
def keys(temper_home):
    """Two key files in the settings folder's keys/ (relative paths in the settings)."""
    folder = temper_home / "keys"
    folder.mkdir()
    for name, text in (("q3", TEST_KEY), ("q4", OTHER_KEY)):
        (folder / f"{name}.key").write_text(text + "\n")
    return folder


def test_rotation_old_results_verify_new_ones_carry_the_new_id(capsys, tmp_path, temper_home, keys):
    _settings(temper_home, "signing_keys:\n  - {id: 2026-q3, file: keys/q3.key}\n")
    old = _certify(capsys, tmp_path, "q3")
    assert {_key_id(r) for r in old.values()} == {"2026-q3"}

    # rotate: a new key signs; the old one stays listed, retired
    _settings(temper_home, "signing_keys:\n"
                           "  - {id: 2026-q4, file: keys/q4.key}\n"
                           "  - {id: 2026-q3, file: keys/q3.key}   # retired\n"
                           "signing_key: 2026-q4\n")
    new = _certify(capsys, tmp_path, "q4")
    assert {_key_id(r) for r in new.values()} == {"2026-q4"}

    code, out, err = run(capsys, "verify", *old.values(), *new.values())
    assert code == 0, out + err
    assert out.count("signature OK") == 4
    assert out.count("key id 2026-q3") == 2 and out.count("key id 2026-q4") == 2

    # the old key removed from the settings: its results are named, not passed
    _settings(temper_home, "signing_keys:\n  - {id: 2026-q4, file: keys/q4.key}\n")
    code, out, err = run(capsys, "verify", old["alice"], new["alice"])
    assert code == 1, err
    assert ("UNVERIFIED" in out and "was signed with key 2026-q3, which this centre's settings "
            "do not hold (they hold 2026-q4" in out)
    assert "alice.result.json: signature OK (HMAC-SHA256, key id 2026-q4)" in out
    assert "Traceback" not in err


@pytest.mark.parametrize("edited_to", ["2026-q4", "2026-q1", "0123456789abcdef"])
def test_a_result_whose_key_id_was_changed_never_verifies(capsys, tmp_path, temper_home, keys, edited_to):
    _settings(temper_home, "signing_keys:\n"
                           "  - {id: 2026-q4, file: keys/q4.key}\n"
                           "  - {id: 2026-q3, file: keys/q3.key}\n"
                           "signing_key: 2026-q3\n")
    result = _certify(capsys, tmp_path, "out")["bob"]
    text = result.read_text(encoding="utf-8")
    result.write_text(text.replace('"key_id": "2026-q3"', f'"key_id": "{edited_to}"'), encoding="utf-8")
    code, out, _ = run(capsys, "verify", result)
    assert code == 1
    assert out.startswith("CHANGED") and "signature.key_id changed" in out
    assert "the content itself is as signed" in out


def test_a_retired_key_whose_file_is_gone_refuses_only_its_results(capsys, tmp_path, temper_home, keys):
    _settings(temper_home, "signing_keys:\n  - {id: 2026-q3, file: keys/q3.key}\n")
    old = _certify(capsys, tmp_path, "q3")["alice"]
    _settings(temper_home, "signing_keys:\n"
                           "  - {id: 2026-q4, file: keys/q4.key}\n"
                           "  - {id: 2026-q3, file: keys/gone.key}\n"
                           "signing_key: 2026-q4\n")
    new = _certify(capsys, tmp_path, "q4")["alice"]  # the active key is fine: certify works
    code, out, err = run(capsys, "verify", old, new)
    assert code == 2
    assert "signature OK" in out and "key id 2026-q4" in out
    assert "gone.key" in err and "does not exist" in err and "key 2026-q3" in err
    assert "config.yaml:3" in err  # the line of the entry to fix


def test_a_single_signing_key_file_still_works_and_moves_into_signing_keys(capsys, tmp_path, temper_home, keys):
    _settings(temper_home, "signing_key_file: keys/q3.key\n")
    old = _certify(capsys, tmp_path, "before")["bob"]
    fingerprint = _key_id(old)
    assert len(fingerprint) == 16  # a key with no id is named by its fingerprint

    # the centre rotates: the old file becomes a named, retired key; its results still verify
    _settings(temper_home, "signing_keys:\n"
                           "  - {id: 2026-q4, file: keys/q4.key}\n"
                           "  - {id: previous, file: keys/q3.key}\n"
                           "signing_key: 2026-q4\n")
    code, out, err = run(capsys, "verify", old)
    assert code == 0, out + err
    assert f"key id {fingerprint}" in out


def test_one_key_given_on_the_command_line_verifies_a_result_signed_under_an_id(capsys, tmp_path, temper_home, keys):
    _settings(temper_home, "signing_keys:\n  - {id: 2026-q3, file: keys/q3.key}\n")
    result = _certify(capsys, tmp_path, "out")["bob"]
    code, out, _ = run(capsys, "verify", "--key-file", keys / "q3.key", result)
    assert code == 0 and "key id 2026-q3" in out
    doc = json.loads(result.read_text(encoding="utf-8"))
    doc["passed"] = True
    from simulator.certify.signing import dumps

    result.write_text(dumps(doc), encoding="utf-8")
    code, out, _ = run(capsys, "verify", "--key-file", keys / "q3.key", result)
    assert code == 1 and "passed changed" in out and "key_id" not in out


@pytest.mark.parametrize("text, line, says", [
    ("signing_key_file: keys/q3.key\nsigning_keys:\n  - {id: a, file: keys/q4.key}\n", 2,
     "give either signing_key_file (one key, no id) or signing_keys, not both"),
    ("signing_keys:\n  - {id: 2026 q4, file: keys/q4.key}\n", 2,
     "signing_keys[0].id: key id '2026 q4' may hold only letters, digits"),
    ("signing_keys:\n  - {id: 0123456789abcdef, file: keys/q4.key}\n", 2, "looks like a key fingerprint"),
    ("signing_keys:\n  - {id: q4, file: keys/q4.key}\n  - {id: q4, file: keys/q3.key}\nsigning_key: q4\n", 3,
     "key id q4 is given twice (also on line 2)"),
    ("signing_keys:\n  - {id: q4, file: keys/q4.key}\n  - {id: q3, file: keys/q4.key}\nsigning_key: q4\n", 3,
     "is already key q4 (line 2)"),
    ("signing_keys:\n  - {id: 2026-q4, file: keys/q4.key}\n  - {id: 2026-q3, file: keys/q3.key}\n", 1,
     "signing_keys holds 2 keys: add `signing_key: ID`"),
    ("signing_keys:\n  - {id: 2026-q4, file: keys/q4.key}\nsigning_key: 2026-q5\n", 3,
     "signing_key: 2026-q5 is not one of the signing_keys (2026-q4); did you mean 2026-q4?"),
    ("signing_key: 2026-q4\n", 1, "there is no signing_keys list"),
    ("signing_keys:\n  - {id: 2026-q4}\n", 2, "missing required key 'file'"),
    ("signing_keys:\n  - {id: 2026-q4, file: keys/q4.key, secret: abc}\n", 2, "unknown key 'secret'"),
])
def test_a_bad_signing_key_setting_is_refused_naming_its_line(capsys, tmp_path, temper_home, keys,
                                                               text, line, says):
    _settings(temper_home, text)
    for command in (["settings"], ["verify", tmp_path / "any.result.json"],
                    ["certify", make_plan(tmp_path), "--trainee", "ana", "--no-db"]):
        code, _, err = run(capsys, *command)
        assert code != 0
        assert f"config.yaml:{line}:" in err and says in err, err
        assert "Traceback" not in err


def test_certify_names_the_active_key_s_entry_when_its_file_is_missing(capsys, tmp_path, temper_home, keys):
    _settings(temper_home, "signing_keys:\n  - {id: 2026-q3, file: keys/q3.key}\n"
                           "  - {id: 2026-q4, file: keys/nope.key}\nsigning_key: 2026-q4\n")
    code, _, err = run(capsys, "certify", make_plan(tmp_path), "--replies",
                       make_replies(tmp_path, {"alice": GOOD}), "--out", tmp_path / "out", "--no-db")
    assert code == 2
    assert "nope.key" in err and "does not exist" in err and "key 2026-q4" in err and "config.yaml:3" in err
    assert not (tmp_path / "out").exists()  # nothing done


def test_keygen_with_an_id_prints_the_lines_that_make_it_sign(capsys, tmp_path, temper_home, keys):
    _settings(temper_home, "signing_keys:\n  - {id: 2026-q3, file: keys/q3.key}\n")
    old = _certify(capsys, tmp_path, "old")["bob"]
    code, out, err = run(capsys, "keygen", temper_home / "keys" / "2027-q1.key", "--id", "2027-q1")
    assert code == 0, err
    assert "key id 2027-q1" in out
    entry = next(line for line in out.splitlines() if line.strip().startswith("- {id: 2027-q1"))
    assert "file: keys/2027-q1.key" in entry  # relative to the settings file, as a trainer writes it
    assert "signing_key: 2027-q1" in out
    # a trainer follows the instructions: the new line under signing_keys, signing_key set
    config = temper_home / "config.yaml"
    config.write_text(config.read_text().replace("signing_keys:\n", f"signing_keys:\n{entry}\n")
                      + "signing_key: 2027-q1\n")
    new = _certify(capsys, tmp_path, "new")["bob"]
    assert _key_id(new) == "2027-q1"
    code, out, _ = run(capsys, "verify", old, new)
    assert code == 0 and out.count("signature OK") == 2


def test_keygen_with_an_id_for_a_centre_with_no_keys_yet(capsys, tmp_path, temper_home):
    code, out, err = run(capsys, "keygen", tmp_path / "first.key", "--id", "2026-q4")
    assert code == 0, err
    assert "signing_keys:\n  - {id: 2026-q4, file: " + str(tmp_path / "first.key") + "}\nsigning_key: 2026-q4" in out
    (temper_home / "config.yaml").write_text(out[out.index("signing_keys:"):])
    code, out, err = run(capsys, "settings")
    assert code == 0, err
    assert "signing key 2026-q4" in out and "signs new results" in out


def test_keygen_refuses_an_id_the_settings_hold_or_a_malformed_one(capsys, tmp_path, temper_home, keys):
    _settings(temper_home, "signing_keys:\n  - {id: 2026-q3, file: keys/q3.key}\n")
    code, _, err = run(capsys, "keygen", tmp_path / "new.key", "--id", "2026-q3")
    assert code == 2 and "config.yaml:2 already has a key with that id" in err
    code, _, err = run(capsys, "keygen", tmp_path / "new.key", "--id", "q3/../x")
    assert code == 2 and "may hold only letters, digits" in err
    assert not (tmp_path / "new.key").exists()


def test_settings_show_every_key_s_id_and_which_signs_never_its_bytes(capsys, temper_home, keys):
    _settings(temper_home, "signing_keys:\n"
                           "  - {id: 2026-q4, file: keys/q4.key}\n"
                           "  - {id: 2026-q3, file: keys/q3.key}\n"
                           "  - {id: 2026-q2, file: keys/lost.key}\n"
                           "signing_key: 2026-q4\n")
    code, out, err = run(capsys, "settings")
    assert code == 0, err
    lines = {line.split()[2]: line for line in out.splitlines() if line.startswith("signing key ")}
    assert list(lines) == ["2026-q4", "2026-q3", "2026-q2"]
    assert "signs new results" in lines["2026-q4"] and str(keys / "q4.key") in lines["2026-q4"]
    assert "retired: verifies what it signed" in lines["2026-q3"]
    assert "unusable" in lines["2026-q2"] and "does not exist" in lines["2026-q2"]
    code, js, _ = run(capsys, "settings", "--json")
    shown = json.loads(js)["signing_keys"]["value"]
    assert [(k["id"], k["signs"]) for k in shown] == [("2026-q4", True), ("2026-q3", False), ("2026-q2", False)]
    for secret in (TEST_KEY, OTHER_KEY, TEST_KEY[:16], OTHER_KEY[:16]):
        assert secret not in out and secret not in js


def test_the_same_key_under_two_ids_is_refused_naming_both_lines(capsys, tmp_path, temper_home, keys):
    (keys / "copy.key").write_text(TEST_KEY + "\n")
    _settings(temper_home, "signing_keys:\n  - {id: 2026-q3, file: keys/q3.key}\n"
                           "  - {id: 2026-q4, file: keys/copy.key}\nsigning_key: 2026-q4\n")
    code, _, err = run(capsys, "verify", tmp_path / "any.result.json")
    assert code == 2
    assert "config.yaml:3: signing_keys: key 2026-q4" in err and "same key as 2026-q3 (line 2)" in err


def test_a_key_in_the_environment_is_said_to_override_the_settings(capsys, temper_home, keys, monkeypatch):
    _settings(temper_home, "signing_keys:\n  - {id: 2026-q3, file: keys/q3.key}\n")
    monkeypatch.setenv("TEMPER_SIGNING_KEY", OTHER_KEY)
    code, out, _ = run(capsys, "settings")
    assert code == 0 and "$TEMPER_SIGNING_KEY is set: certify and verify use that key" in out


def test_the_example_in_the_settings_module_is_a_valid_settings_file(temper_home):
    """The module docstring is what trainers copy: it must load as it stands."""
    import simulator.config as config

    text = config.__doc__.split("\n\n", 1)[1].split("\nRelative paths")[0]
    example = "\n".join(line[4:] for line in text.splitlines())
    (temper_home / "config.yaml").write_text(example, encoding="utf-8")
    settings = config.load_config()
    assert [k["id"] for k in settings["signing_keys"]] == ["2026-q4", "2026-q3"]
    assert settings["signing_key"] == "2026-q4"
    assert settings["signing_keys"][0]["file"] == str(temper_home / "keys" / "q4.key")
    assert settings["scenario_folder"] == "/srv/temper/scenarios"


def test_keygen_with_an_id_moves_a_single_key_file_into_signing_keys(capsys, tmp_path, temper_home, keys):
    _settings(temper_home, "centre_name: Northside\nsigning_key_file: keys/q3.key\n")
    old = _certify(capsys, tmp_path, "old")["alice"]
    code, out, err = run(capsys, "keygen", temper_home / "keys" / "2027-q1.key", "--id", "2027-q1")
    assert code == 0, err
    assert "replace the line `signing_key_file: …`" in out
    block = out[out.index("signing_keys:"):]
    assert "  - {id: previous, file: keys/q3.key}" in block
    config = temper_home / "config.yaml"
    config.write_text(config.read_text().replace("signing_key_file: keys/q3.key\n", block))
    new = _certify(capsys, tmp_path, "new")["alice"]
    assert _key_id(new) == "2027-q1" and len(_key_id(old)) == 16
    code, out, err = run(capsys, "verify", old, new)
    assert code == 0, out + err
    assert out.count("signature OK") == 2
