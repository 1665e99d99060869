"""Every message the reports, the cohort and the report view can show has a Spanish
translation: a Spanish session never shows an English line because one was forgotten."""

from __future__ import annotations

import ast
import re

import pytest

from simulator import cohort, report, wording

from .certify_support import REPO

MODULES = ("simulator/report.py", "simulator/cohort.py", "simulator/wording.py", "ui/report_view.py")
TEMPLATES = sorted((REPO / "simulator" / "templates").glob("*.html"))
#: Words that are the same in both languages.
SAME = {"Chat", "WhatsApp", "Plan", "%(score)s / 100", "%(seconds)s s", "%(result)s: %(why)s",
        "%(date)s, %(time)s", "“%(text)s”"}


def _calls(tree):
    """(function, first argument) for every call of _(), w() or w.gettext/ngettext with a
    literal message (adjacent literals joined, as Python does)."""
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        f = node.func
        name = f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else ""
        first = node.args[0]
        if name in ("_", "w", "gettext", "ngettext") and isinstance(first, ast.Constant) \
                and isinstance(first.value, str):
            yield name, first.value


def messages() -> tuple[set[str], set[str]]:
    singles, plurals = set(), set()
    for path in MODULES:
        for name, msg in _calls(ast.parse((REPO / path).read_text(encoding="utf-8"))):
            (plurals if name == "ngettext" else singles).add(msg)
    for template in TEMPLATES:
        text = template.read_text(encoding="utf-8")
        singles.update(m.group(2) for m in re.finditer(r"""\b_\(\s*(["'])(.*?)\1""", text))
        plurals.update(m.group(2) for m in re.finditer(r"""\bngettext\(\s*(["'])(.*?)\1""", text))
    # the tables whose entries are looked up by value
    for table in (wording.DIMENSION_NAMES, wording.OUTCOMES, wording.MODES, wording.CHANNELS,
                  wording.PHASES, cohort.FAILURES, report._NO_POLICY):
        singles.update(table.values())
    singles.update(wording.MONTHS)
    singles.update(tip for *_, tip in report.SERIOUS)
    return singles, plurals


def test_the_messages_are_found():
    singles, plurals = messages()
    assert "What to practise next" in singles and "Never apologised" in singles
    assert "%(num)d reply" in plurals and len(singles) > 100


@pytest.mark.parametrize("msg", sorted(messages()[0]))
def test_every_message_has_a_spanish_translation(msg):
    from ui import report_view  # the desktop report's own words (imports Qt)

    table = {**report.REPORT_ES, **cohort._ES, **report_view._ES}
    assert msg in table, f"no Spanish for {msg!r}"
    assert table[msg] != msg or msg in SAME, f"the 'Spanish' for {msg!r} is the English"
    # the same placeholders, so formatting never fails in one language only
    assert sorted(re.findall(r"%\(\w+\)[sd]", table[msg])) == sorted(re.findall(r"%\(\w+\)[sd]", msg))


@pytest.mark.parametrize("msg", sorted(messages()[1]))
def test_every_plural_has_spanish_forms(msg):
    assert msg in report.REPORT_ES_PLURAL, f"no Spanish plural for {msg!r}"
