"""Made with Temper at commit d456681 (schema version 3, before corrections moved into the store).

Run once, then never again: python tests/data/store/make_v3.py OUT_FOLDER [POSTGRESQL_URL]
"""
import sys, os, shutil, sqlite3, json
from pathlib import Path
sys.path.insert(0, "/work/wtA")
out = Path(sys.argv[1]); db_url = sys.argv[2] if len(sys.argv) > 2 else None
os.environ["TEMPER_HOME"] = str(out / "home")
from tests.unit.simulator.certify_support import GOOD, BAD, LATE_DELIVERY, make_plan, make_replies, key_file
from simulator.cli import main
from simulator.format.loader import load_scenario
from simulator.session import Session
from simulator.store import open_store
from simulator.centre import add_correction, correction_for
from datetime import date

def fill(target, work):
    work.mkdir(parents=True, exist_ok=True)
    plan, key = make_plan(work), key_file(work)
    code = main(["certify", str(plan), "--replies", str(make_replies(work, {"alice": GOOD, "bob": BAD})),
                 "--key-file", str(key), "--out", str(work / "out"), "--db", str(target), "--jobs", "1"])
    assert code == 1
    scenario = load_scenario(LATE_DELIVERY)
    with open_store(target) as store:
        done = store.begin(trainee="cy", scenario=scenario, seed=2, mode="practice")
        s = Session(scenario, seed=2, observers=[store.recorder(done)])
        for text in GOOD:
            if not s.finished:
                s.reply(text, 5.0)
        store.finish(done, s.transcript())
        left = store.begin(trainee="Dée Ñúñez", scenario=scenario, seed=3, mode="exam")
        Session(scenario, seed=3, observers=[store.recorder(left)]).reply(GOOD[0], 5.0)
        lease = store.acquire("trainee:dée", what="dée's exam")  # left behind: its holder is gone
        lease._stop.set()

fill(out / "results-v3.sqlite3", out / "w1")
db = sqlite3.connect(out / "results-v3.sqlite3"); db.execute("PRAGMA journal_mode = DELETE"); db.close()
if db_url:
    fill(db_url, out / "w2")
for reply, kind, note, on in [("Have you checked your spam folder?", "blame", "a troubleshooting question", date(2026, 12, 1)),
                              ("Calm down. These things happen with couriers.", "tone_policing", "", date(2026, 12, 2)),
                              ("Lo siento, ¿me cuenta qué pasó con el pedido?", "invitation", "sí invita", date(2026, 12, 2)),
                              ("Have you checked your spam folder?", "blame", "said twice, by someone else", date(2026, 12, 3))]:
    add_correction(correction_for(reply, "es" if reply.startswith("Lo") else "en", kind, kind == "invitation", "Ana", note, on),
                   out / "corrections.jsonl")
print("ok")
