"""The window's entries for issue 6: 文件 → 从台账生成…, 文件 → 汇总…, 帮助 → 保存台账模板….

install() adds them to the main window's menus; each flow asks through the small functions below (tests
monkeypatch them, as with ui.shared.dialogs) and edits the document only through ReportDocument (one undo step).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from app.storage import StorageError
from app.storage.budget import Cancelled
from ui.shared import dialogs
from ui.shared.background import run_in_background
from ui.shared.places import Section
from ui.shared.settings import LAST_DIRECTORY, Setting

if TYPE_CHECKING:
    from PySide6.QtWidgets import QDialog

    from app.ledger.count import LedgerMapping

# app.ledger.count* and the dialog import openpyxl (~0.2 s): they load when an entry is used, not at window start-up.

LEDGER_MAPPING: Setting[str] = Setting("ledger/mapping", str, "", "台账的列和写法对应关系（JSON，见 docs/ledger.md）")
LEDGER_FILTER = "登记台账 (*.xlsx *.csv);;Excel 工作簿 (*.xlsx);;CSV 文件 (*.csv)"
TEMPLATE_NAME = "依申请公开登记台账模板.xlsx"


# -- questions (monkeypatched in tests) ---------------------------------------------------------------------------

def ask_ledger_path(parent: QWidget | None, directory: str) -> Path | None:
    from PySide6.QtWidgets import QFileDialog  # noqa: PLC0415 - dialog classes load when a dialog is shown

    name, _ = QFileDialog.getOpenFileName(parent, "选择登记台账", directory, LEDGER_FILTER)
    return Path(name) if name else None


def ask_template_path(parent: QWidget | None, suggested: Path) -> Path | None:
    return dialogs.ask_file_to_write(parent, "保存台账模板", suggested, "Excel 工作簿 (*.xlsx)", ".xlsx")


def confirm(dialog: QDialog) -> bool:
    from PySide6.QtWidgets import QDialog  # noqa: PLC0415

    return dialog.exec() == QDialog.DialogCode.Accepted


# -- the menus ------------------------------------------------------------------------------------------------------

def install(window) -> None:  # noqa: ANN001 - ui.window.main_window.MainWindow
    """从台账生成 and 汇总 in the file menu's sources section, 保存台账模板 in the help menu's tools."""
    window.add_menu_items(Section.FILE_SOURCES, [
        window.make_action("从台账生成第三部分(&L)…", lambda: from_ledger(window), name="ledger.from_ledger",
                           tip="按依申请公开登记台账统计第三部分的数字"),
        window.make_action("汇总(&G)…", lambda: aggregate_units(window), name="ledger.aggregate",
                           tip="检查并汇总多个单位的报告，生成汇总表"),
    ])
    window.add_menu_items(Section.HELP_TOOLS, [
        window.make_action("保存台账模板…", lambda: save_ledger_template(window), name="ledger.template",
                           tip="保存带下拉列表的依申请公开登记台账模板（Excel）")])


def _remembered(window) -> LedgerMapping:  # noqa: ANN001
    from app.ledger.count import LedgerError, LedgerMapping  # noqa: PLC0415

    text = window.settings.get(LEDGER_MAPPING)
    if not text:
        return LedgerMapping()
    try:
        return LedgerMapping.from_json(text)
    except LedgerError:  # a damaged setting must not block the ledger: start afresh
        return LedgerMapping()


# -- the flows ------------------------------------------------------------------------------------------------------

def from_ledger(window) -> bool:  # noqa: ANN001
    """Count a ledger into the current report's Section 三 (its year and format), one undo step."""
    from app.ledger.count import LedgerError, read_ledger, section_values  # noqa: PLC0415
    from ui.ledger.dialog import LedgerDialog  # noqa: PLC0415

    doc = window.doc
    path = ask_ledger_path(window, window.settings.get(LAST_DIRECTORY))
    if path is None:
        return False
    try:
        table = run_in_background(window, f"正在读取台账“{path.name}”…", lambda: read_ledger(path), path.name,
                                  LedgerError)
    except Cancelled:
        return False
    except LedgerError as exc:
        dialogs.error(window, str(exc), "无法读取台账")
        return False
    dialog = LedgerDialog(table, doc.format, doc.report.year, _remembered(window), window)
    try:
        if not confirm(dialog) or dialog.count is None:
            return False
        window.settings.set(LEDGER_MAPPING, dialog.mapping().to_json())
        try:
            values = section_values(doc.report, dialog.count)
        except LedgerError as exc:
            dialogs.error(window, str(exc), "无法生成")
            return False
        doc.set_cells(values.items(), "从台账生成第三部分")
        window.show_page("s3")
        window.show_status(f"已按台账生成第三部分：{dialog.count.summary()}")
        return True
    finally:
        dialog.deleteLater()


def save_ledger_template(window) -> bool:  # noqa: ANN001
    from app.ledger.template import save_template  # noqa: PLC0415

    folder = Path(window.settings.get(LAST_DIRECTORY) or Path.home())
    path = ask_template_path(window, folder / TEMPLATE_NAME)
    if path is None:
        return False
    try:
        save_template(window.doc.format, path)
    except StorageError as exc:
        dialogs.error(window, str(exc), "保存失败")
        return False
    window.show_status(f"台账模板已保存到 {path}")
    return True


def aggregate_units(window) -> bool:  # noqa: ANN001
    from ui.ledger.aggregate_dialog import run_aggregation  # noqa: PLC0415 - openpyxl and the importer when used

    return run_aggregation(window)
