"""The column header of an official table, with its levels and merged cells (申请人情况 → 法人或其他组织 → 商业企业 …).

QHeaderView draws one box per section; the official tables merge header cells across columns and across levels.
This header keeps Qt's sections (widths, resizing, scrolling) and only replaces the painting: every header node of
the format is drawn as one box spanning its leaf sections horizontally and its levels vertically.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QHeaderView, QWidget

from app.report.formats import Block, Header

HEADER_FILL = QColor("#eef0f3")
HEADER_LINE = QColor("#b9bec7")
PADDING = 4


@dataclass(frozen=True)
class HeaderBox:
    """One merged header cell: sections first..last, levels level..level+span-1 (level 0 is the top)."""

    text: str
    first: int
    last: int
    level: int
    span: int


def header_boxes(block: Block, label_column: bool) -> tuple[list[HeaderBox], int]:
    """The boxes of a block's header and its number of levels.

    A group node takes one level; a leaf reaches down to the bottom level, as in the printed table (e.g. 总计 under
    申请人情况 spans the two lower levels). The label column, when present, spans every level and carries the
    block's row header (信息内容, or the 勾稽 note of Section 三)."""
    depth = block.column_depth()
    boxes: list[HeaderBox] = []
    section = 0
    if label_column:
        boxes.append(HeaderBox(block.row_header, 0, 0, 0, depth))
        section = 1

    def walk(node: Header, level: int) -> None:
        nonlocal section
        if node.is_leaf:
            boxes.append(HeaderBox(node.label, section, section, level, depth - level))
            section += 1
            return
        first = section
        for child in node.children:
            walk(child, level + 1)
        boxes.append(HeaderBox(node.label, first, section - 1, level, 1))

    for column in block.columns:
        walk(column, 0)
    return boxes, depth


class GridHeader(QHeaderView):
    """A horizontal header painting merged, multi-level boxes. Heights follow the wrapped text of each level."""

    def __init__(self, boxes: list[HeaderBox], depth: int, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.boxes = boxes
        self.depth = depth
        self.setSectionsClickable(False)
        self.setHighlightSections(False)
        self.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        self.sectionResized.connect(self._geometry_changed)

    def _geometry_changed(self) -> None:
        self.updateGeometry()
        self.viewport().update()

    def _span_width(self, box: HeaderBox) -> int:
        return sum(self.sectionSize(s) for s in range(box.first, box.last + 1))

    def _text_height(self, box: HeaderBox) -> int:
        width = max(self._span_width(box) - 2 * PADDING, 10)
        flags = Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap
        rect = self.fontMetrics().boundingRect(QRect(0, 0, width, 10_000), int(flags), box.text)
        return rect.height() + 2 * PADDING

    def level_heights(self) -> list[int]:
        """Height of each level: enough for the wrapped text of every box that starts there."""
        heights = [self.fontMetrics().height() + 2 * PADDING] * self.depth
        for box in self.boxes:
            if box.span == 1:
                heights[box.level] = max(heights[box.level], self._text_height(box))
        for box in self.boxes:
            if box.span > 1:
                missing = self._text_height(box) - sum(heights[box.level:box.level + box.span])
                if missing > 0:
                    heights[box.level + box.span - 1] += missing
        return heights

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        hint = super().sizeHint()
        return QSize(hint.width(), sum(self.level_heights()) + 1)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self.viewport())
        heights = self.level_heights()
        tops = [sum(heights[:i]) for i in range(self.depth + 1)]
        line = QPen(HEADER_LINE, 0)  # cosmetic: one device pixel whatever the scale
        flags = Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap
        text_colour = self.palette().windowText().color()
        for box in self.boxes:
            x = self.sectionViewportPosition(box.first)
            rect = QRect(x, tops[box.level], self._span_width(box), tops[box.level + box.span] - tops[box.level])
            if not rect.intersects(event.rect()):
                continue
            painter.fillRect(rect, HEADER_FILL)
            # Right and bottom edges only: neighbours share an edge, so no line is drawn twice (drawn twice, lines
            # look doubled at fractional scale factors such as 125 %).
            painter.setPen(line)
            painter.drawLine(rect.topRight(), rect.bottomRight())
            painter.drawLine(rect.bottomLeft(), rect.bottomRight())
            if box.first == 0:
                painter.drawLine(rect.topLeft(), rect.bottomLeft())
            if box.level == 0:
                painter.drawLine(rect.topLeft(), rect.topRight())
            painter.setPen(text_colour)
            painter.drawText(rect.adjusted(PADDING, PADDING, -PADDING, -PADDING), int(flags), box.text)
        painter.end()
