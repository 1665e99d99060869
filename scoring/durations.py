"""A small time grammar per language: "within 48 hours", "by Thursday", "en 3 días hábiles".

Why our own: general date parsers miss "within 3 business days", ignore "hábiles" and
read the modal "may" as the 4th of May. Promises only need one number from a time
expression: how many days from now the trainee committed to. Ranges keep their lower
bound ("3 to 5 days" promises 3), because the customer hears the shortest figure.

Works on folded text (lower case, no accents; see `scoring.text.fold`).
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass


@dataclass(frozen=True)
class TimeExpr:
    start: int
    end: int
    days: float  # how far from now, in days (the lower bound of a range)
    kind: str  # "duration" | "deadline" | "now" | "weekday" | "date"
    past: bool = False  # "3 days ago", "hace 3 días": a fact, not a promise


_NUM_EN = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "fourteen": 14, "fifteen": 15, "twenty": 20, "thirty": 30, "a couple of": 2,
    "a few": 3, "couple of": 2, "few": 3, "twenty-four": 24, "twenty four": 24,
    "forty-eight": 48, "forty eight": 48, "seventy-two": 72, "seventy two": 72,
}
_NUM_ES = {
    "un": 1, "una": 1, "uno": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6,
    "siete": 7, "ocho": 8, "nueve": 9, "diez": 10, "once": 11, "doce": 12, "catorce": 14,
    "quince": 15, "veinte": 20, "treinta": 30, "veinticuatro": 24, "cuarenta y ocho": 48,
    "setenta y dos": 72, "un par de": 2, "unos pocos": 3, "unos": 2, "unas": 2,
}
_UNIT_DAYS = {
    "minute": 1 / 1440, "min": 1 / 1440, "hour": 1 / 24, "hr": 1 / 24, "h": 1 / 24,
    "day": 1, "week": 7, "month": 30,
    "minuto": 1 / 1440, "hora": 1 / 24, "dia": 1, "jornada": 1, "semana": 7, "mes": 30,
}
_WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
    "saturday": 5, "sunday": 6,
    "lunes": 0, "martes": 1, "miercoles": 2, "jueves": 3, "viernes": 4, "sabado": 5,
    "domingo": 6,
}


_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
    "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7, "agosto": 8,
    "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11, "diciembre": 12,
}
_MONTH_EN = r"(?:january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)"
_MONTH_ES = r"(?:enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre)"
_WD_EN = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)"
_WD_ES = r"(?:lunes|martes|miercoles|jueves|viernes|sabado|domingo)"


def _date_days(day: str, month: str, today: _dt.date | None) -> float | None:
    """Days from today to a calendar date ("Thursday 15 October", "el 12 de agosto"): the
    next such date, this year or the next. None without today's date or for no real date."""
    if today is None:
        return None
    try:
        d = _dt.date(today.year, _MONTHS[month], int(day))
    except (KeyError, ValueError):
        return None
    if d < today:
        try:
            d = d.replace(year=today.year + 1)
        except ValueError:
            return None
    return float((d - today).days)


def _month_day_days(day: int, today: _dt.date) -> float | None:
    """Days from today to the next day `day` of a month (today's month or the next)."""
    for k in range(2):
        month, year = (today.month + k - 1) % 12 + 1, today.year + (today.month + k - 1) // 12
        try:
            d = _dt.date(year, month, day)
        except ValueError:
            continue
        if d >= today:
            return float((d - today).days)
    return None


def _alt(words) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


