"""Printing, print preview and PDF: the shared report layout (app.export.layout) typeset with QTextDocument.

The layout is the one the Word export uses, so the printed pages carry the same headings, fonts, tables and
"— 1 —" page numbers (odd pages right, even pages left). Pagination is done here rather than by
QTextDocument.print(), which knows neither GB/T 9704 margins nor odd/even page numbers.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QGuiApplication,
    QKeySequence,
    QPageLayout,
    QPageSize,
    QPainter,
    QTextBlock,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextFrameFormat,
    QTextLength,
    QTextTable,
    QTextTableCellFormat,
    QTextTableFormat,
)
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrinterInfo, QPrintPreviewWidget
from PySide6.QtWidgets import QDialog, QLabel, QMainWindow, QMessageBox, QToolBar, QVBoxLayout, QWidget

from app import APP_NAME
from app.export import layout as L
from app.export import write_atomically
from app.export.fonts import FontSet, default_fonts
from app.report.model import Report
from ui.shared.text_layer import DrawnText, repair_pdf

# Line heights, borders and paddings are given in 96-dpi pixels and scaled to the device by the layout; text indents
# are taken in device pixels as they are (both measured on a 1200-dpi PDF).
_QT_DPI = 96.0
_ALIGN = {"center": Qt.AlignmentFlag.AlignHCenter, "left": Qt.AlignmentFlag.AlignLeft}
DRAFT_COLOR = "#c00000"


def ensure_gui_app() -> QGuiApplication:
    """Fonts and QPrinter need a GUI application object; the command line has none (and maybe no display)."""
    app = QGuiApplication.instance()
    if app is None:
        if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QGuiApplication([sys.argv[0] if sys.argv else APP_NAME])
    return app  # type: ignore[return-value]


def _px(pt: float) -> float:
    return pt * _QT_DPI / 72


def _char_format(fonts: FontSet, family: str, size_pt: float, bold: bool = False) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setFontFamilies(fonts.families(family))
    fmt.setFontPointSize(size_pt)
    fmt.setFontWeight(QFont.Weight.Bold if bold else QFont.Weight.Normal)
    return fmt


def _block_format(line_pt: float, indent_px: float = 0.0,
                  align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignJustify) -> QTextBlockFormat:
    fmt = QTextBlockFormat()
    fmt.setAlignment(align)
    fmt.setLineHeight(_px(line_pt), QTextBlockFormat.LineHeightTypes.FixedHeight.value)
    fmt.setTextIndent(indent_px)
    fmt.setTopMargin(0)
    fmt.setBottomMargin(0)
    return fmt


@dataclass
class _Piece:
    item: L.Paragraph | L.TableLayout
    break_before: bool = False
    continued: bool = False  # the rest of a paragraph cut at a page end: no first-line indent


class ReportTypesetter:
    """Builds the QTextDocument of a report for one paint device and paints it page by page.

    QTextDocument splits table rows across pages and leaves a heading alone at the foot of a page; Word does
    neither (w:cantSplit, keep-with-next). So the document is laid out, checked, and rebuilt with a page break
    before the offending heading or table row until every page is clean."""

    MAX_PASSES = 40

    def __init__(self, report: Report, fonts: FontSet | None = None, draft: bool = False) -> None:
        self.layout = L.build_layout(report, draft)
        self.fonts = fonts or default_fonts()
        self.title = report.title
        self.dpi = 72.0

    def _dev(self, pt: float) -> float:
        """Points to pixels of the device being typeset for."""
        return pt / 72 * self.dpi

    # -- building the document ------------------------------------------------------------------------------------
    def _build(self, pieces: list[_Piece]) -> tuple[QTextDocument, list[object]]:
        """The document, and per piece its anchor: the QTextBlock of a paragraph or the QTextTable of a table."""
        doc = QTextDocument()
        doc.setDocumentMargin(0)
        doc.setUndoRedoEnabled(False)
        cursor = QTextCursor(doc)
        f = self.fonts
        title_char = _char_format(f, f.title, L.TITLE_PT, f.title_bold)
        title_block = _block_format(L.TITLE_LINE_PT, align=Qt.AlignmentFlag.AlignHCenter)
        for i, line in enumerate(self.layout.title_lines):
            if i == 0:
                cursor.setBlockFormat(title_block)
            else:
                cursor.insertBlock(title_block)
            cursor.insertText(line, title_char)
        cursor.insertBlock(_block_format(L.LINE_PITCH_PT), _char_format(f, f.body, L.BODY_PT))  # one empty line
        anchors: list[object] = []
        for piece in pieces:
            if isinstance(piece.item, L.TableLayout):
                anchors.append(self._table(cursor, piece.item, piece.break_before))
            else:
                anchors.append(self._paragraph(cursor, piece.item, piece.break_before, piece.continued))
        return doc, anchors

    def _body_format(self, family: str) -> QTextCharFormat:
        """3号 text set on the GB/T 9704 grid: 28 characters in the 156 mm line (16 pt characters would give 27)."""
        fmt = _char_format(self.fonts, family, L.BODY_PT)
        fmt.setFontLetterSpacingType(QFont.SpacingType.AbsoluteSpacing)
        fmt.setFontLetterSpacing(_px(L.BODY_CONDENSE_PT))
        return fmt

    def _paragraph(self, cursor: QTextCursor, item: L.Paragraph, break_before: bool, continued: bool) -> QTextBlock:
        f = self.fonts
        family = {"heading1": f.heading1, "heading2": f.heading2}.get(item.kind, f.body)
        indented = item.kind in ("body", "heading1", "heading2") and not continued
        block = _block_format(L.LINE_PITCH_PT, indent_px=self._dev(2 * L.BODY_PT) if indented else 0.0)  # 首行缩进 2 字符
        if item.kind == "signoff":
            block.setAlignment(Qt.AlignmentFlag.AlignRight)
            block.setRightMargin(self._dev(item.right_em * L.BODY_PT))
        if break_before:
            block.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
        cursor.insertBlock(block, self._body_format(family))
        if item.lead:
            cursor.insertText(item.lead, self._body_format(f.heading2))
        cursor.insertText(item.text, self._body_format(family))
        return cursor.block()

    def _table(self, cursor: QTextCursor, grid: L.TableLayout, break_before: bool) -> QTextTable:
        fmt = QTextTableFormat()
        fmt.setBorder(_px(0.5))
        fmt.setBorderStyle(QTextFrameFormat.BorderStyle.BorderStyle_Solid)
        fmt.setBorderCollapse(True)
        fmt.setCellSpacing(0)
        fmt.setCellPadding(_px(L.mm_to_pt(L.TABLE_CELL_PADDING_MM)))
        fmt.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        fmt.setWidth(QTextLength(QTextLength.Type.PercentageLength, 100))
        total = sum(grid.col_widths_mm)
        fmt.setColumnWidthConstraints([QTextLength(QTextLength.Type.PercentageLength, w / total * 100)
                                       for w in grid.col_widths_mm])
        fmt.setHeaderRowCount(grid.header_rows)
        # A table needs a block of its own to sit after; keep it one pixel high so it adds no visible space.
        anchor = _block_format(0.75)
        if break_before:
            anchor.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
        cursor.insertBlock(anchor)
        table = cursor.insertTable(grid.n_rows, grid.n_cols, fmt)
        for c in grid.cells:
            if c.rowspan > 1 or c.colspan > 1:
                table.mergeCells(c.row, c.col, c.rowspan, c.colspan)
        char = _char_format(self.fonts, self.fonts.body, grid.font_pt)
        for c in grid.cells:
            cell = table.cellAt(c.row, c.col)
            cell_fmt = QTextTableCellFormat()
            cell_fmt.setVerticalAlignment(QTextCharFormat.VerticalAlignment.AlignMiddle)
            cell_fmt.setBorder(_px(0.5))  # collapsed borders are drawn from the cells' own borders
            cell_fmt.setBorderBrush(QColor("black"))
            cell_fmt.setBorderStyle(QTextFrameFormat.BorderStyle.BorderStyle_Solid)
            cell.setFormat(cell_fmt)
            cur = cell.firstCursorPosition()
            cur.setBlockFormat(_block_format(L.table_line_pt(grid.font_pt), align=_ALIGN[c.align]))
            cur.insertText(c.text, char)
        cursor.movePosition(QTextCursor.MoveOperation.End)
        return table

    # -- pagination -----------------------------------------------------------------------------------------------
    def typeset(self, device: QPrinter, page_width: float, page_height: float) -> QTextDocument:
        """Lay the report out on pages of the given size (device pixels), headings kept with what follows and
        table rows kept whole."""
        self.dpi = device.resolution()
        pieces = [_Piece(item) for item in self.layout.items]
        for _ in range(self.MAX_PASSES):
            doc, anchors = self._build(pieces)
            doc.documentLayout().setPaintDevice(device)
            doc.setPageSize(QSizeF(page_width, page_height))
            if not self._fix_first_bad_break(doc, pieces, anchors, page_height):
                return doc
        return doc

    def _fix_first_bad_break(self, doc: QTextDocument, pieces: list[_Piece], anchors: list[object],
                             page: float) -> bool:
        layout = doc.documentLayout()

        def page_of(y: float) -> int:
            return int(y // page)

        def top_of(i: int) -> float:
            anchor = anchors[i]
            if isinstance(anchor, QTextTable):
                return layout.blockBoundingRect(anchor.cellAt(0, 0).firstCursorPosition().block()).top()
            return layout.blockBoundingRect(anchor).top()  # type: ignore[arg-type]

        def page_at(i: int) -> int:
            """The page piece i starts on. A text line straddling a page end is drawn on the next page, so a line
            counts where its bottom is."""
            anchor = anchors[i]
            if isinstance(anchor, QTextTable):
                return page_of(top_of(i) + 1)
            first = anchor.layout().lineAt(0)  # type: ignore[union-attr]
            return page_of(top_of(i) + first.y() + first.height() - 1)

        for i, piece in enumerate(pieces):
            item = piece.item
            if isinstance(item, L.Paragraph):
                cut = self._page_end_in(anchors[i], top_of(i), page_of)  # type: ignore[arg-type]
                if cut is not None:
                    pieces[i:i + 1] = self._split_paragraph(piece, cut)
                    return True
                if (item.kind in ("heading1", "heading2") and i + 1 < len(pieces) and not piece.break_before
                        and page_at(i) != page_at(i + 1)):
                    piece.break_before = True  # a heading never ends a page: it goes over with what follows,
                    pieces[i + 1].break_before = False  # which starts right under it (a 二级标题 or table moved before)
                    return True
                if (item.kind in ("blank", "signoff") and i > 0 and not pieces[i - 1].break_before
                        and page_at(i) != page_at(i - 1)):
                    pieces[i - 1].break_before = True  # the 落款 never starts a page: the text's last lines go along
                    return True
                continue
            bad = self._first_split_row(layout, anchors[i], item, page_of)  # type: ignore[arg-type]
            if bad is None:
                continue
            at = L.keep_with_caption(item, bad)
            if at <= max(item.header_rows, 0) or at == 0:
                if piece.break_before:
                    continue  # already at the top of a page: nothing better to do
                piece.break_before = True
            else:
                top, rest = L.split_table(item, at)
                pieces[i:i + 1] = [_Piece(top, piece.break_before), _Piece(rest, True)]
            return True
        return False

    @staticmethod
    def _page_end_in(block: QTextBlock, top: float, page_of) -> int | None:
        """Where a paragraph running onto the next page continues (a text position), or None.

        Qt draws one line above the clip rectangle of each page, so a paragraph running across pages leaves its
        last line as invisible text at the top of the next page (pdftotext and copy-paste see it twice). Cutting
        such paragraphs at the page end into two blocks avoids that."""
        lines = block.layout()

        def page(k: int) -> int:  # where line k is drawn: the page its bottom is on
            line = lines.lineAt(k)
            return page_of(top + line.y() + line.height() - 1)

        for k in range(1, lines.lineCount()):
            if page(k) != page(k - 1):
                return lines.lineAt(k).textStart()
        return None

    @staticmethod
    def _split_paragraph(piece: _Piece, at: int) -> list[_Piece]:
        item = piece.item
        assert isinstance(item, L.Paragraph)
        lead, text = item.lead, item.text
        if at <= len(lead):  # the cut falls inside an inline heading: keep it whole on the next page
            return [_Piece(item, True, piece.continued)]
        first = L.Paragraph(item.kind, text[:at - len(lead)], lead)
        rest = L.Paragraph(item.kind, text[at - len(lead):])
        return [_Piece(first, piece.break_before, piece.continued), _Piece(rest, False, True)]

    @staticmethod
    def _first_split_row(layout, table: QTextTable, grid: L.TableLayout, page_of) -> int | None:
        """The first row whose cells do not all sit on one page (every row has single-row value cells)."""
        bottoms: dict[int, float] = {}
        tops: dict[int, float] = {}
        for c in grid.cells:
            if c.rowspan != 1:
                continue
            cell = table.cellAt(c.row, c.col)
            first = layout.blockBoundingRect(cell.firstCursorPosition().block())
            last = layout.blockBoundingRect(cell.lastCursorPosition().block())
            tops[c.row] = min(tops.get(c.row, first.top()), first.top())
            bottoms[c.row] = max(bottoms.get(c.row, last.bottom()), last.bottom())
        for row in range(grid.n_rows):
            if row in tops and page_of(tops[row] + 1) != page_of(bottoms[row] - 1):
                return row
            if row > 0 and row in tops and (row - 1) in bottoms and page_of(bottoms[row - 1] - 1) != page_of(tops[row] + 1):
                # Qt pushed this row's text to the next page but its cell borders start on the previous one
                return row if row >= grid.header_rows else 0
        return None

    # -- painting -------------------------------------------------------------------------------------------------
    def paint(self, printer: QPrinter) -> int:
        """Typeset onto `printer` (a real printer, the preview or a PDF file), honouring a page range chosen in
        the print dialog. Returns the number of pages painted."""
        printer.setFullPage(True)
        printer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                          QMarginsF(0, 0, 0, 0)))
        printer.setDocName(self.title)
        printer.setCreator(APP_NAME)
        dpi = printer.resolution()

        def dev(mm: float) -> float:
            return mm / 25.4 * dpi

        width, height = dev(L.TEXT_WIDTH_MM), dev(L.TEXT_HEIGHT_MM)
        doc = self.typeset(printer, width, height)
        pages = doc.pageCount()
        drawn = doc.toPlainText() + "".join(L.page_number_text(n) for n in range(1, pages + 1)) + self.layout.draft_mark
        painter = QPainter()
        if not painter.begin(printer):
            raise OSError("无法开始打印（打印机不可用或 PDF 文件无法写入）")
        try:
            number_font = QFont()
            number_font.setFamilies(self.fonts.families(self.fonts.page_number))
            number_font.setPointSizeF(L.PAGE_NUMBER_PT)
            first_page, last_page = 1, pages
            if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
                first_page, last_page = printer.fromPage(), min(printer.toPage() or pages, pages)
            for page in range(first_page - 1, last_page):
                if page > first_page - 1:
                    printer.newPage()
                painter.save()
                painter.translate(dev(L.MARGIN_LEFT_MM), dev(L.MARGIN_TOP_MM) - page * height)
                doc.drawContents(painter, QRectF(0, page * height, width, height))
                painter.restore()
                self._page_number(painter, page + 1, number_font, dev)
                if self.layout.draft_mark:
                    self._draft_header(painter, dev)
        finally:
            painter.end()
        if printer.outputFormat() == QPrinter.OutputFormat.PdfFormat and printer.outputFileName():
            # a PDF file (export, or 打印 to a PDF printer): make its text searchable
            repair_pdf(Path(printer.outputFileName()), DrawnText(self.fonts, drawn))
        return last_page - first_page + 1

    def _draft_header(self, painter: QPainter, dev) -> None:
        """页眉 “草稿（未通过检查）”, where Word puts its header: the report had errors when it was printed."""
        font = QFont()
        font.setFamilies(self.fonts.families(self.fonts.heading1))
        font.setPointSizeF(L.PAGE_NUMBER_PT)
        font.setBold(True)
        painter.save()
        painter.setFont(font)
        painter.setPen(QColor(DRAFT_COLOR))
        box = QRectF(dev(L.MARGIN_LEFT_MM), dev(L.HEADER_MM), dev(L.TEXT_WIDTH_MM), dev(10))
        painter.drawText(box, int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop), self.layout.draft_mark)
        painter.restore()

    @staticmethod
    def _page_number(painter: QPainter, number: int, font: QFont, dev) -> None:
        painter.setFont(font)
        one_char = dev(L.PAGE_NUMBER_PT * L.MM_PER_PT)
        top = dev(L.MARGIN_TOP_MM + L.TEXT_HEIGHT_MM + L.PAGE_NUMBER_GAP_MM)
        box = QRectF(dev(L.MARGIN_LEFT_MM) + one_char, top, dev(L.TEXT_WIDTH_MM) - 2 * one_char, one_char * 1.6)
        align = Qt.AlignmentFlag.AlignRight if number % 2 else Qt.AlignmentFlag.AlignLeft
        painter.drawText(box, int(align | Qt.AlignmentFlag.AlignTop), L.page_number_text(number))


def pdf_printer(out: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    return printer


def export_pdf(report: Report, out: Path, fonts: FontSet | None = None, draft: bool = False) -> int:
    """Write the report as a PDF (A4, GB/T 9704). Returns the number of pages. `draft`: see app.export."""
    ensure_gui_app()
    setter = ReportTypesetter(report, fonts, draft)
    pages = 0

    def write(tmp: Path) -> None:
        nonlocal pages
        pages = setter.paint(pdf_printer(tmp))

    write_atomically(Path(out), write)
    return pages


# -- printing from the window ---------------------------------------------------------------------------------------
def default_printer() -> QPrinter | None:
    """The system's default printer, or None when none is installed (Qt would silently print to a PDF)."""
    info = QPrinterInfo.defaultPrinter()
    if info.isNull():
        return None
    return QPrinter(info, QPrinter.PrinterMode.HighResolution)


