"""The reply judge: `score_reply(ReplyContext) -> ReplyScore`.

How a reply is judged, in order:
1. `scoring.text.Prepared` folds the reply (lower case, no accents, same length) and
   blanks the customer's quotes, so every span found points into the original reply.
2. Pattern rules from `data/rules_<lang>.yaml` (plus the scenario's own phrases) run on
   the trainee's own words; computed judges add their hits: times and offers
   (`promises`), capitals and negative wording (`tone`), mirrored words (`mirroring`),
   the customer's name, e-mail layout, social-media data requests, reply latency.
3. Per dimension: a hit of a rule marked `overrides` removes opposite hits it overlaps
   ("sorry you feel that way" is not also a genuine "sorry"); overlapping hits of the
   same sign count once (the heavier); the score is the clamped sum of ±weights.
4. Signals follow the scores: a good behaviour's signal only when its dimension ended
   above 0, a bad one's only below 0; offers (`offered_*`) whenever made.
"""

from __future__ import annotations

import logging

import re
from functools import lru_cache

from scoring import tone
from scoring.model import (
    DIMENSIONS,
    LANGUAGES,
    LIVE_CHANNELS,
    NEUTRAL,
    DimensionScore,
    SURE,
    Evidence,
    ReplyContext,
    ReplyScore,
)
from scoring.promises import Hit, overlaps
from scoring.reader import read_hits
from scoring.rules import RuleSet
from scoring.text import Prepared

# Recorded in every transcript and certification result: bump it whenever a rule,
# lexicon or the session marking changes what a reply or a session scores.
SCORER_VERSION = "2.8.2"

#: Signals that report a fact, raised whatever the dimension's score.
FACT_SIGNALS = frozenset({"offered_refund", "offered_discount", "offered_supervisor"})
#: Signals of good behaviour: raised only when their dimension scored above 0. Every
#: other signal names a fault and is raised only when its dimension scored below 0.
GOOD_SIGNALS = frozenset({
    "apologised", "empathised", "mirrored", "invited_to_talk", "realistic_promise",
    "took_ownership", "used_name", "thanked", "gave_next_steps", "checked_closure",
})
#: Words per reply beyond which a live or public message is a wall of text.


def score_reply(ctx: ReplyContext) -> ReplyScore:
    """Judge one reply. Deterministic; never raises: a bug in the judge gives a neutral
    score marked `not_judged` (and is logged), so a transcript, a report and a
    certification can say the reply was not judged instead of scoring it silently."""
    try:
        return judge(ctx)
    except Exception as exc:
        log = logging.getLogger("temper.scoring")
        log.warning("the judge failed on a reply (%s: %s); it is marked not judged", type(exc).__name__, exc)
        log.debug("the judge's failure", exc_info=True)
        return ReplyScore({d: NEUTRAL for d in DIMENSIONS}, frozenset({"not_judged"}))


def warm_up(languages=LANGUAGES) -> None:
    """Load the rule files, stemmers and VADER now instead of on the first reply.

    The first reply otherwise pays ~0.3-0.5 s (NLTK's import, VADER's lexicon); an app can
    call this at start-up, e.g. in a background thread, so the customer answers at once.
    """
    for lang in languages:
        judge(ReplyContext(reply="I'm so sorry. Lo siento.", customer=("x",), language=lang))
    tone.negative_words(Prepared("terrible"), "en", [], frozenset())


def judge(ctx: ReplyContext) -> ReplyScore:
    """`score_reply` without the safety net (the tests call this one).

    The reader says what the reply does (`scoring.reader`); every dimension is computed
    from that reading's hits here.
    """
    reading, hits, prep, rs, times = read_hits(ctx)
    by_dim: dict[str, list[Hit]] = {d: [] for d in DIMENSIONS}
    for h in hits:
        by_dim[h.rule.dimension].append(h)
    by_dim["next_steps"] = _next_steps_filter(by_dim["next_steps"], times)
    by_dim["apology"] = _late_apology(prep, rs, _resolve(by_dim["apology"]))

    dims: dict[str, DimensionScore] = {}
    signals: set[str] = set()
    for dim in DIMENSIONS:
        kept = _resolve(by_dim[dim]) if dim != "apology" else by_dim[dim]
        if dim == "promises" and any(h.polarity < 0 for h in kept):
            # One over-promise is an over-promise: a realistic time or offer elsewhere in
            # the reply does not buy back "I guarantee..." (offers still raise their fact).
            for h in kept:
                if h.polarity > 0:
                    signals.update(s for s in (h.signals or (h.rule.signal,)) if s in FACT_SIGNALS)
            kept = [h for h in kept if h.polarity < 0]
        score = round(max(-1.0, min(1.0, sum(h.polarity * h.weight for h in kept))), 4)
        dims[dim] = DimensionScore(
            score, tuple(_evidence(prep, h) for h in kept),
            _note(dim, score, kept, rs, ctx))
        for h in kept:
            if h.confidence < SURE and h.polarity < 0:
                continue  # the customer reacts to what was surely said, not a "possibly"
            for sig in (h.signals if h.signals is not None else (h.rule.signal,)):
                if sig is None:
                    continue
                if sig in FACT_SIGNALS or (score > 0 if sig in GOOD_SIGNALS else score < 0):
                    signals.add(sig)
    return ReplyScore(dims, frozenset(signals), reading)


