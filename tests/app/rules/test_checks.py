from decimal import Decimal

from app.report.model import Report
from app.rules import check, summary
from app.storage import load
from tests.factories import realistic_report


def rules(findings, rule=None):
    return [f for f in findings if rule is None or f.rule == rule]


def test_realistic_report_is_clean():
    assert check(realistic_report()) == []


def test_sample_has_no_errors_and_warns_about_what_its_text_lacks(sample_path):
    findings = check(load(sample_path))
    assert summary(findings)["error"] == 0
    topics = {f.message for f in findings if f.rule == "T2"}
    assert any("监督保障" in m for m in topics)
    assert not any("“主动公开”" in m for m in topics)


def imported(report: Report) -> Report:
    """An imported report states its own totals: the checks compare them."""
    report.auto_total = False
    return report


def test_r1_balance_per_column_shows_the_arithmetic():
    r = imported(realistic_report())
    r.set_value("s3.carry_in.natural", 2)
    r.set_value("s3.carry_in.total", 2)
    f, grand = rules(check(r), "R1")
    assert grand.message == "第三部分“总计”列：一+二 = 15，三（七）+四 = 14，相差 1"
    assert f.severity == "error"
    assert f.message == "第三部分“自然人”列：一+二 = 12，三（七）+四 = 11，相差 1"
    assert set(f.cells) == {"s3.new.natural", "s3.carry_in.natural", "s3.total.natural", "s3.carry_over.natural"}


def test_r2_total_row_must_equal_sum_of_results():
    r = imported(realistic_report())
    r.set_value("s3.total.natural", 9)
    found = rules(check(r), "R2")
    assert [f.message for f in found] == ["第三部分“自然人”列：（七）总计 = 9，各项办理结果之和 = 10，相差 1"]
    assert "s3.granted.natural" in found[0].cells


def test_r3_total_column_must_equal_six_applicant_columns():
    r = imported(realistic_report())
    r.set_value("s3.new.total", 14)
    (f,) = rules(check(r), "R3")
    assert f.message == "第三部分“一、本年新收政府信息公开申请数量”行：总计 = 14，六类申请人之和 = 13，相差 1"


def test_a_blank_total_over_numbers_fails_its_total_rule_and_r9():
    r = imported(realistic_report())
    r.set_value("s3.new.total", None)
    findings = check(r)
    assert "总计为空白" in rules(findings, "R3")[0].message
    assert any("s3.new.total" in f.cells for f in rules(findings, "R9"))


def test_r4_each_review_and_lawsuit_group():
    r = imported(realistic_report())
    r.set_value("s4.review.total", 3)
    (f,) = rules(check(r), "R4")
    assert f.message == "第四部分“行政复议”：总计 = 3，结果维持+结果纠正+其他结果+尚未审结 = 2，相差 1"
    r.set_value("s4.review.total", 2)
    r.set_value("s4.suit_after_review.upheld", 1)
    (f,) = rules(check(r), "R4")
    assert "复议后起诉" in f.message


def test_r5_value_kinds():
    r = imported(realistic_report())
    r.values["s3.new.natural"] = -1
    r.values["s2.fees.amount"] = Decimal("1.23456")
    r.values["s2.license.decisions"] = Decimal("2.5")
    msgs = [f.message for f in rules(check(r), "R5")]
    assert any("本年新收" in m and "-1" in m for m in msgs)
    assert any("4 位小数" in m for m in msgs)
    assert any("行政许可" in m and "2.5" in m for m in msgs)


def test_r5_allows_negative_change_in_2019_format():
    r = realistic_report(2020)
    r.set_value("s2.license.change", -417)
    assert rules(check(r), "R5") == []


def test_r9_blank_cells_grouped_by_row_and_naming_columns():
    r = realistic_report()
    r.set_value("s3.granted.research", None)
    r.set_value("s3.granted.legal", None)
    (f,) = rules(check(r), "R9")
    assert f.severity == "warning"
    assert f.cells == ("s3.granted.research", "s3.granted.legal")
    assert f.message == ("第三部分有 2 个空白单元格：“（一）予以公开”行的科研机构、法律服务机构列。"
                         "空白不等于 0：没有发生的请填 0")


