"""venting → empathy → negotiation → resolution, and where the conversation is."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from scoring.model import PHASES

ENDING_TEXT = {
    "resolved": "✓ resolved",
    "escalated": "✗ escalated to a supervisor",
    "abandoned": "✗ the customer left",
}


class PhaseStepper(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName("Conversation phase")
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
            label.setText(("✓ " if done else "") + name)
            font = label.font()
            font.setBold(current)
            label.setFont(font)
            label.setEnabled(current or done)
            label.setFrameShape(QLabel.Shape.StyledPanel if current else QLabel.Shape.NoFrame)
        self._ending.setText(ENDING_TEXT.get(phase, ""))
        if phase in PHASES:
            where = f"phase {PHASES.index(phase) + 1} of {len(PHASES)}: {phase}"
        elif phase:
            where = f"ended: {ENDING_TEXT.get(phase, phase)}"
        else:
            where = "no conversation yet"
        self.setAccessibleDescription(where)
        self.setToolTip(where)