_NUM = r"\d+(?:[.,]\d+)?"
_EN = re.compile(
    rf"""
    (?P<dur>\b(?:between\s+)?(?P<num>{_NUM}|{_alt(_NUM_EN)})(?:\s*(?:-|to|or|and|–)\s*(?P<num2>{_NUM}|{_alt(_NUM_EN)}))?
        [\s-]*(?:(?:business|working|calendar)[\s-]+)?
        (?P<unit>minutes?|mins?|hours?|hrs?|h|days?|weeks?|months?)\b
        (?P<ago>\s+ago)?)
    |(?P<date>\b(?:{_WD_EN}\.?,?\s+)?(?:the\s+)?(?P<dday>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<dmonth>{_MONTH_EN})\b\.?
        |\b(?:{_WD_EN}\.?,?\s+)?(?P<dmonth2>{_MONTH_EN})\.?\s+(?P<dday2>\d{{1,2}})(?:st|nd|rd|th)?\b(?!\s*(?:[.,:]\d|%|am|pm|h\b)))
    |(?P<now>\bright\s+(?:now|away)\b|\bimmediately\b|\bstraight\s+away\b|\binstantly\b
        |\bat\s+once\b|\bthis\s+(?:very\s+)?minute\b|\bin\s+no\s+time\b|\bwithin\s+the\s+hour\b)
    |(?P<today>\btoday\b|\btonight\b|\btonite\b|\b2nite\b|\bthis\s+(?:afternoon|evening|morning)\b|\bend\s+of\s+(?:the\s+)?day\b
        |\beod\b|\blater\s+today\b|\bsame[\s-]day\b(?!\s+as\b)
        |\b(?:by|before)\s+(?:\d{{1,2}}(?:[:.]\d{{2}})?\s*(?:am|pm|a\.m\.|p\.m\.|o'?clock)|noon|midday|lunchtime)(?!\w))
    |(?P<day2>\bthe\s+day\s+after\s+tomorrow\b)
    |(?P<day1>\btomorrow\b|\btmrw?\b|\btmoz\b|\btomoz\b|\b2moro\b|\b2morrow\b|\bovernight\b|\bnext[\s-]day\b)
    |(?P<week>\b(?:by\s+)?(?:the\s+)?end\s+of\s+(?:the|this)\s+week\b|\bthis\s+week\b)
    |(?P<nextweek>\bnext\s+week\b|\bwithin\s+(?:a|the)\s+week\b)
    |(?P<nextmonth>\bnext\s+month\b|\bend\s+of\s+(?:the|this)\s+month\b)
    |(?P<then>\bby\s+then\b)
    |(?P<wd>\b(?P<wdnext>next\s+)?(?P<wdname>monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b
        (?:,?\s+(?:the\s+)?(?P<wdday>\d{{1,2}})(?:st|nd|rd|th)?\b(?!\s*(?:[:.]\d|%|am|pm|h\b)))?)
    """,
    re.VERBOSE,
)
_ES = re.compile(
    rf"""
    (?P<ago_es>\bhace\s+)?
    (?P<dur>\b(?:entre\s+)?(?P<num>{_NUM}|{_alt(_NUM_ES)})(?:\s*(?:-|a|o|y|–)\s*(?P<num2>{_NUM}|{_alt(_NUM_ES)}))?
        \s+(?P<unit>minutos?|horas?|h|dias?|jornadas?|semanas?|mes(?:es)?)\b
        (?:\s+(?:habiles|laborables|laborales|naturales|utiles))?)
    |(?P<date>\b(?:(?:el\s+)?{_WD_ES},?\s+)?(?:el\s+)?(?P<dday>\d{{1,2}})\s+de\s+(?P<dmonth>{_MONTH_ES})\b)
    |(?P<now>\bahora\s+mismo\b|\bde\s+inmediato\b|\binmediatamente\b|\bal\s+instante\b
        |\benseguida\b|\ben\s+este\s+(?:mismo\s+)?momento\b|\bya\s+mismo\b|\bal\s+momento\b)
    |(?P<day2>\bpasado\s+manana\b)
    |(?P<day1>\bmanana\b(?<!esta\s\bmanana)(?<!la\s\bmanana))
    |(?P<today>\bhoy(?:\s+mismo)?\b|\besta\s+(?:misma\s+)?(?:tarde|noche|manana)\b|\bantes\s+de\s+que\s+(?:acabe|termine)\s+el\s+dia\b
        |\ba\s+lo\s+largo\s+del\s+dia\b|\bel\s+mismo\s+dia\b(?!\s+(?:de|del|que|en\s+que)\b)
        |\bantes\s+(?:de\s+las\s+\d{{1,2}}(?:[:.]\d{{2}})?(?:\s*(?:h|hs|horas))?|del\s+mediodia)\b)
    |(?P<week>\besta\s+(?:misma\s+)?semana\b|\b(?:a\s+)?finales\s+de\s+(?:esta\s+)?semana\b)
    |(?P<nextweek>\b(?:la\s+)?(?:semana\s+que\s+viene|proxima\s+semana)\b)
    |(?P<nextmonth>\b(?:el\s+)?(?:mes\s+que\s+viene|proximo\s+mes)\b)
    |(?P<then>\bpara\s+entonces\b)
    |(?P<wd>\b(?P<wdname>lunes|martes|miercoles|jueves|viernes|sabado|domingo)\b(?P<wdnext_es>\s+que\s+viene|\s+proximo)?
        (?:\s+(?P<wdday>\d{{1,2}})\b(?!\s*(?:[:.]\d|%|h\b|hs\b|horas\b)))?)
    """,
    re.VERBOSE,
)
# Words just before a time that turn it into the past ("for the last 3 days", "desde hace").
_PAST_BEFORE = re.compile(
    r"(?:\bfor\s+(?:the\s+)?(?:last|past)|\blast|\bsince|\bwaited|\bwaiting\s+for|\bbeen|\bdesde(?:\s+hace)?"
    r"|\bpasad[oa]s?|\bultim[oa]s?|\bel\s+pasado|\bpast)\s*(?:\w+\s+){0,2}$"
)
# "llevo tres días esperando" is time spent; "se lo llevan pasado mañana" is a delivery:
# a form of "llevar" makes only a length of time past, never a day.
_PAST_BEFORE_LENGTH = re.compile(r"(?:\bllev[oa]s?|\bllevamos|\bllevan)\s*(?:\w+\s+){0,2}$")
_ANY_DAY = re.compile(r"\b(?:un|una|cualquier|a|any|some)\s+$")
_PAST_AFTER = re.compile(r"^\s*(?:ago|pasad[oa]s?|atras)\b")


