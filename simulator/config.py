"""The user's settings file: `config.yaml` in the user data folder (`temper` data_dir).

    # ~/.local/share/temper/config.yaml (or $TEMPER_HOME/config.yaml)
    database: /srv/temper/results.sqlite3     # the results store (default: results.sqlite3 here)
    # or a centre's shared database:  database: postgresql://temper@db.centre.lan/temper

    # The keys certification results are signed with. Each has an id, written into every
    # result it signs; `signing_key` names the one that signs new results. Keep retired
    # keys listed: results they signed still verify. (`temper keygen FILE --id ID`)
    signing_keys:
      - {id: 2026-q4, file: keys/q4.key}
      - {id: 2026-q3, file: keys/q3.key}      # retired: verifies what it signed
    signing_key: 2026-q4
    # or a single key, with no id:   signing_key_file: /etc/temper/signing.key

    scenario_folder: /srv/temper/scenarios    # the centre's scenarios, listed beside the bundled ones
    xapi_base_iri: https://lrs.centre.example/temper   # the centre's IRIs in xAPI statements
    centre_name: Northside Training Centre            # named in xAPI statements (platform)

Relative paths are relative to the settings file. Safe YAML, validated with line numbers:
a bad value is refused as FILE:LINE:COL naming the key.
"""

from __future__ import annotations

import re
from pathlib import Path

from simulator.errors import InvalidFile, Problem, file_problems
from simulator.format.loader import read_text
from simulator.paths import data_dir
from simulator.format.schema import Field, ListOf, Obj, Text, check_document

CONFIG_FILE = "config.yaml"

SETTINGS = Obj(
    doc="Temper settings",
    fields={
        "database": Field(Text(max_length=1000), default=None,
                          doc="the results database: a file, sqlite:///FILE or postgresql://USER@HOST/DB"),
        "signing_key_file": Field(Text(max_length=1000), default=None,
                                  doc="the file holding the key certification results are signed "
                                      "with (a single key, with no id)"),
        "signing_keys": Field(ListOf(Obj(doc="a signing key", fields={
            "id": Field(Text(max_length=64), required=True,
                        doc="the key's id, written into every result it signs (e.g. 2026-q4)"),
            "file": Field(Text(max_length=1000), required=True, doc="the file holding the key"),
        }), min_items=1, max_items=100), default=None,
            doc="the centre's signing keys, the one that signs and the retired ones"),
        "signing_key": Field(Text(max_length=64), default=None,
                             doc="the id of the key in signing_keys that signs new results"),
        "scenario_folder": Field(Text(max_length=1000), default=None,
                                 doc="the centre's scenarios, listed beside the bundled ones"),
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
        if k == "signing_keys":
            out[k] = [{"id": str(e["id"]).strip(), "file": str((path.parent / e["file"]).resolve()),
                       "line": checker.where(f"signing_keys[{i}]")[0]} for i, e in enumerate(v)]
        elif k in _NOT_PATHS or (k == "database" and is_url(v)):
            out[k] = str(v).strip()
        else:
            out[k] = str((path.parent / v).resolve())
    _check_keys(checker, out)
    iri = out.get("xapi_base_iri")
    if iri is not None and not re.fullmatch(r"https?://[^\s/?#]+(/[^\s?#]*)?", iri):
        checker.report_at("xapi_base_iri", f"xapi_base_iri must be an http(s) IRI such as "
                                           f"https://lrs.centre.example/temper, not {iri!r}")
    if checker.problems:
        raise InvalidFile(checker.problems)
    if iri is not None:
        out["xapi_base_iri"] = iri.rstrip("/")
    if "signing_keys" in out and "signing_key" not in out:
        out["signing_key"] = out["signing_keys"][0]["id"]  # the only one (checked above)
    return out


def _check_keys(checker, out: dict) -> None:
    """The signing keys make sense together: ids well formed and once each, one file per
    key, `signing_key` naming one of them; reported at the line of what is wrong."""
    from simulator.certify.signing import key_id_problem

    keys = out.get("signing_keys")
    if keys is not None and "signing_key_file" in out:
        checker.report_at("signing_keys", "give either signing_key_file (one key, no id) or "
                          "signing_keys, not both: to rotate, move the key file into signing_keys "
                          "as `- {id: NAME, file: FILE}` (the results it signed still verify)")
    seen_ids: dict[str, int] = {}
    seen_files: dict[str, tuple[str, int]] = {}
    for i, entry in enumerate(keys or []):
        problem = key_id_problem(entry["id"])
        if problem:
            checker.report_at(f"signing_keys[{i}].id", f"key id {entry['id']!r} {problem}")
        elif entry["id"] in seen_ids:
            checker.report_at(f"signing_keys[{i}].id", f"key id {entry['id']} is given "
                              f"twice (also on line {seen_ids[entry['id']]}); each key needs its own id")
        if entry["file"] in seen_files:
            other, line = seen_files[entry["file"]]
            checker.report_at(f"signing_keys[{i}].file", f"{entry['file']} is already "
                              f"key {other} (line {line}); a key has one id")
        seen_ids.setdefault(entry["id"], entry["line"])
        seen_files.setdefault(entry["file"], (entry["id"], entry["line"]))
    active = out.get("signing_key")
    ids = [e["id"] for e in keys or []]
    if active is not None and keys is None:
        checker.report_at("signing_key", f"signing_key names the key that signs among "
                          f"signing_keys, but there is no signing_keys list; add one, e.g. "
                          f"signing_keys: [{{id: {active}, file: keys/{active}.key}}]")
    elif active is not None and active not in ids:
        import difflib

        close = difflib.get_close_matches(active, ids, n=1)
        checker.report_at("signing_key", f"{active} is not one of the signing_keys "
                          f"({', '.join(ids)})" + (f"; did you mean {close[0]}?" if close else ""))
    elif active is None and len(ids) > 1:
        checker.report_at("signing_keys", f"signing_keys holds {len(ids)} keys: add "
                          f"`signing_key: ID` naming the one that signs new results "
                          f"(e.g. signing_key: {ids[0]})")


_NOT_PATHS = {"xapi_base_iri", "centre_name", "signing_key"}


def setting_line(path: Path, key: str) -> int:
    """The line of the settings file where top-level `key` is given (1 if not found)."""
    try:
        for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
            if re.match(rf"{re.escape(key)}\s*:", line):
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
