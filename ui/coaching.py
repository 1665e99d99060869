"""Practice mode's short coaching hint after each reply: one sentence to act on and
the reply with its evidence highlighted. Never a wall of numbers (a detailed report
after the session teaches more than a dense live dashboard)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from scoring.model import DIMENSIONS
from ui.annotate import Span, dimension_name, highlighted_html, reasons_html, spans_from_turn

#: What to do instead, when a dimension cost points and the scorer left no note.
ADVICE = {
    "apology": "Apologise sincerely and early: “I'm so sorry this happened.”",
    "empathy": "Name the feeling instead of minimising it: “I understand how frustrating…”",
    "mirroring": "Restate the customer's problem in your own words, don't copy theirs.",
    "promises": "Promise only what the policy can keep, with a time frame and a margin.",
    "calm": "Keep a calm, courteous tone: no capitals, blame, sarcasm or “calm down”.",
    "listening": "While they vent, listen and ask what happened; explanations come later.",
    "ownership": "Keep the case: “I will…”, not another department.",
    "personal": "Use the customer's name and thank them.",
    "next_steps": "Say what will happen, when, and who does it.",
    "closure": "Check the solution works for them before you close.",
    "etiquette": "Fit the channel: concise, and personal data only in private.",
}
PRAISE = {
    "apology": "Good: a genuine apology.",
    "empathy": "Good: you named how they feel.",
    "mirroring": "Good: you used their own words.",
    "promises": "Good: a promise the policy can keep.",
    "calm": "Good: a calm, steady tone.",
    "listening": "Good: you invited them to tell you more.",
    "ownership": "Good: you took ownership.",
    "personal": "Good: a personal touch.",
    "next_steps": "Good: clear next steps.",
    "closure": "Good: you checked they are satisfied.",
    "etiquette": "Good: right for the channel.",
}
#: What the phase asks for, when the reply showed nothing either way.
PHASE_NUDGE = {
    "venting": "They are still venting: listen, apologise, and invite them to say more.",
    "empathy": "Show you understood: restate their problem in your own words.",
    "negotiation": "Offer something the policy allows, with a realistic time frame.",
    "resolution": "Check that the solution works for them before closing.",
}
#: Costs that matter most come first.
PRIORITY = ("calm", "listening", "apology", "empathy", "promises", "ownership", "etiquette",
            "mirroring", "next_steps", "closure", "personal")


@dataclass(frozen=True)
class Hint:
    headline: str
    kind: str  # "cost" | "praise" | "nudge"
    dimension: str = ""


def hint_for(turn) -> Hint:
    """The one thing worth saying about this reply."""
    dims = turn.score.dimensions
    if "slow_reply" in turn.signals:
        return Hint(f"You took {turn.latency_s:.0f} s to answer: on a live channel the wait "
                    "made the customer angrier. Acknowledge them quickly, even before you have the answer.",
                    "cost", "")
    order = [d for d in PRIORITY if d in dims] + [d for d in DIMENSIONS if d in dims and d not in PRIORITY]
    costs = [d for d in order if dims[d].score < 0]
    if costs:
        d = costs[0]
        return Hint(dims[d].note or ADVICE.get(d, dimension_name(d)), "cost", d)
    gains = sorted((d for d in order if dims[d].score > 0), key=lambda d: -dims[d].score)
    nudge = PHASE_NUDGE.get(turn.phase_before, "")
    if gains:
        d = gains[0]
        text = dims[d].note or PRAISE.get(d, f"Good: {dimension_name(d)}.")
        return Hint(text, "praise", d)
    return Hint(nudge or "Keep going.", "nudge")


class CoachingPanel(QFrame):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName("Coaching")
        title = QLabel("<b>Coach</b>")
        self.headline = QLabel()
        self.headline.setWordWrap(True)
        self.headline.setObjectName("coaching_headline")
        self.reply = QLabel()
        self.reply.setWordWrap(True)
        self.reply.setTextFormat(Qt.TextFormat.RichText)
        self.reply.setObjectName("coaching_reply")
        self.reply.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.reasons = QLabel()
        self.reasons.setWordWrap(True)
        self.reasons.setTextFormat(Qt.TextFormat.RichText)
        # What the customer still needs before agreeing (open concerns, calm enough…).
        self.waiting = QLabel()
        self.waiting.setWordWrap(True)
        self.waiting.setTextFormat(Qt.TextFormat.PlainText)
        self.waiting.setObjectName("coaching_waiting")
        self.waiting.setAccessibleName("What the customer is waiting for")
        layout = QVBoxLayout(self)
        for w in (title, self.headline, self.reply, self.reasons, self.waiting):
            layout.addWidget(w)
        self.spans: list[Span] = []
        self.clear()

    def clear(self) -> None:
        self.spans = []
        self.headline.setText("After each reply, a short tip appears here.")
        self.reply.clear()
        self.reply.hide()
        self.reasons.clear()
        self.waiting.clear()
        self.waiting.hide()
        self.setAccessibleDescription(self.headline.text())

    def show_turn(self, turn, waiting: str = "") -> None:
        hint = hint_for(turn)
        self.spans = spans_from_turn(turn)
        self.headline.setText(hint.headline)
        self.reply.setText(highlighted_html(turn.reply, self.spans, self.palette()))
        self.reply.setVisible(bool(self.spans))
        self.reasons.setText(reasons_html(self.spans))
        self.waiting.setText(waiting)
        self.waiting.setVisible(bool(waiting))
        self.setAccessibleDescription(
            hint.headline + " " + "; ".join(f"{s.text}: {s.reason}" for s in self.spans[:3])
            + (f" {waiting}" if waiting else ""))
