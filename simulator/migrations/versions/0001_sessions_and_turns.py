"""Sessions and their turns.

Revision ID: 0001
"""

import sqlalchemy as sa
from alembic import op

from simulator.migrations.columns import ID, REAL, SEED

revision = "0001"
down_revision = None


def upgrade() -> None:
    op.create_table(
        "sessions",
        sa.Column("id", ID, sa.Identity(), primary_key=True),
        sa.Column("trainee", sa.Text, nullable=False),
        sa.Column("scenario_id", sa.Text, nullable=False),
        sa.Column("scenario_title", sa.Text, nullable=False),
        sa.Column("scenario_path", sa.Text, nullable=False),
        sa.Column("scenario_sha256", sa.Text, nullable=False),
        sa.Column("seed", SEED, nullable=False),
        sa.Column("mode", sa.Text, nullable=False),
        sa.Column("scorer_version", sa.Text, nullable=False, server_default=""),
        sa.Column("started_at", sa.Text, nullable=False),
        sa.Column("finished_at", sa.Text),
        sa.Column("outcome", sa.Text, nullable=False, server_default="unfinished"),
        sa.Column("score", REAL),
        sa.Column("passed", sa.Integer),
        sa.Column("transcript", sa.Text),
        sqlite_autoincrement=True,  # an id is never given twice, even after a delete
    )
    op.create_table(
        "turns",
        sa.Column("session_id", ID, sa.ForeignKey("sessions.id", ondelete="CASCADE"), nullable=False),
        sa.Column("idx", sa.Integer, nullable=False),
        sa.Column("recorded_at", sa.Text, nullable=False),
        sa.Column("data", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("session_id", "idx"),
    )
