"""The scenario file format, versions 1 and 2, as one declarative table.

Format 2 adds the listening customer: the trainee's case file (`brief`), facts with
aliases, the scenario's own `offers`, the customer's `concerns` and `answers`, and
conditions on lines (`if:`, `once:`). Format 1 files keep loading unchanged.

`SCENARIO` below is the single source of truth: the loader validates against it,
`to_json_schema()` turns it into the JSON Schema editors use, and
`docs/scenario-format.md` explains it with a complete example.
"""

from __future__ import annotations

import re
import string

from scoring.model import ACT_KINDS, DIMENSIONS, PHASES, CHANNELS, LANGUAGES, QUESTION_KINDS, SIGNALS
from simulator.format.scenario import BAND_NAMES, DIFFICULTIES, ENDINGS, REQUIRED_ENDINGS
from simulator.safetext import shown
from simulator.errors import L_
from simulator.format.schema import (
    Checker, Field, Flag, ListOf, MapOf, Number, Obj, OneOf, Text, prune_json_schema,
)

FORMAT_VERSION = 2
OLDEST_FORMAT = 1
#: Signals a scenario can react to: the scorer's, plus the one the simulator adds.
# "not_judged" marks a failure of the judge, nothing a trainer's customer can react to.
JUDGED_SIGNALS: tuple[str, ...] = tuple(sig for sig in SIGNALS if sig != "not_judged")
SCENARIO_SIGNALS: tuple[str, ...] = tuple(dict.fromkeys((*JUDGED_SIGNALS, "slow_reply")))
#: Placeholders every line may use besides the scenario's facts.
BUILTIN_PLACEHOLDERS = ("name", "first_name")
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
#: Replies longer than this are refused, typed, pasted, scripted or given to `temper
#: score`: a 300-word email is ~2,000. Set by what the judge takes well under 2 s whatever
#: the reply holds (`benchmarks/speed.py --long`, CPU time): ordinary text is linear (about
#: 0.07 s per 10,000 characters), but one unbroken 10,000-character "word" takes 0.56 s
#: and its cost grows with the square of its length (1.2 s at 15,000).
MAX_REPLY_CHARS = 10_000

#: A concern id, an offer id, a fact name: written once, referred to elsewhere.
NAME = Text(max_length=60, doc="a name defined elsewhere in this file")
CONDITION = Obj(
    doc="when the line may be said (format 2); every condition given must hold",
    fields={
        "open": Field(ListOf(NAME, min_items=1, max_items=50, single_ok=True), default=None,
                      doc="these concerns are still open"),
        "addressed": Field(ListOf(NAME, min_items=1, max_items=50, single_ok=True), default=None,
                           doc="these concerns have been addressed"),
        "offered": Field(ListOf(NAME, min_items=1, max_items=50, single_ok=True), default=None,
                         doc="the agent has made these offers"),
        "not_offered": Field(ListOf(NAME, min_items=1, max_items=50, single_ok=True), default=None,
                             doc="the agent has not made these offers"),
        "asked": Field(ListOf(Text(choices=QUESTION_KINDS), min_items=1, max_items=50, single_ok=True),
                       default=None, doc="the agent's reply asks a question of these kinds"),
        "hostility_below": Field(Number(minimum=0, maximum=101), default=None),
        "hostility_at_least": Field(Number(minimum=0, maximum=100), default=None),
        "turn_at_least": Field(Number(integer=True, minimum=0, maximum=100), default=None),
    },
)
VARIANT = OneOf(
    Text(max_length=2000, doc="what the customer says"),
    Obj(doc="a line with conditions (format 2)", fields={
        "say": Field(Text(max_length=2000), required=True, doc="what the customer says"),
        "if": Field(CONDITION, default=None),
        "once": Field(Flag(), default=False, doc="said at most once per conversation"),
    }),
)
SPEECH = ListOf(
    VARIANT,
    min_items=1, max_items=50, single_ok=True,
    doc="one line, or a list of variants picked at random (seeded)",
)
BANDED = MapOf(
    SPEECH, keys=BAND_NAMES, min_items=1,
    doc="variants per hostility band: calm (0-24), annoyed (25-49), angry (50-74), furious (75-100)",
)


