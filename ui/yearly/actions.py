"""The window's entries for issue 5: 文件 → 导入…, 文件 → 新建下一年度报告…, files dropped onto the window, and
dismissing a warning with a written reason from the 检查结果 panel.

install() wires them into the main window; questions go through the small functions below (tests monkeypatch them,
as with ui.shared.dialogs); the document changes only through its undo stack.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QWidget

from app.report.model import Report
from app.report.previous import make_previous
from app.storage import SUFFIX, StorageError, load
from app.storage.budget import Cancelled
from ui.shared import dialogs
from ui.shared.background import run_in_background
from ui.shared.places import Section
from ui.shared.settings import LAST_DIRECTORY

if TYPE_CHECKING:
    from PySide6.QtWidgets import QDialog

    from app.imports.report import ImportReport
    from app.rules import Finding

# app.imports, app.report.next_year, ui.yearly.import_dialog and the dialog classes load when an entry is used (or a file is
# dropped), not at window start-up: together they cost about a tenth of the program's start
# (benchmarks/bench_gui.py, startup_ratio).

IMPORT_FILTER = ("年度报告 (*.docx *.html *.htm *.xlsx);;Word 文档 (*.docx);;网页 (*.html *.htm);;"
                 "Excel 工作簿 (*.xlsx)")
LAST_YEAR_FILTER = f"上年报告 (*{SUFFIX} *.docx *.html *.htm *.xlsx);;项目文件 (*{SUFFIX})"


# -- questions (monkeypatched in tests) ---------------------------------------------------------------------------

def ask_import_path(parent: QWidget | None, directory: str) -> Path | None:
    from PySide6.QtWidgets import QFileDialog  # noqa: PLC0415 - see the note at the top

    name, _ = QFileDialog.getOpenFileName(parent, "导入年度报告", directory, IMPORT_FILTER)
    return Path(name) if name else None


def ask_last_year_path(parent: QWidget | None, directory: str) -> Path | None:
    from PySide6.QtWidgets import QFileDialog  # noqa: PLC0415

    name, _ = QFileDialog.getOpenFileName(parent, "选择上年的报告", directory, LAST_YEAR_FILTER)
    return Path(name) if name else None


def ask_use_current(parent: QWidget | None, title: str) -> str | None:
    """"current" | "file" | None (cancel): start next year from the open report or from a file?"""
    from PySide6.QtWidgets import QMessageBox  # noqa: PLC0415

    box = QMessageBox(QMessageBox.Icon.Question, "新建下一年度报告",
                      f"以当前打开的“{title}”作为上年报告吗？", parent=parent)
    current = box.addButton("用当前报告", QMessageBox.ButtonRole.AcceptRole)
    other = box.addButton("选择其他文件…", QMessageBox.ButtonRole.ActionRole)
    box.addButton("取消", QMessageBox.ButtonRole.RejectRole)
    box.exec()
    return {current: "current", other: "file"}.get(box.clickedButton())


def ask_dismiss_reason(parent: QWidget | None, finding: Finding) -> str | None:
    from PySide6.QtWidgets import QInputDialog  # noqa: PLC0415

    text, ok = QInputDialog.getMultiLineText(
        parent, "忽略警告", f"{finding.message}\n\n请写明忽略的理由（例如文字统计的是别的口径），理由会保存在报告文件中：")
    return text.strip() if ok and text.strip() else None


def confirm(dialog: QDialog) -> bool:
    from PySide6.QtWidgets import QDialog  # noqa: PLC0415

    return dialog.exec() == QDialog.DialogCode.Accepted


# -- dismissals ---------------------------------------------------------------------------------------------------

def dismiss(window, finding: Finding) -> bool:  # noqa: ANN001 - ui.window.main_window.MainWindow
    if not finding.dismissable or finding.dismissed is not None:
        return False
    reason = ask_dismiss_reason(window, finding)
    if reason is None:
        return False
    doc = window.doc
    from datetime import date  # noqa: PLC0415 - not needed to show the window

    item = finding.dismissal(reason, date.today().isoformat())
    doc.set_field("dismissals", [*doc.report.dismissals, item], "忽略警告")
    window.show_status(f"已忽略：{finding.rule}（理由已保存在报告中）")
    return True


def undismiss(window, finding: Finding) -> bool:  # noqa: ANN001
    from app.rules import dismissal_key  # noqa: PLC0415 - loaded by the check that made the finding

    doc = window.doc
    key = dismissal_key(finding.rule, finding.cells, finding.message)
    kept = [d for d in doc.report.dismissals if dismissal_key(d["rule"], d["cells"], d["message"]) != key]
    if len(kept) == len(doc.report.dismissals):
        return False
    doc.set_field("dismissals", kept, "取消忽略")
    return True


def link_previous(window) -> bool:  # noqa: ANN001
    """检查 against last year: pick last year's report (our file or a published one) and keep its figures."""
    found = _pick_last_year(window)
    if found is None:
        return False
    last, source, _, path = found
    doc = window.doc
    doc.set_field("previous", make_previous(last, source, path), "关联上年报告")
    expected = doc.report.year - 1
    note = "" if last.year == expected else f"（注意：它是{last.year}年度的，不是{expected}年度的）"
    window.show_status(f"已关联上年报告 {path.name}{note}，跨年度检查已开启")
    return True


# -- import and next year -----------------------------------------------------------------------------------------

