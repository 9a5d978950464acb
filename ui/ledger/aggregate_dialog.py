"""文件 → 汇总…: choose the folder of unit reports and where the summary workbook goes, watch the progress (and
cancel it), then read what was summed and what was not; the summed report can be opened in the window."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QPlainTextEdit,
    QProgressDialog,
    QVBoxLayout,
    QWidget,
)

from app.aggregate.collect import AggregateError, Aggregation, aggregate, summary_lines
from app.aggregate.workbook import save_workbook
from ui.shared import dialogs
from ui.shared.settings import LAST_DIRECTORY

SUMMARY_NAME = "汇总表.xlsx"


def ask_units_folder(parent: QWidget | None, directory: str) -> Path | None:
    name = QFileDialog.getExistingDirectory(parent, "选择存放各单位报告的文件夹", directory)
    return Path(name) if name else None


def ask_summary_path(parent: QWidget | None, suggested: Path) -> Path | None:
    return dialogs.ask_file_to_write(parent, "保存汇总表", suggested, "Excel 工作簿 (*.xlsx)", ".xlsx")


class AggregateResultDialog(QDialog):
    """What happened, in words; 打开汇总报告 shows the summed report in the window (unsaved)."""

    def __init__(self, result: Aggregation, out: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("汇总结果")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"汇总表已保存到：{out}"))
        self.text = QPlainTextEdit(self)
        self.text.setReadOnly(True)
        self.text.setPlainText("\n".join(summary_lines(result)))
        layout.addWidget(self.text, 1)
        buttons = QDialogButtonBox(self)
        self.open_total = buttons.addButton("打开汇总报告", QDialogButtonBox.ButtonRole.AcceptRole)
        self.open_total.setEnabled(result.total is not None)
        self.open_total.setToolTip("在窗口中打开各单位数值相加的报告（尚未保存）" if result.total is not None
                                   else "没有可汇总的报告")
        buttons.addButton("关闭", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(760, 460)


def show_result(dialog: AggregateResultDialog) -> bool:
    """True = the user asked to open the summed report."""
    return dialog.exec() == QDialog.DialogCode.Accepted


def _run(window, folder: Path, out: Path) -> Aggregation:  # noqa: ANN001
    progress = QProgressDialog("正在读取和检查各单位的报告…", "取消", 0, 0, window)
    progress.setWindowTitle("汇总")
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(400)

    def report(done: int, total: int, path: str) -> bool:
        progress.setMaximum(total)
        progress.setValue(done)
        if path:
            progress.setLabelText(f"正在检查 {Path(path).name}（{done + 1}/{total}）")
        QApplication.processEvents()
        return not progress.wasCanceled()

    try:
        return aggregate([folder], progress=report, skip=[out])
    finally:
        progress.close()
        progress.deleteLater()


def run_aggregation(window) -> bool:  # noqa: ANN001 - ui.window.main_window.MainWindow
    folder = ask_units_folder(window, window.settings.get(LAST_DIRECTORY))
    if folder is None:
        return False
    out = ask_summary_path(window, folder / SUMMARY_NAME)
    if out is None:
        return False
    try:
        result = _run(window, folder, out)
        if result.cancelled:
            window.show_status("已取消汇总，没有生成汇总表。")
            return False
        save_workbook(result, out)
    except AggregateError as exc:
        dialogs.error(window, str(exc), "无法汇总")
        return False
    dialog = AggregateResultDialog(result, out, window)
    try:
        wants_total = show_result(dialog)
    finally:
        dialog.deleteLater()
    window.show_status(f"汇总表已保存到 {out}")
    if wants_total and result.total is not None and window.maybe_save():
        window.show_new_report(result.total)
    return True
