"""`temper report`: reports from the results database.

    temper report --cohort                              # CSV and HTML files; says where
    temper report --cohort --csv -                      # the CSV on standard output
    temper report --cohort [--csv FILE] [--html FILE] [--pdf FILE]
    temper report --cohort --since 2026-09-01 --scenario late_delivery --trainee ana
    temper report SESSION_ID --html FILE [--pdf FILE]   # one session
"""

from __future__ import annotations

import sys

#: What `report --cohort` writes when told nothing: files in the current folder.
DEFAULT_COHORT = "temper-cohort-{day}"


def register(sub) -> None:
    p = sub.add_parser("report", help="cohort and session reports from the results database",
                       description="Reports from the results database: --cohort gives per-dimension "
                                   "averages and spread, each trainee's scores over time, the pass "
                                   "rate per week, the most common failures and the hardest scenarios "
                                   "(HTML and PDF with charts and a table beside each), "
                                   "written as CSV and HTML files (temper-cohort-DATE.csv/.html in "
                                   "the current folder unless --csv/--html/--pdf say where); a "
                                   "SESSION_ID gives that session's report.")
    p.add_argument("session", nargs="?", type=int, metavar="SESSION_ID",
                   help="one session's report (ids from `temper history`)")
    p.add_argument("--cohort", action="store_true", help="the cohort report")
    p.add_argument("--trainee", metavar="NAME", help="cohort: only this trainee's sessions")
    p.add_argument("--mode", choices=("practice", "exam", "certify"), help="cohort: only these sessions")
    p.add_argument("--since", metavar="YYYY-MM-DD", type=_day,
                   help="cohort: only sessions sat on or after this day")
    p.add_argument("--scenario", metavar="ID", action="append",
                   help="cohort: only this scenario's sessions (repeat for several)")
    p.add_argument("--csv", metavar="FILE", help="cohort: write the CSV here ('-' for standard output)")
    p.add_argument("--html", metavar="FILE", help="write the HTML report here")
    p.add_argument("--pdf", metavar="FILE", help="write a PDF report here (no display needed)")
    p.add_argument("--language", choices=("en", "es"),
                   help="cohort: the report's language (default: the sessions' own, if they share one)")
    p.add_argument("--db", metavar="PATH|URL", help="the results database: a file, sqlite:///FILE or postgresql://USER@HOST/DB (default: the settings, else the user data folder)")
    p.set_defaults(run=run)


def run(args) -> int:
    from simulator.config import database_path
    from simulator.errors import UsageError

    if args.cohort == (args.session is not None):
        raise UsageError("give either --cohort or a SESSION_ID (see `temper history`)")
    if not args.cohort:
        if args.csv:
            raise UsageError("--csv is for --cohort; a session report is HTML or PDF")
        if not (args.html or args.pdf):
            raise UsageError("say where to write the session report: --html FILE and/or --pdf FILE")
    db = database_path(args.db)
    skipped: list[str] = []
    drawn = args.cohort and (args.html or args.pdf or not args.csv)
    pool = _chart_worker() if drawn else None
    try:
        return _run(args, db, skipped, pool)
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)


