"""A small declarative schema for YAML files, checked node by node so that every
problem carries its line and column.

Scenario, plan, reply and settings files are untrusted input. They are parsed safely
(libyaml's parser under PyYAML's CSafeLoader, or SafeLoader; no Python object can be
built), composed within limits (nesting, values, no looping aliases), and every value is
checked against a schema built from the classes below: a value under any tag is checked
or refused, keys are never constructed, merge keys are refused. Nothing but a located
Problem comes out, whatever the text. All problems are collected, not just the first (up
to MAX_PROBLEMS). The same schema objects produce the JSON Schema that editors use
(`to_json_schema`).
"""

from __future__ import annotations

import difflib
import math
import re
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping

import yaml

from simulator.errors import L_, InvalidFile, Problem
from simulator.wording import N_
from simulator.safetext import describe_char, shown, unsafe_char

_Y = "tag:yaml.org,2002:"
STR, INT, FLOAT, BOOL, NULL, TIMESTAMP, BINARY, SEQ, MAP, MERGE = (
    _Y + t for t in ("str", "int", "float", "bool", "null", "timestamp", "binary", "seq", "map", "merge")
)
# Tags a plain-data YAML file may carry, by the kind of node they may stand on; anything
# else (!!python/object, !!set, custom !tags) is refused rather than constructed.
_SCALAR_TAGS = {STR, INT, FLOAT, BOOL, NULL, TIMESTAMP, BINARY}
_PLAIN_TAGS = _SCALAR_TAGS | {SEQ, MAP}
_NODE_TAGS = {yaml.ScalarNode: _SCALAR_TAGS, yaml.SequenceNode: {SEQ}, yaml.MappingNode: {MAP}}
_TAG_MEANS = {
    INT: N_("whole number"), FLOAT: N_("number"), BOOL: N_("true/false value"), NULL: N_("null"),
    TIMESTAMP: N_("date"), BINARY: N_("base64 data"), STR: N_("text"),
}
VALUE = N_("value")
#: No sane file has more values (a scenario has about 1,000): the reader stops there,
#: and so does the check, aliases counted each time they are used ("billion laughs").
MAX_NODES = 100_000
#: Problems listed for one file; past this the rest of the file is not checked.
MAX_PROBLEMS = 200
#: Nesting deeper than this is refused while reading (a scenario needs about 7 levels).
MAX_DEPTH = 50
#: Longest key of a mapping (ids, fact names): anything longer is a mistake.
MAX_KEY_CHARS = 200


def tag_name(tag: str) -> str:
    return tag.replace(_Y, "!!")


class _Invalid:
    """A scalar its tag cannot hold (`!!float abc`): already reported."""

    def __repr__(self) -> str:
        return "INVALID"


INVALID = _Invalid()


def _explicit(node: yaml.Node) -> bool:
    """Whether the file wrote this scalar's tag (`!!int 5`) rather than YAML guessing it."""
    return getattr(node, "explicit_tag", True)


