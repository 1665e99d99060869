"""Loading the rule files in `scoring/data/` (YAML via `yaml.safe_load` only).

A rule file per language (`rules_en.yaml`, `rules_es.yaml`) holds `macros` (named
regular-expression pieces written `<<NAME>>` in patterns) and `rules`. Each rule:

    id: apology.genuine          # unique; every point of a score names it
    dimension: apology           # one of scoring.model.DIMENSIONS
    polarity: 1                  # +1 earns points, -1 costs them
    weight: 0.8                  # points per match (a dimension's score is clamped to -1..1)
    note: "..."                  # the coaching line shown to the trainee
    signal: apologised           # optional name from scoring.model.SIGNALS
    pattern: "..."               # regex on folded text (lower case, no accents);
                                 # absent for rules computed in code (shouting, times...)
    overrides: true              # optional: drops opposite-polarity evidence it overlaps
    only_if_clean: true          # optional: dropped if the dimension has any fault
    stacks: true                 # optional: counts beside overlapping hits of its signal
    offer: refund                # optional: an offer judged against the policy
    phases: [venting]            # optional: only judged in these phases
    channels: [social]           # optional: only judged on these channels
    examples: {match: [...], no_match: [...]}   # run by tests/unit/scoring/test_rules.py

An example is a reply string or a mapping with `reply` plus any ReplyContext field
(`customer`, `phase`, `channel`, `customer_name`, `policy`).

Besides `rules`, a file holds `promise_cues` (named regexes the promise judge uses to
tell a commitment from a fact, see scoring/promises.py), `question_cues` and
`question_request` (the kinds of question a sentence asks, and a request typed without
"?" that still asks: scoring/reader.py, `question_acts`), `reader_cues` (the reader's own
phrase families: apologies for an event, refusals, closure checks, offers said as done,
farewells; read through `rs.cues` like the promise cues, in one namespace),
`cue_examples` (for every cue, fragments it finds and near misses it does not) and
`absent_notes` (the hint shown when a dimension found nothing in a phase that expects it).

Speed: a reply is matched against ~40 patterns of ~10 alternatives each. Each top-level
alternative is compiled on its own with the literal it must start with; one pass of a
trie of all those literals finds where they occur, and only there is the alternative
tried (`RuleSet.literal_positions`, `RuleSet.match_all`).
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib import resources

import yaml

from scoring.model import DIMENSIONS, PHASES, SIGNALS, ExtraPhrase, N_
from scoring.text import fold


@dataclass(frozen=True)
class Rule:
    id: str
    dimension: str
    polarity: int
    weight: float
    note: str
    signal: str | None = None
    rx: re.Pattern | None = None
    overrides: bool = False
    phases: frozenset[str] | None = None
    channels: frozenset[str] | None = None
    examples_match: tuple = ()
    examples_no_match: tuple = ()
    offer: str | None = None  # refund | discount | supervisor: judged against the policy
    only_if_clean: bool = False  # dropped when the dimension has any negative evidence
    stacks: bool = False  # counts even where it overlaps another hit of the same signal
    # Literals one of which must occur for the pattern to match (None: no cheap test).
    # Checking `in` first skips most regex scans: it is what keeps a reply under 5 ms.
    needs: frozenset[str] | None = None
    # The pattern's top-level alternatives, each with its own `needs`: only those whose
    # words occur are scanned (a 30-branch pattern then costs one or two scans).
    parts: tuple = ()

    def finditer(self, text: str, at: dict | None = None):
        """Matches of the pattern in `text`, scanning only alternatives that can match.

        `at` maps a literal to where it occurs in `text` (`RuleSet.literal_positions`);
        without it, positions are found with `str.find`.
        """
        found = []
        for needs, prefixes, lazy in self.parts:
            rx = lazy._rx or lazy._get() if isinstance(lazy, LazyPattern) else lazy
            if prefixes:
                # Every match starts with one of these literals: try the regex only where
                # they occur, instead of scanning every position of the text.
                for lit in prefixes:
                    for pos in (at.get(lit, ()) if at is not None else _positions(text, lit)):
                        m = rx.match(text, pos)
                        if m and m.end() > m.start():
                            found.append(m)
            elif needs is None or any(n in text for n in needs):
                found.extend(m for m in rx.finditer(text) if m.end() > m.start())
        # Always in reply order: the literals are a frozenset, whose order changes with the
        # hash seed, so unsorted matches of one part could differ between two processes.
        found.sort(key=lambda m: (m.start(), -m.end()))
        return found

    def applies(self, phase: str, channel: str) -> bool:
        return (self.phases is None or phase in self.phases) and (
            self.channels is None or channel in self.channels
        )


def _match_order(m) -> tuple[int, int]:
    return m.start(), -m.end()


def _positions(text: str, lit: str) -> list[int]:
    out, pos = [], text.find(lit)
    while pos >= 0:
        out.append(pos)
        pos = text.find(lit, pos + 1)
    return out


def _trie_regex(literals) -> str:
    """One regex matching the longest of `literals` at a position (a trie, so fast)."""
    trie: dict = {}
    for lit in literals:
        node = trie
        for ch in lit:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        end = "" in node
        alts = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if end:  # greedy optional: the longer literal wins
            return "(?:" + body + ")?"
        return body

    return build(trie)


@dataclass(frozen=True, eq=False)
class RuleSet:
    language: str
    rules: tuple[Rule, ...]
    by_id: dict = field(default_factory=dict)
    cues: dict = field(default_factory=dict)  # name -> compiled regex (promise_cues, reader_cues)
    absent_notes: dict = field(default_factory=dict)  # dimension -> phase -> note
    trigger: re.Pattern | None = None  # finds every prefix literal of every rule at once
    shorter: dict = field(default_factory=dict)  # literal -> the literals it begins with

    loose: tuple = ()  # prefix literals that may start mid-word: found with str.find
    by_literal: dict = field(default_factory=dict)  # literal -> ((rule id, part regex), ...)
    # (kind, compiled regex) in the file's order; a request without "?" that still asks.
    question_cues: tuple = ()
    question_request: re.Pattern | None = None

    def applicable(self, phase: str, channel: str) -> frozenset[str]:
        return _applicable(self, phase, channel)

    def match_all(self, text: str, at: dict[str, list[int]], phase: str = "venting",
                  channel: str = "chat") -> dict[str, list]:
        """Matches of every pattern rule that applies, keyed by rule id."""
        found: dict[str, list] = {}
        ok = self.applicable(phase, channel)
        by_literal = self.by_literal
        for lit, positions in at.items():
            for rule_id, lazy in by_literal.get(lit, ()):
                if rule_id not in ok:
                    continue
                rx = lazy._rx or lazy._get()  # the compiled pattern, once per literal, not per place
                for pos in positions:
                    m = rx.match(text, pos)
                    if m and m.end() > m.start():
                        found.setdefault(rule_id, []).append(m)
        for rule_id, needs, rx in self.unprefixed_parts:
            if rule_id in ok and (needs is None or any(n in text for n in needs)):
                found.setdefault(rule_id, []).extend(
                    m for m in rx.finditer(text) if m.end() > m.start())
        for ms in found.values():
            ms.sort(key=_match_order)
        return found

    @cached_property
    def unprefixed_parts(self) -> tuple:
        """(rule id, needs, regex) of every part without prefix literals, in rule order:
        the only parts `match_all` scans whole (listed once, not found among ~900 per reply)."""
        return tuple((rule.id, needs, rx) for rule in self.pattern_rules
                     for needs, prefixes, rx in rule.parts if not prefixes)

    def literal_positions(self, text: str) -> dict[str, list[int]]:
        """Where each rule's prefix literal occurs in `text`, from one regex pass."""
        at: dict[str, list[int]] = {}
        if self.trigger is not None:
            for m in self.trigger.finditer(text):
                pos = m.start()
                for lit in self.shorter.get(m.group(1), ()):
                    at.setdefault(lit, []).append(pos)
        for lit in self.loose:
            found = _positions(text, lit)
            if found:
                at[lit] = sorted(set(at.get(lit, []) + found))
        return at

    @cached_property
    def pattern_rules(self) -> tuple[Rule, ...]:
        return tuple(r for r in self.rules if r.rx is not None)

    def __getitem__(self, rule_id: str) -> Rule:
        return self.by_id[rule_id]


