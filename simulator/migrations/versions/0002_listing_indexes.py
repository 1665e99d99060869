"""Listing by trainee and newest first stays fast with thousands of sessions.

Revision ID: 0002
"""

from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade() -> None:
    op.create_index("sessions_by_trainee", "sessions", ["trainee", "started_at"])
    op.create_index("sessions_by_start", "sessions", ["started_at"])
