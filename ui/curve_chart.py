"""The hostility curve so far (QtCharts), with the agreement and breaking lines."""

from __future__ import annotations

from PySide6.QtCharts import QChart, QChartView, QLineSeries, QScatterSeries, QValueAxis
from PySide6.QtCore import QEvent, QMargins, QPointF, Qt
from PySide6.QtGui import QPainter, QPalette, QPen
from PySide6.QtWidgets import QWidget

from ui import theme


class CurveChart(QChartView):
    def __init__(self, parent: QWidget | None = None, title: str = ""):
        chart = QChart()
        super().__init__(chart, parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setAccessibleName(self.tr("Hostility curve chart"))
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.setMinimumHeight(150)
        chart.setTitle(title or self.tr("Hostility, turn by turn"))
        chart.legend().setVisible(False)
        chart.setMargins(QMargins(4, 4, 4, 4))
        chart.setBackgroundRoundness(0)
        self._levels: list[float] = []
        self._series = QLineSeries()
        self._series.setName(self.tr("hostility"))
        self._points = QScatterSeries()
        self._points.setMarkerSize(7)
        self._agree = QLineSeries()
        self._break = QLineSeries()
        for s in (self._agree, self._break, self._series, self._points):
            chart.addSeries(s)
        self._x = QValueAxis()
        self._x.setLabelFormat("%d")
        self._x.setTitleText(self.tr("reply"))
        self._y = QValueAxis()
        self._y.setRange(0, 100)
        self._y.setTickCount(5)
        self._y.setLabelFormat("%d")
        chart.addAxis(self._x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(self._y, Qt.AlignmentFlag.AlignLeft)
        for s in (self._agree, self._break, self._series, self._points):
            s.attachAxis(self._x)
            s.attachAxis(self._y)
        self._thresholds: tuple[float, float] | None = None
        self._apply_palette()
        self._apply_font()
        self.set_levels([])

    def levels(self) -> list[float]:
        return list(self._levels)

    def set_thresholds(self, agrees_below: float, breaking_point: float) -> None:
        self._thresholds = (agrees_below, breaking_point)
        self._draw()

    def set_levels(self, levels: list[float]) -> None:
        self._levels = [float(v) for v in levels]
        self._draw()
        shown = ", ".join(f"{v:.0f}" for v in self._levels) or self.tr("none yet")
        self.setAccessibleDescription(self.tr("Hostility after each reply: {levels}").format(levels=shown))

    def _draw(self) -> None:
        last = max(4, len(self._levels) - 1)
        self._x.setRange(0, last)
        self._x.setTickCount(min(last, 10) + 1)
        pts = [QPointF(i, v) for i, v in enumerate(self._levels)]
        self._series.replace(pts)
        self._points.replace(pts)
        if self._thresholds:
            agree, brk = self._thresholds
            self._agree.replace([QPointF(0, agree), QPointF(last, agree)])
            self._break.replace([QPointF(0, brk), QPointF(last, brk)])

    def _apply_palette(self) -> None:
        pal = self.palette()
        chart = self.chart()
        chart.setTheme(QChart.ChartTheme.ChartThemeDark if theme.is_dark(pal)
                       else QChart.ChartTheme.ChartThemeLight)
        chart.setBackgroundBrush(pal.color(QPalette.ColorRole.Base))
        text = pal.color(QPalette.ColorRole.Text)
        chart.setTitleBrush(text)
        for axis in (self._x, self._y):
            axis.setLabelsBrush(text)
            axis.setTitleBrush(text)
        line = QPen(theme.BAD, 2.5)
        self._series.setPen(line)
        self._points.setColor(theme.BAD)
        self._points.setBorderColor(theme.BAD)
        self._agree.setPen(QPen(theme.GOOD, 1.2, Qt.PenStyle.DashLine))
        self._break.setPen(QPen(theme.BAD, 1.2, Qt.PenStyle.DotLine))

    def _apply_font(self) -> None:
        """Chart text follows the app's text size (QtCharts keeps its own fonts)."""
        font = self.font()
        title = self.font()
        title.setBold(True)
        self.chart().setTitleFont(title)
        for axis in (self._x, self._y):
            axis.setLabelsFont(font)
            axis.setTitleFont(font)

    def changeEvent(self, event) -> None:
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._apply_palette()
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.ApplicationFontChange):
            self._apply_font()
        super().changeEvent(event)
