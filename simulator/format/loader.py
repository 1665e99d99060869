"""Reading scenario files: YAML text -> validated `Scenario`, or every problem found.

The one reader for every YAML file (scenarios here; plans, reply files and settings
through `read_text` and `simulator.format.schema.check_document` too): only regular
files within MAX_FILE_BYTES are read, only safe loading is used, any tag that would
build a Python object is refused, and nothing but an InvalidFile naming the file, line
and column ever leaves it (see `simulator.format.schema`).
"""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

from scoring.model import DIMENSIONS, ExtraPhrase, Offer, Policy, Rubric
from simulator.rulebook.curve import DEFAULT_EFFECTS
from simulator.errors import L_, InvalidFile, Problem, file_problems
from simulator.wording import N_
from simulator.format.scenario import (
    Concern, Condition, Customer, Example, ExampleReply, Hostility, Line, Reaction, Scenario,
    SlowReplies, frozen_map,
)
from simulator.format.spec import DOCUMENT_RULES, SCENARIO
from simulator.format.schema import Checker, check_document

#: Scenario files are small; anything bigger is a mistake (or an attack).
MAX_FILE_BYTES = 1_000_000
#: The kinds of file read here, as their messages name them ("no such scenario file").
KINDS = (N_("scenario"), N_("settings"), N_("replies"), N_("plan"))


def read_text(path: Path, what: str = "scenario") -> str:
    """The file's text, or an InvalidFile naming what is wrong with it.

    Only regular files are read: a FIFO would block for ever and a device such as
    /dev/zero never ends, so both are refused before a byte is read (the file is opened
    without blocking and checked on the open descriptor, so a swap after the check
    cannot slip through). The size is checked on the file itself, and no more than the
    limit is ever read, even from a file that grows meanwhile.
    """
    name = str(path)
    try:
        if path.is_dir():
            raise InvalidFile([Problem(name, 1, 1, L_("is a folder, not a %(what)s file", what=L_(what)))])
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        raise InvalidFile([Problem(name, 1, 1, L_("no such %(what)s file", what=L_(what)))]) from None
    except OSError as exc:
        raise InvalidFile([Problem(name, 1, 1, L_("cannot read: %(error)s", error=_reason(exc)))]) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            kind = (L_("a FIFO (named pipe)") if stat.S_ISFIFO(info.st_mode)
                    else L_("a device") if stat.S_ISCHR(info.st_mode) or stat.S_ISBLK(info.st_mode)
                    else L_("a socket") if stat.S_ISSOCK(info.st_mode) else L_("not a regular file"))
            raise InvalidFile([Problem(name, 1, 1, L_("is %(kind)s, not a %(what)s file: refused",
                                                      kind=kind, what=L_(what)))])
        if info.st_size > MAX_FILE_BYTES:
            raise InvalidFile([Problem(name, 1, 1, L_("file too large: %(size)d bytes (at most %(most)d)",
                                                      size=info.st_size, most=MAX_FILE_BYTES))])
        chunks, size = [], 0
        while size <= MAX_FILE_BYTES:
            chunk = os.read(fd, MAX_FILE_BYTES + 1 - size)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as exc:
        raise InvalidFile([Problem(name, 1, 1, L_("cannot read: %(error)s", error=_reason(exc)))]) from None
    finally:
        os.close(fd)
    if size > MAX_FILE_BYTES:
        raise InvalidFile([Problem(name, 1, 1, L_("file too large: more than %(most)d bytes",
                                                  most=MAX_FILE_BYTES))])
    data = b"".join(chunks)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        # Lines as an editor counts them (CR LF, LF or a lone CR), columns in characters.
        head = data[: exc.start].replace(b"\r\n", b"\n").replace(b"\r", b"\n")
        line = head.count(b"\n") + 1
        column = len(head.rpartition(b"\n")[2].decode("utf-8", "replace")) + 1
        raise InvalidFile([Problem(name, line, column, L_(
            "not UTF-8 text (byte %(byte)s; save the file as UTF-8)",
            byte=f"0x{data[exc.start]:02x}"))]) from None


def _reason(exc: OSError) -> str:
    return exc.strerror or exc.__class__.__name__


def load_scenario(path: str | Path) -> Scenario:
    """Load and validate one scenario file. Raises InvalidFile with every problem."""
    path = Path(path)
    with file_problems(str(path)):
        text = read_text(path)
        return parse_scenario(text, str(path), default_id=path.stem)


def parse_scenario(text: str, file: str = "<scenario>", default_id: str = "scenario") -> Scenario:
    with file_problems(file):
        return _parse_scenario(text, file, default_id)


def _parse_scenario(text: str, file: str, default_id: str) -> Scenario:
    doc, checker = check_document(text, file, SCENARIO, "file")
    if doc is not None:
        for rule in DOCUMENT_RULES:
            rule(checker, doc, "")
    if checker.problems or doc is None:
        raise InvalidFile(checker.problems or [Problem(file, 1, 1, L_("not a scenario"))])
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return _build(doc, checker, file, default_id, sha)


def _lines(texts, key: str, checker: Checker) -> tuple[Line, ...]:
    out = []
    for i, t in enumerate(texts or ()):
        where = checker.where(f"{key}[{i}]")[0]
        if isinstance(t, dict):  # format 2: {say, if, once}
            out.append(Line(t["say"], where, f"{key}[{i}]", _condition(t.get("if")), bool(t.get("once"))))
        else:
            out.append(Line(t, where, f"{key}[{i}]"))
    return tuple(out)


