"""The training centre's scenario folder (`scenario_folder` in the settings): listed
beside the bundled scenarios and the user's own, each marked with where it comes from;
a broken file there, a missing folder or a broken settings file hides nothing else."""

from __future__ import annotations

import json

import pytest

from simulator.library import bundled, bundled_dir, is_read_only, library, resolve, text_with_id

from .certify_support import run

LATE = (bundled_dir() / "late_delivery.yaml").read_text(encoding="utf-8")


def _scenario(folder, name: str, title: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.yaml").write_text(
        text_with_id(LATE, name).replace("title: The winter coat that never arrived", f"title: {title}"),
        encoding="utf-8")


@pytest.fixture
def centre(temper_home):
    """A centre folder, named relative to the settings file, with two good scenarios (one
    in a subfolder) and a broken one; and one scenario of the user's own."""
    folder = temper_home / "shared" / "centre-scenarios"
    _scenario(folder, "centre_refund", "The centre's refund case")
    _scenario(folder / "phone", "centre_phone", "The centre's phone case")
    (folder / "broken.yaml").write_text(LATE.replace("  peak: 78", "  peak: lots"), encoding="utf-8")
    _scenario(temper_home / "scenarios", "my_coat", "My coat case")
    (temper_home / "config.yaml").write_text("centre_name: Northside\n"
                                             "scenario_folder: shared/centre-scenarios\n")
    return folder


def test_the_library_lists_the_centre_s_scenarios_beside_the_bundled_and_yours(centre):
    entries = library()
    by_origin: dict[str, list] = {}
    for e in entries:
        by_origin.setdefault(e.origin, []).append(e)
    assert len(by_origin["bundled"]) == len(bundled())
    assert sorted(e.path.name for e in by_origin["centre"]) == ["broken.yaml", "centre_phone.yaml",
                                                                "centre_refund.yaml"]
    assert [e.id for e in by_origin["yours"]] == ["my_coat"]
    [broken] = [e for e in by_origin["centre"] if e.scenario is None]
    line = next(i for i, ln in enumerate(LATE.splitlines(), 1) if ln == "  peak: 78")
    assert (broken.problems[0].file, broken.problems[0].line) == (str(centre / "broken.yaml"), line)
    assert resolve("centre_refund").title == "The centre's refund case"
    assert resolve("centre_phone").title == "The centre's phone case", "found in a subfolder too"
    assert is_read_only(centre / "centre_refund.yaml") and is_read_only(bundled_dir() / "late_delivery.yaml")
    assert not is_read_only(centre.parent.parent / "scenarios" / "my_coat.yaml")


def test_a_missing_centre_folder_is_one_entry_naming_the_settings_line(temper_home):
    (temper_home / "config.yaml").write_text("centre_name: Northside\nscenario_folder: /nowhere/scenarios\n")
    entries = library()
    [missing] = [e for e in entries if e.scenario is None]
    assert missing.origin == "centre"
    assert str(missing.problems[0]) == (f"{temper_home / 'config.yaml'}:2:1: scenario_folder: the "
                                        "centre's scenario folder /nowhere/scenarios does not exist "
                                        "(or is not reachable)")
    assert len(entries) == len(bundled()) + 1, "every bundled scenario is still there"


def test_a_broken_settings_file_is_one_entry_and_hides_nothing(temper_home):
    (temper_home / "config.yaml").write_text("scenario_folder: [a, b]\n")
    entries = library()
    [bad] = [e for e in entries if e.scenario is None]
    assert bad.path == temper_home / "config.yaml" and "config.yaml:1:" in str(bad.problems[0])
    assert "scenario_folder" in str(bad.problems[0])
    assert sum(e.origin == "bundled" for e in entries) == len(bundled())


def test_temper_list_marks_where_each_scenario_comes_from(capsys, centre):
    code, out, err = run(capsys, "list")
    assert code == 0, err
    rows = {line.split()[0]: line.split()[1] for line in out.splitlines()}
    assert rows["late_delivery"] == "bundled"
    assert rows["centre_refund"] == rows["centre_phone"] == "centre"
    assert rows["my_coat"] == "yours"
    broken = next(line for line in out.splitlines() if line.startswith("broken "))
    assert "centre" in broken and "INVALID" in broken and "expected a number, found 'lots'" in broken
    code, out, _ = run(capsys, "list", "--json")
    listed = {r["id"]: r for r in json.loads(out)}
    assert listed["centre_refund"]["source"] == "centre" and listed["late_delivery"]["source"] == "bundled"
    assert listed["my_coat"]["source"] == "yours"
    assert listed["broken"]["source"] == "centre" and "error" in listed["broken"]


def test_temper_play_finds_a_centre_scenario_by_its_id(capsys, centre, tmp_path):
    replies = tmp_path / "replies.yaml"
    replies.write_text('- "I\'m so sorry. Could you tell me what happened?"\n', encoding="utf-8")
    code, out, err = run(capsys, "play", "centre_refund", "--replies", replies, "--no-record", "--json")
    assert code == 0, err
    assert json.loads(out)["scenario_title"] == "The centre's refund case"


def test_temper_settings_shows_the_centre_folder_and_whether_it_exists(capsys, centre, temper_home):
    code, out, err = run(capsys, "settings")
    assert code == 0, err
    line = next(ln for ln in out.splitlines() if ln.startswith("scenario_folder"))
    assert str(centre) in line and "exists, 3 scenario file(s)" in line
    (temper_home / "config.yaml").write_text("scenario_folder: not-yet\n")
    code, out, _ = run(capsys, "settings", "--json")
    shown = json.loads(out)["scenario_folder"]
    assert shown["value"] == str(temper_home / "not-yet") and "does not exist" in shown["from"]
    (temper_home / "config.yaml").write_text("centre_name: x\n")
    code, out, _ = run(capsys, "settings")
    assert "scenario_folder" in out and "not set" in out


