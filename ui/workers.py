"""Run slow work (loading the library, exporting a report) off the UI thread.

    run_in_background(load, on_done=self._loaded, on_failed=self._load_failed)

`load` runs on a QThreadPool thread; the callbacks run back on the UI thread (the
signals object lives there, so the connection is queued). Keep the callbacks to
bound methods of QObjects living on the UI thread.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], object], signals: _Signals):
        super().__init__()
        self.setAutoDelete(True)
        self._fn = fn
        self._signals = signals

    def run(self) -> None:  # on a pool thread
        try:
            result = self._fn()
        except Exception as exc:  # reported on the UI thread, never lost
            self._emit(self._signals.failed, exc)
        else:
            self._emit(self._signals.done, result)

    @staticmethod
    def _emit(signal, value) -> None:
        try:
            signal.emit(value)
        except RuntimeError:  # the receiver's window was closed meanwhile
            pass


_alive: set[_Signals] = set()  # keep the signal objects until their job has reported


def run_in_background(
    fn: Callable[[], object],
    on_done: Callable[[object], None],
    on_failed: Callable[[Exception], None],
    pool: QThreadPool | None = None,
) -> _Signals:
    signals = _Signals()
    signals.done.connect(on_done)
    signals.failed.connect(on_failed)
    signals.done.connect(lambda _r: _alive.discard(signals))
    signals.failed.connect(lambda _e: _alive.discard(signals))
    _alive.add(signals)
    (pool or QThreadPool.globalInstance()).start(_Job(fn, signals))
    return signals


def wait_for_background(msecs: int = 5000) -> bool:
    """Wait for running jobs (at exit, and in tests)."""
    return QThreadPool.globalInstance().waitForDone(msecs)
