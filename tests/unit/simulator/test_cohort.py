"""`temper report --cohort`: what a trainer reads about a whole cohort, as files."""

from __future__ import annotations

import csv
import html as htmllib
import io
import re

import pytest

from simulator.cohort import cohort_csv, failures_of, summarise
from simulator.format.loader import load_scenario
from simulator.report import cohort_report_html
from simulator.session import Session
from simulator.store import open_store

from .certify_support import BAD, GOOD, REPO, run

SCENARIOS = REPO / "scenarios"


def played(name: str, replies, seed=1):
    scenario = load_scenario(SCENARIOS / f"{name}.yaml")
    session = Session(scenario, seed=seed)
    for r in replies:
        if not session.finished:
            session.reply(r, 5.0)
    return scenario, session.transcript()


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "results.sqlite3"
    sittings = [("ana", "late_delivery", GOOD), ("bob", "late_delivery", BAD),
                ("cid", "double_charge", BAD), ("dora", "double_charge", BAD)]
    with open_store(path) as store:
        store.record_finished_many([(who, *played(name, replies)[:1], "practice", played(name, replies)[1])
                                    for who, name, replies in sittings])
    return path


def text_of(html: str) -> str:
    return htmllib.unescape(re.sub(r"<[^>]+>", " ", html.split("<body>", 1)[1]))


def test_by_default_the_csv_and_html_are_files_and_it_says_where(capsys, tmp_path, db, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764584100")  # 2025-12-01
    code, out, err = run(capsys, "report", "--cohort", "--db", db)
    assert code == 0, err
    csv_file, html_file = tmp_path / "temper-cohort-2025-12-01.csv", tmp_path / "temper-cohort-2025-12-01.html"
    assert out.splitlines() == [f"CSV: {csv_file}", f"HTML: {html_file}"]
    assert csv_file.read_text().startswith("section,name,value")
    assert "Temper cohort report" in html_file.read_text()


def test_csv_dash_is_the_csv_on_standard_output_and_nothing_else(capsys, tmp_path, db, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "report", "--cohort", "--db", db, "--csv", "-")
    assert code == 0, err
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == ["section", "name", "value", "sessions", "percent", "mean_score", "detail"]
    assert all(len(r) == 7 for r in rows)
    assert list(tmp_path.glob("temper-cohort-*")) == []  # asked for the CSV only


def test_csv_dash_with_html_keeps_standard_output_for_the_csv(capsys, tmp_path, db):
    code, out, err = run(capsys, "report", "--cohort", "--db", db, "--csv", "-", "--html", tmp_path / "c.html")
    assert code == 0
    assert out.startswith("section,") and "HTML:" not in out
    assert f"HTML: {tmp_path / 'c.html'}" in err


def test_an_empty_cohort_says_so_and_writes_nothing(capsys, tmp_path, db, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, _, err = run(capsys, "report", "--cohort", "--db", db, "--trainee", "nobody")
    assert code == 2 and "no finished sessions by nobody" in err
    assert list(tmp_path.glob("temper-cohort-*")) == []


def test_each_failure_is_counted_once_per_session_in_words(capsys, tmp_path, db):
    code, _, err = run(capsys, "report", "--cohort", "--db", db, "--html", tmp_path / "c.html",
                       "--csv", tmp_path / "c.csv")
    assert code == 0, err
    rows = list(csv.reader(io.StringIO((tmp_path / "c.csv").read_text())))
    failures = {r[1]: r for r in rows if r[0] == "failure"}
    assert failures["signal:told_to_calm_down"][2] == "3"  # bob, cid, dora: once each
    assert failures["signal:told_to_calm_down"][6] == "Told the customer to calm down"
    assert all(k.split(":")[0] in ("signal", "missed", "outcome") for k in failures)
    shown = text_of((tmp_path / "c.html").read_text())
    # the judge's coaching line for the same fault is not a second row
    assert "Never tell an angry customer to calm down" not in shown
    assert shown.count("Told the customer to calm down") == 1
    # human names, no keys
    assert "Channel etiquette" in shown and "Next steps" in shown
    assert "next_steps" not in shown and "signal:" not in shown and "told_to_calm_down" not in shown
    assert "Charged twice for one pair of trainers" in shown


def test_the_scenario_id_never_wraps_inside_a_word(db):
    with open_store(db) as store:
        html = cohort_report_html(summarise(store.transcripts()))
    assert '<span class="muted nowrap">double_charge</span>' in html


def test_a_dimension_never_assessed_is_left_out_of_its_average():
    _, a = played("late_delivery", GOOD)
    _, b = played("late_delivery", BAD)
    a["session"]["dimensions"]["mirroring"] = None
    b["session"]["dimensions"]["mirroring"] = 40.0
    b["session"]["dimensions"]["closure"] = None
    a["session"]["dimensions"]["closure"] = 60.0
    summary = summarise([a, b])
    assert summary["dimensions"]["mirroring"] == 40.0 and summary["dimensions"]["closure"] == 60.0
    both = {**a, "session": {**a["session"], "dimensions": {**a["session"]["dimensions"], "empathy": None}}}
    summary = summarise([both])
    assert "empathy" not in summary["dimensions"]
    assert "not assessed" not in cohort_report_html(summary)  # left out, not shown as a number
    cohort_csv(summary)  # and the CSV is written


def test_failures_of_a_session_name_the_missed_steps_and_the_ending():
    _, t = played("late_delivery", BAD)
    found = failures_of(t)
    assert {"signal:told_to_calm_down", "missed:apology", "outcome:escalated"} <= found
    _, good = played("late_delivery", GOOD)
    assert failures_of(good) == set()


def test_a_spanish_cohort_reads_in_spanish_unless_told_otherwise():
    _, t = played("corte_luz", ["Cálmese, no es culpa nuestra."])
    summary = summarise([t])
    shown = text_of(cohort_report_html(summary))
    for words in ("Informe del grupo de Temper", "1 sesión terminada de 1 participante",
                  "Le dijo al cliente que se calmara", "Escenarios más difíciles", "Tono sereno"):
        assert words in shown, words
    assert "Informe del grupo" not in cohort_report_html(summary, lang="en")


def test_a_session_report_from_the_store_names_who_sat_it_and_when(capsys, tmp_path, db):
    from simulator.wording import when_text

    with open_store(db) as store:
        record = next(r for r in store.sessions() if r.trainee == "bob")
    out = tmp_path / "bob.html"
    code, stdout, err = run(capsys, "report", record.id, "--db", db, "--html", out)
    assert code == 0, err
    assert f"HTML: {out}" in stdout
    shown = text_of(out.read_text())
    assert "bob" in shown and when_text(record.started_at) in shown and "Practice" in shown
