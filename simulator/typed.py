"""Replies a trainee types or pastes (terminal and desktop), cleaned before the session
takes them: nothing a terminal would obey, nothing that reads differently from what it
is, nothing that is not Unicode text reaches the judge, the transcript, the results
store, the reports or the XML outputs.

    cleaned = clean_reply("I'm sorry\\x1b[2J\\u202e, Margaret")
    cleaned.text        # "I'm sorry, Margaret"   (what is sent, and shown as sent)
    cleaned.removed     # (("escape", 1), ("bidi", 1))
    removed_text(cleaned, "en")   # "1 terminal escape sequence, 1 bidirectional override"

What goes: terminal escape sequences (ESC [ ... m, OSC titles, 8-bit CSI) whole, so no
"[31m" is left behind; C0 and C1 control characters and DEL (tab and line break stay;
a carriage return becomes a line break); bidirectional embeddings, overrides and
isolates; byte-order marks and the non-characters U+FFFE/U+FFFF. A lone surrogate (a
byte the terminal's encoding could not decode, or a broken paste) becomes U+FFFD, the
replacement character, so the trainee sees where it was; a surrogate pair is joined into
its character. Line and paragraph separators become line breaks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from simulator.wording import words

_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]?"  # CSI: colours, cursor moves, clear screen
    r"|\x1b\][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"  # OSC: window titles, hyperlinks
    r"|\x1b[PX^_][^\x1b\x9c]*(?:\x1b\\|\x9c)?"  # DCS, SOS, PM, APC strings
    r"|\x1b[ -/]*[0-~]?"  # any other escape (two or three characters)
    r"|\x9b[0-?]*[ -/]*[@-~]?"  # the 8-bit CSI
)
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
_INVISIBLE = re.compile("[\ufeff\ufffe\uffff]")
_SEPARATORS = re.compile("[\u2028\u2029]")
_SURROGATE = re.compile("[\ud800-\udfff]")
#: Quick test: does the text hold anything to clean at all?
_ANY = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029\u202a-\u202e"
                  "\u2066-\u2069\ufeff\ufffe\uffff]")

#: The kinds removed, in the order a message lists them.
KINDS = ("escape", "control", "bidi", "surrogate", "invisible", "separator")


@dataclass(frozen=True)
class Cleaned:
    text: str  # what the session takes
    removed: tuple[tuple[str, int], ...] = ()  # (kind, how many), kinds in KINDS order

    @property
    def changed(self) -> bool:
        return bool(self.removed)


def clean_reply(text: str) -> Cleaned:
    """`text` without what a reply may not hold; which kinds went, and how many."""
    if not _ANY.search(text):
        return Cleaned(text)
    counts: dict[str, int] = {}

    def drop(kind: str, rx: re.Pattern, s: str, by: str = "") -> str:
        out, n = rx.subn(by, s)
        if n:
            counts[kind] = counts.get(kind, 0) + n
        return out

    if _SURROGATE.search(text):  # a pair split in two code points is one character
        text = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")
    text = drop("escape", _ESCAPES, text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = drop("control", _CONTROLS, text)
    text = drop("bidi", _BIDI, text)
    text = drop("surrogate", _SURROGATE, text, "\ufffd")
    text = drop("invisible", _INVISIBLE, text)
    text = drop("separator", _SEPARATORS, text, "\n")
    return Cleaned(text, tuple((k, counts[k]) for k in KINDS if k in counts))


def removed_text(cleaned: Cleaned, lang: str | None = "en") -> str:
    """What was taken out of a reply, in the session's language: "2 control characters,
    1 terminal escape sequence"."""
    w = words(lang)
    names = {
        "escape": lambda n: w.ngettext("%(num)d terminal escape sequence",
                                       "%(num)d terminal escape sequences", n),
        "control": lambda n: w.ngettext("%(num)d control character", "%(num)d control characters", n),
        "bidi": lambda n: w.ngettext("%(num)d bidirectional override",
                                     "%(num)d bidirectional overrides", n),
        "surrogate": lambda n: w.ngettext("%(num)d character that is not valid text, shown as \ufffd",
                                          "%(num)d characters that are not valid text, shown as \ufffd", n),
        "invisible": lambda n: w.ngettext("%(num)d invisible mark", "%(num)d invisible marks", n),
        "separator": lambda n: w.ngettext("%(num)d line separator, made a line break",
                                          "%(num)d line separators, made line breaks", n),
    }
    return ", ".join(names[kind](n) for kind, n in cleaned.removed)


def cleaned_notice(cleaned: Cleaned, lang: str | None = "en") -> str:
    """For the desktop, whose conversation shows the reply as sent: what was taken out of
    it ("" when nothing was)."""
    if not cleaned.changed:
        return ""
    w = words(lang)
    return w("Taken out of your reply before it was sent: %(what)s. The conversation shows it "
             "as sent.", what=removed_text(cleaned, lang))


def cleaned_echo(cleaned: Cleaned, lang: str | None = "en") -> str:
    """For a terminal, which showed what was typed: what was taken out, and the reply as
    sent ("" when nothing was taken out)."""
    if not cleaned.changed:
        return ""
    from simulator.safetext import printable

    w = words(lang)
    return w("Taken out of your reply before it was sent: %(what)s. Sent: %(reply)s",
             what=removed_text(cleaned, lang), reply=printable(cleaned.text))
