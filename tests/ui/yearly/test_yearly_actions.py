"""文件 → 导入…, 新建下一年度报告…, files dropped on the window, and dismissing a warning from the check panel.
File dialogs and the confirmation are answered by monkeypatch; the context menu is used like a person would."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from app.rules import summary
from tests.app.imports.builders import report_html
from tests.factories import realistic_report
from tests.ui.window_helpers import make_window, sample_copy, show
from ui.shared import dialogs
from ui.yearly import actions as yearly_actions


def _page(tmp_path):
    path = tmp_path / "2023年报.html"
    path.write_text(report_html(realistic_report(2023), zero="/"), encoding="utf-8")
    return path


def _answer(monkeypatch, shown: list[str], accept: bool = True) -> None:
    def confirm(dialog):
        shown.append(dialog.text)
        return accept
    monkeypatch.setattr(yearly_actions, "confirm", confirm)


def test_import_from_the_menu_shows_the_report_then_the_imported_report(qtbot, tmp_path, monkeypatch):
    window = make_window(qtbot, tmp_path, monkeypatch)
    window.set_document(window.new_document())
    show(qtbot, window)
    monkeypatch.setattr(yearly_actions, "ask_import_path", lambda *a: _page(tmp_path))
    shown: list[str] = []
    _answer(monkeypatch, shown)
    window.named_action("yearly.import").trigger()
    assert "已识别数值" in shown[0] and "空白或不适用" in shown[0]
    report = window.doc.report
    assert report.year == 2023 and report.agency == "某县自然资源局"
    assert report.values["s2.license.decisions"] == 412 and report.auto_total is False
    assert window.isWindowModified()  # not saved yet: closing asks
    assert window.doc.path is None and "未命名报告" in window.windowTitle()


def test_cancelled_import_keeps_the_open_report(qtbot, tmp_path, monkeypatch):
    window = make_window(qtbot, tmp_path, monkeypatch)
    window.open_file(sample_copy(tmp_path))
    before = window.doc
    monkeypatch.setattr(yearly_actions, "ask_import_path", lambda *a: _page(tmp_path))
    _answer(monkeypatch, [], accept=False)
    window.named_action("yearly.import").trigger()
    assert window.doc is before


def test_a_bad_source_gets_the_importers_message(qtbot, tmp_path, monkeypatch):
    window = make_window(qtbot, tmp_path, monkeypatch)
    window.set_document(window.new_document())
    bad = tmp_path / "旧年报.doc"
    bad.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64)
    errors: list[str] = []
    monkeypatch.setattr(dialogs, "error", lambda parent, message, title="": errors.append(message))
    monkeypatch.setattr(yearly_actions, "ask_import_path", lambda *a: bad)
    window.named_action("yearly.import").trigger()
    assert errors and "另存为 .docx" in errors[0]


def test_next_year_from_the_open_report(qtbot, tmp_path, monkeypatch):
    window = make_window(qtbot, tmp_path, monkeypatch)
    window.open_file(sample_copy(tmp_path))
    monkeypatch.setattr(yearly_actions, "ask_use_current", lambda *a: "current")
    shown: list[str] = []
    _answer(monkeypatch, shown)
    window.named_action("yearly.next_year").trigger()
    assert "上年结转" in shown[0]
    report = window.doc.report
    assert report.year == 2022 and report.agency == "金殿镇人民政府"
    assert report.previous["year"] == 2021 and report.previous["source"] == "file"
    assert window.doc.path is None and window.isWindowModified()
    assert window.check_panel.item_for("X6") is not None  # the draft text is last year's



def test_next_year_from_last_years_web_page(qtbot, tmp_path, monkeypatch):
    window = make_window(qtbot, tmp_path, monkeypatch)
    window.set_document(window.new_document())
    monkeypatch.setattr(yearly_actions, "ask_last_year_path", lambda *a: _page(tmp_path))
    shown: list[str] = []
    _answer(monkeypatch, shown)
    window.named_action("yearly.next_year").trigger()
    report = window.doc.report
    last = realistic_report(2023)
    assert report.year == 2024 and report.previous["source"] == "import"
    assert [report.values[f"s3.carry_in.{c}"] for c in ("natural", "total")] == \
        [last.values["s3.carry_over.natural"], last.values["s3.carry_over.total"]]
    assert shown, "the import report and the next-year summary are shown before the report is created"

# PySide6 marks the QPoint constructor of QDragEnterEvent deprecated but offers no other one.
@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_dropping_a_report_page_on_the_window_imports_it(qtbot, tmp_path, monkeypatch):
    window = make_window(qtbot, tmp_path, monkeypatch)
    window.set_document(window.new_document())
    show(qtbot, window)
    _answer(monkeypatch, [])
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(_page(tmp_path)))])
    enter = QDragEnterEvent(QPoint(200, 200), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(200, 200), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, drop)
    assert window.doc.report.values["s2.license.decisions"] == 412


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_other_files_are_not_accepted_for_dropping(qtbot, tmp_path, monkeypatch):
    window = make_window(qtbot, tmp_path, monkeypatch)
    window.set_document(window.new_document())
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(tmp_path / "photo.jpg"))])
    enter = QDragEnterEvent(QPoint(5, 5), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    enter.ignore()
    QApplication.sendEvent(window, enter)
    assert not enter.isAccepted()


def _choose_in_context_menu(panel, item, text: str) -> None:
    """Pick an entry of the item's right-click menu (the menu is not run modally: no event loop to hang)."""
    menu = panel.menu_for(item)
    action = next(a for a in menu.actions() if a.text().startswith(text))
    assert action.isEnabled()
    action.trigger()


