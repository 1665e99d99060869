"""`temper certify PLAN`: certify trainees, at a terminal or in batch. Never needs a display.

    temper certify plan.yaml --trainee ana            # live, under exam conditions
    temper certify plan.yaml --replies submissions/   # every trainee's reply files

Exit status: 0 every trainee passed, 1 some failed, 2 usage or input error.
"""

from __future__ import annotations

import argparse
import sys


def register(sub) -> None:
    p = sub.add_parser(
        "certify", help="certify trainees against a certification plan",
        description="Certify trainees against a plan (see docs/certification.md): live at a "
                    "terminal with --trainee, or in batch from submitted reply files with --replies. "
                    "Writes for each trainee a signed result JSON, JUnit XML, xAPI statements and an "
                    "HTML and PDF report. Exit status: 0 all passed, 1 some failed, 2 usage or input error.")
    p.add_argument("plan", help="the certification plan (YAML)")
    who = p.add_mutually_exclusive_group(required=True)
    who.add_argument("--trainee", metavar="NAME", help="sit the plan now, at this terminal, as NAME")
    who.add_argument("--replies", metavar="DIR",
                     help="a folder with one folder or file of replies per trainee (or one trainee's file)")
    p.add_argument("--out", metavar="DIR", default="certification-results",
                   help="where the results go (default: ./certification-results)")
    p.add_argument("--key-file", metavar="FILE",
                   help="the signing key (else $TEMPER_SIGNING_KEY, $TEMPER_SIGNING_KEY_FILE or "
                        "signing_key_file in the settings file)")
    p.add_argument("--formats", default="json,junit,xapi,html,pdf",
                   help="which outputs to write, comma-separated (default: all of "
                        "json,junit,xapi,html,pdf); json is always written")
    p.add_argument("--jobs", type=int, metavar="N", default=0,
                   help="processes for batch runs (default: every core)")
    store = p.add_mutually_exclusive_group()
    store.add_argument("--db", metavar="PATH", help="the results database (default: the user data folder)")
    store.add_argument("--no-db", action="store_true", help="do not record the sessions in the results database")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from simulator.errors import TemperError

    try:
        return _run(args)
    except TemperError as exc:
        exc.exit_code = 2  # anything wrong before results exist is a usage or input error
        raise


def _formats(text: str) -> tuple[str, ...]:
    from simulator.certify.outputs import FORMATS
    from simulator.errors import UsageError

    chosen = [f.strip() for f in text.split(",") if f.strip()]
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown:
        raise UsageError(f"--formats: unknown format(s) {', '.join(unknown)} "
                         f"(choose from {', '.join(FORMATS)})")
    return tuple(dict.fromkeys(["json", *chosen]))


def _run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from simulator.certify.plan import load_plan
    from simulator.certify.signing import load_key
    from simulator.errors import UsageError

    formats = _formats(args.formats)
    if args.jobs < 0:
        raise UsageError("--jobs must be 1 or more (0: every core)")
    key = load_key(args.key_file)  # before any work: no key, no results
    plan = load_plan(args.plan)
    out_dir = Path(args.out)
    if out_dir.exists() and not out_dir.is_dir():
        raise UsageError(f"--out {out_dir} is a file, not a folder")
    if args.replies:
        return _batch(args, plan, key, formats, out_dir)
    return _live(args, plan, key, formats, out_dir)


# --- batch --------------------------------------------------------------------------------

