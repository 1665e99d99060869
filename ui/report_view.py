"""The report at the end of a session: who sat it and when, score and result, what to
practise next, a bar per dimension, the hostility curve, the annotated transcript;
export to PDF/HTML.

It shows a transcript dict (`Session.transcript()` or one reopened from the results
store, with `trainee`, `mode` and `started_at` added by the main window), so a finished
session and a History entry look the same. What it says about the session is in the
session's language (the scenario's: English or Spanish), with the exported report's
words (`simulator.report`); the app's own controls (buttons, dialogs) go through
`self.tr()` for Qt's translation files.
"""

from __future__ import annotations

import html
import re
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
from simulator.report import (
    missed_mark,
    plain_reason,
    practise_next,
    report_title,
    session_report_html,
)
from simulator.wording import (
    Words,
    dimension_name,
    language,
    mode_text,
    outcome_text,
    phase_text,
    result_text,
    score_text,
    when_text,
)
from ui import theme
from ui.annotate import highlighted_html, spans_from_dict
from ui.curve_chart import CurveChart
from ui.workers import run_in_background

# What this view says about a session is in the session's language, from the core's
# gettext catalogue (these msgids live in simulator/locale; tools/i18n.py extracts them).
def _words(lang) -> Words:
    return Words(lang)


def _act_kind(rule: str) -> str:
    """The reader's act behind a rule id ("" when the rule judges rather than finds)."""
    from scoring.reader import ACT_OF_RULE

    return ACT_OF_RULE.get(rule, ("",))[0]


def export_report(transcript: dict, path: Path, kind: str) -> Path:
    """Write the report as `kind` ("pdf" or "html") at `path` (runs off the UI thread)."""
    doc = session_report_html(transcript)
    if kind == "pdf":
        from ui.export import html_to_pdf

        return html_to_pdf(doc, path, title=report_title(transcript))
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(doc, encoding="utf-8")
    tmp.replace(path)
    return path


