"""Printed reports (PDF): pages laid out as a trainer would file them."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from simulator.format.loader import load_scenario
from simulator.report import cohort_report_html, report_title, session_report_html
from simulator.session import Session
from ui.export import html_to_pdf, laid_out

pytestmark = pytest.mark.gui

from tests.unit.simulator.certify_support import BAD, GOOD, REPO  # noqa: E402


def played(name, replies, **extra):
    session = Session(load_scenario(REPO / "scenarios" / f"{name}.yaml"), seed=1)
    for r in replies:
        if not session.finished:
            session.reply(r, 5.0)
    return {**session.transcript(), "trainee": "Ana García", "mode": "practice",
            "started_at": "2026-12-01T10:15:00Z", **extra}


def blocks(doc):
    block = doc.begin()
    while block.isValid():
        yield block
        block = block.next()


def stranded(doc, page_height) -> list[str]:
    """Headings whose next line is on a later page than they are."""
    out = []
    layout = doc.documentLayout()
    for block in blocks(doc):
        nxt = block.next()
        if block.blockFormat().headingLevel() and nxt.isValid() and nxt.layout().lineCount():
            page = int(layout.blockBoundingRect(block).top() // page_height)
            first = layout.blockBoundingRect(nxt).top() + nxt.layout().lineAt(0).height()
            if int((first - 0.5) // page_height) > page:
                out.append(block.text())
    return out


def test_no_heading_is_left_at_the_foot_of_a_page():
    # Filler pushes the next heading down a little more each time; somewhere it falls at
    # a page's foot, where Qt alone would leave it.
    seen_stranded = 0
    for n in range(30, 60):
        html = ("<html><body>" + "".join(f"<p>Filler line {i}.</p>" for i in range(n))
                + "<h3>What to practise next</h3><ul><li>one</li><li>two</li><li>three</li></ul>"
                + "<h3>Scores</h3><p>x</p></body></html>")
        plain, page = laid_out(html, keep=0)
        seen_stranded += bool(stranded(plain, page.height()))
        doc, page = laid_out(html)
        assert stranded(doc, page.height()) == [], n
    assert seen_stranded, "the test never put a heading at a page's foot"


@pytest.mark.parametrize("name, replies", [("late_delivery", GOOD), ("late_delivery", BAD),
                                           ("corte_luz", ["Lo siento mucho. ¿Qué ha pasado?"] * 6)])
def test_real_reports_keep_their_headings_with_what_follows(name, replies):
    doc, page = laid_out(session_report_html(played(name, replies)))
    assert doc.pageCount() >= 2
    assert stranded(doc, page.height()) == []


def test_double_charge_never_breaks_inside_the_word_in_the_cohort_report():
    from simulator.cohort import summarise

    summary = summarise([played("double_charge", BAD), played("late_delivery", GOOD)])
    doc, _ = laid_out(cohort_report_html(summary))
    lines = []
    for block in blocks(doc):
        layout = block.layout()
        for i in range(layout.lineCount()):
            line = layout.lineAt(i)
            lines.append(block.text()[line.textStart():line.textStart() + line.textLength()].strip())
    assert "double_charge" in lines
    assert not any(text.endswith("double_charg") for text in lines)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler's pdftotext")
def test_the_pdf_names_the_trainee_and_date_and_numbers_its_pages_in_the_sessions_language(tmp_path):
    t = played("corte_luz", ["Lo siento mucho. ¿Qué ha pasado?", "Cálmese, no es culpa nuestra."])
    pdf = html_to_pdf(session_report_html(t), tmp_path / "r.pdf", report_title(t))
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "Ana García" in text and "1 de diciembre de 2026" in text
    pages = text.count("\f")
    assert f"Página 1 de {pages}" in text and f"Página {pages} de {pages}" in text
    assert "Informe de la sesión de Temper" in text
