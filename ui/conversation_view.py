"""The conversation as a chat: customer on the left, the trainee on the right, with times,
and the "… is typing" line under it.

The messages live in a read-only QTextBrowser: fast, selectable, scrollable with the
keyboard, read by screen readers. A new message is appended (not the whole chat
re-laid out), so a turn costs the same at message 4 and at message 40. Colours come
from the palette, so it follows light and dark mode.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QPalette, QTextCursor
from PySide6.QtWidgets import QLabel, QTextBrowser, QVBoxLayout, QWidget

from ui import theme
from ui.controller import Message


class ConversationView(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.browser = QTextBrowser()
        self.browser.setAccessibleName(self.tr("Conversation"))
        self.browser.setOpenLinks(False)
        self.browser.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.typing = QLabel()
        self.typing.setObjectName("typing_indicator")
        self.typing.setAccessibleName(self.tr("Customer typing"))
        self.typing.setEnabled(False)
        font = self.typing.font()
        font.setItalic(True)
        self.typing.setFont(font)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.browser, 1)
        layout.addWidget(self.typing)
        self.setFocusProxy(self.browser)
        self._messages: list[Message] = []
        self._customer = self.tr("Customer")
        self._stick = True  # follow new messages unless the trainee scrolled up to reread
        bar = self.browser.verticalScrollBar()
        bar.rangeChanged.connect(self._follow)
        bar.valueChanged.connect(lambda v: setattr(self, "_stick", v >= bar.maximum() - 4))
        self.set_typing(False)
        self._render()

    # --- what is shown (tests and screen readers read this) ---------------------------
    def messages(self) -> list[tuple[str, str]]:
        return [(m.who, m.text) for m in self._messages]

    def typing_shown(self) -> bool:
        return bool(self.typing.text().strip())

    def toPlainText(self) -> str:
        return self.browser.toPlainText()

    # --- updates ------------------------------------------------------------------
    def clear_conversation(self, customer_name: str = "") -> None:
        customer_name = customer_name or self.tr("Customer")
        self._messages = []
        self._customer = customer_name
        self._stick = True
        self.set_typing(False)
        self._render()

    def add_message(self, message: Message) -> None:
        first = not self._messages
        self._messages.append(message)
        if first:
            self._render()  # replaces the placeholder
            return
        cursor = QTextCursor(self.browser.document())
        cursor.movePosition(QTextCursor.MoveOperation.End)
        cursor.insertHtml(self._bubble(message, self._colors()))
        self._scroll_if_following()

    def set_typing(self, typing: bool) -> None:
        # A space, not empty, keeps the line's height: the chat does not jump.
        self.typing.setText(self.tr("{name} is typing…").format(name=self._customer) if typing else " ")

    # --- rendering ------------------------------------------------------------------
    def _colors(self) -> dict[str, str]:
        pal = self.browser.palette()
        base = pal.color(QPalette.ColorRole.Base)
        text = pal.color(QPalette.ColorRole.Text)
        return {
            "customer": theme.mix(base, text, 0.08).name(),
            "agent": theme.mix(base, pal.color(QPalette.ColorRole.Highlight), 0.22).name(),
            "muted": theme.mix(text, base, 0.45).name(),
        }

    def _bubble(self, m: Message, colors: dict[str, str]) -> str:
        mine = m.who == "agent"
        who = self.tr("You") if mine else self._customer
        body = html.escape(m.text).replace("\n", "<br>")
        return (
            f'<table width="100%" cellspacing="0" cellpadding="0" style="margin-bottom:6px">'
            f'<tr><td width="{"22%" if mine else "0%"}"></td>'
            f'<td bgcolor="{colors["agent" if mine else "customer"]}" style="padding:7px">'
            f'<span style="color:{colors["muted"]}"><b>{html.escape(who)}</b> · {m.at:%H:%M}</span>'
            f'<br>{body}</td><td width="{"0%" if mine else "22%"}"></td></tr></table>'
        )

    def _render(self) -> None:
        colors = self._colors()
        if self._messages:
            doc = "".join(self._bubble(m, colors) for m in self._messages)
        else:
            doc = f'<p style="color:{colors["muted"]}">' + html.escape(self.tr("The conversation appears here.")) + '</p>'
        stick = self._stick
        self.browser.setHtml(doc)
        self._stick = stick
        self._scroll_if_following()

    def _scroll_if_following(self) -> None:
        if self._stick:
            bar = self.browser.verticalScrollBar()
            bar.setValue(bar.maximum())

    def _follow(self, _minimum: int, maximum: int) -> None:
        if self._stick:
            self.browser.verticalScrollBar().setValue(maximum)

    def changeEvent(self, event) -> None:
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._render()
        super().changeEvent(event)
