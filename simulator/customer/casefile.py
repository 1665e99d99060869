"""What the trainee is told: the case file before the first reply, and what the customer
is waiting for between replies. Plain text in the scenario's language; the terminal,
certification sittings and the desktop app all show these same lines.
"""

from __future__ import annotations

from simulator.format.scenario import Scenario

_T = {
    "en": {
        "case": "Case file",
        "facts": "Facts",
        "may": "You may offer",
        "may_not": "Not allowed",
        "days": "at least {d:g} working day{s}",
        "policy": "Policy: the shortest honest time to fix it is {d:g} day{s}; discounts up to {p:g}%; "
                  "refunds {r}; a supervisor {e}.",
        "yes": "allowed", "no": "not allowed",
        "waiting": "The customer is waiting for",
        "needs": "{need}",
        "offer_hint": "an offer the policy allows ({d})",
        "check_hint": "ask whether it works for them",
        "calm_hint": "still too angry to agree: {level:.0f}, needs below {below:g}",
        "heard_hint": "to feel heard first: apologise, name the feeling, ask what happened",
    },
    "es": {
        "case": "Ficha del caso",
        "facts": "Datos",
        "may": "Puede ofrecer",
        "may_not": "No permitido",
        "days": "al menos {d:g} día{s} hábil{es}",
        "policy": "Política: el plazo más corto honesto es de {d:g} día{s}; descuentos de hasta el {p:g} %; "
                  "reembolsos {r}; supervisor {e}.",
        "yes": "permitidos", "no": "no permitidos",
        "waiting": "El cliente espera",
        "needs": "{need}",
        "offer_hint": "una oferta que la política permita ({d})",
        "check_hint": "que le pregunte si la solución le sirve",
        "calm_hint": "aún demasiado enfadado para aceptar: {level:.0f}, necesita bajar de {below:g}",
        "heard_hint": "sentirse escuchado primero: discúlpese, nombre cómo se siente, pregunte qué pasó",
    },
}


def _t(scenario: Scenario) -> dict:
    return _T.get(scenario.language, _T["en"])


def _days(t: dict, d: float) -> str:
    if d < 1:  # "4 hours", not "0.16 days"
        hours = round(d * 24)
        return (f"{hours} h" if t is _T["en"] else f"{hours} h")
    plural = d != 1
    return t["days"].format(d=d, s="s" if plural else "", es="es" if plural else "")


def _says_time(label: str) -> bool:
    """The offer's own wording already gives its time ("two working days", "48 h")."""
    import re

    return bool(re.search(r"\d|\b(?:day|days|hour|hours|week|weeks|d[ií]as?|horas?|semanas?)\b", label or ""))


def case_file(scenario: Scenario) -> list[str]:
    """The brief, the facts and what may (not) be offered, as lines of text."""
    t = _t(scenario)
    out = [f"{t['case']}: {scenario.title}"]
    if scenario.brief:
        out.append(scenario.brief.strip())
    facts = [f"{k.replace('_', ' ')}: {v}" for k, v in scenario.facts.items() if v]
    if facts:
        out.append(f"{t['facts']}: " + "; ".join(facts))
    allowed = [o for o in scenario.offers if o.allowed]
    banned = [o for o in scenario.offers if not o.allowed]
    if allowed:
        out.append(f"{t['may']}: " + "; ".join(
            (o.label or o.id) + (f" ({_days(t, o.min_days)})" if o.min_days and not _says_time(o.label) else "")
            for o in allowed))
    if banned:
        out.append(f"{t['may_not']}: " + "; ".join(o.label or o.id for o in banned))
    p = scenario.policy
    out.append(t["policy"].replace("{d:g} day{s}", _days(t, p.min_days)).replace(
        "{d:g} día{s}", _days(t, p.min_days)).format(d=p.min_days, s="s" if p.min_days != 1 else "",
                                  p=p.max_discount_percent, r=t["yes"] if p.can_refund else t["no"],
                                  e=t["yes"] if p.can_escalate else t["no"]))
    return out


def waiting_for(session) -> list[str]:
    """What the customer still needs before they agree, for coaching (practice mode)."""
    s = session.scenario
    t = _t(s)
    if session.finished:
        return []
    out: list[str] = []
    if session.phase == "venting" and not session.conversation.was_heard:
        out.append(t["heard_hint"])
    out += [t["needs"].format(need=n) for n in session.listener.open_needs()]
    if not s.concerns and not session.conversation.offered and session.phase != "venting":
        out.append(t["offer_hint"].format(d=_days(t, s.policy.min_days)))
    if session.phase == "resolution" and "checked_closure" not in session.conversation.signals:
        out.append(t["check_hint"])
    if session.phase in ("negotiation", "resolution") and session.hostility >= s.hostility.agrees_below:
        out.append(t["calm_hint"].format(level=session.hostility, below=s.hostility.agrees_below))
    return out


def waiting_line(session) -> str:
    items = waiting_for(session)
    return f"{_t(session.scenario)['waiting']}: " + "; ".join(items) if items else ""
