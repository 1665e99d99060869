"""Scenarios that test themselves.

Three checks over a scenario, all deterministic:

* `play_examples`: play each of the scenario's `examples` and compare its ending.
  A failure names the file, the example's line, the turn where the conversation
  ended (or the last one played) and the line of that reply in the file.
* `explore`: seeded random walks picking from a bank of good and bad replies (in the
  scenario's language), looking for crashes, dead ends (a phase no walk ever leaves
  except by running out of turns) and customer lines no walk ever reaches.
* `coverage`: the customer lines and reactions that no example reaches.

The command line (`temper check`) and the scenario lab only display these results.
"""

from __future__ import annotations

import math
import random
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

import yaml

from scoring.model import LIVE_CHANNELS, PHASES
from simulator.format.scenario import REQUIRED_ENDINGS, Example, Line, Reaction, Scenario
from simulator.format.schema import compose
from simulator.safetext import path_text
from simulator.session import Session

# --- examples ---------------------------------------------------------------------


@dataclass(frozen=True)
class ExampleResult:
    scenario: Scenario
    example: Example
    outcome: str  # resolved | escalated | abandoned | unfinished | crashed
    turns: int  # replies actually played (a conversation may end early)
    session: Session | None
    error: str = ""  # what went wrong when the example crashed
    reply_line: int = 0  # the file line of the last reply played (0: unknown)

    @property
    def passed(self) -> bool:
        return self.outcome == self.example.ending

    @property
    def line(self) -> int:
        """Where to look in the file: the reply that ended it, else the example."""
        return self.reply_line or self.example.source_line

    @property
    def trail(self) -> str:
        """The phases the conversation went through, e.g. venting > empathy > escalated."""
        if self.session is None:
            return ""
        phases = [t.phase_before for t in self.session.turns] + [self.session.phase]
        out: list[str] = []
        for p in phases:
            if not out or out[-1] != p:
                out.append(p)
        return " > ".join(out)

    def describe(self) -> str:
        s, e = self.scenario, self.example
        head = f"{path_text(s.path)}:{self.line}: {s.id}: example '{e.name}'"
        if self.outcome == "crashed":
            return f"{head}: CRASHED at turn {self.turns}: {self.error}"
        if self.passed:
            return f"{head}: ok ({self.outcome} after turn {self.turns})"
        if self.outcome == "unfinished":
            where = (f"still in {self.session.phase} after the last reply (turn {self.turns})"
                     if self.session else f"unfinished after turn {self.turns}")
            return f"{head}: FAILED: expected {e.ending}, but the conversation is {where}; path: {self.trail}"
        return (f"{head}: FAILED: expected {e.ending}, got {self.outcome} at turn {self.turns}"
                f"; path: {self.trail}")


def reply_lines(scenario: Scenario, text: str | None = None) -> dict[tuple[int, int], int]:
    """(example index, reply index) -> line of that reply in the scenario file.

    Read from the file's YAML (or `text` when given, as the lab does); empty when
    the file cannot be read, so a missing line number never stops a check.
    """
    if text is None:
        try:
            text = Path(scenario.path).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError, ValueError):
            return {}
    node, problems = compose(text, scenario.path)
    if problems or not isinstance(node, yaml.MappingNode):
        return {}
    out: dict[tuple[int, int], int] = {}
    examples = _child(node, "examples")
    if not isinstance(examples, yaml.SequenceNode):
        return out
    for i, ex in enumerate(examples.value):
        replies = _child(ex, "replies") if isinstance(ex, yaml.MappingNode) else None
        if isinstance(replies, yaml.SequenceNode):
            for j, r in enumerate(replies.value):
                out[(i, j)] = r.start_mark.line + 1
    return out


def _child(node: yaml.MappingNode, key: str):
    for k, v in node.value:
        if isinstance(k, yaml.ScalarNode) and k.value == key:
            return v
    return None


