from decimal import Decimal

import pytest

from app.report.formats import load_format
from app.report.model import Report, agency_type_key
from tests.factories import realistic_report


def test_new_report_starts_at_zero_with_auto_total():
    r = Report.new(2025, agency="某镇人民政府")
    assert r.format.id == "gov-2021"
    assert r.auto_total
    assert set(r.values.values()) == {0}
    assert r.title == "某镇人民政府2025年政府信息公开工作年度报告"


def test_auto_total_sums_rows_and_columns():
    r = realistic_report()
    assert r.values["s3.new.total"] == 13
    assert r.values["s3.total.natural"] == 10
    assert r.values["s3.total.legal"] == 1
    assert r.values["s3.total.total"] == 13
    assert r.values["s4.review.total"] == 2


def test_set_value_reports_every_changed_cell():
    r = realistic_report()
    changed = r.set_value("s3.granted.research", 2)
    assert changed == {"s3.granted.research", "s3.granted.total", "s3.total.research", "s3.total.total"}


def test_blank_is_not_zero_and_totals_skip_it():
    r = realistic_report()
    r.set_value("s3.new.business", None)
    assert r.values["s3.new.business"] is None
    assert r.values["s3.new.total"] == 11


def test_auto_total_off_keeps_stated_totals():
    r = realistic_report()
    r.set_auto_total(False)
    r.set_value("s3.new.natural", 11)
    assert r.values["s3.new.total"] == 13
    assert not r.is_computed("s3.new.total")
    r.set_auto_total(True)
    assert r.values["s3.new.total"] == 14


def test_convert_between_formats_keeps_shared_cells():
    r = realistic_report(2020)
    assert r.format.id == "gov-2019"
    r.set_value("s3.other.natural", 1)
    r.year = 2021
    r.convert_to(load_format("gov-2021"))
    assert r.values["s3.new.natural"] == 10
    assert r.values["s3.other.1.natural"] == 0
    assert "s3.other.natural" not in r.values


def test_agency_type_accepts_chinese_labels():
    assert agency_type_key("街道") == "subdistrict"
    assert agency_type_key("county_department") == "county_department"
    with pytest.raises(ValueError, match="未知的机关类型"):
        agency_type_key("村委会")


def test_money_is_exact():
    assert realistic_report().values["s2.fees.amount"] == Decimal("26.55")
