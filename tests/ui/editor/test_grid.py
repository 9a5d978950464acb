"""The report grids driven like a person: keys, the clipboard, what the cells show."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QContextMenuEvent, QGuiApplication
from PySide6.QtWidgets import QApplication, QLabel, QMenu
from pytestqt.qtbot import QtBot

from app.report.formats import load_format
from tests.ui.editor.grid_helpers import (
    NEW_NATURAL,
    current_cell,
    editor_of,
    go_to,
    make_table,
    select_rect,
    shown,
    type_in,
)
from ui.editor.grid import TableWidget
from ui.editor.grid_delegate import CELL_ID_ROLE, MARKER_ROLE
from ui.editor.grid_header import GridHeader
from ui.shared.document import ReportDocument


def test_typing_numbers_updates_totals_and_enter_moves_down(qtbot: QtBot, doc: ReportDocument) -> None:
    widget, messages = make_table(qtbot, doc)
    view = go_to(widget, NEW_NATURAL)
    with qtbot.waitSignal(view.model().dataChanged):
        type_in(qtbot, view, "12")
    assert shown(widget, NEW_NATURAL) == "12"
    assert current_cell(view) == "s3.carry_in.natural"  # Enter moved down
    type_in(qtbot, view, "3", Qt.Key.Key_Tab)
    assert current_cell(view) == "s3.carry_in.business"  # Tab moved right
    type_in(qtbot, view, "4")
    # Enter after a run of Tabs goes down under the cell where the run began (Excel's habit), and from 二 it skips
    # the group row 三、本年度办理结果 to （一）予以公开.
    assert current_cell(view) == "s3.granted.natural"
    assert shown(widget, "s3.new.total") == "12"
    assert shown(widget, "s3.carry_in.total") == "7"
    assert doc.report.values["s3.carry_in.total"] == 7
    assert messages == []


def test_arrow_keys_move_and_skip_group_rows(qtbot: QtBot, doc: ReportDocument) -> None:
    widget, _ = make_table(qtbot, doc)
    view = go_to(widget, "s3.partial.other")
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert current_cell(view) == "s3.deny.1.other"  # （三）不予公开 is a label row
    qtbot.keyClick(view, Qt.Key.Key_Up)
    qtbot.keyClick(view, Qt.Key.Key_Up)
    assert current_cell(view) == "s3.granted.other"
    qtbot.keyClick(view, Qt.Key.Key_Right)
    assert current_cell(view) == "s3.granted.other"  # the computed 总计 column is not a cell to type into
    qtbot.keyClick(view, Qt.Key.Key_Down)
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert current_cell(view) == "s3.deny.1.other"
    go_to(widget, "s3.other.3.other")
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert current_cell(view) == "s3.carry_over.other"  # （七）总计 is computed: skipped
    go_to(widget, "s3.granted.natural")
    qtbot.keyClick(view, Qt.Key.Key_Left)
    assert current_cell(view) == "s3.granted.natural"  # the row label is not a cell to land on


def test_full_width_digits_and_thousands_separators(qtbot: QtBot, doc: ReportDocument) -> None:
    widget, messages = make_table(qtbot, doc)
    view = go_to(widget, NEW_NATURAL)
    type_in(qtbot, view, "１２３")  # as a Chinese input method in full-width mode commits them
    assert doc.report.values[NEW_NATURAL] == 123
    type_in(qtbot, view, "1,234")
    assert doc.report.values["s3.carry_in.natural"] == 1234
    assert shown(widget, "s3.carry_in.natural") == "1234"
    assert messages == []


def test_letters_and_negative_counts_are_refused_in_the_status_bar(qtbot: QtBot, doc: ReportDocument) -> None:
    widget, messages = make_table(qtbot, doc)
    view = go_to(widget, NEW_NATURAL)
    before = doc.report.values[NEW_NATURAL]
    type_in(qtbot, view, "abc")
    assert len(messages) == 1 and "“abc”不是数字" in messages[0] and "自然人" in messages[0]
    editor = editor_of(view)  # still open, with what was typed
    assert editor.text() == "abc"
    editor.setText("-5")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert "负" in messages[-1]
    assert doc.report.values[NEW_NATURAL] == before
    assert QApplication.activeModalWidget() is None
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert current_cell(view) == NEW_NATURAL
    assert doc.undo_stack.count() == 0


def test_paste_block_from_clipboard_is_one_undo_step(qtbot: QtBot, doc: ReportDocument) -> None:
    widget, messages = make_table(qtbot, doc)
    view = go_to(widget, "s3.partial.natural")
    before = dict(doc.report.values)
    # 3 rows × 4 columns as Excel puts them on the clipboard; （三）不予公开 is a label row, so the block lands on
    # （二）部分公开, 1.属于国家秘密 and 2.其他法律行政法规禁止公开 — as in the printed table.
    QGuiApplication.clipboard().setText("1\t2\t3\t4\r\n5\t６\t7\t8\r\n9\t10\t1,100\t12\r\n")
    steps = doc.undo_stack.count()
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert doc.undo_stack.count() == steps + 1
    assert doc.report.values["s3.partial.research"] == 3
    assert doc.report.values["s3.deny.1.business"] == 6
    assert doc.report.values["s3.deny.2.nonprofit"] == 12
    assert doc.report.values["s3.deny.2.research"] == 1100
    assert shown(widget, "s3.deny.1.total") == str(5 + 6 + 7 + 8)
    assert shown(widget, "s3.total.natural") == str(before["s3.total.natural"] + 1 + 5 + 9)
    assert messages == ["已粘贴 12 个数值（Ctrl+Z 可撤销）"]
    doc.undo_stack.undo()
    assert doc.report.values == before
    assert shown(widget, "s3.deny.1.total") == str(before["s3.deny.1.total"])


def test_paste_with_a_letter_pastes_nothing(qtbot: QtBot, doc: ReportDocument) -> None:
    widget, messages = make_table(qtbot, doc)
    view = go_to(widget, "s3.granted.natural")
    QGuiApplication.clipboard().setText("1\t2\nx\t4\n")
    before = dict(doc.report.values)
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert doc.report.values == before
    assert "“x”不是数字" in messages[-1]


def test_delete_clears_the_selection_in_one_step(qtbot: QtBot, doc: ReportDocument) -> None:
    doc.set_cells([("s3.granted.natural", 2), ("s3.granted.business", 3), ("s3.partial.natural", 1)])
    widget, _ = make_table(qtbot, doc)
    view = go_to(widget, "s3.granted.natural")
    select_rect(view, "s3.granted.natural", "s3.partial.total")  # includes computed totals: left alone
    steps = doc.undo_stack.count()
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert doc.undo_stack.count() == steps + 1
    assert shown(widget, "s3.granted.natural") == ""
    assert doc.report.values["s3.partial.natural"] is None
    assert shown(widget, "s3.granted.total") == "0"
    doc.undo_stack.undo()
    assert doc.report.values["s3.granted.business"] == 3
    assert shown(widget, "s3.granted.total") == "5"


def marked(widget: TableWidget) -> dict[str, str]:
    out = {}
    for model in widget.models:
        for cell_id in model.cell_ids():
            marker = model.data(model.index_of(cell_id), MARKER_ROLE)
            if marker:
                out[cell_id] = marker
    return out


def test_markers_on_exactly_the_cells_of_a_failing_rule(qtbot: QtBot, doc: ReportDocument) -> None:
    widget, _ = make_table(qtbot, doc)
    assert marked(widget) == {}
    view = go_to(widget, NEW_NATURAL)
    with qtbot.waitSignal(doc.findingsChanged):
        type_in(qtbot, view, "5")
    # 一 ≠ 三（七）+四 in the 自然人 column and, through the row total, in the 总计 column: R1 names these cells.
    involved = {f"s3.{row}.{col}" for row in ("new", "carry_in", "total", "carry_over") for col in ("natural", "total")}
    assert marked(widget) == dict.fromkeys(involved, "error")
    tooltip = shown(widget, NEW_NATURAL, Qt.ItemDataRole.ToolTipRole)
    assert "R1" in tooltip and "一+二 = 5" in tooltip and "三（七）+四 = 0" in tooltip
    assert shown(widget, "s3.new.business", Qt.ItemDataRole.ToolTipRole) is None
    # Balanced again: every marker goes.
    go_to(widget, "s3.granted.natural")
    type_in(qtbot, view, "5")
    assert marked(widget) == {}
    assert shown(widget, NEW_NATURAL, Qt.ItemDataRole.ToolTipRole) is None


def test_blank_cell_is_marked_as_a_warning(qtbot: QtBot, doc: ReportDocument) -> None:
    widget, _ = make_table(qtbot, doc, "s4")
    view = go_to(widget, "s4.review.upheld")
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert marked(widget) == {"s4.review.upheld": "warning"}
    assert "空白" in shown(widget, "s4.review.upheld", Qt.ItemDataRole.ToolTipRole)


def test_totals_are_read_only_until_auto_total_is_off(qtbot: QtBot, doc: ReportDocument) -> None:
    widget, messages = make_table(qtbot, doc)
    view = go_to(widget, "s3.granted.total")
    index = view.currentIndex()
    assert not view.model().flags(index) & Qt.ItemFlag.ItemIsEditable
    assert view.model().data(index, Qt.ItemDataRole.BackgroundRole) is not None  # shaded
    qtbot.keyClicks(view, "9")
    assert QApplication.focusWidget() is view  # no editor opened, but the status bar says why
    assert "是合计" in messages[-1] and "（一）予以公开" in messages[-1]
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert len(messages) == 2 and doc.undo_stack.count() == 0
    doc.set_field("auto_total", False)
    assert view.model().flags(index) & Qt.ItemFlag.ItemIsEditable
    assert view.model().data(index, Qt.ItemDataRole.BackgroundRole) is None
    type_in(qtbot, view, "9")
    assert doc.report.values["s3.granted.total"] == 9
    assert marked(widget)["s3.granted.total"] == "error"  # R3: 总计 ≠ the six columns


def test_focus_cell_only_for_cells_of_this_table(qtbot: QtBot, doc: ReportDocument) -> None:
    widget, _ = make_table(qtbot, doc)
    assert widget.focus_cell("s3.carry_over.other")
    assert current_cell(widget.view()) == "s3.carry_over.other"
    assert QApplication.focusWidget() is widget.view()
    assert not widget.focus_cell("s4.review.upheld")
    assert not widget.focus_cell("no.such.cell")


def test_section_two_blocks_with_captions_and_moving_between_them(qtbot: QtBot, doc: ReportDocument) -> None:
    widget, _ = make_table(qtbot, doc, "s2")
    table = doc.format.table("s2")
    assert len(widget.views) == len(table.blocks)
    captions = [label.text() for label in widget.findChildren(QLabel)]
    assert [b.caption for b in table.blocks] == [c for c in captions if c.startswith("第二十条")]
    view = go_to(widget, "s2.normative.in_force")
    type_in(qtbot, view, "8")  # Enter at the last row of a block continues in the next block
    assert QApplication.focusWidget() is widget.views[1]
    assert current_cell(widget.views[1]) == "s2.license.decisions"
    view = go_to(widget, "s2.fees.amount")
    type_in(qtbot, view, "26.55")
    assert shown(widget, "s2.fees.amount") == "26.55"


def test_section_four_has_three_header_levels(qtbot: QtBot, doc: ReportDocument) -> None:
    widget, _ = make_table(qtbot, doc, "s4")
    header = widget.view().horizontalHeader()
    assert isinstance(header, GridHeader) and header.depth == 3
    texts = {box.text: (box.first, box.last, box.level, box.span) for box in header.boxes}
    assert texts["行政诉讼"] == (5, 14, 0, 1)
    assert texts["未经复议直接起诉"] == (5, 9, 1, 1)
    assert widget.view().model().columnCount() == 15  # no label column in Section 四
    view = go_to(widget, "s4.suit_direct.upheld")
    type_in(qtbot, view, "2", Qt.Key.Key_Tab)
    assert shown(widget, "s4.suit_direct.total") == "2"
    assert current_cell(view) == "s4.suit_direct.corrected"


def test_year_change_rebuilds_the_grids_for_the_other_format(qtbot: QtBot, doc: ReportDocument) -> None:
    widget, _ = make_table(qtbot, doc, "s2")
    with qtbot.waitSignal(doc.formatChanged):
        doc.set_field("year", 2020)
    assert doc.format is load_format("gov-2019")
    assert len(widget.views) == len(doc.format.table("s2").blocks) == 5
    assert widget.focus_cell("s2.procurement.amount")
    doc.undo_stack.undo()
    assert len(widget.views) == 4


@pytest.fixture
def keep_alive() -> list[TableWidget]:
    """Widgets that must outlive the model tester's teardown (fixtures tear down in reverse order)."""
    return []