def _hostility_rules(c: Checker, h: dict, path: str) -> None:
    if h["peak"] < h["start"]:
        c.report_at(f"{path}.peak", L_("peak (%(peak)s) is below start (%(start)s): the anger "
                                       "should rise first", peak=f"{h['peak']:g}", start=f"{h['start']:g}"))
    if h["peak"] >= h["breaking_point"]:
        c.report_at(f"{path}.breaking_point",
                    L_("breaking_point (%(breaking)s) must be above peak (%(peak)s), or the "
                       "customer gives up on their own", breaking=f"{h['breaking_point']:g}",
                       peak=f"{h['peak']:g}"))
    if h["agrees_below"] > h["breaking_point"]:
        c.report_at(f"{path}.agrees_below", L_("agrees_below must not be above breaking_point"))


def _rubric_rules(c: Checker, r: dict, path: str) -> None:
    if r["weights"] is not None and not any(w > 0 for w in r["weights"].values()):
        c.report_at(f"{path}.weights", L_("at least one weight must be above 0"))


HOSTILITY = Obj(
    doc="the hostility curve: a level from 0 (calm) to 100 (furious)",
    fields={
        "start": Field(Number(minimum=0, maximum=100), required=True, doc="level at the opening line"),
        "peak": Field(Number(minimum=0, maximum=100), required=True,
                      doc="where the anger climbs when left alone"),
        "rise_turns": Field(Number(integer=True, minimum=0, maximum=20), required=True,
                            doc="replies the rise takes; venting lasts at least this long"),
        "breaking_point": Field(Number(minimum=1, maximum=100), required=True,
                                doc="at or above this level the customer gives up"),
        "agrees_below": Field(Number(minimum=0, maximum=100), default=40,
                              doc="the customer accepts a solution only below this level"),
        "gives_up_by": Field(Text(choices=("escalating", "leaving")), default="escalating",
                             doc="what the customer does at the breaking point"),
        "slow_replies": Field(Obj(doc="live channels only (chat, phone, whatsapp)", fields={
            "grace_s": Field(Number(minimum=0, maximum=3600), default=20.0,
                             doc="seconds a reply may take without angering"),
            "per_second": Field(Number(minimum=0, maximum=100), default=0.5,
                                doc="hostility added per second beyond the grace"),
        }), default=None),
        "effects": Field(MapOf(Number(minimum=-100, maximum=100), keys=SCENARIO_SIGNALS),
                         default=None, doc="hostility change per signal, over the defaults"),
        "max_turns": Field(Number(integer=True, minimum=1, maximum=100), default=12,
                           doc="replies before the customer leaves unresolved"),
        "patience": Field(Number(minimum=0, maximum=50), default=4,
                          doc="format 2: hostility added by a reply that moves nothing on the "
                              "customer's agenda once they have vented"),
    },
    rules=(_hostility_rules,),
)

CUSTOMER = Obj(
    doc="who the customer is",
    fields={
        "name": Field(Text(max_length=80), required=True),
        "language": Field(Text(choices=LANGUAGES), required=True),
        "channel": Field(Text(choices=CHANNELS), required=True),
        "difficulty": Field(Text(choices=DIFFICULTIES), required=True),
        "backstory": Field(Text(max_length=2000), required=True),
    },
)

POLICY = Obj(
    doc="what the agent may really do",
    fields={
        "min_days": Field(Number(minimum=0, maximum=365), required=True,
                          doc="shortest honest time to fix the problem, in days"),
        "max_discount_percent": Field(Number(minimum=0, maximum=100), default=0,
                                      doc="largest discount or credit the agent may give"),
        "can_refund": Field(Flag(), default=False),
        "can_escalate": Field(Flag(), default=True, doc="passing the case to a supervisor is allowed"),
    },
)

REACTION = Obj(
    doc="a line and hostility change triggered by what the trainee did",
    fields={
        "when": Field(ListOf(Text(choices=SCENARIO_SIGNALS), min_items=1, max_items=50, single_ok=True),
                      required=True, doc="signal(s) that trigger it"),
        "say": Field(SPEECH, required=True),
        "hostility": Field(Number(minimum=-100, maximum=100), default=0,
                           doc="added on top of the curve's effects"),
        "phases": Field(ListOf(Text(choices=PHASES), min_items=1, max_items=50, single_ok=True), default=None,
                        doc="only in these phases (default: any)"),
    },
)

PHRASE = Obj(
    doc="the scenario's own phrases for one scoring dimension",
    fields={
        "dimension": Field(Text(choices=DIMENSIONS), required=True),
        "kind": Field(Text(choices=("good", "bad")), required=True),
        "match": Field(ListOf(Text(max_length=200), min_items=1, max_items=10, single_ok=True),
                       required=True),
        "note": Field(Text(max_length=300), default=""),
        "signal": Field(Text(choices=JUDGED_SIGNALS), default=None),
    },
)

