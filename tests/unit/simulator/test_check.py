"""`temper check`: examples, --explore and --coverage, on scenarios written for the test."""

from __future__ import annotations

import re

import pytest

from scoring.model import NEUTRAL, DIMENSIONS, ReplyScore
from simulator.authoring import starter
from simulator.check import coverage, explore, play_examples
from simulator.cli import main
from simulator.format.loader import load_scenario
from simulator.session import Session


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def scenario_file(tmp_path):
    """write(text_changes) -> path of a starter scenario with those replacements."""
    def write(changes: dict[str, str] | None = None, name: str = "parcel", language: str = "en",
              channel: str = "email"):
        text = starter(language, channel, name)
        for old, new in (changes or {}).items():
            assert old in text, old
            text = text.replace(old, new, 1)
        path = tmp_path / f"{name}.yaml"
        path.write_text(text, encoding="utf-8")
        return path
    return write


def line_of(path, needle: str, nth: int = 0) -> int:
    hits = [i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line]
    return hits[nth]


def test_check_passes_a_scenario_whose_examples_reach_their_endings(capsys, scenario_file):
    path = scenario_file()
    code, out, err = run(capsys, "check", path)
    assert code == 0, out + err
    assert "1 scenario, 2 examples: 2 passed, 0 failed" in err


def test_a_wrong_ending_fails_naming_file_line_and_turn(capsys, scenario_file):
    path = scenario_file({"    ending: resolved": "    ending: escalated"})
    code, out, err = run(capsys, "check", path)
    assert code == 1
    failure = next(line for line in out.splitlines() if "FAILED" in line)
    m = re.match(rf"{re.escape(str(path))}:(\d+): parcel: example 'a patient agent resolves it': "
                 r"FAILED: expected escalated, got resolved at turn (\d+)", failure)
    assert m, failure
    turn = int(m.group(2))
    # the line named is the reply played at that turn
    replies_start = line_of(path, "    replies:")
    assert int(m.group(1)) == replies_start + turn
    assert "1 failed" in err


def test_an_example_that_never_ends_says_where_the_conversation_stopped(capsys, scenario_file):
    path = scenario_file({"    ending: resolved": "    ending: escalated"})
    text = path.read_text(encoding="utf-8")
    # keep only the first two (listening) replies of the resolving example
    start = text.index('      - "So your lamp')
    end = text.index("  - name: an agent who argues")
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    code, out, _ = run(capsys, "check", path)
    assert code == 1
    assert "FAILED: expected escalated, but the conversation is still in" in out
    assert "after the last reply (turn 2)" in out


def test_invalid_files_fail_the_check_with_their_problems(capsys, scenario_file):
    path = scenario_file({"  peak: 75": "  peak: loud"})
    code, out, err = run(capsys, "check", path)
    assert code == 1
    assert f"{path}:{line_of(path, '  peak: loud')}:" in out
    assert "1 invalid file" in err


def test_check_defaults_to_the_bundled_library(capsys):
    code, out, err = run(capsys, "check", "--quiet")
    n = len(list(__import__("simulator.library", fromlist=["x"]).bundled()))
    assert f"{n} scenarios" in err
    assert code == (1 if "FAILED" in out else 0)


def test_a_missing_file_or_empty_folder_is_a_message_not_a_traceback(capsys, tmp_path):
    code, out, err = run(capsys, "check", tmp_path / "nowhere.yaml")
    assert code == 1 and f"{tmp_path / 'nowhere.yaml'}:1:1: no such scenario file" in out
    code, _, err = run(capsys, "check", tmp_path)
    assert code == 2 and "no scenario files" in err and "Traceback" not in err


# --- explore ----------------------------------------------------------------------


def silent(ctx) -> ReplyScore:
    """A scorer that hears nothing: no reply ever moves the customer."""
    return ReplyScore({d: NEUTRAL for d in DIMENSIONS}, frozenset())


