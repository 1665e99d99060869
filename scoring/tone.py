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


@lru_cache(maxsize=1)
def status_words() -> frozenset[str]:
    return frozenset(data_words("status_words.txt"))


# Words just before a capitalised word that say it is quoted from a system's status.
_STATUS_CUE = re.compile(
    r"(?:\bstatus|\bstate|\bshows?(?:\s+as)?|\bshowing(?:\s+as)?|\bmarked(?:\s+as)?|\blisted\s+as"
    r"|\bappears\s+as|\bset\s+to|\breads|\bflagged\s+as|\bestado|\bfigura(?:\s+como)?"
    r"|\baparece(?:\s+como)?|\bconsta(?:\s+como)?|\bmarcad[oa]\s+como|\bpone|\bindica)"
    r"\s*[:=]?\s*[\"'«“]?\s*$")


# Nouns of a tracked thing: a status word in their sentence reads as the system's label.
_SYSTEM_NOUN = re.compile(
    r"\b(?:order|parcel|package|shipment|delivery|tracking|ticket|case|account|payment|invoice"
    r"|booking|reservation|refund|claim|system|portal|app|record|pedido|paquete|envio|entrega"
    r"|seguimiento|incidencia|cuenta|pago|factura|reserva|reembolso|reclamacion|sistema|app"
    r"|portal|expediente|ficha|locker|collection|pickup|pick-up"
    r"|taquilla|casillero|buzon|recogida)s?\b")


def _after_status_cue(text: str, m: re.Match) -> bool:
    """A short run right after "status:", "marked as", "figura como": a system's label."""
    return _STATUS_CUE.search(fold(text[max(0, m.start() - 24):m.start()])) is not None


def _system_word(text: str, m: re.Match) -> bool:
    """A lone capitalised word quoted from a system, not shouted.

    Either it follows a status cue ("status:", "shows as", "figura como"), or it is a
    known status word (`status_words.txt`) in a sentence about a tracked thing (an order,
    a ticket, un pedido...). "The store is CLOSED on holidays" has neither: a shout.
    """
    if _after_status_cue(text, m):
        return True
    if fold(m.group(0)) not in status_words():
        return False
    s = max(text.rfind(c, 0, m.start()) for c in ".!?\n") + 1
    ends = [i for i in (text.find(c, m.end()) for c in ".!?\n") if i >= 0]
    return _SYSTEM_NOUN.search(fold(text[s:min(ends) if ends else len(text)])) is not None


# A capitalised word right before a number is a printed label ("BAY 3", "GATE 12",
# "PUESTO 3"), not a shout.
_LABEL_NUMBER = re.compile(r"\s*(?:no\.?|nº|n\.º|#)?\s*\d")

# Short words written in capitals for emphasis ("We DO read them", "SÍ las leemos"):
# a contradiction raised in capitals, which is shouting even though they are short.
_EMPHATIC = frozenset("do does did is are was were not can has have had yes no all you "
                      "si ya es son hay yo eso muy".split())


