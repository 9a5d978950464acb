"""The 汇总 workbook: one row per unit file (status, checks, key totals), every finding, every summed value.

Built with openpyxl, imported on use. Sheets: 汇总情况, 检查结果, 汇总数值 (the last only when something was summed).
"""

from __future__ import annotations

import io
import os
from pathlib import Path

from app.aggregate.collect import STATUS_LABELS, AggregateError, Aggregation
from app.export import writable_text
from app.export.xlsx_print import fit_a4
from app.report.formats import Format, format_for_year
from app.report.model import AGENCY_TYPES
from app.report.numbers import plain_number
from app.rules import SEVERITY_LABELS
from app.storage import StorageError, write_atomic


def key_cells(fmt: Format) -> list[tuple[str, str]]:
    """(cell id, heading) of the figures shown per unit: Section 三's 一/二/（七）/四 totals and Section 四's
    group totals, found from the format's R1 rule and its total cells."""
    out: list[tuple[str, str]] = []
    balance = next((r for r in fmt.rules if r.get("type") == "balance"), None)
    if balance is not None:
        block = fmt.table(balance["table"]).blocks[0]
        total_col = next(c.id for c, _ in block.leaf_columns if c.sum_of)
        rows = {r.id: r.label for r, _ in block.leaf_rows}
        for rid in (*balance["left"], *balance["right"]):
            cid = f"{balance['table']}.{rid}.{total_col}"
            if cid in fmt.cells:
                out.append((cid, f"三·{rows[rid]}"))
    for cid in fmt.cells_of("s4"):
        if cid in fmt.totals:
            out.append((cid, f"四·{'·'.join(fmt.cells[cid].column_path)}·{fmt.cells[cid].column}"))
    return out


def _short_paths(paths: list[str]) -> dict[str, str]:
    """File names relative to the folder they share: the county folder's own path says nothing."""
    if not paths:
        return {}
    try:
        root = Path(os.path.commonpath([str(Path(p).resolve().parent) for p in paths]))
    except ValueError:  # different drives on Windows
        return {p: p for p in paths}
    return {p: str(Path(p).resolve().relative_to(root)) for p in paths}


def _append(ws, row: list) -> None:  # noqa: ANN001 - openpyxl worksheet
    """Append a row; texts from the unit files (agency names, quoted text in messages) may hold control characters
    a hand-edited file let in, which openpyxl refuses with IllegalCharacterError."""
    ws.append([writable_text(v, " ") if isinstance(v, str) else v for v in row])


def _landscape(ws) -> None:  # noqa: ANN001 - openpyxl worksheet
    fit_a4(ws, landscape=True)


def _bold_header(ws, fill: bool = False) -> None:  # noqa: ANN001
    from openpyxl.styles import Alignment, Font, PatternFill  # noqa: PLC0415

    for cell in ws[1]:
        cell.font = Font(bold=True)
        if fill:
            cell.fill = PatternFill("solid", fgColor="DDEBF7")
            cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")


def _units_sheet(ws, result: Aggregation, shown: dict[str, str]) -> None:  # noqa: ANN001
    from openpyxl.styles import Font  # noqa: PLC0415
    from openpyxl.utils import get_column_letter  # noqa: PLC0415

    keys = key_cells(result.format or format_for_year(result.year or 2021))
    head = ["序号", "文件", "机关名称", "机关类型", "年度", "格式", "错误", "警告", *[h for _, h in keys], "状态", "说明"]
    _append(ws, head)
    for i, u in enumerate(result.units, start=1):
        r = u.report
        if r is None:
            _append(ws, [i, shown[u.path], "", "", None, "", None, None, *[None] * len(keys),
                       STATUS_LABELS[u.status], u.note])
            continue
        counts = u.counts
        figures = [plain_number(r.values.get(cid)) if cid in r.format.cells else None for cid, _ in keys]
        _append(ws, [i, shown[u.path], r.agency, AGENCY_TYPES.get(r.agency_type, ""), r.year, r.format.title,
                   counts["error"], counts["warning"], *figures, STATUS_LABELS[u.status], u.note])
    if result.total is not None:
        t = result.total
        _append(ws, ["", "", f"合计（{len(result.with_status('summed'))} 个单位）", "", t.year, t.format.title, None,
                   None, *[plain_number(t.values.get(cid)) for cid, _ in keys], "", "；".join(result.notes)])
        for cell in ws[ws.max_row]:
            cell.font = Font(bold=True)
    _bold_header(ws, fill=True)
    ws.row_dimensions[1].height = 60
    ws.freeze_panes = "D2"
    for ci in range(1, len(head) + 1):
        ws.column_dimensions[get_column_letter(ci)].width = 10
    for letter, width in (("A", 5), ("B", 26), ("C", 22), ("F", 22)):
        ws.column_dimensions[letter].width = width
    ws.column_dimensions[get_column_letter(len(head))].width = 50
    _landscape(ws)


def _findings_sheet(ws, result: Aggregation, shown: dict[str, str]) -> None:  # noqa: ANN001
    _append(ws, ["文件", "机关名称", "严重程度", "规则", "位置", "说明", "已忽略的理由"])
    for u in result.units:
        r = u.report
        if r is None:
            continue
        for f in u.findings:
            where = "；".join(r.format.cells[c].location for c in f.cells if c in r.format.cells)
            _append(ws, [shown[u.path], r.agency, SEVERITY_LABELS[f.severity], f.rule, where, f.message,
                       f.dismissed or ""])
    _bold_header(ws)
    for letter, width in (("A", 26), ("B", 22), ("C", 8), ("D", 6), ("E", 40), ("F", 70)):
        ws.column_dimensions[letter].width = width
    _landscape(ws)


def _values_sheet(ws, result: Aggregation) -> None:  # noqa: ANN001
    total = result.total
    _append(ws, ["单元格", "位置", "合计", "填报单位数（非空白）"])
    summed = [u.report for u in result.with_status("summed") if u.report is not None]
    for cid in total.format.cell_order:
        filled = sum(1 for r in summed if r.values.get(cid) is not None)
        _append(ws, [cid, total.format.cells[cid].location, plain_number(total.values.get(cid)), filled])
    _bold_header(ws)
    ws.column_dimensions["B"].width = 70


def build_workbook(result: Aggregation):  # -> openpyxl.Workbook (imported lazily: heavy)
    from openpyxl import Workbook  # noqa: PLC0415

    wb = Workbook()
    shown = _short_paths([u.path for u in result.units])
    wb.active.title = "汇总情况"
    _units_sheet(wb.active, result, shown)
    _findings_sheet(wb.create_sheet("检查结果"), result, shown)
    if result.total is not None:
        _values_sheet(wb.create_sheet("汇总数值"), result)
    return wb


def save_workbook(result: Aggregation, path: str | Path) -> None:
    buffer = io.BytesIO()
    build_workbook(result).save(buffer)
    try:
        write_atomic(Path(path), buffer.getvalue(), keep_backup=False)
    except StorageError as exc:
        raise AggregateError(str(exc)) from exc
