"""Read the Excel export back with openpyxl, and let LibreOffice recalculate the formulas."""

import shutil
import subprocess
from decimal import Decimal

import openpyxl
import pytest

from app.export import export_report
from app.export.xlsx import DATA_HEADER, DATA_SHEET


@pytest.fixture
def xlsx_path(tmp_path, report, fonts):
    out = tmp_path / "report.xlsx"
    export_report(report, "xlsx", out, fonts)
    return out


def test_one_sheet_per_table_plus_data(xlsx_path, report):
    wb = openpyxl.load_workbook(xlsx_path)
    assert wb.sheetnames == ["二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                             "四、政府信息公开行政复议、行政诉讼情况", DATA_SHEET]
    assert wb.properties.title == report.title


def test_values_labels_and_merged_headers(xlsx_path):
    wb = openpyxl.load_workbook(xlsx_path)
    s2, s3, s4 = (wb.worksheets[i] for i in range(3))
    assert s2["A3"].value == "第二十条第（一）项" and "A3:D3" in s2.merged_cells
    assert [s2.cell(6, c).value for c in range(1, 5)] == ["行政规范性文件", 3, 1, 15]
    assert s2["B9"].value == 126 and "B9:D9" in s2.merged_cells
    assert s2["B16"].value == pytest.approx(26.55)
    assert s3["A3"].value.startswith("（本列数据的勾稽关系为") and "A3:C5" in s3.merged_cells
    assert s3["D3"].value == "申请人情况" and "D3:J3" in s3.merged_cells
    assert s3["D4"].value == "自然人" and "D4:D5" in s3.merged_cells
    assert s3["E4"].value == "法人或其他组织" and "E4:I4" in s3.merged_cells
    assert s3["A8"].value == "三、本年度办理结果" and "A8:A29" in s3.merged_cells
    assert s3["B10"].value == "（三）不予公开" and "B10:B17" in s3.merged_cells
    assert [s3.cell(6, c).value for c in range(4, 10)] == [12, 3, 0, 1, 2, 0]
    assert s4["A3"].value == "行政复议" and "A3:E3" in s4.merged_cells
    assert s4["F4"].value == "未经复议直接起诉" and "F4:J4" in s4.merged_cells
    assert [s4.cell(6, c).value for c in range(1, 5)] == [1, 1, 0, 1]


def test_totals_are_live_formulas(xlsx_path):
    wb = openpyxl.load_workbook(xlsx_path)
    s3, s4 = wb.worksheets[1], wb.worksheets[2]
    assert s3["J6"].value == "=SUM(D6:I6)"  # 一、本年新收 总计
    assert s3["D29"].value == "=SUM(D8:D28)"  # （七）总计 of 自然人: （一） … （六）3.其他
    assert s4["E6"].value == "=SUM(A6:D6)"
    assert wb.calculation.fullCalcOnLoad


def test_a4_portrait_one_page_wide_with_repeated_headers(xlsx_path):
    wb = openpyxl.load_workbook(xlsx_path)
    for ws in wb.worksheets[:3]:
        assert int(ws.page_setup.paperSize) == int(ws.PAPERSIZE_A4) and ws.page_setup.orientation == "portrait"
        assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
        assert ws.page_setup.fitToHeight == 0
    assert wb.worksheets[1].print_title_rows == "$3:$5"


def test_data_sheet_holds_plain_numbers(xlsx_path, report):
    ws = openpyxl.load_workbook(xlsx_path)[DATA_SHEET]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0] == DATA_HEADER
    by_id = {r[0]: r for r in rows[1:]}
    assert set(by_id) == set(report.format.cell_order)
    assert by_id["s3.total.total"][4] == 18
    assert by_id["s3.new.natural"][1:5] == ("三、收到和处理政府信息公开申请情况", "一、本年新收政府信息公开申请数量",
                                            "申请人情况 › 自然人", 12)
    assert by_id["s2.fees.amount"][4] == pytest.approx(26.55)


def test_blank_stays_blank_and_a_stated_total_is_kept(tmp_path, report, fonts):
    report.set_value("s3.new.research", None)
    report.auto_total = False
    report.values["s3.new.total"] = 99
    out = tmp_path / "r.xlsx"
    export_report(report, "xlsx", out, fonts)
    s3 = openpyxl.load_workbook(out).worksheets[1]
    assert s3["F6"].value is None
    assert s3["J6"].value == 99  # not a formula that would quietly turn it into 18
    assert s3["J7"].value == "=SUM(D7:I7)"  # totals that agree stay live


