"""The start page: what a newcomer sees instead of an empty report full of red errors.

It offers the ways a report begins (new, from last year's, from a published report, the example) and the recent
files with their agency and year. It only calls the window's own commands and the features' named actions: a
feature that is not installed simply has no button here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCheckBox,
    QCommandLinkButton,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app import APP_NAME, storage

PATH_ROLE = int(Qt.ItemDataRole.UserRole) + 1


@dataclass(frozen=True)
class Start:
    """One way to begin: a button's title and what it explains, and what it does."""

    title: str
    detail: str
    run: Callable[[], object]


def recent_label(path: str) -> str:
    """“金殿镇人民政府 · 2021年度” for a recent file, read from the file itself (it may have been edited elsewhere)."""
    try:
        report = storage.load(Path(path))
    except storage.StorageError:
        return "（文件无法读取）"
    agency = report.agency.strip() or "未填写机关名称"
    return f"{agency} · {report.year}年度"


class StartPage(QWidget):
    recentChosen = Signal(str)  # noqa: N815 - a recent file's path
    reopenChanged = Signal(bool)  # noqa: N815 - the 启动时打开上次的报告 setting

    def __init__(self, starts: list[Start], recent: list[str], reopen_last: bool,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = QLabel(f"<h2>{APP_NAME}</h2>", self)
        intro = QLabel("编写《政府信息公开工作年度报告》，按国务院办公厅规定的格式制表、检查和导出。"
                       "请选择开始的方式：", self)
        intro.setWordWrap(True)
        column = QVBoxLayout()
        column.addWidget(title)
        column.addWidget(intro)
        self.buttons: dict[str, QCommandLinkButton] = {}
        for start in starts:
            button = QCommandLinkButton(start.title, start.detail, self)
            button.clicked.connect(lambda _checked=False, run=start.run: run())
            self.buttons[start.title] = button
            column.addWidget(button)
        column.addSpacing(12)
        column.addWidget(QLabel("<b>最近打开的报告</b>（双击打开）", self))
        self.recent = QListWidget(self)
        self.recent.setFrameShape(QFrame.Shape.StyledPanel)
        for path in recent:
            item = QListWidgetItem(f"{recent_label(path)}　　{path}")
            item.setData(PATH_ROLE, path)
            item.setToolTip(path)
            self.recent.addItem(item)
        if not recent:
            empty = QListWidgetItem("（还没有打开过报告）")
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            self.recent.addItem(empty)
        self.recent.setMaximumHeight(self.recent.sizeHintForRow(0) * 5 + 8)
        self.recent.itemActivated.connect(self._recent_activated)
        column.addWidget(self.recent)
        self.reopen = QCheckBox("以后启动时直接打开上次的报告", self)
        self.reopen.setChecked(reopen_last)
        self.reopen.toggled.connect(self.reopenChanged)
        column.addWidget(self.reopen)
        column.addStretch(1)

        body = QWidget()
        body.setLayout(column)
        body.setMaximumWidth(760)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(body, 8)
        row.addStretch(1)
        inner = QWidget()
        inner.setLayout(row)
        scroll = QScrollArea(self)  # a small screen still reaches every button
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(inner)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

    def _recent_activated(self, item: QListWidgetItem) -> None:
        path = item.data(PATH_ROLE)
        if path:
            self.recentChosen.emit(path)


def window_starts(window, sample: Path) -> list[Start]:  # noqa: ANN001 - ui.window.main_window.MainWindow
    """The start page's buttons for this window: its own commands, and the features' where they are installed."""
    starts = [Start("新建报告", "从空白报告开始，逐项填写本年度的数字和文字。", window.new_report)]
    features = [("yearly.next_year", "从上年报告新建", "选择上年的报告（.zwgk、Word、网页或 Excel），上年结转数、机关信息和"
                 "文字草稿自动带入。"),
                ("yearly.import", "导入已发布的报告", "把已经发布的年度报告（Word 文档、网页或 Excel）变成可以修改和检查的报告。")]
    for name, title, detail in features:
        action = _named(window, name)
        if action is not None:
            starts.append(Start(title, detail, action.trigger))
    starts.append(Start("打开报告文件", "打开以前保存的 .zwgk 报告文件。", window.open_file))
    if sample.is_file():
        starts.append(Start("打开示例", "看一份填好的报告（金殿镇人民政府 2021 年度），了解每一部分怎么填。",
                            lambda: window.open_example(sample)))
    return starts


def _named(window, name: str) -> QAction | None:  # noqa: ANN001
    try:
        return window.named_action(name)
    except KeyError:
        return None
