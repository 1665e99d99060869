"""`temper keygen [FILE]`: a new signing key for certification results.

    temper keygen signing.key        # a new file, readable by its owner only
    temper keygen > signing.key      # or on standard output
    temper keygen keys/2027-q1.key --id 2027-q1   # a key for the settings' signing_keys

The key is 32 random bytes written as 64 hex digits, from the operating system's
cryptographic random source. An existing file is never replaced unless --force is given
(results signed with the old key do not verify with a new one). With --id, it prints the
lines that add the key to the settings file and make it the one that signs (rotation:
the keys listed before stay, so the results they signed still verify).
"""

from __future__ import annotations


def register(sub) -> None:
    p = sub.add_parser("keygen", help="make a new signing key for certification results",
                       description="Make a new random signing key (32 bytes, as 64 hex digits) for "
                                   "`temper certify` and `temper verify`. With FILE, it is written "
                                   "there, readable by its owner only; else it is printed.")
    p.add_argument("file", nargs="?", metavar="FILE", help="where to write the key (default: print it)")
    p.add_argument("--id", metavar="ID", dest="key_id",
                   help="the key's id in the settings' signing_keys (e.g. 2027-q1): every result "
                        "it signs carries it; prints the lines to add to the settings file")
    p.add_argument("--force", action="store_true",
                   help="replace FILE if it exists (results signed with the old key will no longer "
                        "verify)")
    p.set_defaults(run=run)


def run(args) -> int:
    import os
    import sys

    from simulator.certify.signing import Key, new_key_text
    from simulator.errors import UsageError
    from simulator.files import os_error

    name = args.key_id.strip() if args.key_id is not None else None
    settings = _settings_for(name) if name is not None else {}
    text = new_key_text()
    key_id = Key(text.encode("ascii"), "keygen", name).id
    if not args.file or args.file == "-":
        print(text)
        print(f"temper: a new signing key (key id {key_id}); keep it secret", file=sys.stderr)
        if name is not None:
            print(_settings_lines(name, "FILE", settings), file=sys.stderr)
        return 0
    path = args.file
    if os.path.isdir(path):
        raise UsageError(f"{path} is a folder; give the key file's name, e.g. {os.path.join(path, 'signing.key')}")
    if os.path.lexists(path) and not os.path.isfile(path):
        raise UsageError(f"{path} exists and is not a regular file (a device, pipe or link); "
                         "give the name of a new file")
    if os.path.lexists(path) and not args.force:
        raise UsageError(f"{path} already exists; choose another name, or add --force to replace it "
                         "(results signed with the old key will no longer verify)")
    from simulator.files import replacing

    try:
        with replacing(path, shared=False) as tmp:
            with open(tmp, "w", encoding="ascii") as fh:
                fh.write(text + "\n")
                fh.flush()
                os.fsync(fh.fileno())
    except OSError as exc:
        raise os_error(exc, path) from None
    print(f"Wrote a new signing key to {path} (key id {key_id}). Keep it secret and back it up: "
          "results signed with it can be verified only with it.")
    if name is not None:
        print()
        print(_settings_lines(name, os.path.abspath(path), settings), end="")
    return 0


def _settings_for(name: str) -> dict:
    """The settings in force, once `name` is known to be a new, well-formed key id."""
    from simulator.certify.signing import key_id_problem
    from simulator.config import config_path, load_config
    from simulator.errors import UsageError

    problem = key_id_problem(name)
    if problem:
        raise UsageError(f"--id {name!r}: a key id {problem}")
    settings = load_config()
    for entry in settings.get("signing_keys", []):
        if entry["id"] == name:
            raise UsageError(f"--id {name}: {config_path()}:{entry['line']} already has a key "
                             f"with that id ({entry['file']}); each key needs its own id, e.g. "
                             "the quarter it starts signing in")
    return settings


def _yaml_text(text: str) -> str:
    import json
    import re

    return text if re.fullmatch(r"[A-Za-z0-9_./~-][A-Za-z0-9_./\\ ~-]*", text) and \
        not text.endswith(" ") else json.dumps(text, ensure_ascii=False)


def _settings_lines(name: str, file: str, settings: dict) -> str:
    """What to put in the settings file so that the new key signs from now on."""
    import os

    from simulator.config import config_path

    config = config_path()

    def as_written(path: str) -> str:  # relative to the settings file when inside its folder
        folder = str(config.parent.resolve()) + os.sep
        try:
            inside = path != "FILE" and os.path.abspath(path).startswith(folder)
            return _yaml_text(os.path.relpath(path, config.parent) if inside else path)
        except ValueError:  # another drive (Windows)
            return _yaml_text(path)

    entry = f"  - {{id: {name}, file: {as_written(file)}}}"
    if settings.get("signing_keys"):
        return (f"To sign with it, add this line under signing_keys: in {config}, beside the "
                "keys there (keep them: the results they signed still verify),\n\n"
                f"{entry}\n\nand make it the signing key:\n\n"
                f"signing_key: {name}\n")
    if settings.get("signing_key_file"):
        old = settings["signing_key_file"]
        return (f"To sign with it, replace the line `signing_key_file: …` in {config} with these "
                "(the key that signed until now stays listed: the results it signed still "
                "verify):\n\n"
                f"signing_keys:\n{entry}\n  - {{id: previous, file: {as_written(old)}}}\n"
                f"signing_key: {name}\n")
    return (f"To sign with it, add these lines to {config}:\n\n"
            f"signing_keys:\n{entry}\nsigning_key: {name}\n")
