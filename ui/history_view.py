"""Past sessions of this trainee: their scores over time (a chart) and each report,
reopenable. Read from the same results store the headless mode writes."""

from __future__ import annotations

import html
from datetime import datetime

from PySide6.QtCharts import QChart, QChartView, QLineSeries, QScatterSeries, QValueAxis
from PySide6.QtCore import QCoreApplication, QEvent, QMargins, Qt, Signal
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


def headers() -> tuple[str, ...]:
    """The table's column names in the interface's language."""
    return (QCoreApplication.translate("HistoryView", "When"),
            QCoreApplication.translate("HistoryView", "Scenario"),
            QCoreApplication.translate("HistoryView", "Mode"),
            QCoreApplication.translate("HistoryView", "Outcome"),
            QCoreApplication.translate("HistoryView", "Score"),
            QCoreApplication.translate("HistoryView", "Result"))


def _words() -> dict[str, str]:
    """Modes, endings and results as History lists them (the interface's language)."""
    return {"practice": QCoreApplication.translate("HistoryView", "practice"),
            "exam": QCoreApplication.translate("HistoryView", "exam"),
            "certify": QCoreApplication.translate("HistoryView", "certification"),
            "resolved": QCoreApplication.translate("HistoryView", "resolved"),
            "escalated": QCoreApplication.translate("HistoryView", "escalated"),
            "abandoned": QCoreApplication.translate("HistoryView", "abandoned"),
            "closed": QCoreApplication.translate("HistoryView", "closed without agreement"),
            "unfinished": QCoreApplication.translate("HistoryView", "unfinished"),
            "passed": QCoreApplication.translate("HistoryView", "passed"),
            "not passed": QCoreApplication.translate("HistoryView", "not passed")}


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
        self.setAccessibleName(self.tr("Scores over time chart"))
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.setMinimumHeight(170)
        chart = self.chart()
        chart.setTitle(self.tr("Your scores over time"))
        chart.legend().setVisible(False)
        chart.setMargins(QMargins(4, 4, 4, 4))
        self.line, self.dots, self.pass_line = QLineSeries(), QScatterSeries(), QLineSeries()
        self.dots.setMarkerSize(8)
        for s in (self.pass_line, self.line, self.dots):
            chart.addSeries(s)
        self.x = QValueAxis()  # sessions in order: two on the same day stay apart
        self.x.setLabelFormat("%d")
        self.x.setTitleText(self.tr("session, oldest first"))
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
            span = self.tr(" from {first} to {last}").format(first=f"{ordered[0][0].astimezone():%Y-%m-%d}",
                                                              last=f"{ordered[-1][0].astimezone():%Y-%m-%d}")
        else:
            span = ""
        self.setAccessibleDescription(
            self.tr("Scores of {count} sessions{span}, oldest first: ").format(count=len(self.points), span=span)
            + (", ".join(f"{y:.0f}" for _x, y in self.points) or self.tr("none yet")))

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
    resume_requested = Signal(int)  # an unfinished practice session to carry on
    back_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.records: list = []
        self.heading = QLabel("<h2>" + self.tr("History") + "</h2>")
        self.status = QLabel()
        self.status.setAccessibleName(self.tr("History status"))
        self.chart = ScoreChart()
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels(list(headers()))
        self.table.setAccessibleName(self.tr("Past sessions"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.activated.connect(lambda _i: self._open())
        self.open_button = QPushButton(self.tr("&Open report"))
        self.open_button.setAccessibleName(self.tr("Open the selected session's report"))
        self.open_button.clicked.connect(self._open)
        self.resume_button = QPushButton(self.tr("Res&ume"))
        self.resume_button.setObjectName("resume")
        self.resume_button.setAccessibleName(self.tr("Resume the selected session where it stopped"))
        self.resume_button.clicked.connect(self._resume)
        # Why the selected session can or cannot be resumed, always in words (not only a grey button).
        self.resume_hint = QLabel()
        self.resume_hint.setObjectName("resume_hint")
        self.resume_hint.setWordWrap(True)
        self.table.itemSelectionChanged.connect(self._selected)
        self.table.currentCellChanged.connect(lambda *_: self._selected())
        self.back_button = QPushButton(self.tr("&Library"))
        self.back_button.setAccessibleName(self.tr("Back to the scenario library"))
        self.back_button.clicked.connect(self.back_requested)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.chart)
        split.addWidget(self.table)
        split.setStretchFactor(1, 1)
        split.setSizes([260, 400])
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.resume_hint, 2)
        buttons.addWidget(self.resume_button)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.back_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(split, 1)
        layout.addLayout(buttons)
        self.set_records([], "")

    def set_loading(self, trainee: str) -> None:
        self.status.setText(self.tr("Loading the sessions of {trainee}…").format(trainee=trainee))

    def set_failed(self, message: str) -> None:
        self.status.setText(f"⚠ {message}")

    def set_records(self, records: list, trainee: str) -> None:
        """`records`: SessionRecord list, newest first (as the store gives them)."""
        records = sorted(records, key=lambda r: r.started_at or "", reverse=True)
        self.records = list(records)
        self.heading.setText("<h2>" + html.escape(self.tr("History of {trainee}").format(trainee=trainee) if trainee
                                                  else self.tr("History")) + "</h2>")
        self.table.setRowCount(len(records))
        said = _words()
        for row, r in enumerate(records):
            score = "—" if r.score is None else score_text(r.score)
            result = "—" if r.passed is None else (said["passed"] if r.passed else said["not passed"])
            cells = (local_time(r.started_at), r.scenario_title or r.scenario_id, said.get(r.mode, r.mode),
                     said.get(r.outcome, r.outcome), score, result)
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
            done = (self.tr("1 finished session") if len(finished) == 1 else
                    self.tr("{count} finished sessions").format(count=len(finished)))
            self.status.setText(done + (self.tr(", {count} unfinished").format(count=len(records) - len(finished))
                                        if len(records) > len(finished) else ""))
        else:
            self.status.setText(self.tr("No sessions yet: practise a scenario and it appears here."))
        self.open_button.setEnabled(bool(records))
        self._selected()

    def selected_record(self):
        row = self.table.currentRow()
        return self.records[row] if 0 <= row < len(self.records) else None

    def _selected(self) -> None:
        """The Resume button and its hint follow the selected session."""
        from simulator.resume import why_not

        r = self.selected_record()
        why = None if r is None else why_not(r)
        self.resume_button.setEnabled(r is not None and why is None)
        if r is None:
            hint = ""
        elif why is None:
            hint = self.tr("Unfinished: Resume carries it on where it stopped.")
        elif why == "certification":
            hint = self.tr("A certification sitting: it is resumed with temper certify --resume.")
        elif why == "exam":
            hint = self.tr("An exam: it is sat in one go and not carried on as practice; open its "
                           "report, or start the exam again.")
        else:
            hint = self.tr("Finished: there is nothing to resume; open its report.")
        self.resume_hint.setText(hint)
        self.resume_button.setToolTip(hint)

    def _resume(self) -> None:
        from simulator.resume import why_not

        r = self.selected_record()
        if r is not None and why_not(r) is None:
            self.resume_requested.emit(r.id)

    def _open(self) -> None:
        r = self.selected_record()
        if r is None:
            return
        # An unfinished or abandoned session opens too: a report of what happened so far.
        self.report_requested.emit(r.id)
