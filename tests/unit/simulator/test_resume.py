"""Resuming an unfinished practice session: rebuilt by replaying its recorded replies, checked
against what was recorded, and carried on in the same History entry; refused, saying why,
when it cannot be the same conversation."""

from __future__ import annotations

import shutil

import pytest

from simulator.format.loader import load_scenario
from simulator.resume import CannotResume, resume_session, why_not_text
from simulator.session import Session
from simulator.store import open_store

from .certify_support import GOOD, LATE_DELIVERY


def _interrupted(store, scenario, replies, seed=3, mode="practice"):
    sid = store.begin(trainee="ana", scenario=scenario, seed=seed, mode=mode)
    session = Session(scenario, seed=seed, observers=[store.recorder(sid)])
    for text in replies:
        if not session.finished:
            session.reply(text, 6.0)
    return sid, session


def test_a_resumed_session_is_the_interrupted_one_and_finishes_in_the_same_entry(db_url):
    scenario = load_scenario(LATE_DELIVERY)
    with open_store(db_url) as store:
        sid, first = _interrupted(store, scenario, GOOD[:2])
        resumed = resume_session(store, sid)
        assert [t.to_dict() for t in resumed.turns] == [t.to_dict() for t in first.turns]
        assert resumed.customer_line == first.customer_line and resumed.hostility == first.hostility
        resumed.observers.append(store.recorder(sid))
        for text in GOOD[2:]:
            if not resumed.finished:
                resumed.reply(text, 6.0)
        assert resumed.finished
        store.finish(sid, resumed.transcript())
        # the same replies in one go give the same conversation: nothing lost, nothing doubled
        straight = Session(scenario, seed=3)
        for text in GOOD:
            if not straight.finished:
                straight.reply(text, 6.0)
        [record] = store.sessions("ana")
        assert record.id == sid and record.finished
        assert store.transcript(sid) == straight.transcript()
        assert [t["index"] for t in store.turns(sid)] == list(range(1, len(straight.turns) + 1))


def test_a_finished_session_or_a_certification_sitting_is_not_resumed(tmp_path):
    scenario = load_scenario(LATE_DELIVERY)
    with open_store(tmp_path / "r.db") as store:
        sid, session = _interrupted(store, scenario, GOOD)
        store.finish(sid, session.transcript())
        with pytest.raises(CannotResume) as done:
            resume_session(store, sid)
        assert done.value.why == "finished"
        assert f"Session {sid} is finished (resolved): there is nothing to resume" in str(done.value)
        attempt = store.begin_attempt(trainee="ana", plan_id="p", exam_sha256="x", mode="interactive")
        sitting = store.begin(trainee="ana", scenario=scenario, seed=0, mode="certify", attempt_id=attempt)
        with pytest.raises(CannotResume) as sat:
            resume_session(store, sitting)
        assert sat.value.why == "certification" and "temper certify --resume" in str(sat.value)
        record = store.session(sid)
    assert why_not_text(record, "es").startswith(f"La sesión {sid} ha terminado (resuelta)")


def test_a_changed_scenario_file_is_said_and_nothing_is_recorded(tmp_path):
    path = tmp_path / "late_delivery.yaml"
    shutil.copy(LATE_DELIVERY, path)
    with open_store(tmp_path / "r.db") as store:
        sid, _ = _interrupted(store, load_scenario(path), GOOD[:2])
        path.write_text(path.read_text(encoding="utf-8").replace("Margaret", "Marguerite"), encoding="utf-8")
        with pytest.raises(CannotResume) as changed:
            resume_session(store, sid)
        assert changed.value.why == "changed"
        assert f"the scenario file {path} has changed since the session began" in str(changed.value)
        assert "Its report shows what was said" in str(changed.value)
        path.unlink()
        with pytest.raises(CannotResume) as gone:
            resume_session(store, sid, lang="es")
        assert gone.value.why == "missing" and f"{path}" in str(gone.value) and "ya no está" in str(gone.value)
        assert len(store.turns(sid)) == 2 and not store.session(sid).finished


def test_a_replay_that_differs_from_the_record_is_refused_naming_the_turn(tmp_path):
    scenario = load_scenario(LATE_DELIVERY)
    with open_store(tmp_path / "r.db") as store:
        sid, first = _interrupted(store, scenario, GOOD[:3])

        def another_judge(context):  # the judge changed since: the second reply scores otherwise
            import dataclasses

            from scoring import score_reply

            if "six days" in context.reply:
                context = dataclasses.replace(context, reply="Calm down.")
            return score_reply(context)

        with pytest.raises(CannotResume) as differs:
            resume_session(store, sid, scorer=another_judge)
        assert differs.value.why == "differs"
        assert "replaying its reply 2 no longer gives the conversation that was recorded" in str(differs.value)
        assert [t["reply"] for t in store.turns(sid)] == GOOD[:3]


