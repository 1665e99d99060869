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


# --- a real PostgreSQL server for the store's tests -----------------------------------------
#
# Started once per test run from Debian's `postgresql` package: initdb in a temporary folder,
# a free port on 127.0.0.1, a socket in that folder, stopped at the end. Without the package
# the PostgreSQL variants are skipped, saying how to install it; with TEMPER_REQUIRE_POSTGRES=1
# (set by .ci/run) they fail instead, so CI can never pass without having run them.

def _unavailable(why: str):
    if os.environ.get("TEMPER_REQUIRE_POSTGRES") == "1":
        pytest.fail(f"TEMPER_REQUIRE_POSTGRES=1 but {why}", pytrace=False)
    pytest.skip(why)


@pytest.fixture(scope="session")
def postgres_server():
    """(base URL without a database, admin function) of a PostgreSQL server of our own."""
    from tests.pgserver import Unavailable, temporary_server

    server = temporary_server()
    try:
        started = server.__enter__()
    except Unavailable as exc:
        _unavailable(str(exc))
    try:
        yield started
    finally:
        server.__exit__(None, None, None)


@pytest.fixture
def postgres_url(postgres_server, request):
    """A fresh, empty database on the test server, for one test."""
    import secrets

    base, admin = postgres_server
    name = "t_" + secrets.token_hex(6)
    admin(f"CREATE DATABASE {name}")
    yield f"{base}/{name}"
    admin(f"DROP DATABASE {name} WITH (FORCE)")


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path):
    """The results database on each engine: an SQLite file, then a PostgreSQL database."""
    if request.param == "sqlite":
        return str(tmp_path / "r.db")
    return request.getfixturevalue("postgres_url")
