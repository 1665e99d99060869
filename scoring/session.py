"""Marking a whole session: a 0..100 score from the rubric's weights.

Per dimension, the replies that showed the behaviour (score != 0) are averaged and
mapped from -1..1 to 0..100; a dimension never shown is *not assessed* (None): it is no
free 50, and its rubric weight moves to the dimensions that were.
Calm tone and channel etiquette are different: they are kept, not shown, so every reply
counts, a reply without a fault counts as full marks, and a fault weighs double (one
outburst undoes more than one calm reply): no fault at all scores 100; one reply in four
shouting scores 60; one in two, 33.
Then the phase expectations of the incident protocol are applied:

- an apology is expected before negotiation: none at all marks apology 0; one that
  only comes in negotiation or later caps it at 40 ("apologising only at the end");
- closure is expected before the end: without a closure check in the resolution phase
  or the last reply, closure is capped at 25.

The total is the rubric-weighted mean of the dimensions; `passed` compares it with the
rubric's pass mark. Notes list the unmet expectations first, then the most costly
recurring fault of the weakest dimensions.
"""

from __future__ import annotations

from collections import Counter
from typing import Sequence

from scoring.model import DIMENSIONS, PHASES, N_, ReplyScore, Rubric, SessionScore

NEGOTIATION = PHASES.index("negotiation")
#: Dimensions where the good behaviour is the absence of a fault.
KEPT_NOT_SHOWN = frozenset({"calm", "etiquette"})
FAULT_WEIGHT = 2.0
LATE_APOLOGY_CAP = 40.0
NO_CLOSURE_CAP = 25.0
WEAK_DIMENSION = 40.0  # below this, the dimension's recurring fault becomes a note
MAX_ADVICE = 3


def _phase_index(phase: str) -> int:
    return PHASES.index(phase) if phase in PHASES else 0


def score_session(turns: Sequence[tuple[str, ReplyScore]], rubric: Rubric,
                  agreed: bool = False) -> SessionScore:
    """`turns` holds (phase the reply was given in, its ReplyScore), in order.

    `agreed`: the customer confirmed the solution themselves (the simulator's resolved
    ending). Closure is then not marked down for a check the trainee had no turn left to
    make: the protocol's "agreement and closure" happened.
    """
    turns = list(turns)
    if not turns:
        return SessionScore(0.0, {d: 0.0 for d in DIMENSIONS}, False, (N_("No replies to mark."),))

    per_dim: dict[str, float | None] = {}
    for dim in DIMENSIONS:
        if dim in KEPT_NOT_SHOWN:
            faults = [s[dim].score for _, s in turns if s[dim].score < 0]
            kept = len(turns) - len(faults)
            mean = (kept + FAULT_WEIGHT * sum(faults)) / (kept + FAULT_WEIGHT * len(faults))
            per_dim[dim] = (max(-1.0, min(1.0, mean)) + 1.0) * 50.0
            continue
        shown = [s[dim].score for _, s in turns if s[dim].score != 0]
        if not shown:
            per_dim[dim] = None  # never came up: not assessed
            continue
        mean = sum(shown) / len(shown)
        per_dim[dim] = (max(-1.0, min(1.0, mean)) + 1.0) * 50.0

    notes: list[str] = []
    apologies = [_phase_index(p) for p, s in turns if s["apology"].score > 0]
    if not apologies:
        per_dim["apology"] = 0.0
        notes.append(N_("You never apologised: say 'I'm so sorry' early, before negotiating."))
    elif min(apologies) >= NEGOTIATION:
        per_dim["apology"] = min(per_dim["apology"], LATE_APOLOGY_CAP)
        notes.append(N_("Your first apology came only once you were negotiating: apologise early."))

    last_phase = turns[-1][0]
    closed = any(s["closure"].score > 0 for p, s in turns if p == "resolution") or (
        turns[-1][1]["closure"].score > 0)
    if not closed and not agreed:
        per_dim["closure"] = min(per_dim["closure"] if per_dim["closure"] is not None else NO_CLOSURE_CAP,
                                 NO_CLOSURE_CAP)
        notes.append(N_("Before ending, check the solution works for the customer (the conversation "
                        "never reached resolution).") if last_phase != "resolution" else
                     N_("Before ending, check the solution works for the customer."))

    weights = {d: float(w) for d, w in (rubric.weights or {}).items() if d in DIMENSIONS and w and w > 0}
    if not weights:
        weights = {d: 1.0 for d in DIMENSIONS}
    # A dimension not assessed gives its weight to the others (the mean of those assessed).
    assessed = {d: w for d, w in weights.items() if per_dim[d] is not None}
    total = (sum(per_dim[d] * w for d, w in assessed.items()) / sum(assessed.values())) if assessed else 0.0
    total = max(0.0, min(100.0, total))

    # Advice: the recurring fault of each weak, weighted dimension, worst first.
    weak = sorted((d for d in assessed if per_dim[d] < WEAK_DIMENSION),
                  key=lambda d: (per_dim[d] - 50.0) * weights[d])
    for dim in weak:
        faults = Counter(s[dim].note for _, s in turns if s[dim].score < 0 and s[dim].note)
        if faults and len(notes) < MAX_ADVICE + 2:
            note = faults.most_common(1)[0][0]
            if note not in notes:
                notes.append(note)
    return SessionScore(round(total, 2), {d: (round(v, 2) if v is not None else None) for d, v in per_dim.items()},
                        total >= rubric.pass_mark, tuple(notes))
