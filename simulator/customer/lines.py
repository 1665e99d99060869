"""Choosing what the customer says: by phase and hostility band, seeded, never stale."""

from __future__ import annotations

import random
import string
from typing import Mapping, Sequence

from simulator.format.scenario import BAND_NAMES, Line, Scenario, band_of
from simulator.format.spec import written


class Facts(dict):
    """Placeholder values for lines; an unknown name stays as written, never a crash."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def facts_for(scenario: Scenario) -> Facts:
    return Facts(
        {**scenario.facts, "name": scenario.customer.name, "first_name": scenario.customer.first_name}
    )


def render(line: Line, facts: Facts) -> str:
    """The line with each plain `{name}` filled in. Nothing else is formatted: a format
    spec such as `{name:>300000000}` is said as written (validation refuses it), never
    obeyed, so no line can grow beyond its text and its facts."""
    try:
        parts = list(string.Formatter().parse(line.text))
    except ValueError:
        return line.text  # validation reports bad braces; at run time say it as written
    out = []
    for literal, name, spec, conversion in parts:
        out.append(literal)
        if name is None:
            continue
        out.append(written(name, spec, conversion) if spec or conversion else str(facts[name]))
    return "".join(out)


def variants_for_band(bands: Mapping[str, Sequence[Line]], level: float) -> Sequence[Line]:
    """The band's variants, or the nearest band the author wrote."""
    wanted = BAND_NAMES.index(band_of(level))
    order = sorted(range(len(BAND_NAMES)), key=lambda i: (abs(i - wanted), i))
    for i in order:
        variants = bands.get(BAND_NAMES[i])
        if variants:
            return variants
    return ()


class LinePicker:
    """Seeded choice among variants that avoids saying the same line twice in a row."""

    def __init__(self, seed: int):
        self._rng = random.Random(seed)
        self._last: str | None = None

    def pick(self, variants: Sequence[Line]) -> Line:
        pool = [v for v in variants if v.key != self._last] or list(variants)
        line = pool[self._rng.randrange(len(pool))]
        self._last = line.key
        return line
