"""`temper score --jsonl`: every line answered, in order, as valid UTF-8 JSON, whatever
the lines hold (issue 12: one bad line used to end the stream with a traceback)."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys

import pytest

from simulator.cli import main

GOOD = b'{"reply": "I am so sorry, Ana. Thank you for telling me.", "customer_name": "Ana"}'


def answers(data: bytes) -> tuple[int, list[dict], bytes]:
    """Run `temper score --jsonl -` on `data` in a child process: (exit, answers, stdout)."""
    env = {**os.environ, "LC_ALL": "C", "LANG": "C"}  # the locale that echoed bad bytes back
    env.pop("PYTHONIOENCODING", None)
    done = subprocess.run([sys.executable, "-m", "simulator", "score", "--jsonl", "-"],
                          input=data, capture_output=True, timeout=120, env=env)
    assert b"Traceback" not in done.stderr, done.stderr.decode("utf-8", "replace")
    text = done.stdout.decode("utf-8")  # strict: every byte written is valid UTF-8
    return done.returncode, [json.loads(line) for line in text.splitlines()], done.stdout


def run_file(capsys, tmp_path, data: bytes) -> tuple[int, list[dict]]:
    path = tmp_path / "in.jsonl"
    path.write_bytes(data)
    code = main(["score", "--jsonl", str(path)])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, [json.loads(line) for line in out.splitlines()]


@pytest.mark.parametrize("bad, said", [
    (b"[" * 5000 + b"]" * 5000, "nested too deeply (at most 10 levels)"),        # was RecursionError
    (b'{"reply": "x", "latency_s": ' + b"7" * 400 + b"}", "a number written with 400"),  # OverflowError
    (b'{"reply": "\\ud800 sorry"}', "lone surrogate"),                          # UnicodeEncodeError
    (b'{"reply": "ok", "latency_s": NaN}', "NaN"),
    (b'{"reply": "' + b"a" * 10_001 + b'"}', "'reply' too long: 10,001 characters (at most 10,000: "
                                             "shorten it, or judge it as several replies)"),
])
def test_a_bad_line_is_answered_and_every_later_line_still_runs(capsys, tmp_path, bad, said):
    code, out = run_file(capsys, tmp_path, GOOD + b"\n" + bad + b"\n" + GOOD + b"\n")
    assert code == 1
    assert len(out) == 3
    assert "dimensions" in out[0] and "dimensions" in out[2]
    assert out[1]["line"] == 2 and said in out[1]["error"]


def test_invalid_utf8_is_an_error_line_never_echoed_back():
    code, out, raw = answers(GOOD + b"\n" + b'{"reply": "caf\xe9 \xff\xfe"}\n' + GOOD + b"\n")
    assert code == 1
    assert [o.get("line") for o in out] == [None, 2, None]
    assert "not UTF-8" in out[1]["error"] and "0xe9" in out[1]["error"]
    assert b"\xe9" not in raw and b"\xff" not in raw


def test_stdin_and_file_give_the_same_answers(capsys, tmp_path):
    data = GOOD + b"\n{broken\n\n" + b'{"reply": "\\ud800"}\n' + GOOD
    _, from_stdin, _ = answers(data)
    _, from_file = run_file(capsys, tmp_path, data)
    assert from_stdin == from_file
    assert [o.get("line") for o in from_file] == [None, 2, 4, None]


def test_a_bare_cr_does_not_split_a_line_or_shift_the_line_numbers(capsys, tmp_path):
    data = (GOOD + b"\r\n"                                   # CR LF: one line end
            + b'{"reply": "a"}\r{"reply": "b"}\n'             # a bare CR inside line 2
            + b'{"reply": 5}\n')
    code, out = run_file(capsys, tmp_path, data)
    assert code == 1
    assert len(out) == 3
    assert "dimensions" in out[0]
    assert out[1]["line"] == 2 and "not valid JSON" in out[1]["error"]
    assert out[2] == {"line": 3, "error": "'reply' must be a string"}


def test_one_bad_line_no_longer_aborts_the_file_with_exit_2(capsys, tmp_path):
    code, out = run_file(capsys, tmp_path, b'{"reply": "\xff"}\n' + GOOD + b"\n")
    assert code == 1, "a bad line is exit 1, like any bad line; 2 is for usage errors"
    assert out[0]["line"] == 1 and "not UTF-8" in out[0]["error"]
    assert "dimensions" in out[1]


def test_a_line_over_the_size_limit_is_answered_in_bounded_memory(capsys, tmp_path):
    from simulator.cli.score import MAX_LINE_BYTES

    code, out = run_file(capsys, tmp_path, b'{"reply": "' + b"x" * (MAX_LINE_BYTES + 10) + b'"}\n' + GOOD)
    assert code == 1
    assert out[0] == {"line": 1, "error": f"line too long (more than {MAX_LINE_BYTES} bytes)"}
    assert "dimensions" in out[1]


def test_numbers_outside_their_range_and_duplicate_keys_are_named(capsys, tmp_path):
    lines = [b'{"reply": "ok", "latency_s": 1e400}', b'{"reply": "ok", "reply": "again"}',
             b'{"reply": "ok", "policy": {"min_days": 4000}}', b'{"reply": "ok", "phase": ["venting"]}']
    code, out = run_file(capsys, tmp_path, b"\n".join(lines))
    assert code == 1
    assert [o["line"] for o in out] == [1, 2, 3, 4]
    assert "too large" in out[0]["error"]
    assert out[1]["error"] == "duplicate key 'reply'"
    assert out[2]["error"] == "'min_days' must be a number from 0 to 365"
    assert "'phase' must be one of" in out[3]["error"]


def test_reply_arguments_with_a_lone_surrogate_are_a_usage_error(capsys):
    # An argument that is not valid UTF-8 reaches Python as lone surrogates.
    assert main(["score", "--reply", "caf\udce9"]) == 2
    err = capsys.readouterr().err
    assert "lone surrogate" in err and "\\udce9" in err
    assert main(["score", "--reply", "ok", "--latency", "nan"]) == 2


def test_a_text_stdin_without_bytes_still_works(monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO(GOOD.decode() + "\n[1]\n"))
    assert main(["score", "--jsonl", "-"]) == 1
    out = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert "dimensions" in out[0] and out[1] == {"line": 2, "error": "each line must be a JSON object"}


def test_a_line_of_escaped_quotes_is_answered_at_once_not_in_quadratic_time(capsys, tmp_path):
    """An unterminated string of 100,000 escaped quotes, then brackets: the nesting check
    once rescanned the rest of the line from every quote (about 4 minutes here)."""
    from tests.fuzzing import Hang, time_limit

    line = b'{"reply": "' + b'\\"' * 100_000 + b"[" * 11
    try:
        with time_limit(30):
            code, out = run_file(capsys, tmp_path, line + b"\n" + GOOD + b"\n")
    except Hang:
        pytest.fail("one line took more than 30 s")
    assert code == 1
    assert out[0]["line"] == 1 and "not valid JSON" in out[0]["error"]
    assert "dimensions" in out[1]
