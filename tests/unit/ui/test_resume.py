"""History ▸ Resume: an unfinished practice session reopens exactly where it stopped, in a
new window after the app was quit, and keeps recording into the same History entry."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from simulator.format.loader import load_scenario
from simulator.library import resolve
from simulator.session import Session
from simulator.store import open_store
from tests.unit.simulator.certify_support import GOOD

pytestmark = pytest.mark.gui


def open_window(qtbot, path, trainee="ana"):
    from ui.main_window import MainWindow
    from ui.store_worker import StoreWorker

    worker = StoreWorker(path)
    window = MainWindow(customer_delay=0, store=worker)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.library_loaded, timeout=5000):
        window.load_library()
    window.show()
    qtbot.waitExposed(window)
    window.library.trainee.setText(trainee)
    return window, worker


def type_reply(qtbot, window, text):
    """Type into the reply box and press Enter, as a trainee does; wait for the answer."""
    view = window.session_view
    editor = view.reply.editor
    editor.setFocus()
    editor.insertPlainText(text)
    shown = len(view.conversation.messages())
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(view.conversation.messages()) >= shown + 2, timeout=5000)


def quit_app(window, worker):
    window.close()
    worker.close()  # every write queued so far is done


def history_rows(qtbot, window, count):
    window.show_history()
    qtbot.waitUntil(lambda: window.history.table.rowCount() == count
                    and "Loading" not in window.history.status.text(), timeout=5000)
    return [[window.history.table.item(r, c).text() for c in range(6)] for r in range(count)]


def test_a_session_left_after_two_replies_is_resumed_after_a_restart_into_the_same_entry(
        qtbot, tmp_path):
    db = tmp_path / "results.sqlite3"
    window, worker = open_window(qtbot, db)
    with qtbot.waitSignal(window.controller.ready_for_reply, timeout=3000, check_params_cb=bool):
        window.start(resolve("late_delivery"), seed=3)
    for text in GOOD[:2]:
        type_reply(qtbot, window, text)
    before = window.session_view.conversation.messages()
    view = window.session_view
    shown = (view.meter.level(), view.stepper.phase(), view.chart.levels(),
             view.coaching.accessibleDescription())
    quit_app(window, worker)  # "Quit anyway?" is answered yes

    window, worker = open_window(qtbot, db)
    [row] = history_rows(qtbot, window, 1)
    assert "unfinished" in row
    history = window.history
    assert history.resume_button.isEnabled()
    assert "Resume carries it on where it stopped" in history.resume_hint.text()
    with qtbot.waitSignal(window.controller.ready_for_reply, timeout=10000, check_params_cb=bool):
        qtbot.mouseClick(history.resume_button, Qt.MouseButton.LeftButton)
    assert window.current_page() == "session"
    view = window.session_view
    # exactly where it stopped: the same lines, the same customer mood
    assert view.conversation.messages() == before
    assert view.reply.editor.isEnabled() and window.controller.can_reply
    # the same mood, phase, curve so far and coaching on the last reply
    assert (view.meter.level(), view.stepper.phase(), view.chart.levels(),
            view.coaching.accessibleDescription()) == shown
    assert len(shown[2]) == 3 and shown[3]
    for text in GOOD[2:]:
        if window.controller.session.finished:
            break
        with qtbot.waitSignal(window.controller.saved, timeout=5000, raising=False):
            type_reply(qtbot, window, text)
    assert window.controller.session.outcome == "resolved"
    qtbot.waitUntil(lambda: "Saved to History" in window.statusBar().currentMessage(), timeout=5000)

    [row] = history_rows(qtbot, window, 1)  # one entry, finished
    assert "resolved" in row and "passed" in row
    assert not window.history.resume_button.isEnabled()
    assert "nothing to resume" in window.history.resume_hint.text()
    quit_app(window, worker)

    straight = Session(resolve("late_delivery"), seed=3)
    for text in GOOD:
        if not straight.finished:
            straight.reply(text, 0.0)
    with open_store(db) as store:
        [record] = store.sessions("ana")
        turns = store.turns(record.id)
    assert [t["reply"] for t in turns] == [t.reply for t in straight.turns]  # none lost or doubled
    assert [t["index"] for t in turns] == list(range(1, len(straight.turns) + 1))
    assert [t["customer"] for t in turns] == [t.customer for t in straight.turns]


def test_a_session_whose_scenario_changed_says_so_and_offers_its_report(qtbot, window, variant, monkeypatch):
    path = variant("coat", {})
    with qtbot.waitSignal(window.controller.ready_for_reply, timeout=3000, check_params_cb=bool):
        window.start(load_scenario(path), seed=1)
    type_reply(qtbot, window, GOOD[0])
    window.end_session()
    path.write_text(path.read_text(encoding="utf-8").replace("Margaret", "Marguerite"), encoding="utf-8")
    asked = []
    monkeypatch.setattr(window, "confirm", lambda title, question: asked.append((title, question)) or True)
    history_rows(qtbot, window, 1)
    with qtbot.waitSignal(window.page_changed, timeout=10000, check_params_cb=lambda page: page == "report"):
        window.history.resume_button.click()
    [(title, question)] = asked
    assert title == "This session cannot be resumed"
    assert f"the scenario file {path} has changed since the session began" in question
    assert question.endswith("Open its report instead?")
    assert GOOD[0] in window.report.transcript_view.toPlainText()  # what was said is not lost


def test_history_and_a_resumed_session_are_spanish_in_a_spanish_interface(qtbot, qapp, tmp_path):
    from tests.unit.ui.test_language import _english_in, _shown_texts
    from ui import language

    language.install(qapp, "es")
    try:
        scenario = resolve("lavadora_garantia")
        window, worker = open_window(qtbot, tmp_path / "results.sqlite3")
        allowed = {"Temper", "PDF", "HTML", "Ctrl", "Tab", "WhatsApp", "Chat", "ana", "temper", "certify",
                   "resume"}
        with qtbot.waitSignal(window.controller.ready_for_reply, timeout=3000, check_params_cb=bool):
            window.start(scenario, seed=2)
        type_reply(qtbot, window, "Lo siento mucho, Carmen. Cuénteme qué pasó con la lavadora.")
        window.end_session()
        [row] = history_rows(qtbot, window, 1)
        assert "sin terminar" in row
        assert window.history.resume_button.text() == "Re&anudar"
        assert _english_in(_shown_texts(window), allowed) == []
        with qtbot.waitSignal(window.controller.ready_for_reply, timeout=10000, check_params_cb=bool):
            window.history.resume_button.click()
        assert len(window.session_view.conversation.messages()) == 3
        assert _english_in(_shown_texts(window), allowed) == []
        quit_app(window, worker)
    finally:
        language.install(qapp, "en")


def test_an_exam_left_unfinished_is_not_offered_for_resuming(qtbot, window, monkeypatch):
    window.library.trainee.setText("ana")
    with qtbot.waitSignal(window.controller.ready_for_reply, timeout=5000, check_params_cb=bool):
        window.start(resolve("late_delivery"), seed=1, mode="exam")
    type_reply(qtbot, window, GOOD[0])
    window.end_session()  # left unfinished (confirmed)
    [row] = history_rows(qtbot, window, 1)
    assert "unfinished" in row
    history = window.history
    history.table.selectRow(0)
    assert not history.resume_button.isEnabled()
    assert history.resume_hint.text() == ("An exam: it is sat in one go and not carried on as "
                                          "practice; open its report, or start the exam again.")
    # Asked for all the same (an old History list, a script): refused, saying why.
    asked = []
    monkeypatch.setattr(window, "confirm", lambda title, question: asked.append((title, question)) or True)
    with qtbot.waitSignal(window.page_changed, timeout=10000, check_params_cb=lambda page: page == "report"):
        window.resume(history.selected_record().id)
    [(title, question)] = asked
    assert title == "This session cannot be resumed"
    assert "is an exam: an exam is sat in one go, under exam conditions" in question
    assert GOOD[0] in window.report.transcript_view.toPlainText()
