"""Own-words play-tests as regression tests.

Each round's scripts (tests/data/own_words*/) were written by helpers who saw only each
scenario's case file (the round's PROMPT.md): two excellent agents, a generic one and a
rude one per scenario. Every round's first measurement is recorded beside it (round 1 in
corpus/round1_own_words.txt, later ones in first_run.txt); rounds 1-5 were then tuned on,
rounds 6 and 7 were not; round 8 was measured before session 4 changed anything and round 9 at its freeze (then two fixes were found on it). These floors guard what was reached; they are regression tests, the
figures that count are each round's first run.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]


ROUNDS = ("own_words", "own_words_round2", "own_words_round3", "own_words_round4",
          "own_words_round5", "own_words_round6", "own_words_round7",
          "own_words_round8", "own_words_round9", "own_words_round10")


@pytest.fixture(scope="module", params=ROUNDS)
def rows(request):
    spec = importlib.util.spec_from_file_location("temper_bench_own_words", REPO / "benchmarks" / "own_words.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    paths = sorted((REPO / "tests" / "data" / request.param).glob("*.json"))
    assert paths, request.param
    return bench.run(paths)["rows"], bench


def test_every_scenario_has_four_scripts(rows):
    rows, _ = rows
    assert len(rows) == 12 * 4


def test_excellent_agents_resolve_and_rude_ones_end_badly_and_fail(rows):
    rows, bench = rows
    s = bench.summary(rows)
    resolved, excellent = s["excellent resolved"]
    assert resolved / excellent >= 0.9, [r for r in rows if r["style"].startswith("excellent")
                                          and r["outcome"] != "resolved"]
    assert s["rude ended badly"][0] == s["rude ended badly"][1]
    assert s["rude failed"][0] == s["rude failed"][1]
    assert s["generic passed"][0] == 0


def test_the_customer_answers_and_never_loops(rows):
    rows, bench = rows
    s = bench.summary(rows)
    answered, asked = s["questions answered"]
    assert asked >= 20 and answered / asked >= 0.9
    assert s["asked for what was just given"][0] == 0
    assert s["lines repeated within five turns"][0] == 0
