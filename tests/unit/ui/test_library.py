"""The scenario library: search, filters, and invalid files listed with their error."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

pytestmark = pytest.mark.gui


@pytest.fixture
def library_with(qtbot, window, variant):
    """The window's library showing the bundled late_delivery plus `variant` files."""
    def make(*paths):
        from simulator.library import bundled_dir, load_entries

        window.library.set_entries(load_entries([bundled_dir() / "late_delivery.yaml", *paths]))
        return window.library
    return make


def test_lists_the_bundled_scenarios_with_their_columns(window):
    rows = window.library.visible_rows()
    assert ("The winter coat that never arrived", "Live chat", "English", "easy", "ready", "bundled") in rows
    assert window.library.status.text().split()[0] == str(len(rows))


def test_search_and_filters_narrow_the_list(qtbot, library_with, variant):
    email = variant("email_refund", {"channel: chat": "channel: email",
                                     "title: The winter coat that never arrived": "title: The refund email",
                                     "id: late_delivery": "id: email_refund"})
    lib = library_with(email)
    assert len(lib.visible_rows()) == 2
    qtbot.keyClicks(lib.search, "refund")
    assert [r[0] for r in lib.visible_rows()] == ["The refund email"]
    lib.search.clear()
    lib.channel.setCurrentIndex(lib.channel.findData("chat"))
    assert [r[0] for r in lib.visible_rows()] == ["The winter coat that never arrived"]
    lib.channel.setCurrentIndex(lib.channel.findData("all"))
    lib.difficulty.setCurrentIndex(lib.difficulty.findData("hard"))
    assert lib.visible_rows() == []
    assert not lib.start_button.isEnabled()


def test_an_invalid_file_is_listed_with_its_error_whatever_the_filters(qtbot, library_with, variant):
    broken = variant("broken", {"peak: 78": "peak: lots"})
    lib = library_with(broken)
    row = next(r for r in lib.visible_rows() if r[0] == "broken.yaml")
    assert row[4].startswith("⚠ invalid — line ")
    assert "invalid" in lib.status.text()
    lib.difficulty.setCurrentIndex(lib.difficulty.findData("hard"))
    assert [r[0] for r in lib.visible_rows()] == ["broken.yaml"]  # never hidden
    assert lib.select_path(broken)
    details = lib.details_text()
    assert "cannot be used" in details
    assert f"{broken}:" in details and "peak" in details
    assert not lib.start_button.isEnabled()
    qtbot.keyClick(lib.table, Qt.Key.Key_Return)  # Enter on it explains instead of starting
    assert window_page(lib) == "library"


def window_page(lib) -> str:
    return lib.window().current_page()


def test_opening_an_invalid_scenario_shows_the_error(qtbot, window, variant, monkeypatch):
    broken = variant("broken_open", {"rise_turns: 2": "rise_turns: soon"})
    errors = []
    monkeypatch.setattr(window, "ask_open_path", lambda: str(broken))
    monkeypatch.setattr(window, "show_error", lambda title, message: errors.append((title, message)))
    window.show_page("session")
    with qtbot.waitSignal(window.page_changed, timeout=5000):
        qtbot.keyClick(window, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(errors))
    title, message = errors[0]
    assert title == "This scenario cannot be used"
    assert str(broken) in message and "rise_turns" in message
    import re

    assert re.search(r":\d+:\d+:", message), "the message names the line and column"
    assert window.current_page() == "library"
    assert window.library.selected_entry().path == broken
    assert "rise_turns" in window.library.details_text()


def test_opening_a_missing_file_says_so(qtbot, window, tmp_path, monkeypatch):
    errors = []
    monkeypatch.setattr(window, "ask_open_path", lambda: str(tmp_path / "nope.yaml"))
    monkeypatch.setattr(window, "show_error", lambda title, message: errors.append(message))
    window.open_file()
    qtbot.waitUntil(lambda: bool(errors))
    assert errors == [f"there is no file {tmp_path / 'nope.yaml'}"]


def test_gui_scenario_argument_opens_straight_into_it(qtbot, window):
    with qtbot.waitSignal(window.controller.ready_for_reply, timeout=5000,
                          check_params_cb=lambda ready: ready):
        window.open_scenario("late_delivery")
    assert window.current_page() == "session"
    assert window.controller.scenario.id == "late_delivery"


def test_gui_scenario_argument_with_a_typo_explains(qtbot, window, monkeypatch):
    errors = []
    monkeypatch.setattr(window, "show_error", lambda title, message: errors.append(message))
    window.open_scenario("late_delivry")
    qtbot.waitUntil(lambda: bool(errors))
    assert "did you mean 'late_delivery'" in errors[0]
    assert window.current_page() == "library"


def test_enter_in_the_list_starts_the_chosen_mode(qtbot, window):
    lib = window.library
    lib.mode.setCurrentIndex(lib.mode.findData("exam"))
    lib.table.setFocus()
    with qtbot.waitSignal(window.controller.started):
        qtbot.keyClick(lib.table, Qt.Key.Key_Return)
    assert window.controller.mode == "exam"
    assert window.session_view.reply.editor.hasFocus()


