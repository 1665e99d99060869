"""XML and HTML outputs stay well-formed whatever the names and replies held (issue 12:
a control character in a trainee name, a reply or a plan title broke the JUnit XML)."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

from simulator.certify.junit import junit_xml
from simulator.report import certification_report_html, session_report_html

from .certify_support import EXAMPLES

# Everything XML 1.0 forbids (tab, LF and CR are allowed).
FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def poisoned_result() -> dict:
    result = json.loads((EXAMPLES / "results" / "bob.result.json").read_text(encoding="utf-8"))
    result["trainee"] = "bob\x01\x1b[31m"
    result["plan"]["title"] = "Late deliveries\x0c, level 1"
    sitting = result["scenarios"][0]
    sitting["failures"][0]["message"] += " \x00\ud800"
    sitting["title"] = "The coat\x08"
    turn = sitting["transcript"]["turns"][0]
    turn["reply"] = "Calm\x0b down.\uffff"
    turn["customer"] = "What?\x1f"
    return result


def test_junit_with_control_characters_everywhere_is_well_formed():
    xml = junit_xml(poisoned_result())
    assert not FORBIDDEN.search(xml)
    root = ET.fromstring(xml.encode("utf-8"))  # raises on XML that is not well-formed
    props = {p.get("name"): p.get("value") for p in root.iter("property")}
    assert props["trainee"] == "bob\\x01\\x1b[31m", "the character is shown, not silently lost"
    assert root.get("name").endswith("Late deliveries\\x0c, level 1")
    failure = next(root.iter("failure"))
    assert failure.get("message").endswith("\\x00\\ud800")


def test_html_reports_carry_no_character_xml_forbids():
    result = poisoned_result()
    for page in (certification_report_html(result),
                 session_report_html(result["scenarios"][0]["transcript"])):
        assert not FORBIDDEN.search(page)
        page.encode("utf-8")  # no lone surrogate left
    assert "\\x0b" in session_report_html(result["scenarios"][0]["transcript"]), "shown, not lost"
