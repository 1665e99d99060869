"""A small valid scenario as text, for tests that break it one way at a time."""

MINIMAL = """\
format: 1
title: Test scenario
customer:
  name: Ana Ruiz
  language: en
  channel: chat
  difficulty: easy
  backstory: Her parcel is late.
facts:
  order_id: AB-1
policy:
  min_days: 3
  max_discount_percent: 10
  can_refund: false
hostility:
  start: 50
  peak: 70
  rise_turns: 2
  breaking_point: 95
lines:
  venting:
    angry: ["Where is order {order_id}?", "My parcel is late!"]
  empathy:
    annoyed: "It was a present."
  negotiation:
    annoyed: "What will you do?"
  resolution:
    calm: "OK then."
endings:
  resolved: "Thanks."
  escalated: "Manager, now."
  abandoned: "Bye."
"""


def line_of(text: str, snippet: str) -> int:
    """1-based line number of the first line containing `snippet`."""
    for number, line in enumerate(text.splitlines(), 1):
        if snippet in line:
            return number
    raise AssertionError(f"{snippet!r} not in text")
