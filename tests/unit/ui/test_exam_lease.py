"""Issue 12: the desktop's exam takes the trainee's lease in the results database, as
`temper certify --trainee` does: one live sitting per trainee, wherever it is."""

from __future__ import annotations

import os
import subprocess
import sys
import threading

import pytest

from simulator.library import resolve
from simulator.sitting import AlreadySitting, hold_trainee
from simulator.store import open_store
from tests.unit.simulator.certify_support import REPO, key_file, make_plan

pytestmark = pytest.mark.gui


def exam(qtbot, window, trainee="ana", seed=1):
    """Start an exam as the trainee would: their name in the library, then Exam."""
    window.library.trainee.setText(trainee)
    with qtbot.waitSignal(window.controller.ready_for_reply, timeout=5000,
                          check_params_cb=lambda ready: ready):
        window.start(resolve("late_delivery"), mode="exam", seed=seed)


def refused_exam(qtbot, window, dialogs, trainee="ana"):
    """Start an exam that must be refused; the message shown."""
    window.library.trainee.setText(trainee)
    window.show_page("library")
    with qtbot.waitSignal(window.controller.exam_refused, timeout=5000):
        window.start(resolve("late_delivery"), mode="exam", seed=1)
    assert window.current_page() == "library"  # no exam page opened
    assert window.controller.session is None and not window.controller.holds_lease
    [(title, message)] = dialogs
    dialogs.clear()  # seen: expected
    assert title == "Exam not started"
    return message


def lease_free(db, trainee="ana") -> bool:
    with open_store(db) as store:
        try:
            hold_trainee(store, trainee, what="a test").release()
        except AlreadySitting:
            return False
    return True


def test_the_desktop_exam_holds_the_lease_a_terminal_is_refused(qtbot, window, tmp_path):
    db = tmp_path / "results.sqlite3"
    exam(qtbot, window)
    assert window.controller.holds_lease
    plan = make_plan(tmp_path)
    terminal = subprocess.run(
        [sys.executable, "-m", "simulator", "certify", str(plan), "--trainee", "ana", "--key-file",
         str(key_file(tmp_path)), "--out", str(tmp_path / "out"), "--db", str(db), "--formats", "json"],
        capture_output=True, text=True, input="I'm so sorry.\n", timeout=300, cwd=REPO)
    assert terminal.returncode == 2, terminal.stdout + terminal.stderr
    err = terminal.stderr
    assert "ana is already sitting live elsewhere: ana's exam in the Temper desktop (" in err
    assert f"process {os.getpid()} on" in err and "since 20" in err and "Traceback" not in err
    assert not (tmp_path / "out").exists()
    # The desktop exam goes on undisturbed, recorded
    window.session_view.reply.editor.setPlainText("I'm so sorry, Margaret. What happened?")
    with qtbot.waitSignal(window.controller.turn_scored, timeout=5000):
        window.session_view.reply.send_button.click()