REPLY = OneOf(
    Text(max_length=MAX_REPLY_CHARS, doc="the trainee's reply"),
    Obj(fields={
        "text": Field(Text(max_length=MAX_REPLY_CHARS), required=True),
        "latency_s": Field(Number(minimum=0, maximum=86_400), default=0.0,
                           doc="seconds the reply took"),
    }),
)

EXAMPLE = Obj(
    doc="a scripted run that must reach its ending",
    fields={
        "name": Field(Text(max_length=200), required=True),
        "ending": Field(Text(choices=(*ENDINGS, "unfinished")), required=True),
        "seed": Field(Number(integer=True, minimum=0, maximum=2**31 - 1), default=0),
        "replies": Field(ListOf(REPLY, min_items=1, max_items=100), required=True),
    },
)

RUBRIC = Obj(
    doc="how the session is marked",
    fields={
        "pass_mark": Field(Number(minimum=0, maximum=100), default=70),
        "weights": Field(MapOf(Number(minimum=0, maximum=100), keys=DIMENSIONS), default=None,
                         doc="weight per scoring dimension (missing: 1)"),
    },
    rules=(_rubric_rules,),
)


FACT = OneOf(
    Text(min_length=0, max_length=500, doc="the value, usable inside lines as {name}"),
    Obj(doc="a fact with the other ways a reply may name it (format 2)", fields={
        "value": Field(Text(min_length=0, max_length=500), required=True),
        "aliases": Field(ListOf(Text(max_length=120), min_items=1, max_items=50, single_ok=True),
                         default=None, doc="other words for it: 'order 48213', 'the coat'"),
    }),
)
OFFER_KINDS = ("refund", "discount", "supervisor", "replacement", "repair", "credit", "visit",
               "rebooking", "waiver", "other")
OFFER = Obj(
    doc="one of the scenario's own solutions and what the policy allows of it",
    fields={
        "say": Field(Text(max_length=200), required=True,
                     doc="how the case file names it: 'a replacement coat by express courier'"),
        "kind": Field(Text(choices=OFFER_KINDS), default="other"),
        "aliases": Field(ListOf(Text(max_length=120), min_items=1, max_items=50, single_ok=True),
                         required=True, doc="words a reply uses to make this offer"),
        "allowed": Field(Flag(), default=True, doc="false: the agent may not offer it"),
        "min_days": Field(Number(minimum=0, maximum=365), default=None,
                          doc="shortest honest time to deliver it (default: the policy's)"),
        "max_amount": Field(Number(minimum=0, maximum=1_000_000_000), default=None,
                            doc="the largest amount of it the agent may give (in the unit 'say' names)"),
    },
)
ADDRESSED_BY = Obj(
    doc="what in a reply addresses the concern (any one is enough)",
    fields={
        "offers": Field(ListOf(NAME, min_items=1, max_items=50, single_ok=True), default=None),
        "facts": Field(ListOf(NAME, min_items=1, max_items=50, single_ok=True), default=None),
        "acts": Field(ListOf(Text(choices=tuple(ACT_KINDS)), min_items=1, max_items=50, single_ok=True),
                      default=None, doc="reader acts, e.g. explanation, apology, commitment"),
    },
)
CONCERN = Obj(
    doc="one need on the customer's agenda; the conversation is solved when all are",
    fields={
        "id": Field(Text(max_length=60), required=True),
        "need": Field(Text(max_length=200), required=True,
                      doc="what the customer needs, as coaching shows it"),
        "addressed_by": Field(ADDRESSED_BY, required=True),
        "ask": Field(SPEECH, required=True, doc="what the customer says while it is open"),
        "thanks": Field(SPEECH, default=None, doc="what they say once it is addressed"),
    },
)
ANSWERS = MapOf(SPEECH, keys=QUESTION_KINDS,
                doc="the customer's answers to the agent's questions, by kind")


def _format_rule(c: Checker, doc: dict, path: str) -> None:
    """Format 2 fields need `format: 2`; format 2 needs a brief, offers and concerns."""
    fmt = doc.get("format")
    later = [k for k in ("brief", "offers", "concerns", "answers") if doc.get(k) is not None]
    if fmt == 1 and later:
        c.report_at(later[0], L_("'%(key)s' is format 2: write 'format: 2' at the top (or run "
                                 "'temper migrate FILE')", key=later[0]))
    if fmt == 2:
        for k in ("brief", "concerns"):
            if doc.get(k) is None and "format" in doc:
                c.report_at("format", L_("format 2 needs '%(key)s' (see docs/scenario-format.md)", key=k))


