"""Issue 12: `temper certify --trainee NAME` carrying on an interrupted sitting replays exactly
what was sat: on the day it began (a "by Thursday" is judged against that day, whatever day
it is resumed on), with its reply times, every replayed turn checked against the record; a
replay that differs is refused naming the turn and what to do, never scored otherwise.
Issue 11: what the trainee reads at the terminal is in the scenario's language."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

import simulator.session as session_module
from simulator.format.loader import load_scenario
from simulator.resume import ReplayDiffers
from simulator.session import Session
from simulator.store import open_store

from .certify_support import GOOD, LATE_DELIVERY

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def by_day_after_next(today: date) -> str:
    """A promise that keeps the policy's two days from `today`, and breaks it a day later."""
    day = WEEKDAYS[(today + timedelta(days=2)).weekday()]
    return f"I will have the replacement coat delivered to you by {day}, Margaret."


@pytest.fixture
def clean_env(monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    for name in ("TEMPER_LANGUAGE", "LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")


def later(monkeypatch, days: int) -> None:
    """From now on a new session counts from `days` days after today (resumed later)."""
    day = date.today() + timedelta(days=days)
    monkeypatch.setattr(session_module, "session_date", lambda: day)


def test_the_store_replays_on_the_recorded_day_and_refuses_a_different_replay(db_url, monkeypatch,
                                                                              clean_env):
    scenario = load_scenario(LATE_DELIVERY)
    today = date.today()
    replies = [GOOD[0], by_day_after_next(today)]
    with open_store(db_url) as store:
        attempt = store.begin_attempt(trainee="ana", plan_id="p", exam_sha256="x", mode="interactive")
        sid = store.begin(trainee="ana", scenario=scenario, seed=1, mode="certify",
                          attempt_id=attempt, entry_id="late_delivery")
        first = Session(scenario, seed=1, observers=[store.recorder(sid)])
        for text in replies:
            first.reply(text, 7.0)
        later(monkeypatch, 1)
        resumed = store.resume(sid, scenario)
        assert resumed.today == today
        assert [t.to_dict() for t in resumed.turns] == [t.to_dict() for t in first.turns]

        def another_judge(context):
            from scoring import score_reply

            import dataclasses

            if context.reply == GOOD[0]:
                context = dataclasses.replace(context, reply="CALM DOWN!!!")
            return score_reply(context)

        with pytest.raises(ReplayDiffers) as differs:
            store.resume(sid, scenario, scorer=another_judge)
        assert differs.value.turn == 1 and "replaying its reply 1" in str(differs.value)
        assert len(store.turns(sid)) == 2 and not store.session(sid).finished
