"""Temper's scorer: an explainable judge of every trainee reply (no Qt, no network).

    from scoring import score_reply, ReplyContext
    result = score_reply(ReplyContext(reply="I'm so sorry, Ana.", customer_name="Ana"))
    result["apology"].score   # -1..1, with .evidence spans and a .note

The types live in `scoring.model`; the judging in `scoring.engine`; whole sessions
are marked by `scoring.session`.
"""

from scoring.model import (
    CHANNELS,
    DIMENSIONS,
    LANGUAGES,
    LIVE_CHANNELS,
    PHASES,
    SIGNALS,
    DimensionScore,
    Evidence,
    ExtraPhrase,
    Policy,
    ReplyContext,
    ReplyScore,
    Rubric,
    SessionScore,
)
from scoring.engine import SCORER_VERSION, score_reply
from scoring.session import score_session

__all__ = [
    "CHANNELS", "DIMENSIONS", "LANGUAGES", "LIVE_CHANNELS", "PHASES", "SIGNALS",
    "DimensionScore", "Evidence", "ExtraPhrase", "Policy", "ReplyContext", "ReplyScore",
    "Rubric", "SessionScore", "SCORER_VERSION", "score_reply", "score_session",
]
