"""编制日期 from a calendar (today preselected), stored as an ISO date; typed dates read; old free text shown for
correction."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QCalendarWidget
from pytestqt.qtbot import QtBot

from ui.editor.info_tab import InfoTab
from ui.shared.document import ReportDocument


def make_info(qtbot: QtBot, doc: ReportDocument) -> InfoTab:
    info = InfoTab(doc)
    qtbot.addWidget(info)
    with qtbot.waitActive(info):
        info.show()
        info.activateWindow()
    return info


def test_a_date_is_picked_from_the_calendar_with_today_preselected(qtbot: QtBot, doc: ReportDocument) -> None:
    doc.set_field("compiled_on", "")
    info = make_info(qtbot, doc)
    field = info.compiled_on
    assert field.edit.text() == "" and not field.problem.isVisible()
    picked: list[date] = []

    def press_enter_on_today(calendar: QCalendarWidget) -> None:
        selected = calendar.selectedDate()
        picked.append(date(selected.year(), selected.month(), selected.day()))
        qtbot.keyClick(calendar.focusWidget() or calendar, Qt.Key.Key_Return)

    qtbot.mouseClick(field.button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(field.calendar.isVisible)
    press_enter_on_today(field.calendar)
    today = date.today()
    assert picked == [today]
    assert doc.report.compiled_on == today.isoformat()
    assert field.edit.text() == f"{today.year}年{today.month}月{today.day}日"
    assert not field.menu.isVisible()


def test_typed_dates_are_read_and_stored_as_iso(qtbot: QtBot, doc: ReportDocument) -> None:
    info = make_info(qtbot, doc)
    edit = info.compiled_on.edit
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, "2022.1.18")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert doc.report.compiled_on == "2022-01-18" and edit.text() == "2022年1月18日"
    edit.selectAll()
    qtbot.keyClicks(edit, "2022-13-01")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert doc.report.compiled_on == "2022-01-18"  # not a date: not stored, and the field says so
    assert info.compiled_on.problem.isVisible() and "“2022-13-01”不是日期" in info.compiled_on.problem.text()
    assert edit.text() == "2022-13-01"  # what was typed stays, to be corrected
    doc.undo_stack.undo()
    assert doc.report.compiled_on == "" and edit.text() == ""  # the sample has no date
    assert not info.compiled_on.problem.isVisible()


def test_an_old_files_free_text_is_shown_for_correction(qtbot: QtBot, doc: ReportDocument) -> None:
    doc.report.compiled_on = "2022年元月"  # as a file written before dates were picked from a calendar
    info = make_info(qtbot, doc)
    field = info.compiled_on
    assert field.edit.text() == "2022年元月"
    assert field.problem.isVisible() and "不是日期" in field.problem.text()
    qtbot.mouseClick(field.button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(field.calendar.isVisible)
    selected = field.calendar.selectedDate()
    assert (selected.year(), selected.month(), selected.day()) == date.today().timetuple()[:3]
    field.calendar.setSelectedDate(selected.addDays(-3))
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert doc.report.compiled_on == date.fromordinal(date.today().toordinal() - 3).isoformat()
    assert not field.problem.isVisible()