@dataclass
class Checker:
    """Walks one document, collecting problems and the location of every field path."""

    file: str
    problems: list[Problem] = field(default_factory=list)
    marks: dict[str, tuple[int, int]] = field(default_factory=dict)
    nodes_seen: int = 0
    #: problems found, listed or not
    found: int = 0
    _constructor: yaml.constructor.SafeConstructor = field(
        default_factory=yaml.constructor.SafeConstructor
    )

    @property
    def full(self) -> bool:
        """Enough problems listed: a file of 100,000 unknown keys gets 200, not 100,000."""
        return len(self.problems) >= MAX_PROBLEMS

    def _add(self, line: int, col: int, message: str, path: str) -> None:
        self.found += 1
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(Problem(self.file, line, col, message, path))
        elif len(self.problems) == MAX_PROBLEMS:
            self.problems.append(Problem(self.file, line, col, L_(
                "more than %(num)d problems: the rest of the file is not checked", num=MAX_PROBLEMS)))

    def report(self, node: yaml.Node | None, path: str, message: str) -> None:
        line, col = (node.start_mark.line + 1, node.start_mark.column + 1) if node else (1, 1)
        self._add(line, col, message, path)

    def report_at(self, path: str, message: str) -> None:
        """Report against a field already seen (for checks across fields)."""
        line, col = self.where(path)
        self._add(line, col, message, path)

    def where(self, path: str) -> tuple[int, int]:
        while path and path not in self.marks:
            # `a.b[2]` -> `a.b` -> `a`
            path = path.rpartition("[")[0] if path.endswith("]") else path.rpartition(".")[0]
        return self.marks.get(path, (1, 1))

    def visit(self, node: yaml.Node, path: str) -> bool:
        self.nodes_seen += 1
        if self.full:
            return False
        if self.nodes_seen > MAX_NODES:
            if self.nodes_seen == MAX_NODES + 1:
                self.report(node, path, L_("file too large: more than %(num)d values (alias loop?)",
                                           num=MAX_NODES))
            self.found += 1
            return False
        self.marks.setdefault(path, (node.start_mark.line + 1, node.start_mark.column + 1))
        if node.tag not in _PLAIN_TAGS:
            self.report(
                node, path,
                L_("tag '%(tag)s' is not allowed: these files hold plain data only (text, numbers, "
                   "true/false, lists and mappings)", tag=shown(tag_name(node.tag))),
            )
            return False
        if node.tag not in _NODE_TAGS[type(node)]:
            self.report(node, path, L_("tag '%(tag)s' does not fit %(value)s",
                                       tag=tag_name(node.tag), value=_describe(node)))
            return False
        return True

    def scalar(self, node: yaml.ScalarNode, path: str) -> Any:
        """The scalar's value under its tag, or INVALID (reported) when the tag cannot
        hold it: `!!float abc`, `!!timestamp 2020-13-45`, `!!bool maybe`, bad base64."""
        try:
            return self._constructor.construct_object(node, deep=True)
        except Exception:
            # A failed construction can leave the constructor's bookkeeping half done.
            self._constructor = yaml.constructor.SafeConstructor()
            means = L_(_TAG_MEANS.get(node.tag, VALUE))
            self.report(node, path, L_("'%(value)s' is not a valid %(tag)s (%(means)s)",
                                       value=shown(node.value), tag=tag_name(node.tag), means=means))
            return INVALID


class Kind:
    """One kind of value. `check` returns the plain Python value, or None when invalid."""

    doc: str = ""

    def check(self, c: Checker, node: yaml.Node, path: str) -> Any:
        raise NotImplementedError

    def to_json_schema(self) -> dict:
        raise NotImplementedError

    def _scalar(self, c: Checker, node: yaml.Node, path: str, what: str) -> Any:
        """The scalar's value, or INVALID (reported) for a list, a mapping or a bad value."""
        if not isinstance(node, yaml.ScalarNode):
            c.report(node, path, L_("expected %(what)s, found %(found)s", what=what, found=_describe(node)))
            return INVALID
        return c.scalar(node, path)


