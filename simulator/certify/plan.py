"""Certification plan files (YAML, documented in docs/certification.md).

    format: 1
    title: Late deliveries, level 1
    pass_mark: 70                 # overall score needed: the mean over the scenarios
    reply_time_limit_s: 120       # every reply, unless a scenario says otherwise
    dimensions:                   # requirements in every scenario
      calm: {min_score: 60, never_below: 0}
    scenarios:
      - scenario: late_delivery   # a file (relative to the plan) or a bundled id
        seed: 1
        pass_mark: 65             # default: the scenario's own rubric
        pass_outcomes: [resolved]
        reply_time_limit_s: 60

Validated like scenarios (`simulator.format.schema`): every problem with its line and column;
a scenario file that cannot be used is reported with its own problems too.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

from scoring.model import DIMENSIONS
from simulator.errors import InvalidFile, Problem, TemperError, file_problems
from simulator.format.loader import read_text
from simulator.format.scenario import ENDINGS, Scenario
from simulator.format.spec import ID_PATTERN, id_rule
from simulator.format.schema import Checker, Field, ListOf, MapOf, Number, Obj, Text, check_document

FORMAT_VERSION = 1


def _dimension_rule_check(c: Checker, d: dict, path: str) -> None:
    if d["min_score"] is None and d["never_below"] is None:
        c.report_at(path, "give min_score (0..100) and/or never_below (-1..1)")


DIMENSION_RULE = Obj(
    doc="what the plan requires of one scoring dimension, in every scenario",
    fields={
        "min_score": Field(Number(minimum=0, maximum=100), default=None,
                           doc="the dimension's session score (0..100) must reach this"),
        "never_below": Field(Number(minimum=-1, maximum=1), default=None,
                             doc="no single reply may score below this on the dimension (-1..1)"),
    },
    rules=(_dimension_rule_check,),
)

ENTRY = Obj(
    doc="one scenario the trainee must pass",
    fields={
        "scenario": Field(Text(max_length=500), required=True,
                          doc="a scenario file (relative to the plan) or the id of a bundled one"),
        "id": Field(Text(max_length=60), default=None,
                    doc="names this sitting (and the trainee's reply file); default: the scenario's id"),
        "seed": Field(Number(integer=True, minimum=0, maximum=2**31 - 1), default=0),
        "pass_mark": Field(Number(minimum=0, maximum=100), default=None,
                           doc="default: the scenario's rubric pass mark"),
        "pass_outcomes": Field(ListOf(Text(choices=ENDINGS), min_items=1, max_items=50, single_ok=True),
                               default=None, doc="endings that pass (default: resolved)"),
        "reply_time_limit_s": Field(Number(minimum=1, maximum=86_400), default=None,
                                    doc="longest a reply may take, in seconds"),
    },
)

PLAN = Obj(
    doc="A Temper certification plan (format 1)",
    fields={
        "format": Field(Number(integer=True, minimum=FORMAT_VERSION, maximum=FORMAT_VERSION),
                        required=True, doc="the plan format version: 1"),
        "id": Field(Text(max_length=60), default=None, doc="default: the file name"),
        "title": Field(Text(max_length=200), required=True),
        "pass_mark": Field(Number(minimum=0, maximum=100), required=True,
                           doc="the overall score needed (mean of the scenarios' scores)"),
        "reply_time_limit_s": Field(Number(minimum=1, maximum=86_400), default=None,
                                    doc="longest any reply may take, in seconds (default: no limit)"),
        "dimensions": Field(MapOf(DIMENSION_RULE, keys=DIMENSIONS), default=None),
        "scenarios": Field(ListOf(ENTRY, min_items=1, max_items=200), required=True),
    },
)


@dataclass(frozen=True)
class DimensionRule:
    min_score: float | None
    never_below: float | None


@dataclass(frozen=True)
class Entry:
    id: str
    ref: str  # the scenario as written in the plan
    scenario: Scenario
    seed: int
    pass_mark: float
    pass_outcomes: tuple[str, ...]
    reply_time_limit_s: float | None
    source_line: int


@dataclass(frozen=True)
class Plan:
    id: str
    title: str
    path: str
    sha256: str
    pass_mark: float
    dimensions: Mapping[str, DimensionRule]
    entries: tuple[Entry, ...]

    def entry(self, entry_id: str) -> Entry:
        for e in self.entries:
            if e.id == entry_id:
                return e
        raise KeyError(entry_id)

    @property
    def entry_ids(self) -> tuple[str, ...]:
        return tuple(e.id for e in self.entries)


def load_plan(path: str | Path) -> Plan:
    """Load and validate a plan and every scenario it names. Raises InvalidFile."""
    path = Path(path)
    with file_problems(str(path)):
        text = read_text(path, "plan")
        return parse_plan(text, str(path), base=path.parent, default_id=path.stem)


def parse_plan(text: str, file: str = "<plan>", base: Path = Path("."), default_id: str = "plan") -> Plan:
    with file_problems(file):
        return _parse_plan(text, file, base, default_id)


def _parse_plan(text: str, file: str, base: Path, default_id: str) -> Plan:
    doc, checker = check_document(text, file, PLAN, "plan")
    if checker.problems or doc is None:
        raise InvalidFile(checker.problems or [Problem(file, 1, 1, "not a certification plan")])
    id_rule(checker, doc, "")

    entries: list[Entry] = []
    seen: dict[str, int] = {}
    for i, e in enumerate(doc["scenarios"]):
        where = f"scenarios[{i}]"
        scenario = _scenario(checker, f"{where}.scenario", e["scenario"], base)
        if scenario is None:
            continue
        entry_id = e["id"] or scenario.id
        if not ID_PATTERN.match(entry_id):
            checker.report_at(f"{where}.id", f"id '{entry_id}' must be lower-case letters, digits, '-' and '_'")
            continue
        if entry_id in seen:
            checker.report_at(
                f"{where}.id" if e["id"] else f"{where}.scenario",
                f"'{entry_id}' is already the id of scenarios[{seen[entry_id]}]; "
                "give each sitting its own id (e.g. the same scenario with another seed)",
            )
            continue
        seen[entry_id] = i
        entries.append(Entry(
            id=entry_id, ref=e["scenario"], scenario=scenario, seed=e["seed"],
            pass_mark=float(e["pass_mark"] if e["pass_mark"] is not None else scenario.rubric.pass_mark),
            pass_outcomes=tuple(e["pass_outcomes"] or ("resolved",)),
            reply_time_limit_s=e["reply_time_limit_s"] if e["reply_time_limit_s"] is not None
            else doc["reply_time_limit_s"],
            source_line=checker.where(where)[0],
        ))
    if checker.problems:
        raise InvalidFile(checker.problems)
    return Plan(
        id=doc["id"] or _slug(default_id), title=doc["title"], path=file,
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        pass_mark=float(doc["pass_mark"]),
        dimensions={d: DimensionRule(r["min_score"], r["never_below"])
                    for d, r in (doc["dimensions"] or {}).items()},
        entries=tuple(entries),
    )


def _scenario(checker: Checker, path: str, ref: str, base: Path) -> Scenario | None:
    """The scenario named at `path`, or None with the problems reported."""
    from simulator.library import SCENARIO_SUFFIXES, bundled_dir, resolve

    candidate = base / ref
    is_path = Path(ref).suffix in SCENARIO_SUFFIXES or "/" in ref or "\\" in ref or candidate.exists()
    try:
        if is_path:
            if not candidate.is_file():
                checker.report_at(path, f"no scenario file '{ref}' (looked for {candidate}; "
                                        "paths are relative to the plan file)")
                return None
            from simulator.format.loader import load_scenario

            return load_scenario(candidate)
        # by id: a bundled scenario or one of the centre's (never a trainee's own, which
        # would let a trainee replace an exam's scenario)
        from simulator.library import _centre_dir_or_none, centre_entries

        centre_has = _centre_dir_or_none() is not None and any(
            e.id == ref for e in centre_entries() if e.scenario is not None)
        if not centre_has and not (bundled_dir() / f"{ref}.yaml").is_file():
            checker.report_at(path, f"no scenario file, bundled scenario or centre scenario named "
                                    f"'{ref}' (`temper list` shows them)")
            return None
        return resolve(ref)
    except InvalidFile as exc:
        checker.report_at(path, f"the scenario '{ref}' has {len(exc.problems)} problem(s), listed with it")
        checker.problems.extend(exc.problems)
    except TemperError as exc:
        checker.report_at(path, str(exc))
    return None


def _slug(name: str) -> str:
    out = "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in name.lower()).strip("-_")
    return out or "plan"
