"""Fuzzing untrusted input, the long run (issue 12's targets).

    python benchmarks/fuzz.py [--mutants 3000] [--other 600] [--lines 20000] [--seed 12]
                              [--jobs N] [--limit-s 30]

1. `--mutants` mutants of the bundled scenarios (and `--other` of the example plan and
   reply files), made by `tests/fuzzing.py` (the mutations the fuzz tests draw with
   hypothesis, rolled here with a seeded `random`), each read as `temper validate` reads
   it and, when valid, played as `temper check` and `temper play --json` play it, within
   `--limit-s` seconds. Prints how many gave a traceback (any exception but a located
   InvalidFile, a crashed example, an "internal error" message), hung, or printed a
   problem without a real FILE:LINE:COL (or with control characters in it).
2. About `--lines` adversarial lines for `temper score --jsonl`, in inputs of up to 60
   lines, each run in FILE and in stdin mode: prints lost answers, malformed answers
   (not UTF-8, not JSON, misnumbered, not a result), lines built valid but refused,
   tracebacks, and inputs where the two modes answered differently.

3. `--typed` replies as a hostile paste or terminal sends them (NUL, escape sequences,
   bidi overrides, lone surrogates, at the length limit), through the cleaning, a
   session and the JSON and JUnit outputs: prints how many left anything unsafe behind.

Mutants are sometimes written in a folder whose name holds bytes that are not UTF-8, and
valid plans and reply files are certified: the result JSON and JUnit XML must stay valid.

Prints figures; asserts nothing (tests/unit/simulator/test_fuzz.py is the short run).
"""

from __future__ import annotations

import argparse
import collections
import multiprocessing
import os
import random
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def _mutant_job(args):
    seed, kinds, limit_s = args
    from tests.fuzzing import RandomPick, check_mutant, mutant

    m = mutant(RandomPick(random.Random(seed)), kinds)
    start = time.perf_counter()
    v = check_mutant(m, limit_s)
    return (m.source.kind, repr(m), v.valid, v.played, v.traceback, v.hang, v.unlocated,
            time.perf_counter() - start)


def _jsonl_job(inp):
    from tests.fuzzing import check_jsonl

    v = check_jsonl(inp)
    return (v.lines, len(inp.lines), v.lost, v.malformed, v.refused_valid, v.tracebacks,
            v.modes_differ, v.problems[:3], repr(inp)[:300])


def _pool(jobs: int):
    # fork: each worker imports the scorer once; the time limit needs each task to run
    # on its worker's main thread (SIGALRM), which a process pool does.
    return multiprocessing.get_context("fork").Pool(jobs, maxtasksperchild=200)


def run_mutants(n: int, kinds: tuple[str, ...], seed: int, jobs: int, limit_s: float, label: str) -> None:
    start = time.perf_counter()
    counts = collections.Counter()
    examples: dict[str, list[str]] = collections.defaultdict(list)
    slowest = (0.0, "")
    with _pool(jobs) as pool:
        tasks = [(f"{seed}:{label}:{i}", kinds, limit_s) for i in range(n)]
        for kind, name, valid, played, traceback, hang, unlocated, secs in pool.imap_unordered(
                _mutant_job, tasks, chunksize=4):
            counts["mutants"] += 1
            counts["valid"] += valid
            counts["examples played"] += played
            for what, found in (("tracebacks", traceback), ("hangs", hang), ("unlocated", unlocated)):
                if found:
                    counts[what] += 1
                    examples[what].append(f"{name}: {found if isinstance(found, str) else found[:2]}")
            slowest = max(slowest, (secs, name))
    took = time.perf_counter() - start
    print(f"\n{label}: {counts['mutants']} mutants in {took:.0f} s ({jobs} jobs); "
          f"{counts['valid']} valid, {counts['examples played']} examples played")
    for what in ("tracebacks", "hangs", "unlocated"):
        print(f"  {what + ':':<12} {counts[what]}")
        for line in examples[what][:5]:
            print(f"      {line[:400]}")
    print(f"  slowest mutant: {slowest[0]:.1f} s ({slowest[1]})")


