"""Past sessions of this trainee: their scores over time (a chart) and each report,
reopenable. Read from the same results store the headless mode writes."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCharts import QChart, QChartView, QLineSeries, QScatterSeries, QValueAxis
from PySide6.QtCore import QEvent, QMargins, Qt, Signal
from PySide6.QtGui import QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from simulator.wording import score_text
from ui import theme

HEADERS = ("When", "Scenario", "Mode", "Outcome", "Score", "Result")


def local_time(iso: str | None) -> str:
    if not iso:
        return "—"
    try:
        return datetime.fromisoformat(iso.replace("Z", "+00:00")).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return iso


class ScoreChart(QChartView):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(QChart(), parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setAccessibleName("Scores over time chart")
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.setMinimumHeight(170)
        chart = self.chart()
        chart.setTitle("Your scores over time")
        chart.legend().setVisible(False)
        chart.setMargins(QMargins(4, 4, 4, 4))
        self.line, self.dots, self.pass_line = QLineSeries(), QScatterSeries(), QLineSeries()
        self.dots.setMarkerSize(8)
        for s in (self.pass_line, self.line, self.dots):
            chart.addSeries(s)
        self.x = QValueAxis()  # sessions in order: two on the same day stay apart
        self.x.setLabelFormat("%d")
        self.x.setTitleText("session, oldest first")
        self.y = QValueAxis()
        self.y.setRange(0, 100)
        self.y.setLabelFormat("%d")
        chart.addAxis(self.x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(self.y, Qt.AlignmentFlag.AlignLeft)
        for s in (self.pass_line, self.line, self.dots):
            s.attachAxis(self.x)
            s.attachAxis(self.y)
        self._style()
        self.points: list[tuple[float, float]] = []

    def set_scores(self, points: list[tuple[datetime, float]], pass_mark: float | None = None) -> None:
        """Scores in the order they were sat (ties keep the order given)."""
        ordered = sorted(points, key=lambda p: p[0])
        self.points = [(float(i), float(score)) for i, (_when, score) in enumerate(ordered, 1)]
        self.line.clear()
        self.dots.clear()
        for x, y in self.points:
            self.line.append(x, y)
            self.dots.append(x, y)
        last = max(2, len(self.points))
        self.x.setRange(0.5, last + 0.5)
        self.x.setTickCount(min(last, 10) + 1 if last <= 10 else 11)
        self.x.setTickType(QValueAxis.TickType.TicksDynamic)
        self.x.setTickAnchor(1)
        self.x.setTickInterval(max(1, round(last / 10)))
        self.pass_line.clear()
        if pass_mark is not None:
            self.pass_line.append(0.5, pass_mark)
            self.pass_line.append(last + 0.5, pass_mark)
        if ordered:
            span = f" from {ordered[0][0].astimezone():%Y-%m-%d} to {ordered[-1][0].astimezone():%Y-%m-%d}"
        else:
            span = ""
        self.setAccessibleDescription(
            f"Scores of {len(self.points)} sessions{span}, oldest first: "
            + (", ".join(f"{y:.0f}" for _x, y in self.points) or "none yet"))

    def _style(self) -> None:
        pal = self.palette()
        chart = self.chart()
        chart.setTheme(QChart.ChartTheme.ChartThemeDark if theme.is_dark(pal) else QChart.ChartTheme.ChartThemeLight)
        chart.setBackgroundBrush(pal.color(QPalette.ColorRole.Base))
        text = pal.color(QPalette.ColorRole.Text)
        chart.setTitleBrush(text)
        for axis in (self.x, self.y):
            axis.setLabelsBrush(text)
            axis.setTitleBrush(text)
            axis.setLabelsFont(self.font())
            axis.setTitleFont(self.font())
        title = self.font()
        title.setBold(True)
        chart.setTitleFont(title)
        accent = pal.color(QPalette.ColorRole.Highlight)
        self.line.setPen(QPen(accent, 2.5))
        self.dots.setColor(accent)
        self.dots.setBorderColor(accent)
        self.pass_line.setPen(QPen(theme.GOOD, 1.2, Qt.PenStyle.DashLine))

    def changeEvent(self, event) -> None:
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange,
                            QEvent.Type.FontChange, QEvent.Type.ApplicationFontChange):
            self._style()
        super().changeEvent(event)


class HistoryView(QWidget):
    report_requested = Signal(int)  # a session id to reopen
    back_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.records: list = []
        self.heading = QLabel("<h2>History</h2>")
        self.status = QLabel()
        self.status.setAccessibleName("History status")
        self.chart = ScoreChart()
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.setAccessibleName("Past sessions")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.activated.connect(lambda _i: self._open())
        self.open_button = QPushButton("&Open report")
        self.open_button.setAccessibleName("Open the selected session's report")
        self.open_button.clicked.connect(self._open)
        self.back_button = QPushButton("&Library")
        self.back_button.setAccessibleName("Back to the scenario library")
        self.back_button.clicked.connect(self.back_requested)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.chart)
        split.addWidget(self.table)
        split.setStretchFactor(1, 1)
        split.setSizes([260, 400])
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.back_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(split, 1)
        layout.addLayout(buttons)
        self.set_records([], "")

    def set_loading(self, trainee: str) -> None:
        self.status.setText(f"Loading the sessions of {trainee}…")

    def set_failed(self, message: str) -> None:
        self.status.setText(f"⚠ {message}")

    def set_records(self, records: list, trainee: str) -> None:
        """`records`: SessionRecord list, newest first (as the store gives them)."""
        records = sorted(records, key=lambda r: r.started_at or "", reverse=True)
        self.records = list(records)
        self.heading.setText(f"<h2>History of {trainee}</h2>" if trainee else "<h2>History</h2>")
        self.table.setRowCount(len(records))
        for row, r in enumerate(records):
            score = "—" if r.score is None else score_text(r.score)
            result = "—" if r.passed is None else ("passed" if r.passed else "not passed")
            cells = (local_time(r.started_at), r.scenario_title or r.scenario_id, r.mode,
                     r.outcome, score, result)
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col == 5 and r.passed is not None:
                    item.setForeground(theme.GOOD if r.passed else theme.BAD)
                self.table.setItem(row, col, item)
        finished = [r for r in records if r.finished and r.score is not None]
        self.chart.set_scores([(datetime.fromisoformat(r.started_at.replace("Z", "+00:00")), r.score)
                               for r in reversed(finished)])  # oldest first; ties keep store order
        if records:
            self.table.selectRow(0)
            self.status.setText(f"{len(finished)} finished session{'s' if len(finished) != 1 else ''}"
                                + (f", {len(records) - len(finished)} unfinished" if len(records) > len(finished) else ""))
        else:
            self.status.setText("No sessions yet: practise a scenario and it appears here.")
        self.open_button.setEnabled(bool(finished))

    def selected_record(self):
        row = self.table.currentRow()
        return self.records[row] if 0 <= row < len(self.records) else None

    def _open(self) -> None:
        r = self.selected_record()
        if r is None:
            return
        if not r.finished:
            self.status.setText("That session was never finished: there is no report to open.")
            return
        self.report_requested.emit(r.id)
