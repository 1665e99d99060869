"""Human reports as standalone HTML, built from Jinja2 templates (`simulator/templates/`)
with autoescaping: what a trainee or trainer typed can never become markup.

- `session_report_html(transcript)`: one session (the desktop app prints the very same
  document for its PDF/HTML export);
- `certification_report_html(result, plan)`: one trainee's certification result (its
  failure reasons in the report's language when the plan is given);
- `cohort_report_html(cohort)`: the cohort summary made by `simulator.cohort`.

Everything a reader sees is in the session's language (English or Spanish: the
scenario's), with human names for the dimensions, outcomes and modes, scores shown by
`simulator.wording.score_text` (the app's and the terminal's rule), no rule ids and no
raw numbers from the judge. Python builds plain view data; the templates lay it out.
The HTML keeps to what both browsers and Qt's text engine understand (tables, PNG bars
and curve), so `ui/export.py` prints it to PDF without a display.

A transcript (`Session.transcript()`) says nothing about who sat it or when; the
results store and the desktop app add `trainee`, `mode`, `started_at` and `finished_at`
(`with_sitting`), and the report shows them.
"""

from __future__ import annotations

import base64
import functools
import re
import statistics
from collections import Counter
from typing import Iterable, Mapping

from simulator.curve_png import bar_data_uri, curve_data_uri, sparkline_png
from simulator.safetext import xml_safe
from simulator.wording import (
    N_,
    Words,
    channel_text,
    dimension_name,
    language,
    mode_text,
    outcome_text,
    phase_text,
    result_text,
    score_text,
    when_text,
)

__all__ = ["session_report_html", "certification_report_html", "certification_report_title",
           "cohort_report_html",
           "practise_next", "plain_reason", "score_text", "with_sitting", "report_language"]

def _words(lang: str | None) -> Words:
    return Words(lang)


# --- rendering -------------------------------------------------------------------------

def _xml_safe(value):
    """Every value a template prints, without the characters XML 1.0 forbids (control
    characters, lone surrogates): shown as visible escapes instead."""
    from markupsafe import Markup

    if isinstance(value, Markup):
        return Markup(xml_safe(str(value)))
    return xml_safe(value) if isinstance(value, str) else value


