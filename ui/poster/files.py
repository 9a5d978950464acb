"""The poster as files: one A4 page (PDF, or PNG at 150 dpi) and one long PNG 750 px wide for phone channels.

Both are drawn by ui.poster.draw; a file is written through app.export.write_atomically, so a failed export leaves
neither half a file nor a destroyed earlier copy. A QGuiApplication must exist (fonts): the entry point makes one
for the command line.
"""

from __future__ import annotations

import math
from pathlib import Path

from PySide6.QtCore import QMarginsF, QSizeF
from PySide6.QtGui import QColor, QImage, QPageLayout, QPageSize, QPainter, QPdfWriter

from app import APP_NAME
from app.export import ExportError, write_atomically
from app.export.fonts import FontSet, default_fonts
from app.export.poster import POSTER_KINDS
from app.report.model import Report
from ui.poster.draw import A4_RATIO, LONG, PAGE, PosterData, paint_poster, poster_height
from ui.shared.text_layer import DrawnText, RecordingPainter, repair_pdf

PAGE_DPI = 150
PNG_QUALITY = 80  # Qt maps it to a light zlib level: a quarter faster than the default, the same size (≈ 360 KB)
PDF_DPI = 300


def _page(painter: QPainter, data: PosterData, fonts: FontSet, width: float, height: float) -> None:
    """Fill an A4 page of width × height device units: scaled to the page width, or smaller when it runs long."""
    needed = poster_height(data, fonts, PAGE)
    scale = min(width / PAGE.width, height / max(needed, PAGE.width * A4_RATIO))
    painter.translate((width - PAGE.width * scale) / 2, 0)
    painter.scale(scale, scale)
    paint_poster(painter, data, fonts, PAGE)


def page_image(report: Report, fonts: FontSet | None = None, dpi: int = PAGE_DPI) -> QImage:
    width = round(210 / 25.4 * dpi)
    height = round(297 / 25.4 * dpi)
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    try:
        _page(painter, PosterData.of(report), fonts or default_fonts(), width, height)
    finally:
        painter.end()
    return image


def long_image(report: Report, fonts: FontSet | None = None) -> QImage:
    data, fonts = PosterData.of(report), fonts or default_fonts()
    height = math.ceil(poster_height(data, fonts, LONG))
    image = QImage(round(LONG.width), height, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    try:
        paint_poster(painter, data, fonts, LONG)
    finally:
        painter.end()
    return image


def write_pdf(report: Report, out: Path, fonts: FontSet | None = None) -> None:
    def write(tmp: Path) -> None:
        writer = QPdfWriter(str(tmp))
        writer.setResolution(PDF_DPI)
        writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                         QMarginsF(0, 0, 0, 0)))
        writer.setTitle(f"{report.title}（一图读懂）")
        writer.setCreator(APP_NAME)
        painter = RecordingPainter(writer)
        try:
            size = QSizeF(writer.width(), writer.height())
            _page(painter, PosterData.of(report), fonts or default_fonts(), size.width(), size.height())
        finally:
            painter.end()
        repair_pdf(tmp, DrawnText(fonts or default_fonts(), "".join(painter.drawn)))  # searchable: 人民, not ⼈⺠

    write_atomically(out, write)


def write_image(image: QImage, out: Path) -> None:
    def write(tmp: Path) -> None:
        if not image.save(str(tmp), "PNG", PNG_QUALITY):
            raise ExportError(f"无法生成图片“{out.name}”")

    write_atomically(out, write)


def export_poster(report: Report, kind: str, out: Path, fonts: FontSet | None = None) -> None:
    """Write the poster of `kind` (poster-pdf | poster-png | poster-long) to `out`; ExportError in Chinese."""
    if kind == "poster-pdf":
        write_pdf(report, out, fonts)
    elif kind == "poster-png":
        write_image(page_image(report, fonts), out)
    elif kind == "poster-long":
        write_image(long_image(report, fonts), out)
    else:
        raise ExportError(f"不支持的一图读懂格式“{kind}”，可选：{'、'.join(POSTER_KINDS)}")
