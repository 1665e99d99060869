"""Certification where there is no display at all: the PDF report is printed anyway.

With no DISPLAY and no QT_QPA_PLATFORM, Qt would abort the process; the command must
choose the offscreen platform itself. Run in a fresh process with that environment.
"""

from __future__ import annotations

import os

from .certify_support import BAD, GOOD, key_file, make_plan, make_replies, run_process


def test_pdf_reports_with_no_display_and_no_qt_platform(tmp_path):
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    plan = make_plan(tmp_path)
    out = tmp_path / "out"
    proc = run_process("certify", plan, "--replies", make_replies(tmp_path, {"alice": GOOD, "bob": BAD}),
                       "--key-file", key_file(tmp_path), "--out", out, "--jobs", "2", "--no-db", env=env)
    assert proc.returncode == 1, proc.stderr  # bob failed; nothing crashed
    assert "Traceback" not in proc.stderr
    for trainee in ("alice", "bob"):
        pdf = (out / f"{trainee}.pdf").read_bytes()
        assert pdf.startswith(b"%PDF") and b"%%EOF" in pdf[-64:]
        assert len(pdf) > 5000  # text, bars and the hostility curve, not an empty page
        assert (out / f"{trainee}.html").read_text().count("data:image/png") >= 2
