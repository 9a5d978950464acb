"""What a person types or pastes, before it becomes a value: cells, amounts with units, clipboard blocks."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.report.entry import (
    Entry,
    parse_cell,
    parse_clipboard,
    parse_entry,
    plan_paste,
    to_html,
    to_tsv,
    total_mismatches,
)
from app.report.formats import load_format
from app.report.model import Report
from app.report.numbers import NumberError

FMT = load_format("gov-2021")
OLD = load_format("gov-2019")


def test_a_refused_value_names_the_cell():
    with pytest.raises(NumberError, match=r"“abc”不是数字（第三部分“.*”行“自然人”列），未填入"):
        parse_cell(FMT.cells["s3.new.natural"], "abc")
    assert parse_cell(FMT.cells["s2.fees.amount"], "26.55") == Decimal("26.55")


def test_an_amount_keeps_the_unit_typed_with_it():
    cell = OLD.cells["s2.procurement.amount"]
    assert parse_entry(cell, "２５.１万元") == Entry(Decimal("25.1"), "万元")
    assert parse_entry(cell, "251000元") == Entry(251000, "元")
    assert parse_entry(cell, "8040") == Entry(8040, None)
    assert parse_entry(FMT.cells["s3.new.natural"], "1,203") == Entry(1203, None)


def test_clipboard_from_excel_and_wps():
    assert parse_clipboard("1\t2\r\n3\t4\r\n") == [["1", "2"], ["3", "4"]]
    assert parse_clipboard("5\n\n") == [["5"]]
    assert parse_clipboard("1\t\t3\r") == [["1", "", "3"]]
    assert parse_clipboard("") == []


def test_copy_as_text_and_as_an_html_table():
    rows = [["1203", "45"], ["", "7"]]
    assert to_tsv(rows) == "1203\t45\r\n\t7\r\n"
    html = to_html([["1 < 2", "7"]])
    assert "<table" in html and "<tr><td>1 &lt; 2</td><td>7</td></tr>" in html and 'charset="utf-8"' in html


@given(st.lists(st.lists(st.text(alphabet="0123456789.,万元 ", max_size=6), min_size=1, max_size=8), min_size=1,
                max_size=6))
def test_what_is_copied_pastes_back_the_same(rows):
    # A last row of blanks is the one thing a clipboard cannot carry (Excel drops it too).
    pasted = parse_clipboard(to_tsv(rows))
    assert pasted == rows[: len(pasted)]
    assert all(not "".join(r).strip() for r in rows[len(pasted):])


def test_a_paste_onto_totals_is_compared_not_written():
    report = Report.new(2021)
    targets = [("s3.new.natural", "1200"), ("s3.new.business", "3"), ("s3.new.total", "1204"),
               ("s3.carry_in.total", "")]
    plan = plan_paste(report, targets)
    assert plan.entries == [("s3.new.natural", Entry(1200)), ("s3.new.business", Entry(3))]
    assert plan.totals == {"s3.new.total": 1204}  # a blank over a total says nothing
    report.set_values([(c, e.value) for c, e in plan.entries])
    [mismatch] = total_mismatches(report, plan.totals)
    assert (mismatch.cell_id, mismatch.pasted, mismatch.computed) == ("s3.new.total", 1204, 1203)
    assert mismatch.message(report) == ("第三部分“一、本年新收政府信息公开申请数量”行“总计”列是合计：粘贴的是 1204，"
                                        "各项相加为 1203，请核对粘贴来源")
    report.set_value("s3.new.business", 4)
    assert total_mismatches(report, plan.totals) == []


def test_a_paste_with_auto_total_off_writes_the_totals():
    report = Report.new(2021)
    report.auto_total = False
    plan = plan_paste(report, [("s3.new.total", "9")])
    assert plan.entries == [("s3.new.total", Entry(9))] and plan.totals == {}


def test_a_paste_with_one_bad_value_is_refused_whole():
    with pytest.raises(NumberError, match="“x”不是数字"):
        plan_paste(Report.new(2021), [("s3.new.natural", "1"), ("s3.new.business", "x")])