def play_example(scenario: Scenario, example: Example, lines: dict[tuple[int, int], int] | None = None,
                 index: int | None = None) -> ExampleResult:
    """Play one example. `lines`/`index` (from `reply_lines`) add the reply's file line."""
    if index is None:
        index = next((i for i, e in enumerate(scenario.examples) if e is example), -1)
    session: Session | None = None
    played = 0
    try:
        session = Session(scenario, seed=example.seed)
        for reply in example.replies:
            if session.finished:
                break
            played += 1
            session.reply(reply.text, reply.latency_s)
    except Exception as exc:  # a crash is a finding to report, not a traceback
        where = (lines or {}).get((index, max(played - 1, 0)), 0)
        return ExampleResult(scenario, example, "crashed", played, session,
                             f"{type(exc).__name__}: {exc}", where)
    where = (lines or {}).get((index, max(played - 1, 0)), 0)
    return ExampleResult(scenario, example, session.outcome, len(session.turns), session, "", where)


def play_examples(scenario: Scenario, text: str | None = None) -> list[ExampleResult]:
    lines = reply_lines(scenario, text)
    return [play_example(scenario, e, lines, i) for i, e in enumerate(scenario.examples)]


# --- the reply bank for random walks ----------------------------------------------

#: Good replies by the move they make, and bad ones; {name} is the customer's first
#: name, {days} a time frame the policy allows, {percent} the discount allowed,
#: {restated} the customer's last line restated in other words.
BANK: dict[str, dict[str, tuple[str, ...]]] = {
    "en": {
        "listen": (
            "I'm so sorry, {name}. Could you tell me what happened?",
            "I'm really sorry about this. Please tell me more, I'm listening.",
            "I'm so sorry this happened, {name}. What happened exactly?",
        ),
        "empathy": (
            "I understand how frustrating this must be, and I'm sorry.",
            "I can imagine how upsetting this is. I'm really sorry, {name}.",
        ),
        "mirror": (
            "So, if I understand you correctly, this is about {restated}.",
            "Let me make sure I have it right: {restated}.",
        ),
        "offer": (
            "I will sort this out myself within {days} business days.",
            "I'll take care of it: it will be fixed within {days} business days.",
        ),
        "refund": ("I will refund you in full; it reaches your account within {days} business days.",),
        "discount": ("I can offer you a {percent}% discount, and I will fix it within {days} business days.",),
        "closure": (
            "Does that work for you?",
            "I'll email you the details today. Does that work for you, {name}?",
        ),
        "bad": (
            "Calm down, please.",
            "You should have read the terms and conditions.",
            "THIS IS NOT OUR FAULT!!!",
            "That's not my department, call someone else.",
            "Sorry you feel that way.",
            "It's just a small problem, nothing serious.",
            "We'll look into it at some point.",
            "I guarantee it will be fixed right now and never happen again.",
        ),
    },
    "es": {
        "listen": (
            "Lo siento mucho, {name}. ¿Me cuenta qué pasó?",
            "Lo siento de verdad. Cuénteme, le escucho.",
            "Disculpe las molestias, {name}. Cuénteme qué pasó exactamente.",
        ),
        "empathy": (
            "Entiendo perfectamente su molestia y lo siento mucho.",
            "Comprendo lo frustrante que es esto. Lo siento, {name}.",
        ),
        "mirror": (
            "Entonces, si lo he entendido bien, se trata de {restated}.",
            "Déjeme comprobar que lo he entendido: {restated}.",
        ),
        "offer": (
            "Me encargo yo personalmente: quedará resuelto en {days} días hábiles.",
            "Yo me ocupo de ello y estará solucionado en {days} días hábiles.",
        ),
        "refund": ("Me encargo de devolverle el importe completo en {days} días hábiles.",),
        "discount": ("Le puedo ofrecer un {percent}% de descuento y me encargo de resolverlo en {days} días hábiles.",),
        "closure": (
            "¿Le parece bien?",
            "Le envío los detalles por correo hoy mismo. ¿Le parece bien, {name}?",
        ),
        "bad": (
            "Cálmese, por favor.",
            "Usted debería haber leído las condiciones.",
            "¡¡ESO NO ES CULPA NUESTRA!!",
            "Eso no es de mi departamento, llame a otro número.",
            "Lamento que lo vea así.",
            "No es para tanto, es un problema pequeño.",
            "Ya lo miraremos en algún momento.",
            "Le garantizo que se arregla ahora mismo y que no volverá a pasar.",
        ),
    },
}

