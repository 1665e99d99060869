"""Human reports as standalone HTML, built as plain strings (no Qt, no templates).

- `session_report_html(transcript)`: one session (the desktop app reuses it for its
  own HTML/PDF export);
- `certification_report_html(result)`: one trainee's certification result;
- `cohort_report_html(cohort)`: the cohort summary made by `simulator.cohort`.

The HTML keeps to what both browsers and Qt's text engine understand (tables with
`bgcolor`/`width` for the bars, a PNG for the hostility curve), so `ui/export.py` can
print the very same document to PDF without a display.
"""

from __future__ import annotations

import html
from typing import Iterable

from simulator.curve_png import bar_data_uri, curve_data_uri
from simulator.safetext import xml_safe


def escape(text: str, quote: bool = True) -> str:
    """HTML-escaped, without the characters XML 1.0 forbids (control characters, lone
    surrogates): a report stays well-formed text whatever a name or reply held."""
    return html.escape(xml_safe(str(text)), quote)


#: What to practise when a dimension is weak (the behaviours in docs/DOMAIN).
ADVICE = {
    "apology": "Say a genuine \"I'm so sorry this happened\" early, before any explanation; "
               "avoid \"sorry you feel that way\" and \"sorry, but\".",
    "empathy": "Name and validate the feeling (\"I understand how frustrating it is to...\"); "
               "never minimise the problem.",
    "mirroring": "Relay the customer's own key words back in your own sentence, without "
                 "copying theirs.",
    "promises": "Promise only what the policy can keep, with a margin (\"within 5 business days\"); "
                "no \"guaranteed\" or \"right now\".",
    "calm": "Stay courteous and steady: no capitals or \"!!!\", no blame, no \"calm down\", "
            "no arguing.",
    "listening": "While the anger is rising, listen and ask them to tell you more; solutions "
                 "come later.",
    "ownership": "Keep the case: \"I will...\", not \"that's not my department\".",
    "personal": "Use the customer's name and thank them, even when they are angry.",
    "next_steps": "Say what will happen, when, and who is responsible.",
    "closure": "Before ending, check that the solution works for them.",
    "etiquette": "Fit the channel: short, complete emails; personal data only in private.",
}

_STYLE = """
body { font-family: sans-serif; font-size: 10pt; color: #222; }
h1 { font-size: 16pt; margin-bottom: 2pt; }
h2 { font-size: 13pt; margin-top: 14pt; }
h3 { font-size: 11pt; margin-top: 10pt; }
table.data { border-collapse: collapse; }
table.data td, table.data th { padding: 3px 8px; text-align: left; }
.pass { color: #1b7a33; font-weight: bold; }
.fail { color: #b3261e; font-weight: bold; }
.muted { color: #666; }
.customer { color: #5a3b00; }
.good { background-color: #c8f0c8; }
.bad { background-color: #f7c8c8; }
"""


def document(title: str, body: str, lang: str = "en") -> str:
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{escape(lang)}"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title><style>{_STYLE}</style></head>\n"
        f"<body>\n{body}\n</body></html>\n"
    )


def verdict(passed: bool | None) -> str:
    if passed is None:
        return '<span class="muted">unfinished</span>'
    return '<span class="pass">PASSED</span>' if passed else '<span class="fail">FAILED</span>'


def bar(value: float | None) -> str:
    """A horizontal bar for a 0..100 value (a small PNG: printable by Qt and browsers)."""
    if value is None:
        return '<span class="muted">n/a</span>'
    v = round(max(0.0, min(100.0, float(value))))
    return f'<img src="{bar_data_uri(v)}" width="200" height="12" alt="{v} of 100">'


def dimension_table(dimensions: dict, extra: dict | None = None) -> str:
    rows = []
    for dim, value in dimensions.items():
        tail = f"<td>{escape(str(extra[dim]))}</td>" if extra and dim in extra else ""
        rows.append(f"<tr><td>{escape(dim)}</td><td>{bar(value)}</td>"
                    f"<td>{_num(value)}</td>{tail}</tr>")
    return '<table class="data" cellpadding="3" cellspacing="0">' + "".join(rows) + "</table>"


def curve_html(levels: Iterable[float], caption: str = "Hostility curve") -> str:
    levels = [float(v) for v in levels]
    if not levels:
        return ""
    heads = "".join(f"<th>{'start' if i == 0 else i}</th>" for i in range(len(levels)))
    values = "".join(f"<td>{v:.0f}</td>" for v in levels)
    return (
        f"<h3>{escape(caption)}</h3>"
        f'<p><img src="{curve_data_uri(levels)}" width="600" height="180" '
        f'alt="hostility after each reply: {", ".join(f"{v:.0f}" for v in levels)}"></p>'
        '<p class="muted">0 calm, 100 furious; bands: calm, annoyed, angry, furious.</p>'
        f'<table class="data" cellpadding="3" cellspacing="0"><tr><th>reply</th>{heads}</tr>'
        f"<tr><td>hostility</td>{values}</tr></table>"
    )


