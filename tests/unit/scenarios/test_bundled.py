"""The bundled library: every file valid, every example reaching its ending."""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.check import play_examples
from simulator.library import bundled_dir, scenario_files
from simulator.format.loader import load_scenario

FILES = scenario_files([bundled_dir()])
SCHEMA_LINE = "# yaml-language-server: $schema=../docs/scenario.schema.json"


def ids(path: Path) -> str:
    return path.stem


def test_the_library_is_big_and_varied_enough():
    scenarios = [load_scenario(f) for f in FILES]
    assert len(scenarios) >= 12
    assert sum(s.language == "es" for s in scenarios) >= 4
    assert {s.channel for s in scenarios} == {"chat", "email", "phone", "social", "whatsapp"}
    assert {s.customer.difficulty for s in scenarios} == {"easy", "medium", "hard"}


@pytest.mark.parametrize("path", FILES, ids=ids)
def test_bundled_file_is_valid_and_named_after_its_id(path):
    scenario = load_scenario(path)  # raises InvalidFile, naming every problem
    assert scenario.id == path.stem
    assert path.read_text(encoding="utf-8").splitlines()[0] == SCHEMA_LINE


@pytest.mark.parametrize("path", FILES, ids=ids)
def test_bundled_examples_reach_their_endings(path):
    scenario = load_scenario(path)
    endings = {e.ending for e in scenario.examples}
    assert "resolved" in endings, "each scenario needs an example that resolves"
    assert endings & {"escalated", "abandoned"}, "and one that ends badly"
    failures = [r.describe() for r in play_examples(scenario) if not r.passed]
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("path", FILES, ids=ids)
def test_every_fact_is_used_by_some_line(path):
    """Facts keep the story consistent; one nothing uses is probably a typo. A fact is
    used by a line ({fact}), by a concern that it addresses, by the case file, or by the
    reader (it has aliases: mentioning it shows the case was understood)."""
    scenario = load_scenario(path)
    text = path.read_text(encoding="utf-8")
    by_concern = {f for c in scenario.concerns for f in c.facts}
    unused = [k for k, v in scenario.facts.items()
              if "{" + k + "}" not in text and k not in by_concern and v not in scenario.brief
              and not scenario.fact_aliases.get(k)]
    assert not unused, f"facts never used in a line, a concern or the brief: {unused}"
