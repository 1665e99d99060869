"""The scenario library: title, channel, language, difficulty, where it comes from;
search and filters.

The bundled scenarios are listed beside the training centre's (the settings'
`scenario_folder`, read-only like the bundled ones), the user's own (their scenario
folder, where the scenario lab saves copies) and the files they opened. A file that fails validation
is listed with its error (file and line), whatever the filters say: it is never hidden
and never a crash. Loading happens off the UI thread.
"""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QAbstractTableModel,
    QModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from scoring.model import CHANNELS, LANGUAGES
from simulator.library import Entry
from simulator.format.scenario import DIFFICULTIES
from ui import settings, theme
from ui.language import said

COLUMNS = ("Title", "Channel", "Language", "Difficulty", "Status", "Source")
ALL = "all"


# The interface's words outside a widget are QCoreApplication.translate("LibraryView", …)
# calls, written out so that pyside6-lupdate finds them.


def _names() -> dict[str, str]:
    """Channels, languages, difficulties and sources as the interface names them."""
    return {"chat": QCoreApplication.translate("LibraryView", "Live chat"), "email": QCoreApplication.translate("LibraryView", "Email"),
            "phone": QCoreApplication.translate("LibraryView", "Phone"), "social": QCoreApplication.translate("LibraryView", "Social media (public)"),
            "whatsapp": QCoreApplication.translate("LibraryView", "WhatsApp"),
            "en": QCoreApplication.translate("LibraryView", "English"), "es": QCoreApplication.translate("LibraryView", "Spanish"),
            "easy": QCoreApplication.translate("LibraryView", "easy"), "medium": QCoreApplication.translate("LibraryView", "medium"),
            "hard": QCoreApplication.translate("LibraryView", "hard"), "bundled": QCoreApplication.translate("LibraryView", "bundled"),
            "centre": QCoreApplication.translate("LibraryView", "your centre's"),
            "yours": QCoreApplication.translate("LibraryView", "yours"), "opened": QCoreApplication.translate("LibraryView", "opened file")}


def _columns() -> tuple[str, ...]:
    return (QCoreApplication.translate("LibraryView", "Title"), QCoreApplication.translate("LibraryView", "Channel"), QCoreApplication.translate("LibraryView", "Language"),
            QCoreApplication.translate("LibraryView", "Difficulty"), QCoreApplication.translate("LibraryView", "Status"), QCoreApplication.translate("LibraryView", "Source"))


def entry_row(e: Entry) -> tuple[str, str, str, str, str, str]:
    names = _names()
    origin = names.get(e.origin, e.origin)
    if e.replaces is not None:
        origin = QCoreApplication.translate("LibraryView", "your centre's (replaces the bundled one)")
    if e.scenario is None:
        first = e.problems[0] if e.problems else None
        where = (QCoreApplication.translate("LibraryView", "line {line}: {message}").format(line=first.line, message=said(first.message)) if first
                 else QCoreApplication.translate("LibraryView", "cannot be read"))
        return (e.path.name, "—", "—", "—", QCoreApplication.translate("LibraryView", "⚠ invalid — {where}").format(where=where), origin)
    c = e.scenario.customer
    return (e.scenario.title, names.get(c.channel, c.channel),
            names.get(c.language, c.language), names.get(c.difficulty, c.difficulty), QCoreApplication.translate("LibraryView", "ready"), origin)


