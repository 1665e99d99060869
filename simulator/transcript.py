"""The transcript: a plain JSON record of a session, written safely after every turn."""

from __future__ import annotations

import json
from pathlib import Path

from simulator.errors import TemperError
from simulator.files import write_text_atomic

FORMAT = "temper-transcript/1"


def write_atomic(path: str | Path, data: dict) -> None:
    """Replace `path` with `data` as JSON, durably and in one step."""
    write_text_atomic(path, json.dumps(data, ensure_ascii=False, indent=2) + "\n")


class TranscriptFile:
    """A session observer that rewrites the transcript file after each turn."""

    def __init__(self, path: str | Path):
        self.path = Path(path)

    def __call__(self, session, turn) -> None:
        try:
            write_atomic(self.path, session.transcript())
        except OSError as exc:
            raise TemperError(f"cannot write the transcript to {self.path}: {exc.strerror or exc}") from None
