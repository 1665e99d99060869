"""The results store (`simulator.store`) on one background thread of its own.

SQLite commits are synced to disk, which can take longer than a frame, and an SQLite
connection belongs to the thread that opened it. So every store call goes through one
single-thread pool whose thread never expires: calls run in order (a History read sees
every turn written before it), and the UI thread never waits on the disk.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtCore import QObject, QThreadPool, Signal

from simulator.store import ResultsStore, default_path, is_url, open_store
from ui.workers import run_in_background


class StoreWorker(QObject):
    failed = Signal(str)  # a write that did not happen, for the status bar

    def __init__(self, path: str | Path | None = None, parent: QObject | None = None):
        super().__init__(parent)
        if path is None:  # the settings' database (a centre's server), else the user's file
            from simulator.config import database_path

            try:
                path = database_path()
            except Exception as exc:  # a broken settings file: said when the store is first used
                self._settings_error: Exception | None = exc
                path = None
        self.path = path if isinstance(path, str) and is_url(path) else (
            Path(path) if path is not None else default_path())
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._pool.setExpiryTimeout(-1)
        self._store: ResultsStore | None = None  # touched on the pool thread only

    def _get(self) -> ResultsStore:
        if getattr(self, "_settings_error", None) is not None:
            raise self._settings_error
        if self._store is None:
            self._store = open_store(self.path)
        return self._store

    def call(self, fn: Callable[[ResultsStore], object],
             on_done: Callable[[object], None] | None = None,
             on_failed: Callable[[Exception], None] | None = None) -> None:
        """Run `fn(store)` on the store's thread; the callbacks run on the UI thread."""
        run_in_background(lambda: fn(self._get()), on_done or _ignore,
                          on_failed or self._report, pool=self._pool)

    def close(self, msecs: int = 5000) -> None:
        def shut(_store) -> None:
            if self._store is not None:
                self._store.close()
                self._store = None
        self._pool.start(lambda: shut(None))
        self._pool.waitForDone(msecs)

    def _report(self, exc: Exception) -> None:
        from ui.language import said

        self.failed.emit(self.tr("History could not be saved: {error}").format(error=said(exc)))


def _ignore(_result) -> None:
    pass


class SessionRecording:
    """One session written as it goes: begin, each turn, finish (all on the store thread)."""

    def __init__(self, worker: StoreWorker, *, trainee: str, scenario, seed: int, mode: str,
                 lease=None):
        self.worker = worker
        self.id: int | None = None
        self.lease = lease  # an exam's: a turn is refused once it was taken over elsewhere

        def begin(store: ResultsStore) -> int:
            self.id = store.begin(trainee=trainee, scenario=scenario, seed=seed, mode=mode)
            return self.id
        worker.call(begin)

    @classmethod
    def resumed(cls, worker: StoreWorker, session_id: int) -> "SessionRecording":
        """A resumed session, recorded onwards into its own History entry (no new one)."""
        self = cls.__new__(cls)
        self.worker, self.id = worker, session_id
        return self

    def on_turn(self, _session, turn) -> None:  # a Session observer (UI thread)
        data = turn.to_dict()
        self.worker.call(lambda store: self.id is not None
                         and store.record_turn(self.id, data, lease=self.lease))

    def finish(self, transcript: dict, on_done: Callable[[object], None] | None = None) -> None:
        def finish(store: ResultsStore) -> int | None:
            if self.id is not None:
                store.finish(self.id, transcript)
            return self.id
        self.worker.call(finish, on_done)
