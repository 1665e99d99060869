"""`temper certify PLAN`: certify trainees, at a terminal or in batch. Never needs a display.

    temper certify plan.yaml --trainee ana            # live, under exam conditions
    temper certify plan.yaml --replies submissions/   # every trainee's reply files
    temper certify plan.yaml --replies submissions/ --resume   # write what was recorded

The order of things keeps results safe: the key, the plan and the results database are
checked before anything is done; each certified attempt is recorded in the database
before any of its files is written, so a write that fails (disk full) can be done again
with --resume, from the database, without sitting anything twice.

Exit status: 0 every trainee passed, 1 some failed, 2 usage or input error (nothing
was done), 3 some trainees could not be certified (their files are unreadable, the
exam was interrupted, or their results could not be written): the others were.
"""

from __future__ import annotations

import argparse
import sys

PASSED, FAILED, USAGE, NOT_CERTIFIED = 0, 1, 2, 3


def register(sub) -> None:
    p = sub.add_parser(
        "certify", help="certify trainees against a certification plan",
        description="Certify trainees against a plan (see docs/certification.md): live at a "
                    "terminal with --trainee, or in batch from submitted reply files with --replies. "
                    "Writes for each trainee a signed result JSON, JUnit XML, xAPI statements and an "
                    "HTML and PDF report. Exit status: 0 all passed, 1 some failed, 2 usage or input "
                    "error, 3 some could not be certified (the others were).")
    p.add_argument("plan", help="the certification plan (YAML)")
    who = p.add_mutually_exclusive_group(required=True)
    who.add_argument("--trainee", metavar="NAME", help="sit the plan now, at this terminal, as NAME")
    who.add_argument("--replies", metavar="DIR",
                     help="a folder with one folder or file of replies per trainee (or one trainee's file)")
    p.add_argument("--out", metavar="DIR", default="certification-results",
                   help="where the results go (default: ./certification-results)")
    p.add_argument("--key-file", metavar="FILE",
                   help="the signing key (else $TEMPER_SIGNING_KEY, $TEMPER_SIGNING_KEY_FILE or "
                        "the settings file's signing_key, whose id each result carries)")
    p.add_argument("--formats", default="json,junit,xapi,html,pdf",
                   help="which outputs to write, comma-separated (default: all of "
                        "json,junit,xapi,html,pdf); json is always written")
    p.add_argument("--corrections", metavar="FILE",
                   help="judge with the corrections of the judge in FILE (JSONL, as `temper "
                        "corrections export` writes) instead of the centre's, e.g. to check a "
                        "result again with the ones it records")
    p.add_argument("--jobs", type=int, metavar="N", default=0,
                   help="processes for batch runs (default: every core)")
    p.add_argument("--resume", action="store_true",
                   help="write the result files of attempts already recorded in the results "
                        "database (after a write failed) instead of certifying them again; with "
                        "--replies, trainees with nothing recorded are certified as usual")
    store = p.add_mutually_exclusive_group()
    store.add_argument("--db", metavar="PATH|URL", help="the results database: a file, sqlite:///FILE or postgresql://USER@HOST/DB (default: the settings, else the user data folder)")
    store.add_argument("--no-db", action="store_true", help="do not record the sessions in the results database")
    p.set_defaults(run=run)


class NotCertified(Exception):
    """Stops a certification after work began; the message says what is kept."""

    def __init__(self, message: str):
        super().__init__(message)


def run(args: argparse.Namespace) -> int:
    from simulator.errors import TemperError
    from simulator.terminal import printable

    try:
        setup = _setup(args)
    except TemperError as exc:
        exc.exit_code = USAGE  # anything wrong before work begins is a usage or input error
        raise
    try:
        if args.replies:
            return _batch(args, *setup)
        return _live(args, *setup)
    except NotCertified as exc:
        print(f"temper: error: {printable(str(exc))}", file=sys.stderr)
        return NOT_CERTIFIED
    finally:
        store = setup[-1]
        if store is not None:
            store.close()


def _formats(text: str) -> tuple[str, ...]:
    from simulator.certify.outputs import FORMATS
    from simulator.errors import UsageError

    chosen = [f.strip() for f in text.split(",") if f.strip()]
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown:
        raise UsageError(f"--formats: unknown format(s) {', '.join(unknown)} "
                         f"(choose from {', '.join(FORMATS)})")
    return tuple(dict.fromkeys(["json", *chosen]))


