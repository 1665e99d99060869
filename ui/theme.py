"""Colours that work in light and dark mode, taken from the current palette.

Nothing here is a fixed background colour: bubbles and highlights are the palette's
own colours mixed, so the app follows the system's light or dark scheme.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QGuiApplication, QPalette

GOOD = QColor("#2e9d4f")
BAD = QColor("#d1493f")
WARN = QColor("#d98c1f")


def palette() -> QPalette:
    return QGuiApplication.palette()


def is_dark(pal: QPalette | None = None) -> bool:
    pal = pal or palette()
    return pal.color(QPalette.ColorRole.Window).lightness() < 128


def mix(a: QColor, b: QColor, t: float) -> QColor:
    """`a` moved towards `b` by `t` (0..1)."""
    return QColor(
        round(a.red() + (b.red() - a.red()) * t),
        round(a.green() + (b.green() - a.green()) * t),
        round(a.blue() + (b.blue() - a.blue()) * t),
    )


def role(r: QPalette.ColorRole, pal: QPalette | None = None) -> QColor:
    return (pal or palette()).color(r)


def tint(color: QColor, pal: QPalette | None = None, amount: float = 0.28) -> str:
    """A soft background of `color` over the base colour, as #rrggbb."""
    return mix(role(QPalette.ColorRole.Base, pal), color, amount).name()


def hostility_color(level: float) -> QColor:
    if level >= 75:
        return BAD
    if level >= 50:
        return WARN
    if level >= 25:
        return QColor("#c9b22a")
    return GOOD
