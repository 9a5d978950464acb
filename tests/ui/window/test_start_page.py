"""A newcomer's first minutes: the start page instead of an empty report full of red, its ways to begin, the recent
reports with agency and year, and the second start going on with the last report."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from app import storage
from tests.ui.window.test_application import close_all, run_without_event_loop
from tests.ui.window_helpers import SAMPLE, make_window, sample_copy, show
from ui.shared.settings import REOPEN_LAST, Settings
from ui.yearly import actions as yearly

WAYS = ["新建报告", "从上年报告新建", "导入已发布的报告", "打开报告文件", "打开示例"]


def start_window(qtbot, tmp_path, monkeypatch):
    window = make_window(qtbot, tmp_path, monkeypatch)
    window.set_document(window.new_document())
    window.show_start()
    show(qtbot, window)
    return window


def test_the_start_page_says_what_to_do(qtbot, tmp_path, monkeypatch):
    window = start_window(qtbot, tmp_path, monkeypatch)
    assert window.on_start_page()
    assert list(window.start_page.buttons) == WAYS
    assert not window.check_panel.isVisible()  # no wall of findings about a report nobody has begun
    qtbot.mouseClick(window.start_page.buttons["新建报告"], Qt.MouseButton.LeftButton)
    assert not window.on_start_page() and window.central.currentWidget() is window.tabs
    assert window.check_panel.isVisible()
    assert isinstance(QApplication.focusWidget(), QLineEdit)  # 机关名称, ready for typing


def test_the_example_opens_as_an_unsaved_copy(qtbot, tmp_path, monkeypatch):
    window = start_window(qtbot, tmp_path, monkeypatch)
    qtbot.mouseClick(window.start_page.buttons["打开示例"], Qt.MouseButton.LeftButton)
    assert not window.on_start_page()
    assert window.doc.path is None and window.doc.report.values == storage.load(SAMPLE).values
    assert "示例" in window.statusBar().currentMessage()


def test_from_last_years_report_and_import_are_the_features_commands(qtbot, tmp_path, monkeypatch):
    window = start_window(qtbot, tmp_path, monkeypatch)
    asked: list[str] = []
    monkeypatch.setattr(yearly, "ask_last_year_path", lambda *a: asked.append("last year") or None)
    monkeypatch.setattr(yearly, "ask_import_path", lambda *a: asked.append("import") or None)
    qtbot.mouseClick(window.start_page.buttons["从上年报告新建"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(window.start_page.buttons["导入已发布的报告"], Qt.MouseButton.LeftButton)
    assert asked == ["last year", "import"]  # a blank report is not offered as “last year's”
    assert window.on_start_page()  # cancelled: still there


def test_recent_reports_show_agency_and_year_and_open(qtbot, tmp_path, monkeypatch):
    path = sample_copy(tmp_path)
    Settings.at(tmp_path / "settings.ini").add_recent(path)
    window = start_window(qtbot, tmp_path, monkeypatch)
    item = window.start_page.recent.item(0)
    assert item.text().startswith("金殿镇人民政府 · 2021年度") and str(path.resolve()) in item.text()
    window.start_page.recent.itemActivated.emit(item)
    assert not window.on_start_page() and window.doc.path == path.resolve()


def test_an_edit_to_the_blank_report_leaves_the_start_page(qtbot, tmp_path, monkeypatch):
    window = start_window(qtbot, tmp_path, monkeypatch)
    window.doc.set_field("agency", "某镇人民政府")  # e.g. 关联上年报告 from the menu
    assert not window.on_start_page()


def start_program(tmp_path):
    """One start of the program with no file given (the settings and recovery folder are the test's)."""
    with pytest.MonkeyPatch.context() as patch:
        return run_without_event_loop(patch, tmp_path, [])


def test_first_start_shows_the_start_page_the_second_reopens_the_last_report(qtbot, tmp_path):
    windows = start_program(tmp_path)
    try:
        assert windows[0].on_start_page() and windows[0].start_page.reopen.isChecked()
    finally:
        close_all(windows)
    path = sample_copy(tmp_path)
    settings = Settings.at(tmp_path / "settings.ini")
    settings.add_recent(path)
    settings.sync()
    windows = start_program(tmp_path)
    try:
        assert not windows[0].on_start_page() and windows[0].doc.path == path.resolve()
    finally:
        close_all(windows)
    settings.set(REOPEN_LAST, False)
    settings.sync()
    windows = start_program(tmp_path)
    try:
        assert windows[0].on_start_page() and not windows[0].start_page.reopen.isChecked()
        windows[0].start_page.reopen.setChecked(True)
        assert Settings.at(tmp_path / "settings.ini").get(REOPEN_LAST) is True
    finally:
        close_all(windows)
