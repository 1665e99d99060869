"""Certification attempts (their sittings are sessions) and leases.

Revision ID: 0003
"""

import sqlalchemy as sa
from alembic import op

from simulator.migrations.columns import ID, REAL

revision = "0003"
down_revision = "0002"


def upgrade() -> None:
    op.create_table(
        "attempts",
        sa.Column("id", ID, sa.Identity(), primary_key=True),
        sa.Column("trainee", sa.Text, nullable=False),
        sa.Column("plan_id", sa.Text, nullable=False),
        sa.Column("exam_sha256", sa.Text, nullable=False),
        sa.Column("mode", sa.Text, nullable=False),
        sa.Column("source_sha256", sa.Text, nullable=False, server_default=""),
        sa.Column("started_at", sa.Text, nullable=False),
        sa.Column("finished_at", sa.Text),
        sa.Column("result", sa.Text),
        sa.Column("written_at", sa.Text),
        sqlite_autoincrement=True,
    )
    op.create_index("attempts_by_trainee", "attempts", ["trainee", "exam_sha256"])
    # SQLite cannot add a foreign key to an existing table except inline, with the column
    op.add_column("sessions", sa.Column("attempt_id", ID, sa.ForeignKey("attempts.id")),
                  inline_references=True)
    op.add_column("sessions", sa.Column("entry_id", sa.Text))
    op.create_index("sessions_by_attempt", "sessions", ["attempt_id"])
    op.create_table(
        "leases",
        sa.Column("name", sa.Text, primary_key=True),
        sa.Column("holder", sa.Text, nullable=False),
        sa.Column("host", sa.Text, nullable=False),
        sa.Column("pid", sa.Integer, nullable=False),
        sa.Column("pid_started", sa.Text, nullable=False, server_default=""),
        sa.Column("what", sa.Text, nullable=False, server_default=""),
        sa.Column("acquired_at", sa.Text, nullable=False),
        sa.Column("renewed_at", REAL, nullable=False),  # seconds since 1970, the server's clock
    )
