"""Shared by the certification and results-store tests: the example plan, its two
trainees (one clearly good, one clearly bad) and running `temper` in or out of process."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from simulator.certify.submissions import Submission
from simulator.cli import main

REPO = Path(__file__).resolve().parents[3]
EXAMPLES = REPO / "examples" / "certification"
LATE_DELIVERY = REPO / "scenarios" / "late_delivery.yaml"

#: Alice of the certification example: apologises, empathises, restates the problem,
#: promises within policy, checks it works.
GOOD = [r.text for r in Submission("alice", str(EXAMPLES / "replies" / "alice.yaml")).load(
    ("late_delivery",))["late_delivery"]]
#: Tells the customer to calm down, blames her, shouts.
BAD = [
    "Calm down. These things happen with couriers.",
    "You should have chosen express shipping. Actually you're wrong about the date.",
    "CALM DOWN!!! It's not our fault.",
]


def yaml_list(replies, latency=10) -> str:
    out = []
    for r in replies:
        escaped = r.replace('"', '\\"')
        out.append(f'- text: "{escaped}"\n  latency_s: {latency}\n')
    return "".join(out)


def make_plan(tmp_path: Path, extra: str = "", scenarios: str | None = None) -> Path:
    """A plan over the bundled late_delivery scenario, written into tmp_path."""
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        "format: 1\n"
        "title: Test certification\n"
        "pass_mark: 60\n"
        + extra
        + (scenarios if scenarios is not None else
           "scenarios:\n"
           f"  - scenario: {LATE_DELIVERY}\n"
           "    seed: 1\n"),
        encoding="utf-8",
    )
    return plan


def make_replies(tmp_path: Path, trainees: dict[str, list[str]], latency=10) -> Path:
    """One folder per trainee, holding late_delivery.yaml."""
    root = tmp_path / "replies"
    for name, replies in trainees.items():
        (root / name).mkdir(parents=True)
        (root / name / "late_delivery.yaml").write_text(yaml_list(replies, latency), encoding="utf-8")
    return root


#: A key as `temper keygen` makes them (tests only: it is public).
TEST_KEY = "6a88ec9b4b80f6965c58bc851776592c03fe1142d38f02a508451c2a797c3df4"
OTHER_KEY = "3e5489765f60193867820a5c461aee88982a8797f2180ccf825d117d9f896fd4"


def key_file(tmp_path: Path, text: str = TEST_KEY) -> Path:
    f = tmp_path / "test.key"
    f.write_text(text + "\n")
    return f


def copy_examples(tmp_path: Path) -> Path:
    dest = tmp_path / "certification"
    shutil.copytree(EXAMPLES, dest, ignore=shutil.ignore_patterns("results"))
    # the plan names the scenario relative to examples/certification
    plan = dest / "plan.yaml"
    plan.write_text(plan.read_text().replace("../../scenarios/late_delivery.yaml", str(LATE_DELIVERY)))
    return dest


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def run_process(*argv, env=None, input=None, timeout=300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "simulator", *map(str, argv)], capture_output=True,
                          text=True, env=env if env is not None else os.environ.copy(),
                          input=input, timeout=timeout, cwd=REPO)
