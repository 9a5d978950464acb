"""概览: the poster's charts, small, in a side panel of the window; redrawn as the clerk types.

The panel starts hidden (the tables need the width on a 1366-pixel screen). Its chart, and with it the poster's
drawing code and figures and the export fonts (which ask fontconfig's fc-list which fonts are installed), is built
when the panel is first shown: the window starts without them (benchmarks/bench_gui.py, startup_vs_floor).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QScrollArea, QWidget

if TYPE_CHECKING:
    from app.export.fonts import FontSet
    from ui.poster.overview_chart import OverviewChart
    from ui.shared.document import ReportDocument


class OverviewPanel(QDockWidget):
    def __init__(self, fonts: Callable[[], FontSet], parent: QWidget | None = None) -> None:
        """fonts: the export fonts to draw with, asked for when the chart is built."""
        super().__init__("概览", parent)
        self.setObjectName("overview_panel")
        self.fonts = fonts
        self.doc: ReportDocument | None = None
        self._chart: OverviewChart | None = None
        self.visibilityChanged.connect(self._visibility_changed)

    def follow(self, doc: ReportDocument) -> None:
        """The report the window shows; the chart follows it once it exists."""
        self.doc = doc
        if self._chart is not None:
            self._chart.follow(doc)

    @property
    def chart(self) -> OverviewChart:
        if self._chart is None:
            from ui.poster.overview_chart import PANEL_WIDTH, OverviewChart  # noqa: PLC0415 - see the top

            self._chart = OverviewChart(self.fonts())
            scroll = QScrollArea(self)
            scroll.setWidget(self._chart)
            scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            scroll.setMinimumWidth(PANEL_WIDTH + 20)
            self.setWidget(scroll)
            if self.doc is not None:
                self._chart.follow(self.doc)
        return self._chart

    def _visibility_changed(self, visible: bool) -> None:
        if visible:
            self.chart  # noqa: B018 - built on first show
