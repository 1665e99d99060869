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

import re
from functools import lru_cache

from scoring import mirroring, tone
from scoring.durations import find_times, time_spans
from scoring.model import (
    DIMENSIONS,
    LANGUAGES,
    LIVE_CHANNELS,
    NEUTRAL,
    DimensionScore,
    Evidence,
    ExtraPhrase,
    ReplyContext,
    ReplyScore,
)
from scoring.promises import Hit, judge_offers, judge_times
from scoring.rules import RuleSet, extra_rules, load_rules
from scoring.text import Prepared, fold, words

# Recorded in every transcript and certification result: bump it whenever a rule,
# lexicon or the session marking changes what a reply or a session scores.
SCORER_VERSION = "1.1.0"

#: Signals that report a fact, raised whatever the dimension's score.
FACT_SIGNALS = frozenset({"offered_refund", "offered_discount", "offered_supervisor"})
#: Signals of good behaviour: raised only when their dimension scored above 0. Every
#: other signal names a fault and is raised only when its dimension scored below 0.
GOOD_SIGNALS = frozenset({
    "apologised", "empathised", "mirrored", "invited_to_talk", "realistic_promise",
    "took_ownership", "used_name", "thanked", "gave_next_steps", "checked_closure",
})
#: Words per reply beyond which a live or public message is a wall of text.
LONG_MESSAGE_WORDS = {"chat": 80, "whatsapp": 80, "social": 60, "phone": 120}
MAX_EMAIL_PARAGRAPHS = 3
#: Seconds a customer on a live channel waits before the delay itself angers them.
SLOW_REPLY_S = {"chat": 60.0, "whatsapp": 90.0, "phone": 20.0}
MAX_MIRROR_WORDS = 3  # mirrored words that earn points (0.25 each)
#: Hits kept per rule: scores saturate long before, and it bounds the work on 100 kB.
MAX_HITS_PER_RULE = 12
_BLANK_LINES = re.compile(r"\n[ \t]*\n")


def score_reply(ctx: ReplyContext) -> ReplyScore:
    """Judge one reply. Deterministic; never raises (a bug degrades to a neutral score)."""
    try:
        return judge(ctx)
    except Exception:  # pragma: no cover - the property test keeps this path unused
        return ReplyScore({d: NEUTRAL for d in DIMENSIONS}, frozenset())


def warm_up(languages=LANGUAGES) -> None:
    """Load the rule files, stemmers and VADER now instead of on the first reply.

    The first reply otherwise pays ~0.3-0.5 s (NLTK's import, VADER's lexicon); an app can
    call this at start-up, e.g. in a background thread, so the customer answers at once.
    """
    for lang in languages:
        judge(ReplyContext(reply="I'm so sorry. Lo siento.", customer=("x",), language=lang))
    tone.negative_words(Prepared("terrible"), "en", [], frozenset())


def judge(ctx: ReplyContext) -> ReplyScore:
    """`score_reply` without the safety net (the tests call this one)."""
    lang = ctx.language if ctx.language in LANGUAGES else "en"
    rs = load_rules(lang)
    prep = Prepared(ctx.reply if isinstance(ctx.reply, str) else "")
    customer = tuple(c for c in (ctx.customer or ()) if isinstance(c, str))
    hits: list[Hit] = []

    offer_rules = []
    at = rs.literal_positions(prep.own)
    matched = rs.match_all(prep.own, at, ctx.phase, ctx.channel)
    for rule in rs.pattern_rules + _scenario_rules(ctx.extra_phrases):
        if not rule.applies(ctx.phase, ctx.channel):
            continue
        if rule.offer:
            offer_rules.append(rule)
            continue
        found = matched.get(rule.id, ()) if rule.id in rs.by_id else rule.finditer(prep.own, at)
        hits.extend(Hit(rule, m.start(), m.end()) for m in found)

    times = find_times(prep.own, lang, ctx.today,
                       time_spans(prep.words, prep.sentences, prep.own, lang))
    promise_hits = judge_times(prep, ctx, rs, times) + judge_offers(prep, ctx, rs, offer_rules, at)
    hits += promise_hits
    if ctx.phase == "venting":
        hits += _solutions_while_venting(rs, promise_hits, hits)
    hits += [Hit(rs["calm.shouting"], s, e) for s, e in tone.shouting(prep)]
    hits += _mirroring(prep, rs, customer, lang, ctx.customer_name or "")
    hits += _name(prep, rs, ctx.customer_name or "")
    hits += _etiquette(prep, rs, ctx)
    hits += _next_steps_when(rs, hits, times)
    hits += _negative_tone(prep, rs, lang, hits, customer)

    hits = _cross_dimension(prep, rs, _capped(hits))
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
            for sig in (h.signals if h.signals is not None else (h.rule.signal,)):
                if sig is None:
                    continue
                if sig in FACT_SIGNALS or (score > 0 if sig in GOOD_SIGNALS else score < 0):
                    signals.add(sig)
    return ReplyScore(dims, frozenset(signals))