class _Progress:
    """A progress bar on stderr, only when stderr is a terminal."""

    def __init__(self, what: str):
        self.what = what
        self.enabled = sys.stderr.isatty()
        self.last = -1

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled:
            return
        width = 30
        filled = width * done // max(total, 1)
        if filled == self.last and done != total:
            return
        self.last = filled
        sys.stderr.write(f"\r{self.what:<12} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
        if done == total:
            sys.stderr.write("\n")
        sys.stderr.flush()


def _batch(args, plan, key, formats, out_dir) -> int:
    from simulator.certify.runner import certify_batch, default_jobs, make_pool
    from simulator.certify.submissions import find_submissions
    from simulator.errors import InvalidFile

    submissions = find_submissions(args.replies)
    _open_store(args).close()  # a database that cannot be used stops us before any work
    pool = make_pool(plan, min(args.jobs or default_jobs(), len(submissions)))  # None: one process
    try:
        results = certify_batch(plan, submissions, pool=pool, progress=_Progress("certifying"))
        problems = [p for _, _, probs in results for p in probs]
        if problems:
            raise InvalidFile(problems)  # nothing written: fix the files and run again
        done = [r for _, r, _ in results]
        _finish(args, plan, key, formats, out_dir, done, pool=pool)
    finally:
        if pool is not None:
            pool.shutdown()
    return 0 if all(r["passed"] for r in done) else 1


def _finish(args, plan, key, formats, out_dir, results: list[dict], pool=None) -> None:
    from simulator.certify.runner import run_in_pool

    jobs = [(str(out_dir), r, key, formats) for r in results]
    run_in_pool(write_outputs, jobs, pool=pool, progress=_Progress("writing"))
    if not args.no_db:
        _record(args, plan, results)
    _summary(plan, results, out_dir)


def write_outputs(job) -> None:
    """One trainee's files, PDF included (module-level: run in a process pool)."""
    out_dir, result, key, formats = job
    from simulator.certify.outputs import output_path, write_result
    from simulator.report import certification_report_html

    html = certification_report_html(result) if {"html", "pdf"} & set(formats) else None
    write_result(out_dir, result, key, formats, html=html)
    if "pdf" in formats:
        from simulator.cli._pdf import write_pdf

        write_pdf((html, str(output_path(out_dir, result["trainee"], "pdf")),
                   f"Certification: {result['trainee']}"))


def _open_store(args):
    from simulator.config import database_path
    from simulator.store import ResultsStore, open_store

    if args.no_db:
        class _Nothing:
            def close(self) -> None:
                pass
        return _Nothing()
    store: ResultsStore = open_store(database_path(args.db))
    return store


def _record(args, plan, results: list[dict]) -> None:
    from simulator.config import database_path
    from simulator.store import open_store

    items = [(r["trainee"], plan.entry(s["id"]).scenario, "certify", s["transcript"])
             for r in results if r["mode"] == "batch"
             for s in r["scenarios"] if s.get("transcript")]
    if not items:
        return
    with open_store(database_path(args.db)) as store:
        store.record_finished_many(items)


def _summary(plan, results: list[dict], out_dir) -> None:
    from simulator.wording import score_text

    passed = sum(1 for r in results if r["passed"])
    width = max([len(r["trainee"]) for r in results] + [7])
    print(f"{plan.title}: {passed} of {len(results)} trainee(s) passed (pass mark {plan.pass_mark:g})")
    for r in results:
        mark = "PASS" if r["passed"] else "FAIL"
        why = "" if r["passed"] else f"  {r['failures'][0]['message']}" + (
            f" (+{len(r['failures']) - 1} more)" if len(r["failures"]) > 1 else "")
        print(f"  {r['trainee']:<{width}}  {score_text(r['score']):>5}  {mark}{why}")
    print(f"Results in {out_dir}/")


# --- live, at a terminal ------------------------------------------------------------------

def _live(args, plan, key, formats, out_dir) -> int:
    import time

    from simulator.certify.runner import assemble, judge_entry
    from simulator.config import database_path
    from simulator.errors import UsageError
    from simulator.session import ReplyRejected
    from simulator.store import open_store

    trainee = args.trainee.strip()
    if not trainee or any(ch in trainee for ch in "/\\\0") or trainee.startswith("."):
        raise UsageError("--trainee: give a name without slashes (it names the result files)")
    store = None if args.no_db else open_store(database_path(args.db))
    say = print
    say(f"{plan.title}: {len(plan.entries)} scenario(s), exam conditions (no coaching). "
        "Type /quit to stop; your replies are saved and you can resume later.")
    sittings = []
    try:
        for number, entry in enumerate(plan.entries, 1):
            s = entry.scenario
            say()
            limit = entry.reply_time_limit_s
            say(f"[{number}/{len(plan.entries)}] {s.title}  ({s.channel}, customer {s.customer.name})"
                + (f"  - at most {limit:g} s per reply" if limit else ""))
            session, sid = _start(store, trainee, entry, say)
            if not session.turns:
                say(f"{s.customer.name}: {session.opening}")
            while not session.finished:
                started = time.monotonic()
                try:
                    text = input("you> ")
                except EOFError:
                    text = "/quit"
                if text.strip() == "/quit":
                    say("Stopped. Your replies so far are saved: run the same command to resume.")
                    return 1
                took = time.monotonic() - started
                try:
                    turn = session.reply(text, took)
                except ReplyRejected as exc:
                    say(f"  ({exc})")
                    continue
                if limit and took > limit:
                    say(f"  (that reply took {took:.0f} s; the limit is {limit:g} s)")
                say(f"{s.customer.name}: {turn.customer}")
            transcript = session.transcript()
            if store is not None:
                store.finish(sid, transcript)
            sittings.append(judge_entry(plan, entry, transcript))
    finally:
        if store is not None:
            store.close()
    result = assemble(plan, trainee, sittings, mode="interactive")
    _finish(args, plan, key, formats, out_dir, [result])
    return 0 if result["passed"] else 1


def _start(store, trainee: str, entry, say):
    """A new session for the sitting, or the interrupted one resumed."""
    from simulator.session import Session

    if store is None:
        return Session(entry.scenario, seed=entry.seed), None
    for record in store.unfinished(trainee):
        if (record.mode == "certify" and record.seed == entry.seed
                and store.scenario_sha256(record.id) == entry.scenario.sha256):
            session = store.resume(record.id, entry.scenario)
            if session.turns:
                say(f"(resuming your interrupted attempt of {record.started_at}: "
                    f"{len(session.turns)} replies recovered)")
                say(f"{entry.scenario.customer.name}: {session.customer_line}")
            return session, record.id
    sid = store.begin(trainee=trainee, scenario=entry.scenario, seed=entry.seed, mode="certify")
    return Session(entry.scenario, seed=entry.seed, observers=[store.recorder(sid)]), sid
