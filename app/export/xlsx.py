"""Excel (.xlsx) export: one sheet per official table in the printed layout, plus a flat 数据 sheet.

Totals are live formulas, so an upper office that corrects a number sees the totals follow. openpyxl stores no
computed results; the workbook asks Excel/WPS to calculate on open, and the 数据 sheet holds plain numbers so
machine readers never depend on that.
"""

from __future__ import annotations

import math
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.workbook.properties import CalcProperties
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.worksheet import Worksheet

from app import APP_NAME
from app.export import layout as L
from app.export.fonts import FontSet, default_fonts
from app.export.xlsx_print import fit_a4
from app.report.absence import ABSENT_MARK
from app.report.formats import Format
from app.report.model import Report, total_order
from app.report.numbers import plain_number

DATA_SHEET = "数据"
DATA_HEADER = ("单元格编号", "部分", "行", "列", "数值", "单位")
FIRST_GRID_ROW = 3  # row 1: the section heading, row 2: empty
_THIN = Side(style="thin", color="000000")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_MM_PER_CHAR = 2.0  # Excel column width unit ≈ one digit of the default font
_LINE_PT = 14.0


def _formula(parts: tuple[str, ...], where: dict[str, tuple[int, int]]) -> str:
    """=SUM(range) when the parts are one contiguous run of a row or column, else =A+B+…"""
    coords = [where[p] for p in parts]
    rows = {r for r, _ in coords}
    cols = {c for _, c in coords}
    if len(rows) == 1 and sorted(cols) == list(range(min(cols), max(cols) + 1)):
        r = rows.pop()
        return f"=SUM({get_column_letter(min(cols))}{r}:{get_column_letter(max(cols))}{r})"
    if len(cols) == 1 and sorted(rows) == list(range(min(rows), max(rows) + 1)):
        c = get_column_letter(cols.pop())
        return f"=SUM({c}{min(rows)}:{c}{max(rows)})"
    return "=" + "+".join(f"{get_column_letter(c)}{r}" for r, c in coords)


def _totals_as_formulas(report: Report) -> dict[str, tuple[str, ...]]:
    """Cells written as formulas: every total, unless the report keeps a stated total that disagrees with its
    parts (自动合计 off) — a formula would silently change what the office reported."""
    out = {}
    absent = report.absent_cells()
    for total in total_order(report.format):
        if absent and (total.cell in absent or not absent.keys().isdisjoint(total.parts)):
            continue  # a formula would add up the parts that are there: a wrong figure
        if not report.auto_total:
            stated = report.values.get(total.cell)
            parts = [report.values.get(p) for p in total.parts]
            if stated is None or stated != sum(v for v in parts if v is not None):
                continue
        out[total.cell] = total.parts
    return out


def _line_count(text: str, width_mm: float, size_pt: float) -> int:
    per_line = max(1, int((width_mm - 1) / (size_pt * L.MM_PER_PT)))
    return max(1, math.ceil(len(text) / per_line))


