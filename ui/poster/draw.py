"""一图读懂: the report's key figures drawn with QPainter, for the A4 poster, the 750-px long image and, small,
the 概览 panel.

Everything is laid out in design units: one unit is one pixel of the 750-px-wide long image. The same drawing code
runs twice: once without a painter to measure the height, then on the device with a scale. The colours are one
blue at four lightness steps plus grey, so the printout stays readable in greyscale, and every bar and ring
segment carries its figure in words as well.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen

from app.export.fonts import FontSet
from app.report.draft import draft
from app.report.fields import number_text
from app.report.figures import Figure, Overview, overview
from app.report.model import Report

INK = QColor("#1f2933")
QUIET = QColor("#5f6b7a")
ACCENT = QColor("#1d4f91")
RAMP = [QColor(c) for c in ("#1d4f91", "#4a78b5", "#7d9fcf", "#b3c7e4", "#dbe5f2", "#8e959e", "#c9ced4")]
PALE = QColor("#eef3f9")
WHITE = QColor("#ffffff")
TEXT_FLAGS = int(Qt.TextFlag.TextWordWrap)


@dataclass(frozen=True)
class Style:
    """Sizes in design units."""

    width: float = 750
    margin: float = 36
    title: float = 58
    subtitle: float = 26
    heading: float = 30
    number: float = 46
    caption: float = 19
    small: float = 16
    tile_columns: int = 3
    side_by_side: bool = False  # the 依申请公开 charts next to each other (A4) or one under the other (phone)
    header: bool = True


LONG = Style()
PAGE = Style(margin=28, title=44, subtitle=21, heading=22, number=32, caption=15, small=12, tile_columns=4,
             side_by_side=True)
PANEL = Style(width=300, margin=10, heading=15, number=20, caption=11, small=10, tile_columns=2, header=False)
A4_RATIO = 297 / 210


@dataclass(frozen=True)
class PosterData:
    """What the poster shows: the figures, and the sentence that stands for a section where nothing happened."""

    overview: Overview
    zero_lines: dict[str, str]  # s2/s3/s4 → the drafted sentence (only read when the section is all zero)

    @classmethod
    def of(cls, report: Report) -> PosterData:
        lines = {key: "".join(p.printed(report) for p in draft(report, (key,))) for key in ("s2", "s3", "s4")}
        return cls(overview(report), lines)


def arrow(f: Figure) -> str:
    """“比上年 ▲12（+8.5%）”, “比上年 ▼5”, “与上年持平”; empty without last year's figure."""
    change = f.change
    if change is None:
        return ""
    if change == 0:
        return "与上年持平"
    mark = "▲" if change > 0 else "▼"
    text = f"比上年 {mark}{number_text(abs(change))}"
    if f.previous:
        rate = abs(change) * 100 / f.previous
        text += f"（{'+' if change > 0 else '−'}{rate:.1f}%）"
    return text


# Fonts and their metrics are made once per size: creating them is most of the cost of measuring text.
_FONTS: dict[tuple[str, int, bool], QFont] = {}
_METRICS: dict[tuple[tuple[str, ...], int, bool], QFontMetricsF] = {}


