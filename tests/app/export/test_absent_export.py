"""Every export of a report imported from an incomplete source shows what is missing as 缺, never as blank or 0,
and the Excel formulas never add up the parts that are there."""

from __future__ import annotations

import docx
import openpyxl

from app.export import export_report
from app.export import layout as L
from app.export.xlsx import DATA_SHEET
from tests.app.report.test_absence import cut_after
from tests.factories import realistic_report


def cut_report(auto_total: bool = False):
    r = realistic_report(2024)
    r.auto_total = auto_total
    cut_after(r, "s3.deny.5.other")
    if auto_total:
        r.recompute_totals()
    return r


def test_layout_marks_absent_cells_and_parts():
    layout = L.build_layout(cut_report())
    s3, s4 = layout.tables[1], layout.tables[2]
    shown = {c.cell_id: c.text for c in s3.value_cells() + s4.value_cells()}
    assert shown["s3.deny.5.other"] == "0" and shown["s3.deny.5.total"] == "缺"
    assert set(c.text for c in s4.value_cells()) == {"缺"}
    bodies = [i.text for i in layout.items if isinstance(i, L.Paragraph) and i.kind == "body"]
    assert bodies.count(L.ABSENT_CELLS_NOTE) == 2  # under 三 and 四, not under 二
    assert bodies.count(L.ABSENT_TEXT_NOTE) == 2  # 五 and 六


def test_word_and_web_page_show_the_mark(tmp_path, fonts):
    r = cut_report()
    export_report(r, "docx", tmp_path / "r.docx", fonts)
    document = docx.Document(str(tmp_path / "r.docx"))
    s3 = document.tables[1]
    assert "缺" in [c.text for c in s3.rows[-1].cells]
    assert L.ABSENT_TEXT_NOTE in [p.text for p in document.paragraphs]
    export_report(r, "html", tmp_path / "r.html", fonts)
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert page.count(">缺<") == 128 and L.ABSENT_CELLS_NOTE in page


def test_excel_writes_the_mark_and_no_formula_over_absent_parts(tmp_path, fonts):
    r = cut_report(auto_total=True)
    assert r.values["s3.total.natural"] is None  # its parts are not all there
    export_report(r, "xlsx", tmp_path / "r.xlsx", fonts)
    wb = openpyxl.load_workbook(tmp_path / "r.xlsx")
    s3 = wb.worksheets[1]
    texts = [c.value for row in s3.iter_rows() for c in row]
    assert texts.count("缺") == 112  # 113 cut, less （三）5's total: its parts are all on the page
    formulas = [v for v in texts if isinstance(v, str) and v.startswith("=")]
    assert len(formulas) == 9  # the 总计 of rows 一, 二, （一）, （二）, （三）1–5; no total of a column with a cut part
    data = {row[0]: row[4] for row in wb[DATA_SHEET].iter_rows(min_row=2, values_only=True)}
    assert data["s3.deny.5.total"] == 0 and data["s3.deny.6.natural"] == "缺" and data["s4.review.total"] == "缺"
