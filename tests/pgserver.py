"""A throwaway PostgreSQL server from Debian's `postgresql` package, for the tests and
benchmarks/centre.py: initdb in a temporary folder, a free port on 127.0.0.1 and a socket
in that folder, stopped and removed at the end. As root it runs as the `postgres` user
(the server refuses to run as root)."""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

INSTALL_HINT = ("PostgreSQL is not installed, so the store's tests ran on SQLite only; to run "
                "them on PostgreSQL too: apt-get install -y postgresql (as root; else with sudo)")


class Unavailable(Exception):
    """No server could be started; says why."""


def bindir() -> Path | None:
    found = shutil.which("initdb")
    if found:
        return Path(found).parent

    def version(p: str) -> int:
        name = Path(p).parent.parent.name
        return int(name) if name.isdigit() else 0

    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=version)
    return Path(versions[-1]).parent if versions else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def temporary_server(max_connections: int = 200):
    """Yields (base URL without a database, admin(sql) run on the `postgres` database)."""
    bin_ = bindir()
    if bin_ is None:
        raise Unavailable(INSTALL_HINT)
    as_root = os.geteuid() == 0
    if as_root:
        import pwd

        try:
            pg_user = pwd.getpwnam("postgres")
        except KeyError:
            raise Unavailable("running as root and there is no 'postgres' user to run the server "
                              "as (the postgresql package creates it)") from None
    superuser = "postgres" if as_root else (os.environ.get("USER") or "temper")
    folder = Path(tempfile.mkdtemp(prefix="temper-pg-"))
    data, sockets = folder / "data", folder / "sock"
    sockets.mkdir()
    if as_root:
        os.chown(folder, pg_user.pw_uid, pg_user.pw_gid)
        os.chown(sockets, pg_user.pw_uid, pg_user.pw_gid)
    prefix = ["runuser", "-u", "postgres", "--"] if as_root else []
    port = _free_port()

    def run(*cmd):
        return subprocess.run(prefix + [str(bin_ / cmd[0]), *cmd[1:]], capture_output=True,
                              text=True, timeout=120)

    try:
        init = run("initdb", "-D", str(data), "-A", "trust", "-U", superuser, "--no-sync",
                   "-E", "UTF8", "--locale=C")
        if init.returncode:
            raise Unavailable(f"initdb failed: {init.stderr.strip()[-500:]}")
        start = run("pg_ctl", "-D", str(data), "-l", str(folder / "log"), "-w", "-t", "60", "-o",
                    f"-p {port} -k {sockets} -c listen_addresses=127.0.0.1 -c fsync=off "
                    f"-c max_connections={max_connections}", "start")
        if start.returncode:
            log = folder / "log"
            tail = log.read_text(errors="replace")[-800:] if log.exists() else ""
            raise Unavailable(f"the PostgreSQL server did not start: {start.stderr.strip()} {tail}")
        base = f"postgresql://{superuser}@127.0.0.1:{port}"

        def admin(sql: str) -> None:
            import psycopg

            with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
                conn.execute(sql)

        try:
            yield base, admin
        finally:
            run("pg_ctl", "-D", str(data), "-m", "immediate", "-w", "stop")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
