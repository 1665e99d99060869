"""What people read about a session: scores, dimension names, outcomes, modes, dates, in
the session's language (English or Spanish: the scenario's language).

One rule for showing a score, used by the desktop app, the terminal and every report:

    score_text(69.96)          -> "69.9"   (never "70.0" beside "pass mark 70")
    score_text(70)             -> "70"
    score_text(None, "es")     -> "no evaluado"   (a dimension that never came up)

The strings are English message ids with a Spanish table beside them, looked up through
gettext-shaped functions (`Words.gettext`/`Words.ngettext`, "newstyle": keyword
arguments are %-formatted in), so moving them into gettext catalogues later replaces the
tables, not the callers. Each module keeps its own table in one place; this module holds
the words every report shares.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import ROUND_FLOOR, Decimal
from typing import Mapping

LANGUAGES = ("en", "es")

# --- the shared words (English msgid -> Spanish) ------------------------------------------

DIMENSION_NAMES: Mapping[str, str] = {
    "apology": "Apology", "empathy": "Empathy", "mirroring": "Mirrored wording",
    "promises": "Realistic promises", "calm": "Calm tone", "listening": "Listening first",
    "ownership": "Ownership", "personal": "Personal touch", "next_steps": "Next steps",
    "closure": "Closure", "etiquette": "Channel etiquette",
}
OUTCOMES: Mapping[str, str] = {
    "resolved": "Resolved: the customer agreed",
    "escalated": "Escalated: the customer demanded a manager",
    "abandoned": "Abandoned: the customer gave up and left",
    "closed": "Closed before the customer agreed",
    "unfinished": "Unfinished: the conversation did not reach an ending",
}
MODES: Mapping[str, str] = {"practice": "Practice", "exam": "Exam", "certify": "Certification",
                            "batch": "Certification (submitted replies)", "live": "Certification (live)"}
CHANNELS: Mapping[str, str] = {"chat": "Chat", "email": "Email", "phone": "Phone",
                               "social": "Social media", "whatsapp": "WhatsApp"}
PHASES: Mapping[str, str] = {"venting": "venting", "empathy": "empathy",
                             "negotiation": "negotiation", "resolution": "resolution"}
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")

_ES: Mapping[str, str] = {
    # dimensions
    "Apology": "Disculpa", "Empathy": "Empatía", "Mirrored wording": "Sus propias palabras",
    "Realistic promises": "Promesas realistas", "Calm tone": "Tono sereno",
    "Listening first": "Escuchar primero", "Ownership": "Hacerse cargo",
    "Personal touch": "Trato personal", "Next steps": "Próximos pasos", "Closure": "Cierre",
    "Channel etiquette": "Normas del canal",
    # outcomes
    "Resolved: the customer agreed": "Resuelta: el cliente quedó conforme",
    "Escalated: the customer demanded a manager": "Escalada: el cliente exigió hablar con un responsable",
    "Abandoned: the customer gave up and left": "Abandonada: el cliente se cansó y se fue",
    "Closed before the customer agreed": "Cerrada antes de que el cliente estuviera de acuerdo",
    "Unfinished: the conversation did not reach an ending":
        "Sin terminar: la conversación no llegó a un final",
    # modes, channels, phases
    "Practice": "Práctica", "Exam": "Examen", "Certification": "Certificación",
    "Certification (submitted replies)": "Certificación (respuestas entregadas)",
    "Certification (live)": "Certificación (en directo)",
    "Chat": "Chat", "Email": "Correo electrónico", "Phone": "Teléfono",
    "Social media": "Redes sociales", "WhatsApp": "WhatsApp",
    "venting": "desahogo", "empathy": "empatía", "negotiation": "negociación",
    "resolution": "resolución",
    # results and numbers
    "Passed": "Superado", "Not passed": "No superado", "not assessed": "no evaluado",
    # dates
    "January": "enero", "February": "febrero", "March": "marzo", "April": "abril",
    "May": "mayo", "June": "junio", "July": "julio", "August": "agosto",
    "September": "septiembre", "October": "octubre", "November": "noviembre",
    "December": "diciembre",
    "%(day)d %(month)s %(year)d": "%(day)d de %(month)s de %(year)d",
    "%(date)s, %(time)s": "%(date)s, %(time)s",
}
_ES_PLURAL: Mapping[str, tuple[str, str]] = {}


class Words:
    """gettext-shaped lookups for one language over one module's Spanish tables.

    `gettext(msgid, **kw)` and `ngettext(singular, plural, n, **kw)` behave like Jinja2's
    "newstyle" gettext: keyword arguments (and `num` for ngettext) are %-formatted into
    the translation. English is the msgid itself.
    """

    def __init__(self, lang: str | None, es: Mapping[str, str] = _ES,
                 es_plural: Mapping[str, tuple[str, str]] = _ES_PLURAL):
        self.lang = language(lang)
        self._table = es if self.lang == "es" else {}
        self._plural = es_plural if self.lang == "es" else {}

    def gettext(self, msgid: str, **kw) -> str:
        text = self._table.get(msgid, msgid)
        return text % kw if kw else text

    def ngettext(self, singular: str, plural: str, n: int, **kw) -> str:
        kw.setdefault("num", n)
        forms = self._plural.get(singular, (singular, plural))
        return forms[0 if n == 1 else 1] % kw

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
        return words(lang)("not assessed")
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
    return words(lang)("Passed" if passed is True else "Not passed")


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