class PrintPreviewDialog(QDialog):
    """The printed pages as they will come out, with 打印 going straight to the default printer."""

    def __init__(self, report: Report, fonts: FontSet | None = None, parent: QWidget | None = None,
                 draft: bool = False) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"打印预览 — {report.title}")
        self.setter = ReportTypesetter(report, fonts, draft)
        self.report = report
        self.printed_pages = 0
        self.preview_printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        self.preview = QPrintPreviewWidget(self.preview_printer, self)
        self.preview.paintRequested.connect(self.setter.paint)
        self.toolbar = toolbar = QToolBar(self)
        self.print_action = toolbar.addAction("打印")
        self.print_action.setToolTip("用默认打印机打印全部页面")
        self.print_action.setShortcut(QKeySequence.StandardKey.Print)
        self.print_action.triggered.connect(self.print_to_default)
        self.choose_action = toolbar.addAction("选择打印机…")
        self.choose_action.triggered.connect(self.print_with_dialog)
        toolbar.addSeparator()
        toolbar.addAction("放大").triggered.connect(lambda: self.preview.zoomIn())
        toolbar.addAction("缩小").triggered.connect(lambda: self.preview.zoomOut())
        toolbar.addAction("整页").triggered.connect(self.preview.fitInView)
        toolbar.addAction("页宽").triggered.connect(self.preview.fitToWidth)
        toolbar.addSeparator()
        toolbar.addAction("关闭").triggered.connect(self.reject)
        self.pages_label = QLabel(self)
        self.preview.previewChanged.connect(self._update_pages)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(toolbar)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.pages_label)
        self.resize(900, 1000)

    def _update_pages(self) -> None:
        self.pages_label.setText(f"  共 {self.preview.pageCount()} 页，A4 纵向")

    def print_to_default(self) -> None:
        printer = default_printer()
        if printer is None:
            QMessageBox.warning(self, "没有打印机", "这台电脑没有设置默认打印机。请先在系统设置中添加打印机，"
                                                   "或使用“选择打印机…”，也可以导出为 PDF 后再打印。")
            return
        self._print(printer)

    def print_with_dialog(self) -> None:
        printer = ask_printer(self, self.report)
        if printer is not None:
            self._print(printer)
            if self.printed_pages:
                tell_where_printed(self.parentWidget(), printer)

    def _print(self, printer: QPrinter) -> None:
        try:
            self.printed_pages = self.setter.paint(printer)
        except OSError as exc:
            QMessageBox.critical(self, "打印失败", f"打印没有完成：{exc}")
            return
        self.accept()


