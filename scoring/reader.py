"""The reader: what a reply does and says, as a `scoring.model.Reading`.

One reading serves both the judge (the eleven dimensions are computed from it, see
`scoring.engine`) and the simulator's customer (who answers questions, hears offers and
takes offence at blame). Three sources feed it:

1. pattern rules (`data/rules_<lang>.yaml`) for explicit markers and evidence spans;
2. judges written in code (`scoring.judges`, `scoring.promises`): times against the
   policy, capitals, mirrored words, layout, latency;
3. the learned heads (`scoring.learned`) for stance (polite blame, condescension,
   brush-offs…), non-apologies, closure checks, hand-offs, ownership and empathy, which
   patterns cannot see. A head's judgement is added only where the rules found nothing
   of its kind; below `SURE` it is "possibly" and weighs half.

Then questions and their kinds, the case's facts and the scenario's own offers.
Internally every act is first a `Hit` (a rule, a span, a weight); `ACT_OF_RULE` is the
one table that names the act each rule finds.
"""

from __future__ import annotations

from dataclasses import dataclass

import re
from functools import lru_cache
from types import MappingProxyType

from scoring import judges, learned
from scoring.durations import find_times, time_spans
from scoring.model import (
    LANGUAGES,
    QUESTION_KINDS,
    SURE,
    Act,
    ReplyContext,
    Reading,
)
from scoring.promises import CLAUSE_SEP, Hit, judge_offers, judge_times
from scoring.rules import RuleSet, load_rules
from scoring.text import Prepared, fold

# --------------------------------------------------------------------------- rule -> act
#: The act each rule (or computed judge) finds, with fixed details. Rules not listed
#: here judge rather than find (a late apology, a solution while venting…): no act.
ACT_OF_RULE: dict[str, tuple[str, dict]] = {
    "apology.genuine": ("apology", {}),
    "apology.non_apology": ("non_apology", {}),
    "apology.refusal": ("non_apology", {"form": "refusal"}),
    "stance.non_apology": ("non_apology", {}),
    "empathy.understand": ("empathy", {}),
    "empathy.validate": ("empathy", {}),
    "empathy.understand_but": ("empathy", {"taken_back": True}),
    "empathy.dismissive": ("minimising", {}),
    "calm.bright_side": ("minimising", {}),
    "mirroring.restated": ("restatement", {}),
    "mirroring.parroted": ("parroting", {}),
    "promises.absolute": ("over_promise", {"why": "absolute"}),
    "promises.too_soon": ("over_promise", {"why": "too soon"}),
    "promises.realistic_time": ("commitment", {"realistic": True}),
    "promises.refund": ("offer", {"kind": "refund", "allowed": True}),
    "promises.refund_beyond": ("offer", {"kind": "refund", "allowed": False}),
    "promises.discount": ("offer", {"kind": "discount", "allowed": True}),
    "promises.discount_beyond": ("offer", {"kind": "discount", "allowed": False}),
    "promises.supervisor": ("offer", {"kind": "supervisor", "allowed": True}),
    "promises.supervisor_beyond": ("offer", {"kind": "supervisor", "allowed": False}),
    "calm.calm_down": ("tone_policing", {}),
    "calm.shouting": ("shouting", {}),
    "calm.punctuation": ("shouting", {"form": "punctuation"}),
    "calm.blame": ("blame", {}),
    "calm.refused_apology": ("arguing", {"form": "refused apology"}),
    "calm.not_our_fault": ("arguing", {"form": "not our fault"}),
    "calm.rude": ("condescension", {}),
    "calm.argue": ("arguing", {}),
    "calm.sarcasm": ("sarcasm", {}),
    "calm.eye_roll": ("sarcasm", {"form": "emoji"}),
    "calm.profanity": ("profanity", {}),
    "calm.negative_tone": ("negative_tone", {}),
    "calm.courteous": ("courtesy", {}),
    "listening.invite": ("invitation", {}),
    "listening.explain": ("explanation", {}),
    "ownership.deflect": ("handoff", {}),
    "ownership.i_will": ("ownership", {}),
    "personal.name": ("name", {}),
    "personal.thanks": ("thanks", {}),
    "personal.generic": ("generic", {}),
    "next_steps.what": ("next_step", {"part": "what"}),
    "next_steps.when": ("next_step", {"part": "when"}),
    "next_steps.who": ("next_step", {"part": "who"}),
    "next_steps.vague": ("handoff", {"vague": True}),
    "closure.unilateral": ("closing", {"unilateral": True}),
    "closure.check": ("closure_check", {}),
    "closure.anything_else": ("closing", {"anything_else": True}),
    "etiquette.email_long": ("etiquette", {"fault": "long e-mail"}),
    "etiquette.long_message": ("etiquette", {"fault": "wall of text"}),
    "etiquette.greeting": ("sign_off", {"part": "greeting"}),
    "etiquette.signoff": ("sign_off", {"part": "sign-off"}),
    "etiquette.public_data": ("etiquette", {"fault": "personal data in public"}),
    "etiquette.private_data": ("private_move", {}),
    "etiquette.other_channel": ("handoff", {"channel": True}),
    "etiquette.slow_reply": ("slow_reply", {}),
}
for _kind in ("blame", "condescension", "tone_policing", "minimising", "sarcasm", "brush_off",
              "arguing", "threat"):
    ACT_OF_RULE[f"stance.{_kind}"] = (_kind, {})

# --------------------------------------------------------------------------- learned heads
#: How each learned head's judgement enters the reading: the rule it is scored as, and
#: the rules whose presence means the patterns already saw it (then the head adds
#: nothing). Stance heads map class -> rule; yes/no heads give their "yes" rule.
STANCE_RULE = {k: f"stance.{k}" for k in (
    "blame", "condescension", "tone_policing", "minimising", "sarcasm", "brush_off",
    "arguing", "threat")}
#: Capitals and swearing are explicit markers: the patterns judge them, the model not.
YES_HEADS = {
    # head: (rule its "yes" is scored as, rules that already cover it)
    "closure_check": ("closure.check", ("closure.check",)),
    "empathy": ("empathy.validate", ("empathy.understand", "empathy.validate", "empathy.understand_but")),
    "ownership": ("ownership.i_will", ("ownership.i_will",)),
    "handoff": ("ownership.deflect", ("ownership.deflect", "next_steps.vague", "etiquette.other_channel")),
}
#: Rules that say the opposite of a yes head in the sentence it points at: the head's
#: guess does not overrule what the patterns read there.
YES_OPPOSED = {"handoff": ("ownership.i_will",)}
#: Pattern rules for tone that read words, not stance: the calm head overrules them when
#: it is at least CALM_VETO sure the reply is calm. Explicit markers (capitals,
#: profanity, "calm down") are never overruled.
SOFT_CALM_RULES = frozenset({"calm.blame", "calm.argue", "calm.rude", "calm.sarcasm",
                             "calm.negative_tone", "calm.not_our_fault", "empathy.dismissive",
                             "calm.punctuation", "calm.refused_apology"})
