"""Small builders shared by the scoring tests."""

from __future__ import annotations

from scoring.engine import judge
from scoring.model import Offer, Policy, ReplyContext, ReplyScore


def ctx(reply: str, **kw) -> ReplyContext:
    """A ReplyContext from plain values (`customer` may be a string, `policy` a dict)."""
    if isinstance(kw.get("customer"), str):
        kw["customer"] = (kw["customer"],)
    elif "customer" in kw:
        kw["customer"] = tuple(kw["customer"])
    if isinstance(kw.get("policy"), dict):
        kw["policy"] = Policy(**kw["policy"])
    if "offers" in kw:  # [{id, aliases, kind?, allowed?}]: the scenario's own offers
        kw["offers"] = tuple(o if isinstance(o, Offer) else
                             Offer(o["id"], tuple(o["aliases"]), o.get("kind", "other"), o.get("allowed", True))
                             for o in kw["offers"])
    return ReplyContext(reply=reply, **kw)


def score(reply: str, **kw) -> ReplyScore:
    """Judge without the safety net, so a bug fails the test instead of scoring 0."""
    return judge(ctx(reply, **kw))


def rules_of(result: ReplyScore, dimension: str) -> set[str]:
    return {e.rule for e in result[dimension].evidence}
