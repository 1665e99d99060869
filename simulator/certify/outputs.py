"""Writing a trainee's certification result: signed JSON, JUnit XML, xAPI JSON, HTML, PDF.

Every file is written atomically, named by a safe, bounded stem made from the trainee's
name (`file_stem`):

    OUT/ana.result.json   OUT/ana.junit.xml   OUT/ana.xapi.json   OUT/ana.html   OUT/ana.pdf

A name that is already a safe stem (lower-case letters, digits, `.`, `_`, `-`, at most
48 characters) is used as it is; any other gets a readable part and 8 hex digits of
its SHA-256, so two names never share files: `Ana María López` is
`ana-maria-lopez-3f1c9a2e`, and a 250-character name stays well under any file
system's limit.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from pathlib import Path

from simulator.certify.junit import junit_xml
from simulator.certify.signing import Key, sign
from simulator.certify.xapi import xapi_statements
from simulator.errors import TemperError
from simulator.files import os_error, write_text_atomic
from simulator.report import certification_report_html, certification_report_title

FORMATS = ("json", "junit", "xapi", "html", "pdf")
SUFFIX = {"json": ".result.json", "junit": ".junit.xml", "xapi": ".xapi.json",
          "html": ".html", "pdf": ".pdf"}
#: The longest stem (the name part of every result file).
MAX_STEM = 48
#: The longest trainee name taken (it is shown in reports and kept in the database).
MAX_TRAINEE_CHARS = 300
_SAFE_STEM = re.compile(r"[a-z0-9][a-z0-9._-]*")
#: Names Windows keeps for devices, with any extension.
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}


def trainee_problem(name: str) -> str | None:
    """Why `name` cannot name a trainee, or None."""
    if not name.strip():
        return "the trainee's name is empty"
    if len(name) > MAX_TRAINEE_CHARS:
        return f"the trainee's name is {len(name):,} characters; at most {MAX_TRAINEE_CHARS} are taken"
    for i, ch in enumerate(name):
        cat = unicodedata.category(ch)
        if cat == "Cs":
            return f"the trainee's name is not valid text (undecodable byte at character {i + 1})"
        if cat in ("Cc", "Zl", "Zp"):
            return (f"the trainee's name holds a control character (U+{ord(ch):04X} at character "
                    f"{i + 1})")
    return None


def file_stem(trainee: str) -> str:
    """The safe, bounded, collision-free name part of a trainee's result files."""
    if _SAFE_STEM.fullmatch(trainee) and len(trainee) <= MAX_STEM and not trainee.endswith(".") \
            and trainee.split(".")[0] not in _RESERVED:
        return trainee
    plain = unicodedata.normalize("NFKD", trainee).encode("ascii", "ignore").decode("ascii").lower()
    readable = re.sub(r"[^a-z0-9]+", "-", plain).strip("-")[: MAX_STEM - 9].strip("-") or "trainee"
    digest = hashlib.sha256(trainee.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    return f"{readable}-{digest}"


def output_path(out_dir: str | Path, trainee: str, fmt: str) -> Path:
    return Path(out_dir) / f"{file_stem(trainee)}{SUFFIX[fmt]}"


def _write(path: Path, text: str, durable: bool) -> None:
    try:
        write_text_atomic(path, text, durable=durable)
    except OSError as exc:
        raise os_error(exc, path) from None


def report_html(result: dict) -> str:
    """The certification report, its failure reasons in the trainee's language when the
    plan it was judged against is at hand (the signed result keeps its English)."""
    from simulator.certify.runner import plan_of

    return certification_report_html(result, plan_of(result))


def write_result(out_dir: str | Path, result: dict, key: Key, formats=FORMATS,
                 html: str | None = None) -> dict[str, Path]:
    """Every text output for one trainee; returns {format: path} (PDF not included).

    `html`: the report, when the caller has made it already (for the PDF). An OS error
    (disk full, permissions) is a TemperError naming the file.
    """
    trainee = result["trainee"]
    written: dict[str, Path] = {}
    todo = {
        "json": lambda: sign(result, key),
        "junit": lambda: junit_xml(result),
        "xapi": lambda: json.dumps(xapi_statements(result), ensure_ascii=False, indent=2) + "\n",
        "html": lambda: html if html is not None else report_html(result),
    }
    for fmt, make in todo.items():
        if fmt in formats:
            path = output_path(out_dir, trainee, fmt)
            # the signed result is the record; the others can be made again from it
            _write(path, make(), durable=fmt == "json")
            written[fmt] = path
    return written


def write_outputs(job) -> str | None:
    """One trainee's files, PDF included; None, or what went wrong (one message naming the
    file). Module-level and never raising, so a process pool can run it for a batch."""
    out_dir, result, key, formats = job
    try:
        html = report_html(result) if {"html", "pdf"} & set(formats) else None
        write_result(out_dir, result, key, formats, html=html)
        if "pdf" in formats:
            from simulator.cli._pdf import write_pdf

            path = output_path(out_dir, result["trainee"], "pdf")
            try:
                write_pdf((html, str(path), certification_report_title(result)))
                with open(path, "rb") as fh:
                    fh.seek(max(0, path.stat().st_size - 1024))
                    complete = b"%%EOF" in fh.read()
            except OSError as exc:
                raise os_error(exc, path) from None
            if not complete:  # Qt says nothing when it runs out of disk
                path.unlink(missing_ok=True)
                raise TemperError(f"cannot write {path}: the PDF was cut short (is the disk full?)")
    except TemperError as exc:
        return str(exc)
    except OSError as exc:
        return str(os_error(exc))
    except UnicodeError as exc:
        return f"cannot write {result.get('trainee')!r}'s results: they hold text that is not valid Unicode ({exc.reason})"
    except Exception as exc:  # a bug of ours: say so, and write everyone else's
        return (f"internal error while writing {result.get('trainee')!r}'s results "
                f"({exc.__class__.__name__}: {exc}); please report it")
    return None
