"""The label column of a grid: row labels indented by depth, group rows filled, in the shaped text font.

Labels never change while a grid lives (a format switch builds new grids), yet laying out and drawing their Chinese
text was two fifths of a full repaint of Section 三. So each label cell is painted once by the style, exactly as it
would be painted on the view, into a pixmap filled with the view's own background, and later paints draw that
pixmap. The pixmap is redrawn whenever anything the style paints from changes: the cell's size, its state (hover,
an active window), the palette, the background, the device pixel ratio. At a fractional device pixel ratio, on a
background that is not one colour, and outside the view's own paint events the labels are painted directly.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPixmap
from PySide6.QtWidgets import QAbstractItemView, QStyle, QStyleOptionViewItem

from ui.editor.grid_delegate import INDENT_PX, INDENT_ROLE, CellDelegate, Index

KEPT = 400  # pixmaps kept per frame at most (a Section 三 page shows ~25 labels; resizing makes new ones)
FRAMES_KEPT = 4  # backgrounds and palettes kept (active and inactive window)


@dataclass
class Frame:
    """What one paint event of the view draws labels on, and the labels drawn on it (row, size, state -> pixmap)."""

    background: QColor
    ratio: float
    pixmaps: dict[tuple[Any, ...], QPixmap]


class LabelDelegate(CellDelegate):
    """Paints the label column (the view's own font is the figure font; labels keep the text font)."""

    def __init__(self, font: QFont, view: QAbstractItemView) -> None:
        super().__init__(view)
        self.font = font
        self.view = view
        self._drawn: dict[tuple[Any, ...], dict[tuple[Any, ...], QPixmap]] = {}  # frame -> cell -> pixmap
        self._frame: Frame | None = None  # set by the view for each of its paint events (begin, end)

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> Any:  # noqa: N802 - Qt's name
        option = QStyleOptionViewItem(option)
        option.font = self.font
        return super().sizeHint(option, index)

    def begin(self) -> None:
        """A paint event of the view starts: what the view has under every cell and the palette, fixed for the
        whole event, choose the pixmaps drawn on that background."""
        viewport = self.view.viewport()
        background = viewport.palette().brush(viewport.backgroundRole())
        if not viewport.autoFillBackground() or background.style() != Qt.BrushStyle.SolidPattern:
            self._frame = None
            return
        colour, ratio = background.color(), viewport.devicePixelRatio()
        frame = (self.view.palette().cacheKey(), colour.rgba(), ratio)
        if frame not in self._drawn and len(self._drawn) >= FRAMES_KEPT:
            self._drawn.clear()
        self._frame = Frame(colour, ratio, self._drawn.setdefault(frame, {}))

    def end(self) -> None:
        self._frame = None  # outside the view's paint events labels are painted directly

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        frame = self._frame
        if frame is None or not frame.ratio.is_integer() or painter.device().devicePixelRatio() != frame.ratio:
            self.paint_label(painter, option, index)
            return
        rect = option.rect
        key = (index.row(), rect.width(), rect.height(), option.state.value)
        pixmap = frame.pixmaps.get(key)
        if pixmap is None:
            pixmap = self._draw(option, index, frame.background, frame.ratio)
            if len(frame.pixmaps) >= KEPT:
                frame.pixmaps.clear()
            frame.pixmaps[key] = pixmap
        painter.drawPixmap(rect.x(), rect.y(), pixmap)

    def _draw(self, option: QStyleOptionViewItem, index: Index, background: QColor, ratio: float) -> QPixmap:
        size = option.rect.size()
        pixmap = QPixmap(size * ratio)
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(background)  # what the view has under the cell: the text blends onto the same
        cell = QStyleOptionViewItem(option)
        cell.rect = QRect(QPoint(0, 0), size)
        painter = QPainter(pixmap)
        self.paint_label(painter, cell, index)
        painter.end()
        return pixmap

    def paint_label(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        # Labels are disabled items (so the cursor skips them) but must read like printed text, not greyed out.
        option = QStyleOptionViewItem(option)
        option.state |= QStyle.StateFlag.State_Enabled
        option.font = self.font
        fill = index.data(Qt.ItemDataRole.BackgroundRole)
        if fill is not None:
            painter.fillRect(option.rect, fill)  # under the indentation too
        option.rect.adjust(4 + INDENT_PX * int(index.data(INDENT_ROLE) or 0), 0, -2, 0)
        super().paint(painter, option, index)
