"""Scripted replies for `temper play --replies FILE`: a YAML or JSON list."""

from __future__ import annotations

from pathlib import Path

from simulator.errors import InvalidFile, Problem
from simulator.loader import read_text
from simulator.scenario import ExampleReply
from simulator.scenario_format import REPLY
from simulator.schema import Checker, ListOf, compose

REPLIES = ListOf(REPLY, doc="the trainee's replies, in order")


def load_replies(path: str | Path) -> list[ExampleReply]:
    """Each item a string or `{text, latency_s}` (latency 0 when not given)."""
    path = Path(path)
    name = str(path)
    node, problems = compose(read_text(path, "replies"), name)
    if problems:
        raise InvalidFile(problems)
    if node is None:
        raise InvalidFile([Problem(name, 1, 1, "the replies file is empty")])
    checker = Checker(name)
    items = REPLIES.check(checker, node, "replies") if checker.visit(node, "replies") else None
    if checker.problems or items is None:
        raise InvalidFile(checker.problems or [Problem(name, 1, 1, "expected a list of replies")])
    return [
        ExampleReply(r) if isinstance(r, str) else ExampleReply(r["text"], r["latency_s"])
        for r in items
    ]