class Poster:
    """Draws (painter given) or measures (painter None) the poster, top to bottom; run() returns the height."""

    def __init__(self, data: PosterData, fonts: FontSet, style: Style, painter: QPainter | None = None) -> None:
        self.data = data
        self.o = data.overview
        self.fonts = fonts
        self.s = style
        self.p = painter
        self.y = 0.0
        self.left = style.margin
        self.inner = style.width - 2 * style.margin

    # -- primitives ----------------------------------------------------------------------------------------------
    def font(self, role: str, size: float, bold: bool = False) -> QFont:
        key = (role, max(1, round(size)), bold)
        if key not in _FONTS:
            f = QFont()
            f.setFamilies(self.fonts.families(getattr(self.fonts, role)))
            f.setPixelSize(key[1])
            f.setBold(bold)
            _FONTS[key] = f
        return _FONTS[key]

    def metrics(self, font: QFont) -> QFontMetricsF:
        key = (tuple(font.families()), font.pixelSize(), font.bold())
        if key not in _METRICS:
            _METRICS[key] = QFontMetricsF(font)
        return _METRICS[key]

    def text(self, rect: QRectF, s: str, font: QFont, color: QColor = INK,
             align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft) -> float:
        """Draw wrapped text in rect (its height grows as needed); returns the height used."""
        flags = TEXT_FLAGS | int(align)
        used = self.metrics(font).boundingRect(QRectF(0, 0, rect.width(), 1e6), flags, s).height()
        if self.p is not None:
            self.p.setFont(font)
            self.p.setPen(color)
            self.p.drawText(QRectF(rect.x(), rect.y(), rect.width(), max(used, rect.height())), flags, s)
        return used

    def box(self, rect: QRectF, color: QColor, radius: float = 0) -> None:
        if self.p is None:
            return
        self.p.setPen(Qt.PenStyle.NoPen)
        self.p.setBrush(color)
        if radius:
            self.p.drawRoundedRect(rect, radius, radius)
        else:
            self.p.drawRect(rect)

    # -- blocks --------------------------------------------------------------------------------------------------
    def run(self) -> float:
        if self.s.header:
            self.header()
        self.y += self.s.margin * 0.6
        self.active()
        self.requests()
        self.appeals()
        if self.s.header:
            self.footer()
        return self.y

    def header(self) -> None:
        s = self.s
        top = self.y
        height = s.title * 1.4 + s.subtitle * 3.2 + s.margin * 1.2
        self.box(QRectF(0, top, s.width, height), ACCENT)
        y = top + s.margin * 0.7
        y += self.text(QRectF(self.left, y, self.inner, 0), "一图读懂", self.font("heading1", s.title, True), WHITE,
                       Qt.AlignmentFlag.AlignHCenter)
        y += s.subtitle * 0.3
        name = self.o.agency.strip() or "（机关名称未填写）"
        y += self.text(QRectF(self.left, y, self.inner, 0), name, self.font("title", s.subtitle * 1.15, True), WHITE,
                       Qt.AlignmentFlag.AlignHCenter)
        self.text(QRectF(self.left, y + s.subtitle * 0.2, self.inner, 0), f"{self.o.year}年政府信息公开工作年度报告",
                  self.font("title", s.subtitle), WHITE, Qt.AlignmentFlag.AlignHCenter)
        self.y = top + height

    def heading(self, number: str, title: str) -> None:
        s = self.s
        self.y += s.heading * 0.6
        badge = s.heading * 1.3
        self.box(QRectF(self.left, self.y, badge, badge), ACCENT, badge * 0.2)
        self.text(QRectF(self.left, self.y + (badge - s.heading * 1.3) / 2, badge, badge), number,
                  self.font("heading1", s.heading, True), WHITE, Qt.AlignmentFlag.AlignHCenter)
        self.text(QRectF(self.left + badge + s.heading * 0.4, self.y + (badge - s.heading * 1.35) / 2,
                         self.inner - badge, badge), title, self.font("heading1", s.heading, True), ACCENT)
        self.y += badge + s.heading * 0.5

    def line(self, sentence: str) -> None:
        """A section with nothing to chart says so in one sentence."""
        s = self.s
        pad = s.caption * 0.8
        font = self.font("body", s.caption * 1.1)
        height = self.metrics(font).boundingRect(QRectF(0, 0, self.inner - 2 * pad, 1e6), TEXT_FLAGS,
                                                  sentence).height() + 2 * pad
        self.box(QRectF(self.left, self.y, self.inner, height), PALE, 8)
        self.text(QRectF(self.left + pad, self.y + pad, self.inner - 2 * pad, 0), sentence, font)
        self.y += height + s.caption * 0.5

    def tiles(self, figures: tuple[Figure, ...], columns: int) -> None:
        s = self.s
        gap = s.caption * 0.6
        width = (self.inner - gap * (columns - 1)) / columns
        has_arrows = any(f.change is not None for f in figures)
        height = s.number * 1.2 + s.caption * 2.5 + (s.small * 1.4 if has_arrows else 0)
        for i, f in enumerate(figures):
            x = self.left + (i % columns) * (width + gap)
            y = self.y + (i // columns) * (height + gap)
            self.tile(QRectF(x, y, width, height), f)
        rows = (len(figures) + columns - 1) // columns
        self.y += rows * height + (rows - 1) * gap + s.caption * 0.6

    def tile(self, r: QRectF, f: Figure) -> None:
        s = self.s
        self.box(r, PALE, 8)
        value = "—" if f.value is None else number_text(f.value)
        unit_font = self.font("body", s.caption)
        size = s.number
        while True:  # a long figure (1234.5678 万元) gets a smaller face rather than leaving its tile
            number_font = self.font("heading1", size, True)
            metrics = self.metrics(number_font)
            width = (metrics.horizontalAdvance(value) + s.caption * 0.3
                     + self.metrics(unit_font).horizontalAdvance(f.unit))
            if width <= r.width() - 8 or size <= s.caption:
                break
            size *= 0.9
        x = r.x() + (r.width() - width) / 2
        y = r.y() + s.caption * 0.4
        self.text(QRectF(x, y, metrics.horizontalAdvance(value) + 2, 0), value, number_font, ACCENT)
        self.text(QRectF(x + metrics.horizontalAdvance(value) + s.caption * 0.3, y + metrics.ascent() -
                         self.metrics(unit_font).ascent(), s.caption * 3, 0), f.unit, unit_font, QUIET)
        y += s.number * 1.15
        size = s.caption
        while self.metrics(self.font("body", size)).horizontalAdvance(f.label) > r.width() - 8 and size > s.small:
            size *= 0.92  # one line: a long label (现行有效行政规范性文件) in a smaller face
        y += max(self.text(QRectF(r.x() + 4, y, r.width() - 8, 0), f.label, self.font("body", size), INK,
                           Qt.AlignmentFlag.AlignHCenter), s.caption * 1.3)
        note = arrow(f)
        if note:
            self.text(QRectF(r.x() + 4, y + s.small * 0.2, r.width() - 8, 0), note, self.font("body", s.small), QUIET,
                      Qt.AlignmentFlag.AlignHCenter)

    def bars(self, x: float, width: float, figures: tuple[Figure, ...], title: str) -> float:
        """Horizontal bars, one per figure, each with its number and share; returns the height used."""
        s = self.s
        y = self.y
        y += self.text(QRectF(x, y, width, 0), title, self.font("heading1", s.caption * 1.1, True), INK) + s.small * 0.5
        shown = [f for f in figures if f.value]
        whole = sum(f.value for f in shown) or 1
        biggest = max((f.value for f in shown), default=1)
        label_font, value_font = self.font("body", s.caption), self.font("heading1", s.caption, True)
        values = [f"{number_text(f.value)}{f.unit} {float(f.value) * 100 / float(whole):.1f}%" for f in shown]
        label_w = min(width * 0.35, max((self.metrics(label_font).horizontalAdvance(f.label) for f in shown),
                                        default=0) + s.caption * 0.5)
        value_w = max((self.metrics(value_font).horizontalAdvance(v) for v in values), default=0) + s.caption * 0.5
        bar_w = max(width - label_w - value_w, s.caption)
        row = s.caption * 1.7
        for f, value in zip(shown, values, strict=True):
            self.text(QRectF(x, y, label_w, row), f.label, label_font)
            length = max(2.0, bar_w * float(f.value) / float(biggest))
            self.box(QRectF(x + label_w, y + row * 0.12, length, row * 0.62), ACCENT, 3)
            self.text(QRectF(x + label_w + length + s.caption * 0.3, y, value_w + 4, row), value, value_font, INK)
            y += row
        return y - self.y

    def ring(self, x: float, width: float, figures: tuple[Figure, ...], title: str, centre: str) -> float:
        """A ring of the figures' shares with a legend of names, numbers and shares (beside the ring, or under it
        when the column is narrow); returns the height used."""
        s = self.s
        y = self.y
        y += self.text(QRectF(x, y, width, 0), title, self.font("heading1", s.caption * 1.1, True), INK) + s.small * 0.5
        shown = [f for f in figures if f.value]
        whole = sum(f.value for f in shown) or 1
        entries = [f"{f.label} {number_text(f.value)}件（{float(f.value) * 100 / float(whole):.1f}%）" for f in shown]
        swatch = s.caption * 0.8
        for ring_size, text_size in ((8.5, 0.95), (7.0, 0.85), (8.5, 0.95)):  # the last: legend under the ring
            legend_font = self.font("body", s.caption * text_size)
            legend_w = max((self.metrics(legend_font).horizontalAdvance(e) for e in entries), default=0) + swatch * 1.6
            diameter = min(width * 0.45, s.caption * ring_size)
            beside = diameter + s.caption + legend_w <= width
            if beside:
                break
        ring = QRectF(x + (0 if beside else (width - diameter) / 2), y, diameter, diameter)
        if self.p is not None:
            start = 90 * 16
            pen = QPen(WHITE)
            pen.setWidthF(max(1.0, s.caption * 0.1))
            self.p.setPen(pen)
            for i, f in enumerate(shown):
                span = -round(5760 * float(f.value) / float(whole))
                self.p.setBrush(RAMP[i % len(RAMP)])
                self.p.drawPie(ring, start, span)
                start += span
            hole = diameter * 0.56
            self.box(QRectF(ring.center().x() - hole / 2, ring.center().y() - hole / 2, hole, hole), WHITE, hole / 2)
        self.text(QRectF(ring.x(), ring.center().y() - s.caption * 1.2, diameter, 0), centre,
                  self.font("heading1", s.caption * 1.15, True), ACCENT, Qt.AlignmentFlag.AlignHCenter)
        self.text(QRectF(ring.x(), ring.center().y() + s.caption * 0.1, diameter, 0), "件申请",
                  self.font("body", s.small), QUIET, Qt.AlignmentFlag.AlignHCenter)
        row = s.caption * 1.5
        if beside:
            lx, ly = x + diameter + s.caption, y + max(0.0, (diameter - row * len(entries)) / 2)
        else:
            lx, ly = x + (width - legend_w) / 2, y + diameter + s.caption * 0.6
        for i, entry in enumerate(entries):
            self.box(QRectF(lx, ly + (row - swatch) / 2, swatch, swatch), RAMP[i % len(RAMP)], 2)
            self.text(QRectF(lx + swatch * 1.5, ly + (row - s.caption * 1.35) / 2, legend_w, row), entry, legend_font)
            ly += row
        bottom = max(y + diameter, ly) if beside else ly
        return bottom - self.y

    def stacked(self, x: float, width: float, total: Figure, parts: tuple[Figure, ...]) -> float:
        """One case type: its total (and the change), a bar split by outcome, the outcomes in words; returns the
        height used."""
        s = self.s
        y = self.y
        title_font, number_font = self.font("heading1", s.caption * 1.15, True), self.font("heading1", s.number * 0.7, True)
        title_w = self.metrics(title_font).horizontalAdvance(total.label) + s.caption * 0.6
        value = f"{number_text(total.value or 0)}件"
        number_h = self.metrics(number_font).height()
        self.text(QRectF(x, y + number_h - self.metrics(title_font).height() - 2, title_w, 0), total.label, title_font)
        self.text(QRectF(x + title_w, y, width - title_w, 0), value, number_font, ACCENT)
        note = arrow(total)
        if note:
            value_w = self.metrics(number_font).horizontalAdvance(value) + s.caption * 0.6
            self.text(QRectF(x + title_w + value_w, y + number_h - self.metrics(self.font("body", s.small)).height() - 3,
                             width - title_w - value_w, 0), note, self.font("body", s.small), QUIET)
        y += number_h + s.caption * 0.4
        shown = [f for f in parts if f.value]
        whole = sum(f.value for f in shown)
        bar_x = x
        for i, f in enumerate(shown):
            w = width * float(f.value) / float(whole)
            self.box(QRectF(bar_x, y, max(w - 2, 1), s.caption * 1.3), RAMP[i % len(RAMP)])
            bar_x += w
        if shown:
            y += s.caption * 1.7
            legend = "　".join(f"{f.label} {number_text(f.value)}件" for f in shown)
        else:
            legend = f"本年度没有{total.label}案件"
        y += self.text(QRectF(x, y, width, 0), legend, self.font("body", s.caption * 0.95))
        return y - self.y + s.caption * 0.8

    def active(self) -> None:
        self.heading("一", "主动公开政府信息")
        figures = self.o.active
        if all(f.is_zero for f in figures):
            self.line(self.data.zero_lines["s2"])
            return
        self.tiles(figures, self.s.tile_columns)

    def requests(self) -> None:
        self.heading("二", "收到和处理政府信息公开申请")
        received = self.o.received
        if received[0].is_zero and received[1].is_zero:
            self.line(self.data.zero_lines["s3"])
            return
        self.tiles(received, 4 if self.s.tile_columns >= 3 else 2)
        s = self.s
        handled = next(f for f in received if f.cells and f.cells[0] == "s3.total.total")
        title_bars = f"办理结果（共办结 {number_text(handled.value or 0)} 件）"
        if s.side_by_side:
            half = (self.inner - s.caption) / 2
            h1 = self.bars(self.left, half, self.o.results, title_bars)
            h2 = self.ring(self.left + half + s.caption, half, self.o.applicants, "新收申请的申请人",
                           number_text(received[0].value or 0))
            self.y += max(h1, h2) + s.caption
        else:
            self.y += self.bars(self.left, self.inner, self.o.results, title_bars) + s.caption
            self.y += self.ring(self.left, self.inner, self.o.applicants, "新收申请的申请人",
                                number_text(received[0].value or 0)) + s.caption

    def appeals(self) -> None:
        self.heading("三", "行政复议、行政诉讼")
        if self.o.review_total.is_zero and self.o.suits_total.is_zero:
            self.line(self.data.zero_lines["s4"])
            return
        groups = ((self.o.review_total, self.o.review), (self.o.suits_total, self.o.suits))
        if self.s.side_by_side:
            half = (self.inner - self.s.caption * 1.5) / 2
            self.y += max(self.stacked(self.left + i * (half + self.s.caption * 1.5), half, *g)
                          for i, g in enumerate(groups))
        else:
            for g in groups:
                self.y += self.stacked(self.left, self.inner, *g)

    def footer(self) -> None:
        s = self.s
        self.y += s.small
        if self.p is not None:
            self.p.setPen(QPen(RAMP[3], 1))
            self.p.drawLine(QPointF(self.left, self.y), QPointF(self.left + self.inner, self.y))
        self.y += s.small * 0.6
        source = f"数据来源：{self.o.title}"
        self.y += self.text(QRectF(self.left, self.y, self.inner, 0), source, self.font("body", s.small), QUIET,
                            Qt.AlignmentFlag.AlignHCenter)
        self.y += s.margin * 0.6


def poster_height(data: PosterData, fonts: FontSet, style: Style) -> float:
    return Poster(data, fonts, style).run()


def paint_poster(painter: QPainter, data: PosterData, fonts: FontSet, style: Style) -> float:
    """Draw on a painter whose coordinates are design units (the caller sets the scale); returns the height."""
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    return Poster(data, fonts, style, painter).run()

