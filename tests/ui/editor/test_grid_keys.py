"""Excel's and WPS's habits in the report grids, driven by keys and the clipboard: Enter mode and Edit mode, runs of
Tabs, clearing, copy as a table, cut, select all, pasting onto totals, one cursor in Section 二."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

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
from ui.shared.document import PASTED_TOTAL_RULE, ReportDocument

RIGHT = Qt.Key.Key_Right


def test_an_arrow_commits_the_typed_value_and_moves(qtbot: QtBot, doc: ReportDocument) -> None:
    """The defect this issue began with: 4, →, 5 made 45 in one cell."""
    widget, messages = make_table(qtbot, doc)
    view = go_to(widget, NEW_NATURAL)
    for text in ("1203", "45", "0", "7"):
        type_in(qtbot, view, text, RIGHT)
    values = doc.report.values
    assert [values[f"s3.new.{c}"] for c in ("natural", "business", "research", "nonprofit")] == [1203, 45, 0, 7]
    assert current_cell(view) == "s3.new.legal"
    type_in(qtbot, view, "9", Qt.Key.Key_Left)
    assert values["s3.new.legal"] == 9 and current_cell(view) == "s3.new.nonprofit"
    type_in(qtbot, view, "8", Qt.Key.Key_Down)
    assert values["s3.new.nonprofit"] == 8 and current_cell(view) == "s3.carry_in.nonprofit"
    type_in(qtbot, view, "6", Qt.Key.Key_Up)
    assert values["s3.carry_in.nonprofit"] == 6 and current_cell(view) == "s3.new.nonprofit"
    assert messages == []


def test_edit_mode_arrows_move_the_caret_and_enter_commits(qtbot: QtBot, doc: ReportDocument) -> None:
    doc.set_cell(NEW_NATURAL, 1203)
    widget, _ = make_table(qtbot, doc)
    view = go_to(widget, NEW_NATURAL)
    qtbot.keyClick(view, Qt.Key.Key_F2)  # Edit mode: the caret at the end of 1203
    editor = editor_of(view)
    qtbot.keyClick(editor, Qt.Key.Key_Left)
    qtbot.keyClick(editor, Qt.Key.Key_Left)
    qtbot.keyClicks(editor, "5")
    assert editor_of(view) is editor and editor.text() == "12503"
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert doc.report.values[NEW_NATURAL] == 12503 and current_cell(view) == "s3.carry_in.natural"
    # A double-click opens Edit mode too.
    go_to(widget, NEW_NATURAL)
    centre = view.visualRect(view.currentIndex()).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=centre)  # a double-click's first click
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    editor = editor_of(view)
    qtbot.keyClick(editor, Qt.Key.Key_Home)
    qtbot.keyClick(editor, Qt.Key.Key_Right)
    qtbot.keyClick(editor, Qt.Key.Key_Delete)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert doc.report.values[NEW_NATURAL] == 1503


def test_a_click_in_the_editor_or_f2_switches_to_edit_mode(qtbot: QtBot, doc: ReportDocument) -> None:
    widget, _ = make_table(qtbot, doc)
    view = go_to(widget, NEW_NATURAL)
    type_in(qtbot, view, "45", end=None)  # Enter mode
    editor = editor_of(view)
    qtbot.mouseClick(editor, Qt.MouseButton.LeftButton, pos=QPoint(editor.width() - 3, editor.height() // 2))
    qtbot.keyClick(editor, Qt.Key.Key_Left)  # moves the caret now
    qtbot.keyClicks(editor, "0")
    assert editor.text() == "405"
    qtbot.keyClick(editor, Qt.Key.Key_F2)  # back to Enter mode: → commits and moves
    qtbot.keyClick(editor, RIGHT)
    assert doc.report.values[NEW_NATURAL] == 405 and current_cell(view) == "s3.new.business"


def test_escape_cancels_and_takes_the_refusal_off_the_status_bar(qtbot: QtBot, doc: ReportDocument) -> None:
    widget, messages = make_table(qtbot, doc)
    view = go_to(widget, NEW_NATURAL)
    before = doc.report.values[NEW_NATURAL]
    type_in(qtbot, view, "4o", RIGHT)  # a letter o for a zero: refused, the editor stays with the text
    assert "“4o”不是数字" in messages[-1] and editor_of(view).text() == "4o"
    assert current_cell(view) == NEW_NATURAL
    qtbot.keyClick(editor_of(view), Qt.Key.Key_Escape)
    assert messages[-1] == "" and doc.report.values[NEW_NATURAL] == before
    type_in(qtbot, view, "4o", RIGHT)
    editor = editor_of(view)
    editor.setText("40")  # corrected
    qtbot.keyClick(editor, RIGHT)
    assert messages[-1] == "" and doc.report.values[NEW_NATURAL] == 40  # the reason went with the fix


def test_enter_after_a_run_of_tabs_goes_under_where_it_began(qtbot: QtBot, doc: ReportDocument) -> None:
    widget, _ = make_table(qtbot, doc)
    view = go_to(widget, "s3.granted.business")
    type_in(qtbot, view, "11", Qt.Key.Key_Tab)
    type_in(qtbot, view, "12", Qt.Key.Key_Tab)
    type_in(qtbot, view, "13", Qt.Key.Key_Return)
    assert current_cell(view) == "s3.partial.business"
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    qtbot.keyClick(view, Qt.Key.Key_Return)  # without typing, too
    assert current_cell(view) == "s3.deny.1.business"
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    qtbot.keyClick(view, Qt.Key.Key_Right)  # another move ends the run: Enter goes straight down
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert current_cell(view) == "s3.deny.2.nonprofit"
    values = doc.report.values
    assert (values["s3.granted.business"], values["s3.granted.research"], values["s3.granted.nonprofit"]) == (11, 12, 13)


def test_delete_and_backspace_blank_the_selection_and_say_what_blank_means(qtbot: QtBot, doc: ReportDocument) -> None:
    widget, messages = make_table(qtbot, doc)
    view = go_to(widget, "s3.granted.natural")
    select_rect(view, "s3.granted.natural", "s3.partial.business")
    qtbot.keyClick(view, Qt.Key.Key_Backspace)
    assert all(doc.report.values[f"s3.{r}.{c}"] is None for r in ("granted", "partial") for c in ("natural", "business"))
    assert "已清空 4 个单元格" in messages[-1] and "填 0" in messages[-1]
    assert doc.undo_stack.count() == 1
    doc.undo_stack.undo()
    go_to(widget, "s3.new.research")
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert doc.report.values["s3.new.research"] is None and shown(widget, "s3.new.research") == ""


def test_copy_gives_excel_a_table_and_cut_clears(qtbot: QtBot, doc: ReportDocument) -> None:
    doc.set_cells([("s3.new.natural", 1203), ("s3.new.business", 45), ("s3.carry_in.natural", 7)])
    widget, _ = make_table(qtbot, doc)
    view = go_to(widget, NEW_NATURAL)
    select_rect(view, NEW_NATURAL, "s3.carry_in.business")
    qtbot.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    mime = QGuiApplication.clipboard().mimeData()
    assert mime.text() == "1203\t45\r\n7\t0\r\n"
    assert "<tr><td>1203</td><td>45</td></tr><tr><td>7</td><td>0</td></tr>" in mime.html()
    qtbot.keyClick(view, Qt.Key.Key_X, Qt.KeyboardModifier.ControlModifier)
    assert doc.report.values[NEW_NATURAL] is None and doc.report.values["s3.new.business"] is None
    assert QGuiApplication.clipboard().text() == "1203\t45\r\n7\t0\r\n"
    go_to(widget, "s3.granted.natural")  # pasting it back elsewhere moves the block
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert doc.report.values["s3.granted.natural"] == 1203 and doc.report.values["s3.partial.business"] == 0


def test_select_all_takes_the_input_cells_only(qtbot: QtBot, doc: ReportDocument) -> None:
    widget, _ = make_table(qtbot, doc)
    view = go_to(widget, NEW_NATURAL)
    qtbot.keyClick(view, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    selected = set(view.selected_cells())
    assert len(selected) == 24 * 6  # 25 data rows × 6 columns, less the computed 总计 column and （七）总计 row
    assert not any(doc.report.is_computed(c) for c in selected)
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert all(doc.report.values[c] is None for c in selected) and doc.undo_stack.count() == 1


def test_a_pasted_total_that_disagrees_is_named_not_dropped(qtbot: QtBot, doc: ReportDocument) -> None:
    widget, messages = make_table(qtbot, doc)
    view = go_to(widget, NEW_NATURAL)
    # A row of last year's sheet, 总计 included, whose total is off by one (a typing slip in the source).
    QGuiApplication.clipboard().setText("1203\t45\t0\t7\t0\t12\t1268\r\n")
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert doc.report.values["s3.new.total"] == 1267
    assert "已粘贴 6 个数值" in messages[-1]
    assert "1 个粘贴的合计与各项之和不符" in messages[-1] and "粘贴的是 1268，各项相加为 1267" in messages[-1]
    [note] = [f for f in doc.findings if f.rule == PASTED_TOTAL_RULE]
    assert note.cells == ("s3.new.total",) and note.severity == "warning"
    assert shown(widget, "s3.new.total", Qt.ItemDataRole.ToolTipRole).count("粘贴的是 1268") == 1
    doc.undo_stack.undo()  # the paste goes, and its note with it
    assert not any(f.rule == PASTED_TOTAL_RULE for f in doc.findings)
    doc.undo_stack.redo()
    assert any(f.rule == PASTED_TOTAL_RULE for f in doc.findings)
    # Fixing the part the source got wrong: the totals agree, the note goes.
    go_to(widget, "s3.new.other")
    type_in(qtbot, view, "13")
    assert not any(f.rule == PASTED_TOTAL_RULE for f in doc.findings)


def test_a_paste_larger_than_the_grid_says_how_much_was_left_out(qtbot: QtBot, doc: ReportDocument) -> None:
    widget, messages = make_table(qtbot, doc)
    view = go_to(widget, "s3.carry_over.nonprofit")
    QGuiApplication.clipboard().setText("1\t2\t3\t4\r\n5\t6\t7\t8\r\n")
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert (doc.report.values["s3.carry_over.nonprofit"], doc.report.values["s3.carry_over.other"]) == (1, 3)
    assert "已粘贴 3 个数值" in messages[-1] and "4 个值超出表格范围，未粘贴" in messages[-1]
    assert "1 个粘贴的合计与各项之和不符" in messages[-1]  # the 4 landed on 结转下年度's 总计


def test_section_two_shows_one_cursor(qtbot: QtBot, doc: ReportDocument) -> None:
    widget, _ = make_table(qtbot, doc, "s2")
    first, second = widget.views[0], widget.views[1]
    view = go_to(widget, "s2.normative.in_force")
    qtbot.keyClick(view, Qt.Key.Key_Down)  # off the bottom of the first small table into the second
    assert QApplication.focusWidget() is second and current_cell(second) == "s2.license.decisions"
    assert first.selectionModel().selectedIndexes() == []
    assert [i.data() for i in second.selectionModel().selectedIndexes()] == [shown(widget, "s2.license.decisions")]
    for other in widget.views[2:]:
        assert other.selectionModel().selectedIndexes() == []
    qtbot.mouseClick(first.viewport(), Qt.MouseButton.LeftButton, pos=first.visualRect(first.currentIndex()).center())
    assert second.selectionModel().selectedIndexes() == [] and len(first.selectionModel().selectedIndexes()) == 1


def test_tab_off_the_end_of_a_section_two_table_goes_on_in_the_next(qtbot: QtBot, doc: ReportDocument) -> None:
    widget, _ = make_table(qtbot, doc, "s2")
    view = go_to(widget, "s2.normative.in_force")
    type_in(qtbot, view, "4", Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is widget.views[1] and current_cell(widget.views[1]) == "s2.license.decisions"
    qtbot.keyClick(widget.views[1], Qt.Key.Key_Backtab)
    assert QApplication.focusWidget() is widget.views[0] and current_cell(widget.views[0]) == "s2.normative.in_force"


def test_home_end_and_ctrl_home_end(qtbot: QtBot, doc: ReportDocument) -> None:
    widget, _ = make_table(qtbot, doc)
    view = go_to(widget, "s3.partial.research")
    qtbot.keyClick(view, Qt.Key.Key_Home)
    assert current_cell(view) == "s3.partial.natural"
    qtbot.keyClick(view, Qt.Key.Key_End)
    assert current_cell(view) == "s3.partial.other"  # the computed 总计 is not an input cell
    qtbot.keyClick(view, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    assert current_cell(view) == "s3.carry_over.other"
    qtbot.keyClick(view, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    assert current_cell(view) == NEW_NATURAL
