"""The scenario lab: problems shown at their lines as you type, examples, diagram, and
play that picks up a saved edit."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
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
    drawn = " ".join(lab.diagram.texts())
    assert "A parcel that never arrived" in drawn
    assert "hostility < 45 and (closure checked)" in drawn
    assert not lab.read_only and not lab.editor.isReadOnly()


def test_an_invalid_edit_shows_the_error_at_its_line_as_you_type(qtbot, lab):
    replace_in_editor(lab, "  peak: 75", "  peak: loud")
    assert lab.problem_lines() == [], "validation waits for a pause in typing"
    with qtbot.waitSignal(lab.validated, timeout=3000) as blocker:
        pass
    assert not blocker.args[0].ok
    line = line_of(lab.editor.toPlainText(), "  peak: loud")
    assert lab.problem_lines() == [line]
    shown = lab.problems.entries()[0]
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
    lab.editor.go_to_line(1)
    rect = lab.problems.entry_rect(0)
    qtbot.mouseClick(lab.problems.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert lab.editor.textCursor().blockNumber() + 1 == line


def test_a_yaml_syntax_error_is_shown_too(qtbot, lab):
    replace_in_editor(lab, "  start: 50", "  start: [50")
    qtbot.waitUntil(lambda: lab.validation is not None and not lab.validation.ok, timeout=3000)
    assert "YAML syntax error" in lab.problems.entries()[0]
    assert lab.problem_lines()


def run_examples(qtbot, lab) -> list:
    """Run the examples as the button does and wait for their results (a pool thread)."""
    with qtbot.waitSignal(lab.examples_run, timeout=30000) as blocker:
        lab.run_examples()
    return blocker.args[0]


def test_examples_run_off_the_ui_thread_and_the_button_waits_for_them(qtbot, lab, monkeypatch):
    import threading

    import ui.lab as lab_module

    ran_on, real = [], lab_module.play_examples

    def spy(*args):
        ran_on.append(threading.current_thread() is threading.main_thread())
        return real(*args)

    monkeypatch.setattr(lab_module, "play_examples", spy)
    with qtbot.waitSignal(lab.examples_run, timeout=30000):
        lab.run_examples()
        # at once, before any result: the lab says so and the button cannot start a second run
        assert "Running the examples" in lab.example_list.text()
        assert not lab.run_button.isEnabled() and not lab.run_action.isEnabled()
    assert ran_on == [False]
    assert lab.run_button.isEnabled() and lab.run_action.isEnabled()


def test_examples_that_cannot_be_played_say_why_and_leave_the_lab_usable(qtbot, lab, monkeypatch):
    import ui.lab as lab_module

    def broken(*_args):
        raise RuntimeError("the judge's model file is unreadable")

    monkeypatch.setattr(lab_module, "play_examples", broken)
    assert run_examples(qtbot, lab) == []
    assert "could not be played" in lab.example_list.text() and "unreadable" in lab.example_list.text()
    assert lab.run_button.isEnabled()


def test_results_of_a_file_no_longer_open_are_dropped(qtbot, lab, tmp_path):
    lab.run_examples()
    assert lab.open_file(other_file(tmp_path))  # opened while the examples still run
    qtbot.waitUntil(lab.run_button.isEnabled, timeout=30000)
    qtbot.wait(50)
    assert lab.example_list.entries() == []  # nothing of the first file's examples


def test_run_examples_lists_each_with_its_result(qtbot, lab):
    assert [r.passed for r in run_examples(qtbot, lab)] == [True, True]
    rows = lab.example_list.entries()
    assert rows[0].startswith("✓ line ") and "a patient agent resolves it" in rows[0]

    replace_in_editor(lab, "    ending: resolved", "    ending: abandoned")
    run_examples(qtbot, lab)
    assert lab.example_list.entries()[0].startswith("✗ line ")
    assert "FAILED: expected abandoned, got resolved" in lab.example_list.entries()[0]


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


# --- every tab shows the file in the editor ------------------------------------------------

def other_file(tmp_path):
    """A second valid scenario, with its own title and customer."""
    text = starter("es", "email", "lampara")
    path = tmp_path / "lampara.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def play_a_turn(qtbot, lab):
    lab.play_input.setText("I'm so sorry, Sam. Could you tell me what happened?")
    with qtbot.waitSignal(lab.played):
        lab.send()


def test_opening_another_file_leaves_nothing_of_the_one_before(qtbot, lab, tmp_path):
    play_a_turn(qtbot, lab)
    run_examples(qtbot, lab)
    assert "Sam Taylor" in lab.transcript_text() and lab.example_list.count() == 2

    assert lab.open_file(other_file(tmp_path))
    for tab in range(lab.tabs.count()):  # as a user would: look at every tab
        lab.tabs.setCurrentIndex(tab)
        qtbot.wait(10)
    drawn = " ".join(lab.diagram.texts())
    assert "Un paquete que nunca llegó" in drawn
    assert "A parcel that never arrived" not in drawn and "lamp ·" not in drawn
    transcript = lab.transcript_text()
    assert "Lucía Gómez" in transcript
    assert "Sam Taylor" not in transcript and "I'm so sorry, Sam" not in transcript
    assert lab.session.turns == [] and lab.scenario.id == "lampara"
    assert lab.example_list.entries() == [], "the examples shown were the other file's"
    assert lab.diagram.highlighted() == "venting"
    assert "lampara.yaml" in lab.windowTitle()
    assert not lab.editor.document().isUndoAvailable(), "undo must not bring the old text back"


def test_opening_a_file_with_problems_shows_nothing_of_the_one_before(qtbot, lab, tmp_path):
    play_a_turn(qtbot, lab)
    broken = tmp_path / "broken.yaml"
    broken.write_text(starter("en", "chat", "broken").replace("title: A parcel that never arrived",
                                                             "title: Still broken").replace("  peak: 75", "  peak: loud"),
                      encoding="utf-8")
    assert lab.open_file(broken)
    assert lab.scenario is None and lab.session is None
    drawn = " ".join(lab.diagram.texts())
    assert "No diagram: broken.yaml has 1 problem" in drawn
    assert "A parcel that never arrived" not in drawn and "venting" not in drawn
    assert lab.transcript_text() == ""
    assert not lab.play_input.isEnabled()
    assert "broken.yaml cannot be played" in lab.play_header.text()
    assert lab.example_list.entries() == []
    run_examples(qtbot, lab)
    assert "Fix the problems first" in lab.example_list.text()


def test_an_edit_with_problems_shows_this_files_last_valid_diagram_marked_as_such(qtbot, lab):
    replace_in_editor(lab, "title: A parcel that never arrived", "title: The lamp saga")
    qtbot.waitUntil(lambda: "The lamp saga" in " ".join(lab.diagram.texts()), timeout=3000)
    replace_in_editor(lab, "  peak: 75", "  peak: loud")
    qtbot.waitUntil(lambda: not lab.validation.ok, timeout=3000)
    drawn = lab.diagram.texts()
    assert "lamp.yaml has 1 problem now; this is its last valid version." in drawn
    assert "The lamp saga" in " ".join(drawn)


def test_examples_run_on_an_earlier_text_say_so(qtbot, lab):
    run_examples(qtbot, lab)
    replace_in_editor(lab, "title: A parcel that never arrived", "title: The lamp saga")
    qtbot.waitUntil(lambda: "The lamp saga" in lab.status.text(), timeout=3000)
    assert lab.example_list.entries()[0] == "The text has changed since these ran: run the examples again."
    assert len(lab.example_list.entries()) == 3


# --- messages wrap, are never cut off, and can be copied ------------------------------------

def test_long_messages_wrap_whole_and_never_widen_the_lab(qtbot, lab, tmp_path):
    lab.resize(900, 650)
    qtbot.wait(10)
    width = lab.width()
    token = "fax" + "x" * 240  # no space to break at
    replace_in_editor(lab, "  channel: chat", f"  channel: {token}")
    qtbot.waitUntil(lambda: lab.problems.count() == 1, timeout=3000)
    qtbot.wait(10)
    message = lab.problems.entries()[0]
    # The loader bounds the value it echoes (issue 12); the lab shows its message whole.
    assert token[:40] in message and message.endswith("is not one of chat, email, phone, social, whatsapp")
    for view in (lab.problems, lab.status):
        assert view.horizontalScrollBar().maximum() == 0
        assert view.document().size().width() <= view.viewport().width() + 1, "wrapped to the width"
    assert lab.width() == width and lab.minimumSizeHint().width() < width

    missing = tmp_path / ("a_folder_with_a_very_long_name_" * 8) / "nope.yaml"
    assert not lab.open_file(missing)
    qtbot.wait(10)
    assert str(missing) in lab.status.text()
    line = lab.status.fontMetrics().lineSpacing()
    assert lab.status.document().size().height() >= 2 * line, "wrapped onto more lines"
    assert lab.status.height() >= lab.status.document().size().height(), "tall enough to show it all"
    assert lab.width() == width


def test_messages_can_be_selected_and_copied(qtbot, lab):
    from PySide6.QtWidgets import QApplication

    replace_in_editor(lab, "  channel: chat", "  channel: fax")
    replace_in_editor(lab, "  peak: 75", "  peak: loud")
    qtbot.waitUntil(lambda: lab.problems.count() == 2, timeout=3000)
    lab.problems.setFocus()
    qtbot.keyClick(lab.problems, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(lab.problems, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    copied = QApplication.clipboard().text()
    assert "customer.channel: 'fax' is not one of" in copied
    assert "hostility.peak: expected a number, found 'loud'" in copied
    lab.status.setFocus()
    qtbot.keyClick(lab.status, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(lab.status, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.clipboard().text() == lab.status.text()
    assert lab.status.text().startswith("2 problems: the first at line")


# --- bundled scenarios are read-only; Save as makes your own copy ---------------------------

@pytest.fixture
def bundled_guard():
    """The bundled file the test opens, restored byte for byte whatever happens."""
    from simulator.library import bundled_dir

    path = bundled_dir() / "late_delivery.yaml"
    before = path.read_bytes()
    yield path, before
    if path.read_bytes() != before:
        path.write_bytes(before)
        pytest.fail("the bundled scenario was written to")


def test_a_bundled_scenario_opens_read_only_and_save_as_puts_a_copy_in_your_folder(
        qtbot, bundled_guard, temper_home):
    path, before = bundled_guard
    lab = ScenarioLab(debounce_ms=50)
    qtbot.addWidget(lab)
    lab.show()
    assert lab.open_file(path)
    assert lab.read_only and lab.editor.isReadOnly()
    assert not lab.save_action.isEnabled()
    assert "(read-only)" in lab.windowTitle()
    assert lab.notice.isVisible() and str(temper_home / "scenarios") in lab.notice.text()

    lab.editor.setFocus()
    qtbot.keyClicks(lab.editor, "typed over")
    assert lab.editor.toPlainText() == before.decode("utf-8"), "typing does not change it"

    asked = []
    # cancelled; the folder exists by then, so the file dialog opens in it (not anywhere)
    lab.ask_save_path = lambda suggested: asked.append(suggested) if suggested.parent.is_dir() else None
    qtbot.waitExposed(lab)
    lab.activateWindow()
    qtbot.waitUntil(lab.isActiveWindow)
    qtbot.keyClick(lab.editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert asked == [temper_home / "scenarios" / "late_delivery_copy.yaml"], "Ctrl+S offers Save as"
    assert path.read_bytes() == before

    lab.ask_save_path = lambda suggested: suggested
    with qtbot.waitSignal(lab.saved) as blocker:
        qtbot.mouseClick(lab.copy_button, Qt.MouseButton.LeftButton)
    copy = temper_home / "scenarios" / "late_delivery_copy.yaml"
    assert blocker.args == [copy] and copy.is_file()
    assert path.read_bytes() == before
    text = copy.read_text(encoding="utf-8")
    assert "\nid: late_delivery_copy\n" in text and "\nid: late_delivery\n" not in text
    assert text.replace("id: late_delivery_copy", "id: late_delivery") == before.decode("utf-8")
    assert lab.path == copy and not lab.read_only and not lab.editor.isReadOnly()
    assert lab.save_action.isEnabled() and not lab.notice.isVisible()
    assert lab.scenario.id == "late_delivery_copy"
    assert f"Saved a copy as {copy}" in lab.status.text()

    # the copy is yours to change: Save now writes the copy, never the bundled file
    replace_in_editor(lab, "title: The winter coat that never arrived", "title: My coat case")
    with qtbot.waitSignal(lab.reloaded):
        assert lab.save()
    assert "title: My coat case" in copy.read_text(encoding="utf-8")
    assert path.read_bytes() == before
    # a second copy does not overwrite the first
    asked.clear()
    lab.ask_save_path = lambda suggested: asked.append(suggested)
    lab.save_as()
    assert asked == [temper_home / "scenarios" / "late_delivery_copy_copy.yaml"]


def test_save_as_never_writes_into_the_bundled_folder(qtbot, lab, bundled_guard):
    path, _ = bundled_guard
    lab.ask_save_path = lambda suggested: path.parent / "mine.yaml"
    assert not lab.save_as()
    assert not (path.parent / "mine.yaml").exists()
    assert "bundled scenarios are read-only" in lab.status.text()


# --- the diagram is a picture ---------------------------------------------------------------

def test_the_diagram_is_drawn_with_every_text_inside_its_box(qtbot, lab):
    from PySide6.QtWidgets import QGraphicsPathItem, QGraphicsSimpleTextItem

    scene = lab.diagram.scene()
    boxes = {i.data(0): i.sceneBoundingRect() for i in scene.items()
             if isinstance(i, QGraphicsPathItem) and i.data(0)}
    assert {"venting", "empathy", "negotiation", "resolution", "resolved", "escalated", "abandoned",
            "closed"} <= set(boxes)
    texts = [i for i in scene.items() if isinstance(i, QGraphicsSimpleTextItem)]
    inside = 0
    for item in texts:
        box = boxes.get(item.data(0))
        if box is not None:
            assert box.contains(item.sceneBoundingRect()), f"{item.text()!r} spills out of {item.data(0)}"
            inside += 1
    assert inside >= 8
    image = lab.diagram.picture()
    colours = {image.pixelColor(x, y).name() for x in range(0, image.width(), 7)
               for y in range(0, image.height(), 7)}
    assert len(colours) > 5, "something is drawn, in colour"


def test_the_lab_edits_validates_and_plays_a_format_2_scenario(qtbot, variant, resolving_replies):
    path = variant("coat", {"id: late_delivery": "id: coat"})
    lab = ScenarioLab(debounce_ms=50)
    qtbot.addWidget(lab)
    lab.show()
    assert lab.open_file(path)
    assert lab.validation.ok and lab.scenario.format == 2 and not lab.read_only
    assert "the coat before Saturday" in lab.diagram.texts()[-2] or \
        any(t.startswith("the coat before Saturday") for t in lab.diagram.texts())

    # an edit to a concern is drawn; a broken one is a problem at its line
    replace_in_editor(lab, "need: the coat before Saturday", "need: a warm coat before the trip")
    qtbot.waitUntil(lambda: any(t.startswith("a warm coat before the trip") for t in lab.diagram.texts()),
                    timeout=3000)
    replace_in_editor(lab, "addressed_by: {offers: [replacement]}", "addressed_by: {offers: [teleport]}")
    qtbot.waitUntil(lambda: not lab.validation.ok, timeout=3000)
    line = line_of(lab.editor.toPlainText(), "offers: [teleport]")
    assert line in lab.problem_lines() and "teleport" in lab.problems.text()
    replace_in_editor(lab, "offers: [teleport]", "offers: [replacement]")
    qtbot.waitUntil(lambda: lab.validation.ok, timeout=3000)
    with qtbot.waitSignal(lab.reloaded):
        assert lab.save()

    assert all(r.passed for r in run_examples(qtbot, lab))
    for reply in resolving_replies:
        if lab.session.finished:
            break
        lab.play_input.setText(reply)
        lab.send()
    assert lab.session.outcome == "resolved"
    transcript = lab.transcript_text()
    assert "✓ a warm coat before the trip" in transcript
    assert "Ending: resolved" in transcript
    assert lab.diagram.highlighted() == "resolved", "the diagram marks where the play is"


def test_a_pasted_scenario_is_drawn_and_saved_in_your_folder(qtbot, temper_home):
    lab = ScenarioLab(debounce_ms=50)
    qtbot.addWidget(lab)
    lab.show()
    assert "Open a scenario file to see its diagram." in lab.diagram.texts()
    lab.editor.setPlainText(starter("en", "chat", "lamp"))
    qtbot.waitUntil(lambda: lab.validation is not None and lab.validation.ok, timeout=3000)
    assert "A parcel that never arrived" in " ".join(lab.diagram.texts())
    lab.ask_save_path = lambda suggested: suggested
    with qtbot.waitSignal(lab.saved):
        assert lab.save()
    path = temper_home / "scenarios" / "my_scenario.yaml"
    assert path.is_file() and lab.path == path
    assert lab.scenario.id == "my_scenario" and "Sam Taylor" in lab.transcript_text()


def test_ctrl_s_saves(qtbot, lab, scenario_path):
    """It used to do nothing: the toolbar's Save and the lab's own shortcut both claimed
    Ctrl+S, and Qt fires neither of two ambiguous shortcuts."""
    replace_in_editor(lab, "title: A parcel that never arrived", "title: Saved by keyboard")
    qtbot.waitExposed(lab)
    lab.activateWindow()
    qtbot.waitUntil(lab.isActiveWindow)
    with qtbot.waitSignal(lab.saved, timeout=3000):
        qtbot.keyClick(lab.editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert "title: Saved by keyboard" in scenario_path.read_text(encoding="utf-8")
