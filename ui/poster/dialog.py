"""文件 → 一图读懂…: the poster previewed as it will be saved, A4 page or phone long image, and saved as PDF or PNG."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPixmap
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.export import ExportError
from app.export.fonts import FontSet
from app.export.poster import POSTER_KINDS, SUFFIXES
from app.report.model import Report
from ui.poster.files import export_poster, long_image, page_image
from ui.shared import dialogs

PREVIEW_WIDTH = 620
FILTERS = {".pdf": "PDF 文档 (*.pdf)", ".png": "PNG 图片 (*.png)"}


class PosterDialog(QDialog):
    def __init__(self, report: Report, fonts: FontSet, suggested: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("一图读懂")
        self.resize(PREVIEW_WIDTH + 260, 760)
        self.report, self.fonts, self.suggested = report, fonts, suggested
        self.saved: list[Path] = []
        self.page = QRadioButton("A4 单页", self)
        self.long = QRadioButton("手机长图（750 像素宽）", self)
        self.page.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.page)
        group.addButton(self.long)
        self.page.toggled.connect(self._show)
        self.picture = QLabel(self)
        self.picture.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        scroll = QScrollArea(self)
        scroll.setWidget(self.picture)
        scroll.setWidgetResizable(True)
        side = QVBoxLayout()
        side.addWidget(QLabel("<b>预览</b>", self))
        side.addWidget(self.page)
        side.addWidget(self.long)
        side.addSpacing(16)
        self.buttons = {}
        for kind, label in (("poster-pdf", "保存为 PDF（A4）…"), ("poster-png", "保存为图片（A4）…"),
                            ("poster-long", "保存手机长图…")):
            button = QPushButton(label, self)
            button.clicked.connect(lambda _checked=False, k=kind: self.save(k))
            self.buttons[kind] = button
            side.addWidget(button)
        side.addSpacing(16)
        note = QLabel("图中数字取自表格；颜色按灰度打印也能分辨。字体为“导出字体设置”中的字体。", self)
        note.setWordWrap(True)
        side.addWidget(note)
        side.addStretch(1)
        close = QPushButton("关闭", self)
        close.clicked.connect(self.accept)
        side.addWidget(close)
        layout = QHBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addLayout(side)
        self._images: dict[bool, QImage] = {}
        self._show()

    def image(self) -> QImage:
        """The picture shown now (drawn once per kind)."""
        is_page = self.page.isChecked()
        if is_page not in self._images:
            self._images[is_page] = page_image(self.report, self.fonts) if is_page else long_image(self.report,
                                                                                                   self.fonts)
        return self._images[is_page]

    def _show(self) -> None:
        image = self.image()
        width = min(PREVIEW_WIDTH, image.width())
        self.picture.setPixmap(QPixmap.fromImage(image.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation)))

    def save(self, kind: str) -> Path | None:
        suffix = SUFFIXES[kind]
        path = dialogs.ask_file_to_write(self, f"保存{POSTER_KINDS[kind]}", self.suggested_for(kind), FILTERS[suffix],
                                         suffix)
        if path is None:
            return None
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            export_poster(self.report, kind, path, self.fonts)
        except (ExportError, OSError) as exc:
            QGuiApplication.restoreOverrideCursor()
            QMessageBox.critical(self, "保存失败", str(exc))
            return None
        QGuiApplication.restoreOverrideCursor()
        self.saved.append(path)
        return path

    def suggested_for(self, kind: str) -> Path:
        from app.export.poster import poster_path  # noqa: PLC0415

        return poster_path(self.suggested, kind)
