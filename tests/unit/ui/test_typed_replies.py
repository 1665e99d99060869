"""Issue 12 in the desktop: a pasted reply with control characters is cleaned before the
judge, the chat, the store and the report see it (and the trainee is told); a pasted
megabyte is cut to what a reply may hold, with a message, and never freezes the window."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from simulator.format.spec import MAX_REPLY_CHARS
from simulator.library import resolve
from simulator.store import open_store

pytestmark = pytest.mark.gui


def start(qtbot, window, scenario="late_delivery"):
    with qtbot.waitSignal(window.controller.ready_for_reply, timeout=5000,
                          check_params_cb=lambda ready: ready):
        window.start(resolve(scenario), mode="practice", seed=1)


def paste(qtbot, window, text: str) -> None:
    editor = window.session_view.reply.editor
    QApplication.clipboard().setText(text)
    editor.setFocus()
    qtbot.keyClick(editor, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)


def send(qtbot, window) -> None:
    shown = len(window.session_view.conversation.messages())
    qtbot.keyClick(window.session_view.reply.editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(window.session_view.conversation.messages()) == shown + 2, timeout=5000)


def test_a_pasted_reply_is_cleaned_everywhere_and_the_trainee_is_told(qtbot, window, tmp_path):
    start(qtbot, window)
    paste(qtbot, window, "\x1b[2J\x1b[31mI'm so sorry\x00, Margaret\x1b[0m. \u202eWhat happened?\u202c")
    box = window.session_view.reply
    assert "\x00" in box.text()  # the editor keeps what was pasted until it is sent
    send(qtbot, window)
    sent = "I'm so sorry, Margaret. What happened?"
    assert window.session_view.conversation.messages()[-2] == ("agent", sent)
    assert box.notice.isVisible()
    assert box.notice.text() == ("Taken out of your reply before it was sent: 3 terminal escape "
                                 "sequences, 1 control character, 2 bidirectional overrides. The "
                                 "conversation shows it as sent.")
    assert not box.error.isVisible() and box.text() == ""
    assert window.controller.transcript()["turns"][0]["reply"] == sent
    # the next clean reply clears the notice
    qtbot.keyClicks(box.editor, "I understand how frustrating this is.")
    send(qtbot, window)
    assert not box.notice.isVisible()
    # the store has what was sent
    qtbot.waitUntil(lambda: _recorded(tmp_path) == [sent, "I understand how frustrating this is."],
                    timeout=5000)


def _recorded(tmp_path):
    with open_store(tmp_path / "results.sqlite3") as store:
        sessions = store.sessions()
        return [t["reply"] for t in store.turns(sessions[0].id)] if sessions else []


def test_a_spanish_session_says_it_in_spanish(qtbot, window):
    start(qtbot, window, "corte_luz")
    paste(qtbot, window, "Lo siento mucho\x00, de verdad.")
    send(qtbot, window)
    assert window.session_view.reply.notice.text().startswith(
        "Quitado de su respuesta antes de enviarla: 1 carácter de control.")


def test_a_lone_surrogate_never_reaches_the_transcript(qtbot, window):
    """Qt drops lone surrogates itself; a reply handed to the controller directly is
    cleaned all the same."""
    start(qtbot, window)
    with qtbot.waitSignal(window.controller.reply_cleaned):
        assert window.controller.send("I'm so sorry caf\udce9, Margaret.")
    assert window.controller.transcript()["turns"][0]["reply"] == "I'm so sorry caf\ufffd, Margaret."


def test_a_pasted_megabyte_is_cut_to_a_reply_with_a_message(qtbot, window):
    start(qtbot, window)
    huge = ("I'm so sorry, Margaret, I understand how frustrating this is. " * 20_000)[:1_000_000]
    box = window.session_view.reply
    qtbot.keyClicks(box.editor, "Hello. ")
    paste(qtbot, window, huge)
    assert len(box.text()) == MAX_REPLY_CHARS
    assert box.text() == "Hello. " + huge[:MAX_REPLY_CHARS - 7]
    assert box.notice.isVisible()
    assert box.notice.text() == ("Pasted text cut to fit: a reply holds at most 10,000 characters, "
                                 "so 9,993 of the 1,000,000 characters pasted went in. The rest "
                                 "was not pasted: it is still where you copied it from.")
    assert QApplication.clipboard().text() == huge  # nothing lost: the rest is still there
    send(qtbot, window)  # a reply at the limit is taken
    assert window.session_view.conversation.messages()[-2] == ("agent", "Hello. " + huge[:MAX_REPLY_CHARS - 7])
    # a full editor takes no more from a paste
    box.editor.setPlainText("x" * MAX_REPLY_CHARS)
    paste(qtbot, window, "more")
    assert len(box.text()) == MAX_REPLY_CHARS and "0 of the 4 characters" in box.notice.text()
