"""Titles, headings, agency types and text splitting as published reports write them; imports stay offline."""

from __future__ import annotations

import socket

import pytest

from app.imports import import_source
from app.imports.assemble import heading_section, split_texts
from app.imports.source import SourceDocument
from app.imports.title import Title, agency_type_for, find_title
from app.report.formats import load_format
from tests.app.imports.builders import report_docx, report_html
from tests.factories import realistic_report

F2021 = load_format("gov-2021")


@pytest.mark.parametrize("paragraphs, year, agency", [
    (["某县自然资源局2023年政府信息公开工作年度报告"], 2023, "某县自然资源局"),
    (["金殿镇人民政府", "2021年政府信息公开工作年度报告"], 2021, "金殿镇人民政府"),
    (["某区人民政府办公室关于2022年度政府信息公开情况的报告"], 2022, "某区人民政府办公室"),
    (["首页 > 信息公开 > 年报", "某街道办事处 2024 年政府信息公开工作年度报告"], 2024, "某街道办事处"),
])
def test_titles_as_published(paragraphs, year, agency):
    doc = SourceDocument("html", "p.html", blocks=[*paragraphs, "一、总体情况"])
    title = find_title(doc)
    assert (title.year, title.agency) == (year, agency)
    assert title.last == len(paragraphs) - 1


@pytest.mark.parametrize("text, key", [
    ("一、总体情况", "s1"),
    ("一.总体情况", "s1"),
    ("（一）总体情况", "s1"),
    ("四、因政府信息公开工作被申请行政复议、提起行政诉讼情况", "s4"),
    ("五、政府信息公开工作存在的主要问题及改进情况", "s5"),
    ("六、其他需要报告的事项", "s6"),
    ("一、健全机构，进一步加强组织领导", None),
    ("一是完善目录，进一步强化工作制度", None),
    ("五、存在的主要问题及改进情况。我镇在2023年中还存在人员不足、培训不够等问题，需要在今后工作中逐步加以解决", None),
])
def test_section_headings_and_look_alikes(text, key):
    assert heading_section(text, F2021) == key


def test_split_texts_keeps_subheadings_and_drops_signature_and_portal_footer():
    blocks = ["某镇2023年政府信息公开工作年度报告", "根据条例要求，现公布本年度报告。", "一、总体情况", "一、健全机构", "本镇……",
              "二、主动公开政府信息情况", "该部分以表格形式报告", "五、存在的主要问题及改进情况", "（一）存在的主要问题", "人员不足。",
              "六、其他需要报告的事项", "无", "某镇人民政府", "2024年1月18日", "主办单位：某县人民政府办公室", "网站标识码：123"]
    doc = SourceDocument("html", "p.html", blocks=blocks)
    split = split_texts(doc, F2021, Title(blocks={0}, last=0))
    texts, missing, compiled_on = split.texts, split.missing, split.compiled_on
    assert texts["intro"] == "根据条例要求，现公布本年度报告。"
    assert texts["s1"] == "一、健全机构\n本镇……"
    assert texts["s5"] == "（一）存在的主要问题\n人员不足。"
    assert texts["s6"] == "无"
    assert compiled_on == "2024-01-18"
    assert missing == ["三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议、行政诉讼情况"]


@pytest.mark.parametrize("name, kind", [
    ("金殿镇人民政府", "township"), ("某乡人民政府", "township"), ("某街道办事处", "subdistrict"),
    ("某县人民政府", "government"), ("某县自然资源局", "county_department"), ("某县人民政府办公室", "county_department"),
    ("某某协会", "other"),
])
def test_agency_type_guess(name, kind):
    assert agency_type_for(name)[0] == kind


def test_imports_never_open_a_socket(tmp_path, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("an import tried to use the network")

    r = realistic_report(2023)
    docx_path = report_docx(r, tmp_path / "r.docx")
    html_path = tmp_path / "r.html"
    # a page that links remote images, styles and scripts, as portal pages do
    html_path.write_text(report_html(r).replace("<head>", '<head><link rel="stylesheet" href="http://x.gov.cn/a.css">'
                                                '<script src="http://x.gov.cn/a.js"></script>')
                         .replace("</h1>", '</h1><img src="http://x.gov.cn/logo.png">'), encoding="utf-8")
    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    for path in (docx_path, html_path):
        report, _ = import_source(path)
        assert report.values == r.values
