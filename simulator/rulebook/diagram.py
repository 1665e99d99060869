"""The conversation rulebook as a diagram: Mermaid or Graphviz DOT text, and a laid-out
picture model (boxes, arrows, labels with coordinates) that the scenario lab draws.

Drawn from `simulator.rulebook.machine.TRANSITIONS` itself, so the picture cannot drift from
the rules; a scenario fills in its own thresholds, and a format 2 scenario its concerns.

The picture model is plain Python (no Qt): `layout(scenario, measure, line_height)` places
every box and label using the caller's text measure, so the UI can pass its font's and get
text that fits its boxes; the default measure counts characters (one unit a character,
one unit a line), which is what the tests and any text renderer use.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable

from scoring.model import PHASES
from simulator.format.scenario import ENDINGS, Scenario
from simulator.rulebook.machine import TRANSITIONS

#: The endings a session can pass with (shown as the good ending).
GOOD_ENDING = "resolved"
#: What each ending means, under its name in the picture.
ENDING_NOTES = {
    "resolved": "the customer agrees: the only ending that can pass",
    "escalated": "they demand a supervisor: never passes",
    "abandoned": "they give up and leave: never passes",
    "closed": "closed before they agreed: never passes",
}


def guard_labels(scenario: Scenario, concerns_drawn: bool = False) -> dict[str, str]:
    """Each guard of the rulebook in this scenario's numbers. With `concerns_drawn` the
    concerns are named beside the picture, so the guard says "every concern" only."""
    h = scenario.hostility
    wait = "slow reply" if scenario.channel in ("chat", "phone", "whatsapp") else None
    leaves = [f"hostility >= {h.breaking_point:g}" if h.gives_up_by == "abandoned" else None,
              f"{wait} pushes it >= {h.breaking_point:g}" if wait else None,
              f"{h.max_turns} replies without agreement"]
    n = len(scenario.concerns)
    if scenario.concerns and concerns_drawn:
        solution = f"every concern addressed ({'both' if n == 2 else 'all ' + str(n) if n > 2 else 'the one'} below)"
    elif scenario.concerns:
        solution = "every concern addressed: " + ", ".join(c.need for c in scenario.concerns)
    else:
        solution = (f"offer within policy ({scenario.policy.min_days:g}+ days, "
                    f"<= {scenario.policy.max_discount_percent:g}% off"
                    f"{', refund' if scenario.policy.can_refund else ''})")
    return {
        "walks_out": " or ".join(x for x in leaves if x),
        "escalates": f"hostility >= {h.breaking_point:g}",
        "heard": "heard (apology, empathy or an open question)",
        "past_peak": f"after {h.rise_turns} replies",
        "problem_identified": "problem restated" + (" or a concern addressed" if scenario.concerns else ""),
        "solution_offered": solution,
        "agrees": (f"hostility < {h.agrees_below:g} and (closure checked"
                   + (" or every concern addressed)" if scenario.concerns else ")")),
        "agent_closed": "the trainee closes before the customer agrees",
    }


def _edges(scenario: Scenario, concerns_drawn: bool = False):
    labels = guard_labels(scenario, concerns_drawn)
    for row in TRANSITIONS:
        sources = row["source"] if isinstance(row["source"], list) else [row["source"]]
        label = " and ".join(labels[c] for c in row["conditions"])
        if row["dest"] == "escalated" and scenario.hostility.gives_up_by == "abandoned":
            continue  # this customer never escalates: they leave
        yield tuple(sources), row["dest"], label


def mermaid(scenario: Scenario) -> str:
    out = ["stateDiagram-v2", f"    %% {scenario.title}", "    [*] --> venting"]
    out += [f"    {a} --> {b}: {label.replace(':', ' ')}"
            for sources, b, label in _edges(scenario) for a in sources]
    out += [f"    {e} --> [*]" for e in ENDINGS]
    return "\n".join(out) + "\n"


def dot(scenario: Scenario) -> str:
    out = ["digraph conversation {", f'    label="{_q(scenario.title)}";', "    rankdir=LR;",
           '    start [shape=point];']
    out += [f"    {p} [shape=box, style=rounded];" for p in PHASES]
    out += [f"    {e} [shape=doublecircle];" for e in ENDINGS]
    out.append("    start -> venting;")
    out += [f'    {a} -> {b} [label="{_q(label)}"];' for sources, b, label in _edges(scenario) for a in sources]
    out.append("}")
    return "\n".join(out) + "\n"


def _q(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


# --- the picture ------------------------------------------------------------------------

Measure = Callable[[str], float]
Point = tuple[float, float]


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h

    @property
    def cx(self) -> float:
        return self.x + self.w / 2

    @property
    def cy(self) -> float:
        return self.y + self.h / 2

    def overlaps(self, other: "Rect") -> bool:
        return (self.x < other.right and other.x < self.right
                and self.y < other.bottom and other.y < self.bottom)

    def moved(self, dy: float) -> "Rect":
        return Rect(self.x, self.y + dy, self.w, self.h)


@dataclass(frozen=True)
class Box:
    """Text in a rectangle. `kind` says how it is drawn: title, start (a dot), phase,
    good (the good ending), bad (a bad ending), unreachable (an ending this scenario never
    reaches), heading, concern, note, label (a guard's words beside its arrow)."""

    id: str
    kind: str
    lines: tuple[str, ...]  # already wrapped to fit; the first `bold` lines are the heading
    rect: Rect
    bold: int = 1

    @property
    def text(self) -> str:
        return " ".join(self.lines)


@dataclass(frozen=True)
class Arrow:
    """A transition: from `sources` (several: "from any phase") to `dest`, along
    `points` (axis-aligned segments; the head is at the last point), with its guard."""

    sources: tuple[str, ...]
    dest: str
    kind: str  # start | progress | bad
    points: tuple[Point, ...]
    label: Box | None = None


@dataclass(frozen=True)
class Layout:
    title: str
    width: float
    height: float
    line_height: float
    pad: float
    boxes: tuple[Box, ...]  # every box, the guard labels included
    arrows: tuple[Arrow, ...]
    wires: tuple[tuple[Point, ...], ...]  # head-less lines: the "from any phase" bus

    def box(self, box_id: str) -> Box:
        return next(b for b in self.boxes if b.id == box_id)

    def has(self, box_id: str) -> bool:
        return any(b.id == box_id for b in self.boxes)

    def arrow(self, dest: str, source: str | None = None) -> Arrow:
        return next(a for a in self.arrows if a.dest == dest and (source is None or source in a.sources))

    def texts(self) -> list[str]:
        return [b.text for b in self.boxes]


def wrap(text: str, width: float, measure: Measure = len) -> tuple[str, ...]:
    """Greedy word wrap to `width`; a word wider than that is broken (never overflows)."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if measure(candidate) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
            current = ""
        while measure(word) > width and len(word) > 1:
            cut = max(1, max((i for i in range(1, len(word)) if measure(word[:i]) <= width), default=1))
            lines.append(word[:cut])
            word = word[cut:]
        current = word
    if current:
        lines.append(current)
    return tuple(lines) or ("",)


def layout(scenario: Scenario, measure: Measure = len, line_height: float = 1.0,
           measure_bold: Measure | None = None) -> Layout:
    """Where everything of the scenario's diagram goes, top to bottom:

    the title; the phases in a column (start → venting → … → resolution → resolved) with
    each guard beside its arrow; a "from any phase" bus to the bad endings in a second
    column, each ending's guard under it; then, for format 2, the customer's concerns
    (what addresses each) and the offers the agent may not make.
    """
    bold = measure_bold or measure
    lh = line_height
    pad = 0.6 * lh
    em = max(measure("n"), 1e-6)
    label_w = 25 * em  # guards wrap at about 25 characters
    boxes: list[Box] = []
    arrows: list[Arrow] = []
    wires: list[tuple[Point, ...]] = []

    def text_lines(heading: str, body: Iterable[str], width: float) -> tuple[tuple[str, ...], int]:
        head = wrap(heading, width, bold)
        rest: list[str] = []
        for para in body:
            rest.extend(wrap(para, width, measure))
        return head + tuple(rest), len(head)

    def size(lines: tuple[str, ...], n_bold: int, inner: float = pad) -> tuple[float, float]:
        w = max((bold if i < n_bold else measure)(ln) for i, ln in enumerate(lines))
        return w + 2 * inner, len(lines) * lh + 2 * inner

    def label(box_id: str, text: str, x: float, y_mid: float | None = None, y_top: float | None = None,
              width: float = label_w) -> Box:
        lines = wrap(text.replace(">=", "≥").replace("<=", "≤"), width, measure)
        w, h = size(lines, 0, inner=pad / 3)
        y = y_top if y_top is not None else y_mid - h / 2
        return Box(box_id, "label", lines, Rect(x, y, w, h), bold=0)

    concerns_drawn = scenario.format >= 2 and bool(scenario.concerns)
    guards = {dest: (sources, text) for sources, dest, text in _edges(scenario, concerns_drawn)}

    # --- column 1: the phases and the good ending ------------------------------------
    column = [*PHASES, GOOD_ENDING]
    phase_w = max(bold(name) for name in column) + 2 * pad
    good_lines, good_bold = text_lines(GOOD_ENDING, [ENDING_NOTES[GOOD_ENDING]], max(phase_w, 19 * em))
    phase_w = max(phase_w, size(good_lines, good_bold)[0])
    cx = phase_w / 2
    y = 0.0
    start = Box("start", "start", ("",), Rect(cx - lh / 2, y, lh, lh), bold=0)
    boxes.append(start)
    y = start.rect.bottom + 1.5 * lh
    arrows.append(Arrow(("start",), "venting", "start", ((cx, start.rect.bottom), (cx, y))))
    previous: Box | None = None
    for name in column:
        if previous is not None:
            sources, text = guards[name]
            lab = label(f"guard:{previous.id}->{name}", text, cx + pad, y_top=y)
            gap = max(lab.rect.h + pad, 2.5 * lh)
            lab = Box(lab.id, lab.kind, lab.lines, lab.rect.moved(gap / 2 - lab.rect.h / 2), 0)
            boxes.append(lab)
            arrows.append(Arrow((previous.id,), name, "progress",
                                ((cx, previous.rect.bottom), (cx, y + gap)), lab))
            y += gap
        if name == GOOD_ENDING:
            lines, n_bold = good_lines, good_bold
            kind = "good"
        else:
            lines, n_bold = (name,), 1
            kind = "phase"
        h = size(lines, n_bold)[1]
        box = Box(name, kind, lines, Rect(0, y, phase_w, h), n_bold)
        boxes.append(box)
        previous = box
        y = box.rect.bottom
    column_bottom = y
    col1_right = max(b.rect.right for b in boxes)

    # --- column 2: the bad endings, from any phase --------------------------------------
    bus_x = col1_right + 1.5 * pad
    ends_x = bus_x + 3 * lh
    first_phase = next(b for b in boxes if b.id == PHASES[0])
    caption = label("caption:any-phase", "from any phase", bus_x + pad / 2,
                    y_top=first_phase.rect.y - lh)
    boxes.append(caption)
    y = max(caption.rect.bottom + pad, first_phase.rect.cy + lh)
    bad = [e for e in ENDINGS if e != GOOD_ENDING]
    texts = {name: text_lines(name, [ENDING_NOTES[name] if name in guards
                                     else "never: this customer leaves instead"], label_w)
             for name in bad}
    end_w = max(size(lines, n_bold)[0] for lines, n_bold in texts.values())
    bus_ys: list[float] = []
    for name in bad:
        lines, n_bold = texts[name]
        reachable = name in guards
        box = Box(name, "bad" if reachable else "unreachable", lines,
                  Rect(ends_x, y, end_w, size(lines, n_bold)[1]), n_bold)
        boxes.append(box)
        y = box.rect.bottom
        if reachable:
            sources, text = guards[name]
            lab = label(f"guard:any->{name}", text, ends_x, y_top=y + pad / 2, width=label_w)
            boxes.append(lab)
            arrows.append(Arrow(tuple(sources), name, "bad", ((bus_x, box.rect.cy), (ends_x, box.rect.cy)), lab))
            bus_ys.append(box.rect.cy)
            y = lab.rect.bottom
        y += 1.5 * lh
    ends_bottom = y - 1.5 * lh
    live = [b for b in boxes if b.id in PHASES]
    for b in live:
        wires.append(((b.rect.right, b.rect.cy), (bus_x, b.rect.cy)))
    ys = [b.rect.cy for b in live] + bus_ys
    wires.append(((bus_x, min(ys)), (bus_x, max(ys))))
    body_w = max(b.rect.right for b in boxes)
    bottom = max(column_bottom, ends_bottom)

    # --- below: what the customer needs (format 2) ----------------------------------------
    if concerns_drawn:
        y = bottom + 2 * lh
        lines, n_bold = text_lines("What the customer needs",
                                   ["negotiation moves on to resolution when every concern is addressed"],
                                   body_w)
        head = Box("heading:concerns", "heading", lines, Rect(0, y, body_w, size(lines, n_bold, 0)[1]), n_bold)
        boxes.append(head)
        y = head.rect.bottom + pad
        for concern in scenario.concerns:
            lines, n_bold = text_lines(concern.need, _concern_ways(scenario, concern), body_w - 2 * pad)
            box = Box(f"concern:{concern.id}", "concern", lines,
                      Rect(0, y, body_w, size(lines, n_bold)[1]), n_bold)
            boxes.append(box)
            y = box.rect.bottom + pad
        forbidden = [o.label or o.id for o in scenario.offers if not o.allowed]
        if forbidden:
            lines, n_bold = text_lines("The agent may not offer", ["; ".join(forbidden)], body_w - 2 * pad)
            box = Box("note:not-allowed", "note", lines, Rect(0, y, body_w, size(lines, n_bold)[1]), n_bold)
            boxes.append(box)
            y = box.rect.bottom + pad
        bottom = y - pad

    # --- the title, on top of it all ------------------------------------------------------
    subtitle = (f"{scenario.id} · format {scenario.format} · {scenario.channel} · "
                f"{scenario.language} · {scenario.customer.difficulty}")
    t_lines, t_bold = text_lines(scenario.title, [subtitle], body_w)
    t_h = size(t_lines, t_bold, 0)[1]
    shift = t_h + 1.5 * lh
    boxes = [Box(b.id, b.kind, b.lines, b.rect.moved(shift), b.bold) for b in boxes]
    arrows = [Arrow(a.sources, a.dest, a.kind, tuple((x, yy + shift) for x, yy in a.points),
                    next(b for b in boxes if b.id == a.label.id) if a.label else None) for a in arrows]
    wires = [tuple((x, yy + shift) for x, yy in w) for w in wires]
    boxes.insert(0, Box("title", "title", t_lines, Rect(0, 0, body_w, t_h), t_bold))
    return Layout(scenario.title, body_w, bottom + shift, lh, pad, tuple(boxes), tuple(arrows), tuple(wires))


def _concern_ways(scenario: Scenario, concern) -> list[str]:
    """What addresses a concern, in words an author checks against the file."""
    offers = {o.id: o for o in scenario.offers}
    ways = []
    if concern.offers:
        named = []
        for oid in concern.offers:
            o = offers.get(oid)
            text = (o.label or o.id) if o else oid
            named.append(text if o is None or o.allowed else f"{text} (not allowed)")
        ways.append("by offering: " + "; or ".join(named))
    if concern.facts:
        ways.append("by naming: " + "; or ".join(
            f"{f} ({scenario.facts[f]})" if scenario.facts.get(f) else f for f in concern.facts))
    if concern.acts:
        ways.append("by: " + " or ".join(a.replace("_", " ") for a in concern.acts))
    if len(ways) > 1:
        ways = [ways[0]] + ["or " + w for w in ways[1:]]
    return [f"({concern.id}) " + ways[0] if ways else f"({concern.id})"] + ways[1:]
