"""The scenario lab's text widgets: the editor (YAML highlighting, line numbers, problems
at their lines) and the message views (problems, example results, status) that wrap and
can be copied.

Display only: the problems come from `simulator.authoring.validate_text` via the lab.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor, QFont, QFontDatabase, QPainter, QPalette, QSyntaxHighlighter, QTextCharFormat,
    QTextCursor, QTextFormat, QTextOption,
)
from PySide6.QtWidgets import (
    QFrame, QPlainTextEdit, QSizePolicy, QTextBrowser, QTextEdit, QToolTip, QWidget,
)

from ui import theme


def _fmt(color: str | QColor, bold: bool = False, italic: bool = False) -> QTextCharFormat:
    f = QTextCharFormat()
    f.setForeground(QColor(color))
    if bold:
        f.setFontWeight(QFont.Weight.Bold)
    f.setFontItalic(italic)
    return f


class YamlHighlighter(QSyntaxHighlighter):
    """Keys, strings, numbers, true/false, {placeholders}, list dashes and # comments."""

    def __init__(self, document):
        super().__init__(document)
        dark = theme.is_dark()
        self.formats = {
            "key": _fmt("#7fb4ff" if dark else "#1f5fbf", bold=True),
            "string": _fmt("#9fd28b" if dark else "#2e7d32"),
            "number": _fmt("#f0a35e" if dark else "#b35900"),
            "constant": _fmt("#d79bff" if dark else "#8a2be2", bold=True),
            "placeholder": _fmt("#ffd75e" if dark else "#a06c00", bold=True),
            "dash": _fmt("#aaaaaa" if dark else "#777777", bold=True),
            "comment": _fmt("#8c8c8c", italic=True),
        }
        self._rules = [
            ("dash", re.compile(r"^\s*(-)\s")),
            ("key", re.compile(r"^\s*(?:-\s+)?([A-Za-z_][\w-]*)\s*:(?=\s|$)")),
            ("number", re.compile(r"(?<=:\s)(-?\d+(?:\.\d+)?)\s*(?=#|$)")),
            ("constant", re.compile(r"(?<=:\s)(true|false|null|~)\s*(?=#|$)")),
            ("string", re.compile(r"(\"(?:[^\"\\]|\\.)*\"|'(?:[^']|'')*')")),
            ("placeholder", re.compile(r"(\{[A-Za-z_]\w*\})")),
        ]

    def highlightBlock(self, text: str) -> None:
        comment = _comment_start(text)
        code = text if comment is None else text[:comment]
        for name, rx in self._rules:
            for m in rx.finditer(code):
                self.setFormat(m.start(1), m.end(1) - m.start(1), self.formats[name])
        if comment is not None:
            self.setFormat(comment, len(text) - comment, self.formats["comment"])


def _comment_start(text: str) -> int | None:
    """Where a YAML comment starts (a # outside quotes, at the start or after a space)."""
    quote = None
    for i, ch in enumerate(text):
        if quote:
            if ch == quote:
                quote = None
        elif ch in "\"'":
            quote = ch
        elif ch == "#" and (i == 0 or text[i - 1].isspace()):
            return i
    return None


class _Gutter(QWidget):
    def __init__(self, editor: "ScenarioEditor"):
        super().__init__(editor)
        self.editor = editor

    def sizeHint(self) -> QSize:
        return QSize(self.editor.gutter_width(), 0)

    def paintEvent(self, event) -> None:
        self.editor.paint_gutter(event)


