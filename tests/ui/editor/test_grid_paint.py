"""What the grids paint more cheaply than Qt would is pixel for pixel what Qt paints: the grid lines the views draw
(ui/editor/grid_paint.py), the figures in an unshaped font, the labels drawn from pixmaps (ui/editor/grid_labels.py).
Each test shows the same table twice, once as the program paints it and once the plain way, and compares the images."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPalette
from PySide6.QtWidgets import QStyleOptionViewItem
from pytestqt.qtbot import QtBot

from tests.ui.editor.grid_helpers import make_table
from ui.editor.grid import TableWidget
from ui.editor.grid_labels import LabelDelegate
from ui.shared.document import ReportDocument


def qt_draws_the_lines(widget: TableWidget) -> None:
    for view in widget.views:
        view.setGridStyle(Qt.PenStyle.SolidLine)
        view.grid_lines.rects = list  # no rectangles of ours: Qt's pen draws every line


def picture(qtbot: QtBot, widget: TableWidget) -> QImage:
    """The table as it looks in the active window (the current cell's focus frame shows only there)."""
    with qtbot.waitActive(widget):
        widget.activateWindow()
    return widget.grab().toImage()


@pytest.mark.parametrize("table_id", ["s2", "s3", "s4"])
def test_grid_lines_are_the_ones_qt_draws(qtbot: QtBot, doc: ReportDocument, table_id: str) -> None:
    ours, _ = make_table(qtbot, doc, table_id)
    doc.set_cell("s3.new.natural", 1203)  # markers on Section 三: frames next to the lines
    qts, _ = make_table(qtbot, doc, table_id)
    qt_draws_the_lines(qts)
    assert picture(qtbot, ours) == picture(qtbot, qts)
    if table_id == "s3":  # scrolled part way down: group rows cut by the top edge
        for widget in (ours, qts):
            widget.view().verticalScrollBar().setValue(97)
        assert picture(qtbot, ours) == picture(qtbot, qts)


def test_the_lines_follow_resized_columns(qtbot: QtBot, doc: ReportDocument) -> None:
    ours, _ = make_table(qtbot, doc)
    qts, _ = make_table(qtbot, doc)
    qt_draws_the_lines(qts)
    for widget in (ours, qts):
        widget.resize(1000, 600)
        qtbot.waitUntil(lambda w=widget: w.view().viewport().width() < 1000)
    assert picture(qtbot, ours) == picture(qtbot, qts)


def test_figures_unshaped_look_as_shaped(qtbot: QtBot, doc: ReportDocument) -> None:
    """The cells show figures in a font Qt does not shape (faster); they look exactly as shaped text would."""
    for cell_id, figure in (("s3.new.natural", 120345), ("s3.granted.business", 4518), ("s3.deny.3.legal", 7)):
        doc.set_cell(cell_id, figure)
    ours, _ = make_table(qtbot, doc)
    shaped, _ = make_table(qtbot, doc)
    for view in shaped.views:
        view.setFont(view.horizontalHeader().font())  # the text font, shaped
    assert ours.view().font().styleStrategy() != shaped.view().font().styleStrategy()
    assert picture(qtbot, ours) == picture(qtbot, shaped)


class PaintedEachTime(LabelDelegate):
    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        self.paint_label(painter, option, index)


def labels_painted_each_time(widget: TableWidget) -> None:
    for view in widget.views:
        view.label_delegate = PaintedEachTime(view.label_delegate.font, view)
        view.setItemDelegateForColumn(0, view.label_delegate)


@pytest.mark.parametrize("table_id", ["s2", "s3"])
def test_labels_drawn_from_their_pixmaps_look_as_painted(qtbot: QtBot, doc: ReportDocument, table_id: str) -> None:
    """Labels are painted once into pixmaps; the table looks exactly as when they are painted every time: at first,
    resized (new widths, wrapped labels), scrolled, and after the palette changes."""
    ours, _ = make_table(qtbot, doc, table_id)
    direct, _ = make_table(qtbot, doc, table_id)
    labels_painted_each_time(direct)
    assert picture(qtbot, ours) == picture(qtbot, direct)
    for widget in (ours, direct):
        widget.resize(700, 500)
        qtbot.waitUntil(lambda w=widget: w.views[0].viewport().width() < 700)
        widget.views[-1].verticalScrollBar().setValue(50)
    assert picture(qtbot, ours) == picture(qtbot, direct)
    for role, colour in ((QPalette.ColorRole.Text, "#8a2030"), (QPalette.ColorRole.Base, "#fffbe6")):
        for widget in (ours, direct):
            palette = widget.palette()
            palette.setColor(role, QColor(colour))
            widget.setPalette(palette)
        assert picture(qtbot, ours) == picture(qtbot, direct)
    assert picture(qtbot, ours).pixelColor(2, ours.views[-1].y() + 40) != QColor("#ffffff")
