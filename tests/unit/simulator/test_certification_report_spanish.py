"""A Spanish certification's report (HTML and PDF) gives the failure reasons in Spanish,
while the signed result keeps the English its signature covers (`temper verify` passes),
whether the files are written in this process or by a pool of workers."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from .certify_support import REPO, key_file, run, yaml_list

SCENARIO = "lavadora_garantia"
PLAN = ("format: 1\ntitle: Certificación de prueba\npass_mark: 60\n"
        "dimensions:\n  next_steps:\n    min_score: 90\n"
        f"scenarios:\n  - scenario: {REPO / 'scenarios' / (SCENARIO + '.yaml')}\n    seed: 1\n")


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_spanish_certification_report_gives_spanish_reasons_and_the_signed_result_is_unchanged(
        capsys, tmp_path, jobs):
    plan = tmp_path / "plan.yaml"
    plan.write_text(PLAN, encoding="utf-8")
    folder = tmp_path / "respuestas"
    for who, said in (("beto", ["Cálmese. Usted tiene la culpa.", "NO!!!"]),
                      ("carla", ["Lo siento mucho."])):
        (folder / who).mkdir(parents=True)
        (folder / who / f"{SCENARIO}.yaml").write_text(yaml_list(said), encoding="utf-8")
    out, key = tmp_path / "salida", key_file(tmp_path)
    code, _, err = run(capsys, "certify", plan, "--replies", folder, "--key-file", key, "--out", out,
                       "--formats", "json,html,pdf", "--no-db", "--jobs", jobs)
    assert code == 1, err  # neither passes

    result = json.loads((out / "beto.result.json").read_text(encoding="utf-8"))
    english = [f["message"] for f in result["failures"]]
    # the record keeps its English, with the plan's own keys
    assert any("next_steps was not assessed" in m and "at least 90" in m for m in english)
    assert any("below the plan's pass mark 60" in m for m in english)
    assert run(capsys, "verify", out / "beto.result.json", "--key-file", key)[0] == 0

    html = (out / "beto.html").read_text(encoding="utf-8")
    assert f"{SCENARIO}: Próximos pasos no se evaluó (nunca surgió); el plan exige al menos 90" in html
    assert "la conversación terminó escalada; el plan exige resuelta" in html
    assert "la nota global 13,8 está por debajo de la nota de aprobado del plan 60" in html  # as the report writes scores
    for message in english:  # not one reason left in English
        assert message not in html
    assert "next_steps" not in html and "below the" not in html

    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", "-layout", str(out / "beto.pdf"), "-"], capture_output=True,
                              text=True, check=True).stdout
        flat = " ".join(text.split())
        assert "Próximos pasos no se evaluó" in flat and "below the" not in flat
        info = subprocess.run(["pdfinfo", str(out / "beto.pdf")], capture_output=True, text=True).stdout
        assert "Certificación: beto" in info
