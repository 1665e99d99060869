"""Each finished session keeps its cohort digest, so `report --cohort` reads no transcript.

`sessions.digest` is what the cohort report reads of a session (`simulator.store._digest_of`:
a few fields, the turns as one, or why the transcript is damaged), made once when the
transcript is written. This step makes it for every session already kept (a damaged
transcript gets a digest saying so, and is still reported and skipped); nothing else
changes. A trigger clears the digest when a transcript is changed by anything that does
not write its digest too (a hand edit, an older Temper's process still running), and the
store then makes it again from the transcript: a digest never speaks for another
transcript.

Revision ID: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"

_BATCH = 500


def upgrade() -> None:
    from simulator.store import _digest_text

    op.add_column("sessions", sa.Column("digest", sa.Text))
    db = op.get_bind()
    after = -1
    while True:  # in batches by id, so a large database is never all in memory at once
        rows = db.execute(sa.text(
            "SELECT id, transcript FROM sessions WHERE transcript IS NOT NULL AND id > :after "
            "ORDER BY id LIMIT :n"), dict(after=after, n=_BATCH)).fetchall()
        if not rows:
            break
        db.execute(sa.text("UPDATE sessions SET digest = :d WHERE id = :id"),
                   [dict(id=sid, d=_digest_text(text)) for sid, text in rows])
        after = rows[-1][0]
    if db.dialect.name == "sqlite":
        op.execute(
            "CREATE TRIGGER sessions_digest_follows_transcript AFTER UPDATE OF transcript ON sessions "
            "FOR EACH ROW WHEN NEW.transcript IS NOT OLD.transcript AND NEW.digest IS OLD.digest "
            "BEGIN UPDATE sessions SET digest = NULL WHERE id = NEW.id; END")
    else:
        op.execute(
            "CREATE FUNCTION temper_digest_follows_transcript() RETURNS trigger LANGUAGE plpgsql AS $$ "
            "BEGIN IF NEW.transcript IS DISTINCT FROM OLD.transcript "
            "AND NEW.digest IS NOT DISTINCT FROM OLD.digest THEN NEW.digest := NULL; END IF; "
            "RETURN NEW; END $$")
        op.execute(
            "CREATE TRIGGER sessions_digest_follows_transcript BEFORE UPDATE OF transcript ON sessions "
            "FOR EACH ROW EXECUTE PROCEDURE temper_digest_follows_transcript()")
