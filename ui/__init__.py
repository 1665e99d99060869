"""Temper's desktop app (PySide6). Widgets only: what they show comes from `simulator/`
and `scoring/`. Start it with `temper` or `temper gui [SCENARIO]` (`ui.app.main`)."""

from ui import qt_fixes as _qt_fixes

_qt_fixes.install()  # before any widget emits a signal (see ui/qt_fixes.py)
