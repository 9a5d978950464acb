"""Report pages as portals, mirrors and Word files really carry them (issue 12): year-first titles, breadcrumbs,
preambles, agencies on the next line, pages that stop early, altered and duplicated headers, Traditional script.
Agencies, sentences and figures are invented; the layouts are the official ones."""

from __future__ import annotations

import re

import pytest

from app.imports import import_source
from app.imports.source import SourceDocument
from app.imports.title import agency_type_for, find_title
from app.report.fold import _converter
from app.rules import check
from tests.app.imports.builders import report_html
from tests.factories import realistic_report


def write(tmp_path, html: str, name: str = "page.html"):
    path = tmp_path / name
    path.write_text(html, encoding="utf-8")
    return path


def rules_of(report) -> dict[str, list]:
    out: dict[str, list] = {}
    for f in check(report):
        out.setdefault(f.rule, []).append(f)
    return out


# -- titles, years, agencies --------------------------------------------------------------------------------------
@pytest.mark.parametrize("lines, emphasised, year, agency, source", [
    # year first, the portals' most common title
    (["2019年某市人民政府办公厅政府信息公开工作年度报告"], {0}, 2019, "某市人民政府办公厅", "取自标题"),
    (["2023年度某县医疗保障局政府信息公开工作年度报告"], set(), 2023, "某县医疗保障局", "取自标题"),
    # a portal heading without the agency: the agency is the next short line, the title repeated under it
    (["首页 > 信息公开 > 年度报告", "2024年政府信息公开工作年度报告", "某县某某镇人民政府",
      "2024年政府信息公开工作年度报告"], {1}, 2024, "某县某某镇人民政府", "取自标题下一行"),
    # Word: the name on its own line above the title (the two lines read as one title)
    (["某县某某乡人民政府", "2022年度政府信息公开工作年度报告"], set(), 2022, "某县某某乡人民政府", "取自标题"),
    (["某县某某乡人民政府", "2022年度政府信息公开工作年度报告"], {1}, 2022, "某县某某乡人民政府", "取自标题"),
    # broken over two lines in the middle of a phrase
    (["某县某某街道办事处2024年度政府", "信息公开工作年度报告"], set(), 2024, "某县某某街道办事处", "取自标题"),
    # full-width digits and spaces typed around the year
    (["某县农业农村局　２０２２　年政府信息公开工作年度报告"], set(), 2022, "某县农业农村局", "取自标题"),
    # a sentence quoting the title comes first: it is never the title, nor its agency
    (["按照《条例》要求，现将某市水务局2023年政府信息公开工作年度报告公布如下。",
      "某市水务局2023年政府信息公开工作年度报告"], set(), 2023, "某市水务局", "取自标题"),
    # last year's report linked in the page's side list, before the real (centred) heading
    (["2022年政府信息公开工作年度报告", "某县交通运输局2023年政府信息公开工作年度报告"], {1}, 2023, "某县交通运输局",
     "取自标题"),
    # agency first with 关于 … 情况的报告
    (["某区人民政府办公室关于2022年度政府信息公开情况的报告"], set(), 2022, "某区人民政府办公室", "取自标题"),
])
def test_titles(lines, emphasised, year, agency, source):
    doc = SourceDocument("html", "p.html", blocks=[*lines, "一、总体情况", "本年度……"], emphasised=emphasised)
    title = find_title(doc)
    assert (title.year, title.agency) == (year, agency)
    assert title.agency_source.startswith(source)


@pytest.mark.parametrize("lines", [
    ["首页 > 信息公开 > 年度报告", "2024年政府信息公开工作年度报告"],  # a breadcrumb is never the agency
    ["2024年政府信息公开工作年度报告", "发布时间：2025-01-20 来源：县政府办 浏览次数：132"],  # nor the page's metadata
    ["2024年政府信息公开工作年度报告", "根据《条例》规定，现公布本机关2024年度报告。"],  # nor a sentence
    ["当前位置：首页 › 政务公开 › 某县某某镇人民政府", "2024年政府信息公开工作年度报告"],
])
def test_no_agency_rather_than_a_breadcrumb_a_sentence_or_metadata(lines):
    title = find_title(SourceDocument("html", "p.html", blocks=[*lines, "一、总体情况"]))
    assert title.year == 2024
    assert title.agency == ""


def test_page_title_with_the_site_name_is_the_fallback():
    doc = SourceDocument("html", "p.html", blocks=["一、总体情况", "本年度……"],
                         title="2023年某县林业局政府信息公开工作年度报告_某县人民政府门户网站")
    title = find_title(doc)
    assert (title.year, title.agency) == (2023, "某县林业局")
    assert "网页或文档属性中的标题" in title.year_source


