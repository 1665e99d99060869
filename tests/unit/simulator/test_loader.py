"""Loading scenario files: every kind of mistake is named at its line, all at once."""

import pytest

from simulator.errors import InvalidFile
from simulator.format.loader import MAX_FILE_BYTES, load_scenario, parse_scenario

from .scenario_text import MINIMAL, line_of


def problems(text):
    with pytest.raises(InvalidFile) as info:
        parse_scenario(text, "s.yaml")
    return info.value.problems


def only_problem(text):
    found = problems(text)
    assert len(found) == 1, [str(p) for p in found]
    return found[0]


def test_a_valid_file_becomes_typed_objects():
    s = parse_scenario(MINIMAL, "s.yaml", default_id="s")
    assert s.id == "s"
    assert s.customer.name == "Ana Ruiz" and s.customer.language == "en"
    assert s.policy.min_days == 3 and s.policy.can_refund is False and s.policy.can_escalate is True
    assert s.hostility.peak == 70 and s.hostility.agrees_below == 40
    assert s.hostility.effects["told_to_calm_down"] > 0, "defaults fill the effects"
    assert [l.text for l in s.lines["venting"]["angry"]] == ["Where is order {order_id}?", "My parcel is late!"]
    assert s.lines["venting"]["angry"][1].source_line == line_of(MINIMAL, "venting:") + 1
    assert s.lines["empathy"]["annoyed"][0].text == "It was a present.", "a single line is a list of one"


def test_yaml_syntax_error_names_its_line():
    text = MINIMAL.replace("  peak: 70", "  peak: [70")
    p = only_problem(text)
    assert "YAML syntax error" in p.message
    assert p.line >= line_of(text, "peak: [70")


def test_unknown_key_suggests_the_closest():
    text = MINIMAL.replace("hostility:", "hostilty:")
    found = problems(text)
    messages = [str(p) for p in found]
    typo = next(p for p in found if "hostilty" in p.message)
    assert typo.message == "unknown key 'hostilty' (did you mean 'hostility'?)"
    assert (typo.line, typo.column) == (line_of(text, "hostilty:"), 1)
    assert any("missing required key 'hostility'" in m for m in messages)


def test_wrong_type_names_the_field_path_and_line():
    text = MINIMAL.replace("peak: 70", "peak: high")
    p = only_problem(text)
    assert p.path == "hostility.peak"
    assert p.line == line_of(text, "peak: high")
    assert "expected a number, found 'high'" in p.message
    assert str(p).startswith(f"s.yaml:{p.line}:9: hostility.peak:")


def test_out_of_range_value():
    text = MINIMAL.replace("start: 50", "start: 150")
    p = only_problem(text)
    assert (p.path, p.line) == ("hostility.start", line_of(text, "start: 150"))
    assert "above the maximum 100" in p.message


def test_bad_choice_suggests_the_closest():
    text = MINIMAL.replace("channel: chat", "channel: emial")
    p = only_problem(text)
    assert p.line == line_of(text, "channel: emial")
    assert "did you mean 'email'" in p.message


def test_missing_required_key_points_at_its_parent():
    text = MINIMAL.replace("  min_days: 3\n", "")
    p = only_problem(text)
    assert p.message == "missing required key 'min_days'"
    assert p.line == line_of(text, "max_discount_percent")


def test_python_objects_are_refused_not_built():
    text = MINIMAL.replace("title: Test scenario", "title: !!python/object/apply:os.system ['echo pwned']")
    p = only_problem(text)
    assert p.line == line_of(text, "title:")
    assert "not allowed" in p.message and "plain data" in p.message


def test_duplicate_keys_are_reported():
    text = MINIMAL.replace("  peak: 70\n", "  peak: 70\n  peak: 80\n")
    p = only_problem(text)
    assert p.message == "duplicate key 'peak'"
    assert p.line == line_of(text, "peak: 80")


def test_unknown_placeholder_names_the_line():
    text = MINIMAL.replace("It was a present.", "It was a {gift}.")
    p = only_problem(text)
    assert p.line == line_of(text, "{gift}")
    assert "unknown placeholder '{gift}'" in p.message


def test_checks_across_fields():
    text = MINIMAL.replace("breaking_point: 95", "breaking_point: 60")
    p = only_problem(text)
    assert p.path == "hostility.breaking_point"
    assert "must be above peak" in p.message


def test_missing_phase_lines():
    text = MINIMAL.replace("  negotiation:\n    annoyed: \"What will you do?\"\n", "")
    p = only_problem(text)
    assert "lines missing for: negotiation" in p.message


def test_several_errors_are_all_reported_in_line_order():
    text = (MINIMAL.replace("channel: chat", "channel: fax")
            .replace("peak: 70", "peak: lots")
            .replace("min_days: 3", "min_dayz: 3"))
    found = problems(text)
    assert len(found) >= 3
    assert [p.line for p in found] == sorted(p.line for p in found)
    assert {line_of(text, "fax"), line_of(text, "lots"), line_of(text, "min_dayz")} <= {p.line for p in found}


def test_alias_bomb_is_stopped():
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
        f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(8)
    )
    assert any("too large" in p.message or "unknown key" in p.message for p in problems(bomb))


@pytest.mark.parametrize("content, message", [
    (b"", "the file is empty"),
    (b"title: \xff\xfe bad", "not UTF-8"),
    (b"- just\n- a list\n", "expected a mapping"),
])
def test_unusable_files_say_why(tmp_path, content, message):
    f = tmp_path / "bad.yaml"
    f.write_bytes(content)
    with pytest.raises(InvalidFile) as info:
        load_scenario(f)
    assert message in str(info.value)
    assert str(info.value).startswith(str(f))


def test_missing_folder_and_huge_files(tmp_path):
    with pytest.raises(InvalidFile, match="no such scenario file"):
        load_scenario(tmp_path / "nope.yaml")
    with pytest.raises(InvalidFile, match="is a folder"):
        load_scenario(tmp_path)
    big = tmp_path / "big.yaml"
    big.write_text("# " + "x" * MAX_FILE_BYTES)
    with pytest.raises(InvalidFile, match="file too large"):
        load_scenario(big)
