"""Text from untrusted files, made safe to show: in a terminal, in a message, in XML.

Files a user opens may hold anything: control characters and ANSI escapes (which a
terminal obeys: colours, cursor moves, a carriage return that overwrites the line),
bidirectional overrides that make text read differently from what it is, and lone
surrogates (from a YAML or JSON escape like `\\ud800`), which are not Unicode text at all
and cannot be written as UTF-8. Three uses, three functions:

- `printable(text)`: every such character written as a visible escape (`\\x1b`, `\\r`,
  `\\ud800`, `\\u202e`); for whatever reaches a terminal or a one-line message.
- `shown(text, limit)`: the same, cut to `limit` characters; for echoing a value from a
  file inside a message ("'...' is not one of ...").
- `xml_safe(text)`: the characters XML 1.0 forbids written as visible escapes; for XML
  and HTML outputs (tab, line feed and carriage return are allowed there and kept).

`unsafe_char(text)` finds the first character a text value in a file may not hold.

File names are a fourth case: on Linux a name may hold bytes that are not UTF-8, which
Python keeps as lone surrogates (U+DC80..U+DCFF, `os.fsdecode`). `path_text(path)` writes
each such byte as a visible `\\xNN` (the byte itself), so a name goes into JSON, XML, the
results store and a terminal as valid UTF-8; `path_from_text` undoes it, to open the file.
"""

from __future__ import annotations

import os
import re

# C0 and C1 controls and DEL; lone surrogates; line and paragraph separators; the
# bidirectional embeddings, overrides and isolates; BOM / zero-width no-break space;
# the non-characters U+FFFE and U+FFFF.
_TERMINAL_UNSAFE = re.compile(
    "[\x00-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff\ufffe\uffff]"
)
# In a text value: the same, except tab and line feed, which texts may hold.
_VALUE_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029\u202a-\u202e\u2066-\u2069"
    "\ufeff\ufffe\uffff]"
)
# What XML 1.0 forbids: Char ::= #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match) -> str:
    ch = match.group()
    if ch in _NAMED:
        return _NAMED[ch]
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """`text` with every character a terminal would obey (or cannot print) escaped."""
    return _TERMINAL_UNSAFE.sub(_escape, text)


def shown(text: object, limit: int = 60) -> str:
    """A value from a file, printable and at most about `limit` characters long."""
    text = str(text)
    if len(text) > limit:
        text = text[: max(limit - 3, 1)] + "..."
    return printable(text)


def unsafe_char(text: str) -> tuple[int, str] | None:
    """(index, character) of the first character no text value may hold, or None."""
    match = _VALUE_UNSAFE.search(text)
    return (match.start(), match.group()) if match else None


def describe_char(ch: str) -> str:
    """What kind of character one from `unsafe_char` is, escaped, for a message."""
    code, escaped = ord(ch), printable(ch)
    if 0xD800 <= code <= 0xDFFF:
        return f"a lone surrogate ({escaped}: not Unicode text)"
    if code in (0x2028, 0x2029):
        return f"a line separator ({escaped}: use a normal line break)"
    if 0x202A <= code <= 0x202E or 0x2066 <= code <= 0x2069:
        return f"a bidirectional control ({escaped}: it makes text read differently from what it is)"
    if code == 0xFEFF:
        return f"an invisible byte-order mark ({escaped})"
    if code in (0xFFFE, 0xFFFF):
        return f"the non-character {escaped}"
    return f"a control character ({escaped})"


def xml_safe(text: str) -> str:
    """`text` with the characters XML 1.0 forbids written as visible escapes."""
    return _XML_FORBIDDEN.sub(_escape, text)


_SURROGATE = re.compile("[\ud800-\udfff]")
_ESCAPED_BYTE = re.compile(r"\\x([89a-f][0-9a-f])")


def _byte_or_char(match: re.Match) -> str:
    code = ord(match.group())
    return f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else f"\\u{code:04x}"


def path_text(path) -> str:
    """A file name as valid UTF-8 text: each byte that was not UTF-8 as a visible `\\xNN`
    (`caf\\xe9.yaml` for the Latin-1 name `café.yaml`), any other lone surrogate as
    `\\uNNNN`; every other character as it is."""
    if isinstance(path, bytes):
        path = os.fsdecode(path)
    text = os.fspath(path) if not isinstance(path, str) else path
    text = str(text)
    return _SURROGATE.sub(_byte_or_char, text) if _SURROGATE.search(text) else text


def path_from_text(text: str) -> str:
    """The file name `path_text` wrote, to open it: a name that exists as written is
    taken as it is; otherwise its `\\xNN` escapes (80..ff) are the bytes they stand for."""
    if os.path.exists(text) or not _ESCAPED_BYTE.search(text):
        return text
    return _ESCAPED_BYTE.sub(lambda m: chr(0xDC00 + int(m.group(1), 16)), text)
