"""The scenario lab: problems shown at their lines as you type, examples, diagram, and
play that picks up a saved edit."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QTextCharFormat, QTextCursor

from simulator.authoring import starter
from ui.lab import ScenarioLab

pytestmark = pytest.mark.gui

VENTING = """    angry:
      - "My {item} was due two weeks ago and the tracking hasn't moved. Where is order {order_id}?"
      - "Two weeks! I paid for the {item} and I have nothing."
    furious:
      - "This is the third time I've contacted you about order {order_id}!"
"""


@pytest.fixture
def scenario_path(tmp_path):
    path = tmp_path / "lamp.yaml"
    path.write_text(starter("en", "chat", "lamp"), encoding="utf-8")
    return path


@pytest.fixture
def lab(qtbot, scenario_path):
    widget = ScenarioLab(debounce_ms=50)
    qtbot.addWidget(widget)
    assert widget.open_file(scenario_path)
    widget.show()
    return widget


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def replace_in_editor(lab, old: str, new: str) -> None:
    """Edit as a user would: select the old text in the document and type over it."""
    start = lab.editor.toPlainText().index(old)  # the starter text is all in the BMP
    cursor = QTextCursor(lab.editor.document())
    cursor.setPosition(start)
    cursor.setPosition(start + len(old), QTextCursor.MoveMode.KeepAnchor)
    cursor.insertText(new)


def test_an_opened_valid_file_shows_no_problems_and_its_diagram(lab):
    assert lab.problem_lines() == []
    assert lab.problems.count() == 0
    assert "Valid: A parcel that never arrived" in lab.status.text()
    diagram = lab.diagram.toPlainText()
    assert diagram.startswith("stateDiagram-v2")
    assert "hostility < 45 and (closure checked" in diagram


def test_an_invalid_edit_shows_the_error_at_its_line_as_you_type(qtbot, lab):
    replace_in_editor(lab, "  peak: 75", "  peak: loud")
    assert lab.problem_lines() == [], "validation waits for a pause in typing"
    with qtbot.waitSignal(lab.validated, timeout=3000) as blocker:
        pass
    assert not blocker.args[0].ok
    line = line_of(lab.editor.toPlainText(), "  peak: loud")
    assert lab.problem_lines() == [line]
    shown = lab.problems.item(0).text()
    assert shown.startswith(f"Line {line}, column ") and "hostility.peak" in shown
    assert "expected a number" in shown
    assert f"the first at line {line}" in lab.status.text()

    # fixing it clears the mark
    replace_in_editor(lab, "  peak: loud", "  peak: 75")
    qtbot.waitUntil(lambda: lab.validation.ok, timeout=3000)
    assert lab.problem_lines() == [] and lab.problems.count() == 0


def test_clicking_a_problem_moves_the_cursor_to_its_line(qtbot, lab):
    replace_in_editor(lab, "  channel: chat", "  channel: fax")
    qtbot.waitUntil(lambda: lab.problems.count() == 1, timeout=3000)
    line = line_of(lab.editor.toPlainText(), "  channel: fax")
    lab.problems.itemClicked.emit(lab.problems.item(0))
    assert lab.editor.textCursor().blockNumber() + 1 == line


def test_a_yaml_syntax_error_is_shown_too(qtbot, lab):
    replace_in_editor(lab, "  start: 50", "  start: [50")
    qtbot.waitUntil(lambda: lab.validation is not None and not lab.validation.ok, timeout=3000)
    assert "YAML syntax error" in lab.problems.item(0).text()
    assert lab.problem_lines()


def test_run_examples_lists_each_with_its_result(qtbot, lab):
    with qtbot.waitSignal(lab.examples_run) as blocker:
        lab.run_examples()
    assert [r.passed for r in blocker.args[0]] == [True, True]
    rows = [lab.example_list.item(i).text() for i in range(lab.example_list.count())]
    assert rows[0].startswith("✓ line ") and "a patient agent resolves it" in rows[0]

    replace_in_editor(lab, "    ending: resolved", "    ending: abandoned")
    lab.run_examples()
    assert lab.example_list.item(0).text().startswith("✗ line ")
    assert "FAILED: expected abandoned, got resolved" in lab.example_list.item(0).text()


def test_a_saved_edit_is_reloaded_into_play(qtbot, lab, scenario_path):
    lab.play_input.setText("I'm so sorry, Sam. Could you tell me what happened?")
    with qtbot.waitSignal(lab.played):
        lab.send()
    assert len(lab.session.turns) == 1

    replace_in_editor(lab, VENTING, '    angry:\n      - "I have waited since {order_id} was due. Nobody calls me back."\n')
    with qtbot.waitSignal(lab.reloaded, timeout=3000) as blocker:
        assert lab.save()
    assert blocker.args[0].lines["venting"]["angry"][0].text.startswith("I have waited")
    assert "I have waited since {order_id} was due" in scenario_path.read_text(encoding="utf-8")
    transcript = lab.transcript_text()
    assert "Reloaded after save" in transcript
    assert "I have waited since LP-1001 was due. Nobody calls me back." in transcript
    assert lab.session.turns == [], "play starts again with the saved version"


def test_saving_an_invalid_file_keeps_playing_the_last_valid_version(qtbot, lab, scenario_path):
    before = lab.scenario
    replace_in_editor(lab, "  breaking_point: 95", "  breaking_point: 10")
    assert lab.save()
    assert "min" not in scenario_path.name
    assert "breaking_point: 10" in scenario_path.read_text(encoding="utf-8")
    assert lab.scenario is before
    assert "last valid version" in lab.status.text()
    assert line_of(lab.editor.toPlainText(), "breaking_point: 10") in lab.problem_lines()


def test_a_change_saved_by_another_editor_is_reloaded(qtbot, lab, scenario_path):
    text = scenario_path.read_text(encoding="utf-8").replace("title: A parcel that never arrived",
                                                             "title: The lamp saga")
    with qtbot.waitSignal(lab.reloaded, timeout=5000) as blocker:
        scenario_path.write_text(text, encoding="utf-8")
    assert blocker.args[0].title == "The lamp saga"
    assert "title: The lamp saga" in lab.editor.toPlainText()


def test_opening_a_missing_file_is_a_message(qtbot, tmp_path):
    widget = ScenarioLab()
    qtbot.addWidget(widget)
    assert not widget.open_file(tmp_path / "nope.yaml")
    assert "no such scenario file" in widget.status.text()


def test_yaml_is_highlighted(lab):
    doc = lab.editor.document()
    hl = lab.editor.highlighter.formats

    def format_at(line: int, column: int):
        block = doc.findBlockByNumber(line - 1)
        ranges = block.layout().formats()
        for r in ranges:
            if r.start <= column < r.start + r.length:
                return QTextCharFormat(r.format)
        return QTextCharFormat()

    text = lab.editor.toPlainText().splitlines()
    title = next(i for i, ln in enumerate(text, 1) if ln.startswith("title:"))
    assert format_at(title, 0).foreground() == hl["key"].foreground()
    comment = next(i for i, ln in enumerate(text, 1) if ln.startswith("# "))
    assert format_at(comment, 2).fontItalic()
    placeholder = next(i for i, ln in enumerate(text, 1) if "{order_id}" in ln and ln.strip().startswith("- "))
    col = text[placeholder - 1].index("{order_id}")
    assert format_at(placeholder, col).foreground() == hl["placeholder"].foreground()


def test_the_lab_can_open_a_file_when_created(qtbot, scenario_path):
    widget = ScenarioLab(path=scenario_path)
    qtbot.addWidget(widget)
    assert widget.scenario is not None and widget.scenario.id == "lamp"
    assert "lamp.yaml" in widget.windowTitle()


@pytest.mark.parametrize("answer, still_open, saved", [
    ("cancel", True, False), ("save", False, True), ("discard", False, False),
])
def test_closing_with_unsaved_edits_asks_first(qtbot, lab, scenario_path, answer, still_open, saved):
    replace_in_editor(lab, "title:", "title: Edited -")
    asked = []
    lab.ask_unsaved = lambda: asked.append(True) or answer
    lab.close()
    assert asked == [True]
    assert lab.isVisible() is still_open
    assert ("Edited -" in scenario_path.read_text(encoding="utf-8")) is saved


def test_closing_without_edits_asks_nothing(lab):
    lab.ask_unsaved = lambda: pytest.fail("nothing to save, nothing to ask")
    lab.close()
    assert not lab.isVisible()