class ScenarioEditor(QPlainTextEdit):
    """A plain-text YAML editor that marks problem lines (background, gutter, tooltip)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName(self.tr("Scenario text"))
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.setTabChangesFocus(False)
        self.highlighter = YamlHighlighter(self.document())
        self._problems: dict[int, list[str]] = {}
        self._gutter = _Gutter(self)
        self.blockCountChanged.connect(self._update_gutter_width)
        self.updateRequest.connect(self._update_gutter)
        self._update_gutter_width()

    # --- problems -------------------------------------------------------------------
    def set_problems(self, by_line: dict[int, list[str]]) -> None:
        """Mark these lines (1-based) with their messages; an empty dict clears them."""
        self._problems = {line: list(msgs) for line, msgs in by_line.items()}
        selections = []
        color = QColor(theme.tint(theme.BAD, amount=0.35))
        for line in sorted(self._problems):
            block = self.document().findBlockByNumber(line - 1)
            if not block.isValid():
                block = self.document().lastBlock()
            sel = QTextEdit.ExtraSelection()
            sel.format.setBackground(color)
            sel.format.setProperty(QTextFormat.Property.FullWidthSelection, True)
            sel.format.setToolTip("\n".join(self._problems[line]))
            sel.cursor = QTextCursor(block)
            selections.append(sel)
        self.setExtraSelections(selections)
        self._gutter.update()

    def marked_lines(self) -> list[int]:
        """The 1-based lines currently marked as having problems."""
        return [sel.cursor.blockNumber() + 1 for sel in self.extraSelections()]

    def go_to_line(self, line: int, column: int = 1) -> None:
        block = self.document().findBlockByNumber(max(0, line - 1))
        cursor = QTextCursor(block)
        cursor.movePosition(QTextCursor.MoveOperation.Right, n=max(0, min(column - 1, block.length() - 1)))
        self.setTextCursor(cursor)
        self.centerCursor()
        self.setFocus()

    def event(self, e):
        if e.type() == e.Type.ToolTip:
            block = self.cursorForPosition(e.pos()).block()
            msgs = self._problems.get(block.blockNumber() + 1)
            if msgs:
                QToolTip.showText(e.globalPos(), "\n".join(msgs), self)
            else:
                QToolTip.hideText()
            return True
        return super().event(e)

    # --- the line-number gutter ---------------------------------------------------------
    def gutter_width(self) -> int:
        digits = max(3, len(str(self.blockCount()))) + 2  # room for the problem dot
        return 10 + self.fontMetrics().horizontalAdvance("9") * digits

    def _update_gutter_width(self, *_):
        self.setViewportMargins(self.gutter_width(), 0, 0, 0)

    def _update_gutter(self, rect, dy):
        if dy:
            self._gutter.scroll(0, dy)
        else:
            self._gutter.update(0, rect.y(), self._gutter.width(), rect.height())

    def resizeEvent(self, event):
        super().resizeEvent(event)
        cr = self.contentsRect()
        self._gutter.setGeometry(QRect(cr.left(), cr.top(), self.gutter_width(), cr.height()))

    def paint_gutter(self, event) -> None:
        painter = QPainter(self._gutter)
        pal = self.palette()
        painter.fillRect(event.rect(), pal.color(QPalette.ColorRole.AlternateBase))
        block = self.firstVisibleBlock()
        top = round(self.blockBoundingGeometry(block).translated(self.contentOffset()).top())
        height = self.fontMetrics().height()
        while block.isValid() and top <= event.rect().bottom():
            number = block.blockNumber() + 1
            if block.isVisible():
                bad = number in self._problems
                painter.setPen(theme.BAD if bad else pal.color(QPalette.ColorRole.PlaceholderText))
                painter.drawText(0, top, self._gutter.width() - 5, height,
                                 int(Qt.AlignmentFlag.AlignRight), ("● " if bad else "") + str(number))
            top += round(self.blockBoundingRect(block).height())
            block = block.next()
        painter.end()


class MessageView(QTextBrowser):
    """Messages (problems, example results, the lab's status) that an author can read
    whole and copy: each wraps at word boundaries, or anywhere in a word too long for
    the width (a path), so nothing is cut off and nothing widens the window; text can
    be selected with mouse or keyboard and copied (Ctrl+C, or the context menu).

    `set_entries` shows one entry per paragraph, each with a target; clicking an entry
    (without dragging a selection) or pressing Enter on it emits `activated(target)`.
    With `fit_lines`, the view is as tall as its text, up to that many lines (then it
    scrolls).
    """

    activated = Signal(object)

    def __init__(self, name: str, fit_lines: int | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName(name)
        self.setOpenLinks(False)
        self.setReadOnly(True)
        self.setUndoRedoEnabled(False)
        self.setLineWrapMode(QTextEdit.LineWrapMode.WidgetWidth)
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                     | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        # Its width never asks for room: the layout gives it what there is and it wraps.
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setMinimumWidth(80)
        self._targets: list[object] = []
        self._fit_lines = fit_lines
        if fit_lines:
            self.setFrameShape(QFrame.Shape.NoFrame)
            self.viewport().setAutoFillBackground(False)
            self.document().setDocumentMargin(2)
            self.document().documentLayout().documentSizeChanged.connect(self._fit)
            self._fit()

    # --- contents ------------------------------------------------------------------------
    def set_message(self, text: str, color: QColor | None = None) -> None:
        """One message (no target)."""
        self.set_entries([(text, None, color)])

    def set_entries(self, entries: list[tuple[str, object, QColor | None]]) -> None:
        """(text, target, colour or None) per entry, in order."""
        doc = self.document()
        doc.clear()
        self._targets = [target for _, target, _ in entries]
        cursor = QTextCursor(doc)
        for i, (text, _target, color) in enumerate(entries):
            if i:
                cursor.insertBlock()
            fmt = QTextCharFormat()
            if color is not None:
                fmt.setForeground(QColor(color))
            cursor.insertText(text, fmt)
            cursor.block().setUserState(i)
        self.moveCursor(QTextCursor.MoveOperation.Start)

    def text(self) -> str:
        return self.toPlainText()

    def entries(self) -> list[str]:
        """The entries' texts, whole (as a screen reader or a copy gets them)."""
        out = []
        block = self.document().firstBlock()
        while block.isValid():
            if block.userState() >= 0:
                out.append(block.text())
            block = block.next()
        return out if self._targets else []

    def count(self) -> int:
        return len(self._targets)

    def activate(self, index: int) -> None:
        if 0 <= index < len(self._targets) and self._targets[index] is not None:
            self.activated.emit(self._targets[index])

    def entry_rect(self, index: int):
        """Where entry `index` is drawn, in viewport coordinates (for clicking it)."""
        block = self.document().findBlockByNumber(index)
        cursor = QTextCursor(block)
        return self.cursorRect(cursor)

    # --- clicking and Enter --------------------------------------------------------------
    def mouseReleaseEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().mouseReleaseEvent(event)
        if event.button() == Qt.MouseButton.LeftButton and not self.textCursor().hasSelection():
            self.activate(self.cursorForPosition(event.position().toPoint()).block().userState())

    def keyPressEvent(self, event) -> None:  # noqa: N802
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.activate(self.textCursor().block().userState())
            return
        super().keyPressEvent(event)

    # --- as tall as its text -------------------------------------------------------------
    def _fit(self, *_):
        if not self._fit_lines:
            return
        line = self.fontMetrics().lineSpacing()
        margins = 2 * self.frameWidth() + self.contentsMargins().top() + self.contentsMargins().bottom()
        text_h = self.document().size().height()
        self.setFixedHeight(int(min(max(text_h, line + 4), self._fit_lines * line + 4) + margins))
