"""The column types the migrations share: one name, each engine's own word."""

import sqlalchemy as sa

#: Row ids: BIGINT on PostgreSQL; exactly INTEGER on SQLite, where only that is the rowid.
ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
#: A scenario seed: any 64-bit number.
SEED = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
#: Scores and times: DOUBLE PRECISION on PostgreSQL, REAL on SQLite.
REAL = sa.Double().with_variant(sa.REAL(), "sqlite")