def test_an_opened_file_is_listed_again_next_time(qtbot, window, variant, store_worker, monkeypatch):
    from ui.main_window import MainWindow

    extra = variant("my_case", {"title: The winter coat that never arrived": "title: My own case",
                                "id: late_delivery": "id: my_case"})
    monkeypatch.setattr(window, "ask_open_path", lambda: str(extra))
    with qtbot.waitSignal(window.page_changed, timeout=5000):
        window.open_file()
    assert window.library.selected_entry().scenario.title == "My own case"
    again = MainWindow(customer_delay=0, store=store_worker)
    qtbot.addWidget(again)
    with qtbot.waitSignal(again.library_loaded, timeout=5000):
        again.load_library()
    assert "My own case" in [r[0] for r in again.library.visible_rows()]
    extra.unlink()  # gone: simply not listed, no error
    third = MainWindow(customer_delay=0, store=store_worker)
    qtbot.addWidget(third)
    with qtbot.waitSignal(third.library_loaded, timeout=5000):
        third.load_library()
    assert "My own case" not in [r[0] for r in third.library.visible_rows()]


def your_folder(temper_home):
    folder = temper_home / "scenarios"
    folder.mkdir(exist_ok=True)
    return folder


def test_your_scenarios_are_listed_beside_the_bundled_ones_and_a_broken_one_hides_nothing(
        qtbot, store_worker, temper_home):
    from simulator.library import bundled, bundled_dir
    from ui.main_window import MainWindow

    folder = your_folder(temper_home)
    text = (bundled_dir() / "late_delivery.yaml").read_text(encoding="utf-8")
    (folder / "my_coat.yaml").write_text(text.replace("id: late_delivery", "id: my_coat").replace(
        "title: The winter coat that never arrived", "title: My coat case"), encoding="utf-8")
    (folder / "half_done.yaml").write_text(text.replace("  peak: 78", "  peak: lots"), encoding="utf-8")
    (folder / "garbage.yaml").write_bytes(b"\xff\xfe\x00not yaml at all\x81")
    (folder / "notes.txt").write_text("not a scenario", encoding="utf-8")

    window = MainWindow(customer_delay=0, store=store_worker)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.library_loaded, timeout=5000):
        window.load_library()
    rows = window.library.visible_rows()
    shipped = bundled()
    assert len(rows) == len(shipped) + 3, "every bundled scenario, plus each of your files"
    assert sum(r[5] == "bundled" for r in rows) == len(shipped)
    assert ("My coat case", "Live chat", "English", "easy", "ready", "yours") in rows
    half = next(r for r in rows if r[0] == "half_done.yaml")
    line = next(i for i, ln in enumerate(text.splitlines(), 1) if ln == "  peak: 78")
    assert half[4] == f"⚠ invalid — line {line}: expected a number, found 'lots'" and half[5] == "yours"
    garbage = next(r for r in rows if r[0] == "garbage.yaml")
    assert "not UTF-8" in garbage[4]
    assert "2 invalid files" in window.library.status.text()
    assert window.library.select_path(folder / "my_coat.yaml")
    assert "Yours, in your scenario folder" in window.library.details_text()
    assert window.library.start_button.isEnabled()


def test_a_copy_saved_in_the_lab_is_listed_in_the_library_at_once(qtbot, window, temper_home):
    from simulator.library import bundled_dir

    assert window.library.select_path(bundled_dir() / "late_delivery.yaml")
    assert "Bundled with Temper (read-only" in window.library.details_text()
    window.lab_action.trigger()
    lab = window._lab
    qtbot.waitUntil(lab.isVisible)
    assert lab.read_only
    lab.ask_save_path = lambda suggested: suggested
    with qtbot.waitSignal(window.library_loaded, timeout=5000):
        assert lab.save_as()
    copy = temper_home / "scenarios" / "late_delivery_copy.yaml"
    rows = window.library.visible_rows()
    assert [r[5] for r in rows if r[0] == "The winter coat that never arrived"] == ["bundled", "yours"]
    assert window.library.selected_entry().path == copy
    assert window.library.selected_entry().scenario.id == "late_delivery_copy"
    assert window.current_page() == "library"
    lab.close()


def test_remembered_broken_files_do_not_hide_the_bundled_scenarios(tmp_path):
    """Issue 12: one remembered file with `!!float abc` emptied the whole library."""
    import os
    import threading

    from simulator.library import bundled_dir
    from ui.main_window import load_library

    text = (bundled_dir() / "late_delivery.yaml").read_text(encoding="utf-8")
    broken = tmp_path / "broken.yaml"
    broken.write_text(text.replace("id: late_delivery", "id: broken").replace(
        "  peak:", "  peak: !!float abc\n  old_peak:", 1), encoding="utf-8")
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    done: list = []
    # In a thread: were the FIFO read, it would block for ever; the join bounds that.
    worker = threading.Thread(target=lambda: done.append(load_library([str(broken), str(fifo)])),
                              daemon=True)
    worker.start()
    worker.join(60)
    assert done, "loading the library hung on a FIFO"
    entries = done[0]
    assert sum(e.scenario is not None for e in entries) == 12
    bad = {e.path.name: e.problems for e in entries if e.scenario is None}
    assert set(bad) == {"broken.yaml", "pipe.yaml"}
    assert any("!!float" in p.message and p.line > 1 for p in bad["broken.yaml"])
    assert "FIFO" in bad["pipe.yaml"][0].message
