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


# --- hardening (issue 12): untrusted scenario files never crash the reader -----------

@pytest.fixture(params=["libyaml", "python"])
def each_parser(request, monkeypatch):
    """The reader parses with libyaml when PyYAML has it, else in Python: both hold."""
    from simulator.format import schema

    if request.param == "python":
        monkeypatch.setattr(schema, "_Loader", schema._PyLoader)
    elif schema._Loader is schema._PyLoader:
        pytest.skip("PyYAML without libyaml")
    return request.param


@pytest.mark.parametrize("value, named", [
    ("!!float abc", "!!float"),
    ("!!timestamp 2020-13-45", "!!timestamp"),
    ("!!int 12abc", "!!int"),
    ("!!bool maybe", "!!bool"),
    ("!!binary '@@not base64@@'", "!!binary"),
    ("!!map abc", "!!map"),
    ("!!python/name:os.system", "not allowed"),
])
def test_a_bad_value_under_a_plain_tag_is_named_at_its_place(each_parser, value, named):
    text = MINIMAL.replace("peak: 70", f"peak: {value}")
    p = only_problem(text)
    assert (p.line, p.column, p.path) == (line_of(text, "peak:"), 9, "hostility.peak")
    assert named in p.message


def test_a_tag_on_a_key_is_refused_at_the_key(each_parser):
    text = MINIMAL.replace("  peak: 70", "  !!float peak: 70")
    found = problems(text)
    key = next(p for p in found if "keys must be plain words" in p.message)
    assert (key.line, key.column) == (line_of(text, "!!float peak"), 3)
    assert "!!float" in key.message


def test_merge_keys_are_refused_with_their_place(each_parser):
    text = MINIMAL.replace("policy:\n  min_days: 3\n", "policy:\n  <<: {min_days: 3}\n")
    merge = next(p for p in problems(text) if "merge keys" in p.message)
    assert (merge.line, merge.column) == (line_of(text, "<<:"), 3)
    assert "write the keys out" in merge.message


@pytest.mark.parametrize("depth", [51, 2000])
def test_deep_nesting_is_refused_not_a_recursion_error(each_parser, depth):
    text = MINIMAL.replace("peak: 70", "peak: " + "[" * depth + "]" * depth)
    p = only_problem(text)
    assert p.line == line_of(text, "peak:")
    assert p.message == "nested too deeply (at most 50 levels)"


def test_deep_block_nesting_is_refused_too(each_parser):
    deep = "".join(f"\n{'  ' * (i + 1)}k{i}:" for i in range(60)) + " x"
    text = MINIMAL + "rubric:" + deep + "\n"
    p = only_problem(text)
    assert p.line == line_of(text, "rubric:") + 49 and "at most 50 levels" in p.message


def test_an_alias_that_loops_is_refused(each_parser):
    p = only_problem(MINIMAL + "tags: &loop [*loop]\n")
    assert p.line == line_of(MINIMAL + "tags: &loop [*loop]\n", "tags:")
    assert "(a loop)" in p.message


def test_a_non_number_rubric_weight_is_a_message_not_a_crash():
    p = only_problem(MINIMAL + "rubric:\n  weights: {calm: abc, apology: 2}\n")
    assert p.path == "rubric.weights.calm"
    assert "expected a number, found 'abc'" in p.message


@pytest.mark.parametrize("escape, shown", [
    ("\\e[31mred\\e[0m", "\\x1b"),     # an ANSI colour escape
    ("over\\rwrite", "\\r"),          # a carriage return would overwrite the line
    ("\\u202eevil", "\\u202e"),       # a right-to-left override
])
def test_text_echoed_from_the_file_is_escaped_in_messages(each_parser, escape, shown):
    # The same value twice: refused as text (customer.channel), and as a key echoed in
    # "unknown key" (top level).
    text = MINIMAL.replace("channel: chat", f'channel: "{escape}"') + f'"{escape}": 1\n'
    found = problems(text)
    printed = "\n".join(str(p) for p in found)
    printed.encode("utf-8")  # no lone surrogate left: this would raise
    assert shown in printed
    assert not any(ch in printed for ch in "\x1b\r\u202e")
    channel = next(p for p in found if p.path == "customer.channel")
    assert channel.line == line_of(text, "channel:") and "not allowed in text" in channel.message


