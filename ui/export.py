"""Printing Temper's HTML reports to PDF with Qt's own text engine: no browser, no display.

    from ui.export import html_to_pdf
    html_to_pdf(session_report_html(transcript), "report.pdf")

Qt's text engine shows PNG images but not SVG, and does not load `data:` URIs on every
version, so embedded images are handed to the document as resources first. Qt has no
CSS `page-break-after: avoid`, so the pages are laid out here: a heading that would
end a page without the lines that follow it starts the next page instead. Each page has
a footer (the report's title and "Page 1 of 3", in the report's language: the template's
`temper:page` meta). Importing this module picks Qt's offscreen platform when there is
no display and the user has not chosen one (without it, Qt aborts the process on a
server or in CI).
"""

from __future__ import annotations

import base64
import hashlib
import html as htmllib
import re
import uuid
from pathlib import Path

from simulator.files import replacing
from simulator.headless import prefer_offscreen_qt

prefer_offscreen_qt()

from PySide6.QtCore import QCoreApplication, QMarginsF, QRectF, QSizeF, Qt, QUrl, QUuid  # noqa: E402
from PySide6.QtGui import (  # noqa: E402
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextBlockFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)
from PySide6.QtWidgets import QApplication  # noqa: E402

_DATA_IMG = re.compile(r'src="data:image/(png|jpeg|gif);base64,([A-Za-z0-9+/=]+)"')
_PAGE_LABEL = re.compile(r'<meta name="temper:page" content="([^"]*)">')
#: A heading keeps at least this many lines of what follows it on its page.
KEEP_LINES = 3
LAYOUT_DPI = 96
#: Page margins in millimetres (left, top, right, bottom); the footer sits in the bottom one.
MARGINS_MM = (18.0, 15.0, 18.0, 18.0)
_app = None


def _ensure_app() -> None:
    """Qt's text engine needs an application object; reuse the desktop app's if running.

    A full QApplication (not just QGuiApplication), so that widgets made later in the
    same process (the desktop app, its tests) still work.
    """
    global _app
    if QCoreApplication.instance() is None:
        _app = QApplication(["temper-export"])


def _block_rect(doc: QTextDocument, block) -> QRectF:
    return doc.documentLayout().blockBoundingRect(block)


def _lines_after(doc: QTextDocument, heading, count: int) -> float | None:
    """The bottom (document coordinates) of what must share a page with `heading`: the
    next `count` lines, stopping early at the next heading of its level or higher; a
    subheading met first counts with its own `count` lines ("Transcript", the customer's
    opening line, then "Reply 1" and its first lines: never "Transcript" alone at the
    foot of a page). None when nothing follows."""
    level = heading.blockFormat().headingLevel()
    bottom, seen = None, 0
    block = heading.next()
    while block.isValid() and seen < count:
        sub = block.blockFormat().headingLevel()
        if sub and sub <= level:
            break
        if sub:
            inner = _lines_after(doc, block, count)
            ends = [b for b in (bottom, _block_rect(doc, block).bottom(), inner) if b is not None]
            return max(ends)
        layout = block.layout()
        top = _block_rect(doc, block).top()
        for i in range(layout.lineCount() if layout else 0):
            line = layout.lineAt(i)
            bottom = top + line.y() + line.height()
            seen += 1
            if seen >= count:
                break
        block = block.next()
    return bottom


def _break_before(block) -> None:
    fmt = QTextBlockFormat(block.blockFormat())
    fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
    QTextCursor(block).setBlockFormat(fmt)


