"""The window's export commands: errors first (返回修改 / 仍然导出), file name, the file, a Chinese report."""

from pathlib import Path

import docx
import openpyxl
import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from app.export.specimen import realistic_report
from tests.ui.window_helpers import when_modal
from ui.export import actions as export_actions
from ui.export.printing import PrintPreviewDialog
from ui.shared.document import ReportDocument
from ui.shared.places import Menu


class ModalClicker:
    """Answers the next message boxes like a person: reads each, then clicks the button with the given text."""

    def __init__(self, *answers: str) -> None:
        self.answers = list(answers)
        self.seen: list[str] = []
        when_modal(QMessageBox, self._answer)

    def _answer(self, box: QMessageBox) -> None:
        self.seen.append(f"{box.text()}\n{box.informativeText()}")
        answer = self.answers.pop(0)
        next(b for b in box.buttons() if b.text() == answer).click()
        if self.answers:
            when_modal(QMessageBox, self._answer)


@pytest.fixture
def clean_doc(qtbot) -> ReportDocument:
    return ReportDocument(realistic_report())


@pytest.fixture
def broken_doc(qtbot) -> ReportDocument:
    doc = ReportDocument(realistic_report())
    doc.set_field("auto_total", False)
    doc.set_cell("s3.new.total", 99)  # a stated total that disagrees with its parts
    assert any(f.severity == "error" for f in doc.findings)
    return doc


def save_as(monkeypatch, path: Path | None) -> list[tuple[str, str, str]]:
    """Answer the save dialog with `path`; returns what each dialog showed: (folder/name, title, filter)."""
    asked: list[tuple[str, str, str]] = []

    def fake(parent, caption, directory, filters):
        asked.append((directory, caption, filters))
        return (str(path) if path else "", filters)

    monkeypatch.setattr(QFileDialog, "getSaveFileName", fake)
    return asked


def test_clean_report_exports_word_and_says_where(clean_doc, tmp_path, monkeypatch):
    asked = save_as(monkeypatch, tmp_path / "年报")  # the clerk typed a name without the extension
    clicker = ModalClicker("确定")
    path = export_actions.export_document(None, clean_doc, "docx")
    assert path == tmp_path / "年报.docx" and path.is_file()
    directory, title, filters = asked[0]
    assert directory.endswith("青山县石桥镇人民政府2023年政府信息公开工作年度报告.docx")
    assert (title, filters) == ("导出为Word 文档", "Word 文档 (*.docx)")
    assert "已导出到" in clicker.seen[0] and str(path) in clicker.seen[0]
    assert len(docx.Document(str(path)).tables) == 4  # 三 cut in two for the page


def test_errors_first_and_going_back_writes_nothing(broken_doc, tmp_path, monkeypatch):
    asked = save_as(monkeypatch, tmp_path / "r.xlsx")
    clicker = ModalClicker("返回修改")
    assert export_actions.export_document(None, broken_doc, "xlsx") is None
    assert asked == []  # not even asked for a file name
    assert "错误" in clicker.seen[0]
    errors = [f for f in broken_doc.findings if f.severity == "error"]
    assert errors[0].message in clicker.seen[0]
    assert not (tmp_path / "r.xlsx").exists()


