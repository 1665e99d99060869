"""The judges written in code, each turning one aspect of a reply into hits.

Pattern rules find phrases; these find what a pattern cannot: mirrored words, the
customer's name, e-mail layout, data asked for in public, reply latency, negative wording,
and faults that belong to two dimensions. `scoring.reader` calls them; each returns
`Hit`s, the reader's internal form of an act.
"""

from __future__ import annotations

import re
from functools import lru_cache

from scoring import mirroring, tone
from scoring.model import LIVE_CHANNELS, ExtraPhrase, ReplyContext
from scoring.promises import Hit, overlaps
from scoring.rules import RuleSet, extra_rules
from scoring.text import Prepared, fold, words

#: Words per reply beyond which a live or public message is a wall of text.
LONG_MESSAGE_WORDS = {"chat": 80, "whatsapp": 80, "social": 60, "phone": 120}
MAX_EMAIL_PARAGRAPHS = 3
#: Seconds a customer on a live channel waits before the delay itself angers them.
SLOW_REPLY_S = {"chat": 60.0, "whatsapp": 90.0, "phone": 20.0}
MAX_MIRROR_WORDS = 3  # mirrored words that earn points (0.25 each)
#: Hits kept per rule: scores saturate long before, and it bounds the work on 100 kB.
MAX_HITS_PER_RULE = 12
_BLANK_LINES = re.compile(r"\n[ \t]*\n")

def scenario_rules(phrases) -> tuple:
    """The scenario's phrases as rules (cached; built afresh if they are not hashable)."""
    phrases = tuple(p for p in (phrases or ()) if isinstance(p, ExtraPhrase))
    try:
        return extra_rules(phrases)
    except TypeError:  # e.g. phrases given as a list: still honoured, just not cached
        fixed = tuple(ExtraPhrase(p.dimension, p.polarity, tuple(str(x) for x in p.phrases or ()),
                                  str(p.note or ""), p.signal if isinstance(p.signal, str) else None)
                      for p in phrases)
        return extra_rules(fixed)


def capped(hits: list[Hit]) -> list[Hit]:
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


def cross_dimension(prep: Prepared, rs: RuleSet, hits: list[Hit]) -> list[Hit]:
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
            # ...unless it goes on to offer help, in its sentence or the next ("No vamos a
            # pedir disculpas por algo que no hemos comprobado. Si quiere, envíenos los
            # detalles y lo revisaremos": labelled calm in blind sets 15 and 16).
            end = prep.sentence_of(h.start)[1]
            if end < len(prep.own):
                end = prep.sentence_of(min(len(prep.own) - 1, end + 1))[1]
            if not rs.cues["help_after"].search(prep.own, h.end, end):
                out.append(Hit(rs["calm.refused_apology"], h.start, h.end))
    return out


def solutions_while_venting(rs: RuleSet, promise_hits: list[Hit], hits: list[Hit]) -> list[Hit]:
    """A promise or offer made while the customer vents is also a solution too early."""
    rule = rs["listening.solution"]
    have = [h for h in hits if h.rule.dimension == "listening" and h.polarity < 0]
    out = []
    for p in promise_hits:
        h = Hit(rule, p.start, p.end, p.rule.id)
        if not any(overlaps(h, o) for o in have + out):
            out.append(h)
    return out


def mirroring_hits(prep: Prepared, rs: RuleSet, customer: tuple[str, ...], lang: str, name: str,
                   phase: str = "negotiation") -> list[Hit]:
    if not customer:
        return []
    m = mirroring.analyse(prep.words, customer, lang, name)
    out = [Hit(rs["mirroring.parroted"], s, e) for s, e in m.parroted]
    out += [Hit(rs["mirroring.restated"], s, e, f"customer said '{w}'", None, (w,))
            for s, e, w in m.restated[:MAX_MIRROR_WORDS]]
    # Ignoring their words is judged once they have vented: while they vent, an apology
    # and an open question are the model reply (DOMAIN: listening first), words or not.
    if (phase != "venting" and not m.restated and not m.parroted and m.customer_content >= 4
            and m.reply_words >= 12):
        out.append(Hit(rs["mirroring.ignored"], 0, len(prep.raw)))
    return out


@lru_cache(maxsize=256)
def name_rx(name: str) -> re.Pattern | None:
    parts = [fold(p) for p in re.split(r"[\s,]+", name.strip()) if len(p) >= 2]
    if not parts:
        return None
    alts = "|".join(re.escape(p) for p in sorted(set(parts), key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alts})(?!\w)")


def name_hits(prep: Prepared, rs: RuleSet, name: str) -> list[Hit]:
    rx = name_rx(name) if name else None
    m = rx.search(prep.own) if rx else None
    return [Hit(rs["personal.name"], m.start(), m.end())] if m else []


