"""`temper gui [SCENARIO]` (and `temper` alone): the desktop app.

The one place the command line reaches into `ui/` (and so Qt), lazily: headless
commands never pass through here.
"""

from __future__ import annotations


def register(sub) -> None:
    p = sub.add_parser("gui", help="open the desktop app (the default)")
    p.add_argument("scenario", nargs="?", help="open straight into this scenario (file or bundled id)")
    p.set_defaults(run=run)


def run(args) -> int:
    from simulator.errors import TemperError

    try:
        from ui.app import main as app_main
    except ModuleNotFoundError as exc:
        if exc.name not in ("ui.app", "PySide6"):
            raise
        raise TemperError(
            "the desktop app is not available here (" + str(exc) + "); "
            "play in the terminal instead: temper play late_delivery"
        ) from None
    return app_main(args)
