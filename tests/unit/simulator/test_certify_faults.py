"""Certification under faults (issue 12): interrupted exams, two terminals, `kill -9`,
long and hostile trainee names, write failures, full disks, bad trainees in a batch."""

from __future__ import annotations

import json
import os
import queue
import shutil
import signal
import subprocess
import sys
import threading

import pytest

from simulator.certify.outputs import MAX_STEM, file_stem
from simulator.errors import TemperError
from simulator.store import open_store

from .certify_support import (BAD, GOOD, LATE_DELIVERY, REPO, key_file, make_plan, make_replies,
                              run, run_process)

#: GOOD resolves late_delivery (seed 1) in this many replies.
TURNS = 4


def two_sittings(tmp_path):
    return make_plan(tmp_path, scenarios=(
        "scenarios:\n"
        f"  - scenario: {LATE_DELIVERY}\n    id: first\n    seed: 1\n"
        f"  - scenario: {LATE_DELIVERY}\n    id: second\n    seed: 1\n"))


class Terminal:
    """`temper certify PLAN --trainee NAME` in a real process, typed into reply by reply."""

    def __init__(self, tmp_path, plan, trainee="ana", *extra):
        env = dict(os.environ, PYTHONUNBUFFERED="1")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "simulator", "certify", str(plan), "--trainee", trainee,
             "--key-file", str(key_file(tmp_path)), "--out", str(tmp_path / "out"),
             "--db", str(tmp_path / "r.db"), "--formats", "json", *map(str, extra)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            env=env, cwd=REPO)
        self.lines: queue.Queue = queue.Queue()
        self.seen: list[str] = []
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        for line in self.proc.stdout:
            self.lines.put(line)
        self.lines.put(None)

    def say(self, text: str) -> str:
        """Type a reply and wait until the customer has answered it (it is recorded then)."""
        self.proc.stdin.write(text + "\n")
        self.proc.stdin.flush()
        while True:
            line = self.lines.get(timeout=120)
            assert line is not None, "".join(self.seen) + self.proc.stderr.read()
            self.seen.append(line)
            if line.startswith("you> Margaret Hill:"):
                return line

    def kill(self) -> None:
        os.kill(self.proc.pid, signal.SIGKILL)
        self.proc.wait(timeout=60)
        self.reader.join(timeout=60)
        for pipe in (self.proc.stdin, self.proc.stdout, self.proc.stderr):
            try:
                pipe.close()
            except BrokenPipeError:
                pass
        assert self.proc.returncode == -signal.SIGKILL

    def finish(self, timeout=120) -> tuple[int, str, str]:
        """Close the input (the trainee types nothing more) and wait for the end."""
        self.proc.stdin.close()
        self.proc.wait(timeout=timeout)
        self.reader.join(timeout=60)
        while not self.lines.empty():
            line = self.lines.get()
            if line is not None:
                self.seen.append(line)
        err = self.proc.stderr.read()
        self.proc.stdout.close()
        self.proc.stderr.close()
        return self.proc.returncode, "".join(self.seen), err


def recorded(tmp_path) -> dict[str, list[str]]:
    """The replies the database holds, per sitting of ana's one attempt."""
    with open_store(tmp_path / "r.db") as store:
        [attempt] = store.attempts("ana")
        out: dict[str, list[str]] = {}
        for record in store.attempt_sessions(attempt.id):
            assert record.entry_id not in out, f"sitting {record.entry_id} was begun twice"
            out[record.entry_id] = [t["reply"] for t in store.turns(record.id)]
        return out


# --- resuming, killing, two terminals ----------------------------------------------------

