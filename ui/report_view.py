"""The report at the end of a session: score and pass/fail, a bar per dimension, the
hostility curve, the annotated transcript, what to practise next; export to PDF/HTML.

It shows a transcript dict (`Session.transcript()` or one reopened from the results
store), so a finished session and a History entry look the same.
"""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from scoring.model import DIMENSIONS
from simulator.report import practise_next, score_text, session_report_html
from ui import theme
from ui.annotate import dimension_name, highlighted_html, spans_from_dict
from ui.curve_chart import CurveChart
from ui.workers import run_in_background

OUTCOME_TEXT = {
    "resolved": "resolved — the customer agreed",
    "escalated": "escalated — the customer demanded a supervisor",
    "abandoned": "abandoned — the customer left",
    "unfinished": "unfinished",
}


def _act_kind(rule: str) -> str:
    """The reader's act behind a rule id ("" when the rule judges rather than finds)."""
    from scoring.reader import ACT_OF_RULE

    return ACT_OF_RULE.get(rule, ("",))[0]


def export_report(transcript: dict, path: Path, kind: str) -> Path:
    """Write the report as `kind` ("pdf" or "html") at `path` (runs off the UI thread)."""
    doc = session_report_html(transcript)
    if kind == "pdf":
        from ui.export import html_to_pdf

        return html_to_pdf(doc, path, title=f"Temper report: {transcript.get('scenario_title', '')}")
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(doc, encoding="utf-8")
    tmp.replace(path)
    return path


