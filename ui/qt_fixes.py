"""Work around PySide6 6.12 dropping references to None, True and False on Python < 3.12.

This build of PySide6/shiboken6 returns `None`, `True` and `False` from C++ without
taking a reference: every call of a void Qt method from Python (`label.setText(...)`,
`timer.start()`, `painter.drawText(...)`, `QCoreApplication.processEvents()`...) and
every `signal.emit()` steals one. On Python 3.12 and later these objects are immortal
and nothing happens; on 3.11 their count runs down and, after some thousands of calls,
the interpreter aborts with "Fatal Python error: none_dealloc" (or bool_dealloc). This
app's test suite and screenshot script hit it within seconds.

`install()` measures the leak once and, only if it is there, does what Python 3.12
does: gives those singletons a reference count so large that nothing can run it down
(2**40 references; a program stealing one per microsecond would need twelve days).
Nothing is ever freed wrongly; it is a no-op where the bug is absent.
"""

from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QObject

_SINGLETONS = (None, True, False, NotImplemented, Ellipsis)
_BOOST = 1 << 40
_installed = False


def steals_references(calls: int = 16) -> bool:
    """True when void Qt calls run down None's reference count."""
    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(calls):
        probe.setObjectName("probe")
    return sys.getrefcount(None) < before


def install() -> bool:
    """Make the singletons immortal if (and only if) PySide6 leaks them; returns whether it did."""
    global _installed
    if _installed:
        return True
    if sys.version_info >= (3, 12) or not steals_references():
        return False
    for obj in _SINGLETONS:
        # ob_refcnt is the first field of every object in CPython's regular builds.
        ctypes.c_ssize_t.from_address(id(obj)).value += _BOOST
    _installed = True
    return True
