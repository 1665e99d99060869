"""Render the desktop app's screenshots offscreen into docs/screenshots/*.png.

    python tools/screenshots.py [--out docs/screenshots] [--dark]

Drives the real main window through the bundled `late_delivery` scenario (practice
mode, seed 1) with an instant customer, then grabs the library, the conversation in
the middle, the report and History. Uses a throwaway data folder and settings, so
nothing on this machine is read or written.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
def _patient_agent() -> tuple[str, ...]:
    """The replies of late_delivery's own example "a patient agent resolves it"."""
    from simulator.library import bundled_dir
    from simulator.format.loader import load_scenario

    example = load_scenario(bundled_dir() / "late_delivery.yaml").examples[0]
    return tuple(r.text for r in example.replies)


REPLIES = _patient_agent()


def dark_palette():
    from PySide6.QtGui import QColor, QPalette

    pal = QPalette()
    R = QPalette.ColorRole
    for role, color in ((R.Window, "#2b2b2e"), (R.WindowText, "#e6e6e6"), (R.Base, "#1e1e20"),
                        (R.AlternateBase, "#2f2f33"), (R.Text, "#e6e6e6"), (R.Button, "#35353a"),
                        (R.ButtonText, "#e6e6e6"), (R.Highlight, "#3d7fd6"),
                        (R.HighlightedText, "#ffffff"), (R.ToolTipBase, "#35353a"),
                        (R.ToolTipText, "#e6e6e6"), (R.PlaceholderText, "#8a8a90"),
                        (R.Mid, "#55555a"), (R.Dark, "#18181a"), (R.Light, "#4a4a50")):
        pal.setColor(role, QColor(color))
    pal.setColor(QPalette.ColorGroup.Disabled, R.Text, QColor("#808086"))
    pal.setColor(QPalette.ColorGroup.Disabled, R.WindowText, QColor("#808086"))
    pal.setColor(QPalette.ColorGroup.Disabled, R.ButtonText, QColor("#808086"))
    return pal


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=str(REPO / "docs" / "screenshots"))
    ap.add_argument("--dark", action="store_true", help="render with a dark palette")
    ap.add_argument("--size", default="1280x820")
    ap.add_argument("--font-scale", type=float, default=1.0, help="text size, as View ▸ Larger text")
    args = ap.parse_args(argv)
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    home = tempfile.mkdtemp(prefix="temper-shots-")
    os.environ["TEMPER_HOME"] = home
    sys.path.insert(0, str(REPO))

    from PySide6.QtCore import QCoreApplication, QDeadlineTimer, QEventLoop
    from PySide6.QtGui import QGuiApplication, QPalette
    from PySide6.QtCore import Qt

    from ui import settings
    from ui.app import create_app

    settings.use_folder(Path(home) / "settings")
    settings.put("view/font_scale", args.font_scale)
    app = create_app(["temper-screenshots"])
    if args.dark:
        # What a system in dark mode hands Qt (the offscreen platform has no theme).
        QGuiApplication.styleHints().setColorScheme(Qt.ColorScheme.Dark)
        app.setStyle("Fusion")
        app.setPalette(dark_palette())
    from simulator.library import resolve
    from ui.main_window import MainWindow
    from ui.store_worker import StoreWorker

    def settle(until=lambda: True, ms: int = 5000) -> None:
        deadline = QDeadlineTimer(ms)
        while not until() and not deadline.hasExpired():
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        for _ in range(5):
            QCoreApplication.processEvents()

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    w, h = (int(v) for v in args.size.split("x"))
    store = StoreWorker(Path(home) / "results.sqlite3")
    window = MainWindow(customer_delay=0, store=store)
    window.library.trainee.setText("ana")
    window.resize(w, h)
    window.show()
    loaded = []
    window.library_loaded.connect(lambda: loaded.append(True))
    window.load_library()
    settle(lambda: bool(loaded))
    suffix = ("-dark" if args.dark else "") + (f"-x{args.font_scale:g}" if args.font_scale != 1 else "")

    def shot(name: str) -> None:
        settle()
        path = out / f"{name}{suffix}.png"
        window.grab().save(str(path))
        print(path)

    shot("library")
    scenario = resolve("late_delivery")
    window.start(scenario, seed=1, mode="practice")
    c = window.controller
    settle(lambda: c.can_reply)

    def say(text: str) -> None:
        window.session_view.reply.editor.setPlainText(text)
        n = len(c.messages)
        c.send(text)
        settle(lambda: len(c.messages) >= n + 2)

    for reply in REPLIES[:3]:
        say(reply)
    window.session_view.reply.editor.setPlainText("I will send a replacement coat by express courier today")
    shot("conversation")
    for reply in REPLIES[3:]:
        say(reply)
    shot("conversation-end")
    window.show_report()
    shot("report")
    # a second, worse session so History has a curve
    window.start(scenario, seed=2, mode="exam")
    settle(lambda: c.can_reply)
    for reply in ("Calm down. These things happen with couriers.",
                  "You should have chosen express shipping.", "CALM DOWN!!! It's not our fault."):
        if c.session.finished:
            break
        say(reply)
    settle(lambda: c.session.finished)
    window.show_history()
    settle(lambda: window.history.table.rowCount() >= 2)
    shot("history")
    window.close()
    store.close()
    from ui.workers import wait_for_background

    wait_for_background()
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
