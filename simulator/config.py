"""The user's settings file: `config.yaml` in the user data folder (`temper` data_dir).

    # ~/.local/share/temper/config.yaml (or $TEMPER_HOME/config.yaml)
    database: /srv/temper/results.sqlite3     # the results store (default: results.sqlite3 here)
    # or a centre's shared database:  database: postgresql://temper@db.centre.lan/temper
    signing_key_file: /etc/temper/signing.key # the key certification results are signed with
    xapi_base_iri: https://lrs.centre.example/temper   # the centre's IRIs in xAPI statements
    centre_name: Northside Training Centre            # named in xAPI statements (platform)

Relative paths are relative to the settings file. Safe YAML, validated with line numbers.
"""

from __future__ import annotations

import re
from pathlib import Path

from simulator.errors import InvalidFile, Problem, file_problems
from simulator.format.loader import read_text
from simulator.paths import data_dir
from simulator.format.schema import Field, Obj, Text, check_document

CONFIG_FILE = "config.yaml"

SETTINGS = Obj(
    doc="Temper settings",
    fields={
        "database": Field(Text(max_length=1000), default=None,
                          doc="the results database: a file, sqlite:///FILE or postgresql://USER@HOST/DB"),
        "signing_key_file": Field(Text(max_length=1000), default=None,
                                  doc="the file holding the key certification results are signed with"),
        "xapi_base_iri": Field(Text(max_length=500), default=None,
                               doc="the centre's base IRI for xAPI statements (default "
                                   "https://temper.invalid/xapi)"),
        "centre_name": Field(Text(max_length=200), default=None,
                             doc="the centre's name, given in xAPI statements as their platform"),
    },
)


def config_path() -> Path:
    return data_dir() / CONFIG_FILE


def load_config(path: str | Path | None = None) -> dict:
    """The settings, with paths made absolute; {} when there is no settings file."""
    path = Path(path) if path is not None else config_path()
    if not path.exists():
        return {}
    name = str(path)
    with file_problems(name):
        doc, checker = check_document(read_text(path, "settings"), name, SETTINGS, "settings file",
                                      empty_ok=True)
    if doc is None and not checker.problems:
        return {}
    if checker.problems or doc is None:
        raise InvalidFile(checker.problems or [Problem(name, 1, 1, "expected settings")])
    from simulator.store import is_url

    out = {}
    for k, v in doc.items():
        if v is None:
            continue
        if k in _NOT_PATHS or (k == "database" and is_url(v)):
            out[k] = str(v).strip()
        else:
            out[k] = str((path.parent / v).resolve())
    iri = out.get("xapi_base_iri")
    if iri is not None and not re.fullmatch(r"https?://[^\s/?#]+(/[^\s?#]*)?", iri):
        raise InvalidFile([Problem(name, _line_of(path, "xapi_base_iri"), 1,
                                   f"xapi_base_iri must be an http(s) IRI such as "
                                   f"https://lrs.centre.example/temper, not {iri!r}")])
    if iri is not None:
        out["xapi_base_iri"] = iri.rstrip("/")
    return out


_NOT_PATHS = {"xapi_base_iri", "centre_name"}


def _line_of(path: Path, key: str) -> int:
    try:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.lstrip().startswith(f"{key}:"):
                return number
    except (OSError, UnicodeDecodeError):
        pass
    return 1


def database_path(option: str | None = None) -> str | Path | None:
    """--db PATH or URL, else the settings file's `database`, else None (the default store).

    A URL (sqlite:///FILE, postgresql://USER@HOST/DB) is returned as text, a file as a Path."""
    from simulator.store import is_url

    chosen = option or load_config().get("database")
    if not chosen:
        return None
    return chosen if is_url(chosen) else Path(chosen)
