"""The one layout of the printed report, shared by every exporter and by Qt printing.

`build_layout(report)` turns a Report into plain data: the title lines, the headings and paragraphs, and each
official table as a grid of cells with their row/column spans, read from the format data (never from labels in
code). Word, Excel, HTML and the Qt print path only translate this data into their own medium, so the document a
clerk prints is the document they export.

Typography follows GB/T 9704-2012 (党政机关公文格式): A4, margins 37/35/28/26 mm, a 156 × 225 mm text block of
22 lines × 28 characters in 3号 (16 pt).
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, replace
from decimal import Decimal

from app.report.absence import ABSENT_MARK
from app.report.fields import render
from app.report.formats import Block, Format, Header, Table
from app.report.model import CONTACT_LEAD, Report, Value

# -- page and type (GB/T 9704-2012) -------------------------------------------------------------------------------
PAGE_WIDTH_MM, PAGE_HEIGHT_MM = 210.0, 297.0
MARGIN_TOP_MM, MARGIN_BOTTOM_MM, MARGIN_LEFT_MM, MARGIN_RIGHT_MM = 37.0, 35.0, 28.0, 26.0
TEXT_WIDTH_MM = PAGE_WIDTH_MM - MARGIN_LEFT_MM - MARGIN_RIGHT_MM  # 156
TEXT_HEIGHT_MM = PAGE_HEIGHT_MM - MARGIN_TOP_MM - MARGIN_BOTTOM_MM  # 225
TITLE_PT = 22.0  # 2号
BODY_PT = 16.0  # 3号
PAGE_NUMBER_PT = 14.0  # 4号
TABLE_PT = 10.5  # 五号: the official tables do not fit 156 mm in 3号
TABLE_SIZES_PT = (10.5, 9.0, 7.5)  # 五号, 小五, 六号: the first at which every table's figures fit whole
LINE_PITCH_PT = 28.95  # 22 lines in 225 mm, the value Word users type for GB/T 9704
CHARS_PER_LINE = 28  # GB/T 9704: 28 characters of 3号 in 156 mm (16 pt characters would give 27)
BODY_CONDENSE_PT = -0.25  # so 3号 characters are set 15.75 pt apart: 28 of them fill 441 of the line's 442 pt
TITLE_LINE_PT = 35.0  # a 2号 title needs more than the body pitch
TABLE_LINE_PT = 14.0  # at 五号; other table sizes keep the same proportion (table_line_pt)
TABLE_CELL_PADDING_MM = 0.7
# Column widths come from the content. A figure's digits are measured at 0.64 em, the widest digit of the faces a
# reader may end up with (DejaVu Sans, LibreOffice's stand-in for a missing 仿宋_GB2312, 0.636 em; 仿宋, 宋体 and
# Times New Roman 0.5 em), so a number never wraps whatever font the reader's machine substitutes.
FIGURE_EM = 0.64
MIN_FIGURE_DIGITS = 6  # number columns hold at least 123456 wherever the label columns can give the room
FIGURE_SLACK_MM = 0.4  # borders and rounding, on top of the paddings
LABEL_SLACK_MM = 0.5  # CJK labels are whole ems in every face; Qt rounds column shares down
GROUP_LABEL_CHARS = 3  # 三、本年度办理结果 and （三）不予公开 stand in narrow columns, three characters a line
MIN_LABEL_CHARS = 10  # the innermost row labels keep at least ten characters a line
MAX_LABEL_CHARS = 16
PAGE_NUMBER_GAP_MM = 7.0  # page number sits 7 mm below the text block
HEADER_MM = 15.0  # a page header (the draft mark) starts 15 mm from the top edge
PAGE_NUMBER_DASH = "—"  # "— 1 —": a 一字线 on each side
# A report imported from an incomplete source says so wherever it is printed (app/report/absence.py).
ABSENT_CELLS_NOTE = f"（表中“{ABSENT_MARK}”表示导入的原文中没有这个数字，请对照原始报告补填。）"
ABSENT_TEXT_NOTE = f"（{ABSENT_MARK}：导入的原文中没有这一部分，请补写。）"

MM_PER_PT = 25.4 / 72


def mm_to_pt(mm: float) -> float:
    return mm / MM_PER_PT


def table_line_pt(size_pt: float) -> float:
    return TABLE_LINE_PT * size_pt / TABLE_PT


def text_width_mm(text: str, size_pt: float) -> float:
    """The width `text` takes at `size_pt`: CJK and full-width characters one em, the rest FIGURE_EM."""
    ems = sum(1.0 if unicodedata.east_asian_width(ch) in "WF" else FIGURE_EM for ch in text)
    return ems * size_pt * MM_PER_PT


def cell_width_mm(text: str, size_pt: float, slack_mm: float = FIGURE_SLACK_MM) -> float:
    """The column width that shows `text` on one line: the text, both paddings and some slack."""
    return text_width_mm(text, size_pt) + 2 * TABLE_CELL_PADDING_MM + slack_mm


def _label_width_mm(chars: int, size_pt: float) -> float:
    return cell_width_mm("字" * chars, size_pt, LABEL_SLACK_MM)


def page_number_text(page: int) -> str:
    return f"{PAGE_NUMBER_DASH} {page} {PAGE_NUMBER_DASH}"


# -- the document -------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Paragraph:
    """kind: "heading1" (一、 黑体), "heading2" (（一） 楷体), "body" (仿宋, two-character indent), "blank" (an empty
    body line) or "signoff" (a 落款 line, flush right `right_em` body characters from the margin).
    A body paragraph may open with `lead`, an inline level-2 heading such as "（一）存在的主要问题。"."""

    kind: str
    text: str
    lead: str = ""
    right_em: float = 0.0


@dataclass(frozen=True)
class GridCell:
    """One cell of an official table as printed. role: "caption" (第二十条第（一）项), "header" (column headings and
    the corner note), "label" (row labels) or "value" (a number, cell_id set)."""

    row: int
    col: int
    text: str
    role: str
    rowspan: int = 1
    colspan: int = 1
    cell_id: str | None = None
    align: str = "center"  # "center" | "left"


@dataclass(frozen=True)
class TableLayout:
    section: str  # s2, s3, s4
    n_rows: int
    n_cols: int
    header_rows: int  # leading rows repeated on every page the table runs onto
    col_widths_mm: tuple[float, ...]
    cells: tuple[GridCell, ...]
    font_pt: float = TABLE_PT  # the table's type size: 五号 unless its figures need a smaller one to stay whole

    def rows(self) -> list[list[GridCell]]:
        out: list[list[GridCell]] = [[] for _ in range(self.n_rows)]
        for c in self.cells:
            out[c.row].append(c)
        for line in out:
            line.sort(key=lambda c: c.col)
        return out

    def value_cells(self) -> list[GridCell]:
        return [c for c in self.cells if c.role == "value"]


@dataclass(frozen=True)
class SignOff:
    """The 落款 of a report without a seal (GB/T 9704-2012 7.3.5.2): the agency, and under it the date, each line
    with its distance from the right margin in characters of the body size."""

    lines: tuple[tuple[str, float], ...]


@dataclass(frozen=True)
class DocumentLayout:
    title_lines: tuple[str, ...]
    items: tuple[Paragraph | TableLayout, ...]
    draft_mark: str = ""  # printed in every page header of a report exported although the checks found errors

    @property
    def tables(self) -> list[TableLayout]:
        return [i for i in self.items if isinstance(i, TableLayout)]


# -- numbers ------------------------------------------------------------------------------------------------------
def value_text(value: Value, unit: str = "") -> str:
    """How a value is printed: blank stays blank, decimals without trailing zeros, an explicit unit appended."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        text = format(value, "f")
        if "." in text:
            text = text.rstrip("0").rstrip(".")
        if text == "-0":
            text = "0"
    else:
        text = str(value)
    return text + unit


