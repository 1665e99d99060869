"""The scenario lab's diagram: the conversation's rulebook drawn as a picture.

Display only. Where everything goes is `simulator.rulebook.diagram.layout` (plain
Python), measured with this widget's font so every text fits its box; this module draws
it on a QGraphicsScene: phases, the good and the bad endings, each transition's guard in
the scenario's numbers, and a format 2 scenario's concerns.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QAction, QBrush, QColor, QFont, QFontMetricsF, QGuiApplication, QPainter, QPainterPath, QPalette, QPen,
    QPolygonF,
)
from PySide6.QtWidgets import (
    QGraphicsItem, QGraphicsScene, QGraphicsSimpleTextItem, QGraphicsView, QWidget,
)

from simulator.format.scenario import Scenario
from simulator.rulebook.diagram import Layout, layout, mermaid
from ui import theme

MARGIN = 16.0
MIN_SCALE = 0.8  # below this the picture scrolls instead of shrinking
#: The concerns' colour (a format 2 customer's agenda), beside GOOD, BAD and WARN.
CONCERN = QColor("#7a5cc4")
ID_ROLE = 0  # QGraphicsItem.data key: the box id an item belongs to


class DiagramView(QGraphicsView):
    """Shows one scenario's diagram (`show_scenario`) or a message (`show_message`).

    The picture fits the view's width (never wider than its natural size); Ctrl+wheel
    zooms. Right-click copies it as a picture or as Mermaid text.
    """

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName(self.tr("State diagram"))
        self.setScene(QGraphicsScene(self))
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.layout_model: Layout | None = None
        self.scenario: Scenario | None = None
        self.message = ""
        self._zoom = 1.0  # the user's zoom on top of fitting the width
        self._box_items: dict[str, QGraphicsItem] = {}
        self._highlighted: str | None = None
        copy_picture = QAction(self.tr("Copy picture"), self)
        copy_picture.triggered.connect(self.copy_picture)
        copy_text = QAction(self.tr("Copy as Mermaid text"), self)
        copy_text.triggered.connect(self.copy_mermaid)
        self.addActions([copy_picture, copy_text])

    def sizeHint(self) -> QSize:  # noqa: N802 - the picture scales to the room it gets
        return QSize(380, 420)

    # --- contents ----------------------------------------------------------------------
    def show_scenario(self, scenario: Scenario, note: str = "") -> Layout:
        """Draw this scenario (replacing whatever was shown). `note`, if given, is drawn
        above it (e.g. that this is the last valid version of the text)."""
        font = self.font()
        bold = QFont(font)
        bold.setBold(True)
        fm, fmb = QFontMetricsF(font), QFontMetricsF(bold)
        model = layout(scenario, measure=fm.horizontalAdvance, line_height=fm.lineSpacing(),
                       measure_bold=fmb.horizontalAdvance)
        self.scene().clear()
        self._box_items = {}
        self.layout_model, self.scenario, self.message = model, scenario, note
        top = 0.0
        if note:
            item = self._text(note, font, theme.BAD, 0, 0)
            top = item.boundingRect().height() + fm.lineSpacing()
        self._draw(model, font, bold, top)
        self.scene().setSceneRect(QRectF(-MARGIN, -MARGIN, model.width + 2 * MARGIN,
                                         top + model.height + 2 * MARGIN))
        self.setAccessibleDescription(mermaid(scenario))
        if self._highlighted:
            self.highlight(self._highlighted)
        self._fit()
        return model

    def show_message(self, text: str) -> None:
        """No diagram (the text has problems, or no file is open): say so instead."""
        self.scene().clear()
        self._box_items = {}
        self.layout_model, self.scenario, self.message = None, None, text
        fm = QFontMetricsF(self.font())
        width = max(200.0, self.viewport().width() - 2 * MARGIN)
        item = self.scene().addText("")
        item.setTextWidth(width)
        item.setPlainText(text)
        item.setDefaultTextColor(theme.role(QPalette.ColorRole.PlaceholderText))
        self.scene().setSceneRect(QRectF(-MARGIN, -MARGIN, width + 2 * MARGIN,
                                         item.boundingRect().height() + 2 * MARGIN + fm.lineSpacing()))
        self.setAccessibleDescription(text)
        self.resetTransform()

    def texts(self) -> list[str]:
        """Every text drawn, top to bottom, one string per box or label (its wrapped
        lines joined): what a user can read in the picture."""
        items = [i for i in self.scene().items() if isinstance(i, QGraphicsSimpleTextItem)]
        items.sort(key=lambda i: (i.scenePos().y(), i.scenePos().x()))
        grouped: dict[str, list[str]] = {}
        for i, item in enumerate(items):
            grouped.setdefault(item.data(ID_ROLE) or f"#{i}", []).append(item.text())
        out = [" ".join(lines) for lines in grouped.values()]
        out += [i.toPlainText() for i in self.scene().items() if hasattr(i, "toPlainText")]
        return out

    def box_ids(self) -> list[str]:
        return list(self._box_items)

    def highlight(self, state: str | None) -> None:
        """Mark where the played conversation is now (a phase or an ending)."""
        self._highlighted = state
        for box_id, item in self._box_items.items():
            kind = item.data(1)
            item.setPen(self._pen_for(kind, current=(box_id == state)))

    def highlighted(self) -> str | None:
        return self._highlighted if self._highlighted in self._box_items else None

    # --- drawing -----------------------------------------------------------------------
    def _colors(self, kind: str) -> tuple[QColor, QColor]:
        """(outline, fill) for a kind of box."""
        text = theme.role(QPalette.ColorRole.Text)
        base = theme.role(QPalette.ColorRole.Base)
        accent = theme.role(QPalette.ColorRole.Highlight)
        return {
            "phase": (text, theme.mix(base, accent, 0.14)),
            "good": (theme.GOOD, theme.mix(base, theme.GOOD, 0.2)),
            "bad": (theme.BAD, theme.mix(base, theme.BAD, 0.14)),
            "closed": (theme.WARN, theme.mix(base, theme.WARN, 0.14)),
            "unreachable": (theme.role(QPalette.ColorRole.PlaceholderText), base),
            "concern": (CONCERN, theme.mix(base, CONCERN, 0.12)),
            "note": (theme.WARN, theme.mix(base, theme.WARN, 0.12)),
            "start": (text, text),
        }.get(kind, (text, base))

    def _pen_for(self, kind: str, current: bool = False) -> QPen:
        outline, _ = self._colors(kind)
        pen = QPen(theme.role(QPalette.ColorRole.Highlight) if current else outline, 3.5 if current else 1.4)
        if kind == "unreachable":
            pen.setStyle(Qt.PenStyle.DashLine)
        return pen

    def _draw(self, model: Layout, font: QFont, bold: QFont, top: float) -> None:
        scene = self.scene()
        text = theme.role(QPalette.ColorRole.Text)
        muted = theme.mix(text, theme.role(QPalette.ColorRole.Base), 0.25)
        lh, pad = model.line_height, model.pad
        for wire in model.wires:
            scene.addPath(_polyline(wire, top), QPen(theme.mix(theme.BAD, text, 0.35), 1.2))
        for arrow in model.arrows:
            color = {"bad": theme.BAD, "start": text}.get(arrow.kind, text)
            if arrow.dest == "closed":
                color = theme.WARN
            pen = QPen(color, 1.6)
            scene.addPath(_polyline(arrow.points, top), pen)
            scene.addPolygon(_head(arrow.points, top, lh * 0.45), pen, QBrush(color))
        for box in model.boxes:
            r = QRectF(box.rect.x, box.rect.y + top, box.rect.w, box.rect.h)
            if box.kind == "start":
                dot = scene.addEllipse(r, QPen(text), QBrush(text))
                dot.setData(ID_ROLE, box.id)
                continue
            if box.kind not in ("label", "title", "heading"):
                kind = "closed" if box.id == "closed" else box.kind
                outline, fill = self._colors(kind)
                path = QPainterPath()
                path.addRoundedRect(r, pad, pad)
                item = scene.addPath(path, self._pen_for(kind), QBrush(fill))
                item.setData(ID_ROLE, box.id)
                item.setData(1, kind)
                item.setToolTip(box.text)
                self._box_items[box.id] = item
                if box.kind == "good":  # a double outline: the ending to reach
                    inner = QPainterPath()
                    inner.addRoundedRect(r.adjusted(3, 3, -3, -3), pad * 0.7, pad * 0.7)
                    scene.addPath(inner, QPen(theme.GOOD, 1.0))
                inset = pad
            else:
                inset = 0.0 if box.kind in ("title", "heading") else pad / 3
            color = muted if box.kind == "label" else text
            if box.kind == "label" and box.id.startswith("guard:negotiation->") and model.has("heading:concerns"):
                color = CONCERN  # "every concern addressed": the concerns drawn below
            for i, line in enumerate(box.lines):
                f = bold if i < box.bold else font
                if box.kind == "title" and i == 0:
                    f = QFont(bold)
                line_color = color
                if box.kind in ("bad", "good", "unreachable", "concern", "note", "title") and i >= box.bold:
                    line_color = muted
                self._text(line, f, line_color, box.rect.x + inset, box.rect.y + top + inset + i * lh,
                           box.id)

    def _text(self, text: str, font: QFont, color: QColor, x: float, y: float,
              box_id: str = "") -> QGraphicsSimpleTextItem:
        item = self.scene().addSimpleText(text, font)
        item.setBrush(QBrush(color))
        item.setPos(x, y)
        item.setData(ID_ROLE, box_id)
        return item

    # --- fitting and zoom ------------------------------------------------------------------
    def _fit(self) -> None:
        rect = self.scene().sceneRect()
        if rect.width() <= 0:
            return
        available = max(50.0, self.viewport().width() - 4)
        # Fit the width, but never so small that the words are hard to read: then scroll.
        scale = min(1.0, max(MIN_SCALE, available / rect.width())) * self._zoom
        self.resetTransform()
        self.scale(scale, scale)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        if self.layout_model is not None:
            self._fit()

    def wheelEvent(self, event) -> None:  # noqa: N802
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier and self.layout_model is not None:
            step = 1.15 if event.angleDelta().y() > 0 else 1 / 1.15
            self._zoom = min(4.0, max(0.5, self._zoom * step))
            self._fit()
            event.accept()
            return
        super().wheelEvent(event)

    # --- copying ---------------------------------------------------------------------------
    def picture(self):
        """The whole diagram as a QImage, at its natural size."""
        from PySide6.QtGui import QImage

        rect = self.scene().sceneRect()
        image = QImage(int(rect.width()) + 1, int(rect.height()) + 1, QImage.Format.Format_ARGB32)
        image.fill(theme.role(QPalette.ColorRole.Base))
        painter = QPainter(image)
        painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.scene().render(painter, QRectF(image.rect()), rect)
        painter.end()
        return image

    def copy_picture(self) -> None:
        QGuiApplication.clipboard().setImage(self.picture())

    def copy_mermaid(self) -> None:
        if self.scenario is not None:
            QGuiApplication.clipboard().setText(mermaid(self.scenario))


def _polyline(points, top: float) -> QPainterPath:
    path = QPainterPath(QPointF(points[0][0], points[0][1] + top))
    for x, y in points[1:]:
        path.lineTo(QPointF(x, y + top))
    return path


def _head(points, top: float, size: float) -> QPolygonF:
    """An arrowhead at the last point, along the last segment (axis-aligned)."""
    (x0, y0), (x1, y1) = points[-2], points[-1]
    y0, y1 = y0 + top, y1 + top
    dx, dy = (x1 > x0) - (x1 < x0), (y1 > y0) - (y1 < y0)
    tip = QPointF(x1, y1)
    back = QPointF(x1 - dx * size * 1.6, y1 - dy * size * 1.6)
    side = QPointF(-dy * size, dx * size)
    return QPolygonF([tip, back + side, back - side])

