from decimal import Decimal

import pytest

from app.export.layout import (
    TEXT_WIDTH_MM,
    Paragraph,
    build_layout,
    keep_with_caption,
    split_table,
    text_paragraphs,
    value_text,
)
from app.report.formats import load_format
from app.report.model import Report


def test_values_print_as_typed_and_blank_stays_blank():
    assert value_text(None) == ""
    assert value_text(0) == "0"
    assert value_text(Decimal("26.5500")) == "26.55"
    assert value_text(Decimal("96171.6")) == "96171.6"
    assert value_text(-417) == "-417"
    assert value_text(Decimal("8040"), "元") == "8040元"


def test_level2_headings_alone_or_leading_a_paragraph():
    paras = text_paragraphs("（一）存在的主要问题\n人手不足。\n（二）依申请公开。全年新收申请18件。\n\n一是加强培训。")
    assert paras == [Paragraph("heading2", "（一）存在的主要问题"), Paragraph("body", "人手不足。"),
                     Paragraph("body", "全年新收申请18件。", lead="（二）依申请公开。"),
                     Paragraph("body", "一是加强培训。")]


def test_sections_in_format_order_with_tables_in_place(report):
    layout = build_layout(report)
    headings = [i.text for i in layout.items if isinstance(i, Paragraph) and i.kind == "heading1"]
    assert headings == [s.heading for s in report.format.sections]
    assert [t.section for t in layout.tables] == ["s2", "s3", "s4"]
    assert layout.title_lines == ("青山县石桥镇人民政府", "2023年政府信息公开工作年度报告")


def test_every_grid_position_is_covered_exactly_once(report):
    for fmt_id in ("gov-2021", "gov-2019"):
        fmt = load_format(fmt_id)
        r = Report.new(fmt.first_year, agency="某镇人民政府", fmt=fmt)
        for table in build_layout(r).tables:
            covered = {}
            for c in table.cells:
                for row in range(c.row, c.row + c.rowspan):
                    for col in range(c.col, c.col + c.colspan):
                        assert (row, col) not in covered, (fmt_id, table.section, row, col)
                        covered[row, col] = c
            assert len(covered) == table.n_rows * table.n_cols
            assert abs(sum(table.col_widths_mm) - TEXT_WIDTH_MM) < 0.01
            assert {c.cell_id for c in table.value_cells()} == set(fmt.cells_of(table.section))


def test_split_table_repeats_headers_and_cuts_spanning_labels(report):
    s3 = build_layout(report).tables[1]
    top, rest = split_table(s3, 10)  # inside 三、本年度办理结果 and （三）不予公开
    assert top.n_rows == 10 and rest.n_rows == s3.n_rows - 10 + s3.header_rows
    for part in (top, rest):
        covered = sum(c.rowspan * c.colspan for c in part.cells)
        assert covered == part.n_rows * part.n_cols
    first = [c for c in rest.cells if c.row == s3.header_rows]
    assert [c.text for c in first[:3]] == ["三、本年度办理结果", "（三）不予公开", "4.保护第三方合法权益"]
    assert [c.rowspan for c in first[:2]] == [5 + 22 - 10, 7 + 8 - 10]  # rows left of each span
    assert [c.text for c in rest.cells if c.row == 0][:2] == [s3.cells[0].text, "申请人情况"]


def test_a_cut_keeps_a_block_caption_with_its_rows(report):
    s2 = build_layout(report).tables[0]
    # row 6 is 行政许可: its caption (row 4) and column heading (row 5) must move with it
    assert keep_with_caption(s2, 6) == 4
    assert keep_with_caption(s2, 3) == 0  # 行政规范性文件 stays with 规章 under their caption and headings


def test_split_rejects_a_cut_inside_the_header(report):
    s3 = build_layout(report).tables[1]
    with pytest.raises(ValueError):
        split_table(s3, 2)