def test_models_pass_the_model_tester(keep_alive: list[TableWidget], doc: ReportDocument, qtbot: QtBot,
                                      qtmodeltester) -> None:
    for table_id in ("s2", "s3", "s4"):
        widget, _ = make_table(qtbot, doc, table_id)
        keep_alive.append(widget)
        for model in widget.models:
            qtmodeltester.check(model, force_py=True)


def test_amount_without_printed_unit_takes_the_unit_typed_with_it(qtbot: QtBot, doc: ReportDocument) -> None:
    doc.set_field("year", 2020)  # the 2019 format: 采购总金额 has no unit in the printed table
    widget, messages = make_table(qtbot, doc, "s2")
    cell = "s2.procurement.amount"
    view = go_to(widget, cell)
    steps, before = doc.undo_stack.count(), shown(widget, cell)
    checks: list[object] = []
    doc.findingsChanged.connect(checks.append)
    type_in(qtbot, view, "２５.１万元")
    assert messages == []
    assert doc.undo_stack.count() == steps + 1
    assert len(checks) == 1  # the number and its unit are one edit: checked once, not once each
    assert str(doc.report.values[cell]) == "25.1" and doc.report.units[cell] == "万元"
    assert shown(widget, cell) == "25.1 万元"
    qtbot.keyClick(go_to(widget, cell), Qt.Key.Key_F2)  # to correct it: the editor opens with the unit, no space
    assert editor_of(view).text() == "25.1万元"
    qtbot.keyClick(editor_of(view), Qt.Key.Key_Escape)
    assert cell not in marked(widget)
    doc.undo_stack.undo()
    assert cell not in doc.report.units and shown(widget, cell) == before
    view = go_to(widget, cell)
    type_in(qtbot, view, "8040")
    assert marked(widget)[cell] == "warning"  # S3: an amount needs its unit
    assert "单位" in shown(widget, cell, Qt.ItemDataRole.ToolTipRole)
    assert any("请连同单位填写" in label.text() for label in widget.findChildren(QLabel))