def _describe(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return L_("a mapping")
    if isinstance(node, yaml.SequenceNode):
        return L_("a list")
    return f"'{shown(node.value, 40)}'"


@dataclass
class Text(Kind):
    doc: str = ""
    min_length: int = 1
    max_length: int = 10_000
    choices: tuple[str, ...] = ()

    def check(self, c, node, path):
        if not isinstance(node, yaml.ScalarNode):
            c.report(node, path, L_("expected text, found %(found)s", found=_describe(node)))
            return None
        if not _explicit(node) and node.tag in (INT, FLOAT, BOOL, TIMESTAMP):
            # Text as written: `order: 04821`, `at: 9:30`, `on: 2024-05-01`, `price: 49.90`
            # and `answer: yes` are words here, not the numbers, dates or flags YAML
            # would guess (which would print as 4821, 570, a date object, 49.9, True).
            value = node.value
        else:
            value = c.scalar(node, path)
        if value is INVALID:
            return None
        if value is None:
            c.report(node, path, L_("expected text, found nothing"))
            return None
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            c.report(node, path, L_("expected text, found %(found)s (tagged %(tag)s)", found=_describe(node),
                                    tag=tag_name(node.tag)) if node.tag != STR
                     else L_("expected text, found %(found)s", found=_describe(node)))
            return None
        value = str(value)
        if len(value) > self.max_length:
            c.report(node, path, L_("too long: %(num)d characters (at most %(most)d)",
                                    num=len(value), most=self.max_length))
            return None
        bad = unsafe_char(value)
        if bad:
            c.report(node, path, L_("holds %(char)s at character %(at)d: not allowed in text",
                                    char=describe_char(bad[1]), at=bad[0] + 1))
            return None
        if self.choices and value not in self.choices:
            c.report(node, path, L_("'%(value)s' is not one of %(choices)s%(hint)s", value=shown(value),
                                    choices=", ".join(self.choices), hint=_suggest(value, self.choices)))
            return None
        if len(value.strip()) < self.min_length:
            c.report(node, path, L_("must not be empty"))
            return None
        return value

    def to_json_schema(self):
        out: dict = {"type": "string", "description": self.doc}
        if self.choices:
            out["enum"] = list(self.choices)
        else:
            out["type"] = ["string", "number"]  # like the checker: `order: 4821` is text too
            out["minLength"] = self.min_length
            out["maxLength"] = self.max_length
        return out


@dataclass
class Number(Kind):
    doc: str = ""
    minimum: float | None = None
    maximum: float | None = None
    integer: bool = False

    def check(self, c, node, path):
        value = self._scalar(c, node, path, L_("a number"))
        if value is INVALID:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)) or (
            self.integer and not isinstance(value, int)
        ):
            what = L_("a whole number") if self.integer else L_("a number")
            c.report(node, path, L_("expected %(what)s, found %(found)s", what=what, found=_describe(node)))
            return None
        if value != value:  # NaN
            c.report(node, path, L_("expected a number, found NaN"))
            return None
        if isinstance(value, float) and math.isinf(value):
            c.report(node, path, L_("expected a finite number, found %(found)s", found=_describe(node)))
            return None
        if self.minimum is not None and value < self.minimum:
            c.report(node, path, L_("%(value)s is below the minimum %(minimum)s",
                                    value=shown(node.value, 40), minimum=f"{self.minimum:g}"))
            return None
        if self.maximum is not None and value > self.maximum:
            c.report(node, path, L_("%(value)s is above the maximum %(maximum)s",
                                    value=shown(node.value, 40), maximum=f"{self.maximum:g}"))
            return None
        return value

    def to_json_schema(self):
        out: dict = {"type": "integer" if self.integer else "number", "description": self.doc}
        if self.minimum is not None:
            out["minimum"] = self.minimum
        if self.maximum is not None:
            out["maximum"] = self.maximum
        return out


@dataclass
class Flag(Kind):
    doc: str = ""

    def check(self, c, node, path):
        value = self._scalar(c, node, path, "true or false")
        if value is INVALID:
            return None
        if not isinstance(value, bool):
            c.report(node, path, L_("expected true or false, found %(found)s", found=_describe(node)))
            return None
        return value

    def to_json_schema(self):
        return {"type": "boolean", "description": self.doc}