#: A lone word in capitals of at most this many letters may be an acronym the lists do
#: not know (CCTV, MPRN): the calm head may overrule it; runs of capitals it may not.
SOFT_CAPS_LETTERS = 6  # SENIAT, NHSBSA-length bodies the lists do not know
CALM_VETO = 0.9
#: A head must be at least this sure before its judgement is added at all (blind sets
#: 3-9: 0.75 halves the Spanish false calm faults of 0.6 for a point of recall; blind
#: set 19, model 2026.12.6: 0.8 takes English false alarms from 7.1% to 5.1% for no
#: recall there, and under a point of recall on sets 3-18).
#: Blame put as speculation ("could it have been left in the sun?") is the kind the head
#: is least sure of, and the one the issue's first blind set caught 3 times in 29: it
#: needs less (blind set 19, model 2026.12.6: 0.8 and 0.65 take English false alarms from
#: 7.1% to 5.1% and recall from .93 to .96, Spanish recall from .88 to .91; on sets 3-18
#: false alarms 1.6% -> 1.5% for half a point of recall). Sealed blind set 20 then showed
#: the cost without the gain (English recall -4 points, false alarms unchanged); on sets 19
#: and 20 together 0.8 still lowers English false alarms from 5.0% to 4.0% for 0.7 points
#: of recall, so it stays until a newer set says otherwise.
STANCE_FLOOR = 0.8
BLAME_FLOOR = 0.65
#: Below this probability of the fault's own kind, a fault located in an apology or an
#: empathy sentence is not added (blind sets 3-15: 7 fewer false calm faults, 5 fewer caught).
KIND_WORDS_GUARD = 0.5
YES_FLOOR = 0.75
#: The reply's own words must favour a judgement by at least this much (in logits) over
#: the neutral class: a short "One moment, please" is not a brush-off by the prior alone.
MIN_MARGIN = 1.0  # yes/no heads and the apology head (the calm head's floor is STANCE_FLOOR)
APOLOGY_OVERRULE = 0.75  # the head's non-apology overrules a pattern's genuine apology
UNSURE_FACTOR = 0.5  # weight of a "possibly" judgement
POSSIBLY = {"en": "possibly", "es": "posiblemente"}


def _cue(lang: str, name: str) -> re.Pattern:
    """A phrase family of the reader's, from the language's rule file (`reader_cues`)."""
    return load_rules(lang if lang in LANGUAGES else "en").cues[name]


def read(ctx: ReplyContext) -> Reading:
    """What the reply does and says (see the module's docstring)."""
    return read_hits(ctx)[0]


def read_hits(ctx: ReplyContext):
    """The reading, with the hits it was made of, for the judge to score."""
    lang = ctx.language if ctx.language in LANGUAGES else "en"
    rs = load_rules(lang)
    prep = Prepared(ctx.reply if isinstance(ctx.reply, str) else "")
    customer = tuple(c for c in (ctx.customer or ()) if isinstance(c, str))
    hits: list[Hit] = []

    offer_rules = []
    at = rs.literal_positions(prep.own)
    matched = rs.match_all(prep.own, at, ctx.phase, ctx.channel)
    for rule in rs.pattern_rules + judges.scenario_rules(ctx.extra_phrases):
        if not rule.applies(ctx.phase, ctx.channel):
            continue
        if rule.offer:
            offer_rules.append(rule)
            continue
        found = matched.get(rule.id, ()) if rule.id in rs.by_id else rule.finditer(prep.own, at)
        hits.extend(Hit(rule, m.start(), m.end()) for m in found)

    times = find_times(prep.own, lang, ctx.today,
                       time_spans(prep.words, prep.sentences, prep.own, lang))
    promise_hits = judge_times(prep, ctx, rs, times) + judge_offers(prep, ctx, rs, offer_rules, at)
    hits += promise_hits
    if ctx.phase == "venting":
        hits += judges.solutions_while_venting(rs, promise_hits, hits)
    hits += [Hit(rs["calm.shouting"], s, e) for s, e in judges.tone.shouting(prep, lang, ctx.customer_name or "")]
    hits += judges.mirroring_hits(prep, rs, customer, lang, ctx.customer_name or "", ctx.phase)
    hits += judges.name_hits(prep, rs, ctx.customer_name or "")
    hits += judges.etiquette_hits(prep, rs, ctx)
    hits += judges.next_steps_when(rs, hits, times)
    hits += judges.negative_tone_hits(prep, rs, lang, hits, customer)
    hits = judges.cross_dimension(prep, rs, judges.capped(hits))
    added, vetoed, asked = learned_hits(prep, ctx, rs, lang, hits)
    gone = {id(h) for h in vetoed}  # by identity: hits are values, equal ones may differ in place
    hits = [h for h in hits if id(h) not in gone and not _warm_exclamation(prep, h, lang)
            and not _disclaimed(prep, rs, h)] + added
    hits = apologies_undone(prep, rs, lang, hits)
    if ctx.corrections:
        hits = corrected(prep, ctx, rs, lang, hits)

    made = offers_made(prep, ctx, rs)
    made += offers_of_the_kind_made(ctx, rs, made, hits)
    hits = own_offers_within_policy(prep, ctx, made, hits)
    hits += own_offer_hits(prep, ctx, rs, made, hits)
    hits += brush_off_hits(prep, rs, lang, hits)
    implied = implied_closure_hits(prep, rs, lang, hits, made)
    if implied:  # the check is this question: the model's guess at where it was goes
        hits = [h for h in hits if not (h.rule.id == "closure.check" and (h.source or "").startswith("model:"))]
        hits += implied
    questions = learned_question_kinds(prep, lang, question_acts(prep, lang, hits), asked)
    acts = _distinct([a for a in (act_of(prep, h) for h in hits) if a is not None] + questions
                     + farewell_acts(prep, lang, ctx.channel) + explanation_acts(prep, rs, ctx))
    reading = Reading(
        acts=tuple(acts),
        facts=facts_mentioned(prep, ctx),
        offers=made,
        questions=tuple(dict.fromkeys(a.detail["kind"] for a in questions)),
    )
    return reading, hits, prep, rs, times


def _distinct(acts: list[Act]) -> list[Act]:
    """In reply order; an act found twice on overlapping words ("I am so sorry", "so
    sorry") is one act, the longer span."""
    by_kind: dict[str, list[Act]] = {}
    for a in sorted(acts, key=lambda a: (a.start - a.end, a.start, a.kind)):
        same = by_kind.setdefault(a.kind, [])
        if not any(k.start < a.end and a.start < k.end for k in same):
            same.append(a)
    return sorted((a for same in by_kind.values() for a in same), key=lambda a: (a.start, a.end, a.kind))