def test_f2_edits_the_value_in_place(qtbot: QtBot, doc: ReportDocument) -> None:
    doc.set_cell(NEW_NATURAL, 12)
    widget, _ = make_table(qtbot, doc)
    view = go_to(widget, NEW_NATURAL)
    qtbot.keyClick(view, Qt.Key.Key_F2)
    editor = editor_of(view)
    assert editor.text() == "12" and not editor.hasSelectedText()
    qtbot.keyClicks(editor, "3")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert doc.report.values[NEW_NATURAL] == 123
    assert current_cell(view) == "s3.carry_in.natural"


def test_tab_after_the_last_input_cell_continues_on_the_next_row(qtbot: QtBot, doc: ReportDocument) -> None:
    widget, _ = make_table(qtbot, doc)
    view = go_to(widget, "s3.new.other")
    type_in(qtbot, view, "1", Qt.Key.Key_Tab)
    assert current_cell(view) == "s3.carry_in.natural"  # the computed 总计 and the row label are skipped
    type_in(qtbot, view, "2", Qt.Key.Key_Backtab)
    assert current_cell(view) == "s3.new.other"
    assert doc.report.values["s3.new.other"] == 1 and doc.report.values["s3.carry_in.natural"] == 2
    go_to(widget, "s3.total.other")  # a computed cell the cursor was put on (a finding's jump): Tab goes on
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert current_cell(view) == "s3.carry_over.natural"