class LibraryModel(QAbstractTableModel):
    EntryRole = Qt.ItemDataRole.UserRole + 1
    SearchRole = Qt.ItemDataRole.UserRole + 2

    def __init__(self, parent=None):
        super().__init__(parent)
        self.entries: list[Entry] = []

    def set_entries(self, entries: list[Entry]) -> None:
        self.beginResetModel()
        self.entries = list(entries)
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.entries)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _columns()[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        e = self.entries[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return entry_row(e)[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            if e.scenario is None:
                return "\n".join(said(p) for p in e.problems) or str(e.path)
            return str(e.path)
        if role == Qt.ItemDataRole.ForegroundRole and e.scenario is None:
            return theme.BAD
        if role == self.EntryRole:
            return e
        if role == self.SearchRole:
            parts = [str(e.path), e.id] + list(entry_row(e))
            if e.scenario:
                parts += list(e.scenario.tags) + [e.scenario.customer.name, e.scenario.customer.backstory]
            else:
                parts += [said(p) for p in e.problems]
            return " ".join(parts).casefold()
        return None


class LibraryFilter(QSortFilterProxyModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.search = ""
        self.channel = self.language = self.difficulty = ALL

    def set_filters(self, search: str, channel: str, language: str, difficulty: str) -> None:
        self.beginFilterChange()
        self.search = search.casefold().strip()
        self.channel, self.language, self.difficulty = channel, language, difficulty
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, row: int, parent) -> bool:
        model = self.sourceModel()
        e: Entry = model.entries[row]
        if self.search and not all(w in model.data(model.index(row, 0), LibraryModel.SearchRole)
                                   for w in self.search.split()):
            return False
        if e.scenario is None:
            return True  # never hidden by the filters: it needs fixing
        c = e.scenario.customer
        return ((self.channel == ALL or c.channel == self.channel)
                and (self.language == ALL or c.language == self.language)
                and (self.difficulty == ALL or c.difficulty == self.difficulty))


class LibraryView(QWidget):
    start_requested = Signal(object, str)  # Entry, mode
    open_file_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = LibraryModel(self)
        self.proxy = LibraryFilter(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search title, customer, tag, file…"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(self.tr("Search scenarios"))
        names = _names()
        self.channel = self._combo(self.tr("Channel filter"), [(ALL, self.tr("All channels"))] +
                                   [(c, names.get(c, c)) for c in CHANNELS])
        self.language = self._combo(self.tr("Language filter"), [(ALL, self.tr("All languages"))] +
                                    [(lang, names.get(lang, lang)) for lang in LANGUAGES])
        self.difficulty = self._combo(self.tr("Difficulty filter"), [(ALL, self.tr("All difficulties"))] +
                                      [(d, names.get(d, d)) for d in DIFFICULTIES])
        filters = QHBoxLayout()
        search_label = QLabel(self.tr("&Find:"))
        search_label.setBuddy(self.search)
        filters.addWidget(search_label)
        filters.addWidget(self.search, 2)
        for combo in (self.channel, self.language, self.difficulty):
            filters.addWidget(combo, 1)

        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setAccessibleName(self.tr("Scenarios"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.verticalHeader().hide()
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        # A long error is elided here; the details pane and the tooltip give it whole.
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Interactive)
        self.table.setColumnWidth(4, self.fontMetrics().averageCharWidth() * 34)
        header.setStretchLastSection(False)
        self.table.activated.connect(lambda _i: self._start(self.mode.currentData()))

        self.details = QTextBrowser()
        self.details.setAccessibleName(self.tr("Scenario details"))
        self.details.setOpenLinks(False)

        self.status = QLabel(self.tr("Loading the library…"))
        self.status.setAccessibleName(self.tr("Library status"))
        self.mode = self._combo(self.tr("Mode"), [("practice", self.tr("Practice (with coaching)")),
                                                 ("exam", self.tr("Exam (no coaching, no meter)"))])
        self.trainee = QLineEdit(settings.get_str("trainee", ""))
        self.trainee.setPlaceholderText(self.tr("your name"))
        self.trainee.setAccessibleName(self.tr("Trainee name"))
        self.trainee.setMaximumWidth(220)
        self.start_button = QPushButton(self.tr("&Start"))
        self.start_button.setAccessibleName(self.tr("Start the selected scenario"))
        self.start_button.setDefault(True)
        self.open_button = QPushButton(self.tr("&Open file…"))
        self.open_button.setAccessibleName(self.tr("Open a scenario file"))
        actions = QHBoxLayout()
        trainee_label = QLabel(self.tr("&Trainee:"))
        trainee_label.setBuddy(self.trainee)
        mode_label = QLabel(self.tr("&Mode:"))
        mode_label.setBuddy(self.mode)
        actions.addWidget(self.status, 1)
        actions.addWidget(self.open_button)
        actions.addWidget(trainee_label)
        actions.addWidget(self.trainee)
        actions.addWidget(mode_label)
        actions.addWidget(self.mode)
        actions.addWidget(self.start_button)

        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(self.details)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        title = QLabel("<h2>" + self.tr("Scenario library") + "</h2>")
        layout.addWidget(title)
        layout.addLayout(filters)
        layout.addWidget(split, 1)
        layout.addLayout(actions)

        for combo, key in ((self.channel, "channel"), (self.language, "language"),
                           (self.difficulty, "difficulty"), (self.mode, "mode")):
            i = combo.findData(settings.get_str(f"library/{key}", combo.itemData(0)))
            combo.setCurrentIndex(max(0, i))
            combo.currentIndexChanged.connect(self._filters_changed)
        self.search.textChanged.connect(self._filters_changed)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_details())
        self.start_button.clicked.connect(lambda: self._start(self.mode.currentData()))
        self.open_button.clicked.connect(self.open_file_requested)
        self.trainee.editingFinished.connect(lambda: settings.put("trainee", self.trainee.text().strip()))
        self._filters_changed()

    @staticmethod
    def _combo(name: str, items: list[tuple[str, str]]) -> QComboBox:
        combo = QComboBox()
        combo.setAccessibleName(name)
        for data, text in items:
            combo.addItem(text, data)
        return combo

    # --- contents -------------------------------------------------------------------
    def set_entries(self, entries: list[Entry]) -> None:
        self.model.set_entries(entries)
        bad = sum(1 for e in entries if e.scenario is None)
        self.status.setText(self.tr("{count} scenarios").format(count=len(entries) - bad) +
                            (self.tr(" · ⚠ 1 invalid file") if bad == 1 else
                             self.tr(" · ⚠ {count} invalid files").format(count=bad) if bad else ""))
        if self.proxy.rowCount():
            self.table.selectRow(0)
        self._show_details()

    def add_entry(self, entry: Entry) -> None:
        """An opened file: listed (valid or not) and selected."""
        entries = [e for e in self.model.entries if e.path.resolve() != entry.path.resolve()]
        self.set_entries(entries + [entry])
        self.select_path(entry.path)

    def select_path(self, path: Path) -> bool:
        for row in range(self.proxy.rowCount()):
            e = self.proxy.index(row, 0).data(LibraryModel.EntryRole)
            if e.path.resolve() == Path(path).resolve():
                self.table.selectRow(row)
                return True
        return False

    def load_failed(self, message: str) -> None:
        self.status.setText(f"⚠ {message}")

    def visible_rows(self) -> list[tuple[str, ...]]:
        return [tuple(self.proxy.index(r, c).data() for c in range(len(COLUMNS)))
                for r in range(self.proxy.rowCount())]

    def selected_entry(self) -> Entry | None:
        index = self.table.currentIndex()
        return index.data(LibraryModel.EntryRole) if index.isValid() else None

    def details_text(self) -> str:
        return self.details.toPlainText()

    # --- reactions ------------------------------------------------------------------
    def _filters_changed(self) -> None:
        self.proxy.set_filters(self.search.text(), self.channel.currentData(),
                               self.language.currentData(), self.difficulty.currentData())
        for combo, key in ((self.channel, "channel"), (self.language, "language"),
                           (self.difficulty, "difficulty"), (self.mode, "mode")):
            settings.put(f"library/{key}", combo.currentData())
        if self.proxy.rowCount() and not self.table.currentIndex().isValid():
            self.table.selectRow(0)
        self._show_details()

    def _show_details(self) -> None:
        e = self.selected_entry()
        self.start_button.setEnabled(bool(e and e.scenario))
        if e is None:
            self.details.setHtml("<p>" + (self.tr("No scenario selected.") if self.model.entries
                                          else self.tr("No scenarios yet.")) + "</p>")
            return
        if e.scenario is None:
            problems = "".join(f"<li><code>{html.escape(said(p))}</code></li>" for p in e.problems)
            self.details.setHtml(
                f"<h3 style='color:{theme.BAD.name()}'>⚠ "
                + html.escape(self.tr("{file} cannot be used").format(file=e.path.name)) + "</h3><p>"
                + html.escape(self.tr("Fix these problems in {path}:")).format(path=f"<code>{html.escape(str(e.path))}</code>")
                + f"</p><ul>{problems}</ul>")
            return
        s = e.scenario
        tags = ", ".join(s.tags) or self.tr("none")
        where = {"bundled": self.tr("Bundled with Temper (read-only: the Scenario lab saves a copy to change it)"),
                 "centre": self.tr("Your training centre's (read-only: the Scenario lab saves a copy to your folder to change it)"),
                 "yours": self.tr("Yours, in your scenario folder"),
                 "opened": self.tr("A file you opened")}.get(e.origin, "")
        self.details.setHtml(
            f"<h3>{html.escape(s.title)}</h3>"
            f"<p><b>{html.escape(s.customer.name)}</b> — {html.escape(' '.join(s.customer.backstory.split()))}</p>"
            "<p>" + html.escape(self.tr("Tags: {tags} · Pass mark {mark}").format(tags=tags, mark=f"{s.rubric.pass_mark:g}")) + "</p>"
            f"<p>{html.escape(where)}: <code>{html.escape(str(e.path))}</code></p>"
            + ("<p><b>" + html.escape(self.tr(
                "It replaces the bundled scenario of the same id ({id}), which is not listed: "
                "sessions started here, and a scenario named by its id, use your centre's file.")
                .format(id=s.id)) + f"</b> <code>{html.escape(str(e.replaces))}</code></p>"
               if e.replaces is not None else ""))

    def _start(self, mode: str) -> None:
        e = self.selected_entry()
        if e is None:
            return
        if e.scenario is None:
            self._show_details()
            self.details.setFocus()
            return
        settings.put("trainee", self.trainee.text().strip())
        self.start_requested.emit(e, mode)
