"""Export and print commands of the main window: ask for a file name, warn about errors first, export, report.

The main window calls export_document / print_document / preview_document; all the work is in app.export (Word,
Excel, web page) and ui.export.printing (PDF, print, preview). The fonts are the ones chosen in 导出字体设置 (ui/font_dialog.py),
read from the settings passed in or, by default, from the calling window's `settings`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

from app.export import EXPORT_KINDS, ExportError, FontSet, export_report, short_name
from ui.shared import dialogs
from ui.shared.document import ReportDocument
from ui.shared.places import Section, ToolbarGroup
from ui.shared.settings import Settings, chosen_fonts

if TYPE_CHECKING:
    from app.rules import Finding

# The Qt classes of the questions and messages below are imported where they are shown: PySide6 builds a class (and
# its enums) on first use, and the first window needs none of them.
# ui.export.printing (QtPrintSupport, the page layout) loads when printing, a preview or a PDF is asked for: at
# start-up it cost about a tenth of the window's start (benchmarks/bench_gui.py, startup_vs_floor).
FILTERS = {kind: f"{name} (*.{kind})" for kind, name in EXPORT_KINDS.items()}  # “Word 文档 (*.docx)” …
MAX_LISTED = 12


def suggested_path(doc: ReportDocument, kind: str) -> Path:
    """Next to the report file, with its name; else in 文档 under the report's title."""
    if doc.path is not None:
        return doc.path.with_suffix(f".{kind}")
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())
    name = doc.report.title if doc.report.agency.strip() else f"{doc.report.year}年政府信息公开工作年度报告"
    return Path(folder) / f"{name}.{kind}"


def ask_export_path(parent: QWidget | None, doc: ReportDocument, kind: str) -> Path | None:
    return dialogs.ask_file_to_write(parent, f"导出为{EXPORT_KINDS[kind]}", suggested_path(doc, kind), FILTERS[kind],
                                     f".{kind}")


def ask_export_despite_errors(parent: QWidget | None, errors: list[Finding]) -> bool:
    """The report still has 错误: list them and let the clerk go back (default) or export anyway."""
    from PySide6.QtWidgets import QMessageBox  # noqa: PLC0415 - see the top

    lines = [f"• {f.message}" for f in errors[:MAX_LISTED]]
    if len(errors) > MAX_LISTED:
        lines.append(f"……另有 {len(errors) - MAX_LISTED} 个错误，见检查面板。")
    box = QMessageBox(QMessageBox.Icon.Warning, "报告中还有错误", f"检查发现 {len(errors)} 个错误，导出的报告可能被退回。",
                      parent=parent)
    from app.export.layout import DRAFT_MARK  # noqa: PLC0415 - the layout loads with the first export (see above)

    box.setInformativeText("\n".join([*lines, "", f"仍然导出的文件每页标注“{DRAFT_MARK}”。"]))
    back = box.addButton("返回修改", QMessageBox.ButtonRole.RejectRole)
    anyway = box.addButton("仍然导出", QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(back)
    box.setEscapeButton(back)
    box.exec()
    return box.clickedButton() is anyway


def show_success(parent: QWidget | None, path: Path) -> None:
    from PySide6.QtCore import QUrl  # noqa: PLC0415 - see the top
    from PySide6.QtGui import QDesktopServices  # noqa: PLC0415
    from PySide6.QtWidgets import QMessageBox  # noqa: PLC0415

    box = QMessageBox(QMessageBox.Icon.Information, "导出完成", f"已导出到：\n{path}", parent=parent)
    open_folder = box.addButton("打开所在文件夹", QMessageBox.ButtonRole.ActionRole)
    box.addButton("确定", QMessageBox.ButtonRole.AcceptRole)
    box.exec()
    if box.clickedButton() is open_folder:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent)))


def show_failure(parent: QWidget | None, message: str) -> None:
    from PySide6.QtWidgets import QMessageBox  # noqa: PLC0415 - see the top

    QMessageBox.critical(parent, "导出失败", message)


def export_fonts(parent: QWidget | None, settings: Settings | None = None) -> FontSet:
    """The fonts of 导出字体设置: from `settings`, else from the window's (MainWindow.settings), else automatic."""
    if settings is None:
        settings = getattr(parent, "settings", None)
    return chosen_fonts(settings if isinstance(settings, Settings) else None)


