"""`temper play`: a conversation in the terminal, typed or scripted. Never loads Qt."""

from __future__ import annotations

import argparse
import json
import sys
import time


def register(sub) -> None:
    p = sub.add_parser("play", help="play a scenario in the terminal",
                       description="Play a scenario in the terminal: the customer speaks, you reply. "
                                   "Type /quit to stop.")
    p.add_argument("scenario", nargs="?",
                   help="a scenario file, or the id of a bundled one (see `temper list`)")
    p.add_argument("--resume", metavar="SESSION_ID", type=int,
                   help="carry on an unfinished practice session from History where it stopped, "
                        "recorded into the same entry (`temper history --unfinished` lists them)")
    p.add_argument("--seed", type=int, default=None, help="picks among the customer's line variants (default 0)")
    p.add_argument("--replies", metavar="FILE",
                   help="play scripted replies from a YAML/JSON list instead of typing")
    p.add_argument("--json", action="store_true", help="print the whole transcript as JSON")
    p.add_argument("--transcript", metavar="PATH",
                   help="write the transcript here after every turn (typed play saves one by default)")
    p.add_argument("--exam", action="store_true", help="no coaching and no hostility meter until the end")
    p.add_argument("--no-record", action="store_true",
                   help="keep this play out of History (it is recorded there by default, as in the app)")
    p.add_argument("--trainee", default=None, help="whose History it goes in (default: your user name)")
    p.add_argument("--db", metavar="PATH", help="the results store (default: results.sqlite3 in the data folder)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from simulator.errors import UsageError
    from simulator.library import resolve
    from simulator.replies import load_replies
    from simulator.session import Session
    from simulator.wording import interface_language, words

    if args.resume is not None:
        return _resume(args)
    if args.scenario is None:
        w = words(interface_language())
        raise UsageError(w(
            "name the scenario to play (`temper list` shows them), or carry on an unfinished "
            "session with --resume SESSION_ID (`temper history --unfinished` lists them)"))
    if args.seed is None:
        args.seed = 0
    scenario = resolve(args.scenario)
    scripted = load_replies(args.replies) if args.replies else None
    transcript_path, observers = _transcript(args, scenario, scripted)
    recording = None if args.no_record else _Recording.open(args, scenario)
    if recording is not None:
        observers.append(recording.on_turn)
    session = Session(scenario, seed=args.seed, observers=observers,
                      corrections=_corrections(args, recording.store if recording else None))
    out = _Printer(enabled=not args.json, exam=args.exam, lang=scenario.language)
    out.opening(session)
    return _play(args, session, scripted, out, recording, transcript_path)


def _corrections(args, store) -> tuple:
    """The centre's corrections of the judge, as the app applies them: from the results
    database the play is recorded in (else the settings', only read). One that cannot be
    read is a warning: the play is judged without them."""
    from simulator.centre import centre_corrections, settings_corrections
    from simulator.errors import TemperError, said
    from simulator.safetext import printable
    from simulator.wording import interface_language

    news: list = []
    try:
        found = (centre_corrections(store, news) if store is not None
                 else settings_corrections(args.db, news))
    except (TemperError, OSError) as exc:
        news.append(f"judged without the centre's corrections of the judge: {exc}")
        found = ()
    lang = interface_language()
    for message in news:
        print(f"temper play: {printable(said(message, lang))}", file=sys.stderr)
    return found


def _transcript(args, scenario, scripted) -> tuple:
    """Where the transcript is written after every turn (typed play: the data folder),
    and the observers that write it."""
    from simulator.paths import data_dir
    from simulator.transcript import TranscriptFile

    transcript_path = args.transcript
    if transcript_path is None and scripted is None:
        stamp = time.strftime("%Y%m%d-%H%M%S")
        transcript_path = data_dir() / "transcripts" / f"{scenario.id}-{stamp}.json"
    if scripted is None:
        from scoring.engine import warm_up

        warm_up([scenario.language])  # so the customer answers the first reply at once
    return transcript_path, [TranscriptFile(transcript_path)] if transcript_path else []


def _resume(args: argparse.Namespace) -> int:
    """`temper play --resume ID`: the unfinished session rebuilt from its recorded replies
    (checked against the record), shown so far, and carried on into the same entry."""
    from simulator.config import database_path
    from simulator.errors import UsageError
    from simulator.replies import load_replies
    from simulator.resume import resume_session
    from simulator.store import open_store
    from simulator.wording import interface_language, words

    w = words(interface_language())
    given = [name for name, value in (("SCENARIO", args.scenario), ("--seed", args.seed),
                                      ("--exam", args.exam), ("--no-record", args.no_record))
             if value not in (None, False)]
    if given:
        raise UsageError(w("--resume carries on session %(id)s as it was begun (its scenario, seed "
                           "and mode) and records it in its History entry: leave out %(options)s",
                           id=args.resume, options=", ".join(given)))
    scripted = load_replies(args.replies) if args.replies else None
    store = open_store(database_path(args.db))
    try:
        try:
            record = store.session(args.resume)
        except UsageError:
            raise UsageError(w("there is no session %(id)s in %(where)s (`temper history` lists "
                               "them, with their ids)", id=args.resume, where=store.path)) from None
        if args.trainee and args.trainee.strip() != record.trainee:
            raise UsageError(w("session %(id)s is %(owner)s's, not %(trainee)s's",
                               id=args.resume, owner=record.trainee, trainee=args.trainee.strip()))
        session = resume_session(store, args.resume, lang=interface_language(),
                                 corrections=_corrections(args, store))
    except BaseException:
        store.close()
        raise
    args.exam = record.mode == "exam"
    transcript_path, observers = _transcript(args, session.scenario, scripted)
    recording = _Recording(store, args.resume)
    session.observers += [*observers, recording.on_turn]
    out = _Printer(enabled=not args.json, exam=args.exam, lang=session.scenario.language)
    out.resumed(session, args.resume)
    return _play(args, session, scripted, out, recording, transcript_path)


def _play(args, session, scripted, out, recording, transcript_path) -> int:
    """The conversation from where `session` is, typed or scripted, then the report."""
    from simulator.safetext import printable
    from simulator.session import ReplyRejected
    from simulator.typed import clean_reply, cleaned_echo

    if scripted is not None:
        for number, reply in enumerate(scripted, 1):
            if session.finished:
                break
            out.agent(reply.text)
            out.turn(session, session.reply(reply.text, reply.latency_s))
    else:
        while not session.finished:
            started = time.monotonic()
            try:
                text = input(out.prompt)
            except EOFError:
                break
            if text.strip() in ("/quit", out.w("/quit")):
                break
            took = time.monotonic() - started
            cleaned = clean_reply(text)  # no escape, control or bidi character goes on
            try:
                turn = session.reply(cleaned.text, took)
            except ReplyRejected as exc:
                print(f"  ({printable(str(exc))})", file=sys.stderr)
                continue
            if cleaned.changed:
                out.say(f"  ({cleaned_echo(cleaned, session.scenario.language)})")
            out.turn(session, turn)

    if recording is not None:
        recording.close(session)
    if args.json:
        json.dump(session.transcript(), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        out.report(session, transcript_path)
        if recording is not None and not session.finished:
            out.say(out.w("Session %(id)s stays unfinished in History: `temper play --resume "
                          "%(id)s` carries it on where it stopped.", id=recording.id))
    return 0


class _Recording:
    """A terminal play written to the results store as it goes, like the app's: begun
    before the first reply, each turn kept, finished when the conversation ends (a play
    stopped early stays in History as unfinished)."""

    def __init__(self, store, session_id: int):
        self.store, self.id = store, session_id
        self.on_turn = store.recorder(session_id)

    @classmethod
    def open(cls, args, scenario) -> "_Recording | None":
        import getpass

        from simulator.config import database_path
        from simulator.errors import TemperError
        from simulator.store import open_store

        try:
            store = open_store(database_path(args.db))
            trainee = args.trainee or getpass.getuser() or "trainee"
            sid = store.begin(trainee=trainee, scenario=scenario, seed=args.seed,
                              mode="exam" if args.exam else "practice")
        except (TemperError, OSError) as exc:
            print(f"temper: warning: not recorded in History: {exc}", file=sys.stderr)
            return None
        return cls(store, sid)

    def close(self, session) -> None:
        try:
            if session.finished:
                self.store.finish(self.id, session.transcript())
        finally:
            self.store.close()


class _Printer:
    """Human-readable play: the customer's lines, a meter and coaching between turns."""

    def __init__(self, enabled: bool, exam: bool, lang: str = "en"):
        from simulator.wording import words

        self.enabled, self.exam = enabled, exam
        self.w = words(lang)
        #: The trainee's prompt, in the session's language.
        self.prompt = self.w("you> ")

    def say(self, text: str = "") -> None:
        if self.enabled:
            print(text, flush=True)

    def opening(self, session, meter: bool = True) -> None:
        import textwrap

        from simulator.customer.casefile import case_file

        from simulator.wording import channel_text, difficulty_text, language_name

        s = session.scenario
        lang = s.language
        self.say(f"{s.title}  ({channel_text(s.channel, lang)}, {language_name(s.language, lang)}, "
                 f"{difficulty_text(s.customer.difficulty, lang)})")
        for line in case_file(s)[1:]:  # the brief, facts and what may be offered
            self.say(textwrap.fill(line, width=92, initial_indent="  | ", subsequent_indent="  | "))
        self.say(f"{s.customer.name}: {session.opening}")
        if meter:
            self._meter(session)

    def resumed(self, session, session_id: int) -> None:
        """A resumed session: what was said so far, then the state it is in now."""
        self.opening(session, meter=False)
        name = session.scenario.customer.name
        for turn in session.turns:
            self.agent(turn.reply)
            self.say(f"{name}: {turn.customer}")
        self.say("  (" + self.w.ngettext(
            "session %(id)s carried on where it stopped: %(num)d reply replayed",
            "session %(id)s carried on where it stopped: %(num)d replies replayed",
            len(session.turns), id=session_id) + ")")
        self._meter(session)

    def agent(self, text: str) -> None:
        self.say(f"{self.prompt}{text}")

    def turn(self, session, turn) -> None:
        if not self.exam:
            for dim, result in turn.score.dimensions.items():
                if result.note and result.score < 0:
                    self.say("  " + self.w("coach: %(note)s", note=self.w(result.note)))
                    break
        self.say(f"{session.scenario.customer.name}: {turn.customer}")
        self._meter(session)
        if not self.exam:
            from simulator.customer.casefile import waiting_line

            waiting = waiting_line(session)
            if waiting:
                self.say(f"  ({waiting})")

    def _meter(self, session) -> None:
        if self.exam or session.finished:
            return
        level = session.hostility
        bar = "#" * round(level / 10) + "." * (10 - round(level / 10))
        from simulator.wording import phase_text

        lang = session.scenario.language
        self.say("  [" + self.w("%(phase)s | hostility %(level)s", phase=phase_text(session.phase, lang),
                                level=f"{level:3.0f}") + f" {bar}]")

    def report(self, session, transcript_path) -> None:
        from simulator.session import GOOD_ENDINGS
        from simulator.wording import dimension_name, outcome_text, score_text

        w = self.w
        score = session.score()
        lang = session.scenario.language
        mark = session.scenario.rubric.pass_mark
        # A good ending that failed failed on its marks: never shown as the pass mark.
        missed = mark if session.outcome in GOOD_ENDINGS and not score.passed else None
        self.say()
        self.say(w("Outcome: %(outcome)s", outcome=outcome_text(session.outcome, lang)))
        self.say(w("Score: %(score)s/100 (%(result)s, pass mark %(mark)s)",
                   score=score_text(score.total, lang, below=missed),
                   result=w("pass") if score.passed else w("fail"), mark=score_text(mark, lang)))
        names = {dim: dimension_name(dim, lang) for dim in score.dimensions}
        width = max(map(len, names.values()), default=0)
        for dim, value in score.dimensions.items():
            self.say(f"  {names[dim]:<{width}}  {score_text(value, lang):>5}")
        for note in score.notes:
            self.say(f"  - {note}")
        if transcript_path and session.turns:
            from simulator.safetext import path_text, printable

            self.say(w("Transcript: %(path)s", path=printable(path_text(transcript_path))))
