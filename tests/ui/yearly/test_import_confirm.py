"""文件 → 导入…: agency, year, type and format are shown for confirmation, with where each came from, and can be
corrected before the report opens. The dialog is driven with keys and clicks."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from tests.app.imports.builders import report_html
from tests.factories import realistic_report
from tests.ui.editor.grid_helpers import send_text
from tests.ui.window_helpers import make_window, show
from ui.yearly import actions as yearly_actions
from ui.yearly.import_dialog import ImportDialog


def portal_page(tmp_path, agency_line: str = "某县某某镇人民政府"):
    """A township's page: breadcrumb, a year-first heading without the agency, the agency below, 规章 reported."""
    original = realistic_report(2024, agency_type="township")
    original.agency = agency_line
    original.set_values([("s2.rules.issued", 1), ("s2.rules.in_force", 3)])
    page = report_html(original, blank="0")
    lines = '<h1 style="text-align:center">2024年政府信息公开工作年度报告</h1>' + (f"<p>{agency_line}</p>" if agency_line else "")
    path = tmp_path / "年报.html"
    path.write_text(re.sub(r"<h1[^>]*>.*?</h1>", lines, page), encoding="utf-8")
    return path


def run_import(qtbot, tmp_path, monkeypatch, page, person) -> tuple:
    window = make_window(qtbot, tmp_path, monkeypatch)
    window.set_document(window.new_document())
    show(qtbot, window)
    monkeypatch.setattr(yearly_actions, "ask_import_path", lambda *a: page)
    seen: list[ImportDialog] = []

    def confirm(dialog):
        seen.append(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        person(qtbot, dialog)
        return dialog.result() == QDialog.DialogCode.Accepted

    monkeypatch.setattr(yearly_actions, "confirm", confirm)
    window.named_action("yearly.import").trigger()
    return window, seen[0]


def click_create(qtbot, dialog: ImportDialog) -> None:
    qtbot.mouseClick(dialog.accept_button, Qt.MouseButton.LeftButton)


def test_what_was_found_is_shown_with_its_source_and_opens_as_confirmed(qtbot, tmp_path, monkeypatch):
    def person(qtbot, dialog):
        assert dialog.agency.text() == "某县某某镇人民政府"
        assert dialog.agency_hint.text() == "取自标题下一行“某县某某镇人民政府”，请核对"
        assert dialog.agency_type.currentText() == "乡镇"
        assert dialog.year.value() == 2024
        assert dialog.format.currentData() == "gov-2021"
        click_create(qtbot, dialog)

    window, _ = run_import(qtbot, tmp_path, monkeypatch, portal_page(tmp_path), person)
    report = window.doc.report
    assert (report.agency, report.agency_type, report.year) == ("某县某某镇人民政府", "township", 2024)
    assert sum(f.rule == "S1" for f in window.doc.findings) == 2  # the type-dependent checks run


def test_correcting_the_agency_retypes_it_and_a_chosen_type_stays(qtbot, tmp_path, monkeypatch):
    def person(qtbot, dialog):
        dialog.agency.selectAll()
        send_text(qtbot, dialog.agency, "某县某某街道办事处")  # what the input method commits
        assert dialog.agency_type.currentText() == "街道"  # follows the name until a type is chosen
        dialog.agency_type.setFocus()
        qtbot.keyClick(dialog.agency_type, Qt.Key.Key_Down)  # 街道 → 县级政府部门
        dialog.year.selectAll()
        qtbot.keyClicks(dialog.year, "2023")
        click_create(qtbot, dialog)

    window, _ = run_import(qtbot, tmp_path, monkeypatch, portal_page(tmp_path), person)
    report = window.doc.report
    assert (report.agency, report.agency_type, report.year) == ("某县某某街道办事处", "county_department", 2023)


def test_without_an_agency_the_report_waits_for_one(qtbot, tmp_path, monkeypatch):
    def person(qtbot, dialog):
        assert dialog.agency.text() == ""
        assert "没有找到" in dialog.agency_hint.text()
        assert not dialog.accept_button.isEnabled()
        send_text(qtbot, dialog.agency, "某县某某乡人民政府")
        assert dialog.accept_button.isEnabled() and dialog.agency_type.currentText() == "乡镇"
        click_create(qtbot, dialog)

    window, _ = run_import(qtbot, tmp_path, monkeypatch, portal_page(tmp_path, agency_line=""), person)
    assert (window.doc.report.agency, window.doc.report.agency_type) == ("某县某某乡人民政府", "township")


def test_another_format_keeps_the_shared_cells_and_marks_the_rest_missing(qtbot, tmp_path, monkeypatch):
    def person(qtbot, dialog):
        dialog.format.setCurrentIndex(dialog.format.findData("gov-2019"))
        click_create(qtbot, dialog)

    window, _ = run_import(qtbot, tmp_path, monkeypatch, portal_page(tmp_path), person)
    report = window.doc.report
    assert report.format.id == "gov-2019"
    assert report.values["s3.new.natural"] == 10  # a cell both formats have
    assert report.is_absent("s2.license.prev_items")  # only the 2019 format has it: not in the source
    assert {"F1", "I1"} <= {f.rule for f in window.doc.findings}


def test_cancel_keeps_the_open_report(qtbot, tmp_path, monkeypatch):
    def person(qtbot, dialog):
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    window = None
    window, dialog = run_import(qtbot, tmp_path, monkeypatch, portal_page(tmp_path), person)
    assert window.doc.report.agency == ""  # still the new, empty report
    assert dialog.report.agency == "某县某某镇人民政府"  # the imported one was never changed
