"""What people read about a session: scores, dimension names, outcomes, modes, dates, in
the session's language (English or Spanish: the scenario's language).

One rule for showing a score, used by the desktop app, the terminal and every report:

    score_text(69.96)          -> "69.9"   (never "70.0" beside "pass mark 70")
    score_text(70)             -> "70"
    score_text(None, "es")     -> "no evaluado"   (a dimension that never came up)

The strings are English message ids translated by gettext catalogues
(`simulator/locale/<lang>/LC_MESSAGES/temper.po`, compiled to the shipped `.mo`; see
`tools/i18n.py`), looked up through `Words.gettext`/`Words.ngettext` ("newstyle":
keyword arguments are %-formatted in). Tables of msgids are marked with `N_` and
translated where shown.
"""

from __future__ import annotations

import functools
import gettext
from datetime import date, datetime
from decimal import ROUND_FLOOR, Decimal
from pathlib import Path
from typing import Mapping

LANGUAGES = ("en", "es")
#: The gettext domain of the core's messages (simulator/ and the scorer's notes).
DOMAIN = "temper"
LOCALE_DIR = Path(__file__).with_name("locale")


def N_(message: str) -> str:
    """Marks `message` for translation where it is defined (a table, a constant); it is
    translated where it is shown, in the session's language."""
    return message


# --- the shared words (English msgids; Spanish in simulator/locale/es) --------------------

DIMENSION_NAMES: Mapping[str, str] = {
    "apology": N_("Apology"), "empathy": N_("Empathy"), "mirroring": N_("Mirrored wording"),
    "promises": N_("Realistic promises"), "calm": N_("Calm tone"),
    "listening": N_("Listening first"), "ownership": N_("Ownership"),
    "personal": N_("Personal touch"), "next_steps": N_("Next steps"), "closure": N_("Closure"),
    "etiquette": N_("Channel etiquette"),
}
OUTCOMES: Mapping[str, str] = {
    "resolved": N_("Resolved: the customer agreed"),
    "escalated": N_("Escalated: the customer demanded a manager"),
    "abandoned": N_("Abandoned: the customer gave up and left"),
    "closed": N_("Closed before the customer agreed"),
    "unfinished": N_("Unfinished: the conversation did not reach an ending"),
}
#: What the conversation view's end banner says about each ending.
ENDING_LINES: Mapping[str, str] = {
    "resolved": N_("The customer agreed: conversation resolved."),
    "escalated": N_("The customer demanded a supervisor: conversation escalated."),
    "abandoned": N_("The customer left: conversation abandoned."),
    "closed": N_("You closed the conversation before the customer agreed."),
    "": N_("The conversation is over."),
}
MODES: Mapping[str, str] = {"practice": N_("Practice"), "exam": N_("Exam"),
                            "certify": N_("Certification"),
                            "batch": N_("Certification (submitted replies)"),
                            "live": N_("Certification (live)")}
CHANNELS: Mapping[str, str] = {"chat": N_("Chat"), "email": N_("Email"), "phone": N_("Phone"),
                               "social": N_("Social media"), "whatsapp": N_("WhatsApp")}
PHASES: Mapping[str, str] = {"venting": N_("venting"), "empathy": N_("empathy"),
                             "negotiation": N_("negotiation"), "resolution": N_("resolution")}
#: The hostility bands (simulator.format.scenario.band_of), as the customer's mood.
BANDS: Mapping[str, str] = {"calm": N_("calm"), "annoyed": N_("annoyed"), "angry": N_("angry"),
                            "furious": N_("furious")}
DIFFICULTIES: Mapping[str, str] = {"easy": N_("easy"), "medium": N_("medium"), "hard": N_("hard")}
LANGUAGE_NAMES: Mapping[str, str] = {"en": N_("English"), "es": N_("Spanish")}
MONTHS = (N_("January"), N_("February"), N_("March"), N_("April"), N_("May"), N_("June"),
          N_("July"), N_("August"), N_("September"), N_("October"), N_("November"),
          N_("December"))


@functools.lru_cache(maxsize=None)
def catalogue(lang: str) -> gettext.NullTranslations:
    """The compiled catalogue for `lang` (shipped as a .mo beside this module; English is
    the msgids themselves). A missing catalogue is an installation fault, not English."""
    if lang == "en":
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=[lang])


class Words:
    """gettext for one language (the session's), over the core's catalogue.

    `gettext(msgid, **kw)` and `ngettext(singular, plural, n, **kw)` behave like Jinja2's
    "newstyle" gettext: keyword arguments (and `num` for ngettext) are %-formatted into
    the translation. English is the msgid itself.
    """

    def __init__(self, lang: str | None):
        self.lang = language(lang)
        self._t = catalogue(self.lang)

    def gettext(self, msgid: str, **kw) -> str:
        text = self._t.gettext(msgid) if msgid else msgid
        return text % kw if kw else text

    def ngettext(self, singular: str, plural: str, n: int, **kw) -> str:
        kw.setdefault("num", n)
        return self._t.ngettext(singular, plural, n) % kw

    __call__ = gettext


def language(lang: object) -> str:
    """The language to write in: "es" for a Spanish session, otherwise English."""
    lang = str(lang or "en").lower()[:2]
    return lang if lang in LANGUAGES else "en"