def test_resuming_an_exam_continues_after_the_finished_sitting(tmp_path):
    """Issue 12: resuming an interrupted two-sitting exam made the trainee sit the
    finished sitting again."""
    plan = two_sittings(tmp_path)
    first = run_process("certify", plan, "--trainee", "ana", "--key-file", key_file(tmp_path),
                        "--out", tmp_path / "out", "--db", tmp_path / "r.db", "--formats", "json",
                        input="".join(r + "\n" for r in GOOD[:TURNS] + GOOD[:1]))
    assert first.returncode == 3, first.stdout + first.stderr
    assert recorded(tmp_path) == {"first": GOOD[:TURNS], "second": GOOD[:1]}

    second = run_process("certify", plan, "--trainee", "ana", "--key-file", key_file(tmp_path),
                         "--out", tmp_path / "out", "--db", tmp_path / "r.db", "--formats", "json",
                         input="".join(r + "\n" for r in GOOD[1:TURNS]))
    assert second.returncode == 0, second.stdout + second.stderr
    assert "[1/2]" in second.stdout and "already finished (resolved); not sat again" in second.stdout
    assert "1 replies recovered" in second.stdout
    result = json.loads((tmp_path / "out" / "ana.result.json").read_text())
    assert [s["id"] for s in result["scenarios"]] == ["first", "second"]
    for sitting in result["scenarios"]:
        assert [t["reply"] for t in sitting["transcript"]["turns"]] == GOOD[:TURNS]
    assert recorded(tmp_path) == {"first": GOOD[:TURNS], "second": GOOD[:TURNS]}


def test_kill_9_at_every_turn_loses_no_recorded_turn_and_sits_nothing_twice(tmp_path):
    """Issue 12's target: after `kill -9` at any turn, 0 recorded turns lost and no finished
    sitting sat twice. The exam is killed after each of its 8 replies in turn."""
    plan = two_sittings(tmp_path)
    replies = GOOD[:TURNS] * 2
    for k, reply in enumerate(replies):
        term = Terminal(tmp_path, plan)
        term.say(reply)
        term.kill()
        done = k + 1
        assert recorded(tmp_path) == {
            "first": replies[:min(done, TURNS)],
            **({"second": replies[TURNS:done]} if done > TURNS else {}),
        }, f"after the kill at reply {done}"
        shown = "".join(term.seen)
        if k % TURNS:  # it carried on the sitting the last kill interrupted
            assert f"{k % TURNS} replies recovered" in shown
        if k >= TURNS:  # and never showed the finished first sitting's customer again
            assert shown.count("you> ") == 1 and "[2/2]" in shown
    # the last kill came after the last reply: the next run only finishes the exam
    code, out, err = Terminal(tmp_path, plan).finish()
    assert code == 0, out + err
    assert "Traceback" not in err
    result = json.loads((tmp_path / "out" / "ana.result.json").read_text())
    assert result["passed"]
    for sitting in result["scenarios"]:
        assert [t["reply"] for t in sitting["transcript"]["turns"]] == GOOD[:TURNS]
    assert recorded(tmp_path) == {"first": GOOD[:TURNS], "second": GOOD[:TURNS]}


def test_the_same_trainee_in_a_second_terminal_is_refused(tmp_path):
    """Issue 12: the same trainee in two terminals shared one live session, overwrote
    turns and produced two different signed results for one DB session."""
    plan = make_plan(tmp_path)
    first = Terminal(tmp_path, plan)
    first.say(GOOD[0])
    second = run_process("certify", plan, "--trainee", "ana", "--key-file", key_file(tmp_path),
                         "--out", tmp_path / "out2", "--db", tmp_path / "r.db", "--formats", "json",
                         input="Calm down.\n")
    assert second.returncode == 2
    assert "ana is already sitting live elsewhere: ana's certification (" in second.stderr
    assert ") in a terminal (process" in second.stderr and "since 20" in second.stderr
    assert f"process {first.proc.pid}" in second.stderr and "/quit" in second.stderr
    assert "Traceback" not in second.stderr and not (tmp_path / "out2").exists()
    # the first terminal is undisturbed and finishes the exam
    for reply in GOOD[1:TURNS]:
        first.say(reply)
    code, out, err = first.finish()
    assert code == 0, out + err
    with open_store(tmp_path / "r.db") as store:
        [record] = store.sessions("ana")
        assert [t["reply"] for t in store.turns(record.id)] == GOOD[:TURNS]
    # once it is over, the trainee may sit again
    again = run_process("certify", plan, "--trainee", "ana", "--key-file", key_file(tmp_path),
                        "--out", tmp_path / "out2", "--db", tmp_path / "r.db", "--formats", "json",
                        input="/quit\n")
    assert again.returncode == 3 and "already sitting" not in again.stderr


