"""The conversation rulebook as a diagram (Mermaid or Graphviz DOT text).

Drawn from `simulator.rulebook.machine.TRANSITIONS` itself, so the picture cannot drift from
the rules; a scenario fills in its own thresholds.
"""

from __future__ import annotations

from scoring.model import PHASES
from simulator.rulebook.machine import ENDINGS, TRANSITIONS
from simulator.format.scenario import Scenario


def guard_labels(scenario: Scenario) -> dict[str, str]:
    h = scenario.hostility
    wait = "slow reply" if scenario.channel in ("chat", "phone", "whatsapp") else None
    leaves = [f"hostility >= {h.breaking_point:g}" if h.gives_up_by == "abandoned" else None,
              f"{wait} pushes it >= {h.breaking_point:g}" if wait else None,
              f"{h.max_turns} replies without agreement"]
    return {
        "walks_out": " or ".join(x for x in leaves if x),
        "escalates": f"hostility >= {h.breaking_point:g}",
        "heard": "heard (apology, empathy or an open question)",
        "past_peak": f"after {h.rise_turns} replies",
        "problem_identified": "problem restated" + (" or a concern addressed" if scenario.concerns else ""),
        "solution_offered": (
            "every concern addressed: " + ", ".join(c.need for c in scenario.concerns)
            if scenario.concerns else
            f"offer within policy ({scenario.policy.min_days:g}+ days, "
            f"<= {scenario.policy.max_discount_percent:g}% off"
            f"{', refund' if scenario.policy.can_refund else ''})"),
        "agrees": (f"hostility < {h.agrees_below:g} and (closure checked"
                   + (" or every concern addressed)" if scenario.concerns else ")")),
        "agent_closed": "the trainee closes before the customer agrees",
    }


def _edges(scenario: Scenario):
    labels = guard_labels(scenario)
    for row in TRANSITIONS:
        sources = row["source"] if isinstance(row["source"], list) else [row["source"]]
        label = " and ".join(labels[c] for c in row["conditions"])
        if row["dest"] == "escalated" and scenario.hostility.gives_up_by == "abandoned":
            continue  # this customer never escalates: they leave
        for src in sources:
            yield src, row["dest"], label


def mermaid(scenario: Scenario) -> str:
    out = ["stateDiagram-v2", f"    %% {scenario.title}", "    [*] --> venting"]
    out += [f"    {a} --> {b}: {label.replace(':', ' ')}" for a, b, label in _edges(scenario)]
    out += [f"    {e} --> [*]" for e in ENDINGS]
    return "\n".join(out) + "\n"


def dot(scenario: Scenario) -> str:
    out = ["digraph conversation {", f'    label="{_q(scenario.title)}";', "    rankdir=LR;",
           '    start [shape=point];']
    out += [f"    {p} [shape=box, style=rounded];" for p in PHASES]
    out += [f"    {e} [shape=doublecircle];" for e in ENDINGS]
    out.append("    start -> venting;")
    out += [f'    {a} -> {b} [label="{_q(label)}"];' for a, b, label in _edges(scenario)]
    out.append("}")
    return "\n".join(out) + "\n"


def _q(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')
