"""Plans, reply files and settings go through the scenario reader: the inputs that broke
scenario files (issue 12) are located messages there too, never tracebacks."""

from __future__ import annotations

import pytest

from simulator.certify.plan import load_plan
from simulator.certify.submissions import Submission
from simulator.cli import main
from simulator.config import load_config
from simulator.errors import InvalidFile
from simulator.library import bundled_dir, load_entries
from simulator.replies import load_replies

from .certify_support import make_plan
from .scenario_text import MINIMAL, line_of


def problems_of(load, *args) -> list:
    with pytest.raises(InvalidFile) as info:
        load(*args)
    return info.value.problems


@pytest.mark.parametrize("value, said", [
    ("!!float abc", "'abc' is not a valid !!float"),
    ("!!timestamp 2020-13-45", "not a valid !!timestamp"),
    ("[" * 3000 + "]" * 3000, "nested too deeply (at most 50 levels)"),
])
def test_a_plan_with_a_bad_value_names_its_line(tmp_path, value, said):
    plan = make_plan(tmp_path, extra=f"reply_time_limit_s: {value}\n")
    [p] = problems_of(load_plan, plan)
    assert (p.file, p.line) == (str(plan), 4)
    assert said in p.message


def test_a_plan_with_a_merge_key_names_its_line(tmp_path):
    plan = make_plan(tmp_path, extra="defaults: &d {seed: 1}\n",
                     scenarios="scenarios:\n  - scenario: late_delivery\n    <<: *d\n")
    found = problems_of(load_plan, plan)
    assert any(p.line == 7 and "merge keys" in p.message for p in found), [str(p) for p in found]


@pytest.mark.parametrize("name, content, line, said", [
    ("r.yaml", '- "fine"\n- text: !!binary "@@"\n', 2, "!!binary"),
    ("r.yaml", '- "fine"\n- "\\ud800"\n', 2, "lone surrogate"),
    ("r.json", '["fine", "\\ud800"]', 1, "lone surrogate"),
    ("r.json", "[" * 5000 + "]" * 5000, 1, "nested too deeply (at most 50 levels)"),
    ("r.json", '["fine", {"text": "ok", "latency_s": 1e400}]', 1, "finite number"),
])
def test_a_replies_file_with_a_bad_value_names_its_place(tmp_path, name, content, line, said):
    f = tmp_path / name
    f.write_text(content, encoding="utf-8")
    for load in (load_replies, lambda path: Submission("ana", str(tmp_path)).load(("r",))):
        found = problems_of(load, f)
        assert [(p.file, p.line) for p in found] == [(str(f), line)], [str(p) for p in found]
        assert said in found[0].message
        str(found[0]).encode("utf-8")


def test_a_trainees_replies_file_with_a_tag_is_a_located_message_in_certify(capsys, tmp_path):
    from .certify_support import key_file

    plan = make_plan(tmp_path)
    replies = tmp_path / "replies" / "ana"
    replies.mkdir(parents=True)
    bad = replies / "late_delivery.yaml"
    bad.write_text('- "I am so sorry."\n- !!timestamp 2020-13-45\n', encoding="utf-8")
    code = main(["certify", str(plan), "--replies", str(replies.parent), "--key-file",
                 str(key_file(tmp_path)), "--out", str(tmp_path / "out")])
    _, err = capsys.readouterr()
    assert code != 0
    assert f"{bad}:2:3:" in err and "!!timestamp" in err
    assert "Traceback" not in err


def test_a_settings_file_with_a_bad_value_names_its_line(tmp_path, capsys, temper_home):
    config = temper_home / "config.yaml"
    config.write_text("database: !!float here\n", encoding="utf-8")
    [p] = problems_of(load_config, config)
    assert (p.line, p.column) == (1, 11) and "!!float" in p.message
    code = main(["history"])
    _, err = capsys.readouterr()
    assert code == 1 and f"{config}:1:11:" in err and "Traceback" not in err


def test_one_broken_file_in_a_library_leaves_every_other_scenario_listed(tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text(MINIMAL.replace("peak: 70", "peak: !!float abc"), encoding="utf-8")
    entries = load_entries([bundled_dir(), broken])
    assert sum(e.scenario is not None for e in entries) == 12
    [bad] = [e for e in entries if e.scenario is None]
    assert bad.path == broken
    assert [(p.line, p.path) for p in bad.problems] == [(line_of(MINIMAL, "peak:"), "hostility.peak")]


def test_validate_prints_located_escaped_lines_for_every_kind_of_bad_file(capsys, tmp_path):
    files = {
        "tag.yaml": MINIMAL.replace("peak: 70", "peak: !!float abc"),
        "merge.yaml": MINIMAL.replace("policy:\n  min_days: 3\n", "policy:\n  <<: {min_days: 3}\n"),
        "deep.yaml": MINIMAL.replace("peak: 70", "peak: " + "[" * 2000 + "]" * 2000),
        "ansi.yaml": MINIMAL.replace("channel: chat", 'channel: "\\e[2J\\ud800"'),
        "nul.yaml": MINIMAL.replace("Her parcel", "Her \x00parcel"),
        "spec.yaml": MINIMAL.replace("It was a present.", "{name:>300000000}"),
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8", errors="surrogatepass")
    code = main(["validate", str(tmp_path)])
    out, err = capsys.readouterr()
    assert code == 1
    assert "6 files checked, 6 invalid" in err
    printed = out.splitlines()
    assert {line.split(":")[0].rpartition("/")[2] for line in printed} == set(files)
    for line in printed:
        file, number, column = line.split(":")[:3]
        assert int(number) > 1 and int(column) >= 1, line
    assert not any(ch in out for ch in "\x00\x1b\r"), "nothing from the files reaches the terminal raw"


def test_file_names_that_could_drive_the_terminal_are_escaped_by_validate_and_check(capsys, tmp_path):
    good = tmp_path / "evil\x1b[2J\r.yaml"
    good.write_text(MINIMAL + "examples:\n  - name: one\n    ending: resolved\n    replies: [ok]\n",
                    encoding="utf-8")
    bad = tmp_path / "bad\x07.yaml"
    bad.write_text(MINIMAL.replace("peak: 70", "peak: high"), encoding="utf-8")
    for command in ("validate", "check"):
        main([command, str(tmp_path)])
        out, err = capsys.readouterr()
        assert "\\x1b[2J\\r.yaml" in out + err or command == "validate"
        assert "bad\\x07.yaml:" in out
        assert not any(ch in out + err for ch in "\x1b\x07\r"), command
