"""The centre's own corrections of the judge, kept beside the results.

Trainers mark a judgement wrong in a report; the correction is appended to
`corrections.jsonl` in the data folder (`$TEMPER_HOME`), next to the results store,
and every session started afterwards is judged with them (`scoring.corrections`).
The file is plain JSONL: copy it to another machine, or pass it to
`temper score --corrections FILE`.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from scoring.corrections import CorrectionError, dump, load
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
    from simulator.files import write_text_atomic

    path = path or corrections_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    kept = list(centre_corrections(path)) if path.exists() else []
    kept.append(correction)
    tmp = path.with_name(f".{path.name}.new")
    dump(kept, tmp)
    write_text_atomic(path, tmp.read_text(encoding="utf-8"))
    tmp.unlink(missing_ok=True)
    return path


def correction_for(reply: str, language: str, kind: str, verdict: bool, who: str = "",
                   note: str = "", on: date | None = None) -> Correction:
    return Correction(reply, language, kind, verdict, who, (on or date.today()).isoformat(), note)


__all__ = ["CorrectionError", "add_correction", "centre_corrections", "correction_for",
           "corrections_path"]
