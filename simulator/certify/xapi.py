"""A trainee's certification result as xAPI statements (JSON), for learning-management
systems: one statement per scenario sat and one for the whole plan, each carrying the
score of every dimension (not only the total) in its result extensions.

Statement ids are UUIDs derived from the plan, trainee and sitting, so re-running gives
the same ids (an LRS then recognises a duplicate rather than storing it twice).
"""

from __future__ import annotations

import uuid

from scoring import SCORER_VERSION

BASE = "https://temper.invalid/xapi"
EXT_DIMENSIONS = f"{BASE}/extensions/dimension-scores"
EXT_OUTCOME = f"{BASE}/extensions/outcome"
EXT_FAILURES = f"{BASE}/extensions/failures"
EXT_SCORER = f"{BASE}/extensions/scorer-version"
EXT_SHA = f"{BASE}/extensions/scenario-sha256"
EXT_SEED = f"{BASE}/extensions/seed"
VERBS = {
    True: {"id": "http://adlnet.gov/expapi/verbs/passed", "display": {"en-US": "passed"}},
    False: {"id": "http://adlnet.gov/expapi/verbs/failed", "display": {"en-US": "failed"}},
}
ASSESSMENT = "http://adlnet.gov/expapi/activities/assessment"
SIMULATION = "http://adlnet.gov/expapi/activities/simulation"


def _actor(trainee: str, base: str = BASE) -> dict:
    return {"objectType": "Agent", "name": trainee,
            "account": {"homePage": f"{base}/trainees", "name": trainee}}


def _result(score: float, passed: bool, dimensions: dict, completion: bool, extra: dict,
            dimensions_iri: str = EXT_DIMENSIONS) -> dict:
    return {
        "score": {"scaled": round(score / 100.0, 4), "raw": score, "min": 0, "max": 100},
        "success": passed,
        "completion": completion,
        "extensions": {dimensions_iri: dict(dimensions), **extra},
    }


def xapi_statements(result: dict, base: str | None = None,
                    centre_name: str | None = None) -> list[dict]:
    """`base` and `centre_name` default to the settings file's `xapi_base_iri` (else
    https://temper.invalid/xapi) and `centre_name` (else none)."""
    if base is None or centre_name is None:
        from simulator.config import load_config

        settings = load_config()
        base = base or settings.get("xapi_base_iri") or BASE
        centre_name = centre_name if centre_name is not None else settings.get("centre_name")
    plan = result["plan"]
    trainee = result["trainee"]
    plan_iri = f"{base}/plans/{plan['id']}"
    platform = {"platform": centre_name} if centre_name else {}
    ext = {name: name.replace(BASE, base, 1) for name in
           (EXT_DIMENSIONS, EXT_OUTCOME, EXT_FAILURES, EXT_SCORER, EXT_SHA, EXT_SEED)}
    stamp = result.get("generated_at", "")

    def sid(*parts: str) -> str:
        return str(uuid.uuid5(uuid.NAMESPACE_URL, "/".join((plan_iri, plan["sha256"], trainee, *parts))))

    out = []
    for s in result.get("scenarios", ()):
        out.append({
            "id": sid(s["id"]),
            "actor": _actor(trainee, base),
            "verb": VERBS[bool(s["passed"])],
            "object": {"objectType": "Activity", "id": f"{plan_iri}/scenarios/{s['id']}",
                       "definition": {"name": {"en-US": s["title"]}, "type": SIMULATION}},
            "result": _result(s["score"], bool(s["passed"]), s["dimensions"], s["outcome"] != "unfinished", {
                ext[EXT_OUTCOME]: s["outcome"],
                ext[EXT_FAILURES]: [f["message"] for f in s["failures"]],
            }, ext[EXT_DIMENSIONS]),
            "context": {
                **platform,
                "contextActivities": {"parent": [{"objectType": "Activity", "id": plan_iri}]},
                "extensions": {ext[EXT_SCORER]: result.get("scorer_version", SCORER_VERSION),
                               ext[EXT_SHA]: s["sha256"], ext[EXT_SEED]: s["seed"]},
            },
            "timestamp": stamp,
        })
    out.append({
        "id": sid(),
        "actor": _actor(trainee, base),
        "verb": VERBS[bool(result["passed"])],
        "object": {"objectType": "Activity", "id": plan_iri,
                   "definition": {"name": {"en-US": plan["title"]}, "type": ASSESSMENT}},
        "result": _result(result["score"], bool(result["passed"]), result["dimensions"], True, {
            ext[EXT_FAILURES]: [f["message"] for f in result.get("failures", ())],
        }, ext[EXT_DIMENSIONS]),
        "context": {**platform,
                    "extensions": {ext[EXT_SCORER]: result.get("scorer_version", SCORER_VERSION)}},
        "timestamp": stamp,
    })
    return out