#: The good move that fits each phase (a walk usually, not always, picks it).
FITTING = {
    "venting": ("listen", "empathy"),
    "empathy": ("mirror", "empathy"),
    "negotiation": ("offer", "refund", "discount"),
    "resolution": ("closure",),
}
_WORD = re.compile(r"[^\W\d_]{4,}|\w*\d\w*", re.UNICODE)
_STOP = {
    "en": set("this that with have been what your they them there their about from would could "
              "should just want when then than will into only even also some more very much "
              "again still nothing anything something does didn't don't can't i've it's you're "
              "here were where which while after before because".split()),
    "es": set("esto esta este estos estas para pero como porque cuando donde tengo tiene "
              "quiero usted ustedes nadie nada algo todo toda todos ahora hace desde hasta "
              "sobre entre eso esa ese otra otro otros sigo sigue solo también aquí cómo "
              "qué quién cuándo dónde".split()),
}


def restate(line: str, language: str) -> str:
    """The customer's key words, relayed back in another structure (for mirroring)."""
    words: list[str] = []
    for w in _WORD.findall(line):
        if w.lower() not in _STOP.get(language, set()) and w.lower() not in (x.lower() for x in words):
            words.append(w)
    words = words[:6] or ["what you told me"]
    joiner = " y " if language == "es" else " and "
    return ", ".join(words[:-1]) + (joiner if len(words) > 1 else "") + words[-1]


# --- explore ----------------------------------------------------------------------


@dataclass(frozen=True)
class Finding:
    """One thing a check found, at a place a text editor can jump to."""

    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