def act_of(prep: Prepared, h: Hit) -> Act | None:
    kind, detail = ACT_OF_RULE.get(h.rule.id, (None, None))
    if kind is None:
        if not h.rule.id.startswith("scenario."):
            return None
        kind, detail = "scenario_phrase", {"dimension": h.rule.dimension, "polarity": h.polarity}
    if h.detail:
        detail = {**detail, "about": h.detail}
    return Act(kind, h.start, h.end, prep.original[h.start:h.end], h.source or h.rule.id,
               h.confidence, MappingProxyType(dict(detail)), h.reads_like)


# --------------------------------------------------------------------------- learned
def learned_hits(prep: Prepared, ctx: ReplyContext, rs: RuleSet, lang: str,
                 hits: list[Hit]) -> tuple[list[Hit], list[Hit], dict]:
    """The learned heads' judgements (added where the rules saw nothing of their kind),
    the soft pattern hits they overrule (a pattern's 'blame' in a reply the model is
    sure is calm: "nobody should have to go through that"), and the question heads'
    verdicts (kind -> how sure the model is that the reply asks one of that kind)."""
    model = learned.load_model()
    if model is None or not prep.raw.strip():
        return [], [], {}
    feats = learned.Features(prep.raw, lang, ctx.customer_name or "", judges.tone.acronyms())
    logits = model.all_logits(feats.buckets)
    source = f"model:{model.id}"
    have = {h.rule.id for h in hits}
    out: list[Hit] = []

    def verdict(name: str):
        head = model.heads.get(name)
        return (head, learned.decide(head, feats, logits[name])) if head is not None else (None, None)

    def add(rule_id: str, head, label: str, p: float, at: tuple[int, int] | None = None) -> None:
        if at is None:
            sentence, cue = learned.locate(head, feats, label)
            at = cue or sentence
        out.append(Hit(rs[rule_id], at[0], at[1], "" if p >= SURE else POSSIBLY[lang], None, (),
                       source, p, 1.0 if p >= SURE else UNSURE_FACTOR,
                       learned.ReadsLike(prep.raw, lang, head.name, label)))

    vetoed: list[Hit] = []
    head, v = verdict("calm_fault")
    if v is not None:
        p_fault = 1.0 - v.probabilities.get("none", 0.0)
        if v.label == "none" and 1.0 - p_fault >= CALM_VETO:
            vetoed = [h for h in hits if h.rule.id in SOFT_CALM_RULES or (
                h.rule.id == "calm.shouting" and _maybe_acronym(prep.raw[h.start:h.end], lang))]
        if v.label != "none" and p_fault >= (BLAME_FLOOR if v.label == "blame" else STANCE_FLOOR):
            rule_id = STANCE_RULE.get(v.label)
            already = any(h.rule.dimension == "calm" and h.polarity < 0 for h in hits)
            if rule_id and not already:
                sentence, cue = learned.locate(head, feats, v.label)
                if not _in_letter_formula(hits, cue or sentence) and not _kind_words_unsure(
                        hits, sentence, v.probabilities.get(v.label, 0.0)):
                    add(rule_id, head, v.label, p_fault, cue or sentence)

    head, v = verdict("apology")
    if (v is not None and v.label == "non_apology" and v.confidence >= APOLOGY_OVERRULE
            and learned.evidence_margin(head, feats, "non_apology", logits["apology"]) >= MIN_MARGIN):
        genuine = [h for h in hits if h.rule.id == "apology.genuine"]
        non = any(h.rule.id in ("apology.non_apology", "apology.refusal") for h in hits)
        g = genuine[0] if genuine else None
        if g is not None and not non and not rs.cues["apology_for_event"].search(prep.own, g.start,
                                                                           prep.sentence_of(g.start)[1]):
            add("stance.non_apology", head, "non_apology", v.confidence, (g.start, g.end))

    for name, (rule_id, covered) in YES_HEADS.items():
        if have.intersection(covered):
            continue
        head, v = verdict(name)
        if (v is not None and v.label == "yes" and v.confidence >= YES_FLOOR
                and learned.evidence_margin(head, feats, "yes", logits[name]) >= MIN_MARGIN):
            sentence, _ = learned.locate(head, feats, "yes")
            if any(h.rule.id in YES_OPPOSED.get(name, ()) and sentence[0] <= h.start < sentence[1]
                   for h in hits):
                continue  # "I'll contact the courier myself today": the rules read it owned
            add(rule_id, head, "yes", v.confidence, sentence)  # a behaviour: its sentence
    asked = {}
    for kind in QUESTION_KINDS:
        head, v = verdict(f"q_{kind}")
        if v is not None:
            asked[kind] = QuestionVerdict(kind, v.probabilities.get("yes", 0.0), head, feats, source)
    return out, vetoed, asked


#: A sure judgement of these takes an apology back: "lamentamos lo del contacto. ¿No habrá
#: conectado otro aparato?", "Sorry Brooke, we'll have a word with the weather 😉".
_UNDOES_AN_APOLOGY = frozenset({"calm.blame", "stance.blame", "calm.argue", "stance.arguing",
                                "calm.sarcasm", "calm.eye_roll", "stance.sarcasm", "stance.minimising",
                                "calm.bright_side"})
_MOCKS_AN_APOLOGY = frozenset({"calm.sarcasm", "calm.eye_roll", "stance.sarcasm"})


def apologies_undone(prep: Prepared, rs: RuleSet, lang: str, hits: list[Hit]) -> list[Hit]:
    """Genuine apologies the rest of the reply takes back (blame, arguing, sarcasm), or
    that are no apology at all (a softener before a question, the customer's own apology
    waved away)."""
    genuine = [h for h in hits if h.rule.id == "apology.genuine"]
    if not genuine:
        return hits
    gone = set()
    for h in genuine:
        s, e = prep.sentence_of(h.start)
        sentence = prep.own[s:e]
        if rs.cues["apology_softener"].search(sentence) or rs.cues["their_apology"].search(prep.own, max(s, h.start - 40), e):
            gone.add(id(h))
    hits = [h for h in hits if id(h) not in gone]
    left = [h for h in hits if h.rule.id == "apology.genuine"]
    # After the apology's sentence: within it, "sorry, but…" is the patterns' to judge, and
    # "we dropped the ball on your order" owns the fault.
    after = prep.sentence_of(left[0].start)[1] if left else len(prep.own)
    # A sure sarcasm in the apology's own sentence makes it mock ("sentimos que la sala no
    # estuviera a la altura de un restaurante con estrella Michelin 🙃").
    own_start = prep.sentence_of(left[0].start)[0] if left else len(prep.own)
    why = next(((h.start, h.end) for h in hits if h.rule.id in _UNDOES_AN_APOLOGY and h.confidence >= SURE
                and (h.start >= after or h.rule.id in _MOCKS_AN_APOLOGY and h.start >= own_start)), None)
    if left and why is None:
        nxt = next(((s, e) for s, e in prep.sentences if s >= after and prep.own[s:e].strip()), None)
        if nxt is not None and rs.cues["contrast_opening"].search(prep.own[nxt[0]:nxt[1]]):
            why = nxt  # "Lamentamos lo ocurrido. Sin embargo, le recordamos que…": "sorry, but" across a full stop
    if why is not None and left and "apology.non_apology" in rs.by_id and not any(
            h.rule.id in ("apology.non_apology", "apology.refusal", "stance.non_apology") for h in hits):
        # every apology the rest takes back: "perdón, perdón, mil perdones. ¿Contenta?"
        hits += [Hit(rs["apology.non_apology"], g.start, g.end,
                     f"→ {prep.original[why[0]:why[1]].strip()[:60]}") for g in left]
    return hits


