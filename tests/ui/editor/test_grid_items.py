"""The grid's items hold a copy of what each cell shows (so a repaint runs no Python): that copy must follow every
change — a typed value, its totals, undo and redo, a paste, 自动合计, markers, absent cells. A stale figure on the
screen after an edit would be the worst defect the program can have, so these tests compare every item with the
document after each kind of change."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from app.report.absence import ABSENT_MARK
from app.report.numbers import number_text
from tests.ui.editor.grid_helpers import go_to, make_table, shown, type_in
from ui.editor.grid import TableWidget
from ui.editor.grid_delegate import CELL_ID_ROLE, EDIT_TEXT_ROLE, INDENT_ROLE, LABEL_ROLE, MARKER_ROLE
from ui.editor.grid_model import FLAGS
from ui.shared.document import ReportDocument

ROLES = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole, Qt.ItemDataRole.TextAlignmentRole,
         Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.FontRole, CELL_ID_ROLE,
         MARKER_ROLE, INDENT_ROLE, LABEL_ROLE, EDIT_TEXT_ROLE)


def assert_items_current(widget: TableWidget) -> None:
    """Every item of every block shows what the document says now, and each value cell its number."""
    doc = widget.doc
    for model in widget.models:
        for row in range(model.rowCount()):
            for column in range(model.columnCount()):
                index, fresh = model.index(row, column), model.cell_roles((row, column))
                for role in ROLES:
                    want = fresh.get(int(role), fresh.get(int(Qt.ItemDataRole.DisplayRole)) if
                                     role == Qt.ItemDataRole.EditRole else None)
                    assert model.data(index, role) == want, (row, column, role)
                assert model.flags(index) == fresh[FLAGS], (row, column)
        for cell_id in model.cell_ids():
            figure = number_text(doc.report.values.get(cell_id))
            absent = cell_id in doc.report.absent_cells()
            assert shown(widget, cell_id) == (ABSENT_MARK if absent else figure), cell_id
            marked = model.data(model.index_of(cell_id), MARKER_ROLE)
            assert marked == (model.markers[cell_id][0] if cell_id in model.markers else None), cell_id


def test_typed_values_their_totals_undo_and_redo_show_at_once(qtbot: QtBot, doc: ReportDocument) -> None:
    widget, _ = make_table(qtbot, doc)
    assert_items_current(widget)
    view = go_to(widget, "s3.new.natural")
    type_in(qtbot, view, "1203")  # R1 now fails: the 一/二/（七）/四 cells of the column are marked
    assert shown(widget, "s3.new.natural") == "1203" and shown(widget, "s3.new.total") == "1203"
    assert shown(widget, "s3.new.natural", MARKER_ROLE) == "error"
    assert_items_current(widget)
    doc.set_cell("s3.granted.business", 4518)
    assert shown(widget, "s3.total.business") == "4518" and shown(widget, "s3.total.total") == "4518"
    assert_items_current(widget)
    doc.undo_stack.undo()
    assert shown(widget, "s3.total.business") == "0"
    assert_items_current(widget)
    doc.undo_stack.undo()
    assert shown(widget, "s3.new.natural") == "0" and shown(widget, "s3.new.natural", MARKER_ROLE) is None
    assert_items_current(widget)
    doc.undo_stack.redo()
    assert shown(widget, "s3.new.total") == "1203"
    assert_items_current(widget)


def test_a_pasted_block_and_its_undo_show_at_once(qtbot: QtBot, doc: ReportDocument) -> None:
    widget, _ = make_table(qtbot, doc)
    view = go_to(widget, "s3.new.natural")
    QGuiApplication.clipboard().setText("1203\t45\t0\t7\t0\t12\r\n2210\t18\t3\t0\t1\t0\r\n")
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert shown(widget, "s3.new.total") == "1267" and shown(widget, "s3.carry_in.natural") == "2210"
    assert_items_current(widget)
    doc.undo_stack.undo()
    assert shown(widget, "s3.new.total") == "0" and shown(widget, "s3.carry_in.natural") == "0"
    assert_items_current(widget)


def test_auto_total_switch_and_absent_cells_show_at_once(qtbot: QtBot, doc: ReportDocument) -> None:
    widget, _ = make_table(qtbot, doc)
    doc.set_field("auto_total", False)  # totals become input cells: no shading, editable
    assert shown(widget, "s3.new.total", Qt.ItemDataRole.BackgroundRole) is None
    assert_items_current(widget)
    doc.undo_stack.undo()
    assert shown(widget, "s3.new.total", Qt.ItemDataRole.BackgroundRole) is not None
    assert_items_current(widget)
    doc.report.absence.cells["s3.new.natural"] = "cut"
    doc.set_cell("s3.new.natural", None)  # blank and marked absent by an import: 缺, hatched
    assert shown(widget, "s3.new.natural") == ABSENT_MARK
    assert_items_current(widget)
    doc.set_cell("s3.new.natural", 1203)  # filled in: no longer absent
    assert shown(widget, "s3.new.natural") == "1203"
    assert_items_current(widget)


def test_every_table_after_a_format_switch(qtbot: QtBot, doc: ReportDocument) -> None:
    for table_id in ("s2", "s4"):
        widget, _ = make_table(qtbot, doc, table_id)
        assert_items_current(widget)
        doc.set_field("year", 2020)  # the 2019 format: the grids are rebuilt
        assert_items_current(widget)
        doc.undo_stack.undo()
        assert_items_current(widget)
