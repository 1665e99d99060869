"""Printed reports (PDF): pages laid out as a trainer would file them."""

from __future__ import annotations

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


def pdf_pages(path) -> list[str]:
    """The text of each page of a PDF, as Qt's own PDF reader sees it."""
    from PySide6.QtPdf import QPdfDocument

    pdf = QPdfDocument()
    assert pdf.load(str(path)) == QPdfDocument.Error.None_
    pages = [pdf.getAllText(i).text() for i in range(pdf.pageCount())]
    pdf.close()
    return pages


def test_the_pdf_names_the_trainee_and_date_and_numbers_its_pages_in_the_sessions_language(tmp_path):
    t = played("corte_luz", ["Lo siento mucho. ¿Qué ha pasado?", "Cálmese, no es culpa nuestra."])
    pages = pdf_pages(html_to_pdf(session_report_html(t), tmp_path / "r.pdf", report_title(t)))
    assert "Ana García" in pages[0] and "1 de diciembre de 2026" in pages[0]
    assert "Informe de la sesión de Temper" in pages[0]
    for n, text in enumerate(pages, 1):
        assert f"Página {n} de {len(pages)}" in text


def test_a_long_session_prints_to_its_last_line(tmp_path):
    # Moving headings down re-lays the pages out; Qt once stopped painting part-way.
    replies = ["I'm so sorry, that sounds exhausting. Could you tell me what happened at the desk?",
               "I understand how upsetting it is to arrive late at night and find no room.",
               "Could you tell me the booking reference so I can look?",
               "I see. Let me check what we can do for you tonight.",
               "I will look for another room nearby for tonight.",
               "Thank you for your patience. I'm checking the hotels around you.",
               "I understand. I'm sorry again for this.",
               "We'll look into it.",
               "I will call you back within the hour with a room.",
               "Does that work for you?"]
    session = Session(load_scenario(REPO / "scenarios" / "hotel_booking.yaml"), seed=3)
    for r in replies:
        if not session.finished:
            session.reply(r, 8.0)
    t = {**session.transcript(), "trainee": "Ana García"}
    assert len(t["turns"]) >= 8
    pages = pdf_pages(html_to_pdf(session_report_html(t), tmp_path / "long.pdf", report_title(t)))
    assert len(pages) >= 3
    text = " ".join(" ".join(pages).split())
    for turn in t["turns"]:
        assert f"Reply {turn['index']} ·" in text
        assert " ".join(turn["customer"].split()) in text
    assert "To reproduce it: scenario hotel_booking" in text