def test_a_terminal_sitting_refuses_the_desktop_exam_and_says_where(qtbot, window, dialogs, tmp_path):
    db = tmp_path / "results.sqlite3"
    plan = make_plan(tmp_path)
    proc = subprocess.Popen(
        [sys.executable, "-m", "simulator", "certify", str(plan), "--trainee", "ana", "--key-file",
         str(key_file(tmp_path)), "--out", str(tmp_path / "out"), "--db", str(db), "--formats", "json"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env=dict(os.environ, PYTHONUNBUFFERED="1"), cwd=REPO)
    try:
        opened = threading.Event()

        def read():
            for line in proc.stdout:
                if line.startswith("Margaret Hill:"):
                    opened.set()
        threading.Thread(target=read, daemon=True).start()
        assert opened.wait(120), "the terminal never began the exam"
        message = refused_exam(qtbot, window, dialogs)
        assert message.startswith("ana is already sitting live elsewhere: ana's certification "
                                  "(Test certification) in a terminal (process ")
        assert f"process {proc.pid} on " in message and "since 20" in message
        assert "/quit" in message and "try again in" in message
        with open_store(db) as store:
            assert [s.mode for s in store.sessions("ana")] == ["certify"]  # nothing of the desktop's
        # The terminal stops: the desktop may sit now
        proc.stdin.write("/quit\n")
        proc.stdin.flush()
        assert proc.wait(120) == 3
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        for pipe in (proc.stdin, proc.stdout, proc.stderr):
            try:
                pipe.close()
            except BrokenPipeError:
                pass
    exam(qtbot, window)
    assert window.controller.holds_lease


def test_two_desktops_cannot_sit_the_same_trainee(qtbot, window, dialogs, tmp_path):
    from ui.main_window import MainWindow
    from ui.store_worker import StoreWorker

    worker = StoreWorker(tmp_path / "results.sqlite3")
    other = MainWindow(customer_delay=0, store=worker)
    qtbot.addWidget(other)
    try:
        with qtbot.waitSignal(other.library_loaded, timeout=5000):
            other.load_library()
        exam(qtbot, window, trainee="Ana García")
        message = refused_exam(qtbot, other, dialogs, trainee="Ana García")
        title = resolve("late_delivery").title
        assert message.startswith("Ana García is already sitting live elsewhere: Ana García's "
                                  f"exam in the Temper desktop ({title}) (process {os.getpid()} on ")
        exam(qtbot, other, trainee="Ben")  # another trainee sits at once
        assert other.controller.holds_lease
        # practice is not a sitting: it never needs the lease
        other.library.trainee.setText("Ana García")
        with qtbot.waitSignal(other.controller.ready_for_reply, timeout=5000,
                              check_params_cb=lambda ready: ready):
            other.start(resolve("late_delivery"), mode="practice", seed=1)
        assert not other.controller.holds_lease  # Ben's exam, left, gave its lease back
    finally:
        other.controller.stop()
        worker.close()


def test_the_lease_is_renewed_while_the_exam_runs_and_released_at_its_end(
        qtbot, window, tmp_path, monkeypatch, resolving_replies):
    from simulator.store import ResultsStore

    monkeypatch.setattr(ResultsStore, "lease_ttl_s", 0.8)  # renewed every 0.2 s
    db = tmp_path / "results.sqlite3"
    exam(qtbot, window)
    qtbot.wait(2500)  # three lifetimes of an unrenewed lease; the UI thread is free meanwhile
    with open_store(db) as store, pytest.raises(AlreadySitting) as held:
        hold_trainee(store, "ana", what="a second sitting")
    assert held.value.heard_s < 0.8 and "exam in the Temper desktop" in held.value.what
    renewers = [t for t in threading.enumerate() if t.name == "lease trainee:ana"]
    assert renewers and threading.main_thread() not in renewers
    for reply in resolving_replies:
        if window.controller.session.finished:
            break
        with qtbot.waitSignal(window.controller.message_added, timeout=5000,
                              check_params_cb=lambda m: m.who == "customer"):
            assert window.controller.send(reply)
    assert window.controller.session.finished and not window.controller.holds_lease
    qtbot.waitUntil(lambda: lease_free(db), timeout=5000)
    with open_store(db) as store:
        [record] = store.sessions("ana")
        assert record.mode == "exam" and record.finished


def test_an_exam_left_unfinished_gives_the_lease_back(qtbot, window, tmp_path):
    db = tmp_path / "results.sqlite3"
    exam(qtbot, window)
    assert not lease_free(db)
    window.end_session()  # confirmed (the test answers yes)
    assert window.current_page() == "library" and not window.controller.holds_lease
    qtbot.waitUntil(lambda: lease_free(db), timeout=5000)


def test_an_exam_without_a_usable_database_is_not_sat(qtbot, dialogs, tmp_path):
    from ui.main_window import MainWindow
    from ui.store_worker import StoreWorker

    bad = tmp_path / "broken.sqlite3"
    bad.write_bytes(b"this is not a database" * 100)
    worker = StoreWorker(bad)
    w = MainWindow(customer_delay=0, store=worker)
    qtbot.addWidget(w)
    try:
        with qtbot.waitSignal(w.library_loaded, timeout=5000):
            w.load_library()
        message = refused_exam(qtbot, w, dialogs)
        assert message.startswith("The exam needs the results database, which cannot be used: ")
        assert str(bad) in message
    finally:
        worker.close()
