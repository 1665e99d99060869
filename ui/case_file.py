"""The case file beside the customer card: what the trainee is told before replying
(the brief, the facts, what may and may not be offered). Display only."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from simulator.customer.casefile import case_file
from simulator.format.scenario import Scenario


class CaseFile(QFrame):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName(self.tr("Case file"))
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setAccessibleName(self.tr("Case file title"))
        self.body = QLabel()
        self.body.setAccessibleName(self.tr("Case file: brief, facts and what may be offered"))
        self.body.setWordWrap(True)
        self.body.setTextFormat(Qt.TextFormat.PlainText)
        self.body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.body)

    def show_scenario(self, scenario: Scenario) -> None:
        lines = case_file(scenario)
        self.title.setText(lines[0].split(":")[0])
        self.body.setText("\n\n".join(lines[1:]))
        self.setAccessibleDescription(self.body.text())
