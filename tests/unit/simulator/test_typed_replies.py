"""Issue 12: replies typed or pasted at a terminal are cleaned before the judge, the
transcript, the results store, the reports and the XML outputs see them, and the
trainee sees what was sent; replies are bounded by one limit everywhere."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest

from simulator.cli import main
from simulator.format.spec import MAX_REPLY_CHARS
from simulator.library import resolve
from simulator.session import ReplyRejected, Session
from simulator.store import open_store
from simulator.typed import clean_reply, cleaned_echo, removed_text

from .certify_support import GOOD, REPO, key_file, make_plan

#: What a paste or a hostile terminal can carry, and what must be left of it.
DIRTY = [
    ("nul", "I'm so sorry\x00, Margaret.", "I'm so sorry, Margaret.", "1 control character"),
    ("csi", "\x1b[2J\x1b[31mI'm so sorry\x1b[0m, Margaret.", "I'm so sorry, Margaret.",
     "3 terminal escape sequences"),
    ("osc title", "\x1b]0;hacked\x07I'm so sorry.", "I'm so sorry.", "1 terminal escape sequence"),
    ("8-bit csi", "I'm\x9b1m so sorry.", "I'm so sorry.", "1 terminal escape sequence"),
    ("bidi", "I'm so sorry \u202egnorw\u202c, Margaret.", "I'm so sorry gnorw, Margaret.",
     "2 bidirectional overrides"),
    ("isolate", "Order \u2066HX-48213\u2069.", "Order HX-48213.", "2 bidirectional overrides"),
    ("lone surrogate", "caf\udce9 sorry", "caf\ufffd sorry",
     "1 character that is not valid text, shown as \ufffd"),
    ("split pair", "sorry \ud83d\ude00", "sorry \U0001f600", None),
    ("bom", "\ufeffI'm so sorry.", "I'm so sorry.", "1 invisible mark"),
    ("line separator", "Sorry.\u2028I will call.", "Sorry.\nI will call.",
     "1 line separator, made a line break"),
    ("carriage return", "Sorry.\r\nI will\rcall.", "Sorry.\nI will\ncall.", None),
    ("kept", "Tabs\tand\nline breaks, ñ, 李, 😀 stay.", "Tabs\tand\nline breaks, ñ, 李, 😀 stay.", None),
]


@pytest.mark.parametrize("name, typed, sent, said", DIRTY, ids=[d[0] for d in DIRTY])
def test_what_is_taken_out_and_what_is_said(name, typed, sent, said):
    cleaned = clean_reply(typed)
    assert cleaned.text == sent
    assert cleaned.text.encode("utf-8")  # always valid UTF-8
    if said is None:
        assert not cleaned.changed and cleaned_echo(cleaned) == ""
    else:
        assert removed_text(cleaned) == said
        assert cleaned_echo(cleaned).endswith(f"Sent: {sent}".replace("\n", "\\n"))


def test_the_trainee_is_told_in_the_sessions_language():
    cleaned = clean_reply("Lo siento\x00\x1b[31m mucho.")
    assert removed_text(cleaned, "es") == "1 secuencia de escape de terminal, 1 carácter de control"
    assert cleaned_echo(cleaned, "es").startswith("Quitado de su respuesta antes de enviarla:")


def test_a_session_never_takes_what_a_terminal_would_obey():
    """Whatever the front end, the judge and the transcript see the cleaned reply; a
    reply that was nothing but controls is empty, and refused as such."""
    session = Session(resolve("late_delivery"), seed=1)
    turn = session.reply("\x1b[2JI'm so sorry\x00 \u202eMargaret\udc80.", 3)
    assert turn.reply == "I'm so sorry Margaret\ufffd."
    assert session.transcript()["turns"][0]["reply"] == turn.reply
    with pytest.raises(ReplyRejected, match="empty"):
        session.reply("\x1b[2J\x00\u202e", 3)


def test_one_reply_limit_everywhere_with_a_message_that_says_how_long(capsys):
    at_limit = "a" * (MAX_REPLY_CHARS - 1) + "."  # the worst shape: one unbroken word
    assert MAX_REPLY_CHARS == 10_000
    assert main(["score", "--reply", at_limit, "--json"]) == 0
    assert "dimensions" in json.loads(capsys.readouterr().out)
    assert main(["score", "--reply", at_limit + "x"]) == 2
    err = capsys.readouterr().err
    assert "'--reply' too long: 10,001 characters (at most 10,000: shorten it, or judge it as " \
           "several replies)" in err and "Traceback" not in err
    session = Session(resolve("late_delivery"), seed=1)
    session.reply("I'm so sorry, Margaret. " * 400, 3)  # 9,600 characters: taken
    with pytest.raises(ReplyRejected, match=r"the reply is 1,000,000 characters; keep it under 10,000"):
        session.reply("x" * 1_000_000, 3)


def test_temper_play_cleans_a_typed_reply_and_shows_what_was_sent(tmp_path, monkeypatch, capsys):
    typed = iter(["\x1b[2J\x1b]0;pwned\x07I'm so sorry\x00, Margaret \u202eHX-48213. What happened?",
                  "/quit"])
    monkeypatch.setattr("builtins.input", lambda prompt="": next(typed))
    transcript = tmp_path / "t.json"
    assert main(["play", "late_delivery", "--no-record", "--transcript", str(transcript)]) == 0
    out = capsys.readouterr().out
    sent = "I'm so sorry, Margaret HX-48213. What happened?"
    assert ("(Taken out of your reply before it was sent: 2 terminal escape sequences, "
            f"1 control character, 1 bidirectional override. Sent: {sent})") in out
    assert "\x1b" not in out and "\x00" not in out and "\u202e" not in out
    [turn] = json.loads(transcript.read_text(encoding="utf-8"))["turns"]
    assert turn["reply"] == sent


def test_temper_certify_at_a_terminal_keeps_results_and_xml_clean(tmp_path):
    """Bytes as a hostile paste sends them: an escape sequence, NUL, a bidi override and a
    byte this (UTF-8) terminal cannot decode."""
    dirty = (b"\x1b[31mI'm so sorry\x00 Margaret, I understand how frustrating \xe2\x80\xae"
             b"this is \xff. What happened?\n")
    lines = [dirty] + [g.encode() + b"\n" for g in GOOD[1:]]
    proc = subprocess.run(
        [sys.executable, "-m", "simulator", "certify", str(make_plan(tmp_path)), "--trainee", "ana",
         "--key-file", str(key_file(tmp_path)), "--out", str(tmp_path / "out"), "--db",
         str(tmp_path / "r.db"), "--formats", "json,junit,html"],
        input=b"".join(lines), capture_output=True, timeout=300, cwd=REPO,
        env=dict(os.environ, PYTHONIOENCODING="utf-8:surrogateescape"))
    out = proc.stdout.decode("utf-8")  # what it prints is valid UTF-8
    assert proc.returncode in (0, 1), out + proc.stderr.decode("utf-8", "replace")
    sent = "I'm so sorry Margaret, I understand how frustrating this is \ufffd. What happened?"
    assert (f"(Taken out of your reply before it was sent: 1 terminal escape sequence, 1 control "
            f"character, 1 bidirectional override, 1 character that is not valid text, shown as "
            f"\ufffd. Sent: {sent})") in out
    result = json.loads((tmp_path / "out" / "ana.result.json").read_text(encoding="utf-8"))
    assert result["scenarios"][0]["transcript"]["turns"][0]["reply"] == sent
    raw = (tmp_path / "out" / "ana.junit.xml").read_bytes()
    raw.decode("utf-8")
    ET.fromstring(raw)  # well-formed
    html = (tmp_path / "out" / "ana.html").read_text(encoding="utf-8")
    assert "\x1b" not in html and "\x00" not in html and "\u202e" not in html
    with open_store(tmp_path / "r.db") as store:
        [record] = store.sessions("ana")
        assert store.turns(record.id)[0]["reply"] == sent
