"""`temper check [PATH...]`: play every scenario's examples (and optionally explore it).

Exit 0 when every example reaches its ending (and exploring found no crash or dead
end), 1 otherwise. Each failure is one `FILE:LINE: message` line an editor can jump to.
"""

from __future__ import annotations

import sys


def register(sub) -> None:
    p = sub.add_parser(
        "check", help="play every scenario's examples and fail when an ending differs",
        description="Play the examples of each scenario (default: the bundled library) and "
                    "fail when one does not reach its ending.")
    p.add_argument("paths", nargs="*", metavar="PATH",
                   help="scenario files or folders (default: the bundled scenarios and the "
                        "centre's scenario folder)")
    p.add_argument("--explore", type=int, default=0, metavar="N",
                   help="also play N seeded random walks per scenario; report crashes, dead ends "
                        "and lines never reached")
    p.add_argument("--seed", type=int, default=0, metavar="S", help="seed for --explore (default 0)")
    p.add_argument("--coverage", action="store_true",
                   help="list the customer lines and reactions no example reaches")
    p.add_argument("-q", "--quiet", action="store_true", help="print failures and the summary only")
    p.set_defaults(run=run)


def run(args) -> int:
    from simulator.check import check_entries
    from simulator.errors import UsageError
    import os

    from simulator.errors import said
    from simulator.library import _centre_dir_or_none, bundled_dir, load_entries, scenario_files, with_centre_ids
    from simulator.wording import interface_language

    if args.explore < 0:
        raise UsageError("--explore needs a number of walks of 0 or more")
    if args.explore > 100_000:
        raise UsageError("--explore: at most 100000 walks per scenario")
    centre = None if args.paths else _centre_dir_or_none()
    paths = args.paths or [bundled_dir()] + ([centre] if centre is not None and os.path.isdir(centre) else [])
    files = scenario_files(paths)
    if not files:
        raise UsageError(f"no scenario files (*.yaml, *.yml) in {', '.join(map(str, paths))}")
    # As the library sees them: a centre file replacing a bundled one is said, two centre
    # files with one id are an error.
    entries, notes = with_centre_ids(load_entries([_short_path(f) for f in files]))
    lang = interface_language()
    for path, note in notes.items():
        _say(f"{path}: {said(note, lang)}")
    checks = check_entries(entries, args.explore, args.seed, args.coverage)

    examples = failed = invalid = dead = crashes = 0
    lines_total = lines_hit = reactions_total = reactions_hit = unreached = 0
    for item in checks:
        if item.scenario is None:
            invalid += 1
            for problem in item.problems:
                _say(problem)
            continue
        for r in item.examples:
            examples += 1
            if not r.passed:
                failed += 1
                _say(r.describe())
            elif not args.quiet:
                _say(r.describe())
        if not args.quiet:
            for w in item.warnings:
                _say(f"{w} (warning)")
        if item.explored is not None:
            x = item.explored
            dead += len(x.dead_ends)
            crashes += len(x.crashes)
            unreached += len(x.unreachable)
            ends = ", ".join(f"{e} {x.endings[e]}" for e in ("resolved", "escalated", "abandoned",
                                                               "unfinished") if x.endings[e])
            _say(f"{item.scenario.path}: explored {x.walks} walks ({ends or 'none finished'}): "
                  f"{len(x.dead_ends)} dead ends, {len(x.crashes)} crashes, "
                  f"{len(x.unreachable)} lines or reactions never reached"
                  + (f"; no walk ended {' or '.join(x.unreached_endings)}" if x.unreached_endings else ""))
            for f in x.crashes + x.dead_ends:
                _say(f)
            if not args.quiet:
                for f in x.unreachable:
                    _say(f)
        if item.covered is not None:
            c = item.covered
            lines_total += c.lines_total
            lines_hit += c.lines_reached
            reactions_total += c.reactions_total
            reactions_hit += c.reactions_reached
            _say(f"{item.scenario.path}: coverage: {c.lines_reached}/{c.lines_total} lines, "
                  f"{c.reactions_reached}/{c.reactions_total} reactions reached by examples")
            for f in c.findings():
                _say(f)

    n = len(checks)
    summary = (f"{n} scenario{'s' * (n != 1)}, {examples} example{'s' * (examples != 1)}: "
               f"{examples - failed} passed, {failed} failed"
               + (f", {invalid} invalid file{'s' * (invalid != 1)}" if invalid else ""))
    if args.explore:
        summary += (f"; explored {args.explore} walks each (seed {args.seed}): {dead} dead ends, "
                    f"{crashes} crashes, {unreached} lines or reactions never reached")
    if args.coverage:
        summary += (f"; coverage: {lines_hit}/{lines_total} lines, "
                    f"{reactions_hit}/{reactions_total} reactions")
    print(summary, file=sys.stderr)  # our own words
    return 1 if (failed or invalid or dead or crashes) else 0


def _say(text) -> None:
    """One line of output: file names, paths and error text from the files escaped, so
    that nothing in a scenario folder can drive the terminal."""
    from simulator.safetext import printable

    print("\n".join(printable(line) for line in str(text).split("\n")))


def _short_path(path):
    """The path relative to the current folder when it is inside it (shorter messages)."""
    from pathlib import Path

    try:
        return Path(path).resolve().relative_to(Path.cwd())
    except (ValueError, OSError):
        return Path(path)
