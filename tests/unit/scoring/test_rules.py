"""Every rule's own examples: what must match does, what must not match doesn't.

The examples live beside the rules in scoring/data/rules_<lang>.yaml, so a newcomer
who edits a pattern sees at once which sentences it was written for.
"""

from __future__ import annotations

import pytest

from scoring.model import DIMENSIONS, SIGNALS
from scoring.rules import load_rules

from .helpers import rules_of, score

CASES = []
for _lang in ("en", "es"):
    for _rule in load_rules(_lang).rules:
        for _ex in _rule.examples_match:
            CASES.append(pytest.param(_lang, _rule, _ex, True, id=f"{_lang}-{_rule.id}-match-{len(CASES)}"))
        for _ex in _rule.examples_no_match:
            CASES.append(pytest.param(_lang, _rule, _ex, False, id=f"{_lang}-{_rule.id}-no-{len(CASES)}"))


def _context(lang, rule, example):
    kw = dict(example) if isinstance(example, dict) else {"reply": example}
    kw.setdefault("language", lang)
    if rule.channels is not None:
        kw.setdefault("channel", sorted(rule.channels)[0])
    if rule.phases is not None:
        kw.setdefault("phase", sorted(rule.phases)[0])
    return kw


@pytest.mark.parametrize(("lang", "rule", "example", "should_match"), CASES)
def test_rule_example(lang, rule, example, should_match):
    kw = _context(lang, rule, example)
    reply = kw.pop("reply")
    found = rule.id in rules_of(score(reply, **kw), rule.dimension)
    assert found == should_match, f"{rule.id} on {reply!r}"


@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_rule_has_examples_both_ways(lang):
    missing = [r.id for r in load_rules(lang).rules if not r.examples_match or not r.examples_no_match]
    assert missing == []


@pytest.mark.parametrize("lang", ["en", "es"])
def test_rules_are_well_formed(lang):
    rules = load_rules(lang).rules
    assert {r.dimension for r in rules} == set(DIMENSIONS)
    assert all(r.signal is None or r.signal in SIGNALS for r in rules)
    assert all(r.note for r in rules)


def test_both_languages_have_the_same_rule_ids():
    en = {r.id for r in load_rules("en").rules}
    es = {r.id for r in load_rules("es").rules}
    assert en == es


@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_pattern_piece_is_short_enough_for_a_linguist(lang):
    """Phrase families are lists: no piece of a pattern, macro or cue is a wall of regex."""
    import yaml

    from scoring.rules import MAX_PIECE, _read

    doc = yaml.safe_load(_read(f"rules_{lang}.yaml"))
    pieces = []
    for r in doc["rules"]:
        p = r.get("pattern")
        pieces += [(r["id"], x) for x in (p if isinstance(p, list) else [p] if p else [])]
    for section in ("macros", "promise_cues", "reader_cues"):
        for name, v in (doc.get(section) or {}).items():
            pieces += [(name, x) for x in (v if isinstance(v, list) else [v])]
    for entry in doc.get("question_cues") or ():
        pieces += [(f"question_cues.{entry['kind']}", x) for x in entry["pattern"]]
    pieces += [("question_request", x) for x in doc.get("question_request") or ()]
    assert doc.get("question_cues") and doc.get("question_request") and doc.get("reader_cues")
    long = [(name, len(x)) for name, x in pieces if len(str(x)) > MAX_PIECE]
    assert long == []


def test_both_languages_name_the_same_cues():
    assert set(load_rules("en").cues) == set(load_rules("es").cues)


def test_every_cue_of_the_rule_files_is_read_by_the_code():
    """A cue nobody reads is a phrase family a linguist would edit for nothing."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[3] / "scoring"
    code = "".join(p.read_text(encoding="utf-8") for p in root.glob("*.py"))
    unread = [name for name in load_rules("en").cues
              if f'"{name}"' not in code and not (name.startswith("kind_") and '"kind_"' in code)]
    assert unread == []


def test_the_code_keeps_no_phrase_family_of_its_own():
    """Phrase families live in the rule files: no module of scoring/ compiles a
    per-language table of patterns (the reader's moved to `reader_cues`)."""
    import ast
    from pathlib import Path

    root = Path(__file__).resolve().parents[3] / "scoring"
    tables = []
    for path in sorted(root.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Dict) and {getattr(k, "value", None) for k in node.keys} == {"en", "es"} \
                    and all(isinstance(v, ast.Call) and ast.unparse(v.func) == "re.compile" for v in node.values):
                tables.append(f"{path.name}:{node.lineno}")
    assert tables == []


def test_no_pattern_holds_a_control_character():
    """A "\\b" typed into a normal (not raw) string is a backspace, which no reply
    contains: the pattern then silently never matches. The computed brush-off's patterns
    were dead that way for two sessions."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[3] / "scoring"
    bad = []
    for path in sorted(root.rglob("*")):
        if path.suffix not in (".py", ".yaml", ".txt") or "__pycache__" in path.parts:
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", line):
                bad.append(f"{path.relative_to(root)}:{n}")
    assert not bad, bad


@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_cue_has_examples_that_it_finds_and_near_misses_it_does_not(lang):
    """A linguist editing a cue sees what it is for: fragments it must find and near
    misses it must not (`cue_examples` in the rule file)."""
    import yaml

    from scoring.rules import _read
    from scoring.text import fold

    doc = yaml.safe_load(_read(f"rules_{lang}.yaml"))
    examples = doc["cue_examples"]
    cues = load_rules(lang).cues
    assert set(examples) == set(cues)
    wrong = [(name, "match", t) for name, ex in examples.items() for t in ex["match"]
             if not cues[name].search(fold(t))]
    wrong += [(name, "no_match", t) for name, ex in examples.items() for t in ex["no_match"]
              if cues[name].search(fold(t))]
    assert all(ex["match"] and ex["no_match"] for ex in examples.values())
    assert wrong == []
