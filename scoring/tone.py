"""Tone: shouting in capitals and negative wording.

Shouting is judged on the trainee's own words with quotes, URLs, e-mail addresses and
order numbers blanked, and with known acronyms (UPS, DNI, ASAP...) skipped.

Negative wording uses VADER for English and a small lexicon for Spanish, but only after
blanking what VADER reads backwards in this domain: the apology and empathy phrases,
the customer's own problem words and a shipped list (sorry, inconvenience, frustrated...).
It is a weak, last signal for calm, never the main one.
"""

from __future__ import annotations

import re
from functools import lru_cache

from scoring.rules import data_lines, data_words
from scoring.text import Prepared, fold, mask

_CAPS_WORD = re.compile(r"[^\W\d_]{2,}")
_NEG_THRESHOLD_EN = -0.5  # VADER compound at or below this is negative wording
_NEG_THRESHOLD_ES = -2.0  # summed lexicon valence at or below this
_WORD_VALENCE = -1.5  # words at or below this valence are the evidence


@lru_cache(maxsize=1)
def acronyms() -> frozenset[str]:
    return frozenset(data_words("acronyms.txt"))


def shouting(prep: Prepared) -> list[tuple[int, int]]:
    """Spans shouted in capitals: a run of 2+ capitalised words, or one of 4+ letters."""
    text = prep.own_raw
    if text.lower() == text:
        return []  # no capital letter at all (a C-speed test, most replies stop here)
    acr = acronyms()
    caps = [m for m in _CAPS_WORD.finditer(text)
            if m.group(0).isupper() and fold(m.group(0)) not in acr]
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(caps):
        j = i
        # Extend the run while only spaces/punctuation separate capitalised words.
        while j + 1 < len(caps) and not re.search(r"[^\W\d_]", text[caps[j].end():caps[j + 1].start()]):
            j += 1
        run = caps[i:j + 1]
        longest = max(len(m.group(0)) for m in run)
        if (len(run) >= 2 and longest >= 3) or longest >= 4:
            spans.append((run[0].start(), run[-1].end()))
        i = j + 1
    return spans


@lru_cache(maxsize=1)
def _vader():
    # Loaded on first use (reads its lexicon file): keeps `import scoring` fast.
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


@lru_cache(maxsize=2)
def _strong_words(language: str) -> frozenset[str]:
    """Words that can be evidence of negative wording (valence <= _WORD_VALENCE)."""
    lex = _lexicon_es() if language == "es" else _vader().lexicon
    return frozenset(w for w, v in lex.items() if v <= _WORD_VALENCE)


@lru_cache(maxsize=2)
def _masked_words(language: str) -> frozenset[str]:
    return frozenset(data_words(f"sentiment_mask_{language}.txt")) if language == "en" else frozenset()


@lru_cache(maxsize=1)
def _lexicon_es() -> dict[str, float]:
    out = {}
    for line in data_lines("sentiment_es.txt"):
        word, value = line.split()
        out[word] = float(value)
    return out


def negative_words(prep: Prepared, language: str, keep_out: list[tuple[int, int]],
                   customer: frozenset[str]) -> list[tuple[int, int]]:
    """Spans of negative words when the reply's own wording is negative overall.

    `keep_out`: spans already explained (apology, empathy) that must not count;
    `customer`: the customer's folded words, which describe the problem, not the tone.
    """
    strong_words = _strong_words(language)
    if not any(w in strong_words for _, _, w in prep.words):
        return []  # no strongly negative word at all: nothing could be the evidence
    blank = list(keep_out)
    for s, e, w in prep.words:
        if w in customer or w in _masked_words(language):
            blank.append((s, e))
    text = mask(prep.own, blank)
    if language == "es":
        lex = _lexicon_es()
        hits = [(s, e, lex[w]) for s, e, w in _words_in(text) if w in lex]
        if sum(v for *_, v in hits) > _NEG_THRESHOLD_ES:
            return []
        return [(s, e) for s, e, v in hits if v <= _WORD_VALENCE]
    vader = _vader()
    lex = vader.lexicon
    strong = [(s, e) for s, e, w in _words_in(text) if lex.get(w, 0.0) <= _WORD_VALENCE]
    if not strong:
        return []  # no word could be the evidence: skip the (costlier) VADER pass
    if vader.polarity_scores(text)["compound"] > _NEG_THRESHOLD_EN:
        return []
    return strong


_W = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")


def _words_in(text: str):
    return ((m.start(), m.end(), m.group(0)) for m in _W.finditer(text))
