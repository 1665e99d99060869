"""Issue 12: `temper certify --trainee NAME` carrying on an interrupted sitting replays exactly
what was sat: on the day it began (a "by Thursday" is judged against that day, whatever day
it is resumed on), with its reply times, every replayed turn checked against the record; a
replay that differs is refused naming the turn and what to do, never scored otherwise.
Issue 11: what the trainee reads at the terminal is in the scenario's language."""

from __future__ import annotations

import io
import json
from datetime import date, timedelta

import pytest

import simulator.session as session_module
from simulator.format.loader import load_scenario
from simulator.resume import ReplayDiffers
from simulator.session import Session
from simulator.store import open_store

from .certify_support import GOOD, LATE_DELIVERY, REPO, key_file, make_plan, run
from .test_terminal_spanish import english_in

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


def sit(capsys, monkeypatch, tmp_path, db, lines, plan=None):
    monkeypatch.setattr("sys.stdin", io.StringIO("".join(line + "\n" for line in lines)))
    return run(capsys, "certify", plan or make_plan(tmp_path), "--trainee", "ana",
               "--key-file", key_file(tmp_path), "--out", tmp_path / "out", "--db", db,
               "--formats", "json")


def later(monkeypatch, days: int) -> None:
    """From now on a new session counts from `days` days after today (resumed later)."""
    day = date.today() + timedelta(days=days)
    monkeypatch.setattr(session_module, "session_date", lambda: day)


def test_a_sitting_resumed_on_a_later_day_scores_as_if_sat_at_once(capsys, monkeypatch, tmp_path,
                                                                   db_url, clean_env):
    today = date.today()
    replies = [GOOD[0], by_day_after_next(today), *GOOD[2:]]
    code, out, err = sit(capsys, monkeypatch, tmp_path, db_url, replies[:2])
    assert code == 3, out + err  # the input ended: interrupted, both replies recorded

    later(monkeypatch, 1)  # tomorrow the same promise would be one day: too soon
    code, out, err = sit(capsys, monkeypatch, tmp_path, db_url, replies[2:])
    assert code in (0, 1), out + err
    assert "2 replies recovered" in out
    sitting = json.loads((tmp_path / "out" / "ana.result.json").read_text())["scenarios"][0]

    straight = Session(load_scenario(LATE_DELIVERY), seed=1, today=today)
    for text in replies:
        if not straight.finished:
            straight.reply(text, 0.0)
    got = sitting["transcript"]
    assert got["today"] == today.isoformat()
    assert [t["reply"] for t in got["turns"]] == replies[:len(got["turns"])]
    second = got["turns"][1]
    assert "over_promised" not in second["signals"] and second["scores"]["promises"]["score"] > 0
    assert sitting["score"] == round(straight.transcript()["score"], 2)
    assert got["session"]["dimensions"] == straight.transcript()["session"]["dimensions"]


def test_a_changed_judge_is_refused_naming_the_turn_and_nothing_is_scored(capsys, monkeypatch,
                                                                           tmp_path, db_url, clean_env):
    code, out, err = sit(capsys, monkeypatch, tmp_path, db_url, GOOD[:3])
    assert code == 3, out + err

    def another_judge(context):  # since the sitting, the judge reads reply 2 otherwise
        import dataclasses

        from scoring import score_reply

        if "six days" in context.reply:
            context = dataclasses.replace(context, reply="Calm down. You should have ordered earlier.")
        return score_reply(context)

    seed, _scorer, *rest = Session.__init__.__defaults__
    monkeypatch.setattr(Session.__init__, "__defaults__", (seed, another_judge, *rest))
    code, out, err = sit(capsys, monkeypatch, tmp_path, db_url, GOOD[3:])
    assert code == 3, out + err
    assert "Traceback" not in err
    assert "ana's sitting late_delivery (session 1) cannot be carried on: replaying reply 2 " \
           "no longer gives the turn that was recorded" in " ".join(err.split())
    assert "temper report 1 --html FILE" in err and "ask your trainer" in err
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())
    with open_store(db_url) as store:
        [record] = store.sessions("ana")
        assert not record.finished and [t["reply"] for t in store.turns(record.id)] == GOOD[:3]
        [attempt] = store.attempts("ana")
        assert not attempt.finished


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


# --- issue 11: in the trainee's language ----------------------------------------------------

SPANISH = "lavadora_garantia"


def test_a_spanish_sitting_speaks_spanish_at_the_terminal(capsys, monkeypatch, tmp_path, clean_env):
    from simulator.library import resolve

    scenario = resolve(SPANISH)
    replies = [r.text for r in scenario.examples[0].replies]
    plan = tmp_path / "plan.yaml"
    plan.write_text("format: 1\ntitle: Certificación de prueba\npass_mark: 60\nreply_time_limit_s: 600\n"
                    f"scenarios:\n  - scenario: {REPO / 'scenarios' / (SPANISH + '.yaml')}\n"
                    "    seed: 1\n", encoding="utf-8")
    db = tmp_path / "r.db"
    seen = []
    code, out, err = sit(capsys, monkeypatch, tmp_path, db, [replies[0], "/salir"], plan=plan)
    assert code == 3, out + err
    seen.append(out)
    assert "condiciones de examen" in out and "usted> " in out
    assert "como máximo 600 s por respuesta" in out
    assert "Parado. Sus respuestas hasta ahora quedan guardadas" in out

    code, out, err = sit(capsys, monkeypatch, tmp_path, db, replies[1:], plan=plan)
    seen.append(out)
    assert "reanudando su intento interrumpido" in out and "1 respuesta recuperada" in out
    names = ("ana", SPANISH, scenario.title, scenario.customer.name, "Certificación de prueba",
             str(tmp_path))
    assert code in (0, 1), out + err
    assert "Resultados en" in out  # the summary the trainee reads ends the sitting in Spanish
    assert english_in("\n".join(seen), *names) == []