def _kind_words_unsure(hits: list[Hit], sentence: tuple[int, int], p_label: float) -> bool:
    """The sentence that weighed most for a fault is one the rules read as an apology or
    as empathy ("That must have been a scary fall"), and the head gives the fault itself
    less than even odds (its fault mass is spread over kinds, as on short replies): the
    kind words win, the head judges nothing."""
    if p_label >= KIND_WORDS_GUARD:
        return False
    s, e = sentence
    return any(h.rule.dimension in ("empathy", "apology") and h.polarity > 0 and h.start < e and s < h.end
               for h in hits)


def _in_letter_formula(hits: list[Hit], span: tuple[int, int]) -> bool:
    """The words that weighed most are the letter's sign-off and signature ("Regards,
    Customer Care"): the model heard a formal letter's style, not anything the trainee
    said to the customer, so it has no evidence to show and judges nothing."""
    return any(h.rule.id == "etiquette.signoff" and span[0] >= h.start for h in hits)


def _warm_exclamation(prep: Prepared, h: Hit, lang: str) -> bool:
    if h.rule.id != "calm.punctuation":
        return False
    s, e = prep.sentence_of(h.start)
    return "?" not in prep.raw[s:e] and bool(_cue(lang, "warm_exclamation").search(prep.own, s, e))


_NOBODY = re.compile(r"\b(?:nobody|no one|no-one|nadie|ningun\w*|nothing|nada)\b")
_ABSOLUTE_WORD = re.compile(r"guarant|garantiz|100")


def _disclaimed(prep: Prepared, rs: RuleSet, h: Hit) -> bool:
    """An absolute the reply disclaims is honesty, not a promise: "no kitchen can
    guarantee it's 100% allergen-free", "nadie puede garantizarle que…"."""
    if h.rule.id != "promises.absolute" or not _ABSOLUTE_WORD.search(prep.own[h.start:h.end]):
        return False
    s, _ = prep.sentence_of(h.start)
    clause = _CONTRAST.split(prep.own[max(s, h.start - 50):h.start])[-1]
    # within its own clause: "entrega exprés sin costo, y le garantizo que…" disclaims nothing
    clause = CLAUSE_SEP.split(clause)[-1]
    return bool(rs.cues["negation"].search(clause) or _NOBODY.search(clause))


def _maybe_acronym(word: str, lang: str) -> bool:
    """A lone capitalised word the lists do not know and that is no common word (CCTV,
    MPRN): possibly an acronym. "NOT", "NEVER", "NUNCA" are words: shouting."""
    if not (word.isalpha() and len(word) <= SOFT_CAPS_LETTERS):
        return False
    w = fold(word)
    return w not in _common_words(lang)


@lru_cache(maxsize=2)
def _common_words(lang: str) -> frozenset[str]:
    from scoring.rules import data_words
    from scoring.tone import _EMPHATIC, _lexicon_es, _vader

    words = set(data_words(f"stopwords_{lang}.txt")) | set(_EMPHATIC)
    words |= set(_lexicon_es()) if lang == "es" else set(_vader().lexicon)
    return frozenset(words)


def corrected(prep: Prepared, ctx: ReplyContext, rs: RuleSet, lang: str,
              hits: list[Hit]) -> list[Hit]:
    """Apply the centre's corrections that fit this reply (see scoring.corrections)."""
    from scoring import corrections

    for c, sim in corrections.applying(prep.raw, lang, ctx.corrections):
        why = (corrections.shown_as(c, lang),)
        if not c.verdict:  # a false alarm: the reply does not do this
            hits = [h for h in hits if ACT_OF_RULE.get(h.rule.id, ("",))[0] != c.kind]
            continue
        rule_id = corrections.RULE_OF_KIND.get(c.kind)
        if rule_id is None or rule_id not in rs.by_id:
            continue
        if any(ACT_OF_RULE.get(h.rule.id, ("",))[0] == c.kind for h in hits):
            continue
        hits.append(Hit(rs[rule_id], 0, len(prep.raw.rstrip()), "", None, (),
                        "corrections", 1.0, 1.0, why))
    return hits


# --------------------------------------------------------------------------- questions
# What marks each kind of question lives in the rule files (`question_cues`, tried in
# their order: the first that matches names the kind); else a question is "yes_no" when
# it opens with a verb and "open_invitation" when it opens with a question word.
def _cues(lang: str):
    """(kind, regex) pairs from the rule file's `question_cues`, in its order."""
    return load_rules(lang).question_cues


def _request(lang: str) -> re.Pattern:
    """The rule file's `question_request`: a request typed without "?" that still asks
    the customer something ("Please send me your order number.")."""
    return load_rules(lang).question_request


#: Faults that turn a question into a jibe ("Do you think I have a magic wand?").
RHETORICAL = frozenset({"calm.sarcasm", "calm.eye_roll", "stance.sarcasm", "calm.rude", "stance.condescension",
                        "calm.calm_down", "stance.tone_policing"})


