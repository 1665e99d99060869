"""How fast the core is: loading scenarios, and one full turn of a conversation.

    python benchmarks/turn.py [--rounds N]

Prints figures; asserts nothing (machines are noisy). Targets: loading a scenario
under 50 ms; one turn (scoring, curve, transition, next line) under 10 ms at p95.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from simulator.library import bundled_dir, scenario_files  # noqa: E402
from simulator.format.loader import load_scenario  # noqa: E402
from simulator.session import Session  # noqa: E402


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=30, help="plays of every example (default 30)")
    args = parser.parse_args()

    files = scenario_files([bundled_dir()])
    load_ms: dict[str, float] = {}
    scenarios = []
    for f in files:
        times = []
        for _ in range(10):
            t0 = time.perf_counter()
            s = load_scenario(f)
            times.append((time.perf_counter() - t0) * 1000)
        load_ms[f.stem] = statistics.median(times)
        scenarios.append(s)

    # Load the scorer's data first: that is start-up cost, not turn cost.
    from scoring.engine import warm_up

    t0 = time.perf_counter()
    warm_up()
    warm_ms = (time.perf_counter() - t0) * 1000
    turn_ms: list[float] = []
    for _ in range(args.rounds):
        for s in scenarios:
            for ex in s.examples:
                session = Session(s, seed=ex.seed)
                for r in ex.replies:
                    if session.finished:
                        break
                    t0 = time.perf_counter()
                    session.reply(r.text, r.latency_s)
                    turn_ms.append((time.perf_counter() - t0) * 1000)

    print(f"scenarios loaded: {len(scenarios)}")
    print(f"load time per scenario (median of 10): max {max(load_ms.values()):.2f} ms, "
          f"mean {statistics.mean(load_ms.values()):.2f} ms   [target < 50 ms]")
    for name, ms in sorted(load_ms.items(), key=lambda kv: -kv[1])[:3]:
        print(f"  slowest: {name:<28} {ms:.2f} ms")
    print(f"scorer warm-up (once per process): {warm_ms:.0f} ms")
    print(f"turns timed: {len(turn_ms)}")
    print(f"turn p50 {percentile(turn_ms, 50):.2f} ms   p95 {percentile(turn_ms, 95):.2f} ms   "
          f"p99 {percentile(turn_ms, 99):.2f} ms   max {max(turn_ms):.2f} ms   [target p95 < 10 ms]")


if __name__ == "__main__":
    main()
