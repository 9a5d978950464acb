"""The ledger template (.xlsx): the columns a count needs, drop-down lists with the official applicant types and
results, date cells. A ledger kept in it counts without a single question.

The drop-down choices come from the format data, written the way app.ledger.count reads them back
(“不予公开：属于国家秘密”), and a test proves every choice round-trips.
"""

from __future__ import annotations

from pathlib import Path

from app.export.xlsx_print import fit_a4
from app.ledger.count import matrix_shape, short_label
from app.ledger.words import FIELDS, PENDING_WORDS
from app.report.formats import Format
from app.storage import write_atomic

ROWS = 1000  # lines prepared with drop-downs and date formatting
WIDTHS = {"serial": 6, "received": 13, "applicant": 22, "applicant_type": 14, "content": 40, "answered": 13,
          "result": 30, "reason": 30}
PENDING_CHOICE = PENDING_WORDS[0]


def applicant_choices(fmt: Format) -> list[str]:
    return [short_label(label) for _, label in matrix_shape(fmt).applicant_columns]


def result_choices(fmt: Format) -> list[str]:
    """One choice per official result row, e.g. “予以公开”, “不予公开：属于国家秘密”, plus “办理中”."""
    out = []
    for row in matrix_shape(fmt).result_rows:
        leaf = short_label(row.label)
        out.append(f"{short_label(row.group_label)}：{leaf}" if row.group else leaf)
    return [*out, PENDING_CHOICE]


def _instructions(fmt: Format) -> list[str]:
    return [
        "依申请公开登记台账 — 填写说明",
        "",
        "1. 每收到一件政府信息公开申请，在“台账”表中登记一行；一件申请只登记一行。",
        "2. “收到日期”“答复日期”请填写完整日期（如 2025-01-05），须含年份。",
        "3. “申请人类型”和“办理结果”请从下拉列表中选择，统计时可直接对应年报表格的行和列。",
        "4. 尚未答复的申请：“答复日期”留空，“办理结果”留空或选“办理中”，统计时计入“结转下年度继续办理”。",
        "5. 上一年度收到、本年度答复的申请也请保留在台账中，统计时计入“上年结转”。",
        "6. 部分公开的申请只选“部分公开”（区分处理的，只计这一情形）。",
        "7. 统计：在政务公开年报助手中选择“文件 → 从台账生成…”。",
        "",
        f"下拉选项按“{fmt.title}”（{fmt.notice}）设置。",
    ]


def _header(ws) -> None:  # noqa: ANN001 - openpyxl worksheet
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side  # noqa: PLC0415
    from openpyxl.utils import get_column_letter  # noqa: PLC0415

    thin = Side(style="thin", color="999999")
    for ci, name in enumerate(FIELDS, start=1):
        cell = ws.cell(row=1, column=ci, value=FIELDS[name][0])
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
        cell.alignment = Alignment(horizontal="center", vertical="center")
        cell.border = Border(top=thin, bottom=thin, left=thin, right=thin)
        ws.column_dimensions[get_column_letter(ci)].width = WIDTHS.get(name, 14)
    ws.freeze_panes = "A2"
    # Offices print the ledger for the file cabinet: landscape A4, all columns on one page width, header repeated.
    fit_a4(ws, landscape=True)


def _column_range(name: str) -> str:
    from openpyxl.utils import get_column_letter  # noqa: PLC0415

    letter = get_column_letter(list(FIELDS).index(name) + 1)
    return f"{letter}2:{letter}{ROWS + 1}"


def _drop_downs(wb, ws, fmt: Format) -> None:  # noqa: ANN001 - openpyxl workbook and worksheet
    from openpyxl.styles import Font  # noqa: PLC0415
    from openpyxl.utils import get_column_letter  # noqa: PLC0415
    from openpyxl.worksheet.datavalidation import DataValidation  # noqa: PLC0415

    lists = wb.create_sheet("选项")
    choices = {"applicant_type": applicant_choices(fmt), "result": result_choices(fmt)}
    for ci, (name, items) in enumerate(choices.items(), start=1):
        lists.cell(row=1, column=ci, value=FIELDS[name][0]).font = Font(bold=True)
        for ri, item in enumerate(items, start=2):
            lists.cell(row=ri, column=ci, value=item)
        letter = get_column_letter(ci)
        # A sheet range, not an inline list: Excel caps inline lists at 255 characters.
        dv = DataValidation(type="list", formula1=f"='选项'!${letter}$2:${letter}${len(items) + 1}",
                            allow_blank=True, showErrorMessage=True, errorTitle="请从列表中选择",
                            error=f"请从下拉列表中选择{FIELDS[name][0]}。")
        dv.add(_column_range(name))
        ws.add_data_validation(dv)
        lists.column_dimensions[letter].width = 40
    lists.sheet_state = "hidden"


def _date_columns(ws) -> None:  # noqa: ANN001 - openpyxl worksheet
    from openpyxl.worksheet.datavalidation import DataValidation  # noqa: PLC0415

    for name in ("received", "answered"):
        dv = DataValidation(type="date", operator="greaterThan", formula1="36526", allow_blank=True,
                            showErrorMessage=True, errorTitle="日期格式", error="请填写日期，如 2025-01-05。")
        dv.add(_column_range(name))
        ws.add_data_validation(dv)
        column = list(FIELDS).index(name) + 1
        for r in range(2, ROWS + 2):
            ws.cell(row=r, column=column).number_format = "yyyy-mm-dd"


def build_template(fmt: Format):  # -> openpyxl.Workbook; imported lazily: the CLI and the window start without it
    from openpyxl import Workbook  # noqa: PLC0415
    from openpyxl.styles import Font  # noqa: PLC0415

    wb = Workbook()
    ws = wb.active
    ws.title = "台账"
    _header(ws)
    _drop_downs(wb, ws, fmt)
    _date_columns(ws)
    help_ws = wb.create_sheet("填写说明")
    for ri, line in enumerate(_instructions(fmt), start=1):
        help_ws.cell(row=ri, column=1, value=line)
    help_ws["A1"].font = Font(bold=True, size=14)
    help_ws.column_dimensions["A"].width = 100
    return wb


def save_template(fmt: Format, path: str | Path) -> None:
    """Save the template atomically (the same safe write as report files)."""
    import io  # noqa: PLC0415

    buffer = io.BytesIO()
    build_template(fmt).save(buffer)
    write_atomic(Path(path), buffer.getvalue(), keep_backup=False)
