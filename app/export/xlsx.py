"""Excel (.xlsx) export: one sheet per official table in the printed layout, plus a flat 数据 sheet.

Totals are live formulas, so an upper office that corrects a number sees the totals follow; each formula also
carries its computed value (xlsx_results.py), because a phone preview, Protected View and many viewers show what is
stored and never calculate. The sheets are protected without a password: the figures a clerk typed can be changed,
a total cannot be overwritten by accident, and 撤销工作表保护 gives everything back.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.workbook.properties import CalcProperties
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.worksheet import Worksheet

from app import APP_NAME
from app.export import layout as L
from app.export.fonts import FontSet, default_fonts
from app.export.xlsx_print import fit_a4, header_and_footer
from app.export.xlsx_results import store_results
from app.report.absence import ABSENT_MARK
from app.report.formats import Format
from app.report.model import Report, total_order
from app.report.numbers import plain_number

DATA_SHEET = "数据"
DATA_HEADER = ("单元格编号", "部分", "行", "列", "数值", "单位")
FIRST_GRID_ROW = 3  # row 1: the report's title, row 2: the section heading
_THIN = Side(style="thin", color="000000")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_MM_PER_CHAR = 1.85  # Excel's column width unit: one digit of the default font (Calibri 11, 7 px at 96 dpi)
_COLUMN_PAD_PX = 5
_COUNT_FORMAT = "0"  # whole numbers as written: never 1E+05, never a thousands separator the clerk did not type
_UNLOCKED = Protection(locked=False)


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


def _column_width(mm: float) -> float:
    """Excel's width in characters for a column `mm` wide (pixels = 7 × width + 5)."""
    return round((mm / 25.4 * 96 - _COLUMN_PAD_PX) / 7, 2)


def _title_rows(ws: Worksheet, title: str, heading: str, n_cols: int, font_name: str, draft_mark: str) -> None:
    """Row 1 names the report (agency and year), row 2 the section: a sheet read on its own says whose it is."""
    first = f"{title}　{draft_mark}" if draft_mark else title
    color = "C00000" if draft_mark else "000000"
    for row, text, size in ((1, first, 14), (2, heading, 12)):
        cell = ws.cell(row, 1, text)
        cell.font = Font(name=font_name, size=size, bold=True, color=color if row == 1 else "000000")
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=n_cols)
        ws.row_dimensions[row].height = 22


def _table_sheet(ws: Worksheet, report: Report, grid: L.TableLayout, heading: str, font_name: str,
                 where: dict[str, tuple[int, int]]) -> None:
    font = Font(name=font_name, size=grid.font_pt)
    for c in grid.cells:
        r, col = FIRST_GRID_ROW + c.row, 1 + c.col
        if c.role == "value" and c.cell_id:
            where[c.cell_id] = (r, col)
            value = report.values.get(c.cell_id)
            cell = ws.cell(r, col, c.text if c.text == ABSENT_MARK else plain_number(value))
            cell.protection = _UNLOCKED  # what the clerk typed may be corrected; totals are locked below
            unit = L.value_text(value, "") and c.text[len(L.value_text(value)):]  # an explicit unit, if any
            if unit:
                cell.number_format = f'General"{unit}"'
            elif isinstance(cell.value, int):
                cell.number_format = _COUNT_FORMAT
        else:
            cell = ws.cell(r, col, c.text)
        cell.font = font
        cell.border = _BOX
        cell.alignment = Alignment(horizontal=c.align, vertical="center", wrap_text=c.role != "value")
        if c.rowspan > 1 or c.colspan > 1:
            for rr in range(r, r + c.rowspan):  # merged ranges keep the borders of the cells they cover
                for cc in range(col, col + c.colspan):
                    ws.cell(rr, cc).border = _BOX
            ws.merge_cells(start_row=r, start_column=col, end_row=r + c.rowspan - 1, end_column=col + c.colspan - 1)
    line_pt = L.table_line_pt(grid.font_pt)
    for i, n in enumerate(L.row_lines(grid)):
        ws.row_dimensions[FIRST_GRID_ROW + i].height = n * line_pt + 4
    for i, w in enumerate(grid.col_widths_mm):
        ws.column_dimensions[get_column_letter(i + 1)].width = _column_width(w)


