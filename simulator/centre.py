"""The centre's own corrections of the judge, kept beside the results.

Trainers mark a judgement wrong in a report; the correction is appended to
`corrections.jsonl` in the data folder (`$TEMPER_HOME`), next to the results store,
and every session started afterwards is judged with them (`scoring.corrections`).
The file is plain JSONL: `temper corrections export FILE` writes it for another
machine, `temper corrections import FILE` merges one in (a correction already kept is
not kept twice), and `temper score --corrections FILE` judges with one.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from scoring.corrections import CorrectionError, load
from scoring.model import Correction
from simulator.paths import data_dir

FILE_NAME = "corrections.jsonl"


def corrections_path() -> Path:
    return data_dir() / FILE_NAME


def centre_corrections(path: Path | None = None) -> tuple[Correction, ...]:
    """The centre's corrections; none when the file is absent. A damaged file is
    reported by CorrectionError (the caller shows it), never silently ignored."""
    path = path or corrections_path()
    if not path.exists():
        return ()
    return load(path)


def add_correction(correction: Correction, path: Path | None = None) -> Path:
    """Keep one more correction (written atomically: the file is never half-written)."""
    from scoring.corrections import to_lines
    from simulator.files import write_text_atomic

    path = path or corrections_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    kept = list(centre_corrections(path)) if path.exists() else []
    kept.append(correction)
    write_text_atomic(path, to_lines(kept))
    return path


def _key(c: Correction) -> tuple:
    return (c.reply.strip(), c.language, c.kind, c.verdict)


def _write(corrections, path: Path) -> None:
    from scoring.corrections import to_lines
    from simulator.files import write_text_atomic

    path.parent.mkdir(parents=True, exist_ok=True)
    write_text_atomic(path, to_lines(corrections))


def import_corrections(source: Path, path: Path | None = None) -> tuple[int, int]:
    """Merge another machine's corrections into the centre's: (added, already kept).
    The same reply, language, kind and verdict is one correction, whoever made it."""
    path = path or corrections_path()
    incoming = load(source)  # a bad line is refused before anything is written
    kept = list(centre_corrections(path))
    seen = {_key(c) for c in kept}
    added = 0
    for c in incoming:
        if _key(c) not in seen:
            kept.append(c)
            seen.add(_key(c))
            added += 1
    if added:
        _write(kept, path)
    return added, len(incoming) - added


def export_corrections(target: Path, path: Path | None = None) -> int:
    """Write the centre's corrections to `target` (atomically); how many."""
    kept = centre_corrections(path)
    _write(kept, Path(target))
    return len(kept)


def correction_for(reply: str, language: str, kind: str, verdict: bool, who: str = "",
                   note: str = "", on: date | None = None) -> Correction:
    return Correction(reply, language, kind, verdict, who, (on or date.today()).isoformat(), note)


__all__ = ["CorrectionError", "add_correction", "centre_corrections", "correction_for",
           "corrections_path", "export_corrections", "import_corrections"]
