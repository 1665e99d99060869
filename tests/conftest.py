"""Fixtures for the whole suite.

Qt must never need a display here: the offscreen platform is chosen before any test
can import Qt. Every test gets its own empty user data folder, so nothing a developer
has on their machine leaks in, and nothing a test writes leaks out.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

try:  # pytest.approx imports numpy lazily when it is installed (the `train` extra brings
    import numpy  # noqa: F401  it); imported here, before any test starts a worker
except ImportError:  # thread, it cannot be half-imported by two threads at once.
    pass

REPO = Path(__file__).resolve().parent.parent
BUNDLED = REPO / "scenarios"


@pytest.fixture(autouse=True)
def temper_home(tmp_path_factory, monkeypatch) -> Path:
    home = tmp_path_factory.mktemp("temper-home")
    monkeypatch.setenv("TEMPER_HOME", str(home))
    return home
