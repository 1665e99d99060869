"""What a cohort's sessions say: per-dimension averages, the most common failures and
the hardest scenarios (for `temper report --cohort`, as CSV and HTML).

A failure is counted once per session that shows it, under one key: a fault the judge
signalled (`signal:told_to_calm_down`), a step of the protocol never taken
(`missed:apology`, `missed:closure`) or a bad ending (`outcome:escalated`). The judge's
coaching notes are not counted as well: they restate the same faults in other words.
A dimension that never came up in a session (None, "not assessed") is left out of that
dimension's average rather than counted as anything.
"""

from __future__ import annotations

import csv
import io
import statistics
from collections import Counter, defaultdict
from datetime import date, datetime, timedelta
from typing import Iterable, Mapping

from scoring.model import DIMENSIONS, SIGNALS
from simulator.wording import N_, Words, dimension_name, language, truncated

#: The scorer's signals for things a trainee should not do (plus the simulator's own),
#: most serious first: a policy breach, personal data in public, rudeness, a hand-off.
BAD_SIGNALS: tuple[str, ...] = tuple(s for s in (
    "over_promised", "asked_data_in_public",
    "swore", "told_to_calm_down", "blamed", "shouted", "sarcastic", "rude", "threatened", "argued",
    "deflected",
    "non_apology", "dismissed", "parroted", "explained_too_early", "negative_tone", "brushed_off",
    "vague", "wall_of_text",
) if s in SIGNALS) + ("slow_reply",)
BAD_OUTCOMES: tuple[str, ...] = ("escalated", "abandoned", "closed", "unfinished")

# --- this module's words (English msgids, marked for the gettext catalogue) -------------------------
FAILURES: Mapping[str, str] = {
    "signal:over_promised": N_("Promised more than the policy allows"),
    "signal:asked_data_in_public": N_("Asked for personal data in a public channel"),
    "signal:swore": N_("Swore at the customer"),
    "signal:told_to_calm_down": N_("Told the customer to calm down"),
    "signal:blamed": N_("Blamed the customer"),
    "signal:shouted": N_("Shouted (capitals, “!!!”)"),
    "signal:sarcastic": N_("Was sarcastic"),
    "signal:rude": N_("Was impatient or condescending"),
    "signal:threatened": N_("Threatened the customer"),
    "signal:argued": N_("Argued with or corrected the customer"),
    "signal:deflected": N_("Handed the customer off to another department or channel"),
    "signal:non_apology": N_("Gave a non-apology (“sorry you feel that way”)"),
    "signal:dismissed": N_("Minimised the problem"),
    "signal:parroted": N_("Copied the customer's words verbatim"),
    "signal:explained_too_early": N_("Explained or offered a fix while the customer vented"),
    "signal:negative_tone": N_("Negative wording"),
    "signal:brushed_off": N_("Closed a topic without helping"),
    "signal:vague": N_("Vague next steps (“we'll look into it”)"),
    "signal:wall_of_text": N_("Too long for the channel"),
    "signal:slow_reply": N_("Kept the customer waiting"),
    "missed:apology": N_("Never apologised"),
    "missed:closure": N_("Never checked that the solution works for the customer"),
    "outcome:escalated": N_("The customer demanded a manager"),
    "outcome:abandoned": N_("The customer gave up and left"),
    "outcome:closed": N_("Closed before the customer agreed"),
    "outcome:unfinished": N_("The conversation was left unfinished"),
}


def failure_text(key: str, lang: str | None = "en") -> str:
    """A failure key (`signal:blamed`, `missed:apology`, `outcome:escalated`) in words."""
    if key in FAILURES:
        return Words(lang)(FAILURES[key])
    kind, _, rest = key.partition(":")
    return SIGNALS.get(rest, rest.replace("_", " ")) if kind == "signal" else rest.replace("_", " ")


def failures_of(transcript: dict) -> set[str]:
    """The failure keys one session shows (each once)."""
    turns = transcript.get("turns") or ()
    found = {f"signal:{s}" for turn in turns for s in turn.get("signals") or () if s in BAD_SIGNALS}

    def shown(dim: str) -> bool:
        return any(((turn.get("scores") or {}).get(dim) or {}).get("score", 0) > 0 for turn in turns)

    if turns and not shown("apology"):
        found.add("missed:apology")
    if turns and transcript.get("outcome") != "resolved" and not shown("closure"):
        found.add("missed:closure")
    if transcript.get("outcome") in BAD_OUTCOMES:
        found.add(f"outcome:{transcript['outcome']}")
    return found


#: The version of `digest`'s shape: a digest kept with another one is made again from its
#: transcript (so a Temper that reads more of a session never reports from an old digest).
DIGEST_VERSION = 1
#: The fields of a transcript `summarise` and `select` read, besides its turns.
DIGEST_KEYS = ("scenario", "scenario_title", "outcome", "score", "passed", "pass_mark", "language")