def _print_setup(ws: Worksheet, grid: L.TableLayout, report: Report, heading: str, draft_mark: str) -> None:
    fit_a4(ws, landscape=False, title_rows=None)
    ws.print_options.horizontalCentered = True
    mm = 1 / 25.4
    ws.page_margins = PageMargins(left=L.MARGIN_LEFT_MM * mm, right=L.MARGIN_RIGHT_MM * mm,
                                  top=L.MARGIN_TOP_MM * mm, bottom=L.MARGIN_BOTTOM_MM * mm,
                                  header=15 * mm, footer=(L.MARGIN_BOTTOM_MM - 10) * mm)
    if grid.header_rows:
        ws.print_title_rows = f"{FIRST_GRID_ROW}:{FIRST_GRID_ROW + grid.header_rows - 1}"
    ws.print_area = f"A1:{get_column_letter(grid.n_cols)}{FIRST_GRID_ROW + grid.n_rows - 1}"
    header_and_footer(ws, f"{report.title}　{heading}", draft_mark)


def _protect(ws: Worksheet) -> None:
    """Sheet protection without a password: locked cells (labels, totals) cannot be typed over, columns and rows
    can still be resized, and 撤销工作表保护 needs no password."""
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
    ws.protection.formatCells = False


def _data_sheet(ws: Worksheet, report: Report, draft_mark: str) -> None:
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
    for letter, width in zip("ABCDEF", (34, 30, 50, 40, 14, 8), strict=True):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = "A2"
    fit_a4(ws, landscape=True)
    header_and_footer(ws, f"{report.title}　数据", draft_mark)


def build_workbook(report: Report, fonts: FontSet | None = None,
                   draft: bool = False) -> tuple[Workbook, dict[int, dict[str, int | float]]]:
    """The workbook, and per sheet index the computed value of each formula cell (for store_results)."""
    fonts = fonts or default_fonts()
    layout = L.build_layout(report, draft)
    headings = {s.key: s.heading for s in report.format.sections}
    wb = Workbook()
    wb.remove(wb.active)
    where: dict[str, tuple[int, int]] = {}
    sheet_of: dict[str, int] = {}
    for index, grid in enumerate(layout.tables):
        heading = headings[grid.section]
        ws = wb.create_sheet(heading[:31])
        _title_rows(ws, report.title, heading, grid.n_cols, fonts.body, layout.draft_mark)
        _table_sheet(ws, report, grid, heading, fonts.body, where)
        _print_setup(ws, grid, report, heading, layout.draft_mark)
        _protect(ws)
        for c in grid.value_cells():
            sheet_of[c.cell_id or ""] = index
    results: dict[int, dict[str, int | float]] = {}
    for cell_id, parts in _totals_as_formulas(report).items():
        r, c = where[cell_id]
        ws = wb.worksheets[sheet_of[cell_id]]
        cell = ws.cell(r, c)
        cell.value = _formula(parts, where)
        cell.protection = Protection(locked=True)
        results.setdefault(sheet_of[cell_id], {})[cell.coordinate] = plain_number(report.values.get(cell_id) or 0)
    _data_sheet(wb.create_sheet(DATA_SHEET), report, layout.draft_mark)
    wb.calculation = CalcProperties(fullCalcOnLoad=True)
    wb.properties.title = report.title
    wb.properties.subject = f"{report.format.title}（{report.format.id}）"
    wb.properties.keywords = f"zwgk;{report.format.id};{report.year}"
    wb.properties.creator = APP_NAME
    return wb, results


def export_xlsx(report: Report, out: Path, fonts: FontSet | None = None, draft: bool = False) -> None:
    wb, results = build_workbook(report, fonts, draft)
    wb.save(str(out))
    store_results(Path(out), results)