def _setup(args: argparse.Namespace):
    """Everything checked before any work: key, plan, output folder, results database."""
    from pathlib import Path

    from simulator.certify.plan import load_plan
    from simulator.certify.signing import load_key
    from simulator.config import database_path
    from simulator.errors import UsageError
    from simulator.store import open_store

    formats = _formats(args.formats)
    if args.jobs < 0:
        raise UsageError("--jobs must be 1 or more (0: every core)")
    if args.resume and args.no_db:
        raise UsageError("--resume writes results recorded in the results database; it cannot "
                         "be used with --no-db")
    key = load_key(args.key_file)  # before any work: no key, no results
    plan = load_plan(args.plan)
    out_dir = Path(args.out)
    if out_dir.exists() and not out_dir.is_dir():
        raise UsageError(f"--out {out_dir} is a file, not a folder")
    # Checked (and upgraded) now: a database that cannot be used stops us before any work.
    store = None if args.no_db else open_store(database_path(args.db))
    try:
        corrections = _corrections(args, store)
    except BaseException:
        if store is not None:
            store.close()
        raise
    return plan, key, formats, out_dir, corrections, store


def _corrections(args, store) -> tuple:
    """The corrections of the judge every sitting is judged with: the centre's (from the
    results database: with --no-db, the settings' database when there is one, only read),
    or those of --corrections FILE. What the user should know goes to standard error."""
    from simulator.centre import centre_corrections, settings_corrections
    from simulator.errors import said
    from simulator.safetext import printable
    from simulator.wording import interface_language

    if args.corrections:
        from scoring.corrections import CorrectionError, load
        from simulator.errors import L_, UsageError

        try:
            return load(args.corrections)
        except (CorrectionError, OSError) as exc:
            raise UsageError(L_("--corrections: the file cannot be used: %(error)s",
                                error=str(exc))) from None
    news: list = []
    if store is not None:
        found = centre_corrections(store, news)
    else:
        found = settings_corrections(args.db, news)
    lang = interface_language()
    for message in news:
        print(f"temper certify: {printable(said(message, lang))}", file=sys.stderr)
    return found


def _write_all(results: list[dict], key, formats, out_dir, pool=None) -> dict[str, str]:
    """Every trainee's files; {trainee: what went wrong} for those that could not be written."""
    from simulator.certify.outputs import write_outputs
    from simulator.certify.runner import run_in_pool

    jobs = [(str(out_dir), r, key, formats) for r in results]
    errors = run_in_pool(write_outputs, jobs, pool=pool, progress=_Progress("writing"))
    return {r["trainee"]: e for r, e in zip(results, errors) if e}


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


def _source_sha256(path) -> str:
    """The trainee's reply files, as submitted (so --resume knows they are unchanged);
    "" when they cannot be read (then nothing is taken as already recorded)."""
    import hashlib
    from pathlib import Path

    h = hashlib.sha256()
    root = Path(path)
    try:
        files = sorted(p for p in root.rglob("*") if p.is_file()) if root.is_dir() else [root]
        for f in files:
            if not f.is_file():  # a pipe or a device: never read
                return ""
            h.update(str(f.relative_to(root) if root.is_dir() else f.name).encode("utf-8", "surrogatepass"))
            h.update(b"\0")
            with open(f, "rb") as fh:
                for chunk in iter(lambda: fh.read(1 << 20), b""):
                    h.update(chunk)
            h.update(b"\0")
    except (OSError, ValueError):
        return ""
    return h.hexdigest()


