"""The one layout of the printed report, shared by every exporter and by Qt printing.

`build_layout(report)` turns a Report into plain data: the title lines, the headings and paragraphs, and each
official table as a grid of cells with their row/column spans, read from the format data (never from labels in
code). Word, Excel, HTML and the Qt print path only translate this data into their own medium, so the document a
clerk prints is the document they export.

Typography follows GB/T 9704-2012 (党政机关公文格式): A4, margins 37/35/28/26 mm, a 156 × 225 mm text block of
22 lines × 28 characters in 3号 (16 pt).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal

from app.report.absence import ABSENT_MARK
from app.report.fields import render
from app.report.formats import Block, Format, Header, Table
from app.report.model import Report, Value

# -- page and type (GB/T 9704-2012) -------------------------------------------------------------------------------
PAGE_WIDTH_MM, PAGE_HEIGHT_MM = 210.0, 297.0
MARGIN_TOP_MM, MARGIN_BOTTOM_MM, MARGIN_LEFT_MM, MARGIN_RIGHT_MM = 37.0, 35.0, 28.0, 26.0
TEXT_WIDTH_MM = PAGE_WIDTH_MM - MARGIN_LEFT_MM - MARGIN_RIGHT_MM  # 156
TEXT_HEIGHT_MM = PAGE_HEIGHT_MM - MARGIN_TOP_MM - MARGIN_BOTTOM_MM  # 225
TITLE_PT = 22.0  # 2号
BODY_PT = 16.0  # 3号
PAGE_NUMBER_PT = 14.0  # 4号
TABLE_PT = 10.5  # 五号: the official tables do not fit 156 mm in 3号
LINE_PITCH_PT = 28.95  # 22 lines in 225 mm, the value Word users type for GB/T 9704
TITLE_LINE_PT = 35.0  # a 2号 title needs more than the body pitch
TABLE_LINE_PT = 15.0
TABLE_CELL_PADDING_MM = 0.8
PAGE_NUMBER_GAP_MM = 7.0  # page number sits 7 mm below the text block
PAGE_NUMBER_DASH = "—"  # "— 1 —": a 一字线 on each side
# A report imported from an incomplete source says so wherever it is printed (app/report/absence.py).
ABSENT_CELLS_NOTE = f"（表中“{ABSENT_MARK}”表示导入的原文中没有这个数字，请对照原始报告补填。）"
ABSENT_TEXT_NOTE = f"（{ABSENT_MARK}：导入的原文中没有这一部分，请补写。）"

MM_PER_PT = 25.4 / 72


def mm_to_pt(mm: float) -> float:
    return mm / MM_PER_PT


def page_number_text(page: int) -> str:
    return f"{PAGE_NUMBER_DASH} {page} {PAGE_NUMBER_DASH}"


# -- the document -------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Paragraph:
    """kind: "heading1" (一、 黑体), "heading2" (（一） 楷体) or "body" (仿宋, two-character indent).
    A body paragraph may open with `lead`, an inline level-2 heading such as "（一）存在的主要问题。"."""

    kind: str
    text: str
    lead: str = ""


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
class DocumentLayout:
    title_lines: tuple[str, ...]
    items: tuple[Paragraph | TableLayout, ...]

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


def _widths(n_label: int, n_value: int) -> tuple[float, ...]:
    """Column widths filling the 156 mm text block: narrow group-label columns, the innermost label column takes
    what the numbers leave."""
    if n_label == 0:
        return (TEXT_WIDTH_MM / n_value,) * n_value
    value_w = 11.0 if n_value > 4 else min(40.0, (TEXT_WIDTH_MM - 36.0) / n_value)
    groups = [13.0 + 4.0 * i for i in range(n_label - 1)]
    last = TEXT_WIDTH_MM - value_w * n_value - sum(groups)
    return (*groups, last, *(value_w,) * n_value)


def table_layout(report: Report, table: Table) -> TableLayout:
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
    return TableLayout(section=table.section, n_rows=row, n_cols=n_label + n_value, header_rows=header_rows,
                       col_widths_mm=_widths(n_label, n_value), cells=tuple(cells))


def _unit(report: Report, fmt: Format, cell_id: str) -> str:
    if fmt.cells[cell_id].kind != "amount_with_unit":
        return ""
    return report.units.get(cell_id, "")


# -- the whole report ---------------------------------------------------------------------------------------------
def title_lines(report: Report) -> tuple[str, ...]:
    second = f"{report.year}年政府信息公开工作年度报告"
    agency = report.agency.strip()
    return (agency, second) if agency else (second,)


def build_layout(report: Report) -> DocumentLayout:
    """The printed report: title, preamble, the six sections in format order with their text or table.
    Findings, dismissals and last year's figures are never part of it."""
    fmt = report.format
    items: list[Paragraph | TableLayout] = list(text_paragraphs(render(report.texts.get("intro", ""), report)))
    tables = {t.section: t for t in fmt.tables}
    absent_texts = report.absent_texts()
    for section in fmt.sections:
        items.append(Paragraph("heading1", section.heading))
        if section.kind == "table" and section.key in tables:
            grid = table_layout(report, tables[section.key])
            items.append(grid)
            if any(c.text == ABSENT_MARK for c in grid.value_cells()):
                items.append(Paragraph("body", ABSENT_CELLS_NOTE))
        elif section.key in absent_texts:
            items.append(Paragraph("body", ABSENT_TEXT_NOTE))
        else:
            items.extend(text_paragraphs(render(report.texts.get(section.key, ""), report)))  # fields as figures
    return DocumentLayout(title_lines=title_lines(report), items=tuple(items))


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


def keep_with_caption(grid: TableLayout, at: int) -> int:
    """Move a cut up so that a block caption and its column headings stay with the block's first row."""
    roles = {c.row: c.role for c in grid.cells if c.col == 0}
    while at > grid.header_rows and roles.get(at - 1) in ("caption", "header"):
        at -= 1
    return at
