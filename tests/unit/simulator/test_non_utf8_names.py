"""Issue 12: a scenario, plan or replies file whose path holds bytes that are not UTF-8
(Linux allows any bytes; Python keeps them as lone surrogates) never puts a lone
surrogate into result.json, the JUnit XML, the results store or a terminal message:
each such byte is written as a visible \\xNN, and every output stays valid UTF-8."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from simulator.format.loader import load_scenario
from simulator.safetext import path_from_text, path_text
from simulator.session import Session
from simulator.store import open_store

from .certify_support import GOOD, LATE_DELIVERY, REPO, key_file, yaml_list


@pytest.fixture
def odd(tmp_path) -> Path:
    """A folder named with Latin-1 bytes (café-ÿ), holding the scenario, a plan and replies."""
    try:
        folder = Path(os.fsdecode(os.fsencode(tmp_path) + b"/caf\xe9-\xff"))
        folder.mkdir()
    except (OSError, UnicodeError):
        pytest.skip("this file system takes only UTF-8 names")
    shutil.copy(LATE_DELIVERY, folder / "late_delivery.yaml")
    (folder / os.fsdecode(b"plan\xe9.yaml")).write_text(
        "format: 1\ntitle: Test certification\npass_mark: 60\nscenarios:\n"
        "  - scenario: late_delivery.yaml\n    seed: 1\n", encoding="utf-8")
    (folder / "replies" / "ana").mkdir(parents=True)
    (folder / "replies" / "ana" / "late_delivery.yaml").write_text(yaml_list(GOOD), encoding="utf-8")
    (folder / "list.yaml").write_text(yaml_list(GOOD[:2]), encoding="utf-8")
    return folder


def temper(*argv, **kw) -> subprocess.CompletedProcess:
    """The command as a user runs it; output kept as bytes, to check it is UTF-8."""
    return subprocess.run([os.fsencode(sys.executable), b"-m", b"simulator",
                           *(os.fsencode(str(a)) for a in argv)],
                          capture_output=True, timeout=300, cwd=REPO, **kw)


def test_path_text_writes_each_undecodable_byte_visibly_and_back():
    name = os.fsdecode(b"/srv/caf\xe9/plan\xff.yaml")
    assert path_text(name) == "/srv/caf\\xe9/plan\\xff.yaml"
    assert path_text(os.fsencode(name)) == "/srv/caf\\xe9/plan\\xff.yaml"
    assert path_from_text(path_text(name)) == name
    assert path_text("/srv/café/李.yaml") == "/srv/café/李.yaml"  # UTF-8 names untouched
    assert path_text("a\ud800b") == "a\\ud800b"  # any other lone surrogate, escaped too


def test_batch_certification_writes_valid_utf8_everywhere(odd, tmp_path):
    out, db = tmp_path / "out", tmp_path / "r.db"
    proc = temper("certify", odd / os.fsdecode(b"plan\xe9.yaml"), "--replies", odd / "replies",
                  "--key-file", key_file(tmp_path), "--out", out, "--db", db,
                  "--formats", "json,junit,xapi,html")
    stdout, stderr = proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8")  # valid UTF-8
    assert proc.returncode == 0, stdout + stderr
    raw = (out / "ana.result.json").read_bytes()
    result = json.loads(raw.decode("utf-8"))
    assert result["plan"]["file"] == "plan\\xe9.yaml"
    assert not any(0xD800 <= ord(c) <= 0xDFFF for c in raw.decode("utf-8"))
    junit = (out / "ana.junit.xml").read_bytes()
    plan_prop = [p for p in ET.fromstring(junit).iter("property") if p.get("name") == "plan"]
    assert plan_prop[0].get("value") == "plan\\xe9.yaml"
    (out / "ana.xapi.json").read_bytes().decode("utf-8")
    (out / "ana.html").read_bytes().decode("utf-8")
    assert temper("verify", "--key-file", key_file(tmp_path), out / "ana.result.json").returncode == 0
    with open_store(db) as store:
        [record] = store.sessions("ana")
        assert record.scenario_path.endswith("caf\\xe9-\\xff/late_delivery.yaml")


def test_a_practice_in_such_a_folder_is_recorded_and_resumes(odd, tmp_path):
    db = tmp_path / "r.db"
    proc = temper("play", odd / "late_delivery.yaml", "--replies", odd / "list.yaml", "--db", db)
    assert proc.returncode == 0, proc.stderr.decode("utf-8")
    proc.stdout.decode("utf-8")
    history = temper("history", "--db", db)
    assert history.returncode == 0 and b"late_delivery" in history.stdout
    history.stdout.decode("utf-8")
    with open_store(db) as store:
        [record] = store.sessions()
        assert "caf\\xe9-\\xff" in record.scenario_path and not record.finished
        session = store.resume(record.id)  # the file is found from its escaped name
        assert [t.reply for t in session.turns] == GOOD[:2]


def test_a_bad_file_in_such_a_folder_is_named_visibly(odd):
    broken = odd / os.fsdecode(b"bad\xe9.yaml")
    broken.write_text("format: 2\nid: [\n", encoding="utf-8")
    proc = temper("validate", broken)
    err = proc.stdout.decode("utf-8") + proc.stderr.decode("utf-8")  # never a raw surrogate
    assert proc.returncode == 1 and "Traceback" not in err
    assert "caf\\udce9-\\udcff/bad\\udce9.yaml:" in err or "caf\\xe9-\\xff/bad\\xe9.yaml:" in err


def test_a_scenario_loaded_from_such_a_folder_plays(odd):
    scenario = load_scenario(odd / "late_delivery.yaml")
    transcript = Session(scenario, seed=1).transcript()
    json.dumps(transcript, ensure_ascii=False).encode("utf-8")  # nothing of the name inside


def test_temper_check_names_such_a_file_visibly(odd):
    from simulator.check import play_examples

    [first, *_] = play_examples(load_scenario(odd / "late_delivery.yaml"))
    assert "caf\\xe9-\\xff/late_delivery.yaml:" in first.describe()
    first.describe().encode("utf-8")  # was a UnicodeEncodeError (benchmarks/fuzz.py found it)
    proc = temper("check", odd / "late_delivery.yaml")
    assert proc.returncode == 0 and "caf\\xe9-\\xff/late_delivery.yaml:" in proc.stdout.decode("utf-8")
