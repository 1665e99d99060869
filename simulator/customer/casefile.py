"""What the trainee is told: the case file before the first reply, and what the customer
is waiting for between replies. Plain text in the scenario's language; the terminal,
certification sittings and the desktop app all show these same lines.
"""

from __future__ import annotations

from simulator.format.scenario import Scenario
from simulator.wording import Words, words

def _t(scenario: Scenario) -> Words:
    return words(scenario.language)


def _g(value: float) -> str:
    return f"{value:g}"


def _days(w: Words, d: float) -> str:
    if d < 1:  # "4 hours", not "0.16 days"
        return w("%(hours)d h", hours=round(d * 24))
    return w.ngettext("at least %(num)s working day", "at least %(num)s working days",
                      1 if d == 1 else 2, num=_g(d))


def _says_time(label: str) -> bool:
    """The offer's own wording already gives its time ("two working days", "48 h")."""
    import re

    return bool(re.search(r"\d|\b(?:day|days|hour|hours|week|weeks|d[ií]as?|horas?|semanas?)\b", label or ""))


def case_file(scenario: Scenario) -> list[str]:
    """The brief, the facts and what may (not) be offered, as lines of text."""
    w = _t(scenario)
    out = [w("Case file: %(title)s", title=scenario.title)]
    if scenario.brief:
        out.append(scenario.brief.strip())
    facts = [f"{k.replace('_', ' ')}: {v}" for k, v in scenario.facts.items() if v]
    if facts:
        out.append(w("Facts: %(facts)s", facts="; ".join(facts)))
    allowed = [o for o in scenario.offers if o.allowed]
    banned = [o for o in scenario.offers if not o.allowed]
    if allowed:
        out.append(w("You may offer: %(offers)s", offers="; ".join(
            (o.label or o.id) + (f" ({_days(w, o.min_days)})" if o.min_days and not _says_time(o.label) else "")
            for o in allowed)))
    if banned:
        out.append(w("Not allowed: %(offers)s", offers="; ".join(o.label or o.id for o in banned)))
    p = scenario.policy
    out.append(w("Policy: the shortest honest time to fix it is %(days)s; discounts up to %(percent)s%%; "
                 "refunds %(refunds)s; a supervisor %(supervisor)s.",
                 days=_days(w, p.min_days),
                 percent=_g(p.max_discount_percent),
                 refunds=w("allowed") if p.can_refund else w("not allowed"),
                 supervisor=w("allowed") if p.can_escalate else w("not allowed")))
    return out


def waiting_for(session) -> list[str]:
    """What the customer still needs before they agree, for coaching (practice mode)."""
    s = session.scenario
    w = _t(s)
    if session.finished:
        return []
    out: list[str] = []
    if session.phase == "venting" and not session.conversation.was_heard:
        out.append(w("to feel heard first: apologise, name the feeling, ask what happened"))
    out += list(session.listener.open_needs())
    if not s.concerns and not session.conversation.offered and session.phase != "venting":
        out.append(w("an offer the policy allows (%(days)s)", days=_days(w, s.policy.min_days)))
    if session.phase == "resolution" and "checked_closure" not in session.conversation.signals:
        out.append(w("ask whether it works for them"))
    if session.phase in ("negotiation", "resolution") and session.hostility >= s.hostility.agrees_below:
        out.append(w("still too angry to agree: %(level)s, needs below %(below)s",
                     level=f"{session.hostility:.0f}", below=_g(s.hostility.agrees_below)))
    return out


def waiting_line(session) -> str:
    items = waiting_for(session)
    w = _t(session.scenario)
    return w("The customer is waiting for: %(items)s", items="; ".join(items)) if items else ""
