"""概览's chart: the poster's figures of the open report, painted at the side panel's size (ui/poster/overview_panel.py
loads this module when the panel is first shown)."""

from __future__ import annotations

import math

from PySide6.QtCore import QSize, QTimer
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from app.export.fonts import FontSet
from ui.poster.draw import PANEL, PosterData, paint_poster, poster_height
from ui.shared.document import ReportDocument

PANEL_WIDTH = int(PANEL.width)


class OverviewChart(QWidget):
    """Paints the figures of the open report at PANEL size; recomputed when shown and after each change."""

    def __init__(self, fonts: FontSet, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.fonts = fonts
        self.doc: ReportDocument | None = None
        self.data: PosterData | None = None
        self.setFixedWidth(PANEL_WIDTH)
        # Typing in the grid changes a value per key: the figures are read again once the keys pause.
        self._refresh = QTimer(self)
        self._refresh.setSingleShot(True)
        self._refresh.setInterval(150)
        self._refresh.timeout.connect(self.refresh)

    def follow(self, doc: ReportDocument) -> None:
        if self.doc is not None:
            for signal in (self.doc.valuesChanged, self.doc.metadataChanged, self.doc.formatChanged):
                signal.disconnect(self.changed)
        self.doc = doc
        for signal in (doc.valuesChanged, doc.metadataChanged, doc.formatChanged):
            signal.connect(self.changed)
        if self.isVisible():
            self.refresh()
        else:
            self.data = None  # read when shown

    def changed(self, *_args: object) -> None:
        if self.isVisible():
            self._refresh.start()
        else:
            self.data = None  # read again when shown

    def refresh(self) -> None:
        if self.doc is None:
            return
        self.data = PosterData.of(self.doc.report)
        self.setFixedHeight(math.ceil(poster_height(self.data, self.fonts, PANEL)))
        self.update()

    def showEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt's name
        if self.data is None:
            self.refresh()
        super().showEvent(event)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(PANEL_WIDTH, self.height())

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        if self.data is None:
            return
        painter = QPainter(self)
        try:
            painter.fillRect(self.rect(), QColor("white"))
            paint_poster(painter, self.data, self.fonts, PANEL)
        finally:
            painter.end()
