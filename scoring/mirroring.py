"""Mirroring: which of the customer's own content words the trainee relays back.

A customer word counts as mirrored when a word of the reply has the same stem (NLTK's
Snowball stemmers, stop words removed), after two repairs for stems Snowball splits:
a small family table shipped in `data/families_<lang>.txt` (frustración -> frustracion,
frustrado -> frustr) and a shared-prefix rule (a stem of 5+ letters that begins the
other one is the same word: molest / molesti).

Copying a long run of the customer's words verbatim is parroting, not relaying: those
words do not count as restated, and the run itself costs points.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from scoring.rules import data_words, data_lines
from scoring.text import fold, word_spans

PARROT_RUN = 6  # tokens copied in a row (stop words included) that make a parrot
_MIN_PREFIX = 5


@lru_cache(maxsize=2)
def _stemmer(language: str):
    # NLTK's package import costs ~0.2 s, so it happens on the first reply, not at import.
    from nltk.stem.snowball import SnowballStemmer

    return SnowballStemmer("spanish" if language == "es" else "english").stem


@lru_cache(maxsize=2)
def stop_words(language: str) -> frozenset[str]:
    return frozenset(fold(w) for w in data_words(f"stopwords_{language}.txt"))


@lru_cache(maxsize=2)
def _families(language: str) -> dict[str, str]:
    table: dict[str, str] = {}
    for line in data_lines(f"families_{language}.txt"):
        canon, *members = line.split()
        for m in members:
            table[m] = canon
    return table


@lru_cache(maxsize=8192)
def key_of(word: str, language: str) -> str:
    """The family key of a folded word (its stem, repaired by the family table)."""
    stem = _stemmer(language)(word)
    return _families(language).get(stem, stem)


def _same(a: str, b: str) -> bool:
    if a == b:
        return True
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    return len(short) >= _MIN_PREFIX and long_.startswith(short)


@dataclass(frozen=True)
class CustomerWords:
    keys: dict  # family key -> the customer's surface word
    ngrams: frozenset  # every PARROT_RUN-token run of the customer's lines
    by_prefix: dict  # first _MIN_PREFIX letters -> keys at least that long (fast _same)


@lru_cache(maxsize=256)
def customer_words(lines: tuple[str, ...], language: str, name: str) -> CustomerWords:
    """What the customer said, prepared once per conversation context (cached)."""
    stops = stop_words(language)
    skip = {fold(p) for p in name.split()} if name else set()
    keys: dict[str, str] = {}
    grams = set()
    for line in lines:
        toks = [m.group(0) for m in word_spans(fold(line))]
        grams.update(tuple(toks[i:i + PARROT_RUN]) for i in range(len(toks) - PARROT_RUN + 1))
        for t in toks:
            if len(t) < 3 or t in stops or t in skip:
                continue
            keys.setdefault(key_of(t, language), t)
    by_prefix: dict[str, list[str]] = {}
    for k in keys:
        if len(k) >= _MIN_PREFIX:
            by_prefix.setdefault(k[:_MIN_PREFIX], []).append(k)
    return CustomerWords(keys, frozenset(grams), by_prefix)


@dataclass(frozen=True)
class Mirror:
    restated: list  # (start, end, customer word) of each newly mirrored family
    parroted: list  # (start, end) of verbatim runs
    customer_content: int  # how many content words the customer used
    reply_words: int


def analyse(words: list[tuple[int, int, str]], lines: tuple[str, ...], language: str,
            name: str) -> Mirror:
    """`words` are the reply's own (unquoted, folded) words with their spans."""
    cw = customer_words(lines, language, name)
    toks = [w for _, _, w in words]
    in_run = [False] * len(toks)
    runs: list[tuple[int, int]] = []
    if cw.ngrams:
        i = 0
        while i <= len(toks) - PARROT_RUN:
            if tuple(toks[i:i + PARROT_RUN]) in cw.ngrams:
                j = i + PARROT_RUN
                while j < len(toks) and tuple(toks[j - PARROT_RUN + 1:j + 1]) in cw.ngrams:
                    j += 1
                for k in range(i, j):
                    in_run[k] = True
                runs.append((words[i][0], words[j - 1][1]))
                i = j
            else:
                i += 1
    stops = stop_words(language)
    seen: set[str] = set()
    restated = []
    for idx, (s, e, w) in enumerate(words):
        if in_run[idx] or len(w) < 3 or w in stops:
            continue
        k = key_of(w, language)
        hit = k if k in cw.keys else None
        if hit is None and len(k) >= _MIN_PREFIX:
            hit = next((c for c in cw.by_prefix.get(k[:_MIN_PREFIX], ()) if _same(k, c)), None)
        if hit is not None and hit not in seen:
            seen.add(hit)
            restated.append((s, e, cw.keys[hit]))
    return Mirror(restated, runs, len(cw.keys), len(words))