def test_a_session_whose_last_reply_ended_it_is_finished_on_resuming(tmp_path):
    scenario = load_scenario(LATE_DELIVERY)
    with open_store(tmp_path / "r.db") as store:
        sid, session = _interrupted(store, scenario, GOOD)  # ended, but never finished in the store
        assert session.finished and not store.session(sid).finished
        resumed = resume_session(store, sid)
        assert resumed.finished and store.session(sid).finished
        assert store.transcript(sid) == session.transcript()


# --- in the terminal: temper play --resume ID, temper history ---------------------------------

def test_a_terminal_play_stopped_early_is_carried_on_with_resume(capsys, tmp_path):
    from .certify_support import run, yaml_list

    db = tmp_path / "results.sqlite3"
    first, rest = tmp_path / "first.yaml", tmp_path / "rest.yaml"
    first.write_text(yaml_list(GOOD[:2], latency=6), encoding="utf-8")
    rest.write_text(yaml_list(GOOD[2:], latency=6), encoding="utf-8")
    code, out, err = run(capsys, "play", "late_delivery", "--replies", first, "--db", db,
                         "--trainee", "ana", "--seed", "3")
    assert code == 0, err
    assert "Session 1 stays unfinished in History: `temper play --resume 1`" in out

    code, out, err = run(capsys, "history", "--db", db)
    assert code == 0, err
    [row] = [line for line in out.splitlines() if "late_delivery" in line]
    assert row.split()[0] == "1" and "unfinished" in row
    assert "`temper play --resume ID`" in out

    code, out, err = run(capsys, "play", "--resume", "1", "--replies", rest, "--db", db)
    assert code == 0, err
    # what was said so far is shown again, then the conversation carries on
    assert out.index(GOOD[0]) < out.index(GOOD[1]) < out.index("2 replies replayed") < out.index(GOOD[2])
    assert "Outcome: Resolved" in out and "stays unfinished" not in out

    straight = Session(load_scenario(LATE_DELIVERY), seed=3)
    for text in GOOD:
        if not straight.finished:
            straight.reply(text, 6.0)
    with open_store(db) as store:
        [record] = store.sessions()
        assert record.finished and record.outcome == "resolved"
        assert [t["reply"] for t in store.turns(record.id)] == [t.reply for t in straight.turns]
        assert store.transcript(record.id)["turns"] == straight.transcript()["turns"]

    code, _, err = run(capsys, "play", "--resume", "1", "--db", db)
    assert code == 1 and "Session 1 is finished (resolved): there is nothing to resume" in err
    assert "Traceback" not in err


def test_resume_refuses_what_would_change_the_session_and_names_it(capsys, tmp_path):
    from .certify_support import run

    db = tmp_path / "results.sqlite3"
    code, _, err = run(capsys, "play", "--resume", "7", "--db", db)
    assert code == 2 and "there is no session 7 in" in err and "temper history" in err
    code, _, err = run(capsys, "play", "late_delivery", "--resume", "7", "--seed", "2", "--db", db)
    assert code == 2 and "leave out SCENARIO, --seed" in err
    code, _, err = run(capsys, "play", "--db", db)
    assert code == 2 and "--resume SESSION_ID" in err


def test_a_desktop_exam_left_unfinished_is_not_resumed_as_practice(capsys, tmp_path):
    from .certify_support import run

    scenario = load_scenario(LATE_DELIVERY)
    db = tmp_path / "results.sqlite3"
    with open_store(db) as store:
        sid, _ = _interrupted(store, scenario, GOOD[:2], mode="exam")
        with pytest.raises(CannotResume) as refused:
            resume_session(store, sid)
        assert refused.value.why == "exam"
        assert str(refused.value).startswith(f"Session {sid} is an exam: an exam is sat in one go")
        assert "not carried on as practice" in str(refused.value)
        record = store.session(sid)
        turns_before = store.turns(sid)
    assert why_not_text(record, "es").startswith(f"La sesión {sid} es un examen")
    code, out, err = run(capsys, "play", "--resume", sid, "--db", db)
    assert code != 0 and "is an exam" in err and "Traceback" not in err
    code, out, err = run(capsys, "history", "--db", db)
    assert "temper play --resume" not in out, "nothing offered to resume"
    with open_store(db) as store:
        assert store.turns(sid) == turns_before and not store.session(sid).finished  # untouched