@lru_cache(maxsize=64)
def _applicable(rs: "RuleSet", phase: str, channel: str) -> frozenset[str]:
    return frozenset(r.id for r in rs.rules if r.applies(phase, channel))


def _read(name: str) -> str:
    return resources.files("scoring").joinpath("data", name).read_text(encoding="utf-8")


def data_lines(name: str) -> list[str]:
    """Non-empty, non-comment lines of a shipped .txt file."""
    return [ln.strip() for ln in _read(name).splitlines() if ln.strip() and not ln.lstrip().startswith("#")]


def data_words(name: str) -> list[str]:
    return [w for ln in data_lines(name) for w in ln.split()]


def fold_pattern(pattern: str) -> str:
    """Fold a regex's letters like the text, leaving escapes such as \\W or \\S alone."""
    # Odd pieces are escapes (a backslash and the character after it), kept; the rest is
    # folded a piece at a time (folding maps each character on its own).
    pieces = _ESCAPE.split(pattern)
    pieces[::2] = [fold(p) for p in pieces[::2]]
    return "".join(pieces)


_ESCAPE = re.compile(r"(\\.)", re.DOTALL)


def _sre_parser():
    if sys.version_info >= (3, 11):
        import re._parser as parser  # the stdlib's own regex parser (sre_parse is deprecated)
    else:  # pragma: no cover - Python 3.10
        import sre_parse as parser
    return parser


