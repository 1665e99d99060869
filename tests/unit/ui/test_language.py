"""The app's own interface in the trainee's language, and a Spanish session Spanish end to
end: the library, the conversation (customer card, meter, phases, coaching, the end
banner) and the report, with the interface in Spanish, show no English.

The widgets' words come from Qt's translation file (ui/translations/temper_es.ts,
compiled to the shipped .qm); these tests run pyside6-lupdate and pyside6-lrelease (both
ship with PySide6) to check that file against the code."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextBrowser,
    QTextEdit,
    QWidget,
)

from simulator.library import resolve

pytestmark = pytest.mark.gui

REPO = Path(__file__).resolve().parents[3]
TS = REPO / "ui" / "translations" / "temper_es.ts"
QM = TS.with_suffix(".qm")
PLACEHOLDER = re.compile(r"\{\w*\}")


def _tool(name: str) -> str:
    return shutil.which(f"pyside6-{name}") or str(Path(sys.executable).with_name(f"pyside6-{name}"))


def _messages(ts: Path) -> dict[tuple[str, str], ET.Element]:
    root = ET.parse(ts).getroot()
    return {(ctx.findtext("name") or "", m.findtext("source")): m.find("translation")
            for ctx in root.iter("context") for m in ctx.iter("message")}


@pytest.fixture
def spanish_interface(qapp):
    from ui import language

    yield language.install(qapp, "es")
    language.install(qapp, "en")


# --- the translation file ------------------------------------------------------------------

def test_every_widget_message_has_a_finished_spanish_translation():
    messages = _messages(TS)
    assert len(messages) > 150
    for (context, source), translation in messages.items():
        assert translation.get("type") not in ("unfinished", "vanished", "obsolete"), (context, source)
        assert translation.text and translation.text.strip(), (context, source)
        assert sorted(PLACEHOLDER.findall(translation.text)) == sorted(PLACEHOLDER.findall(source)), source


def test_the_translation_file_has_every_message_in_the_widgets(tmp_path):
    fresh = tmp_path / "fresh.ts"
    sources = sorted(str(p) for p in (REPO / "ui").glob("*.py"))
    subprocess.run([_tool("lupdate"), *sources, "-ts", str(fresh)], check=True, capture_output=True)
    missing = set(_messages(fresh)) - set(_messages(TS))
    assert not missing, f"not in {TS.name} (run python tools/i18n.py extract): {sorted(missing)[:5]}"


def test_the_shipped_qm_is_compiled_from_the_translation_file(tmp_path):
    fresh = tmp_path / "fresh.qm"
    subprocess.run([_tool("lrelease"), str(TS), "-qm", str(fresh)], check=True, capture_output=True)
    assert QM.read_bytes() == fresh.read_bytes(), "run python tools/i18n.py compile"


# --- which language ------------------------------------------------------------------------

def test_the_interface_follows_the_system_language_unless_the_trainee_chose(qapp, monkeypatch):
    from ui import language

    monkeypatch.delenv("TEMPER_LANGUAGE", raising=False)
    monkeypatch.setattr(QLocale, "system", staticmethod(lambda: QLocale("es_ES")))
    try:
        assert language.current() == "es"
        assert language.install(qapp) == "es"
        assert QCoreApplication.translate("ReplyBox", "&Send") == "&Enviar"
        language.choose("en")  # View ▸ Language ▸ English
        assert language.current() == "en" and language.install(qapp) == "en"
        assert QCoreApplication.translate("ReplyBox", "&Send") == "&Send"
        language.choose("")  # back to the system's
        assert language.current() == "es"
        monkeypatch.setenv("TEMPER_LANGUAGE", "en")
        assert language.current() == "en"
    finally:
        language.install(qapp, "en")


def test_the_view_menu_offers_the_languages_and_remembers_the_choice(qtbot, window):
    from ui import language

    menu = window.findChild(QWidget, "language_menu")
    names = [a.text() for a in menu.actions()]
    assert "English" in names and "Español" in names
    next(a for a in menu.actions() if a.objectName() == "language_es").trigger()
    assert language.chosen() == "es"
    assert "next start" in window.statusBar().currentMessage()


# --- a Spanish session, end to end ----------------------------------------------------------

def _english_words() -> set[str]:
    def words(name: str) -> set[str]:
        text = (REPO / "scoring" / "data" / name).read_text(encoding="utf-8")
        return {w for line in text.splitlines() if not line.startswith("#") for w in line.split()}

    # English function words that are not Spanish ones, and the app's own English words.
    own = {"reply", "replies", "send", "report", "score", "customer", "hostility", "library", "history",
           "export", "practice", "practise", "session", "passed", "outcome", "phase", "mood", "channel",
           "coach", "coaching", "venting", "empathy", "negotiation", "resolution", "resolved",
           "escalated", "abandoned", "apology", "closure", "ownership", "listening", "waiting",
           "typing", "start", "open", "file", "search", "title", "difficulty", "source", "ready",
           "bundled", "trainee", "mode", "exam", "pass", "mark", "result", "calm", "angry", "annoyed",
           "furious", "conversation", "good", "hidden", "next", "steps", "transcript", "curve"}
    return (words("stopwords_en.txt") - words("stopwords_es.txt") - {"a", "no", "me", "he", "son"}) | own


def _shown_texts(root: QWidget) -> list[str]:
    """Every text a trainee can see or a screen reader can say in the visible widgets."""
    out = [root.windowTitle()]
    for w in [root, *root.findChildren(QWidget)]:
        if not w.isVisibleTo(root):
            continue
        out += [w.accessibleName(), w.accessibleDescription(), w.toolTip()]
        if isinstance(w, QLabel):
            out.append(w.text())
        elif isinstance(w, QAbstractButton):
            out.append(w.text())
        elif isinstance(w, QLineEdit):
            out += [w.text(), w.placeholderText()]
        elif isinstance(w, (QTextBrowser, QTextEdit, QPlainTextEdit)):
            out += [w.toPlainText(), w.placeholderText()]
        elif isinstance(w, QComboBox):
            out += [w.itemText(i) for i in range(w.count())]
    if hasattr(root, "menuBar"):
        for menu in root.menuBar().actions():
            out.append(menu.text())
            out += [a.text() for a in menu.menu().actions()]
    return [t for t in out if t]


def _english_in(texts: list[str], allowed: set[str] = frozenset()) -> list[tuple[str, str]]:
    english = _english_words()
    found = []
    for text in texts:
        plain = re.sub(r"<[^>]+>", " ", text).replace("&", "")
        for word in re.findall(r"[^\W\d_]+", plain):
            if len(word) > 1 and word.lower() in english and word not in allowed:
                found.append((word, plain.strip()[:90]))
    return found


def test_the_english_detector_finds_english(qtbot, window):
    """The check below can fail: the English interface is full of English."""
    assert len(_english_in(_shown_texts(window))) > 10


def test_a_spanish_session_is_spanish_end_to_end(qtbot, spanish_interface, store_worker):
    from ui.main_window import MainWindow

    scenario = resolve("lavadora_garantia")
    replies = [r.text for r in scenario.examples[0].replies]
    window = MainWindow(customer_delay=0, store=store_worker)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.library_loaded, timeout=5000):
        window.load_library()
    window.show()
    qtbot.waitExposed(window)
    # Names and file names are the trainee's own: "Temper" and the scenario ids are not English.
    allowed = {"Temper", "PDF", "HTML", "Ctrl", "Tab", "WhatsApp", "Chat"}

    assert window.current_page() == "library"
    # A Spanish-speaking trainee lists the Spanish scenarios (the others' titles are English).
    window.library.language.setCurrentIndex(window.library.language.findData("es"))
    assert window.library.visible_rows() and all(row[2] == "Español" for row in window.library.visible_rows())
    assert _english_in(_shown_texts(window), allowed) == []

    with qtbot.waitSignal(window.controller.ready_for_reply, timeout=3000, check_params_cb=lambda ready: ready):
        window.start(scenario, mode="practice", seed=scenario.examples[0].seed or 0)
    assert _english_in(_shown_texts(window), allowed) == []
    view = window.session_view
    for reply in replies:
        if window.controller.session.finished:
            break
        editor = view.reply.editor
        editor.setFocus()
        # (QTest.keyClicks aborts on accented letters: the text is typed as one insertion)
        editor.insertPlainText(reply)
        shown = len(view.conversation.messages())
        qtbot.keyClick(editor, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: len(view.conversation.messages()) >= shown + 2, timeout=3000)
        assert _english_in(_shown_texts(window), allowed) == [], reply
    assert window.controller.session.outcome == "resolved"
    assert view.end_banner.text() == "El cliente está de acuerdo: conversación resuelta."
    assert _english_in(_shown_texts(window), allowed) == []

    view.report_button.click()
    qtbot.waitUntil(lambda: window.current_page() == "report", timeout=3000)
    assert "nota de aprobado" in window.report.verdict.text()
    assert _english_in(_shown_texts(window), allowed) == []


def test_the_scenario_lab_speaks_the_interface_language(qtbot, spanish_interface):
    """Its toolbar, buttons, tabs and messages; the scenario's own text is the author's."""
    from PySide6.QtWidgets import QTabWidget

    from simulator.library import bundled_dir
    from ui.lab import ScenarioLab

    lab = ScenarioLab()
    qtbot.addWidget(lab)
    lab.open_file(bundled_dir() / "lavadora_garantia.yaml")
    lab.validate_now()
    lab.show()
    qtbot.waitExposed(lab)
    # the scenario as written and its diagram as Mermaid text are the author's own words
    texts = [t for t in _shown_texts(lab) if t != lab.editor.toPlainText() and not t.startswith("stateDiagram")]
    tabs = lab.findChild(QTabWidget)
    texts += [tabs.tabText(i) for i in range(tabs.count())]
    assert any("Válido" in t for t in texts)
    from simulator.library import user_dir

    texts = [t.replace(str(user_dir()), "FOLDER") for t in texts]  # the folder's name is no word
    allowed = {"Temper", "Mermaid", "yaml", "lavadora_garantia", "Ctrl", "FOLDER"}
    assert _english_in(texts, allowed) == []
    # the examples' results too: how many reach their ending, and each one's line
    with qtbot.waitSignal(lab.examples_run, timeout=30000):
        lab.run_examples()
    assert "ejemplos llegan a su final" in lab.status.text()
    rows = lab.example_list.entries()
    assert rows and all(r.startswith(("✓ línea ", "✗ línea ")) for r in rows)


def test_the_crash_dialog_speaks_the_interface_language(spanish_interface):
    import sys

    from ui.app import log_path, report_unexpected

    shown = []
    try:
        raise KeyError("boom")
    except KeyError:
        report_unexpected(*sys.exc_info(), show=shown.append)
    [message] = shown
    assert message.startswith("Algo salió mal: KeyError")
    assert "Lo que ha hecho hasta ahora está guardado." in message and str(log_path()) in message
    assert _english_in([message.replace(str(log_path()), "")], {"KeyError", "boom"}) == []


BROKEN = """format: 2
title: Lavadora rota
titel: una errata
hostility:
  start: 10
  peak: 500
