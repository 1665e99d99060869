"""The main window: library → session → report, and History; menus and shortcuts.

Every modal dialog goes through a method (`ask_open_path`, `confirm`, `show_error`)
that tests replace. Slow work (loading scenarios, the results store) runs off the UI
thread.
"""

from __future__ import annotations

import importlib.util
import os
import random
from pathlib import Path

from PySide6.QtCore import QByteArray, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QWidget,
)

from simulator.errors import InvalidFile, TemperError
from simulator.library import SCENARIO_SUFFIXES, Entry, library, load_entries, load_entry, resolve
from ui import settings
from ui.controller import SessionController, default_trainee
from ui.history_view import HistoryView
from ui.language import said
from ui.library_view import LibraryView
from ui.report_view import ReportView
from ui.session_view import SessionView
from ui.workers import run_in_background

FONT_STEPS = (0.8, 0.9, 1.0, 1.15, 1.3, 1.5, 1.75, 2.0)


def load_library(paths: list[str]) -> list[Entry]:
    """Bundled scenarios, the user's own (their scenario folder), plus the files (or
    folders) the trainee opened before (off the UI thread). One that has gone missing
    since is simply left out."""
    return library(paths)


def remembered_files() -> list[str]:
    value = settings.settings().value("library/files", []) or []
    return [value] if isinstance(value, str) else [str(v) for v in value]


def warm_up_scorer() -> None:
    """Score one reply, so the scorer's rules and word lists are loaded before the
    trainee's first reply (the first call takes most of a second; off the UI thread)."""
    from scoring import ReplyContext, score_reply

    score_reply(ReplyContext(reply="I'm so sorry, I will send it today. Does that work for you?",
                             customer=("Where is my order? It is late.",), customer_name="Ana"))


