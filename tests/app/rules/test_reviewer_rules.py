"""The slips a county reviewer circles, each found with its evidence, and the false alarms that must not appear.
Agencies and sentences are invented; the figures are of the size real county departments report."""

from __future__ import annotations

import pytest

from app.rules import check, check_traced
from tests.factories import realistic_report

APPLICANTS = ("natural", "business", "research", "nonprofit", "legal", "other")
# A busy 2019-format county bureau: 予以公开 121 + 部分公开 20 = 141; 无法提供 90 + 9 + 4 = 103; 342 handled.
RESULTS_2019 = {
    "s3.granted": (98, 20, 0, 0, 3, 0), "s3.partial": (17, 3, 0, 0, 0, 0),
    "s3.deny.1": (2, 0, 0, 0, 0, 0), "s3.deny.4": (5, 1, 0, 0, 0, 0), "s3.deny.6": (3, 0, 0, 0, 0, 0),
    "s3.unable.1": (80, 10, 0, 0, 0, 0), "s3.unable.2": (9, 0, 0, 0, 0, 0), "s3.unable.3": (0, 0, 0, 0, 4, 0),
    "s3.reject.1": (41, 0, 0, 0, 0, 0), "s3.reject.2": (30, 2, 0, 0, 0, 0), "s3.other": (14, 0, 0, 0, 0, 0),
}
CARRY_IN = (6, 1, 0, 0, 0, 0)
CARRY_OVER = (9, 0, 0, 0, 0, 0)


def bureau_2019(blank_totals: bool = True):
    """An imported 2020 report whose 总计 column was left blank (as one provincial site publishes them)."""
    r = realistic_report(2020, agency_type="county_department")
    r.agency = "某县住房和城乡建设局"
    r.auto_total = False
    for row, figures in RESULTS_2019.items():
        r.values.update({f"{row}.{a}": v for a, v in zip(APPLICANTS, figures, strict=True)})
    for i, a in enumerate(APPLICANTS):
        handled = sum(f[i] for f in RESULTS_2019.values())
        r.values.update({f"s3.carry_in.{a}": CARRY_IN[i], f"s3.carry_over.{a}": CARRY_OVER[i],
                         f"s3.new.{a}": handled + CARRY_OVER[i] - CARRY_IN[i],
                         f"s3.total.{a}": handled})
    totals = [c for c in r.format.cells if c.startswith("s3.") and c.endswith(".total")]
    for c in totals:
        r.values[c] = None if blank_totals else sum(r.values[c[:-5] + a] for a in APPLICANTS)
    r.values.update({"s4.review.upheld": 1, "s4.review.pending": 1, "s4.review.total": 2})
    r.texts["s1"] = ("2020年，本局深入贯彻《条例》，主动公开规划许可、工程招投标等信息；依申请公开工作规范有序；"
                     "加强政府信息管理，做好保密审查；推进政府网站公开专栏建设；强化监督保障，开展业务培训。")
    r.texts["s6"] = "无"
    return r


def messages(findings, rule):
    return [f.message for f in findings if f.rule == rule]


def test_the_bureau_report_with_blank_totals_is_clean_apart_from_its_blanks():
    r = bureau_2019()
    found = check(r)
    # Each blank 总计 fails its total rule R3 (a blank is not the sum), the blanks are one R9: nothing else.
    assert {f.rule for f in found} == {"R3", "R9"} and len([f for f in found if f.rule == "R9"]) == 1
    r.values["s3.unable.3.legal"] = 4
    r.texts["s1"] += "全年予以公开及部分公开141件，无法提供103件，依法答复342件，1件顺延至下年度办理。"
    r.values["s3.carry_over.natural"] = 1
    r.values["s3.new.natural"] -= 8
    assert messages(check(r), "R8") == []


def test_r8_compares_with_the_applicant_columns_when_the_total_is_blank():
    r = bureau_2019()
    r.texts["s1"] += "全年予以公开及部分公开128件；无法提供96件。"
    found = messages(check(r), "R8")
    assert found == [
        "“一、总体情况”中写的“全年予以公开及部分公开128件”与表格不一致：文字为 128，表格“予以公开及部分公开”各项之和"
        "（总计栏为空白，按六类申请人之和）为 141。如果文字统计的是别的口径，可写明理由后忽略",
        "“一、总体情况”中写的“无法提供96件”与表格不一致：文字为 96，表格“无法提供”各项之和（总计栏为空白，按六类申请人之和）"
        "为 103。如果文字统计的是别的口径，可写明理由后忽略"]


