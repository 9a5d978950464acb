"""检查结果: the dockable list of every finding, with severity icons. Double-click (or Enter) on a finding asks the
window to show its cells; the panel itself knows nothing about tabs or grids. On request (显示通过的检查) it also lists
the checks that held, with their equations, from a source the window gives it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QIcon
from PySide6.QtWidgets import (
    QCheckBox,
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QStyle,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from app.rules import Finding, Passed

FINDING_ROLE = Qt.ItemDataRole.UserRole + 1
PASSED_ROLE = Qt.ItemDataRole.UserRole + 2


def severity_icon(widget: QWidget, severity: str) -> QIcon:
    pixmap = {
        "error": QStyle.StandardPixmap.SP_MessageBoxCritical,
        "warning": QStyle.StandardPixmap.SP_MessageBoxWarning,
        "info": QStyle.StandardPixmap.SP_MessageBoxInformation,
    }[severity]
    return widget.style().standardIcon(pixmap)


def counts_text(findings: list[Finding]) -> str:
    from app.rules import summary  # noqa: PLC0415 - the checks load with the first check (ui/shared/document.py)

    counts = summary(findings)
    return f"错误 {counts['error']} 个　警告 {counts['warning']} 个　提示 {counts['info']} 个"


class CheckPanel(QDockWidget):
    findingActivated = Signal(object)  # noqa: N815 - Qt naming: Finding
    dismissRequested = Signal(object)  # noqa: N815 - a warning the user wants to dismiss with a reason
    undismissRequested = Signal(object)  # noqa: N815 - a dismissed warning to show again

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("检查结果", parent)
        self.setObjectName("check_panel")  # saveState/restoreState need a name
        self.setAllowedAreas(Qt.DockWidgetArea.BottomDockWidgetArea | Qt.DockWidgetArea.RightDockWidgetArea)
        self.heading = QLabel(self)
        self.list = QListWidget(self)
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.list.setUniformItemSizes(False)
        self.list.setIconSize(QSize(16, 16))
        self.list.itemActivated.connect(self._activated)
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.list.customContextMenuRequested.connect(self._context_menu)
        self.show_passed = QCheckBox("显示通过的检查", self)
        self.show_passed.setToolTip("同时列出已经通过的检查及其算式，例如“一+二 = 14 = 三（七）+四”")
        self.show_passed.toggled.connect(self._show_passed_toggled)
        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 2, 4, 4)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.show_passed)
        layout.addLayout(top)
        layout.addWidget(self.list, 1)
        self.setWidget(body)
        self.findings: list[Finding] = []
        self.passed: list[Passed] = []
        self._checking = False  # “正在检查…” is shown: the next findings replace it, even when there are none
        # What held for the current report (the window's document runs the checks with a trace): only asked for
        # while 显示通过的检查 is on, so the check after every keystroke stays as cheap as before.
        self.passed_source: Callable[[], list[Passed]] | None = None

    def show_checking(self) -> None:
        """A report that is shown before it is checked (the window's first start)."""
        self.findings, self.passed = [], []
        self.list.clear()
        self.heading.setText("正在检查…")
        self._checking = True

    def show_findings(self, findings: list[Finding]) -> None:
        passed = self.passed_source() if self.show_passed.isChecked() and self.passed_source else []
        if findings == self.findings and passed == self.passed and not self._checking:
            return  # typing text usually changes nothing here: keep the list's scroll position and selection
        self.findings, self.passed = list(findings), passed
        self._checking = False
        self.list.clear()
        for f in findings:
            item = QListWidgetItem(severity_icon(self, f.severity), f"[{f.severity_label}] {f.rule}　{f.message}")
            item.setData(FINDING_ROLE, f)
            item.setToolTip(f"{f.message}\n双击跳到相关单元格" + ("；右键可写明理由后忽略" if f.dismissable else ""))
            if f.dismissed is not None:
                item.setText(f"[已忽略] {f.rule}　{f.message}（理由：{f.dismissed}）")
                item.setForeground(QBrush(Qt.GlobalColor.gray))
                item.setToolTip(f"已忽略，理由：{f.dismissed}\n右键可取消忽略")
            self.list.addItem(item)
        passed_icon = self.style().standardIcon(QStyle.StandardPixmap.SP_DialogApplyButton)
        for p in passed:
            item = QListWidgetItem(passed_icon, f"[通过] {p.rule}　{p.detail}")
            item.setData(PASSED_ROLE, p)
            item.setForeground(QBrush(Qt.GlobalColor.darkGreen))
            item.setToolTip(f"{p.detail}\n双击跳到相关位置")
            self.list.addItem(item)
        if findings:
            self.heading.setText(f"{counts_text(findings)}。双击一条可跳到相关位置。")
        else:
            self.heading.setText("没有发现问题。")

    def _show_passed_toggled(self, on: bool) -> None:
        findings, self.findings = self.findings, []  # redraw: the findings are the same, the passed list is not
        self.show_findings(findings)

    def _context_menu(self, pos: QPoint) -> None:
        item = self.list.itemAt(pos)
        if item is not None and item.data(FINDING_ROLE) is not None:
            self.menu_for(item).exec(self.list.viewport().mapToGlobal(pos))

    def menu_for(self, item: QListWidgetItem) -> QMenu:
        """The right-click menu of one finding: dismiss a warning with a reason, or show a dismissed one again."""
        finding = item.data(FINDING_ROLE)
        menu = QMenu(self)
        if finding.dismissed is not None:
            menu.addAction("取消忽略", lambda: self.undismissRequested.emit(finding))
        elif finding.dismissable:
            menu.addAction("忽略此警告（写明理由）…", lambda: self.dismissRequested.emit(finding))
        else:
            menu.addAction("错误须改正，不能忽略").setEnabled(False)
        return menu

    def _activated(self, item: QListWidgetItem) -> None:
        # A passed check has cells, a section and a message like a finding: the window shows it the same way.
        self.findingActivated.emit(item.data(FINDING_ROLE) or item.data(PASSED_ROLE))

    def item_for(self, rule: str) -> QListWidgetItem | None:
        for i in range(self.list.count()):
            item = self.list.item(i)
            finding = item.data(FINDING_ROLE)
            if finding is not None and finding.rule == rule:
                return item
        return None

    def passed_items(self) -> list[str]:
        """The texts of the passed checks shown (for tests and the accessibility tree)."""
        return [self.list.item(i).text() for i in range(self.list.count())
                if self.list.item(i).data(PASSED_ROLE) is not None]
