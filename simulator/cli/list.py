"""`temper list`: every scenario Temper knows, each marked with where it comes from:
bundled with Temper, the training centre's (`scenario_folder` in the settings) or yours
(your scenario folder). A file that cannot be used is listed with its problem. A centre
scenario with a bundled one's id is listed once, saying it replaces the bundled one."""

from __future__ import annotations

import json


def register(sub) -> None:
    p = sub.add_parser("list", help="list the scenarios: bundled, the centre's and yours",
                       description="List every scenario: the bundled ones, the training centre's "
                                   "(scenario_folder in the settings) and yours, each with where "
                                   "it comes from. A file that cannot be used is listed with its "
                                   "problem.")
    p.add_argument("--json", action="store_true", help="print a JSON list")
    p.set_defaults(run=run)


def run(args) -> int:
    from simulator.library import scenarios
    from simulator.terminal import printable

    from simulator.errors import L_, said
    from simulator.wording import interface_language

    entries = scenarios()
    lang = interface_language()
    replaces = said(L_("replaces the bundled one"), lang)
    if args.json:
        rows = []
        for e in entries:
            if e.scenario:
                rows.append({**e.scenario.summary(), "source": e.origin,
                             **({"replaces": str(e.replaces)} if e.replaces else {})})
            else:
                rows.append({"id": e.id, "path": str(e.path), "source": e.origin,
                             "error": str(e.problems[0])})
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    for e in entries:
        if e.scenario:
            s = e.scenario
            print(printable(f"{s.id:<24} {e.origin:<7} {s.language}  {s.channel:<9} "
                            f"{s.customer.difficulty:<7} {s.title}"
                            + (f"  ({replaces})" if e.replaces else "")))
        else:
            print(printable(f"{e.id:<24} {e.origin:<7} INVALID: {e.problems[0]}"))
    return 0