def question_acts(prep: Prepared, lang: str, hits: list[Hit]) -> list[Act]:
    """Every question the trainee asks, with its kind(s). Closure checks are their own
    act; rhetorical questions (a sentence that mocks, lectures or polices) and tag
    questions ask nothing of the customer."""
    closure = [h for h in hits if h.rule.id in ("closure.check", "closure.anything_else")]
    rhetorical = [h for h in hits if h.rule.id in RHETORICAL and h.confidence >= SURE]
    out = []
    own = prep.own
    for s, e in prep.sentences:
        text = own[s:e].strip()
        if not text:
            continue
        checks = [h for h in closure if s <= h.start < e or s <= h.end - 1 < e]  # " OK?" may start in the sentence before
        if checks and any(not (h.source or "").startswith("model:") for h in checks):
            if _cue(lang, "or_instead").search(text) or _cue(lang, "which_opening").match(text):
                out += _asking(prep, s, e, ["choice"])  # "Does that work, or would you prefer a card?"
            continue
        if checks:
            # The model's guess that this is the closure check leaves it a question only of a
            # kind the patterns read ("¿Le mando el comprobante por WhatsApp o por mail?" asks a choice).
            out += _asking(prep, s, e, (k for k in _question_kinds(text, lang) if k != "yes_no"))
            continue
        jibe = [h for h in rhetorical if s <= h.start < e]
        if jibe and not (all((h.source or "").startswith("model:") for h in jibe)
                         and _asks_for_a_detail(text, lang)):
            continue  # a jibe asks nothing; the model alone cannot unmake "what's the postcode?"
        if _cue(lang, "question_tag").search(text):
            continue
        asked = text.endswith("?") or text.startswith("¿") or "?" in text
        if not asked and not (_request(lang).search(text) and _names_what_it_asks(text, lang)):
            continue  # "Le pido que se calme": a request, but for no detail of the case
        out += _asking(prep, s, e, _question_kinds(text, lang))
    return out


def _asking(prep: Prepared, s: int, e: int, kinds) -> list[Act]:
    """The question acts of the sentence prep.own[s:e], one per kind it asks."""
    return [Act("question", s, e, prep.original[s:e].strip(), "computed.questions", 1.0,
                MappingProxyType({"kind": kind})) for kind in kinds]


#: A question head this sure that the reply asks its kind adds the kind the patterns
#: missed ("Can I check which entrance you used?" is a when/where question).
QUESTION_ADD = 0.75
#: "yes_no" is the patterns' fallback for a question of no other kind; beside a question
#: of another kind, it is dropped when the head is this sure the reply asks no yes/no
#: question ("Are you okay? Is anyone with you?" asks after wellbeing twice).
QUESTION_NOT_YES_NO = 0.3


@dataclass(frozen=True)
class QuestionVerdict:
    kind: str
    p: float
    head: object
    feats: object
    source: str


def learned_question_kinds(prep: Prepared, lang: str, acts: list[Act], asked: dict) -> list[Act]:
    """The patterns' questions, with the kinds the question heads are sure of: a kind the
    patterns missed is added on the sentence that weighed most for it (a reply that asks
    nothing gains no question); a fallback "yes_no" beside another kind is dropped when
    the head is sure the reply asks none."""
    if not acts or not asked:
        return acts
    have = {a.detail["kind"] for a in acts}
    out = list(acts)
    asking = [(a.start, a.end) for a in acts]
    for kind in QUESTION_KINDS:
        q = asked.get(kind)
        if q is None or kind in have or kind == "yes_no" or q.p < QUESTION_ADD:
            continue
        (s, e), _ = learned.locate(q.head, q.feats, "yes")
        # On a question the patterns found, if the head's sentence is none of them.
        if not any(a <= s < b or s <= a < e for a, b in asking):
            s, e = asking[0]
        out.append(Act("question", s, e, prep.original[s:e].strip(), q.source, q.p,
                       MappingProxyType({"kind": kind}),
                       learned.ReadsLike(prep.raw, lang, q.head.name, "yes")))
        have.add(kind)
    q = asked.get("yes_no")
    if q is not None and q.p < QUESTION_NOT_YES_NO and len(have) > 1:
        out = [a for a in out if a.detail["kind"] != "yes_no"]
    return out


def implied_closure_hits(prep: Prepared, rs: RuleSet, lang: str, hits: list[Hit],
                         made: tuple[str, ...]) -> list[Hit]:
    """A yes/no question about the solution, in the last two sentences of a reply that
    offers or commits to one, checks that it works for the customer: a closure check."""
    if any(h.rule.id in ("closure.check", "closure.anything_else") and not (h.source or "").startswith("model:")
           for h in hits):
        return []
    solved = made or any(h.rule.dimension == "promises" for h in hits)
    if not solved or "closure.check" not in rs.by_id:
        return []
    rx = _cue(lang, "about_the_solution")
    # The letter's last words are before its sign-off ("Regards, Ana, Customer Care").
    signoff = min((h.start for h in hits if h.rule.id == "etiquette.signoff"), default=len(prep.own))
    body = [(s, e) for s, e in prep.sentences if s < signoff and prep.own[s:e].strip()]
    for s, e in body[-2:]:
        text = prep.own[s:e].strip().lstrip("¿¡ ")
        if "?" in text and rx.search(text) and not _cue(lang, "wh_question").match(text):
            return [Hit(rs["closure.check"], s, e)]
    return []


#: Question kinds that ask for something of the case: no sarcastic question asks these.
DETAIL_KINDS = ("identifying_detail", "when_where", "wellbeing", "choice")


def _names_what_it_asks(text: str, lang: str) -> bool:
    """A request typed without "?" asks the customer something only when it names what
    ("DM us your booking number", "cuéntame qué pasó"), not "I need you to stay polite"."""
    return any(kind != "yes_no" and rx.search(text) for kind, rx in _cues(lang)) or bool(
        re.match(r"\W*(?:tell|walk|cuent|cont|dig|dim|expli)", text))


def _asks_for_a_detail(text: str, lang: str) -> bool:
    return any(k in DETAIL_KINDS for k in _question_kinds(text, lang))


_WH_OPENING = re.compile(r"(?:what|how|when|where|which|who|why|que|como|cuando|donde|cual|cuales|quien)\b")


def _question_kinds(text: str, lang: str) -> list[str]:
    """Every kind the sentence asks (a sentence may ask two things); else by its form."""
    head = text.split("?", 1)[0]
    parts = _cue(lang, "joined_question").split(head) if "?" in text else [head]
    if len(parts) > 1 and not _cue(lang, "or_instead").search(text):
        return list(dict.fromkeys(k for part in parts for k in _question_kinds_of(part.strip() + "?", lang)))
    return _question_kinds_of(text, lang)


def _question_kinds_of(text: str, lang: str) -> list[str]:
    body = text.lstrip("¿¡ ")
    if _cue(lang, "asks_nothing_more").match(body):
        return []
    head, mark, tail = body.partition("?")
    if ":" in head:  # "I'd like to understand: what happens at 7pm?"
        body = head.rsplit(":", 1)[1].lstrip("¿¡ ") + mark + tail
    elif "," in head:  # "Sorry you're fed up, what's up with the laptop?": the question is the last part
        last = head.rsplit(",", 1)[1].lstrip("¿¡ ")
        if _WH_OPENING.match(last):
            body = last + mark + tail
    for kind, rx in _cues(lang):
        if rx.pattern.startswith("^") and rx.search(body):
            return [kind]  # "When did…", "¿Qué pasó con la factura?": the opening says it
    kinds = [kind for kind, rx in _cues(lang) if rx.search(body)]
    if kinds:
        return list(dict.fromkeys(kinds))
    if _request(lang).search(body):
        return ["open_invitation" if re.match(r"\W*(?:tell|walk|cuent|cont|dig|dim|expli)", body)
                else "identifying_detail"]
    if _cue(lang, "question_word").match(body):
        return ["open_invitation"]
    if "?" in text:
        return ["yes_no"]
    return []