def test_figures_fit_their_columns_whole_at_the_widest_digit():
    """Every figure of a city report (five and six digits) fits its column on one line, measured at 0.64 em a digit
    (LibreOffice's stand-in face), and number columns hold six digits wherever label columns can give the room."""
    from app.export import layout as L
    from app.export.specimen import city_report

    layout = build_layout(city_report())
    sizes = {t.font_pt for t in layout.tables}
    assert len(sizes) == 1 and sizes <= set(L.TABLE_SIZES_PT)  # one table size for the whole report
    for table in layout.tables:
        for c in table.value_cells():
            room = sum(table.col_widths_mm[c.col:c.col + c.colspan])
            assert L.cell_width_mm(c.text, table.font_pt) <= room + 1e-6, (table.section, c.cell_id, c.text)
        n_value = table.n_cols - max(c.col for c in table.cells if c.role == "label") - 1 if table.section != "s4" else 15
        value_w = table.col_widths_mm[-1]
        if table.section != "s4":
            assert value_w >= L.cell_width_mm("123456", table.font_pt) - 1e-6
            assert n_value * value_w < TEXT_WIDTH_MM
    s3 = layout.tables[1]
    assert s3.col_widths_mm[2] >= L.cell_width_mm("字" * L.MIN_LABEL_CHARS, s3.font_pt, L.LABEL_SLACK_MM) - 1e-6


def test_a_figure_too_wide_for_a_table_makes_the_tables_smaller_never_the_figure_broken():
    from app.export import layout as L

    report = Report.new(2023, agency="某市人民政府")
    assert {t.font_pt for t in build_layout(report).tables} == {9.0}  # six digits in 三 need 小五 already
    report.set_value("s4.review.upheld", 12345)  # five digits in a fifteen-column table (四 holds five at most)
    tables = build_layout(report).tables
    s4 = tables[2]
    assert s4.font_pt == 7.5 and {t.font_pt for t in tables} == {7.5}
    cell = next(c for c in s4.value_cells() if c.cell_id == "s4.review.upheld")
    assert L.cell_width_mm(cell.text, s4.font_pt) <= s4.col_widths_mm[0]


def test_sign_off_follows_gb9704_without_a_seal():
    from app.export.layout import sign_off, sign_off_date

    assert sign_off_date("2024-01-26") == "2024年1月26日" == sign_off_date("2024.1.26") == sign_off_date("2024年1月26日")
    assert sign_off_date("一月底") == "一月底"  # typed otherwise: printed as typed
    # agency 2 from the margin, the date under it starting 2 characters further right
    assert sign_off("青山县石桥镇人民政府", "2024-01-05").lines == (("青山县石桥镇人民政府", 2.0), ("2024年1月5日", 4.0))
    # a date longer than that allows stands 2 from the margin, and the agency moves left by as much
    assert sign_off("云江市人民政府", "2024-01-26").lines == (("云江市人民政府", 3.5), ("2024年1月26日", 2.0))
    assert sign_off("", "") is None
    assert sign_off("某局", "").lines == (("某局", 2.0),)


def test_layout_ends_with_the_sign_off_and_prints_the_contact_after_the_preamble():
    from app.export.specimen import city_report

    report = city_report()
    items = build_layout(report).items
    assert [(i.kind, i.text) for i in items[-3:]] == [("blank", ""), ("signoff", "云江市人民政府"),
                                                       ("signoff", "2024年1月26日")]
    intro = [i for i in items[:3] if isinstance(i, Paragraph)]
    assert intro[1].text == f"如对本报告有疑问，请联系：{report.contact}。"
    report.texts["intro"] += report.contact  # the preamble names it already: not printed twice
    assert not any("如对本报告有疑问" in getattr(i, "text", "") for i in build_layout(report).items)


def test_a_draft_layout_carries_the_mark():
    from app.export.layout import DRAFT_MARK

    report = Report.new(2023, agency="某镇人民政府")
    assert build_layout(report).draft_mark == ""
    assert build_layout(report, draft=True).draft_mark == DRAFT_MARK == "草稿（未通过检查）"
