"""`temper score`: judge one reply, or a JSONL file of replies, with the scorer.

    temper score --reply TEXT [--customer TEXT]... [--phase P] [--language en|es]
                 [--channel C] [--customer-name N] [--scenario FILE] [--json]
    temper score --jsonl FILE|-

The contract (documented in docs/scoring.md): `--json` prints one object with
`dimensions` (each `score`, `evidence`, `note`) and `signals`; `--jsonl` prints one
result per input line, in order, and a bad line gives `{"line": N, "error": "..."}`
while the others still run.
"""

from __future__ import annotations

import json
import sys

_PHASES = ("venting", "empathy", "negotiation", "resolution")
_LANGUAGES = ("en", "es")
_CHANNELS = ("chat", "email", "phone", "social", "whatsapp")


def register(sub) -> None:
    p = sub.add_parser(
        "score", help="score a reply (or a JSONL file of replies) with the judge",
        description="Judge one trainee reply on the 11 dimensions, or every line of a "
                    "JSONL file. See docs/scoring.md for the output contract.")
    src = p.add_mutually_exclusive_group(required=True)
    src.add_argument("--reply", metavar="TEXT", help="the trainee's reply")
    src.add_argument("--jsonl", metavar="FILE", help="JSONL input, one reply per line ('-': stdin)")
    p.add_argument("--customer", metavar="TEXT", action="append", default=[],
                   help="a recent line of the customer (repeat for several, oldest first)")
    p.add_argument("--phase", choices=_PHASES, default=None, help="conversation phase (default: venting)")
    p.add_argument("--language", choices=_LANGUAGES, default=None, help="reply language (default: en)")
    p.add_argument("--channel", choices=_CHANNELS, default=None, help="channel (default: chat)")
    p.add_argument("--customer-name", metavar="NAME", default=None, help="the customer's name")
    p.add_argument("--latency", metavar="SECONDS", type=float, default=0.0,
                   help="how long the reply took, in seconds")
    p.add_argument("--scenario", metavar="FILE",
                   help="take language, channel, name, policy and phrases from a scenario file")
    p.add_argument("--corrections", metavar="FILE",
                   help="judge with the corrections in FILE (JSONL, see docs/scoring.md) instead of "
                        "the centre's, kept in the results database")
    p.add_argument("--db", metavar="PATH|URL",
                   help="the results database whose corrections of the judge apply (default: the "
                        "settings, else the user data folder)")
    p.add_argument("--json", action="store_true", help="print the result as one JSON object")
    p.set_defaults(run=run)


def run(args) -> int:
    from scoring import Policy, ReplyContext, score_reply

    base = _from_scenario(args.scenario) if args.scenario else {}
    if getattr(args, "corrections", None):
        from scoring.corrections import CorrectionError, load

        try:
            base["corrections"] = load(args.corrections)
        except CorrectionError as exc:
            from simulator.safetext import printable

            print(f"temper score: {printable(str(exc))}", file=sys.stderr)
            return 2
    else:
        base["corrections"] = _centre_corrections(getattr(args, "db", None))
    if args.jsonl is not None:
        return _run_jsonl(args.jsonl, base)
    from simulator.errors import UsageError

    limit = _max_text_chars()
    try:  # the same limits as a JSONL line; an argument is a usage error
        reply = _text(args.reply, "--reply", limit)
        customer = tuple(_text(c, "--customer", limit) for c in args.customer)
        name = (_text(args.customer_name, "--customer-name", MAX_NAME_CHARS)
                if args.customer_name is not None else base.get("customer_name", ""))
        low, high = _RANGES["latency_s"]
        if not low <= args.latency <= high:
            raise _BadLine(f"--latency must be a number of seconds from {low} to {high}")
        if len(customer) > MAX_CUSTOMER_LINES:
            raise _BadLine(f"at most {MAX_CUSTOMER_LINES} --customer lines")
    except _BadLine as exc:
        raise UsageError(str(exc)) from None
    ctx = ReplyContext(
        reply=reply,
        customer=customer,
        phase=args.phase or "venting",
        language=args.language or base.get("language", "en"),
        channel=args.channel or base.get("channel", "chat"),
        customer_name=name,
        policy=base.get("policy", Policy()),
        latency_s=args.latency,
        extra_phrases=base.get("extra_phrases", ()),
        corrections=base.get("corrections", ()),
    )
    result = score_reply(ctx)
    if args.json:
        print(json.dumps(result.to_dict(), ensure_ascii=False))
    else:
        from simulator.safetext import printable

        print("\n".join(printable(line) for line in _summary(result).split("\n")))
    return 0


