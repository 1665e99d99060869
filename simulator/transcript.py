"""The transcript: a plain JSON record of a session, written safely after every turn."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

FORMAT = "temper-transcript/1"


def write_atomic(path: str | Path, data: dict) -> None:
    """Replace `path` with `data` as JSON so that a reader (or a crash) never sees half a file."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh, ensure_ascii=False, indent=2)
            fh.write("\n")
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


class TranscriptFile:
    """A session observer that rewrites the transcript file after each turn."""

    def __init__(self, path: str | Path):
        self.path = Path(path)

    def __call__(self, session, turn) -> None:
        write_atomic(self.path, session.transcript())