@dataclass
class ExploreReport:
    scenario: Scenario
    walks: int
    endings: Counter = field(default_factory=Counter)
    dead_ends: list[Finding] = field(default_factory=list)
    crashes: list[Finding] = field(default_factory=list)
    unreachable: list[Finding] = field(default_factory=list)
    unreached_endings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Crashes and dead ends fail a check; unreached lines are advice."""
        return not self.dead_ends and not self.crashes


def all_lines(scenario: Scenario) -> list[Line]:
    """Every line the customer may say, in file order (format 2: concerns and answers too)."""
    out = [ln for bands in scenario.lines.values() for variants in bands.values() for ln in variants]
    out += [ln for variants in scenario.endings.values() for ln in variants]
    out += [ln for r in scenario.reactions for ln in r.lines]
    out += [ln for c in scenario.concerns for ln in (*c.ask, *c.thanks)]
    out += [ln for variants in scenario.answers.values() for ln in variants]
    return sorted(out, key=lambda ln: ln.source_line)


def _said(session: Session) -> set[str]:
    return {session.opening_line.key, *(k for t in session.turns for k in t.line_keys)}


def _fill(template: str, scenario: Scenario, session: Session) -> str:
    p = scenario.policy
    days = math.ceil(p.min_days) + 2  # within policy, with a margin ("promise little")
    return template.format(
        name=scenario.customer.first_name, days=days,
        percent=int(p.max_discount_percent) or 5,
        restated=restate(session.customer_line, scenario.language),
    )


def _pick_reply(rng: random.Random, scenario: Scenario, session: Session, temper: float) -> tuple[str, float]:
    bank = BANK.get(scenario.language, BANK["en"])
    live = scenario.channel in LIVE_CHANNELS
    latency = rng.choice((2.0, 5.0, 10.0))
    if rng.random() < temper:
        if live and rng.random() < 0.2:
            latency = scenario.hostility.slow_replies.grace_s + rng.choice((10.0, 30.0, 60.0))
        return rng.choice(bank["bad"]), latency
    moves = list(FITTING.get(session.phase, ("listen",)))
    if "refund" in moves and not scenario.policy.can_refund:
        moves.remove("refund")
    if "discount" in moves and not scenario.policy.max_discount_percent:
        moves.remove("discount")
    if rng.random() < 0.25:
        moves = ["listen", "empathy", "mirror", "offer", "closure"]
    move = rng.choice(moves)
    allowed = [o for o in scenario.offers if o.allowed and o.aliases]
    if move == "offer" and allowed and rng.random() < 0.7:
        # Format 2: a good reply makes one of the scenario's own offers, in its words,
        # with an honest time, and checks it works.
        o = rng.choice(allowed)
        days = math.ceil(max(o.min_days or 0, scenario.policy.min_days)) + 1
        text = OWN_OFFER.get(scenario.language, OWN_OFFER["en"]).format(alias=o.aliases[0], days=days)
        return text, latency
    return _fill(rng.choice(bank[move]), scenario, session), latency


#: The scenario-aware good reply --explore makes in negotiation (format 2).
OWN_OFFER = {
    "en": "I will arrange {alias} for you myself; it will be done within {days} working days. Does that work for you?",
    "es": "Me encargo yo: {alias}, y quedará hecho en {days} días hábiles. ¿Le parece bien?",
}


def explore(scenario: Scenario, walks: int, seed: int = 0,
            session_factory: Callable[..., Session] = Session) -> ExploreReport:
    """Play `walks` seeded random conversations and report what they found."""
    report = ExploreReport(scenario, walks)
    reached: Counter = Counter()
    left: Counter = Counter()
    said: set[str] = set()
    fired: set[int] = set()
    for i in range(walks):
        rng = random.Random(f"{seed}:{scenario.id}:{i}")
        temper = rng.choice((0.0, 0.0, 0.1, 0.3, 0.6))
        turn = 0
        try:
            session = session_factory(scenario, seed=rng.randrange(1_000_000))
            reached[session.phase] += 1
            while not session.finished:
                turn += 1
                text, latency = _pick_reply(rng, scenario, session, temper)
                before = session.phase
                t = session.reply(text, latency)
                fired.update(t.reactions)
                if t.phase_after != before:
                    reached[t.phase_after] += 1
                    timed_out = (t.phase_after == "abandoned" and t.index >= scenario.hostility.max_turns
                                 and t.hostility_after < scenario.hostility.breaking_point)
                    if not timed_out:
                        left[before] += 1
            said |= _said(session)
            report.endings[session.outcome] += 1
        except Exception as exc:  # a crash is what explore is looking for
            report.crashes.append(Finding(
                scenario.path, 1,
                f"walk {i} (seed {seed}) crashed at turn {turn}: {type(exc).__name__}: {exc}"))
    for phase in PHASES:
        if reached[phase] and not left[phase]:
            report.dead_ends.append(Finding(
                scenario.path, _phase_line(scenario, phase),
                f"dead end: {reached[phase]} walk(s) reached '{phase}' and none ever left it "
                "(except by running out of turns)"))
    for line in all_lines(scenario):
        if line.key not in said:
            report.unreachable.append(Finding(
                scenario.path, line.source_line,
                f"{line.key} never said in {walks} random walks: {_short(line.text)}"))
    for i, r in enumerate(scenario.reactions):
        if i not in fired:
            report.unreachable.append(Finding(
                scenario.path, r.source_line,
                f"reactions[{i}] (when: {', '.join(r.when)}) never triggered in {walks} random walks"))
    report.unreachable.sort(key=lambda f: f.line)
    report.unreached_endings = [e for e in REQUIRED_ENDINGS if not report.endings[e]]
    return report


def _phase_line(scenario: Scenario, phase: str) -> int:
    lines = [ln.source_line for v in scenario.lines.get(phase, {}).values() for ln in v]
    return min(lines) if lines else 1


def _short(text: str, n: int = 60) -> str:
    text = " ".join(text.split())
    return f'"{text}"' if len(text) <= n else f'"{text[: n - 3]}..."'


# --- coverage ---------------------------------------------------------------------


@dataclass
class Coverage:
    scenario: Scenario
    lines_total: int
    missed_lines: list[Line]
    reactions_total: int
    missed_reactions: list[tuple[int, Reaction]]

    @property
    def lines_reached(self) -> int:
        return self.lines_total - len(self.missed_lines)

    @property
    def reactions_reached(self) -> int:
        return self.reactions_total - len(self.missed_reactions)

    def findings(self) -> list[Finding]:
        s = self.scenario
        out = [Finding(s.path, ln.source_line, f"{ln.key} not reached by any example: {_short(ln.text)}")
               for ln in self.missed_lines]
        out += [Finding(s.path, r.source_line,
                        f"reactions[{i}] (when: {', '.join(r.when)}) not triggered by any example")
                for i, r in self.missed_reactions]
        return sorted(out, key=lambda f: f.line)


def coverage(scenario: Scenario, results: Iterable[ExampleResult] | None = None) -> Coverage:
    """The customer lines and reactions no example reaches."""
    if results is None:
        results = play_examples(scenario)
    said: set[str] = set()
    fired: set[int] = set()
    for r in results:
        if r.session is not None:
            said |= _said(r.session)
            for t in r.session.turns:
                fired.update(t.reactions)
    lines = all_lines(scenario)
    return Coverage(
        scenario, len(lines), [ln for ln in lines if ln.key not in said],
        len(scenario.reactions),
        [(i, r) for i, r in enumerate(scenario.reactions) if i not in fired],
    )


# --- a whole check run (what `temper check` prints) --------------------------------


@dataclass
class ScenarioCheck:
    """Everything checked for one file: its problems, or its examples and more."""

    path: Path
    scenario: Scenario | None
    problems: tuple = ()  # simulator.errors.Problem, when the file is invalid
    examples: list[ExampleResult] = field(default_factory=list)
    explored: ExploreReport | None = None
    covered: Coverage | None = None
    warnings: list[Finding] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return (self.scenario is not None and all(r.passed for r in self.examples)
                and (self.explored is None or self.explored.ok))


def check_entries(entries, explore_walks: int = 0, seed: int = 0,
                  with_coverage: bool = False) -> list[ScenarioCheck]:
    """Check library entries (`simulator.library.Entry`): examples, then the extras asked for."""
    out = []
    for entry in entries:
        s = entry.scenario
        if s is None:
            out.append(ScenarioCheck(entry.path, None, tuple(entry.problems)))
            continue
        item = ScenarioCheck(entry.path, s)
        item.examples = play_examples(s)
        if not s.examples:
            item.warnings.append(Finding(s.path, 1, "no examples: add one that resolves and one that "
                                                   "escalates so the scenario tests itself"))
        else:
            endings = {e.ending for e in s.examples}
            if "resolved" not in endings:
                item.warnings.append(Finding(s.path, s.examples[0].source_line,
                                             "no example ends 'resolved'"))
            if not endings & {"escalated", "abandoned"}:
                item.warnings.append(Finding(s.path, s.examples[0].source_line,
                                             "no example ends badly (escalated or abandoned)"))
        if explore_walks > 0:
            item.explored = explore(s, explore_walks, seed)
        if with_coverage:
            item.covered = coverage(s, item.examples)
        out.append(item)
    return out
