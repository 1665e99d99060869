"""The centre's corrections of the judge, kept with the results.

Revision ID: 0004
"""

import sqlalchemy as sa
from alembic import op

from simulator.migrations.columns import ID

revision = "0004"
down_revision = "0003"


def upgrade() -> None:
    op.create_table(
        "corrections",
        sa.Column("id", ID, sa.Identity(), primary_key=True),
        sa.Column("reply", sa.Text, nullable=False),
        sa.Column("language", sa.Text, nullable=False),
        sa.Column("kind", sa.Text, nullable=False),
        sa.Column("verdict", sa.Integer, nullable=False),
        sa.Column("who", sa.Text, nullable=False, server_default=""),
        sa.Column("made_on", sa.Text, nullable=False, server_default=""),
        sa.Column("note", sa.Text, nullable=False, server_default=""),
        sa.Column("same_as", sa.Text, nullable=False),  # SHA-256 of reply, language, kind, verdict
        sa.Column("added_at", sa.Text, nullable=False),
        sqlite_autoincrement=True,
    )
    op.create_index("corrections_by_key", "corrections", ["same_as"])