# --------------------------------------------------------------------------- own offers
def own_offers_within_policy(prep: Prepared, ctx: ReplyContext, made: tuple[str, ...],
                             hits: list[Hit]) -> list[Hit]:
    """A gesture the generic rules call beyond a no-discount policy ("I've added a EUR 15
    meal voucher") is not, when it is one of the scenario's own allowed solutions said in
    that sentence: the trainer allowed it. An explicit percentage above the policy is
    still judged by the policy ("a 50% voucher")."""
    if not made:
        return hits
    by_id = {o.id: o for o in ctx.offers}
    spans = []
    for oid in made:
        o = by_id[oid]
        if not o.allowed or o.kind in ("refund", "supervisor"):
            continue
        rx = _offer_pattern(o)
        spans += [prep.sentence_of(m.start()) for m in (rx.finditer(prep.own) if rx else ())]
    if not spans:
        return hits
    pct = _cue(ctx.language, "percent")
    return [h for h in hits if not (h.rule.id == "promises.discount_beyond"
                                    and h.detail == "policy: no discounts"
                                    and prep.sentence_of(h.start) in spans
                                    and not pct.search(prep.own, h.start, h.end))]


def _label_percent(o: Offer, rs: RuleSet) -> float | None:
    """The percentage an offer's label caps it at ("a discount of up to 25%"), if any."""
    pct = [float(x.group(1).replace(",", ".")) for x in rs.cues["percent"].finditer(fold(o.label or ""))]
    return max(pct) if pct and max(pct) < 100 else None


#: The generic offer rules and the kind of the case's offer each one makes.
_GENERIC_OFFER_KIND = {"promises.refund": "refund", "promises.refund_beyond": "refund",
                       "promises.discount": "discount", "promises.discount_beyond": "discount"}
_NAMES_KIND = {"refund": "names_refund", "discount": "names_discount"}  # the cue reading an offer's label


def offers_of_the_kind_made(ctx: ReplyContext, rs: RuleSet, made: tuple[str, ...],
                            hits: list[Hit]) -> tuple[str, ...]:
    """The case's one offer of a kind, made in other words: a refund or a discount the
    generic rules found ("I'll take 40% off the whole order") makes the case's only
    offer of that kind ("15% off the order"), whatever its size; the policy judges that."""
    kinds = {_GENERIC_OFFER_KIND[h.rule.id] for h in hits if h.rule.id in _GENERIC_OFFER_KIND}
    out: list[str] = []
    for kind in sorted(kinds):
        cue = rs.cues[_NAMES_KIND[kind]]
        of_kind = [o for o in ctx.offers or () if o.kind == kind or (
            o.kind == "other" and cue.search(fold(f"{o.label} {o.id.replace('_', ' ')}")))]
        if len(of_kind) == 1 and of_kind[0].id not in made and of_kind[0].id not in out:
            out.append(of_kind[0].id)
    return tuple(out)


def own_offer_hits(prep: Prepared, ctx: ReplyContext, rs: RuleSet, made: tuple[str, ...],
                   hits: list[Hit]) -> list[Hit]:
    """One of the scenario's own solutions, offered within the policy, is a realistic
    commitment (its time, if any, is judged by the time rules); offered beyond it, an
    over-promise."""
    out: list[Hit] = []
    if not made or any(h.rule.id.startswith("promises.") and h.polarity < 0 for h in hits):
        return out
    by_id = {o.id: o for o in ctx.offers}
    pol = ctx.policy
    for oid in made:
        o = by_id[oid]
        allowed = o.allowed and not (o.kind == "refund" and not pol.can_refund) and not (
            o.kind == "supervisor" and not pol.can_escalate)
        rx = _offer_pattern(o)
        m = rx.search(prep.own) if rx is not None else None
        s, e = (m.start(), m.end()) if m else (0, 0)
        if allowed and o.kind not in ("refund", "supervisor") and m is not None:
            # "a 50% meal voucher", "te hago un 50% en las cuotas": the case allows the
            # gesture, not any size of it
            a, b = prep.sentence_of(m.start())
            a, b = max(a, m.start() - 40), min(b, m.end() + 40)  # its own size, not a sibling offer's
            pct = [float(x.group(1).replace(",", ".")) for x in rs.cues["percent"].finditer(prep.own, a, b)
                   if not rs.cues["percent_level"].search(prep.own, max(a, x.start() - 24), x.start())
                   and not rs.cues["percent_rate"].match(prep.own, x.end())]
            allowed = not pct or max(pct) <= pol.max_discount_percent
            if allowed and rs.cues["all_of_it"].search(prep.own, a, b) and _label_percent(o, rs) is not None:
                allowed = False  # "I'll waive your entire fee" when the case allows "up to 25%"
        if allowed and m is not None:
            over = _beyond_its_amount(prep, o, rx)
            if over:
                out.append(Hit(rs["promises.own_offer_beyond"], s, e, f"{o.label or o.id}: {over}"))
                continue
        if allowed:
            out.append(Hit(rs["promises.own_offer"], s, e, o.label or o.id))
        else:
            out.append(Hit(rs["promises.own_offer_beyond"], s, e, o.label or o.id))
    return out


#: An amount and what it counts: "50,000 bonus miles", "5.000 millas", "£25", "20 GB".
_AMOUNT = re.compile(r"([£€$]\s?)?(\d{1,3}(?:[.,]\d{3})+|\d+(?:[.,]\d{1,2})?)\s?(?:(?:bonus|goodwill|extra|de|free)\s)?([a-z]{2,}|[£€$%])?")


def _amounts(text: str) -> list[tuple[float, str]]:
    return [amount for _, amount in _amounts_at(text)]


def _amounts_at(text: str) -> list[tuple[re.Match, tuple[float, str]]]:
    out = []
    for m in _AMOUNT.finditer(text):
        digits = m.group(2)
        if re.fullmatch(r"\d{1,3}(?:[.,]\d{3})+", digits):
            value = float(re.sub(r"[.,]", "", digits))
        else:
            value = float(digits.replace(",", "."))
        unit = (m.group(1) or "").strip() or (m.group(3) or "")
        if unit:
            out.append((m, (value, unit)))
    return out


def _ceiling(o: Offer) -> tuple[float, str] | None:
    """An offer's largest amount: `max_amount` (in the unit its label names), or the one
    amount its label names ("5,000 goodwill miles", "a £25 voucher")."""
    found = _amounts(fold(o.label)) if o.label else []
    units = {u for _, u in found}
    if o.max_amount is not None:  # its unit is the label's, or any amount said beside it
        return o.max_amount, (units.pop() if len(units) == 1 else "")
    if len(units) != 1:
        return None
    return max(v for v, _ in found), units.pop()


