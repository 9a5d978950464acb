"""What a grid view paints over its cells once per paint event, rather than per cell: the grid lines and the frames of
cells in failing rules.

The grid lines are Qt's own, drawn where QTableView::paintEvent draws them (Qt 6: a line under each row and right
of each column across each dirty rectangle, not through the spanning group rows, and the style's left/top line when
a header is hidden), as 1-pixel rectangles filled in one call: Qt strokes them with a pen one pixel at a time
through a clip region cut round the spans, which cost a quarter of a full repaint of Section 三. The view keeps
showGrid on (the cell geometry leaves the pixel for the line) and sets the grid pen style to NoPen, so Qt's loop
draws nothing. Left-to-right layouts only: the program never runs right-to-left.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QPainter, QPen, QRegion
from PySide6.QtWidgets import QStyle, QStyleOptionViewItem, QTableView

MARKER_LINE = {"error": QColor("#d93025"), "warning": QColor("#e08a00")}


def draw_marker(painter: QPainter, rect: QRect, severity: str) -> None:
    """The frame of a cell in a failing rule, over its fill."""
    painter.save()
    painter.setPen(QPen(MARKER_LINE[severity], 2))
    painter.drawRect(rect.adjusted(1, 1, -1, -1))
    painter.restore()


def grid_colour(view: QTableView) -> QColor:
    option = QStyleOptionViewItem()
    view.initViewItemOption(option)
    hint = view.style().styleHint(QStyle.StyleHint.SH_Table_GridLineColor, option, view)
    return QColor.fromRgba(hint & 0xFFFFFFFF)


class GridLines:
    """Qt's grid lines of one view as 1-pixel rectangles in content coordinates: a line under each row across the
    width, a line right of each column down the height but not through the spanning group rows. Kept until a row or
    column changes size; a paint draws them in one call, the paint region (the painter's clip) cutting them to it."""

    def __init__(self, view: QTableView, span_rows: list[int]) -> None:
        self.view = view
        self.span_rows = span_rows  # rows spanning every column (group rows)
        self._rects: list[QRect] | None = None
        for header in (view.horizontalHeader(), view.verticalHeader()):
            header.sectionResized.connect(self.forget)
            header.sectionCountChanged.connect(self.forget)

    def forget(self) -> None:
        self._rects = None

    def rects(self) -> list[QRect]:
        if self._rects is None:
            self._rects = self._lay_out()
        return self._rects

    def _lay_out(self) -> list[QRect]:
        rows, columns = self.view.verticalHeader(), self.view.horizontalHeader()
        width, height = columns.length(), rows.length()
        shown_rows = [r for r in range(rows.count()) if not rows.isSectionHidden(r)]
        shown_columns = [c for c in range(columns.count()) if not columns.isSectionHidden(c)]
        rects = [QRect(0, rows.sectionPosition(r) + rows.sectionSize(r) - 1, width, 1) for r in shown_rows]
        # A span's rectangle leaves out its last pixel row and column: the lines round it stay, those inside go.
        spans = [(rows.sectionPosition(r), rows.sectionPosition(r) + rows.sectionSize(r) - 2)
                 for r in self.span_rows if not rows.isSectionHidden(r)]
        for c in shown_columns:
            x = columns.sectionPosition(c) + columns.sectionSize(c) - 1
            top = 0
            for span_top, span_bottom in spans if x < width - 1 else []:
                if span_top > top:
                    rects.append(QRect(x, top, 1, span_top - top))
                top = max(top, span_bottom + 1)
            if top < height:
                rects.append(QRect(x, top, 1, height - top))
        return rects

    def paint(self, painter: QPainter, region: QRegion) -> None:
        """Draw the lines; the painter is the viewport's, clipped by the system to the paint region."""
        view = self.view
        colour = grid_colour(view)
        painter.save()
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.translate(-view.horizontalOffset(), -view.verticalOffset())
        painter.drawRects(self.rects())
        painter.restore()
        if view.style().styleHint(QStyle.StyleHint.SH_Table_AlwaysDrawLeftTopGridLines, None, view):
            self._paint_left_top(painter, region, colour)

    def _paint_left_top(self, painter: QPainter, region: QRegion, colour: QColor) -> None:
        """The style's line left of the first column (top of the first row) where that header is hidden, drawn,
        as Qt does, only by a dirty rectangle that starts there."""
        view = self.view
        rows, columns = view.verticalHeader(), view.horizontalHeader()
        right_edge = columns.length() - columns.offset() - 1
        bottom_edge = rows.length() - rows.offset() - 1
        for dirty in region:
            area = QRect(dirty)
            area.setBottom(min(area.bottom(), bottom_edge))
            area.setRight(min(area.right(), right_edge))
            if not area.isValid():
                continue
            if rows.isHidden():
                x = view.columnViewportPosition(columns.logicalIndex(max(columns.visualIndexAt(area.left()), 0)))
                if x == area.left():
                    painter.fillRect(x, area.top(), 1, area.height(), colour)
            if columns.isHidden():
                y = view.rowViewportPosition(rows.logicalIndex(max(rows.visualIndexAt(area.top()), 0)))
                if y == area.top():
                    painter.fillRect(area.left(), y, area.width(), 1, colour)