def _centre_corrections(db: str | None) -> tuple:
    """The centre's corrections from the results database; none when there is no database
    yet (judging a reply never creates one). A database that cannot be used is a warning:
    the reply is judged without them, and says so."""
    from pathlib import Path

    from simulator.centre import centre_corrections, corrections_path
    from simulator.config import database_path
    from simulator.errors import TemperError
    from simulator.safetext import printable
    from simulator.store import default_path, is_url, open_store

    path = database_path(db)
    if (path is None or not is_url(str(path))) and not Path(path or default_path()).exists() \
            and not corrections_path().is_file():
        return ()
    news: list[str] = []
    try:
        with open_store(path) as store:
            found = centre_corrections(store, news)
    except TemperError as exc:
        news.append(f"judged without the centre's corrections of the judge: {exc}")
        found = ()
    for message in news:
        print(f"temper score: {printable(message)}", file=sys.stderr)
    return found


def _from_scenario(path: str) -> dict:
    from simulator.errors import UsageError

    try:
        from simulator.format.loader import load_scenario
    except ImportError:  # pragma: no cover - only while the loader is being written
        raise UsageError("--scenario needs the scenario loader (simulator.format.loader)") from None
    sc = load_scenario(path)  # InvalidFile (a TemperError) reports every problem
    return {
        "language": sc.customer.language,
        "channel": sc.customer.channel,
        "customer_name": sc.customer.name,
        "policy": sc.policy,
        "extra_phrases": tuple(sc.phrases),
    }


#: Limits on one JSONL line (docs/scoring.md): a line longer than MAX_LINE_BYTES, JSON
#: nested deeper than MAX_DEPTH, a number written with more than MAX_NUMBER_CHARS
#: characters, a reply or customer line over MAX_TEXT_CHARS characters (the same limit
#: as a reply typed or scripted in a session) or more than MAX_CUSTOMER_LINES customer
#: lines is answered with an error for that line; the other lines still run.
MAX_LINE_BYTES = 1_000_000
MAX_DEPTH = 10
MAX_NUMBER_CHARS = 40
MAX_CUSTOMER_LINES = 50
MAX_NAME_CHARS = 200
#: (lowest, highest) of each number a line may give.
_RANGES = {"latency_s": (0, 86_400), "min_days": (0, 365), "max_discount_percent": (0, 100)}


def _max_text_chars() -> int:
    from simulator.format.spec import MAX_REPLY_CHARS

    return MAX_REPLY_CHARS


class _BadLine(Exception):
    """One JSONL line that cannot be scored; its message is the answer's `error`."""


def _run_jsonl(path: str, base: dict) -> int:
    from simulator.errors import UsageError

    if path == "-":
        return _score_lines(_binary(sys.stdin), base)
    try:
        with open(path, "rb") as fh:
            return _score_lines(fh, base)
    except FileNotFoundError:
        raise UsageError(f"no such file: {path}") from None
    except IsADirectoryError:
        raise UsageError(f"{path} is a folder, not a JSONL file") from None
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror or exc.__class__.__name__}") from None


def _binary(stream):
    """The bytes under a text stream (stdin); a stream without any is re-encoded."""
    if hasattr(stream, "buffer"):
        return stream.buffer

    class _Encoded:
        def read1(self, n: int) -> bytes:
            return stream.read(n).encode("utf-8", "surrogateescape")

    return _Encoded()


def split_lines(stream, limit: int = MAX_LINE_BYTES):
    """(line number, bytes) for every line of a binary stream, split at LF only.

    A bare CR is not a line end (universal newlines would split there and shift every
    later line number); a CR before the LF is dropped. A line longer than `limit`
    gives None, in bounded memory, however long it runs. Bytes are read as they come
    (`read1`), so a program feeding one line at a time gets each answer at once.
    """
    number, buf, too_long = 0, bytearray(), False
    read = getattr(stream, "read1", None) or stream.read
    while True:
        chunk = read(65536)
        if not chunk:
            break
        start = 0
        while True:
            end = chunk.find(b"\n", start)
            piece = chunk[start:] if end < 0 else chunk[start:end]
            if not too_long:
                if len(buf) + len(piece) > limit:
                    too_long, buf = True, bytearray()
                else:
                    buf += piece
            if end < 0:
                break
            number += 1
            yield number, None if too_long else bytes(buf[:-1] if buf.endswith(b"\r") else buf)
            buf, too_long, start = bytearray(), False, end + 1
    if buf or too_long:
        yield number + 1, None if too_long else bytes(buf)