# --- names ---------------------------------------------------------------------------------

@pytest.mark.parametrize("name", [
    "ana", "Ana María López", "x" * 250, "../../etc/passwd", "con", "李小龙", "a/b\\c", ".hidden",
    "ana.", "Bob", "bob",
])
def test_file_stems_are_safe_bounded_and_distinct(name):
    stem = file_stem(name)
    assert 0 < len(stem) <= MAX_STEM
    assert stem[0].isalnum() and all(c.isalnum() or c in "._-" for c in stem) and stem.isascii()
    assert stem.lower() == stem and stem not in ("con", "nul") and not stem.endswith(".")
    others = {file_stem(n) for n in ("ana", "Ana María López", "x" * 250, "../../etc/passwd",
                                     "con", "李小龙", "a/b\\c", ".hidden", "ana.", "Bob", "bob")}
    assert len(others) == 11  # never two names on one file


def test_a_250_character_name_sits_the_exam_and_gets_its_files(tmp_path):
    """Issue 12: a 250-character trainee name played the whole exam and then failed to
    write it (File name too long), and the finished session was never resumable."""
    name = "Ana " + "Maria " * 41
    name = name[:250]
    proc = run_process("certify", make_plan(tmp_path), "--trainee", name, "--key-file",
                       key_file(tmp_path), "--out", tmp_path / "out", "--db", tmp_path / "r.db",
                       "--formats", "json,junit,xapi,html", input="".join(r + "\n" for r in GOOD))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    files = sorted(p.name for p in (tmp_path / "out").iterdir())
    stem = file_stem(name.strip())
    assert files == sorted(f"{stem}{s}" for s in (".result.json", ".junit.xml", ".xapi.json", ".html"))
    assert json.loads((tmp_path / "out" / f"{stem}.result.json").read_text())["trainee"] == name.strip()


@pytest.mark.parametrize("name, why", [
    ("ana\x1b[31m", "control character"), ("ana\nbob", "control character"), ("   ", "empty"),
    ("a" * 301, "at most 300"),
])
def test_a_trainee_name_that_cannot_be_used_is_refused_before_the_exam(tmp_path, name, why):
    proc = run_process("certify", make_plan(tmp_path), "--trainee", name, "--key-file",
                       key_file(tmp_path), "--out", tmp_path / "out", "--db", tmp_path / "r.db",
                       input="".join(r + "\n" for r in GOOD))
    assert proc.returncode == 2 and why in proc.stderr and "Traceback" not in proc.stderr
    assert "Margaret Hill:" not in proc.stdout and "\x1b" not in proc.stderr


def test_batch_trainees_whose_files_would_collide_are_both_refused(capsys, tmp_path):
    replies = make_replies(tmp_path, {"Ana": GOOD, "alice": GOOD})
    (replies / file_stem("Ana")).mkdir()  # a second trainee named like Ana's files
    shutil.copy(replies / "Ana" / "late_delivery.yaml", replies / file_stem("Ana"))
    code, _, err = run(capsys, "certify", make_plan(tmp_path), "--replies", replies, "--key-file",
                       key_file(tmp_path), "--out", tmp_path / "out", "--no-db", "--formats", "json")
    assert code == 3 and "would have the same names" in err
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["alice.result.json"]


def test_a_batch_trainee_named_with_a_control_character_is_skipped(capsys, tmp_path):
    replies = make_replies(tmp_path, {"alice": GOOD, "eve\x1b[2J": BAD})
    code, out, err = run(capsys, "certify", make_plan(tmp_path), "--replies", replies, "--key-file",
                         key_file(tmp_path), "--out", tmp_path / "out", "--no-db", "--formats", "json")
    assert code == 3 and "control character" in err and "\x1b" not in err + out
    assert (tmp_path / "out" / "alice.result.json").is_file()


