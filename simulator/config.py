"""The user's settings file: `config.yaml` in the user data folder (`temper` data_dir).

    # ~/.local/share/temper/config.yaml (or $TEMPER_HOME/config.yaml)
    database: /srv/temper/results.sqlite3     # the results store (default: results.sqlite3 here)
    signing_key_file: /etc/temper/signing.key # the key certification results are signed with

Relative paths are relative to the settings file. Safe YAML, validated with line numbers.
"""

from __future__ import annotations

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
                          doc="the results database file"),
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
    with file_problems(name):
        doc, checker = check_document(read_text(path, "settings"), name, SETTINGS, "settings file",
                                      empty_ok=True)
        if doc is None and not checker.problems:
            return {}
        if checker.problems or doc is None:
            raise InvalidFile(checker.problems or [Problem(name, 1, 1, "expected settings")])
        return {k: str((path.parent / v).resolve()) for k, v in doc.items() if v is not None}


def database_path(option: str | None = None) -> Path | None:
    """--db PATH, else the settings file's `database`, else None (the default store)."""
    if option:
        return Path(option)
    configured = load_config().get("database")
    return Path(configured) if configured else None