def _names_rule(c: Checker, doc: dict, path: str) -> None:
    """Every concern, offer and fact a file refers to must be defined in it."""
    offers = set(doc.get("offers") or {})
    facts = set(doc.get("facts") or {})
    concerns = [x.get("id") for x in (doc.get("concerns") or ()) if isinstance(x, dict)]
    seen = set()
    for i, cid in enumerate(concerns):
        if cid in seen:
            c.report_at(f"concerns[{i}].id", L_("concern '%(id)s' is defined twice", id=cid))
        seen.add(cid)
    for i, con in enumerate(doc.get("concerns") or ()):
        by = (con or {}).get("addressed_by") or {}
        for key, known in (("offers", offers), ("facts", facts)):
            for j, name in enumerate(by.get(key) or ()):
                if name is not None and name not in known:
                    c.report_at(f"concerns[{i}].addressed_by.{key}[{j}]",
                                (L_("unknown offer '%(name)s' (%(known)s)", name=name,
                                    known=", ".join(sorted(known)) or L_("none defined")) if key == "offers"
                                 else L_("unknown fact '%(name)s' (%(known)s)", name=name,
                                         known=", ".join(sorted(known)) or L_("none defined"))))
        if by is not None and not any(by.get(k) for k in ("offers", "facts", "acts")):
            c.report_at(f"concerns[{i}].addressed_by", L_("say what addresses it: offers, facts or acts"))
    for key, cond in _all_conditions(doc):
        for field, known, what in (("open", seen, "concern"), ("addressed", seen, "concern"),
                                   ("offered", offers, "offer"), ("not_offered", offers, "offer")):
            for j, name in enumerate(cond.get(field) or ()):
                if name is not None and name not in known:
                    c.report_at(f"{key}.if.{field}[{j}]",
                                L_("unknown concern '%(name)s'", name=name) if what == "concern"
                                else L_("unknown offer '%(name)s'", name=name))


def _all_conditions(doc: dict):
    for key, variant in _all_variants(doc):
        if isinstance(variant, dict) and isinstance(variant.get("if"), dict):
            yield key, variant["if"]


def placeholders(text: str) -> list[tuple[str, str, str | None]]:
    """(name, format spec, conversion) of every `{...}` in a line; ValueError for
    broken braces."""
    return [(name, spec, conversion) for _, name, spec, conversion in string.Formatter().parse(text)
            if name is not None]


def written(name: str, spec: str, conversion: str | None) -> str:
    """A placeholder as the file wrote it."""
    return "{" + name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "") + "}"


def _placeholder_rule(c: Checker, doc: dict, path: str) -> None:
    """Every {placeholder} in a customer line must be a plain `{name}` naming a fact.

    Format specs and conversions (`{name:>300000000}`, `{name!r}`) are refused: the
    line is the customer's words with facts filled in, and a spec can make one line
    hundreds of megabytes long."""
    known = set(BUILTIN_PLACEHOLDERS) | set(doc.get("facts") or {})
    for key, text in _all_speech(doc):
        try:
            found = placeholders(text)
        except ValueError as exc:
            c.report_at(key, L_("broken placeholder braces (%(error)s); write {{ for a literal brace",
                                error=exc))
            continue
        for name, spec, conversion in found:
            if spec or conversion:
                c.report_at(key, L_("placeholder '%(placeholder)s' has a format spec or conversion: only "
                                    "plain {name} placeholders are allowed",
                                    placeholder=shown(written(name, spec, conversion))))
            elif name not in known:
                c.report_at(key, L_("unknown placeholder '{%(name)s}': not among the facts (%(known)s)",
                                    name=shown(name), known=", ".join(sorted(known))))


def _all_variants(doc: dict):
    """(field path, variant) for every customer line in a validated document."""
    for phase, bands in (doc.get("lines") or {}).items():
        for band, variants in (bands or {}).items():
            for i, v in enumerate(variants or ()):
                yield f"lines.{phase}.{band}[{i}]", v
    for ending, variants in (doc.get("endings") or {}).items():
        for i, v in enumerate(variants or ()):
            yield f"endings.{ending}[{i}]", v
    for r, reaction in enumerate(doc.get("reactions") or ()):
        for i, v in enumerate((reaction or {}).get("say") or ()):
            yield f"reactions[{r}].say[{i}]", v
    for n, con in enumerate(doc.get("concerns") or ()):
        for part in ("ask", "thanks"):
            for i, v in enumerate((con or {}).get(part) or ()):
                yield f"concerns[{n}].{part}[{i}]", v
    for kind, variants in (doc.get("answers") or {}).items():
        for i, v in enumerate(variants or ()):
            yield f"answers.{kind}[{i}]", v