# --------------------------------------------------------------------------- assembly
def _resolve(hs: list[Hit]) -> list[Hit]:
    """Apply overrides, count overlapping same-sign hits once, drop `only_if_clean` ones."""
    if not hs:
        return hs
    over = [h for h in hs if h.rule.overrides]
    if over:
        hs = [h for h in hs if not any(o.polarity != h.polarity and overlaps(o, h) for o in over)]
    kept: list[Hit] = []
    for h in sorted(hs, key=lambda h: (-h.weight, h.start, h.rule.id)):
        # Same behaviour found twice on the same words counts once; different behaviours
        # on the same words ("CALM DOWN": capitals and 'calm down') both count.
        if h.rule.stacks or not any(
                k.polarity == h.polarity and k.rule.signal == h.rule.signal and overlaps(k, h)
                for k in kept):
            kept.append(h)
    if any(k.polarity < 0 for k in kept):
        kept = [k for k in kept if not k.rule.only_if_clean]
    return sorted(kept, key=lambda h: (h.start, h.end, h.rule.id))


@lru_cache(maxsize=1024)
def _reason(note: str, rule_id: str) -> str:
    """The first clause of a rule's coaching line: the short reason on each span."""
    note = re.sub(r"^(?:Good|Bien):\s*", "", note)
    return re.split(r"[:;(]|\.(?:\s|$)", note, maxsplit=1)[0].strip() or rule_id


def _evidence(prep: Prepared, h: Hit) -> Evidence:
    reason = _reason(h.rule.note, h.rule.id)
    if h.source and h.confidence < SURE and h.detail:
        # An unsure learned judgement: the reader put "possibly" in the trainee's language.
        reason = f"{h.detail.capitalize()}: {reason[:1].lower()}{reason[1:]}"
    elif h.detail:
        reason += f" ({h.detail})"
    return Evidence(h.start, h.end, prep.original[h.start:h.end], reason, h.rule.id, h.polarity,
                    h.customer_words, h.source or "", h.confidence, h.reads_like)


def _note(dim: str, score: float, kept: list[Hit], rs: RuleSet, ctx: ReplyContext) -> str:
    neg = [h for h in kept if h.polarity < 0]
    if neg:  # the most costly fault is what the trainee should fix first
        return max(neg, key=lambda h: h.weight).rule.note
    if kept:
        return max(kept, key=lambda h: h.weight).rule.note
    return rs.absent_notes.get(dim, {}).get(ctx.phase, "")


def _next_steps_filter(hs: list[Hit], times) -> list[Hit]:
    """Who only counts with a what; vague only when neither what nor when was given."""
    what = any(h.rule.id == "next_steps.what" for h in hs)
    when = any(not t.past for t in times)
    out, seen = [], set()
    for h in sorted(hs, key=lambda h: h.start):
        rid = h.rule.id
        if rid == "next_steps.who" and not what:
            continue
        if rid == "next_steps.vague" and (what or when):
            continue
        if rid in seen and h.polarity > 0:
            continue  # each of what / when / who counts once
        seen.add(rid)
        out.append(h)
    return out


def _late_apology(prep: Prepared, rs: RuleSet, hs: list[Hit]) -> list[Hit]:
    """An apology given only at the very end of a longer reply earns less."""
    pos = [h for h in hs if h.polarity > 0]
    if not pos or any(h.polarity < 0 for h in hs) or len(prep.sentences) < 3:
        return hs
    last_start = prep.sentences[-1][0]
    first = min(pos, key=lambda h: h.start)
    if first.start >= last_start:
        return hs + [Hit(rs["apology.late"], first.start, first.end)]
    return hs