def test_dismiss_a_warning_with_a_reason_and_undo_it(qtbot, tmp_path, monkeypatch):
    window = make_window(qtbot, tmp_path, monkeypatch)
    report = realistic_report(2023)
    report.texts["s1"] = report.texts["s1"].replace("13件", "15件")
    from ui.shared.document import ReportDocument

    window.set_document(ReportDocument(report))
    show(qtbot, window)
    panel = window.check_panel
    warnings_before = summary(window.doc.findings)["warning"]
    monkeypatch.setattr(yearly_actions, "ask_dismiss_reason", lambda *a: "文字含电话咨询2件")
    item = panel.item_for("R8")
    _choose_in_context_menu(panel, item, "忽略此警告")
    assert window.doc.report.dismissals[0]["reason"] == "文字含电话咨询2件"
    item = panel.item_for("R8")
    assert item.text().startswith("[已忽略]") and "文字含电话咨询2件" in item.text()
    assert summary(window.doc.findings)["warning"] == warnings_before - 1
    assert window.isWindowModified()
    _choose_in_context_menu(panel, panel.item_for("R8"), "取消忽略")
    assert not window.doc.report.dismissals
    window.act_undo.trigger()  # undo the 取消忽略: dismissed again
    assert panel.item_for("R8").text().startswith("[已忽略]")
    assert window.doc.undo_stack.undoText() == "忽略警告"
    window.act_undo.trigger()
    assert not window.doc.report.dismissals and not window.doc.undo_stack.canUndo()
    assert not panel.item_for("R8").text().startswith("[已忽略]")
    errors = [panel.list.item(i) for i in range(panel.list.count()) if "[错误]" in panel.list.item(i).text()]
    for item in errors[:1]:
        assert not panel.menu_for(item).actions()[0].isEnabled()  # errors cannot be dismissed


def test_link_last_years_report_runs_the_cross_year_checks(qtbot, tmp_path, monkeypatch):
    from app import storage
    from ui.shared.document import ReportDocument

    last = realistic_report(2022)
    last.set_values([("s3.carry_over.business", 1), ("s3.granted.business", 0)])
    last_path = tmp_path / "2022.zwgk"
    storage.save(last, last_path)
    window = make_window(qtbot, tmp_path, monkeypatch)
    window.set_document(ReportDocument(realistic_report(2023)))  # carry_in: natural 1, business 0
    assert window.check_panel.item_for("X1") is None
    monkeypatch.setattr(yearly_actions, "ask_last_year_path", lambda *a: last_path)
    window.named_action("yearly.link_previous").trigger()
    assert window.doc.report.previous["year"] == 2022
    assert "商业企业" in window.check_panel.item_for("X1").text()
    assert window.doc.undo_stack.undoText() == "关联上年报告"
    window.act_undo.trigger()
    assert window.doc.report.previous is None and window.check_panel.item_for("X1") is None


def test_a_dismissed_warning_no_longer_marks_its_cell(qtbot, tmp_path, monkeypatch):
    from ui.shared.document import ReportDocument

    window = make_window(qtbot, tmp_path, monkeypatch)
    report = realistic_report(2023)
    report.texts["s1"] = report.texts["s1"].replace("13件", "15件")
    window.set_document(ReportDocument(report))
    show(qtbot, window)  # the window's first report is checked after its first paint
    grid = window.show_page("s3")
    model = grid.models[0]
    assert "s3.new.total" in model.markers
    monkeypatch.setattr(yearly_actions, "ask_dismiss_reason", lambda *a: "口径不同")
    _choose_in_context_menu(window.check_panel, window.check_panel.item_for("R8"), "忽略此警告")
    assert "s3.new.total" not in model.markers
