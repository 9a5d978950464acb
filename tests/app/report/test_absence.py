"""Absent, the fourth state of a cell (app/report/absence.py): neither a value, nor 0, nor blank."""

from __future__ import annotations

from app.report.absence import Absence
from app.report.formats import load_format
from tests.factories import realistic_report


def cut_after(report, last: str):
    """The report as an import leaves a page that stops after cell `last`: every later cell and text part absent."""
    order = report.format.cell_order
    later = order[order.index(last) + 1:]
    for cid in later:
        report.values[cid] = None
    report.texts["s5"] = report.texts["s6"] = ""
    report.absence = Absence(dict.fromkeys(later, "cut"), {"s5": "cut", "s6": "cut"}, report.format.cells[last].location)
    return later


def test_a_mark_lasts_while_the_cell_is_blank():
    r = realistic_report()
    r.auto_total = False
    cut_after(r, "s3.deny.5.other")
    assert r.is_absent("s3.deny.5.total") and r.is_absent("s4.review.total")
    assert not r.is_absent("s3.deny.5.other")
    r.set_value("s3.deny.5.total", 0)
    assert not r.is_absent("s3.deny.5.total")
    r.set_value("s3.deny.5.total", None)  # what an undo does: back to blank, and so absent again
    assert r.is_absent("s3.deny.5.total")
    assert set(r.absent_texts()) == {"s5", "s6"}
    r.texts["s6"] = "无"
    assert set(r.absent_texts()) == {"s5"}


def test_with_auto_total_a_total_of_absent_parts_stays_blank_never_a_partial_sum():
    r = realistic_report()
    cut_after(r, "s3.deny.5.other")
    r.set_value("s3.new.natural", 10)  # any edit recomputes the totals
    assert r.values["s3.total.natural"] is None and r.is_absent("s3.total.natural")
    assert r.values["s3.deny.5.total"] == 0 and not r.is_absent("s3.deny.5.total")  # its parts are all there
    assert r.values["s3.new.total"] == 13  # totals of parts that are all there are computed as before
    absent_parts = [c for c in r.format.totals["s3.total.natural"][0].parts if r.is_absent(c)]
    r.set_values((c, 0) for c in absent_parts)
    assert r.values["s3.total.natural"] == 5 + 2 + 1 and not r.is_absent("s3.total.natural")  # 予以 部分 不予4


def test_a_format_change_keeps_the_marks_of_the_cells_both_formats_have():
    r = realistic_report(2021)
    r.auto_total = False
    cut_after(r, "s3.deny.5.other")
    r.convert_to(load_format("gov-2019"))
    assert r.is_absent("s4.review.total")
    assert all(c in r.format.cells for c in r.absent_cells())
