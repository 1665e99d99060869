"""`temper score`: the command-line contract of docs/scoring.md."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from scoring import DIMENSIONS
from simulator.cli import main

REPO = Path(__file__).resolve().parents[3]


def test_json_output_has_every_dimension_with_score_evidence_and_note(capsys):
    code = main(["score", "--reply", "I'm so sorry, Ana!!", "--customer-name", "Ana", "--json"])
    out = json.loads(capsys.readouterr().out)
    assert code == 0
    assert set(out["dimensions"]) == set(DIMENSIONS)
    for dim in out["dimensions"].values():
        assert set(dim) == {"score", "evidence", "note"}
    assert out["dimensions"]["apology"]["score"] > 0
    ev = out["dimensions"]["apology"]["evidence"][0]
    assert {"start", "end", "text", "reason", "rule"} <= set(ev)
    assert "used_name" in out["signals"]


def test_options_reach_the_scorer(capsys):
    main(["score", "--reply", "Hoy mismo le llega.", "--language", "es", "--phase", "negotiation", "--json"])
    out = json.loads(capsys.readouterr().out)
    assert out["dimensions"]["promises"]["score"] < 0  # today < the default 1 day
    main(["score", "--reply", "So the blender broke twice.", "--customer", "My blender broke again!", "--json"])
    out = json.loads(capsys.readouterr().out)
    assert out["dimensions"]["mirroring"]["evidence"][0]["customer_words"]


def test_human_summary_names_the_faults(capsys):
    assert main(["score", "--reply", "CALM DOWN."]) == 0
    text = capsys.readouterr().out
    assert "calm" in text and "told_to_calm_down" in text and not text.lstrip().startswith("{")


def test_jsonl_scores_every_line_in_order_and_reports_bad_lines(tmp_path, capsys):
    lines = [
        json.dumps({"reply": "I'm so sorry.", "customer": ["It broke", "Twice!"]}),
        "{not json",
        json.dumps({"customer": "no reply key"}),
        "",
        json.dumps({"reply": "Le llegará mañana.", "language": "es", "phase": "negotiation",
                    "policy": {"min_days": 5, "max_discount_percent": 0, "can_refund": False},
                    "channel": "whatsapp", "customer_name": "Ana", "latency_s": 3}),
        json.dumps({"reply": "x", "phase": "sleeping"}),
    ]
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code = main(["score", "--jsonl", str(path)])
    out = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert code == 1  # some lines were bad
    assert len(out) == 5
    assert out[0]["dimensions"]["apology"]["score"] > 0
    assert out[1]["line"] == 2 and "JSON" in out[1]["error"]
    assert out[2] == {"line": 3, "error": "missing key 'reply'"}
    assert "over_promised" in out[3]["signals"]
    assert out[4]["line"] == 6 and "phase" in out[4]["error"]


def test_jsonl_from_stdin(monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO('{"reply": "Thank you, Ana.", "customer_name": "Ana"}\n'))
    assert main(["score", "--jsonl", "-"]) == 0
    (line,) = capsys.readouterr().out.splitlines()
    assert {"thanked", "used_name"} <= set(json.loads(line)["signals"])


def test_user_errors_are_messages_not_tracebacks(capsys):
    assert main(["score", "--jsonl", "/no/such/file.jsonl"]) == 2
    assert "no such file" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exc:  # argparse: --reply or --jsonl is required
        main(["score"])
    assert exc.value.code == 2
    with pytest.raises(SystemExit):
        main(["score", "--reply", "x", "--language", "fr"])


def test_scenario_supplies_language_channel_name_and_policy(capsys):
    files = sorted((REPO / "scenarios").glob("*.yaml"))
    if not files:
        pytest.skip("no bundled scenarios")
    from simulator.format.loader import load_scenario

    sc = load_scenario(files[0])
    code = main(["score", "--scenario", str(files[0]), "--reply", sc.customer.name, "--json"])
    out = json.loads(capsys.readouterr().out)
    assert code == 0
    assert out["dimensions"]["personal"]["score"] > 0  # the scenario's customer name was used


def test_a_bad_scenario_file_is_a_clear_error(tmp_path, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: [unclosed\n", encoding="utf-8")
    assert main(["score", "--scenario", str(bad), "--reply", "hi"]) != 0
    assert "bad.yaml" in capsys.readouterr().err
