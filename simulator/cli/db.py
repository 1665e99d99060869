"""`temper db copy SRC DST`: move a desktop's results into the centre's database.

    temper db copy ~/.local/share/temper/results.sqlite3 postgresql://temper@db.centre.lan/temper

Every session (with its turns), certification attempt and correction of the judge in SRC
that DST does not hold yet is added, in one transaction; running it again copies nothing.
SRC is only read: an older desktop file is upgraded in a temporary snapshot, never in place.
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
    with _read_only(file) as snapshot:
        # an older desktop file is upgraded when opened: upgrade a snapshot, never SRC
        with open_store(snapshot or src) as source:
            attempts, sessions = source.export_all(skipped)
            corrections = list(source.corrections(skipped)) + _unmoved_corrections(file, skipped)
            src_name = file if snapshot else source.path
            snap_name = str(source.path) if snapshot else None
    with open_store(dst) as target:
        n = target.import_copy(attempts, sessions, corrections)
        dst_name = target.path
    from simulator.errors import said
    from simulator.wording import interface_language, words

    w = words(interface_language())
    for message in skipped:
        text = said(message, w.lang)
        if snap_name:  # say SRC, not the snapshot it was read through
            text = text.replace(snap_name, file)
        print(w("temper: warning: %(message)s", message=printable(text)), file=sys.stderr)
    print(printable(
        w("Copied %(sessions)s session(s) with %(turns)s turn(s), %(attempts)s certification "
          "attempt(s) and %(corrections)s correction(s) of the judge from %(src)s to %(dst)s",
          sessions=n["sessions"], turns=n["turns"], attempts=n["attempts"],
          corrections=n["corrections"], src=src_name, dst=safe_url(dst_name))
        + (w("; %(n)s copied before were finished since", n=n["finished"]) if n["finished"] else "")
        + (w("; %(n)s were there already", n=n["present"]) if n["present"] else "") + "."))
    return 0


class _read_only:
    """A snapshot of the SQLite file SRC in a temporary folder (None for a URL), taken with
    SQLite's backup from a read-only connection: opening it may upgrade its schema, SRC
    stays byte for byte as it was."""

    def __init__(self, file: str | None):
        self.file, self.tmp = file, None

    def __enter__(self) -> str | None:
        if self.file is None:
            return None
        import sqlite3
        import tempfile
        from pathlib import Path

        from simulator.errors import UsageError

        self.tmp = tempfile.TemporaryDirectory(prefix="temper-copy-")
        snap = str(Path(self.tmp.name) / "source.sqlite3")
        try:
            src = sqlite3.connect(Path(self.file).resolve().as_uri() + "?mode=ro", uri=True)
            try:
                out = sqlite3.connect(snap)
                src.backup(out)
                out.close()
            finally:
                src.close()
        except sqlite3.Error as exc:
            self.tmp.cleanup()
            raise UsageError(f"the results database {self.file} cannot be read: {exc}") from None
        return snap

    def __exit__(self, *exc) -> None:
        if self.tmp is not None:
            self.tmp.cleanup()


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
