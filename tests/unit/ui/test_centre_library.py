"""The training centre's scenarios in the desktop: listed in the library beside the
bundled ones and the user's own, marked as the centre's; read-only in the Scenario lab,
whose Save as puts a copy in the user's folder."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

pytestmark = pytest.mark.gui

TITLE = "title: The winter coat that never arrived"


@pytest.fixture
def centre(temper_home):
    from simulator.library import bundled_dir, text_with_id

    text = (bundled_dir() / "late_delivery.yaml").read_text(encoding="utf-8")
    folder = temper_home / "centre"
    folder.mkdir()
    (folder / "centre_coat.yaml").write_text(
        text_with_id(text, "centre_coat").replace(TITLE, "title: The centre's coat case"), encoding="utf-8")
    (folder / "half_done.yaml").write_text(text.replace("  peak: 78", "  peak: lots"), encoding="utf-8")
    mine = temper_home / "scenarios"
    mine.mkdir()
    (mine / "my_coat.yaml").write_text(
        text_with_id(text, "my_coat").replace(TITLE, "title: My coat case"), encoding="utf-8")
    (temper_home / "config.yaml").write_text("scenario_folder: centre\n", encoding="utf-8")
    return folder


def test_the_library_lists_the_centre_s_scenarios_marked_as_such(qtbot, centre, window):
    from simulator.library import bundled

    rows = window.library.visible_rows()
    assert len(rows) == len(bundled()) + 3
    assert ("The centre's coat case", "Live chat", "English", "easy", "ready", "your centre's") in rows
    assert ("My coat case", "Live chat", "English", "easy", "ready", "yours") in rows
    half = next(r for r in rows if r[0] == "half_done.yaml")
    assert half[4].startswith("⚠ invalid — line") and "expected a number, found 'lots'" in half[4]
    assert half[5] == "your centre's"
    assert "1 invalid file" in window.library.status.text()
    assert window.library.select_path(centre / "centre_coat.yaml")
    assert "Your training centre's (read-only" in window.library.details_text()
    assert str(centre / "centre_coat.yaml") in window.library.details_text()
    assert window.library.start_button.isEnabled()


def test_a_centre_folder_that_is_not_there_is_said_in_the_library(qtbot, window, temper_home):
    (temper_home / "config.yaml").write_text("centre_name: x\nscenario_folder: /mnt/centre/scenarios\n")
    with qtbot.waitSignal(window.library_loaded, timeout=5000):
        window.load_library()
    rows = window.library.visible_rows()
    [missing] = [r for r in rows if r[4].startswith("⚠")]
    assert missing[0] == "config.yaml" and missing[5] == "your centre's"
    assert "line 2: the centre's scenario folder /mnt/centre/scenarios does not exist" in missing[4]
    assert any(r[0] == "The winter coat that never arrived" for r in rows), "nothing else hidden"


def test_a_centre_scenario_opens_read_only_in_the_lab_and_save_as_copies_it_to_yours(
        qtbot, centre, window, temper_home):
    original = (centre / "centre_coat.yaml").read_bytes()
    assert window.library.select_path(centre / "centre_coat.yaml")
    window.lab_action.trigger()
    lab = window._lab
    qtbot.waitUntil(lab.isVisible)
    assert lab.path == centre / "centre_coat.yaml"
    assert lab.read_only and lab.editor.isReadOnly() and not lab.save_action.isEnabled()
    assert "training centre's scenario: read-only" in lab.notice.text()
    assert str(temper_home / "scenarios") in lab.notice.text()

    lab.editor.setFocus()
    qtbot.keyClicks(lab.editor, "typed over")
    assert (centre / "centre_coat.yaml").read_bytes() == original

    # Save as into the centre's folder is refused, and writes nothing
    lab.ask_save_path = lambda suggested: centre / "mine.yaml"
    assert not lab.save_as()
    assert not (centre / "mine.yaml").exists()
    assert "your training centre's scenarios are read-only" in lab.status.text()

    # the copy goes to the user's folder, and the library lists it as theirs
    offered = []
    lab.ask_save_path = lambda suggested: offered.append(suggested) or suggested
    with qtbot.waitSignal(window.library_loaded, timeout=5000):
        qtbot.mouseClick(lab.copy_button, Qt.MouseButton.LeftButton)
    copy = temper_home / "scenarios" / "centre_coat_copy.yaml"
    assert offered == [copy] and copy.is_file()
    assert (centre / "centre_coat.yaml").read_bytes() == original
    assert not lab.read_only and lab.path == copy
    rows = window.library.visible_rows()
    assert sorted(r[5] for r in rows if r[0] == "The centre's coat case") == ["your centre's", "yours"]
    lab.close()


def test_a_centre_scenario_with_a_bundled_id_is_listed_once_and_is_the_one_played(
        qtbot, centre, temper_home, window):
    from simulator.library import bundled_dir

    text = (bundled_dir() / "late_delivery.yaml").read_text(encoding="utf-8")
    (centre / "northside_coat.yaml").write_text(text.replace(TITLE, "title: Northside's coat case"),
                                                encoding="utf-8")
    with qtbot.waitSignal(window.library_loaded, timeout=5000):
        window.load_library()
    rows = window.library.visible_rows()
    assert not [r for r in rows if r[0] == "The winter coat that never arrived"], "the bundled one is not listed"
    [coat] = [r for r in rows if r[0] == "Northside's coat case"]
    assert coat[5] == "your centre's (replaces the bundled one)"
    assert window.library.select_path(centre / "northside_coat.yaml")
    details = window.library.details_text()
    assert "It replaces the bundled scenario of the same id (late_delivery)" in details
    assert str(bundled_dir() / "late_delivery.yaml") in details
    with qtbot.waitSignal(window.controller.ready_for_reply, timeout=5000, check_params_cb=bool):
        qtbot.mouseClick(window.library.start_button, Qt.MouseButton.LeftButton)
    assert window.controller.scenario.path == str(centre / "northside_coat.yaml")
    assert window.session_view.title.text() == "<h2>Northside&#x27;s coat case</h2>"
    window.controller.stop()


def test_two_centre_files_with_one_id_show_why_neither_can_be_started(qtbot, centre, window):
    from simulator.library import bundled_dir

    text = (bundled_dir() / "late_delivery.yaml").read_text(encoding="utf-8")
    for name in ("coat_a.yaml", "coat_b.yaml"):
        (centre / name).write_text(text, encoding="utf-8")
    with qtbot.waitSignal(window.library_loaded, timeout=5000):
        window.load_library()
    rows = {r[0]: r for r in window.library.visible_rows()}
    assert "The winter coat that never arrived" not in rows
    for mine, other in (("coat_a.yaml", "coat_b.yaml"), ("coat_b.yaml", "coat_a.yaml")):
        assert rows[mine][4].startswith("⚠ invalid — line")
        assert "the scenario id late_delivery is also the id of" in rows[mine][4]
        assert window.library.select_path(centre / mine)
        assert str(centre / other) in window.library.details_text()
        assert not window.library.start_button.isEnabled()
