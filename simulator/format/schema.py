"""A small declarative schema for YAML files, checked node by node so that every
problem carries its line and column.

Scenario and plan files are untrusted input. They are composed with PyYAML's
SafeLoader (no Python objects can be built) and every value is checked against a
schema built from the classes below. All problems are collected, not just the first.
The same schema objects produce the JSON Schema that editors use (`to_json_schema`).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping

import yaml

from simulator.errors import InvalidFile, Problem

# Tags a plain-data YAML file may carry; anything else (!!python/object, custom !tags)
# is refused rather than constructed.
_PLAIN_TAGS = {
    "tag:yaml.org,2002:" + t
    for t in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp", "binary")
}
#: Guard against alias bombs ("billion laughs"): no sane file has more nodes.
MAX_NODES = 200_000


@dataclass
class Checker:
    """Walks one document, collecting problems and the location of every field path."""

    file: str
    problems: list[Problem] = field(default_factory=list)
    marks: dict[str, tuple[int, int]] = field(default_factory=dict)
    nodes_seen: int = 0
    _constructor: yaml.constructor.SafeConstructor = field(
        default_factory=yaml.constructor.SafeConstructor
    )

    def report(self, node: yaml.Node | None, path: str, message: str) -> None:
        line, col = (node.start_mark.line + 1, node.start_mark.column + 1) if node else (1, 1)
        self.problems.append(Problem(self.file, line, col, message, path))

    def report_at(self, path: str, message: str) -> None:
        """Report against a field already seen (for checks across fields)."""
        line, col = self.where(path)
        self.problems.append(Problem(self.file, line, col, message, path))

    def where(self, path: str) -> tuple[int, int]:
        while path and path not in self.marks:
            # `a.b[2]` -> `a.b` -> `a`
            path = path.rpartition("[")[0] if path.endswith("]") else path.rpartition(".")[0]
        return self.marks.get(path, (1, 1))

    def visit(self, node: yaml.Node, path: str) -> bool:
        self.nodes_seen += 1
        if self.nodes_seen > MAX_NODES:
            if self.nodes_seen == MAX_NODES + 1:
                self.report(node, path, f"file too large: more than {MAX_NODES} values (alias loop?)")
            return False
        self.marks.setdefault(path, (node.start_mark.line + 1, node.start_mark.column + 1))
        if node.tag not in _PLAIN_TAGS:
            tag = node.tag.replace("tag:yaml.org,2002:", "!!")
            self.report(
                node, path,
                f"tag '{tag}' is not allowed: scenario files hold plain data only "
                "(text, numbers, true/false, lists and mappings)",
            )
            return False
        return True

    def scalar(self, node: yaml.Node) -> Any:
        return self._constructor.construct_object(node, deep=True)


class Kind:
    """One kind of value. `check` returns the plain Python value, or None when invalid."""

    doc: str = ""

    def check(self, c: Checker, node: yaml.Node, path: str) -> Any:
        raise NotImplementedError

    def to_json_schema(self) -> dict:
        raise NotImplementedError

    def _scalar(self, c: Checker, node: yaml.Node, path: str, what: str) -> Any:
        if not isinstance(node, yaml.ScalarNode):
            c.report(node, path, f"expected {what}, found {_describe(node)}")
            return None
        return c.scalar(node)


def _describe(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    value = node.value
    return f"'{value}'" if len(value) < 40 else f"'{value[:37]}...'"


@dataclass
class Text(Kind):
    doc: str = ""
    min_length: int = 1
    max_length: int = 10_000
    choices: tuple[str, ...] = ()

    def check(self, c, node, path):
        value = self._scalar(c, node, path, "text")
        if value is None and isinstance(node, yaml.ScalarNode):
            c.report(node, path, "expected text, found nothing")
            return None
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            c.report(node, path, f"expected text, found {_describe(node)}")
            return None
        value = str(value)
        if self.choices and value not in self.choices:
            c.report(node, path, f"'{value}' is not one of {', '.join(self.choices)}"
                     + _suggest(value, self.choices))
            return None
        if len(value.strip()) < self.min_length:
            c.report(node, path, "must not be empty")
            return None
        if len(value) > self.max_length:
            c.report(node, path, f"too long: {len(value)} characters (at most {self.max_length})")
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
        value = self._scalar(c, node, path, "a number")
        if isinstance(value, bool) or not isinstance(value, (int, float)) or (
            self.integer and not isinstance(value, int)
        ):
            if isinstance(node, yaml.ScalarNode):
                what = "a whole number" if self.integer else "a number"
                c.report(node, path, f"expected {what}, found {_describe(node)}")
            return None
        if value != value:  # NaN
            c.report(node, path, "expected a number, found NaN")
            return None
        if self.minimum is not None and value < self.minimum:
            c.report(node, path, f"{value} is below the minimum {self.minimum:g}")
            return None
        if self.maximum is not None and value > self.maximum:
            c.report(node, path, f"{value} is above the maximum {self.maximum:g}")
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
        if not isinstance(value, bool):
            if isinstance(node, yaml.ScalarNode):
                c.report(node, path, f"expected true or false, found {_describe(node)}")
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
            c.report(node, path, f"expected a list, found {_describe(node)}")
            return None
        if len(node.value) < self.min_items:
            c.report(node, path, f"needs at least {self.min_items} item{'s' * (self.min_items > 1)}")
        if len(node.value) > self.max_items:
            c.report(node, path, f"too many items: {len(node.value)} (at most {self.max_items})")
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
    """Yield (key, key_node, value_node) with duplicate and non-text keys reported."""
    seen: set[str] = set()
    for key_node, value_node in node.value:
        key = c.scalar(key_node) if isinstance(key_node, yaml.ScalarNode) else None
        if not isinstance(key, (str, int)) or isinstance(key, bool):
            c.report(key_node, path, "keys must be plain words")
            continue
        key = str(key)
        if key in seen:
            c.report(key_node, f"{path}.{key}".lstrip("."), f"duplicate key '{key}'")
            continue
        seen.add(key)
        yield key, key_node, value_node


def _suggest(word: str, known) -> str:
    close = difflib.get_close_matches(word, list(known), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


@dataclass
class Obj(Kind):
    """A mapping with known keys; unknown keys are errors with a suggestion."""

    fields: Mapping[str, Field]
    doc: str = ""
    #: extra checks over the whole object once its fields are known: fn(checker, value, path)
    rules: tuple[Callable[[Checker, dict, str], None], ...] = ()

    def check(self, c, node, path):
        if not isinstance(node, yaml.MappingNode):
            c.report(node, path, f"expected a mapping of {', '.join(list(self.fields)[:4])}..., "
                                 f"found {_describe(node)}")
            return None
        out: dict[str, Any] = {}
        bad = False
        for key, key_node, value_node in _mapping_items(c, node, path):
            sub = f"{path}.{key}" if path else key
            spec = self.fields.get(key)
            if spec is None:
                c.report(key_node, sub, f"unknown key '{key}'" + _suggest(key, self.fields))
                continue
            c.marks.setdefault(sub, (key_node.start_mark.line + 1, key_node.start_mark.column + 1))
            if not c.visit(value_node, sub):
                bad = True
                out[key] = None  # present, but refused: not also "missing"
                continue
            value = spec.kind.check(c, value_node, sub)
            if value is None:
                bad = True
            out[key] = value
        for key, spec in self.fields.items():
            if key not in out:
                if spec.required:
                    c.report(node, f"{path}.{key}" if path else key, f"missing required key '{key}'")
                    bad = True
                else:
                    out[key] = spec.default
        if not bad:
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

    def check(self, c, node, path):
        if not isinstance(node, yaml.MappingNode):
            c.report(node, path, f"expected a mapping, found {_describe(node)}")
            return None
        out = {}
        for key, key_node, value_node in _mapping_items(c, node, path):
            sub = f"{path}.{key}" if path else key
            if self.keys and key not in self.keys:
                c.report(key_node, sub, f"unknown key '{key}'" + _suggest(key, self.keys)
                         + f"; expected one of {', '.join(self.keys)}")
                continue
            c.marks.setdefault(sub, (key_node.start_mark.line + 1, key_node.start_mark.column + 1))
            if c.visit(value_node, sub):
                out[key] = self.value.check(c, value_node, sub)
        if len(out) < self.min_items:
            c.report(node, path, f"needs at least {self.min_items} entr{'ies' if self.min_items > 1 else 'y'}")
        return out

    def to_json_schema(self):
        extra = {"minProperties": self.min_items} if self.min_items else {}
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


def compose(text: str, file: str) -> tuple[yaml.Node | None, list[Problem]]:
    """Parse YAML text into a node tree with SafeLoader; syntax errors become Problems."""
    try:
        loader = yaml.SafeLoader(text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = exc.problem or exc.context or "not valid YAML"
        return None, [Problem(file, line, col, f"YAML syntax error: {what}")]
    except yaml.YAMLError as exc:
        return None, [Problem(file, 1, 1, f"YAML error: {exc}")]
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
        raise InvalidFile([Problem(file, 1, 1, f"the {what} is empty")])
    value = kind.check(checker, node, "") if checker.visit(node, "") else None
    return value, checker
