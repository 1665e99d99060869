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


# --- over time, spread, charts (issue 13 item 6) ---------------------------------------------

from datetime import date  # noqa: E402

#: Apologises and asks, then empathises, never promises or closes: passes some, not all.
MIDDLING = ["I'm so sorry about this. Could you tell me what happened?",
            "I understand how frustrating that is.", "We'll look into it."]


def dated(name: str, replies, day: date, seed=1):
    scenario = load_scenario(SCENARIOS / f"{name}.yaml")
    session = Session(scenario, seed=seed, today=day)
    for r in replies:
        if not session.finished:
            session.reply(r, 5.0)
    return scenario, session.transcript()


@pytest.fixture
def weeks_db(tmp_path):
    """ana improves over three weeks (bad, middling, good); bob stays bad; cid sits once
    the second week, in another scenario. Weeks start Monday 7, 14 and 21 September 2026."""
    path = tmp_path / "weeks.sqlite3"
    plan = [("ana", "late_delivery", BAD, date(2026, 9, 8)),
            ("bob", "late_delivery", BAD, date(2026, 9, 9)),
            ("ana", "late_delivery", MIDDLING, date(2026, 9, 15)),
            ("cid", "double_charge", BAD, date(2026, 9, 17)),
            ("ana", "late_delivery", GOOD, date(2026, 9, 22)),
            ("bob", "late_delivery", BAD, date(2026, 9, 27))]
    with open_store(path) as store:
        ids = store.record_finished_many([(who, *dated(name, replies, day)[:1], "practice",
                                           dated(name, replies, day)[1]) for who, name, replies, day in plan])
        started(store, {sid: day for sid, (*_, day) in zip(ids, plan)})
    return path


def started(store, days: dict) -> None:
    """Date sessions {id: day} as the store does, by when they began (10:00 UTC that day)."""
    from sqlalchemy import text

    with store._engine.begin() as db:
        db.execute(text("UPDATE sessions SET started_at = :at WHERE id = :id"),
                   [dict(at=f"{day.isoformat()}T10:00:00Z", id=sid) for sid, day in days.items()])


def images_of(html: str) -> list[bytes]:
    import base64

    return [base64.b64decode(b) for b in re.findall(r'src="data:image/png;base64,([^"]+)"', html)]


def test_each_trainee_is_followed_over_time_and_the_pass_rate_per_week(weeks_db):
    with open_store(weeks_db) as store:
        summary = summarise(store.cohort_sessions())
    ana = next(t for t in summary["trainee_scores"] if t["trainee"] == "ana")
    assert [d for d, _ in ana["points"]] == ["2026-09-08", "2026-09-15", "2026-09-22"]
    assert ana["points"][0][1] < ana["points"][1][1] < ana["points"][2][1]  # she improved
    assert [(w["week"], w["sessions"], w["passed"], w["pass_rate"]) for w in summary["weeks"]] == [
        ("2026-09-07", 2, 0, 0.0), ("2026-09-14", 2, 0, 0.0), ("2026-09-21", 2, 1, 50.0)]
    late = next(s for s in summary["scenarios"] if s["scenario"] == "late_delivery")
    scores = sorted(t["score"] for t in store_scores(weeks_db, "late_delivery"))
    assert (late["lowest"], late["highest"]) == (int(scores[0] * 10) / 10, int(scores[-1] * 10) / 10)
    assert late["sd"] > 10  # bad and good sessions: a wide spread
    calm = summary["dimension_spread"]["calm"]
    assert calm["lowest"] <= calm["mean"] <= calm["highest"] and calm["sessions"] == 6


def store_scores(db, scenario):
    with open_store(db) as store:
        return [t for t in store.transcripts() if t["scenario"] == scenario]


def test_a_week_without_sessions_keeps_its_place_with_no_pass_rate():
    _, a = dated("late_delivery", GOOD, date(2026, 9, 8))
    _, b = dated("late_delivery", GOOD, date(2026, 9, 24))
    weeks = summarise([a, b])["weeks"]
    assert [(w["week"], w["sessions"], w["pass_rate"]) for w in weeks] == [
        ("2026-09-07", 1, 100.0), ("2026-09-14", 0, None), ("2026-09-21", 1, 100.0)]
    html = cohort_report_html(summarise([a, b]))
    assert re.search(r"14 Sep 2026</td><td[^>]*>0</td><td[^>]*>0</td><td[^>]*>–</td>", html)


