"""Where the desktop app keeps its choices: one QSettings file per user.

Every widget asks `settings()` rather than building its own QSettings, so tests can
point all of them at a temporary folder with `use_folder()`.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

ORGANIZATION = "Temper"
APPLICATION = "Temper"

_FORMAT = QSettings.Format.IniFormat
_SCOPE = QSettings.Scope.UserScope


def settings() -> QSettings:
    return QSettings(_FORMAT, _SCOPE, ORGANIZATION, APPLICATION)


def use_folder(path: str | Path) -> None:
    """Keep settings under `path` from now on (tests use a temporary folder)."""
    QSettings.setPath(_FORMAT, _SCOPE, str(path))


def get_float(key: str, default: float) -> float:
    try:
        return float(settings().value(key, default))
    except (TypeError, ValueError):
        return default


def get_str(key: str, default: str = "") -> str:
    value = settings().value(key, default)
    return value if isinstance(value, str) else default


def put(key: str, value) -> None:
    settings().setValue(key, value)
