"""Messages made far from anyone's language (the results store, the scenario checker)
read as their English everywhere a string is expected, and are said in Spanish where a
Spanish reader is (simulator.errors.L_ / said), places and values untouched."""

from __future__ import annotations

import pickle

from simulator.errors import InvalidFile, L_, Problem, TemperError, said
from simulator.format.loader import parse_scenario
from simulator.store import open_store

from .certify_support import run


def test_a_message_is_its_english_until_it_is_said_in_spanish():
    message = L_("no session %(id)s in %(store)s", id=7, store="/srv/r.sqlite3")
    assert message == "no session 7 in /srv/r.sqlite3" and str(TemperError(message)) == message
    assert said(message, "es") == "no hay ninguna sesión 7 en /srv/r.sqlite3"
    assert said(TemperError(message), "es") == said(message, "es")
    assert said(message, "en") == message
    assert said(OSError("disk on fire"), "es") == "disk on fire"  # no msgid: as it is
    again = pickle.loads(pickle.dumps(InvalidFile([Problem("a.yaml", 3, 1, message, "x")])))  # a process pool
    assert said(again, "es") == "a.yaml:3:1: x: no hay ninguna sesión 7 en /srv/r.sqlite3"


def test_a_broken_scenario_is_described_in_spanish_at_the_same_places():
    try:
        parse_scenario("format: 2\ntitle: Roto\ntitel: x\nhostility:\n  start: 10\n  peak: 500\n", "roto.yaml")
    except InvalidFile as exc:
        english, spanish = str(exc).splitlines(), said(exc, "es").splitlines()
    assert "roto.yaml:3:1: titel: unknown key 'titel' (did you mean 'title'?)" in english
    assert "roto.yaml:3:1: titel: clave desconocida 'titel' (¿quería decir 'title'?)" in spanish
    assert "roto.yaml:6:9: hostility.peak: 500 está por encima del máximo 100" in spanish
    assert [line.split(": ")[0] for line in english] == [line.split(": ")[0] for line in spanish]
    try:
        parse_scenario("a: [1, 2\n", "roto.yaml")
    except InvalidFile as exc:
        assert said(exc, "es").startswith("roto.yaml:2:1: error de sintaxis YAML: ")


def test_a_spanish_terminal_reads_the_stores_errors_in_spanish(capsys, tmp_path, monkeypatch):
    for name in ("TEMPER_LANGUAGE", "LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    open_store(tmp_path / "r.sqlite3").close()
    monkeypatch.setenv("LANG", "es_ES.UTF-8")
    code, _, err = run(capsys, "play", "--resume", "9", "--db", tmp_path / "r.sqlite3")
    assert code == 2 and f"no hay ninguna sesión 9 en {tmp_path / 'r.sqlite3'}" in err, err
    monkeypatch.setenv("LANG", "C.UTF-8")
    code, _, err = run(capsys, "play", "--resume", "9", "--db", tmp_path / "r.sqlite3")
    assert f"no session 9 in {tmp_path / 'r.sqlite3'}" in err, err


def test_temper_validate_speaks_the_terminals_language_at_the_same_places(capsys, tmp_path, monkeypatch):
    for name in ("TEMPER_LANGUAGE", "LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    broken = tmp_path / "roto.yaml"
    broken.write_text("format: 2\ntitle: Roto\nhostility:\n  start: 10\n  peak: 500\n", encoding="utf-8")
    monkeypatch.setenv("LANG", "es_ES.UTF-8")
    code, out, err = run(capsys, "validate", broken)
    assert code == 1 and f"{broken}:5:9: hostility.peak: 500 está por encima del máximo 100" in out.splitlines()
    assert "1 archivo revisado, 1 no válidos" in err
    monkeypatch.setenv("LANG", "C.UTF-8")
    code, out, err = run(capsys, "validate", broken)
    assert f"{broken}:5:9: hostility.peak: 500 is above the maximum 100" in out.splitlines()
    assert "1 file checked, 1 invalid" in err