def digest(transcript: dict) -> dict:
    """What the cohort report reads of one session (a transcript `transcript_problem`
    accepts), small enough to be kept beside it in the results store and read instead of
    it: the fields `summarise` reads, its dimensions, and its turns as one that holds
    every signal shown and the best apology and closure scores (all `failures_of` asks of
    the turns). `summarise` gives the same figures from digests as from the transcripts."""
    t = {k: transcript[k] for k in DIGEST_KEYS if k in transcript}
    session = transcript.get("session")
    if isinstance(session, dict) and "dimensions" in session:
        t["session"] = {"dimensions": session["dimensions"]}
    turns = transcript.get("turns") or []
    if turns:
        shown: set = set()
        best = {"apology": 0, "closure": 0}
        for turn in turns:
            shown.update(turn.get("signals") or ())
            scores = turn.get("scores") or {}
            for d in best:
                v = scores.get(d)
                v = v.get("score") if isinstance(v, dict) else None
                if isinstance(v, (int, float)) and not isinstance(v, bool) and v > best[d]:
                    best[d] = v
        turns = [{"signals": sorted(shown), "scores": {d: {"score": v} for d, v in best.items()}}]
    t["turns"] = turns
    return t


def _severity(key: str) -> int:
    order = [f"signal:{s}" for s in BAD_SIGNALS] + ["missed:apology", "missed:closure"] + \
        [f"outcome:{o}" for o in BAD_OUTCOMES]
    return order.index(key) if key in order else len(order)


def _mean(values: list[float]) -> float | None:
    """The mean cut to one decimal, as every figure here (the app's rule: never rounded up)."""
    return truncated(sum(values) / len(values)) if values else None


def _percent(part: int, whole: int) -> float:
    return truncated(100.0 * part / whole) if whole else 0.0


def session_day(transcript: dict) -> date | None:
    """The day a session was sat: its `started_at` (UTC, from the results store, which
    every session the report reads carries: `ResultsStore.cohort_sessions`), else, for a
    transcript from elsewhere, the session's own date (`today`, which SOURCE_DATE_EPOCH
    pins, so it is not when a pinned session was sat); None when neither reads as a date."""
    for key in ("started_at", "today"):
        text = str(transcript.get(key) or "")[:10]
        try:
            return date.fromisoformat(text)
        except ValueError:
            continue
    return None


def select(transcripts: Iterable[dict], since: date | None = None,
           scenarios: Iterable[str] | None = None) -> list[dict]:
    """The transcripts sat on or after `since` (an undated one is left out then) and of
    one of `scenarios` (ids), in their order."""
    wanted = set(scenarios) if scenarios else None
    out = []
    for t in transcripts:
        if wanted is not None and t.get("scenario") not in wanted:
            continue
        if since is not None and ((day := session_day(t)) is None or day < since):
            continue
        out.append(t)
    return out


def _spread(values: list[float]) -> dict:
    """Mean, standard deviation (of these sessions, not an estimate for others), lowest
    and highest, each cut to one decimal."""
    return {"mean": _mean(values), "sd": truncated(statistics.pstdev(values)) if values else None,
            "lowest": truncated(min(values)) if values else None,
            "highest": truncated(max(values)) if values else None, "sessions": len(values)}


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def trends(transcripts: list[dict]) -> dict:
    """What changes over time: each trainee's scores by date and the cohort's pass rate per
    week (weeks start on Monday; a week with no session between two that have some is
    kept, with no pass rate, so a chart spaces weeks evenly). Undated sessions are left
    out of both."""
    points: dict[str, list[tuple[date, float]]] = defaultdict(list)
    weeks: dict[date, list[bool]] = defaultdict(list)
    for t in transcripts:
        day = session_day(t)
        if day is None:
            continue
        if t.get("score") is not None:
            points[str(t.get("trainee") or "?")].append((day, float(t["score"])))
        weeks[_monday(day)].append(bool(t.get("passed")))
    rows = []
    if weeks:
        week, last = min(weeks), max(weeks)
        while week <= last:
            results = weeks.get(week, [])
            rows.append({"week": week.isoformat(), "sessions": len(results), "passed": sum(results),
                         "pass_rate": _percent(sum(results), len(results)) if results else None})
            week += timedelta(days=7)
    trainees = []
    for name in sorted(points, key=lambda n: (n.casefold(), n)):
        ps = sorted(points[name], key=lambda p: p[0])  # stable: same-day sessions keep their order
        trainees.append({"trainee": name, "points": [(d.isoformat(), v) for d, v in ps],
                         "mean": _mean([v for _, v in ps])})
    return {"trainee_scores": trainees, "weeks": rows}


