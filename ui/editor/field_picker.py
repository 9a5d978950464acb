"""插入表格数字: a searchable list of the table's cells (and groups of cells) by their official labels, with the
value each shows now. Typing filters; Enter or a double click takes the highlighted entry."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.report.fields import Field, show
from app.report.figures import Choice, field_choices
from app.report.model import Report

CHOICE_ROLE = int(Qt.ItemDataRole.UserRole) + 1


class FieldPicker(QDialog):
    def __init__(self, report: Report, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("插入表格数字")
        self.resize(720, 520)
        self.report = report
        self.search = QLineEdit(self)
        self.search.setPlaceholderText("输入表格中的名称查找，如“新收 总计”“不予公开”“行政复议”")
        self.search.setClearButtonEnabled(True)
        self.list = QListWidget(self)
        self.list.setUniformItemSizes(True)
        for choice in field_choices(report.format):
            value = show(Field(choice.cells), report)
            item = QListWidgetItem(f"{choice.label}　＝　{value}", self.list)
            item.setData(CHOICE_ROLE, choice)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("插入")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("插入的数字随表格变化，打印和导出时是普通数字。", self))
        layout.addWidget(self.search)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        self.search.textChanged.connect(self._filter)
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())
        self.search.installEventFilter(self)
        self._filter("")

    def _filter(self, query: str) -> None:
        first = None
        for i in range(self.list.count()):
            item = self.list.item(i)
            hidden = not item.data(CHOICE_ROLE).matches(query)
            item.setHidden(hidden)
            if not hidden and first is None:
                first = item
        self.list.setCurrentItem(first)

    def eventFilter(self, watched, event) -> bool:  # noqa: ANN001, N802 - Qt's names
        """Up and Down in the search box move through the list, so the keyboard never has to leave the box."""
        from PySide6.QtCore import QEvent  # noqa: PLC0415

        if watched is self.search and event.type() == QEvent.Type.KeyPress and event.key() in (
                Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown):
            self.list.keyPressEvent(event)
            return True
        return super().eventFilter(watched, event)

    def chosen(self) -> Choice | None:
        item = self.list.currentItem()
        return item.data(CHOICE_ROLE) if item is not None and not item.isHidden() else None


def ask_field(parent: QWidget | None, report: Report) -> Field | None:
    """The field the clerk picked, or None (cancelled). Tests monkeypatch this."""
    picker = FieldPicker(report, parent)
    try:
        if picker.exec() != QDialog.DialogCode.Accepted:
            return None
        choice = picker.chosen()
        return Field(choice.cells) if choice is not None else None
    finally:
        picker.deleteLater()