# --------------------------------------------------------------------------- assembly
def _overlaps(a: Hit, b: Hit) -> bool:
    return a.start < b.end and b.start < a.end or (a.start == a.end == b.start == b.end)


def _resolve(hs: list[Hit]) -> list[Hit]:
    """Apply overrides, count overlapping same-sign hits once, drop `only_if_clean` ones."""
    if not hs:
        return hs
    over = [h for h in hs if h.rule.overrides]
    if over:
        hs = [h for h in hs if not any(o.polarity != h.polarity and _overlaps(o, h) for o in over)]
    kept: list[Hit] = []
    for h in sorted(hs, key=lambda h: (-h.weight, h.start, h.rule.id)):
        # Same behaviour found twice on the same words counts once; different behaviours
        # on the same words ("CALM DOWN": capitals and 'calm down') both count.
        if h.rule.stacks or not any(
                k.polarity == h.polarity and k.rule.signal == h.rule.signal and _overlaps(k, h)
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
    if h.detail:
        reason += f" ({h.detail})"
    return Evidence(h.start, h.end, prep.original[h.start:h.end], reason, h.rule.id, h.polarity,
                    h.customer_words)


def _note(dim: str, score: float, kept: list[Hit], rs: RuleSet, ctx: ReplyContext) -> str:
    neg = [h for h in kept if h.polarity < 0]
    if neg:  # the most costly fault is what the trainee should fix first
        return max(neg, key=lambda h: h.weight).rule.note
    if kept:
        return max(kept, key=lambda h: h.weight).rule.note
    return rs.absent_notes.get(dim, {}).get(ctx.phase, "")


def _scenario_rules(phrases) -> tuple:
    """The scenario's phrases as rules (cached; built afresh if they are not hashable)."""
    phrases = tuple(p for p in (phrases or ()) if isinstance(p, ExtraPhrase))
    try:
        return extra_rules(phrases)
    except TypeError:  # e.g. phrases given as a list: still honoured, just not cached
        fixed = tuple(ExtraPhrase(p.dimension, p.polarity, tuple(str(x) for x in p.phrases or ()),
                                  str(p.note or ""), p.signal if isinstance(p.signal, str) else None)
                      for p in phrases)
        return extra_rules(fixed)


def _capped(hits: list[Hit]) -> list[Hit]:
    seen: dict[str, int] = {}
    out = []
    for h in hits:
        n = seen.get(h.rule.id, 0)
        if n < MAX_HITS_PER_RULE:
            seen[h.rule.id] = n + 1
            out.append(h)
    return out


# --------------------------------------------------------------------------- computed judges
# "Perdone, pero...", "Excuse me, but...": an interjection, not an apology with an object,
# so it does not absorb the blame that follows it ("...eso no es culpa nuestra").
_BARE_BUT = re.compile(r"(?:perdone|perdona|disculpe|disculpa|perdon|excuse me|pardon me|sorry)\s*,?\s*(?:pero|but)\b")


def _cross_dimension(prep: Prepared, rs: RuleSet, hits: list[Hit]) -> list[Hit]:
    """Faults that belong to two dimensions, counted once in each.

    A refusal to apologise is also arguing with the customer (calm). "It's not our
    fault" right after a "sorry..." is already the excuse of a non-apology, so calm does
    not count it a second time.
    """
    out = []
    non_apology = [h for h in hits if h.rule.id == "apology.non_apology"]
    for h in hits:
        if h.rule.id == "calm.not_our_fault":
            s, e = h.start, h.end
            if any(n.start <= s and e <= n.end + 40 and not _BARE_BUT.match(prep.own, n.start)
                   for n in non_apology):
                continue
        out.append(h)
        if h.rule.id == "apology.refusal":
            # ...unless the same sentence goes on to offer help ("but I can help you").
            if not rs.cues["help_after"].search(prep.own, h.end, prep.sentence_of(h.start)[1]):
                out.append(Hit(rs["calm.refused_apology"], h.start, h.end))
    return out


def _solutions_while_venting(rs: RuleSet, promise_hits: list[Hit], hits: list[Hit]) -> list[Hit]:
    """A promise or offer made while the customer vents is also a solution too early."""
    rule = rs["listening.solution"]
    have = [h for h in hits if h.rule.dimension == "listening" and h.polarity < 0]
    out = []
    for p in promise_hits:
        h = Hit(rule, p.start, p.end, p.rule.id)
        if not any(_overlaps(h, o) for o in have + out):
            out.append(h)
    return out


def _mirroring(prep: Prepared, rs: RuleSet, customer: tuple[str, ...], lang: str, name: str) -> list[Hit]:
    if not customer:
        return []
    m = mirroring.analyse(prep.words, customer, lang, name)
    out = [Hit(rs["mirroring.parroted"], s, e) for s, e in m.parroted]
    out += [Hit(rs["mirroring.restated"], s, e, f"customer said '{w}'", None, (w,))
            for s, e, w in m.restated[:MAX_MIRROR_WORDS]]
    if not m.restated and not m.parroted and m.customer_content >= 4 and m.reply_words >= 12:
        out.append(Hit(rs["mirroring.ignored"], 0, len(prep.raw)))
    return out


@lru_cache(maxsize=256)
def _name_rx(name: str) -> re.Pattern | None:
    parts = [fold(p) for p in re.split(r"[\s,]+", name.strip()) if len(p) >= 2]
    if not parts:
        return None
    alts = "|".join(re.escape(p) for p in sorted(set(parts), key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alts})(?!\w)")


def _name(prep: Prepared, rs: RuleSet, name: str) -> list[Hit]:
    rx = _name_rx(name) if name else None
    m = rx.search(prep.own) if rx else None
    return [Hit(rs["personal.name"], m.start(), m.end())] if m else []


def _etiquette(prep: Prepared, rs: RuleSet, ctx: ReplyContext) -> list[Hit]:
    out: list[Hit] = []
    ch, raw = ctx.channel, prep.raw
    if ch == "email":
        body = _email_body(raw)
        if len(body) > MAX_EMAIL_PARAGRAPHS:
            out.append(Hit(rs["etiquette.email_long"], body[MAX_EMAIL_PARAGRAPHS][0], body[-1][1],
                           f"{len(body)} paragraphs > {MAX_EMAIL_PARAGRAPHS}"))
        if prep.quotes:
            s, e = prep.quotes[0]
            out.append(Hit(rs["etiquette.quoted"], s, e))
    limit = LONG_MESSAGE_WORDS.get(ch)
    if limit and len(prep.words) > limit:
        out.append(Hit(rs["etiquette.long_message"], prep.words[limit][0], len(raw),
                       f"{len(prep.words)} words > {limit}"))
    if ch == "social":
        out += _public_data(prep, rs)
    slow = SLOW_REPLY_S.get(ch)
    lat = ctx.latency_s if isinstance(ctx.latency_s, (int, float)) else 0.0
    if ch in LIVE_CHANNELS and slow is not None and lat == lat and lat > slow:
        out.append(Hit(rs["etiquette.slow_reply"], 0, 0, f"{lat:g} s > {slow:g} s"))
    return out


def _paragraphs(raw: str) -> list[tuple[int, int]]:
    sep = _BLANK_LINES if _BLANK_LINES.search(raw) else re.compile(r"\n")
    out, pos = [], 0
    for m in sep.finditer(raw):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, len(raw)))
    return [(s, e) for s, e in out if raw[s:e].strip()]


