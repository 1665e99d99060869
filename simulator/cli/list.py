"""`temper list`: the bundled scenarios (invalid ones are listed with their error)."""

from __future__ import annotations

import json


def register(sub) -> None:
    p = sub.add_parser("list", help="list the bundled scenarios")
    p.add_argument("--json", action="store_true", help="print a JSON list")
    p.set_defaults(run=run)


def run(args) -> int:
    from simulator.library import bundled

    entries = bundled()
    if args.json:
        rows = []
        for e in entries:
            if e.scenario:
                rows.append(e.scenario.summary())
            else:
                rows.append({"id": e.id, "path": str(e.path), "error": str(e.problems[0])})
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    for e in entries:
        if e.scenario:
            s = e.scenario
            print(f"{s.id:<24} {s.language}  {s.channel:<9} {s.customer.difficulty:<7} {s.title}")
        else:
            print(f"{e.id:<24} INVALID: {e.problems[0]}")
    return 0