def _batch(args, plan, key, formats, out_dir, corrections, store) -> int:
    from simulator.certify.outputs import file_stem
    from simulator.certify.runner import certify_batch, default_jobs, exam_identities, make_pool
    from simulator.certify.submissions import find_submissions
    from simulator.errors import TemperError
    from simulator.store import CertifiedAttempt

    try:
        submissions = find_submissions(args.replies)
    except TemperError as exc:
        exc.exit_code = USAGE
        raise
    # Attempts are told apart by the corrections they were judged with too: one recorded
    # from these files with fewer corrections (the centre has added some since) is reused
    # by --resume as it was judged.
    identities = exam_identities(plan, corrections)
    exam = identities[0][0]
    not_certified: dict[str, str] = {}  # trainee: why

    # Two names that would write the same files: neither is certified (no overwriting).
    by_stem: dict[str, list] = {}
    for s in submissions:
        by_stem.setdefault(file_stem(s.trainee).casefold(), []).append(s)
    for clash in (group for group in by_stem.values() if len(group) > 1):
        for s in clash:
            others = ", ".join(repr(o.trainee) for o in clash if o is not s)
            not_certified[s.trainee] = (f"{s.path}: its result files would have the same names as "
                                        f"{others}'s; rename one")
    submissions = [s for s in submissions if s.trainee not in not_certified]

    # --resume: attempts recorded from these very files are written again, not sat again.
    reused: dict[str, tuple[int, dict]] = {}
    if args.resume:
        for s in submissions:
            source = _source_sha256(s.path)
            done = sorted((a for identity, _ in identities
                           for a in store.attempts(s.trainee, identity, source) if a.finished),
                          key=lambda a: a.id, reverse=True) if source else []
            if done:
                try:
                    reused[s.trainee] = (done[0].id, store.attempt_result(done[0].id))
                except TemperError as exc:
                    not_certified[s.trainee] = str(exc)
    todo = [s for s in submissions if s.trainee not in reused and s.trainee not in not_certified]

    from concurrent.futures.process import BrokenProcessPool

    pool = make_pool(plan, min(args.jobs or default_jobs(), max(len(todo), 1)),  # None: one process
                     corrections)
    try:
        outcome = certify_batch(plan, todo, pool=pool, progress=_Progress("certifying"),
                                corrections=corrections)
        fresh: list[dict] = []
        for sub, (trainee, result, problems) in zip(todo, outcome):
            if problems:
                not_certified[trainee] = "\n".join(str(p) for p in problems)
            else:
                fresh.append((sub, result))
        # Recorded before any file is written: a write that fails can be done again.
        ids: dict[str, int] = {t: aid for t, (aid, _) in reused.items()}
        if store is not None and fresh:
            try:
                new_ids = store.record_attempts(
                    CertifiedAttempt(trainee=r["trainee"], plan_id=plan.id, exam_sha256=exam,
                                     mode="batch", result=r, source_sha256=_source_sha256(sub.path),
                                     sittings=tuple((s["id"], plan.entry(s["id"]).scenario, s["transcript"])
                                                    for s in r["scenarios"] if s.get("transcript")))
                    for sub, r in fresh)
            except TemperError as exc:
                raise NotCertified(f"{exc}\nNothing was certified: no result file was written.") from None
            ids.update({r["trainee"]: aid for (_, r), aid in zip(fresh, new_ids)})
        results = sorted([r for _, r in fresh] + [r for _, r in reused.values()],
                         key=lambda r: r["trainee"])
        unwritten = _write_all(results, key, formats, out_dir, pool=pool)
    except BrokenProcessPool:
        raise NotCertified("the worker processes stopped (out of memory, killed, or the plan file "
                           f"{plan.path} changed while certifying); what was recorded is kept: run "
                           "the same command again with --resume") from None
    finally:
        if pool is not None:
            pool.shutdown()
    if store is not None:
        written = [ids[r["trainee"]] for r in results if r["trainee"] not in unwritten]
        try:
            store.mark_written(written)
        except TemperError:
            pass  # the files exist; the mark only spares a --resume
    for trainee, why in unwritten.items():
        hint = (" (the result is recorded: run the same command with --resume to write it)"
                if store is not None else "")
        not_certified[trainee] = why + hint
    done = [r for r in results if r["trainee"] not in unwritten]
    _summary(plan, done, out_dir, not_certified, resumed=len(reused))
    if not_certified:
        return NOT_CERTIFIED
    return PASSED if all(r["passed"] for r in done) else FAILED


