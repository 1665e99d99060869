"""`temper settings [--json]`: the settings in force, and where each comes from.

Shows the settings file (`config.yaml` in the data folder), the results database (a file
or the centre's server; never its password), the signing key file and its key id, and
the centre's xAPI base IRI and name. A setting not in the file shows its default.
"""

from __future__ import annotations


def register(sub) -> None:
    p = sub.add_parser("settings", help="show the settings in force and where each comes from",
                       description="Show the settings Temper uses: the settings file, the results "
                                   "database, the signing key and the centre's xAPI identity.")
    p.add_argument("--json", action="store_true", help="print them as JSON")
    p.set_defaults(run=run)


def run(args) -> int:
    import json

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
        from simulator.certify.signing import load_key
        from simulator.errors import TemperError

        try:
            key_id = load_key(key_file).id
        except TemperError as exc:
            key_id = f"unusable: {exc}"
    rows = {
        "settings_file": (str(path), "exists" if path.exists() else "none yet; the defaults below"),
        "data_folder": (str(data_dir()), "$TEMPER_HOME, else the user data folder"),
        "database": (safe_url(database) if database else str(default_path()),
                     source if database else "default"),
        "signing_key_file": (key_file or "", (f"{source}; key id {key_id}") if key_file
                             else "not set (certify needs --key-file or $TEMPER_SIGNING_KEY)"),
        "xapi_base_iri": (settings.get("xapi_base_iri") or BASE,
                          source if settings.get("xapi_base_iri") else "default"),
        "centre_name": (settings.get("centre_name") or "",
                        source if settings.get("centre_name") else "not set"),
    }
    if args.json:
        print(json.dumps({k: {"value": v, "from": f} for k, (v, f) in rows.items()},
                         ensure_ascii=False, indent=2))
        return 0
    width = max(len(k) for k in rows)
    for k, (v, f) in rows.items():
        print(printable(f"{k:<{width}}  {v or '-'}  ({f})"))
    return 0
