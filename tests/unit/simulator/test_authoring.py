"""`temper schema` and `temper new`: the tools trainers write scenarios with."""

from __future__ import annotations

import json
import re

import pytest

from simulator.authoring import schema_text
from simulator.check import play_examples
from simulator.cli import main
from simulator.library import bundled_dir
from simulator.format.loader import load_scenario

COMMITTED = bundled_dir().parent / "docs" / "scenario.schema.json"


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_the_committed_schema_is_the_generated_one(capsys):
    """Regenerate with: temper schema > docs/scenario.schema.json"""
    code, out, _ = run(capsys, "schema")
    assert code == 0
    assert out == COMMITTED.read_text(encoding="utf-8") == schema_text()


def test_the_schema_describes_the_format_for_editors():
    schema = json.loads(schema_text())
    assert schema["$schema"].startswith("https://json-schema.org/")
    assert {"format", "title", "customer", "policy", "hostility", "lines", "endings"} <= set(schema["required"])
    props = schema["properties"]
    assert props["customer"]["properties"]["channel"]["enum"] == ["chat", "email", "phone", "social", "whatsapp"]
    assert set(props["lines"]["properties"]["venting"]["properties"]) == {"furious", "angry", "annoyed", "calm"}
    assert props["hostility"]["properties"]["agrees_below"]["default"] == 40
    assert "told_to_calm_down" in json.dumps(props["reactions"])
    assert props["examples"]["items"]["additionalProperties"] is False


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("channel", ["chat", "email", "phone", "social", "whatsapp"])
def test_new_writes_a_starter_that_validates_and_passes(capsys, tmp_path, language, channel):
    path = tmp_path / f"my_{language}_{channel}.yaml"
    code, _, err = run(capsys, "new", "--language", language, "--channel", channel, "--output", path)
    assert code == 0, err
    scenario = load_scenario(path)
    assert (scenario.id, scenario.language, scenario.channel) == (path.stem, language, channel)
    assert path.read_text(encoding="utf-8").startswith("#"), "a commented starter"
    failures = [r.describe() for r in play_examples(scenario) if not r.passed]
    assert not failures, failures
    assert run(capsys, "check", path)[0] == 0


def test_new_without_output_prints_the_starter(capsys):
    code, out, _ = run(capsys, "new", "--language", "es", "--channel", "phone")
    assert code == 0
    assert "language: es" in out and "channel: phone" in out and "slow_replies:" in out


def test_new_never_overwrites_a_file_unasked(capsys, tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text("my work", encoding="utf-8")
    code, _, err = run(capsys, "new", "--output", path)
    assert code == 2 and "already exists" in err and "--force" in err
    assert path.read_text(encoding="utf-8") == "my work"
    assert run(capsys, "new", "--output", path, "--force")[0] == 0
    assert load_scenario(path).id == "mine"


@pytest.mark.parametrize("name, message", [
    ("Bad Name.yaml", "cannot be a scenario id"),
    ("notes.txt", "must end in .yaml"),
    ("missing/dir/x.yaml", "does not exist"),
])
def test_new_explains_a_bad_output_name(capsys, tmp_path, name, message):
    code, _, err = run(capsys, "new", "--output", tmp_path / name)
    assert code == 2 and message in err and "Traceback" not in err


def test_the_guides_worked_example_is_a_scenario_that_passes(tmp_path):
    """docs/authoring.md builds one scenario section by section: put together, it works."""
    import re

    guide = (bundled_dir().parent / "docs" / "authoring.md").read_text(encoding="utf-8")
    path = tmp_path / "gym_cancellation.yaml"
    path.write_text("".join(re.findall(r"```yaml\n(.*?)```", guide, re.S)), encoding="utf-8")
    scenario = load_scenario(path)
    assert scenario.id == "gym_cancellation"
    results = play_examples(scenario)
    assert {r.example.ending for r in results} == {"resolved", "escalated"}
    assert all(r.passed for r in results), [r.describe() for r in results]


def test_the_format_reference_names_every_key_of_the_format():
    from simulator.format.spec import SCENARIO

    doc = (bundled_dir().parent / "docs" / "scenario-format.md").read_text(encoding="utf-8")

    def keys(kind, out):
        for name, f in getattr(kind, "fields", {}).items():
            out.add(name)
            for sub in (f.kind, getattr(f.kind, "item", None), getattr(f.kind, "value", None),
                        getattr(f.kind, "mapping", None)):
                if sub is not None:
                    keys(sub, out)
        return out

    missing = sorted(k for k in keys(SCENARIO, set()) if not re.search(rf"\b{k}:", doc))
    assert not missing, f"keys not shown in docs/scenario-format.md: {missing}"
