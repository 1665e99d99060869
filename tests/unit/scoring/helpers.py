"""Small builders shared by the scoring tests."""

from __future__ import annotations

from scoring.engine import judge
from scoring.model import Policy, ReplyContext, ReplyScore


def ctx(reply: str, **kw) -> ReplyContext:
    """A ReplyContext from plain values (`customer` may be a string, `policy` a dict)."""
    if isinstance(kw.get("customer"), str):
        kw["customer"] = (kw["customer"],)
    elif "customer" in kw:
        kw["customer"] = tuple(kw["customer"])
    if isinstance(kw.get("policy"), dict):
        kw["policy"] = Policy(**kw["policy"])
    return ReplyContext(reply=reply, **kw)


def score(reply: str, **kw) -> ReplyScore:
    """Judge without the safety net, so a bug fails the test instead of scoring 0."""
    return judge(ctx(reply, **kw))


def rules_of(result: ReplyScore, dimension: str) -> set[str]:
    return {e.rule for e in result[dimension].evidence}