@functools.lru_cache(maxsize=1)
def _environment():
    from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

    return Environment(
        loader=PackageLoader("simulator", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,  # a missing value is a bug, not an empty cell
        finalize=_xml_safe,  # whatever a name or reply held, the report stays well-formed
        trim_blocks=True,
        lstrip_blocks=True,
    )


def _render(template: str, lang: str, **context) -> str:
    w = _words(lang)
    return _environment().get_template(template).render(
        lang=w.lang, _=w.gettext, ngettext=w.ngettext, **context)


def report_language(transcripts: Iterable[dict]) -> str:
    """The language shared by these sessions (their scenarios'), else English."""
    found = {language(t.get("language")) for t in transcripts if t}
    return found.pop() if len(found) == 1 else "en"


def with_sitting(transcript: dict, record) -> dict:
    """The transcript with who sat it and when, from a results-store `SessionRecord`."""
    out = dict(transcript)
    for key in ("trainee", "mode", "started_at", "finished_at"):
        value = getattr(record, key, None)
        if value is not None:
            out.setdefault(key, value)
    return out


# --- what the judge said, in words ---------------------------------------------------------

_DETAIL = re.compile(r"\s*\(([^()]*)\)\s*$")
_TIME = r"(now|[\d.]+ h|[\d.]+ days?)"
_TIMES = re.compile(rf"^{_TIME} (>=|<) policy {_TIME}$")
_PERCENT = re.compile(r"^([\d.]+)% (<=|>) policy ([\d.]+)%$")
_WAIT = re.compile(r"^([\d.]+) s > ([\d.]+) s$")
_SAID = re.compile(r"^customer said '(.*)'$")
_RULE_ID = re.compile(r"^[a-z_]+(?:\.[a-z_0-9]+)+$")
_NO_POLICY = {"policy: no refunds": N_("the policy allows no refunds"),
              "policy: no escalation": N_("the policy allows no escalation"),
              "policy: no discounts": N_("the policy allows no discounts")}


def _number(value: float) -> str:
    return f"{value:.0f}" if float(value).is_integer() else f"{value:.1f}".rstrip("0").rstrip(".")


def _duration(text: str, w: Words) -> str:
    """"0.166667 h" -> "10 minutes", "2 days" -> "2 days", "now" -> "immediately"."""
    if text == "now":
        return w("immediately")
    amount, unit = text.split(" ", 1)
    value = float(amount)
    if unit == "h":
        if value < 1:
            minutes = max(1, round(value * 60))
            return w.ngettext("%(num)d minute", "%(num)d minutes", minutes)
        return w.ngettext("%(num)s hour", "%(num)s hours", 1 if value == 1 else 2, num=_number(value))
    return w.ngettext("%(num)s day", "%(num)s days", 1 if value == 1 else 2, num=_number(value))


def _seconds(value: float, w: Words) -> str:
    return w.ngettext("%(num)s second", "%(num)s seconds", 1 if value == 1 else 2, num=_number(value))


def plain_detail(detail: str, lang: str | None = "en") -> str | None:
    """The judge's detail ("2 days >= policy 2 days", a rule id, …) in words, or None
    when it says nothing a reader needs."""
    w = _words(lang)
    detail = detail.strip()
    if not detail or _RULE_ID.match(detail):
        return None
    if m := _TIMES.match(detail):
        promised, op, policy = m.groups()
        if op == ">=":
            if policy == "now":
                return w("the policy allows any time")
            return w("within the policy's %(policy)s", policy=_duration(policy, w))
        return w("sooner than the policy's %(policy)s", policy=_duration(policy, w))
    if m := _PERCENT.match(detail):
        _given, op, policy = m.groups()
        key = N_("up to the policy's %(policy)s%%") if op == "<=" else N_("more than the policy's %(policy)s%%")
        return w(key, policy=_number(float(policy)))
    if detail in _NO_POLICY:
        return w(_NO_POLICY[detail])
    if m := _WAIT.match(detail):
        return w("the customer waited %(waited)s; they expect an answer within %(limit)s",
                 waited=_seconds(float(m.group(1)), w), limit=_seconds(float(m.group(2)), w))
    if m := _SAID.match(detail):
        return w("the customer said “%(words)s”", words=m.group(1))
    if detail.startswith("also: "):
        return w("also: %(words)s", words=detail[len("also: "):])
    return detail


def plain_reason(reason: str, lang: str | None = "en") -> str:
    """A piece of evidence's reason with the judge's detail in words: "a time frame the
    policy can keep (2 days >= policy 2 days)" -> "… (within the policy's 2 days)"."""
    reason = str(reason or "")
    m = _DETAIL.search(reason)
    if not m:
        return "" if _RULE_ID.match(reason) else reason
    head = reason[:m.start()].rstrip()
    detail = plain_detail(m.group(1), lang)
    return f"{head} ({detail})" if detail else head


# --- what to practise next: one list, most serious first -------------------------------------

#: The faults a trainer looks for first, most serious first: (what, the dimension whose
#: evidence shows it, the signals that find it, the tip).
SERIOUS: tuple[tuple[str, str, frozenset[str], str], ...] = (
    ("policy", "promises", frozenset({"over_promised"}),
     N_("Policy breach in %(where)s: “%(quote)s”. Promise only what the policy allows, with a "
     "margin (“within 5 business days”); no “guaranteed” or “right now”.")),
    ("public_data", "etiquette", frozenset({"asked_data_in_public"}),
     N_("Personal data asked for in public in %(where)s: “%(quote)s”. Ask for order numbers and "
     "personal details in a private message.")),
    ("rudeness", "calm", frozenset({"shouted", "told_to_calm_down", "blamed", "argued", "sarcastic",
                                    "rude", "swore", "threatened"}),
     N_("Rudeness in %(where)s: “%(quote)s”. Stay courteous and steady: no capitals or “!!!”, "
     "no blame, no “calm down”, no arguing.")),
    ("handoff", "ownership", frozenset({"deflected"}),
     N_("Hand-off in %(where)s: “%(quote)s”. Keep the case: “I will…”, not “that's not my "
     "department”.")),
)
#: A dimension below this (0..100) gets its recurring fault in "what to practise next".
WEAK = 70.0
TIPS = 6


def _not_passed_notes() -> set[str]:
    from simulator.session import NOT_PASSED
    from simulator.wording import LANGUAGES

    return {Words(lang)(text) for lang in LANGUAGES for text in NOT_PASSED.values()}


def _quote(text: str, limit: int = 70) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def _replies(numbers: list[int], w: Words) -> str:
    shown = [str(n) for n in numbers]
    joined = shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + w(" and ") + shown[-1]
    return w.ngettext("reply %(list)s", "replies %(list)s", len(shown), list=joined)


def _serious_tips(t: dict, w: Words) -> list[tuple[str, str]]:
    """(dimension, tip) for each serious fault found, most serious first."""
    out = []
    turns = t.get("turns") or ()
    for _what, dim, signals, tip in SERIOUS:
        hit = [turn for turn in turns if signals.intersection(turn.get("signals") or ())]
        if not hit:
            continue
        first = hit[0]
        bad = [e for e in ((first.get("scores") or {}).get(dim) or {}).get("evidence", ())
               if e.get("polarity", 1) < 0 and e.get("text")]
        # The longest piece the judge marked says most ("you should have called" over "Look,").
        quote = _quote(max(bad, key=lambda e: len(e["text"]))["text"] if bad else first.get("reply", ""))
        where = _replies([int(turn.get("index", 0)) for turn in hit], w)
        out.append((dim, w(tip, where=where, quote=quote)))
    return out


def practise_next(transcript: dict, limit: int = TIPS) -> list[str]:
    """What to practise next, one list in the session's language, most serious first:
    a policy breach, personal data asked for in public, rudeness, a hand-off (each with
    the replies that showed it); then the protocol's unmet expectations (an apology, a
    closure check); then the recurring fault of each weak dimension, weakest first.
    Nothing twice, and nothing about the ending (the report's result says that)."""
    t = transcript
    w = _words(t.get("language"))
    session = t.get("session") or {}
    turns = t.get("turns") or ()
    serious = _serious_tips(t, w)
    covered = {dim for dim, _ in serious}
    items = [tip for _, tip in serious]

    # A session note is either an unmet expectation or a dimension's recurring fault.
    fault_dims: dict[str, str] = {}
    for turn in turns:
        for dim, result in (turn.get("scores") or {}).items():
            if (result or {}).get("score", 0) < 0 and result.get("note"):
                fault_dims.setdefault(result["note"], dim)
    ending = _not_passed_notes()
    for note in session.get("notes") or ():
        if note in ending or note in fault_dims:
            continue  # the ending is the result; faults come below, by weakness
        items.append(w(note))

    dims = {d: v for d, v in (session.get("dimensions") or {}).items() if v is not None}
    for dim, value in sorted(dims.items(), key=lambda kv: (kv[1], kv[0])):
        if value >= WEAK:
            break
        if dim in covered:
            continue
        faults = Counter(
            (turn.get("scores") or {}).get(dim, {}).get("note")
            for turn in turns
            if ((turn.get("scores") or {}).get(dim) or {}).get("score", 0) < 0
        )
        faults.pop(None, None)
        faults.pop("", None)
        if faults:
            items.append(faults.most_common(1)[0][0])
            covered.add(dim)
    out: list[str] = []
    for item in items:
        if item not in out:
            out.append(item)
    keep = max(limit, len(serious))
    return out[:keep]


# --- the session report --------------------------------------------------------------------

def _segments(reply: str, evidence: list[dict]) -> list[dict]:
    """The reply cut into plain and highlighted pieces (evidence numbered from 1)."""
    spans = sorted(
        ((e.get("start", 0), e.get("end", 0), n, e) for n, e in enumerate(evidence, 1)
         if 0 <= e.get("start", 0) < e.get("end", 0) <= len(reply)),
        key=lambda s: (s[0], s[1] - s[0], s[2]),  # the most specific span first
    )
    out, pos = [], 0
    for start, end, n, e in spans:
        if start < pos:
            continue  # overlaps an earlier highlight: listed below only
        if start > pos:
            out.append({"text": reply[pos:start], "cls": "", "n": None, "title": ""})
        out.append({"text": reply[start:end], "cls": "good" if e.get("polarity", 1) > 0 else "bad",
                    "n": n, "title": e.get("reason", "")})
        pos = end
    if pos < len(reply):
        out.append({"text": reply[pos:], "cls": "", "n": None, "title": ""})
    return out


def turn_evidence(turn: dict) -> list[dict]:
    """Every piece of evidence in one turn, with its dimension, in report order."""
    out = []
    for dim, result in (turn.get("scores") or {}).items():
        for e in (result or {}).get("evidence", ()):
            out.append({**e, "dimension": dim})
    return out


def _bar_uri(value) -> str | None:
    if value is None:
        return None
    return bar_data_uri(round(max(0.0, min(100.0, float(value)))))


def _dimension_rows(dimensions: Mapping, lang: str) -> list[dict]:
    from scoring.model import DIMENSIONS

    order = [d for d in DIMENSIONS if d in dimensions] + [d for d in dimensions if d not in DIMENSIONS]
    return [{"name": dimension_name(d, lang), "value": score_text(dimensions[d], lang),
             "bar": _bar_uri(dimensions[d])} for d in order]


def _curve(levels: Iterable[float]) -> dict | None:
    levels = [float(v) for v in levels or ()]
    if not levels:
        return None
    return {"uri": curve_data_uri(levels), "levels": [f"{v:.0f}" for v in levels]}


def missed_mark(t: dict) -> float | None:
    """The pass mark a session with a good ending failed on its marks (None otherwise):
    its score is below that, whatever the judge's two-decimal rounding kept."""
    from simulator.session import GOOD_ENDINGS

    if t.get("passed") is False and t.get("outcome") in GOOD_ENDINGS and t.get("pass_mark") is not None:
        return float(t["pass_mark"])
    return None


def _why_not(t: dict, w: Words) -> str | None:
    """Why a session did not pass, in words (None when it passed)."""
    if t.get("passed") is True:
        return None
    outcome = t.get("outcome") or "unfinished"
    if outcome != "resolved":
        text = outcome_text(outcome, w.lang)
        return text.split(": ", 1)[1] if ": " in text else text[:1].lower() + text[1:]
    if t.get("score") is not None:
        return w("below the pass mark")
    return w("the conversation did not reach a good ending")


def _session_view(t: dict) -> dict:
    lang = language(t.get("language"))
    w = _words(lang)
    session = t.get("session") or {}
    score, mark = t.get("score"), t.get("pass_mark")
    shown = score_text(score, lang, below=missed_mark(t))
    if score is None:
        score_line = shown
    elif mark is not None:
        score_line = w("%(score)s / 100 (pass mark %(mark)s)", score=shown, mark=score_text(mark, lang))
    else:
        score_line = w("%(score)s / 100", score=shown)
    why = _why_not(t, w)
    result = result_text(t.get("passed"), lang)
    n_replies = len(t.get("turns") or ())
    turns = []
    for turn in t.get("turns") or ():
        evidence = turn_evidence(turn)
        h = turn.get("hostility") or {}
        heading = " · ".join(filter(None, (
            w("Reply %(n)s", n=turn.get("index", "")),
            w("%(seconds)s s", seconds=f"{float(turn.get('latency_s') or 0):.0f}"),
            phase_text((turn.get("phase") or {}).get("before", ""), lang),
            w("hostility %(before)s → %(after)s", before=f"{float(h.get('before') or 0):.0f}",
              after=f"{float(h.get('after') or 0):.0f}") if h else "",
        )))
        turns.append({
            "heading": heading,
            "segments": _segments(turn.get("reply", ""), evidence),
            "evidence": [{"good": e.get("polarity", 1) > 0,
                          "dimension": dimension_name(e["dimension"], lang),
                          "text": w("“%(text)s”", text=e.get("text", "")),
                          "reason": plain_reason(e.get("reason", ""), lang)} for e in evidence],
            "customer": turn.get("customer", ""),
        })
    facts = [
        (w("Trainee"), t.get("trainee") or w("not recorded")),
        (w("Date"), when_text(t.get("started_at") or t.get("today"), lang)),
        (w("Scenario"), t.get("scenario_title") or t.get("scenario") or ""),
        (w("Mode"), mode_text(t.get("mode"), lang)),
        (w("Channel"), channel_text(t.get("channel"), lang)),
        (w("Outcome"), outcome_text(t.get("outcome"), lang) + " · "
         + w.ngettext("%(num)d reply", "%(num)d replies", n_replies)),
        (w("Score"), score_line),
    ]
    return {
        "title": t.get("scenario_title") or t.get("scenario") or "",
        "facts": [(k, v) for k, v in facts if v],
        "passed": t.get("passed") is True,
        "result": w("%(result)s: %(why)s", result=result, why=why) if why else result,
        "tips": practise_next(t),
        "dimensions": _dimension_rows(session.get("dimensions") or {}, lang),
        "curve": _curve(t.get("hostility_curve")),
        "opening": t.get("opening") or "",
        "turns": turns,
        "provenance": w("To reproduce it: scenario %(scenario)s, seed %(seed)s, scorer %(scorer)s.",
                        scenario=t.get("scenario", ""), seed=t.get("seed", ""),
                        scorer=t.get("scorer_version", "")) if t.get("scenario_sha256") or
                      t.get("scorer_version") else "",
    }


def session_report_html(transcript: dict) -> str:
    """A standalone HTML document for one session's transcript (`Session.transcript()`,
    with `trainee`, `mode` and `started_at` when known)."""
    lang = language(transcript.get("language"))
    view = _session_view(transcript)
    return _render("session.html", lang, s=view)


def report_title(transcript: dict) -> str:
    """The report's title (the PDF's metadata), in the session's language."""
    w = _words(transcript.get("language"))
    title = transcript.get("scenario_title") or transcript.get("scenario") or ""
    who = transcript.get("trainee")
    return " · ".join(filter(None, (w("Temper session report"), title, who)))


# --- certification ---------------------------------------------------------------------------

def certification_language(result: dict) -> str:
    """The language a certification report is written in: its scenarios' (the trainee's)."""
    return report_language(s.get("transcript") or {} for s in result.get("scenarios") or ())


def certification_report_title(result: dict) -> str:
    """The report's title (the PDF's metadata), in the report's language."""
    w = _words(certification_language(result))
    return w("Certification: %(trainee)s", trainee=result.get("trainee", ""))


def _said_failures(recorded: list[dict], said: list[tuple[str, str]] | None) -> list[str]:
    """The failures as the report lists them: `said` ((code, message) in the report's
    language) when it names the very failures the result records, in the same order;
    otherwise the result's own (English) messages, never something it does not say."""
    if said is not None and [c for c, _ in said] == [f.get("code") for f in recorded]:
        return [m for _, m in said]
    return [f.get("message", "") for f in recorded]


def certification_report_html(result: dict, plan=None) -> str:
    """One trainee's certification result (`simulator.certify.runner`) as HTML.

    `plan`: the Plan the result was judged against (`simulator.certify.plan`), when at
    hand; with it, the failure reasons are written in the report's language (the result
    itself keeps its English, which its signature covers). A plan other than the one
    the result names (another sha256) is not used."""
    from simulator.certify.runner import overall_failure, sitting_failures

    sittings = result.get("scenarios") or ()
    lang = certification_language(result)
    w = _words(lang)
    plan_info = result.get("plan") or {}
    judged = plan if plan is not None and getattr(plan, "sha256", None) == plan_info.get("sha256") else None
    entries = {e.id: e for e in judged.entries} if judged is not None else {}

    def said(sitting: dict) -> list[tuple[str, str]] | None:
        entry = entries.get(sitting.get("id"))
        if entry is None:
            return None
        return sitting_failures(judged, entry, sitting.get("transcript"), lang)

    overall = []
    said_all: list[tuple[str, str]] | None = [] if judged is not None else None
    for sitting in sittings:
        got = said(sitting)
        said_all = None if got is None or said_all is None else said_all + got
    if said_all is not None and any(f.get("code") == "overall_score" for f in result.get("failures") or ()):
        overall = [("overall_score", overall_failure(judged, float(result.get("score") or 0), lang))]
    plan = plan_info
    scenarios = []
    for s in sittings:
        transcript = s.get("transcript")
        view = None
        if transcript:
            view = _session_view({"trainee": result.get("trainee"), "mode": result.get("mode"),
                                  "pass_mark": s.get("pass_mark"), **transcript})
        scenarios.append({
            "id": s.get("id", ""), "title": s.get("title", ""),
            "outcome": outcome_text(s.get("outcome"), lang).split(":")[0],
            "score": score_text(s.get("score"), lang), "pass_mark": score_text(s.get("pass_mark"), lang),
            "passed": s.get("passed") is True, "result": result_text(s.get("passed"), lang),
            "failures": _said_failures(list(s.get("failures") or ()), said(s)),
            "session": view,
        })
    view = {
        "trainee": result.get("trainee", ""),
        "plan_title": plan.get("title", ""),
        "facts": [(k, v) for k, v in (
            (w("Trainee"), result.get("trainee", "")),
            (w("Plan"), plan.get("title", "")),
            (w("Date"), when_text(result.get("generated_at"), lang)),
            (w("Mode"), mode_text(result.get("mode"), lang)),
            (w("Overall"), w("%(score)s / 100 (pass mark %(mark)s)", score=score_text(result.get("score"), lang),
                             mark=score_text(plan.get("pass_mark"), lang))),
        ) if v],
        "passed": result.get("passed") is True,
        "result": result_text(result.get("passed"), lang),
        "provenance": w("plan %(file)s (sha256 %(sha)s), scorer %(scorer)s, %(mode)s",
                        file=plan.get("file", ""), sha=str(plan.get("sha256", ""))[:12],
                        scorer=result.get("scorer_version", ""), mode=result.get("mode", ""))
                      + _corrections_used(result.get("corrections"), w),
        "failures": _said_failures(list(result.get("failures") or ()),
                                   None if said_all is None else said_all + overall),
        "scenarios": scenarios,
        "dimensions": _dimension_rows(result.get("dimensions") or {}, lang),
    }
    return _render("certification.html", lang, r=view)


def _corrections_used(used, w) -> str:
    """", judged with 2 corrections of the judge (sha256 …)": what a result records."""
    if not isinstance(used, dict) or not isinstance(used.get("count"), int):
        return ""  # a result from before corrections applied to certification
    return ", " + w.ngettext("judged with %(count)s correction of the judge (sha256 %(sha)s)",
                             "judged with %(count)s corrections of the judge (sha256 %(sha)s)",
                             used["count"], count=used["count"], sha=str(used.get("sha256", ""))[:12])


# --- the cohort ----------------------------------------------------------------------------

#: Months as a chart's dates show them ("7 Sep"), beside `wording.MONTHS` in full.
SHORT_MONTHS = (N_("Jan"), N_("Feb"), N_("Mar"), N_("Apr"), N_("May"), N_("Jun"), N_("Jul"),
                N_("Aug"), N_("Sep"), N_("Oct"), N_("Nov"), N_("Dec"))


def short_date(day, w: Words, year: bool = False) -> str:
    """A date as a chart's axis shows it: "7 Sep" / "7 sept" (with the year if asked)."""
    shown = w("%(day)d %(month)s", day=day.day, month=w(SHORT_MONTHS[day.month - 1]))
    return w("%(date)s %(year)d", date=shown, year=day.year) if year else shown


def _figure(png_and_height: tuple[bytes, int], alt: str) -> dict:
    from simulator.plots import WIDTH_PX, data_uri

    png, height = png_and_height
    return {"uri": data_uri(png), "width": WIDTH_PX, "height": height, "alt": alt}


def _png_uri(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


def _cohort_charts(cohort: dict, lang: str, pool=None) -> dict:
    """The charts of the cohort report (matplotlib, imported only now) and the rows of the
    table beside each, in `lang`."""
    from datetime import date

    from simulator import plots

    w = _words(lang)
    num = functools.partial(score_text, lang=lang)
    jobs: dict = {}  # chart -> ((plots function, its arguments), alt text)
    out: dict = {"over_time": None, "span": "", "trainee_rows": [], "weeks": None, "week_rows": [],
                 "scenarios": None, "dimensions": None, "dimension_rows": []}

    trainees = cohort.get("trainee_scores") or []
    points = [(t["trainee"], [(date.fromisoformat(d), v) for d, v in t["points"]]) for t in trainees]
    days = [d for _, ps in points for d, _ in ps]
    with_year = bool(days) and min(days).year != max(days).year
    label = functools.partial(short_date, w=w, year=with_year)
    mark = cohort.get("pass_mark")
    if days:
        first, last = min(days), max(days)
        sessions = sorted((p for _, ps in points for p in ps), key=lambda p: p[0])
        by_week: dict = {}
        for d, v in sessions:
            by_week.setdefault(d.toordinal() - d.weekday(), []).append(v)
        medians = [(date.fromordinal(monday + 3), statistics.median(vs)) for monday, vs in sorted(by_week.items())]
        jobs["over_time"] = (("over_time_chart", (
            sessions, medians, mark, [(d, label(d)) for d in plots.day_ticks(first, last)],
            w("Date of the session"), w("Score (0–100)"),
            (w("a session"), w("median of the week"), w("pass mark")))),
            w("Every session's score by date, with the median of each week; each trainee's "
              "own scores are in the table below."))
        out["span"] = w("%(first)s to %(last)s", first=short_date(first, w, year=True),
                        last=short_date(last, w, year=True))
    out["trainee_rows"] = [{
        "trainee": t["trainee"], "sessions": len(t["points"]),
        "spark": t["trainee"],  # drawn below, while the charts are drawn elsewhere
        "spark_alt": w("scores of %(name)s by date: %(scores)s", name=t["trainee"],
                       scores=", ".join(num(v) for _, v in t["points"][:60])
                       + (" …" if len(t["points"]) > 60 else "")),
        "first": w("%(date)s: %(score)s", date=short_date(date.fromisoformat(t["points"][0][0]), w, year=True),
                   score=num(t["points"][0][1])),
        "latest": w("%(date)s: %(score)s", date=short_date(date.fromisoformat(t["points"][-1][0]), w, year=True),
                    score=num(t["points"][-1][1])),
        "mean": num(t["mean"]),
    } for t in trainees]

    weeks = [wk for wk in cohort.get("weeks") or []]
    if weeks:
        shown = [(date.fromisoformat(wk["week"]), wk["pass_rate"], wk["sessions"]) for wk in weeks]
        jobs["weeks"] = (("weekly_chart", (shown, [label(d) for d, _, _ in shown], w("Week starting"),
                                           w("Sessions passed (%)"))),
                         w("The cohort's pass rate per week; the table below gives the figures."))
        out["week_rows"] = [{"week": short_date(date.fromisoformat(wk["week"]), w, year=True), "sessions": wk["sessions"],
                             "passed": wk["passed"],
                             "rate": "–" if wk["pass_rate"] is None else num(wk["pass_rate"]) + "%"}
                            for wk in weeks]
    legend = (w("mean"), w("one standard deviation either side"), w("lowest to highest"))
    scenarios = [s for s in cohort.get("scenarios") or [] if s.get("sd") is not None]
    if scenarios:
        rows = [(s.get("title") or s["scenario"], s["mean_score"], s["sd"], s["lowest"], s["highest"])
                for s in scenarios]
        jobs["scenarios"] = (("spread_chart", (rows, w("Score (0–100)"), legend)),
                             w("Mean and spread of the score per scenario, hardest first; "
                               "the table below gives the figures."))
    spread = cohort.get("dimension_spread") or {}
    if spread:
        rows = [(dimension_name(d, lang), v["mean"], v["sd"], v["lowest"], v["highest"])
                for d, v in spread.items()]
        jobs["dimensions"] = (("spread_chart", (rows, w("Score (0–100)"), legend)),
                              w("Mean and spread of each dimension's score; the table "
                                "below gives the figures."))
        out["dimension_rows"] = [{"name": dimension_name(d, lang), "mean": num(v["mean"]),
                                  "sd": num(v["sd"]), "lowest": num(v["lowest"]),
                                  "highest": num(v["highest"]), "sessions": v["sessions"]}
                                 for d, v in spread.items()]

    # The charts are drawn by `pool` (a worker process) when given, the sparklines here
    # meanwhile; a worker that fails leaves the drawing to this process.
    sent = {}
    if pool is not None:
        try:
            sent = {key: pool.submit(plots.draw, *job) for key, (job, _) in jobs.items()}
        except Exception:  # a broken or shut pool: draw here
            sent = {}
    if days:
        whole = max((last - first).days, 1)
        for row, (_, ps) in zip(out["trainee_rows"], points):
            row["spark"] = _png_uri(sparkline_png([((d - first).days / whole, v) for d, v in ps], mark))
    for key, (job, alt) in jobs.items():
        drawn = None
        if key in sent:
            try:
                drawn = sent[key].result()
            except Exception:  # the worker died (out of memory, killed): draw it here
                drawn = None
        out[key] = _figure(drawn or plots.draw(*job), alt)
    return out


def _selection_text(selection: dict, w: Words) -> str:
    """Which sessions a filtered report covers, in words ("" for all of them)."""
    parts = []
    if selection.get("since"):
        parts.append(w("since %(date)s", date=when_text(selection["since"], w.lang)))
    if selection.get("scenarios"):
        parts.append(w.ngettext("scenario %(list)s", "scenarios %(list)s", len(selection["scenarios"]),
                                list=", ".join(selection["scenarios"])))
    if selection.get("trainee"):
        parts.append(w("trainee %(name)s", name=selection["trainee"]))
    if selection.get("mode"):
        parts.append(w("%(mode)s sessions", mode=mode_text(selection["mode"], w.lang).lower()))
    return w("Only these sessions: %(list)s.", list="; ".join(parts)) if parts else ""


def cohort_report_html(cohort: dict, lang: str | None = None, charts: bool = True, pool=None) -> str:
    """The cohort summary (`simulator.cohort.summarise`) as HTML, in `lang` (default:
    the language its sessions share, else English), with its charts as embedded PNG
    images (`charts=False`: the tables alone), drawn by `pool` (a `concurrent.futures`
    executor) when given."""
    from simulator.cohort import failure_text

    lang = language(lang or cohort.get("language"))
    w = _words(lang)
    num = functools.partial(score_text, lang=lang)
    n = int(cohort.get("sessions", 0))
    trainees = w.ngettext("%(num)d trainee", "%(num)d trainees", int(cohort.get("trainees", 0)))
    summary = (w.ngettext("%(num)d finished session by %(trainees)s",
                          "%(num)d finished sessions by %(trainees)s", n, trainees=trainees)
               + "; " + w("%(passed)s passed (%(rate)s%%).", passed=cohort.get("passed", 0),
                          rate=score_text(cohort.get("pass_rate", 0), lang))) if n else \
        w("No finished sessions yet.")
    weeks = [wk["week"] for wk in cohort.get("weeks") or []]
    view = {
        "summary": summary,
        "period": w("From the week of %(first)s to the week of %(last)s.",
                    first=when_text(weeks[0], lang), last=when_text(weeks[-1], lang)) if weeks else "",
        "filters": _selection_text(cohort.get("selection") or {}, w),
        "dimensions": _dimension_rows(cohort.get("dimensions") or {}, lang),
        "failures": [{"what": failure_text(f["key"], lang), "sessions": f["sessions"],
                      "share": score_text(f["percent"], lang)} for f in cohort.get("failures") or ()],
        "scenarios": [{"title": s.get("title") or s["scenario"], "id": s["scenario"],
                       "sessions": s["sessions"], "pass_rate": score_text(s["pass_rate"], lang),
                       "mean_score": score_text(s["mean_score"], lang),
                       "sd": num(s.get("sd")), "lowest": num(s.get("lowest")), "highest": num(s.get("highest")),
                       "weakest": dimension_name(s["weakest"], lang) if s.get("weakest") else ""}
                      for s in cohort.get("scenarios") or ()],
        "charts": _cohort_charts(cohort, lang, pool) if charts and n else None,
    }
    return _render("cohort.html", lang, c=view)
