"""The import report (and the 新建下一年度报告 summary), shown before the report is created: what was recognised,
what was blank or not applicable, what could not be placed and why."""

from __future__ import annotations

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.imports import ImportReport
from app.imports.confirm import confirm_import
from app.imports.title import agency_type_for
from app.report.formats import available_formats, load_format
from app.report.model import AGENCY_TYPES, Report

FIRST_YEAR, LAST_YEAR = 2000, 2100  # what a .zwgk file may hold


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


class ImportDialog(ReportNoteDialog):
    """The import report, and above it what the import found about the report — agency, year, type and format, each
    with where it came from — in fields the user corrects before the report opens."""

    def __init__(self, report: Report, info: ImportReport, parent: QWidget | None = None) -> None:
        heading = ("请核对下面识别出的机关、年度、类型和表格格式（可以修改），再看一下导入结果。确认后将按原文数字新建报告"
                   "（自动合计关闭，保留原文的合计数，检查结果会列出原文中算错的地方）。")
        if info.unplaced:
            heading += f"<br><b>有 {len(info.unplaced)} 处内容无法放置，没有导入，请在新报告中核对补填。</b>"
        if info.absence.end:
            heading += f"<br><b>原文不完整：在{info.absence.end}之后中断。缺失的内容标为“缺”，请对照原始报告补填。</b>"
        super().__init__("导入结果", heading, info.lines(), "创建报告", parent)
        self.report = report
        self.agency = QLineEdit(report.agency, self)
        self.agency.setPlaceholderText("请填写机关名称，如：某县某某镇人民政府")
        self.year = QSpinBox(self)
        self.year.setRange(FIRST_YEAR, LAST_YEAR)
        self.year.setValue(report.year)
        self.year.setSuffix(" 年度")
        self.agency_type = QComboBox(self)
        for key, label in AGENCY_TYPES.items():
            self.agency_type.addItem(label, key)
        self.agency_type.setCurrentIndex(list(AGENCY_TYPES).index(report.agency_type))
        self.format = QComboBox(self)
        for fid in available_formats():
            fmt = load_format(fid)
            self.format.addItem(f"{fmt.title}（{fmt.notice}）", fid)
        self.format.setCurrentIndex(available_formats().index(report.format.id))
        self.agency_hint = _hint(info.agency_reason or "没有找到，请填写", self)
        self.type_hint = _hint(f"{info.agency_type_reason}，请核对" if info.agency_type_reason else "", self)
        self.type_touched = False
        form = QFormLayout()
        form.addRow("机关名称：", _with_hint(self.agency, self.agency_hint))
        form.addRow("报告年度：", _with_hint(self.year, _hint(info.year_reason, self)))
        form.addRow("机关类型：", _with_hint(self.agency_type, self.type_hint))
        form.addRow("表格格式：", _with_hint(self.format, _hint(info.format_reason, self)))
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertLayout(1, form)
        self.agency.textEdited.connect(self._agency_edited)
        self.agency_type.activated.connect(self._type_chosen)
        self._agency_edited(self.agency.text())

    def _agency_edited(self, text: str) -> None:
        """Until the user picks a type, it follows the name typed; creating waits for a name."""
        if not self.type_touched and text.strip():
            key, why = agency_type_for(text.strip())
            self.agency_type.setCurrentIndex(list(AGENCY_TYPES).index(key))
            self.type_hint.setText(f"{why}，请核对")
        self.accept_button.setEnabled(bool(text.strip()))
        self.accept_button.setToolTip("" if text.strip() else "请先填写机关名称")

    def _type_chosen(self, _index: int) -> None:
        self.type_touched = True
        self.type_hint.setText("已选择")

    def accept(self) -> None:
        confirm_import(self.report, self.agency.text(), self.year.value(), str(self.agency_type.currentData()),
                       str(self.format.currentData()))
        super().accept()


def _hint(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setStyleSheet("color: #5f6368;")
    label.setWordWrap(True)
    return label


def _with_hint(field: QWidget, hint: QLabel) -> QWidget:
    box = QWidget(field.parentWidget())
    row = QHBoxLayout(box)
    row.setContentsMargins(0, 0, 0, 0)
    row.addWidget(field, 1)
    row.addWidget(hint, 1)
    return box


def import_report_dialog(report: Report, info: ImportReport, parent: QWidget | None = None) -> ImportDialog:
    return ImportDialog(report, info, parent)


def next_year_dialog(lines: list[str], parent: QWidget | None = None) -> ReportNoteDialog:
    heading = "将按上年报告新建下一年度的报告草稿："
    return ReportNoteDialog("新建下一年度报告", heading, lines, "创建报告", parent)
