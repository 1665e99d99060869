"""The results store's schema, as one Alembic migration history for SQLite and PostgreSQL.

Each file in `versions/` is one step (`0001` … `HEAD`), written once with SQLAlchemy
types that each engine renders in its own words. They ship inside the package and run
through Alembic's API on the store's own connection, inside the store's own
transaction (so a database is upgraded all at once or not at all): no alembic.ini, no
env.py, nothing fetched.

Every step also keeps the schema number Temper wrote before Alembic (SQLite's
`PRAGMA user_version`, PostgreSQL's `temper_schema` table), so a database made by this
Temper is refused as "newer" by an older one instead of being written into.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

FOLDER = Path(__file__).resolve().parent
KNOWN_FILE = "known.json"


@lru_cache(maxsize=1)
def script():
    from alembic.script import ScriptDirectory

    return ScriptDirectory(str(FOLDER))


@lru_cache(maxsize=1)
def history() -> tuple[str, ...]:
    """Every revision in `versions/`, oldest first, as Alembic reads them."""
    out = [r.revision for r in script().walk_revisions("base", "heads")]
    out.reverse()
    return tuple(out)


@lru_cache(maxsize=1)
def _known() -> dict:
    import json

    return json.loads((FOLDER / KNOWN_FILE).read_text(encoding="utf-8"))


def revisions() -> tuple[str, ...]:
    """Every revision, oldest first; revision N (from 1) is the schema number N.

    Read from `known.json`, written from the history (`python -m simulator.migrations`),
    so that opening a database already at the newest schema never loads Alembic (that
    alone takes longer than everything else a command does); a test keeps it true."""
    return tuple(_known()["revisions"])


def structure(version: int) -> set:
    """The SQLite schema of `version`, as `simulator.store._schema` describes a file."""
    def tuples(x):
        return tuple(tuples(i) for i in x) if isinstance(x, list) else x

    return {tuples(e) for e in _known()["structure"][str(version)]}


def write_known() -> None:
    """Write `known.json` from the history (run after adding a migration)."""
    import json

    from simulator.store import _structure_of

    data = {"revisions": list(history()),
            "structure": {str(n): sorted(_structure_of(n), key=repr)
                          for n in range(1, len(history()) + 1)}}
    (FOLDER / KNOWN_FILE).write_text(json.dumps(data, indent=1, sort_keys=True) + "\n",
                                     encoding="utf-8")


def head_number() -> int:
    return len(revisions())


def number_of(revision: str) -> int | None:
    """The schema number of a revision id; None for one this Temper does not know."""
    try:
        return revisions().index(revision) + 1
    except ValueError:
        return None


def prepare() -> None:
    """Load Alembic and the history now, before a caller takes the database's write lock
    (loading takes a good part of a second; other desktops wait while the lock is held)."""
    import alembic.operations  # noqa: F401
    import alembic.runtime.migration  # noqa: F401

    history()


def upgrade(connection, current: int, target: int | None = None) -> None:
    """Bring the schema on `connection` (a SQLAlchemy Connection inside a transaction the
    caller commits) from number `current` to `target` (default: the newest).

    A database from before Alembic (no alembic_version table, schema number `current`)
    is stamped with its revision first."""
    from alembic.operations import Operations
    from alembic.runtime.migration import MigrationContext

    target = len(history()) if target is None else target
    if current >= target:
        return
    scripts = script()
    to = history()[target - 1]
    context = MigrationContext.configure(
        connection=connection,
        opts={"fn": lambda rev, _ctx: scripts._upgrade_revs(to, rev), "transactional_ddl": False},
    )
    if current and not context.get_current_heads():
        context.stamp(scripts, history()[current - 1])
    with Operations.context(context):
        context.run_migrations()