def test_a_lone_surrogate_is_refused_at_its_value_and_never_printed_raw(each_parser):
    text = MINIMAL.replace("channel: chat", 'channel: "\\udfff"') + '"\\udfff": 1\n'
    found = problems(text)
    assert found[0].line == line_of(text, "channel:")
    printed = "\n".join(str(p) for p in found)
    printed.encode("utf-8")  # would raise on a lone surrogate
    assert "lone surrogate" in printed
    if each_parser == "python":  # parsed, then refused as text: the value is shown escaped
        assert "\\udfff" in printed


def test_a_surrogate_pair_written_as_json_writes_it_is_one_character(each_parser):
    s = parse_scenario(MINIMAL.replace('"It was a present."', '"A present \\ud83c\\udf81."'), "s.yaml")
    assert s.lines["empathy"]["annoyed"][0].text == "A present \U0001f381."


@pytest.mark.parametrize("raw, what", [
    ("\x07", "\\x07"), ("\x00", "\\x00"), ("\x1b[2J", "\\x1b"),
])
def test_reader_errors_carry_the_real_line_and_column(each_parser, raw, what):
    # Non-ASCII before the character: libyaml counts bytes, the column counts characters.
    text = MINIMAL.replace("Her parcel", f"Señora Ruiz’s {raw}parcel")
    p = only_problem(text)
    assert (p.line, p.column) == (line_of(text, "backstory:"), len("  backstory: Señora Ruiz’s ") + 1)
    assert what in str(p) and raw not in str(p)


def test_line_numbers_count_lone_cr_and_crlf_line_ends_like_an_editor(each_parser):
    broken = MINIMAL.replace("peak: 70", "peak: [70")
    lf = only_problem(broken)
    assert lf.line == line_of(broken, "rise_turns:"), "the flow list breaks at the next key"
    for newline in ("\r", "\r\n"):
        p = only_problem(broken.replace("\n", newline))
        assert (p.line, p.column, p.message) == (lf.line, lf.column, lf.message), newline.encode()
    bad_value = MINIMAL.replace("peak: 70", "peak: high").replace("\n", "\r")
    assert only_problem(bad_value).line == line_of(MINIMAL, "peak:")


def test_a_line_separator_yaml_would_count_as_a_line_break_is_refused_at_its_place(each_parser):
    text = MINIMAL.replace("Her parcel", "Her\u2028parcel")
    p = only_problem(text)
    assert (p.line, p.column) == (line_of(text, "backstory:"), len("  backstory: Her") + 1)
    assert "line separator" in p.message


def test_format_specs_in_customer_lines_are_refused():
    text = MINIMAL.replace("It was a present.", "It was {name:>300000000}.")
    p = only_problem(text)
    assert p.line == line_of(text, "{name:>")
    assert "only plain {name} placeholders" in p.message
    p = only_problem(MINIMAL.replace("It was a present.", "It was {name!r}."))
    assert "conversion" in p.message


def test_a_format_spec_that_reached_a_session_is_said_as_written_not_obeyed():
    from simulator.customer.lines import Facts, render
    from simulator.format.scenario import Line

    line = Line("Hello {name:>300000000}, order {order_id}", 1, "k")
    assert render(line, Facts(name="Ana", order_id="AB-1")) == "Hello {name:>300000000}, order AB-1"


def test_plain_numbers_dates_and_words_in_text_fields_stay_as_written(each_parser):
    text = MINIMAL.replace("  order_id: AB-1\n",
                           "  order_id: 04821\n  price: 49.90\n  at: 9:30\n  on: 2024-05-01\n  ok: yes\n")
    s = parse_scenario(text, "s.yaml")
    assert dict(s.facts) == {"order_id": "04821", "price": "49.90", "at": "9:30", "on": "2024-05-01",
                             "ok": "yes"}


