"""The main window driven like a person: keys, clipboard, double-clicks, menus; dialogs answered by monkeypatch."""

from __future__ import annotations

import shutil
from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication
from PySide6.QtWidgets import QApplication

from app import storage
from tests.app.storage.faults import FaultySystem, install, refused
from tests.ui.window_helpers import (
    current_cell,
    menus,
    open_sample_window,
    sample_copy,
    type_number,
    type_text,
)
from ui.editor.grid import TableWidget
from ui.editor.text_tab import TextTab
from ui.shared import dialogs
from ui.shared.settings import LAST_AGENCY, LAST_AGENCY_TYPE
from ui.window.main_window import ERROR_MARK, UNTITLED, parts_with_errors


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch):
    return open_sample_window(qtbot, tmp_path, monkeypatch)


def matrix(window) -> TableWidget:
    return window.show_page("s3")


def tab_text(window, key: str) -> str:
    return window.tabs.tabText(window.keys.index(key))


def test_open_sample_shows_title_tabs_and_counts(window):
    assert window.windowTitle() == "jindian-2021.zwgk[*]"
    assert not window.isWindowModified()
    headings = [s.heading for s in window.doc.format.sections]
    assert [window.tabs.tabText(i) for i in range(window.tabs.count())] == ["基本信息", *headings]
    # T2: the sample's 总体情况 does not report 依申请公开 (only a passing 依申请公开内部流程 in a list), 平台建设,
    # 监督保障 and the 考核 results a 乡镇人民政府 must give
    assert "错误 0" in window.counts.text() and "警告 4" in window.counts.text()
    assert window.check_panel.list.count() == 4


def test_typing_into_the_matrix_updates_totals_checks_and_markers(qtbot, window):
    table = matrix(window)
    assert table.focus_cell("s3.new.natural")
    view = table.view()
    type_number(qtbot, view, "12")
    values = window.doc.report.values
    qtbot.waitUntil(lambda: values["s3.new.natural"] == 12)
    assert current_cell(view) == "s3.carry_in.natural"  # Enter moved down
    assert values["s3.new.total"] == 12
    # 一 + 二 = 12 but nothing was handled: R1 fails for the 自然人 and 总计 columns; the window says so everywhere.
    assert any(f.rule == "R1" for f in window.doc.findings)
    assert window.check_panel.item_for("R1") is not None
    assert tab_text(window, "s3").endswith(ERROR_MARK)
    assert not tab_text(window, "s4").endswith(ERROR_MARK)
    s3, bar = window.keys.index("s3"), window.tabs.tabBar()
    assert not window.tabs.tabIcon(s3).isNull() and bar.tabTextColor(s3) == QColor(Qt.GlobalColor.darkRed)
    assert window.tabs.tabToolTip(s3) == "本部分有 2 个错误"
    assert "错误 2" in window.counts.text()
    assert window.isWindowModified()

    type_number(qtbot, view, "１２")  # full-width digits, as a Chinese input method types them
    qtbot.waitUntil(lambda: values["s3.carry_in.natural"] == 12)
    assert values["s3.carry_in.total"] == 12

    window.act_undo.trigger()
    window.act_undo.trigger()  # back to the sample: no error, so no mark, icon or colour on the tab
    assert not tab_text(window, "s3").endswith(ERROR_MARK) and window.tabs.tabIcon(s3).isNull()
    assert not bar.tabTextColor(s3).isValid() and window.tabs.tabToolTip(s3) == ""


def test_letters_are_refused_in_the_status_bar(qtbot, window):
    table = matrix(window)
    table.focus_cell("s3.new.natural")
    assert window.statusBar().currentMessage().startswith("已打开")  # what the bar said before
    type_number(qtbot, table.view(), "abc")
    assert "“abc”不是数字" in window.statusBar().currentMessage()
    assert window.doc.report.values["s3.new.natural"] == 0
    assert QApplication.activeModalWidget() is None