def _gap(a: int, b: int, s: int, e: int) -> int:
    """Characters between span a-b and span s-e (0 when they overlap: "and the £25")."""
    return max(0, s - b, a - e)


#: How many times the case's amount a reply must name before its size is beyond the case:
#: "50,000 bonus miles" for 5,000 is; "both $149 charges" (298) or a $450 list price said
#: beside a $150 reduction is arithmetic or a fact, not a bigger gesture.
AMOUNT_BEYOND = 3.0


def _beyond_its_amount(prep: Prepared, o: Offer, rx: re.Pattern) -> str:
    """ "I'm adding 50,000 bonus miles" when the case allows 5,000: the gesture is the
    case's, its size is not. Compared in the same unit, at each place the offer is named
    (the amount nearest its words); the smallest of those is the size offered."""
    top = _ceiling(o)
    if top is None:
        return ""
    sizes = []
    for m in rx.finditer(prep.own):
        a, b = prep.sentence_of(m.start())
        lo = max(a, m.start() - 40)
        said = [(_gap(lo + x.start(), lo + x.end(), m.start(), m.end()), v)
                for x, (v, u) in _amounts_at(prep.own[lo:min(b, m.end() + 40)])
                if u == top[1] or (not top[1] and u != "%")]
        if said:
            sizes.append(min(said)[1])
    if not sizes:
        return ""
    value = min(sizes)
    if o.max_amount is not None:  # a ceiling the trainer set is exact
        return f"{value:g} > {top[0]:g}" if value > top[0] else ""
    return f"{value:g} {top[1]} > {top[0]:g}" if value > AMOUNT_BEYOND * top[0] else ""


def brush_off_hits(prep: Prepared, rs: RuleSet, lang: str, hits: list[Hit]) -> list[Hit]:
    if len(prep.sentences) < 2:
        return []
    s, e = prep.sentences[-1]
    last = prep.own[s:e]
    before = prep.own[:s]
    m = rs.cues["anything_else"].search(last)
    if not m or not rs.cues["refusal"].search(before):
        return []
    if any(h.rule.id.startswith("promises.") and h.polarity > 0 for h in hits) \
            or rs.cues["alternative"].search(before):
        return []  # a refusal with an alternative offered, then "anything else?": fine
    return [Hit(rs["stance.brush_off"], s + m.start(), s + m.end(), "", None, (), "computed.brush_off")]


def explanation_acts(prep: Prepared, rs: RuleSet, ctx: ReplyContext) -> list[Act]:
    """Explaining is only a fault while the customer vents (listening.explain judges it
    then); later it is what a customer who needs the rule explained is waiting for, so
    the reader still reports the act."""
    if ctx.phase == "venting":
        return []
    rule = rs.by_id.get("listening.explain")
    if rule is None or rule.rx is None:
        return []
    return [Act("explanation", m.start(), m.end(), prep.original[m.start():m.end()], rule.id)
            for m in rule.finditer(prep.own)[:3]]


# --------------------------------------------------------------------------- farewells


def farewell_acts(prep: Prepared, lang: str, channel: str) -> list[Act]:
    """A goodbye in the reply's last sentences ("… have a good day"): the agent is leaving.
    Thanks for calling, at the start or in passing, is courtesy, not a goodbye."""
    if channel == "email" or not prep.sentences:
        return []
    start = prep.sentences[max(0, len(prep.sentences) - 2)][0]
    m = _cue(lang, "farewell").search(prep.own, start)
    if not m:
        return []
    return [Act("closing", m.start(), m.end(), prep.original[m.start():m.end()], "computed.farewell",
                1.0, MappingProxyType({"farewell": True}))]


# --------------------------------------------------------------------------- content
@lru_cache(maxsize=512)
def _alias_rx(aliases: tuple[str, ...]) -> re.Pattern | None:
    alts = sorted({fold(a.strip()) for a in aliases if a and a.strip()}, key=len, reverse=True)
    if not alts:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(a) for a in alts) + r")(?!\w)")


def facts_mentioned(prep: Prepared, ctx: ReplyContext) -> tuple[str, ...]:
    out = []
    for fact in ctx.facts or ():
        rx = _alias_rx(tuple(fact.aliases) + (fact.id.replace("_", " "),))
        if rx is not None and rx.search(prep.own):
            out.append(fact.id)
    return tuple(out)


def _offer_pattern(offer: Offer) -> re.Pattern | None:
    """What names one of the scenario's offers in a reply: its aliases and its id's words."""
    return _offer_rx(tuple(offer.aliases) + (offer.id.replace("_", " "),))


@lru_cache(maxsize=512)
def _offer_rx(aliases: tuple[str, ...]) -> re.Pattern | None:
    """Aliases as words; a one-word alias also matches its family ("refund" ~ "refunded")."""
    alts = set()
    for a in aliases:
        a = fold(a.strip())
        if not a:
            continue
        if " " not in a and len(a) >= 6:
            stem = a[:max(5, len(a) - 2)]
            alts.add(re.escape(stem) + r"\w*")
            if a.endswith(("er", "ir", "ar")) and "o" in stem[1:]:  # devolver ~ devuelven
                k = stem.rindex("o")
                alts.add(re.escape(stem[:k] + "ue" + stem[k + 1:]) + r"\w*")
        elif " " in a and re.match(r"[a-z]{4,} ", a):
            # "refund your £25" also says "refunding your £25" (English inflections only:
            # a Spanish verb's forms differ in meaning too often, "anular todo"/"anulo todo lo que…")
            first, rest = a.split(" ", 1)
            alts.add(re.escape(first) + r"(?:s|es|d|ed|ing)? " + re.escape(rest))
        else:
            alts.add(re.escape(a))
    if not alts:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(sorted(alts, key=len, reverse=True)) + r")(?!\w)")


_THEIR_REQUEST = re.compile(r"\b(?:you'?d like|you would like|you want(?:ed)?|you'?re (?:asking|after|looking) for|you asked for|you'?d prefer"
                            r"|quiere|queria|quisiera|desea|deseaba|pidio|pide|prefiere)\b(?:\s+\S+){0,3}\s*$")
_QUESTION_CHOICE = re.compile(r"\b(?:or|o|u)\b")