def test_the_html_embeds_its_charts_each_with_a_table_of_the_same_figures(capsys, tmp_path, weeks_db):
    code, _, err = run(capsys, "report", "--cohort", "--db", weeks_db, "--html", tmp_path / "c.html")
    assert code == 0, err
    html = (tmp_path / "c.html").read_text()
    assert "<img" in html and 'src="http' not in html and "<script" not in html  # nothing fetched
    shown = text_of(html)
    for heading in ("Scores over time", "Pass rate per week", "Score per dimension", "Hardest scenarios"):
        assert heading in shown
    # the weekly table beside the chart
    assert re.search(r"21 Sep 2026\s+2\s+1\s+50%", shown)
    # each trainee's row: a sparkline whose alt text reads the scores, first and latest session
    assert re.search(r'alt="scores of ana by date: [\d.]+, [\d.]+, [\d.]+"', html)
    assert re.search(r"ana\s+3\s+8 Sep 2026: [\d.]+\s+22 Sep 2026: [\d.]+", shown)
    # every chart says what it shows to someone who cannot see it
    assert all(alt.strip() for alt in re.findall(r'<img [^>]*alt="([^"]*)"', html))
    assert "Standard deviation" in shown and "Lowest" in shown and "Highest" in shown


def test_the_charts_are_grey_png_the_same_bytes_every_time(weeks_db):
    import struct

    with open_store(weeks_db) as store:
        transcripts = store.cohort_sessions()
    first, again = cohort_report_html(summarise(transcripts)), cohort_report_html(summarise(transcripts))
    assert first == again
    pngs = images_of(first)
    assert len(pngs) >= 4 + 3  # over time, weekly, per dimension, per scenario; a sparkline each
    for png in pngs:
        assert png.startswith(b"\x89PNG\r\n\x1a\n")
        width, height, depth, colour = struct.unpack(">IIBB", png[16:26])
        assert width >= 300 and height >= 50
        if colour == 3:  # a palette: only greys in it
            plte = png[png.index(b"PLTE") + 4:]
            size = struct.unpack(">I", png[png.index(b"PLTE") - 4:png.index(b"PLTE")])[0]
            rgb = [plte[i:i + 3] for i in range(0, size, 3)]
            assert all(c[0] == c[1] == c[2] for c in rgb), rgb
        else:
            assert colour == 0  # greyscale: prints the same in grey
    assert b"Software" not in b"".join(pngs) and b"tIME" not in b"".join(pngs)


def test_the_charts_speak_the_reports_language(monkeypatch):
    from simulator import plots

    said: list = []
    for name in ("over_time_chart", "weekly_chart", "spread_chart"):
        real = getattr(plots, name)

        def spy(*args, _real=real, **kw):
            said.append(args)
            return _real(*args, **kw)
        monkeypatch.setattr(plots, name, spy)
    _, a = dated("corte_luz", ["Cálmese, no es culpa nuestra."], date(2026, 9, 8))
    _, b = dated("corte_luz", ["Lo siento mucho, entiendo su molestia. ¿Qué ha pasado?"], date(2026, 10, 1))
    html = cohort_report_html(summarise([a, b]))
    words = [x for args in said for x in args if isinstance(x, str)] + \
        [n for args in said if args and isinstance(args[0], list) for n, *_ in args[0] if isinstance(n, str)]
    for spanish in ("Fecha de la sesión", "Puntuación (0–100)", "Semana del", "Sesiones aprobadas (%)",
                    "Tono sereno", "Disculpa"):
        assert spanish in words, spanish
    # dates on the axes, named in Spanish: the week of 7 September 2026, and the first session
    ticks = [text for args in said for x in args if isinstance(x, list) for item in x
             if isinstance(item, (str, tuple)) for text in ([item] if isinstance(item, str) else item[1:2])]
    assert "7 sept" in ticks and "8 sept" in ticks
    shown = text_of(html)
    assert "Puntuaciones a lo largo del tiempo" in shown and "8 sept 2026" in shown
    assert "Desviación típica" in shown


def test_since_and_scenario_choose_the_sessions_and_the_report_says_so(capsys, tmp_path, weeks_db):
    code, out, err = run(capsys, "report", "--cohort", "--db", weeks_db, "--since", "2026-09-14",
                         "--scenario", "late_delivery", "--csv", "-", "--html", tmp_path / "c.html")
    assert code == 0, err
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[1][:3] == ["summary", "sessions", "3"]  # ana twice, bob once; not cid's
    assert [r[1] for r in rows if r[0] == "week"] == ["2026-09-14", "2026-09-21"]
    assert {r[1] for r in rows if r[0] == "trainee"} == {"ana", "bob"}
    shown = text_of((tmp_path / "c.html").read_text())
    assert "Only these sessions: since 14 September 2026; scenario late_delivery." in shown