def _summary(plan, results: list[dict], out_dir, not_certified: dict[str, str] | None = None,
             resumed: int = 0, lang: str | None = None) -> None:
    """What was certified, in `lang` (default: the terminal's language)."""
    from simulator.terminal import printable

    from simulator.wording import score_text

    from simulator.certify.runner import failure_messages
    from simulator.wording import interface_language, words

    w = words(lang or interface_language())
    not_certified = not_certified or {}
    for trainee, why in sorted(not_certified.items()):
        print(w("temper: could not certify %(trainee)s:", trainee=printable(trainee, 80)), file=sys.stderr)
        for line in why.splitlines():
            print(f"  {printable(line, 400)}", file=sys.stderr)
    passed = sum(1 for r in results if r["passed"])
    names = {r["trainee"]: printable(r["trainee"], 60) for r in results}
    width = max([len(n) for n in names.values()] + [7])
    extra = (w("; %(count)s could not be certified", count=len(not_certified)) if not_certified else "")
    again = w("; %(count)s written from the results database", count=resumed) if resumed else ""
    print(w("%(title)s: %(passed)s of %(total)s trainee(s) passed (pass mark %(mark)s)",
            title=printable(plan.title), passed=passed, total=len(results), mark=f"{plan.pass_mark:g}")
          + extra + again)
    for r in results:
        mark = w("PASS") if r["passed"] else w("FAIL")
        why = ""
        if not r["passed"]:
            messages = failure_messages(plan, r, w.lang) or [f["message"] for f in r["failures"]]
            why = f"  {printable(messages[0], 200)}" + (
                w(" (+%(count)s more)", count=len(messages) - 1) if len(messages) > 1 else "")
        print(f"  {names[r['trainee']]:<{width}}  {score_text(r['score'], w.lang):>5}  {mark}{why}")
    if results:
        print(w("Results in %(folder)s/", folder=printable(str(out_dir))))


# --- live, at a terminal ------------------------------------------------------------------

def _live(args, plan, key, formats, out_dir, corrections, store) -> int:
    from simulator.certify.outputs import trainee_problem
    from simulator.certify.runner import exam_identities
    from simulator.errors import TemperError, UsageError
    from simulator.sitting import hold_trainee

    trainee = args.trainee.strip()
    problem = trainee_problem(trainee)
    if problem:
        raise UsageError(f"--trainee: {problem}")
    if store is None:
        result = _sit(plan, trainee, None, None, None, corrections)
        return _write_live(plan, result, key, formats, out_dir, None, None)
    identities = exam_identities(plan, corrections)
    # The same lease as the desktop's exam mode: one live sitting per trainee, anywhere
    # (AlreadySitting, exit status 2, says where the live one is and since when).
    lease = hold_trainee(store, trainee, what=f"{trainee}'s certification ({plan.title}) in a terminal")
    with lease:
        try:
            return _sit_recorded(args, plan, key, formats, out_dir, store, lease, trainee, identities)
        except UsageError:
            raise
        except TemperError as exc:  # the database failed (disk full, damaged row)
            raise NotCertified(str(exc)) from None


def _sit_recorded(args, plan, key, formats, out_dir, store, lease, trainee, identities) -> int:
    from simulator.errors import L_, TemperError, UsageError
    from simulator.safetext import path_text, printable
    from simulator.wording import words

    # The trainee's latest attempt at this exam, judged with the centre's corrections now or
    # with the fewer it was begun with (corrections are only added): an attempt is carried
    # on with the corrections it began with, so its sittings are judged alike.
    exam, corrections = identities[0]
    found = [(a, used) for identity, used in identities for a in store.attempts(trainee, identity)]
    latest, used = max(found, key=lambda pair: pair[0].id) if found else (None, corrections)
    if args.resume:
        if latest is None:
            raise UsageError(L_("--resume: %(trainee)s has no attempt at this plan in %(store)s; "
                                "run without --resume to sit it", trainee=trainee, store=store.path))
        if latest.finished:
            result = store.attempt_result(latest.id)
            print(f"Writing {printable(trainee)}'s results of {latest.finished_at} from "
                  f"{printable(path_text(store.path))}.")
            return _write_live(plan, result, key, formats, out_dir, store, latest.id)
    elif latest is not None and latest.finished and latest.written_at is None:
        raise UsageError(L_(
            "%(trainee)s's attempt of %(when)s is finished and recorded in %(store)s, but its "
            "result files were not written: run the same command with --resume to write them",
            trainee=trainee, when=latest.finished_at, store=store.path))
    if latest is not None and not latest.finished:
        attempt = latest.id
        if len(used) != len(corrections):
            w = words(_plan_language(plan))
            print("(" + w.ngettext(
                "this attempt was begun when the centre had %(then)s correction of the judge (it "
                "has %(now)s now): it is judged to its end as it was begun",
                "this attempt was begun when the centre had %(then)s corrections of the judge (it "
                "has %(now)s now): it is judged to its end as it was begun",
                len(used), then=len(used), now=len(corrections)) + ")")
    else:
        _left_behind(store, trainee, plan, identities)
        used = corrections
        attempt = store.begin_attempt(trainee=trainee, plan_id=plan.id, exam_sha256=exam,
                                      mode="interactive")
    try:
        result = _sit(plan, trainee, store, lease, attempt, used)
    except TemperError as exc:  # the database failed mid-exam (disk full, taken over)
        raise NotCertified(f"{exc}\nEvery reply shown above as answered is kept: run the same "
                           "command again to carry on.") from None
    if result is None:
        return NOT_CERTIFIED
    try:
        store.finish_attempt(attempt, result)  # recorded before any file is written
    except TemperError as exc:
        raise NotCertified(f"{exc}\nThe sittings are kept: run the same command again to "
                           "record the result.") from None
    return _write_live(plan, result, key, formats, out_dir, store, attempt)


