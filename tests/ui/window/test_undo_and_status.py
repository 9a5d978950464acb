"""Undo and redo show what they change; the toolbar keeps its place; the 编辑 menu; status messages that describe a
state go when the state changes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QToolButton

from tests.ui.window_helpers import current_cell, open_sample_window, type_number, type_text
from ui.editor.text_tab import TextTab


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch):
    return open_sample_window(qtbot, tmp_path, monkeypatch)


def ctrl(qtbot, key: Qt.Key, shift: bool = False) -> None:
    modifiers = Qt.KeyboardModifier.ControlModifier | (Qt.KeyboardModifier.ShiftModifier if shift else Qt.KeyboardModifier.NoModifier)
    qtbot.keyClick(QApplication.focusWidget(), key, modifiers)


def test_ctrl_z_on_tab_three_reverts_text_on_tab_one_and_shows_it(qtbot, window):
    page = window.show_page("s1")
    editor = page.editor
    editor.setFocus()
    editor.moveCursor(editor.textCursor().MoveOperation.Start)
    type_text(qtbot, editor, "补充：")
    assert window.doc.report.texts["s1"].startswith("补充：")
    table = window.show_page("s3")
    table.focus_cell("s3.new.natural")
    type_number(qtbot, table.view(), "1203")
    ctrl(qtbot, Qt.Key.Key_Z)  # the number goes, and the grid selects the cell it came from
    assert window.current_key() == "s3" and current_cell(table.view()) == "s3.new.natural"
    assert table.view().selected_cells() == ["s3.new.natural"]
    ctrl(qtbot, Qt.Key.Key_Z)  # the text on tab 一: the window shows it, with the caret where it changed
    assert window.current_key() == "s1" and not window.doc.report.texts["s1"].startswith("补充：")
    assert QApplication.focusWidget() is editor and editor.textCursor().position() == 0
    assert window.statusBar().currentMessage() == "已撤销：编辑文字"
    ctrl(qtbot, Qt.Key.Key_Y)
    assert window.doc.report.texts["s1"].startswith("补充：") and window.current_key() == "s1"
    ctrl(qtbot, Qt.Key.Key_Y)  # the number again, on tab 三, selected
    assert window.current_key() == "s3" and window.doc.report.values["s3.new.natural"] == 1203
    assert table.view().selected_cells() == ["s3.new.natural"]
    assert window.statusBar().currentMessage() == "已重做：输入数值"


def test_undoing_a_paste_selects_the_whole_block(qtbot, window):
    table = window.show_page("s3")
    table.focus_cell("s3.granted.natural")
    QGuiApplication.clipboard().setText("1\t2\r\n3\t4\r\n")
    ctrl(qtbot, Qt.Key.Key_V)
    window.show_page("s5")
    window.act_undo.trigger()
    assert window.current_key() == "s3"
    assert sorted(table.view().selected_cells()) == sorted(
        ["s3.granted.natural", "s3.granted.business", "s3.partial.natural", "s3.partial.business"])


def test_undoing_a_field_goes_to_the_field(qtbot, window):
    info = window.show_page("info")
    info.contact.setFocus()
    type_text(qtbot, info.contact, "8123")
    window.show_page("s4")
    window.act_undo.trigger()
    assert window.current_key() == "info" and QApplication.focusWidget() is info.contact


def test_toolbar_buttons_keep_their_place_and_tell_the_step_in_the_tooltip(qtbot, window):
    def places() -> dict[str, tuple[int, int]]:
        return {b.text(): (b.x(), b.width()) for b in window.toolbar.findChildren(QToolButton) if b.isVisible()}

    before = places()
    assert window.act_undo.toolTip() == "没有可撤销的操作" and not window.act_undo.isEnabled()
    table = window.show_page("s3")
    table.focus_cell("s3.new.natural")
    type_number(qtbot, table.view(), "1203")
    assert places() == before
    assert window.act_undo.text() == "撤销(&U)" and window.act_undo.toolTip() == "撤销：输入数值（Ctrl+Z）"
    window.act_undo.trigger()
    assert places() == before and window.act_redo.toolTip() == "重做：输入数值（Ctrl+Y）"


def test_edit_menu_lists_cut_copy_paste_select_all(qtbot, window):
    edit = next(a.menu() for a in window.menuBar().actions() if a.text() == "编辑(&E)")
    texts = [a.text() for a in edit.actions() if a.isVisible() and not a.isSeparator()]
    assert texts[:6] == ["撤销(&U)", "重做(&R)", "剪切(&T)", "复制(&C)", "粘贴(&V)", "全选(&A)"]
    table = window.show_page("s3")
    table.focus_cell("s3.new.natural")
    window.act_select_all.trigger()
    assert len(table.view().selected_cells()) == 24 * 6
    window.act_cut.trigger()
    assert window.doc.report.values["s3.new.natural"] is None
    assert QGuiApplication.clipboard().text().startswith("0\t")
    page = window.show_page("s6")
    page.editor.setFocus()
    window.act_select_all.trigger()
    assert page.editor.textCursor().selectedText() == window.doc.report.texts["s6"].replace("\n", "\u2029")


def test_a_refusal_leaves_the_status_bar_when_it_is_fixed(qtbot, window):
    table = window.show_page("s3")
    table.focus_cell("s3.new.natural")
    view = table.view()
    type_text(qtbot, view, "1")
    editor = QApplication.focusWidget()
    type_text(qtbot, editor, "2o3")
    qtbot.keyClick(editor, Qt.Key.Key_Right)
    assert "不是数字" in window.statusBar().currentMessage()
    editor.setText("1203")
    qtbot.keyClick(editor, Qt.Key.Key_Right)
    assert window.statusBar().currentMessage() == ""
    assert window.doc.report.values["s3.new.natural"] == 1203


def test_a_format_switch_message_goes_with_its_undo(qtbot, window):
    info = window.show_page("info")
    index = info.year.findData(2020)
    info.year.setCurrentIndex(index)
    info.year.activated.emit(index)
    assert "已改用" in window.statusBar().currentMessage()
    window.act_undo.trigger()
    assert window.statusBar().currentMessage() == "已撤销：修改基本信息"
    assert window.doc.report.year == 2021


def test_counts_follow_every_change(qtbot, window):
    table = window.show_page("s3")
    table.focus_cell("s3.new.natural")
    type_number(qtbot, table.view(), "5")
    assert "错误 1" in window.counts.text() or "错误 2" in window.counts.text()
    window.act_undo.trigger()
    assert "错误 0" in window.counts.text()
    assert isinstance(window.page("s1"), TextTab)


def test_undoing_a_dismissed_warning_stays_on_the_tab(qtbot, window):
    window.show_page("s3")
    finding = next(f for f in window.doc.findings if f.severity == "warning")
    window.doc.set_field("dismissals", [finding.dismissal("文字统计口径不同")], "忽略警告")
    window.act_undo.trigger()
    assert window.current_key() == "s3" and window.doc.report.dismissals == []
    assert window.statusBar().currentMessage() == "已撤销：忽略警告"
