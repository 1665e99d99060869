"""The practice screen: the chat and the reply box, and beside them the customer's card,
the hostility meter, the live curve and the phase stepper. Display only: everything
comes from the `SessionController`'s signals."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from simulator.format.scenario import Scenario
from simulator.wording import ending_line, outcome_text
from ui.coaching import CoachingPanel
from ui.controller import Message, SessionController
from ui.conversation_view import ConversationView
from ui.curve_chart import CurveChart
from ui.case_file import CaseFile
from ui.customer_card import CustomerCard
from ui.hostility_meter import HostilityMeter
from ui.phase_stepper import PhaseStepper
from ui.reply_editor import ReplyBox

class SessionView(QWidget):
    report_requested = Signal()

    def __init__(self, controller: SessionController, parent: QWidget | None = None):
        super().__init__(parent)
        self.controller = controller
        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.mode_badge = QLabel()
        self.mode_badge.setAccessibleName(self.tr("Mode"))
        self.stepper = PhaseStepper()
        self.conversation = ConversationView()
        self.conversation.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # a harmless place for stray keys
        self.conversation.setAccessibleName(self.tr("Conversation"))
        self.coaching = CoachingPanel()
        self.reply = ReplyBox()
        self.card = CustomerCard()
        self.case_file = CaseFile()
        self.meter = HostilityMeter()
        self.chart = CurveChart()
        self.end_banner = QLabel()
        self.end_banner.setObjectName("end_banner")
        self.end_banner.setWordWrap(True)
        self.report_button = QPushButton(self.tr("See your &report"))
        self.report_button.setAccessibleName(self.tr("See your report"))
        self.report_button.clicked.connect(self.report_requested)
        self.report_button.setAutoDefault(False)
        self.report_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.end_banner.hide()
        self.report_button.hide()

        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(self.mode_badge)
        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addWidget(self.conversation, 1)
        end = QHBoxLayout()
        end.addWidget(self.end_banner, 1)
        end.addWidget(self.report_button)
        lv.addLayout(end)
        lv.addWidget(self.coaching)
        lv.addWidget(self.reply)
        right = QWidget()
        rv = QVBoxLayout(right)
        rv.setContentsMargins(0, 0, 0, 0)
        rv.addWidget(self.card)
        rv.addWidget(self.case_file)
        rv.addWidget(self.meter)
        rv.addWidget(self.chart, 1)
        self.split = QSplitter()
        self.split.addWidget(left)
        self.split.addWidget(right)
        self.split.setStretchFactor(0, 3)
        self.split.setStretchFactor(1, 2)
        self.split.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.stepper)
        layout.addWidget(self.split, 1)
        self.setTabOrder(self.reply.editor, self.reply.send_button)

        c = controller
        c.started.connect(self._started)
        c.customer_typing.connect(self.conversation.set_typing)
        c.judging.connect(self._judging)
        c.message_added.connect(self._message)
        c.turn_scored.connect(self._scored)
        c.reply_accepted.connect(self.reply.accepted)
        c.reply_rejected.connect(self.reply.rejected)
        c.reply_cleaned.connect(self.reply.show_notice)
        c.ready_for_reply.connect(self._ready)
        c.clock_ticked.connect(self._clock)
        c.finished.connect(self._finished)
        self.reply.submitted.connect(c.send)
        self._pending_turn = None

    # --- controller → display -------------------------------------------------------
    def _started(self, scenario: Scenario) -> None:
        exam = self.controller.exam
        h = scenario.hostility
        self.title.setText(f"<h2>{html.escape(scenario.title)}</h2>")
        self.mode_badge.setText(self.tr("Exam: no coaching, no meter until the end") if exam
                                else self.tr("Practice: coaching after each reply"))
        self.card.show_scenario(scenario, hide_mood=exam)
        self.case_file.show_scenario(scenario)
        self.conversation.clear_conversation(scenario.customer.first_name)
        self.reply.set_channel(scenario.channel)
        self.reply.set_clock(None)
        self.reply.editor.clear()
        self.reply.error.hide()
        self.reply.notice.hide()
        self.reply.setEnabled(True)
        self.coaching.clear()
        self.coaching.setVisible(not exam)
        self.meter.set_language(scenario.language)
        self.stepper.set_language(scenario.language)
        self.meter.set_thresholds(h.agrees_below, h.breaking_point)
        self.chart.set_thresholds(h.agrees_below, h.breaking_point)
        self.meter.set_level(self.controller.session.hostility)
        self.chart.set_levels(self.controller.session.curve_levels)
        if exam:
            self.meter.conceal(self.tr("hidden in exam mode until the end"))
        else:
            self.meter.reveal()
        self.chart.setVisible(not exam)
        self.stepper.set_phase(self.controller.session.phase)
        self.card.set_level(self.controller.session.hostility)
        self.end_banner.hide()
        self.report_button.hide()
        self._pending_turn = None
        self.reply.editor.setFocus()

    def _message(self, message: Message) -> None:
        self.conversation.add_message(message)
        if message.who == "customer" and self._pending_turn is not None:
            # The customer's reaction shows with their answer, not before it.
            turn, self._pending_turn = self._pending_turn, None
            self.meter.set_level(turn.hostility_after)
            self.card.set_level(turn.hostility_after)
            self.chart.set_levels(self.controller.session.curve_levels[:turn.index + 1])
            self.stepper.set_phase(turn.phase_after)

    def _scored(self, turn) -> None:
        self._pending_turn = turn
        self.reply.set_clock(None)
        if not self.controller.exam:
            from simulator.customer.casefile import waiting_line

            self.coaching.show_turn(turn, waiting_line(self.controller.session),
                                    self.controller.session.scenario.language)

    def _judging(self, judging: bool) -> None:
        editor = self.reply.editor
        if judging:
            # First: a disabled box must not hand the focus (and the next keys) to a button.
            self._focus_back = editor.hasFocus()
            if self._focus_back:
                self.conversation.setFocus()
            self.reply.set_judging(True)
            self.reply.set_clock(None)  # the trainee's wait ended when they sent
            return
        self.reply.set_judging(False)
        session = self.controller.session
        if getattr(self, "_focus_back", False) and not (session and session.finished):
            focus = QApplication.focusWidget()
            if focus is None or focus is self.conversation.browser:
                editor.setFocus()
        self._focus_back = False

    def _ready(self, ready: bool) -> None:
        session = self.controller.session
        if session is not None and session.finished:
            self.reply.set_ready(False, self.tr("the conversation is over ({outcome})").format(
                outcome=outcome_text(session.outcome, session.scenario.language).split(":")[0].lower()))
        else:
            self.reply.set_ready(ready)

    def _clock(self, waited: float, adding: float) -> None:
        self.reply.set_clock(waited, adding)
        self.meter.set_pending(adding)

    def _finished(self, transcript: dict) -> None:
        self.meter.reveal()
        self.meter.set_level(self.controller.session.hostility)
        self.card.set_level(self.controller.session.hostility, reveal=True)
        self.chart.set_levels(self.controller.session.curve_levels)
        self.chart.show()
        self.stepper.set_phase(self.controller.session.phase)
        self.reply.set_clock(None)
        self.end_banner.setText(ending_line(transcript.get("outcome", ""), transcript.get("language")))
        self.end_banner.show()
        self.report_button.show()
        # An ended conversation takes no keystrokes: what was being typed stays in the
        # (disabled) reply box, and the report opens only when asked (a click, Alt+R or
        # Tab then Space): a trainee still typing must not press a button by accident.
        self.conversation.setFocus()  # first: disabling the focused box must not hand focus to a button
        self.reply.setEnabled(False)