@dataclass
class ListOf(Kind):
    item: Kind
    doc: str = ""
    min_items: int = 0
    max_items: int = 10_000
    #: accept a single item where a list is expected (`say: "Hello"`)
    single_ok: bool = False

    def check(self, c, node, path):
        if self.single_ok and isinstance(node, yaml.ScalarNode):
            c.marks.setdefault(f"{path}[0]", (node.start_mark.line + 1, node.start_mark.column + 1))
            value = self.item.check(c, node, f"{path}[0]")
            return None if value is None else [value]
        if not isinstance(node, yaml.SequenceNode):
            c.report(node, path, L_("expected a list, found %(found)s", found=_describe(node)))
            return None
        if len(node.value) < self.min_items:
            c.report(node, path, L_("needs at least %(num)d items", num=self.min_items) if self.min_items > 1
                     else L_("needs at least %(num)d item", num=self.min_items))
        if len(node.value) > self.max_items:
            c.report(node, path, L_("too many items: %(num)d (at most %(most)d)",
                                    num=len(node.value), most=self.max_items))
            return None
        out = []
        for i, child in enumerate(node.value):
            sub = f"{path}[{i}]"
            if c.visit(child, sub):
                out.append(self.item.check(c, child, sub))
            else:
                out.append(None)
        return out

    def to_json_schema(self):
        out: dict = {"type": "array", "items": self.item.to_json_schema(), "description": self.doc}
        if self.min_items:
            out["minItems"] = self.min_items
        out["maxItems"] = self.max_items
        if self.single_ok:
            return {"description": self.doc, "anyOf": [out, self.item.to_json_schema()]}
        return out


@dataclass
class Field:
    kind: Kind
    required: bool = False
    default: Any = None
    doc: str = ""


def _mapping_items(c: Checker, node: yaml.MappingNode, path: str):
    """Yield (key, key_node, value_node) with duplicate and non-text keys reported.

    A key is a plain word as written: never constructed, so a tag on a key (`!!float
    peak: 70`) or a merge key (`<<: *defaults`) is refused here, with its place.
    """
    seen: set[str] = set()
    for key_node, value_node in node.value:
        c.nodes_seen += 1
        if not isinstance(key_node, yaml.ScalarNode):
            c.report(key_node, path, L_("keys must be plain words, found %(found)s", found=_describe(key_node)))
            continue
        if key_node.tag == MERGE:
            c.report(key_node, path, L_("merge keys ('<<') are not supported: write the keys out "
                                        "(anchors and aliases such as *name still work for values)"))
            continue
        if _explicit(key_node) and key_node.tag != STR:
            c.report(key_node, path, L_("keys must be plain words, found tag '%(tag)s' on %(found)s",
                                        tag=shown(tag_name(key_node.tag)), found=_describe(key_node)))
            continue
        if key_node.tag == NULL:
            c.report(key_node, path, L_("keys must be plain words, found nothing (null)"))
            continue
        # A plain key is the word written (`on:`, `1:`, `2024-05-01:`), whatever YAML
        # would guess it to be.
        key = key_node.value
        bad = unsafe_char(key)
        if bad:
            c.report(key_node, path, L_("key holds %(char)s: not allowed", char=describe_char(bad[1])))
            continue
        if not key.strip() or len(key) > MAX_KEY_CHARS:
            c.report(key_node, path, L_("empty key") if not key.strip()
                     else L_("key too long: %(num)d characters (at most %(most)d)",
                             num=len(key), most=MAX_KEY_CHARS))
            continue
        if key in seen:
            c.report(key_node, f"{path}.{key}".lstrip("."), L_("duplicate key '%(key)s'", key=shown(key)))
            continue
        seen.add(key)
        yield key, key_node, value_node


def _suggest(word: str, known) -> str:
    if len(word) > 100:
        return ""
    close = difflib.get_close_matches(word, list(known), n=1, cutoff=0.6)
    return L_(" (did you mean '%(word)s'?)", word=close[0]) if close else ""