def _all_speech(doc: dict):
    """(field path, text) for every customer line in a validated document."""
    for key, v in _all_variants(doc):
        text = v.get("say") if isinstance(v, dict) else v
        if text is not None:
            yield key, text


def id_rule(c: Checker, doc: dict, path: str) -> None:
    if doc.get("id") is not None and not ID_PATTERN.match(doc["id"]):
        c.report_at("id", L_("id '%(id)s' must be lower-case letters, digits, '-' and '_'", id=doc["id"]))


SCENARIO = Obj(
    doc="A Temper training scenario (format 2; format 1 still loads)",
    fields={
        "format": Field(Number(integer=True, minimum=OLDEST_FORMAT, maximum=FORMAT_VERSION),
                        required=True, doc="the file format version: 2 (1 still loads)"),
        "id": Field(Text(max_length=60), default=None, doc="defaults to the file name"),
        "title": Field(Text(max_length=120), required=True),
        "tags": Field(ListOf(Text(max_length=40), max_items=20), default=None),
        "customer": Field(CUSTOMER, required=True),
        "brief": Field(Text(max_length=3000), default=None,
                       doc="format 2: the case file the trainee reads before the first reply"),
        "facts": Field(MapOf(FACT, max_items=50), default=None,
                       doc="named values usable inside lines as {name}"),
        "policy": Field(POLICY, required=True),
        "offers": Field(MapOf(OFFER, min_items=1, max_items=20), default=None,
                        doc="format 2: the scenario's own solutions, by id"),
        "concerns": Field(ListOf(CONCERN, min_items=1, max_items=6), default=None,
                          doc="format 2: the customer's agenda"),
        "answers": Field(ANSWERS, default=None,
                         doc="format 2: answers to the agent's questions, by kind"),
        "hostility": Field(HOSTILITY, required=True),
        "lines": Field(MapOf(BANDED, keys=PHASES), required=True,
                       doc="what the customer says, per phase and hostility band"),
        "endings": Field(MapOf(SPEECH, keys=ENDINGS), required=True,
                         doc="the customer's last line for each ending"),
        "reactions": Field(ListOf(REACTION, max_items=100), default=None),
        "phrases": Field(ListOf(PHRASE, max_items=30), default=None),
        "rubric": Field(RUBRIC, default=None),
        "examples": Field(ListOf(EXAMPLE, max_items=20), default=None),
    },
)


def _complete_rule(c: Checker, doc: dict, path: str) -> None:
    """Every phase needs lines, and every ending a last line."""
    for key, wanted in (("lines", PHASES), ("endings", REQUIRED_ENDINGS)):
        if doc.get(key) is None:
            continue
        missing = [k for k in wanted if k not in doc[key]]
        if missing:
            c.report_at(key, L_("%(key)s missing for: %(missing)s", key=key, missing=", ".join(missing)))


#: `temper check` plays every example: their replies, aliases counted each time used,
#: are limited in all (the bundled scenarios have at most 26 replies, 2,044 characters).
MAX_EXAMPLE_REPLIES = 300
MAX_EXAMPLE_CHARS = 50_000


def _examples_rule(c: Checker, doc: dict, path: str) -> None:
    replies = [r for e in (doc.get("examples") or ()) if isinstance(e, dict)
               for r in (e.get("replies") or ()) if r is not None]
    chars = sum(len(r if isinstance(r, str) else r.get("text") or "") for r in replies)
    if len(replies) > MAX_EXAMPLE_REPLIES or chars > MAX_EXAMPLE_CHARS:
        c.report_at("examples", L_("the examples hold %(replies)d replies of %(chars)d characters in "
                                   "all (at most %(most)d and %(most_chars)s): `temper check` plays "
                                   "every one", replies=len(replies), chars=chars,
                                   most=MAX_EXAMPLE_REPLIES, most_chars=f"{MAX_EXAMPLE_CHARS:,}"))


#: Checks across the whole document. They run even when some fields are invalid
#: (so one typo does not hide the rest), and so must cope with missing values.
DOCUMENT_RULES = (id_rule, _complete_rule, _placeholder_rule, _format_rule, _names_rule, _examples_rule)


def to_json_schema() -> dict:
    out = prune_json_schema(SCENARIO.to_json_schema())
    out["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    out["title"] = "Temper scenario"
    return out