class ReportView(QWidget):
    exported = Signal(str)  # the file written
    export_failed = Signal(str)
    # A trainer marked a judgement wrong: (reply, language, act kind, the reply does it?, note)
    correction_made = Signal(str, str, str, bool, str)
    back_requested = Signal()
    again_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.transcript: dict = {}
        self.scenario = None  # the Scenario, when known, for "try again"
        self.setAccessibleName("Session report")

        self.title = QLabel()
        self.title.setWordWrap(True)
        self.verdict = QLabel()
        self.verdict.setObjectName("report_verdict")
        self.verdict.setAccessibleName("Score and result")
        self.outcome = QLabel()
        self.outcome.setWordWrap(True)
        self.bars = QGridLayout()
        self.bars.setColumnStretch(1, 1)
        self._value_labels: dict[str, QLabel] = {}
        self._bar_widgets: dict[str, QProgressBar] = {}
        for row, d in enumerate(DIMENSIONS):
            label = QLabel(dimension_name(d))
            bar = QProgressBar()
            bar.setRange(0, 100)
            bar.setAccessibleName(f"{dimension_name(d)} score")
            bar.setTextVisible(False)
            bar.setMaximumHeight(self.fontMetrics().height())
            value = QLabel("—")
            value.setMinimumWidth(self.fontMetrics().horizontalAdvance("100") + 4)
            value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            label.setBuddy(bar)
            self.bars.addWidget(label, row, 0)
            self.bars.addWidget(bar, row, 1)
            self.bars.addWidget(value, row, 2)
            self._value_labels[d] = value
            self._bar_widgets[d] = bar
        self.chart = CurveChart(title="Hostility curve")
        self.chart.setMinimumHeight(190)
        self.practise = QLabel()
        self.practise.setWordWrap(True)
        self.practise.setTextFormat(Qt.TextFormat.RichText)
        self.practise.setAccessibleName("What to practise next")
        self.transcript_view = QTextBrowser()
        self.transcript_view.setAccessibleName("Annotated transcript")
        self.transcript_view.setOpenLinks(False)
        self.transcript_view.anchorClicked.connect(self._anchor)

        self.pdf_button = QPushButton("Export &PDF…")
        self.html_button = QPushButton("Export &HTML…")
        self.again_button = QPushButton("Try &again")
        self.back_button = QPushButton("&Library")
        self.export_status = QLabel()
        self.export_status.setAccessibleName("Export status")
        self.pdf_button.setAccessibleName("Export the report as PDF")
        self.html_button.setAccessibleName("Export the report as HTML")
        self.again_button.setAccessibleName("Practise this scenario again")
        self.back_button.setAccessibleName("Back to the scenario library")
        self.pdf_button.clicked.connect(lambda: self.export("pdf"))
        self.html_button.clicked.connect(lambda: self.export("html"))
        self.again_button.clicked.connect(self.again_requested)
        self.back_button.clicked.connect(self.back_requested)

        left = QWidget()
        lv = QVBoxLayout(left)
        lv.addWidget(self.title)
        lv.addWidget(self.verdict)
        lv.addWidget(self.outcome)
        lv.addWidget(QLabel("<b>By dimension</b>"))
        lv.addLayout(self.bars)
        lv.addWidget(self.chart)
        lv.addWidget(QLabel("<b>What to practise next</b>"))
        lv.addWidget(self.practise)
        lv.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(left)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setMinimumWidth(self.fontMetrics().averageCharWidth() * 48)
        scroll.setAccessibleName("Score summary")
        right = QWidget()
        rv = QVBoxLayout(right)
        rv.setContentsMargins(0, 0, 0, 0)
        rv.addWidget(QLabel("<b>Annotated transcript</b> — green earned points, red cost points"))
        rv.addWidget(self.transcript_view, 1)
        split = QSplitter()
        split.addWidget(scroll)
        split.addWidget(right)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        split.setSizes([460, 700])
        split.setChildrenCollapsible(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.export_status, 1)
        for b in (self.pdf_button, self.html_button, self.again_button, self.back_button):
            buttons.addWidget(b)
        layout = QVBoxLayout(self)
        layout.addWidget(split, 1)
        layout.addLayout(buttons)

    # --- contents -------------------------------------------------------------------
    def show_transcript(self, transcript: dict, thresholds: tuple[float, float] | None = None) -> None:
        self.transcript = transcript
        t = transcript
        score = float(t.get("score") or 0)
        passed = bool(t.get("passed"))
        self.title.setText(f"<h2>{html.escape(str(t.get('scenario_title') or t.get('scenario', '')))}</h2>")
        color = theme.GOOD if passed else theme.BAD
        big = self.font().pointSizeF() * 1.6
        self.verdict.setText(f'<span style="font-size:{big:.0f}pt; font-weight:bold">{score_text(score)} / 100</span>'
                             f'&nbsp;&nbsp;<span style="font-size:{big:.0f}pt; color:{color.name()}; '
                             f'font-weight:bold">{"PASSED" if passed else "NOT PASSED"}</span>')
        self.verdict.setAccessibleDescription(f"Score {score_text(score)} out of 100, {'passed' if passed else 'not passed'}")
        self.outcome.setText(f"Outcome: {OUTCOME_TEXT.get(t.get('outcome', ''), t.get('outcome', ''))} · "
                             f"{len(t.get('turns', []))} replies · {t.get('channel', '')} · seed {t.get('seed', '')}")
        dims = (t.get("session") or {}).get("dimensions") or {}
        for d, bar in self._bar_widgets.items():
            value = dims.get(d)
            bar.setValue(round(value) if value is not None else 0)
            self._value_labels[d].setText(f"{value:.0f}" if value is not None else "—")
            bar.setAccessibleDescription(f"{value:.0f} out of 100" if value is not None else "not scored")
        if thresholds:
            self.chart.set_thresholds(*thresholds)
        self.chart.set_levels(t.get("hostility_curve") or [])
        advice = practise_next(t)
        self.practise.setText("<ul>" + "".join(f"<li>{html.escape(a)}</li>" for a in advice) + "</ul>"
                              if advice else "Nothing stands out: try a harder scenario.")
        self.transcript_view.setHtml(self._transcript_html())
        self.export_status.clear()

    def dimension_values(self) -> dict[str, int]:
        return {d: bar.value() for d, bar in self._bar_widgets.items()}

    def _transcript_html(self) -> str:
        pal = self.palette()
        muted = theme.mix(pal.color(pal.ColorRole.Text), pal.color(pal.ColorRole.Base), 0.45).name()
        t = self.transcript
        parts = []
        if t.get("opening"):
            parts.append(f"<p><b>Customer:</b> {html.escape(t['opening'])}</p>")
        for turn in t.get("turns", []):
            spans = spans_from_dict(turn.get("scores") or {})
            h = turn.get("hostility") or {}
            parts.append(
                f"<p><b>You</b> <span style='color:{muted}'>(reply {turn.get('index')}, "
                f"{float(turn.get('latency_s', 0)):.0f} s, {html.escape(str((turn.get('phase') or {}).get('before', '')))}, "
                f"hostility {h.get('before', 0):.0f} → {h.get('after', 0):.0f})</span><br>"
                f"{highlighted_html(turn.get('reply', ''), spans, pal)}</p>")
            if spans:
                n = turn.get("index")
                items = "".join(
                    f"<li>{'✓' if s.polarity > 0 else '✗'} <i>{html.escape(dimension_name(s.dimension))}</i>: "
                    f"“{html.escape(s.text)}” — {html.escape(s.reason)}"
                    + (f" <a href='correct:{n}:{i}'>Not right?</a>" if _act_kind(s.rule) else "")
                    + "</li>" for i, s in enumerate(spans))
                parts.append(f"<ul style='margin-top:0'>{items}</ul>")
            parts.append(f"<p><b>Customer:</b> {html.escape(turn.get('customer', ''))}</p>")
        return "".join(parts)

    # --- corrections ----------------------------------------------------------------
    def _anchor(self, url) -> None:
        text = url.toString()
        if not text.startswith("correct:"):
            return
        try:
            _, n, i = text.split(":")
            turn = next(t for t in self.transcript.get("turns", []) if str(t.get("index")) == n)
            span = spans_from_dict(turn.get("scores") or {})[int(i)]
        except (ValueError, StopIteration, IndexError):
            return
        kind = _act_kind(span.rule)
        note = self.ask_correction(span, kind)
        if note is None:
            return  # the trainer changed their mind
        self.correction_made.emit(turn.get("reply", ""), str(self.transcript.get("language", "en")),
                                  kind, False, note)
        self.export_status.setText(f"Noted: “{span.text[:40]}” is not {kind.replace('_', ' ')}. "
                                   "The judge uses this from the next session on.")

    def ask_correction(self, span, kind: str) -> str | None:
        """Ask the trainer to confirm a correction (tests replace this method)."""
        from PySide6.QtWidgets import QInputDialog

        note, ok = QInputDialog.getText(
            self, "Correct the judge",
            f"The judge read “{span.text[:80]}” as {kind.replace('_', ' ')}.\n"
            "Mark this as wrong for your centre? A note for other trainers (optional):")
        return note if ok else None

    def changeEvent(self, event) -> None:
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange) and self.transcript:
            self.transcript_view.setHtml(self._transcript_html())
        super().changeEvent(event)

    # --- export -----------------------------------------------------------------------
    def ask_save_path(self, kind: str, suggested: str) -> str:
        """The file to write, or '' if cancelled (tests replace this method)."""
        filters = {"pdf": "PDF documents (*.pdf)", "html": "Web pages (*.html)"}
        path, _ = QFileDialog.getSaveFileName(self, f"Export the report as {kind.upper()}",
                                              suggested, filters[kind])
        return path

    def export(self, kind: str) -> None:
        if not self.transcript:
            return
        name = f"temper-{self.transcript.get('scenario', 'report')}-seed{self.transcript.get('seed', 0)}.{kind}"
        chosen = self.ask_save_path(kind, str(Path.home() / name))
        if not chosen:
            return
        path = Path(chosen)
        if path.suffix.lower() != f".{kind}":
            path = path.with_name(path.name + f".{kind}")
        transcript = dict(self.transcript)
        self.export_status.setText(f"Exporting {path.name}…")
        for b in (self.pdf_button, self.html_button):
            b.setEnabled(False)
        run_in_background(lambda: export_report(transcript, path, kind), self._exported, self._export_failed)

    def _exported(self, path) -> None:
        self._export_done(f"Saved {path}")
        self.exported.emit(str(path))

    def _export_failed(self, exc: Exception) -> None:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        where = f" ({exc.filename})" if isinstance(exc, OSError) and exc.filename else ""
        message = f"The report was not exported: {reason}{where}"
        self._export_done("⚠ " + message)
        self.export_failed.emit(message)

    def _export_done(self, text: str) -> None:
        self.export_status.setText(text)
        for b in (self.pdf_button, self.html_button):
            b.setEnabled(True)
