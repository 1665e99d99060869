"""How long the desktop app takes to start, and how much memory it needs.

    python benchmarks/ui_startup.py [--runs 5] [--platform offscreen]

Each run launches a fresh interpreter (a cold start, as a trainee would) that opens
the real main window with `ui.app.build`, then reports when the window is shown and
the event loop is answering (interactive), when the scenario library has loaded and
when the scorer has warmed up (both off the UI thread). The time is measured by the parent, from just before it starts the
process to the moment the child says so; peak memory is the child's max RSS.
Targets (issue 4): interactive in under 1.5 s, peak memory under 250 MB.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TARGET_S = 1.5
TARGET_MB = 250.0


def child() -> int:
    import resource
    from types import SimpleNamespace

    from ui import settings

    settings.use_folder(Path(os.environ["TEMPER_HOME"]) / "settings")
    from PySide6.QtCore import QTimer

    from ui.app import build

    app, window = build(SimpleNamespace(scenario=None))

    def rss_mb() -> float:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0

    def interactive() -> None:  # the first turn of the event loop after show()
        print(f"INTERACTIVE {rss_mb():.1f}", flush=True)

    done = set()

    def loaded() -> None:
        print(f"LIBRARY {window.library.model.rowCount()} {rss_mb():.1f}", flush=True)
        finish("library")

    def warm() -> None:
        print(f"SCORER {rss_mb():.1f}", flush=True)
        finish("scorer")

    def finish(what: str) -> None:
        done.add(what)
        if done == {"library", "scorer"}:
            QTimer.singleShot(0, app.quit)

    QTimer.singleShot(0, interactive)
    window.library_loaded.connect(loaded)
    window.scorer_ready.connect(warm)
    app.exec()
    window.close()
    window.store.close()
    from ui.workers import wait_for_background

    wait_for_background()
    print(f"PEAK {rss_mb():.1f}", flush=True)
    return 0


def run_once(platform: str) -> dict:
    env = dict(os.environ)
    env["TEMPER_HOME"] = tempfile.mkdtemp(prefix="temper-bench-")
    env["QT_QPA_PLATFORM"] = platform
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, __file__, "--child"], env=env, cwd=REPO,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    out: dict = {}
    for line in proc.stdout:
        now = time.perf_counter() - start
        parts = line.split()
        if parts and parts[0] == "INTERACTIVE":
            out["interactive_s"], out["rss_interactive_mb"] = now, float(parts[1])
        elif parts and parts[0] == "LIBRARY":
            out["library_s"], out["scenarios"] = now, int(parts[1])
        elif parts and parts[0] == "SCORER":
            out["scorer_s"] = now
        elif parts and parts[0] == "PEAK":
            out["rss_mb"] = float(parts[1])
    proc.wait(timeout=60)
    if proc.returncode != 0 or "rss_mb" not in out:
        raise SystemExit(f"the app did not start (exit {proc.returncode}):\n{proc.stderr.read()}")
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description="desktop app start-up time and peak memory")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--platform", default="offscreen", help="Qt platform (offscreen, xcb under Xvfb)")
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        return child()
    runs = [run_once(args.platform) for _ in range(args.runs)]
    inter = [r["interactive_s"] for r in runs]
    lib = [r["library_s"] for r in runs]
    warm = [r["scorer_s"] for r in runs]
    peak = max(r["rss_mb"] for r in runs)
    print(f"platform {args.platform}, {args.runs} cold starts, {runs[0]['scenarios']} scenarios in the library")
    print(f"launch -> interactive window: median {statistics.median(inter):.3f} s, "
          f"worst {max(inter):.3f} s (target < {TARGET_S} s)")
    print(f"launch -> library listed:     median {statistics.median(lib):.3f} s, worst {max(lib):.3f} s")
    print(f"launch -> scorer warmed up:   median {statistics.median(warm):.3f} s, worst {max(warm):.3f} s "
          "(in the background; the window answers meanwhile)")
    print(f"peak memory (max RSS):        {peak:.1f} MB (target < {TARGET_MB:.0f} MB)")
    ok = max(inter) < TARGET_S and peak < TARGET_MB
    print("OK" if ok else "OVER TARGET")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
