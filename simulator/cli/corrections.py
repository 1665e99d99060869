"""`temper corrections list | export FILE | import FILE`: the centre's corrections of the judge.

Trainers correct the judge in a report ("Not right?"); the corrections are kept in the
results database (the settings' `database`, or `--db`), so every desktop sharing a
centre's database judges with them, in every later session. These commands show them
and move them between databases: export from one, import into another (a correction
already kept is not kept twice). Exit status: 0 done, 1 a file that cannot be read or
used (its line is named; nothing is written).
"""

from __future__ import annotations


def register(sub) -> None:
    p = sub.add_parser("corrections", help="list, export or import the centre's corrections of the judge",
                       description="The centre's corrections of the judge, made in reports. Export them "
                                   "from one machine and import them on another.")
    inner = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    db_help = ("the results database: a file, sqlite:///FILE or postgresql://USER@HOST/DB "
               "(default: the settings, else the user data folder)")
    ls = inner.add_parser("list", help="show the corrections the results database keeps")
    e = inner.add_parser("export", help="write the results database's corrections to FILE (JSONL)")
    e.add_argument("file", metavar="FILE")
    i = inner.add_parser("import", help="merge the corrections in FILE into the results database")
    i.add_argument("file", metavar="FILE")
    for sub_parser in (ls, e, i):
        sub_parser.add_argument("--db", metavar="PATH|URL", help=db_help)
        sub_parser.set_defaults(run=run)


def run(args) -> int:
    import sys
    from pathlib import Path

    from scoring.corrections import load
    from simulator.centre import CorrectionError, centre_corrections, export_corrections, import_corrections
    from simulator.config import database_path
    from simulator.errors import TemperError
    from simulator.store import open_store, safe_url
    from simulator.terminal import printable

    try:
        if args.action == "import":
            load(Path(args.file))  # a bad file is refused before the database is even opened
        with open_store(database_path(getattr(args, "db", None))) as store:
            news: list[str] = []
            kept = centre_corrections(store, news)
            for message in news:
                print(f"temper: {printable(message)}", file=sys.stderr)
            where = safe_url(store.path)
            if args.action == "list":
                if not kept:
                    print(f"No corrections yet ({where}).")
                for c in kept:
                    verdict = "does" if c.verdict else "does not"
                    who = f" by {c.who}" if c.who else ""
                    print(printable(f"{c.on}{who} [{c.language}]: the reply {verdict} do "
                                    f"'{c.kind}': {c.reply[:70]!r}"))
                return 0
            if args.action == "export":
                n = export_corrections(Path(args.file), store)
                print(f"Exported {n} correction{'s' if n != 1 else ''} from {where} to {args.file}.")
                return 0
            added, known = import_corrections(Path(args.file), store)
            print(f"Imported {added} correction{'s' if added != 1 else ''} from {args.file}"
                  f" ({known} already kept) into {where}.")
            return 0
    except CorrectionError as exc:
        raise TemperError(str(exc)) from None
    except OSError as exc:
        raise TemperError(f"{args.file}: cannot write ({exc.strerror or exc.__class__.__name__})") from None