def _run(args, db, skipped, pool) -> int:
    from pathlib import Path

    from simulator.errors import TemperError, UsageError
    from simulator.report import cohort_report_html, report_title, session_report_html, with_sitting
    from simulator.store import open_store
    from simulator.terminal import printable

    with open_store(db) as store:
        if args.cohort:
            from simulator.cohort import cohort_csv, select, summarise

            everything = store.cohort_sessions(trainee=args.trainee, mode=args.mode, skipped=skipped)
            chosen = select(everything, since=args.since, scenarios=args.scenario)
            summary = summarise(chosen)
            summary["selection"] = {"since": args.since.isoformat() if args.since else None,
                                    "scenarios": args.scenario or [], "trainee": args.trainee,
                                    "mode": args.mode}
            if args.language:
                summary["language"] = args.language
        else:
            transcript = with_sitting(store.transcript(args.session), store.session(args.session))
    from simulator.errors import said
    from simulator.wording import interface_language, mode_text, words

    w = words(interface_language())
    for message in skipped:  # damaged rows: reported, skipped
        print(w("temper: warning: %(message)s", message=printable(said(message, w.lang))), file=sys.stderr)
    if args.cohort:
        if not summary["sessions"]:
            kind = w(" (%(mode)s)", mode=mode_text(args.mode, w.lang).lower()) if args.mode else ""
            who = w(" by %(trainee)s", trainee=args.trainee) if args.trainee else ""
            since = w(" since %(date)s", date=args.since.isoformat()) if args.since else ""
            of = w(" of %(scenarios)s", scenarios=", ".join(args.scenario)) if args.scenario else ""
            known = sorted({str(t.get("scenario")) for t in everything})
            hint = (w(" (its sessions are of: %(known)s)", known=", ".join(known))
                    if args.scenario and known and not set(args.scenario) & set(known) else "")
            raise UsageError(w("no finished sessions%(mode)s%(of)s%(by)s%(since)s in %(where)s%(hint)s: "
                               "nothing to report", mode=kind, of=of, by=who, since=since,
                               where=printable(str(db or store.path)), hint=printable(hint)))
        from simulator.wording import Words, language

        title = Words(language(summary.get("language")))("Temper cohort report")
        csv_to, html_to, pdf_to = args.csv, args.html, args.pdf
        if not (csv_to or html_to or pdf_to):
            from simulator.session import session_date

            stem = DEFAULT_COHORT.format(day=session_date().isoformat())
            csv_to, html_to = f"{stem}.csv", f"{stem}.html"
        html = cohort_report_html(summary, pool=pool) if html_to or pdf_to else ""
    else:
        try:
            html, title = session_report_html(transcript), report_title(transcript)
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise TemperError(f"the transcript of session {args.session} in {db} is damaged "
                              f"({exc.__class__.__name__}: {exc}); it cannot be reported") from None
        csv_to, html_to, pdf_to = None, args.html, args.pdf

    # Where things went is news for a person; with the CSV on stdout, it goes to stderr.
    say = (lambda text: print(text, file=sys.stderr)) if csv_to == "-" else print
    if csv_to == "-":
        sys.stdout.write(cohort_csv(summary))
        sys.stdout.flush()
    elif csv_to:
        _write(Path(csv_to), cohort_csv(summary))
        say(f"CSV: {printable(str(Path(csv_to).resolve()))}")
    if html_to:
        _write(Path(html_to), html)
        say(f"HTML: {printable(str(Path(html_to).resolve()))}")
    if pdf_to:
        from simulator.cli._pdf import write_pdf

        write_pdf((html, str(pdf_to), title))
        say(f"PDF: {Path(pdf_to).resolve()}")
    return 0


def _chart_worker():
    """A worker process for the cohort report's charts, importing matplotlib while this
    one reads the database (the report then takes the time of the slower, not of both);
    None where no process can be started: the charts are drawn here instead.

    Forked, on Linux only: a spawned worker would run `python -m simulator`'s command
    again (its __main__ has no guard), and fork is not safe on macOS."""
    import sys

    if not sys.platform.startswith("linux"):
        return None
    try:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        from simulator.plots import warm_up

        pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork"))
        pool.submit(warm_up)
        return pool
    except Exception:  # no fork, no semaphores (some containers), a warning made an error
        return None


def _day(text: str):
    """--since's day; argparse turns the ValueError into a usage message naming it."""
    from datetime import date

    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(text) from None


_day.__name__ = "date (YYYY-MM-DD, e.g. 2026-09-01)"


def _write(path, text: str) -> None:
    from simulator.files import os_error, write_text_atomic

    try:
        write_text_atomic(path, text)
    except OSError as exc:
        raise os_error(exc, path) from None