def test_r9_one_finding_per_table_however_many_rows_are_blank():
    """An imported report with “/” in 32 cells: one R9 per table, and the real error is not buried."""
    r = realistic_report()
    r.auto_total = False
    s3_rows = [f"s3.deny.{i}" for i in range(1, 9)] + [f"s3.reject.{i}" for i in range(1, 6)] + ["s3.partial"]
    blank = [f"{row}.{col}" for row in s3_rows for col in ("research", "nonprofit")] + ["s3.other.3.research",
             "s3.other.3.nonprofit", "s4.suit_after_review.upheld", "s4.suit_after_review.corrected"]
    for cid in blank:
        r.values[cid] = None
    r.values["s3.new.total"] = 14  # the real slip: the applicant columns add up to 13
    findings = check(r)
    r9 = rules(findings, "R9")
    assert [f.message.split("有")[0] for f in r9] == ["第三部分", "第四部分"]
    s3 = r9[0]
    assert len(s3.cells) == 30 and set(s3.cells) == {c for c in blank if c.startswith("s3")}
    assert s3.message.startswith("第三部分有 30 个空白单元格：“（二）部分公开")
    assert "等 15 处（每个空白单元格都已在表格中标出）" in s3.message
    assert r9[1].message.startswith("第四部分有 2 个空白单元格：“复议后起诉”下“结果维持”列；“复议后起诉”下“结果纠正”列。")
    assert [f.rule for f in findings if f.severity == "error"] == ["R1", "R3"]  # 总计 column and 一 row


def test_s1_township_cannot_make_rules():
    r = realistic_report(agency_type="township")
    r.set_value("s2.rules.issued", 2)
    (f,) = rules(check(r), "S1")
    assert f.cells == ("s2.rules.issued",) and "乡镇" in f.message
    r.agency_type = "government"
    assert rules(check(r), "S1") == []


def test_f1_format_must_fit_year():
    r = realistic_report(2022)
    r.year = 2022
    assert rules(check(r), "F1") == []
    old = realistic_report(2020)
    old.year = 2022
    (f,) = rules(check(old), "F1")
    assert "2022年度报告应使用" in f.message and "国办公开办函〔2021〕30号" in f.message


def test_text_sections_required_and_six_may_be_none():
    r = realistic_report()
    r.texts["s5"] = "  "
    r.texts["s6"] = ""
    found = rules(check(r), "T5")
    assert {f.section for f in found} == {"s5", "s6"}
    assert any("写“无”" in f.message for f in found)


def test_general_situation_must_touch_five_topics():
    r = realistic_report()
    r.texts["s1"] = "本年度我局主动公开各类信息120条，依申请公开工作平稳。"
    names = {f.message.split("“")[2].split("”")[0] for f in rules(check(r), "T2")}
    assert names == {"政府信息管理", "政府信息公开平台建设", "监督保障"}


def test_topics_are_found_in_a_traditional_mirror_with_taiwan_wording():
    """A text in Traditional script (資訊 for 信息, 入口網站 for 门户网站) names its topics in other characters."""
    r = realistic_report()
    r.texts["s1"] = ("本年度本局主動公開政府資訊120條；依申請公開工作平穩有序；做好政府資訊管理和保密審查；"
                     "依託入口網站公開專欄發布資訊；加強監督保障，將政務公開納入考核。")
    assert rules(check(r), "T2") == []
    r.texts["s1"] = "本年度本局主動公開政府資訊120條；依申請公開工作平穩有序。"
    names = {f.message.split("“")[2].split("”")[0] for f in rules(check(r), "T2")}
    assert names == {"政府信息管理", "政府信息公开平台建设", "监督保障"}


def test_people_government_must_report_assessment_results():
    r = realistic_report(agency_type="township")
    r.texts["s1"] = r.texts["s1"].replace("将政务公开纳入年度考核，", "")
    assert any("工作考核" in f.message for f in rules(check(r), "T2"))


def test_2019_published_not_greater_than_total_and_unit_required():
    r = realistic_report(2020)
    r.set_values([("s2.normative.published", 5), ("s2.normative.total_public", 3), ("s2.procurement.amount", 8040)])
    found = check(r)
    assert rules(found, "S3")
    assert any("单位" in f.message for f in rules(found, "S3"))
    r.units["s2.procurement.amount"] = "万元"
    r.set_value("s2.normative.total_public", 30)
    assert rules(check(r), "S3") == []


def test_errors_come_first():
    r = imported(realistic_report())
    r.set_value("s3.granted.legal", None)
    r.set_value("s3.new.total", 20)
    sev = [f.severity for f in check(r)]
    assert sev == sorted(sev, key=["error", "warning", "info"].index)


def test_every_registered_rule_type_declares_its_parameters_for_the_format_loader():
    """resources/formats/common/rule-types.json and the rule families' registrations name the same types."""
    from app.report.formats import rule_types  # noqa: PLC0415
    from app.rules import RULE_TYPES  # noqa: PLC0415

    assert set(rule_types()) == set(RULE_TYPES)
