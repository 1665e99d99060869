"""The scenario library: the bundled scenarios, the training centre's (the settings'
`scenario_folder`), the user's own (in their scenario folder, under the data folder),
and scenario files found in folders.

Bundled and centre scenarios are read-only; the scenario lab's "Save as" puts a copy in
`user_dir()`, which the library lists beside them. A file that cannot be used is an
entry with its problems: it never hides the others (nor does a centre folder that is
missing, or a settings file that cannot be read: each is an entry saying so).

A centre scenario whose id is a bundled scenario's replaces it: the library lists the
centre's file once, marked as replacing the bundled one (`Entry.replaces`), and a lookup
by id (`resolve`) finds the centre's. Two files in the centre's folder with one id are
an error on each, naming the other: which one the centre means cannot be told, so
neither is used (nor the bundled one of that id).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Iterable

import re

from simulator.errors import L_, InvalidFile, Problem, TemperError, UsageError
from simulator.format.loader import load_scenario
from simulator.format.scenario import Scenario
from simulator.format.spec import ID_PATTERN
from simulator.paths import data_dir

SCENARIO_SUFFIXES = (".yaml", ".yml")
#: Where an entry comes from: shipped with Temper, the training centre's scenario folder,
#: the user's scenario folder, elsewhere.
ORIGINS = ("bundled", "centre", "yours", "opened")


def bundled_dir() -> Path:
    """The folder of bundled scenarios (works for normal and editable installs)."""
    return Path(str(resources.files("scenarios")))


def user_dir() -> Path:
    """The user's own scenarios: `scenarios/` in the data folder (`TEMPER_HOME`).
    It may not exist yet (it is made by the first copy saved there)."""
    return data_dir() / "scenarios"


def centre_dir() -> Path | None:
    """The training centre's scenarios (`scenario_folder` in the settings), or None.
    An InvalidFile when the settings file cannot be read."""
    from simulator.config import load_config

    folder = load_config().get("scenario_folder")
    return Path(folder) if folder else None


_centre_cache: dict = {}


def _centre_dir_or_none() -> Path | None:
    """centre_dir(), read again only when the settings file changed (it is asked for
    every entry whose origin is not known yet); None when it cannot be read."""
    from simulator.config import config_path

    path = config_path()
    try:
        info = os.stat(path)
        stamp = (str(path), info.st_mtime_ns, info.st_size)
    except OSError:
        stamp = (str(path), None, None)
    if _centre_cache.get("stamp") != stamp:
        try:
            folder = centre_dir()
        except TemperError:
            folder = None  # the library lists the settings' problem (centre_entries)
        _centre_cache.update(stamp=stamp, folder=folder)
    return _centre_cache["folder"]


def _inside(path: Path, folder: Path) -> bool:
    try:
        return Path(path).resolve().is_relative_to(folder.resolve())
    except OSError:
        return False


def is_bundled(path: str | Path) -> bool:
    """A file shipped with Temper (opened read-only: save a copy to change it)."""
    return _inside(Path(path), bundled_dir())


def is_centre(path: str | Path, centre: Path | None = None) -> bool:
    """A file in the training centre's scenario folder (read-only: save a copy to change it)."""
    centre = centre if centre is not None else _centre_dir_or_none()
    return centre is not None and not _inside(Path(path), user_dir()) and _inside(Path(path), centre)


def is_read_only(path: str | Path) -> bool:
    """Bundled or the centre's: the scenario lab opens it read-only and saves copies."""
    return is_bundled(path) or is_centre(path)


def origin_of(path: str | Path, centre: Path | None = None) -> str:
    if is_bundled(path):
        return "bundled"
    if _inside(Path(path), user_dir()):
        return "yours"
    return "centre" if is_centre(path, centre) else "opened"


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
    #: where it comes from, when known as it was loaded (else worked out from its path)
    source: str = ""
    #: a centre entry: the bundled scenario file of the same id that it replaces
    replaces: Path | None = None
    #: an entry left unusable because another centre file has the same scenario id: that id
    clashing_id: str = ""

    @property
    def id(self) -> str:
        return self.scenario.id if self.scenario else (self.clashing_id or self.path.stem)

    @property
    def origin(self) -> str:
        """bundled, centre (the training centre's folder), yours (the user's scenario
        folder) or opened (a file elsewhere)."""
        return self.source or origin_of(self.path)

    @property
    def note(self) -> str:
        """What to know about where the entry comes from, or "" (a `Text`: said in the
        reader's language with `simulator.errors.said`)."""
        if self.replaces is None:
            return ""
        return L_("the centre's scenario %(id)s replaces the bundled one (%(bundled)s)",
                  id=self.id, bundled=self.replaces.name)