def test_r8_reads_combined_quantities_and_words_after_the_number():
    r = bureau_2019(blank_totals=False)
    r.texts["s5"] = ("本年共收办政府信息公开申请351件，依法答复340件，不予处理（重复申请等）73件，"
                     "有9件顺延至下年度办理。")
    found = {f.message.split("：文字为 ")[1].split("。")[0] for f in check(r) if f.rule == "R8"}
    assert found == {"340，表格第三部分“（七）总计”行“总计”列为 342"}  # 351 = 344 + 7 and 73 = 41 + 32 hold
    r.texts["s5"] = "另有10件顺延至下年度办理。"
    assert messages(check(r), "R8") == [
        "“五、存在的主要问题及改进情况”中写的“另有10件顺延至下年度办理”与表格不一致：文字为 10，表格第三部分"
        "“四、结转下年度继续办理”行“总计”列为 9。如果文字统计的是别的口径，可写明理由后忽略"]


def test_r8_checks_a_percentage_against_the_tables_own_ratio():
    r = bureau_2019()
    r.texts["s1"] += "予以公开及部分公开141件，占41.2%。"  # 141 ÷ 342 = 41.23 %
    assert messages(check(r), "R8") == []
    r.texts["s1"] = r.texts["s1"].replace("占41.2%", "占45.2%")
    assert messages(check(r), "R8") == [
        "“一、总体情况”中写的“予以公开及部分公开141件，占45.2%”与表格不一致：文字为 45.2%，按表格“予以公开及部分公开”141 ÷ "
        "“本年办理结果总计”342 = 41.23%"]


def test_r8_outcome_words_against_section_four():
    r = bureau_2019(blank_totals=False)
    r.texts["s1"] += "本年度因政府信息公开被申请行政复议2件，均获维持。"
    (f,) = [f for f in check(r) if f.rule == "R8"]
    assert f.message == ("“一、总体情况”中写的“行政复议2件，均获维持”与表格不一致：第四部分“行政复议”结果纠正 0、"
                         "其他结果 0、尚未审结 1（总计 2）。请核对文字或表格")
    assert "s4.review.pending" in f.cells and f.severity == "warning"
    r.values.update({"s4.review.upheld": 2, "s4.review.pending": 0})
    assert messages(check(r), "R8") == []
    r.texts["s6"] = "全年未发生因政府信息公开引起的行政诉讼。"
    r.values.update({"s4.suit_direct.pending": 1, "s4.suit_direct.total": 1})
    assert messages(check(r), "R8") == [
        "“六、其他需要报告的事项”中写的“未发生因政府信息公开引起的行政诉讼”与表格不一致：第四部分“行政诉讼”总计 1（总计 1）。"
        "请核对文字或表格"]


@pytest.mark.parametrize("sentence", [
    "坚持做到“办结一件、满意一件”，全年办结政府信息公开申请342件。",
    "坚持办结一件、满意一件，群众满意度持续提升。",
    "认真对待每一件政府信息公开申请。",
    "建立一件一档的办理台账。",
    "办理第3件申请时发现表述不清。",
    "接待群众现场咨询120件次。",
    "依据《某县政府信息公开申请办理规程（第2件）》开展工作。",
])
def test_no_r8_for_quoted_measure_ordinal_or_date_numbers(sentence):
    r = bureau_2019(blank_totals=False)
    r.texts["s1"] += sentence
    assert messages(check(r), "R8") == []


def test_passed_lists_the_text_figures_that_agree():
    r = bureau_2019()
    r.texts["s1"] += "全年予以公开及部分公开141件。"
    _, passed = check_traced(r)
    assert any(p.rule == "R8" and p.detail == "“一、总体情况”中的“全年予以公开及部分公开141件” = 表格“予以公开及部分公开”各项之和"
               "（总计栏为空白，按六类申请人之和） 141" for p in passed)


def test_t6_section_five_written_as_none():
    r = realistic_report()
    r.texts["s5"] = "无。"
    (msg,) = messages(check(r), "T6")
    assert msg == ("“五、存在的主要问题及改进情况”只写了“无。”（1 个字，少于 15 个）。审核时会被退回：请写明本年度存在的主要问题"
                   "和改进情况")
    r.texts["s5"] = "工作人员力量不足，培训不够；明年将配齐专职人员并开展两次业务培训。"
    assert messages(check(r), "T6") == []


