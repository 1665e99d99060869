"""How fast batch certification is: 1,000 trainees' reply files of one 8-turn scenario.

    python benchmarks/certify.py [--trainees N] [--jobs N] [--formats json,junit,xapi,html]

Generates the reply files into a temporary folder (each trainee a different, seeded mix
of replies, 8 per trainee, for a copy of late_delivery that lasts at most 8 turns), runs
`temper certify PLAN --replies DIR` in-process, and prints the wall time, the time per
trainee and the time per transcript. Prints figures; asserts nothing (machines are noisy).
PDF reports are left out by default (add `pdf` to --formats to time them too).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

TURNS = 8
POOL = [
    "I'm so sorry, Margaret. Could you tell me what happened with the order?",
    "I understand how frustrating it is to wait six days for a winter coat with a trip coming.",
    "Thank you for telling me. Which address was the coat going to?",
    "I see the order HX-48213 here. Let me look at the courier's notes.",
    "So the coat has been stuck in transit and your daughter needs it before Saturday.",
    "I'm checking with the warehouse now, one moment please.",
    "Could you confirm the phone number on the order, please?",
    "Thanks for your patience, Margaret.",
    "The courier says the parcel left the depot on Monday.",
    "I can see why that is worrying with the trip so close.",
]


def make_inputs(root: Path, trainees: int) -> tuple[Path, Path, Path]:
    scenario = (REPO / "scenarios" / "late_delivery.yaml").read_text(encoding="utf-8")
    scenario = scenario.replace("  slow_replies:", f"  max_turns: {TURNS}\n  slow_replies:", 1)
    (root / "bench_delivery.yaml").write_text(scenario.replace("id: late_delivery", "id: bench_delivery"),
                                              encoding="utf-8")
    plan = root / "plan.yaml"
    plan.write_text("format: 1\ntitle: Benchmark\npass_mark: 60\nscenarios:\n"
                    "  - scenario: bench_delivery.yaml\n    seed: 1\n", encoding="utf-8")
    replies = root / "replies"
    replies.mkdir()
    rng = random.Random(1)
    for i in range(trainees):
        picked = [POOL[0]] + [rng.choice(POOL[1:]) for _ in range(TURNS - 1)]
        items = [{"text": t, "latency_s": rng.randint(5, 25)} for t in picked]
        (replies / f"trainee{i:04d}.json").write_text(json.dumps({"bench_delivery": items}), encoding="utf-8")
    key = root / "bench.key"
    key.write_text("f6324e71a665ed3a89c40f7eac686130867eed7c0175858aa87749aa252e94b4\n")  # public
    return plan, replies, key


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--trainees", type=int, default=1000)
    ap.add_argument("--jobs", type=int, default=0, help="processes (default: every core)")
    ap.add_argument("--formats", default="json,junit,xapi,html")
    args = ap.parse_args()

    from simulator.certify.runner import default_jobs
    from simulator.cli import main as temper

    with tempfile.TemporaryDirectory(prefix="temper-bench-") as tmp:
        root = Path(tmp)
        os.environ["TEMPER_HOME"] = str(root / "home")
        plan, replies, key = make_inputs(root, args.trainees)
        out = root / "out"
        argv = ["certify", str(plan), "--replies", str(replies), "--key-file", str(key), "--out", str(out),
                "--formats", args.formats, "--db", str(root / "results.sqlite3")]
        if args.jobs:
            argv += ["--jobs", str(args.jobs)]
        started = time.perf_counter()
        with contextlib.redirect_stdout(io.StringIO()):
            code = temper(argv)
        elapsed = time.perf_counter() - started
        if code not in (0, 1):
            print(f"certify failed with exit status {code}", file=sys.stderr)
            return code
        results = sorted(out.glob("*.result.json"))
        turns = [len(s["transcript"]["turns"]) for r in results
                 for s in json.loads(r.read_text(encoding="utf-8"))["scenarios"] if s.get("transcript")]
        passed = sum(json.loads(r.read_text(encoding="utf-8"))["passed"] for r in results)
    n = len(turns)
    print(f"certified {len(results)} trainees ({passed} passed), {n} transcripts, "
          f"{sum(turns) / max(n, 1):.1f} turns each on average, formats {args.formats}, "
          f"{args.jobs or default_jobs()} process(es)")
    print(f"total:          {elapsed:8.2f} s")
    print(f"per trainee:    {1000 * elapsed / max(len(results), 1):8.2f} ms")
    print(f"per transcript: {1000 * elapsed / max(n, 1):8.2f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
