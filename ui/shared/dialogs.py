"""The one place that builds message boxes and file dialogs.

Every question the program asks is a function here returning a plain value, so tests monkeypatch one function
(`monkeypatch.setattr(dialogs, "ask_save_changes", lambda *a: "discard")`) instead of clicking modal dialogs.
Models and views never open dialogs themselves: they report to the status bar or return a result.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Literal, ParamSpec, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from app import APP_NAME, __version__
from app.storage import SUFFIX
from ui.shared import screen_fit

if TYPE_CHECKING:
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QMessageBox

# The dialog classes are imported where a dialog is shown, not at start-up: PySide6 builds a class (and its enums)
# on first use, and the first window needs none of them (benchmarks/bench_gui.py, startup_ratio).

SaveChoice = Literal["save", "discard", "cancel"]
OverwriteChoice = Literal["overwrite", "save_as", "cancel"]
RecoverChoice = Literal["recover", "discard", "later"]
FILE_FILTER = f"政务公开年报项目文件 (*{SUFFIX})"
P = ParamSpec("P")
R = TypeVar("R")


def _fitted(ask: Callable[P, R]) -> Callable[P, R]:
    """Every dialog is kept within the screen by ui.shared.screen_fit's filter, which a main window installs after
    its first paint; a question asked before that (a file that cannot be opened, a recovery copy) installs it first."""

    @functools.wraps(ask)
    def asked(*args: P.args, **kwargs: P.kwargs) -> R:
        screen_fit.install(QApplication.instance())
        return ask(*args, **kwargs)

    return asked


def _widen(box: QMessageBox, width: int) -> None:
    """QMessageBox wraps text narrowly: a long Chinese paragraph reads better on a wider box."""
    from PySide6.QtWidgets import QGridLayout, QSizePolicy, QSpacerItem  # noqa: PLC0415 - see the top

    layout = box.layout()
    if isinstance(layout, QGridLayout):
        spacer = QSpacerItem(width, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)
        layout.addItem(spacer, layout.rowCount(), 0, 1, layout.columnCount())


@_fitted
def error(parent: QWidget | None, message: str, title: str = "出错了") -> None:
    from PySide6.QtWidgets import QMessageBox  # noqa: PLC0415

    QMessageBox.critical(parent, title, message)


@_fitted
def info(parent: QWidget | None, message: str, title: str = APP_NAME) -> None:
    from PySide6.QtWidgets import QMessageBox  # noqa: PLC0415

    QMessageBox.information(parent, title, message)


@_fitted
def ask_save_changes(parent: QWidget | None, name: str) -> SaveChoice:
    """Before closing, opening another file or starting a new report."""
    from PySide6.QtWidgets import QMessageBox  # noqa: PLC0415

    box = QMessageBox(QMessageBox.Icon.Warning, APP_NAME, f"“{name}”有尚未保存的修改。", parent=parent)
    box.setInformativeText("要在关闭之前保存吗？不保存，这些修改将会丢失。")
    box.setStandardButtons(QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                           | QMessageBox.StandardButton.Cancel)
    box.button(QMessageBox.StandardButton.Save).setText("保存")
    box.button(QMessageBox.StandardButton.Discard).setText("不保存")
    box.button(QMessageBox.StandardButton.Cancel).setText("取消")
    box.setDefaultButton(QMessageBox.StandardButton.Save)
    answer = box.exec()
    if answer == QMessageBox.StandardButton.Save:
        return "save"
    if answer == QMessageBox.StandardButton.Discard:
        return "discard"
    return "cancel"


@_fitted
def ask_recover(parent: QWidget | None, title: str, saved_at: str, original: str | None) -> RecoverChoice:
    """A recovery copy from a run that ended without saving (a crash, a power cut) was found."""
    from PySide6.QtWidgets import QMessageBox  # noqa: PLC0415

    where = f"原文件：{original}" if original else "这份报告还没有保存过文件。"
    box = QMessageBox(QMessageBox.Icon.Question, "恢复未保存的报告",
                      f"上次程序意外退出时，“{title}”有未保存的修改。", parent=parent)
    box.setInformativeText(f"自动保存时间：{saved_at}\n{where}\n\n要恢复这些修改吗？")
    recover = box.addButton("恢复", QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton("丢弃", QMessageBox.ButtonRole.DestructiveRole)
    box.addButton("以后再说", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(recover)
    box.exec()
    clicked = box.clickedButton()
    if clicked is recover:
        return "recover"
    if clicked is discard:
        return "discard"
    return "later"


@_fitted
def ask_open_locked(parent: QWidget | None, path: Path, owner: str) -> bool:
    """The file is already open in another window: opening it twice means one window's save overwrites the other's."""
    from PySide6.QtWidgets import QMessageBox  # noqa: PLC0415

    answer = QMessageBox.warning(
        parent, "文件已被打开",
        f"“{path.name}”已经在另一个窗口中打开（{owner}）。\n\n"
        "两个窗口同时修改同一个文件，后保存的会覆盖先保存的内容。建议切换到那个窗口继续编辑。\n\n仍要在这里打开吗？",
        QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Cancel)
    return answer == QMessageBox.StandardButton.Open


@_fitted
def ask_overwrite_changed(parent: QWidget | None, message: str) -> OverwriteChoice:
    """The file changed on disk since it was opened (another window, user or computer saved it)."""
    from PySide6.QtWidgets import QMessageBox  # noqa: PLC0415

    box = QMessageBox(QMessageBox.Icon.Warning, "文件已被修改", message, parent=parent)
    box.setInformativeText("覆盖：用本窗口的内容替换对方保存的内容（对方的修改将丢失，.bak 中保留对方的版本）。\n"
                           "另存为：保存为另一个文件，两份内容都保留。")
    save_as = box.addButton("另存为…", QMessageBox.ButtonRole.AcceptRole)
    overwrite = box.addButton("覆盖", QMessageBox.ButtonRole.DestructiveRole)
    box.addButton("取消", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(save_as)
    _widen(box, 460)
    box.exec()
    clicked = box.clickedButton()
    if clicked is save_as:
        return "save_as"
    if clicked is overwrite:
        return "overwrite"
    return "cancel"


@_fitted
def ask_open_path(parent: QWidget | None, directory: str) -> Path | None:
    from PySide6.QtWidgets import QFileDialog  # noqa: PLC0415

    name, _ = QFileDialog.getOpenFileName(parent, "打开报告", directory, f"{FILE_FILTER};;所有文件 (*)")
    return Path(name) if name else None


@_fitted
def ask_file_to_write(parent: QWidget | None, title: str, suggested: Path, file_filter: str,
                      suffix: str) -> Path | None:
    """The save-file dialog; a name typed without the suffix gets it (“年报” → “年报.docx”). None = cancelled."""
    from PySide6.QtWidgets import QFileDialog  # noqa: PLC0415

    name, _ = QFileDialog.getSaveFileName(parent, title, str(suggested), file_filter)
    if not name:
        return None
    path = Path(name)
    return path if path.suffix.lower() == suffix else path.with_name(path.name + suffix)


def ask_save_path(parent: QWidget | None, suggested: Path) -> Path | None:
    return ask_file_to_write(parent, "另存为", suggested, FILE_FILTER, SUFFIX)


@_fitted
def about(parent: QWidget | None, icon: QIcon) -> None:
    from PySide6.QtWidgets import QMessageBox  # noqa: PLC0415

    box = QMessageBox(parent)
    box.setWindowTitle(f"关于{APP_NAME}")
    if not icon.isNull():
        box.setIconPixmap(icon.pixmap(64, 64))
    box.setText(f"<h3>{APP_NAME}</h3><p>版本 {__version__}</p>")
    box.setInformativeText(
        "帮助乡镇、街道和县级部门填写、检查和导出《政府信息公开工作年度报告》。\n"
        "按国办公开办函〔2021〕30号及〔2019〕60号规定的格式制表；所有数据只保存在本机，不联网。")
    _widen(box, 440)
    box.exec()


@_fitted
def show_manual(parent: QWidget | None, html: str) -> None:
    from PySide6.QtWidgets import QMessageBox  # noqa: PLC0415

    box = QMessageBox(QMessageBox.Icon.NoIcon, "使用说明", html, parent=parent)
    box.setTextFormat(Qt.TextFormat.RichText)
    _widen(box, 600)
    box.exec()


@_fitted
def show_exception(parent: QWidget | None, summary: str, detail: str) -> None:
    """An unexpected program error. The details go to the clipboard on request, to send to whoever supports the PC."""
    from PySide6.QtWidgets import QMessageBox  # noqa: PLC0415

    box = QMessageBox(QMessageBox.Icon.Critical, "程序出错", summary, parent=parent)
    box.setInformativeText("很抱歉，程序遇到了意外错误。已自动保存恢复副本；建议先保存报告，再重新启动程序。\n"
                           "如需求助，请点“复制错误信息”，把内容发给技术支持人员。")
    box.setDetailedText(detail)
    copy = box.addButton("复制错误信息", QMessageBox.ButtonRole.ActionRole)
    box.addButton("关闭", QMessageBox.ButtonRole.AcceptRole)
    _widen(box, 480)
    # Any button closes a message box: after a copy, show it again (with the button saying so) until 关闭.
    while True:
        box.exec()
        if box.clickedButton() is not copy:
            return
        from PySide6.QtGui import QGuiApplication  # noqa: PLC0415

        QGuiApplication.clipboard().setText(f"{summary}\n\n{detail}")
        copy.setText("已复制")
