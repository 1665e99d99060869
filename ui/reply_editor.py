"""Where the trainee writes: Enter sends in chat-like channels, Ctrl+Enter in email.

`ReplyBox` is the editor with its Send button, the hint saying which key sends, the
reply clock of live channels, and the reason a reply was refused. A refused reply stays
in the editor: nothing the trainee typed is lost.

A paste (or a drop) that would make the reply longer than a reply may be
(`MAX_REPLY_CHARS`) is cut to fit, and the box says so: a pasted megabyte never freezes
the window, and the rest is still where it was copied from.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from simulator.format.spec import MAX_REPLY_CHARS
from ui import theme

EMAIL_CHANNELS = frozenset({"email"})


class ReplyEditor(QPlainTextEdit):
    submitted = Signal(str)
    paste_cut = Signal(int, int)  # characters inserted, characters pasted

    def insertFromMimeData(self, source) -> None:
        """Paste or drop: cut to what still fits in a reply, never a frozen window."""
        if not source.hasText():
            super().insertFromMimeData(source)
            return
        text = source.text()
        room = MAX_REPLY_CHARS - (len(self.toPlainText()) - len(self.textCursor().selectedText()))
        if len(text) <= room:
            super().insertFromMimeData(source)
            return
        kept = text[:max(room, 0)]
        if kept[-1:] and "\ud800" <= kept[-1] <= "\udbff":  # never half a character
            kept = kept[:-1]
        self.insertPlainText(kept)
        self.paste_cut.emit(len(kept), len(text))

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName(self.tr("Your reply"))
        self.setTabChangesFocus(True)  # Tab moves on: keyboard users are never trapped
        self.enter_sends = True

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            mods = event.modifiers()
            ctrl = bool(mods & Qt.KeyboardModifier.ControlModifier)
            shift = bool(mods & Qt.KeyboardModifier.ShiftModifier)
            if ctrl or (self.enter_sends and not shift):
                self.submitted.emit(self.toPlainText())
                return
        super().keyPressEvent(event)


class ReplyBox(QWidget):
    submitted = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.editor = ReplyEditor()
        self.send_button = QPushButton(self.tr("&Send"))
        self.send_button.setAccessibleName(self.tr("Send reply"))
        self.hint = QLabel()
        self.hint.setEnabled(False)
        self.clock = QLabel()
        self.clock.setAccessibleName(self.tr("Reply clock"))
        self.error = QLabel()
        self.error.setObjectName("reply_error")
        self.error.setWordWrap(True)
        self.error.setAccessibleName(self.tr("Why the reply was not sent"))
        self.error.setStyleSheet(f"color: {theme.BAD.name()}")
        self.error.hide()
        self.notice = QLabel()
        self.notice.setObjectName("reply_notice")
        self.notice.setWordWrap(True)
        self.notice.setAccessibleName(self.tr("About your reply"))
        self.notice.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        row.addWidget(self.editor, 1)
        row.addWidget(self.send_button, 0, Qt.AlignmentFlag.AlignBottom)
        layout.addLayout(row)
        layout.addWidget(self.error)
        layout.addWidget(self.notice)
        info = QHBoxLayout()
        info.addWidget(self.hint, 1)
        info.addWidget(self.clock)
        layout.addLayout(info)
        self.editor.submitted.connect(self._submit)
        self.send_button.clicked.connect(lambda: self._submit(self.editor.toPlainText()))
        self.editor.textChanged.connect(self._typed)
        self.editor.paste_cut.connect(self._paste_cut)
        self._not_ready = self.tr("choose a scenario first")
        self._channel = "chat"
        self.set_channel("chat")

    def text(self) -> str:
        return self.editor.toPlainText()

    def changeEvent(self, event) -> None:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.ApplicationFontChange):
            self.set_channel(self._channel)  # the editor's height is counted in lines
        super().changeEvent(event)

    def set_channel(self, channel: str) -> None:
        self._channel = channel
        email = channel in EMAIL_CHANNELS
        self.editor.enter_sends = not email
        lines = 9 if email else 3
        self.editor.setFixedHeight(self.editor.fontMetrics().lineSpacing() * lines + 14)
        key = QKeySequence("Ctrl+Return").toString(QKeySequence.SequenceFormat.NativeText)
        self.hint.setText(self.tr("{key} sends · Enter starts a new line").format(key=key) if email
                          else self.tr("Enter sends · Shift+Enter starts a new line"))
        self.editor.setPlaceholderText(self.tr("Write your email to the customer…") if email
                                       else self.tr("Type your reply…"))
        self.send_button.setToolTip(self.tr("Send ({key})").format(key=key) if email else self.tr("Send (Enter)"))

    def set_ready(self, ready: bool, reason: str = "") -> None:
        """Sending waits while the customer types; the editor stays writable."""
        self.send_button.setEnabled(ready)
        self._not_ready = reason or self.tr("the customer is still typing: wait for their message")

    def set_judging(self, judging: bool) -> None:
        """While the reply sent is being read, the box takes nothing: the reply stays in
        it, greyed, until the customer's answer comes (or, if it could not be judged, to
        send again)."""
        self.editor.setEnabled(not judging)
        if judging:
            self.send_button.setEnabled(False)
            self.error.hide()

    def accepted(self) -> None:
        self.editor.clear()
        self.error.hide()
        self.notice.hide()

    def show_notice(self, text: str) -> None:
        """Something the trainee should know about their reply (not an error)."""
        self.notice.setText(text)
        self.notice.show()

    def _paste_cut(self, kept: int, pasted: int) -> None:
        self.show_notice(self.tr(
            "Pasted text cut to fit: a reply holds at most {limit} characters, so {kept} of "
            "the {pasted} characters pasted went in. The rest was not pasted: it is still "
            "where you copied it from.").format(
            limit=f"{MAX_REPLY_CHARS:,}", kept=f"{kept:,}", pasted=f"{pasted:,}"))

    def rejected(self, reason: str) -> None:
        self.error.setText(self.tr("Not sent: {reason}").format(reason=reason))
        self.error.show()
        self.editor.setFocus()

    def set_clock(self, waited_s: float | None, adding: float = 0.0) -> None:
        if waited_s is None:
            self.clock.clear()
            return
        m, s = divmod(int(waited_s), 60)
        text = self.tr("Waiting {time}").format(time=f"{m}:{s:02d}")
        if adding >= 1:
            text += self.tr(" · the wait is angering the customer (+{points})").format(points=f"{adding:.0f}")
            self.clock.setStyleSheet(f"color: {theme.BAD.name()}")
        else:
            self.clock.setStyleSheet("")
        self.clock.setText(text)
        self.clock.setAccessibleDescription(text)

    def _submit(self, text: str) -> None:
        if self.send_button.isEnabled():
            self.submitted.emit(text)
        else:
            self.rejected(self._not_ready)

    def _typed(self) -> None:
        if self.error.isVisible() and self.editor.toPlainText().strip():
            self.error.hide()
