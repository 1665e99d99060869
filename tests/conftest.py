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

INSTALL_HINT = ("PostgreSQL is not installed, so the store's tests ran on SQLite only; to run "
                "them on PostgreSQL too: apt-get install -y postgresql (as root; else with sudo)")


def _pg_bindir() -> Path | None:
    import glob
    import shutil

    found = shutil.which("initdb")
    if found:
        return Path(found).parent
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                      key=lambda p: int(Path(p).parent.parent.name) if Path(p).parent.parent.name.isdigit() else 0)
    return Path(versions[-1]).parent if versions else None


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _unavailable(why: str):
    if os.environ.get("TEMPER_REQUIRE_POSTGRES") == "1":
        pytest.fail(f"TEMPER_REQUIRE_POSTGRES=1 but {why}", pytrace=False)
    pytest.skip(why)


@pytest.fixture(scope="session")
def postgres_server(tmp_path_factory):
    """(base URL without a database, admin function) of a PostgreSQL server of our own."""
    import shutil
    import subprocess
    import tempfile

    bindir = _pg_bindir()
    if bindir is None:
        _unavailable(INSTALL_HINT)
    as_root = os.geteuid() == 0
    if as_root:
        import pwd

        try:
            pg_user = pwd.getpwnam("postgres")
        except KeyError:
            _unavailable("running as root and there is no 'postgres' user to run the server as "
                         "(the postgresql package creates it)")
    folder = Path(tempfile.mkdtemp(prefix="temper-pg-"))
    data, sockets = folder / "data", folder / "sock"
    sockets.mkdir()
    if as_root:
        os.chown(folder, pg_user.pw_uid, pg_user.pw_gid)
        os.chown(sockets, pg_user.pw_uid, pg_user.pw_gid)
    prefix = ["runuser", "-u", "postgres", "--"] if as_root else []
    user = "postgres" if as_root else None
    port = _free_port()

    def run(*cmd):
        return subprocess.run(prefix + [str(bindir / cmd[0]), *cmd[1:]], capture_output=True,
                              text=True, timeout=120)

    init = run("initdb", "-D", str(data), "-A", "trust", "-U", user or os.environ.get("USER", "temper"),
               "--no-sync", "-E", "UTF8", "--locale=C")
    if init.returncode:
        shutil.rmtree(folder, ignore_errors=True)
        _unavailable(f"initdb failed: {init.stderr.strip()[-500:]}")
    start = run("pg_ctl", "-D", str(data), "-l", str(folder / "log"), "-w", "-t", "60", "-o",
                f"-p {port} -k {sockets} -c listen_addresses=127.0.0.1 -c fsync=off "
                "-c max_connections=200", "start")
    if start.returncode:
        log = (folder / "log").read_text(errors="replace")[-800:] if (folder / "log").exists() else ""
        shutil.rmtree(folder, ignore_errors=True)
        _unavailable(f"the PostgreSQL server did not start: {start.stderr.strip()} {log}")
    superuser = user or os.environ.get("USER", "temper")
    base = f"postgresql://{superuser}@127.0.0.1:{port}"

    def admin(sql: str) -> None:
        import psycopg

        with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
            conn.execute(sql)

    try:
        yield base, admin
    finally:
        run("pg_ctl", "-D", str(data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(folder, ignore_errors=True)


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
