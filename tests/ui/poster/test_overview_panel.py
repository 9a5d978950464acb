"""概览: the panel in the window follows the open report and redraws as the clerk types in the grid."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.ui.editor.grid_helpers import type_in
from tests.ui.window_helpers import open_sample_window


def test_panel_follows_typing_in_the_grid(qtbot, tmp_path, monkeypatch):
    window = open_sample_window(qtbot, tmp_path, monkeypatch)
    panel = window.overview_panel
    assert not panel.isVisible()
    window.named_action("view.overview").trigger()
    qtbot.waitUntil(panel.isVisible)
    chart = panel.chart
    qtbot.waitUntil(lambda: chart.data is not None)
    assert chart.data.overview.requests.value == 0  # the seed: all zeros
    zero_height = chart.height()
    table = window.show_page("s3")
    table.focus_cell("s3.new.natural")
    type_in(qtbot, table.view(), "12")
    qtbot.waitUntil(lambda: chart.data.overview.requests.value == 12)
    assert chart.height() > zero_height  # the one line “未收到申请” became figures and charts
    image = chart.grab().toImage()
    assert image.width() == chart.width() and not image.isNull()


def test_panel_follows_another_report(qtbot, tmp_path, monkeypatch):
    from app.report.model import Report  # noqa: PLC0415

    window = open_sample_window(qtbot, tmp_path, monkeypatch)
    window.named_action("view.overview").trigger()
    chart = window.overview_panel.chart
    report = Report.new(2023, "某镇人民政府")
    report.set_value("s4.review.upheld", 3)
    window.show_new_report(report)
    qtbot.waitUntil(lambda: chart.data is not None and chart.data.overview.review_total.value == 3)
    assert Qt  # keys were not needed here
