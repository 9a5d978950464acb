"""生成段落: drafted sentences for zero, one and many, with fields that follow the table, and the comparison."""

from __future__ import annotations

import pytest

from app.report.draft import draft, section_key
from app.report.fields import fields_in, has_fields, render
from app.report.model import Report
from app.report.previous import make_previous
from app.rules import check
from app.storage import load
from tests.factories import city_report, realistic_report


def printed(report: Report, *sections: str) -> list[str]:
    return [p.printed(report) for p in draft(report, sections or ("s2", "s3", "s4"))]


def test_all_zeros_says_so_in_words(sample_path):
    report = load(sample_path)  # the seed: every figure 0
    assert printed(report) == [
        "本年度，本机关未制发、废止行政规范性文件，无现行有效的行政规范性文件；未作出行政许可、行政处罚和行政强制决定；"
        "未收取行政事业性收费。",
        "本年度未收到政府信息公开申请，也没有上年结转的申请。",
        "本年度本机关未发生因政府信息公开工作被申请行政复议、提起行政诉讼的情况。",
    ]
    assert not any("0件" in t for t in printed(report))


def test_one_application():
    report = Report.new(2023, "某镇人民政府")
    report.set_values([("s3.new.natural", 1), ("s3.granted.natural", 1)])
    assert printed(report, "s3") == [
        "本年度共收到政府信息公开申请1件，其中自然人申请1件；无上年结转的申请。",
        "本年度办结政府信息公开申请1件，其中予以公开1件；无结转下年度继续办理的申请。",
    ]


def test_many_with_groups_and_outcomes():
    report = city_report()
    s3, s4 = printed(report, "s3"), printed(report, "s4")
    assert s3[0].startswith("本年度共收到政府信息公开申请14778件，其中自然人申请11234件、商业企业申请2345件")
    assert "不予公开662件（保护第三方合法权益397件、属于四类过程性信息265件）" in s3[1]
    assert s3[1].endswith("；结转下年度继续办理456件。")
    assert s4 == ["本年度本机关因政府信息公开工作被申请行政复议49件，其中结果维持34件、结果纠正5件、其他结果3件、"
                  "尚未审结7件；被提起行政诉讼25件，其中未经复议直接起诉18件、复议后起诉7件，结果维持18件、结果纠正2件、"
                  "尚未审结5件。"]
    assert printed(report, "s2")[0].startswith("本年度，本机关制发规章4件，废止2件，现行有效61件；制发行政规范性文件48件")


def test_every_figure_is_a_field_that_follows_the_table():
    report = realistic_report()
    paragraph = draft(report, ("s3",))[0]
    assert has_fields(paragraph.text) and "13" not in paragraph.text  # no typed figure in the draft
    assert paragraph.printed(report).startswith("本年度共收到政府信息公开申请13件")
    report.set_value("s3.new.natural", 110)
    assert render(paragraph.text, report).startswith("本年度共收到政府信息公开申请113件，其中自然人申请110件")
    report.texts["s1"] = "".join(p.text for p in draft(report))
    assert not [f for f in check(report) if f.rule in ("R8", "T8", "T9")]


def test_comparison_with_last_year_when_linked():
    last = realistic_report(2022)
    last.set_value("s3.new.natural", 7)
    this = realistic_report(2023)
    assert "比上年" not in printed(this, "s3")[0]
    this.previous = make_previous(last)
    assert printed(this, "s3")[0].startswith("本年度共收到政府信息公开申请13件，比上年增加3件，增长30%，其中自然人申请10件")
    assert any(f.mode == "change" for f in fields_in(draft(this, ("s3",))[0].text))


def test_zero_sentence_becomes_a_warning_when_the_table_changes():
    report = load_sample_like()
    report.texts["s1"] = "".join(p.text for p in draft(report, ("s4",)))
    assert not [f for f in check(report) if f.rule == "T9"]
    report.set_value("s4.review.upheld", 3)
    found = [f for f in check(report) if f.rule == "T9"]
    assert len(found) == 1 and "本年度本机关未发生因政府信息公开工作被申请行政复议、提起行政诉讼的情况" in found[0].message


def load_sample_like() -> Report:
    return Report.new(2023, "某镇人民政府")


def test_2019_format():
    report = Report.new(2020, "某镇人民政府")
    report.set_values([("s2.normative.made", 2), ("s2.normative.published", 2), ("s2.normative.total_public", 15),
                       ("s2.license.decisions", 30), ("s3.new.natural", 3), ("s3.granted.natural", 2),
                       ("s3.other.natural", 1)])
    assert printed(report, "s2", "s3") == [
        "本年度，本机关新制作规范性文件2件，新公开2件，对外公开共15件；作出行政许可决定30件；"
        "未作出其他对外管理服务事项、行政处罚和行政强制决定；无政府集中采购项目。",
        "本年度共收到政府信息公开申请3件，其中自然人申请3件；无上年结转的申请。",
        "本年度办结政府信息公开申请3件，其中予以公开2件，其他处理1件；无结转下年度继续办理的申请。",
    ]


@pytest.mark.parametrize("name", ["三", "3", "s3", "三、收到和处理政府信息公开申请情况"])
def test_section_names(name):
    assert section_key(name) == "s3"


def test_unknown_section_is_named():
    with pytest.raises(ValueError, match="可选：二、三、四"):
        section_key("五")
