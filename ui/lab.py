"""The scenario lab: open a scenario file, edit it, see its problems as you type, see its
state diagram drawn, run its examples and play it, with changes reloaded on save.

    lab = ScenarioLab()
    lab.open_file("scenarios/late_delivery.yaml")
    lab.show()

Every tab shows the file in the editor: opening another file clears the examples, the
play and the diagram of the one before. Bundled scenarios and the training centre's open
read-only; "Save as" writes a copy (with its own id) to the user's scenario folder, which
the library lists.

The widget only displays and forwards. Validation is `simulator.authoring.validate_text`
(via `simulator.format.loader.parse_scenario`), examples are `simulator.check.play_examples`,
the diagram's layout is `simulator.rulebook.diagram.layout` (drawn by `ui.lab_diagram`),
the user's folder and copies are `simulator.library`, and play is a `simulator.session.Session`.
"""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFileDialog, QHBoxLayout, QLineEdit, QMessageBox, QPushButton, QSplitter, QTabWidget,
    QTextBrowser, QToolBar, QVBoxLayout, QWidget,
)

from simulator.authoring import Validation, example_rows, turn_note, validate_text
from simulator.check import play_examples
from simulator.errors import TemperError
from simulator.format.loader import read_text
from simulator.library import (
    SCENARIO_SUFFIXES, is_bundled, is_centre, scenario_id_for, suggested_copy_path, text_with_id,
    user_dir,
)
from simulator.session import ReplyRejected, Session
from ui import theme
from ui.language import said
from ui.lab_diagram import DiagramView
from ui.lab_editor import MessageView, ScenarioEditor
from ui.workers import run_in_background

#: How long typing must pause before the text is validated again.
DEBOUNCE_MS = 400
TABS = ("Diagram", "Examples", "Play")