def _email_body(raw: str) -> list[tuple[int, int]]:
    """Paragraphs of an e-mail, without quotes, the greeting line and the sign-off lines."""
    blocks = [b for b in _paragraphs(raw) if not raw[b[0]:b[1]].lstrip().startswith(">")]

    def short(b):
        return len(words(raw[b[0]:b[1]])) <= 6

    if blocks and short(blocks[0]):
        blocks = blocks[1:]
    if blocks and short(blocks[-1]):  # "Kind regards,\nLuis"
        blocks = blocks[:-1]
        if blocks and len(words(raw[blocks[-1][0]:blocks[-1][1]])) <= 3 and "." not in raw[blocks[-1][0]:blocks[-1][1]]:
            blocks = blocks[:-1]  # a sign-off and a name in separate paragraphs
    return blocks


def _public_data(prep: Prepared, rs: RuleSet) -> list[Hit]:
    cues = rs.cues
    private = cues["private"].search(prep.own)
    for s, e in prep.sentences:
        sentence = prep.own[s:e]
        item = cues["data_item"].search(sentence)
        if item and cues["data_request"].search(sentence):
            rule = rs["etiquette.private_data" if private else "etiquette.public_data"]
            return [Hit(rule, s + item.start(), s + item.end())]
    return []


def _next_steps_when(rs: RuleSet, hits: list[Hit], times) -> list[Hit]:
    if not any(h.rule.id == "next_steps.what" for h in hits):
        return []
    t = next((t for t in times if not t.past), None)
    return [Hit(rs["next_steps.when"], t.start, t.end)] if t else []


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


def _negative_tone(prep: Prepared, rs: RuleSet, lang: str, hits: list[Hit],
                   customer: tuple[str, ...]) -> list[Hit]:
    # Whole sentences of apology or empathy are kept out: their words ("terrible",
    # "furious") describe the customer's experience, not the agent's tone.
    keep_out = [prep.sentence_of(h.start) for h in hits
                if h.rule.dimension in ("apology", "empathy") and h.polarity > 0]
    spans = tone.negative_words(prep, lang, keep_out, _customer_words(customer))
    if not spans:
        return []
    s, e = spans[0]
    others = ", ".join(prep.original[a:b] for a, b in spans[1:4])
    return [Hit(rs["calm.negative_tone"], s, e, f"also: {others}" if others else "")]


@lru_cache(maxsize=256)
def _customer_words(customer: tuple[str, ...]) -> frozenset[str]:
    return frozenset(w for line in customer for w in words(line))
