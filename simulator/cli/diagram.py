"""`temper diagram SCENARIO`: the conversation's state machine as Mermaid or DOT text."""

from __future__ import annotations


def register(sub) -> None:
    p = sub.add_parser("diagram", help="print the conversation's state machine")
    p.add_argument("scenario", help="a scenario file or bundled id")
    p.add_argument("--format", choices=("mermaid", "dot"), default="mermaid")
    p.set_defaults(run=run)


def run(args) -> int:
    from simulator.rulebook import diagram
    from simulator.library import resolve

    scenario = resolve(args.scenario)
    print((diagram.dot if args.format == "dot" else diagram.mermaid)(scenario), end="")
    return 0