def etiquette_hits(prep: Prepared, rs: RuleSet, ctx: ReplyContext) -> list[Hit]:
    out: list[Hit] = []
    ch, raw = ctx.channel, prep.raw
    if ch == "email":
        body = email_body(raw)
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
        out += public_data(prep, rs)
    slow = SLOW_REPLY_S.get(ch)
    lat = ctx.latency_s if isinstance(ctx.latency_s, (int, float)) else 0.0
    if ch in LIVE_CHANNELS and slow is not None and lat == lat and lat > slow:
        out.append(Hit(rs["etiquette.slow_reply"], 0, 0, f"{lat:g} s > {slow:g} s"))
    return out


def paragraphs(raw: str) -> list[tuple[int, int]]:
    sep = _BLANK_LINES if _BLANK_LINES.search(raw) else re.compile(r"\n")
    out, pos = [], 0
    for m in sep.finditer(raw):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, len(raw)))
    return [(s, e) for s, e in out if raw[s:e].strip()]


def email_body(raw: str) -> list[tuple[int, int]]:
    """Paragraphs of an e-mail, without quotes, the greeting line and the sign-off lines."""
    blocks = [b for b in paragraphs(raw) if not raw[b[0]:b[1]].lstrip().startswith(">")]

    def short(b):
        return len(words(raw[b[0]:b[1]])) <= 6

    if blocks and short(blocks[0]):
        blocks = blocks[1:]
    if blocks and short(blocks[-1]):  # "Kind regards,\nLuis"
        blocks = blocks[:-1]
        if blocks and len(words(raw[blocks[-1][0]:blocks[-1][1]])) <= 3 and "." not in raw[blocks[-1][0]:blocks[-1][1]]:
            blocks = blocks[:-1]  # a sign-off and a name in separate paragraphs
    return blocks


#: Personal data written out in a public reply: an e-mail address or a phone number.
_DATA_SHOWN = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+|(?<![\w/])\+?\d[\d ()-]{7,}\d(?![\w/])")


def public_data(prep: Prepared, rs: RuleSet) -> list[Hit]:
    cues = rs.cues
    shown = _DATA_SHOWN.search(prep.raw)
    if shown and not cues["private"].search(prep.own):
        return [Hit(rs["etiquette.public_data"], shown.start(), shown.end(), "personal data repeated in public")]
    private = cues["private"].search(prep.own)
    for s, e in prep.sentences:
        sentence = prep.own[s:e]
        item = cues["data_item"].search(sentence)
        asks = list(cues["data_request"].finditer(sentence))
        if any(cues["negation"].search(sentence[max(0, r.start() - 12):r.start()]) for r in asks):
            continue  # "please don't share your address here": a warning, not a request
        if item and asks:
            rule = rs["etiquette.private_data" if private else "etiquette.public_data"]
            return [Hit(rule, s + item.start(), s + item.end())]
    return []


def next_steps_when(rs: RuleSet, hits: list[Hit], times) -> list[Hit]:
    if not any(h.rule.id == "next_steps.what" for h in hits):
        return []
    t = next((t for t in times if not t.past), None)
    return [Hit(rs["next_steps.when"], t.start, t.end)] if t else []


def negative_tone_hits(prep: Prepared, rs: RuleSet, lang: str, hits: list[Hit],
                   customer: tuple[str, ...]) -> list[Hit]:
    # Whole sentences of apology, empathy or ownership are kept out: their words
    # ("terrible", "furious", "that's our failure") describe the customer's experience or
    # own the fault, not the agent's tone.
    keep_out = [prep.sentence_of(h.start) for h in hits
                if h.rule.dimension in ("apology", "empathy", "ownership") and h.polarity > 0]
    # So is a question after their wellbeing: "is he hurt?" asks, it does not wound.
    keep_out += [(s, e) for s, e in prep.sentences if _asks_after_wellbeing(prep.own[s:e], rs)]
    spans = tone.negative_words(prep, lang, keep_out, customer_words(customer))
    if not spans:
        return []
    s, e = spans[0]
    others = ", ".join(prep.original[a:b] for a, b in spans[1:4])
    return [Hit(rs["calm.negative_tone"], s, e, f"also: {others}" if others else "")]


def _asks_after_wellbeing(sentence: str, rs: RuleSet) -> bool:
    return "?" in sentence and any(kind == "wellbeing" and rx.search(sentence)
                                   for kind, rx in rs.question_cues)


@lru_cache(maxsize=256)
def customer_words(customer: tuple[str, ...]) -> frozenset[str]:
    return frozenset(w for line in customer for w in words(line))