class MainWindow(QMainWindow):
    library_loaded = Signal()
    scorer_ready = Signal()
    page_changed = Signal(str)
    corrections_loaded = Signal()  # the centre's corrections were (re)read from the store

    def __init__(self, *, customer_delay: float = 1.0, store=None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Temper — angry-customer practice"))
        self.store = store
        self.controller = SessionController(self, customer_delay=customer_delay, store=store)
        self.library = LibraryView()
        self.session_view = SessionView(self.controller)
        self.report = ReportView()
        self.history = HistoryView()
        self.pages = QStackedWidget()
        for name, page in (("library", self.library), ("session", self.session_view),
                           ("report", self.report), ("history", self.history)):
            page.setObjectName(f"page_{name}")
            self.pages.addWidget(page)
        self.setCentralWidget(self.pages)
        self.statusBar()
        self._lab = None
        self._build_menus()

        self.library.start_requested.connect(self._start_entry)
        self.library.open_file_requested.connect(self.open_file)
        self.session_view.report_requested.connect(self.show_report)
        self.controller.finished.connect(self._finished)
        self.controller.started.connect(lambda _s: self.show_page("session"))
        self.controller.exam_refused.connect(self._exam_refused)
        self.report.back_requested.connect(lambda: self.show_page("library"))
        self.report.again_requested.connect(self._again)
        self.report.exported.connect(lambda p: self.status(self.tr("Report saved to {path}").format(path=p), 8000))
        self.report.export_failed.connect(lambda m: self.show_error(self.tr("Export failed"), m))
        self.report.correction_made.connect(self._correction)
        self.history.back_requested.connect(lambda: self.show_page("library"))
        self.history.report_requested.connect(self._reopen)
        self.history.resume_requested.connect(self.resume)
        if store is not None:
            store.failed.connect(lambda m: self.status(m, 10000))  # said by the worker
            self.controller.saved.connect(lambda _id: self.status(self.tr("Saved to History"), 4000))

        self._restore()
        self._load_corrections()
        self.show_page("library")

    def _load_corrections(self) -> None:
        """The centre's corrections, from the results store (on its thread)."""
        from simulator.centre import centre_corrections

        if self.store is None:
            return

        def load(store):
            news: list[str] = []
            return centre_corrections(store, news), news

        self.store.call(load, self._corrections_loaded, self._corrections_failed)

    def _corrections_loaded(self, found) -> None:
        corrections, news = found
        self.controller.corrections = corrections
        for message in news:
            message = said(message)
            self.status(message[:1].upper() + message[1:], 15000)
        self.corrections_loaded.emit()

    def _corrections_failed(self, exc: Exception) -> None:
        self.status(self.tr("Corrections not used: {error}").format(error=said(exc)), 10000)
        self.corrections_loaded.emit()

    def _correction(self, reply: str, language: str, kind: str, verdict: bool, note: str) -> None:
        import getpass

        from simulator.centre import add_correction, correction_for

        correction = correction_for(reply, language, kind, verdict, getpass.getuser(), note)
        if self.store is None:
            self.show_error(self.tr("Correction not saved"),
                            self.tr("There is no results database to keep it in."))
            return

        def failed(exc: Exception) -> None:
            self.show_error(self.tr("Correction not saved"), said(exc))
            self.corrections_loaded.emit()

        self.store.call(lambda store: add_correction(correction, store),
                        lambda _done: self._load_corrections(), failed)

    # --- menus ----------------------------------------------------------------------
    def _action(self, menu, text: str, slot, shortcut=None, name: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        action.setObjectName(name or text)
        menu.addAction(action)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        m = bar.addMenu(self.tr("&Session"))
        self.library_action = self._action(m, self.tr("Scenario &library"), lambda: self.show_page("library"),
                                           "Ctrl+L", "library")
        self.open_action = self._action(m, self.tr("&Open scenario file…"), self.open_file,
                                        QKeySequence.StandardKey.Open, "open")
        self.history_action = self._action(m, self.tr("&History"), self.show_history, "Ctrl+H", "history")
        self.report_action = self._action(m, self.tr("Last &report"), self.show_report, "Ctrl+R", "report")
        m.addSeparator()
        self.end_action = self._action(m, self.tr("&End this session"), self.end_session, "Ctrl+E", "end")
        m.addSeparator()
        self._action(m, self.tr("&Quit"), self.close, QKeySequence.StandardKey.Quit, "quit")
        v = bar.addMenu(self.tr("&View"))
        self._action(v, self.tr("&Larger text"), lambda: self.scale_font(+1), QKeySequence.StandardKey.ZoomIn, "zoom_in")
        self._action(v, self.tr("&Smaller text"), lambda: self.scale_font(-1), QKeySequence.StandardKey.ZoomOut, "zoom_out")
        self._action(v, self.tr("&Normal text size"), lambda: self.scale_font(0), "Ctrl+0", "zoom_reset")
        if importlib.util.find_spec("ui.lab") is not None:
            t = bar.addMenu(self.tr("&Tools"))
            self.lab_action = self._action(t, self.tr("Scenario &Lab…"), self.open_lab, "Ctrl+Shift+L", "lab")
        self._language_menu(v)
        h = bar.addMenu(self.tr("&Help"))
        self._action(h, self.tr("&Keyboard shortcuts"), self.show_shortcuts, QKeySequence.StandardKey.HelpContents, "keys")

    def _language_menu(self, view) -> None:
        """View ▸ Language: the system's, or English or Spanish (from the next start)."""
        from PySide6.QtGui import QActionGroup

        from ui import language

        menu = view.addMenu(self.tr("&Language"))
        menu.setObjectName("language_menu")
        group = QActionGroup(menu)
        chosen = language.chosen()
        for code, text in (("", self.tr("As the &system")), *language.NATIVE_NAMES.items()):
            action = QAction(text, menu, checkable=True)
            action.setObjectName(f"language_{code or 'system'}")
            action.setChecked(code == chosen)
            action.triggered.connect(lambda _=False, c=code: self.choose_language(c))
            group.addAction(action)
            menu.addAction(action)

    def choose_language(self, code: str) -> None:
        from ui import language

        language.choose(code)
        self.status(self.tr("The interface will be in the chosen language from the next start."), 8000)

    # --- dialogs (tests replace these) -----------------------------------------------
    def ask_open_path(self) -> str:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open a scenario file"), str(Path.home()),
            self.tr("Scenario files ({patterns});;All files (*)").format(
                patterns=" ".join(f"*{s}" for s in SCENARIO_SUFFIXES)))
        return path

    def confirm(self, title: str, question: str) -> bool:
        return QMessageBox.question(self, title, question) == QMessageBox.StandardButton.Yes

    def show_error(self, title: str, message: str) -> None:
        QMessageBox.warning(self, title, message)

    def show_info(self, title: str, message: str) -> None:
        QMessageBox.information(self, title, message)

    # --- pages ----------------------------------------------------------------------
    def current_page(self) -> str:
        return self.pages.currentWidget().objectName().removeprefix("page_")

    def show_page(self, name: str) -> None:
        page = self.findChild(QWidget, f"page_{name}")
        self.pages.setCurrentWidget(page)
        self.report_action.setEnabled(bool(self.report.transcript))
        self.end_action.setEnabled(name == "session" and self._in_conversation())
        focus = {"library": self.library.table, "session": self.session_view.reply.editor,
                 "report": self.report.pdf_button, "history": self.history.table}[name]
        if name == "session" and self.controller.session and self.controller.session.finished:
            focus = self.session_view.report_button
        focus.setFocus()
        self.page_changed.emit(name)

    def _in_conversation(self) -> bool:
        s = self.controller.session
        return s is not None and not s.finished

    # --- the library ----------------------------------------------------------------
    def load_library(self) -> None:
        files = remembered_files()
        run_in_background(lambda: load_library(files), self._library_loaded, self._library_failed)
        run_in_background(warm_up_scorer, self._scorer_warm, self._scorer_warm)

    def _scorer_warm(self, _result=None) -> None:
        # A failure here resurfaces, with its message, at the first reply: nothing to say yet.
        self.scorer_ready.emit()

    def _library_loaded(self, entries: list[Entry]) -> None:
        self.library.set_entries(entries)
        self.library_loaded.emit()

    def _library_failed(self, exc: Exception) -> None:
        self.library.load_failed(self.tr("the scenario library could not be loaded: {error}").format(
            error=said(exc)))
        self.library_loaded.emit()

    def open_file(self) -> None:
        path = self.ask_open_path()
        if path:
            self.open_path(Path(path))

    def open_path(self, path: Path) -> None:
        """Load one scenario file off the UI thread; list it (valid or not) and select it."""
        self.status(self.tr("Opening {path}…").format(path=path))
        run_in_background(lambda: self._load_one(path), self._opened, self._open_failed)

    def _load_one(self, path: Path) -> Entry:
        if not path.exists():
            raise TemperError(self.tr("there is no file {path}").format(path=path))
        if path.is_dir():
            raise TemperError(self.tr("{path} is a folder: open one scenario file (.yaml)").format(path=path))
        entries = load_entries([path])
        if not entries:
            raise TemperError(self.tr("{path} is not a scenario file").format(path=path))
        return entries[0]

    def _opened(self, entry: Entry) -> None:
        self.library.add_entry(entry)
        files = remembered_files()
        if str(entry.path.resolve()) not in files:  # listed again next time, fixed or not
            settings.put("library/files", files + [str(entry.path.resolve())])
        self.show_page("library")
        if entry.scenario is None:
            problems = "\n".join(said(p) for p in entry.problems)
            self.status("⚠ " + self.tr("{file} cannot be used: see the problems listed").format(
                file=entry.path.name), 10000)
            self.show_error(self.tr("This scenario cannot be used"),
                            self.tr("Fix these problems in {file}, then open it again:\n\n{problems}").format(
                                file=entry.path.name, problems=problems))
        else:
            self.status(self.tr("Opened {title}").format(title=entry.scenario.title), 5000)

    def _open_failed(self, exc: Exception) -> None:
        self.statusBar().clearMessage()
        self.show_error(self.tr("The scenario could not be opened"), said(exc))

    def open_scenario(self, name: str, mode: str = "practice") -> None:
        """`temper gui SCENARIO`: a file or a bundled id, straight into the conversation."""
        def load():
            try:
                return Entry(Path(name), resolve(name))
            except InvalidFile as exc:
                return Entry(Path(name), None, tuple(exc.problems))
        self._open_mode = mode
        run_in_background(load, self._resolved, self._open_failed)

    def _resolved(self, entry: Entry) -> None:
        if entry.scenario is None:
            self._opened(entry)
            return
        self.start(entry.scenario, mode=getattr(self, "_open_mode", "practice"))

    # --- a session ------------------------------------------------------------------
    def _start_entry(self, entry: Entry, mode: str) -> None:
        if entry.scenario is not None:
            self.start(entry.scenario, mode=mode)

    def start(self, scenario, *, mode: str = "practice", seed: int | None = None) -> None:
        if self._in_conversation() and not self.confirm(
                self.tr("Leave this conversation?"),
                self.tr("The conversation in progress will be left unfinished. Start another?")):
            return
        self.controller.trainee = self.library.trainee.text().strip() or default_trainee()
        seed = random.randrange(1_000_000) if seed is None else seed
        self.controller.start(scenario, seed=seed, mode=mode)  # `started` shows the session

    def _exam_refused(self, message: str) -> None:
        """The exam did not begin (the trainee sits live elsewhere): say where, stay put."""
        if self.current_page() == "session":
            self.show_page("library")
        self.show_error(self.tr("Exam not started"), message)

    def end_session(self) -> None:
        if not self._in_conversation():
            return
        if self.confirm(self.tr("End this session?"),
                        self.tr("The conversation will be left unfinished and not scored.")):
            self.controller.stop()
            self.controller.session = None
            self.show_page("library")

    def _again(self) -> None:
        s = self.report.scenario
        if s is not None:
            self.start(s, mode=self.controller.mode)

    def _finished(self, transcript: dict) -> None:
        s = self.controller.session.scenario
        self.report.scenario = s
        transcript = {**transcript, **self.controller.sitting()}  # who, how and when
        self.report.show_transcript(transcript, (s.hostility.agrees_below, s.hostility.breaking_point))
        self.report_action.setEnabled(True)

    def status(self, message: str, timeout_ms: int = 0) -> None:
        """A status message that never widens the window: elided to the bar's width,
        the whole text in its tooltip."""
        bar = self.statusBar()
        width = max(200, bar.width() - 40)
        shown = bar.fontMetrics().elidedText(message, Qt.TextElideMode.ElideMiddle, width)
        bar.setToolTip(message)
        bar.showMessage(shown, timeout_ms)

    def show_report(self) -> None:
        if self.report.transcript:
            self.show_page("report")

    # --- history --------------------------------------------------------------------
    def show_history(self) -> None:
        self.show_page("history")
        trainee = self.library.trainee.text().strip() or default_trainee()
        if self.store is None:
            self.history.set_failed(self.tr("History is off: no results store."))
            return
        self.history.set_loading(trainee)
        self._history_trainee = trainee
        self.store.call(lambda store: store.sessions(trainee=trainee), self._history_loaded,
                        lambda exc: self.history.set_failed(
                            self.tr("History could not be read: {error}").format(error=said(exc))))

    def _history_loaded(self, records) -> None:
        self.history.set_records(records, getattr(self, "_history_trainee", ""))

    def _reopen(self, session_id: int) -> None:
        from simulator.report import with_sitting

        self.store.call(lambda store: with_sitting(store.transcript(session_id), store.session(session_id)),
                        self._reopened,
                        lambda exc: self.show_error(self.tr("The report could not be opened"), said(exc)))

    def _reopened(self, transcript: dict) -> None:
        self.report.scenario = None
        for e in self.library.model.entries:
            if e.scenario is not None and e.scenario.id == transcript.get("scenario"):
                self.report.scenario = e.scenario
        s = self.report.scenario
        if s is not None and "pass_mark" not in transcript:  # recorded before transcripts kept it
            transcript = {**transcript, "pass_mark": s.rubric.pass_mark}
        if s is not None:  # an unfinished session's record says only what was said so far
            transcript = {"language": s.language, "channel": s.channel, **transcript}
        self.report.show_transcript(transcript, (s.hostility.agrees_below, s.hostility.breaking_point) if s else None)
        self.report.again_button.setEnabled(s is not None)
        self.show_page("report")

    def resume(self, session_id: int) -> None:
        """History ▸ Resume: the unfinished session rebuilt from its recorded replies (on the
        store's thread: the judge replays each one) and carried on where it stopped."""
        from simulator.resume import resume_session
        from ui import language

        if self.store is None:
            return
        if self._in_conversation() and not self.confirm(
                self.tr("Leave this conversation?"),
                self.tr("The conversation in progress will be left unfinished. Resume the other one?")):
            return
        lang, corrections = language.in_use(), self.controller.corrections

        def rebuild(store):
            record = store.session(session_id)
            return record, resume_session(store, session_id, lang=lang, corrections=corrections)

        self.status(self.tr("Resuming the session…"))
        self.store.call(rebuild, self._resumed, lambda exc: self._resume_failed(session_id, exc))

    def _resumed(self, rebuilt) -> None:
        record, session = rebuilt
        self.statusBar().clearMessage()
        self.controller.stop()
        self.controller.trainee = record.trainee
        self.controller.resume(session, record.id, mode=record.mode, started_at=record.started_at)
        self.show_page("session")

    def _resume_failed(self, session_id: int, exc: Exception) -> None:
        from simulator.resume import CannotResume

        self.statusBar().clearMessage()
        if isinstance(exc, CannotResume):
            if self.confirm(self.tr("This session cannot be resumed"),
                            self.tr("{why}\n\nOpen its report instead?").format(why=exc)):
                self._reopen(session_id)
            return
        self.show_error(self.tr("The session could not be resumed"), said(exc))

    # --- the scenario lab -----------------------------------------------------------
    def open_lab(self) -> None:
        from ui.lab import ScenarioLab

        if self._lab is None:
            self._lab = ScenarioLab()
            self._lab.setWindowFlag(Qt.WindowType.Window)
            self._lab.setParent(self, Qt.WindowType.Window)
            self._lab.resize(1000, 700)
            self._lab.saved.connect(self._lab_saved)
            entry = self.library.selected_entry()
            if entry is not None:  # start on the scenario chosen in the library
                self._lab.open_file(entry.path)
        self._lab.show()
        self._lab.raise_()
        self._lab.activateWindow()

    def _lab_saved(self, path: Path) -> None:
        """The lab wrote a scenario (a copy in the user's folder, or an edit): the library
        lists it as it is now, without leaving the page the trainee is on."""
        def listed(entry: Entry) -> None:
            self.library.add_entry(entry)
            files = remembered_files()
            if entry.origin == "opened" and str(entry.path.resolve()) not in files:
                settings.put("library/files", files + [str(entry.path.resolve())])
            self.library_loaded.emit()

        run_in_background(lambda: load_entry(Path(path)), listed,
                          lambda exc: self.statusBar().showMessage(said(exc), 10000))

    # --- view -----------------------------------------------------------------------
    def scale_font(self, step: int) -> None:
        from ui.app import apply_font_scale

        current = settings.get_float("view/font_scale", 1.0)
        if step == 0:
            new = 1.0
        else:
            i = min(range(len(FONT_STEPS)), key=lambda k: abs(FONT_STEPS[k] - current))
            new = FONT_STEPS[max(0, min(len(FONT_STEPS) - 1, i + step))]
        settings.put("view/font_scale", new)
        apply_font_scale(QApplication.instance(), new)
        self.status(self.tr("Text size {percent}").format(percent=f"{new:.0%}"), 3000)

    def show_shortcuts(self) -> None:
        self.show_info(self.tr("Keyboard shortcuts"), "\n".join((
            self.tr("Enter — send (chat, phone, WhatsApp, social); Shift+Enter — new line"),
            self.tr("Ctrl+Enter — send an email"),
            self.tr("Ctrl+L — scenario library · Ctrl+O — open a scenario file"),
            self.tr("Ctrl+H — history · Ctrl+R — last report · Ctrl+E — end the session"),
            self.tr("Ctrl++ / Ctrl+- / Ctrl+0 — text size"),
            self.tr("Tab / Shift+Tab — move between controls; Enter on a list — open"),
        )))

    # --- persistence ----------------------------------------------------------------
    def _restore(self) -> None:
        s = settings.settings()
        geometry = s.value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1200, 780)
        split = s.value("window/session_split")
        if isinstance(split, QByteArray):
            self.session_view.split.restoreState(split)

    def closeEvent(self, event) -> None:
        if self._in_conversation() and not self.confirm(
                self.tr("Quit Temper?"),
                self.tr("The conversation in progress will be left unfinished. Quit anyway?")):
            event.ignore()
            return
        s = settings.settings()
        s.setValue("window/geometry", self.saveGeometry())
        s.setValue("window/session_split", self.session_view.split.saveState())
        settings.put("trainee", self.library.trainee.text().strip())
        self.controller.stop()
        if self._lab is not None:
            self._lab.close()
        super().closeEvent(event)
