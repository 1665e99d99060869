"""The desktop app's entry point: `temper` and `temper gui [SCENARIO]` call `main(args)`.

Sets up the QApplication (names for QSettings, the system's light or dark scheme,
the trainee's text size) and is the one place an unexpected exception becomes a
message box: the trainee never sees a traceback (it goes to a log file instead).

Environment: TEMPER_HOME keeps data *and* settings in one folder; TEMPER_CUSTOMER_DELAY
scales the customer's typing delay (1 = realistic, 0 = instant, for demos).
"""

from __future__ import annotations

import os
import sys
import traceback
from datetime import datetime

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from simulator.errors import TemperError
from simulator.paths import data_dir
from ui import settings

_base_sizes: dict[str, float] = {}
#: Widget classes a platform theme may give fonts of their own (menus, lists, tips…):
#: each is scaled from its own base size, so everything grows together.
_FONT_CLASSES = ("", "QMenuBar", "QMenu", "QAbstractItemView", "QHeaderView", "QTipLabel",
                 "QStatusBar", "QMessageBox", "QLabel", "QAbstractButton", "QComboBox",
                 "QLineEdit", "QTextEdit", "QPlainTextEdit", "QGroupBox", "QTabBar", "QDockWidget")


def create_app(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if app is None:
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
            Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
        app = QApplication(argv if argv is not None else sys.argv[:1])
    if os.environ.get("TEMPER_HOME"):  # a self-contained Temper folder keeps its settings too
        settings.use_folder(data_dir() / "settings")
    app.setOrganizationName(settings.ORGANIZATION)
    app.setApplicationName(settings.APPLICATION)
    app.setApplicationDisplayName("Temper")
    from ui import language

    language.install(app)
    apply_font_scale(app, settings.get_float("view/font_scale", 1.0))
    return app


def apply_font_scale(app: QApplication, scale: float) -> None:
    """The system's font size times the trainee's choice (View ▸ Larger text)."""
    scale = min(2.5, max(0.6, scale))
    own = {c: QFont(app.font(c) if c else app.font()) for c in _FONT_CLASSES}
    for cls, font in own.items():
        if cls not in _base_sizes:
            _base_sizes[cls] = font.pointSizeF() if font.pointSizeF() > 0 else 10.0
    app.setFont(_scaled(own[""], _base_sizes[""] * scale))
    for cls, font in own.items():
        if cls and _base_sizes[cls] != _base_sizes[""]:
            app.setFont(_scaled(font, _base_sizes[cls] * scale), cls)


def _scaled(font: QFont, size: float) -> QFont:
    font = QFont(font)
    font.setPointSizeF(size)
    return font


def log_path():
    return data_dir() / "temper-errors.log"


def report_unexpected(exc_type, exc, tb, parent=None, show=None) -> str:
    """Log the traceback, show one message; returns the message shown."""
    if issubclass(exc_type, TemperError):
        message = str(exc)
    else:
        where = log_path()
        try:
            where.parent.mkdir(parents=True, exist_ok=True)
            with open(where, "a", encoding="utf-8") as fh:
                fh.write(f"--- {datetime.now().isoformat()}\n")
                fh.write("".join(traceback.format_exception(exc_type, exc, tb)))
            logged = QCoreApplication.translate("CrashDialog", "The details were written to {file}.").format(
                file=where)
        except OSError:
            logged = ""
            traceback.print_exception(exc_type, exc, tb)
        message = (QCoreApplication.translate("CrashDialog", "Something went wrong: {error}").format(
                       error=f"{exc_type.__name__}: {exc}") + "\n\n"
                   + QCoreApplication.translate("CrashDialog", "Your work so far is kept.") + " " + logged).strip()
    (show or (lambda m: QMessageBox.critical(parent, "Temper", m)))(message)
    return message


def build(args):
    """The application and its main window, shown (used by `main` and the benchmark)."""
    from ui.main_window import MainWindow
    from ui.store_worker import StoreWorker

    app = create_app()
    delay = float(os.environ.get("TEMPER_CUSTOMER_DELAY", "1") or 1)
    window = MainWindow(customer_delay=delay, store=StoreWorker())
    sys.excepthook = lambda t, e, tb: report_unexpected(t, e, tb, window)
    window.show()
    window.load_library()
    scenario = getattr(args, "scenario", None)
    if scenario:
        window.open_scenario(scenario)
    return app, window


def main(args) -> int:
    app, window = build(args)
    code = app.exec()
    window.store.close()
    from ui.workers import wait_for_background

    wait_for_background()
    return code
