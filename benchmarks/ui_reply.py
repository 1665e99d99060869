"""How long the desktop's UI thread stops answering while a reply is judged.

    python benchmarks/ui_reply.py [--runs 3] [--length 10000]

Opens the real main window (offscreen), starts late_delivery and sends replies through
the reply box as a trainee would: the first reply of a fresh process (the judge loads
its model), then replies of `--length` characters of varied sentences. A 1 ms QTimer on
the UI thread stamps each turn of the event loop; the figure is the longest gap between
two stamps from Enter to the customer's answer (what a trainee sees as a frozen window),
beside how long the judge itself took. `--on-ui-thread` judges as the app did before
(Session.reply called on the UI thread), for comparison.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

WORDS = ("sorry order courier coat Saturday frustrating understand check today refund tracking "
         "parcel delivery late express week depot manager promise call back email number").split()


def varied(seed: int, length: int) -> str:
    rng, out = random.Random(seed), ["I'm so sorry, Margaret."]
    while sum(len(s) + 1 for s in out) < length:
        out.append(" ".join(rng.choice(WORDS) for _ in range(rng.randint(5, 14))).capitalize() + ".")
    return " ".join(out)[:length]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=3, help="long replies to send (default 3)")
    ap.add_argument("--length", type=int, default=10_000, help="characters per long reply")
    ap.add_argument("--on-ui-thread", action="store_true", help="judge on the UI thread (as before)")
    args = ap.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("TEMPER_HOME", tempfile.mkdtemp(prefix="temper-bench-"))

    from PySide6.QtCore import QTimer, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from simulator.library import resolve
    from ui import settings
    from ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    settings.use_folder(Path(os.environ["TEMPER_HOME"]) / "settings")
    window = MainWindow(customer_delay=0, store=None)
    window.show()
    controller = window.controller
    if args.on_ui_thread:  # the judge called straight from the slot, as before
        from ui import controller as module

        class Inline:
            def start(self, job):
                job.run()
        controller._judge_pool = Inline()

    stamps: list[float] = []
    tick = QTimer()
    tick.setInterval(1)
    tick.timeout.connect(lambda: stamps.append(time.perf_counter()))
    tick.start()

    def send(text: str) -> tuple[float, float]:
        view = window.session_view
        shown = len(view.conversation.messages())
        editor = view.reply.editor
        editor.setPlainText(text)
        stamps.clear()
        began = time.perf_counter()
        stamps.append(began)
        QTest.keyClick(editor, Qt.Key.Key_Return)
        while len(view.conversation.messages()) < shown + 2:
            app.processEvents()
            time.sleep(0.0005)
        ended = time.perf_counter()
        stamps.append(ended)
        gaps = [b - a for a, b in zip(stamps, stamps[1:])]
        return max(gaps), ended - began

    controller.start(resolve("late_delivery"), seed=1)
    while not controller.can_reply:
        app.processEvents()
    where = "UI thread" if args.on_ui_thread else "judging thread"
    stall, took = send("I'm so sorry, Margaret. Could you tell me what happened?")
    print(f"judged on the {where}")
    print(f"first reply (model loads): longest UI stall {stall * 1000:7.1f} ms, answered in {took * 1000:7.1f} ms")
    stalls, tooks = [], []
    for run in range(args.runs):
        if controller.session.finished:
            break
        stall, took = send(varied(run, args.length))
        stalls.append(stall)
        tooks.append(took)
        print(f"{args.length:,}-character reply {run + 1}: longest UI stall {stall * 1000:7.1f} ms, "
              f"answered in {took * 1000:7.1f} ms")
    if stalls:
        print(f"median of {len(stalls)}: longest UI stall {statistics.median(stalls) * 1000:.1f} ms, "
              f"answered in {statistics.median(tooks) * 1000:.1f} ms")
    tick.stop()
    controller.stop()
    window.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