def load_entry(path: Path, source: str = "") -> Entry:
    """One file as an entry: its scenario, or why it cannot be one (never raises for a
    bad file, whatever is wrong with it). `source`: where it comes from, when the caller
    knows (else worked out from its path, once)."""
    source = source or origin_of(path)
    try:
        return Entry(path, load_scenario(path), source=source)
    except InvalidFile as exc:
        return Entry(path, None, tuple(exc.problems), source)
    except TemperError as exc:
        return Entry(path, None, (Problem(str(path), 1, 1, str(exc)),), source)
    except Exception as exc:  # noqa: BLE001 - one strange file must not hide the library
        return Entry(path, None, (Problem(str(path), 1, 1, f"cannot be loaded ({type(exc).__name__}: {exc})"),),
                     source)


def load_entries(paths: Iterable[str | Path], source: str = "") -> list[Entry]:
    return [load_entry(f, source) for f in scenario_files(paths)]


def bundled() -> list[Entry]:
    return load_entries([bundled_dir()], "bundled")


def centre_entries() -> list[Entry]:
    """The training centre's scenarios, valid or not. A settings file that cannot be
    read, or a centre folder that is not there (a network share not mounted), is one
    entry naming the problem: nothing disappears without a word."""
    from simulator.config import config_path, setting_line

    try:
        folder = centre_dir()
    except InvalidFile as exc:
        return [Entry(config_path(), None, tuple(exc.problems), "centre")]
    except TemperError as exc:
        return [Entry(config_path(), None, (Problem(str(config_path()), 1, 1, str(exc)),), "centre")]
    if folder is None:
        return []
    config = config_path()

    def problem(why: str) -> list[Entry]:  # what to fix is the settings' line
        return [Entry(config, None, (Problem(str(config), setting_line(config, "scenario_folder"), 1,
                                             f"the centre's scenario folder {folder} {why}",
                                             "scenario_folder"),), "centre")]

    try:
        if not folder.is_dir():
            return problem("is not a folder" if folder.exists() else
                           "does not exist (or is not reachable)")
        mine = user_dir()
        return [e for e in load_entries([folder], "centre") if not _inside(e.path, mine)]
    except OSError as exc:
        return problem(f"cannot be read: {exc.strerror}")


def user_entries() -> list[Entry]:
    """The scenarios in the user's folder, valid or not (none if it does not exist)."""
    folder = user_dir()
    try:
        if not folder.is_dir():
            return []
        return load_entries([folder], "yours")
    except OSError:
        return []


def scenarios() -> list[Entry]:
    """Every scenario Temper knows: the bundled ones, the centre's, then the user's own;
    a bundled one the centre replaces is left out (see `settle_ids`)."""
    return settle_ids(bundled() + centre_entries() + user_entries())


