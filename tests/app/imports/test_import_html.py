"""Web-page import: report pages as government portals publish them (layout tables around the article, GBK
encoding, rowspan/colspan, “/” for blanks, wrapped labels), pages whose merged header was lost, non-report pages."""

from __future__ import annotations

import pytest

from app.imports import ImportFailure, import_source
from app.imports.html import decode, parse_html
from tests.app.imports.builders import report_html
from tests.factories import realistic_report


def _write(tmp_path, html: str, name: str = "page.html", encoding: str = "utf-8"):
    p = tmp_path / name
    p.write_bytes(html.encode(encoding))
    return p


def test_portal_page_with_spans_and_slashes_imports_values_and_texts(tmp_path):
    original = realistic_report(2023)
    report, info = import_source(_write(tmp_path, report_html(original, zero="/")))
    assert report.format.id == "gov-2021"
    assert report.year == 2023 and report.agency == "某县自然资源局"
    nonzero = {c: v for c, v in original.values.items() if v}
    for cid, v in nonzero.items():
        assert report.values[cid] == v, cid
    zeros = [c for c, v in original.values.items() if v == 0]
    assert all(report.values[c] is None for c in zeros)  # the page wrote “/”: blank, not 0
    assert set(info.blank) == set(zeros) and set(info.blank.values()) == {"/"}
    assert not info.unplaced
    assert report.texts["s1"] == original.texts["s1"]
    assert report.texts["s6"] == "无"
    assert report.compiled_on == "2024-01-20"  # the signature date closing the page, not part of 六


def test_gbk_page_with_meta_charset(tmp_path):
    original = realistic_report(2023)
    page = report_html(original, blank="0", charset="gb2312")
    report, _ = import_source(_write(tmp_path, page, encoding="gb18030"))
    assert report.values == original.values
    assert decode("<meta charset='gbk'>中文".encode("gbk")).endswith("中文")


def test_wrapped_labels_with_br_and_slash_are_recognised(tmp_path):
    original = realistic_report(2023)

    def wrap(label: str) -> str:
        return label.replace("商业企业", "商业<br>企业").replace("科研机构", "科研/机构").replace("结果纠正", "结果<br/>纠正")

    report, info = import_source(_write(tmp_path, report_html(original, blank="0", wrap=wrap)))
    assert report.values == original.values
    assert not info.unplaced


def test_lost_colspans_are_refused_not_guessed(tmp_path):
    """A page where the editor dropped the spans of the 三 header: the columns cannot be known."""
    original = realistic_report(2023)
    page = report_html(original, blank="0")
    start, end = page.index("三、收到和处理"), page.index("四、政府信息公开行政复议")
    s3 = page[start:end].replace('<td rowspan="3" colspan="3">', "<td>").replace('<td colspan="7">', "<td>")
    s3 = s3.replace('<td rowspan="2">', "<td>").replace('<td colspan="5">', "<td>")
    page = page[:start] + s3 + page[end:]
    report, info = import_source(_write(tmp_path, page))
    assert all(report.values[c] is None for c in report.format.cells_of("s3"))
    assert any("列位置无法确定" in u.reason for u in info.unplaced)
    # the other tables still import
    assert report.values["s2.license.decisions"] == 412
    assert report.values["s4.review.total"] == 2


def test_extra_subtotal_column_is_not_placed(tmp_path):
    original = realistic_report(2023)
    page = report_html(original, blank="0")
    page = page.replace('<td colspan="7"><p style="text-align:center"><span>申请人情况',
                        '<td colspan="8"><p style="text-align:center"><span>申请人情况')
    page = page.replace('<span>其他</span></p></td></tr>', '<span>其他</span></p></td><td>小计</td></tr>', 1)
    report, info = import_source(_write(tmp_path, page))
    # the added column sits after 其他, where positions of 总计 are still clear from its own header
    assert report.values["s3.new.natural"] == 10
    assert report.values["s3.new.total"] == 13


def test_a_news_page_is_not_a_report(tmp_path):
    page = "<html><head><title>县政府召开常务会议</title></head><body><p>2023年，会议研究了……</p></body></html>"
    with pytest.raises(ImportFailure, match="没有表格"):
        import_source(_write(tmp_path, page), year=2023)
    page2 = "<html><body><h1>2023年政府信息公开工作年度报告</h1><table><tr><td>姓名</td><td>电话</td></tr></table></body></html>"
    with pytest.raises(ImportFailure, match="没有找到年度报告的表格"):
        import_source(_write(tmp_path, page2, "p2.html"))


def test_office_file_renamed_html_gets_told(tmp_path):
    p = tmp_path / "x.html"
    p.write_bytes(b"PK\x03\x04rest")
    with pytest.raises(ImportFailure, match="Office 文档"):
        import_source(p)


def test_layout_tables_and_scripts_do_not_become_data(tmp_path):
    doc = parse_html("<table><tr><td><script>document.write('<table><tr><td>1</td></tr></table>')</script>"
                     "<p>正文第一段</p><table><tr><td>规章</td><td>0</td></tr></table></td></tr></table>", "p.html")
    assert doc.paragraphs == ["正文第一段"]
    assert len(doc.grids) == 1 and doc.grids[0].rows[0][0].text == "规章"


