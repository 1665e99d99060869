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

    if no_display():
        # Qt would abort the whole process here; say what to do instead.
        raise TemperError(
            "no display to open the desktop app on (DISPLAY and WAYLAND_DISPLAY are unset). "
            "Play in the terminal instead: temper play late_delivery "
            "(or set QT_QPA_PLATFORM=offscreen to run the app without showing it)"
        )
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


def no_display(environ=None, platform: str | None = None) -> bool:
    """True on a Linux/BSD machine with no X11 or Wayland display and no Qt platform chosen."""
    import os
    import sys

    env = os.environ if environ is None else environ
    platform = sys.platform if platform is None else platform
    if platform.startswith(("win", "darwin")) or env.get("QT_QPA_PLATFORM"):
        return False
    return not (env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"))
