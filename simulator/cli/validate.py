"""`temper validate PATH...`: check scenario files; FILE:LINE:COL lines for each problem."""

from __future__ import annotations

import sys


def register(sub) -> None:
    p = sub.add_parser("validate", help="check scenario files for errors",
                       description="Check scenario files (or every .yaml in the folders given). "
                                   "Exit 0 when all are valid, 1 when any is not.")
    p.add_argument("paths", nargs="+", metavar="PATH", help="scenario files or folders")
    p.set_defaults(run=run)


def run(args) -> int:
    from simulator.errors import L_, UsageError
    from simulator.library import load_entries, scenario_files
    from simulator.wording import interface_language, words

    lang = interface_language()  # the problems in the terminal's language, at the same places

    files = scenario_files(args.paths)
    if not files:
        raise UsageError(L_("no scenario files (*.yaml, *.yml) in %(paths)s", paths=", ".join(args.paths)))
    entries = load_entries(files)
    bad = [e for e in entries if e.scenario is None]
    for entry in bad:
        for problem in entry.problems:
            print(problem.text(lang))
    w = words(lang)
    print(w.ngettext("%(num)d file checked, %(bad)d invalid", "%(num)d files checked, %(bad)d invalid",
                     len(entries), bad=len(bad)), file=sys.stderr)
    return 1 if bad else 0