def test_rowspan_pushes_later_cells_right():
    doc = parse_html('<table><tr><td rowspan="2">A</td><td>B</td></tr><tr><td>C</td></tr></table>', "p.html")
    rows = doc.grids[0].rows
    assert [c.text for c in rows[1]] == ["A", "C"]
    assert rows[1][0].origin == rows[0][0].origin


def test_jindian_sample_published_as_a_gbk_page_imports_back(tmp_path, sample_path):
    """The bundled 金殿镇 2021 report (all zeros, as published) as a county portal page in GB2312."""
    from app.storage import load

    sample = load(sample_path)
    page = report_html(sample, blank="", charset="gb2312")
    report, info = import_source(_write(tmp_path, page, "jindian.htm", encoding="gb18030"))
    assert report.values == sample.values
    assert report.texts == sample.texts
    assert report.agency == "金殿镇人民政府" and report.agency_type == "township"
    assert len(info.recognised) == len(sample.format.cell_order)


def test_single_other_row_from_2019_in_a_2021_table_is_not_placed(tmp_path):
    original = realistic_report(2023)
    page = report_html(original, blank="0")
    # the clerk kept the 2019 single （六）其他处理 row: one row with numbers instead of the three 2021 sub-rows
    start = page.index("1.申请人无正当理由逾期不补正")
    row_start = page.rindex("<tr>", 0, start)
    row_end = page.index("</tr>", page.index("3.其他", start)) + len("</tr>")
    single = "<tr><td colspan=\"2\">（六）其他处理</td>" + "".join(f"<td>{v}</td>" for v in [1, 0, 0, 0, 0, 0, 1]) + "</tr>"
    page = page[:row_start] + single + page[row_end:]
    report, info = import_source(_write(tmp_path, page))
    assert report.values["s3.other.1.natural"] is None
    assert any("分组标题行" in u.reason for u in info.unplaced)
    assert report.values["s3.granted.natural"] == original.values["s3.granted.natural"]
    # the 三、本年度办理结果 rowspan now reaches two rows too far and pushes 四 one cell right: refused, not shifted
    assert all(report.values[f"s3.carry_over.{c}"] is None for c in ("natural", "business", "total"))
    assert any("对不齐" in u.reason for u in info.unplaced)


def _split_s3(page: str, keep_group_column: bool) -> str:
    """The 三 table pasted as two tables, the second starting at （四）无法提供. Word keeps the merged 三、本年度办理结果
    column as an empty cell in the second part; a web editor may drop it."""
    cut = page.rindex("<tr>", 0, page.index("（四）无法提供"))
    group = '<td rowspan="12"></td>' if keep_group_column else ""
    page = page[:cut] + '</tbody></table><p>　</p><table border="1"><tbody>' + page[cut:cut + 4] + group + page[cut + 4:]
    return page.replace('<td rowspan="22">', '<td rowspan="10">', 1)


def test_a_table_split_in_two_continues_with_the_first_parts_header(tmp_path):
    original = realistic_report(2023)
    report, info = import_source(_write(tmp_path, _split_s3(report_html(original, blank="0"), True)))
    assert report.values == original.values
    assert any("拆成了两段" in n for n in info.notes)
    assert not info.unplaced


def test_a_split_table_that_lost_a_column_is_refused_row_by_row_not_shifted(tmp_path):
    original = realistic_report(2023)
    report, info = import_source(_write(tmp_path, _split_s3(report_html(original, blank="0"), False)))
    second_part = [c for c in report.format.cells_of("s3")
                   if c.split(".")[1] in ("unable", "reject", "other", "total", "carry_over")]
    for cid in second_part:
        assert report.values[cid] in (None, original.values[cid]), cid  # never a neighbour's number
    assert all(report.values[c] is None for c in second_part if ".carry_over." not in c)  # 四 still lines up
    assert any("对不齐" in u.reason for u in info.unplaced)
    assert report.values["s3.granted.natural"] == original.values["s3.granted.natural"]


@pytest.mark.parametrize("config", ["s2t", "s2twp", "s2hk"])
def test_traditional_script_mirror_of_a_report_page(tmp_path, config):
    """Mirror sites convert a page character by character (s2t) or with Taiwan wording (s2twp: 政府資訊公開,
    規範性檔案 for 规范性文件); OpenCC builds the mirrors here the way those sites do."""
    from app.report.fold import _converter

    original = realistic_report(2023)
    page = _converter(config).convert(report_html(original, blank="0"))
    assert "公開" in page and "結轉" in page
    assert ("規範性檔案" in page) == (config == "s2twp")
    report, info = import_source(_write(tmp_path, page, "mirror.html"))
    assert report.values == original.values
    assert report.year == 2023 and report.agency == "某县自然资源局"  # the name converted whole
    assert "三、" not in report.texts["s1"] and report.texts["s1"]  # the sections were found
    assert report.texts["s1"] == _converter(config).convert(original.texts["s1"])  # kept as written
    assert any("繁体" in n for n in info.notes)
