"""Practice mode's short coaching hint after each reply: one sentence to act on and
the reply with its evidence highlighted. Never a wall of numbers (a detailed report
after the session teaches more than a dense live dashboard)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from scoring.model import DIMENSIONS
from simulator.report import plain_reason
from simulator.wording import N_, Words
from ui.annotate import Span, dimension_name, excerpt, highlighted_html, reasons_html, spans_from_turn

#: What to do instead, when a dimension cost points and the scorer left no note.
ADVICE = {
    "apology": N_("Apologise sincerely and early: “I'm so sorry this happened.”"),
    "empathy": N_("Name the feeling instead of minimising it: “I understand how frustrating…”"),
    "mirroring": N_("Restate the customer's problem in your own words, don't copy theirs."),
    "promises": N_("Promise only what the policy can keep, with a time frame and a margin."),
    "calm": N_("Keep a calm, courteous tone: no capitals, blame, sarcasm or “calm down”."),
    "listening": N_("While they vent, listen and ask what happened; explanations come later."),
    "ownership": N_("Keep the case: “I will…”, not another department."),
    "personal": N_("Use the customer's name and thank them."),
    "next_steps": N_("Say what will happen, when, and who does it."),
    "closure": N_("Check the solution works for them before you close."),
    "etiquette": N_("Fit the channel: concise, and personal data only in private."),
}
PRAISE = {
    "apology": N_("Good: a genuine apology."),
    "empathy": N_("Good: you named how they feel."),
    "mirroring": N_("Good: you used their own words."),
    "promises": N_("Good: a promise the policy can keep."),
    "calm": N_("Good: a calm, steady tone."),
    "listening": N_("Good: you invited them to tell you more."),
    "ownership": N_("Good: you took ownership."),
    "personal": N_("Good: a personal touch."),
    "next_steps": N_("Good: clear next steps."),
    "closure": N_("Good: you checked they are satisfied."),
    "etiquette": N_("Good: right for the channel."),
}
#: What the phase asks for, when the reply showed nothing either way.
PHASE_NUDGE = {
    "venting": N_("They are still venting: listen, apologise, and invite them to say more."),
    "empathy": N_("Show you understood: restate their problem in your own words."),
    "negotiation": N_("Offer something the policy allows, with a realistic time frame."),
    "resolution": N_("Check that the solution works for them before closing."),
}
#: Costs that matter most come first.
PRIORITY = ("calm", "listening", "apology", "empathy", "promises", "ownership", "etiquette",
            "mirroring", "next_steps", "closure", "personal")


@dataclass(frozen=True)
class Hint:
    headline: str
    kind: str  # "cost" | "praise" | "nudge"
    dimension: str = ""


def hint_for(turn, lang: str | None = "en") -> Hint:
    """The one thing worth saying about this reply, in the session's language."""
    w = Words(lang)
    dims = turn.score.dimensions
    if "not_judged" in turn.signals:
        return Hint(w("This reply could not be judged (the judge failed on it), so it counts as "
                      "neutral. It is kept in the transcript as you wrote it."), "cost", "")
    if "slow_reply" in turn.signals:
        return Hint(w("You took %(seconds)s s to answer: on a live channel the wait made the customer "
                      "angrier. Acknowledge them quickly, even before you have the answer.",
                      seconds=f"{turn.latency_s:.0f}"), "cost", "")
    order = [d for d in PRIORITY if d in dims] + [d for d in DIMENSIONS if d in dims and d not in PRIORITY]
    costs = [d for d in order if dims[d].score < 0]
    if costs:
        d = costs[0]
        return Hint(w(dims[d].note) or w(ADVICE.get(d, "")) or dimension_name(d, lang), "cost", d)
    gains = sorted((d for d in order if dims[d].score > 0), key=lambda d: -dims[d].score)
    nudge = w(PHASE_NUDGE.get(turn.phase_before, ""))
    if gains:
        d = gains[0]
        text = w(dims[d].note) or (w(PRAISE[d]) if d in PRAISE else
                                   w("Good: %(dimension)s.", dimension=dimension_name(d, lang)))
        return Hint(text, "praise", d)
    return Hint(nudge or w("Keep going."), "nudge")


class CoachingPanel(QFrame):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName(self.tr("Coaching"))
        title = QLabel("<b>" + self.tr("Coach") + "</b>")
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
        self.waiting.setAccessibleName(self.tr("What the customer is waiting for"))
        layout = QVBoxLayout(self)
        for w in (title, self.headline, self.reply, self.reasons, self.waiting):
            layout.addWidget(w)
        self.spans: list[Span] = []
        self.clear()

    def clear(self) -> None:
        self.spans = []
        self.headline.setText(self.tr("After each reply, a short tip appears here."))
        self.reply.clear()
        self.reply.hide()
        self.reasons.clear()
        self.waiting.clear()
        self.waiting.hide()
        self.setAccessibleDescription(self.headline.text())

    def show_turn(self, turn, waiting: str = "", lang: str | None = "en") -> None:
        hint = hint_for(turn, lang)
        self.spans = spans_from_turn(turn)
        self.headline.setText(hint.headline)
        shown, spans = excerpt(turn.reply, self.spans)  # a long reply: the parts with evidence
        self.reply.setText(highlighted_html(shown, spans, self.palette()))
        self.reply.setVisible(bool(self.spans))
        self.reasons.setText(reasons_html(self.spans, lang=lang))
        self.waiting.setText(waiting)
        self.waiting.setVisible(bool(waiting))
        self.setAccessibleDescription(
            hint.headline + " " + "; ".join(f"{s.text}: {plain_reason(s.reason, lang)}" for s in self.spans[:3])
            + (f" {waiting}" if waiting else ""))