def _table_sheet(ws: Worksheet, report: Report, grid: L.TableLayout, heading: str, font_name: str,
                 where: dict[str, tuple[int, int]]) -> None:
    font = Font(name=font_name, size=L.TABLE_PT)
    ws.cell(1, 1, heading).font = Font(name=font_name, size=14, bold=True)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=grid.n_cols)
    lines = [1] * grid.n_rows
    for c in grid.cells:
        r, col = FIRST_GRID_ROW + c.row, 1 + c.col
        if c.role == "value" and c.cell_id:
            where[c.cell_id] = (r, col)
            value = report.values.get(c.cell_id)
            cell = ws.cell(r, col, c.text if c.text == ABSENT_MARK else plain_number(value))
            unit = L.value_text(value, "") and c.text[len(L.value_text(value)):]  # an explicit unit, if any
            if unit:
                cell.number_format = f'General"{unit}"'
        else:
            cell = ws.cell(r, col, c.text)
        cell.font = font
        cell.border = _BOX
        cell.alignment = Alignment(horizontal=c.align, vertical="center", wrap_text=True)
        width = sum(grid.col_widths_mm[c.col:c.col + c.colspan])
        need = _line_count(c.text, width, L.TABLE_PT)
        per_row = math.ceil(need / c.rowspan)
        for i in range(c.row, c.row + c.rowspan):
            lines[i] = max(lines[i], per_row)
        if c.rowspan > 1 or c.colspan > 1:
            for rr in range(r, r + c.rowspan):  # merged ranges keep the borders of the cells they cover
                for cc in range(col, col + c.colspan):
                    ws.cell(rr, cc).border = _BOX
            ws.merge_cells(start_row=r, start_column=col, end_row=r + c.rowspan - 1, end_column=col + c.colspan - 1)
    for i, n in enumerate(lines):
        ws.row_dimensions[FIRST_GRID_ROW + i].height = n * _LINE_PT + 4
    for i, w in enumerate(grid.col_widths_mm):
        ws.column_dimensions[get_column_letter(i + 1)].width = round(w / _MM_PER_CHAR, 1)
    _print_setup(ws, grid)


def _print_setup(ws: Worksheet, grid: L.TableLayout) -> None:
    fit_a4(ws, landscape=False, title_rows=None)
    ws.print_options.horizontalCentered = True
    mm = 1 / 25.4
    ws.page_margins = PageMargins(left=L.MARGIN_LEFT_MM * mm, right=L.MARGIN_RIGHT_MM * mm,
                                  top=L.MARGIN_TOP_MM * mm, bottom=L.MARGIN_BOTTOM_MM * mm)
    if grid.header_rows:
        ws.print_title_rows = f"{FIRST_GRID_ROW}:{FIRST_GRID_ROW + grid.header_rows - 1}"
    ws.print_area = f"A1:{get_column_letter(grid.n_cols)}{FIRST_GRID_ROW + grid.n_rows - 1}"


def _data_sheet(ws: Worksheet, report: Report) -> None:
    fmt: Format = report.format
    headings = {s.key: s.heading for s in fmt.sections}
    ws.append(DATA_HEADER)
    absent = report.absent_cells()
    for cid in fmt.cell_order:
        c = fmt.cells[cid]
        row = " › ".join([*c.row_path, c.row]) if c.row else ""
        column = " › ".join([*c.column_path, c.column])
        value = ABSENT_MARK if cid in absent else plain_number(report.values.get(cid))
        ws.append((cid, headings.get(c.table, c.table), row, column, value, report.units.get(cid, "")))
    for letter, width in zip("ABCDEF", (34, 30, 50, 40, 12, 8), strict=True):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = "A2"
    fit_a4(ws, landscape=True)


def build_workbook(report: Report, fonts: FontSet | None = None) -> Workbook:
    fonts = fonts or default_fonts()
    layout = L.build_layout(report)
    headings = {s.key: s.heading for s in report.format.sections}
    wb = Workbook()
    wb.remove(wb.active)
    where: dict[str, tuple[int, int]] = {}
    sheet_of: dict[str, Worksheet] = {}
    for grid in layout.tables:
        ws = wb.create_sheet(headings[grid.section][:31])
        _table_sheet(ws, report, grid, headings[grid.section], fonts.body, where)
        for c in grid.value_cells():
            sheet_of[c.cell_id or ""] = ws
    for cell_id, parts in _totals_as_formulas(report).items():
        r, c = where[cell_id]
        sheet_of[cell_id].cell(r, c).value = _formula(parts, where)
    _data_sheet(wb.create_sheet(DATA_SHEET), report)
    wb.calculation = CalcProperties(fullCalcOnLoad=True)
    wb.properties.title = report.title
    wb.properties.subject = f"{report.format.title}（{report.format.id}）"
    wb.properties.keywords = f"zwgk;{report.format.id};{report.year}"
    wb.properties.creator = APP_NAME
    return wb


def export_xlsx(report: Report, out: Path, fonts: FontSet | None = None) -> None:
    build_workbook(report, fonts).save(str(out))
