"""With a Spanish locale (LANG=es_ES.UTF-8), what `temper history`, `certify`, `report` and
`play --resume` print for a person is Spanish: a test reads every line and fails on any
English word in it (the commands, file names and people's names aside)."""

from __future__ import annotations

import re

import pytest

from simulator.library import resolve

from .certify_support import REPO, key_file, run, yaml_list

SCENARIO = "lavadora_garantia"


def _english_words() -> set[str]:
    def words(name: str) -> set[str]:
        text = (REPO / "scoring" / "data" / name).read_text(encoding="utf-8")
        return {w for line in text.splitlines() if not line.startswith("#") for w in line.split()}

    own = {"session", "sessions", "started", "trainee", "scenario", "mode", "outcome", "score",
           "result", "pass", "fail", "passed", "unfinished", "resolved", "practice", "exam",
           "resume", "carried", "replayed", "replies", "reply", "finished", "warning", "results",
           "mark", "below", "could", "certified", "written", "database", "report", "nothing",
           "history", "stays", "carry", "stopped", "where", "there", "first", "column", "leave"}
    return (words("stopwords_en.txt") - words("stopwords_es.txt") - {"a", "no", "me", "he", "son"}) | own


ENGLISH = _english_words()


def english_in(text: str, *allowed: str) -> list[tuple[str, str]]:
    """English words in `text`, once commands (`...`), `allowed` names and paths are read past."""
    found = []
    for line in text.splitlines():
        plain = re.sub(r"`[^`]*`", " ", line)
        for name in allowed:
            plain = plain.replace(name, " ")
        plain = re.sub(r"\S*/\S*", " ", plain)  # paths, "alumno(s)/"
        plain = re.sub(r"--[\w-]+", " ", plain)  # options
        for word in re.findall(r"[^\W\d_]+", plain):
            if len(word) > 1 and word.lower() in ENGLISH:
                found.append((word, line.strip()[:100]))
    return found


@pytest.fixture
def spanish(monkeypatch):
    for name in ("TEMPER_LANGUAGE", "LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "es_ES.UTF-8")


def test_the_detector_finds_english(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("LANG", "C.UTF-8")
    for name in ("TEMPER_LANGUAGE", "LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    _, out, _ = run(capsys, "history", "--db", tmp_path / "r.db")
    assert english_in(out)  # "No sessions in ..."


def test_history_play_resume_certify_and_report_speak_spanish(capsys, tmp_path, spanish):
    db = tmp_path / "results.sqlite3"
    scenario = resolve(SCENARIO)
    replies = [r.text for r in scenario.examples[0].replies]
    first, rest = tmp_path / "primeras.yaml", tmp_path / "resto.yaml"
    first.write_text(yaml_list(replies[:2], latency=5), encoding="utf-8")
    rest.write_text(yaml_list(replies[2:], latency=5), encoding="utf-8")
    names = ("ana", "temper", SCENARIO, scenario.title, scenario.customer.name, str(tmp_path))
    seen: list[str] = []

    def temper(*argv, code=0):
        got, out, err = run(capsys, *argv)
        assert got == code, (argv, out, err)
        seen.append(out + err)
        return out + err

    temper("history", "--db", db)  # none yet
    out = temper("play", SCENARIO, "--replies", first, "--db", db, "--trainee", "ana",
                 "--seed", str(scenario.examples[0].seed or 0))
    assert "queda sin terminar en el historial" in out
    out = temper("history", "--db", db)
    assert "sin terminar" in out and "--resume NÚM" in out
    out = temper("play", "--resume", "1", "--replies", rest, "--db", db)
    assert "2 respuestas repetidas" in out and "Final: Resuelta" in out
    assert "ha terminado" in temper("play", "--resume", "1", "--db", db, code=1)
    temper("play", "--resume", "9", "--db", db, code=2)
    temper("history", "--db", db)
    temper("report", "1", "--db", db, "--html", tmp_path / "informe.html")
    temper("report", "--cohort", "--db", db, "--trainee", "nadie", code=2)

    plan = tmp_path / "plan.yaml"
    plan.write_text("format: 1\ntitle: Certificación de prueba\npass_mark: 60\n"
                    "dimensions:\n  next_steps:\n    min_score: 90\n"
                    f"scenarios:\n  - scenario: {REPO / 'scenarios' / (SCENARIO + '.yaml')}\n    seed: 1\n",
                    encoding="utf-8")
    folder = tmp_path / "respuestas"
    for who, said in (("ana", replies), ("beto", ["Cálmese. Usted tiene la culpa.", "NO!!!"])):
        (folder / who).mkdir(parents=True)
        (folder / who / f"{SCENARIO}.yaml").write_text(yaml_list(said), encoding="utf-8")
    out = temper("certify", plan, "--replies", folder, "--key-file", key_file(tmp_path),
                 "--out", tmp_path / "salida", "--formats", "json", "--no-db", code=1)
    assert "SUSPENSO" in out and "next_steps" not in out  # the dimension by its Spanish name

    found = [hit for text in seen for hit in english_in(text, *names, "beto", "Certificación de prueba")]
    assert found == []
