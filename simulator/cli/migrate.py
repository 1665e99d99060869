"""`temper migrate FILE`: show (or write) a format 1 scenario as format 2."""

from __future__ import annotations

import difflib
import sys


def register(sub) -> None:
    p = sub.add_parser("migrate", help="convert a format 1 scenario to format 2",
                       description="Print the changes that turn a format 1 scenario into a format 2 "
                                   "skeleton (every line kept); --write saves them.")
    p.add_argument("file", help="a scenario file")
    p.add_argument("--write", action="store_true", help="save the converted file in place")
    p.set_defaults(run=run)


def run(args) -> int:
    from pathlib import Path

    from simulator.files import write_text_atomic
    from simulator.format.loader import load_scenario, parse_scenario, read_text
    from simulator.format.migrate import migrate_text

    path = Path(args.file)
    scenario = load_scenario(path)
    text = read_text(path)
    new = migrate_text(text, scenario)
    if new == text:
        print(f"{path}: already format {scenario.format}", file=sys.stderr)
        return 0
    parse_scenario(new, str(path), default_id=path.stem)  # the result must load too
    sys.stdout.writelines(difflib.unified_diff(
        text.splitlines(keepends=True), new.splitlines(keepends=True),
        fromfile=f"{path} (format 1)", tofile=f"{path} (format 2)"))
    if args.write:
        write_text_atomic(path, new)
        print(f"{path}: written as format 2", file=sys.stderr)
    return 0
