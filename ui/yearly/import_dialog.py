"""The import report (and the 新建下一年度报告 summary), shown before the report is created: what was recognised,
what was blank or not applicable, what could not be placed and why."""

from __future__ import annotations

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget


class ReportNoteDialog(QDialog):
    def __init__(self, title: str, heading: str, lines: list[str], accept_text: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(720, 460)
        self.heading = QLabel(heading, self)
        self.heading.setWordWrap(True)
        self.body = QPlainTextEdit(self)
        self.body.setReadOnly(True)
        self.body.setPlainText("\n".join(lines))
        self.body.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont))
        self.buttons = QDialogButtonBox(self)
        self.accept_button = self.buttons.addButton(accept_text, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.body, 1)
        layout.addWidget(self.buttons)
        self.accept_button.setDefault(True)

    @property
    def text(self) -> str:
        return self.body.toPlainText()


def import_report_dialog(lines: list[str], unplaced: int, parent: QWidget | None = None) -> ReportNoteDialog:
    heading = ("请先看一下导入结果。确认后将按原文数字新建报告（自动合计关闭，保留原文的合计数，"
               "检查结果会列出原文中算错的地方）。")
    if unplaced:
        heading += f"<br><b>有 {unplaced} 处内容无法放置，没有导入，请在新报告中核对补填。</b>"
    return ReportNoteDialog("导入结果", heading, lines, "创建报告", parent)


def next_year_dialog(lines: list[str], parent: QWidget | None = None) -> ReportNoteDialog:
    heading = "将按上年报告新建下一年度的报告草稿："
    return ReportNoteDialog("新建下一年度报告", heading, lines, "创建报告", parent)