# -- text sections ------------------------------------------------------------------------------------------------
_LEVEL2 = re.compile(r"^（[一二三四五六七八九十]+）")
_LEAD_MAX = 30  # an inline heading is a short first sentence


def text_paragraphs(text: str) -> list[Paragraph]:
    """Split a text section into paragraphs; a line opening with （一）… is a level-2 heading, either alone on its
    line or as the short first sentence of a paragraph."""
    out: list[Paragraph] = []
    for raw in text.splitlines():
        line = raw.strip().replace("\u3000", " ").strip()
        if not line:
            continue
        if _LEVEL2.match(line):
            stop = line.find("。")
            if stop == -1 and len(line) <= _LEAD_MAX:
                out.append(Paragraph("heading2", line))
                continue
            if 0 < stop < _LEAD_MAX and stop < len(line) - 1:
                out.append(Paragraph("body", line[stop + 1:], lead=line[:stop + 1]))
                continue
        out.append(Paragraph("body", line))
    return out


# -- tables -------------------------------------------------------------------------------------------------------
def _leaf_count(h: Header) -> int:
    return 1 if h.is_leaf else sum(_leaf_count(c) for c in h.children)


def _label_depth(rows: tuple[Header, ...]) -> int:
    if all(not r.label for r in rows):
        return 0
    return max(r.depth() for r in rows)


