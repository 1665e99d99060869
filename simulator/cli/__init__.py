"""The `temper` command line.

Each command lives in its own module beside this one, exposing `register(subparsers)`
(cheap: argparse only) and `run(args) -> int`. Heavy imports (the scorer, Qt) happen
inside `run`, so `temper --help` and headless commands start fast and never load Qt.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from simulator.errors import TemperError

#: Command modules, in the order `temper --help` lists them.
COMMANDS = (
    "gui",
    "play",
    "validate",
    "list",
    "diagram",
    "check", "schema", "new", "migrate",
    "score", "corrections",
    "certify", "verify", "keygen", "history", "report", "db", "settings",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="temper",
        description="Practise calming angry customers. With no command, opens the desktop app.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        importlib.import_module(f"simulator.cli.{name}").register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    # A file name with bytes that are not UTF-8 (a lone surrogate in Python) that slips
    # into a line printed is written as a visible escape, never a UnicodeEncodeError.
    if getattr(sys.stdout, "errors", None) == "strict" and hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(errors="backslashreplace")
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "run", None):
        args = parser.parse_args(["gui", *(argv or [])])
    try:
        return int(args.run(args) or 0)
    except TemperError as exc:
        # The one place an error becomes a message: no traceback for user mistakes.
        # Messages may echo a file name, an argument or a value from a file: escaped, so
        # that no control character or lone surrogate reaches the terminal.
        from simulator.errors import said
        from simulator.safetext import printable
        from simulator.wording import interface_language, words

        lang = interface_language()
        text = "\n".join(printable(line) for line in said(exc, lang).split("\n"))
        print(words(lang).gettext("temper: error: %(message)s", message=text),
              file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print(file=sys.stderr)
        return 130
    except BrokenPipeError:
        # `temper list | head`: the reader left; nothing to say.
        sys.stderr.close()
        return 0
    except OSError as exc:
        # Disk full, permissions, a file that vanished: one line naming the file.
        from simulator.files import os_error

        print(f"temper: error: {os_error(exc, doing='use')}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