# --- recorded before anything is written; --resume writes from the store -----------------

def _block(out_dir, stem="bob"):
    """Make writing `stem`'s signed result fail: a folder stands where the file goes."""
    (out_dir / f"{stem}.result.json").mkdir(parents=True)


def test_a_write_error_stops_only_that_trainee_and_resume_writes_it_from_the_store(
        capsys, tmp_path, monkeypatch):
    """Issue 12: a write error stopped the batch at that trainee."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1790000000")
    plan, key, out, db = make_plan(tmp_path), key_file(tmp_path), tmp_path / "out", tmp_path / "r.db"
    replies = make_replies(tmp_path, {"alice": GOOD, "bob": BAD, "cy": GOOD})
    _block(out)
    argv = ["certify", plan, "--replies", replies, "--key-file", key, "--out", out, "--db", db,
            "--formats", "json,junit"]
    code, stdout, err = run(capsys, *argv, "--jobs", "1")
    assert code == 3
    assert f"cannot write {out / 'bob.result.json'}: it is a folder" in err
    assert "--resume" in err and "Traceback" not in err
    assert (out / "alice.result.json").is_file() and (out / "cy.junit.xml").is_file()
    assert not (out / "bob.junit.xml").exists()
    with open_store(db) as store:
        sessions = len(store.sessions())
        assert sorted(a.trainee for a in store.attempts() if a.written_at) == ["alice", "cy"]
    (out / "bob.result.json").rmdir()

    code, stdout, err = run(capsys, *argv, "--resume")
    assert code == 1, err  # bob failed, as recorded
    assert "3 written from the results database" in stdout
    with open_store(db) as store:
        assert len(store.sessions()) == sessions  # nobody was certified twice
    # what --resume wrote is what a run without the fault writes
    fresh = tmp_path / "fresh"
    run(capsys, "certify", plan, "--replies", replies, "--key-file", key, "--out", fresh, "--no-db",
        "--formats", "json,junit")
    for name in ("bob.result.json", "bob.junit.xml", "alice.result.json"):
        assert (out / name).read_bytes() == (fresh / name).read_bytes()


def test_resume_certifies_afresh_a_trainee_whose_replies_changed(capsys, tmp_path):
    plan, key, out, db = make_plan(tmp_path), key_file(tmp_path), tmp_path / "out", tmp_path / "r.db"
    replies = make_replies(tmp_path, {"bob": BAD})
    argv = ["certify", plan, "--replies", replies, "--key-file", key, "--out", out, "--db", db,
            "--formats", "json"]
    assert run(capsys, *argv)[0] == 1
    (replies / "bob" / "late_delivery.yaml").write_text("".join(f"- {json.dumps(r)}\n" for r in GOOD))
    code, stdout, _ = run(capsys, *argv, "--resume")
    assert code == 0 and "written from the results database" not in stdout
    assert json.loads((out / "bob.result.json").read_text())["passed"]


def test_a_live_exam_whose_files_fail_is_written_later_with_resume(tmp_path):
    plan = make_plan(tmp_path)
    out = tmp_path / "out"
    _block(out, "ana")
    common = ["certify", plan, "--trainee", "ana", "--key-file", key_file(tmp_path), "--out", out,
              "--db", tmp_path / "r.db", "--formats", "json"]
    first = run_process(*common, input="".join(r + "\n" for r in GOOD))
    assert first.returncode == 3
    assert "it is a folder" in first.stderr and "--resume" in first.stderr
    (out / "ana.result.json").rmdir()
    # the exam is recorded: running again does not make her sit it again
    again = run_process(*common, input="".join(r + "\n" for r in GOOD))
    assert again.returncode == 2 and "--resume" in again.stderr and "Margaret Hill:" not in again.stdout
    resumed = run_process(*common, "--resume", input="")
    assert resumed.returncode == 0, resumed.stdout + resumed.stderr
    result = json.loads((out / "ana.result.json").read_text())
    assert result["passed"] and [t["reply"] for t in result["scenarios"][0]["transcript"]["turns"]] == GOOD[:TURNS]
    verify = run_process("verify", "--key-file", key_file(tmp_path), out / "ana.result.json")
    assert verify.returncode == 0


def test_a_database_failure_at_recording_time_writes_no_file(capsys, tmp_path, monkeypatch):
    """Issue 12: database problems found at recording time exited 2 after the signed files
    existed."""
    from simulator.store import SQLiteStore

    def full(self, items):
        raise TemperError(f"cannot write to the results database {self.path}: the disk is full")

    monkeypatch.setattr(SQLiteStore, "record_attempts", full)
    out = tmp_path / "out"
    code, _, err = run(capsys, "certify", make_plan(tmp_path), "--replies",
                       make_replies(tmp_path, {"alice": GOOD}), "--key-file", key_file(tmp_path),
                       "--out", out, "--db", tmp_path / "r.db", "--formats", "json")
    assert code == 3 and "the disk is full" in err and "no result file was written" in err
    assert not out.exists() or not list(out.iterdir())


def test_a_bad_database_stops_certification_before_any_work(capsys, tmp_path):
    db = tmp_path / "notes.sqlite3"
    db.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)
    before = db.read_bytes()
    out = tmp_path / "out"
    code, _, err = run(capsys, "certify", make_plan(tmp_path), "--replies",
                       make_replies(tmp_path, {"alice": GOOD}), "--key-file", key_file(tmp_path),
                       "--out", out, "--db", db)
    assert code == 2 and str(db) in err and "left untouched" in err
    assert not out.exists() and db.read_bytes() == before


# --- a real full disk ------------------------------------------------------------------------

def _tiny_disk_available() -> bool:
    if not shutil.which("unshare"):
        return False
    probe = subprocess.run(["unshare", "-rm", "sh", "-c", "mount -t tmpfs -o size=64k tmpfs /mnt"],
                           capture_output=True)
    return probe.returncode == 0


@pytest.mark.skipif(not _tiny_disk_available(), reason="needs unshare to mount a small tmpfs")
def test_a_full_disk_is_one_clear_message_and_resume_writes_after_space_is_freed(tmp_path):
    """Issue 12: a full disk gave an OSError traceback. Here the results folder is on a
    real, full file system (a 1 MB tmpfs in a private mount namespace)."""
    disk = tmp_path / "disk"
    disk.mkdir()
    plan, key = make_plan(tmp_path), key_file(tmp_path)
    replies = make_replies(tmp_path, {"alice": GOOD, "bob": BAD})
    temper = f"{sys.executable} -m simulator certify {plan} --replies {replies} --key-file {key} " \
             f"--db {tmp_path / 'r.db'} --formats json,junit,html --out {disk / 'out'} --jobs 1"
    script = f"""
        mount -t tmpfs -o size=1m tmpfs {disk}
        mkdir {disk}/out
        head -c 2000000 /dev/zero > {disk}/filler 2>/dev/null
        {temper} > {tmp_path}/1.out 2> {tmp_path}/1.err; echo $? > {tmp_path}/1.code
        rm {disk}/filler
        {temper} --resume > {tmp_path}/2.out 2> {tmp_path}/2.err; echo $? > {tmp_path}/2.code
        cp -r {disk}/out {tmp_path}/kept
    """
    subprocess.run(["unshare", "-rm", "sh", "-c", script], cwd=REPO, check=True, timeout=300)
    first_err = (tmp_path / "1.err").read_text()
    assert (tmp_path / "1.code").read_text().strip() == "3"
    assert "Traceback" not in first_err and "the disk is full" in first_err
    assert f"cannot write {disk / 'out'}" in first_err and "--resume" in first_err
    assert (tmp_path / "2.code").read_text().strip() == "1", (tmp_path / "2.err").read_text()
    kept = tmp_path / "kept"
    assert sorted(p.name for p in kept.iterdir()) == sorted(
        f"{t}{s}" for t in ("alice", "bob") for s in (".result.json", ".junit.xml", ".html"))
    verify = run_process("verify", "--key-file", key, kept / "alice.result.json", kept / "bob.result.json")
    assert verify.returncode == 0, verify.stdout