def suggested_name(transcript: dict, kind: str) -> str:
    """temper-late_delivery-ana-2026-12-01.pdf: what, who and when, safe as a file name."""
    def slug(text) -> str:
        return re.sub(r"[^\w.-]+", "-", str(text or "")).strip("-.")[:40]

    day = str(transcript.get("started_at") or transcript.get("today") or "")[:10]
    parts = ["temper", slug(transcript.get("scenario")) or "report", slug(transcript.get("trainee")), slug(day)]
    return "-".join(p for p in parts if p) + f".{kind}"


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
        self.setAccessibleName(self.tr("Session report"))

        self.title = QLabel()
        self.title.setWordWrap(True)
        self.sitting = QLabel()  # who, when, mode
        self.sitting.setWordWrap(True)
        self.sitting.setAccessibleName(self.tr("Trainee, date and mode"))
        self.verdict = QLabel()
        self.verdict.setObjectName("report_verdict")
        self.verdict.setAccessibleName(self.tr("Score and result"))
        self.verdict.setWordWrap(True)
        self.outcome = QLabel()
        self.outcome.setWordWrap(True)
        self.bars = QGridLayout()
        self.bars.setColumnStretch(1, 1)
        self._name_labels: dict[str, QLabel] = {}
        self._value_labels: dict[str, QLabel] = {}
        self._bar_widgets: dict[str, QProgressBar] = {}
        for row, d in enumerate(DIMENSIONS):
            label = QLabel(dimension_name(d))
            bar = QProgressBar()
            bar.setRange(0, 100)
            bar.setTextVisible(False)
            bar.setMaximumHeight(self.fontMetrics().height())
            value = QLabel("—")
            value.setMinimumWidth(self.fontMetrics().horizontalAdvance("100,0") + 4)
            value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            label.setBuddy(bar)
            self.bars.addWidget(label, row, 0)
            self.bars.addWidget(bar, row, 1)
            self.bars.addWidget(value, row, 2)
            self._name_labels[d] = label
            self._value_labels[d] = value
            self._bar_widgets[d] = bar
        self.chart = CurveChart(title="Hostility curve")
        self.chart.setMinimumHeight(190)
        self.dimensions_heading = QLabel()
        self.practise_heading = QLabel()
        self.transcript_heading = QLabel()
        self.practise = QLabel()
        self.practise.setWordWrap(True)
        self.practise.setTextFormat(Qt.TextFormat.RichText)
        self.transcript_view = QTextBrowser()
        self.transcript_view.setAccessibleName(self.tr("Annotated transcript"))
        self.transcript_view.setOpenLinks(False)
        self.transcript_view.anchorClicked.connect(self._anchor)

        self.pdf_button = QPushButton(self.tr("Export &PDF…"))
        self.html_button = QPushButton(self.tr("Export &HTML…"))
        self.again_button = QPushButton(self.tr("Try &again"))
        self.back_button = QPushButton(self.tr("&Library"))
        self.export_status = QLabel()
        self.export_status.setAccessibleName(self.tr("Export status"))
        self.pdf_button.setAccessibleName(self.tr("Export the report as PDF"))
        self.html_button.setAccessibleName(self.tr("Export the report as HTML"))
        self.again_button.setAccessibleName(self.tr("Practise this scenario again"))
        self.back_button.setAccessibleName(self.tr("Back to the scenario library"))
        self.pdf_button.clicked.connect(lambda: self.export("pdf"))
        self.html_button.clicked.connect(lambda: self.export("html"))
        self.again_button.clicked.connect(self.again_requested)
        self.back_button.clicked.connect(self.back_requested)

        left = QWidget()
        lv = QVBoxLayout(left)
        lv.addWidget(self.title)
        lv.addWidget(self.sitting)
        lv.addWidget(self.verdict)
        lv.addWidget(self.outcome)
        lv.addWidget(self.practise_heading)
        lv.addWidget(self.practise)
        lv.addWidget(self.dimensions_heading)
        lv.addLayout(self.bars)
        lv.addWidget(self.chart)
        lv.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(left)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setMinimumWidth(self.fontMetrics().averageCharWidth() * 48)
        scroll.setAccessibleName(self.tr("Score summary"))
        right = QWidget()
        rv = QVBoxLayout(right)
        rv.setContentsMargins(0, 0, 0, 0)
        rv.addWidget(self.transcript_heading)
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
        self._set_language("en")

    # --- contents -------------------------------------------------------------------
    @property
    def language(self) -> str:
        return language(self.transcript.get("language"))

    def _set_language(self, lang: str) -> None:
        """The session's words on the headings, dimension names and chart."""
        w = _words(lang)
        heading = w("By dimension")
        self.dimensions_heading.setText(f"<b>{html.escape(heading)}</b>")
        self.practise_heading.setText(f"<b>{html.escape(w('What to practise next'))}</b>")
        self.practise.setAccessibleName(w("What to practise next"))
        self.transcript_heading.setText(
            "<b>" + html.escape(w("Annotated transcript — green earned points, red cost points")) + "</b>")
        self.chart.chart().setTitle(w("Hostility curve"))
        for axis in self.chart.chart().axes(Qt.Orientation.Horizontal):
            axis.setTitleText(w("reply"))
        for d, label in self._name_labels.items():
            label.setText(dimension_name(d, lang))
            self._bar_widgets[d].setAccessibleName(w("%(name)s score", name=dimension_name(d, lang)))

    def show_transcript(self, transcript: dict, thresholds: tuple[float, float] | None = None) -> None:
        self.transcript = transcript
        t = transcript
        lang = self.language
        w = _words(lang)
        self._set_language(lang)
        score = t.get("score")
        passed = t.get("passed") is True
        self.title.setText(f"<h2>{html.escape(str(t.get('scenario_title') or t.get('scenario', '')))}</h2>")
        who = [t.get("trainee") or "", when_text(t.get("started_at") or t.get("today"), lang),
               mode_text(t.get("mode"), lang)]
        self.sitting.setText(html.escape(" · ".join(x for x in who if x)))
        color = theme.GOOD if passed else theme.BAD
        big = self.font().pointSizeF() * 1.6
        result = result_text(t.get("passed"), lang)
        shown = score_text(score, lang, below=missed_mark(t))
        mark = t.get("pass_mark")
        of = f"{shown} / 100" if score is not None else shown
        pass_mark = w("pass mark")
        self.verdict.setText(f'<span style="font-size:{big:.0f}pt; font-weight:bold">{html.escape(of)}</span>'
                             f'&nbsp;&nbsp;<span style="font-size:{big:.0f}pt; color:{color.name()}; '
                             f'font-weight:bold">{html.escape(result.upper())}</span>'
                             + (f'<br><span>{html.escape(pass_mark)}: {score_text(mark, lang)}</span>'
                                if mark is not None else ""))
        self.verdict.setAccessibleDescription(w("Score %(score)s out of 100, %(result)s", score=shown,
                                                result=result.lower()))
        n = len(t.get("turns") or [])
        self.outcome.setText(html.escape(" · ".join((
            outcome_text(t.get("outcome"), lang),
            w.ngettext("%(num)d reply", "%(num)d replies", n)))))
        dims = (t.get("session") or {}).get("dimensions") or {}
        for d, bar in self._bar_widgets.items():
            value = dims.get(d)
            bar.setValue(round(value) if value is not None else 0)
            bar.setEnabled(value is not None)
            self._value_labels[d].setText(score_text(value, lang))
            bar.setAccessibleDescription(w("%(value)s out of 100", value=score_text(value, lang))
                                         if value is not None else score_text(None, lang))
        if thresholds:
            self.chart.set_thresholds(*thresholds)
        self.chart.set_levels(t.get("hostility_curve") or [])
        advice = practise_next(t)
        self.practise.setText("<ul>" + "".join(f"<li>{html.escape(a)}</li>" for a in advice) + "</ul>"
                              if advice else html.escape(w("Nothing stands out: try a harder scenario.")))
        self.transcript_view.setHtml(self._transcript_html())
        self.export_status.clear()

    def dimension_values(self) -> dict[str, int]:
        return {d: bar.value() for d, bar in self._bar_widgets.items()}

    def _transcript_html(self) -> str:
        pal = self.palette()
        muted = theme.mix(pal.color(pal.ColorRole.Text), pal.color(pal.ColorRole.Base), 0.45).name()
        t = self.transcript
        lang = self.language
        w = _words(lang)
        customer, you = html.escape(w("Customer")), html.escape(w("You"))
        not_right = html.escape(self.tr("Not right?"))
        parts = []
        if t.get("opening"):
            parts.append(f"<p><b>{customer}:</b> {html.escape(t['opening'])}</p>")
        for turn in t.get("turns", []):
            spans = spans_from_dict(turn.get("scores") or {})
            h = turn.get("hostility") or {}
            about = " · ".join((
                w("Reply %(n)s", n=turn.get("index")),
                w("%(seconds)s s", seconds=f"{float(turn.get('latency_s', 0)):.0f}"),
                phase_text((turn.get("phase") or {}).get("before", ""), lang),
                w("hostility %(before)s → %(after)s", before=f"{float(h.get('before', 0)):.0f}",
                  after=f"{float(h.get('after', 0)):.0f}")))
            parts.append(
                f"<p><b>{you}</b> <span style='color:{muted}'>({html.escape(about)})</span><br>"
                f"{highlighted_html(turn.get('reply', ''), spans, pal)}</p>")
            if spans:
                n = turn.get("index")
                items = "".join(
                    f"<li>{'✓' if s.polarity > 0 else '✗'} <i>{html.escape(dimension_name(s.dimension, lang))}</i>: "
                    f"{html.escape(w('“%(text)s”', text=s.text))} — {html.escape(plain_reason(s.reason, lang))}"
                    + (f" <a href='correct:{n}:{i}'>{not_right}</a>"
                       if _act_kind(s.rule) else "")
                    + "</li>" for i, s in enumerate(spans))
                parts.append(f"<ul style='margin-top:0'>{items}</ul>")
            parts.append(f"<p><b>{customer}:</b> {html.escape(turn.get('customer', ''))}</p>")
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
        self.export_status.setText(self.tr("Noted: “{text}” is not {kind}. The judge uses this from the next session on.").format(text=span.text[:40],
                                                                      kind=kind.replace("_", " ")))

    def ask_correction(self, span, kind: str) -> str | None:
        """Ask the trainer to confirm a correction (tests replace this method)."""
        from PySide6.QtWidgets import QInputDialog

        note, ok = QInputDialog.getText(
            self, self.tr("Correct the judge"),
            self.tr("The judge read “{text}” as {kind}.\nMark this as wrong for your centre? A note for other trainers (optional):").format(text=span.text[:80],
                                                                    kind=kind.replace("_", " ")))
        return note if ok else None

    def changeEvent(self, event) -> None:
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange) and self.transcript:
            self.transcript_view.setHtml(self._transcript_html())
        super().changeEvent(event)

    # --- export -----------------------------------------------------------------------
    def ask_save_path(self, kind: str, suggested: str) -> str:
        """The file to write, or '' if cancelled (tests replace this method)."""
        filters = {"pdf": self.tr("PDF documents (*.pdf)"), "html": self.tr("Web pages (*.html)")}
        title = self.tr("Export the report as PDF") if kind == "pdf" else self.tr("Export the report as HTML")
        path, _ = QFileDialog.getSaveFileName(self, title,
                                              suggested, filters[kind])
        return path

    def export(self, kind: str) -> None:
        if not self.transcript:
            return
        chosen = self.ask_save_path(kind, str(Path.home() / suggested_name(self.transcript, kind)))
        if not chosen:
            return
        path = Path(chosen)
        if path.suffix.lower() != f".{kind}":
            path = path.with_name(path.name + f".{kind}")
        transcript = dict(self.transcript)
        self.export_status.setText(self.tr("Exporting {file}…").format(file=path.name))
        for b in (self.pdf_button, self.html_button):
            b.setEnabled(False)
        run_in_background(lambda: export_report(transcript, path, kind), self._exported, self._export_failed)

    def _exported(self, path) -> None:
        self._export_done(self.tr("Saved {path}").format(path=path))
        self.exported.emit(str(path))

    def _export_failed(self, exc: Exception) -> None:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        where = f" ({exc.filename})" if isinstance(exc, OSError) and exc.filename else ""
        message = self.tr("The report was not exported: {reason}").format(reason=f"{reason}{where}")
        self._export_done("⚠ " + message)
        self.export_failed.emit(message)

    def _export_done(self, text: str) -> None:
        self.export_status.setText(text)
        for b in (self.pdf_button, self.html_button):
            b.setEnabled(True)