"""


def test_a_spanish_desktop_says_the_stores_news_and_a_broken_scenarios_problems_in_spanish(
        qtbot, spanish_interface, store_worker, temper_home, tmp_path):
    """What the results store and the scenario checker say reaches a Spanish trainer in
    Spanish: the corrections moved into the database (status bar), a scenario in their
    folder that cannot be used (the library's row, its tooltip and details), the same
    problems when the file is opened, and the store's refusal to resume a session that is
    not there. The places (FILE:LINE:COL, the keys the author wrote) are kept."""
    from scoring.corrections import to_lines
    from simulator.centre import correction_for, corrections_path
    from simulator.library import user_dir
    from ui.main_window import MainWindow

    user_dir().mkdir(parents=True)
    broken = user_dir() / "lavadora_rota.yaml"
    broken.write_text(BROKEN, encoding="utf-8")
    corrections_path().write_text(to_lines([correction_for(
        "Lo siento mucho, lo reviso ahora mismo.", "es", "apology", True, "marta")]), encoding="utf-8")

    window = MainWindow(customer_delay=0, store=store_worker)
    qtbot.addWidget(window)
    dialogs: list[tuple[str, str]] = []
    window.show_error = lambda title, message: dialogs.append((title, message))
    window.confirm = lambda title, question: True
    with qtbot.waitSignal(window.corrections_loaded, timeout=5000):
        pass
    with qtbot.waitSignal(window.library_loaded, timeout=5000):
        window.load_library()
    window.show()
    qtbot.waitExposed(window)

    def plain(texts):  # folders and file names are no words of either language
        out = []
        for t in texts:
            for folder in (str(tmp_path), str(temper_home)):
                t = t.replace(folder, "FOLDER")
            t = re.sub(r"`[^`]*`", "COMMAND", t)  # a command is typed as it is
            out.append(re.sub(r"[\w.-]+\.(?:jsonl(?:\.imported)?|sqlite3|yaml)", "FILE", t))
        return out

    # the keys the author wrote (and the one suggested) are the file's own words
    allowed = {"Temper", "Ctrl", "WhatsApp", "Chat", "FOLDER", "FILE", "COMMAND", "titel", "title",
               "hostility", "peak", "breaking_point", "rise_turns", "brief", "concerns",
               "customer", "endings", "lines", "policy", "format"}
    news = window.statusBar().toolTip()
    assert "se guardan ahora en la base de datos de resultados" in news, news
    assert str(store_worker.path) in news  # the place is kept as it is

    row = next(r for r in range(window.library.proxy.rowCount())
               if window.library.proxy.index(r, 0).data() == broken.name)
    window.library.table.selectRow(row)
    tooltip = window.library.proxy.index(row, 0).data(Qt.ItemDataRole.ToolTipRole)
    details = window.library.details.toPlainText()
    assert f"{broken}:3:1: titel: clave desconocida 'titel' (¿quería decir 'title'?)" in tooltip.splitlines()
    assert f"{broken}:6:9: hostility.peak: 500 está por encima del máximo 100" in details
    assert "⚠" in window.library.proxy.index(row, 4).data()
    assert _english_in(plain(_shown_texts(window) + [tooltip]), allowed) == []

    window.open_path(broken)
    qtbot.waitUntil(lambda: len(dialogs) == 1, timeout=5000)
    window.resume(999)
    qtbot.waitUntil(lambda: len(dialogs) == 2, timeout=5000)
    (_, opened), (_, resumed) = dialogs
    assert "falta la clave obligatoria 'policy'" in opened
    assert resumed.startswith("no hay ninguna sesión 999 en ")
    assert _english_in(plain([m for pair in dialogs for m in pair]), allowed) == []
