"""The app around the widgets: settings that persist, text size, keyboard and
accessibility, unexpected errors as a message, and the PySide6 emit workaround."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QObject, QRect, Qt, Signal
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget

pytestmark = pytest.mark.gui


def new_window(qtbot, store_worker):
    from ui.main_window import MainWindow

    w = MainWindow(customer_delay=0, store=store_worker)
    qtbot.addWidget(w)
    return w


def test_geometry_and_choices_persist_between_runs(qtbot, store_worker):
    first = new_window(qtbot, store_worker)
    first.setGeometry(QRect(20, 30, 700, 520))
    lib = first.library
    lib.channel.setCurrentIndex(lib.channel.findData("email"))
    lib.mode.setCurrentIndex(lib.mode.findData("exam"))
    lib.trainee.setText("ana")
    first.close()
    second = new_window(qtbot, store_worker)
    assert (second.size().width(), second.size().height()) == (700, 520)
    assert second.library.channel.currentData() == "email"
    assert second.library.mode.currentData() == "exam"
    assert second.library.trainee.text() == "ana"


def test_text_size_scales_and_is_remembered(qtbot, window):
    from ui import settings

    before = QApplication.font().pointSizeF()
    qtbot.keyClick(window, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    bigger = QApplication.font().pointSizeF()
    assert bigger > before * 1.2
    assert settings.get_float("view/font_scale", 1.0) > 1.2
    # Widgets already shown follow (Qt posts them the change).
    qtbot.waitUntil(lambda: window.library.table.font().pointSizeF() == pytest.approx(bigger))
    qtbot.keyClick(window, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.font().pointSizeF() == pytest.approx(before)


def focusable(root: QWidget) -> list[QWidget]:
    return [w for w in root.findChildren(QWidget)
            if w.focusPolicy() != Qt.FocusPolicy.NoFocus and w.isVisibleTo(root)
            and not w.isWindow() and type(w).__name__ not in ("QScrollBar", "QSplitterHandle")
            and not w.objectName().startswith("qt_")]


def unnamed(widgets) -> list[str]:
    out = []
    for w in widgets:
        if w.accessibleName():
            continue
        if isinstance(w, QAbstractButton) and w.text():
            continue
        if w.parent() is not None and type(w.parent()).__name__ in ("QComboBox", "QAbstractSpinBox"):
            continue
        if type(w).__name__ == "QTableCornerButton" or type(w).__name__ == "QHeaderView":
            continue
        if hasattr(w.parent(), "viewport") and w.parent().viewport() is w:
            continue  # a scroll area's viewport: the area itself carries the name
        if type(w.parent()).__name__ == "QLineEdit":  # the clear button
            continue
        out.append(f"{type(w).__name__} {w.objectName()!r}")
    return out


def test_every_control_has_an_accessible_name(qtbot, window):
    from simulator.library import resolve

    for page in ("library", "session", "report", "history"):
        window.show_page(page)
        if page == "session":
            with qtbot.waitSignal(window.controller.ready_for_reply, check_params_cb=lambda r: r):
                window.start(resolve("late_delivery"), seed=1)
        assert unnamed(focusable(window.pages.currentWidget())) == [], page


def test_keyboard_only_from_library_to_a_reply(qtbot, window):
    window.library.table.setFocus()
    with qtbot.waitSignal(window.controller.ready_for_reply, check_params_cb=lambda r: r, timeout=3000):
        qtbot.keyClick(window.library.table, Qt.Key.Key_Return)
    editor = window.session_view.reply.editor
    assert editor.hasFocus()
    qtbot.keyClicks(editor, "I'm so sorry, Margaret.")
    with qtbot.waitSignal(window.controller.turn_scored):
        qtbot.keyClick(editor, Qt.Key.Key_Return)
    with qtbot.waitSignal(window.page_changed):
        qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page() == "library"


def test_leaving_a_conversation_asks_first(qtbot, window, monkeypatch):
    from simulator.library import resolve

    asked = []
    with qtbot.waitSignal(window.controller.ready_for_reply, check_params_cb=lambda r: r):
        window.start(resolve("late_delivery"), seed=1)
    monkeypatch.setattr(window, "confirm", lambda title, q: asked.append(title) or False)
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert asked == ["End this session?"]
    assert window.current_page() == "session"  # said no
    monkeypatch.setattr(window, "confirm", lambda title, q: True)
    window.end_session()
    assert window.current_page() == "library"
    assert window.controller.session is None


def test_an_unexpected_error_is_a_message_and_a_log(tmp_path):
    from ui.app import log_path, report_unexpected

    shown = []
    try:
        raise KeyError("boom")
    except KeyError:
        message = report_unexpected(*sys.exc_info(), show=shown.append)
    assert shown == [message]
    assert "Something went wrong: KeyError" in message
    assert "Traceback" not in message
    assert str(log_path()) in message
    assert "Traceback" in log_path().read_text(encoding="utf-8")


def test_a_temper_error_is_shown_as_is():
    from simulator.errors import TemperError
    from ui.app import report_unexpected

    shown = []
    report_unexpected(TemperError, TemperError("the file x.yaml is missing"), None, show=shown.append)
    assert shown == ["the file x.yaml is missing"]


class _Emitter(QObject):
    flag = Signal(bool)

    def take(self, value) -> None:
        self.last = value


def test_many_qt_calls_and_emits_do_not_crash_the_interpreter():
    """PySide6 6.12 on Python 3.11 drops a reference to None per void call and to True
    per emit; without ui.qt_fixes this loop aborts the process (none_dealloc)."""
    import gc

    import ui  # noqa: F401  (installs the fix)
    from PySide6.QtWidgets import QLabel

    label = QLabel()
    e = _Emitter()
    e.flag.connect(e.take)
    from ui import qt_fixes

    if qt_fixes.steals_references():  # the bug is here: the fix must have made None immortal
        assert sys.getrefcount(None) > 2**39
    for _ in range(200_000):  # more than None's whole count in a fresh interpreter
        label.setText("x")
        e.flag.emit(True)
    gc.collect()
    assert sys.getrefcount(None) > 0 and sys.getrefcount(True) > 0


def test_the_scenario_lab_opens_from_the_menu_on_the_selected_scenario(qtbot, window):
    pytest.importorskip("ui.lab")
    chosen = window.library.selected_entry()
    assert chosen is not None
    window.lab_action.trigger()
    lab = window._lab
    qtbot.waitUntil(lab.isVisible)
    assert lab.isWindow()
    assert chosen.path.name in lab.windowTitle()


def test_quitting_in_the_middle_of_a_conversation_asks_first(qtbot, window, monkeypatch):
    from simulator.library import resolve

    with qtbot.waitSignal(window.controller.ready_for_reply, check_params_cb=lambda r: r):
        window.start(resolve("late_delivery"), seed=1)
    qtbot.keyClicks(window.session_view.reply.editor, "half a thought")
    monkeypatch.setattr(window, "confirm", lambda title, question: False)
    window.close()
    assert window.isVisible()
    assert window.session_view.reply.text() == "half a thought"  # nothing typed is lost
    monkeypatch.setattr(window, "confirm", lambda title, question: True)
    window.close()
    assert not window.isVisible()


def test_shortcuts_help_lists_the_send_keys(window, dialogs):
    window.show_shortcuts()
    title, text = dialogs.pop()
    assert title == "Keyboard shortcuts"
    assert "Ctrl+Enter" in text and "Shift+Enter" in text


def test_colours_follow_a_dark_system_palette(qtbot, window):
    from PySide6.QtGui import QColor, QPalette

    from ui import theme

    conversation = window.session_view.conversation
    assert QColor(conversation._colors()["customer"]).lightness() > 128  # light by default
    dark = QPalette(QApplication.palette())
    for role, color in ((QPalette.ColorRole.Window, "#2b2b2e"), (QPalette.ColorRole.Base, "#1e1e20"),
                        (QPalette.ColorRole.Text, "#e6e6e6"), (QPalette.ColorRole.WindowText, "#e6e6e6")):
        dark.setColor(role, QColor(color))
    light = QApplication.palette()
    QApplication.setPalette(dark)
    try:
        qtbot.waitUntil(lambda: QColor(conversation._colors()["customer"]).lightness() < 80)
        assert theme.is_dark()
        assert window.session_view.chart.chart().backgroundBrush().color() == QColor("#1e1e20")
    finally:
        QApplication.setPalette(light)


def test_the_customer_delay_is_short_seeded_and_grows_with_the_line():
    import random

    from ui.controller import customer_delay_s

    short = [customer_delay_s("OK.", random.Random(s)) for s in range(50)]
    long = [customer_delay_s("x" * 200, random.Random(s)) for s in range(50)]
    assert all(0.5 < d < 1.2 for d in short)
    assert all(d <= 3.5 for d in long) and min(long) > max(short)
    assert customer_delay_s("Where is it?", random.Random(7)) == customer_delay_s("Where is it?", random.Random(7))