def shouting(prep: Prepared, lang: str = "en", name: str = "") -> list[tuple[int, int]]:
    """Spans shouted in capitals: a run of 2+ capitalised words, or one of 4+ letters;
    not a run made only of short words nobody writes in lower case (NSF/ANSI, LAX, MXN):
    those are codes and acronyms the lists do not know; nor the customer's own name in
    capitals, as a passport or a form writes it ("MENDES DA SILVA, Larissa")."""
    names = {fold(w) for w in re.findall(r"[^\W\d_]{3,}", name or "")}
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
        if len(run) == 1 and _system_word(text, run[0]) or len(run) <= 3 and _after_status_cue(text, run[0]):
            pass  # "shows as DELIVERED", "estado: ENTREGADO": a system's word, not a shout
        elif names and any(fold(m.group(0)) in names for m in run) and all(
                fold(m.group(0)) in names or len(m.group(0)) <= 3 for m in run):
            pass  # the customer's name as a document writes it
        elif _LABEL_NUMBER.match(text, run[-1].end()):
            pass  # "BAY 3", "PUESTO 3": a label printed before its number
        elif len(run) == 1 and _VANITY_NUMBER.search(text, max(0, run[0].start() - 8), run[0].start()):
            pass  # "0800 DAMAGE", "1-800 FLOWERS": a phone number spelled in letters
        elif all(_unknown_short(m.group(0), lang) for m in run):
            pass  # "IMAX ($435 MXN)", "NSF/ANSI 53": codes, not a raised voice
        elif len(run) == 1 and fold(run[0].group(0)) not in ordinary_words(lang):
            pass  # "el artículo 102 del TRLGDCU": nobody shouts one word that is no word
        elif _bracketed(text, run[0].start(), run[-1].end()) and longest <= BRACKETED_LETTERS:
            pass  # "distribution company (DISCOM)": an abbreviation spelled out before it
        elif (len(run) >= 2 and longest >= 3) or longest >= 4:
            spans.append((run[0].start(), run[-1].end()))
        elif len(run) == 1 and fold(run[0].group(0)) in _EMPHATIC and _in_lower_text(text, run[0]):
            spans.append((run[0].start(), run[0].end()))  # "We DO read them": emphasis
        i = j + 1
    return spans


_VANITY_NUMBER = re.compile(r"\b(?:0800|0808|0300|1800|1-800|800|1300|13|0900|900)[\s-]$")
ACRONYM_LETTERS = 5  # a code or acronym nobody listed is at most this long (ANSI, IMAX)
BRACKETED_LETTERS = 8  # an abbreviation in brackets after its expansion (DISCOM, ONSSA)


def _bracketed(text: str, start: int, end: int) -> bool:
    return text[max(0, start - 1):start] == "(" and text[end:end + 1] == ")"


def _unknown_short(word: str, lang: str) -> bool:
    return len(word) <= ACRONYM_LETTERS and fold(word) not in ordinary_words(lang)


@lru_cache(maxsize=2)
def ordinary_words(lang: str) -> frozenset[str]:
    """Words people write in lower case: the stop words, the sentiment lexicon and every
    lower-case word of the reader's training replies ("read", "wait", "hear" are words a
    trainee may shout; "ansi", "imax" never appear in lower case)."""
    from scoring.learned import training_replies

    words = set(data_words(f"stopwords_{lang}.txt")) | set(_EMPHATIC)
    words |= set(_lexicon_es()) if lang == "es" else set(_vader().lexicon)
    for reply in training_replies(lang):
        words.update(w for w in _CAPS_WORD.findall(reply) if w.islower())
    return frozenset(fold(w) for w in words)


def _in_lower_text(text: str, m: re.Match) -> bool:
    """A word in capitals whose neighbours are not in capitals (emphasis, not a heading)."""
    before = re.findall(r"[^\W\d_]+", text[max(0, m.start() - 30):m.start()])
    after = re.findall(r"[^\W\d_]+", text[m.end():m.end() + 30])
    return bool(before or after) and not any(w.isupper() for w in before[-1:] + after[:1] if len(w) > 1)


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
    if _compound(vader, text) > _NEG_THRESHOLD_EN:
        return []
    return strong


VADER_CHUNK = 2000  # characters VADER reads at once: its cost grows as the square of a text's words


def _compound(vader, text: str) -> float:
    """VADER's compound score; a text longer than VADER_CHUNK is read in chunks that end at a
    sentence, and their scores averaged by length (a 100 kB reply stays linear in time)."""
    if len(text) <= VADER_CHUNK:
        return vader.polarity_scores(text)["compound"]
    total = weight = 0.0
    start = 0
    while start < len(text):
        end = min(len(text), start + VADER_CHUNK)
        if end < len(text):
            cut = max(text.rfind(c, start + VADER_CHUNK // 2, end) for c in ".!?\n")
            end = cut + 1 if cut > start else end
        chunk = text[start:end]
        if chunk.strip():
            total += vader.polarity_scores(chunk)["compound"] * len(chunk)
            weight += len(chunk)
        start = end
    return total / weight if weight else 0.0


_W = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")


def _words_in(text: str):
    return ((m.start(), m.end(), m.group(0)) for m in _W.finditer(text))
