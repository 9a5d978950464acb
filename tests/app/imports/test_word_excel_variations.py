"""The portal variations (issue 12) as they reach clerks in Word and Excel files: a year-first title in Word's title
style with the agency below it, a Word copy of a page that stops inside Section 三, a Traditional-script Word file,
a shortened header, Excel sheets with Taiwan wording or without a table, our own export of an incomplete report.
(.doc, the old binary Word format, is out of scope: it is refused with the advice to save it as .docx.)"""

from __future__ import annotations

import docx
import openpyxl
import pytest
from docx.enum.style import WD_STYLE_TYPE

from app.export import export_report
from app.export import layout as L
from app.export.xlsx import FIRST_GRID_ROW
from app.imports import ImportFailure, import_source
from app.report.fold import _converter
from app.report.numbers import plain_number
from app.rules import check
from tests.app.imports.builders import report_docx
from tests.app.report.test_absence import cut_after
from tests.factories import realistic_report


def rules_of(report) -> set[str]:
    return {f.rule for f in check(report)}


def test_word_title_style_year_first_with_the_agency_below(tmp_path):
    original = realistic_report(2023)
    path = report_docx(original, tmp_path / "r.docx", title_lines=("首页 > 信息公开 > 年度报告",
                                                                   "2023年度政府信息公开工作年度报告", "某县自然资源局"))
    d = docx.Document(str(path))
    d.paragraphs[1].style = d.styles["Title"]
    d.save(str(path))
    report, info = import_source(path)
    assert (report.year, report.agency, report.agency_type) == (2023, "某县自然资源局", "county_department")
    assert report.values == original.values
    assert report.texts["intro"] == ""  # the breadcrumb and the title lines are not report text
    assert info.agency_reason.startswith("取自标题下一行")


def _cut_word_copy(path, keep_values: int) -> None:
    """What a clerk gets pasting a page that stopped loading inside Section 三 into Word: the last row of the table
    is short, and nothing follows it."""
    d = docx.Document(str(path))
    s3 = d.tables[1]
    rows = s3._tbl.tr_lst
    cut = next(i for i, tr in enumerate(rows) if "5.属于三类内部事务信息" in "".join(tr.itertext()))
    for tr in rows[cut + 1:]:
        s3._tbl.remove(tr)
    last = rows[cut]
    for tc in last.tc_lst[3 + keep_values:]:
        last.remove(tc)
    body = d.element.body
    after = False
    for child in list(body):
        if child is s3._tbl:
            after = True
        elif after and child.tag.endswith(("}p", "}tbl")):
            body.remove(child)
    d.save(str(path))


def test_a_word_copy_of_a_cut_page_keeps_the_leading_cells_and_is_incomplete(tmp_path):
    original = realistic_report(2024)
    original.set_values([("s3.deny.5.natural", 3), ("s3.deny.5.other", 1)])
    path = report_docx(original, tmp_path / "r.docx")
    _cut_word_copy(path, 6)
    report, info = import_source(path)
    assert [report.values[f"s3.deny.5.{c}"] for c in ("natural", "business", "other")] == [3, 0, 1]
    assert report.is_absent("s3.deny.5.total") and report.is_absent("s4.review.total")
    assert report.absence.end == "第三部分“5.属于三类内部事务信息”行“其他”列"
    assert rules_of(report) == {"I1"}
    assert not info.unplaced


def test_a_traditional_word_file_with_taiwan_wording(tmp_path):
    original = realistic_report(2020)
    path = report_docx(original, tmp_path / "r.docx")
    d = docx.Document(str(path))
    convert = _converter("s2twp").convert
    for t in d.element.body.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t"):
        t.text = convert(t.text or "")
    d.save(str(path))
    assert "規範性檔案" in "".join(d.element.body.itertext())
    report, info = import_source(path)
    assert report.values == original.values
    assert report.agency == "某县自然资源局" and "原文为繁体“某縣自然資源局”" in info.agency_reason
    assert "T2" not in rules_of(report)


def test_a_shortened_header_in_word(tmp_path):
    original = realistic_report(2021)
    path = report_docx(original, tmp_path / "r.docx", label=lambda s: {"本年制发件数": "本年发件"}.get(s, s))
    report, info = import_source(path)
    assert report.values == original.values
    assert "本年发件 → 本年制发件数" in info.approximate


def test_doc_is_out_of_scope_and_says_so(tmp_path):
    path = tmp_path / "2022年报.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 1024)
    with pytest.raises(ImportFailure, match="旧版 Word 的 .doc 文件.*另存为 .docx"):
        import_source(path)


def _without_data_sheet(report, path):
    """Our Excel export as a clerk's copy is: the table sheets only, saved by Excel (totals as numbers)."""
    export_report(report, "xlsx", path)
    wb = openpyxl.load_workbook(path)
    del wb["数据"]
    for grid, ws in zip(L.build_layout(report).tables, wb.worksheets, strict=True):
        for c in grid.value_cells():
            ws.cell(FIRST_GRID_ROW + c.row, 1 + c.col).value = plain_number(report.values[c.cell_id])
    return wb


def test_an_excel_sheet_in_taiwan_wording_with_a_shortened_header(tmp_path):
    original = realistic_report(2020)
    path = tmp_path / "r.xlsx"
    wb = _without_data_sheet(original, path)
    convert = _converter("s2twp").convert
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if isinstance(c.value, str) and not c.value.startswith("="):
                    c.value = convert(c.value).replace(convert("本年新制作数量"), "本年製作")
    wb.save(path)
    report, info = import_source(path)
    assert report.values == original.values
    assert any(a.startswith("本年制作 →") for a in info.approximate)


def test_an_excel_workbook_without_a_sheet_is_missing_it_not_cut(tmp_path):
    original = realistic_report(2023)
    path = tmp_path / "r.xlsx"
    wb = _without_data_sheet(original, path)
    del wb[wb.sheetnames[2]]  # 四
    wb.save(path)
    report, _ = import_source(path)
    assert report.absence.end == ""
    assert {report.absence.cells[c] for c in report.format.cells_of("s4")} == {"missing"}
    assert report.absent_texts() == {"s1": "missing", "s5": "missing", "s6": "missing"}  # a workbook has no text
    assert rules_of(report) == {"I1"}


@pytest.mark.parametrize("kind", ["xlsx", "docx", "html"])
def test_our_own_export_of_an_incomplete_report_imports_incomplete_again(tmp_path, kind):
    r = realistic_report(2024)
    r.auto_total = False
    cut_after(r, "s3.deny.5.other")
    path = tmp_path / f"r.{kind}"
    export_report(r, kind, path)
    back, info = import_source(path)
    assert {c for c in back.absent_cells()} >= {c for c, why in r.absent_cells().items()}
    assert not info.unplaced
    assert {c: v for c, v in back.values.items() if v is not None} == \
        {c: v for c, v in r.values.items() if v is not None}


def test_word_title_style_is_read_whatever_its_id(tmp_path):
    """WPS names the title style 标题 with another id: it is found by name."""
    original = realistic_report(2023)
    path = report_docx(original, tmp_path / "r.docx", title_lines=("相关链接：2022年政府信息公开工作年度报告",
                                                                   "某县自然资源局2023年政府信息公开工作年度报告"))
    d = docx.Document(str(path))
    style = d.styles.add_style("标题", WD_STYLE_TYPE.PARAGRAPH)
    d.paragraphs[1].style = style
    d.save(str(path))
    report, _ = import_source(path)
    assert (report.year, report.agency) == (2023, "某县自然资源局")