@dataclass
class Obj(Kind):
    """A mapping with known keys; unknown keys are errors with a suggestion."""

    fields: Mapping[str, Field]
    doc: str = ""
    #: extra checks over the whole object once its fields are known: fn(checker, value, path)
    rules: tuple[Callable[[Checker, dict, str], None], ...] = ()

    def check(self, c, node, path):
        if not isinstance(node, yaml.MappingNode):
            c.report(node, path, L_("expected a mapping of %(keys)s..., found %(found)s",
                                    keys=", ".join(list(self.fields)[:4]), found=_describe(node)))
            return None
        out: dict[str, Any] = {}
        before = c.found
        for key, key_node, value_node in _mapping_items(c, node, path):
            sub = f"{path}.{key}" if path else key
            spec = self.fields.get(key)
            if spec is None:
                # (once the list is full, no suggestion: each costs a comparison with every field)
                c.report(key_node, sub, L_("unknown key '%(key)s'%(hint)s", key=shown(key),
                                           hint="" if c.full else _suggest(key, self.fields)))
                continue
            c.marks.setdefault(sub, (key_node.start_mark.line + 1, key_node.start_mark.column + 1))
            if not c.visit(value_node, sub):
                out[key] = None  # present, but refused: not also "missing"
                continue
            out[key] = spec.kind.check(c, value_node, sub)
        for key, spec in self.fields.items():
            if key not in out:
                if spec.required:
                    c.report(node, f"{path}.{key}" if path else key, L_("missing required key '%(key)s'", key=key))
                else:
                    out[key] = spec.default
        # Checks across fields only see an object whose every value, at any depth, is
        # valid: a rule never meets a refused value (None inside a list or a mapping).
        if c.found == before and not c.full:
            for rule in self.rules:
                rule(c, out, path)
        return out

    def to_json_schema(self):
        return {
            "type": "object",
            "description": self.doc,
            "additionalProperties": False,
            "required": [k for k, f in self.fields.items() if f.required],
            "properties": {
                k: {**f.kind.to_json_schema(), **({"description": f.doc} if f.doc else {}),
                    **({"default": f.default} if f.default is not None else {})}
                for k, f in self.fields.items()
            },
        }


@dataclass
class MapOf(Kind):
    """A mapping from free keys (optionally from a fixed set) to values of one kind."""

    value: Kind
    doc: str = ""
    keys: tuple[str, ...] = ()  # when set, the only keys allowed
    min_items: int = 0
    max_items: int = 1000

    def check(self, c, node, path):
        if not isinstance(node, yaml.MappingNode):
            c.report(node, path, L_("expected a mapping, found %(found)s", found=_describe(node)))
            return None
        if len(node.value) > self.max_items:
            c.report(node, path, L_("too many entries: %(num)d (at most %(most)d)",
                                    num=len(node.value), most=self.max_items))
            return None
        out = {}
        for key, key_node, value_node in _mapping_items(c, node, path):
            sub = f"{path}.{key}" if path else key
            if self.keys and key not in self.keys:
                c.report(key_node, sub, L_("unknown key '%(key)s'", key=shown(key)) if c.full else
                         L_("unknown key '%(key)s'%(hint)s; expected one of %(keys)s", key=shown(key),
                            hint=_suggest(key, self.keys), keys=", ".join(self.keys)))
                continue
            c.marks.setdefault(sub, (key_node.start_mark.line + 1, key_node.start_mark.column + 1))
            if c.visit(value_node, sub):
                out[key] = self.value.check(c, value_node, sub)
        if len(out) < self.min_items:
            c.report(node, path, L_("needs at least %(num)d entries", num=self.min_items) if self.min_items > 1
                     else L_("needs at least %(num)d entry", num=self.min_items))
        return out

    def to_json_schema(self):
        extra = {"minProperties": self.min_items} if self.min_items else {}
        extra["maxProperties"] = self.max_items
        if self.keys:
            return {
                "type": "object", "description": self.doc, "additionalProperties": False,
                "properties": {k: self.value.to_json_schema() for k in self.keys}, **extra,
            }
        return {"type": "object", "description": self.doc,
                "additionalProperties": self.value.to_json_schema(), **extra}


@dataclass
class OneOf(Kind):
    """A value that may take one of two shapes, told apart by its YAML node type."""

    scalar: Kind
    mapping: Kind
    doc: str = ""

    def check(self, c, node, path):
        return (self.mapping if isinstance(node, yaml.MappingNode) else self.scalar).check(c, node, path)

    def to_json_schema(self):
        return {"description": self.doc,
                "anyOf": [self.scalar.to_json_schema(), self.mapping.to_json_schema()]}


