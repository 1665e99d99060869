"""Promises: time commitments and offers, compared with the scenario's policy.

A time expression is a promise only when its sentence commits to an outcome ("it will
arrive", "le llegará", "fixed", "reembolsado"): "I'll call you tomorrow" is an update,
judged by next steps, and "I ordered it 3 days ago" is a fact. A promised time shorter
than `policy.min_days` (the shortest honest time) is an over-promise; at or beyond it,
realistic. Hedged sentences ("I can't promise...", "normally") promise nothing.

Offers (refund, discount, supervisor) always raise their `offered_*` signal; beyond the
agent's authority they are over-promises.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from scoring.durations import TimeExpr
from scoring.model import ReplyContext
from scoring.rules import Rule, RuleSet
from scoring.text import Prepared


@dataclass(frozen=True)
class Hit:
    """Evidence in the making: a rule, a span, and what to say about it."""

    rule: Rule
    start: int
    end: int
    detail: str = ""  # appended to the reason ("3 days < policy 5 days")
    signals: tuple[str, ...] | None = None  # None: the rule's own signal
    customer_words: tuple[str, ...] = ()
    # A learned judgement: who made it, how sure it is (weight scales with it) and the
    # training examples it reads like.
    source: str | None = None
    confidence: float = 1.0
    factor: float = 1.0
    reads_like: tuple[str, ...] = ()

    @property
    def polarity(self) -> int:
        return self.rule.polarity

    @property
    def weight(self) -> float:
        return self.rule.weight * self.factor


def overlaps(a: Hit, b: Hit) -> bool:
    """Two hits share characters (or are both the same empty point)."""
    return a.start < b.end and b.start < a.end or (a.start == a.end == b.start == b.end)


def _fmt_days(days: float) -> str:
    if days < 1:
        hours = days * 24
        return "now" if hours < 0.05 else f"{hours:g} h"
    return f"{days:g} day" + ("" if days == 1 else "s")


# Clauses end at punctuation or a conjunction: "I'll email an update within 2 days, and
# the repair takes 10" holds two time expressions with different meanings. A comma between
# digits is a thousands separator ("Rs 2,999"), not a clause break; an emoji is one ("tampoco es
# tan mal plan 😄 ya te reprogramamos…").
CLAUSE_SEP = re.compile(r"(?<!\d),|,(?!\d)|[;\u2014\u2013\u2600-\u27bf\U0001f300-\U0001faff]|(?<!\d):|:(?!\d)|\s-\s|\s(?:and|but|so|although|while|y|pero|aunque|mientras|asi que)\s")


# "between the 18th and the 21st", "entre el 18 y el 21": one range, not two clauses.
_RANGE_OPEN = re.compile(r"\b(?:between|entre)\s+(?:the\s+|el\s+|los\s+)?(?:\w+\s+)?\d+\w*\s*$")


def _separators(text: str, s: int, e: int):
    for m in CLAUSE_SEP.finditer(text, s, e):
        if m.group().strip() in ("and", "y") and _RANGE_OPEN.search(text, max(s, m.start() - 30), m.start()):
            continue
        yield m


def _clause(text: str, s: int, e: int, start: int, end: int, duration: bool = False) -> tuple[int, int]:
    """The clause of the sentence text[s:e] that holds the time text[start:end]. A
    duration set off by commas alone ("le reembolsamos la caja, 690 pesos, en 24 horas")
    belongs to the clause before it: a clause of fewer than two words of its own takes the
    one before it too. (A deadline so set off restates one: "within 2 days, so before
    Saturday".)"""
    cuts = [m.end() for m in _separators(text, s, start)]
    cs = cuts[-1] if cuts else s
    m = next(_separators(text, end, e), None)
    ce = m.start() if m else e
    while duration and cuts and len(_LONG_WORD.findall(text[cs:start] + " " + text[end:ce])) < 2:
        cuts.pop()
        cs = cuts[-1] if cuts else s
    return cs, ce


_LONG_WORD = re.compile(r"[^\W\d_]{4,}")


def _update_only(cues, clause: str, at: int = -1) -> bool:
    """True when the time belongs to a commitment to make contact.

    A commitment counts as contact when a contact verb starts inside it or within a
    couple of words after it ("I'll (personally) call you", "le llamaremos"). The time
    belongs to the nearest commitment before it (`at`: the time's offset in the clause):
    in "le llamará hoy para comprobar que tiene suficiente" the "hoy" is the call's, and
    what follows "para" is what the call is about. With no commitment before the time,
    every commitment of the clause must be a contact.
    """
    com = list(cues["commitment"].finditer(clause))
    if not com:
        return False
    contacts = [m.start() for m in cues["contact"].finditer(clause)]
    if not contacts:
        return False

    def is_contact(m) -> bool:
        return any(m.start() <= c <= m.end() + 12 for c in contacts)

    before = [m for m in com if m.end() <= at]
    if before and is_contact(before[-1]):
        return True
    return all(is_contact(m) for m in com)


def _committed_action(cues, clause: str, at: int) -> bool:
    """A commitment in the time's own clause, whose subject is not the agent, to something
    other than contact or effort: "it will start working in 10 minutes", "your inverter
    will be fitted this Thursday", "mañana le cambian el medidor". Contact ("I'll call you tomorrow"),
    notices ("you'll get a text 30 minutes before", "he will need about an hour") and
    effort ("I'm checking it now") stay what they are: no promised outcome."""
    com = [m for m in cues["commitment"].finditer(clause) if m.end() <= at]
    if not com or "agent_subject" not in cues:
        return False
    last = com[-1]
    if cues["agent_subject"].search(clause, max(0, last.start() - 12), last.end() + 14):
        return False  # "I'll process it today": the agent's action and its time, not the outcome's
    after = clause[last.end():at]
    return not (cues["contact"].search(clause) or cues["notice"].search(clause) or cues["effort"].search(after))


def _estimate_only(cues, sentence: str) -> bool:
    """The sentence hedges only with an estimate ("usually", "normalmente") and says what
    happens: a time at or beyond the policy then is a realistic promise, honestly put;
    "might", "hopefully" or "I can't promise" still promise nothing."""
    est = cues.get("estimate")
    if est is None or not est.search(sentence):
        return False
    rest = est.sub(" ", sentence)
    return not cues["hedge"].search(rest) and bool(cues["outcome"].search(sentence) or cues["commitment"].search(rest)
                                                   or cues["takes"].search(sentence))


def judge_times(prep: Prepared, ctx: ReplyContext, rs: RuleSet, times: list[TimeExpr]) -> list[Hit]:
    cues = rs.cues
    min_days = ctx.policy.min_days
    own = prep.own
    out: list[Hit] = []
    latest: dict[int, TimeExpr] = {}  # sentence start -> its latest promised time
    assured: list[TimeExpr] = []  # times the agent vouches for, shorter than the policy
    for t in times:
        if t.past:
            continue
        s, e = prep.sentence_of(t.start)
        cs, ce = _clause(own, s, e, t.start, t.end, t.kind == "duration")
        sentence, clause, before = own[s:e], own[cs:ce], own[cs:t.start]
        if cues["past"].search(before) and not cues["commitment"].search(clause):
            continue  # "it was supposed to arrive on Monday": a fact about the past
        if "asks_customer" in cues and cues["asks_customer"].match(clause) and "?" in own[t.end:e]:
            continue  # "¿tiene lo que necesita para hoy?": a question about them, no promise
        if cues["negation"].search(before) or cues["advance"].search(clause):
            continue  # "we never promised 24 hours", "48 hours' notice": no promise
        if t.kind == "duration" and (cues["lasts_for"].search(own, max(cs, t.start - 30), t.start)
                                     or cues["from_event"].match(own[t.end:t.end + 30])):
            continue  # "fine for a few hours", "within a week of the swap": not a time from today
        if _estimate_only(cues, sentence) and t.days >= min_days:
            pass  # "normalmente llega en un plazo de 2 a 4 horas": an honest estimate, kept
        elif cues["hedge"].search(sentence) or not cues["commitment"].search(sentence):
            continue  # "might", "I can't promise": honest, not a commitment
        if "internal_step" in cues and cues["internal_step"].search(clause):
            continue  # "llega a nuestra bodega en 5 a 7 días": a step on our side, not the customer's outcome
        if not cues["outcome"].search(clause) and not _committed_action(cues, clause, t.start - cs):
            # "I'll call you tomorrow", "I'm checking right now": an update or the
            # agent's own effort, judged by next steps; only a promised outcome counts.
            continue
        if t.days < 1 and "done" in cues and cues["done"].search(clause):
            continue  # "I've issued the refund today": the action's time, not the arrival
        if _update_only(cues, clause, t.start - cs):
            # "I'll update you tomorrow with what the engineers find", "le llamaremos
            # esta tarde para concretar la visita del técnico": the only commitment is to
            # make contact; the outcome word rides along in what the call is about.
            continue
        # One promise per sentence: its latest time. In "I'll send it today; it will
        # arrive within 2 days" the customer is promised the 2 days, not "today".
        if s not in latest or t.days > latest[s].days:
            latest[s] = t
        if "assured" in cues and cues["assured"].search(before) and t.days < min_days:
            assured.append(t)  # "te pongo el mes gratis y te aseguro que el lunes ya…"
    promised = list(latest.values())
    if any(t.days >= min_days for t in promised):
        # "We'll reverse it today. It usually shows within 3-5 working days": beside an
        # honest time for the outcome, a time within the day is when a step is taken
        # (issued, set up, booked), not when the customer is promised the result.
        promised = [t for t in promised if t.days >= 1 or t.days >= min_days]
    for t in promised + [t for t in assured if t not in latest.values()]:
        if t.days < min_days:
            out.append(Hit(rs["promises.too_soon"], t.start, t.end,
                           f"{_fmt_days(t.days)} < policy {_fmt_days(min_days)}"))
        else:
            out.append(Hit(rs["promises.realistic_time"], t.start, t.end,
                           f"{_fmt_days(t.days)} >= policy {_fmt_days(min_days)}"))
    return out


_CREDIT_OF_WHAT_WAS_PAID = re.compile(
    r"\b(?:credit|credito|saldo|abono|saldo a favor)\b[^.!?]{0,60}(?:[£€$]\s?\d|\d\s?[£€$]|\d+(?:[.,]\d+)?\s?(?:usd|eur|mxn|cop|ars|clp|pen|gbp)|\b(?:left|remaining|unused|you paid|paid for|refund|reembolso|devolucion|pagad[oa]s?|restantes?|que le quedan|que te quedan|no usad[oa]s?)\b)"
    r"|(?:[£€$]\s?\d|\d\s?[£€$])[^.!?]{0,40}\b(?:as (?:a )?credit|como (?:saldo|credito|abono))\b"
    r"|\b(?:refund|reembolso|devolucion|devolverle|devolverte)\b[^.!?]{0,80}\bor\b[^.!?]{0,60}\b(?:credit|saldo|credito)\b"
    r"|\b(?:reembolso|devolucion|devolverle|devolverte)\b[^.!?]{0,80}\bo\b[^.!?]{0,60}\b(?:saldo|credito|abono)\b")


def _allowed(kind: str, ctx: ReplyContext, sentence: str, rs: RuleSet) -> tuple[bool, str]:
    pol = ctx.policy
    if kind == "refund":
        return pol.can_refund, "" if pol.can_refund else "policy: no refunds"
    if kind == "supervisor":
        return pol.can_escalate, "" if pol.can_escalate else "policy: no escalation"
    pct = [float(m.group(1).replace(",", ".")) for m in rs.cues["percent"].finditer(sentence)]
    if not pct and pol.can_refund and _CREDIT_OF_WHAT_WAS_PAID.search(sentence):
        # "or take a credit for the lessons you have left": the money owed back, kept on
        # the account; a refund by another name, not a discount.
        return True, "a credit of what was paid: a refund kept on the account"
    if pct:
        top = max(pct)
        ok = top <= pol.max_discount_percent
        return ok, f"{top:g}% {'<=' if ok else '>'} policy {pol.max_discount_percent:g}%"
    ok = pol.max_discount_percent > 0
    return ok, "" if ok else "policy: no discounts"


_ASKED_FOR = re.compile(r"\b(?:asked|asking|ask|request(?:ed|ing)?|wanted|want) (?:to speak to |to talk to )?(?:for )?(?:a |the |your |my )?$"
                        r"|\b(?:pidio|pide|pidiendo|pedir|pedia|quiere|queria) (?:hablar con )?(?:un |una |el |la |al |su )?$")


_CLAUSE_BREAK = re.compile(r"[,;:]\s*(?:and|but|y|pero|e)\b|\b(?:but|pero)\b")


def judge_offers(prep: Prepared, ctx: ReplyContext, rs: RuleSet, rules, at=None) -> list[Hit]:
    cues = rs.cues
    out: list[Hit] = []
    seen: set[tuple[str, int]] = set()
    for rule in rules:
        for m in rule.finditer(prep.own, at):
            s, e = prep.sentence_of(m.start())
            if (rule.offer, s) in seen:
                continue  # one offer of a kind per sentence
            sentence = prep.own[s:e]
            # the negation of this clause only: "it's at no charge, and I'll take 25% off"
            # (not CLAUSE_SEP's every comma: "we can't, sadly, offer a refund" stays refused)
            pre = _CLAUSE_BREAK.split(prep.own[max(s, m.start() - 30):m.start()])[-1]
            if cues["negation"].search(pre) or cues["negation"].search(m.group(0)) \
                    or rs.cues["negated_after"].match(prep.own, m.end(), e):
                continue  # "I can't offer a refund", "a refund isn't possible": honest, not an offer
            if _ASKED_FOR.search(pre):
                continue  # "I can see why you asked for a manager": their request, not an offer
            if not cues["offer_verb"].search(sentence):
                continue  # "my manager said no" mentions, does not offer
            seen.add((rule.offer, s))
            ok, why = _allowed(rule.offer, ctx, sentence, rs)
            if ok:
                out.append(Hit(rule, m.start(), m.end(), why, (rule.signal, "realistic_promise")))
            else:
                out.append(Hit(rs[f"promises.{rule.offer}_beyond"], m.start(), m.end(), why,
                               ("over_promised", rule.signal)))
    return out