def ask_printer(parent: QWidget | None, report: Report) -> QPrinter | None:
    """The system print dialog (printer, copies, pages). Printing to a PDF file suggests the report's name for it
    (Qt's dialog on Linux, Microsoft Print to PDF on Windows both take the document name). None: cancelled."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(report.title)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle("打印")
    return printer if dialog.exec() == QDialog.DialogCode.Accepted else None


def tell_where_printed(window: QWidget | None, printer: QPrinter) -> None:
    """Printed into a PDF file: say where it went, on the window's status bar."""
    if printer.outputFormat() == QPrinter.OutputFormat.PdfFormat and isinstance(window, QMainWindow):
        window.statusBar().showMessage(f"已打印为 PDF 文件：{printer.outputFileName()}", 15_000)


def print_report(parent: QWidget | None, report: Report, fonts: FontSet | None = None, draft: bool = False) -> int:
    """Ctrl+P: the system print dialog, then print. Returns the pages printed (0: cancelled)."""
    printer = ask_printer(parent, report)
    if printer is None:
        return 0
    try:
        pages = ReportTypesetter(report, fonts, draft).paint(printer)
    except OSError as exc:
        QMessageBox.critical(parent, "打印失败", f"打印没有完成：{exc}")
        return 0
    tell_where_printed(parent, printer)
    return pages
