"""`temper keygen [FILE]`: a new signing key for certification results.

    temper keygen signing.key        # a new file, readable by its owner only
    temper keygen > signing.key      # or on standard output

The key is 32 random bytes written as 64 hex digits, from the operating system's
cryptographic random source. An existing file is never replaced unless --force is given
(results signed with the old key do not verify with a new one).
"""

from __future__ import annotations


def register(sub) -> None:
    p = sub.add_parser("keygen", help="make a new signing key for certification results",
                       description="Make a new random signing key (32 bytes, as 64 hex digits) for "
                                   "`temper certify` and `temper verify`. With FILE, it is written "
                                   "there, readable by its owner only; else it is printed.")
    p.add_argument("file", nargs="?", metavar="FILE", help="where to write the key (default: print it)")
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

    text = new_key_text()
    key_id = Key(text.encode("ascii"), "keygen").id
    if not args.file or args.file == "-":
        print(text)
        print(f"temper: a new signing key (key id {key_id}); keep it secret", file=sys.stderr)
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
    return 0