def summarise(transcripts: list[dict], top: int = 10) -> dict:
    """The cohort summary of finished transcripts (each as `Session.transcript()`)."""
    n = len(transcripts)
    dims: dict[str, list[float]] = defaultdict(list)
    failures: Counter = Counter()
    per_scenario: dict[str, list[dict]] = defaultdict(list)
    scenario_dims: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    for t in transcripts:  # one pass: each session's dimensions, for the cohort and its scenario
        sid = t.get("scenario", "?")
        theirs = scenario_dims[sid]
        for d, v in ((t.get("session") or {}).get("dimensions") or {}).items():
            if v is not None:
                dims[d].append(float(v))
                theirs[d].append(float(v))
        failures.update(failures_of(t))
        per_scenario[sid].append(t)

    scenarios = []
    for sid, ts in per_scenario.items():
        means = {d: _mean(scenario_dims[sid].get(d, [])) for d in DIMENSIONS}
        assessed = {d: v for d, v in means.items() if v is not None}
        scores = [float(t["score"]) for t in ts if t.get("score") is not None]
        spread = _spread(scores)
        scenarios.append({
            "scenario": sid,
            "title": ts[-1].get("scenario_title", ""),
            "sessions": len(ts),
            "pass_rate": _percent(sum(1 for t in ts if t.get("passed")), len(ts)),
            "mean_score": _mean(scores) if scores else 0.0,
            "weakest": min(assessed, key=lambda d: (assessed[d], d)) if assessed else "",
            "sd": spread["sd"], "lowest": spread["lowest"], "highest": spread["highest"],
        })
    scenarios.sort(key=lambda s: (s["pass_rate"], s["mean_score"], s["scenario"]))
    ranked = sorted(failures.items(), key=lambda kv: (-kv[1], _severity(kv[0]), kv[0]))[:top]
    langs = {language(t.get("language")) for t in transcripts}
    marks = Counter(float(t["pass_mark"]) for t in transcripts
                    if isinstance(t.get("pass_mark"), (int, float)) and not isinstance(t["pass_mark"], bool))
    return {
        "sessions": n,
        "trainees": len({t.get("trainee") for t in transcripts}),
        "passed": sum(1 for t in transcripts if t.get("passed")),
        "pass_rate": _percent(sum(1 for t in transcripts if t.get("passed")), n),
        "language": langs.pop() if len(langs) == 1 else "en",
        "dimensions": {d: _mean(dims[d]) for d in DIMENSIONS if dims[d]},
        "failures": [{"what": failure_text(k), "key": k, "sessions": c, "percent": _percent(c, n)}
                     for k, c in ranked],
        "scenarios": scenarios,
        "dimension_spread": {d: _spread(dims[d]) for d in DIMENSIONS if dims[d]},
        # the pass mark most sessions were judged against (drawn on the trainees' charts)
        "pass_mark": min(marks, key=lambda m: (-marks[m], m)) if marks else None,
        **trends(transcripts),
    }


def cohort_csv(summary: dict) -> str:
    """One table with a `section` column: dimension averages, failures, scenarios. The
    `name` column holds stable keys for spreadsheets; `detail` says them in words."""
    lang = summary.get("language", "en")
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["section", "name", "value", "sessions", "percent", "mean_score", "detail"])
    w.writerow(["summary", "sessions", summary["sessions"], summary["sessions"], summary["pass_rate"], "",
                f"{summary['trainees']} trainees, {summary['passed']} passed"])
    for d, v in summary["dimensions"].items():
        w.writerow(["dimension", d, v, summary["sessions"], "", "", dimension_name(d, lang)])
    for f in summary["failures"]:
        w.writerow(["failure", f["key"], f["sessions"], f["sessions"], f["percent"], "",
                    failure_text(f["key"], lang)])
    for s in summary["scenarios"]:
        weakest = dimension_name(s["weakest"], lang) if s["weakest"] else ""
        w.writerow(["scenario", s["scenario"], s["pass_rate"], s["sessions"], s["pass_rate"],
                    s["mean_score"], f"{s['title']}; weakest: {weakest}" if weakest else s["title"]])
    for week in summary.get("weeks", ()):
        rate = "" if week["pass_rate"] is None else week["pass_rate"]
        w.writerow(["week", week["week"], rate, week["sessions"], rate, "", f"{week['passed']} passed"])
    for t in summary.get("trainee_scores", ()):
        (first, a), (last, b) = t["points"][0], t["points"][-1]
        w.writerow(["trainee", t["trainee"], t["mean"], len(t["points"]), "", t["mean"],
                    f"first {first}: {a}; latest {last}: {b}"])
    return out.getvalue()