def test_traditional_title_keeps_the_name_converted_whole():
    doc = SourceDocument("html", "p.html", blocks=["某縣檔案館2022年政府資訊公開工作年度報告", "一、總體情況"])
    title = find_title(doc)
    assert (title.year, title.agency) == (2022, "某县档案馆")  # not 文件馆: 檔案→文件 is for labels only
    assert "原文为繁体“某縣檔案館”" in title.agency_source


@pytest.mark.parametrize("name, kind", [
    ("某市人民政府办公厅", "county_department"), ("某县某某乡人民政府", "township"), ("某区某某街道办事处", "subdistrict"),
    ("某县人民政府", "government"), ("某县档案馆", "county_department"), ("某县某某镇", "township"),
    ("某某协会", "other"),
])
def test_agency_type_from_the_name_with_the_reason(name, kind):
    found, why = agency_type_for(name)
    assert found == kind
    assert why


# -- whole pages --------------------------------------------------------------------------------------------------
def year_first_page(report, agency_line: bool = True) -> str:
    """The page with a breadcrumb, a year-first heading without the agency, the agency on the next line and a
    preamble sentence quoting the title."""
    page = report_html(report, blank="0")
    heading = f"{report.year}年政府信息公开工作年度报告"
    preamble = f"<p>按照《条例》要求，现将{report.agency}{heading}公布如下。</p>"
    lines = f'<h1 style="text-align:center">{heading}</h1>' + (f"<p>{report.agency}</p>" if agency_line else "")
    return re.sub(r"<h1[^>]*>.*?</h1>", lines + preamble, page)


def test_year_first_portal_page_with_agency_below_and_a_preamble(tmp_path):
    original = realistic_report(2024, agency_type="township")
    original.agency = "某县某某镇人民政府"
    original.set_values([("s2.rules.issued", 1), ("s2.rules.in_force", 3)])
    report, info = import_source(write(tmp_path, year_first_page(original)))
    assert (report.year, report.agency, report.agency_type) == (2024, "某县某某镇人民政府", "township")
    assert report.values == original.values
    assert report.texts["intro"] == "按照《条例》要求，现将某县某某镇人民政府2024年政府信息公开工作年度报告公布如下。"
    assert "机关：某县某某镇人民政府（取自标题下一行“某县某某镇人民政府”，请核对）" in info.lines()
    assert "机关类型：乡镇（按名称中的“镇人民政府”推断，请核对）" in info.lines()
    # the type-dependent checks run on what was imported: a township reporting 规章
    assert len(rules_of(report)["S1"]) == 2


def cut_page(html: str, row_label: str, values_kept: int) -> str:
    """The page as a length-limited copy or a page saved while loading leaves it: it stops inside a row."""
    start = html.index(row_label)
    cells = [m.end() for m in re.finditer(r"</td>", html[start:])]
    return html[:start + cells[values_kept]]  # the label cell's </td>, then `values_kept` value cells


def test_a_page_cut_inside_section_three_is_incomplete_not_wrong(tmp_path):
    original = realistic_report(2024)
    original.set_values([("s3.deny.5.natural", 2), ("s3.deny.5.other", 1)])
    page = cut_page(report_html(original, blank="0"), "5.属于三类内部事务信息", 6)
    report, info = import_source(write(tmp_path, page))
    fmt = report.format
    row = fmt.table("s3").blocks[0].cells[[r.id for r, _ in fmt.table("s3").blocks[0].leaf_rows].index("deny.5")]
    assert [report.values[c] for c in row[:6]] == [2, 0, 0, 0, 0, 1]  # the cut row's leading cells are kept
    assert report.absence.cells[row[6]] == "cut" and report.is_absent(row[6])
    assert all(report.is_absent(c) for c in fmt.cells_of("s4"))
    assert report.absent_texts() == {"s5": "cut", "s6": "cut"}
    assert report.absence.end == "第三部分“5.属于三类内部事务信息”行“其他”列"
    assert not info.unplaced
    found = rules_of(report)
    assert set(found) == {"I1"}, {k: v[0].message for k, v in found.items()}
    assert found["I1"][0].message.startswith("原文在第三部分“5.属于三类内部事务信息”行“其他”列之后中断，其后内容缺失：")
    assert any(line.startswith("原文不完整：在第三部分“5.属于三类内部事务信息”行“其他”列之后中断") for line in info.lines())


def test_a_page_cut_after_a_whole_row(tmp_path):
    original = realistic_report(2024)
    page = report_html(original, blank="0")
    start = page.index("4.保护第三方合法权益")
    page = page[:page.index("</tr>", start) + 5]
    report, _ = import_source(write(tmp_path, page))
    assert report.values["s3.deny.4.natural"] == 1 and not report.is_absent("s3.deny.4.total")
    assert report.absence.end == "第三部分“4.保护第三方合法权益”行“总计”列"
    assert report.is_absent("s3.deny.5.natural")
    assert set(rules_of(report)) == {"I1"}


