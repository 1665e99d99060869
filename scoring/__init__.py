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

# The judge loads its rule files and stemmers; `scoring.model` alone (what scenario
# loading needs) must stay cheap, so these three are imported on first use.
_LAZY = {"SCORER_VERSION": "scoring.engine", "score_reply": "scoring.engine",
         "score_session": "scoring.session"}


def __getattr__(name: str):
    if name in _LAZY:
        import importlib

        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'scoring' has no attribute {name!r}")


__all__ = [
    "CHANNELS", "DIMENSIONS", "LANGUAGES", "LIVE_CHANNELS", "PHASES", "SIGNALS",
    "DimensionScore", "Evidence", "ExtraPhrase", "Policy", "ReplyContext", "ReplyScore",
    "Rubric", "SessionScore", "SCORER_VERSION", "score_reply", "score_session",
]
