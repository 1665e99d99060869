"""What a cohort's sessions say: per-dimension averages, the most common failures and
the hardest scenarios (for `temper report --cohort`, as CSV and HTML)."""

from __future__ import annotations

import csv
import io
from collections import Counter, defaultdict

from scoring.model import DIMENSIONS, SIGNALS

#: The scorer's signals for things a trainee should not do (plus the simulator's own).
BAD_SIGNALS: tuple[str, ...] = tuple(s for s in (
    "non_apology", "dismissed", "parroted", "explained_too_early", "over_promised", "shouted",
    "told_to_calm_down", "blamed", "argued", "sarcastic", "swore", "negative_tone", "deflected",
    "vague", "asked_data_in_public", "wall_of_text",
) if s in SIGNALS) + ("slow_reply",)


def _describe(signal: str) -> str:
    return SIGNALS.get(signal, "replied too slowly" if signal == "slow_reply" else signal)


def summarise(transcripts: list[dict], top: int = 10) -> dict:
    """The cohort summary of finished transcripts (each as `Session.transcript()`)."""
    n = len(transcripts)
    dims_sum: dict[str, float] = defaultdict(float)
    dims_n: dict[str, int] = defaultdict(int)
    failures: Counter = Counter()
    per_scenario: dict[str, list[dict]] = defaultdict(list)
    for t in transcripts:
        for d, v in ((t.get("session") or {}).get("dimensions") or {}).items():
            if v is not None:  # not assessed in that session: no free marks either way
                dims_sum[d] += v
                dims_n[d] += 1
        found = set()
        for turn in t.get("turns", ()):
            found.update(s for s in turn.get("signals", ()) if s in BAD_SIGNALS)
        for s in found:
            failures[f"signal:{s}"] += 1
        if t.get("outcome") in ("escalated", "abandoned", "unfinished"):
            failures[f"outcome:{t['outcome']}"] += 1
        for note in (t.get("session") or {}).get("notes", ()):
            failures[f"note:{note}"] += 1
        per_scenario[t.get("scenario", "?")].append(t)

    def what(key: str) -> str:
        kind, _, rest = key.partition(":")
        if kind == "signal":
            return f"{_describe(rest)} ({rest})"
        if kind == "outcome":
            return {"escalated": "the customer escalated", "abandoned": "the customer gave up and left",
                    "unfinished": "the conversation was left unfinished"}.get(rest, rest)
        return rest

    scenarios = []
    for sid, ts in per_scenario.items():
        dims = {}
        for d in DIMENSIONS:
            got = [v for t in ts if (v := ((t.get("session") or {}).get("dimensions") or {}).get(d)) is not None]
            if got:
                dims[d] = sum(got) / len(got)
        scenarios.append({
            "scenario": sid,
            "title": ts[-1].get("scenario_title", ""),
            "sessions": len(ts),
            "pass_rate": round(100.0 * sum(1 for t in ts if t.get("passed")) / len(ts), 1),
            "mean_score": round(sum(float(t.get("score") or 0) for t in ts) / len(ts), 1),
            "weakest": min(dims, key=lambda d: (dims[d], d)) if dims else "",
        })
    scenarios.sort(key=lambda s: (s["pass_rate"], s["mean_score"], s["scenario"]))
    ranked = sorted(failures.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
    return {
        "sessions": n,
        "trainees": len({t.get("trainee") for t in transcripts}),
        "passed": sum(1 for t in transcripts if t.get("passed")),
        "pass_rate": round(100.0 * sum(1 for t in transcripts if t.get("passed")) / n, 1) if n else 0.0,
        "dimensions": {d: round(dims_sum[d] / dims_n[d], 1) for d in DIMENSIONS if dims_n[d]},
        "failures": [{"what": what(k), "key": k, "sessions": c, "percent": round(100.0 * c / n, 1)}
                     for k, c in ranked],
        "scenarios": scenarios,
    }


def cohort_csv(summary: dict) -> str:
    """One table with a `section` column: dimension averages, failures, scenarios."""
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["section", "name", "value", "sessions", "percent", "mean_score", "detail"])
    w.writerow(["summary", "sessions", summary["sessions"], summary["sessions"], summary["pass_rate"], "",
                f"{summary['trainees']} trainees, {summary['passed']} passed"])
    for d, v in summary["dimensions"].items():
        w.writerow(["dimension", d, v, summary["sessions"], "", "", ""])
    for f in summary["failures"]:
        w.writerow(["failure", f["key"], f["sessions"], f["sessions"], f["percent"], "", f["what"]])
    for s in summary["scenarios"]:
        w.writerow(["scenario", s["scenario"], s["pass_rate"], s["sessions"], s["pass_rate"],
                    s["mean_score"], f"weakest: {s['weakest']}; {s['title']}"])
    return out.getvalue()