def test_amount_with_unit_keeps_the_number_and_shows_the_unit(tmp_path, fonts):
    from app.report.formats import load_format
    from app.report.model import Report

    r = Report.new(2020, agency="某镇人民政府", fmt=load_format("gov-2019"))
    cid = next(c for c in r.format.cell_order if r.format.cells[c].kind == "amount_with_unit")
    r.set_value(cid, Decimal("8040"))
    r.units[cid] = "元"
    out = tmp_path / "r.xlsx"
    export_report(r, "xlsx", out, fonts)
    ws = openpyxl.load_workbook(out).worksheets[0]
    cell = next(c for row in ws.iter_rows() for c in row if c.value == 8040)
    assert cell.number_format == 'General"元"'


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_recalculates_the_totals_after_an_edit(tmp_path, xlsx_path):
    wb = openpyxl.load_workbook(xlsx_path)
    s3 = wb.worksheets[1]
    s3["D6"] = 20  # an upper office corrects 自然人 new applications from 12 to 20
    s3["D30"] = 9  # … and 四、结转 accordingly
    edited = tmp_path / "edited.xlsx"
    wb.save(edited)
    outdir = tmp_path / "lo"
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo-profile",
                    "--convert-to", "xlsx", "--outdir", str(outdir), str(edited)],
                   check=True, capture_output=True, timeout=180)
    calc = openpyxl.load_workbook(outdir / "edited.xlsx", data_only=True)
    s3c, s4c = calc.worksheets[1], calc.worksheets[2]
    assert s3c["J6"].value == 26  # 一 总计 = 20 + 3 + 0 + 1 + 2 + 0
    assert s3c["J29"].value == 18  # （七）总计 unchanged
    assert s3c["J30"].value == 11  # 四 总计 = 9 + 1 + 0 + 0 + 1 + 0
    assert s4c["E6"].value == 3 and s4c["J6"].value == 1 and s4c["O6"].value == 0


def test_every_formula_carries_its_value_for_readers_that_do_not_calculate(tmp_path, fonts):
    """A phone preview or Protected View shows the stored result: each total is stored with its value."""
    import zipfile

    from app.export.specimen import city_report

    report = city_report()
    out = tmp_path / "city.xlsx"
    export_report(report, "xlsx", out, fonts)
    with zipfile.ZipFile(out) as z:
        sheets = [z.read(n) for n in z.namelist() if n.startswith("xl/worksheets/")]
    assert not any(b"<v></v>" in s or b"<v/>" in s for s in sheets)
    stored = openpyxl.load_workbook(out, data_only=True)  # what a reader that never recalculates sees
    s3, s4 = stored.worksheets[1], stored.worksheets[2]
    assert s3["J6"].value == report.values["s3.new.total"] == 17824
    assert s3["J29"].value == 17833 and s3["D29"].value == 14163 and s3["J30"].value == 1255
    assert s4["E6"].value == 1850 and s4["O6"].value == 356
    assert openpyxl.load_workbook(out).worksheets[1]["J6"].value == "=SUM(D6:I6)"  # still a live formula


def test_sheets_name_the_report_print_headers_and_lock_only_the_totals(xlsx_path, report):
    wb = openpyxl.load_workbook(xlsx_path)
    s3 = wb.worksheets[1]
    assert s3["A1"].value == report.title and s3["A2"].value == "三、收到和处理政府信息公开申请情况"
    assert report.title in s3.oddHeader.center.text and "三、收到和处理" in s3.oddHeader.center.text
    assert s3.oddFooter.center.text == "第 &P 页，共 &N 页"
    assert s3.protection.sheet and not s3.protection.password  # protected, and 撤销工作表保护 needs no password
    assert s3["D6"].protection.locked is False  # 自然人 新收: the clerk's figure stays editable
    assert s3["J6"].protection.locked is True  # its total cannot be typed over by accident
    assert s3["A6"].protection.locked is True
    assert s3["D6"].number_format == "0"  # never 1E+05


@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None,
                    reason="LibreOffice or poppler-utils not installed")
def test_libreoffice_prints_city_figures_whole_never_hashes(tmp_path, fonts):
    from app.export.specimen import city_report

    out = tmp_path / "city.xlsx"
    export_report(city_report(), "xlsx", out, fonts)
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo-profile",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(out)],
                   check=True, capture_output=True, timeout=180)
    text = subprocess.run(["pdftotext", "-layout", str(tmp_path / "city.pdf"), "-"], capture_output=True, text=True,
                          check=True).stdout
    squeezed = " ".join(text.split())
    assert "###" not in text and "E+" not in text
    for row in ("13857 2164 37 58 1296 412 17824", "14163 2088 33 50 1149 350 17833",
                "1187 146 212 305 1850 419 38 97 126 680 233 21 44 58 356", "268451", "96171.6372"):
        assert row in squeezed, row
    assert "云江市人民政府2023年政府信息公开工作年度报告" in squeezed.replace(" ", "")  # header or title row
