"""`temper history [--trainee NAME]`: the sessions in the results database, newest first."""

from __future__ import annotations


def register(sub) -> None:
    p = sub.add_parser("history", help="list the sessions in the results database",
                       description="List the sessions recorded in the results database, newest first.")
    p.add_argument("--trainee", metavar="NAME", help="only this trainee's sessions")
    p.add_argument("--unfinished", action="store_true", help="only sessions that never finished")
    p.add_argument("--db", metavar="PATH|URL", help="the results database: a file, sqlite:///FILE or postgresql://USER@HOST/DB (default: the settings, else the user data folder)")
    p.add_argument("--json", action="store_true", help="print the records as JSON")
    p.set_defaults(run=run)


def run(args) -> int:
    import dataclasses
    import json
    import sys

    from simulator.config import database_path
    from simulator.store import open_store
    from simulator.errors import said
    from simulator.terminal import printable
    from simulator.resume import why_not
    from simulator.wording import interface_language, mode_text, phase_text, score_text, words

    skipped: list[str] = []
    with open_store(database_path(args.db)) as store:
        records = store.sessions(args.trainee, skipped=skipped)
        if args.unfinished:
            records = [r for r in records if not r.finished]
        where = store.path
    w = words(interface_language())
    for message in skipped:
        print(w("temper: warning: %(message)s", message=printable(said(message, w.lang))), file=sys.stderr)
    if args.json:
        print(json.dumps([dataclasses.asdict(r) for r in records], ensure_ascii=False, indent=2))
        return 0
    if not records:
        text = (w("No sessions for %(trainee)s in %(where)s.", trainee=args.trainee, where=where)
                if args.trainee else w("No sessions in %(where)s.", where=where))
        print(printable(text))
        return 0
    lang = w.lang
    records = [dataclasses.replace(r, trainee=printable(r.trainee, 60),
                                   scenario_id=printable(r.scenario_id, 60)) for r in records]
    head = {"id": w("id"), "started": w("started (UTC)"), "trainee": w("trainee"),
            "scenario": w("scenario"), "mode": w("mode"), "outcome": w("outcome"),
            "score": w("score"), "result": w("result")}
    rows = []
    for r in records:
        score = "-" if r.score is None else score_text(r.score, lang)
        result = "-" if r.passed is None else (w("pass") if r.passed else w("fail"))
        rows.append({"id": str(r.id), "started": r.started_at, "trainee": r.trainee,
                     "scenario": r.scenario_id, "mode": mode_text(r.mode, lang).lower(),
                     "outcome": phase_text(r.outcome, lang), "score": score, "result": result})
    width = {k: max(len(head[k]), *(len(row[k]) for row in rows)) for k in head}
    right = {"id", "score"}

    def line(cells: dict) -> str:
        return "  ".join(cells[k].rjust(width[k]) if k in right else cells[k].ljust(width[k])
                         for k in head).rstrip()

    print(line(head))
    for row in rows:
        print(line(row))
    if any(why_not(r) is None for r in records):
        print()
        print(w("An unfinished practice session is carried on where it stopped with "
                "`temper play --resume ID` (ID from the first column)."))
    return 0
