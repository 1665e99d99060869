"""`temper settings [--json]`: the settings in force, and where each comes from.

Shows the settings file (`config.yaml` in the data folder), the results database (a file
or the centre's server; never its password), every signing key's id and file and which
one signs (never a key's bytes), the centre's scenario folder and whether it exists, and
the centre's xAPI base IRI and name. A setting not in the file shows its default.
"""

from __future__ import annotations

import os
from pathlib import Path


def register(sub) -> None:
    p = sub.add_parser("settings", help="show the settings in force and where each comes from",
                       description="Show the settings Temper uses: the settings file, the results "
                                   "database, the signing key and the centre's xAPI identity.")
    p.add_argument("--json", action="store_true", help="print them as JSON")
    p.set_defaults(run=run)


def run(args) -> int:
    import json

    from simulator.certify.signing import ENV_KEY, ENV_KEY_FILE
    from simulator.certify.xapi import BASE
    from simulator.config import config_path, load_config
    from simulator.paths import data_dir
    from simulator.store import default_path, safe_url
    from simulator.terminal import printable

    path = config_path()
    settings = load_config()  # a broken file is one message naming its line
    source = f"from {path}"
    database = settings.get("database")
    key_file = settings.get("signing_key_file")
    key_id = None
    if key_file:
        key_id = _key_state(key_file, None, "signing_key_file")[0]
    keys = [{"id": e["id"], "file": e["file"], "signs": e["id"] == settings.get("signing_key"),
             **dict(zip(("fingerprint", "problem"),
                        _key_state(e["file"], e["id"], f"line {e['line']}")[1:]))}
            for e in settings.get("signing_keys", [])]
    folder = settings.get("scenario_folder")
    rows = {
        "settings_file": (str(path), "exists" if path.exists() else "none yet; the defaults below"),
        "data_folder": (str(data_dir()), "$TEMPER_HOME, else the user data folder"),
        "database": (safe_url(database) if database else str(default_path()),
                     source if database else "default"),
    }
    if keys:
        rows["signing_keys"] = (keys, source)
    else:
        rows["signing_key_file"] = (key_file or "", (f"{source}; key id {key_id}") if key_file
                                    else "not set (certify needs --key-file or $TEMPER_SIGNING_KEY)")
    rows["scenario_folder"] = (folder or "", f"{source}; {_folder_state(folder)}" if folder
                               else "not set: no centre scenarios")
    rows.update({
        "xapi_base_iri": (settings.get("xapi_base_iri") or BASE,
                          source if settings.get("xapi_base_iri") else "default"),
        "centre_name": (settings.get("centre_name") or "",
                        source if settings.get("centre_name") else "not set"),
    })
    overriding = next((f"${v}" for v in (ENV_KEY, ENV_KEY_FILE) if os.environ.get(v)), None)
    if args.json:
        shown = {k: {"value": v, "from": f} for k, (v, f) in rows.items()}
        if overriding:
            shown["signing_override"] = {"value": overriding, "from": "environment"}
        print(json.dumps(shown, ensure_ascii=False, indent=2))
        return 0
    lines = []
    for k, (v, f) in rows.items():
        if k != "signing_keys":
            lines.append((k, v, f))
            continue
        for key in v:
            state = (f"unusable: {key['problem']}" if key["problem"] else
                     f"fingerprint {key['fingerprint']}")
            role = "signs new results" if key["signs"] else "retired: verifies what it signed"
            lines.append((f"signing key {key['id']}", key["file"], f"{f}; {role}; {state}"))
    width = max(len(k) for k, _, _ in lines)
    for k, v, f in lines:
        print(printable(f"{k:<{width}}  {v or '-'}  ({f})"))
    if overriding:
        print(printable(f"{overriding} is set: certify and verify use that key, not the "
                        "settings' keys"))
    return 0


def _key_state(file: str, name: str | None, how: str) -> tuple[str, str | None, str | None]:
    """(key id, fingerprint, None) for a usable key file, else (…, None, why not)."""
    from simulator.certify.signing import _read_key_file
    from simulator.errors import TemperError

    try:
        key = _read_key_file(Path(file), how, name=name)
    except TemperError as exc:
        return f"unusable: {exc}", None, str(exc)
    return key.id, key.fingerprint, None


def _folder_state(folder: str) -> str:
    if os.path.isdir(folder):
        from simulator.library import scenario_files

        try:
            count = len(scenario_files([folder]))
        except OSError as exc:
            return f"exists, cannot be read: {exc.strerror}"
        return f"exists, {count} scenario file(s)"
    if os.path.exists(folder):
        return "is not a folder: no centre scenarios are listed"
    return "does not exist: no centre scenarios are listed"
