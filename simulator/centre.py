"""The centre's own corrections of the judge, kept with the results.

Trainers mark a judgement wrong in a report; the correction is kept in the results
database (`ResultsStore.add_corrections`): the desktop's file, or the centre's shared
PostgreSQL database, so every desktop pointing at it judges with the same corrections.
Every session started afterwards is judged with them (`scoring.corrections`).
`temper corrections export FILE` writes them as JSONL for another centre,
`temper corrections import FILE` merges one in (a correction already kept is not kept
twice), `temper db copy` takes them along with the results, and
`temper score --corrections FILE` judges with a file instead.

Before, they were a file beside the results, `corrections.jsonl` in the data folder.
Such a file is moved into the store the first time the store is asked for corrections
(`adopt_file`): every line, as it was, and the file is kept, renamed
`corrections.jsonl.imported`, so it is never imported twice.
"""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

from scoring.corrections import CorrectionError, load
from scoring.model import Correction
from simulator.errors import L_
from simulator.paths import data_dir

FILE_NAME = "corrections.jsonl"


def corrections_path() -> Path:
    """Where corrections were kept before they moved into the results database."""
    return data_dir() / FILE_NAME


def adopt_file(store, path: Path | None = None) -> str | None:
    """Move a `corrections.jsonl` left from before into `store`, once; what to tell the user.

    Every line is kept as it was (two alike are both kept, as the file had them); the
    file is renamed, not removed. A damaged file is left where it is and said so: the
    corrections in the store are still used. None when there is no file."""
    path = path or corrections_path()
    if not path.is_file():
        return None
    try:
        found = load(path)
    except CorrectionError as exc:
        return L_("the judge's corrections in %(file)s were not moved into the results database "
                  "%(store)s: %(error)s; mend that line and they are moved the next time",
                  file=path, store=store.path, error=exc)
    added, known = store.add_corrections(found, merge="exact")
    done = _free_name(path.with_name(path.name + ".imported"))
    try:
        path.rename(done)
    except OSError as exc:
        return L_("the judge's corrections in %(file)s are now kept in the results database "
                  "%(store)s (%(added)d moved), but the file could not be renamed (%(error)s); it "
                  "will not be moved twice", file=path, store=store.path, added=added,
                  error=exc.strerror)
    if known:
        return L_("the judge's corrections (%(added)d from %(file)s, %(known)d already there) are "
                  "now kept in the results database %(store)s; the file was kept as %(kept)s",
                  added=added, file=path, known=known, store=store.path, kept=done)
    return L_("the judge's corrections (%(added)d from %(file)s) are now kept in the results "
              "database %(store)s; the file was kept as %(kept)s",
              added=added, file=path, store=store.path, kept=done)


def _free_name(path: Path) -> Path:
    n, candidate = 2, path
    while candidate.exists():
        candidate = path.with_name(f"{path.name}-{n}")
        n += 1
    return candidate


def centre_corrections(store, news: list[str] | None = None) -> tuple[Correction, ...]:
    """The centre's corrections, from `store` (a file left from before moved in first).
    What the user should be told (a file moved, a damaged row) is added to `news`."""
    said = adopt_file(store)
    if said and news is not None:
        news.append(said)
    return store.corrections(skipped=news)


def settings_corrections(db: str | None = None, news: list | None = None) -> tuple[Correction, ...]:
    """The centre's corrections from the results database `db` (default: the settings'),
    only read; none when there is no database yet (reading them never creates one)."""
    from simulator.config import database_path
    from simulator.store import default_path, is_url, open_store

    path = database_path(db)
    if (path is None or not is_url(str(path))) and not Path(path or default_path()).exists() \
            and not corrections_path().is_file():
        return ()
    with open_store(path) as store:
        return centre_corrections(store, news)


def fingerprints(corrections) -> list[str]:
    """The SHA-256 of the first k of `corrections`, for k = 0 .. len (each correction as
    its JSONL line, `scoring.corrections.to_lines`): `fingerprints(c)[-1]` names them all.

    Corrections are only ever added, oldest first, so the corrections a certification
    attempt was begun with are the first k of the centre's corrections now: the one whose
    fingerprint it recorded."""
    from scoring.corrections import to_lines

    h = hashlib.sha256()
    out = [h.hexdigest()]
    for c in corrections:
        h.update(to_lines([c]).encode("utf-8", "surrogatepass"))
        out.append(h.hexdigest())
    return out


def judged_with(corrections) -> dict:
    """What a certification result records of the corrections it was judged with."""
    return {"count": len(corrections), "sha256": fingerprints(corrections)[-1]}


def add_correction(correction: Correction, store) -> None:
    """Keep one more correction (a trainer's: kept even if the same was made before)."""
    store.add_corrections([correction], merge="append")


def import_corrections(source: Path, store) -> tuple[int, int]:
    """Merge another machine's corrections into the centre's: (added, already kept).
    The same reply, language, kind and verdict is one correction, whoever made it.
    A bad line is refused (CorrectionError at FILE:LINE) before anything is written."""
    incoming = load(source)
    return store.add_corrections(incoming, merge="same")


def export_corrections(target: Path, store) -> int:
    """Write the centre's corrections to `target` (atomically); how many."""
    from scoring.corrections import to_lines
    from simulator.files import write_text_atomic

    kept = store.corrections()
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    write_text_atomic(target, to_lines(kept))
    return len(kept)


def correction_for(reply: str, language: str, kind: str, verdict: bool, who: str = "",
                   note: str = "", on: date | None = None) -> Correction:
    return Correction(reply, language, kind, verdict, who, (on or date.today()).isoformat(), note)


__all__ = ["CorrectionError", "add_correction", "adopt_file", "centre_corrections",
           "correction_for", "corrections_path", "export_corrections", "fingerprints",
           "import_corrections", "judged_with", "settings_corrections"]
