"""Scenarios that test themselves: play each example and compare its ending."""

from __future__ import annotations

from dataclasses import dataclass

from simulator.scenario import Example, Scenario
from simulator.session import Session


@dataclass(frozen=True)
class ExampleResult:
    scenario: Scenario
    example: Example
    outcome: str
    turns: int  # replies actually played (a conversation may end early)
    session: Session

    @property
    def passed(self) -> bool:
        return self.outcome == self.example.ending

    def describe(self) -> str:
        s, e = self.scenario, self.example
        verdict = "ok" if self.passed else f"FAILED: expected {e.ending}, got {self.outcome}"
        return f"{s.path}:{e.source_line}: {s.id}: example '{e.name}': {verdict} after turn {self.turns}"


def play_example(scenario: Scenario, example: Example) -> ExampleResult:
    session = Session(scenario, seed=example.seed)
    for reply in example.replies:
        if session.finished:
            break
        session.reply(reply.text, reply.latency_s)
    return ExampleResult(scenario, example, session.outcome, len(session.turns), session)


def play_examples(scenario: Scenario) -> list[ExampleResult]:
    return [play_example(scenario, e) for e in scenario.examples]
