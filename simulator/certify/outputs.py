"""Writing a trainee's certification result: signed JSON, JUnit XML, xAPI JSON, HTML.

(The PDF is printed from the HTML by `ui.export`, through `simulator.cli._pdf`.)
Every file is written atomically, named after the trainee:

    OUT/ana.result.json   OUT/ana.junit.xml   OUT/ana.xapi.json   OUT/ana.html   OUT/ana.pdf
"""

from __future__ import annotations

import json
from pathlib import Path

from simulator.certify.junit import junit_xml
from simulator.certify.signing import Key, sign
from simulator.certify.xapi import xapi_statements
from simulator.files import write_text_atomic
from simulator.report import certification_report_html

FORMATS = ("json", "junit", "xapi", "html", "pdf")
SUFFIX = {"json": ".result.json", "junit": ".junit.xml", "xapi": ".xapi.json",
          "html": ".html", "pdf": ".pdf"}


def output_path(out_dir: str | Path, trainee: str, fmt: str) -> Path:
    return Path(out_dir) / f"{trainee}{SUFFIX[fmt]}"


def write_result(out_dir: str | Path, result: dict, key: Key, formats=FORMATS,
                 html: str | None = None) -> dict[str, Path]:
    """Every text output for one trainee; returns {format: path} (PDF not included).

    `html`: the report, when the caller has made it already (for the PDF).
    """
    trainee = result["trainee"]
    written: dict[str, Path] = {}
    todo = {
        "json": lambda: sign(result, key),
        "junit": lambda: junit_xml(result),
        "xapi": lambda: json.dumps(xapi_statements(result), ensure_ascii=False, indent=2) + "\n",
        "html": lambda: html if html is not None else certification_report_html(result),
    }
    for fmt, make in todo.items():
        if fmt in formats:
            path = output_path(out_dir, trainee, fmt)
            # the signed result is the record; the others can be made again from it
            write_text_atomic(path, make(), durable=fmt == "json")
            written[fmt] = path
    return written