def _score_lines(stream, base: dict) -> int:
    bad = 0
    for n, raw in split_lines(stream):
        if n == 1 and raw is not None and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]  # a byte-order mark
        if raw is not None and not raw.strip(b" \t\r"):
            continue  # a blank line
        try:
            out = _answer(raw, base)
        except _BadLine as exc:
            out = {"line": n, "error": str(exc)}
        except (ValueError, TypeError, KeyError) as exc:
            out = {"line": n, "error": _message(exc)}
        except Exception as exc:  # noqa: BLE001 - one line's failure is that line's answer
            out = {"line": n, "error": f"this line could not be scored ({exc.__class__.__name__})"}
        bad += "dimensions" not in out
        _emit(n, out)
    return 1 if bad else 0


def _answer(raw: bytes | None, base: dict) -> dict:
    """The judge's result for one line; _BadLine (or ValueError, TypeError, KeyError)
    says what is wrong with it."""
    from scoring import score_reply

    if raw is None:
        raise _BadLine(f"line too long (more than {MAX_LINE_BYTES} bytes)")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _BadLine(f"not UTF-8 text (byte 0x{raw[exc.start]:02x} at byte {exc.start + 1})") from None
    return score_reply(_context(_parse(text), base)).to_dict()


def _emit(n: int, out: dict) -> None:
    """One answer as one line of valid UTF-8 JSON, written at once."""
    try:
        line = json.dumps(out, ensure_ascii=False, allow_nan=False)
        data = (line + "\n").encode("utf-8")
    except (ValueError, TypeError, UnicodeEncodeError):
        data = (json.dumps({"line": n, "error": "the judge's result could not be written as JSON"})
                + "\n").encode("utf-8")
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        sys.stdout.write(data.decode("utf-8"))
        sys.stdout.flush()
        return
    sys.stdout.flush()
    buffer.write(data)
    buffer.flush()


def _parse(text: str):
    """The line's JSON, within the limits; _BadLine says what is wrong."""
    if text.count("[") + text.count("{") > MAX_DEPTH and _depth(text) > MAX_DEPTH:
        raise _BadLine(f"nested too deeply (at most {MAX_DEPTH} levels)")
    try:
        return json.loads(text, parse_int=_int, parse_float=_float, parse_constant=_constant,
                          object_pairs_hook=_object)
    except json.JSONDecodeError as exc:
        raise _BadLine(f"not valid JSON: {exc.msg} (column {exc.colno})") from None
    except RecursionError:
        raise _BadLine(f"nested too deeply (at most {MAX_DEPTH} levels)") from None


_SPECIAL = None


def _depth(text: str, stop: int = MAX_DEPTH) -> int:
    """How deep brackets nest outside strings (at most `stop` + 1: it stops there).

    One pass over the characters that matter, in time linear in the line: a regex that
    matched whole strings would rescan to the end of the line from every quote of an
    unterminated one (quadratic: minutes for a 1 MB line of escaped quotes)."""
    global _SPECIAL
    import re

    if _SPECIAL is None:
        _SPECIAL = re.compile(r'["\\\[\]{}]')
    depth = deepest = 0
    in_string, skip = False, -1
    for m in _SPECIAL.finditer(text):
        at = m.start()
        if at == skip:
            continue  # the character after a backslash
        ch = text[at]
        if in_string:
            if ch == "\\":
                skip = at + 1
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > stop:
                    break
        elif ch in "]}":
            depth -= 1
    return deepest


def _number_text(s: str) -> None:
    if len(s) > MAX_NUMBER_CHARS:
        raise _BadLine(f"a number written with {len(s)} characters (at most {MAX_NUMBER_CHARS})")


def _int(s: str) -> int:
    _number_text(s)
    return int(s)


def _float(s: str) -> float:
    _number_text(s)
    value = float(s)
    if value != value or value in (float("inf"), float("-inf")):
        raise _BadLine(f"the number {s} is too large")
    return value


def _constant(name: str):
    raise _BadLine(f"{name} is not a number JSON allows")


def _object(pairs: list) -> dict:
    out = {}
    for key, value in pairs:
        if key in out:
            raise _BadLine(f"duplicate key {_quoted(key)}")
        out[key] = value
    return out


def _quoted(value) -> str:
    from simulator.safetext import shown

    return "'" + shown(value, 40) + "'" if isinstance(value, str) else shown(json.dumps(value), 40)


def _message(exc: Exception) -> str:
    from simulator.safetext import printable

    if isinstance(exc, KeyError):
        return f"missing key {_quoted(exc.args[0])}"
    return printable(str(exc))


def _text(value, key: str, limit: int) -> str:
    """A string from the line: no lone surrogate, not over `limit` characters."""
    from simulator.safetext import describe_char

    if len(value) > limit:
        hint = ": shorten it, or judge it as several replies" if key in ("reply", "--reply") else ""
        raise _BadLine(f"'{key}' too long: {len(value):,} characters (at most {limit:,}{hint})")
    for i, ch in enumerate(value):
        if "\ud800" <= ch <= "\udfff":
            raise _BadLine(f"'{key}' holds {describe_char(ch)} at character {i + 1}")
    return value