def import_file(window, path: Path | None = None) -> bool:  # noqa: ANN001
    from app.imports import ImportFailure  # noqa: PLC0415 - see the note at the top
    from ui.yearly.import_dialog import import_report_dialog  # noqa: PLC0415

    if path is None:
        path = ask_import_path(window, window.settings.get(LAST_DIRECTORY))
        if path is None:
            return False
    try:
        report, info = read_in_background(window, path)
    except Cancelled:
        return False
    except ImportFailure as exc:
        dialogs.error(window, str(exc), "无法导入")
        return False
    if not confirm(import_report_dialog(report, info, window)):  # agency, year, type, format confirmed there
        return False
    if not window.maybe_save():
        return False
    window.show_new_report(report)
    window.show_status(f"已导入 {Path(path).name}：请检查后保存为 {SUFFIX} 文件")
    return True


def read_in_background(window, path: Path) -> tuple[Report, ImportReport]:  # noqa: ANN001
    """import_source off the UI thread, with a progress dialog and 取消 (Cancelled when the user cancels)."""
    from app.imports import ImportFailure, import_source  # noqa: PLC0415 - see the note at the top

    return run_in_background(window, f"正在读取“{path.name}”…", lambda: import_source(path), path.name, ImportFailure)


def _pick_last_year(window) -> tuple[Report, str, list[str], Path] | None:  # noqa: ANN001
    """Ask for last year's report and read it: (report, source kind, import report lines, path), or None."""
    from app.imports import ImportFailure  # noqa: PLC0415 - see the note at the top

    path = ask_last_year_path(window, window.settings.get(LAST_DIRECTORY))
    if path is None:
        return None
    try:
        if path.suffix.lower() == SUFFIX:
            return load(path), "file", [], path
        report, info = read_in_background(window, path)
        return report, "import", info.lines(), path
    except Cancelled:
        return None
    except (StorageError, ImportFailure) as exc:
        dialogs.error(window, str(exc), "无法读取上年报告")
        return None


def new_next_year(window) -> bool:  # noqa: ANN001
    from app.report.next_year import next_year  # noqa: PLC0415 - see the note at the top
    from ui.yearly.import_dialog import next_year_dialog  # noqa: PLC0415

    current = window.doc
    choice = "file"
    if current is not None and not window.is_pristine():
        choice = ask_use_current(window, current.report.title)
        if choice is None:
            return False
    if choice == "current":
        last, source, name, lines = current.report, "file" if current.path else "typed", current.path or "", []
    else:
        found = _pick_last_year(window)
        if found is None:
            return False
        last, source, lines, name = found
    report, note = next_year(last, source, name)
    if not confirm(next_year_dialog([*lines, *([""] if lines else []), *note.lines], window)):
        return False
    if not window.maybe_save():
        return False
    window.show_new_report(report)
    window.show_status(f"已新建{report.title}草稿：请填写本年度的数字并改写文字")
    return True


# -- drag and drop ------------------------------------------------------------------------------------------------

def _dropped_path(event: QDragEnterEvent | QDropEvent) -> Path | None:
    from app.imports import SUPPORTED_SUFFIXES  # noqa: PLC0415 - see the note at the top

    mime = event.mimeData()
    if not mime.hasUrls():
        return None
    paths = [Path(u.toLocalFile()) for u in mime.urls() if u.isLocalFile()]
    if len(paths) != 1:
        return None
    suffix = paths[0].suffix.lower()
    return paths[0] if suffix in (*SUPPORTED_SUFFIXES, SUFFIX) else None


class DropFilter(QObject):
    """A report file dropped onto the window: a .zwgk opens, a Word/web page/Excel report is imported."""

    def __init__(self, window) -> None:  # noqa: ANN001
        super().__init__(window)
        self.window = window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
            if _dropped_path(event) is not None:
                event.acceptProposedAction()
                return True
        elif event.type() == QEvent.Type.Drop:
            path = _dropped_path(event)
            if path is not None:
                event.acceptProposedAction()
                if path.suffix.lower() == SUFFIX:
                    self.window.open_file(path)
                else:
                    import_file(self.window, path)
                return True
        return False


# -- the menus ------------------------------------------------------------------------------------------------------

def install(window) -> None:  # noqa: ANN001 - ui.window.main_window.MainWindow
    """新建下一年度报告, 导入 and 关联上年报告 after 打开; drops onto the window; dismissing from the check panel."""
    window.add_menu_items(Section.FILE_NEW, [
        window.make_action("新建下一年度报告(&Y)…", lambda: new_next_year(window), name="yearly.next_year",
                           tip="从上年的报告开始：结转数、机关信息和文字草稿自动带入"),
        window.make_action("导入(&I)…", lambda: import_file(window), name="yearly.import",
                           tip="导入 Word、网页或 Excel 格式的年度报告（如上年已发布的报告）"),
        window.make_action("关联上年报告…", lambda: link_previous(window), name="yearly.link_previous",
                           tip="选择上年的报告，进行上年结转、现行有效件数和文字雷同等跨年度检查"),
    ])
    window.setAcceptDrops(True)
    window.drop_filter = DropFilter(window)
    window.installEventFilter(window.drop_filter)
    window.check_panel.dismissRequested.connect(lambda f: dismiss(window, f))
    window.check_panel.undismissRequested.connect(lambda f: undismiss(window, f))
