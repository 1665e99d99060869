"""`temper corrections list | export FILE | import FILE`: the centre's corrections of the judge.

Trainers correct the judge in a report ("Not right?"); the corrections live beside the
results (`corrections.jsonl` in the data folder) and judge every later session. These
commands move them between machines: export on one desktop, import on another (a
correction already kept is not kept twice). Exit status: 0 done, 1 a file that cannot
be read or used (its line is named; nothing is written).
"""

from __future__ import annotations


def register(sub) -> None:
    p = sub.add_parser("corrections", help="list, export or import the centre's corrections of the judge",
                       description="The centre's corrections of the judge, made in reports. Export them "
                                   "from one machine and import them on another.")
    inner = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    inner.add_parser("list", help="show the corrections this machine keeps").set_defaults(run=run)
    e = inner.add_parser("export", help="write this machine's corrections to FILE (JSONL)")
    e.add_argument("file", metavar="FILE")
    e.set_defaults(run=run)
    i = inner.add_parser("import", help="merge the corrections in FILE into this machine's")
    i.add_argument("file", metavar="FILE")
    i.set_defaults(run=run)


def run(args) -> int:
    from pathlib import Path

    from simulator.centre import (
        CorrectionError, centre_corrections, corrections_path, export_corrections, import_corrections,
    )
    from simulator.errors import TemperError

    try:
        if args.action == "list":
            kept = centre_corrections()
            if not kept:
                print(f"No corrections yet ({corrections_path()}).")
            for c in kept:
                verdict = "does" if c.verdict else "does not"
                who = f" by {c.who}" if c.who else ""
                print(f"{c.on}{who} [{c.language}]: the reply {verdict} do '{c.kind}': {c.reply[:70]!r}")
            return 0
        if args.action == "export":
            n = export_corrections(Path(args.file))
            print(f"Exported {n} correction{'s' if n != 1 else ''} to {args.file}.")
            return 0
        added, known = import_corrections(Path(args.file))
        print(f"Imported {added} correction{'s' if added != 1 else ''} from {args.file}"
              f" ({known} already kept) into {corrections_path()}.")
        return 0
    except CorrectionError as exc:
        raise TemperError(str(exc)) from None
    except OSError as exc:
        raise TemperError(f"{args.file}: cannot write ({exc.strerror or exc.__class__.__name__})") from None