def test_paste_a_block_then_undo_it_in_one_step(qtbot, window):
    table = matrix(window)
    table.focus_cell("s3.new.natural")
    view = table.view()
    QGuiApplication.clipboard().setText("1\t2\t3\t4\r\n5\t6\t7\t8\r\n9\t10\t11\t12\r\n")  # as Excel copies 3 × 4
    depth = window.doc.undo_stack.count()
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    values = window.doc.report.values
    qtbot.waitUntil(lambda: values["s3.new.nonprofit"] == 4)
    assert [values[f"s3.carry_in.{c}"] for c in ("natural", "business", "research", "nonprofit")] == [5, 6, 7, 8]
    assert values["s3.granted.nonprofit"] == 12  # the group row 三、本年度办理结果 is skipped, as in the table
    assert values["s3.new.total"] == 10
    assert window.doc.undo_stack.count() == depth + 1
    assert window.check_panel.item_for("R1") is not None

    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: values["s3.new.nonprofit"] == 0)
    assert values["s3.new.total"] == 0 and values["s3.granted.nonprofit"] == 0
    assert window.check_panel.item_for("R1") is None
    assert not window.isWindowModified()  # back at the saved state

    qtbot.keyClick(view, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: values["s3.new.nonprofit"] == 4)


def test_double_click_on_a_finding_jumps_to_its_cell(qtbot, window):
    window.doc.set_cell("s3.carry_in.business", 2)  # 一 + 二 ≠ 三 + 四 in the 商业企业 column
    window.tabs.setCurrentIndex(0)  # the jump must switch tabs by itself
    item = window.check_panel.item_for("R1")
    assert item is not None
    finding = item.data(Qt.ItemDataRole.UserRole + 1)
    panel = window.check_panel.list
    rect = panel.visualItemRect(item)
    # A real double-click is press, release, double-click: the view only activates the item it saw pressed.
    qtbot.mouseClick(panel.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(panel.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert finding.cells[0] == "s3.new.business"
    qtbot.waitUntil(lambda: window.current_key() == "s3")
    page = window.page("s3")
    assert current_cell(page.view()) == finding.cells[0]
    assert page.view().hasFocus()


def test_finding_without_cells_opens_its_text_tab(qtbot, window):
    window.doc.set_text("s6", "")
    item = window.check_panel.item_for("T5")
    window.check_panel.list.itemActivated.emit(item)
    assert window.current_key() == "s6"
    assert tab_text(window, "s6").endswith(ERROR_MARK)


def test_save_writes_the_file_and_clears_the_marker(qtbot, window):
    table = matrix(window)
    table.focus_cell("s3.new.business")
    type_number(qtbot, table.view(), "7")
    qtbot.waitUntil(lambda: window.doc.report.values["s3.new.business"] == 7)
    assert window.isWindowModified()
    qtbot.keyClick(table.view(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not window.isWindowModified()
    saved = storage.load(window.doc.path)
    assert saved.values["s3.new.business"] == 7 and saved.values["s3.new.total"] == 7
    assert saved.texts == window.doc.report.texts
    assert window.settings.recent_files()[0] == str(window.doc.path.resolve())


def test_close_with_unsaved_changes_asks_first(qtbot, window, monkeypatch):
    asked = []

    def answer(choice):
        def ask(parent, name):
            asked.append(name)
            return choice
        return ask

    window.doc.set_cell("s3.new.natural", 1)
    monkeypatch.setattr(dialogs, "ask_save_changes", answer("cancel"))
    window.close()
    assert asked == ["jindian-2021.zwgk"] and window.isVisible()
    monkeypatch.setattr(dialogs, "ask_save_changes", answer("save"))
    window.close()
    assert not window.isVisible()
    assert storage.load(window.doc.path).values["s3.new.natural"] == 1


def test_new_and_open_ask_too(qtbot, window, monkeypatch, tmp_path):
    asked = []
    monkeypatch.setattr(dialogs, "ask_save_changes", lambda parent, name: asked.append(name) or "cancel")
    window.doc.set_cell("s3.new.natural", 1)
    assert not window.new_report()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    assert not window.open_file(sample_copy(elsewhere))
    assert len(asked) == 2 and window.doc.report.values["s3.new.natural"] == 1


def test_saving_into_a_vanished_folder_keeps_the_data(qtbot, window, monkeypatch):
    errors = []
    monkeypatch.setattr(dialogs, "error", lambda parent, message, title="": errors.append(message))
    window.doc.set_cell("s3.new.natural", 4)
    shutil.rmtree(window.doc.path.parent)  # the USB stick was pulled out
    assert not window.save()
    assert "不存在" in errors[0] and "另存为" in errors[0]
    assert window.isWindowModified() and window.doc.report.values["s3.new.natural"] == 4
    assert window.autosaver.entry is not None and window.autosaver.entry.data.is_file()


def test_text_tab_typing_counts_and_undoes_as_one_step(qtbot, window):
    page: TextTab = window.show_page("s5")
    page.editor.setFocus()
    page.editor.selectAll()
    type_text(qtbot, page.editor, "一是人员少。")
    assert window.doc.report.texts["s5"] == "一是人员少。"
    assert page.count.text().startswith("字数：6")
    qtbot.keyClick(page.editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    original = storage.load(window.doc.path).texts["s5"]
    assert window.doc.report.texts["s5"] == original == page.editor.toPlainText()


def test_choosing_the_year_picks_the_format(qtbot, window):
    table = window.page("s3")  # built before the change: it must rebuild for the other format
    info = window.show_page("info")
    window.doc.set_cell("s3.new.natural", window.doc.report.values["s3.new.natural"] + 5)  # R1 fails in 三
    window.doc.set_cell("s2.fees.amount", Decimal("1.5"))  # a row the 2019 table does not have
    combo = info.year
    combo.setCurrentIndex(combo.findData(2020))
    combo.activated.emit(combo.currentIndex())
    assert window.doc.format.id == "gov-2019"
    said = window.statusBar().currentMessage()
    assert said.startswith("已改用国办公开办函〔2019〕60号的格式")
    assert "1 项数值已移除" in said and "如第二部分“行政事业性收费”行" in said and not said.endswith("等")
    assert "2019" in info.format_label.text()
    shown = {c for model in table.models for c in model.cell_ids()}
    assert shown == {c.id for c in window.doc.format.cells.values() if c.table == "s3"}  # the 2019 table's cells
    assert "s3.other.1.natural" not in shown  # a 2021-only row
    errors = parts_with_errors(window.doc, window.doc.findings)
    assert errors.get("s3")  # the tab marks follow the new format's findings
    sections = window.doc.format.sections
    assert [tab_text(window, s.key) for s in sections] == [
        s.heading + (ERROR_MARK if errors.get(s.key) else "") for s in sections]
    window.undo_group.undo()
    assert window.doc.format.id == "gov-2021" and combo.currentData() == 2021
    assert window.doc.report.values["s2.fees.amount"] == Decimal("1.5")
    assert tab_text(window, "s3").endswith(ERROR_MARK)


def test_agency_typed_in_info_tab_is_remembered_for_new_reports(qtbot, window):
    info = window.show_page("info")
    info.agency.setFocus()
    info.agency.selectAll()
    type_text(qtbot, info.agency, "某某街道办事处")
    info.agency_type.setCurrentIndex(info.agency_type.findData("subdistrict"))
    info.agency_type.activated.emit(info.agency_type.currentIndex())
    assert window.doc.report.agency == "某某街道办事处"
    assert window.settings.get(LAST_AGENCY) == "某某街道办事处"
    assert window.settings.get(LAST_AGENCY_TYPE) == "subdistrict"
    window.doc.undo_stack.setClean()
    assert window.new_report()
    report = window.doc.report
    assert (report.agency, report.agency_type, report.year) == ("某某街道办事处", "subdistrict", date.today().year - 1)
    assert window.windowTitle() == f"{UNTITLED}[*]"
    assert window.page("info").agency.text() == "某某街道办事处"


def test_second_window_on_the_same_file_is_warned(qtbot, window, tmp_path, monkeypatch):
    from tests.ui.window_helpers import make_window as make  # noqa: PLC0415

    warned = []
    monkeypatch.setattr(dialogs, "ask_open_locked", lambda parent, path, owner: warned.append(owner) or False)
    other = make(qtbot, tmp_path, monkeypatch)
    assert not other.open_file(window.doc.path)
    assert warned == ["本程序的另一个窗口"]
    window.close()
    assert other.open_file(window.doc.path)  # the first window let go of it
    assert len(warned) == 1


def test_menus_have_the_usual_entries_and_shortcuts(window):
    bar_menus = menus(window)
    assert list(bar_menus) == ["文件(&F)", "编辑(&E)", "检查(&C)", "帮助(&H)"]
    shortcuts = {a.text(): a.shortcut().toString() for m in bar_menus.values() for a in m.actions()}
    assert shortcuts["新建(&N)"] == "Ctrl+N" and shortcuts["打开(&O)…"] == "Ctrl+O"
    assert shortcuts["保存(&S)"] == "Ctrl+S" and shortcuts["运行检查"] == "F5"
    assert shortcuts["打印(&P)…"] == "Ctrl+P"
    assert window.act_undo.shortcut().toString() == "Ctrl+Z"
    assert window.act_redo.shortcut().toString() == "Ctrl+Y"
    assert "最近打开的文件" in shortcuts and "关于政务公开年报助手" in shortcuts


def test_edit_menu_copy_and_paste_work_on_the_focused_grid(qtbot, window):
    table = matrix(window)
    table.focus_cell("s3.new.natural")
    QGuiApplication.clipboard().setText("3\t4\n")
    window.act_paste.trigger()
    values = window.doc.report.values
    qtbot.waitUntil(lambda: values["s3.new.business"] == 4)
    assert values["s3.new.natural"] == 3
    table.focus_cell("s3.new.total")
    QGuiApplication.clipboard().clear()
    window.act_copy.trigger()
    assert QGuiApplication.clipboard().text().strip() == "7"


def test_edit_menu_paste_into_a_text_section(qtbot, window):
    page = window.show_page("s6")
    page.editor.setFocus()
    page.editor.selectAll()
    QGuiApplication.clipboard().setText("本年度未收取信息处理费。")
    window.act_paste.trigger()
    assert window.doc.report.texts["s6"] == "本年度未收取信息处理费。"


def test_recent_files_menu_lists_and_opens(qtbot, window, tmp_path, monkeypatch):
    other_dir = tmp_path / "other"
    other_dir.mkdir()
    other = sample_copy(other_dir)
    window.settings.add_recent(other)
    window._fill_recent_menu()
    entries = [a for a in window.recent_menu.actions() if a.text().startswith("&1")]
    assert entries and entries[0].text().endswith(str(other.resolve()))
    entries[0].trigger()
    assert window.doc.path == other.resolve() or window.doc.path == other


def test_f5_runs_the_checks_and_shows_the_panel(qtbot, window):
    window.check_panel.hide()
    window.doc.report.values["s3.new.natural"] = 5  # changed behind the document's back: only a re-check sees it
    qtbot.keyClick(window, Qt.Key.Key_F5)
    assert window.check_panel.isVisible()
    assert window.check_panel.item_for("R1") is not None
    assert "检查完成" in window.statusBar().currentMessage()


def test_keyboard_alone_moves_between_parts_and_fills_them(qtbot, window):
    """Ctrl+PgDown to the next part, the focus lands in it, typing goes on there."""
    assert isinstance(QApplication.focusWidget(), type(window.page("info").agency))
    for _ in range(3):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert window.current_key() == "s3"
    view = window.page("s3").view()
    assert view.hasFocus() and current_cell(view) == "s3.new.natural"
    type_number(qtbot, view, "2")
    qtbot.waitUntil(lambda: window.doc.report.values["s3.new.natural"] == 2)
    qtbot.keyClick(view, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert window.current_key() == "s4" and window.page("s4").view().hasFocus()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    editor = window.page("s5").editor
    assert editor.hasFocus()
    qtbot.keyClick(editor, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert window.current_key() == "s4"


def test_saving_into_a_read_only_folder_says_so_and_keeps_the_data(qtbot, window, monkeypatch):
    errors = []
    monkeypatch.setattr(dialogs, "error", lambda parent, message, title="": errors.append(message))

    # what a read-only folder does to the temp file (root ignores chmod)
    install(monkeypatch, FaultySystem(refused, when=lambda name, where: name == "open" and where.endswith(".tmp")))
    window.doc.set_cell("s3.new.natural", 6)
    assert not window.save()
    assert "没有写入权限" in errors[0] and "另存为" in errors[0] and "窗口中的内容不受影响" in errors[0]
    assert window.isWindowModified() and window.doc.report.values["s3.new.natural"] == 6


def test_save_as_moves_the_title_the_lock_and_the_recent_list(qtbot, window, monkeypatch, tmp_path):
    target = tmp_path / "另存" / "金殿镇2021"
    target.parent.mkdir()
    offered = []
    monkeypatch.setattr(dialogs, "ask_save_path",
                        lambda parent, suggested: offered.append(suggested) or target.with_suffix(".zwgk"))
    window.doc.set_cell("s3.new.natural", 1)
    old = window.doc.path
    assert window.save_as()
    new = target.with_suffix(".zwgk")
    assert offered == [old] and window.doc.path == new
    assert window.windowTitle() == "金殿镇2021.zwgk[*]" and not window.isWindowModified()
    assert window.lock.path == new.resolve()
    assert storage.load(new).values["s3.new.natural"] == 1
    assert storage.load(old).values["s3.new.natural"] == 0
    assert window.settings.recent_files()[0] == str(new.resolve())


def test_a_new_report_is_saved_through_save_as_with_its_title_as_the_name(qtbot, window, monkeypatch, tmp_path):
    offered = []
    monkeypatch.setattr(dialogs, "ask_save_path", lambda parent, suggested: offered.append(suggested) or None)
    assert window.new_report()
    qtbot.keyClick(window.page("info").agency, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert offered and offered[0].name == f"{window.doc.report.title}.zwgk"
    assert window.doc.path is None


def test_check_panel_shows_what_passed_on_request(qtbot, window):
    panel = window.check_panel
    assert panel.passed_items() == []  # off by default: the list is the findings only
    qtbot.mouseClick(panel.show_passed, Qt.MouseButton.LeftButton)
    shown = panel.passed_items()
    assert "[通过] R1　第三部分“总计”列：一+二 = 0 = 三（七）+四" in shown
    assert not any("X1" in t for t in shown)  # no last year's figures: the cross-year rules did not run
    assert panel.list.count() == 4 + len(shown)  # the findings stay, first
    window.doc.set_cell("s3.new.natural", 7)  # the 自然人 and 总计 columns no longer balance: passed follows the edit
    qtbot.waitUntil(lambda: "[通过] R1　第三部分“总计”列：一+二 = 0 = 三（七）+四" not in panel.passed_items())
    assert "[通过] R1　第三部分“商业企业”列：一+二 = 0 = 三（七）+四" in panel.passed_items()
    item = next(panel.list.item(i) for i in range(panel.list.count())
                if panel.list.item(i).text().startswith("[通过] R3　第三部分“（一）予以公开”行"))
    window.tabs.setCurrentIndex(0)
    rect = panel.list.visualItemRect(item)
    qtbot.mouseClick(panel.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(panel.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: window.current_key() == "s3")
    assert current_cell(window.page("s3").view()) == "s3.granted.total"
    qtbot.mouseClick(panel.show_passed, Qt.MouseButton.LeftButton)
    assert panel.passed_items() == []
