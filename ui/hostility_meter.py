"""A bar from calm to furious, with where the customer agrees and where they break."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from simulator.format.scenario import band_of
from simulator.wording import band_text
from ui import theme


class HostilityMeter(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._level: float | None = None
        self._pending = 0.0  # hostility the wait is adding right now (live channels)
        self._agrees_below: float | None = None
        self._breaking_point: float | None = None
        self._hidden_reason = ""
        self.setAccessibleName(self.tr("Hostility meter"))
        self._lang = "en"  # the session's: the bands are the customer's mood
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # a screen reader can reach it
        self._describe()

    # --- state ----------------------------------------------------------------------
    def level(self) -> float | None:
        """The level shown, or None while hidden (exam mode) or before a session."""
        return None if self._hidden_reason else self._level

    def set_language(self, lang: str) -> None:
        self._lang = lang
        self._describe()
        self.update()

    def set_thresholds(self, agrees_below: float, breaking_point: float) -> None:
        self._agrees_below, self._breaking_point = agrees_below, breaking_point
        self.update()

    def set_level(self, level: float) -> None:
        self._level = float(level)
        self._pending = 0.0
        self._describe()
        self.update()

    def set_pending(self, extra: float) -> None:
        self._pending = max(0.0, extra)
        self._describe()
        self.update()

    def conceal(self, reason: str) -> None:
        """Show no level (exam mode) and say why."""
        self._hidden_reason = reason
        self._describe()
        self.update()

    def reveal(self) -> None:
        self._hidden_reason = ""
        self._describe()
        self.update()

    def text(self) -> str:
        if self._hidden_reason:
            return self._hidden_reason
        if self._level is None:
            return self.tr("no conversation yet")
        shown = min(100.0, self._level + self._pending)
        extra = self.tr(" (+{points} waiting)").format(points=f"{self._pending:.0f}") if self._pending >= 1 else ""
        return f"{shown:.0f} / 100 · {band_text(band_of(shown), self._lang)}{extra}"

    def _describe(self) -> None:
        self.setAccessibleDescription(self.tr("Customer hostility: {level}").format(level=self.text()))
        self.setToolTip(self.text())

    # --- painting -------------------------------------------------------------------
    def sizeHint(self) -> QSize:
        h = self.fontMetrics().height()
        return QSize(220, h * 2 + 14)

    def minimumSizeHint(self) -> QSize:
        return QSize(120, self.sizeHint().height())

    def changeEvent(self, event) -> None:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.ApplicationFontChange):
            self.updateGeometry()  # the bar's height follows the text size
        super().changeEvent(event)

    def paintEvent(self, _event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        fm = self.fontMetrics()
        bar = QRectF(1, fm.height() + 6, self.width() - 2, fm.height() - 2)
        p.setPen(QPen(pal.color(QPalette.ColorRole.Mid), 1))
        p.setBrush(pal.color(QPalette.ColorRole.Base))
        p.drawRoundedRect(bar, 4, 4)
        if self._level is not None and not self._hidden_reason:
            level = min(100.0, self._level + self._pending)
            fill = QRectF(bar.left(), bar.top(), bar.width() * self._level / 100, bar.height())
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(theme.hostility_color(self._level))
            p.drawRoundedRect(fill, 4, 4)
            if self._pending > 0:
                extra = QRectF(fill.right(), bar.top(), bar.width() * (level - self._level) / 100,
                               bar.height())
                p.setBrush(theme.mix(theme.BAD, pal.color(QPalette.ColorRole.Base), 0.4))
                p.drawRect(extra)
        for mark, color in ((self._agrees_below, theme.GOOD), (self._breaking_point, theme.BAD)):
            if mark is not None:
                x = bar.left() + bar.width() * mark / 100
                p.setPen(QPen(color, 2))
                p.drawLine(int(x), int(bar.top()) - 3, int(x), int(bar.bottom()) + 3)
        p.setPen(pal.color(QPalette.ColorRole.WindowText))
        p.drawText(QRectF(0, 0, self.width(), fm.height() + 4),
                   Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                   self.tr("Hostility: {level}").format(level=self.text()))
        p.end()