def test_export_anyway_writes_a_marked_draft_without_findings(broken_doc, tmp_path, monkeypatch):
    save_as(monkeypatch, tmp_path / "r.xlsx")
    clicker = ModalClicker("仍然导出", "确定")
    path = export_actions.export_document(None, broken_doc, "xlsx")
    assert path == tmp_path / "r.xlsx"
    assert "仍然导出的文件每页标注“草稿（未通过检查）”" in clicker.seen[0]  # the question says what 仍然导出 gives
    wb = openpyxl.load_workbook(path)
    assert wb.worksheets[1]["J6"].value == 99  # the stated total as the clerk left it
    assert wb.worksheets[1].oddHeader.left.text == "草稿（未通过检查）"
    cells = [str(c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value is not None]
    assert not any("错误" in c or "不等于" in c for c in cells)
    save_as(monkeypatch, tmp_path / "r.docx")
    ModalClicker("仍然导出", "确定")
    word = export_actions.export_document(None, broken_doc, "docx")
    assert docx.Document(str(word)).sections[0].header.paragraphs[0].text == "草稿（未通过检查）"


def test_a_clean_report_exports_without_a_draft_mark(clean_doc, tmp_path, monkeypatch):
    save_as(monkeypatch, tmp_path / "r.docx")
    ModalClicker("确定")
    path = export_actions.export_document(None, clean_doc, "docx")
    assert docx.Document(str(path)).sections[0].header.paragraphs[0].text == ""


def test_pdf_and_html_from_the_window(clean_doc, tmp_path, monkeypatch):
    for kind in ("pdf", "html"):
        save_as(monkeypatch, tmp_path / f"r.{kind}")
        ModalClicker("确定")
        path = export_actions.export_document(None, clean_doc, kind)
        assert path is not None and path.stat().st_size > 1000
    assert (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF")


def test_cancelled_file_dialog_exports_nothing(clean_doc, monkeypatch):
    save_as(monkeypatch, None)
    assert export_actions.export_document(None, clean_doc, "docx") is None


def test_failure_is_reported_in_chinese(clean_doc, tmp_path, monkeypatch):
    save_as(monkeypatch, tmp_path / "missing-folder" / "r.docx")
    failures: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text, *a: failures.append(f"{title}：{text}"))
    assert export_actions.export_document(None, clean_doc, "docx") is None
    assert failures and "导出失败" in failures[0] and "不存在" in failures[0]


def test_export_never_overwrites_the_report_file(tmp_path, monkeypatch, qtbot):
    report_file = tmp_path / "r.docx"  # an odd name, but it is the report the clerk is editing
    report_file.write_bytes(b"precious")
    doc = ReportDocument(realistic_report(), path=report_file)
    save_as(monkeypatch, report_file)
    failures: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text, *a: failures.append(text))
    assert export_actions.export_document(None, doc, "docx") is None
    assert report_file.read_bytes() == b"precious" and "覆盖" in failures[0]


def test_preview_document_opens_the_preview(clean_doc, qtbot, monkeypatch):
    shown: list[int] = []

    def close_when_shown(dialog: PrintPreviewDialog) -> None:
        qtbot.waitUntil(lambda: dialog.preview.pageCount() > 0)
        shown.append(dialog.preview.pageCount())
        dialog.reject()

    when_modal(PrintPreviewDialog, close_when_shown)
    export_actions.preview_document(None, clean_doc)
    assert shown and shown[0] >= 3


def test_the_window_entries_call_the_export_and_print_commands(qtbot, tmp_path, monkeypatch):
    """The export feature puts one 导出为… per export kind, 打印预览 and 打印 into the window's named places."""
    from tests.ui.window_helpers import make_window  # noqa: PLC0415

    window = make_window(qtbot, tmp_path, monkeypatch)
    calls = []
    monkeypatch.setattr(export_actions, "export_document", lambda parent, doc, kind: calls.append(kind) or None)
    monkeypatch.setattr(export_actions, "print_document", lambda parent, doc: calls.append("print"))
    monkeypatch.setattr(export_actions, "preview_document", lambda parent, doc: calls.append("preview"))
    file_menu = window.menus[Menu.FILE]
    entries = [a for a in file_menu.actions() if a.text().startswith("导出为")]
    assert [a.text() for a in entries] == ["导出为Word…", "导出为Excel…", "导出为网页…", "导出为PDF…"]
    for action in entries:
        action.trigger()
    window.named_action("print.preview").trigger()
    window.named_action("print.print").trigger()
    assert calls == ["docx", "xlsx", "html", "pdf", "preview", "print"]
    toolbar = [a.text() for a in window.toolbar.actions() if not a.isSeparator()]
    assert toolbar[-2:] == ["导出为Word…", "打印(&P)…"]


def test_preview_and_print_of_a_report_with_errors_are_marked_as_a_draft(broken_doc, clean_doc, qtbot):
    marks: list[str] = []

    def look(dialog: PrintPreviewDialog) -> None:
        qtbot.waitUntil(lambda: dialog.preview.pageCount() > 0)
        marks.append(dialog.setter.layout.draft_mark)
        dialog.reject()

    for doc in (broken_doc, clean_doc):
        when_modal(PrintPreviewDialog, look)
        export_actions.preview_document(None, doc)
    assert marks == ["草稿（未通过检查）", ""]
