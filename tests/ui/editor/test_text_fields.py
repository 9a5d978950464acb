"""Figure fields in a text tab, driven as a clerk would: Ctrl+F9, typing, Ctrl+Z, Ctrl+C/Ctrl+V, 生成段落."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QTextCursor

from app.report.fields import Field, render
from app.report.model import Report
from app.storage import load, save
from tests.factories import realistic_report
from tests.ui.editor.grid_helpers import send_text
from ui.editor import draft_dialog, field_picker
from ui.editor.draft_dialog import DraftDialog
from ui.editor.field_picker import FieldPicker
from ui.editor.fields import MIME, OBJECT_CHAR
from ui.editor.text_tab import TextTab
from ui.shared.document import ReportDocument
from ui.window.application import setup_application

NEW_TOTAL = Field(("s3.new.total",))


def make_tab(qtbot, doc: ReportDocument, key: str = "s1") -> TextTab:
    setup_application()
    tab = TextTab(doc, key)
    qtbot.addWidget(tab)
    tab.resize(900, 500)
    with qtbot.waitActive(tab):  # shortcuts and focus need an active window
        tab.show()
        tab.activateWindow()
    return tab


def end_x(tab: TextTab) -> int:
    cursor = tab.editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    return tab.editor.cursorRect(cursor).x()


def field_tab(qtbot, monkeypatch, text: str) -> tuple[ReportDocument, TextTab]:
    """一、总体情况 holding `text`, the cursor in it, and 插入表格数字 answering 一、本年新收 总计."""
    doc = ReportDocument(realistic_report())
    doc.report.texts["s1"] = text
    tab = make_tab(qtbot, doc)
    monkeypatch.setattr(field_picker, "ask_field", lambda parent, report: NEW_TOTAL)
    tab.editor.setFocus()
    tab.editor.moveCursor(QTextCursor.MoveOperation.End)
    return doc, tab


def test_insert_field_with_ctrl_f9_then_the_text_follows_the_table(qtbot, monkeypatch):
    doc, tab = field_tab(qtbot, monkeypatch, "")
    editor = tab.editor
    send_text(qtbot, editor, "全年共收到申请")
    qtbot.keyClick(editor, Qt.Key.Key_F9, Qt.KeyboardModifier.ControlModifier)
    send_text(qtbot, editor, "件。")
    assert doc.report.texts["s1"] == "全年共收到申请⟦s3.new.total⟧件。"
    assert render(doc.report.texts["s1"], doc.report) == "全年共收到申请13件。"
    assert tab.count.text().startswith("字数：11")  # the field counts as the two digits it prints
    narrow = end_x(tab)
    doc.set_cell("s3.new.natural", 11234)  # 13 → 11237: the text moves right by three digits
    qtbot.waitUntil(lambda: end_x(tab) > narrow)
    assert tab.count.text().startswith("字数：14")  # 11237 is five digits
    assert doc.report.texts["s1"] == "全年共收到申请⟦s3.new.total⟧件。"  # the text itself did not change
    assert [f.rule for f in doc.findings if f.rule == "R8"] == []


def test_undo_removes_the_field_in_one_step_and_typing_after_it_is_text(qtbot, monkeypatch):
    doc, tab = field_tab(qtbot, monkeypatch, "收到")
    editor = tab.editor
    editor.insert_field_action.trigger()
    send_text(qtbot, editor, "件")
    assert doc.report.texts["s1"] == "收到⟦s3.new.total⟧件"
    assert editor.toPlainText() == f"收到{OBJECT_CHAR}件"
    doc.undo_stack.undo()  # the typing
    assert doc.report.texts["s1"] == "收到⟦s3.new.total⟧" and editor.toPlainText() == f"收到{OBJECT_CHAR}"
    doc.undo_stack.undo()  # the field
    assert doc.report.texts["s1"] == "收到" and editor.toPlainText() == "收到"
    doc.undo_stack.redo()
    assert doc.report.texts["s1"] == "收到⟦s3.new.total⟧"
    editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClick(editor, Qt.Key.Key_Backspace)  # one key removes the whole field
    assert doc.report.texts["s1"] == "收到"


def test_copy_paste_between_parts_keeps_fields_and_gives_others_plain_figures(qtbot):
    doc = ReportDocument(realistic_report())
    doc.report.texts["s1"] = "收到申请⟦s3.new.total⟧件，字面⟦⟦符号"
    doc.report.texts["s5"] = "问题："
    s1, s5 = make_tab(qtbot, doc, "s1"), make_tab(qtbot, doc, "s5")
    s1.editor.setFocus()
    qtbot.keyClick(s1.editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(s1.editor, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    clip = QGuiApplication.clipboard().mimeData()
    assert clip.text() == "收到申请13件，字面⟦符号"  # what Word or WPS gets
    assert bytes(clip.data(MIME).data()).decode() == "收到申请⟦s3.new.total⟧件，字面⟦⟦符号"
    s5.editor.setFocus()
    s5.editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClick(s5.editor, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert doc.report.texts["s5"] == "问题：收到申请⟦s3.new.total⟧件，字面⟦⟦符号"
    doc.set_cell("s3.new.natural", 20)
    assert render(doc.report.texts["s5"], doc.report) == "问题：收到申请23件，字面⟦符号"


def test_fields_survive_save_and_load_into_the_editor(qtbot, tmp_path):
    report = realistic_report()
    report.texts["s1"] = "收到⟦s3.new.total⟧件⟦s3.new.total|change⟧。"
    save(report, tmp_path / "r.zwgk")
    doc = ReportDocument(load(tmp_path / "r.zwgk"))
    tab = make_tab(qtbot, doc)
    assert tab.editor.toPlainText() == f"收到{OBJECT_CHAR}件{OBJECT_CHAR}。"
    assert tab.editor.field_text() == report.texts["s1"]


def test_draft_inserts_paragraphs_without_replacing_text(qtbot, monkeypatch):
    doc = ReportDocument(realistic_report())
    doc.report.texts["s1"] = "一、总体情况概述。"
    tab = make_tab(qtbot, doc)
    dialog = DraftDialog(doc.report)
    qtbot.addWidget(dialog)
    dialog.boxes["s2"].setChecked(False)
    dialog.boxes["s4"].setChecked(False)
    assert dialog.preview.toPlainText().startswith("本年度共收到政府信息公开申请13件")
    drafted = dialog.field_text()
    monkeypatch.setattr(draft_dialog, "ask_draft", lambda parent, report: drafted)
    tab.editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.mouseClick(tab.draft_button, Qt.MouseButton.LeftButton)
    text = doc.report.texts["s1"]
    assert text.startswith("一、总体情况概述。\n本年度共收到政府信息公开申请⟦s3.new.total⟧件")
    assert doc.undo_stack.undoText() == "生成段落"
    doc.set_cell("s3.new.natural", 110)
    assert "本年度共收到政府信息公开申请113件，其中自然人申请110件" in render(doc.report.texts["s1"], doc.report)


def test_draft_over_a_selection_asks_first(qtbot, monkeypatch):
    doc = ReportDocument(realistic_report())
    doc.report.texts["s1"] = "要保留的文字"
    tab = make_tab(qtbot, doc)
    monkeypatch.setattr(draft_dialog, "ask_draft", lambda parent, report: "新段落")
    monkeypatch.setattr(draft_dialog, "ask_replace_selection", lambda parent: None)
    tab.editor.selectAll()
    tab.editor.ask_and_insert_draft()
    assert doc.report.texts["s1"] == "要保留的文字"  # cancelled: nothing replaced
    monkeypatch.setattr(draft_dialog, "ask_replace_selection", lambda parent: "after")
    tab.editor.selectAll()
    tab.editor.ask_and_insert_draft()
    assert doc.report.texts["s1"] == "要保留的文字\n新段落"


def test_picker_finds_cells_by_their_labels(qtbot):
    setup_application()
    picker = FieldPicker(Report.new(2023, "某镇"))
    qtbot.addWidget(picker)
    send_text(qtbot, picker.search, "新收 总计")
    assert picker.chosen().cells == ("s3.new.total",)
    picker.search.clear()
    send_text(qtbot, picker.search, "不予公开")
    qtbot.keyClick(picker.search, Qt.Key.Key_Down)
    assert picker.chosen().cells[0].startswith("s3.deny.")


def test_picker_enter_takes_the_highlighted_entry(qtbot):
    setup_application()
    picker = FieldPicker(Report.new(2023, "某镇"))
    qtbot.addWidget(picker)
    with qtbot.waitActive(picker):
        picker.show()
        picker.activateWindow()
    send_text(qtbot, picker.search, "行政复议 结果维持")
    qtbot.keyClick(picker.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not picker.isVisible())
    assert picker.result() == FieldPicker.DialogCode.Accepted
    assert picker.chosen().cells == ("s4.review.upheld",)