def test_f2_a_2021_format_report_citing_the_2019_notice():
    r = realistic_report(2023)
    r.texts["intro"] = ("根据《国务院办公厅政府信息与政务公开办公室关于政府信息公开工作年度报告有关事项的通知》要求，"
                        "编制本报告。")
    (f,) = [f for f in check(r) if f.rule == "F2"]
    assert f.severity == "warning" and f.section == "intro"
    assert f.message.startswith("“开头部分”中“根据《国务院办公厅政府信息与政务公开办公室关于政府信息公开工作年度报告有关事项的"
                                "通知》要求，编制本报告”引用的是 2019 年的试行格式通知")
    assert "2023年度报告应依据" in f.message and "国办公开办函〔2021〕30号" in f.message
    r.texts["intro"] = "根据《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕30号）编制本报告。"
    assert messages(check(r), "F2") == []
    old = realistic_report(2020)
    old.texts["intro"] = "依据国办公开办函〔2019〕60号编制。"
    assert messages(check(old), "F2") == []  # the 2019 format's own notice


def test_t1_t4_the_parts_the_preamble_announces():
    r = realistic_report(2023)
    r.texts["intro"] = "本报告共分四个部分：总体情况、主动公开情况、存在问题、其他事项。"
    found = check(r)
    assert messages(found, "T1") == [
        "“开头部分”写“本报告共分四个部分：总体情况、主动公开情况、存在问题、其他事项”，说有 4 个部分，但年度报告有 6 个部分"
        "（一、总体情况、二、主动公开政府信息情况、三、收到和处理政府信息公开申请情况、四、政府信息公开行政复议、行政诉讼情况、"
        "五、存在的主要问题及改进情况、六、其他需要报告的事项）"]
    assert messages(found, "T4") == []  # one slip, one warning
    r.texts["intro"] = "本报告全文包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、存在的主要问题及改进情况等四个部分。"
    assert messages(check(r), "T1") == [  # the list first, the number after it
        "“开头部分”写“本报告全文包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、存在的主要问题及改进情况等四个部分”，"
        "说有 4 个部分，但年度报告有 6 个部分（一、总体情况、二、主动公开政府信息情况、三、收到和处理政府信息公开申请情况、"
        "四、政府信息公开行政复议、行政诉讼情况、五、存在的主要问题及改进情况、六、其他需要报告的事项）"]
    r.texts["intro"] = "本报告由总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、存在的主要问题及改进情况、其他需要报告的事项等六个部分组成。"
    assert messages(check(r), "T1") == []
    assert messages(check(r), "T4") == [
        "“开头部分”写“本报告由总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、存在的主要问题及改进情况、其他需要报告的事项"
        "等六个部分组成”，没有列出“四、政府信息公开行政复议、行政诉讼情况”"]
    r.texts["intro"] = "全文包括六个部分：总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、存在的主要问题及改进情况、其他需要报告的事项。"
    assert messages(check(r), "T1") == []
    assert messages(check(r), "T4") == [
        "“开头部分”写“全文包括六个部分：总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、存在的主要问题及改进情况、"
        "其他需要报告的事项”，没有列出“四、政府信息公开行政复议、行政诉讼情况”"]
    r.texts["intro"] = r.texts["intro"].replace("存在的", "政府信息公开行政复议行政诉讼情况、存在的")
    assert messages(check(r), "T1") + messages(check(r), "T4") == []


def test_t3_a_breakdown_that_does_not_add_up():
    r = realistic_report(2023)
    r.texts["s1"] += "本年主动公开信息80条，其中：通知公告25条、工作动态15条。"
    assert messages(check(r), "T3") == [
        "“一、总体情况”中“本年主动公开信息80条，其中：通知公告25条、工作动态15条”：分项 25+15 = 40条，与总数 80条 不符（相差 40）"]
    r.texts["s1"] = r.texts["s1"].replace("15条。", "15条、政策解读40条。")
    assert messages(check(r), "T3") == []
    r.texts["s1"] = r.texts["s1"].replace("政策解读40条。", "政策解读12条等。")  # a list that says it is not complete
    assert messages(check(r), "T3") == []


def test_s4_2019_item_counts_used_as_decisions():
    r = realistic_report(2020)
    r.set_values([("s2.license.prev_items", 61), ("s2.license.change", 36), ("s2.license.decisions", 97)])
    (f,) = [f for f in check(r) if f.rule == "S4"]
    assert f.severity == "info" and f.cells == ("s2.license.decisions", "s2.license.prev_items", "s2.license.change")
    assert f.message.startswith("第二部分“行政许可”：处理决定数量 97 = 上一年项目数量 61 + 本年增/减 36。")
    r.set_value("s2.license.decisions", 1240)
    assert messages(check(r), "S4") == []


