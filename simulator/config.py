"""The user's settings file: `config.yaml` in the user data folder (`temper` data_dir).

    # ~/.local/share/temper/config.yaml (or $TEMPER_HOME/config.yaml)
    database: /srv/temper/results.sqlite3     # the results store (default: results.sqlite3 here)
    # or a centre's shared database:  database: postgresql://temper@db.centre.lan/temper
    signing_key_file: /etc/temper/signing.key # the key certification results are signed with

Relative paths are relative to the settings file. Safe YAML, validated with line numbers.
"""

from __future__ import annotations

from pathlib import Path

from simulator.errors import InvalidFile, Problem
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
    doc, checker = check_document(read_text(path, "settings"), name, SETTINGS, "settings file",
                                  empty_ok=True)
    if doc is None and not checker.problems:
        return {}
    if checker.problems or doc is None:
        raise InvalidFile(checker.problems or [Problem(name, 1, 1, "expected settings")])
    from simulator.store import is_url

    return {k: (v if k == "database" and is_url(v) else str((path.parent / v).resolve()))
            for k, v in doc.items() if v is not None}


def database_path(option: str | None = None) -> str | Path | None:
    """--db PATH or URL, else the settings file's `database`, else None (the default store).

    A URL (sqlite:///FILE, postgresql://USER@HOST/DB) is returned as text, a file as a Path."""
    from simulator.store import is_url

    chosen = option or load_config().get("database")
    if not chosen:
        return None
    return chosen if is_url(chosen) else Path(chosen)