def _context(obj, base: dict):
    """A ReplyContext from one JSONL object; ValueError/TypeError/KeyError explain bad input."""
    from scoring import Policy, ReplyContext

    if not isinstance(obj, dict):
        raise TypeError("each line must be a JSON object")
    reply = obj["reply"]
    if not isinstance(reply, str):
        raise TypeError("'reply' must be a string")
    reply = _text(reply, "reply", _max_text_chars())
    customer = obj.get("customer")
    if isinstance(customer, str):
        customer = (customer,)
    elif isinstance(customer, list) and all(isinstance(c, str) for c in customer):
        customer = tuple(customer)
    elif customer is None:
        customer = ()
    else:
        raise TypeError("'customer' must be a string or a list of strings")
    if len(customer) > MAX_CUSTOMER_LINES:
        raise _BadLine(f"'customer' has {len(customer)} lines (at most {MAX_CUSTOMER_LINES})")
    customer = tuple(_text(c, "customer", _max_text_chars()) for c in customer)
    phase = _choice(obj, "phase", _PHASES, "venting")
    language = _choice(obj, "language", _LANGUAGES, base.get("language", "en"))
    channel = _choice(obj, "channel", _CHANNELS, base.get("channel", "chat"))
    name = obj.get("customer_name", base.get("customer_name", ""))
    if not isinstance(name, str):
        raise TypeError("'customer_name' must be a string")
    name = _text(name, "customer_name", MAX_NAME_CHARS)
    policy = base.get("policy", Policy())
    if obj.get("policy") is not None:
        pol = obj["policy"]
        if not isinstance(pol, dict):
            raise TypeError("'policy' must be an object")
        unknown = set(pol) - {"min_days", "max_discount_percent", "can_refund", "can_escalate"}
        if unknown:
            raise ValueError(f"unknown policy key(s): {', '.join(_quoted(k) for k in sorted(unknown))}")
        policy = Policy(
            min_days=_number(pol, "min_days", policy.min_days),
            max_discount_percent=_number(pol, "max_discount_percent", policy.max_discount_percent),
            can_refund=_flag(pol, "can_refund", policy.can_refund),
            can_escalate=_flag(pol, "can_escalate", policy.can_escalate),
        )
    latency = _number(obj, "latency_s", 0.0)
    return ReplyContext(reply=reply, customer=customer, phase=phase, language=language,
                        channel=channel, customer_name=name, policy=policy, latency_s=latency,
                        extra_phrases=base.get("extra_phrases", ()),
                        corrections=base.get("corrections", ()))


def _choice(obj: dict, key: str, allowed: tuple, default: str) -> str:
    value = obj.get(key)
    if value is None:
        return default
    if not isinstance(value, str) or value not in allowed:
        raise ValueError(f"'{key}' must be one of {', '.join(allowed)}, not {_quoted(value)}")
    return value


def _number(obj: dict, key: str, default: float) -> float:
    value = obj.get(key)
    if value is None:
        return default
    low, high = _RANGES[key]
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not low <= value <= high:
        raise ValueError(f"'{key}' must be a number from {low} to {high}")
    return float(value)


def _flag(obj: dict, key: str, default: bool) -> bool:
    value = obj.get(key)
    if value is None:
        return default
    if not isinstance(value, bool):
        raise ValueError(f"'{key}' must be true or false")
    return value


def _summary(result) -> str:
    """A short human-readable summary: one line per dimension with evidence, then signals."""
    from scoring.model import DIMENSIONS

    rows = []
    for dim in DIMENSIONS:
        d = result[dim]
        if d.score == 0 and not d.note:
            continue
        mark = "+" if d.score > 0 else "-" if d.score < 0 else " "
        quoted = ", ".join(f'"{e.text}"' for e in d.evidence[:3] if e.text)
        rows.append(f"{mark} {dim:<11} {d.score:+.2f}  {d.note}" + (f"  [{quoted}]" if quoted else ""))
        for e in d.evidence:
            if e.reads_like:  # a learned judgement or a centre's correction: say why
                sure = "" if e.confidence >= 0.75 else f" (possibly, {e.confidence:.0%})"
                rows.append(f"      reads like{sure}: " + " | ".join(f'"{x}"' for x in e.reads_like))
    if not rows:
        rows.append("  nothing to judge in this reply")
    signals = ", ".join(sorted(result.signals)) or "none"
    return "\n".join(rows + [f"signals: {signals}"])