def words(lang: str | None) -> Words:
    return Words(lang)


# --- numbers ---------------------------------------------------------------------------

def truncated(value: float) -> float:
    """`value` cut (never rounded up) to one decimal: 69.96 -> 69.9, so a score below the
    pass mark can never read as the pass mark. Cut in decimal, on the number as Python
    prints it (69.96, not the binary 69.9599999…), so 83.3 stays 83.3."""
    number = Decimal(repr(float(value)))
    if not number.is_finite():
        return float(value)
    return float(number.quantize(Decimal("0.1"), rounding=ROUND_FLOOR))


def score_text(value: object, lang: str | None = "en", below: float | None = None) -> str:
    """A score (0..100) as people read it, the one rule everywhere: cut to one decimal
    (never rounded up), whole numbers bare, a decimal comma in Spanish; None (a
    dimension that never came up, an unfinished session) reads "not assessed".

    `below`: a pass mark this score is known to have missed. The judge keeps totals to
    two decimals, so a 69.996 that failed a mark of 70 is stored as 70.0; it is shown
    just under the mark (69.9), never as the mark itself."""
    if value is None:
        return words(lang).gettext("not assessed")
    try:
        shown = truncated(float(value))
    except (TypeError, ValueError):
        return str(value)
    if below is not None and shown >= float(below):
        shown = truncated(float(below) - 0.05)
    text = f"{shown:.0f}" if shown.is_integer() else f"{shown:.1f}"
    return text.replace(".", ",") if language(lang) == "es" else text


# --- names -----------------------------------------------------------------------------

def dimension_name(dimension: str, lang: str | None = "en") -> str:
    english = DIMENSION_NAMES.get(dimension, dimension.replace("_", " ").capitalize())
    return words(lang)(english)


def outcome_text(outcome: object, lang: str | None = "en") -> str:
    key = str(outcome or "unfinished")
    return words(lang)(OUTCOMES[key]) if key in OUTCOMES else key


def mode_text(mode: object, lang: str | None = "en") -> str:
    return words(lang)(MODES[str(mode)]) if str(mode) in MODES else str(mode or "")


def channel_text(channel: object, lang: str | None = "en") -> str:
    return words(lang)(CHANNELS[str(channel)]) if str(channel) in CHANNELS else str(channel or "")


def phase_text(phase: object, lang: str | None = "en") -> str:
    key = str(phase or "")
    if key in PHASES:
        return words(lang)(PHASES[key])
    return outcome_text(key, lang).split(":")[0].lower() if key in OUTCOMES else key


def result_text(passed: object, lang: str | None = "en") -> str:
    """"Passed" only for a session that passed; anything else (failed, unfinished) did not."""
    w = words(lang)
    return w.gettext("Passed") if passed is True else w.gettext("Not passed")


# --- dates -----------------------------------------------------------------------------

def when_text(value: object, lang: str | None = "en") -> str:
    """An ISO 8601 time (UTC from the results store) as a local date and time, or an ISO
    date alone: "1 December 2026, 10:15 UTC" / "1 de diciembre de 2026, 10:15 UTC"."""
    if not value:
        return ""
    w = words(lang)
    text = str(value)
    try:
        if len(text) <= 10:
            day, moment = date.fromisoformat(text), None
        else:
            moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
            if moment.tzinfo is not None:
                moment = moment.astimezone()
            day = moment.date()
    except ValueError:
        return text
    shown = w("%(day)d %(month)s %(year)d", day=day.day, month=w(MONTHS[day.month - 1]), year=day.year)
    if moment is None:
        return shown
    clock = moment.strftime("%H:%M") + (f" {moment.tzname()}" if moment.tzname() else "")
    return w("%(date)s, %(time)s", date=shown, time=clock)


def ending_line(outcome: object, lang: str | None = "en") -> str:
    """The end banner's sentence for an ending ("The customer agreed: conversation resolved.")."""
    key = str(outcome or "")
    return words(lang)(ENDING_LINES.get(key, ENDING_LINES[""]))


def band_text(band: object, lang: str | None = "en") -> str:
    key = str(band or "")
    return words(lang)(BANDS[key]) if key in BANDS else key


def difficulty_text(difficulty: object, lang: str | None = "en") -> str:
    key = str(difficulty or "")
    return words(lang)(DIFFICULTIES[key]) if key in DIFFICULTIES else key


def language_name(code: object, lang: str | None = "en") -> str:
    key = str(code or "")
    return words(lang)(LANGUAGE_NAMES[key]) if key in LANGUAGE_NAMES else key


# --- whoever runs a command ------------------------------------------------------------

def interface_language() -> str:
    """The language of the person at the terminal (`temper history`, `certify`, `report`
    and other lines not about one session): TEMPER_LANGUAGE if set (as for the app),
    else the locale gettext would use (LANGUAGE, LC_ALL, LC_MESSAGES, LANG); English
    otherwise."""
    import os

    for name in ("TEMPER_LANGUAGE", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name, "").strip()
        if not value:
            continue
        for part in value.split(":"):  # LANGUAGE may list several: the first we speak
            code = part.replace("-", "_").split("_")[0].split(".")[0].lower()
            if code in LANGUAGES:
                return code
        if name != "LANGUAGE":  # C, POSIX or a language we do not speak: English
            return "en"
    return "en"
