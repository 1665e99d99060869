"""The judge reads each reply off the UI thread: the window stays responsive, the reply box
takes nothing meanwhile, nothing is sent twice and nothing sent is lost."""

from __future__ import annotations

import random
import threading

import pytest
from PySide6.QtCore import Qt, QTimer

from scoring import score_reply
from simulator.library import resolve
from simulator.session import Session
from simulator.store import open_store

pytestmark = pytest.mark.gui

WORDS = ("sorry order courier coat Saturday frustrating understand check today refund tracking "
         "parcel delivery late express week depot manager promise call back email number").split()


def long_reply(seed: int = 0, length: int = 9_900) -> str:
    """A long reply of varied sentences (a repeated one would be read from the judge's cache)."""
    rng, out = random.Random(seed), ["I'm so sorry, Margaret."]
    while sum(len(s) + 1 for s in out) < length:
        out.append(" ".join(rng.choice(WORDS) for _ in range(rng.randint(5, 14))).capitalize() + ".")
    return " ".join(out)[:length]


class HeldJudge:
    """The real judge, held at the door until the test lets it go."""

    def __init__(self):
        self.gate, self.entered, self.threads = threading.Event(), threading.Event(), []

    def __call__(self, context):
        self.threads.append(threading.current_thread())
        self.entered.set()
        assert self.gate.wait(20), "the test never let the judge go"
        return score_reply(context)


def start(qtbot, window, *, seed=1, scorer=None, scenario="late_delivery"):
    if scorer is not None:
        window.controller.scorer = scorer
    with qtbot.waitSignal(window.controller.ready_for_reply, timeout=3000, check_params_cb=bool):
        window.start(resolve(scenario), seed=seed)


def press_enter(qtbot, window, text):
    editor = window.session_view.reply.editor
    editor.setFocus()
    editor.setPlainText(text)  # a long reply, as pasted
    qtbot.keyClick(editor, Qt.Key.Key_Return)


def ticker(qtbot):
    ticks = [0]
    timer = QTimer()
    timer.setInterval(1)
    timer.timeout.connect(lambda: ticks.__setitem__(0, ticks[0] + 1))
    timer.start()
    return timer, ticks


def test_while_a_long_reply_is_judged_the_window_answers_and_the_box_takes_nothing(qtbot, window):
    judge = HeldJudge()
    start(qtbot, window, scorer=judge)
    view, controller = window.session_view, window.controller
    box = view.reply
    reply = long_reply()
    timer, ticks = ticker(qtbot)
    press_enter(qtbot, window, reply)

    # Enter came back at once: the UI thread runs timers while the judge holds the reply.
    assert judge.entered.wait(5)
    before = ticks[0]
    qtbot.waitUntil(lambda: ticks[0] >= before + 5, timeout=3000)
    assert controller.is_judging
    assert not box.editor.isEnabled() and not box.send_button.isEnabled()
    assert box.text() == reply  # shown in the (greyed) box until the customer answers
    assert view.conversation.typing.text() == "Margaret is typing…"
    assert box.clock.text() == ""  # the wait is over: the reply went
    assert view.conversation.messages() == [("customer", controller.session.opening)]

    # A second Enter, a click on Send, or the controller asked directly: nothing sent twice.
    qtbot.keyClick(box.editor, Qt.Key.Key_Return)
    qtbot.mouseClick(box.send_button, Qt.MouseButton.LeftButton)
    assert controller.send(reply) is False
    assert "still being read" in box.error.text()

    judge.gate.set()
    qtbot.waitUntil(lambda: len(view.conversation.messages()) == 3, timeout=5000)
    timer.stop()
    assert judge.threads and threading.main_thread() not in judge.threads
    assert len(controller.session.turns) == 1 and len(judge.threads) == 1
    assert view.conversation.messages()[1] == ("agent", reply)
    assert box.editor.isEnabled() and box.text() == "" and box.editor.hasFocus()
    assert not view.conversation.typing_shown()
    assert view.coaching.headline.text()  # the reply was coached once its judgement came


