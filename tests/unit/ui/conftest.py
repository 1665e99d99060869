"""Fixtures for the desktop app's tests (offscreen; after qutebrowser's and napari's).

- every test gets its own QSettings folder, so no test sees another's choices or a
  developer's own;
- a test that leaves a QTimer running or a top-level window open fails (as napari's
  `dangling_qtimers` and `leaked widgets` checks do): a dangling timer fires into the
  next test, a leaked window means something was never closed;
- background jobs (library loading, exports, the results store) are waited for.
"""

from __future__ import annotations

import weakref

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QTimer
from PySide6.QtWidgets import QApplication

def _patient_agent() -> tuple[str, ...]:
    """The replies of late_delivery's own example "a patient agent resolves it"."""
    from simulator.library import bundled_dir
    from simulator.format.loader import load_scenario

    example = load_scenario(bundled_dir() / "late_delivery.yaml").examples[0]
    return tuple(r.text for r in example.replies)


REPLIES_RESOLVING = _patient_agent()


def active_timers(timers) -> list[QTimer]:
    """The timers of `timers` (weak references) still alive and running."""
    out = []
    for ref in timers:
        timer = ref()
        if timer is None:
            continue
        try:
            if timer.isActive():
                out.append(timer)
        except RuntimeError:  # its C++ side was deleted with its parent: fine
            continue
    return out


@pytest.fixture(autouse=True)
def qt_settings(tmp_path, qapp):
    from ui import settings

    folder = tmp_path / "settings"
    folder.mkdir()
    settings.use_folder(folder)
    font = QApplication.font()
    yield folder
    QApplication.setFont(font)


@pytest.fixture(autouse=True)
def no_leftovers(request, qapp, monkeypatch):
    """Fail a test that leaves a timer running or a top-level widget behind."""
    from ui.workers import wait_for_background

    started: list[weakref.ReferenceType] = []
    real_start = QTimer.start

    def tracking_start(self, *args):
        started.append(weakref.ref(self))
        return real_start(self, *args)

    monkeypatch.setattr(QTimer, "start", tracking_start)
    before = {id(w) for w in QApplication.topLevelWidgets()}
    yield
    # pytest-qt has closed and deleteLater()'d the widgets added with qtbot.addWidget.
    wait_for_background()
    QCoreApplication.processEvents()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    running = active_timers(started)
    leaked = [w for w in QApplication.topLevelWidgets() if id(w) not in before and not w.parent()]
    for t in running:
        t.stop()
    for w in leaked:
        w.close()
        w.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    problems = []
    if running:
        problems.append(f"{len(running)} QTimer(s) left running: "
                        + ", ".join(f"{t.objectName() or t!r} ({t.interval()} ms)" for t in running))
    if leaked:
        problems.append("top-level widgets left open: " + ", ".join(type(w).__name__ for w in leaked))
    if problems:
        pytest.fail("; ".join(problems), pytrace=False)


@pytest.fixture(autouse=True)
def dialogs(monkeypatch):
    """No real modal dialog ever opens in a test (it would block it). Questions are
    answered yes; an error or information box a test did not expect fails it. A test
    that expects one replaces the method on its window, which takes precedence."""
    from ui.lab import ScenarioLab
    from ui.main_window import MainWindow
    from ui.report_view import ReportView

    shown: list[tuple[str, str]] = []
    # Closing a lab with unsaved edits asks; tests that care answer it themselves.
    monkeypatch.setattr(ScenarioLab, "ask_unsaved", lambda self: "discard")
    monkeypatch.setattr(ScenarioLab, "ask_save_path", lambda self, suggested: None)
    monkeypatch.setattr(MainWindow, "confirm", lambda self, title, question: True)
    monkeypatch.setattr(MainWindow, "show_error", lambda self, title, message: shown.append((title, message)))
    monkeypatch.setattr(MainWindow, "show_info", lambda self, title, message: shown.append((title, message)))
    monkeypatch.setattr(MainWindow, "ask_open_path", lambda self: "")
    monkeypatch.setattr(ReportView, "ask_save_path", lambda self, kind, suggested: "")
    yield shown
    assert shown == [], f"unexpected message boxes: {shown}"


@pytest.fixture
def store_worker(tmp_path):
    from ui.store_worker import StoreWorker

    worker = StoreWorker(tmp_path / "results.sqlite3")
    yield worker
    worker.close()


@pytest.fixture
def window(qtbot, store_worker):
    """The main window with an instant customer and a private results store, library loaded."""
    from ui.main_window import MainWindow

    w = MainWindow(customer_delay=0, store=store_worker)
    qtbot.addWidget(w)
    with qtbot.waitSignal(w.library_loaded, timeout=5000):
        w.load_library()
    w.show()
    qtbot.waitExposed(w)
    return w


@pytest.fixture
def resolving_replies():
    return REPLIES_RESOLVING


@pytest.fixture
def variant(tmp_path):
    """variant("name", {"old text": "new text"}): a changed copy of the bundled scenario."""
    from simulator.library import bundled_dir

    def make(name: str, replace: dict[str, str]):
        text = (bundled_dir() / "late_delivery.yaml").read_text(encoding="utf-8")
        for old, new in replace.items():
            assert old in text, old
            text = text.replace(old, new, 1)
        folder = tmp_path / "scenarios"
        folder.mkdir(exist_ok=True)
        path = folder / f"{name}.yaml"
        path.write_text(text, encoding="utf-8")
        return path
    return make
