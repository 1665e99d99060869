"""Printing Temper's HTML reports to PDF with Qt's own text engine: no browser, no display.

    from ui.export import html_to_pdf
    html_to_pdf(session_report_html(transcript), "report.pdf")

Qt's text engine shows PNG images but not SVG, and does not load `data:` URIs on every
version, so embedded images are handed to the document as resources first. Importing
this module picks Qt's offscreen platform when there is no display and the user has not
chosen one (without it, Qt aborts the process on a server or in CI).
"""

from __future__ import annotations

import base64
import hashlib
import re
import uuid
from pathlib import Path

from simulator.files import replacing
from simulator.headless import prefer_offscreen_qt

prefer_offscreen_qt()

from PySide6.QtCore import QCoreApplication, QMarginsF, QUrl, QUuid  # noqa: E402
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPdfWriter, QTextDocument  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

_DATA_IMG = re.compile(r'src="data:image/(png|jpeg|gif);base64,([A-Za-z0-9+/=]+)"')
_app = None


def _ensure_app() -> None:
    """Qt's text engine needs an application object; reuse the desktop app's if running.

    A full QApplication (not just QGuiApplication), so that widgets made later in the
    same process (the desktop app, its tests) still work.
    """
    global _app
    if QCoreApplication.instance() is None:
        _app = QApplication(["temper-export"])


def html_to_pdf(html: str, path: str | Path, title: str = "Temper report") -> Path:
    """Write `html` as an A4 PDF at `path` (atomically: a reader never sees half a file)."""
    _ensure_app()
    path = Path(path)
    doc = QTextDocument()
    images: list[tuple[str, QImage]] = []

    def keep(match: re.Match) -> str:
        name = f"temper-image-{len(images)}.{match.group(1)}"
        image = QImage.fromData(base64.b64decode(match.group(2)))
        images.append((name, image))
        return f'src="{name}"'

    html = _DATA_IMG.sub(keep, html)
    for name, image in images:
        doc.addResource(QTextDocument.ResourceType.ImageResource, QUrl(name), image)
    doc.setHtml(html)

    with replacing(path) as tmp:
        writer = QPdfWriter(str(tmp))
        writer.setTitle(title)
        writer.setCreator("Temper")
        # The same report gives the same PDF, apart from its creation date.
        digest = hashlib.sha256(html.encode("utf-8")).hexdigest()
        writer.setDocumentId(QUuid(str(uuid.uuid5(uuid.NAMESPACE_URL, "temper:" + digest))))
        writer.setResolution(144)
        writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4),
                                         QPageLayout.Orientation.Portrait,
                                         QMarginsF(15, 15, 15, 15), QPageLayout.Unit.Millimeter))
        doc.print_(writer)
        del writer  # finishes the file
    return path
