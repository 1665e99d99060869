"""Fuzzing as tests (issue 12): mutants of the bundled scenarios, plan and reply files
never crash, hang or print a problem without its place; adversarial `temper score
--jsonl` input never loses or garbles an answer. `benchmarks/fuzz.py` runs the same
mutations far longer and prints the counts.

Both run in well under a minute: hypothesis draws a fixed number of examples
(derandomized, so CI is reproducible; the benchmark is the random exploration) and
keeps no example database in the working tree.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

from tests.fuzzing import check_jsonl, check_mutant, check_typed, jsonl_inputs, mutants, typed_replies

FUZZ = settings(
    max_examples=150, deadline=None, derandomize=True, database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@FUZZ
@given(mutants())
def test_mutated_files_are_read_or_refused_at_their_place(m):
    verdict = check_mutant(m, limit_s=20)
    assert not verdict.traceback, verdict.traceback
    assert not verdict.hang, verdict.hang
    assert not verdict.unlocated, verdict.unlocated


@settings(FUZZ, max_examples=60)
@given(jsonl_inputs())
def test_every_adversarial_jsonl_line_gets_one_well_formed_answer_in_order(inp):
    verdict = check_jsonl(inp)
    assert verdict.ok, verdict.problems


@settings(FUZZ, max_examples=80)
@given(typed_replies())
def test_a_typed_reply_with_junk_is_cleaned_before_the_session_and_its_outputs(text):
    verdict = check_typed(text)
    assert not verdict.problems, verdict.problems


def test_the_mutations_reach_what_broke_before():
    """The fuzzers cannot pass by never producing the inputs of issue 12."""
    from tests.fuzzing import RandomPick, jsonl_input, mutant
    import random

    rng = random.Random(12)
    hows = " ".join(mutant(RandomPick(rng)).how for _ in range(1000))
    for wanted in ("tag !!float", "tag !!timestamp", "merge key", "nested 2000", "escape \\ud800",
                   "placeholder {name:>300000000}", "bytes b'\\x1b[31m'", "as utf-16", "cut at",
                   "key '!!float k'", "value '2020-13-45'", "alias bomb"):
        assert wanted in hows, wanted
    assert "in b'caf\\xe9-\\xff'" in " ".join(repr(mutant(RandomPick(rng))) for _ in range(300))
    lines = b"\n".join(jsonl_input(RandomPick(rng)).data for _ in range(300))
    for wanted in (b"[[[[[[[[[[[[", b"9" * 400, b"\\ud800", b"\r{", b"NaN", b"\xff"):
        assert wanted in lines, wanted