def test_a_bad_since_or_an_unknown_scenario_is_named(capsys, weeks_db):
    with pytest.raises(SystemExit) as exit_:
        run(capsys, "report", "--cohort", "--db", weeks_db, "--since", "14/09/2026")
    err = capsys.readouterr().err
    assert exit_.value.code == 2 and "--since" in err and "14/09/2026" in err and "YYYY-MM-DD" in err
    assert "Traceback" not in err
    code, _, err = run(capsys, "report", "--cohort", "--db", weeks_db, "--scenario", "late_delivry")
    assert code == 2 and "no finished sessions of late_delivry" in err
    assert "its sessions are of: double_charge, late_delivery" in err


def test_a_cohort_without_charts_reads_as_tables(weeks_db):
    with open_store(weeks_db) as store:
        html = cohort_report_html(summarise(store.transcripts()), charts=False)
    assert "<img" in html  # the dimension bars of before
    assert "Scores over time" not in text_of(html)


def test_temper_starts_without_matplotlib():
    import subprocess
    import sys

    code = ("import sys; from simulator.cli import main; main(['list']);"
            "print('matplotlib' in sys.modules, 'PySide6' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "False False"


def test_charts_drawn_by_a_worker_are_the_charts_drawn_here_and_a_dead_worker_costs_nothing(weeks_db):
    from concurrent.futures import Future, ProcessPoolExecutor

    class DeadWorker:
        def submit(self, fn, *args):
            f = Future()
            f.set_exception(RuntimeError("worker killed"))
            return f

    with open_store(weeks_db) as store:
        summary = summarise(store.cohort_sessions())
    here = cohort_report_html(summary)
    with ProcessPoolExecutor(max_workers=1) as pool:
        assert cohort_report_html(summary, pool=pool) == here
    assert cohort_report_html(summary, pool=DeadWorker()) == here


def test_the_pdf_prints_every_chart_at_twice_its_size(capsys, tmp_path, weeks_db):
    pdf = tmp_path / "c.pdf"
    code, out, err = run(capsys, "report", "--cohort", "--db", weeks_db, "--pdf", pdf)
    assert code == 0, err
    assert f"PDF: {pdf}" in out
    data = pdf.read_bytes()
    widths = re.findall(rb"/Subtype /Image.{0,200}?/Width (\d+)", data, re.S) or \
        re.findall(rb"/Width (\d+)", data)
    # four charts 600 px wide and one sparkline of 160 px per trainee, drawn twice as fine
    assert sorted(map(int, widths)) == [320] * 3 + [1200] * 4


def test_sessions_are_dated_by_when_the_store_saw_them_begin_not_by_a_pinned_date(
        capsys, tmp_path, monkeypatch):
    """Issue 13: under SOURCE_DATE_EPOCH every transcript says the pinned day; the report
    went by it, so a week's sessions all fell on that day (and out of --since)."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764584100")  # the sessions say 2025-12-01
    path = tmp_path / "pinned.sqlite3"
    plan = [("ana", BAD, date(2026, 9, 8)), ("ana", GOOD, date(2026, 9, 22)), ("bob", BAD, None)]
    with open_store(path) as store:
        sittings = [(who, *played("late_delivery", replies)) for who, replies, _ in plan]
        ids = store.record_finished_many([(who, sc, "practice", t) for who, sc, t in sittings])
        assert all(t["today"] == "2025-12-01" for t in store.transcripts())
        started(store, {sid: day for sid, (_, _, day) in zip(ids, plan) if day})
        bob = store.session(ids[2]).started_at[:10]  # today, by the store's clock (UTC)
    code, out, err = run(capsys, "report", "--cohort", "--db", path, "--since", "2026-09-01", "--csv", "-")
    assert code == 0, err
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[1][:3] == ["summary", "sessions", "3"]  # none fell before --since
    trainees = {r[1]: r[6] for r in rows if r[0] == "trainee"}
    assert trainees["ana"].startswith("first 2026-09-08: ") and "; latest 2026-09-22: " in trainees["ana"]
    assert trainees["bob"].startswith(f"first {bob}: ")
    weeks = [r[1] for r in rows if r[0] == "week"]
    assert weeks[0] == "2026-09-07" and "2025-12-01" not in weeks and len(weeks) >= 3
