"""A trainee's certification result as JUnit XML: one test case per scenario.

Learning-management and CI tools read it: a failed sitting is a <failure> whose message
is the first reason and whose text lists them all.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from simulator.safetext import xml_safe


def _num(value: float) -> str:
    return f"{float(value):.2f}"


def _xml_safe_tree(root: ET.Element) -> None:
    """Every text and attribute without the characters XML 1.0 forbids: a control
    character in a trainee's name, a reply or a plan title made the file not
    well-formed, and readers refuse the whole report."""
    for el in root.iter():
        if el.text:
            el.text = xml_safe(el.text)
        if el.tail:
            el.tail = xml_safe(el.tail)
        for name, value in el.attrib.items():
            el.set(name, xml_safe(value))


def junit_xml(result: dict) -> str:
    trainee = result["trainee"]
    sittings = result.get("scenarios", [])
    failures = sum(1 for s in sittings if not s["passed"])
    total_time = sum(t["latency_s"] for s in sittings for t in (s.get("transcript") or {}).get("turns", ()))
    plan = result.get("plan", {})
    suites = ET.Element("testsuites", {
        "name": f"Temper certification: {plan.get('title', '')}",
        "tests": str(len(sittings)), "failures": str(failures), "errors": "0",
        "time": _num(total_time),
    })
    suite = ET.SubElement(suites, "testsuite", {
        "name": f"{plan.get('id', 'plan')}.{trainee}",
        "tests": str(len(sittings)), "failures": str(failures), "errors": "0", "skipped": "0",
        "time": _num(total_time), "timestamp": result.get("generated_at", ""),
    })
    props = ET.SubElement(suite, "properties")
    for name, value in (
        ("trainee", trainee), ("plan", plan.get("file", "")), ("plan_sha256", plan.get("sha256", "")),
        ("scorer_version", result.get("scorer_version", "")), ("score", _num(result.get("score", 0))),
        ("pass_mark", _num(plan.get("pass_mark", 0))), ("passed", str(bool(result.get("passed"))).lower()),
    ):
        ET.SubElement(props, "property", {"name": name, "value": str(value)})
    for s in sittings:
        turns = (s.get("transcript") or {}).get("turns", ())
        case = ET.SubElement(suite, "testcase", {
            "classname": f"{plan.get('id', 'plan')}.{trainee}", "name": s["id"],
            "time": _num(sum(t["latency_s"] for t in turns)),
        })
        if not s["passed"]:
            fail = ET.SubElement(case, "failure", {
                "message": s["failures"][0]["message"] if s["failures"] else "failed",
                "type": s["failures"][0]["code"] if s["failures"] else "failed",
            })
            fail.text = "\n".join(f["message"] for f in s["failures"])
        out = ET.SubElement(case, "system-out")
        dims = ", ".join(f"{d} {v:.1f}" if v is not None else f"{d} not assessed"
                         for d, v in s["dimensions"].items())
        out.text = (f"scenario {s['scenario']} ({s['file']}, sha256 {s['sha256']}), seed {s['seed']}: "
                    f"outcome {s['outcome']}, score {s['score']:.1f} (pass mark {s['pass_mark']:g}); {dims}")
    _xml_safe_tree(suites)
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"
