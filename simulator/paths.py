"""Where Temper keeps a user's files (transcripts, results, settings)."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def data_dir() -> Path:
    """The user data folder: $TEMPER_HOME, else the platform's usual place."""
    if os.environ.get("TEMPER_HOME"):
        return Path(os.environ["TEMPER_HOME"])
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA", Path.home() / "AppData" / "Roaming"))
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "temper"
