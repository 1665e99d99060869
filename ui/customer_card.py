"""Who the trainee is talking to: name, channel, language, difficulty, mood, backstory."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QFrame, QLabel, QWidget

from simulator.format.scenario import Scenario, band_of
from simulator.wording import band_text, channel_text, difficulty_text, language_name
from ui import theme



class CustomerCard(QFrame):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName(self.tr("Customer card"))
        self._lang = "en"
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.name = QLabel()
        self.name.setTextFormat(Qt.TextFormat.RichText)
        self.channel = QLabel()
        self.mood = QLabel()
        self.mood.setObjectName("customer_mood")
        self.backstory = QLabel()
        self.backstory.setWordWrap(True)
        self.backstory.setTextFormat(Qt.TextFormat.PlainText)
        form = QFormLayout(self)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        form.addRow(self.name)
        form.addRow(self.tr("Channel:"), self.channel)
        form.addRow(self.tr("Mood:"), self.mood)
        form.addRow(self.backstory)
        self._mood_hidden = False

    def show_scenario(self, scenario: Scenario, *, hide_mood: bool = False) -> None:
        c = scenario.customer
        self.name.setText(f"<big><b>{html.escape(c.name)}</b></big>")
        self._name = c.name
        lang = self._lang = scenario.language
        self.channel.setText(f"{channel_text(c.channel, lang)} · "
                             f"{language_name(c.language, lang)} · {difficulty_text(c.difficulty, lang)}")
        self.backstory.setText(" ".join(c.backstory.split()))
        self._mood_hidden = hide_mood
        self.mood.setText(self.tr("hidden in exam mode") if hide_mood else "—")
        self._describe()

    def set_level(self, level: float, *, reveal: bool = False) -> None:
        if reveal:
            self._mood_hidden = False
        if not self._mood_hidden:
            self.mood.setText(f'<b style="color:{theme.hostility_color(level).name()}">●</b> '
                              f"{band_text(band_of(level), self._lang)}")
        self._describe()

    def _describe(self) -> None:
        self.setAccessibleDescription(
            self.tr("{name}, {channel}, mood {mood}. ").format(
                name=getattr(self, '_name', ''), channel=self.channel.text(), mood=self.mood_text()) +
            f"{self.backstory.text()}")

    def mood_text(self) -> str:
        return self.mood.text().split("</b>")[-1].strip()