def _left_behind(store, trainee, plan, identities) -> None:
    """Say so when the trainee's latest attempt at this plan is unfinished but cannot be
    carried on (the plan, a scenario file or the centre's corrections of the judge changed
    in another way than by corrections added): it is kept, and this one starts afresh."""
    from simulator.wording import words

    known = {identity for identity, _ in identities}
    mine = [a for a in store.attempts(trainee) if a.plan_id == plan.id]
    if not mine or mine[0].finished or mine[0].exam_sha256 in known:
        return
    w = words(_plan_language(plan))
    print("(" + w("your unfinished attempt of %(started)s cannot be carried on: the plan, one of "
                  "its scenario files or the centre's corrections of the judge have changed since "
                  "it began. Its replies are kept; this attempt starts afresh.",
                  started=mine[0].started_at) + ")")


def _write_live(plan, result, key, formats, out_dir, store, attempt) -> int:
    if result is None:
        return NOT_CERTIFIED
    errors = _write_all([result], key, formats, out_dir)
    if errors:
        hint = ("\nThe result is recorded: run the same command with --resume to write the files."
                if store is not None else "")
        raise NotCertified(errors[result["trainee"]] + hint)
    if store is not None:
        from simulator.errors import TemperError

        try:
            store.mark_written([attempt])
        except TemperError:
            pass
    _summary(plan, [result], out_dir, lang=_plan_language(plan))  # the trainee reads it
    return PASSED if result["passed"] else FAILED


def _plan_language(plan) -> str:
    """What the trainee reads before and between sittings: the language of the plan's
    scenarios when they share one, else the terminal's."""
    from simulator.wording import interface_language

    langs = {entry.scenario.language for entry in plan.entries}
    return langs.pop() if len(langs) == 1 else interface_language()


def _sit(plan, trainee, store, lease, attempt, corrections: tuple = ()) -> dict | None:
    """Sit every sitting not finished yet, in order, judged with `corrections`; the result,
    or None when stopped. What the trainee reads is in the language of the scenario being
    sat (the plan's heading in its scenarios' language)."""
    from simulator.certify.runner import assemble, judge_entry
    from simulator.wording import channel_text, outcome_text, words

    say = print
    w = words(_plan_language(plan))
    say(w.ngettext("%(title)s: %(count)s scenario, exam conditions (no coaching). Type "
                   "%(quit)s to stop; your replies are saved and you can resume later.",
                   "%(title)s: %(count)s scenarios, exam conditions (no coaching). Type "
                   "%(quit)s to stop; your replies are saved and you can resume later.",
                   len(plan.entries), title=plan.title, count=len(plan.entries), quit=w("/quit")))
    kept = {}
    if store is not None:
        for record in store.attempt_sessions(attempt):
            kept[record.entry_id] = record  # the latest session of each sitting
    sittings = []
    for number, entry in enumerate(plan.entries, 1):
        s = entry.scenario
        w = words(s.language)
        say()
        limit = entry.reply_time_limit_s
        head = f"[{number}/{len(plan.entries)}] " + w(
            "%(title)s  (%(channel)s, customer %(customer)s)", title=s.title,
            channel=channel_text(s.channel, s.language).lower(), customer=s.customer.name)
        record = kept.get(entry.id)
        if record is not None and record.finished:
            say(head + w(": already finished (%(outcome)s); not sat again",
                         outcome=outcome_text(record.outcome, s.language).split(":")[0].lower()))
            sittings.append(judge_entry(plan, entry, store.transcript(record.id)))
            continue
        say(head + (w("  - at most %(limit)s s per reply", limit=f"{limit:g}") if limit else ""))
        session, sid = _start(store, lease, trainee, entry, attempt, record, say, corrections)
        if not _converse(session, s, limit, say):
            return None
        transcript = session.transcript()
        if store is not None:
            store.finish(sid, transcript)
        sittings.append(judge_entry(plan, entry, transcript))
    return assemble(plan, trainee, sittings, mode="interactive", corrections=corrections)