_MIN_LITERAL = 3


def split_alternatives(source: str) -> list[str]:
    """The top-level `a|b|c` branches of a regex (outside groups and character classes)."""
    parts, depth, in_class, i, start = [], 0, False, 0, 0
    while i < len(source):
        ch = source[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
            if source[i + 1:i + 2] == "]":
                i += 1  # a "]" right after "[" is a literal
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            parts.append(source[start:i])
            start = i + 1
        i += 1
    parts.append(source[start:])
    return parts


@lru_cache(maxsize=8192)
def _parsed(source: str):
    """The standard library's parse of a pattern, once (both literal finders read it)."""
    return _sre_parser().parse(source)


class LazyPattern:
    """A compiled regex compiled on first use.

    Compiling the ~900 patterns of both languages was most of the scorer's warm-up; a
    pattern whose literals never occur in a reply is then never compiled at all.
    Behaves as the `re.Pattern` it stands for."""

    __slots__ = ("pattern", "_rx")

    def __init__(self, pattern: str):
        self.pattern, self._rx = pattern, None

    def _get(self) -> re.Pattern:
        if self._rx is None:
            self._rx = re.compile(self.pattern)
        return self._rx

    def match(self, *a):
        return (self._rx or self._get()).match(*a)

    def search(self, *a):
        return (self._rx or self._get()).search(*a)

    def finditer(self, *a):
        return (self._rx or self._get()).finditer(*a)

    def fullmatch(self, *a):
        return (self._rx or self._get()).fullmatch(*a)

    def __getattr__(self, name):  # findall, sub, flags, groups…
        return getattr(self._get(), name)

    def __repr__(self) -> str:
        return f"LazyPattern({self.pattern!r})"


def required_literals(source: str) -> frozenset[str] | None:
    """A set of literals, one of which every match of `source` must contain.

    Walks the standard library's parse of the pattern: the first run of 3+ literal
    characters that every match must pass through, or, for alternations, the union of
    one such run per branch. None when no such set exists (then the regex always runs).
    """
    try:
        return _req(list(_parsed(source)))
    except Exception:  # pragma: no cover - a parser change only costs speed
        return None


def prefix_literals(source: str) -> frozenset[str] | None:
    """Literals (2+ characters) one of which every match *starts* with, else None.

    Optional leading pieces are followed through: `\\b(?:le |te )?llamare` starts with
    "le ", "te " or "llamare". The engine then tries the regex only where one occurs.
    """
    try:
        found = _first(list(_parsed(source)))
    except Exception:  # pragma: no cover
        return None
    return found if found and all(len(x) >= 2 for x in found) else None


def _first(seq) -> frozenset[str] | None:
    run = ""
    for i, (op, av) in enumerate(seq):
        name = str(op)
        if name == "LITERAL":
            run += chr(av)
            continue
        if name in ("AT", "ASSERT", "ASSERT_NOT") and not run:
            continue  # zero-width checks before the first character: re-checked by match()
        if run:
            return frozenset({run})
        if name == "SUBPATTERN":
            return _first(list(av[-1]))
        if name == "BRANCH":
            parts = [_first(list(b)) for b in av[1]]
            return frozenset().union(*parts) if all(parts) else None
        if name in ("MAX_REPEAT", "MIN_REPEAT") and av[1] >= 1:
            inner = _first(list(av[2]))
            if inner is None or av[0] >= 1:
                return inner
            rest = _first(seq[i + 1:])  # the optional piece may be absent
            return inner | rest if rest else None
        return None
    return frozenset({run}) if run else None


def _req(seq) -> frozenset[str] | None:
    run = ""
    for op, av in seq:
        name = str(op)
        if name == "LITERAL":
            run += chr(av)
            continue
        if name in ("AT", "ASSERT", "ASSERT_NOT"):
            continue  # zero-width: neither breaks nor extends the run
        if len(run) >= _MIN_LITERAL:
            return frozenset({run})
        run = ""
        found = None
        if name == "SUBPATTERN":
            found = _req(list(av[-1]))
        elif name == "BRANCH":
            parts = [_req(list(b)) for b in av[1]]
            if all(parts):
                found = frozenset().union(*parts)
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT") and av[0] >= 1:
            found = _req(list(av[2]))
        if found:
            return found
    return frozenset({run}) if len(run) >= _MIN_LITERAL else None


_MACRO = re.compile(r"<<(\w+)>>")
#: The longest piece of a pattern a linguist should have to read (tests enforce it).
MAX_PIECE = 300


def joined(pattern) -> str:
    """A pattern written as a list of phrase families is their alternation."""
    if isinstance(pattern, (list, tuple)):
        return "|".join(str(p) for p in pattern)
    return str(pattern)


def _expand(pattern: str, macros: dict[str, str], rule_id: str) -> str:
    for _ in range(5):  # macros may use macros, a few levels deep
        if "<<" not in pattern:
            break
        pattern = _MACRO.sub(lambda m: "(?:" + macros[m.group(1)] + ")", pattern)
    if "<<" in pattern:
        raise ValueError(f"{rule_id}: unresolved macro in {pattern!r}")
    return pattern


def _rule(raw: dict, macros: dict[str, str]) -> Rule:
    rid = raw["id"]
    dim = raw["dimension"]
    if dim not in DIMENSIONS:
        raise ValueError(f"{rid}: unknown dimension {dim!r}")
    pol = int(raw["polarity"])
    weight = float(raw["weight"])
    if pol not in (1, -1) or not 0 < weight <= 1:
        raise ValueError(f"{rid}: polarity must be ±1 and weight in (0, 1]")
    signal = raw.get("signal")
    if signal is not None and signal not in SIGNALS:
        raise ValueError(f"{rid}: unknown signal {signal!r}")
    phases = raw.get("phases")
    if phases is not None and not set(phases) <= set(PHASES):
        raise ValueError(f"{rid}: unknown phase in {phases}")
    rx = needs = None
    parts: tuple = ()
    if raw.get("pattern"):
        source = fold_pattern(_expand(joined(raw["pattern"]), macros, rid))
        rx = LazyPattern(source)
        parts = tuple((required_literals(p), prefix_literals(p), LazyPattern(p))
                      for p in split_alternatives(source))
        # Every match passes one branch: the pattern needs one of its branches' literals.
        needs = (frozenset().union(*(n for n, _, _ in parts))
                 if parts and all(n is not None for n, _, _ in parts) else None)
    ex = raw.get("examples") or {}
    return Rule(
        id=rid, dimension=dim, polarity=pol, weight=weight, note=str(raw.get("note", "")),
        signal=signal, rx=rx, overrides=bool(raw.get("overrides", False)),
        phases=frozenset(phases) if phases is not None else None,
        channels=frozenset(raw["channels"]) if raw.get("channels") is not None else None,
        examples_match=tuple(ex.get("match") or ()),
        examples_no_match=tuple(ex.get("no_match") or ()),
        offer=raw.get("offer"),
        only_if_clean=bool(raw.get("only_if_clean", False)),
        stacks=bool(raw.get("stacks", False)),
        needs=needs,
        parts=parts,
    )


@lru_cache(maxsize=4)
def load_rules(language: str) -> RuleSet:
    """The compiled rules of one language (compiled once, on first use)."""
    # libyaml's safe loader when the wheel has it (it does on every common platform):
    # the same safe loading, a tenth of the time.
    doc = yaml.load(_read(f"rules_{language}.yaml"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    macros = {k: joined(v) for k, v in (doc.get("macros") or {}).items()}
    rules = tuple(_rule(r, macros) for r in doc["rules"])
    by_id: dict[str, Rule] = {}
    for r in rules:
        if r.id in by_id:
            raise ValueError(f"duplicate rule id {r.id!r} in rules_{language}.yaml")
        by_id[r.id] = r
    cues: dict[str, re.Pattern] = {}
    for section in ("promise_cues", "reader_cues"):
        for k, v in (doc.get(section) or {}).items():
            if k in cues:
                raise ValueError(f"rules_{language}.yaml: cue {k!r} is named twice ({section})")
            cues[k] = re.compile(fold_pattern(_expand(joined(v), macros, k)))
    absent = {d: dict(v) for d, v in (doc.get("absent_notes") or {}).items()}
    # Every match of a prefix literal is found by one lookahead scan of a trie of them
    # all; a literal's shorter literals that it begins with occur at the same place.
    # Parts that begin at a word boundary only need the trie tried at word starts (`\\b`);
    # the few others have their literals found with str.find.
    at_word, loose = set(), set()
    for r in rules:
        for _, pre, rx in r.parts:
            if pre:
                starts_at_word = _AT_WORD_START.match(rx.pattern) is not None
                for lit in pre:
                    (at_word if starts_at_word and re.match(r"\w", lit) else loose).add(lit)
    trigger = re.compile(r"\b(?=(" + _trie_regex(at_word) + "))") if at_word else None
    shorter = _shorter_literals(at_word)
    by_literal: dict[str, list] = {}
    for r in rules:
        for _, pre, rx in r.parts:
            for lit in pre or ():
                by_literal.setdefault(lit, []).append((r.id, rx))
    # Written folded already, and compiled as written (they read the folded reply); macros
    # expand in them as everywhere else.
    questions = tuple((e["kind"], re.compile(_expand(joined(e["pattern"]), macros, f"question_cues.{e['kind']}")))
                      for e in doc.get("question_cues") or ())
    request = (re.compile(_expand(joined(doc["question_request"]), macros, "question_request"))
               if doc.get("question_request") else None)
    return RuleSet(language, rules, by_id, cues, absent, trigger, shorter, tuple(sorted(loose)),
                   {k: tuple(v) for k, v in by_literal.items()}, questions, request)


def _shorter_literals(literals: set[str]) -> dict[str, tuple[str, ...]]:
    """literal -> the literals it begins with (itself too), in the set's own order: each
    literal's prefixes looked up, not every pair of literals compared (0.25 s at load)."""
    rank = {x: i for i, x in enumerate(literals)}
    return {lit: tuple(sorted((lit[:k] for k in range(len(lit) + 1) if lit[:k] in rank), key=rank.__getitem__))
            for lit in literals}


# A part whose pattern starts (after lookbehinds) with \b only matches at word starts.
_AT_WORD_START = re.compile(r"(?:\(\?<[!=](?:[^()\\]|\\.)*\))*\\b")


@lru_cache(maxsize=64)
def extra_rules(phrases: tuple[ExtraPhrase, ...]) -> tuple[Rule, ...]:
    """A scenario's own phrases as rules `scenario.<dimension>.<n>` (literal, word-bounded)."""
    out = []
    for n, ph in enumerate(phrases):
        if ph.dimension not in DIMENSIONS or not ph.phrases:
            continue
        alts = "|".join(re.escape(fold(p.strip())) for p in ph.phrases if p.strip())
        if not alts:
            continue
        signal = ph.signal if ph.signal in SIGNALS else None
        pol = 1 if ph.polarity >= 0 else -1
        out.append(Rule(
            id=f"scenario.{ph.dimension}.{n}", dimension=ph.dimension, polarity=pol,
            weight=0.5, note=ph.note or (N_("A phrase this scenario rewards.") if pol > 0 else
                                         N_("A phrase this scenario penalises.")),
            signal=signal, rx=re.compile(rf"(?<!\w)(?:{alts})(?!\w)"),
            needs=required_literals(rf"(?:{alts})"),
            parts=((None, None, re.compile(rf"(?<!\w)(?:{alts})(?!\w)")),),
        ))
    return tuple(out)
