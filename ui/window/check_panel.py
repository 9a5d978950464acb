"""检查结果: the dockable list of every finding, with severity icons. Double-click (or Enter) on a finding asks the
window to show its cells; the panel itself knows nothing about tabs or grids.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QIcon
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from app.rules import Finding, summary

FINDING_ROLE = Qt.ItemDataRole.UserRole + 1


def severity_icon(widget: QWidget, severity: str) -> QIcon:
    pixmap = {
        "error": QStyle.StandardPixmap.SP_MessageBoxCritical,
        "warning": QStyle.StandardPixmap.SP_MessageBoxWarning,
        "info": QStyle.StandardPixmap.SP_MessageBoxInformation,
    }[severity]
    return widget.style().standardIcon(pixmap)


def counts_text(findings: list[Finding]) -> str:
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
        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 2, 4, 4)
        layout.addWidget(self.heading)
        layout.addWidget(self.list, 1)
        self.setWidget(body)
        self.findings: list[Finding] = []

    def show_findings(self, findings: list[Finding]) -> None:
        if findings == self.findings:
            return  # typing text usually changes nothing here: keep the list's scroll position and selection
        self.findings = list(findings)
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
        if findings:
            self.heading.setText(f"{counts_text(findings)}。双击一条可跳到相关位置。")
        else:
            self.heading.setText("没有发现问题。")

    def _context_menu(self, pos: QPoint) -> None:
        item = self.list.itemAt(pos)
        if item is not None:
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
        self.findingActivated.emit(item.data(FINDING_ROLE))

    def item_for(self, rule: str) -> QListWidgetItem | None:
        for i in range(self.list.count()):
            item = self.list.item(i)
            if item.data(FINDING_ROLE).rule == rule:
                return item
        return None
