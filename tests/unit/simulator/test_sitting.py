"""One live sitting per trainee (simulator.sitting): the lease the desktop's exam and
`temper certify --trainee` share, on both engines; a holder that crashes leaves a lease
that expires."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from simulator.sitting import AlreadySitting, hold_trainee, lease_name
from simulator.store import ResultsStore, open_store

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))

#: A holder in its own process: takes ana's lease (optionally as if on another
#: machine), says so, then waits to be killed.
HOLDER = """
import socket, sys, time
if sys.argv[2]:
    socket.gethostname = lambda: sys.argv[2]
from simulator.sitting import hold_trainee
from simulator.store import open_store
store = open_store(sys.argv[1])
hold_trainee(store, "ana", what="ana's exam in the Temper desktop (Late delivery)")
print("holding", flush=True)
time.sleep(600)
"""


def holder(db: str, host: str = "") -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, db, host], stdout=subprocess.PIPE,
                            text=True, cwd=REPO)
    assert proc.stdout.readline().strip() == "holding"
    return proc


def crash(proc: subprocess.Popen) -> None:
    os.kill(proc.pid, signal.SIGKILL)  # no release, no clean-up: a crash
    proc.wait(60)
    proc.stdout.close()


def test_the_second_sitting_is_told_where_the_first_is_and_since_when(db_url):
    with open_store(db_url) as store, open_store(db_url) as other:
        lease = hold_trainee(store, "Ana María", what="Ana María's exam in the Temper desktop (X)")
        try:
            with pytest.raises(AlreadySitting) as info:
                hold_trainee(other, "Ana María", what="Ana María's certification (Y) in a terminal")
            exc = info.value
            assert exc.exit_code == 2 and exc.pid == os.getpid()
            assert exc.since.startswith("20") and exc.since.endswith("Z")
            assert str(exc).startswith("Ana María is already sitting live elsewhere: Ana María's exam "
                                       f"in the Temper desktop (X) (process {os.getpid()} on ")
            assert "try again in" in str(exc)
            hold_trainee(other, "Ben", what="another trainee").release()  # only Ana is held
        finally:
            lease.release()
        hold_trainee(other, "Ana María", what="now free").release()
        assert lease_name("Ana María") == "trainee:Ana María"  # the name certify always used


def test_a_crashed_holder_frees_the_lease_at_once_on_the_same_machine(db_url):
    proc = holder(db_url)
    try:
        with open_store(db_url) as store:
            with pytest.raises(AlreadySitting) as info:
                hold_trainee(store, "ana", what="a terminal")
            assert info.value.pid == proc.pid
            crash(proc)
            hold_trainee(store, "ana", what="a terminal").release()  # no wait: its process is gone
    finally:
        if proc.poll() is None:
            crash(proc)


def test_a_crashed_holder_on_another_machine_leaves_a_lease_that_expires(db_url, monkeypatch):
    monkeypatch.setattr(ResultsStore, "lease_ttl_s", 1.5)
    proc = holder(db_url, host="desk-9")
    try:
        crash(proc)
        with open_store(db_url) as store:
            # Another machine's process cannot be checked: held until it stops renewing
            with pytest.raises(AlreadySitting) as info:
                hold_trainee(store, "ana", what="a terminal")
            assert info.value.host == "desk-9" and "on desk-9" in str(info.value)
            time.sleep(1.6)
            hold_trainee(store, "ana", what="a terminal").release()  # expired
    finally:
        if proc.poll() is None:
            crash(proc)