def _condition(raw) -> Condition | None:
    if not raw:
        return None
    return Condition(
        open=tuple(raw.get("open") or ()), addressed=tuple(raw.get("addressed") or ()),
        offered=tuple(raw.get("offered") or ()), not_offered=tuple(raw.get("not_offered") or ()),
        asked=tuple(raw.get("asked") or ()), hostility_below=raw.get("hostility_below"),
        hostility_at_least=raw.get("hostility_at_least"), turn_at_least=raw.get("turn_at_least"),
    )


def _fact_value(v) -> str:
    return str(v["value"]) if isinstance(v, dict) else str(v)


def _offers(doc: dict, policy: Policy) -> tuple[Offer, ...]:
    out = []
    for oid, o in (doc.get("offers") or {}).items():
        allowed = o["allowed"]
        if o["kind"] == "refund" and not policy.can_refund:
            allowed = False
        if o["kind"] == "supervisor" and not policy.can_escalate:
            allowed = False
        out.append(Offer(oid, tuple(o["aliases"]), o["kind"], allowed, o["min_days"], o.get("max_amount"), o["say"]))
    return tuple(out)


def _concerns(doc: dict, checker: Checker) -> tuple[Concern, ...]:
    out = []
    for i, con in enumerate(doc.get("concerns") or ()):
        by = con["addressed_by"]
        out.append(Concern(
            id=con["id"], need=con["need"], offers=tuple(by["offers"] or ()),
            facts=tuple(by["facts"] or ()), acts=tuple(by["acts"] or ()),
            ask=_lines(con["ask"], f"concerns[{i}].ask", checker),
            thanks=_lines(con["thanks"], f"concerns[{i}].thanks", checker),
            source_line=checker.where(f"concerns[{i}]")[0],
        ))
    return tuple(out)


def _build(doc: dict, checker: Checker, file: str, default_id: str, sha: str) -> Scenario:
    c, h, p = doc["customer"], doc["hostility"], doc["policy"]
    policy = Policy(p["min_days"], p["max_discount_percent"], p["can_refund"], p["can_escalate"])
    slow = h["slow_replies"] or {"grace_s": 20.0, "per_second": 0.5}
    hostility = Hostility(
        start=h["start"], peak=h["peak"], rise_turns=h["rise_turns"],
        breaking_point=h["breaking_point"], agrees_below=h["agrees_below"],
        gives_up_by="abandoned" if h["gives_up_by"] == "leaving" else "escalated",
        slow_replies=SlowReplies(slow["grace_s"], slow["per_second"]),
        effects=frozen_map({**DEFAULT_EFFECTS, **(h["effects"] or {})}),
        max_turns=h["max_turns"],
        patience=h["patience"],
    )
    lines = frozen_map({
        phase: frozen_map({band: _lines(v, f"lines.{phase}.{band}", checker) for band, v in bands.items()})
        for phase, bands in doc["lines"].items()
    })
    endings = frozen_map({e: _lines(v, f"endings.{e}", checker) for e, v in doc["endings"].items()})
    reactions = tuple(
        Reaction(
            when=tuple(r["when"]), lines=_lines(r["say"], f"reactions[{i}].say", checker),
            hostility=r["hostility"], phases=tuple(r["phases"] or ()),
            source_line=checker.where(f"reactions[{i}]")[0],
        )
        for i, r in enumerate(doc["reactions"] or ())
    )
    phrases = tuple(
        ExtraPhrase(ph["dimension"], 1 if ph["kind"] == "good" else -1, tuple(ph["match"]),
                    ph["note"], ph["signal"])
        for ph in doc["phrases"] or ()
    )
    rubric_doc = doc["rubric"] or {"pass_mark": 70, "weights": None}
    weights = {d: 1.0 for d in DIMENSIONS}
    weights.update(rubric_doc["weights"] or {})
    examples = tuple(
        Example(
            name=e["name"], ending=e["ending"], seed=e["seed"],
            replies=tuple(
                ExampleReply(r) if isinstance(r, str) else ExampleReply(r["text"], r["latency_s"])
                for r in e["replies"]
            ),
            source_line=checker.where(f"examples[{i}]")[0],
        )
        for i, e in enumerate(doc["examples"] or ())
    )
    return Scenario(
        id=doc["id"] or default_id,
        title=doc["title"],
        path=file,
        sha256=sha,
        customer=Customer(c["name"], c["language"], c["channel"], c["difficulty"], c["backstory"]),
        facts=frozen_map({k: _fact_value(v) for k, v in (doc["facts"] or {}).items()}),
        policy=policy,
        hostility=hostility,
        lines=lines,
        endings=endings,
        reactions=reactions,
        rubric=Rubric(frozen_map(weights), rubric_doc["pass_mark"]),
        phrases=phrases,
        examples=examples,
        tags=tuple(doc["tags"] or ()),
        format=int(doc["format"]),
        brief=doc["brief"] or "",
        fact_aliases=frozen_map({k: tuple(v["aliases"] or ()) for k, v in (doc["facts"] or {}).items()
                                 if isinstance(v, dict)}),
        offers=_offers(doc, policy),
        concerns=_concerns(doc, checker),
        answers=frozen_map({k: _lines(v, f"answers.{k}", checker) for k, v in (doc["answers"] or {}).items()}),
    )
