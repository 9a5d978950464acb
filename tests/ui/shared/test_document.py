"""ReportDocument: every edit is one undo step that gives back exactly what was there, and tells the views."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from app import storage
from ui.shared.document import ReportDocument


@pytest.fixture
def doc(sample_path: Path) -> ReportDocument:
    return ReportDocument(storage.load(sample_path))


def test_a_year_in_the_other_format_converts_and_undo_gives_every_value_back(qtbot, doc: ReportDocument) -> None:
    before = dict(doc.report.values)
    with qtbot.waitSignals([doc.formatChanged, doc.findingsChanged], order="strict"):
        doc.set_field("year", 2020)
    assert doc.format.id == "gov-2019"
    assert "s2.fees.amount" not in doc.report.values  # the 2019 table has no such row: the value went
    doc.undo_stack.undo()
    assert doc.format.id == "gov-2021" and doc.report.year == 2021
    assert doc.report.values == before


def test_auto_total_off_then_a_stated_total_undoes_to_the_derived_totals(qtbot, doc: ReportDocument) -> None:
    before = dict(doc.report.values)
    doc.set_field("auto_total", False)
    doc.set_cell("s3.new.total", before["s3.new.total"] + 9)
    assert any(f.severity == "error" and "s3.new.total" in f.cells for f in doc.findings)
    doc.undo_stack.undo()
    doc.undo_stack.undo()
    assert doc.report.auto_total and doc.report.values == before


def test_typing_a_name_is_one_undo_step_and_touches_no_value(qtbot, doc: ReportDocument) -> None:
    steps, values = doc.undo_stack.count(), dict(doc.report.values)
    for typed in ("某", "某镇", "某镇人民政府"):
        doc.set_field("agency", typed)
    assert doc.undo_stack.count() == steps + 1 and doc.report.agency == "某镇人民政府"
    doc.undo_stack.undo()
    assert doc.report.agency == "金殿镇人民政府" and doc.report.values == values


def test_an_unchanged_value_is_not_an_edit(qtbot, doc: ReportDocument) -> None:
    value = doc.report.values["s3.new.natural"]
    with qtbot.assertNotEmitted(doc.findingsChanged):
        doc.set_cell("s3.new.natural", value)
        doc.set_text("s1", doc.report.texts["s1"])
        doc.set_field("agency", doc.report.agency)
    assert doc.undo_stack.count() == 0


def test_computed_totals_are_left_out_of_a_block_edit(qtbot, doc: ReportDocument) -> None:
    with qtbot.waitSignal(doc.valuesChanged) as changed:
        doc.set_cells([("s3.new.natural", 40), ("s3.new.total", 1)])
    assert doc.report.values["s3.new.total"] != 1  # derived, not the pasted 1
    assert {"s3.new.natural", "s3.new.total"} <= changed.args[0]


def test_undoing_a_year_change_gives_back_the_unit_typed_with_an_amount(qtbot, doc: ReportDocument) -> None:
    doc.set_field("year", 2020)  # the 2019 format: 采购总金额 takes its unit from what is typed
    doc.set_cells([("s2.procurement.amount", Decimal("25.1"))], "输入数值", [("s2.procurement.amount", "万元")])
    doc.set_field("year", 2021)  # no such row in 2021: value and unit go
    assert "s2.procurement.amount" not in doc.report.units
    doc.undo_stack.undo()
    assert doc.report.values["s2.procurement.amount"] == Decimal("25.1")
    assert doc.report.units == {"s2.procurement.amount": "万元"}
