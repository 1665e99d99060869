"""Text from files and databases, made safe to show: no control characters or terminal
escapes reach the screen, and nothing unbounded fills it."""

from __future__ import annotations

import unicodedata


def printable(text: str, limit: int | None = None) -> str:
    """`text` with every control, format or unpaired-surrogate character written as an
    escape (\\n, \\x1b, \\u202e…), cut to `limit` characters when given."""
    out = []
    for ch in text:
        if ch in "\n\t" and limit is None:
            out.append(ch)  # a multi-line message stays multi-line
            continue
        cat = unicodedata.category(ch)
        if cat in ("Cc", "Cf", "Cs", "Zl", "Zp"):
            code = ord(ch)
            out.append({"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(ch)
                       or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"))
        else:
            out.append(ch)
    shown = "".join(out)
    if limit is not None and len(shown) > limit:
        shown = shown[: max(0, limit - 1)] + "…"
    return shown