# --- a centre scenario with a bundled scenario's id ------------------------------------------

@pytest.fixture
def replacing(centre):
    """The centre's own version of the bundled late_delivery (same id, its own title), and
    two centre files that share the id corte_luz (one in a subfolder)."""
    (centre / "northside_coat.yaml").write_text(
        LATE.replace("title: The winter coat that never arrived", "title: Northside's coat case"),
        encoding="utf-8")
    corte = (bundled_dir() / "corte_luz.yaml").read_text(encoding="utf-8")
    (centre / "power_a.yaml").write_text(corte, encoding="utf-8")
    (centre / "phone" / "power_b.yaml").write_text(corte, encoding="utf-8")
    return centre


def test_the_centre_s_file_replaces_the_bundled_one_of_its_id(replacing):
    entries = library()
    coats = [e for e in entries if e.id == "late_delivery"]
    assert len(coats) == 1, "listed once"
    [coat] = coats
    assert coat.origin == "centre" and coat.path == replacing / "northside_coat.yaml"
    assert coat.replaces == bundled_dir() / "late_delivery.yaml"
    assert coat.note == "the centre's scenario late_delivery replaces the bundled one (late_delivery.yaml)"
    assert resolve("late_delivery").title == "Northside's coat case", "the id finds the centre's"
    others = [e for e in entries if e.origin == "bundled"]
    assert len(others) == len(bundled()) - 2  # late_delivery replaced, corte_luz in dispute
    assert all(e.replaces is None for e in others)


def test_two_centre_files_with_one_id_are_an_error_naming_both(replacing):
    a, b = replacing / "power_a.yaml", replacing / "phone" / "power_b.yaml"
    clashing = [e for e in library() if e.id == "corte_luz"]
    assert sorted(e.path for e in clashing) == sorted([a, b]), "neither bundled nor played"
    assert all(e.scenario is None and e.origin == "centre" for e in clashing)
    line = next(i for i, ln in enumerate(LATE.splitlines(), 1) if ln.startswith("id:"))
    by_path = {e.path: str(e.problems[0]) for e in clashing}
    assert by_path[a].startswith(f"{a}:{line}:1: id: the scenario id corte_luz is also the id of {b}")
    assert by_path[b].startswith(f"{b}:{line}:1: id: the scenario id corte_luz is also the id of {a}")
    from simulator.errors import UsageError

    with pytest.raises(UsageError) as refused:
        resolve("corte_luz")
    assert "2 files with the scenario id corte_luz" in str(refused.value)
    assert str(a) in str(refused.value) and str(b) in str(refused.value)


def test_temper_list_and_check_say_which_centre_scenario_replaces_a_bundled_one(capsys, replacing, tmp_path):
    code, out, err = run(capsys, "list")
    assert code == 0, err
    [coat] = [ln for ln in out.splitlines() if ln.startswith("late_delivery ")]
    assert "centre" in coat and "Northside's coat case" in coat and "(replaces the bundled one)" in coat
    assert sum(ln.startswith("corte_luz ") and "INVALID" in ln for ln in out.splitlines()) == 2
    code, out, _ = run(capsys, "list", "--json")
    [row] = [r for r in json.loads(out) if r["id"] == "late_delivery"]
    assert row["source"] == "centre" and row["replaces"] == str(bundled_dir() / "late_delivery.yaml")

    code, out, err = run(capsys, "check", "-q")
    assert code == 1, "two centre files with one id fail the check"
    assert (f"{replacing / 'northside_coat.yaml'}: the centre's scenario late_delivery replaces the "
            "bundled one (late_delivery.yaml)") in out
    assert "the bundled scenario late_delivery is replaced by the centre's" in out
    assert f"{replacing / 'power_a.yaml'}:" in out and "is also the id of" in out
    assert "invalid files" in err
    code, out, err = run(capsys, "check", "-q", replacing / "northside_coat.yaml")
    assert code == 0, out + err
    assert "replaces the bundled one" in out


def test_temper_play_by_id_plays_the_centre_s_version(capsys, replacing, tmp_path):
    replies = tmp_path / "replies.yaml"
    replies.write_text('- "I\'m so sorry. Could you tell me what happened?"\n', encoding="utf-8")
    code, out, err = run(capsys, "play", "late_delivery", "--replies", replies, "--no-record", "--json")
    assert code == 0, err
    assert json.loads(out)["scenario_title"] == "Northside's coat case"
    code, out, err = run(capsys, "play", "corte_luz", "--replies", replies, "--no-record")
    assert code == 2 and "2 files with the scenario id corte_luz" in err and "Traceback" not in err


def test_a_certification_plan_may_name_a_centre_scenario_but_not_a_trainee_s_own(centre, tmp_path):
    from simulator.certify.plan import load_plan
    from simulator.errors import TemperError

    plan = tmp_path / "plan.yaml"
    plan.write_text("format: 1\ntitle: Centre exam\npass_mark: 60\nscenarios:\n"
                    "  - scenario: centre_refund\n    seed: 1\n", encoding="utf-8")
    loaded = load_plan(plan)
    assert [e.scenario.title for e in loaded.entries] == ["The centre's refund case"]
    plan.write_text(plan.read_text(encoding="utf-8").replace("centre_refund", "my_coat"), encoding="utf-8")
    with pytest.raises(TemperError, match="my_coat"):
        load_plan(plan)
