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
    from simulator.terminal import printable
    from simulator.wording import score_text

    skipped: list[str] = []
    with open_store(database_path(args.db)) as store:
        records = store.sessions(args.trainee, skipped=skipped)
        if args.unfinished:
            records = [r for r in records if not r.finished]
        where = store.path
    for message in skipped:
        print(f"temper: warning: {printable(message)}", file=sys.stderr)
    if args.json:
        print(json.dumps([dataclasses.asdict(r) for r in records], ensure_ascii=False, indent=2))
        return 0
    if not records:
        who = f" for {args.trainee}" if args.trainee else ""
        print(printable(f"No sessions{who} in {where}."))
        return 0
    records = [dataclasses.replace(r, trainee=printable(r.trainee, 60),
                                   scenario_id=printable(r.scenario_id, 60)) for r in records]
    name_w = max(7, *(len(r.trainee) for r in records))
    scen_w = max(8, *(len(r.scenario_id) for r in records))
    print(f"{'id':>5}  {'started (UTC)':<20}  {'trainee':<{name_w}}  {'scenario':<{scen_w}}  "
          f"{'mode':<8}  {'outcome':<10}  score  result")
    for r in records:
        score = "    -" if r.score is None else f"{score_text(r.score):>5}"
        result = "-" if r.passed is None else ("pass" if r.passed else "fail")
        print(f"{r.id:>5}  {r.started_at:<20}  {r.trainee:<{name_w}}  {r.scenario_id:<{scen_w}}  "
              f"{r.mode:<8}  {r.outcome:<10}  {score}  {result}")
    return 0
