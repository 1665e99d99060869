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
                   help="a centre's corrections of the judge (JSONL, see docs/scoring.md)")
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
            print(f"temper score: {exc}", file=sys.stderr)
            return 2
    if args.jsonl is not None:
        return _run_jsonl(args.jsonl, base)
    ctx = ReplyContext(
        reply=args.reply,
        customer=tuple(args.customer),
        phase=args.phase or "venting",
        language=args.language or base.get("language", "en"),
        channel=args.channel or base.get("channel", "chat"),
        customer_name=args.customer_name if args.customer_name is not None else base.get("customer_name", ""),
        policy=base.get("policy", Policy()),
        latency_s=args.latency,
        extra_phrases=base.get("extra_phrases", ()),
        corrections=base.get("corrections", ()),
    )
    result = score_reply(ctx)
    if args.json:
        print(json.dumps(result.to_dict(), ensure_ascii=False))
    else:
        print(_summary(result))
    return 0


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


def _run_jsonl(path: str, base: dict) -> int:
    from simulator.errors import UsageError

    if path == "-":
        lines = sys.stdin
        return _score_lines(lines, base)
    try:
        with open(path, encoding="utf-8") as fh:
            return _score_lines(fh, base)
    except FileNotFoundError:
        raise UsageError(f"no such file: {path}") from None
    except IsADirectoryError:
        raise UsageError(f"{path} is a folder, not a JSONL file") from None
    except UnicodeDecodeError:
        raise UsageError(f"{path} is not UTF-8 text") from None


def _score_lines(lines, base: dict) -> int:
    from scoring import score_reply

    bad = 0
    for n, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            out = score_reply(_context(json.loads(line), base)).to_dict()
        except (ValueError, TypeError, KeyError) as exc:
            bad += 1
            out = {"line": n, "error": _message(exc)}
        print(json.dumps(out, ensure_ascii=False), flush=False)
    sys.stdout.flush()
    return 1 if bad else 0


def _message(exc: Exception) -> str:
    if isinstance(exc, json.JSONDecodeError):
        return f"not valid JSON: {exc.msg} (column {exc.colno})"
    if isinstance(exc, KeyError):
        return f"missing key {exc.args[0]!r}"
    return str(exc)


def _context(obj, base: dict):
    """A ReplyContext from one JSONL object; ValueError/TypeError/KeyError explain bad input."""
    from scoring import Policy, ReplyContext

    if not isinstance(obj, dict):
        raise TypeError("each line must be a JSON object")
    reply = obj["reply"]
    if not isinstance(reply, str):
        raise TypeError("'reply' must be a string")
    customer = obj.get("customer")
    if isinstance(customer, str):
        customer = (customer,)
    elif isinstance(customer, list) and all(isinstance(c, str) for c in customer):
        customer = tuple(customer)
    elif customer is None:
        customer = ()
    else:
        raise TypeError("'customer' must be a string or a list of strings")
    phase = _choice(obj, "phase", _PHASES, "venting")
    language = _choice(obj, "language", _LANGUAGES, base.get("language", "en"))
    channel = _choice(obj, "channel", _CHANNELS, base.get("channel", "chat"))
    name = obj.get("customer_name", base.get("customer_name", ""))
    if not isinstance(name, str):
        raise TypeError("'customer_name' must be a string")
    policy = base.get("policy", Policy())
    if obj.get("policy") is not None:
        pol = obj["policy"]
        if not isinstance(pol, dict):
            raise TypeError("'policy' must be an object")
        unknown = set(pol) - {"min_days", "max_discount_percent", "can_refund", "can_escalate"}
        if unknown:
            raise ValueError(f"unknown policy key(s): {', '.join(sorted(unknown))}")
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
    if value not in allowed:
        raise ValueError(f"'{key}' must be one of {', '.join(allowed)}, not {value!r}")
    return value


def _number(obj: dict, key: str, default: float) -> float:
    value = obj.get(key)
    if value is None:
        return default
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value != value or value < 0:
        raise ValueError(f"'{key}' must be a number >= 0")
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
