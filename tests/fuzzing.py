"""Fuzzing untrusted input (issue 12): mutants of the bundled files, adversarial JSONL.

Shared by the fuzz tests (`tests/unit/simulator/test_fuzz.py`, hypothesis) and the
longer run (`benchmarks/fuzz.py`, seeded `random`). Every choice a mutation makes goes
through a `Pick` (`HypothesisPick` draws it, so hypothesis can shrink a failure to
the smallest mutant; `RandomPick` rolls it), so both explore the same space.

- `mutant(pick)` -> `Mutant`: a bundled scenario, the example plan or a reply file,
  with one structural mutation (a value's type or tag, a merge key, an anchor and
  alias, deep nesting, escapes, placeholders with format specs, huge values, repeated
  items, a line dropped or doubled) and maybe a byte-level one (truncation, raw
  control or invalid UTF-8 bytes, a re-encoding as UTF-16/32 or Latin-1).
- `check_mutant(m)` -> `Verdict`: reads it the way `temper validate` does, then (when it
  is valid) plays it the way `temper check` and `temper play --json` do, within a time
  limit; says whether anything raised, hung, or printed a problem without a real place.
- `jsonl_lines(pick)` -> adversarial `temper score --jsonl` input, and `check_jsonl`:
  runs it in FILE and stdin mode and counts lost and malformed answers.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
import signal
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Sequence

import yaml

REPO = Path(__file__).resolve().parent.parent
SCENARIOS = sorted((REPO / "scenarios").glob("*.yaml"))
EXAMPLES = REPO / "examples" / "certification"


# --- choices -------------------------------------------------------------------------

class Pick:
    def int(self, low: int, high: int) -> int:  # inclusive
        raise NotImplementedError

    def choice(self, options: Sequence):
        return options[self.int(0, len(options) - 1)]

    def chance(self, percent: int) -> bool:
        return self.int(1, 100) <= percent


class RandomPick(Pick):
    def __init__(self, rng):
        self.rng = rng

    def int(self, low, high):
        return self.rng.randint(low, high)


class HypothesisPick(Pick):
    def __init__(self, draw):
        from hypothesis import strategies as st

        self.draw, self.st = draw, st

    def int(self, low, high):
        return self.draw(self.st.integers(low, high))


# --- sources and their nodes -----------------------------------------------------------

@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: str  # scalar, seq, map, key
    indent: int  # column of the node's first character
    block: bool  # a block collection (not [..] or {..})


@dataclass(frozen=True)
class Source:
    kind: str  # scenario, plan, replies (per sitting), reply_list
    name: str
    text: str
    spans: tuple[Span, ...]


def _spans(text: str) -> tuple[Span, ...]:
    out: list[Span] = []
    seen: set[int] = set()

    def walk(node, as_key=False):
        if id(node) in seen:
            return
        seen.add(id(node))
        kind = "key" if as_key else {yaml.ScalarNode: "scalar", yaml.SequenceNode: "seq",
                                     yaml.MappingNode: "map"}[type(node)]
        block = not isinstance(node, yaml.ScalarNode) and not node.flow_style
        out.append(Span(node.start_mark.index, node.end_mark.index, kind, node.start_mark.column, block))
        if isinstance(node, yaml.SequenceNode):
            for child in node.value:
                walk(child)
        elif isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                walk(k, as_key=True)
                walk(v)

    walk(yaml.compose(text, Loader=yaml.SafeLoader))
    return tuple(out)


_SOURCES: list[Source] = []


def sources() -> list[Source]:
    if not _SOURCES:
        for f in SCENARIOS:
            text = f.read_text(encoding="utf-8")
            _SOURCES.append(Source("scenario", f.name, text, _spans(text)))
        plan = (EXAMPLES / "plan.yaml").read_text(encoding="utf-8")
        plan = plan.replace("../../scenarios/late_delivery.yaml", "late_delivery")
        _SOURCES.append(Source("plan", "plan.yaml", plan, _spans(plan)))
        for name, kind in (("alice.yaml", "replies"), ("bob/late_delivery.yaml", "reply_list")):
            text = (EXAMPLES / "replies" / name).read_text(encoding="utf-8")
            _SOURCES.append(Source(kind, name.replace("/", "_"), text, _spans(text)))
    return _SOURCES


# --- mutations ---------------------------------------------------------------------------

VALUES = (
    "[]", "{}", "[a, b]", "{x: 1}", "~", "true", "no", "-5", "0", "1e400", "-.inf", ".nan",
    "0x1F", "1_000", "12:30:05", "2020-13-45", "2024-02-29", '"text"', "''", "'{name}'",
    "1" * 400, "9" * 5000, "x" * 12000, "|\n  block\n  text", ">-\n  folded", "&x [*x]",
    "*undefined", "? complex\n: key", "- a\n- b", "!!binary AAAA", "!!binary '@@'",
)
TAGS = (
    "!!float", "!!int", "!!bool", "!!null", "!!str", "!!timestamp", "!!binary", "!!map", "!!seq",
    "!!set", "!!omap", "!!pairs", "!!merge", "!!value", "!", "!custom", "!!python/object:os.system",
    "!!python/name:builtins.eval", "!<tag:yaml.org,2002:float>", "!<tag:example.com,2000:x>",
)
ESCAPES = (
    "\\ud800", "\\udfff", "\\U0010ffff", "\\ud83d\\ude00", "\\e[31m", "\\e[2J", "\\x00", "\\a",
    "\\b", "\\r", "\\r\\n", "\\x85", "\\u2028", "\\u202e", "\\ufeff", "\\uffff", "\\x7f", "\\N", "\\_",
)
PLACEHOLDERS = (
    "{name:>300000000}", "{name!r}", "{name:{name}}", "{0}", "{}", "{name.__class__}",
    "{name[0]}", "{{", "{", "}", "{first_name}", "{unknown}", "{name:%}", "{name!s:^999999999}",
)
RAW = (
    b"\x00", b"\x07", b"\x1b[31m", b"\x1b]0;title\x07", b"\r", b"\r\n", b"\n", b"\t", b"\xff",
    b"\xc3", b"\xe2\x80\xa8", b"\xc2\x85", b"\xef\xbb\xbf", b"\xed\xa0\x80", b"\xf4\x90\x80\x80",
    b"\xc0\xaf", b"\x7f", b"\xc2\x9b", b"'", b'"', b":", b"- ", b"[", b"{", b"&a ", b"*a", b"%YAML 1.1\n",
    b"---\n", b"...\n", b"#", b"!", b"|", b">", b"\\",
)


def _nested(depth: int, flow: bool) -> str:
    if flow or depth > 200:  # block nesting costs depth squared in indentation
        return "[" * depth + "x" + "]" * depth
    return "".join(f"\n{'  ' * (i + 1)}k{i}:" for i in range(depth)) + " x"


def _replace(text: str, span: Span, new: str) -> str:
    return text[: span.start] + new + text[span.end:]


def _line_start(text: str, index: int) -> int:
    return text.rfind("\n", 0, index) + 1


def _mutate_text(source: Source, pick: Pick) -> tuple[str, str]:
    """(mutated text, what was done) for one structural mutation."""
    text, spans = source.text, source.spans
    span = pick.choice(spans)
    scalars = [s for s in spans if s.kind == "scalar"] or list(spans)
    how = pick.int(0, 13)
    if how == 0:  # another type of value
        value = pick.choice(VALUES)
        if "\n" in value:  # block values need the node's indentation
            value = value.replace("\n", "\n" + " " * (span.indent + 2))
        return _replace(text, span, value), f"value {value[:30]!r}"
    if how == 1:  # a tag on a node (a value, a key or a collection)
        tag = pick.choice(TAGS)
        return text[: span.start] + tag + " " + text[span.start:], f"tag {tag}"
    if how == 2:  # a merge key into a block mapping
        maps = [s for s in spans if s.kind == "map" and s.block] or list(spans)
        m = pick.choice(maps)
        value = pick.choice(("{x: 1}", "*a", "[{a: 1}, {b: 2}]", "5", "[*a, *a]", "{}"))
        anchor = ""
        if "*a" in value:  # an anchor on an earlier value, so the alias exists
            earlier = [s for s in scalars if s.end <= m.start] or scalars
            a = pick.choice(earlier)
            text = text[: a.start] + "&a " + text[a.start:]
            shift = 3 if a.start < m.start else 0
            m = Span(m.start + shift, m.end + shift, m.kind, m.indent, m.block)
            anchor = " (anchored)"
        return (text[: m.start] + f"<<: {value}\n" + " " * m.indent + text[m.start:],
                f"merge key {value}{anchor}")
    if how == 3:  # an anchor and an alias
        a, b = sorted((pick.choice(spans), pick.choice(spans)), key=lambda s: s.start)
        if a.end <= b.start:
            text = text[: b.start] + "*z" + text[b.end:]
        return text[: a.start] + "&z " + text[a.start:], "anchor and alias"
    if how == 4:  # nesting
        depth = pick.choice((3, 10, 49, 50, 51, 200, 2000, 20000))
        return _replace(text, pick.choice(scalars), _nested(depth, pick.chance(70))), f"nested {depth}"
    if how == 5:  # escapes in a double-quoted value
        esc = "".join(pick.choice(ESCAPES) for _ in range(pick.int(1, 3)))
        return _replace(text, pick.choice(scalars), f'"a{esc}b"'), f"escape {esc}"
    if how == 6:  # placeholders in a line
        ph = pick.choice(PLACEHOLDERS)
        return _replace(text, pick.choice(scalars), f"'Hello {ph} there'"), f"placeholder {ph}"
    if how == 7:  # a key renamed, duplicated or tagged
        keys = [s for s in spans if s.kind == "key"] or list(spans)
        k = pick.choice(keys)
        new = pick.choice(("peak", "<<", "? [a]", "~", "'\\e[31m'", "\"\\ud800\"", "1.5", "yes",
                           "x" * 300, "!!float k", "format", "id"))
        return _replace(text, k, new), f"key {new[:20]!r}"
    if how == 8:  # an item repeated many times
        line_start = _line_start(text, span.start)
        line_end = text.find("\n", span.start)
        line = text[line_start: line_end + 1 if line_end >= 0 else len(text)]
        times = pick.choice((2, 60, 2000))
        return text[:line_start] + line * times + text[line_start:], f"line x{times}"
    if how == 9:  # a line dropped
        lines = text.split("\n")
        i = pick.int(0, len(lines) - 1)
        return "\n".join(lines[:i] + lines[i + 1:]), f"drop line {i + 1}"
    if how == 10:  # an alias bomb
        bomb = "bomb0: &b0 [x, x, x, x, x, x, x, x, x]\n" + "".join(
            f"bomb{i}: &b{i} [*b{i - 1}, *b{i - 1}, *b{i - 1}, *b{i - 1}, *b{i - 1}, *b{i - 1}, "
            f"*b{i - 1}, *b{i - 1}, *b{i - 1}]\n" for i in range(1, pick.int(2, 9)))
        return bomb + text, "alias bomb"
    if how == 11:  # a huge value
        size = pick.choice((10_001, 20_000, 600_000))
        return _replace(text, pick.choice(scalars), "y" * size), f"value of {size} characters"
    if how == 12:  # an indentation broken
        at = _line_start(text, span.start)
        return text[:at] + pick.choice(("", " ", "\t", "   ")) + text[at:], "indentation"
    return text, "unchanged"


def _mutate_bytes(data: bytes, pick: Pick) -> tuple[bytes, str]:
    how = pick.int(0, 5)
    if how == 0:  # truncated
        cut = pick.int(0, len(data))
        return data[:cut], f"cut at {cut}"
    if how in (1, 2):  # raw bytes inserted or replacing
        at = pick.int(0, len(data))
        raw = pick.choice(RAW)
        n = 1 if how == 1 else pick.int(1, 4)
        return data[:at] + raw + data[at + n - 1 if how == 2 else at:], f"bytes {raw!r} at {at}"
    if how == 3:  # another encoding
        enc = pick.choice(("utf-16", "utf-16-le", "utf-32", "latin-1", "utf-8-sig", "cp1252"))
        text = data.decode("utf-8", "surrogateescape")
        return text.encode(enc, "surrogateescape" if enc.startswith("utf-8") else "replace"), f"as {enc}"
    if how == 4:  # a random byte flipped
        if not data:
            return data, "empty"
        at = pick.int(0, len(data) - 1)
        return data[:at] + bytes([pick.int(0, 255)]) + data[at + 1:], f"byte flip at {at}"
    return data, ""


#: Folder names a mutant may be written in: none, or bytes that are not UTF-8 (Linux
#: takes them; Python holds them as lone surrogates), which every output must escape.
ODD_FOLDERS = (b"caf\xe9-\xff", b"\x1b[31m\xc3", b"bidi\xe2\x80\xae\xed\xa0\x80")


@dataclass(frozen=True)
class Mutant:
    source: Source
    data: bytes
    how: str
    folder: bytes = b""  # a folder to write it in (ODD_FOLDERS), or b"" for none

    def __repr__(self) -> str:
        where = f" in {self.folder!r}" if self.folder else ""
        return f"Mutant({self.source.name}{where}: {self.how}; {len(self.data)} bytes)"

    def _repr_pretty_(self, p, cycle) -> None:  # what hypothesis prints for a failing example
        p.text(repr(self))


def mutant(pick: Pick, kinds: tuple[str, ...] = ()) -> Mutant:
    """One mutant of a source of one of `kinds` (default: any)."""
    source = pick.choice([s for s in sources() if not kinds or s.kind in kinds])
    text, how = _mutate_text(source, pick)
    data = text.encode("utf-8", "surrogatepass")
    if pick.chance(35):
        data, more = _mutate_bytes(data, pick)
        how = f"{how}; {more}"
    folder = pick.choice(ODD_FOLDERS) if pick.chance(15) else b""
    return Mutant(source, data, how, folder)


def mutants():
    """The hypothesis strategy: mutants of the bundled scenarios, plan and reply files."""
    from hypothesis import strategies as st

    return st.composite(lambda draw: mutant(HypothesisPick(draw)))()


# --- what a user would see -----------------------------------------------------------

class Hang(Exception):
    pass


@contextlib.contextmanager
def time_limit(seconds: float):
    """Raise Hang if the block runs longer (main thread, Unix: SIGALRM)."""
    if not hasattr(signal, "setitimer"):
        yield
        return

    def expired(signum, frame):
        raise Hang(f"ran past {seconds:g} s")

    old = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


@dataclass
class Verdict:
    valid: bool = False
    traceback: str = ""  # an exception other than InvalidFile, or an "internal error"
    hang: str = ""
    unlocated: list[str] = field(default_factory=list)  # printed problems without a real place
    played: int = 0  # examples played when valid

    @property
    def ok(self) -> bool:
        return not (self.traceback or self.hang or self.unlocated)


_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _editor_lines(data: bytes) -> list[str] | None:
    for enc in ("utf-8-sig",):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            return None
        return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return None


def _located(printed: str, file: str, lines: list[str] | None) -> bool:
    """`FILE:LINE:COL: message` with a place inside the file, and nothing unsafe."""
    if not printed.startswith(file + ":") or _UNSAFE.search(printed):
        return False
    try:
        printed.encode("utf-8")
    except UnicodeEncodeError:
        return False
    m = re.match(r"(\d+):(\d+): \S", printed[len(file) + 1:])
    if not m:
        return False
    line, col = int(m.group(1)), int(m.group(2))
    if lines is None:  # not UTF-8: the place of the first bad byte; line 1 at least
        return line >= 1 and col >= 1
    return 1 <= line <= len(lines) + 1 and 1 <= col <= len(lines[min(line, len(lines)) - 1]) + 2


def _read(m: Mutant, folder: Path):
    """Read the mutant as its command would: (the value, or None, problems)."""
    from simulator.certify.plan import load_plan
    from simulator.certify.submissions import Submission
    from simulator.errors import InvalidFile
    from simulator.format.loader import load_scenario
    from simulator.replies import load_replies

    if m.folder:
        import os

        base = folder
        try:
            folder = Path(os.fsdecode(os.fsencode(base) + b"/" + m.folder))
            folder.mkdir()
        except (OSError, UnicodeError):  # a file system that takes only UTF-8 names
            folder = base
    path = folder / m.source.name
    path.write_bytes(m.data)
    try:
        if m.source.kind == "scenario":
            return load_scenario(path), path
        if m.source.kind == "plan":
            return load_plan(path), path
        if m.source.kind == "replies":
            return Submission("alice", str(path)).load(("late_delivery",)), path
        return load_replies(path), path
    except InvalidFile as exc:
        return exc, path


def _play(scenario) -> int:
    """`temper check` (every example) and `temper play --json` (the transcript)."""
    from simulator.check import play_examples

    results = play_examples(scenario)
    for r in results:
        if r.outcome == "crashed":
            raise RuntimeError(f"example crashed: {r.error}")
        r.describe().encode("utf-8")
        if r.session is not None:
            json.dumps(r.session.transcript(), ensure_ascii=False).encode("utf-8")
            longest = max((len(t.customer) for t in r.session.turns), default=0)
            if longest > 50_000:
                raise RuntimeError(f"a customer line of {longest} characters")
    return len(results)


def _certify(kind: str, value) -> None:
    """A valid plan or replies file certified as `temper certify` would: the result must
    be valid UTF-8 JSON and the JUnit XML well-formed, whatever the file held or was named."""
    import xml.etree.ElementTree as ET

    from simulator.certify.junit import junit_xml
    from simulator.certify.plan import load_plan
    from simulator.certify.runner import certify_replies

    if kind == "plan":
        plan, replies = value, {}
    else:
        plan = load_plan(EXAMPLES / "plan.yaml")
        replies = value if kind == "replies" else {plan.entries[0].id: value}
    result = certify_replies(plan, "alice", replies)
    json.dumps(result, ensure_ascii=False).encode("utf-8")
    ET.fromstring(junit_xml(result).encode("utf-8"))


def check_mutant(m: Mutant, limit_s: float = 30.0) -> Verdict:
    from simulator.errors import InvalidFile

    verdict = Verdict()
    with tempfile.TemporaryDirectory() as tmp:
        try:
            with time_limit(limit_s):
                value, path = _read(m, Path(tmp))
                if isinstance(value, InvalidFile):
                    from simulator.safetext import printable

                    lines = _editor_lines(m.data)
                    for p in value.problems:
                        printed = str(p)
                        if "internal error" in printed:
                            verdict.traceback = printed
                        elif not _located(printed, printable(str(path)), lines):
                            verdict.unlocated.append(printed)
                    return verdict
                verdict.valid = True
                if m.source.kind == "scenario":
                    verdict.played = _play(value)
                else:
                    _certify(m.source.kind, value)
        except Hang as exc:
            verdict.hang = str(exc)
        except Exception as exc:  # noqa: BLE001 - that is the finding
            verdict.traceback = f"{exc.__class__.__name__}: {str(exc)[:300]}"
    return verdict


# --- typed and pasted replies --------------------------------------------------------

#: What a terminal or a paste can carry into a typed reply.
TYPED_JUNK = (
    "\x00", "\x07", "\x08", "\x1b", "\x1b[31m", "\x1b[2J", "\x1b[0m", "\x1b]0;title\x07",
    "\x1b]8;;http://x\x1b\\", "\x1bPq#0;1\x1b\\", "\x1b[", "\x9b1m", "\x9b", "\x85", "\x7f",
    "\r", "\r\n", "\t", "\n", "\u202e", "\u202a", "\u2066", "\u2069", "\u200f", "\ufeff",
    "\ufffe", "\uffff", "\u2028", "\u2029", "\udce9", "\ud800", "\udfff", "\ud83d\ude00",
    "\ud83d", "😀", "ñ", "李", " ",
)


def typed_reply(pick: Pick) -> str:
    """A reply as a hostile paste might send it: a real reply with junk spliced in, or
    junk alone, sometimes at or over the reply limit."""
    from simulator.format.spec import MAX_REPLY_CHARS

    text = pick.choice(REPLIES[:5])
    for _ in range(pick.int(1, 8)):
        at = pick.int(0, len(text))
        text = text[:at] + pick.choice(TYPED_JUNK) * pick.choice((1, 1, 3, 200)) + text[at:]
    if pick.chance(10):
        text = "".join(pick.choice(TYPED_JUNK) for _ in range(pick.int(1, 20)))
    if pick.chance(5):
        text = (text * (MAX_REPLY_CHARS // max(len(text), 1) + 2))[:MAX_REPLY_CHARS + pick.int(-1, 1)]
    return text


@dataclass
class TypedVerdict:
    problems: list[str] = field(default_factory=list)
    taken: bool = False


def check_typed(text: str) -> TypedVerdict:
    """The reply through what the terminal and the desktop do: cleaned, handed to a
    session, its transcript written as JSON and JUnit XML. Nothing unsafe may be left,
    and a refusal must be a ReplyRejected with its reason."""
    import xml.etree.ElementTree as ET

    from simulator.certify.junit import junit_xml
    from simulator.certify.plan import load_plan
    from simulator.certify.runner import assemble, judge_entry
    from simulator.session import ReplyRejected, Session
    from simulator.typed import clean_reply, cleaned_echo, cleaned_notice

    verdict = TypedVerdict()
    cleaned = clean_reply(text)
    for said in (cleaned.text, cleaned_echo(cleaned), cleaned_notice(cleaned, "es")):
        if _UNSAFE.search(said.replace("\n", "").replace("\t", "")):
            verdict.problems.append(f"unsafe character left in {said[:80]!r}")
    if clean_reply(cleaned.text) != type(cleaned)(cleaned.text):
        verdict.problems.append("cleaning twice changes the reply again")
    plan = _example_plan()
    entry = plan.entries[0]
    session = Session(entry.scenario, seed=entry.seed)
    try:
        turn = session.reply(cleaned.text, 5)
    except ReplyRejected as exc:
        if not str(exc):
            verdict.problems.append("refused without a reason")
        return verdict
    except Exception as exc:  # noqa: BLE001 - that is the finding
        verdict.problems.append(f"{exc.__class__.__name__}: {str(exc)[:200]}")
        return verdict
    verdict.taken = True
    if turn.reply != cleaned.text:
        verdict.problems.append("the session took something else than what was shown as sent")
    result = assemble(plan, "alice", [judge_entry(plan, entry, session.transcript())], "interactive")
    try:
        json.dumps(result, ensure_ascii=False).encode("utf-8")
        ET.fromstring(junit_xml(result).encode("utf-8"))
    except Exception as exc:  # noqa: BLE001
        verdict.problems.append(f"outputs: {exc.__class__.__name__}: {str(exc)[:200]}")
    return verdict


_PLAN_CACHE: list = []


def _example_plan():
    if not _PLAN_CACHE:
        from simulator.certify.plan import load_plan

        _PLAN_CACHE.append(load_plan(EXAMPLES / "plan.yaml"))
    return _PLAN_CACHE[0]


def typed_replies():
    """The hypothesis strategy for typed replies."""
    from hypothesis import strategies as st

    return st.composite(lambda draw: typed_reply(HypothesisPick(draw)))()


# --- temper score --jsonl -------------------------------------------------------------

REPLIES = (
    "I'm so sorry, Ana. Could you tell me what happened?",
    "Lo siento mucho, entiendo su molestia. ¿Me cuenta qué pasó?",
    "CALM DOWN!!! That's not my department.",
    "I will refund you within 5 business days. Does that work for you?",
    "Le enviaré un técnico mañana sin falta, garantizado.",
    "", " ", "ok", "😀 sorry", "Sorry\u202e", "tab\there\nnewline",
)


def _valid_line(pick: Pick) -> dict:
    obj: dict = {"reply": pick.choice(REPLIES)}
    if pick.chance(50):
        obj["customer"] = pick.choice(("Where is my order?", ["It broke.", "Twice!"], []))
    for key, options in (("phase", ("venting", "empathy", "negotiation", "resolution")),
                         ("language", ("en", "es")),
                         ("channel", ("chat", "email", "phone", "social", "whatsapp"))):
        if pick.chance(40):
            obj[key] = pick.choice(options)
    if pick.chance(30):
        obj["customer_name"] = pick.choice(("Ana", "José", ""))
    if pick.chance(30):
        obj["policy"] = {"min_days": pick.int(0, 365), "can_refund": pick.chance(50)}
    if pick.chance(30):
        obj["latency_s"] = pick.choice((0, 3.5, 86_400))
    return obj


def _bad_line(pick: Pick) -> bytes:
    how = pick.int(0, 20)
    good = json.dumps(_valid_line(pick), ensure_ascii=pick.chance(50)).encode("utf-8")
    if how == 0:
        depth = pick.choice((11, 100, 5000, 200_000))
        return pick.choice((b"[", b'{"a":')) * depth + b"1" + pick.choice((b"]", b"}")) * depth
    if how == 1:
        return b'{"reply": "x", "latency_s": ' + b"9" * pick.choice((41, 400, 5000)) + b"}"
    if how == 2:
        return b'{"reply": "ok", "latency_s": ' + pick.choice((b"1e400", b"-1e400", b"NaN", b"Infinity",
                                                                b"-Infinity", b"1e-400", b"-0")) + b"}"
    if how == 3:
        esc = pick.choice((b"\\ud800", b"\\udfff", b"\\ud83d", b"\\ude00x", b"\\u0000", b"\\u001b[31m"))
        return b'{"reply": "a' + esc + b'b", "customer": "c' + esc + b'"}'
    if how == 4:  # raw bytes inside the line
        at = pick.int(0, len(good))
        return good[:at] + pick.choice(RAW[:18]) + good[at:]
    if how == 5:
        return good + b"\r" + good  # a bare CR between two objects
    if how == 6:
        return b'{"reply": "' + b"a" * pick.choice((10_001, 50_000)) + b'"}'
    if how == 7:
        return pick.choice((b"[]", b'"reply"', b"42", b"null", b"true", b"{}", b'{"reply": null}',
                            b'{"reply": ["x"]}', b'{"reply": {"text": "x"}}'))
    if how == 8:
        return good[: pick.int(0, len(good))]  # truncated
    if how == 9:
        return good[:-1] + b', "reply": "again"}' if good.endswith(b"}") else good
    if how == 10:
        field_, value = pick.choice((("phase", b'"sleeping"'), ("phase", b"[1]"), ("language", b'"fr"'),
                                     ("channel", b"{}"), ("customer_name", b"5"), ("latency_s", b'"soon"'),
                                     ("latency_s", b"-1"), ("latency_s", b"true"), ("policy", b"[]"),
                                     ("policy", b'{"min_days": "x"}'), ("policy", b'{"nope": 1}'),
                                     ("customer", b"[1, 2]"), ("customer", b'["x"]' * 1)))
        return b'{"reply": "ok", "' + field_.encode() + b'": ' + value + b"}"
    if how == 11:
        return b'{"reply": "ok", "customer": [' + b",".join([b'"x"'] * pick.choice((51, 1000))) + b"]}"
    if how == 12:
        return pick.choice((b"", b"   ", b"\t", b"\r", b"\xef\xbb\xbf"))  # blank-ish
    if how == 13:
        return b"\xef\xbb\xbf" + good  # a BOM (only the first line's is skipped)
    if how == 14:
        return pick.choice((b"\x00" * 5, b"\xff\xfe" + good, good.decode("utf-8").encode("utf-16")))
    if how == 15:
        if not good:
            return good
        at = pick.int(0, len(good) - 1)
        return good[:at] + bytes([pick.int(0, 255)]) + good[at + 1:]
    if how == 16:
        if pick.chance(50):  # escaped quotes in an unterminated string, then brackets
            return b'{"reply": "' + b'\\"' * pick.choice((10, 5000, 200_000)) + b"[" * 11
        return b'{"reply": "' + b"\\\\" * pick.int(1, 50) + b'\\"}'
    if how == 17:
        return b'{"reply": "' + ("{name:>300000000} " * pick.int(1, 3)).encode() + b'"}'
    if how == 18:
        return good + b" " * pick.int(1, 3) + pick.choice((b"x", b"//", b"#"))
    return good


@dataclass(frozen=True)
class JsonlInput:
    lines: tuple[bytes, ...]
    valid: frozenset[int]  # 1-based numbers of the lines built valid
    end: bytes = b"\n"

    @property
    def data(self) -> bytes:
        return b"\n".join(self.lines) + self.end

    def __repr__(self) -> str:
        return f"JsonlInput({len(self.lines)} lines: {[ln[:60] for ln in self.lines]})"

    def _repr_pretty_(self, p, cycle) -> None:
        p.text(repr(self))


def jsonl_input(pick: Pick, max_lines: int = 12) -> JsonlInput:
    lines, valid = [], set()
    for i in range(pick.int(1, max_lines)):
        if pick.chance(35):
            lines.append(json.dumps(_valid_line(pick), ensure_ascii=pick.chance(50)).encode("utf-8"))
            valid.add(i + 1)
        else:
            lines.append(_bad_line(pick).replace(b"\n", b" "))
    return JsonlInput(tuple(lines), frozenset(valid), pick.choice((b"\n", b"", b"\r\n")))


def jsonl_inputs():
    from hypothesis import strategies as st

    return st.composite(lambda draw: jsonl_input(HypothesisPick(draw)))()


def expected_answers(inp: JsonlInput) -> list[int]:
    """The line numbers that must get an answer: every line but the blank ones."""
    out = []
    for n, raw in enumerate(inp.data.split(b"\n"), 1):
        if n == len(inp.data.split(b"\n")) and raw == b"":
            continue  # after the last line end
        if n == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        if raw.strip(b" \t\r"):
            out.append(n)
    return out


@dataclass
class JsonlVerdict:
    lines: int = 0  # answers expected
    lost: int = 0  # expected answers missing (or extra ones)
    malformed: int = 0  # answers that are not UTF-8 JSON, or misnumbered, or not a result
    refused_valid: int = 0  # lines built valid that were answered with an error
    tracebacks: int = 0
    modes_differ: bool = False
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not (self.lost or self.malformed or self.refused_valid or self.tracebacks
                    or self.modes_differ)


def _run_score(argv: list[str], stdin: bytes | None) -> tuple[int, bytes, str]:
    import sys

    from simulator.cli import main

    out_bytes = io.BytesIO()
    out = io.TextIOWrapper(out_bytes, encoding="utf-8", errors="strict", write_through=True)
    err = io.StringIO()
    old = sys.stdout, sys.stderr, sys.stdin
    sys.stdout, sys.stderr = out, err
    if stdin is not None:
        sys.stdin = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
    try:
        code = main(argv)
    except BaseException as exc:  # noqa: BLE001 - a traceback is the finding
        code = -1
        err.write(f"Traceback: {exc.__class__.__name__}: {exc}")
    finally:
        out.flush()
        sys.stdout, sys.stderr, sys.stdin = old
    return code, out_bytes.getvalue(), err.getvalue()


def check_jsonl(inp: JsonlInput, modes: tuple[str, ...] = ("file", "stdin")) -> JsonlVerdict:
    verdict = JsonlVerdict()
    want = expected_answers(inp)
    verdict.lines = len(want)
    outputs = []
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "in.jsonl"
        path.write_bytes(inp.data)
        for mode in modes:
            argv = ["score", "--jsonl", str(path) if mode == "file" else "-"]
            code, raw, err = _run_score(argv, inp.data if mode == "stdin" else None)
            outputs.append(raw)
            if code not in (0, 1) or "Traceback" in err:
                verdict.tracebacks += 1
                verdict.problems.append(f"{mode}: exit {code}: {err[:300]}")
                continue
            try:
                answers = raw.decode("utf-8").split("\n")
            except UnicodeDecodeError:
                verdict.malformed += len(want)
                verdict.problems.append(f"{mode}: output is not UTF-8")
                continue
            if answers and answers[-1] == "":
                answers.pop()
            verdict.lost += abs(len(answers) - len(want))
            errors = 0
            for n, text in zip(want, answers):
                try:
                    obj = json.loads(text)
                except ValueError:
                    verdict.malformed += 1
                    verdict.problems.append(f"{mode}: line {n}: not JSON: {text[:100]!r}")
                    continue
                if isinstance(obj, dict) and set(obj) == {"line", "error"}:
                    errors += 1
                    if obj["line"] != n or not isinstance(obj["error"], str) or _UNSAFE.search(obj["error"]):
                        verdict.malformed += 1
                        verdict.problems.append(f"{mode}: line {n}: answered as {obj}")
                    elif n in inp.valid:
                        verdict.refused_valid += 1
                        verdict.problems.append(f"{mode}: valid line {n} refused: {obj['error']}")
                elif not (isinstance(obj, dict) and "dimensions" in obj and "signals" in obj):
                    verdict.malformed += 1
                    verdict.problems.append(f"{mode}: line {n}: not a result: {text[:100]!r}")
            if (code == 1) != (errors > 0):
                verdict.malformed += 1
                verdict.problems.append(f"{mode}: exit {code} with {errors} error lines")
    verdict.modes_differ = len(set(outputs)) > 1
    if verdict.modes_differ:
        verdict.problems.append("FILE and stdin modes answered differently")
    return verdict


def timed(fn: Callable, *args):
    start = time.perf_counter()
    value = fn(*args)
    return value, time.perf_counter() - start