def _column_spans(n_leaves: int, width: int) -> list[int]:
    """Spread a block's leaf columns over the table's value columns: a one-column block spans all of them."""
    base = width // n_leaves
    spans = [base] * n_leaves
    spans[-1] += width - base * n_leaves
    return spans


def _row_label_cells(rows: tuple[Header, ...], top: int, depth: int, align: str) -> list[GridCell]:
    cells: list[GridCell] = []

    def walk(h: Header, row: int, level: int) -> int:
        n = _leaf_count(h)
        if h.is_leaf:
            cells.append(GridCell(row, level, h.label, "label", colspan=depth - level, align=align))
        else:
            cells.append(GridCell(row, level, h.label, "label", rowspan=n, align=align))
            r = row
            for child in h.children:
                r += walk(child, r, level + 1)
        return n

    r = top
    for h in rows:
        r += walk(h, r, 0)
    return cells


def _column_header_cells(block: Block, top: int, left: int, spans: list[int]) -> list[GridCell]:
    height = block.column_depth()
    cells: list[GridCell] = []
    leaf_index = 0

    def walk(h: Header, col: int, level: int) -> int:
        nonlocal leaf_index
        if h.is_leaf:
            span = spans[leaf_index]
            leaf_index += 1
            cells.append(GridCell(top + level, col, h.label, "header", rowspan=height - level, colspan=span))
            return span
        width = 0
        for child in h.children:
            width += walk(child, col + width, level + 1)
        cells.append(GridCell(top + level, col, h.label, "header", colspan=width))
        return width

    col = left
    for h in block.columns:
        col += walk(h, col, 0)
    return cells


@dataclass(frozen=True)
class _Content:
    """What the column widths must hold: per value column the widest single-column figure, the longest leaf label."""

    n_label: int
    n_value: int
    figures: tuple[str, ...]  # the widest figure text of each value column ("" when all are blank)
    spanned: tuple[tuple[int, str], ...]  # (columns spanned, text) of value cells spanning several columns
    longest_label: int


def _value_need_mm(content: _Content, size_pt: float, digits: int) -> float:
    widest = max((cell_width_mm(f, size_pt) for f in content.figures), default=0.0)
    return max(widest, cell_width_mm("0" * digits, size_pt))


def _fit(content: _Content, size_pt: float) -> tuple[float, ...] | None:
    """Column widths filling the 156 mm text block at `size_pt`, or None when a figure would not stay whole.

    Number columns get their widest figure (at least MIN_FIGURE_DIGITS digits where label columns can give way);
    the innermost label column takes what is left, narrow group-label columns stand before it."""
    n_label, n_value = content.n_label, content.n_value
    if n_label == 0:
        share = TEXT_WIDTH_MM / n_value  # a table of figures only (四): the columns are what the page gives
        return (share,) * n_value if _fits_spans(content, size_pt, share, 1) else None
    natural_chars = min(content.longest_label + 1, MAX_LABEL_CHARS)
    least = _label_width_mm(min(natural_chars, MIN_LABEL_CHARS), size_pt)
    for group_chars in range(GROUP_LABEL_CHARS, 1, -1):
        groups = [_label_width_mm(group_chars, size_pt)] * (n_label - 1)
        natural = _label_width_mm(natural_chars, size_pt)
        value_w = max(_value_need_mm(content, size_pt, MIN_FIGURE_DIGITS),
                      (TEXT_WIDTH_MM - sum(groups) - natural) / n_value)
        last = TEXT_WIDTH_MM - sum(groups) - value_w * n_value
        if last >= least - 1e-6 and _fits_spans(content, size_pt, value_w, MIN_FIGURE_DIGITS):
            return (*groups, last, *(value_w,) * n_value)
    return None