def _needs_moving(doc: QTextDocument, block, page_height: float, keep: int) -> bool:
    """A heading without `keep` lines of what follows on its page, or a short paragraph
    (at most `keep` lines, outside tables) cut in two by the page's end."""
    fmt = block.blockFormat()
    if fmt.pageBreakPolicy() == QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore:
        return False
    rect = _block_rect(doc, block)
    if rect.top() % page_height <= 1:
        return False  # already the first thing on its page
    page = int(rect.top() // page_height)
    if fmt.headingLevel() > 0:
        bottom = _lines_after(doc, block, keep)
        return bottom is not None and int((bottom - 0.5) // page_height) > page
    if QTextCursor(block).currentTable() is not None:
        return False  # Qt lays table rows out itself
    layout = block.layout()
    lines = layout.lineCount() if layout else 0
    return 1 < lines <= keep and int((rect.bottom() - 0.5) // page_height) > page


def keep_headings_with_next(doc: QTextDocument, page_height: float, keep: int = KEEP_LINES) -> int:
    """Lay the pages out so that no heading is stranded at the foot of a page (it keeps
    `keep` lines of what follows) and no short paragraph or list item is cut in two:
    each starts the next page instead. Returns how many blocks were moved."""
    moved = 0
    start = doc.begin()
    for _ in range(1000):  # one move per layout pass: every page after it shifts
        block = start
        while block.isValid() and not _needs_moving(doc, block, page_height, keep):
            block = block.next()
        if not block.isValid():
            break
        _break_before(block)
        moved += 1
        start = block.next()
    return moved


def page_layout() -> QPageLayout:
    """A4 portrait with Temper's margins."""
    left, top, right, bottom = MARGINS_MM
    return QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                       QMarginsF(left, top, right, bottom), QPageLayout.Unit.Millimeter)


def laid_out(html: str, keep: int = KEEP_LINES) -> tuple[QTextDocument, QSizeF]:
    """`html` as a document laid out in pages (and the size of one), as it will print;
    `keep`: the lines a heading keeps with it (0: Qt's own page breaks).

    Laid out at 96 dpi, as a browser lays out the same HTML (CSS pixels, image sizes),
    whatever the screen; printing scales it to the PDF's resolution.
    """
    _ensure_app()
    doc = QTextDocument()
    images: list[tuple[str, QImage]] = []

    def resource(match: re.Match) -> str:
        name = f"temper-image-{len(images)}.{match.group(1)}"
        image = QImage.fromData(base64.b64decode(match.group(2)))
        images.append((name, image))
        return f'src="{name}"'

    html = _DATA_IMG.sub(resource, html)
    for name, image in images:
        doc.addResource(QTextDocument.ResourceType.ImageResource, QUrl(name), image)
    device = QImage(1, 1, QImage.Format.Format_RGB32)
    device.setDotsPerMeterX(round(LAYOUT_DPI / 0.0254))
    device.setDotsPerMeterY(round(LAYOUT_DPI / 0.0254))
    doc.documentLayout().setPaintDevice(device)
    doc._temper_device = device  # the layout's paint device lives as long as the document
    doc.setHtml(html)
    page = QSizeF(page_layout().paintRectPixels(LAYOUT_DPI).size())
    doc.setPageSize(page)
    if keep and keep_headings_with_next(doc, page.height(), keep):
        # Qt re-lays out only part of a document after a format change and keeps stale
        # checkpoints for the rest, so painting would stop early: lay it all out again.
        doc.setPageSize(page)
        doc.pageCount()
    return doc, page


def html_to_pdf(html: str, path: str | Path, title: str = "Temper report") -> Path:
    """Write `html` as an A4 PDF at `path` (atomically: a reader never sees half a file)."""
    path = Path(path)
    found = _PAGE_LABEL.search(html)
    page_label = htmllib.unescape(found.group(1)) if found else "%(page)s / %(pages)s"
    doc, page = laid_out(html)
    with replacing(path) as tmp:
        writer = QPdfWriter(str(tmp))
        writer.setTitle(title)
        writer.setCreator("Temper")
        # The same report gives the same PDF, apart from its creation date.
        digest = hashlib.sha256(html.encode("utf-8")).hexdigest()
        writer.setDocumentId(QUuid(str(uuid.uuid5(uuid.NAMESPACE_URL, "temper:" + digest))))
        writer.setResolution(144)
        writer.setPageLayout(page_layout())
        _print(doc, writer, page, writer.logicalDpiX() / LAYOUT_DPI, title, page_label)
        del writer  # finishes the file
    return path


def _print(doc: QTextDocument, writer: QPdfWriter, page: QSizeF, scale: float, title: str,
           page_label: str) -> None:
    footer_font = QFont(doc.defaultFont())
    footer_font.setPointSizeF(8)
    metrics = QFontMetricsF(footer_font, writer)
    # The footer sits in the bottom margin, a line below the text (in PDF units).
    width, height = page.width() * scale, page.height() * scale
    footer = QRectF(0, height + metrics.height() * 0.8, width, metrics.height())
    pages = doc.pageCount()
    painter = QPainter(writer)
    try:
        for i in range(pages):
            if i:
                writer.newPage()
            painter.save()
            painter.scale(scale, scale)
            painter.translate(0, -i * page.height())
            doc.drawContents(painter, QRectF(0, i * page.height(), page.width(), page.height()))
            painter.restore()
            painter.setFont(footer_font)
            painter.setPen(QColor("#666666"))
            number = page_label % {"page": i + 1, "pages": pages}
            room = width - metrics.horizontalAdvance(number) - metrics.averageCharWidth() * 4
            painter.drawText(footer, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                             metrics.elidedText(title, Qt.TextElideMode.ElideRight, room))
            painter.drawText(footer, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), number)
    finally:
        painter.end()
