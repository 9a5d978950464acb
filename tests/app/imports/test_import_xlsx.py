"""Excel import: our own export's `数据` sheet (cell id, section, row label, column label, value) and plain sheets
laid out with the official labels and merged cells, as offices keep them."""

from __future__ import annotations

import openpyxl
import pytest

from app.imports import ImportFailure, import_source
from app.report.model import Report
from tests.factories import realistic_report


def _data_workbook(report: Report, path, header=("单元格编号", "部分", "行", "列", "数值")):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "第三部分"
    ws["A1"] = report.title
    data = wb.create_sheet("数据")
    data.append(list(header))
    for cid in report.format.cell_order:
        c = report.format.cells[cid]
        v = report.values.get(cid)
        data.append([cid, c.section, c.row, c.column, float(v) if v is not None and not isinstance(v, int) else v])
    wb.save(path)
    return path


def _plain_workbook(report: Report, path, total_formulas: bool = False):
    """Section 三 as an office types it in Excel: merged header, group labels merged down, values in place."""
    b = report.format.table("s3").blocks[0]
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "收到和处理申请情况"
    ws["A1"] = report.title
    ws.merge_cells("A2:C4")
    ws["A2"] = b.row_header
    ws.merge_cells("D2:J2")
    ws["D2"] = "申请人情况"
    ws.merge_cells("D3:D4")
    ws["D3"] = "自然人"
    ws.merge_cells("E3:I3")
    ws["E3"] = "法人或其他组织"
    for i, name in enumerate(["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]):
        ws.cell(row=4, column=5 + i, value=name)
    ws.merge_cells("J3:J4")
    ws["J3"] = "总计"
    group_rows: dict[tuple[int, str], list[int]] = {}
    for ri, (row, groups) in enumerate(b.leaf_rows):
        r = 5 + ri
        if not groups:
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=3)
            ws.cell(row=r, column=1, value=row.label)
        else:
            for level, g in enumerate(groups):
                group_rows.setdefault((level, g), []).append(r)
            col = 1 + len(groups)
            if col < 3:
                ws.merge_cells(start_row=r, start_column=col, end_row=r, end_column=3)
            ws.cell(row=r, column=col, value=row.label)
        for ci in range(7):
            cid = b.cells[ri][ci]
            if total_formulas and ci == 6:
                ws.cell(row=r, column=4 + ci, value=f"=SUM(D{r}:I{r})")
            else:
                ws.cell(row=r, column=4 + ci, value=report.values.get(cid))
    for (level, g), rows in group_rows.items():
        if len(rows) > 1:
            ws.merge_cells(start_row=rows[0], start_column=1 + level, end_row=rows[-1], end_column=1 + level)
        ws.cell(row=rows[0], column=1 + level, value=g)
    wb.save(path)
    return path


@pytest.mark.parametrize("header", [("单元格编号", "部分", "行", "列", "数值"), ("id", "section", "row", "column", "value")])
def test_own_export_data_sheet_round_trips(tmp_path, header):
    original = realistic_report(2023)
    report, info = import_source(_data_workbook(original, tmp_path / "r.xlsx", header))
    assert report.values == original.values
    assert report.format.id == "gov-2021"
    assert (report.year, report.agency) == (2023, "某县自然资源局")
    assert not info.unplaced


def test_data_sheet_of_a_2019_report_selects_the_2019_format(tmp_path):
    r = Report.new(2020, agency="某乡人民政府")
    r.set_values([("s2.license.change", -3), ("s2.procurement.items", 4)])
    report, _ = import_source(_data_workbook(r, tmp_path / "r.xlsx"))
    assert report.format.id == "gov-2019"
    assert report.values["s2.license.change"] == -3


def test_plain_sheet_with_official_labels_and_merged_cells(tmp_path):
    original = realistic_report(2023)
    report, info = import_source(_plain_workbook(original, tmp_path / "p.xlsx"))
    for cid in report.format.cells_of("s3"):
        assert report.values[cid] == original.values[cid], cid
    assert len(info.missing) == len(report.format.cells_of("s2")) + len(report.format.cells_of("s4"))


def test_uncalculated_total_formulas_are_reported_not_read_as_blank(tmp_path):
    original = realistic_report(2023)
    report, info = import_source(_plain_workbook(original, tmp_path / "f.xlsx", total_formulas=True))
    assert report.values["s3.new.natural"] == 10
    assert any("公式" in u.reason for u in info.unplaced)
    assert "s3.new.total" not in report.values or report.values["s3.new.total"] is None


def test_old_xls_and_damaged_xlsx(tmp_path):
    xls = tmp_path / "a.xls"
    xls.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)
    with pytest.raises(ImportFailure, match=r"另存为 \.xlsx"):
        import_source(xls)
    bad = tmp_path / "b.xlsx"
    bad.write_bytes(b"PK\x03\x04" + b"\x00" * 64)
    with pytest.raises(ImportFailure, match="损坏"):
        import_source(bad)


def test_a_workbook_without_report_tables_is_refused(tmp_path):
    wb = openpyxl.Workbook()
    wb.active.append(["姓名", "电话"])
    wb.active.append(["张三", "123"])
    wb.save(tmp_path / "c.xlsx")
    with pytest.raises(ImportFailure, match="没有找到年度报告的表格"):
        import_source(tmp_path / "c.xlsx", year=2023)