@pytest.mark.parametrize("value, message", [
    (".inf", "expected a finite number"),
    ("1" * 5000, "not a valid !!int"),
])
def test_numbers_too_big_to_use_are_refused(value, message):
    p = only_problem(MINIMAL.replace("peak: 70", f"peak: {value}"))
    assert p.path == "hostility.peak" and message in p.message
    assert len(str(p)) < 300, "the value is cut short in the message"


def test_special_files_are_refused_without_reading_them(tmp_path):
    import os
    import subprocess
    import sys

    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    zero = tmp_path / "zero.yaml"
    zero.symlink_to("/dev/zero")
    for path, kind in ((fifo, "FIFO"), (zero, "device")):
        # In a child process: if the file were read, a FIFO would block for ever and
        # /dev/zero would fill the memory; the timeout turns either into a failure.
        done = subprocess.run([sys.executable, "-m", "simulator", "validate", str(path)],
                              capture_output=True, text=True, timeout=60)
        assert done.returncode == 1, done.stderr
        assert done.stdout.startswith(f"{path}:1:1: is a {kind}") or f"is a {kind}" in done.stdout, done.stdout
        assert "Traceback" not in done.stderr


@pytest.mark.parametrize("text", [
    "".join(f"k{i}: 1\n" for i in range(40_000)),
    MINIMAL.replace("hostility:\n", "hostility:\n" + "".join(f"  k{i}: 1\n" for i in range(250))),
])
def test_a_file_of_thousands_of_mistakes_lists_200_and_says_the_rest_is_not_checked(text):
    found = problems(text)
    assert len(found) == 201
    [more] = [p for p in found if "more than 200 problems: the rest of the file is not checked" in p.message]
    assert more.line > 1 or text.startswith("k0")
    assert not any("internal error" in p.message for p in found)


def test_a_file_of_more_than_100000_values_is_refused_where_the_limit_is_passed():
    text = "tags:\n" + "- x\n" * 150_000
    p = only_problem(text)
    assert p.message == "file too large: more than 100000 values"
    assert p.line == 99_999  # the 100,001st value: after the mapping, its key, the list, item 99,998


def test_examples_reused_through_aliases_cannot_make_check_play_for_hours():
    long_reply = "I am so sorry about this. " * 190  # 4,940 characters
    text = (MINIMAL + "examples:\n"
            + f"  - name: first\n    ending: resolved\n    replies: [&r '{long_reply}']\n"
            + "".join(f"  - name: e{i}\n    ending: resolved\n    replies: [*r, *r, *r, *r, *r]\n"
                      for i in range(19)))
    p = only_problem(text)
    assert (p.path, p.line) == ("examples", line_of(text, "examples:"))
    assert "96 replies of 474240 characters" in p.message and "(at most 300 and 50,000)" in p.message


def test_an_offers_max_amount_is_its_ceiling():
    """`max_amount` reaches the judge: the fee refunded above it is an over-promise, within
    it the case's own offer; a negative one is refused at its line."""
    from pathlib import Path

    from scoring import score_reply
    from scoring.model import ReplyContext

    bundled = (Path(__file__).resolve().parents[3] / "scenarios" / "double_charge.yaml").read_text()
    anchor = "    aliases: [refund the fee,"
    assert anchor in bundled
    text = bundled.replace(anchor, "    max_amount: 25\n" + anchor, 1)
    s = parse_scenario(text, "s.yaml")
    fee = next(o for o in s.offers if o.id == "fee_refund")
    assert fee.max_amount == 25

    def judged(reply):
        return score_reply(ReplyContext(reply=reply, phase="negotiation", offers=s.offers, policy=s.policy))

    assert "over_promised" in judged("I'll refund the fee, £40 for the trouble, to your card.").signals
    within = judged("I'll refund the fee, the £25, to your card within 5 business days.")
    assert "over_promised" not in within.signals and "fee_refund" in within.reading.offers

    bad = text.replace("max_amount: 25", "max_amount: -5")
    p = only_problem(bad)
    assert (p.path, p.line) == ("offers.fee_refund.max_amount", line_of(bad, "max_amount: -5"))
