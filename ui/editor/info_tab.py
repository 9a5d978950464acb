"""基本信息: who reports, for which year (which picks the official format), when, whom to contact, 自动合计,
and the report's opening paragraph.

Every field writes through ReportDocument.set_field (undoable; typing into a line merges into one step) and follows
the document back when an undo changes it.
"""

from __future__ import annotations

import time

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.report.model import AGENCY_TYPES
from ui.editor.date_field import DateField
from ui.editor.text_tab import TextEditor, UndoKeysToDocument, count_characters
from ui.shared.document import Place, ReportDocument

FIRST_YEAR = 2008  # the 条例 took effect on 2008-05-01: no annual report is older


class InfoTab(QWidget):
    statusMessage = Signal(str)  # noqa: N815 - as TableWidget's: for the window's status bar

    def __init__(self, doc: ReportDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self._syncing = False

        self.agency = QLineEdit(self)
        self.agency.setPlaceholderText("如：某某镇人民政府")
        self.agency_type = QComboBox(self)
        for key, label in AGENCY_TYPES.items():
            self.agency_type.addItem(label, key)
        self.year = QComboBox(self)
        self.format_label = QLabel(self)
        self.format_label.setWordWrap(True)
        self.format_label.setStyleSheet("color: palette(mid);")
        self.compiled_on = DateField(self)
        self.contact = QLineEdit(self)
        self.contact.setPlaceholderText("联系人、电话、地址或邮箱")
        self.auto_total = QCheckBox("自动合计：合计、总计单元格由程序计算，不能手工修改", self)
        self.auto_total.setToolTip("导入的报告如需核对原文中的合计数，可以关闭自动合计，由检查功能比较。")
        self.intro = TextEditor(doc, "intro", self)
        self.intro.setPlaceholderText("报告开头的说明段落（可选），如：本报告根据《中华人民共和国政府信息公开条例》……编制。")
        self.intro.setMaximumHeight(160)
        self.intro_count = QLabel(self)

        year_row = QHBoxLayout()
        year_row.addWidget(self.year)
        year_row.addWidget(self.format_label, 1)

        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow("机关名称：", self.agency)
        form.addRow("机关类型：", self.agency_type)
        form.addRow("报告年度：", year_row)
        form.addRow("编制日期：", self.compiled_on)
        form.addRow("联系方式：", self.contact)
        form.addRow("", self.auto_total)
        form.addRow("前言：", self.intro)
        form.addRow("", self.intro_count)

        body = QWidget(self)
        body.setMaximumWidth(820)  # a form, not a spreadsheet: long lines are hard to read on a wide screen
        column = QVBoxLayout(body)
        column.addLayout(form)
        column.addStretch(1)
        outer = QHBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(body, 6)
        outer.addStretch(1)

        self._undo_keys = UndoKeysToDocument(self)
        for edit in (self.agency, self.compiled_on.edit, self.contact):
            edit.installEventFilter(self._undo_keys)
        self.agency.textEdited.connect(lambda text: self._set("agency", text.strip()))
        self.agency_type.activated.connect(lambda _i: self._set("agency_type", self.agency_type.currentData()))
        self.year.activated.connect(lambda _i: self._choose_year(int(self.year.currentData())))
        self.compiled_on.chosen.connect(lambda iso: self._set("compiled_on", iso))
        self.contact.textEdited.connect(lambda text: self._set("contact", text.strip()))
        self.auto_total.toggled.connect(lambda on: self._set("auto_total", on))
        self.intro.textChanged.connect(self._update_intro_count)
        self.intro.figuresChanged.connect(self._update_intro_count)
        doc.metadataChanged.connect(self._refresh)
        doc.formatChanged.connect(self._refresh)
        self._refresh()
        self._update_intro_count()

    def _set(self, field: str, value: object) -> None:
        if not self._syncing:
            self.doc.set_field(field, value)

    def _choose_year(self, year: int) -> None:
        """A year in the other official format converts the report: say so, and name the figures it cannot hold."""
        if self._syncing:
            return
        old_format, before = self.doc.format, dict(self.doc.report.values)
        self.doc.set_field("year", year)
        fmt = self.doc.format
        if fmt is old_format:
            return
        lost = [old_format.cells[c].location for c, v in before.items() if v and c not in fmt.cells]
        note = ""
        if lost:  # the first one named: the status bar has room for one location
            note = (f"；该格式没有的 {len(lost)} 项数值已移除（Ctrl+Z 可撤销），"
                    f"如{lost[0]}{'等' if len(lost) > 1 else ''}")
        self.statusMessage.emit(f"已改用{fmt.notice}的格式{note}")

    def _fill_years(self, current: int) -> None:
        last = max(time.localtime().tm_year, current)
        years = list(range(last, FIRST_YEAR - 1, -1))
        if current not in years:
            years.append(current)
        if [self.year.itemData(i) for i in range(self.year.count())] != years:
            self.year.clear()
            for y in years:
                self.year.addItem(f"{y}年", y)
        self.year.setCurrentIndex(years.index(current))

    def _refresh(self, _field: str = "") -> None:
        """Show the document's values (after an undo, a year change, or a new document)."""
        r = self.doc.report
        self._syncing = True
        try:
            for edit, text in ((self.agency, r.agency), (self.contact, r.contact)):
                if edit.text().strip() != text:
                    edit.setText(text)
            self.compiled_on.set_value(r.compiled_on)
            self.agency_type.setCurrentIndex(max(0, self.agency_type.findData(r.agency_type)))
            self._fill_years(r.year)
            fmt = r.format
            self.format_label.setText(f"使用格式：{fmt.title}（{fmt.notice}）")
            self.auto_total.setChecked(r.auto_total)
        finally:
            self._syncing = False

    def _update_intro_count(self) -> None:
        self.intro_count.setText(f"字数：{count_characters(self.intro.printed_text())}")

    def focus_first(self) -> None:
        self.agency.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_change(self, place: Place) -> None:
        """Focus what an undo or redo changed: the opening paragraph at the change, or the field."""
        if place.part == "intro":
            self.intro.show_position(place.offset)
            return
        fields = {"agency": self.agency, "agency_type": self.agency_type, "year": self.year,
                  "compiled_on": self.compiled_on.edit, "contact": self.contact, "auto_total": self.auto_total}
        widget = fields.get(place.field)
        if widget is not None:
            widget.setFocus(Qt.FocusReason.OtherFocusReason)
