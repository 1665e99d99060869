"""What the results store says reaches a Spanish-speaking trainer in Spanish: a database URL
that cannot be used, a lease or a sitting held elsewhere, damaged rows skipped by a report
or left out of a copy."""

from __future__ import annotations

import pytest

from simulator.errors import said
from simulator.format.loader import load_scenario
from simulator.store import LeaseHeld, open_store

from .certify_support import GOOD, LATE_DELIVERY, run
from .test_store import _execute


@pytest.fixture
def spanish(monkeypatch):
    monkeypatch.setenv("TEMPER_LANGUAGE", "es")


@pytest.mark.parametrize("url, said_es", [
    ("sqlite://", "no nombra ningún archivo; escriba sqlite:///RUTA"),
    ("mysql://ana@db/temper", "Temper guarda los resultados en SQLite"),
    ("postgresql+asyncpg://ana@db/temper", "solo se admite el controlador psycopg"),
    ("postgresql://ana@db", "no nombra ninguna base de datos"),
])
def test_a_database_url_that_cannot_be_used_is_named_in_spanish(capsys, spanish, url, said_es):
    code, _, err = run(capsys, "history", "--db", url)
    assert code != 0 and "temper: error: " in err and said_es in err, err
    assert "Traceback" not in err


def test_a_lease_and_a_sitting_held_elsewhere_are_said_in_spanish(db_url):
    from simulator.sitting import AlreadySitting, hold_trainee

    with open_store(db_url) as store, open_store(db_url) as other:
        held = store.acquire("trainee:ana", what="ana's exam")
        try:
            with pytest.raises(LeaseHeld) as lease:
                other.acquire("trainee:ana")
            assert str(lease.value).startswith("trainee:ana is held by ana's exam (process ")
            es = said(lease.value, "es")
            assert es.startswith("trainee:ana lo tiene ana's exam (proceso ") and "última señal hace" in es
            with pytest.raises(AlreadySitting) as sitting:
                hold_trainee(other, "ana", what="ana's exam")
            es = said(sitting.value, "es")
            assert es.startswith("ana ya está haciendo una sesión en directo en otro lugar: ana's exam")
            assert "vuelva a intentarlo dentro de" in es and "already" not in es
        finally:
            held.release()


def test_damaged_rows_are_reported_in_spanish_by_the_cohort_report_and_the_copy(
        capsys, tmp_path, spanish):
    from simulator.session import Session

    path = tmp_path / "desk.sqlite3"
    scenario = load_scenario(LATE_DELIVERY)
    with open_store(path) as store:
        ids = []
        for who in ("ana", "bob"):
            s = Session(scenario, seed=1)
            for text in GOOD:
                if not s.finished:
                    s.reply(text, 5.0)
            ids.append(store.record_finished(trainee=who, scenario=scenario, mode="practice",
                                             transcript=s.transcript()))
        _execute(store, "UPDATE sessions SET transcript = '{oops' WHERE id = :i", i=ids[1])
        _execute(store, "UPDATE sessions SET seed = 'soon' WHERE id = :i", i=ids[0])
    code, _, err = run(capsys, "report", "--cohort", "--db", path, "--csv", tmp_path / "c.csv",
                       "--html", tmp_path / "c.html")
    assert f"temper: aviso: la transcripción de la sesión {ids[1]} de {path} está dañada (no es JSON); se omite" in err
    code, _, err = run(capsys, "db", "copy", path, tmp_path / "centre.sqlite3")
    assert code == 0 and f"temper: aviso: la sesión {ids[0]} de {path} está dañada; no se ha copiado" in err