def test_explore_reports_a_phase_no_walk_can_leave(scenario_file):
    scenario = load_scenario(scenario_file())  # email: no slow replies to end it early
    report = explore(scenario, 5, seed=1,
                     session_factory=lambda s, seed: Session(s, seed, scorer=silent))
    assert [f.message.split(":")[0] for f in report.dead_ends] == ["dead end"]
    assert "'venting'" in report.dead_ends[0].message
    assert not report.ok


def test_explore_reports_crashes_with_walk_and_turn(scenario_file):
    def broken(ctx):
        if ctx.phase != "venting" or len(ctx.customer) > 2:
            raise RuntimeError("scorer exploded")
        return silent(ctx)

    scenario = load_scenario(scenario_file())
    report = explore(scenario, 3, seed=2, session_factory=lambda s, seed: Session(s, seed, scorer=broken))
    assert len(report.crashes) == 3
    assert "walk 0 (seed 2) crashed at turn 3: RuntimeError: scorer exploded" in str(report.crashes[0])


def test_explore_finds_lines_and_reactions_no_walk_reaches(scenario_file):
    path = scenario_file({
        "reactions:                    # what the customer says when the trainee does something\n":
        "reactions:\n  - when: swore\n    say: \"Mind your language!\"\n",
    })
    report = explore(load_scenario(path), 20, seed=3)
    assert report.ok, report.dead_ends + report.crashes
    where = line_of(path, "  - when: swore")
    assert any(f.line == where and "reactions[0] (when: swore) never triggered in 20 random walks"
               in f.message for f in report.unreachable)
    assert any("Mind your language!" in f.message for f in report.unreachable)


def test_explore_is_deterministic(scenario_file):
    scenario = load_scenario(scenario_file())
    a, b = explore(scenario, 15, seed=9), explore(scenario, 15, seed=9)
    assert a.endings == b.endings and [str(f) for f in a.unreachable] == [str(f) for f in b.unreachable]


def test_explore_from_the_command_line(capsys, scenario_file):
    path = scenario_file()
    code, out, err = run(capsys, "check", path, "--explore", 10, "--seed", 4)
    assert code == 0, out
    assert "explored 10 walks" in out
    assert "explored 10 walks each (seed 4): 0 dead ends, 0 crashes" in err


# --- coverage ---------------------------------------------------------------------


def test_coverage_lists_lines_and_reactions_no_example_reaches(capsys, scenario_file):
    path = scenario_file()
    scenario = load_scenario(path)
    report = coverage(scenario, play_examples(scenario))
    said = {f.line for f in report.findings()}
    furious = line_of(path, "This is the third time I've contacted you")
    assert furious in said or any(
        r.session.opening_line.source_line == furious for r in play_examples(scenario))
    code, out, err = run(capsys, "check", path, "--coverage")
    assert code == 0
    assert f"coverage: {report.lines_reached}/{report.lines_total} lines" in out
    for f in report.findings():
        assert f"{path}:{f.line}: " in out


def test_coverage_names_a_reaction_the_examples_never_trigger(capsys, scenario_file):
    path = scenario_file({
        "reactions:                    # what the customer says when the trainee does something\n":
        "reactions:\n  - when: sarcastic\n    say: \"Oh, very funny.\"\n",
    })
    code, out, _ = run(capsys, "check", path, "--coverage")
    assert code == 0
    where = line_of(path, "  - when: sarcastic")
    assert f"{path}:{where}: reactions[0] (when: sarcastic) not triggered by any example" in out
    assert f'{path}:{where + 1}: reactions[0].say[0] not reached by any example: "Oh, very funny."' in out


def test_explore_makes_the_scenarios_own_offers_and_some_walks_resolve():
    """Format 2: the good replies of --explore use the scenario's offers, in its words."""
    from simulator.check import explore
    from simulator.library import resolve

    report = explore(resolve("late_delivery"), walks=30, seed=1)
    assert report.endings["resolved"] > 0


def test_coverage_counts_concern_and_answer_lines():
    from simulator.check import all_lines
    from simulator.library import resolve

    keys = {ln.key for ln in all_lines(resolve("late_delivery"))}
    assert any(k.startswith("concerns[0].ask") for k in keys)
    assert any(k.startswith("answers.identifying_detail") for k in keys)
