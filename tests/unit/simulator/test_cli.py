"""The `temper` command line: play, validate, list, diagram — headless, no tracebacks."""

import json
import re
import os
import subprocess
import sys

import pytest

from simulator.cli import main

from .scenario_text import MINIMAL, line_of

BUNDLED_ID = "late_delivery"


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def replies_file(tmp_path):
    f = tmp_path / "replies.yaml"
    f.write_text('- "I\'m so sorry. Could you tell me what happened?"\n'
                 "- text: Thanks for waiting.\n  latency_s: 12\n")
    return f


def test_play_scripted_prints_the_transcript_as_json(capsys, replies_file):
    code, out, err = run(capsys, "play", BUNDLED_ID, "--replies", str(replies_file), "--seed", "3", "--json")
    assert code == 0, err
    data = json.loads(out)
    assert data["scenario"] == BUNDLED_ID and data["seed"] == 3
    assert data["outcome"] in {"resolved", "escalated", "abandoned", "unfinished"}
    assert 0 <= data["score"] <= 100
    assert [t["reply"] for t in data["turns"]] == ["I'm so sorry. Could you tell me what happened?", "Thanks for waiting."]
    assert data["turns"][1]["latency_s"] == 12
    assert all({"customer", "reply", "hostility", "phase"} <= set(t) for t in data["turns"])


def test_play_scripted_is_reproducible(capsys, replies_file):
    outs = [run(capsys, "play", BUNDLED_ID, "--replies", str(replies_file), "--seed", "5", "--json")[1]
            for _ in range(2)]
    assert outs[0] == outs[1]


def test_play_accepts_a_json_replies_file_and_a_scenario_path(capsys, tmp_path):
    scenario = tmp_path / "mine.yaml"
    scenario.write_text(MINIMAL)
    replies = tmp_path / "r.json"
    replies.write_text(json.dumps(["Hello", {"text": "Sorry about that", "latency_s": 2.5}]))
    code, out, _ = run(capsys, "play", str(scenario), "--replies", str(replies), "--json")
    assert code == 0
    assert json.loads(out)["scenario"] == "mine"


def test_play_rejects_a_bad_replies_file_naming_the_line(capsys, tmp_path):
    f = tmp_path / "r.yaml"
    f.write_text('- "fine"\n- text: ""\n- latency_s: 3\n')
    code, out, err = run(capsys, "play", BUNDLED_ID, "--replies", str(f), "--json")
    assert code == 1 and out == ""
    assert f"{f}:2:" in err and "must not be empty" in err
    assert f"{f}:3:" in err and "missing required key 'text'" in err
    assert "Traceback" not in err


def test_play_an_invalid_scenario_exits_1_with_the_error(capsys, tmp_path):
    bad = tmp_path / "bad.yaml"
    text = MINIMAL.replace("peak: 70", "peek: 70")
    bad.write_text(text)
    code, out, err = run(capsys, "play", str(bad), "--replies", str(bad))
    assert code == 1
    assert f"{bad}:{line_of(text, 'peek')}:3: hostility.peek: unknown key 'peek' (did you mean 'peak'?)" in err


def test_play_unknown_bundled_id_suggests(capsys):
    code, _, err = run(capsys, "play", "late_delivry")
    assert code == 2 and "did you mean 'late_delivery'" in err


def test_play_typed_in_the_terminal(capsys, monkeypatch, temper_home):
    typed = iter(["", "I'm so sorry, could you tell me what happened?", "/quit"])
    monkeypatch.setattr("builtins.input", lambda prompt="": next(typed))
    code, out, err = run(capsys, "play", BUNDLED_ID)
    assert code == 0
    assert "the reply is empty" in err, "an empty reply is refused with a reason, not sent"
    assert "Margaret Hill:" in out and "Outcome: Unfinished: the conversation did not reach an ending" in out
    saved = list((temper_home / "transcripts").glob("late_delivery-*.json"))
    assert len(saved) == 1 and len(json.loads(saved[0].read_text())["turns"]) == 1


def test_validate_reports_file_line_col_and_exit_codes(capsys, tmp_path):
    good = tmp_path / "good.yaml"
    good.write_text(MINIMAL)
    assert run(capsys, "validate", str(good))[0] == 0
    bad = tmp_path / "sub" / "bad.yaml"
    bad.parent.mkdir()
    text = MINIMAL.replace("hostility:", "hostilty:")
    bad.write_text(text)
    code, out, err = run(capsys, "validate", str(tmp_path))
    assert code == 1
    assert f"{bad}:{line_of(text, 'hostilty')}:1: hostilty: unknown key 'hostilty' (did you mean 'hostility'?)" in out.splitlines()
    assert "2 files checked, 1 invalid" in err


def test_validate_usage_errors_exit_2(capsys, tmp_path):
    with pytest.raises(SystemExit) as info:
        main(["validate"])
    assert info.value.code == 2
    code, _, err = run(capsys, "validate", str(tmp_path))
    assert code == 2 and "no scenario files" in err


