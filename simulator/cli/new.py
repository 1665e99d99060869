"""`temper new`: write a commented starter scenario for a language and channel."""

from __future__ import annotations

import sys

LANGUAGES = ("en", "es")
CHANNELS = ("chat", "email", "phone", "social", "whatsapp")


def register(sub) -> None:
    p = sub.add_parser(
        "new", help="write a commented starter scenario",
        description="Write a commented starter scenario that validates and whose examples "
                    "pass; edit it, then run `temper check FILE`.")
    p.add_argument("--language", choices=LANGUAGES, default="en", help="the customer's language (default en)")
    p.add_argument("--channel", choices=CHANNELS, default="chat", help="where the conversation happens (default chat)")
    p.add_argument("--output", "-o", metavar="FILE",
                   help="write here (the file name gives the id); default: print it")
    p.add_argument("--force", action="store_true", help="replace FILE if it exists")
    p.set_defaults(run=run)


def run(args) -> int:
    from simulator.authoring import starter, write_starter

    if args.output:
        path = write_starter(args.output, args.language, args.channel, args.force)
        print(f"wrote {path}; edit it, then run: temper check {path}", file=sys.stderr)
    else:
        sys.stdout.write(starter(args.language, args.channel))
    return 0