def test_a_long_real_judgement_leaves_the_ui_thread_free(qtbot, window):
    """No held judge: the real one reading a 10,000-character reply. A timer of the UI
    thread fires between the reply going to the judge and its judgement coming back."""
    start(qtbot, window)
    controller = window.controller
    fired_while_judging = []
    timer, ticks = ticker(qtbot)
    controller.judging.connect(lambda on: fired_while_judging.append(ticks[0]))
    with qtbot.waitSignal(controller.turn_scored, timeout=10000):
        press_enter(qtbot, window, long_reply(seed=7, length=10_000))
    timer.stop()
    began, ended = fired_while_judging
    assert ended > began


def test_the_same_replies_give_the_same_transcript_through_the_judging_thread(
        qtbot, window, resolving_replies):
    start(qtbot, window, seed=4)
    view = window.session_view
    replies = [long_reply(seed=1, length=3000), *resolving_replies]
    for reply in replies:
        if window.controller.session.finished:
            break
        shown = len(view.conversation.messages())
        press_enter(qtbot, window, reply)
        qtbot.waitUntil(lambda: len(view.conversation.messages()) == shown + 2, timeout=5000)
    desktop = window.controller.transcript()
    headless = Session(resolve("late_delivery"), seed=4)
    for turn in desktop["turns"]:
        headless.reply(turn["reply"], latency_s=turn["latency_s"])
    assert desktop == headless.transcript()


def test_closing_the_window_mid_judgement_keeps_the_reply(qtbot, tmp_path):
    from ui.main_window import MainWindow
    from ui.store_worker import StoreWorker

    worker = StoreWorker(tmp_path / "results.sqlite3")
    window = MainWindow(customer_delay=0, store=worker)
    qtbot.addWidget(window)
    window.show()
    judge = HeldJudge()
    start(qtbot, window, scorer=judge)
    reply = long_reply(seed=3)
    press_enter(qtbot, window, reply)
    assert judge.entered.wait(5)
    threading.Timer(0.3, judge.gate.set).start()  # the judge finishes while the window closes
    window.close()  # "Quit anyway?" answered yes; the close waits for the judgement
    worker.close()
    with open_store(tmp_path / "results.sqlite3") as store:
        [record] = store.sessions()
        assert not record.finished
        assert [t["reply"] for t in store.turns(record.id)] == [reply]


def test_closing_while_the_last_reply_is_judged_records_the_ending(qtbot, tmp_path, resolving_replies):
    from ui.main_window import MainWindow
    from ui.store_worker import StoreWorker

    worker = StoreWorker(tmp_path / "results.sqlite3")
    window = MainWindow(customer_delay=0, store=worker)
    qtbot.addWidget(window)
    window.show()
    start(qtbot, window)
    view = window.session_view
    for reply in resolving_replies[:-1]:
        shown = len(view.conversation.messages())
        press_enter(qtbot, window, reply)
        qtbot.waitUntil(lambda: len(view.conversation.messages()) == shown + 2, timeout=5000)
    judge = HeldJudge()
    window.controller.session._scorer = judge  # the last reply is held
    press_enter(qtbot, window, resolving_replies[-1])
    assert judge.entered.wait(5)
    threading.Timer(0.3, judge.gate.set).start()
    window.close()
    worker.close()
    with open_store(tmp_path / "results.sqlite3") as store:
        [record] = store.sessions()
        assert record.finished and record.outcome == "resolved"
        assert len(store.turns(record.id)) == len(resolving_replies)


def test_a_reply_the_judge_could_not_read_stays_in_the_box_to_send_again(qtbot, window):
    failures = [RuntimeError("the model file is damaged")]

    def flaky(context):
        if failures:
            raise failures.pop()
        return score_reply(context)

    start(qtbot, window, scorer=flaky)
    view = window.session_view
    box = view.reply
    with qtbot.waitSignal(window.controller.reply_rejected, timeout=5000):
        press_enter(qtbot, window, "I'm so sorry, Margaret.")
    assert box.text() == "I'm so sorry, Margaret."
    assert "could not be judged" in box.error.text() and "the model file is damaged" in box.error.text()
    assert box.editor.isEnabled() and box.send_button.isEnabled()
    assert window.controller.session.turns == []
    assert not view.conversation.typing_shown()
    qtbot.keyClick(box.editor, Qt.Key.Key_Return)  # the same reply, again
    qtbot.waitUntil(lambda: len(view.conversation.messages()) == 3, timeout=5000)
    assert view.conversation.messages()[1] == ("agent", "I'm so sorry, Margaret.")
