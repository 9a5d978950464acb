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
    assert keep_with_caption(s2, 3) == 3


def test_split_rejects_a_cut_inside_the_header(report):
    s3 = build_layout(report).tables[1]
    with pytest.raises(ValueError):
        split_table(s3, 2)