def test_t2_judges_topics_by_headings_and_sentence_starts():
    r = realistic_report(2023)
    r.texts["s1"] = ("（一）加强组织领导，召开专题会议部署政务公开工作。\n（二）加强学习培训。\n"
                     "（三）政府信息管理：依法做好公开属性认定和保密审查。\n（四）平台建设：在政府网站统一发布信息。\n"
                     "（五）监督保障：加强督查，确保主动公开、依申请公开等工作落实。")
    topics = {m.split("“")[2].split("”")[0] for m in messages(check(r), "T2")}
    assert topics == {"主动公开", "依申请公开"}  # named only in passing under 监督保障
    r.texts["s1"] += "\n（六）主动公开：全年主动公开政府信息1290条。\n（七）依申请公开：全年收到申请13件，均按时答复。"
    assert messages(check(r), "T2") == []


def test_a_traditional_script_mirror_is_checked_like_its_original():
    r = realistic_report(2023)
    original = check(r)
    r.texts["s1"] = ("2023年，本局深入貫徹《中華人民共和國政府資訊公開條例》，主動公開政策檔案和執法資訊；"
                     "依申請公開工作規範有序，全年共收到政府資訊公開申請13件；加強政府資訊管理，做好公開屬性認定和保密審查；"
                     "推進政府資訊公開平臺建設，及時更新政府網站公開專欄；強化監督保障，將政務公開納入年度考核，開展業務培訓。")
    assert check(r) == original == []
    r.texts["s1"] = r.texts["s1"].replace("13件", "15件")
    assert [f.rule for f in check(r)] == ["R8"]



def test_figures_whose_cells_the_cut_source_lacks_are_unverifiable_hints():
    from tests.app.rules.test_absent_checks import imported_cut_page  # noqa: PLC0415 - one cut page for both files

    r = imported_cut_page()  # the page stops after 第三部分（三）5: 无法提供 and all of 第四部分 are not in it
    r.texts["s1"] += "其中予以公开6件，无法提供3件。被申请行政复议2件，均获维持。"
    found = [f for f in check(r) if f.rule == "R8"]
    assert [(f.severity, f.message) for f in found] == [
        ("info", "“一、总体情况”中写的“无法提供3件”无法核对：表格中“无法提供”的数字原文缺失（导入的原文不完整）"),
        ("info", "“一、总体情况”中写的“被申请行政复议2件”无法核对：表格中“行政复议”的数字原文缺失（导入的原文不完整）"),
        ("info", "“一、总体情况”中写的“行政复议2件，均获维持”无法核对：表格中第四部分“行政复议”的数字原文缺失（导入的原文不完整）")]
    r.texts["s1"] = r.texts["s1"].replace("予以公开6件", "予以公开7件")  # 予以公开 is on the page: compared as always
    assert [f.severity for f in check(r) if f.rule == "R8"] == ["warning", "info", "info", "info"]


def test_f5_an_imported_title_that_is_not_the_official_one(tmp_path):
    from app import storage  # noqa: PLC0415
    from app.imports import import_source  # noqa: PLC0415
    from tests.app.imports.builders import report_html  # noqa: PLC0415

    original = realistic_report(2023)
    page = report_html(original).replace(original.title, "某县自然资源局关于2023年度政府信息公开情况的报告")
    (tmp_path / "p.html").write_text(page, encoding="utf-8")
    report, _ = import_source(tmp_path / "p.html")
    assert report.stated_title == "某县自然资源局关于2023年度政府信息公开情况的报告"
    (f,) = [f for f in check(report) if f.rule == "F5"]
    assert f.severity == "warning" and f.message == (
        "原文标题“某县自然资源局关于2023年度政府信息公开情况的报告”不是规定的标题：年度报告的标题应为"
        "“某县自然资源局2023年政府信息公开工作年度报告”（机关名称＋年份＋“年政府信息公开工作年度报告”）")
    storage.save(report, tmp_path / "r.zwgk")
    assert storage.load(tmp_path / "r.zwgk").stated_title == report.stated_title  # kept in the file
    (tmp_path / "q.html").write_text(report_html(original), encoding="utf-8")
    good, _ = import_source(tmp_path / "q.html")
    assert good.stated_title == "某县自然资源局2023年政府信息公开工作年度报告"
    assert messages(check(good), "F5") == []


@pytest.mark.parametrize(("title", "official"), [
    ("2024年某县某某镇人民政府政府信息公开工作年度报告", True),  # year first, as portals title their pages
    ("某县某某街道办事处2024年度政府信息公开工作年度报告", True),
    ("某县某局关于2023年度政府信息公开情况的报告", False),
    ("某县某局2023年度政务公开工作总结", False),
    ("某縣某局2023年政府資訊公開工作年度報告", True),  # a Traditional mirror of the official title
])
def test_f5_which_titles_are_official(title, official):
    r = realistic_report(2023)
    r.stated_title = title
    assert (messages(check(r), "F5") == []) is official
    assert messages(check(realistic_report(2023)), "F5") == []  # made here: always the official title