def prune_json_schema(schema):
    """The JSON Schema without empty descriptions (kinds without a `doc`)."""
    if isinstance(schema, dict):
        return {k: prune_json_schema(v) for k, v in schema.items()
                if not (k == "description" and not v)}
    if isinstance(schema, list):
        return [prune_json_schema(v) for v in schema]
    return schema


#: What check_document's callers call their documents ("the plan is empty").
DOCUMENTS = (N_("file"), N_("plan"), N_("settings file"), N_("replies file"))
_NESTED = L_("nested too deeply (at most %(num)d levels)", num=MAX_DEPTH)


class _Composing(yaml.composer.Composer):
    """PyYAML's composer, which also refuses nesting deeper than MAX_DEPTH (it is
    recursive: 2,000 levels would overflow the stack) and an alias inside the very list
    or mapping it names (a loop), and records which scalars carry a tag the file wrote
    (`!!int 5`) rather than one YAML guessed. Events come from libyaml when PyYAML has
    it (parsing in C is three to seven times faster on a large file), else from PyYAML's
    own parser; either way with SafeConstructor: no Python object can be built."""

    def _start(self) -> None:
        yaml.composer.Composer.__init__(self)
        self._depth = self._nodes = 0
        self._open: set[str] = set()

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            if event.anchor in self._open:
                raise yaml.composer.ComposerError(
                    None, None, f"the alias *{shown(event.anchor)} is inside the list or mapping it "
                                "names (a loop)", event.start_mark)
            return super().compose_node(parent, index)
        if self._depth >= MAX_DEPTH:
            raise yaml.composer.ComposerError(
                None, None, _NESTED, event.start_mark)
        self._nodes += 1
        if self._nodes > MAX_NODES:
            raise yaml.composer.ComposerError(
                None, None, f"file too large: more than {MAX_NODES} values", event.start_mark)
        anchor = event.anchor if isinstance(event, yaml.CollectionStartEvent) else None
        self._depth += 1
        if anchor is not None:
            self._open.add(anchor)
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1
            self._open.discard(anchor)

    def compose_scalar_node(self, anchor):
        explicit = self.peek_event().tag not in (None, "!")
        node = super().compose_scalar_node(anchor)
        node.explicit_tag = explicit
        return node


class _PyLoader(_Composing, yaml.SafeLoader):
    #: ReaderError.position counts characters
    byte_positions = False

    def __init__(self, stream):
        yaml.SafeLoader.__init__(self, stream)
        self._start()


if getattr(yaml, "__with_libyaml__", False):
    class _CLoader(_Composing, yaml.CSafeLoader):
        #: libyaml reads the text as UTF-8: ReaderError.position counts bytes
        byte_positions = True

        def __init__(self, stream):
            yaml.CSafeLoader.__init__(self, stream)
            self._start()

    _Loader: type = _CLoader
else:  # pragma: no cover - PyYAML built without libyaml
    _Loader = _PyLoader

# JSON's numbers are YAML too: `1e5` is a number in a JSON replies file, and here
# (YAML 1.1 alone would read it as the text "1e5" and say "expected a number").
for _cls in {_PyLoader, _Loader}:
    _cls.add_implicit_resolver(
        FLOAT, re.compile(r"^[-+]?[0-9][0-9_]*(?:\.[0-9_]*)?[eE][-+]?[0-9]+$"), list("-+0123456789"))

# YAML 1.1 reads these as line breaks, editors do not: a file holding one would get
# line numbers that point at the wrong line, so it is refused, at its place.
_ODD_BREAKS = ("\x85", "\u2028", "\u2029")


def _place(text: str, index: int) -> tuple[int, int]:
    """1-based (line, column) of a character index in `\n`-separated text."""
    return text.count("\n", 0, index) + 1, index - (text.rfind("\n", 0, index) + 1) + 1


_SURROGATE = re.compile("[\ud800-\udfff]")
_PLAINER = {
    "exceeded maximum nesting depth": _NESTED,
    "found invalid Unicode character escape code":
        L_("an escape that is no character: a lone surrogate such as \\ud800 is not Unicode text"),
}
# A surrogate pair written as two escapes (`\ud83d\ude00`, as JSON writes an emoji):
# one character to JSON, two lone surrogates to YAML. Rewritten as YAML's one escape.
_PAIR = re.compile(r"(?<!\\)((?:\\\\)*)\\u(d[89ab][0-9a-f]{2})\\u(d[c-f][0-9a-f]{2})", re.I)