def annotate(reply: str, evidence: list[dict]) -> str:
    """The reply as HTML with each piece of evidence highlighted and numbered."""
    spans = sorted(
        ((e.get("start", 0), e.get("end", 0), n, e) for n, e in enumerate(evidence, 1)
         if 0 <= e.get("start", 0) < e.get("end", 0) <= len(reply)),
        key=lambda s: (s[0], s[1] - s[0], s[2]),  # the most specific span first
    )
    out, pos = [], 0
    for start, end, n, e in spans:
        if start < pos:
            continue  # overlaps an earlier highlight: listed below only
        out.append(escape(reply[pos:start]))
        cls = "good" if e.get("polarity", 1) > 0 else "bad"
        out.append(f'<span class="{cls}" title="{escape(e.get("reason", ""))}">'
                   f"{escape(reply[start:end])}</span><sup>{n}</sup>")
        pos = end
    out.append(escape(reply[pos:]))
    return "".join(out)


def turn_evidence(turn: dict) -> list[dict]:
    """Every piece of evidence in one turn, with its dimension, in report order."""
    out = []
    for dim, result in (turn.get("scores") or {}).items():
        for e in result.get("evidence", ()):
            out.append({**e, "dimension": dim})
    return out


#: A dimension below this (0..100) gets a line of advice in "what to practise next".
WEAK = 70.0


def practise_next(transcript: dict, limit: int = 5) -> list[str]:
    """Advice, weakest first: unmet expectations, then the recurring fault of each weak
    dimension (a one-off slip in a dimension handled well overall is not worth a line)."""
    from collections import Counter

    session = transcript.get("session") or {}
    items: list[str] = list(session.get("notes", ()))
    dims = session.get("dimensions") or {}
    for dim, value in sorted(dims.items(), key=lambda kv: (kv[1], kv[0])):
        if value >= WEAK:
            break
        faults = Counter(
            (turn.get("scores") or {}).get(dim, {}).get("note")
            for turn in transcript.get("turns", ())
            if (turn.get("scores") or {}).get(dim, {}).get("score", 0) < 0
        )
        faults.pop(None, None)
        faults.pop("", None)
        if faults:
            items.append(faults.most_common(1)[0][0])
        elif value < 50 and dim in ADVICE:
            items.append(f"{dim}: {ADVICE[dim]}")
    seen, out = set(), []
    for item in items:
        if item not in seen:
            seen.add(item)
            out.append(item)
    return out[:limit]


def session_section(t: dict, heading: str = "h2") -> str:
    """The body of one session's report (used alone and inside certification reports)."""
    session = t.get("session") or {}
    parts = [
        f"<{heading}>{escape(str(t.get('scenario_title') or t.get('scenario', 'Session')))}</{heading}>",
        f"<p>Outcome: <b>{escape(str(t.get('outcome', 'unfinished')))}</b> &nbsp; "
        f"Score: <b>{_num(t.get('score'))}</b>/100 &nbsp; {verdict(t.get('passed'))}"
        f' <span class="muted">(scenario {escape(str(t.get("scenario", "")))}, '
        f"seed {escape(str(t.get('seed', '')))}, {escape(str(t.get('channel', '')))}, "
        f"scorer {escape(str(t.get('scorer_version', '')))})</span></p>",
    ]
    if session.get("dimensions"):
        parts.append("<h3>Scores by dimension</h3>" + dimension_table(session["dimensions"]))
    parts.append(curve_html(t.get("hostility_curve") or ()))
    parts.append("<h3>Transcript</h3>")
    if t.get("opening"):
        parts.append(f'<p class="customer"><b>Customer:</b> {escape(t["opening"])}</p>')
    for turn in t.get("turns", ()):
        evidence = turn_evidence(turn)
        h = turn.get("hostility") or {}
        parts.append(
            f"<p><b>You</b> <span class=\"muted\">(reply {turn.get('index')}, "
            f"{float(turn.get('latency_s', 0)):.0f} s, {escape(str((turn.get('phase') or {}).get('before', '')))}; "
            f"hostility {_num(h.get('before'))} &rarr; {_num(h.get('after'))})</span>: "
            f"{annotate(turn.get('reply', ''), evidence)}</p>"
        )
        if evidence:
            items = "".join(
                f'<li><span class="{"good" if e.get("polarity", 1) > 0 else "bad"}">'
                f'{"+" if e.get("polarity", 1) > 0 else "&minus;"} {escape(e["dimension"])}</span>: '
                f"&ldquo;{escape(e.get('text', ''))}&rdquo; &mdash; {escape(e.get('reason', ''))}</li>"
                for e in evidence
            )
            parts.append(f"<ol>{items}</ol>")
        parts.append(f'<p class="customer"><b>Customer:</b> {escape(turn.get("customer", ""))}</p>')
    advice = practise_next(t)
    if advice:
        parts.append("<h3>What to practise next</h3><ul>"
                     + "".join(f"<li>{escape(a)}</li>" for a in advice) + "</ul>")
    return "\n".join(p for p in parts if p)


