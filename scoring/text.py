"""Text preparation shared by every judge: folding, masking quotes, sentences, tokens.

Every judge works on a *folded* copy of the reply that has exactly the same length as
the original, so a match at (start, end) in the folded text is the same span in the
reply the trainee typed. That is what lets every point point at the exact characters.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cached_property

# One character in, one character out: lower-case, accents off, typographic
# apostrophes to ASCII. `str.lower()` is not used because a few characters change
# length when lower-cased (e.g. "İ"), which would shift every span.
_FOLD_PAIRS = {
    **{chr(c): chr(c + 32) for c in range(ord("A"), ord("Z") + 1)},
    "Á": "a", "É": "e", "Í": "i", "Ó": "o", "Ú": "u", "Ü": "u", "Ñ": "n",
    "À": "a", "È": "e", "Ì": "i", "Ò": "o", "Ù": "u", "Ç": "c",
    "á": "a", "é": "e", "í": "i", "ó": "o", "ú": "u", "ü": "u", "ñ": "n",
    "à": "a", "è": "e", "ì": "i", "ò": "o", "ù": "u", "ç": "c",
    "\u2019": "'", "\u2018": "'", "\u00b4": "'", "`": "'",
    "\u00a0": " ", "\t": " ",
}
_FOLD = str.maketrans(_FOLD_PAIRS)


def fold(text: str) -> str:
    """Lower-case and strip Spanish accents without changing the length."""
    return text.translate(_FOLD)


# Quotes of the customer: "...", “...”, «...», e-mail quote lines starting with ">" and the
# subject line of an e-mail, which repeats theirs.
# Words inside them are the customer's, not the trainee's: "you said 'sorry'" is no
# apology, and a quoted "THIS IS A DISGRACE" is no shouting.
_QUOTE_RX = re.compile(
    r'"[^"\n]{1,600}"|\u201c[^\u201d\n]{1,600}\u201d|\u00ab[^\u00bb\n]{1,600}\u00bb'
    r"|(?<![\w'])'[^'\n]{1,300}'(?![\w'])"
    r"|^[ \t]*>[^\n]*"
    # An e-mail's subject line answers the customer's ("Subject: RE: WRONG colour"): a header, not said.
    r"|^[ \t]*(?i:subject|asunto)[ \t]*:[^\n]*",
    re.MULTILINE,
)
# Things that look like capitals or digits but are identifiers: never shouting, never words.
_IDENT_RX = re.compile(
    # Each alternative starts only where its token starts (the lookbehinds): otherwise one
    # long unbroken word is rescanned from every letter, and time grows as its square.
    r"https?://\S+|www\.\S+|(?<![\w.+-])[\w.+-]+@[\w-]+\.[\w.-]+"  # URLs, e-mail addresses
    r"|(?<![A-Za-z0-9/-])#?(?=[A-Za-z0-9/-]*\d)[A-Za-z0-9][A-Za-z0-9/-]{2,}\b",  # order numbers: AB-12345, HI/MUM/2026/03391
)
# A sentence ends at . ! ? or a newline; a dot inside a token (2.5, www.x.com) does not.
_SENTENCE_RX = re.compile(r"(?:[^.!?\n]|\.(?=\w))+(?:[.!?]+|\n|$)")
_WORD_RX = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?", re.UNICODE)


def mask(text: str, spans) -> str:
    """Blank the given (start, end) spans with spaces, keeping the length."""
    if not spans:
        return text
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


_CONTROL_RX = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028\u2029\ufeff]")


def clean(text: str) -> str:
    """Control characters (other than newlines) become spaces; the length is kept."""
    return _CONTROL_RX.sub(" ", text)


@dataclass(frozen=True)
class Span:
    start: int
    end: int


class Prepared:
    """The reply, prepared once and shared by all judges (computed lazily)."""

    def __init__(self, reply: str):
        self.original = reply or ""  # what evidence quotes: exactly what the trainee typed
        self.raw = clean(self.original)
        self.folded = fold(self.raw)

    @cached_property
    def quotes(self) -> list[tuple[int, int]]:
        return [m.span() for m in _QUOTE_RX.finditer(self.raw)]

    @cached_property
    def idents(self) -> list[tuple[int, int]]:
        return [m.span() for m in _IDENT_RX.finditer(self.raw)]

    @cached_property
    def own(self) -> str:
        """Folded text with the customer's quotes blanked: the trainee's own words."""
        return mask(self.folded, self.quotes)

    @cached_property
    def own_raw(self) -> str:
        """Original casing, quotes and identifiers blanked (for shouting)."""
        return mask(self.raw, self.quotes + self.idents)

    @cached_property
    def sentences(self) -> list[tuple[int, int]]:
        out = []
        for m in _SENTENCE_RX.finditer(self.raw):
            s, e = m.span()
            if self.raw[s:e].strip():
                out.append((s, e))
        return out

    @cached_property
    def _starts(self) -> list[int]:
        return [s for s, _ in self.sentences]

    def sentence_of(self, pos: int) -> tuple[int, int]:
        """The (start, end) of the sentence holding `pos` (the whole text if none)."""
        i = bisect_right(self._starts, pos) - 1
        if i >= 0:
            s, e = self.sentences[i]
            if s <= pos < e:
                return s, e
        return 0, len(self.raw)

    @cached_property
    def words(self) -> list[tuple[int, int, str]]:
        """(start, end, folded word) of every word of the trainee's own text."""
        return [(m.start(), m.end(), m.group(0)) for m in _WORD_RX.finditer(self.own)]


def words(text: str) -> list[str]:
    return _WORD_RX.findall(fold(text))


def word_spans(text: str):
    return _WORD_RX.finditer(text)
