"""`temper migrate`: a format 1 scenario as a format 2 skeleton, every line kept.

The text is edited, not re-serialised, so comments and layout survive. It adds a
`brief` (from the backstory and policy), `offers` for what the policy allows, one
concern standing for "the problem solved" (addressed by any allowed offer), and
`answers` drafted from the scenario's own empathy lines, each marked TODO for the
author to make specific. The result validates and plays like the original (a realistic commitment addresses
the concern, as format 1's rulebook had it).
"""

from __future__ import annotations

import json
import re

from simulator.format.scenario import Scenario

_OFFER_WORDS = {
    "en": {"refund": ["refund", "money back", "reimburse"],
           "discount": ["discount", "% off", "voucher", "credit"],
           "supervisor": ["supervisor", "manager", "team leader"]},
    "es": {"refund": ["reembolso", "reembolsar", "devolver el dinero", "le devolvemos"],
           "discount": ["descuento", "% de descuento", "bono", "abono"],
           "supervisor": ["supervisor", "responsable", "encargado"]},
}
_SAY = {
    "en": {"refund": "a refund", "discount": "a discount of up to {p:g}%", "supervisor": "a supervisor",
           "need": "the problem solved (TODO: name what this customer needs)",
           "ask": "So what are you actually going to do about it?"},
    "es": {"refund": "un reembolso", "discount": "un descuento de hasta el {p:g} %",
           "supervisor": "un supervisor",
           "need": "que se resuelva el problema (TODO: diga qué necesita este cliente)",
           "ask": "¿Y qué va a hacer exactamente para solucionarlo?"},
}


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def migrate_text(text: str, scenario: Scenario) -> str:
    """The format 2 text of a format 1 scenario file (unchanged if already format 2)."""
    if scenario.format >= 2:
        return text
    lang = scenario.language if scenario.language in _SAY else "en"
    say, words, p = _SAY[lang], _OFFER_WORDS[lang], scenario.policy
    kinds = [k for k, ok in (("refund", p.can_refund), ("discount", p.max_discount_percent > 0),
                             ("supervisor", p.can_escalate)) if ok]
    brief = " ".join(scenario.customer.backstory.split())
    offers = []
    for k in kinds:
        offers += [f"  {k}:", f"    say: {_q(say[k].format(p=p.max_discount_percent))}",
                   f"    kind: {k}", f"    aliases: [{', '.join(_q(w) for w in words[k])}]"]
        if k != "supervisor":
            offers.append(f"    min_days: {p.min_days:g}")
    ask = [ln.text for bands in (scenario.lines.get("negotiation") or {}).values() for ln in bands][:2]
    ask = ask or [say["ask"]]
    empathy = [ln.text for bands in (scenario.lines.get("empathy") or {}).values() for ln in bands]
    answer = empathy[0] if empathy else say["ask"]
    block = ["", "# Format 2 (temper migrate): the case file, the scenario's own offers, the",
             "# customer's agenda and answers. TODO: make each specific to this case.",
             f"brief: {_q(brief)}", "", "offers:", *offers, "", "concerns:",
             "  - id: solved", f"    need: {_q(say['need'])}",
             # A realistic commitment counts too, as format 1's rulebook did.
             f"    addressed_by: {{offers: [{', '.join(kinds)}], acts: [commitment]}}" if kinds else
             "    addressed_by: {acts: [commitment]}",
             "    ask:", *[f"      - {_q(a)}" for a in ask], "", "answers:",
             *[f"  {k}: {_q(answer)}  # TODO" for k in ("identifying_detail", "when_where", "open_invitation")],
             ""]
    out = re.sub(r"(?m)^format:\s*1\s*$", "format: 2", text, count=1)
    m = re.search(r"(?m)^policy:.*\n(?:[ \t]+.*\n|[ \t]*\n)*", out)
    at = m.end() if m else len(out)
    return out[:at] + "\n".join(block) + "\n" + out[at:]
