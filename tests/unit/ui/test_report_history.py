"""The report (export to PDF and HTML) and History (scores over time, reopen a report)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from simulator.report import score_text
from simulator.library import resolve

pytestmark = pytest.mark.gui


def finish_session(qtbot, window, replies, seed=1, mode="practice"):
    with qtbot.waitSignal(window.controller.ready_for_reply, check_params_cb=lambda ready: ready):
        window.start(resolve("late_delivery"), seed=seed, mode=mode)
    with qtbot.waitSignal(window.controller.saved, timeout=5000):
        for reply in replies:
            if window.controller.session.finished:
                break
            with qtbot.waitSignal(window.controller.message_added,
                                  check_params_cb=lambda m: m.who == "customer"):
                assert window.controller.send(reply)
    assert window.controller.session.finished
    window.show_report()
    return window.controller.transcript()


def test_export_html_and_pdf(qtbot, window, resolving_replies, tmp_path, monkeypatch):
    transcript = finish_session(qtbot, window, resolving_replies)
    report = window.report
    monkeypatch.setattr(report, "ask_save_path", lambda kind, suggested: str(tmp_path / f"out.{kind}"))
    with qtbot.waitSignal(report.exported, timeout=10000) as html_done:
        qtbot.mouseClick(report.html_button, Qt.MouseButton.LeftButton)
    html = (tmp_path / "out.html").read_text(encoding="utf-8")
    assert html_done.args == [str(tmp_path / "out.html")]
    import html as htmllib
    import re

    # The reply as the trainee typed it, once the highlights and their footnote marks are read past.
    text = htmllib.unescape(re.sub(r"<[^>]+>", "", re.sub(r"<sup>.*?</sup>", "", html)))
    assert resolving_replies[0] in text
    assert transcript["scenario_title"] in html
    with qtbot.waitSignal(report.exported, timeout=20000):
        report.export("pdf")
    assert (tmp_path / "out.pdf").read_bytes().startswith(b"%PDF")
    assert "Saved" in report.export_status.text()


def test_a_failed_export_is_a_message_not_a_traceback(qtbot, window, resolving_replies, tmp_path, monkeypatch):
    finish_session(qtbot, window, resolving_replies)
    report = window.report
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    errors = []
    monkeypatch.setattr(window, "show_error", lambda title, message: errors.append(message))
    monkeypatch.setattr(report, "ask_save_path", lambda kind, suggested: str(blocker / "report.html"))
    with qtbot.waitSignal(report.export_failed, timeout=10000):
        report.export("html")
    assert errors and errors[0].startswith("The report was not exported: ")
    assert "Traceback" not in errors[0]
    assert str(blocker) in errors[0]
    assert report.html_button.isEnabled()  # can try again


def test_cancelling_the_save_dialog_writes_nothing(qtbot, window, resolving_replies, tmp_path, monkeypatch):
    finish_session(qtbot, window, resolving_replies)
    monkeypatch.setattr(window.report, "ask_save_path", lambda kind, suggested: "")
    window.report.export("pdf")
    assert window.report.export_status.text() == ""
    assert list(tmp_path.glob("*.pdf")) == []


def test_history_charts_scores_and_reopens_reports(qtbot, window, resolving_replies):
    window.library.trainee.setText("ana")
    first = finish_session(qtbot, window, resolving_replies, seed=1)
    second = finish_session(qtbot, window, ["Calm down. These things happen with couriers.",
                                            "You should have chosen express shipping.",
                                            "CALM DOWN!!! It's not our fault.",
                                            "CALM DOWN!!!", "NO.", "NO!!!", "NO!!!!", "STOP!!!"][:12],
                            seed=2)
    with qtbot.waitSignal(window.history.table.model().modelReset, timeout=5000, raising=False):
        qtbot.keyClick(window, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.history.table.rowCount() == 2)
    assert window.current_page() == "history"
    assert "ana" in window.history.heading.text()
    scores = [y for _x, y in window.history.chart.points]
    assert scores == pytest.approx([first["score"], second["score"]], abs=0.01)  # oldest first
    # Newest first in the table; open the older one with the keyboard.
    assert window.history.table.item(0, 4).text() == score_text(second["score"])
    window.history.table.setFocus()
    window.history.table.selectRow(1)
    with qtbot.waitSignal(window.page_changed, timeout=5000):
        qtbot.keyClick(window.history.table, Qt.Key.Key_Return)
    assert window.current_page() == "report"
    assert window.report.transcript["turns"] == first["turns"]
    assert f"{score_text(first['score'])} / 100" in window.report.verdict.text()


def test_history_of_another_trainee_is_empty(qtbot, window, resolving_replies):
    window.library.trainee.setText("ana")
    finish_session(qtbot, window, resolving_replies)
    window.library.trainee.setText("bob")
    window.show_history()
    qtbot.waitUntil(lambda: "No sessions yet" in window.history.status.text())
    assert window.history.table.rowCount() == 0


def test_a_trainer_marks_a_judgement_wrong_and_the_next_session_uses_it(qtbot, window, monkeypatch):
    from simulator.session import Session
    from simulator.store import open_store

    rude = "Calm down. These things happen with couriers."
    finish_session(qtbot, window, [rude, "CALM DOWN!!! It's not our fault.",
                                   "You should have chosen express shipping."])
    view = window.report
    html = view.transcript_view.toHtml()
    assert "Not right?" in html
    turn = view.transcript["turns"][0]
    asked = []
    monkeypatch.setattr(view, "ask_correction", lambda span, kind: asked.append((span, kind)) or "a fair comment")
    # The trainer clicks "Not right?" beside the first judgement of the tone-policing kind.
    from ui.annotate import spans_from_dict
    from ui.report_view import _act_kind
    spans = spans_from_dict(turn["scores"])
    i = next(k for k, s in enumerate(spans) if _act_kind(s.rule) == "tone_policing")
    from PySide6.QtCore import QUrl
    with qtbot.waitSignal(window.corrections_loaded, timeout=5000):
        view.transcript_view.anchorClicked.emit(QUrl(f"correct:{turn['index']}:{i}"))
    assert asked and asked[0][1] == "tone_policing"
    # kept with the results, in the window's own results database
    with open_store(window.store.path) as store:
        saved = store.corrections()
    assert [(c.reply, c.kind, c.verdict, c.note) for c in saved] == [(rude, "tone_policing", False, "a fair comment")]
    assert "next session" in view.export_status.text()
    # From now on the same reply is not read as tone-policing, and says why.
    assert window.controller.corrections == saved
    scored = Session(resolve("late_delivery"), seed=1, corrections=saved).reply(rude)
    assert "told_to_calm_down" not in scored.signals


def test_the_report_names_the_trainee_the_date_and_the_mode_and_the_export_too(
        qtbot, window, resolving_replies, tmp_path, monkeypatch):
    window.library.trainee.setText("Ana García")
    finish_session(qtbot, window, resolving_replies, mode="exam")
    report = window.report
    assert report.transcript["trainee"] == "Ana García" and report.transcript["mode"] == "exam"
    from simulator.wording import when_text

    when = when_text(report.transcript["started_at"])
    assert "Ana García" in report.sitting.text() and when in report.sitting.text()
    assert "Exam" in report.sitting.text()
    assert "Resolved: the customer agreed" in report.outcome.text()
    suggested = []
    monkeypatch.setattr(report, "ask_save_path",
                        lambda kind, name: suggested.append(name) or str(tmp_path / f"out.{kind}"))
    with qtbot.waitSignal(report.exported, timeout=10000):
        report.export("html")
    html = (tmp_path / "out.html").read_text(encoding="utf-8")
    assert "Ana García" in html and when in html and "Exam" in html
    assert suggested[0].endswith(f"temper-late_delivery-Ana-Garc\u00eda-{report.transcript['started_at'][:10]}.html")


def test_a_report_reopened_from_history_still_names_the_trainee(qtbot, window, resolving_replies):
    window.library.trainee.setText("ana")
    finish_session(qtbot, window, resolving_replies)
    window.show_history()
    qtbot.waitUntil(lambda: window.history.table.rowCount() == 1)
    window.report.show_transcript({})  # forget the live one
    window.history.table.selectRow(0)
    with qtbot.waitSignal(window.page_changed, timeout=5000):
        qtbot.keyClick(window.history.table, Qt.Key.Key_Return)
    assert window.report.transcript["trainee"] == "ana"
    assert "ana" in window.report.sitting.text()
    assert "pass mark: 65" in window.report.verdict.text()


def test_a_spanish_session_reports_in_spanish(qtbot, window):
    with qtbot.waitSignal(window.controller.ready_for_reply, check_params_cb=lambda ready: ready):
        window.start(resolve("corte_luz"), seed=1)
    with qtbot.waitSignal(window.controller.saved, timeout=5000):
        for reply in ["Cálmese, no es culpa nuestra.", "¡CÁLMESE YA!", "NO ES CULPA NUESTRA!!!",
                      "Eso no es mi departamento."] * 3:
            if window.controller.session.finished:
                break
            with qtbot.waitSignal(window.controller.message_added,
                                  check_params_cb=lambda m: m.who == "customer"):
                assert window.controller.send(reply)
    window.show_report()
    report = window.report
    assert "NO SUPERADO" in report.verdict.text()
    assert report.outcome.text().startswith("Escalada: el cliente exigió hablar con un responsable")
    assert "Por aspecto" in report.dimensions_heading.text()
    assert "Qué practicar a continuación" in report.practise_heading.text()
    assert report._name_labels["apology"].text() == "Disculpa"
    assert "Falta de cortesía" in report.practise.text()
    text = report.transcript_view.toPlainText()
    assert "Cliente:" in text and "Respuesta 1" in text and "desahogo" in text
    assert "Customer:" not in text and "Reply" not in text


def test_a_dimension_that_never_came_up_reads_not_assessed(qtbot, window, resolving_replies):
    transcript = finish_session(qtbot, window, resolving_replies)
    transcript["session"]["dimensions"]["mirroring"] = None
    window.report.show_transcript(transcript)
    assert window.report._value_labels["mirroring"].text() == "not assessed"
    assert not window.report._bar_widgets["mirroring"].isEnabled()
    assert window.report._value_labels["apology"].text() != "not assessed"


def test_an_unfinished_session_opens_a_report_of_what_happened(qtbot, window):
    scenario = resolve("lavadora_garantia")
    window.library.trainee.setText("ana")
    with qtbot.waitSignal(window.controller.ready_for_reply, timeout=3000, check_params_cb=lambda ready: ready):
        window.start(scenario, mode="practice", seed=2)
    with qtbot.waitSignal(window.controller.turn_scored, timeout=3000):
        window.controller.send("Lo siento mucho, Carmen. Cuénteme qué pasó con la lavadora.")
    qtbot.waitUntil(lambda: len(window.session_view.conversation.messages()) == 3, timeout=3000)
    window.end_session()  # left unfinished
    window.show_history()
    qtbot.waitUntil(lambda: window.history.table.rowCount() == 1, timeout=5000)
    assert window.history.open_button.isEnabled()
    window.history.table.selectRow(0)
    with qtbot.waitSignal(window.page_changed, timeout=5000):
        window.history.open_button.click()
    report = window.report
    assert window.current_page() == "report"
    assert "Sin terminar" in report.outcome.text()  # in the session's language
    assert "NO SUPERADO" in report.verdict.text()
    assert "Lo siento mucho, Carmen" in report.transcript_view.toPlainText()


def test_the_desktop_moves_a_corrections_file_from_before_into_its_results_and_judges_with_it(
        qtbot, store_worker, temper_home):
    import shutil
    from pathlib import Path

    from ui.main_window import MainWindow

    fixture = Path(__file__).resolve().parents[2] / "data" / "store" / "corrections.jsonl"
    shutil.copy(fixture, temper_home / "corrections.jsonl")
    w = MainWindow(customer_delay=0, store=store_worker)
    qtbot.addWidget(w)
    # the store is read on its own thread: the answer arrives after the window is built
    with qtbot.waitSignal(w.corrections_loaded, timeout=5000):
        pass
    assert len(w.controller.corrections) == 4
    assert "now kept in the results database" in w.statusBar().toolTip()  # elided in the bar
    assert not (temper_home / "corrections.jsonl").exists()
    assert (temper_home / "corrections.jsonl.imported").read_bytes() == fixture.read_bytes()
    assert {c.kind for c in w.controller.corrections} == {"blame", "tone_policing", "invitation"}