def _id_line(path: Path) -> int:
    """The line of a scenario file's top-level `id:` (1 when it has none)."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return 1
    found = _ID_LINE.search(text)
    return text.count("\n", 0, found.start()) + 1 if found else 1


def settle_ids(entries: list[Entry]) -> list[Entry]:
    """`entries` with one entry per scenario id between the bundled and the centre's:

    - a centre scenario whose id is a bundled one's replaces it (the bundled entry goes;
      the centre's says what it replaces, `Entry.replaces`);
    - two or more centre files with one id: each becomes an entry with a problem naming
      the others (at its `id:` line), and the bundled one of that id goes too.
    Other entries are kept as they are, in their order."""
    centre: dict[str, list[Entry]] = {}
    for e in entries:
        if e.origin == "centre" and e.scenario is not None:
            centre.setdefault(e.id, []).append(e)
    if not centre:
        return list(entries)
    bundled_paths = {e.id: e.path for e in entries if e.origin == "bundled" and e.scenario is not None}
    out = []
    for e in entries:
        if e.origin == "bundled" and e.scenario is not None and e.id in centre:
            continue  # the centre's file is used instead
        same = centre.get(e.id) if e.origin == "centre" and e.scenario is not None else None
        if same and len(same) > 1:
            others = ", ".join(str(o.path) for o in same if o is not e)
            e = Entry(e.path, None, (Problem(str(e.path), _id_line(e.path), 1, L_(
                "the scenario id %(id)s is also the id of %(others)s in the centre's scenario "
                "folder: give each of these files its own id (which one to use cannot be told, "
                "so none of them is)", id=e.id, others=others), "id"),),
                e.source, clashing_id=e.id)
        elif same and e.id in bundled_paths:
            e = Entry(e.path, e.scenario, e.problems, e.source, replaces=bundled_paths[e.id])
        out.append(e)
    return out


def with_centre_ids(entries: list[Entry]) -> tuple[list[Entry], dict[Path, str]]:
    """`entries` (files being checked, wherever they were found) as the library sees their
    ids, and what to say about some of them: a centre file that shares its id with another
    centre file becomes that problem; a centre file replacing a bundled one, and the
    bundled one it replaces, get a note (by the entry's path)."""
    centre = _centre_dir_or_none()
    if centre is None:
        return list(entries), {}
    settled = settle_ids(bundled() + centre_entries())
    clashes = {e.path.resolve(): e for e in settled if e.clashing_id}
    replacing = {e.path.resolve(): e for e in settled if e.replaces is not None}
    replaced = {e.replaces.resolve(): e for e in replacing.values()}
    out, notes = [], {}
    for e in entries:
        where = e.path.resolve()
        if where in clashes:
            e = Entry(e.path, None, clashes[where].problems, "centre", clashing_id=clashes[where].clashing_id)
        elif where in replacing and e.scenario is not None:
            notes[e.path] = replacing[where].note
        elif where in replaced and e.scenario is not None:
            notes[e.path] = L_("the bundled scenario %(id)s is replaced by the centre's %(file)s: the "
                               "library lists the centre's, and the id finds it", id=e.id,
                               file=replaced[where].path)
        out.append(e)
    return out, notes


def library(extra: Iterable[str | Path] = ()) -> list[Entry]:
    """What the desktop library lists: the bundled scenarios, the centre's, the user's
    own, then the files (or folders) named in `extra` that still exist; each file once
    (a bundled one the centre replaces not even when it was opened before)."""
    listed = bundled() + centre_entries() + user_entries()
    entries = settle_ids(listed)
    known = {e.path.resolve() for e in listed}
    for entry in load_entries([p for p in extra if Path(p).exists()]):
        if entry.path.resolve() not in known:
            known.add(entry.path.resolve())
            entries.append(entry)
    return entries


# --- copies in the user's folder ------------------------------------------------------

_ID_LINE = re.compile(r"^id:[ \t]*(?P<id>[^\s#]+)(?P<rest>[ \t]*(?:#.*)?)$", re.MULTILINE)


def scenario_id_for(stem: str) -> str:
    """A valid scenario id made from a file name ("My Coat (2)" -> "my_coat_2")."""
    out = re.sub(r"[^a-z0-9_-]+", "_", stem.casefold()).strip("_-")
    return out if out and ID_PATTERN.match(out) else "my_scenario"


def suggested_copy_path(scenario_id: str, copy: bool = True) -> Path:
    """A file in the user's folder that does not exist yet: `<id>_copy.yaml`,
    `<id>_copy_2.yaml`… (or `<id>.yaml`, `<id>_2.yaml`… for a text that is no copy)."""
    base = scenario_id_for(f"{scenario_id}_copy" if copy else scenario_id)
    folder = user_dir()
    path, n = folder / f"{base}.yaml", 2
    while path.exists():
        path, n = folder / f"{base}_{n}.yaml", n + 1
    return path


def text_with_id(text: str, new_id: str) -> str:
    """The scenario text with its top-level `id:` set to `new_id` (the copy is its own
    scenario: History and reports do not mix it up with the original). A text with no
    `id:` line takes its id from the file name and is returned unchanged."""
    return _ID_LINE.sub(lambda m: f"id: {new_id}{m.group('rest')}", text, count=1)


def resolve(name: str) -> Scenario:
    """A scenario from a path, or from the id of a bundled scenario, one of the centre's
    or one of the user's."""
    path = Path(name)
    if path.suffix in SCENARIO_SUFFIXES or path.exists() or "/" in name or "\\" in name:
        return load_scenario(path)
    centre = _centre_dir_or_none()
    if centre is not None:  # the centre's file of that id wins over a bundled one
        found = [e for e in centre_entries() if e.scenario is not None and e.id == name]
        if len(found) > 1:
            raise UsageError(L_(
                "the centre's scenario folder has %(count)d files with the scenario id %(id)s "
                "(%(files)s): give each its own id", count=len(found), id=name,
                files=", ".join(str(e.path) for e in found)))
        if found:
            return found[0].scenario
    for folder in [bundled_dir()] + ([centre] if centre else []) + [user_dir()]:
        candidate = folder / f"{name}.yaml"
        if candidate.is_file():
            return load_scenario(candidate)
    known = scenarios()
    for entry in known:  # a centre's file in a subfolder, or named otherwise than its id
        if entry.scenario is not None and entry.id == name:
            return entry.scenario
    ids = sorted(e.id for e in known if e.scenario is not None)
    import difflib

    close = difflib.get_close_matches(name, ids, n=1)
    hint = f" (did you mean '{close[0]}'?)" if close else ""
    raise UsageError(f"no scenario file or bundled scenario named '{name}'{hint}; "
                     f"`temper list` shows them all")