def _pair(m: re.Match) -> str:
    code = 0x10000 + ((int(m.group(2), 16) - 0xD800) << 10) + (int(m.group(3), 16) - 0xDC00)
    return f"{m.group(1)}\\U{code:08x}"


def compose(text: str, file: str, loader_class: type | None = None) -> tuple[yaml.Node | None, list[Problem]]:
    """Parse YAML text into a node tree with SafeLoader; every reading error becomes a
    Problem at its real line and column (lines as an editor counts them)."""
    # CR LF and a lone CR are line breaks to editors and to YAML alike; as LF, PyYAML's
    # line numbers are the editor's (its values do not change: YAML folds them to LF).
    loader_class = loader_class or _Loader
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    for odd in _ODD_BREAKS:
        at = text.find(odd)
        if at >= 0:
            line, col = _place(text, at)
            return None, [Problem(file, line, col, L_("the file holds %(char)s", char=describe_char(odd)))]
    surrogate = _SURROGATE.search(text)  # only from text not read from a file (the lab's)
    if surrogate:
        line, col = _place(text, surrogate.start())
        return None, [Problem(file, line, col, L_("the file holds %(char)s",
                                                   char=describe_char(surrogate.group())))]
    if "\\u" in text or "\\U" in text:
        text = _PAIR.sub(_pair, text)
    return _compose(text, file, loader_class)


def _compose(text: str, file: str, loader_class: type) -> tuple[yaml.Node | None, list[Problem]]:
    try:
        loader = loader_class(text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.reader.ReaderError as exc:
        # Characters YAML refuses outright (NUL, escape, other controls): their place is
        # an index into the text, which ReaderError does not turn into a line itself.
        at = exc.position
        if loader_class.byte_positions:
            at = len(text.encode("utf-8")[:at].decode("utf-8", "ignore"))
        line, col = _place(text, at)
        ch = chr(exc.character) if isinstance(exc.character, int) else str(exc.character)
        return None, [Problem(file, line, col, L_("the file holds %(char)s: remove it (YAML files "
                                                  "may not hold control characters)",
                                                  char=describe_char(ch)))]
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = exc.problem or exc.context or "not valid YAML"
        if what in _PLAINER or what == _NESTED or what.startswith("file too large"):  # our words
            ours = _NESTED if what == _NESTED else _PLAINER.get(what) or L_(
                "file too large: more than %(num)d values", num=MAX_NODES)
            return None, [Problem(file, line, col, ours)]
        if exc.context and exc.problem and exc.problem_mark is not None:
            what = f"{exc.problem} ({exc.context})"
        return None, [Problem(file, line, col, L_("YAML syntax error: %(what)s", what=what))]
    except yaml.YAMLError as exc:
        return None, [Problem(file, 1, 1, L_("YAML error: %(error)s", error=exc))]
    except RecursionError:
        return None, [Problem(file, 1, 1, _NESTED)]
    return node, []


def check_document(text: str, file: str, kind: Kind, what: str,
                   empty_ok: bool = False) -> tuple[Any, Checker]:
    """Parse `text` and check it against `kind`: (value, checker with any problems).

    YAML syntax errors and an empty document raise InvalidFile at once; other problems
    are left in `checker.problems` so the caller can add its own checks across fields.
    `empty_ok`: an empty document gives (None, checker) instead.
    """
    node, problems = compose(text, file)
    if problems:
        raise InvalidFile(problems)
    checker = Checker(file)
    if node is None:
        if empty_ok:
            return None, checker
        raise InvalidFile([Problem(file, 1, 1, L_("the %(what)s is empty", what=L_(what)))])
    value = kind.check(checker, node, "") if checker.visit(node, "") else None
    return value, checker