def write_export(doc: ReportDocument, kind: str, path: Path, fonts: FontSet | None = None,
                 draft: bool = False) -> None:
    """Write the file (fonts None = the automatic choice); raises ExportError with a Chinese message."""
    if kind == "pdf":
        from ui.export import printing  # noqa: PLC0415 - see the note at the top

        try:
            printing.export_pdf(doc.report, path, fonts, draft)
        except OSError as exc:
            raise ExportError(f"无法生成 PDF“{path}”：{exc}") from exc
    else:
        export_report(doc.report, kind, path, fonts, draft)


def has_errors(doc: ReportDocument) -> bool:
    """A report the checks find errors in leaves the program only as a draft (marked on every page)."""
    return any(f.severity == "error" for f in doc.findings)


def export_document(parent: QWidget | None, doc: ReportDocument, kind: str,
                    settings: Settings | None = None) -> Path | None:
    """导出为 Word/Excel/PDF/网页. Returns the written file, or None when the clerk went back or cancelled."""
    if kind not in FILTERS:
        raise ValueError(f"unknown export kind {kind!r}")
    errors = [f for f in doc.findings if f.severity == "error"]
    if errors and not ask_export_despite_errors(parent, errors):
        return None
    path = ask_export_path(parent, doc, kind)
    if path is None:
        return None
    if doc.path is not None and path.resolve() == doc.path.resolve():
        show_failure(parent, "不能用导出文件覆盖报告文件本身，请换一个文件名。")
        return None
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        write_export(doc, kind, path, export_fonts(parent, settings), draft=bool(errors))
    except ExportError as exc:
        QGuiApplication.restoreOverrideCursor()
        show_failure(parent, str(exc))
        return None
    except Exception as exc:  # noqa: BLE001 - an export must never take the window (and unsaved work) down
        QGuiApplication.restoreOverrideCursor()
        show_failure(parent, f"导出“{path.name}”时出错：{exc}")
        return None
    QGuiApplication.restoreOverrideCursor()
    show_success(parent, path)
    return path


def print_document(parent: QWidget | None, doc: ReportDocument, settings: Settings | None = None) -> int:
    """Ctrl+P: choose the printer in the system dialog, then print (marked as a draft while there are errors).
    Returns the pages printed."""
    from ui.export import printing  # noqa: PLC0415 - see the note at the top

    return printing.print_report(parent, doc.report, export_fonts(parent, settings), draft=has_errors(doc))


def preview_document(parent: QWidget | None, doc: ReportDocument, settings: Settings | None = None) -> None:
    """打印预览: the pages as printed; 打印 there sends them to the default printer in one click."""
    from ui.export import printing  # noqa: PLC0415 - see the note at the top

    dialog = printing.PrintPreviewDialog(doc.report, export_fonts(parent, settings), parent, draft=has_errors(doc))
    try:
        dialog.exec()
    finally:
        dialog.deleteLater()  # each preview holds every rendered page: not kept as the window's child until it closes


# -- the window's commands ---------------------------------------------------------------------------------------------

def _export_from(window, kind: str) -> None:  # noqa: ANN001 - ui.window.main_window.MainWindow
    path = export_document(window, window.doc, kind)
    if path is not None:
        window.statusBar().showMessage(f"已导出到 {path}", 8000)


def edit_fonts(window) -> bool:  # noqa: ANN001 - ui.window.main_window.MainWindow
    from ui.export.font_dialog import edit_fonts as edit  # noqa: PLC0415 - the dialog loads when asked for

    return edit(window)


def install(window) -> None:  # noqa: ANN001 - ui.window.main_window.MainWindow
    """导出为… (one per kind of app.export), 导出字体设置, 打印预览 and 打印, in the window's named places."""
    exports = []
    for kind, name in EXPORT_KINDS.items():
        exports.append(window.make_action(f"导出为{short_name(kind)}…", lambda k=kind: _export_from(window, k),
                                          tip=f"把报告导出为{name}", name=f"export.{kind}"))
    window.add_menu_items(Section.FILE_EXPORT, exports)
    fonts = window.make_action("导出字体设置…", lambda: edit_fonts(window), name="export.fonts",
                               tip="选择导出和打印报告时标题、正文、各级标题和页码使用的字体")
    window.add_menu_items(Section.FILE_EXPORT, [fonts])
    preview = window.make_action("打印预览…", lambda: preview_document(window, window.doc), tip="查看打印效果",
                                 name="print.preview")
    print_ = window.make_action("打印(&P)…", lambda: print_document(window, window.doc), "Ctrl+P", tip="打印报告",
                                name="print.print")
    window.add_menu_items(Section.FILE_PRINT, [preview, print_])
    window.add_toolbar_items(ToolbarGroup.OUTPUT, [window.named_action("export.docx"), print_])
