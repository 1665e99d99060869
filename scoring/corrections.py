"""A centre's corrections of the judge: trainers mark a judgement wrong, the judge learns.

A correction says of one reply "it does (not) do <act kind>". From then on the reader
applies it to that reply and to replies that read almost the same (cosine over word
n-grams ≥ `SIMILAR`), visibly: the act's `reads_like` says "as corrected by your centre on
3 Dec" and quotes the corrected reply. Corrections never change the shipped model; they
travel as a JSONL file (`temper score --corrections FILE`, export/import between
machines) and with the results store.

File format, one JSON object per line:
    {"reply": "...", "language": "en", "kind": "blame", "verdict": false,
     "who": "trainer name", "on": "2026-12-03", "note": "a fact, not blame"}
"""

from __future__ import annotations

import json
import math
from datetime import date
from pathlib import Path

from scoring.learned import word_grams
from scoring.model import ACT_KINDS, Correction

#: How alike a reply must read to a corrected one for the correction to apply.
SIMILAR = 0.8
#: The rule a "the reply does this" correction is scored as, per act kind.
RULE_OF_KIND = {
    **{k: f"stance.{k}" for k in ("blame", "condescension", "tone_policing", "minimising", "sarcasm",
                                  "brush_off", "arguing", "threat")},
    "shouting": "calm.shouting",
    "profanity": "calm.profanity",
    "apology": "apology.genuine",
    "non_apology": "stance.non_apology",
    "empathy": "empathy.validate",
    "closure_check": "closure.check",
    "handoff": "ownership.deflect",
    "ownership": "ownership.i_will",
    "invitation": "listening.invite",
    "thanks": "personal.thanks",
}
_MONTHS = {"en": "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split(),
           "es": "ene feb mar abr may jun jul ago sep oct nov dic".split()}
_CORRECTED = {"en": "as corrected by your centre{on}", "es": "según la corrección de su centro{on}"}


class CorrectionError(ValueError):
    """A corrections file that cannot be used; the message names the file and line."""


def similarity(a: str, b: str, language: str) -> float:
    ga, gb = word_grams(a, language), word_grams(b, language)
    if not ga or not gb:
        return 1.0 if a.strip() == b.strip() else 0.0
    return len(ga & gb) / math.sqrt(len(ga) * len(gb))


def applying(reply: str, language: str, corrections) -> list[tuple[Correction, float]]:
    """The corrections that apply to `reply`, most similar first, one per kind."""
    found: dict[str, tuple[Correction, float]] = {}
    for c in corrections or ():
        if c.language != language:
            continue
        sim = similarity(reply, c.reply, language)
        if sim >= SIMILAR and (c.kind not in found or sim > found[c.kind][1]):
            found[c.kind] = (c, sim)
    return sorted(found.values(), key=lambda x: (-x[1], x[0].kind))


def shown_as(c: Correction, language: str) -> str:
    """'as corrected by your centre on 3 Dec: "<reply>"' in the session's language."""
    on = ""
    try:
        d = date.fromisoformat(c.on)
        on = f" {'el' if language == 'es' else 'on'} {d.day} {_MONTHS.get(language, _MONTHS['en'])[d.month - 1]}"
    except (TypeError, ValueError):
        pass
    text = _CORRECTED.get(language, _CORRECTED["en"]).format(on=on)
    return f"{text}: \u201c{c.reply}\u201d"


def parse(obj, where: str) -> Correction:
    if not isinstance(obj, dict):
        raise CorrectionError(f"{where}: expected an object with reply, language, kind, verdict")
    missing = [k for k in ("reply", "language", "kind", "verdict") if k not in obj]
    if missing:
        raise CorrectionError(f"{where}: missing {', '.join(missing)}")
    if obj["kind"] not in ACT_KINDS:
        raise CorrectionError(f"{where}: unknown kind {str(obj['kind'])[:40]!r} "
                              f"(one of: {', '.join(sorted(RULE_OF_KIND))})")
    if not isinstance(obj["verdict"], bool):
        raise CorrectionError(f"{where}: verdict must be true (it does) or false (it does not)")
    if obj["language"] not in ("en", "es"):
        raise CorrectionError(f"{where}: language must be en or es")
    if not isinstance(obj["reply"], str) or not obj["reply"].strip():
        raise CorrectionError(f"{where}: reply must be the reply's text")
    return Correction(obj["reply"], obj["language"], obj["kind"], obj["verdict"],
                      str(obj.get("who", ""))[:200], str(obj.get("on", ""))[:10],
                      str(obj.get("note", ""))[:500])


def load(path: str | Path) -> tuple[Correction, ...]:
    """Every correction in a JSONL file; a bad line raises CorrectionError at its line."""
    out = []
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CorrectionError(f"{path}: cannot read corrections ({exc.__class__.__name__})") from None
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except (ValueError, RecursionError):
            raise CorrectionError(f"{path}:{n}: not a JSON object") from None
        out.append(parse(obj, f"{path}:{n}"))
    return tuple(out)


def to_lines(corrections) -> str:
    """The JSONL text of `corrections` (what `load` reads back)."""
    lines = [json.dumps({"reply": c.reply, "language": c.language, "kind": c.kind,
                         "verdict": c.verdict, "who": c.who, "on": c.on, "note": c.note},
                        ensure_ascii=False, sort_keys=True) for c in corrections]
    return "\n".join(lines) + ("\n" if lines else "")


def dump(corrections, path: str | Path) -> None:
    Path(path).write_text(to_lines(corrections), encoding="utf-8")
