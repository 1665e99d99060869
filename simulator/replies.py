"""Scripted replies for `temper play --replies FILE`: a YAML or JSON list."""

from __future__ import annotations

from pathlib import Path

from simulator.errors import InvalidFile, Problem, file_problems
from simulator.format.loader import read_text
from simulator.format.scenario import ExampleReply
from simulator.format.spec import REPLY
from simulator.format.schema import ListOf, check_document

REPLIES = ListOf(REPLY, doc="the trainee's replies, in order")


def load_replies(path: str | Path) -> list[ExampleReply]:
    """Each item a string or `{text, latency_s}` (latency 0 when not given)."""
    path = Path(path)
    name = str(path)
    with file_problems(name):
        items, checker = check_document(read_text(path, "replies"), name, REPLIES, "replies file")
        if checker.problems or items is None:
            raise InvalidFile(checker.problems or [Problem(name, 1, 1, "expected a list of replies")])
        return [
            ExampleReply(r) if isinstance(r, str) else ExampleReply(r["text"], r["latency_s"])
            for r in items
        ]
