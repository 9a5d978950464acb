"""Absent cells in the grid (a report imported from a page that stops early): shown as 缺, hatched, with a hint;
typing fills them, undo brings the state back."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.app.report.test_absence import cut_after
from tests.factories import realistic_report
from tests.ui.editor.grid_helpers import go_to, make_table, shown, type_in
from ui.editor.grid_delegate import MARKER_ROLE
from ui.editor.grid_model import ABSENT_BRUSH
from ui.shared.document import ReportDocument

CUT = "s3.deny.5.total"


def test_absent_cells_show_as_missing_and_typing_fills_them(qtbot: QtBot) -> None:
    report = realistic_report(2024)
    report.auto_total = False
    cut_after(report, "s3.deny.5.other")
    doc = ReportDocument(report)
    widget, messages = make_table(qtbot, doc)
    assert shown(widget, CUT) == "缺"
    assert shown(widget, "s3.deny.5.other") == "0"  # the leading cells of the cut row are the page's
    assert shown(widget, CUT, Qt.ItemDataRole.BackgroundRole) == ABSENT_BRUSH
    assert "原文在此之前已经中断" in shown(widget, CUT, Qt.ItemDataRole.ToolTipRole)
    assert shown(widget, CUT, MARKER_ROLE) is None  # I1 names them once; no 128 red frames
    assert [f.rule for f in doc.findings] == ["I1"]

    view = go_to(widget, CUT)
    with qtbot.waitSignal(view.model().dataChanged):
        type_in(qtbot, view, "0")
    assert shown(widget, CUT) == "0"
    assert shown(widget, CUT, Qt.ItemDataRole.BackgroundRole) != ABSENT_BRUSH
    assert not doc.report.is_absent(CUT)

    doc.undo_stack.undo()  # 编辑 → 撤销
    assert shown(widget, CUT) == "缺" and doc.report.is_absent(CUT)
    assert messages == []