def _converse(session, s, limit, say) -> bool:
    """Play the session to its end; False when the trainee stops."""
    import time

    from simulator.safetext import printable
    from simulator.session import ReplyRejected
    from simulator.typed import clean_reply, cleaned_echo
    from simulator.wording import words

    w = words(s.language)
    prompt = w("you> ")
    if not session.turns:
        say(f"{s.customer.name}: {session.opening}")
    while not session.finished:
        started = time.monotonic()
        try:
            text = input(prompt)
        except EOFError:
            text = "/quit"
        except UnicodeDecodeError:
            say("  (" + w("that reply is not valid text in this terminal's encoding; type it "
                          "again") + ")")
            continue
        if text.strip() in ("/quit", w("/quit")):
            say(w("Stopped. Your replies so far are saved: run the same command to resume."))
            return False
        took = time.monotonic() - started
        # Escapes, controls and bidi overrides go; a byte this terminal's encoding could
        # not decode (a lone surrogate) is shown as U+FFFD; the trainee sees what was sent.
        cleaned = clean_reply(text)
        try:
            turn = session.reply(cleaned.text, took)
        except ReplyRejected as exc:
            say(f"  ({printable(str(exc))})")
            continue
        if cleaned.changed:
            say(f"  ({cleaned_echo(cleaned, s.language)})")
        if limit and took > limit:
            say("  (" + w("that reply took %(took)s s; the limit is %(limit)s s",
                          took=f"{took:.0f}", limit=f"{limit:g}") + ")")
        say(f"{s.customer.name}: {turn.customer}")
    return True


def _start(store, lease, trainee: str, entry, attempt, record, say, corrections: tuple = ()):
    """A new session for the sitting, or its interrupted one resumed (with the attempt's
    `corrections` of the judge)."""
    from simulator.session import Session
    from simulator.wording import words

    if store is None:
        return Session(entry.scenario, seed=entry.seed, corrections=corrections), None
    if record is not None:
        # Replayed on the day it began, with its reply times, each turn checked against
        # the record (ReplayDiffers when one is not the same: never different scores).
        from simulator.resume import ReplayDiffers

        try:
            session = store.resume(record.id, entry.scenario, lease=lease, corrections=corrections)
        except ReplayDiffers as exc:
            w = words(entry.scenario.language)
            raise NotCertified(w(
                "%(trainee)s's sitting %(sitting)s (session %(id)s) cannot be carried on: "
                "replaying reply %(turn)s no longer gives the turn that was recorded (the "
                "judge, the scenario or the centre's corrections have changed since it was "
                "sat), and a resumed sitting must be the one that was sat. Nothing was "
                "changed: every reply recorded is kept (`temper report %(id)s --html FILE` "
                "shows them). Carry it on with the Temper the sitting was begun with, or ask "
                "your trainer what to do.", trainee=trainee, sitting=entry.id, id=record.id,
                turn=exc.turn)) from None
        if session.turns:
            w = words(entry.scenario.language)
            say("(" + w.ngettext("resuming your interrupted attempt of %(started)s: %(count)s "
                                 "reply recovered",
                                 "resuming your interrupted attempt of %(started)s: %(count)s "
                                 "replies recovered", len(session.turns),
                                 started=record.started_at, count=len(session.turns)) + ")")
            if not session.finished:
                say(f"{entry.scenario.customer.name}: {session.customer_line}")
        return session, record.id
    sid = store.begin(trainee=trainee, scenario=entry.scenario, seed=entry.seed, mode="certify",
                      attempt_id=attempt, entry_id=entry.id)
    return Session(entry.scenario, seed=entry.seed, observers=[store.recorder(sid, lease)],
                   corrections=corrections), sid
