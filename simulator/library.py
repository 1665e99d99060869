"""The scenario library: bundled scenarios and scenario files found in folders."""

from __future__ import annotations

import os
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Iterable

from simulator.errors import InvalidFile, Problem, UsageError
from simulator.format.loader import load_scenario
from simulator.format.scenario import Scenario

SCENARIO_SUFFIXES = (".yaml", ".yml")


def bundled_dir() -> Path:
    """The folder of bundled scenarios (works for normal and editable installs)."""
    return Path(str(resources.files("scenarios")))


def scenario_files(paths: Iterable[str | Path]) -> list[Path]:
    """Files named directly, plus every scenario file inside the folders named."""
    out: list[Path] = []
    for p in map(Path, paths):
        # os.path's checks say False where Path's raise (a folder we may not enter):
        # a file that cannot be read is then named by the reader, not a traceback.
        if os.path.isdir(p):
            out.extend(sorted(f for f in p.rglob("*")
                              if f.suffix in SCENARIO_SUFFIXES and os.path.isfile(f)))
        else:
            out.append(p)
    return out


@dataclass(frozen=True)
class Entry:
    """A library entry: a scenario, or the problems that keep a file from being one."""

    path: Path
    scenario: Scenario | None
    problems: tuple[Problem, ...] = ()

    @property
    def id(self) -> str:
        return self.scenario.id if self.scenario else self.path.stem


def load_entries(paths: Iterable[str | Path]) -> list[Entry]:
    entries = []
    for f in scenario_files(paths):
        try:
            entries.append(Entry(f, load_scenario(f)))
        except InvalidFile as exc:
            entries.append(Entry(f, None, tuple(exc.problems)))
    return entries


def bundled() -> list[Entry]:
    return load_entries([bundled_dir()])


def resolve(name: str) -> Scenario:
    """A scenario from a path, or from the id of a bundled scenario."""
    path = Path(name)
    if path.suffix in SCENARIO_SUFFIXES or path.exists() or "/" in name or "\\" in name:
        return load_scenario(path)
    candidate = bundled_dir() / f"{name}.yaml"
    if candidate.is_file():
        return load_scenario(candidate)
    ids = sorted(e.id for e in bundled())
    import difflib

    close = difflib.get_close_matches(name, ids, n=1)
    hint = f" (did you mean '{close[0]}'?)" if close else ""
    raise UsageError(f"no scenario file or bundled scenario named '{name}'{hint}; "
                     f"`temper list` shows the bundled ones")
