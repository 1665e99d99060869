"""venting → empathy → negotiation → resolution, and where the conversation is."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from scoring.model import PHASES
from simulator.wording import phase_text

def ending_texts() -> dict[str, str]:
    """What the stepper says after the phases once the conversation has ended."""
    return {"resolved": QCoreApplication.translate("PhaseStepper", "✓ resolved"),
            "escalated": QCoreApplication.translate("PhaseStepper", "✗ escalated to a supervisor"),
            "abandoned": QCoreApplication.translate("PhaseStepper", "✗ the customer left"),
            "closed": QCoreApplication.translate("PhaseStepper", "✗ closed before the customer agreed")}


class PhaseStepper(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName(self.tr("Conversation phase"))
        self._lang = "en"  # the session's
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(4)
        self._steps: dict[str, QLabel] = {}
        for i, phase in enumerate(PHASES):
            if i:
                arrow = QLabel("→")
                arrow.setEnabled(False)
                row.addWidget(arrow)
            label = QLabel(phase)
            label.setObjectName(f"phase_{phase}")
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setMargin(3)
            self._steps[phase] = label
            row.addWidget(label)
        self._ending = QLabel("")
        self._ending.setObjectName("phase_ending")
        row.addWidget(self._ending)
        row.addStretch(1)
        self._phase = self._last_live = ""
        self.set_phase("")

    def set_language(self, lang: str) -> None:
        self._lang = lang
        self.set_phase(self._phase)

    def phase(self) -> str:
        return self._phase

    def ending_text(self) -> str:
        return self._ending.text()

    def set_phase(self, phase: str) -> None:
        """A phase of PHASES, an ending (resolved/escalated/abandoned), or '' for none."""
        self._phase = phase
        if phase in PHASES or not phase:
            self._last_live = phase
        if phase in PHASES:
            reached = PHASES.index(phase)
        elif phase == "resolved":
            reached = len(PHASES)
        elif self._last_live in PHASES:  # ended badly: the phases before it were done
            reached = PHASES.index(self._last_live)
        else:
            reached = -1
        for i, (name, label) in enumerate(self._steps.items()):
            current = name == phase
            done = i < reached
            label.setText(("✓ " if done else "") + phase_text(name, self._lang))
            font = label.font()
            font.setBold(current)
            label.setFont(font)
            label.setEnabled(current or done)
            label.setFrameShape(QLabel.Shape.StyledPanel if current else QLabel.Shape.NoFrame)
        ending = ending_texts()
        self._ending.setText(ending.get(phase, ""))
        if phase in PHASES:
            where = self.tr("phase {n} of {count}: {phase}").format(
                n=PHASES.index(phase) + 1, count=len(PHASES), phase=phase_text(phase, self._lang))
        elif phase:
            where = self.tr("ended: {ending}").format(ending=ending.get(phase, phase))
        else:
            where = self.tr("no conversation yet")
        self.setAccessibleDescription(where)
        self.setToolTip(where)
