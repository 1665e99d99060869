"""`temper verify RESULT...`: has any byte of a signed certification result changed?

Exit status: 0 every result intact, 1 some changed (or signed with another key),
2 usage or input error (no key, no such file, not a signed result).
"""

from __future__ import annotations


def register(sub) -> None:
    p = sub.add_parser("verify", help="check the signature of certification results",
                       description="Check that signed certification results (*.result.json) have not "
                                   "changed since `temper certify` wrote them. Exit status: 0 intact, "
                                   "1 changed, 2 usage or input error.")
    p.add_argument("results", nargs="+", metavar="RESULT", help="a result file (*.result.json)")
    p.add_argument("--key-file", metavar="FILE",
                   help="the signing key (else $TEMPER_SIGNING_KEY, $TEMPER_SIGNING_KEY_FILE or "
                        "signing_key_file in the settings file)")
    p.set_defaults(run=run)


def run(args) -> int:
    from simulator.certify.signing import load_key, verify_file
    from simulator.errors import TemperError

    try:
        key = load_key(args.key_file)
        verdicts = [verify_file(path, key) for path in args.results]
    except TemperError as exc:
        exc.exit_code = 2
        raise
    for v in verdicts:
        print(("OK       " if v.ok else "CHANGED  ") + v.message)
    return 0 if all(v.ok for v in verdicts) else 1
