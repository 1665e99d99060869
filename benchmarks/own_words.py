"""Own-words play-tests: trainee scripts written from each scenario's case file alone.

    python benchmarks/own_words.py [FILE.json ...]   (default: tests/data/own_words/*.json)

Each file maps a scenario id to scripts by style (`excellent_a`, `excellent_b`,
`generic`, `rude`), each a list of replies. Every script is played (seed 1, replies
after the ending are not sent) and the table printed: per scenario and style the ending,
the score and pass/fail; then the targets of issue 10: excellent agents resolve, rude
ones end badly and fail, generic ones never pass, the customer answers the agent's
questions, never asks in the next line for what the agent just gave, and repeats no line
within five turns. Prints figures; asserts nothing (tests/unit/simulator/test_own_words.py
holds the floors on the committed scripts).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
BAD_ENDINGS = ("escalated", "abandoned", "closed")


def play(scenario, replies, seed: int = 1) -> dict:
    from simulator.session import Session

    s = Session(scenario, seed=seed)
    asked = answered = just_given = 0
    last_said: dict[str, int] = {}
    repeats = 0
    ask_keys = {c.id: {ln.key for ln in c.ask} for c in scenario.concerns}
    for reply in replies:
        if s.finished:
            break
        before = set(s.listener.agenda.addressed)
        turn = s.reply(reply)
        n = turn.index
        if turn.score.reading.questions and not s.finished:
            asked += 1
            answered += any(k.startswith("answers.") for k in turn.line_keys)
        newly = set(s.listener.agenda.addressed) - before
        just_given += any(k in ask_keys[c] for c in newly for k in turn.line_keys)
        for k in turn.line_keys:
            if not k.startswith("endings.") and k in last_said and n - last_said[k] <= 5:
                repeats += 1
            last_said[k] = n
    score = s.score()
    return {"outcome": s.outcome, "score": score.total, "passed": score.passed and s.outcome == "resolved",
            "turns": len(s.turns), "asked": asked, "answered": answered, "just_given": just_given,
            "repeats": repeats}


def run(paths) -> dict:
    from simulator.library import resolve

    rows = []
    for path in paths:
        for sid, scripts in json.loads(Path(path).read_text(encoding="utf-8")).items():
            scenario = resolve(sid)
            for style, replies in scripts.items():
                rows.append({"scenario": sid, "style": style, **play(scenario, replies)})
    return {"rows": rows}


def summary(rows) -> dict:
    def share(pred, sub):
        sub = list(sub)
        return sum(1 for r in sub if pred(r)), len(sub)
    exc = [r for r in rows if r["style"].startswith("excellent")]
    rude = [r for r in rows if r["style"] == "rude"]
    gen = [r for r in rows if r["style"] == "generic"]
    return {
        "excellent resolved": share(lambda r: r["outcome"] == "resolved", exc),
        "rude ended badly": share(lambda r: r["outcome"] in BAD_ENDINGS, rude),
        "rude failed": share(lambda r: not r["passed"], rude),
        "generic passed": share(lambda r: r["passed"], gen),
        "questions answered": (sum(r["answered"] for r in rows), sum(r["asked"] for r in rows)),
        "asked for what was just given": (sum(r["just_given"] for r in rows), len(rows)),
        "lines repeated within five turns": (sum(r["repeats"] for r in rows), len(rows)),
    }


def main(argv=None) -> int:
    paths = argv or sorted(str(p) for p in (REPO / "tests" / "data" / "own_words").glob("*.json"))
    rows = run(paths)["rows"]
    print(f"{'scenario':<20}{'style':<13}{'ending':<11}{'score':>6}  pass  turns  asked/answered")
    for r in rows:
        print(f"{r['scenario']:<20}{r['style']:<13}{r['outcome']:<11}{r['score']:6.1f}  "
              f"{'yes ' if r['passed'] else 'no  '}  {r['turns']:>5}  {r['asked']}/{r['answered']}")
    print()
    for name, (a, b) in summary(rows).items():
        print(f"{name:<34} {a}/{b}" + (f" = {a / b:.0%}" if b else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
