"""The scenario lab: open a scenario file, edit it, see its problems as you type, see its
state diagram, run its examples and play it, with changes reloaded on save.

    lab = ScenarioLab()
    lab.open_file("scenarios/late_delivery.yaml")
    lab.show()

The widget only displays and forwards. Validation is `simulator.authoring.validate_text`
(via `simulator.format.loader.parse_scenario`), examples are `simulator.check.play_examples`,
the diagram is `simulator.rulebook.diagram.mermaid`, and play is a `simulator.session.Session`.
"""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFileDialog, QHBoxLayout, QLabel, QLineEdit, QListWidget, QListWidgetItem, QMessageBox, QPlainTextEdit,
    QPushButton, QSplitter, QTabWidget, QTextBrowser, QToolBar, QVBoxLayout, QWidget,
)

from simulator.authoring import Validation, example_rows, turn_note, validate_text
from simulator.check import play_examples
from simulator.rulebook.diagram import mermaid
from simulator.errors import TemperError
from simulator.format.loader import read_text
from simulator.session import ReplyRejected, Session
from ui import theme
from ui.lab_editor import ScenarioEditor

#: How long typing must pause before the text is validated again.
DEBOUNCE_MS = 400


class ScenarioLab(QWidget):
    #: after every validation (debounced while typing): the `Validation`
    validated = Signal(object)
    #: the examples were run: the list of `simulator.check.ExampleResult`
    examples_run = Signal(list)
    #: a saved (or changed on disk) file was loaded again into play: the new `Scenario`
    reloaded = Signal(object)
    #: the customer answered in the play tab: the `Turn`
    played = Signal(object)

    def __init__(self, parent: QWidget | None = None, debounce_ms: int = DEBOUNCE_MS,
                 path: str | Path | None = None):
        super().__init__(parent)
        self.setWindowTitle("Scenario lab")
        self.path: Path | None = None
        self.validation: Validation | None = None
        self.scenario = None  # the last valid version: what play and examples use
        self.session: Session | None = None
        self._last_saved_text: str | None = None

        self._debounce = QTimer(self)
        self._debounce.setObjectName("scenario-lab-validate")
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(debounce_ms)
        self._debounce.timeout.connect(self.validate_now)

        self._watcher = QFileSystemWatcher(self)
        self._watcher.fileChanged.connect(self._changed_on_disk)

        # --- toolbar -------------------------------------------------------------------
        bar = QToolBar("Scenario lab")
        self.open_action = bar.addAction("Open…", self.choose_file)
        self.save_action = bar.addAction("Save", self.save)
        self.save_action.setShortcut(QKeySequence.StandardKey.Save)
        bar.addSeparator()
        self.run_action = bar.addAction("Run examples", self.run_examples)
        self.restart_action = bar.addAction("Restart play", self.restart_play)
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self.save)

        # --- editor and its problems -----------------------------------------------------
        self.editor = ScenarioEditor()
        self.editor.textChanged.connect(self._text_changed)
        self.problems = QListWidget()
        self.problems.setAccessibleName("Problems")
        self.problems.setMaximumHeight(140)
        self.problems.itemActivated.connect(self._jump_to_problem)
        self.problems.itemClicked.connect(self._jump_to_problem)
        self.status = QLabel("Open a scenario file (or paste one) to start.")
        self.status.setAccessibleName("Lab status")
        self.status.setWordWrap(True)
        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addWidget(self.editor, 1)
        lv.addWidget(self.problems)
        lv.addWidget(self.status)

        # --- right: diagram, examples, play ------------------------------------------------
        self.diagram = QPlainTextEdit()
        self.diagram.setReadOnly(True)
        self.diagram.setAccessibleName("State diagram (Mermaid)")
        self.diagram.setFont(self.editor.font())

        self.example_list = QListWidget()
        self.example_list.setAccessibleName("Example results")
        self.example_list.itemActivated.connect(self._jump_to_problem)
        self.example_list.itemClicked.connect(self._jump_to_problem)
        run_button = QPushButton("Run examples")
        run_button.clicked.connect(self.run_examples)
        examples = QWidget()
        ev = QVBoxLayout(examples)
        ev.addWidget(run_button)
        ev.addWidget(self.example_list, 1)

        self.transcript = QTextBrowser()
        self.transcript.setAccessibleName("Play transcript")
        self.play_input = QLineEdit()
        self.play_input.setPlaceholderText("Reply to the customer and press Enter")
        self.play_input.setAccessibleName("Your reply")
        self.play_input.returnPressed.connect(self.send)
        send = QPushButton("Send")
        send.clicked.connect(self.send)
        restart = QPushButton("Restart")
        restart.clicked.connect(self.restart_play)
        play = QWidget()
        pv = QVBoxLayout(play)
        pv.addWidget(self.transcript, 1)
        row = QHBoxLayout()
        row.addWidget(self.play_input, 1)
        row.addWidget(send)
        row.addWidget(restart)
        pv.addLayout(row)

        self.tabs = QTabWidget()
        self.tabs.addTab(self.diagram, "Diagram")
        self.tabs.addTab(examples, "Examples")
        self.tabs.addTab(play, "Play")

        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(self.tabs)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(bar)
        layout.addWidget(split, 1)
        self._transcript_lines: list[str] = []
        if path is not None:
            self.open_file(path)

    # --- files ------------------------------------------------------------------------
    def choose_file(self) -> None:
        if not self.may_discard_edits():
            return
        start = str(self.path.parent) if self.path else ""
        name, _ = QFileDialog.getOpenFileName(self, "Open scenario", start, "Scenarios (*.yaml *.yml)")
        if name:
            self.open_file(name)

    def open_file(self, path: str | Path) -> bool:
        """Load a file into the editor (validated at once). False, with a message, if unreadable."""
        path = Path(path)
        try:
            text = read_text(path)
        except TemperError as exc:
            self._say(str(exc), bad=True)
            return False
        if self.path is not None and str(self.path) in self._watcher.files():
            self._watcher.removePath(str(self.path))
        self.path = path
        self._last_saved_text = text
        self.setWindowTitle(f"Scenario lab — {path.name}")
        self.editor.setPlainText(text)
        self.editor.document().setModified(False)
        self._debounce.stop()
        self.validate_now()
        self._watcher.addPath(str(path))
        self._reload_play(announce=False)
        return True

    def save(self) -> bool:
        """Write the editor's text to the file, then play the saved version (if valid)."""
        if self.path is None:
            name, _ = QFileDialog.getSaveFileName(self, "Save scenario", "", "Scenarios (*.yaml)")
            if not name:
                return False
            self.path = Path(name)
        text = self.editor.toPlainText()
        try:
            self.path.write_text(text, encoding="utf-8")
        except OSError as exc:
            self._say(f"{self.path}: cannot save: {exc.strerror}", bad=True)
            return False
        self._last_saved_text = text
        self.editor.document().setModified(False)
        if str(self.path) not in self._watcher.files():
            self._watcher.addPath(str(self.path))
        self._debounce.stop()
        self.validate_now()
        self._reload_play(announce=True)
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
        name = self.path.name if self.path else "this scenario"
        box = QMessageBox.question(
            self, "Unsaved changes", f"Save your changes to {name}?",
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
            self._say(f"{path.name} changed on disk; save to overwrite it, or reopen it to take "
                      "the other version.", bad=True)
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
        v = validate_text(self.editor.toPlainText(), file)
        self.validation = v
        self.problems.clear()
        by_line: dict[int, list[str]] = {}
        for p in v.problems:
            where = f"{p.path}: " if p.path else ""
            by_line.setdefault(p.line, []).append(f"{where}{p.message}")
            item = QListWidgetItem(f"Line {p.line}, column {p.column}: {where}{p.message}")
            item.setData(Qt.ItemDataRole.UserRole, (p.line, p.column))
            item.setForeground(theme.BAD)
            self.problems.addItem(item)
        self.editor.set_problems(by_line)
        if v.ok:
            self.diagram.setPlainText(mermaid(v.scenario))
            self._say(f"Valid: {v.scenario.title} ({v.scenario.language}, {v.scenario.channel}, "
                      f"{v.scenario.customer.difficulty}).")
        else:
            n = len(v.problems)
            self._say(f"{n} problem{'s' * (n != 1)}: the first at line {v.problems[0].line}.", bad=True)
        self.validated.emit(v)
        return v

    def problem_lines(self) -> list[int]:
        """The lines shown with problems (for tests and screen readers)."""
        return self.editor.marked_lines()

    def _jump_to_problem(self, item: QListWidgetItem) -> None:
        where = item.data(Qt.ItemDataRole.UserRole)
        if where:
            self.editor.go_to_line(*where)

    # --- examples -------------------------------------------------------------------------
    def run_examples(self) -> list:
        v = self.validate_now()
        self.example_list.clear()
        self.tabs.setCurrentIndex(1)
        if not v.ok:
            self.example_list.addItem("Fix the problems first: the examples need a valid scenario.")
            self.examples_run.emit([])
            return []
        results = play_examples(v.scenario, self.editor.toPlainText())
        if not results:
            self.example_list.addItem("No examples yet: add one that resolves and one that escalates.")
        for passed, line, text in example_rows(results):
            item = QListWidgetItem(f"{'✓' if passed else '✗'} line {line}: {text}")
            item.setForeground(theme.GOOD if passed else theme.BAD)
            item.setData(Qt.ItemDataRole.UserRole, (line, 1))
            self.example_list.addItem(item)
        failed = sum(not r.passed for r in results)
        self._say(f"{len(results) - failed} of {len(results)} examples reach their ending.", bad=bool(failed))
        self.examples_run.emit(results)
        return results

    # --- play -----------------------------------------------------------------------------
    def _reload_play(self, announce: bool) -> None:
        """Play the last valid version of the file (after opening or saving)."""
        if self.validation is None or not self.validation.ok:
            if announce:
                self._say("Saved, but the file has problems: play continues with the last valid "
                          "version.", bad=True)
            return
        self.scenario = self.validation.scenario
        self.restart_play(note="Reloaded after save" if announce else "")
        if announce:
            self._say(f"Saved and reloaded: {self.scenario.title}.")
        self.reloaded.emit(self.scenario)

    def restart_play(self, note: str = "") -> None:
        if self.scenario is None:
            return
        self.session = Session(self.scenario, seed=0)
        self._transcript_lines = []
        if note:
            self._add(f"<i>— {html.escape(note)} —</i>")
        s = self.scenario
        self._add(f"<b>{html.escape(s.title)}</b> ({s.channel}, {s.language}, {s.customer.difficulty})")
        self._customer(self.session.opening,
                       f"[venting | hostility {self.session.hostility:.0f} | "
                       f"{self.session.opening_line.key}, line {self.session.opening_line.source_line}]")
        self.play_input.setEnabled(True)

    def send(self) -> None:
        text = self.play_input.text()
        if self.session is None:
            self._say("Open a valid scenario to play it.", bad=True)
            return
        try:
            turn = self.session.reply(text, 0.0)
        except ReplyRejected as exc:
            self._say(str(exc), bad=True)
            return
        self.play_input.clear()
        self._add(f"<b>You:</b> {html.escape(text)}")
        self._customer(turn.customer, turn_note(turn))
        if self.session.finished:
            self._add(f"<b>Ending: {html.escape(self.session.outcome)}</b>")
            self.play_input.setEnabled(False)
        self.played.emit(turn)

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
        self.status.setText(text)
        self.status.setStyleSheet(f"color: {theme.BAD.name()};" if bad else "")
