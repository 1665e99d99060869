"""`temper db copy SRC DST`: move a desktop's results into the centre's database.

    temper db copy ~/.local/share/temper/results.sqlite3 postgresql://temper@db.centre.lan/temper

Every session (with its turns), certification attempt and correction of the judge in SRC
that DST does not hold yet is added, in one transaction; running it again copies nothing.
SRC is only read.
"""

from __future__ import annotations


def register(sub) -> None:
    p = sub.add_parser("db", help="copy a desktop's results into the centre's database",
                       description="Work with results databases.")
    inner = p.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    c = inner.add_parser(
        "copy", help="copy every session, turn, attempt and correction from SRC into DST (idempotent)",
        description="Copy every session, turn, certification attempt and correction of the judge "
                    "from SRC (a desktop's "
                    "SQLite file) into DST (the centre's database) that DST does not hold yet. "
                    "SRC is only read; a second run copies nothing.")
    c.add_argument("src", metavar="SRC", help="the database to copy from: a file or URL")
    c.add_argument("dst", metavar="DST",
                   help="the database to copy into: postgresql://USER@HOST/DB, sqlite:///FILE or a file")
    c.set_defaults(run=run)


def run(args) -> int:
    import sys
    from pathlib import Path

    from simulator.errors import UsageError
    from simulator.store import is_url, open_store, safe_url
    from simulator.terminal import printable

    src, dst = args.src, args.dst
    file = src[len("sqlite:///"):] if src.lower().startswith("sqlite:///") else (
        None if is_url(src) else src)
    if file is not None and not Path(file).is_file():
        raise UsageError(f"there is no results database {file} to copy from (a desktop's is "
                         "results.sqlite3 in its Temper data folder)")
    if _same(src, dst):
        raise UsageError("SRC and DST are the same database; nothing to copy")
    skipped: list[str] = []
    with open_store(src) as source:
        attempts, sessions = source.export_all(skipped)
        corrections = list(source.corrections(skipped)) + _unmoved_corrections(file, skipped)
        src_name = source.path
    with open_store(dst) as target:
        n = target.import_copy(attempts, sessions, corrections)
        dst_name = target.path
    from simulator.errors import said
    from simulator.wording import interface_language, words

    w = words(interface_language())
    for message in skipped:
        print(w("temper: warning: %(message)s", message=printable(said(message, w.lang))), file=sys.stderr)
    print(printable(
        f"Copied {n['sessions']} session(s) with {n['turns']} turn(s), {n['attempts']} "
        f"certification attempt(s) and {n['corrections']} correction(s) of the judge from "
        f"{src_name} to {safe_url(dst_name)}"
        + (f"; {n['finished']} copied before were finished since" if n["finished"] else "")
        + (f"; {n['present']} were there already" if n["present"] else "") + "."))
    return 0


def _unmoved_corrections(file: str | None, skipped: list[str]) -> list:
    """The corrections still in a `corrections.jsonl` beside SRC (where they were kept
    before they moved into the results database, not moved yet): copied too, the file
    only read."""
    from pathlib import Path

    from scoring.corrections import CorrectionError, load
    from simulator.centre import FILE_NAME

    if file is None:
        return []
    beside = Path(file).resolve().parent / FILE_NAME
    if not beside.is_file():
        return []
    try:
        return list(load(beside))
    except CorrectionError as exc:
        skipped.append(f"the corrections in {beside} were not copied: {exc}")
        return []


def _same(a: str, b: str) -> bool:
    from pathlib import Path

    from simulator.store import is_url

    def norm(x: str) -> str:
        if x.lower().startswith("sqlite:///"):
            x = x[len("sqlite:///"):]
        elif is_url(x):
            return x
        try:
            return str(Path(x).resolve())
        except OSError:
            return x

    return norm(a) == norm(b)
