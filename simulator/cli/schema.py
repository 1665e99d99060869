"""`temper schema`: print the JSON Schema of the scenario format (for editors)."""

from __future__ import annotations

import sys


def register(sub) -> None:
    p = sub.add_parser(
        "schema", help="print the JSON Schema of the scenario format",
        description="Print the JSON Schema of the scenario format, so editors (VS Code's YAML "
                    "support, for one) complete keys and flag errors as you type. Point a "
                    "scenario at it with a first line such as "
                    "'# yaml-language-server: $schema=scenario.schema.json'.")
    p.set_defaults(run=run)


def run(args) -> int:
    from simulator.authoring import schema_text

    sys.stdout.write(schema_text())
    return 0
