"""The grid lines the views draw themselves (ui/editor/grid_paint.py, cheaper than Qt's pen) are pixel for pixel the
lines Qt draws: same table, once as the program paints it and once with Qt's own grid pen, compared as images."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from tests.ui.editor.grid_helpers import make_table
from ui.editor.grid import TableWidget
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