def test_an_edit_repaints_only_what_changed(qtbot: QtBot, doc: ReportDocument) -> None:
    widget, _ = make_table(qtbot, doc)
    model = widget.models[0]
    touched: set[str] = set()

    def record(top_left, bottom_right, roles=()) -> None:  # noqa: ANN001 - Qt's signal arguments
        for row in range(top_left.row(), bottom_right.row() + 1):
            for col in range(top_left.column(), bottom_right.column() + 1):
                touched.add(model.data(model.index(row, col), CELL_ID_ROLE))

    model.dataChanged.connect(record)
    view = go_to(widget, "s3.granted.business")
    type_in(qtbot, view, "2")
    # The value, its row total, the (七) total of its column and of the 总计 column; the markers R1 sets on the
    # 一/二/（七）/四 cells of both columns.
    columns = ("business", "total")
    expected = {"s3.granted.business", "s3.granted.total"}
    expected |= {f"s3.{row}.{col}" for row in ("new", "carry_in", "total", "carry_over") for col in columns}
    assert touched == expected


def test_section_three_header_matches_the_printed_table(qtbot: QtBot, doc: ReportDocument) -> None:
    widget, _ = make_table(qtbot, doc)
    header = widget.view().horizontalHeader()
    assert isinstance(header, GridHeader) and header.depth == 3
    boxes = {box.text: (box.first, box.last, box.level, box.span) for box in header.boxes}
    note = doc.format.table("s3").blocks[0].row_header
    assert "勾稽" in note
    assert boxes[note] == (0, 0, 0, 3)  # the label column carries the printed note over all three levels
    assert boxes["申请人情况"] == (1, 7, 0, 1)
    assert boxes["自然人"] == (1, 1, 1, 2)
    assert boxes["法人或其他组织"] == (2, 6, 1, 1)
    assert boxes["商业企业"] == (2, 2, 2, 1)
    assert boxes["总计"] == (7, 7, 1, 2)
    heights = header.level_heights()
    assert header.height() >= sum(heights)
    # Group rows are labels spanning the whole width, not cells: 三、本年度办理结果 and （三）…（六）.
    view = widget.view()
    groups = [r for r in range(view.model().rowCount()) if view.columnSpan(r, 0) == view.model().columnCount()]
    labels = [view.model().data(view.model().index(r, 0)) for r in groups]
    assert labels == [r.label for r in widget.models[0].rows if r.leaf is None]
    assert len(labels) == 5


def test_right_click_menu_clears_the_selection(qtbot: QtBot, doc: ReportDocument) -> None:
    widget, _ = make_table(qtbot, doc)
    view = go_to(widget, "s3.granted.natural")
    select_rect(view, "s3.granted.natural", "s3.granted.business")
    rect = view.visualRect(view.currentIndex())
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, rect.center(), view.viewport().mapToGlobal(rect.center()))
    QApplication.sendEvent(view.viewport(), event)
    menu = QApplication.activePopupWidget()
    assert isinstance(menu, QMenu)
    assert [a.text() for a in menu.actions()] == ["剪切", "复制", "粘贴", "清除内容"]
    next(a for a in menu.actions() if a.text() == "清除内容").trigger()
    menu.close()
    assert doc.report.values["s3.granted.natural"] is None and doc.report.values["s3.granted.business"] is None
