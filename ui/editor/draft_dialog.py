"""生成段落: choose Sections 二/三/四, see the draft as it will print, insert it (fields and all) into a text part."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.report.draft import SECTIONS, draft
from app.report.fields import linked_previous
from app.report.model import Report


class DraftDialog(QDialog):
    def __init__(self, report: Report, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("生成段落")
        self.resize(760, 460)
        self.report = report
        self.boxes: dict[str, QCheckBox] = {}
        row = QHBoxLayout()
        row.addWidget(QLabel("根据表格生成：", self))
        for key in SECTIONS:
            box = QCheckBox(self.report.format.section(key).heading, self)
            box.setChecked(True)
            box.toggled.connect(self._update)
            self.boxes[key] = box
            row.addWidget(box)
        row.addStretch(1)
        self.preview = QPlainTextEdit(self)
        self.preview.setReadOnly(True)
        linked = linked_previous(report) is not None
        note = QLabel("已关联上年报告：主要数字带有与上年的比较。" if linked else
                      "没有关联上年报告，不生成与上年的比较（新建下一年度报告或关联上年报告后即可）。", self)
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.insert_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.insert_button.setText("插入到光标处")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.preview, 1)
        layout.addWidget(QLabel("数字取自表格，插入后随表格变化；插入后可以自由修改文字。", self))
        layout.addWidget(note)
        layout.addWidget(buttons)
        self._update()

    def sections(self) -> tuple[str, ...]:
        return tuple(k for k, box in self.boxes.items() if box.isChecked())

    def field_text(self) -> str:
        """The chosen paragraphs with their field tokens, one per line."""
        return "\n".join(p.text for p in draft(self.report, self.sections()))

    def _update(self) -> None:
        paragraphs = draft(self.report, self.sections())
        self.preview.setPlainText("\n\n".join(p.printed(self.report) for p in paragraphs))
        self.insert_button.setEnabled(bool(paragraphs))


def ask_draft(parent: QWidget | None, report: Report) -> str | None:
    """The drafted field text to insert, or None (cancelled). Tests monkeypatch this."""
    dialog = DraftDialog(report, parent)
    try:
        return dialog.field_text() if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()


def ask_replace_selection(parent: QWidget | None) -> str | None:
    """Text is selected: "replace" it, insert "after" it, or None (cancel). Inserting never replaces unasked."""
    box = QMessageBox(QMessageBox.Icon.Question, "生成段落", "光标处有选中的文字。要用生成的段落替换它吗？", parent=parent)
    replace = box.addButton("替换选中的文字", QMessageBox.ButtonRole.DestructiveRole)
    after = box.addButton("插入到选中文字之后", QMessageBox.ButtonRole.AcceptRole)
    cancel = box.addButton("取消", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(after)
    box.setEscapeButton(cancel)
    box.exec()
    clicked = box.clickedButton()
    return "replace" if clicked is replace else "after" if clicked is after else None

