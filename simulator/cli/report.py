"""`temper report`: reports from the results database.

    temper report --cohort [--csv FILE] [--html FILE]   # the whole cohort
    temper report SESSION_ID --html FILE [--pdf FILE]   # one session
"""

from __future__ import annotations


def register(sub) -> None:
    p = sub.add_parser("report", help="cohort and session reports from the results database",
                       description="Reports from the results database: --cohort gives per-dimension "
                                   "averages, the most common failures and the hardest scenarios "
                                   "(CSV and HTML); a SESSION_ID gives that session's report.")
    p.add_argument("session", nargs="?", type=int, metavar="SESSION_ID",
                   help="one session's report (ids from `temper history`)")
    p.add_argument("--cohort", action="store_true", help="the cohort report")
    p.add_argument("--trainee", metavar="NAME", help="cohort: only this trainee's sessions")
    p.add_argument("--mode", choices=("practice", "exam", "certify"), help="cohort: only these sessions")
    p.add_argument("--csv", metavar="FILE", help="cohort: write the CSV here ('-' for standard output)")
    p.add_argument("--html", metavar="FILE", help="write the HTML report here")
    p.add_argument("--pdf", metavar="FILE", help="write a PDF report here (no display needed)")
    p.add_argument("--db", metavar="PATH", help="the results database (default: the user data folder)")
    p.set_defaults(run=run)


def run(args) -> int:
    import sys
    from pathlib import Path

    from simulator.config import database_path
    from simulator.errors import TemperError, UsageError
    from simulator.terminal import printable
    from simulator.report import cohort_report_html, session_report_html
    from simulator.store import open_store

    if args.cohort == (args.session is not None):
        raise UsageError("give either --cohort or a SESSION_ID (see `temper history`)")
    skipped: list[str] = []
    with open_store(database_path(args.db)) as store:
        if args.cohort:
            from simulator.cohort import cohort_csv, summarise

            summary = summarise(store.transcripts(trainee=args.trainee, mode=args.mode,
                                                  skipped=skipped))
            html, title = cohort_report_html(summary), "Temper cohort report"
        else:
            transcript = store.transcript(args.session)
            try:
                html = session_report_html(transcript)
            except (KeyError, TypeError, ValueError, AttributeError) as exc:
                raise TemperError(f"the transcript of session {args.session} in {store.path} is "
                                  f"damaged ({exc.__class__.__name__}: {exc}); it cannot be "
                                  "reported") from None
            title = f"Temper session {args.session}"
    for message in skipped:
        print(f"temper: warning: {printable(message)}", file=sys.stderr)
    if args.cohort:
        text = cohort_csv(summary)
        if args.csv == "-" or not (args.csv or args.html or args.pdf):
            print(text, end="")
        elif args.csv:
            _write(Path(args.csv), text)
            print(f"CSV: {args.csv}")
    elif args.csv:
        raise UsageError("--csv is for --cohort; a session report is HTML or PDF")
    if args.html:
        _write(Path(args.html), html)
        print(f"HTML: {args.html}")
    if args.pdf:
        from simulator.cli._pdf import write_pdf

        write_pdf((html, args.pdf, title))
        print(f"PDF: {args.pdf}")
    if not args.cohort and not (args.html or args.pdf):
        raise UsageError("say where to write the session report: --html FILE and/or --pdf FILE")
    return 0


def _write(path, text: str) -> None:
    from simulator.files import os_error, write_text_atomic

    try:
        write_text_atomic(path, text)
    except OSError as exc:
        raise os_error(exc, path) from None