def test_a_page_saved_while_loading_stops_on_a_heading(tmp_path):
    original = realistic_report(2024)
    page = report_html(original, blank="0")
    page = page[:page.index("五、存在的主要问题及改进情况") + len("五、存在的主要问题及改进情况")]
    report, _ = import_source(write(tmp_path, page))
    assert report.values == original.values  # every table is there
    assert report.absence.end == "“五、存在的主要问题及改进情况”的标题"
    assert report.absent_texts() == {"s5": "cut", "s6": "cut"}
    (f,) = rules_of(report)["I1"]
    assert "T5" not in rules_of(report)
    assert f.message.startswith("原文在“五、存在的主要问题及改进情况”的标题之后中断，其后内容缺失：“五、存在的主要问题及改进情况”"
                                "“六、其他需要报告的事项”的文字")


def test_a_complete_page_without_two_tables_names_them_as_missing_not_cut(tmp_path):
    original = realistic_report(2024)
    page = report_html(original, blank="0")
    three = page.index("三、收到和处理政府信息公开申请情况")
    five = page.index("<p><strong>五、")
    page = page[:three - len("<p><strong>")] + page[five:]
    report, info = import_source(write(tmp_path, page))
    assert report.absence.end == ""
    assert set(report.absence.cells.values()) == {"missing"}
    (f,) = rules_of(report)["I1"]
    assert f.message.startswith("原文中没有第三部分的表格、第四部分的表格。")
    assert "R9" not in rules_of(report) and "R1" not in rules_of(report)
    assert "原文中没有的内容（导入为“缺”，检查时不当作空白或 0）：第三部分的表格、第四部分的表格" in info.lines()


# -- headers ------------------------------------------------------------------------------------------------------
def test_a_shortened_header_is_matched_when_unambiguous_and_listed(tmp_path):
    original = realistic_report(2021)
    page = report_html(original, blank="0").replace(">本年制发件数<", ">本年发件<").replace(">现行有效件数<", ">现行有效件<")
    report, info = import_source(write(tmp_path, page))
    assert report.values == original.values
    assert {"本年发件 → 本年制发件数", "现行有效件 → 现行有效件数"} <= set(info.approximate)


def test_a_header_twice_is_refused_with_its_name_and_the_row_is_not_called_blank(tmp_path):
    original = realistic_report(2020)
    page = report_html(original, blank="0").replace(">本年新制作数量<", ">本年新<").replace(">本年新公开数量<", ">本年新<")
    report, info = import_source(write(tmp_path, page))
    (refusal,) = [u for u in info.unplaced if u.text == "表头"]
    assert refusal.reason == ("列位置无法确定：表头“本年新”出现两次，无法区分哪一列是“本年新制作数量”还是“本年新公开数量”。"
                              "为避免错位，本表的数值没有导入")
    assert report.absence.cells["s2.normative.made"] == "refused"
    r9 = [f.message for f in rules_of(report).get("R9", [])]
    assert "第二部分“规范性文件”行没有导入：原文中有这些数字，但导入时无法读取或无法确定位置（原因见导入报告）。请对照原文填写，不要当作空白" in r9
    assert not any("为空白" in m for m in r9)
    assert "I1" not in rules_of(report)  # the page is complete: nothing is missing from it
    assert report.values["s2.license.prev_items"] == original.values["s2.license.prev_items"]  # the next block reads


def test_a_shortened_header_that_fits_two_columns_is_refused_with_both(tmp_path):
    original = realistic_report(2020)
    page = report_html(original, blank="0").replace(">本年新制作数量<", ">本年新<")
    _, info = import_source(write(tmp_path, page))
    (refusal,) = [u for u in info.unplaced if u.text == "表头"]
    assert "表头“本年新”可能是“本年新制作数量”，也可能是“本年新公开数量”，无法区分" in refusal.reason


# -- Traditional script -------------------------------------------------------------------------------------------
@pytest.mark.parametrize("config", ["s2t", "s2twp"])
def test_a_traditional_mirror_imports_whole_and_its_text_raises_no_false_topic_warnings(tmp_path, config):
    original = realistic_report(2020)
    page = _converter(config).convert(year_first_page(original))
    assert ("規範性檔案" in page) == (config == "s2twp")
    report, info = import_source(write(tmp_path, page))
    assert report.values == original.values
    assert report.agency == "某县自然资源局" and "原文为繁体" in info.agency_reason
    assert report.texts["s1"] == _converter(config).convert(original.texts["s1"])  # kept as written
    assert "T2" not in rules_of(report)