def _fits_spans(content: _Content, size_pt: float, value_w: float, digits: int) -> bool:
    """Every figure fits its column, and every figure spanning columns (行政许可 …) its span."""
    if _value_need_mm(content, size_pt, digits if digits > 1 else 1) > value_w:
        return False
    return all(cell_width_mm(text, size_pt) <= value_w * span for span, text in content.spanned)


def _fit_sizes(content: _Content) -> tuple[float, tuple[float, ...]]:
    """The largest table size at which every figure fits, with its widths (the smallest size if none does)."""
    for size in TABLE_SIZES_PT:
        widths = _fit(content, size)
        if widths is not None:
            return size, widths
    size = TABLE_SIZES_PT[-1]  # figures beyond any column (13 digits in 四): the smallest size, widths as for none
    return size, _fit(replace(content, figures=(), spanned=()), size) or _fit(_Content(
        content.n_label, content.n_value, (), (), 0), size) or (TEXT_WIDTH_MM / (content.n_label + content.n_value),) * (
        content.n_label + content.n_value)


def _content(cells: list[GridCell], n_label: int, n_value: int, table: Table) -> _Content:
    figures = [""] * n_value
    spanned = []
    for c in cells:
        if c.role != "value" or not c.text:
            continue
        if c.colspan == 1:
            i = c.col - n_label
            if text_width_mm(c.text, 10) > text_width_mm(figures[i], 10):
                figures[i] = c.text
        else:
            spanned.append((c.colspan, c.text))
    labels = [r.label for b in table.blocks for r, _ in b.leaf_rows]
    return _Content(n_label, n_value, tuple(figures), tuple(spanned), max((len(t) for t in labels), default=0))


def table_layout(report: Report, table: Table, size_pt: float | None = None) -> TableLayout:
    """One official table as printed, at `size_pt` if its figures fit there, else at the largest size where they do."""
    fmt = report.format
    absent = report.absent_cells()
    n_label = max(_label_depth(b.rows) for b in table.blocks)
    n_value = max(len(b.leaf_columns) for b in table.blocks)
    cells: list[GridCell] = []
    row = 0
    header_rows = 0
    for block in table.blocks:
        if block.caption:
            cells.append(GridCell(row, 0, block.caption, "caption", colspan=n_label + n_value, align="left"))
            row += 1
        height = block.column_depth()
        if n_label:
            cells.append(GridCell(row, 0, block.row_header, "header", rowspan=height, colspan=n_label,
                                  align="left" if len(block.row_header) > 8 else "center"))
        spans = _column_spans(len(block.leaf_columns), n_value)
        cells.extend(_column_header_cells(block, row, n_label, spans))
        if len(table.blocks) == 1:
            header_rows = row + height  # captioned multi-block tables (Section 二) repeat nothing
        row += height
        if n_label:
            long_labels = any(len(r.label) > 8 for r, _ in block.leaf_rows)
            cells.extend(_row_label_cells(block.rows, row, n_label, "left" if long_labels else "center"))
        for line in block.cells:
            col = n_label
            for cell_id, span in zip(line, spans, strict=True):
                text = (ABSENT_MARK if cell_id in absent
                        else value_text(report.values.get(cell_id), _unit(report, fmt, cell_id)))
                cells.append(GridCell(row, col, text, "value", colspan=span, cell_id=cell_id))
                col += span
            row += 1
    content = _content(cells, n_label, n_value, table)
    widths = _fit(content, size_pt) if size_pt is not None else None
    size, widths = (size_pt, widths) if size_pt is not None and widths is not None else _fit_sizes(content)
    return TableLayout(section=table.section, n_rows=row, n_cols=n_label + n_value, header_rows=header_rows,
                       col_widths_mm=widths, cells=tuple(cells), font_pt=size)


def _unit(report: Report, fmt: Format, cell_id: str) -> str:
    if fmt.cells[cell_id].kind != "amount_with_unit":
        return ""
    return report.units.get(cell_id, "")


# -- the sign-off and the contact line ------------------------------------------------------------------------------
DRAFT_MARK = "草稿（未通过检查）"
_ISO_DATE = re.compile(r"^\s*(\d{4})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})\s*日?\s*$")


def sign_off_date(text: str) -> str:
    """编制日期 as GB/T 9704 writes a date: 2024年1月26日 (from 2024-01-26, 2024.1.26 …); other text as typed."""
    m = _ISO_DATE.match(text)
    if m is None:
        return text.strip()
    return f"{int(m.group(1))}年{int(m.group(2))}月{int(m.group(3))}日"


