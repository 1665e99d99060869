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


def _number(v) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def transcript_problem(t) -> str | None:
    """Why a stored transcript cannot be used by the reports, or None.

    Checks the shape every report relies on (`Session.transcript()`'s fields and types),
    so a damaged or hand-edited row is reported and skipped instead of crashing them.
    """
    if not isinstance(t, dict):
        return f"it is {type(t).__name__}, not a transcript object"
    for key, ok, want in (
        ("scenario", lambda v: isinstance(v, str), "text"),
        ("outcome", lambda v: isinstance(v, str), "text"),
        ("score", lambda v: v is None or _number(v), "a number"),
        ("passed", lambda v: v is None or isinstance(v, bool), "true or false"),
        ("turns", lambda v: isinstance(v, list) and all(isinstance(x, dict) for x in v), "a list of turns"),
    ):
        if key not in t:
            return f"it has no {key!r}"
        if not ok(t[key]):
            return f"its {key!r} is not {want}"
    for name in ("scenario_title", "opening", "language", "channel"):
        if name in t and not isinstance(t[name], str):
            return f"its {name!r} is not text"
    session = t.get("session", {})
    if not isinstance(session, dict):
        return "its 'session' is not an object"
    dims = session.get("dimensions", {})
    # None: a dimension that never came up (not assessed)
    if not isinstance(dims, dict) or not all(isinstance(k, str) and (v is None or _number(v))
                                             for k, v in dims.items()):
        return "its session dimensions are not numbers"
    notes = session.get("notes", [])
    if not isinstance(notes, list) or not all(isinstance(n, str) for n in notes):
        return "its session notes are not text"
    curve = t.get("hostility_curve", [])
    if not isinstance(curve, list) or not all(_number(v) for v in curve):
        return "its hostility curve is not a list of numbers"
    for i, turn in enumerate(t["turns"], 1):
        signals = turn.get("signals", [])
        if not isinstance(signals, list) or not all(isinstance(s, str) for s in signals):
            return f"turn {i}'s signals are not text"
        if not isinstance(turn.get("reply", ""), str) or not isinstance(turn.get("customer", ""), str):
            return f"turn {i}'s reply or customer line is not text"
        if not isinstance(turn.get("scores", {}), dict):
            return f"turn {i}'s scores are not an object"
    return None
