"""Imports read within bounds set by what a file holds: merged ranges cut to what is read (and the figures still
right), cells counted before openpyxl parses them, labels looked at up to a length, HTML parsed in linear time, and
a time budget with the window's cancel checked along the way."""

from __future__ import annotations

import io
import re
import time
import zipfile

import openpyxl
import pytest

from app.export import export_report
from app.imports import ImportFailure, import_source
from app.imports.html import parse_html, without_unclosed_tail
from app.imports.labels import MAX_LABEL_CHARS, normalise_label
from app.storage.budget import Budget, Cancelled
from tests.factories import realistic_report


@pytest.fixture(scope="module")
def layout_xlsx(tmp_path_factory) -> bytes:
    """Our Excel export without its 数据 sheet: read by labels, merged header cells and all."""
    folder = tmp_path_factory.mktemp("xlsx")
    export_report(realistic_report(2023), "xlsx", folder / "r.xlsx")
    wb = openpyxl.load_workbook(folder / "r.xlsx")
    del wb["数据"]
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _with_merges(data: bytes, refs: list[str]) -> bytes:
    """The workbook with more merged ranges in every sheet, written into the XML as Excel writes them."""
    out = io.BytesIO()
    extra = "".join(f'<mergeCell ref="{r}"/>' for r in refs).encode()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            content = zin.read(info.filename)
            if info.filename.startswith("xl/worksheets/sheet"):
                if b"<mergeCells" in content:
                    content = re.sub(rb"(<mergeCells[^>]*>)", lambda m: m.group(1) + extra, content, count=1)
                else:
                    content = content.replace(b"</sheetData>", b"</sheetData><mergeCells>" + extra + b"</mergeCells>")
            zout.writestr(info, content)
    return out.getvalue()


def test_whole_column_merges_beside_the_tables_are_cut_and_the_figures_still_read(tmp_path, layout_xlsx):
    """Merging whole columns writes A1:XFD1048576-like ranges: openpyxl built 17 billion cells from a 19 KB file."""
    plain = tmp_path / "plain.xlsx"
    plain.write_bytes(layout_xlsx)
    merged = tmp_path / "merged.xlsx"
    merged.write_bytes(_with_merges(layout_xlsx, ["AA1:AB1048576", "AD1:XFD1048576", "A2000:XFD1048576"]))
    expected, _ = import_source(plain)
    report, info = import_source(merged)
    assert report.values == expected.values and info.recognised
    assert sum(v is not None for v in report.values.values()) > 100


def test_a_sheet_of_too_many_cells_is_refused_before_openpyxl_parses_it(tmp_path, layout_xlsx, monkeypatch):
    from app.imports import xlsx

    monkeypatch.setattr(xlsx, "MAX_SHEET_CELLS", 50)
    path = tmp_path / "r.xlsx"
    path.write_bytes(layout_xlsx)
    with pytest.raises(ImportFailure, match="个单元格，不像是年度报告的表格"):
        import_source(path)


def test_labels_are_looked_at_up_to_a_length():
    label = "一、本年新收政府信息公开申请数量"
    assert normalise_label(label + "字" * 10_000_000) == normalise_label(label + "字" * (MAX_LABEL_CHARS - len(label)))
    assert len(normalise_label("字" * 10_000_000)) == MAX_LABEL_CHARS


def test_an_unclosed_tail_reads_as_the_same_text_in_linear_time():
    page = "<html><body><p>甲</p><table><tr><td>1</td></tr></table>乙 <a x & <b"
    assert without_unclosed_tail(page).endswith("乙 &lt;a x &amp; &lt;b")
    doc = parse_html(page, "p.html")
    assert doc.paragraphs[-1] == "乙 <a x & <b"
    assert without_unclosed_tail("<p>完整的网页</p>") == "<p>完整的网页</p>"
    hostile = "<p>x</p>" + "<a " * 20_000  # 60 KB: 31 s with Python 3.11's html.parser
    doc = parse_html(hostile, "p.html")
    assert doc.paragraphs[-1].startswith("x") or doc.paragraphs[-1].startswith("<a")


def test_a_span_of_thousands_of_digits_is_a_span_not_a_traceback():
    doc = parse_html('<table><tr><td colspan="' + "9" * 5000 + '">甲</td><td>1</td></tr></table>', "p.html")
    assert doc.grids and doc.grids[0].rows[0][0].text == "甲"


def test_an_import_out_of_time_is_refused_with_the_reason(tmp_path, layout_xlsx):
    path = tmp_path / "r.xlsx"
    path.write_bytes(layout_xlsx)
    with Budget("r.xlsx", ImportFailure, seconds=0.0, started=time.monotonic() - 1).active(), \
            pytest.raises(ImportFailure, match="超过 0 秒仍未完成"):
        import_source(path)


def test_a_cancelled_import_stops_at_the_next_check(tmp_path):
    path = tmp_path / "r.html"
    path.write_text("<p>x</p>" * 1000, encoding="utf-8")
    with Budget("r.html", ImportFailure, cancelled=lambda: True).active(), pytest.raises(Cancelled):
        import_source(path)
