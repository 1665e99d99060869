"""Many desktops at once: N processes certifying and practising into one PostgreSQL database.

    python benchmarks/centre.py [--db postgresql://USER@HOST/DB] [--sessions 12] [--procs 1,2,4,8]

Without --db a throwaway server is started from Debian's `postgresql` package (as the
tests do) and a fresh database made for each N. Each process plays, turn by turn through
the store like a desktop does:
  - practice sessions of its own trainee (every turn recorded as it happens, then finished),
  - certification sittings of its own trainee (an attempt, a sitting, the result recorded),
    holding that trainee's lease,
  - and, between sessions, tries to sit as the one trainee every desktop shares, `shared`:
    the lease must let only one desktop at a time.
Then it checks, from the database: every session each process says it wrote is there exactly
once with all its turns (0 lost, 0 duplicated), nothing else is, and no two holds of the
shared trainee's lease overlapped. It prints sessions per second for each N.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import secrets
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

SCENARIO = REPO / "scenarios" / "late_delivery.yaml"
#: Alice's replies from the certification example: a session that resolves.
ALICE = REPO / "examples" / "certification" / "replies" / "alice.yaml"


def _alice_replies() -> list[str]:
    from simulator.certify.submissions import Submission

    return [r.text for r in Submission("alice", str(ALICE)).load(("late_delivery",))["late_delivery"]]


REPLIES = _alice_replies()


def _play(store, scenario, trainee, seed, mode, lease=None, attempt_id=None):
    from simulator.session import Session

    sid = store.begin(trainee=trainee, scenario=scenario, seed=seed, mode=mode,
                      attempt_id=attempt_id, entry_id="e1" if attempt_id else None)
    session = Session(scenario, seed=seed, observers=[store.recorder(sid, lease)])
    for text in REPLIES:
        if session.finished:
            break
        session.reply(text, 5.0)
    store.finish(sid, session.transcript())
    return sid, len(session.turns), session.transcript()


def desktop(url, number, sessions, start, results, holds_path):
    from simulator.format.loader import load_scenario
    from simulator.store import LeaseHeld, open_store

    scenario = load_scenario(SCENARIO)
    store = open_store(url)
    log = os.open(holds_path, os.O_WRONLY | os.O_APPEND)
    me = f"desk{number}"
    wrote = []  # (trainee, seed, session id, turns)
    start.wait()
    for i in range(sessions):
        seed = number * 100_000 + i
        if i % 3 == 2:  # a certification sitting, under the trainee's lease
            with store.acquire(f"trainee:{me}", what=f"{me}'s certification") as lease:
                aid = store.begin_attempt(trainee=me, plan_id="bench", exam_sha256="x" * 64,
                                          mode="interactive")
                sid, n, t = _play(store, scenario, me, seed, "certify", lease, aid)
                store.finish_attempt(aid, {"trainee": me, "scenarios": [t["outcome"]]})
        else:
            sid, n, _ = _play(store, scenario, me, seed, "practice")
        wrote.append((me, seed, sid, n))
        try:  # everyone wants to sit as `shared` now and then: one at a time
            lease = store.acquire("trainee:shared", what=f"{me}")
        except LeaseHeld:
            continue
        with lease:
            os.write(log, f"+{number}\n".encode())
            sid, n, _ = _play(store, scenario, "shared", seed + 50_000, "exam", lease)
            wrote.append(("shared", seed + 50_000, sid, n))
            os.write(log, f"-{number}\n".encode())
    store.close()
    results.put(wrote)


def run_once(url, procs, sessions, holds_path) -> tuple[float, int, list[str]]:
    from simulator.store import open_store

    open_store(url).close()  # the schema, made once (as the centre's administrator would)
    Path(holds_path).write_text("")
    ctx = mp.get_context("fork")
    start, results = ctx.Event(), ctx.Queue()
    workers = [ctx.Process(target=desktop, args=(url, k, sessions, start, results, holds_path))
               for k in range(procs)]
    for w in workers:
        w.start()
    time.sleep(1.0)  # every desktop connected and waiting
    t0 = time.perf_counter()
    start.set()
    wrote = [row for _ in workers for row in results.get(timeout=600)]
    elapsed = time.perf_counter() - t0
    for w in workers:
        w.join(timeout=60)
    problems = [f"desktop process {w.pid} exited with {w.exitcode}" for w in workers if w.exitcode]

    with open_store(url) as store:
        records = store.sessions()
        by_key: dict = {}
        for r in records:
            by_key.setdefault((r.trainee, r.seed), []).append(r)
        expected = {(t, s): (sid, n) for t, s, sid, n in wrote}
        lost = [k for k in expected if k not in by_key]
        dup = [k for k, rs in by_key.items() if len(rs) > 1]
        extra = [k for k in by_key if k not in expected]
        short = [k for k, (sid, n) in expected.items()
                 if k in by_key and len(store.turns(sid)) != n]
        unfinished = [r.id for r in records if not r.finished]
    lines = Path(holds_path).read_text().split()
    overlaps = sum(1 for a, b in zip(lines[::2], lines[1::2]) if not (a[0] == "+" and b == "-" + a[1:]))
    for name, items in (("lost", lost), ("duplicated", dup), ("not written by anyone", extra),
                        ("missing turns", short), ("unfinished", unfinished)):
        if items:
            problems.append(f"{len(items)} session(s) {name}: {items[:3]}")
    if overlaps or len(lines) % 2:
        problems.append(f"the shared trainee was sat in two places at once ({overlaps} overlaps)")
    return elapsed, len(wrote), problems + [f"__holds={len(lines) // 2}", f"__lost={len(lost)}",
                                             f"__dup={len(dup)}"]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--db", help="a PostgreSQL URL whose server can create databases (default: "
                                 "start a throwaway server)")
    ap.add_argument("--sessions", type=int, default=12, help="sessions per desktop (default 12)")
    ap.add_argument("--procs", default="1,2,4,8", help="the values of N (default 1,2,4,8)")
    ap.add_argument("--cohort", type=int, default=10_000, metavar="SESSIONS",
                    help="then time `temper report --cohort` over this many sessions (0: skip)")
    args = ap.parse_args(argv)
    counts = [int(x) for x in args.procs.split(",")]

    import contextlib
    import tempfile

    from sqlalchemy.engine import make_url

    if args.db:
        import psycopg

        base_url = make_url(args.db)

        def admin(sql):
            with psycopg.connect(base_url.set(drivername="postgresql").render_as_string(False),
                                 autocommit=True) as conn:
                conn.execute(sql)

        server = contextlib.nullcontext((str(base_url.set(database=None)), admin))
    else:
        from tests.pgserver import Unavailable, temporary_server

        server = temporary_server()
    try:
        ctx = server.__enter__()
    except Exception as exc:  # Unavailable, or the given server not answering
        print(f"centre benchmark: cannot start or reach PostgreSQL: {exc}", file=sys.stderr)
        return 2
    failed = False
    try:
        base, admin = ctx
        print(f"{'N':>3}  {'sessions':>8}  {'seconds':>8}  {'sessions/s':>10}  {'lost':>4}  "
              f"{'dup':>4}  {'shared holds':>12}  one sitting")
        with tempfile.TemporaryDirectory() as tmp:
            for n in counts:
                name = "bench_" + secrets.token_hex(4)
                admin(f"CREATE DATABASE {name}")
                try:
                    elapsed, total, problems = run_once(f"{base}/{name}", n, args.sessions,
                                                        os.path.join(tmp, f"holds{n}"))
                finally:
                    admin(f"DROP DATABASE {name} WITH (FORCE)")
                info = {p.split("=")[0][2:]: p.split("=")[1] for p in problems if p.startswith("__")}
                real = [p for p in problems if not p.startswith("__")]
                ok = not any("two places" in p for p in real)
                print(f"{n:>3}  {total:>8}  {elapsed:>8.2f}  {total / elapsed:>10.1f}  "
                      f"{info['lost']:>4}  {info['dup']:>4}  {info['holds']:>12}  "
                      f"{'held' if ok else 'BROKEN'}")
                for p in real:
                    failed = True
                    print(f"     problem: {p}")
        if args.cohort:
            name = "bench_" + secrets.token_hex(4)
            admin(f"CREATE DATABASE {name}")
            try:
                print(f"report --cohort over {args.cohort} sessions: "
                      f"{cohort_seconds(f'{base}/{name}', args.cohort):.2f} s (target < 5 s)")
            finally:
                admin(f"DROP DATABASE {name} WITH (FORCE)")
    finally:
        server.__exit__(None, None, None)
    return 1 if failed else 0


def cohort_seconds(url: str, sessions: int) -> float:
    """Fill the database with `sessions` finished sessions of 200 trainees (real transcripts,
    good and bad), then time the whole `temper report --cohort` command writing CSV and HTML."""
    import contextlib
    import io
    import tempfile

    from simulator.cli import main as temper
    from simulator.format.loader import load_scenario
    from simulator.session import Session
    from simulator.store import open_store

    scenario = load_scenario(SCENARIO)
    played = []
    for replies in (REPLIES, ["Calm down.", "You should have read the terms.", "CALM DOWN!!!"]):
        s = Session(scenario, seed=1)
        for text in replies:
            if not s.finished:
                s.reply(text, 5.0)
        played.append(s.transcript())
    with open_store(url) as store:
        for start in range(0, sessions, 1000):
            store.record_finished_many(
                [(f"trainee{i % 200}", scenario, "practice", played[i % 2])
                 for i in range(start, min(sessions, start + 1000))])
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            code = temper(["report", "--cohort", "--db", url, "--csv", f"{tmp}/c.csv",
                           "--html", f"{tmp}/c.html"])
        elapsed = time.perf_counter() - t0
    if code != 0:
        raise SystemExit(f"report --cohort failed with exit status {code}")
    return elapsed


if __name__ == "__main__":
    sys.exit(main())
