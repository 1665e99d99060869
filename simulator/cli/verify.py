"""`temper verify RESULT...`: has any byte of a signed certification result changed?

Each result is checked with the key its `key_id` names among the keys the settings
hold (`signing_keys`), so results signed with a retired key still verify; with
--key-file (or $TEMPER_SIGNING_KEY), with that one key.

Exit status: 0 every result intact, 1 some changed (or signed with a key the settings do
not hold, or by an older Temper whose signature cannot show it), 2 usage or input error
(no key, no such file, not a signed result).
"""

from __future__ import annotations


def register(sub) -> None:
    p = sub.add_parser("verify", help="check the signature of certification results",
                       description="Check that signed certification results (*.result.json) have not "
                                   "changed since `temper certify` wrote them, and name what changed "
                                   "when they have. Exit status: 0 intact, 1 changed, 2 usage or "
                                   "input error.")
    p.add_argument("results", nargs="+", metavar="RESULT", help="a result file (*.result.json)")
    p.add_argument("--key-file", metavar="FILE",
                   help="the one key to check with (else $TEMPER_SIGNING_KEY, "
                        "$TEMPER_SIGNING_KEY_FILE, or the settings file's keys: each result "
                        "with the key its key id names)")
    p.set_defaults(run=run)


def run(args) -> int:
    import sys

    from simulator.certify.signing import load_keyring, verify_file
    from simulator.errors import TemperError
    from simulator.terminal import printable

    try:
        key = load_keyring(args.key_file)
    except TemperError as exc:
        exc.exit_code = 2
        raise
    code = 0
    for path in args.results:
        try:
            v = verify_file(path, key)
        except TemperError as exc:
            print(f"temper: error: {printable(str(exc))}", file=sys.stderr)
            code = 2
            continue
        print(f"{v.status:<10} {printable(v.message)}")
        if not v.ok and code == 0:
            code = 1
    return code
