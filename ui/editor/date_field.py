"""编制日期 as a clerk sets it: picked from a calendar (today preselected), or typed the usual ways; shown as
2022年1月20日, stored as an ISO date (docs/file-format.md). An old file's free text (“2022年元月”) is shown as it is,
with what is wrong, until a date is chosen."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QVBoxLayout, QWidget

from app.report.dates import chinese_date, parse_date, shown_date

if TYPE_CHECKING:
    from PySide6.QtWidgets import QCalendarWidget, QMenu

PROBLEM_STYLE = "color: #c62828;"


class DateField(QWidget):
    chosen = Signal(str)  # an ISO date, or "" when the field was emptied

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText("点“选择日期”从日历中选，或输入如 2022年1月20日")
        # The calendar is built when first opened: most sessions never open it, and the window starts sooner.
        self.calendar: QCalendarWidget | None = None
        self.menu: QMenu | None = None
        self.button = QToolButton(self)
        self.button.setText("选择日期…")
        self.button.setToolTip("从日历中选择编制日期（默认今天）")
        self.button.clicked.connect(self.open_calendar)
        self.problem = QLabel(self)
        self.problem.setStyleSheet(PROBLEM_STYLE)
        self.problem.setWordWrap(True)
        self.problem.hide()
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit, 1)
        row.addWidget(self.button)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(row)
        column.addWidget(self.problem)
        self.edit.editingFinished.connect(self._typed)
        self._stored = ""

    def set_value(self, stored: str) -> None:
        """Show what the document holds (after an undo, a new report, an old file)."""
        self._stored = stored
        text = shown_date(stored)
        if self.edit.text() != text:
            self.edit.setText(text)
        self._say("" if not stored or parse_date(stored) else
                  f"原来填写的“{stored}”不是日期，请点“选择日期”从日历中选择，以免导出的落款日期有误。")

    def open_calendar(self) -> None:
        """The calendar under the button, on the stored date or today."""
        calendar, menu = self._calendar()
        current = parse_date(self._stored) or date.today()
        calendar.setSelectedDate(QDate(current.year, current.month, current.day))
        menu.popup(self.button.mapToGlobal(self.button.rect().bottomLeft()))
        calendar.setFocus()

    def _calendar(self) -> tuple[QCalendarWidget, QMenu]:
        if self.calendar is None or self.menu is None:
            from PySide6.QtWidgets import QCalendarWidget, QMenu, QWidgetAction  # noqa: PLC0415 - see __init__

            self.calendar = QCalendarWidget()
            self.calendar.setGridVisible(True)
            self.calendar.clicked.connect(self._picked)
            self.calendar.activated.connect(self._picked)  # Enter or a double-click on a day
            self.menu = QMenu(self)
            picker = QWidgetAction(self.menu)
            picker.setDefaultWidget(self.calendar)
            self.menu.addAction(picker)
        return self.calendar, self.menu

    def _picked(self, day: QDate) -> None:
        if self.menu is not None:
            self.menu.close()
        self._choose(date(day.year(), day.month(), day.day()))

    def _typed(self) -> None:
        text = self.edit.text().strip()
        if text == shown_date(self._stored):
            return  # nothing changed (focus left the field)
        if not text:
            self._stored = ""
            self._say("")
            self.chosen.emit("")
            return
        day = parse_date(text)
        if day is None:
            self._say(f"“{text}”不是日期：请点“选择日期”从日历中选择，或写成 2022年1月20日，未保存")
            return
        self._choose(day)

    def _choose(self, day: date) -> None:
        self._stored = day.isoformat()
        self.edit.setText(chinese_date(day))
        self._say("")
        self.chosen.emit(self._stored)

    def _say(self, problem: str) -> None:
        self.problem.setText(problem)
        self.problem.setVisible(bool(problem))