def _ems(text: str) -> float:
    """Width in body characters: CJK one, digits and Latin half (as in 仿宋 and 宋体)."""
    return sum(1.0 if unicodedata.east_asian_width(ch) in "WF" else 0.5 for ch in text)


def sign_off(agency: str, compiled_on: str) -> SignOff | None:
    """Agency two characters from the right margin, the date under it starting two characters further right;
    a date longer than that allows stands two from the margin and moves the agency left by as much."""
    agency, date = agency.strip(), sign_off_date(compiled_on)
    if not agency and not date:
        return None
    if not date:
        return SignOff(((agency, 2.0),))
    if not agency:
        return SignOff(((date, 2.0),))
    a, d = _ems(agency), _ems(date)
    if a - d >= 2:
        return SignOff(((agency, 2.0), (date, a - d)))
    return SignOff(((agency, 4 + d - a), (date, 2.0)))


def contact_paragraph(report: Report) -> Paragraph | None:
    """联系方式 where offices print it, at the end of the preamble; not repeated when the preamble names it."""
    contact = report.contact.strip().rstrip("。；;，,")
    if not contact or contact in report.texts.get("intro", ""):
        return None
    return Paragraph("body", f"{CONTACT_LEAD}{contact}。")


# -- the whole report ---------------------------------------------------------------------------------------------
def title_lines(report: Report) -> tuple[str, ...]:
    second = f"{report.year}年政府信息公开工作年度报告"
    agency = report.agency.strip()
    return (agency, second) if agency else (second,)


def build_layout(report: Report, draft: bool = False) -> DocumentLayout:
    """The printed report: title, preamble and contact, the six sections in format order with their text or table,
    the sign-off. Findings, dismissals and last year's figures are never part of it. `draft`: the checks found
    errors and the clerk exports anyway; every page says so."""
    fmt = report.format
    items: list[Paragraph | TableLayout] = list(text_paragraphs(render(report.texts.get("intro", ""), report)))
    contact = contact_paragraph(report)
    if contact is not None:
        items.append(contact)
    tables = {t.section: t for t in fmt.tables}
    absent_texts = report.absent_texts()
    # One type size for all tables, as a typist would set them: the smallest any table needs for whole figures.
    size = min((table_layout(report, t).font_pt for t in fmt.tables), default=TABLE_PT)
    for section in fmt.sections:
        items.append(Paragraph("heading1", section.heading))
        if section.kind == "table" and section.key in tables:
            grid = table_layout(report, tables[section.key], size)
            items.append(grid)
            if any(c.text == ABSENT_MARK for c in grid.value_cells()):
                items.append(Paragraph("body", ABSENT_CELLS_NOTE))
        elif section.key in absent_texts:
            items.append(Paragraph("body", ABSENT_TEXT_NOTE))
        else:
            items.extend(text_paragraphs(render(report.texts.get(section.key, ""), report)))  # fields as figures
    signed = sign_off(report.agency, report.compiled_on)
    if signed is not None:  # GB/T 9704: one empty line under the text, then the agency and the date
        items.append(Paragraph("blank", ""))
        items.extend(Paragraph("signoff", text, right_em=right) for text, right in signed.lines)
    return DocumentLayout(title_lines=title_lines(report), items=tuple(items), draft_mark=DRAFT_MARK if draft else "")


def split_table(grid: TableLayout, at: int) -> tuple[TableLayout, TableLayout]:
    """Cut a table before row `at` for a page break: the continuation repeats the header rows, and a label cell
    spanning the cut (三、本年度办理结果) is repeated with the rows left to it."""
    if not grid.header_rows <= at < grid.n_rows or at == 0:
        raise ValueError(f"cannot split a {grid.n_rows}-row table at row {at}")
    top: list[GridCell] = []
    bottom: list[GridCell] = []
    shift = at - grid.header_rows
    for c in grid.cells:
        end = c.row + c.rowspan
        if c.row < grid.header_rows:
            top.append(c)
            bottom.append(c)
        elif end <= at:
            top.append(c)
        elif c.row >= at:
            bottom.append(replace(c, row=c.row - shift))
        else:  # spans the cut
            top.append(replace(c, rowspan=at - c.row))
            bottom.append(replace(c, row=grid.header_rows, rowspan=end - at))
    return (replace(grid, n_rows=at, cells=tuple(top)),
            replace(grid, n_rows=grid.n_rows - shift, cells=tuple(bottom)))


