"""A reply as HTML with the scorer's evidence highlighted (green earned, red cost).

Shared by the live coaching hint and the report's annotated transcript. Works on plain
spans so it serves both a live `Turn` and a stored transcript's dicts.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Iterable

from PySide6.QtGui import QPalette

from scoring.model import DIMENSIONS
from simulator import wording
from simulator.report import plain_reason
from ui import theme

def dimension_name(d: str, lang: str | None = "en") -> str:
    """The dimension's human name in the session's language (the core's catalogue)."""
    return wording.dimension_name(d, lang)


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    polarity: int  # +1 earned, -1 cost
    reason: str
    dimension: str
    text: str = ""
    rule: str = ""  # the rule (or learned judgement) behind it: what a trainer corrects


def spans_from_turn(turn) -> list[Span]:
    """Evidence of a live `Turn` (its `.score.dimensions[d].evidence`)."""
    out = []
    for d in DIMENSIONS:
        dim = turn.score.dimensions.get(d)
        for e in getattr(dim, "evidence", ()) or ():
            out.append(Span(e.start, e.end, 1 if e.polarity >= 0 else -1, e.reason, d, e.text, e.rule))
    return out


def spans_from_dict(scores: dict) -> list[Span]:
    """Evidence of a stored turn (`transcript['turns'][i]['scores']`)."""
    out = []
    for d in DIMENSIONS:
        for e in (scores.get(d) or {}).get("evidence", []):
            out.append(Span(int(e["start"]), int(e["end"]), 1 if e.get("polarity", 1) >= 0 else -1,
                            str(e.get("reason", "")), d, str(e.get("text", "")), str(e.get("rule", ""))))
    return out


def highlighted_html(text: str, spans: Iterable[Span], pal: QPalette | None = None) -> str:
    """`text` escaped, each span in a tinted background. Where spans overlap the
    shorter, more precise one wins; a span covering (nearly) the whole reply is a
    remark about all of it and is left to the list of reasons; spans outside the
    text are ignored."""
    good = theme.tint(theme.GOOD, pal, 0.35)
    bad = theme.tint(theme.BAD, pal, 0.35)
    out, at = [], 0
    whole = max(1, len(text.strip()))
    usable = [s for s in spans if 0 <= s.start < s.end <= len(text) and (s.end - s.start) < 0.9 * whole]
    chosen: list[Span] = []
    for s in sorted(usable, key=lambda s: (s.end - s.start, s.start)):
        if all(s.end <= c.start or s.start >= c.end for c in chosen):
            chosen.append(s)
    for s in sorted(chosen, key=lambda s: s.start):
        out.append(html.escape(text[at:s.start]))
        color = good if s.polarity > 0 else bad
        line = "" if s.polarity > 0 else "text-decoration: underline;"
        out.append(f'<span style="background-color:{color};{line}">{html.escape(text[s.start:s.end])}</span>')
        at = s.end
    out.append(html.escape(text[at:]))
    return "".join(out).replace("\n", "<br>")


def excerpt(text: str, spans: Iterable[Span], limit: int = 800, context: int = 60,
            ) -> tuple[str, list[Span]]:
    """A reply of more than `limit` characters cut to the parts around its evidence
    (`context` characters either side, "…" where text was left out), with the spans moved
    to match: a 10,000-character reply is not laid out whole in a hint. A shorter reply,
    or one without evidence, is returned as it is."""
    spans = list(spans)
    if len(text) <= limit:
        return text, spans
    usable = sorted((s for s in spans if 0 <= s.start < s.end <= len(text) and s.end - s.start <= limit),
                    key=lambda s: s.start)
    windows: list[list[int]] = []
    for sp in usable:
        a, b = max(0, sp.start - context), min(len(text), sp.end + context)
        # Whole words at the cut: back to a word's start, on to a word's end.
        space = text.rfind(" ", max(0, a - 20), a + 1)
        a = space + 1 if a > 0 and space >= 0 else a
        space = text.find(" ", b, min(len(text), b + 20))
        b = space if b < len(text) and space >= 0 else b
        if windows and a <= windows[-1][1]:
            windows[-1][1] = max(windows[-1][1], b)
        else:
            windows.append([a, b])
    if not windows:
        return text[:limit] + " …", []
    out, moved, shown = "", [], 0
    for a, b in windows:
        if shown >= limit:
            break
        gap = ("… " if a > 0 else "") if not out else " … "
        offset = len(out) + len(gap) - a
        out += gap + text[a:b]
        shown += b - a
        moved += [Span(sp.start + offset, sp.end + offset, sp.polarity, sp.reason, sp.dimension,
                       sp.text, sp.rule) for sp in usable if a <= sp.start and sp.end <= b]
        last = b
    if last < len(text):
        out += " …"
    return out, moved


#: The longest quote of a reply in a reason line.
QUOTE_CHARS = 120


def reasons_html(spans: Iterable[Span], limit: int = 3, lang: str | None = "en") -> str:
    """‘“I'm so sorry” — apology’ lines, costs first, at most `limit`."""
    ordered = sorted(spans, key=lambda s: (s.polarity, s.start))[:limit]
    items = []
    for s in ordered:
        mark = "✓" if s.polarity > 0 else "✗"
        quote = s.text or ""
        if len(quote) > QUOTE_CHARS:  # a remark about much of a long reply: its start is enough
            quote = quote[:QUOTE_CHARS].rstrip() + "…"
        quote = html.escape(quote)
        reason = plain_reason(s.reason, lang)  # the judge's details in words, in the session's language
        items.append(f"{mark} “{quote}” — {html.escape(reason)} ({html.escape(dimension_name(s.dimension, lang))})")
    return "<br>".join(items)