def run_jsonl(lines: int, seed: int, jobs: int) -> None:
    from tests.fuzzing import RandomPick, jsonl_input

    start = time.perf_counter()
    rng = random.Random(f"{seed}:jsonl")
    inputs, total = [], 0
    while total < lines:
        inputs.append(jsonl_input(RandomPick(rng), max_lines=min(60, lines - total)))
        total += len(inputs[-1].lines)
    counts = collections.Counter()
    shown: list[str] = []
    with _pool(jobs) as pool:
        for answered, total, lost, malformed, refused, tracebacks, differ, problems, name in \
                pool.imap_unordered(_jsonl_job, inputs, chunksize=2):
            counts["inputs"] += 1
            counts["lines"] += total
            counts["answers expected"] += answered
            counts["lost"] += lost
            counts["malformed"] += malformed
            counts["valid refused"] += refused
            counts["tracebacks"] += tracebacks
            counts["modes differ"] += differ
            if problems:
                shown.append(f"{name}: {problems}")
    took = time.perf_counter() - start
    print(f"\ntemper score --jsonl: {counts['lines']} adversarial lines in {counts['inputs']} inputs, "
          f"each in FILE and stdin mode, in {took:.0f} s ({jobs} jobs); "
          f"{counts['answers expected']} needed an answer (the rest are blank)")
    for what in ("lost", "malformed", "valid refused", "tracebacks", "modes differ"):
        print(f"  {what + ':':<15} {counts[what]}")
    for line in shown[:5]:
        print(f"      {line[:400]}")


def _typed_job(text):
    from tests.fuzzing import check_typed

    v = check_typed(text)
    return v.taken, v.problems[:3], repr(text)[:200]


def run_typed(n: int, seed: int, jobs: int) -> None:
    from tests.fuzzing import RandomPick, typed_reply

    start = time.perf_counter()
    rng = random.Random(f"{seed}:typed")
    texts = [typed_reply(RandomPick(rng)) for _ in range(n)]
    counts = collections.Counter()
    shown: list[str] = []
    with _pool(jobs) as pool:
        for taken, problems, name in pool.imap_unordered(_typed_job, texts, chunksize=8):
            counts["replies"] += 1
            counts["taken"] += taken
            counts["problems"] += bool(problems)
            if problems:
                shown.append(f"{name}: {problems}")
    took = time.perf_counter() - start
    print(f"\ntyped replies: {counts['replies']} with control characters, escapes, bidi overrides, "
          f"lone surrogates or at the length limit, in {took:.0f} s ({jobs} jobs); "
          f"{counts['taken']} taken, the rest refused with a reason")
    print(f"  {'problems:':<15} {counts['problems']}")
    for line in shown[:5]:
        print(f"      {line[:400]}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--mutants", type=int, default=3000, help="scenario mutants (default 3000)")
    ap.add_argument("--other", type=int, default=600, help="plan and reply-file mutants (default 600)")
    ap.add_argument("--lines", type=int, default=20000, help="adversarial JSONL lines (default 20000)")
    ap.add_argument("--typed", type=int, default=3000,
                    help="typed replies with control characters and the like (default 3000)")
    ap.add_argument("--seed", type=int, default=12)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--limit-s", type=float, default=30.0, help="a mutant running longer hangs")
    args = ap.parse_args()
    print(f"fuzz: seed {args.seed}, time limit {args.limit_s:g} s per mutant")
    if args.mutants:
        run_mutants(args.mutants, ("scenario",), args.seed, args.jobs, args.limit_s, "scenarios")
    if args.other:
        run_mutants(args.other, ("plan", "replies", "reply_list"), args.seed, args.jobs, args.limit_s,
                    "plans and reply files")
    if args.lines:
        run_jsonl(args.lines, args.seed, args.jobs)
    if args.typed:
        run_typed(args.typed, args.seed, args.jobs)


if __name__ == "__main__":
    main()