def session_report_html(transcript: dict) -> str:
    """A standalone HTML document for one session's transcript (`Session.transcript()`)."""
    title = f"Temper session report: {transcript.get('scenario_title') or transcript.get('scenario', '')}"
    body = "<h1>Temper session report</h1>\n" + session_section(transcript, "h2")
    return document(title, body, str(transcript.get("language") or "en"))


def certification_report_html(result: dict) -> str:
    """One trainee's certification result (`simulator.certify.runner`) as HTML."""
    plan = result.get("plan") or {}
    title = f"Certification report: {result.get('trainee', '')} - {plan.get('title', '')}"
    parts = [
        f"<h1>{escape(title)}</h1>",
        f"<p>Overall: <b>{_num(result.get('score'))}</b>/100 (pass mark {_num(plan.get('pass_mark'))}) "
        f"&nbsp; {verdict(result.get('passed'))}</p>",
        f'<p class="muted">Plan {escape(str(plan.get("file", "")))} (sha256 {escape(str(plan.get("sha256", ""))[:12])}), '
        f"scorer {escape(str(result.get('scorer_version', '')))}, "
        f"{escape(str(result.get('mode', '')))}, generated {escape(str(result.get('generated_at', '')))}</p>",
    ]
    failures = result.get("failures") or []
    if failures:
        parts.append("<h2>Why it did not pass</h2><ul>"
                     + "".join(f"<li>{escape(f['message'])}</li>" for f in failures) + "</ul>")
    rows = "".join(
        f"<tr><td>{escape(s['id'])}</td><td>{escape(s.get('title', ''))}</td>"
        f"<td>{escape(s.get('outcome', ''))}</td><td>{_num(s.get('score'))}</td>"
        f"<td>{_num(s.get('pass_mark'))}</td><td>{verdict(s.get('passed'))}</td></tr>"
        for s in result.get("scenarios", ())
    )
    parts.append('<h2>Scenarios</h2><table class="data" cellpadding="3" cellspacing="0"><tr><th>id</th><th>scenario</th>'
                 "<th>outcome</th><th>score</th><th>pass mark</th><th></th></tr>" + rows + "</table>")
    if result.get("dimensions"):
        parts.append("<h2>Scores by dimension (mean over the scenarios)</h2>"
                     + dimension_table(result["dimensions"]))
    for s in result.get("scenarios", ()):
        if s.get("failures"):
            parts.append(f"<h2>{escape(s['id'])}: what went wrong</h2><ul>"
                         + "".join(f"<li>{escape(f['message'])}</li>" for f in s["failures"]) + "</ul>")
        if s.get("transcript"):
            parts.append(session_section(s["transcript"], "h2"))
    return document(title, "\n".join(parts))


def cohort_report_html(cohort: dict) -> str:
    """The cohort summary (`simulator.cohort.summarise`) as HTML."""
    title = "Temper cohort report"
    n = cohort.get("sessions", 0)
    parts = [
        f"<h1>{title}</h1>",
        f"<p>{n} finished session{'s' * (n != 1)} by {cohort.get('trainees', 0)} trainee(s); "
        f"{cohort.get('passed', 0)} passed ({_num(cohort.get('pass_rate'))}%).</p>",
    ]
    if cohort.get("dimensions"):
        parts.append("<h2>Average score per dimension</h2>" + dimension_table(cohort["dimensions"]))
    fails = cohort.get("failures") or []
    if fails:
        parts.append(
            '<h2>Most common failures</h2><table class="data" cellpadding="3" cellspacing="0"><tr><th>what</th><th>sessions</th>'
            "<th>share</th></tr>"
            + "".join(f"<tr><td>{escape(f['what'])}</td><td>{f['sessions']}</td>"
                      f"<td>{_num(f['percent'])}%</td></tr>" for f in fails)
            + "</table>"
        )
    hard = cohort.get("scenarios") or []
    if hard:
        parts.append(
            '<h2>Hardest scenarios</h2><table class="data" cellpadding="3" cellspacing="0"><tr><th>scenario</th><th>sessions</th>'
            "<th>pass rate</th><th>mean score</th><th>weakest dimension</th></tr>"
            + "".join(f"<tr><td>{escape(s['scenario'])}<br>"
                      f"<span class=\"muted\">{escape(s.get('title', ''))}</span></td>"
                      f"<td>{s['sessions']}</td><td>{_num(s['pass_rate'])}%</td>"
                      f"<td>{_num(s['mean_score'])}</td><td>{escape(s.get('weakest', ''))}</td></tr>"
                      for s in hard)
            + "</table>"
        )
    return document(title, "\n".join(parts))


def score_text(value) -> str:
    """A score as people read it: whole numbers bare, others to one decimal, so that a
    69.6 that fails a pass mark of 70 never shows as "70"."""
    return _num(value)


def _num(value) -> str:
    if value is None:
        return "&ndash;"
    try:
        return f"{float(value):.0f}" if float(value).is_integer() else f"{float(value):.1f}"
    except (TypeError, ValueError):
        return escape(str(value))
