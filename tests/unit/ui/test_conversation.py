"""A whole conversation driven through the real widgets, as a trainee would."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from scoring.model import PHASES
from simulator.report import score_text
from simulator.library import resolve
from simulator.session import Session

pytestmark = pytest.mark.gui


def start(qtbot, window, mode="practice", seed=1, scenario=None):
    scenario = scenario or resolve("late_delivery")
    with qtbot.waitSignal(window.controller.ready_for_reply, timeout=3000,
                          check_params_cb=lambda ready: ready):
        window.start(scenario, mode=mode, seed=seed)
    return scenario


def say(qtbot, window, text, key=Qt.Key.Key_Return, modifier=Qt.KeyboardModifier.NoModifier):
    """Type `text` into the reply editor, press the send key, wait for the customer."""
    editor = window.session_view.reply.editor
    editor.setFocus()
    qtbot.keyClicks(editor, text)
    shown = len(window.session_view.conversation.messages())
    qtbot.keyClick(editor, key, modifier)
    qtbot.waitUntil(lambda: len(window.session_view.conversation.messages()) == shown + 2, timeout=3000)


def test_a_full_practice_conversation_through_the_widgets(qtbot, window, resolving_replies):
    scenario = start(qtbot, window, seed=1)
    view = window.session_view
    assert window.current_page() == "session"
    assert view.conversation.messages() == [("customer", window.controller.session.opening)]
    assert view.stepper.phase() == "venting"
    assert view.meter.level() == pytest.approx(scenario.hostility.start)

    # The same replies, headless: what the widgets must show.
    expected = Session(scenario, seed=1)
    phases_seen = []
    for reply in resolving_replies:
        say(qtbot, window, reply)
        turn = expected.reply(reply, latency_s=0)
        assert view.conversation.messages()[-2:] == [("agent", reply), ("customer", turn.customer)]
        assert view.reply.text() == ""  # sent, so cleared
        assert view.meter.level() == pytest.approx(turn.hostility_after, abs=1)  # latency ~0 s
        assert view.stepper.phase() == turn.phase_after
        assert view.chart.levels()[-1] == pytest.approx(turn.hostility_after, abs=1)
        phases_seen.append(turn.phase_after)
        assert view.coaching.headline.text()  # a hint after every reply in practice mode

    assert expected.finished, "the scenario's example reply set should end the conversation"
    assert len(view.chart.levels()) == len(resolving_replies) + 1
    assert view.stepper.phase() == expected.outcome
    assert view.end_banner.isVisible() and view.report_button.isVisible()
    assert [p for p in PHASES if p in phases_seen], "the conversation moved through the phases"
    assert not view.reply.send_button.isEnabled()

    # The report, reached with the keyboard when asked for: its mnemonic.
    assert not view.report_button.hasFocus()
    qtbot.keyClick(window, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: window.current_page() == "report", timeout=3000)
    report = window.report
    total = expected.score()
    assert f"{score_text(total.total)} / 100" in report.verdict.text()
    assert ("PASSED" if total.passed else "NOT PASSED") in report.verdict.text()
    assert report.dimension_values() == {d: round(v) for d, v in total.dimensions.items()}
    assert report.chart.levels() == pytest.approx(expected.curve_levels, abs=0.01)
    text = report.transcript_view.toPlainText()
    for reply in resolving_replies:
        assert reply in text
    assert expected.opening in text


def test_practice_highlights_the_evidence_in_the_reply(qtbot, window):
    start(qtbot, window, seed=1)
    say(qtbot, window, "I'm so sorry, Margaret. Could you tell me what happened?")
    coaching = window.session_view.coaching
    assert coaching.isVisible()
    assert coaching.spans, "the scorer found evidence in an apology"
    span = coaching.spans[0]
    # The evidence text is wrapped in a highlight in the reply shown.
    assert f">{span.text}</span>" in coaching.reply.text().replace("&#x27;", "'").replace("&#39;", "'")
    assert span.reason in coaching.reasons.text()


def test_exam_mode_hides_coaching_and_meter_until_the_end(qtbot, window, resolving_replies):
    start(qtbot, window, mode="exam", seed=1)
    view = window.session_view
    assert not view.coaching.isVisible()
    assert view.meter.level() is None
    assert "exam" in view.meter.text()
    assert not view.chart.isVisible()
    assert view.card.mood.text() == "hidden in exam mode"
    for reply in resolving_replies[:2]:
        say(qtbot, window, reply)
        assert view.meter.level() is None
        assert not view.coaching.isVisible()
    for reply in resolving_replies[2:]:
        say(qtbot, window, reply)
    assert window.controller.session.finished
    assert view.meter.level() == pytest.approx(window.controller.session.hostility)
    assert view.chart.isVisible()
    assert view.card.mood_text() in ("calm", "annoyed", "angry", "furious")


def test_a_rejected_reply_stays_in_the_editor_with_the_reason(qtbot, window):
    start(qtbot, window)
    box = window.session_view.reply
    qtbot.keyClicks(box.editor, "   ")
    qtbot.keyClick(box.editor, Qt.Key.Key_Return)
    assert box.error.isVisible()
    assert "empty" in box.error.text()
    assert box.text() == "   "
    long = "x" * 10_001
    box.editor.setPlainText(long)
    qtbot.keyClick(box.editor, Qt.Key.Key_Return)
    assert "10,001 characters" in box.error.text()
    assert box.text() == long
    assert window.session_view.conversation.messages()[-1][0] == "customer"  # nothing was sent


def test_shift_enter_is_a_new_line_in_chat(qtbot, window):
    start(qtbot, window)
    editor = window.session_view.reply.editor
    qtbot.keyClicks(editor, "Hello Margaret,")
    qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClicks(editor, "I'm so sorry.")
    assert editor.toPlainText() == "Hello Margaret,\nI'm so sorry."
    assert len(window.session_view.conversation.messages()) == 1


def test_email_enter_is_a_new_line_and_ctrl_enter_sends(qtbot, window, variant):
    path = variant("email_case", {"channel: chat": "channel: email"})
    from simulator.format.loader import load_scenario

    scenario = start(qtbot, window, scenario=load_scenario(path))
    box = window.session_view.reply
    chat_height = 3 * box.editor.fontMetrics().lineSpacing() + 14
    assert box.editor.height() > chat_height  # the email editor is larger
    assert "Ctrl" in box.hint.text()
    qtbot.keyClicks(box.editor, "Dear Margaret,")
    qtbot.keyClick(box.editor, Qt.Key.Key_Return)
    assert len(window.session_view.conversation.messages()) == 1  # Enter did not send
    qtbot.keyClicks(box.editor, "I'm so sorry about your order.")
    with qtbot.waitSignal(window.controller.turn_scored, timeout=3000) as sent:
        qtbot.keyClick(box.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert sent.args[0].reply == "Dear Margaret,\nI'm so sorry about your order."
    assert scenario.channel == "email"
    assert box.clock.text() == ""  # no reply clock on email


def test_the_customer_types_before_answering_and_sending_waits(qtbot, store_worker):
    from ui.main_window import MainWindow

    w = MainWindow(customer_delay=50.0, store=store_worker)  # a very slow typist
    qtbot.addWidget(w)
    w.start(resolve("late_delivery"), seed=3)
    view = w.session_view
    assert view.conversation.typing_shown()
    assert view.conversation.typing.text() == "Margaret is typing…"
    assert view.conversation.messages() == []
    qtbot.keyClicks(view.reply.editor, "Hello?")
    qtbot.keyClick(view.reply.editor, Qt.Key.Key_Return)
    assert "still typing" in view.reply.error.text()
    assert view.reply.text() == "Hello?"
    assert w.controller.session.turns == []


def test_a_slow_reply_on_a_live_channel_shows_a_clock_and_angers(qtbot):
    from simulator.library import resolve as load
    from ui.controller import SessionController
    from ui.session_view import SessionView

    clock = [1000.0]
    controller = SessionController(customer_delay=0, now=lambda: clock[0])
    view = SessionView(controller)
    qtbot.addWidget(view)
    scenario = load("late_delivery")
    with qtbot.waitSignal(controller.ready_for_reply, check_params_cb=lambda ready: ready):
        controller.start(scenario, seed=1)
    clock[0] += 90  # the trainee thinks for a minute and a half
    with qtbot.waitSignal(controller.clock_ticked, timeout=3000):
        pass
    grace, per_s = scenario.hostility.slow_replies.grace_s, scenario.hostility.slow_replies.per_second
    assert "1:30" in view.reply.clock.text()
    assert f"+{(90 - grace) * per_s:.0f}" in view.reply.clock.text()
    with qtbot.waitSignal(controller.turn_scored) as scored:
        controller.send("One moment please.")
    slow = scored.args[0]
    assert slow.latency_s == pytest.approx(90)
    fast = Session(scenario, seed=1).reply("One moment please.", latency_s=0)
    assert slow.hostility_after > fast.hostility_after + 10
    assert "slow_reply" in slow.signals
    assert "90 s" in view.coaching.headline.text()
    controller.stop()


def test_the_case_file_is_beside_the_customer_and_coaching_says_what_she_waits_for(qtbot, window):
    scenario = start(qtbot, window, seed=1)
    view = window.session_view
    assert view.case_file.isVisible()
    assert "HX-48213" in view.case_file.body.text() and "express courier" in view.case_file.body.text()
    say(qtbot, window, "I'm so sorry, Margaret. Could you tell me what happened?")
    waiting = view.coaching.waiting.text()
    assert view.coaching.waiting.isVisible() and "the coat before Saturday" in waiting
    assert scenario.concerns[0].need in waiting


def test_a_customer_left_waiting_asks_if_you_are_still_there_during_the_wait(qtbot):
    from simulator.library import resolve as load
    from ui.controller import SessionController
    from ui.session_view import SessionView

    clock = [1000.0]
    controller = SessionController(customer_delay=0, now=lambda: clock[0])
    view = SessionView(controller)
    qtbot.addWidget(view)
    with qtbot.waitSignal(controller.ready_for_reply, check_params_cb=lambda ready: ready):
        controller.start(load("late_delivery"), seed=1)
    shown = len(view.conversation.messages())
    clock[0] += 10  # within the grace: nothing
    with qtbot.waitSignal(controller.clock_ticked, timeout=3000):
        pass
    assert len(view.conversation.messages()) == shown
    clock[0] += 60  # past it: she asks, before any reply
    qtbot.waitUntil(lambda: len(view.conversation.messages()) == shown + 1, timeout=3000)
    who, text = view.conversation.messages()[-1]
    assert who == "customer" and "still there" in text.lower()
    clock[0] += 5  # and only once
    with qtbot.waitSignal(controller.clock_ticked, timeout=3000):
        pass
    assert len(view.conversation.messages()) == shown + 1
    controller.stop()


def test_an_ended_conversation_takes_no_keystrokes(qtbot, window, resolving_replies, tmp_path):
    """Typing on after the end used to press "See your report", then "Export PDF…", and
    save the rest of the sentence as a file name. Now the reply box keeps what was typed,
    disabled, and stray keys press nothing."""
    start(qtbot, window, seed=1)
    view = window.session_view
    for reply in resolving_replies[:-1]:
        say(qtbot, window, reply)
    editor = view.reply.editor
    editor.setFocus()
    qtbot.keyClicks(editor, resolving_replies[-1])
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.controller.session.finished, timeout=3000)
    qtbot.keyClicks(editor, "and one more thing")  # typed while the customer answers
    qtbot.waitUntil(lambda: view.end_banner.isVisible(), timeout=3000)

    focused = window.focusWidget() or window
    before = sorted(p.name for p in tmp_path.iterdir())
    qtbot.keyClicks(focused, " thanks again, bye now")
    qtbot.keyClick(focused, Qt.Key.Key_Space)
    qtbot.keyClick(focused, Qt.Key.Key_Return)
    assert window.current_page() == "session"
    assert not view.reply.isEnabled()
    assert focused is not view.report_button
    assert sorted(p.name for p in tmp_path.iterdir()) == before