def test_list_json_has_the_library_fields(capsys):
    code, out, _ = run(capsys, "list", "--json")
    rows = json.loads(out)
    assert code == 0 and len(rows) >= 3
    assert all({"id", "title", "language", "channel", "difficulty", "path"} <= set(r) for r in rows)
    assert {"en", "es"} <= {r["language"] for r in rows}


@pytest.mark.parametrize("fmt, first", [("mermaid", "stateDiagram-v2"), ("dot", "digraph conversation {")])
def test_diagram(capsys, fmt, first):
    code, out, _ = run(capsys, "diagram", BUNDLED_ID, "--format", fmt)
    assert code == 0 and out.splitlines()[0] == first
    for state in ("venting", "empathy", "negotiation", "resolution", "resolved", "escalated", "abandoned"):
        assert state in out


def test_headless_play_never_loads_qt(tmp_path, replies_file):
    """No display, no QT_QPA_PLATFORM: Qt would abort the process if it were touched."""
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env["TEMPER_HOME"] = str(tmp_path)
    code = (
        "import sys; from simulator.cli import main\n"
        f"rc = main(['play', '{BUNDLED_ID}', '--replies', r'{replies_file}', '--json'])\n"
        "assert rc == 0\n"
        "loaded = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6', 'ui'))]\n"
        "assert not loaded, loaded\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["scenario"] == BUNDLED_ID


def test_the_app_without_a_display_says_what_to_do_instead_of_aborting(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env["TEMPER_HOME"] = str(tmp_path)
    proc = subprocess.run([sys.executable, "-m", "simulator"], env=env, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1
    assert "no display" in proc.stderr and "temper play" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_the_terminal_shows_scores_by_the_apps_rule(capsys, monkeypatch, temper_home):
    from simulator.library import resolve
    from simulator.session import Session
    from simulator.wording import dimension_name, score_text

    replies = ["I'm so sorry, could you tell me what happened?"]
    typed = iter(replies + ["/quit"])
    monkeypatch.setattr("builtins.input", lambda prompt="": next(typed))
    code, out, _ = run(capsys, "play", BUNDLED_ID)
    assert code == 0
    session = Session(resolve(BUNDLED_ID), seed=0)
    for r in replies:
        session.reply(r)
    marks = session.score()
    assert f"Score: {score_text(marks.total)}/100" in out
    for dim, value in marks.dimensions.items():
        assert re.search(rf"^  {re.escape(dimension_name(dim))}\s+{re.escape(score_text(value))}$", out, re.M), dim
    assert "next_steps" not in out


def test_a_spanish_play_in_the_terminal_is_spanish(capsys, tmp_path, temper_home):
    replies = tmp_path / "r.yaml"
    replies.write_text("- Lo siento mucho, entiendo su molestia.\n- CÁLMESE!!! usted tiene la culpa\n",
                       encoding="utf-8")
    code, out, _ = run(capsys, "play", "lavadora_garantia", "--replies", str(replies))
    assert code == 0
    for spanish in ("Datos:", "Política:", "hostilidad", "consejo:", "Final: Escalada",
                    "nota de aprobado", "suspenso", "Antes de terminar, compruebe", "Escuchar primero"):
        assert spanish in out, spanish
    for english in ("Case file", "Facts:", "Policy:", "hostility", "coach:", "Outcome", "pass mark",
                    "fail", "Before ending", "Listening first", "you>", "waiting for"):
        assert english not in out, english


def test_a_terminal_play_is_recorded_in_history_unless_told_not_to(capsys, tmp_path, temper_home):
    from simulator.store import open_store

    db = tmp_path / "results.sqlite3"
    replies = tmp_path / "r.yaml"
    replies.write_text("- I'm so sorry this happened. Could you tell me what went wrong?\n", encoding="utf-8")
    code, _, _ = run(capsys, "play", BUNDLED_ID, "--replies", str(replies), "--db", str(db), "--trainee", "ana")
    assert code == 0
    with open_store(db) as store:
        records = store.sessions("ana")
        assert len(records) == 1 and records[0].scenario_id == BUNDLED_ID
        assert not records[0].finished  # one reply, then the end of input: unfinished, never a pass
        assert len(store.turns(records[0].id)) == 1
    code, _, _ = run(capsys, "play", BUNDLED_ID, "--replies", str(replies), "--db", str(db),
                     "--trainee", "ana", "--no-record")
    with open_store(db) as store:
        assert len(store.sessions("ana")) == 1


def test_a_finished_terminal_play_is_a_finished_history_entry(capsys, tmp_path, temper_home):
    import yaml

    from simulator.library import resolve
    from simulator.store import open_store

    example = resolve(BUNDLED_ID).examples[0]
    replies = tmp_path / "r.yaml"
    replies.write_text(yaml.safe_dump([r.text for r in example.replies]), encoding="utf-8")
    db = tmp_path / "results.sqlite3"
    code, _, _ = run(capsys, "play", BUNDLED_ID, "--replies", str(replies), "--db", str(db),
                     "--trainee", "ana", "--seed", str(example.seed or 0))
    assert code == 0
    with open_store(db) as store:
        (record,) = store.sessions("ana")
        assert record.finished and record.outcome == example.ending and record.score is not None