def offers_made(prep: Prepared, ctx: ReplyContext, rs: RuleSet) -> tuple[str, ...]:
    """Which of the scenario's own offers the reply makes (not negated, with a verb of
    offering or commitment, or put to the customer as a choice)."""
    cues = rs.cues
    out = []
    for offer in ctx.offers or ():
        rx = _offer_pattern(offer)
        if rx is None:
            continue
        for m in rx.finditer(prep.own):
            s, e = prep.sentence_of(m.start())
            sentence = prep.own[s:e]
            # "no puedo anularla, pero sí devolver el exceso": the negation ends at the "but"
            before = _CONTRAST.split(prep.own[max(s, m.start() - 40):m.start()])[-1]
            if cues["negation"].search(before) and not ("?" in sentence and _QUESTION_CHOICE.search(before)):
                continue  # "I can't refund it or make an exception": neither is offered
            if _THEIR_REQUEST.search(prep.own[max(s, m.start() - 30):m.start()]):
                continue  # "you'd like a full refund, is that right?": their request restated
            clause = _CLAUSE_END.split(prep.own[max(s, m.start() - 40):m.start()])[-1]
            if rs.cues["instead"].search(clause):
                continue  # "rather than asking you to reset the router again": set aside
            after = _CLAUSE_END.split(prep.own[m.end():min(e, m.end() + 40)], 1)[0]
            if rs.cues["negated_after"].match(after):
                continue  # "la factura completa no puedo anularla": refused, object first
            if not offer.allowed and rs.cues["narrowed"].match(after):
                continue  # "anular todo lo cobrado por encima de 60 €": a narrower offer
            # The offer's own word ("refund") is no verb of offering: blank it first.
            a, b = m.start() - s, m.end() - s
            rest = sentence[:a] + " " * (b - a) + sentence[b:]
            # A phrase alias ("le devuelvo el dinero", "send a new one") says the offer by
            # itself; a one-word alias ("refund") needs a verb of offering beside it, or a
            # question that offers ("would you like a refund?"; not "which cinema was it?").
            phrase = " " in m.group(0).strip()
            if (phrase or _agent_verb(cues, rest)
                    or rs.cues["passive_done"].search(prep.own, max(s, m.start() - 20), m.end())
                    or ("?" in rest and rs.cues["offer_question"].search(rest))
                    or rs.cues["offer_done"].search(sentence)):
                out.append(offer.id)
                break
        else:
            if offer.allowed and _object_and_verb(prep, rs, offer, ctx.offers):
                out.append(offer.id)
    return tuple(out)


_MODAL = re.compile(r"(?:can|could|would)$")
_AGENT = re.compile(r"\b(?:i|we|you)\s*$")


def _agent_verb(cues, text: str) -> bool:
    """A verb of offering or commitment said by the agent in `text`. A bare modal needs an
    agent before it: "I can send a new cartridge" offers one, "that would explain the
    cartridge error" does not."""
    for rx in (cues["offer_verb"], cues["commitment"]):
        for v in rx.finditer(text):
            if _MODAL.search(v.group(0)) and not _AGENT.search(text[:v.start()]):
                continue
            return True
    return False


_OBJECT_TOKEN = re.compile(r"[£€$]?\d+(?:[.,]\d+)?\s?[£€$%]?|[^\W\d_]{3,}")
OBJECT_REACH = 6  # words between an offer's object and its verb ("the £25 fee is being refunded")


@lru_cache(maxsize=512)
def _offer_objects(offer: Offer, offers: tuple[Offer, ...], language: str) -> frozenset[str]:
    """The words that name this offer's object and no other offer's ("fee", "£25" for
    the bank fee): its aliases' and case-file label's content words, without verbs of
    offering, function words, and words another offer of the scenario also uses."""
    from scoring.rules import data_words

    rs = load_rules(language)
    stop = set(data_words(f"stopwords_{language}.txt"))
    verbs = [rx for k, rx in rs.cues.items() if k.startswith("kind_")] + [rs.cues["offer_verb"]]

    def words(o: Offer) -> set[str]:
        text = fold(" ".join(o.aliases + (o.label, o.id.replace("_", " "))))
        return {t.strip() for t in _OBJECT_TOKEN.findall(text)}

    mine = words(offer)
    others = set().union(*(words(o) for o in offers if o.id != offer.id)) if len(offers) > 1 else set()
    return frozenset(t for t in mine - others
                     if t not in stop and not any(rx.fullmatch(t) for rx in verbs))


def _object_and_verb(prep: Prepared, rs: RuleSet, offer: Offer, offers) -> bool:
    """An offer said in the reply's own words: a verb of its kind within a few words of
    its object, in one sentence, not negated ("the £25 bank fee is being refunded to you
    as well"; "se le devuelven los 25,98 €")."""
    verb_rx = rs.cues.get(f"kind_{offer.kind}") or _kind_verbs_of_label(offer, rs)
    if verb_rx is None:
        return False
    objects = _offer_objects(offer, tuple(offers), rs.language)
    if not objects:
        return False
    own = prep.own
    for s, e in prep.sentences:
        for v in verb_rx.finditer(own, s, e):
            before = _CONTRAST.split(own[max(s, v.start() - 40):v.start()])[-1]
            if rs.cues["negation"].search(before) or _THEIR_REQUEST.search(before):
                continue
            lo = max(s, _nth_word_back(own, v.start(), OBJECT_REACH, s))
            hi = min(e, _nth_word_on(own, v.end(), OBJECT_REACH, e))
            near = {t.strip() for t in _OBJECT_TOKEN.findall(own[lo:hi])}
            if near & objects:
                return True
    return False


#: The kinds whose verbs a label's own words may name.
_LABEL_KINDS = ("refund", "credit", "discount", "replacement", "repair", "visit", "rebooking", "waiver")


def _kind_verbs_of_label(offer: Offer, rs: RuleSet):
    """For an offer of no kind of its own ("other"): the verbs of the kind its label names
    first, its head ("devolución del seguro cobrado dos veces" is refunded: "le reembolso
    los 2.350 $"; "descuento en la reparación" is a discount, not a repair)."""
    label = fold(offer.label or "")
    if not label:
        return None
    found = []
    for order, kind in enumerate(_LABEL_KINDS):
        rx = rs.cues.get(f"kind_{kind}")
        m = rx.search(label) if rx is not None else None
        if m is not None:
            found.append((m.start(), order, rx))
    return min(found, key=lambda f: f[:2])[2] if found else None


def _nth_word_back(text: str, pos: int, n: int, floor: int) -> int:
    for _ in range(n):
        k = text.rfind(" ", floor, max(floor, pos - 1))
        if k < 0:
            return floor
        pos = k
    return pos


def _nth_word_on(text: str, pos: int, n: int, ceiling: int) -> int:
    for _ in range(n):
        k = text.find(" ", pos + 1, ceiling)
        if k < 0:
            return ceiling
        pos = k
    return pos


_CONTRAST = re.compile(r"\b(?:but|however|pero|sin embargo|aunque|although)\b")
_CLAUSE_END = re.compile(r"[,;:]|\b(?:but|and|pero|y|aunque|although)\b")
