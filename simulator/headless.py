"""Choosing Qt's platform before Qt is imported on a path that needs no window.

With no display and no `QT_QPA_PLATFORM`, Qt aborts the whole process when it starts
(it cannot reach an X server). Headless commands (PDF reports) call
`prefer_offscreen_qt()` before their lazy import of `ui.export`.
"""

from __future__ import annotations

import os
import sys


def has_display() -> bool:
    if sys.platform in ("win32", "darwin"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def prefer_offscreen_qt(always: bool = False) -> None:
    """Set QT_QPA_PLATFORM=offscreen unless the user chose a platform.

    By default only when there is no display; `always=True` for command-line paths that
    never open a window (so a broken $DISPLAY cannot stop them either).
    """
    if os.environ.get("QT_QPA_PLATFORM"):
        return
    if always or not has_display():
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
