"""Certification plans: loaded when right, every problem named with its line when wrong."""

from __future__ import annotations

import pytest

from simulator.certify.plan import load_plan
from simulator.errors import InvalidFile

from .certify_support import EXAMPLES, LATE_DELIVERY, make_plan


def problems(path) -> list[str]:
    with pytest.raises(InvalidFile) as info:
        load_plan(path)
    return [str(p) for p in info.value.problems]


def test_the_example_plan_loads():
    plan = load_plan(EXAMPLES / "plan.yaml")
    assert plan.entry_ids == ("late_delivery",)
    entry = plan.entries[0]
    assert entry.seed == 1 and entry.pass_outcomes == ("resolved",)
    assert entry.reply_time_limit_s == 90
    assert plan.dimensions["calm"].never_below == 0


def test_defaults_come_from_the_scenario(tmp_path):
    plan = load_plan(make_plan(tmp_path))
    entry = plan.entries[0]
    assert entry.pass_mark == entry.scenario.rubric.pass_mark
    assert entry.reply_time_limit_s is None and entry.seed == 1


def test_unknown_keys_are_named_with_their_line_and_a_suggestion(tmp_path):
    plan = make_plan(tmp_path, extra="pass_mrak: 3\n")
    [p] = problems(plan)
    assert f"{plan}:4:1:" in p and "unknown key 'pass_mrak'" in p and "did you mean 'pass_mark'" in p


def test_a_missing_scenario_file_is_named_at_its_line(tmp_path):
    plan = make_plan(tmp_path, scenarios="scenarios:\n  - scenario: nowhere/gone.yaml\n")
    [p] = problems(plan)
    assert f"{plan}:5:" in p and "gone.yaml" in p


def test_an_unknown_bundled_scenario_is_named(tmp_path):
    plan = make_plan(tmp_path, scenarios="scenarios:\n  - scenario: no_such_scenario\n")
    [p] = problems(plan)
    assert f"{plan}:5:" in p and "no_such_scenario" in p


def test_two_sittings_with_the_same_id_are_refused(tmp_path):
    plan = make_plan(tmp_path, scenarios=(
        "scenarios:\n"
        f"  - scenario: {LATE_DELIVERY}\n"
        f"  - scenario: {LATE_DELIVERY}\n"
        "    seed: 2\n"))
    [p] = problems(plan)
    assert f"{plan}:6:" in p and "already the id of scenarios[0]" in p


def test_bad_values_are_all_reported_at_once(tmp_path):
    plan = make_plan(tmp_path, extra=(
        "dimensions:\n"
        "  calmness: {min_score: 50}\n"
        "  calm: {never_below: 3}\n"
        "reply_time_limit_s: -5\n"))
    found = problems(plan)
    assert any(":5:" in p and "unknown key 'calmness'" in p and "'calm'" in p for p in found)
    assert any(":6:" in p and "above the maximum 1" in p for p in found)
    assert any(":7:" in p and "below the minimum 1" in p for p in found)


def test_a_broken_scenario_is_reported_with_its_own_lines(tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text(LATE_DELIVERY.read_text().replace("  start: 55", "  start: lots"))
    plan = make_plan(tmp_path, scenarios="scenarios:\n  - scenario: broken.yaml\n")
    found = problems(plan)
    assert any(p.startswith(f"{plan}:5:") for p in found)
    assert any(p.startswith(f"{broken}:") and "expected a number" in p for p in found)


def test_python_objects_are_never_built(tmp_path):
    plan = make_plan(tmp_path)
    plan.write_text(plan.read_text().replace(
        "title: Test certification", "title: !!python/object/apply:os.system ['echo hacked']"))
    [p] = problems(plan)
    assert f"{plan}:2:" in p and "not allowed" in p


def test_yaml_syntax_errors_have_a_line(tmp_path):
    plan = tmp_path / "plan.yaml"
    plan.write_text("format: 1\ntitle: [unclosed\n")
    [p] = problems(plan)
    assert p.startswith(f"{plan}:") and "YAML syntax error" in p


def test_an_empty_or_missing_plan(tmp_path):
    empty = tmp_path / "empty.yaml"
    empty.write_text("")
    assert "empty" in problems(empty)[0]
    assert "no such plan file" in problems(tmp_path / "missing.yaml")[0]