def kept_rows(grid: TableLayout) -> list[range]:
    """Rows a page break must not separate: each captioned block of Section 二 (caption, headings, rows) — its
    headings are not repeated on the next page — and a whole table of one block (三, 四), whose spanning group
    labels a break would leave blank on the continuation (Word does not repeat them)."""
    starts = sorted({c.row for c in grid.cells if c.role == "caption"})
    if not starts:
        return [range(grid.n_rows)]
    ends = [*starts[1:], grid.n_rows]
    return [range(a, b) for a, b in zip(starts, ends, strict=True)]


def keep_with_caption(grid: TableLayout, at: int) -> int:
    """Move a cut up so that a Section 二 block stays whole (its caption and headings are printed once, above its
    rows), and a block's caption and column headings never end a page."""
    starts = [r for r in sorted({c.row for c in grid.cells if c.role == "caption"}) if r <= at]
    if starts:
        return starts[-1]
    roles = {c.row: c.role for c in grid.cells if c.col == 0}
    while at > grid.header_rows and roles.get(at - 1) in ("caption", "header"):
        at -= 1
    return at


# -- tables on pages without a layout engine (Word) ---------------------------------------------------------------
def row_lines(grid: TableLayout) -> list[int]:
    """Text lines each row needs, estimated from the column widths: a spanning cell's lines spread over its rows.
    Conservative (digits and Latin at FIGURE_EM), so a row is rather taller than it will print."""
    em_mm = grid.font_pt * MM_PER_PT
    lines = [1] * grid.n_rows
    for c in grid.cells:
        if c.role == "value":
            continue  # a figure is one line: its column was made wide enough
        room = sum(grid.col_widths_mm[c.col:c.col + c.colspan]) - 2 * TABLE_CELL_PADDING_MM - LABEL_SLACK_MM
        per_line = max(1, int(room / em_mm))
        need = max(1, math.ceil(text_width_mm(c.text, grid.font_pt) / em_mm / per_line - 1e-9))
        per_row = math.ceil(need / c.rowspan)
        for row in range(c.row, c.row + c.rowspan):
            lines[row] = max(lines[row], per_row)
    return lines


def row_heights_mm(grid: TableLayout) -> list[float]:
    """Printed height of each row: its lines, the cell paddings above and below, a hairline border."""
    line_mm = table_line_pt(grid.font_pt) * MM_PER_PT
    return [n * line_mm + TABLE_CELL_PADDING_MM + 0.2 for n in row_lines(grid)]


def _allowed_cuts(grid: TableLayout) -> list[int]:
    """Rows a table may be cut before: not inside the header, nor inside an inner group ((三)不予公开 …) whose label
    would be cut off its rows; the outermost group label (三、本年度办理结果) is repeated by split_table."""
    inner = [(c.row, c.row + c.rowspan) for c in grid.cells if c.role == "label" and c.col > 0 and c.rowspan > 1]
    return [r for r in range(grid.header_rows + 1, grid.n_rows) if not any(a < r < b for a, b in inner)]


def page_parts(grid: TableLayout, room_mm: float = TEXT_HEIGHT_MM - LINE_PITCH_PT * MM_PER_PT) -> list[TableLayout]:
    """A table of one block cut into parts that each fit a page (`room_mm` for the first, after its heading), at
    group boundaries and as evenly as possible, each part with the column headings and group labels again: Word
    repeats header rows but leaves a spanning label blank on the continuation page. One part when it fits."""
    if any(c.role == "caption" for c in grid.cells):
        return [grid]  # Section 二: blocks are kept whole one by one (kept_rows), each with its own headings
    heights = row_heights_mm(grid)
    if sum(heights) <= room_mm:
        return [grid]
    head = sum(heights[:grid.header_rows])
    best = None
    for at in _allowed_cuts(grid):
        top, rest = sum(heights[:at]), head + sum(heights[at:])
        if best is None or max(top, rest) < best[0]:
            best = (max(top, rest), at)
    if best is None:
        return [grid]
    top, rest = split_table(grid, best[1])
    if sum(row_heights_mm(top)) > room_mm and top.n_rows - top.header_rows > 1:
        return [*page_parts(top, room_mm), *page_parts(rest, TEXT_HEIGHT_MM)]
    return [top, *page_parts(rest, TEXT_HEIGHT_MM)]
