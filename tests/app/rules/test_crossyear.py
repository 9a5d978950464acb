"""Cross-year rules X1 X2 X4 X5 X6: pass and fail with realistic numbers, and silence without last year's data."""

from __future__ import annotations

from decimal import Decimal

import pytest

from app.report.formats import load_format
from app.report.model import Report
from app.report.previous import make_previous
from app.rules import check
from app.rules.crossyear import repeated_share
from tests.factories import realistic_report


def _pair(last_year: int = 2022, source: str = "file") -> tuple[Report, Report]:
    last = realistic_report(last_year)
    last.set_values([("s3.carry_over.natural", 2), ("s3.carry_over.business", 1),
                     ("s3.granted.natural", 4)])  # keep 一+二 = 三+四: 5 granted → 4, 2 carried over
    last.set_values([("s3.granted.business", 0)])
    this = realistic_report(last_year + 1)
    this.set_values([("s3.carry_in.natural", 2), ("s3.carry_in.business", 1),
                     ("s3.granted.natural", 7), ("s3.granted.business", 2)])
    # 现行有效: 27 last year + 3 issued − 1 repealed
    this.set_values([("s2.normative.in_force", 29)])
    this.texts["s1"] = ("2023年，本局坚持以公开为常态，围绕重点领域持续加大主动公开力度，依申请公开全年共收到申请13件；"
                        "完善政府信息管理，做好公开属性认定；升级政府网站公开专栏；强化监督保障，开展年度考核和业务培训。")
    this.previous = make_previous(last, source, "某县自然资源局2022.zwgk")
    return last, this


def _rules(report: Report, rule: str) -> list:
    return [f for f in check(report) if f.rule == rule]


def test_no_previous_no_cross_year_findings():
    r = realistic_report(2023)
    assert not [f for f in check(r) if f.rule.startswith("X")]


def test_x1_passes_when_carry_in_equals_last_carry_over():
    _, this = _pair()
    assert _rules(this, "X1") == []


def test_x1_fails_per_column_with_both_numbers():
    _, this = _pair()
    this.set_values([("s3.carry_in.business", 0), ("s3.granted.business", 1)])
    found = _rules(this, "X1")
    assert [f.cells for f in found] == [("s3.carry_in.business",), ("s3.carry_in.total",)]
    assert found[0].severity == "error"
    assert "商业企业" in found[0].message and "= 0" in found[0].message and "= 1" in found[0].message


def test_x1_is_a_warning_when_last_year_was_typed_by_hand():
    _, this = _pair(source="typed")
    this.set_values([("s3.carry_in.business", 0), ("s3.granted.business", 1)])
    assert {f.severity for f in _rules(this, "X1")} == {"warning"}


def test_x1_says_so_when_the_linked_report_is_not_last_year():
    _, this = _pair(last_year=2020)
    this.year = 2023
    found = _rules(this, "X1")
    assert len(found) == 1 and "2020" in found[0].message and "未进行" in found[0].message
    assert not _rules(this, "X2")


def test_x2_in_force_continuity_passes_and_fails():
    _, this = _pair()
    assert _rules(this, "X2") == []
    this.set_values([("s2.normative.in_force", 31)])
    found = _rules(this, "X2")
    assert len(found) == 1 and found[0].severity == "warning"
    assert found[0].cells == ("s2.normative.in_force", "s2.normative.issued", "s2.normative.repealed")
    assert found[0].message.startswith(
        "第二部分“行政规范性文件”：现行有效件数 = 31，上年现行有效 27 + 本年制发 3 − 本年废止 1 = 29，相差 2")


def test_x2_not_applied_across_2019_to_2021():
    last = Report.new(2020, agency="某县自然资源局", fmt=load_format("gov-2019"))
    last.set_values([("s2.normative.total_public", 40)])
    this = realistic_report(2021)
    this.previous = make_previous(last)
    assert _rules(this, "X2") == []


def test_x4_item_counts_in_the_2019_format():
    fmt = load_format("gov-2019")
    last = Report.new(2019, agency="某乡人民政府", fmt=fmt)
    last.set_values([("s2.license.prev_items", 40), ("s2.license.change", -8)])
    this = Report.new(2020, agency="某乡人民政府", fmt=fmt)
    this.previous = make_previous(last)
    this.set_values([("s2.license.prev_items", 32)])
    assert _rules(this, "X4") == []
    this.set_values([("s2.license.prev_items", 40)])
    found = _rules(this, "X4")
    assert len(found) == 1 and found[0].cells == ("s2.license.prev_items",)
    assert found[0].message == "第二部分“行政许可”：上一年项目数量 = 40，上年报告为 40，本年增/减 -8，应为 32"


def test_x5_large_jump_is_a_hint_and_small_numbers_are_not():
    _, this = _pair()
    assert _rules(this, "X5") == []
    this.set_values([("s2.license.decisions", 3000)])  # 412 → 3000: more than 5×
    found = _rules(this, "X5")
    assert [f.cells for f in found] == [("s2.license.decisions",)] and found[0].severity == "info"
    this.set_values([("s2.license.decisions", 412), ("s2.enforcement.decisions", 9)])  # 2 → 9: below the floor
    assert _rules(this, "X5") == []
    this.set_values([("s2.fees.amount", Decimal("2.5"))])  # 26.55 → 2.5 万元: ÷10
    assert [f.cells for f in _rules(this, "X5")] == [("s2.fees.amount",)]


def test_x6_text_copied_from_last_year_is_warned_and_rewritten_text_is_not():
    last, this = _pair()
    assert _rules(this, "X6") == []  # s1 rewritten; s5 is short sub-headings; 六 is “无”
    this.texts["s1"] = last.texts["s1"].replace("2022年", "2023年")  # only the year changed
    found = _rules(this, "X6")
    assert len(found) == 1 and found[0].section == "s1" and "100%" in found[0].message


def test_x6_threshold_half_of_the_text():
    old = "第一句话写的是去年的组织领导工作情况。第二句话写的是去年的平台建设工作情况。第三句写去年的培训与考核情况。"
    half = "第一句话写的是去年的组织领导工作情况。今年新开设了政策解读专栏并发布解读材料十二篇。今年还开展了政府开放日活动两次。"
    share, _ = repeated_share(half, old)
    assert 0.25 < share < 0.5
    share, _ = repeated_share(old, old)
    assert share == pytest.approx(1.0)