def _num(text: str | None, table: dict) -> float | None:
    if text is None:
        return None
    if text in table:
        return float(table[text])
    try:
        return float(text.replace(",", "."))
    except ValueError:
        return None


def _unit_days(unit: str) -> float:
    u = unit.rstrip("s") if not unit.startswith("mes") else "mes"
    return _UNIT_DAYS.get(u, _UNIT_DAYS.get(unit, 1.0))


def _weekday_days(target: int, today: _dt.date | None) -> float:
    # Without a date we assume today is a Monday (documented in docs/scoring.md); the
    # simulator passes the real date when it has one. "next Friday" / "el viernes que
    # viene" count as the coming one: the lower bound, like ranges.
    base = today.weekday() if today else 0
    return float((target - base) % 7 or 7)


# Words without which a sentence holds no time expression (besides digits): scanning only
# the sentences that have one keeps long e-mails cheap.
_TIME_WORDS = {
    "en": frozenset(
        "minute minutes min mins hour hours hr hrs h day days week weeks month months now away "
        "immediately instantly once today tonight tonite 2nite morning afternoon evening eod tomorrow tmrw tmr tmoz tomoz 2moro 2morrow "
        "overnight then monday tuesday wednesday thursday friday saturday sunday".split()),
    "es": frozenset(
        "minuto minutos hora horas h dia dias jornada jornadas semana semanas mes meses mismo "
        "inmediato inmediatamente instante enseguida momento hoy tarde noche manana entonces "
        "lunes martes miercoles jueves viernes sabado domingo".split()),
}
_DIGIT = re.compile(r"\d")


def time_spans(words, sentences, folded: str, language: str) -> list[tuple[int, int]]:
    """The sentences worth scanning: those with a digit or a word of time."""
    keys = _TIME_WORDS.get(language, _TIME_WORDS["en"])
    out = []
    hits = sorted({s for s, _, w in words if w in keys} | {m.start() for m in _DIGIT.finditer(folded)})
    i = 0
    for s, e in sentences:
        while i < len(hits) and hits[i] < s:
            i += 1
        if i < len(hits) and hits[i] < e:
            out.append((s, e))
    return out


def find_times(folded: str, language: str, today: _dt.date | None = None,
               spans: list[tuple[int, int]] | None = None) -> list[TimeExpr]:
    """Every time expression in the folded text (or only within `spans`), in order."""
    rx = _ES if language == "es" else _EN
    table = _NUM_ES if language == "es" else _NUM_EN
    out: list[TimeExpr] = []
    ranges = spans if spans is not None else [(0, len(folded))]
    for m in (m for s, e in ranges for m in rx.finditer(folded, s, e)):
        g = m.groupdict()
        start, end = m.span()
        past = False
        if g.get("dur"):
            n = _num(g["num"], table)
            if n is None:
                continue
            n2 = _num(g.get("num2"), table)
            if n2 is not None:
                n = min(n, n2)
            days, kind = n * _unit_days(g["unit"]), "duration"
            past = bool(g.get("ago") or g.get("ago_es"))
            start = m.start("dur") if not g.get("ago_es") else start
        elif g.get("date"):
            days = _date_days(g.get("dday") or g.get("dday2"), g.get("dmonth") or g.get("dmonth2"), today)
            if days is None:
                continue  # no date today to count from, or no such day: judged by nothing
            kind = "date"
        elif g.get("now"):
            days, kind = 0.0, "now"
        elif g.get("today"):
            days, kind = 0.0, "deadline"
        elif g.get("day1"):
            days, kind = 1.0, "deadline"
        elif g.get("day2"):
            days, kind = 2.0, "deadline"
        elif g.get("week"):
            days, kind = 4.0, "deadline"
        elif g.get("nextweek"):
            days, kind = 7.0, "deadline"
        elif g.get("nextmonth"):
            days, kind = 30.0, "deadline"
        elif g.get("then"):
            # "by then" / "para entonces" repeats the time just given.
            if not out:
                continue
            days, kind = out[-1].days, out[-1].kind
        elif g.get("wd"):
            if _ANY_DAY.search(folded[max(0, start - 12):start]):
                continue  # "para un sábado", "on a Saturday": no day named yet
            days, kind = _weekday_days(_WEEKDAYS[g["wdname"]], today), "weekday"
            if g.get("wdday") and today is not None:
                # "Monday the 20th", "el jueves 19": the day of the month says which one
                days = _month_day_days(int(g["wdday"]), today) or days
        else:  # pragma: no cover - every alternative is named
            continue
        if not past:
            before = folded[max(0, start - 30):start]
            past = bool(_PAST_BEFORE.search(before) or _PAST_AFTER.match(folded[end:end + 12])
                        or (kind == "duration" and _PAST_BEFORE_LENGTH.search(before)))
        out.append(TimeExpr(start, end, days, kind, past))
    return out
