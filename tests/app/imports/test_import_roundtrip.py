"""Every export of a realistic report imports back to the same values and text (Excel carries no text)."""

from __future__ import annotations

from decimal import Decimal

import openpyxl
import pytest

from app.export import export_report
from app.imports import import_source
from app.report.formats import load_format
from app.report.model import Report
from tests.factories import realistic_report


def _realistic_2023() -> Report:
    r = realistic_report(2023)
    r.texts["intro"] = "根据《中华人民共和国政府信息公开条例》要求，特向社会公布本局2023年政府信息公开工作年度报告。"
    return r


def _realistic_2019_format() -> Report:
    r = Report.new(2020, agency="某乡人民政府", agency_type="township", fmt=load_format("gov-2019"))
    r.set_values([("s2.license.prev_items", 12), ("s2.license.change", -3), ("s2.license.decisions", 40),
                  ("s2.procurement.items", 3), ("s2.procurement.amount", Decimal("251000")),
                  ("s3.new.natural", 3), ("s3.granted.natural", 2), ("s3.other.natural", 1)])
    r.units["s2.procurement.amount"] = "元"
    r.texts.update({"s1": "2020年，我乡认真落实政府信息公开工作。", "s5": "人员不足。", "s6": "无"})
    return r


@pytest.mark.parametrize("kind", ["docx", "html", "xlsx"])
@pytest.mark.parametrize("make", [_realistic_2023, _realistic_2019_format])
def test_export_then_import_gives_the_same_report(tmp_path, kind, make):
    original = make()
    path = tmp_path / f"report.{kind}"
    export_report(original, kind, path)
    report, info = import_source(path)
    assert report.format.id == original.format.id
    assert (report.year, report.agency) == (original.year, original.agency)
    assert report.values == original.values
    assert not info.unplaced and not info.missing
    if original.units:
        assert report.units == original.units
    if kind != "xlsx":
        assert report.texts == original.texts


def test_our_excel_without_its_data_sheet_reads_the_official_layout(tmp_path):
    """Someone deleted the 数据 sheet: the three official-layout sheets still import by their labels; the totals
    are live formulas that no program has calculated yet, and the import report says so."""
    original = _realistic_2023()
    path = tmp_path / "r.xlsx"
    export_report(original, "xlsx", path)
    wb = openpyxl.load_workbook(path)
    del wb["数据"]
    wb.save(path)
    report, info = import_source(path)
    parts = [c for c in original.format.cell_order if c not in original.format.totals]
    for cid in parts:
        assert report.values[cid] == original.values[cid], cid
    formula_cells = [u for u in info.unplaced if "公式" in u.reason]
    assert formula_cells and all(u.text.startswith("=") for u in formula_cells)