class ScenarioLab(QWidget):
    #: after every validation (debounced while typing): the `Validation`
    validated = Signal(object)
    #: the examples were run: the list of `simulator.check.ExampleResult`
    examples_run = Signal(list)
    #: a saved (or changed on disk) file was loaded again into play: the new `Scenario`
    reloaded = Signal(object)
    #: the customer answered in the play tab: the `Turn`
    played = Signal(object)
    #: a file was written (Save, or Save as): its `Path` (the library lists it)
    saved = Signal(object)

    def __init__(self, parent: QWidget | None = None, debounce_ms: int = DEBOUNCE_MS,
                 path: str | Path | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Scenario lab"))
        self.path: Path | None = None
        self.read_only = False
        self.validation: Validation | None = None
        self.scenario = None  # the last valid saved version of this file: what play uses
        self.session: Session | None = None
        self._last_saved_text: str | None = None
        self._drawn = None  # the last valid version of this file's text: what the diagram shows
        self._examples_text: str | None = None  # the text the examples shown were run on
        self._examples_running = False
        self._file_generation = 0  # bumped when another file opens: late results are dropped
        self._examples_for = 0

        self._debounce = QTimer(self)
        self._debounce.setObjectName("scenario-lab-validate")
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(debounce_ms)
        self._debounce.timeout.connect(self.validate_now)

        self._watcher = QFileSystemWatcher(self)
        self._watcher.fileChanged.connect(self._changed_on_disk)

        # --- toolbar -------------------------------------------------------------------
        bar = QToolBar(self.tr("Scenario lab"))
        self.open_action = bar.addAction(self.tr("Open…"), self.choose_file)
        self.save_action = bar.addAction(self.tr("Save"), self.save)
        self.save_action.setToolTip(self.tr("Save (Ctrl+S)"))
        self.save_as_action = bar.addAction(self.tr("Save as…"), self.save_as)
        self.save_as_action.setToolTip(self.tr("Save a copy under another name (Ctrl+Shift+S)"))
        bar.addSeparator()
        self.run_action = bar.addAction(self.tr("Run examples"), self.run_examples)
        self.restart_action = bar.addAction(self.tr("Restart play"), self.restart_play)
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self.save)
        QShortcut(QKeySequence("Ctrl+Shift+S"), self, activated=self.save_as)

        # --- the read-only notice, the editor and its problems ---------------------------
        self.notice = MessageView(self.tr("Read-only notice"), fit_lines=5)
        self.notice.hide()
        self.copy_button = QPushButton(self.tr("Save a copy…"))
        self.copy_button.setAccessibleName(self.tr("Save a copy of this bundled scenario"))
        self.copy_button.clicked.connect(self.save_as)
        self.copy_button.hide()
        notice_row = QHBoxLayout()
        notice_row.setContentsMargins(0, 0, 0, 0)
        notice_row.addWidget(self.notice, 1)
        notice_row.addWidget(self.copy_button, 0, Qt.AlignmentFlag.AlignVCenter)

        self.editor = ScenarioEditor()
        self.editor.textChanged.connect(self._text_changed)
        self.editor.modificationChanged.connect(lambda _m: self._show_play_header())
        self.problems = MessageView(self.tr("Problems"))
        self.problems.activated.connect(self._jump)
        self.status = MessageView(self.tr("Lab status"), fit_lines=8)
        self._say(self.tr("Open a scenario file (or paste one) to start."))
        edit_split = QSplitter(Qt.Orientation.Vertical)
        edit_split.addWidget(self.editor)
        edit_split.addWidget(self.problems)
        edit_split.setStretchFactor(0, 4)
        edit_split.setStretchFactor(1, 1)
        edit_split.setSizes([520, 110])
        edit_split.setChildrenCollapsible(False)
        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addLayout(notice_row)
        lv.addWidget(edit_split, 1)
        lv.addWidget(self.status)

        # --- right: diagram, examples, play ------------------------------------------------
        self.diagram = DiagramView()
        self.diagram.show_message(self.tr("Open a scenario file to see its diagram."))

        self.example_list = MessageView(self.tr("Example results"))
        self.example_list.activated.connect(self._jump)
        self.run_button = run_button = QPushButton(self.tr("Run examples"))
        run_button.clicked.connect(self.run_examples)
        examples = QWidget()
        ev = QVBoxLayout(examples)
        ev.addWidget(run_button)
        ev.addWidget(self.example_list, 1)

        self.play_header = MessageView(self.tr("What is being played"), fit_lines=3)
        self.transcript = QTextBrowser()
        self.transcript.setAccessibleName(self.tr("Play transcript"))
        self.play_input = QLineEdit()
        self.play_input.setPlaceholderText(self.tr("Reply to the customer and press Enter"))
        self.play_input.setAccessibleName(self.tr("Your reply"))
        self.play_input.returnPressed.connect(self.send)
        self.play_input.setEnabled(False)
        send = QPushButton(self.tr("Send"))
        send.clicked.connect(self.send)
        restart = QPushButton(self.tr("Restart"))
        restart.clicked.connect(self.restart_play)
        play = QWidget()
        pv = QVBoxLayout(play)
        pv.addWidget(self.play_header)
        pv.addWidget(self.transcript, 1)
        row = QHBoxLayout()
        row.addWidget(self.play_input, 1)
        row.addWidget(send)
        row.addWidget(restart)
        pv.addLayout(row)

        self.tabs = QTabWidget()
        self.tabs.addTab(self.diagram, self.tr("Diagram"))
        self.tabs.addTab(examples, self.tr("Examples"))
        self.tabs.addTab(play, self.tr("Play"))

        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(self.tabs)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([520, 480])  # scaled to the window's width when first shown
        split.setChildrenCollapsible(False)
        self.split = split
        layout = QVBoxLayout(self)
        layout.addWidget(bar)
        layout.addWidget(split, 1)
        self._transcript_lines: list[str] = []
        self._clear_file_views()
        if path is not None:
            self.open_file(path)

    # --- files ------------------------------------------------------------------------
    def choose_file(self) -> None:
        if not self.may_discard_edits():
            return
        start = str(self.path.parent) if self.path else (str(user_dir()) if user_dir().is_dir() else "")
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Open scenario"), start,
                                              self.tr("Scenarios (*.yaml *.yml)"))
        if name:
            self.open_file(name)

    def open_file(self, path: str | Path) -> bool:
        """Load a file into the editor (validated at once); every tab then shows it and
        nothing of the file before. False, with a message, if unreadable (the file open
        before stays as it was)."""
        path = Path(path)
        try:
            text = read_text(path)
        except TemperError as exc:
            self._say(said(exc), bad=True)
            return False
        self._debounce.stop()
        if self.path is not None and str(self.path) in self._watcher.files():
            self._watcher.removePath(str(self.path))
        self.path = path
        self._last_saved_text = text
        self._clear_file_views()
        self._set_read_only(is_bundled(path) or is_centre(path))
        self.editor.setPlainText(text)  # also forgets the undo history of the file before
        self.editor.document().setModified(False)
        self._debounce.stop()
        self.validate_now()
        self._watcher.addPath(str(path))
        self._reload_play(announce=False)
        return True

    def _clear_file_views(self) -> None:
        """Forget everything shown for the previous file: its play, examples and diagram."""
        self.scenario = None
        self.session = None
        self.validation = None
        self._drawn = None
        self._examples_text = None
        self._file_generation += 1
        self._transcript_lines = []
        self.transcript.clear()
        self.play_input.clear()
        self.play_input.setEnabled(False)
        self.example_list.set_entries([])
        self.diagram.highlight(None)
        self.diagram.show_message(self.tr("Open a scenario file to see its diagram."))
        self._show_play_header()

    def _set_read_only(self, read_only: bool) -> None:
        self.read_only = read_only
        self.editor.setReadOnly(read_only)
        self.save_action.setEnabled(not read_only)
        self.notice.setVisible(read_only)
        self.copy_button.setVisible(read_only)
        if read_only and is_centre(self.path):
            self.notice.set_message(
                self.tr("Your training centre's scenario: read-only. To change it, save a copy; "
                        "it goes to your scenario folder ({folder}) and the library lists it "
                        "beside the centre's.").format(folder=user_dir()), theme.WARN)
        elif read_only:
            self.notice.set_message(
                self.tr("Bundled with Temper: read-only. To change it, save a copy; it goes to your "
                        "scenario folder ({folder}) and the library lists it beside the bundled ones.").format(
                    folder=user_dir()),
                theme.WARN)
        self.setWindowTitle((self.tr("Scenario lab — {file} (read-only)") if read_only
                             else self.tr("Scenario lab — {file}")).format(file=self.path.name))

    def save(self) -> bool:
        """Write the editor's text to the file, then play the saved version (if valid).
        A bundled scenario is never overwritten: saving it means saving a copy."""
        if self.read_only:
            return self.save_as()
        if self.path is None:
            return self.save_as()
        return self._write(self.path, self.editor.toPlainText())

    def save_as(self) -> bool:
        """Save under a new name; by default a copy in the user's scenario folder. The
        copy is given its own id (its file name), so History never mixes it with the
        original; it then becomes the file in the editor."""
        current_id = self.validation.scenario.id if self.validation and self.validation.ok and self.path else \
            (self.path.stem if self.path else "my_scenario")
        suggested = suggested_copy_path(current_id, copy=self.path is not None)
        try:  # the dialog opens in the folder only if it exists (else somewhere surprising)
            suggested.parent.mkdir(parents=True, exist_ok=True)
        except OSError:
            pass
        choice = self.ask_save_path(suggested)
        if not choice:
            return False
        target = Path(choice)
        if target.suffix not in SCENARIO_SUFFIXES:
            target = target.with_name(target.name + ".yaml")
        if is_bundled(target):
            self._say(self.tr("{file}: bundled scenarios are read-only; save the copy in your "
                              "scenario folder, {folder}.").format(file=target.name, folder=user_dir()), bad=True)
            return False
        if is_centre(target):
            self._say(self.tr("{file}: your training centre's scenarios are read-only; save the "
                              "copy in your scenario folder, {folder}.").format(
                                  file=target.name, folder=user_dir()), bad=True)
            return False
        new_id = scenario_id_for(target.stem)
        text = text_with_id(self.editor.toPlainText(), new_id)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            self._say(self.tr("{folder}: cannot make the folder: {error}").format(
                folder=target.parent, error=exc.strerror), bad=True)
            return False
        if self.path is not None and str(self.path) in self._watcher.files():
            self._watcher.removePath(str(self.path))
        old = self.path
        self.path = target
        if not self._write(target, text, announce=False):
            self.path = old
            return False
        if text != self.editor.toPlainText():
            self.editor.setPlainText(text)
            self.editor.document().setModified(False)
        self._set_read_only(False)
        self.validate_now()
        self._reload_play(announce=False)
        self._say((self.tr("Saved a copy as {file} (id {id}); the library lists it with your scenarios.")
                   if target.parent == user_dir() else
                   self.tr("Saved a copy as {file} (id {id}); the library lists it.")).format(file=target, id=new_id),
                  bad=not (self.validation and self.validation.ok))
        return True

    def ask_save_path(self, suggested: Path) -> Path | None:
        """Where to save a copy (a method, so tests can answer it)."""
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Save a copy of the scenario"), str(suggested),
                                              self.tr("Scenarios (*.yaml)"))
        return Path(name) if name else None

    def _write(self, path: Path, text: str, announce: bool = True) -> bool:
        try:
            path.write_text(text, encoding="utf-8")
        except OSError as exc:
            self._say(self.tr("{file}: cannot save: {reason}").format(file=path, reason=exc.strerror), bad=True)
            return False
        self._last_saved_text = text
        self.editor.document().setModified(False)
        if str(path) not in self._watcher.files():
            self._watcher.addPath(str(path))
        self._debounce.stop()
        if announce:
            self.validate_now()
            self._reload_play(announce=True)
        self.saved.emit(path)
        return True

    # --- unsaved edits are never lost silently ------------------------------------------
    def may_discard_edits(self) -> bool:
        """True when the editor's text may be replaced: nothing unsaved, or the author
        saved it or chose to discard it."""
        if not self.editor.document().isModified():
            return True
        answer = self.ask_unsaved()
        if answer == "save":
            return self.save()
        return answer == "discard"

    def ask_unsaved(self) -> str:
        """'save', 'discard' or 'cancel' (a method, so tests can answer it)."""
        name = self.path.name if self.path else self.tr("this scenario")
        box = QMessageBox.question(
            self, self.tr("Unsaved changes"), self.tr("Save your changes to {name}?").format(name=name),
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Save)
        return {QMessageBox.StandardButton.Save: "save",
                QMessageBox.StandardButton.Discard: "discard"}.get(box, "cancel")

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        if self.may_discard_edits():
            event.accept()
        else:
            event.ignore()

    def _changed_on_disk(self, name: str) -> None:
        """Another editor saved the file: take it in, unless there are unsaved edits here."""
        path = Path(name)
        if self.path is None or path != self.path:
            return
        if path.exists() and name not in self._watcher.files():
            self._watcher.addPath(name)  # editors that replace the file drop the watch
        try:
            text = read_text(path)
        except TemperError:
            return
        if text == self._last_saved_text:
            return  # our own save
        if self.editor.document().isModified():
            self._say(self.tr("{file} changed on disk; save to overwrite it, or reopen it to take "
                              "the other version.").format(file=path.name), bad=True)
            return
        self._last_saved_text = text
        self.editor.setPlainText(text)
        self.editor.document().setModified(False)
        self._debounce.stop()
        self.validate_now()
        self._reload_play(announce=True)

    # --- validation ---------------------------------------------------------------------
    def _text_changed(self) -> None:
        self._debounce.start()

    def validate_now(self) -> Validation:
        self._debounce.stop()
        file = str(self.path) if self.path else "<scenario>"
        text = self.editor.toPlainText()
        v = validate_text(text, file)
        self.validation = v
        by_line: dict[int, list[str]] = {}
        entries = []
        for p in v.problems:
            where = f"{p.path}: " if p.path else ""
            message = said(p.message)  # the checker's words, in the interface's language
            by_line.setdefault(p.line, []).append(f"{where}{message}")
            entries.append((self.tr("Line {line}, column {column}: {problem}").format(
                line=p.line, column=p.column, problem=f"{where}{message}"), (p.line, p.column), theme.BAD))
        self.problems.set_entries(entries)
        self.editor.set_problems(by_line)
        name = self.path.name if self.path else self.tr("this text")
        if v.ok:
            self._drawn = v.scenario
            self.diagram.show_scenario(v.scenario)
            from simulator.wording import channel_text, difficulty_text, language_name
            from ui.language import in_use

            lang = in_use()  # the interface's language, words from the core's catalogue
            valid = self.tr("Valid: {title} ({language}, {channel}, {difficulty}, format {format}).").format(
                title=v.scenario.title, language=language_name(v.scenario.language, lang),
                channel=channel_text(v.scenario.channel, lang),
                difficulty=difficulty_text(v.scenario.customer.difficulty, lang), format=v.scenario.format)
            self._say(valid + (" " + self.tr("Read-only: Save as… to change it.") if self.read_only else ""))
        else:
            n = len(v.problems)
            problems = self.tr("1 problem") if n == 1 else self.tr("{count} problems").format(count=n)
            if self._drawn is not None:
                self.diagram.show_scenario(
                    self._drawn, note=self.tr("{name} has {problems} now; this is its last valid version.").format(
                        name=name, problems=problems))
            else:
                self.diagram.show_message(self.tr("No diagram: {name} has {problems}. Fix them (see the list "
                                                  "under the editor) and the diagram is drawn.").format(
                    name=name, problems=problems))
            self._say(self.tr("{problems}: the first at line {line}.").format(
                problems=problems, line=v.problems[0].line), bad=True)
        if self._examples_text is not None and text != self._examples_text:
            self._mark_examples_stale()
        self.validated.emit(v)
        return v

    def problem_lines(self) -> list[int]:
        """The lines shown with problems (for tests and screen readers)."""
        return self.editor.marked_lines()

    def _jump(self, where) -> None:
        if where:
            self.editor.go_to_line(*where)

    # --- examples -------------------------------------------------------------------------
    def run_examples(self) -> None:
        """Play the examples on a pool thread (the first run loads the judge, a few
        seconds): the lab stays responsive, and `examples_run` says when they are done."""
        if self._examples_running:
            return
        v = self.validate_now()
        self.tabs.setCurrentIndex(TABS.index("Examples"))
        text = self.editor.toPlainText()
        self._examples_text = text
        if not v.ok:
            self.example_list.set_message(self.tr("Fix the problems first: the examples need a valid scenario."),
                                          theme.BAD)
            self.examples_run.emit([])
            return
        self._set_examples_running(True)
        self._examples_for = self._file_generation
        self.example_list.set_message(self.tr("Running the examples…"))
        scenario = v.scenario
        run_in_background(lambda: play_examples(scenario, text), on_done=self._examples_done,
                          on_failed=self._examples_failed)

    def _set_examples_running(self, running: bool) -> None:
        self._examples_running = running
        self.run_action.setEnabled(not running)
        self.run_button.setEnabled(not running)

    def _examples_done(self, results: list) -> None:
        self._set_examples_running(False)
        if self._examples_for != self._file_generation:  # run on a file no longer open
            return
        entries = [(("✓ " if passed else "✗ ") + self.tr("line {line}: {example}").format(line=line, example=row),
                    (line, 1), theme.GOOD if passed else theme.BAD)
                   for passed, line, row in example_rows(results)]
        if not results:
            entries = [(self.tr("No examples yet: add one that resolves and one that escalates."), None, None)]
        self.example_list.set_entries(entries)
        if self.editor.toPlainText() != self._examples_text:  # edited while they ran
            self._mark_examples_stale()
        failed = sum(not r.passed for r in results)
        self._say(self.tr("{passed} of {total} examples reach their ending.").format(
            passed=len(results) - failed, total=len(results)), bad=bool(failed))
        self.examples_run.emit(results)

    def _examples_failed(self, exc: Exception) -> None:
        self._set_examples_running(False)
        if self._examples_for != self._file_generation:
            return
        self.example_list.set_message(self.tr("The examples could not be played: {reason}").format(
            reason=said(exc)), theme.BAD)
        self.examples_run.emit([])

    def _mark_examples_stale(self) -> None:
        if self.example_list.text().startswith(self.tr("The text has changed since these ran: run the examples again.")):
            return
        entries = [(text, None, None) for text in self.example_list.entries()]
        self.example_list.set_entries(
            [(self.tr("The text has changed since these ran: run the examples again."), None, theme.WARN)] + entries)

    # --- play -----------------------------------------------------------------------------
    def _reload_play(self, announce: bool) -> None:
        """Play the last valid version of the file (after opening or saving)."""
        if self.validation is None or not self.validation.ok:
            if announce:
                self._say(self.tr("Saved, but the file has problems: play continues with the last valid "
                                  "version."), bad=True)
            self._show_play_header()
            return
        self.scenario = self.validation.scenario
        self.restart_play(note=self.tr("Reloaded after save") if announce else "")
        if announce:
            self._say(self.tr("Saved and reloaded: {title}.").format(title=self.scenario.title))
        self.reloaded.emit(self.scenario)

    def restart_play(self, note: str = "") -> None:
        if self.scenario is None:
            return
        self.session = Session(self.scenario, seed=0)
        self._transcript_lines = []
        if note:
            self._add(f"<i>— {html.escape(note)} —</i>")
        s = self.scenario
        self._add(f"<b>{html.escape(s.title)}</b> ({s.channel}, {s.language}, {s.customer.difficulty}, "
                  f"format {s.format})")
        if s.concerns:
            self._add("<small>" + html.escape(self._concerns_note()) + "</small>")
        self._customer(self.session.opening,
                       f"[venting | hostility {self.session.hostility:.0f} | "
                       f"{self.session.opening_line.key}, line {self.session.opening_line.source_line}]")
        self.play_input.setEnabled(True)
        self.diagram.highlight(self.session.phase)
        self._show_play_header()

    def send(self) -> None:
        text = self.play_input.text()
        if self.session is None:
            self._say(self.tr("Open a valid scenario to play it."), bad=True)
            return
        addressed_before = len(self.session.listener.agenda.addressed)
        try:
            turn = self.session.reply(text, 0.0)
        except ReplyRejected as exc:
            self._say(str(exc), bad=True)
            return
        self.play_input.clear()
        self._add("<b>" + html.escape(self.tr("You:")) + f"</b> {html.escape(text)}")
        note = turn_note(turn)
        if self.scenario.concerns and len(self.session.listener.agenda.addressed) != addressed_before:
            note += " " + self._concerns_note()  # only when this reply addressed one
        self._customer(turn.customer, note)
        self.diagram.highlight(self.session.phase)
        if self.session.finished:
            self._add("<b>" + html.escape(self.tr("Ending: {outcome}").format(outcome=self.session.outcome)) + "</b>")
            self.play_input.setEnabled(False)
        self.played.emit(turn)

    def _concerns_note(self) -> str:
        """Format 2: which of the customer's concerns are addressed so far."""
        agenda = self.session.listener.agenda if self.session else None
        done = set(agenda.addressed) if agenda else set()
        return "[concerns: " + "; ".join(
            f"{'✓' if c.id in done else '○'} {c.need}" for c in self.scenario.concerns) + "]"

    def _show_play_header(self) -> None:
        if self.scenario is None:
            self.play_header.set_message(
                self.tr("Nothing to play: open a valid scenario file.") if self.path is None else
                self.tr("{file} cannot be played until its problems are fixed and it is saved.").format(
                    file=self.path.name))
            return
        name = self.path.name if self.path else self.scenario.id
        edited = self.editor.document().isModified()
        self.play_header.set_message(
            (self.tr("Playing {name} as saved: your unsaved edits are played once you save.") if edited
             else self.tr("Playing {name} as saved.")).format(name=name),
            theme.WARN if edited else None)

    def transcript_text(self) -> str:
        return self.transcript.toPlainText()

    def _customer(self, text: str, note: str) -> None:
        name = html.escape(self.scenario.customer.name) if self.scenario else "Customer"
        self._add(f"<b>{name}:</b> {html.escape(text)}<br><small>{html.escape(note)}</small>")

    def _add(self, fragment: str) -> None:
        self._transcript_lines.append(fragment)
        self.transcript.setHtml("<br>".join(self._transcript_lines))
        bar = self.transcript.verticalScrollBar()
        bar.setValue(bar.maximum())

    # --- status ---------------------------------------------------------------------------
    def _say(self, text: str, bad: bool = False) -> None:
        self.status.set_message(text, theme.BAD if bad else None)
