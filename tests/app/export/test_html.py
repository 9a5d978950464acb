"""Parse the web-page export with html.parser: real tables with the official spans, one style block with classes."""

from html.parser import HTMLParser

import docx
import pytest
from docx.oxml.ns import qn

from app.export import export_report
from app.rules import check

from .conftest import OFFICIAL_TEMPLATE


class PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.tables: list[list[list[tuple[str, int, int]]]] = []  # table -> rows -> (text, rowspan, colspan)
        self.text: list[str] = []
        self.styles: list[str] = []
        self._cell: list[str] | None = None
        self._style: list[str] | None = None
        self._h1: list[str] | None = None
        self.h1 = ""

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append((tag, a))
        if tag == "table":
            self.tables.append([])
        elif tag == "style":
            self._style = []
        elif tag == "h1":
            self._h1 = []
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self._cell = []
            self._span = (int(a.get("rowspan") or 1), int(a.get("colspan") or 1))

    def handle_endtag(self, tag):
        if tag == "h1":
            self.h1 = "".join(self._h1 or [])
            self._h1 = None
        if tag == "style":
            self.styles.append("".join(self._style))
            self._style = None
        if tag in ("td", "th") and self._cell is not None:
            self.tables[-1][-1].append(("".join(self._cell), *self._span))
            self._cell = None

    def handle_data(self, data):
        if self._style is not None:
            self._style.append(data)
            return
        if self._cell is not None:
            self._cell.append(data)
        if self._h1 is not None:
            self._h1.append(data)
        self.text.append(data)


def positions(rows: list[list[tuple[str, int, int]]]) -> set[tuple[int, int, int, int]]:
    """(row, column, rowspan, colspan) of every cell, placing cells around the rowspans above them."""
    taken: set[tuple[int, int]] = set()
    out = set()
    for r, line in enumerate(rows):
        col = 0
        for _, rs, cs in line:
            while (r, col) in taken:
                col += 1
            out.add((r, col, rs, cs))
            taken |= {(r + i, col + j) for i in range(rs) for j in range(cs)}
            col += cs
    return out


def docx_positions(table) -> set[tuple[int, int, int, int]]:
    """The same for a Word table: gridSpan gives the colspan, a vMerge restart and its continuations the rowspan."""
    grid = []
    for tr in table._tbl.tr_lst:
        col, line = 0, []
        for tc in tr.tc_lst:
            vm = tc.tcPr.find(qn("w:vMerge")) if tc.tcPr is not None else None
            state = None if vm is None else vm.get(qn("w:val"), "continue")
            line.append((col, tc.grid_span, state))
            col += tc.grid_span
        grid.append(line)
    out = set()
    for r, line in enumerate(grid):
        for col, span, state in line:
            if state == "continue":
                continue
            rs = 1
            if state == "restart":
                while r + rs < len(grid) and any(c == col and s == "continue" for c, _, s in grid[r + rs]):
                    rs += 1
            out.add((r, col, rs, span))
    return out


@pytest.fixture
def page(tmp_path, report, fonts) -> PageParser:
    out = tmp_path / "report.html"
    export_report(report, "html", out, fonts)
    p = PageParser()
    p.feed(out.read_text(encoding="utf-8"))
    return p


def test_tables_have_the_official_rowspans_and_colspans(page):
    official = docx.Document(str(OFFICIAL_TEMPLATE))
    assert len(page.tables) == 3
    for ours, theirs in zip(page.tables, official.tables, strict=True):
        assert positions(ours) == docx_positions(theirs)


def test_cells_hold_labels_and_numbers(page):
    s2, s3, s4 = page.tables
    assert s2[3] == [("行政规范性文件", 1, 1), ("3", 1, 1), ("1", 1, 1), ("15", 1, 1)]
    assert s3[5][0] == ("三、本年度办理结果", 22, 1)
    assert [t for t, _, _ in s3[3][1:]] == ["12", "3", "0", "1", "2", "0", "18"]
    assert [t for t, _, _ in s4[3]] == ["1", "1", "0", "1", "3", "1", "0", "0", "0", "1", "0", "0", "0", "0", "0"]


def test_self_contained_one_style_block_no_scripts(page, tmp_path, report, fonts):
    names = [t for t, _ in page.tags]
    assert not set(names) & {"script", "link", "iframe", "img", "object"}
    assert names.count("style") == 1 and len(page.styles[0]) < 2000  # one small block, not a style per cell
    for tag, attrs in page.tags:
        assert not any(k.startswith("on") for k in attrs), tag
        assert "src" not in attrs and "href" not in attrs
        assert tag in ("p", "html") or "style" not in attrs, tag  # only a 落款 line carries its own indent
    assert {a.get("class") for t, a in page.tags if t == "td"} >= {"n"}  # figure cells: one class, no inline style
    assert ("meta", {"charset": "utf-8"}) in page.tags
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert html.count("border:1px solid") == 1


def test_the_title_is_the_h1_and_tables_scroll_sideways_with_whole_figures(page, report):
    assert page.h1 == report.title == "青山县石桥镇人民政府2023年政府信息公开工作年度报告"
    style = page.styles[0]
    assert "td.n{white-space:nowrap}" in style  # a figure never breaks onto two lines
    assert ".grid{overflow-x:auto" in style and "min-width:156mm" in style  # a phone scrolls the table sideways
    assert [a.get("class") for t, a in page.tags if t == "div"] == ["grid"] * 3


def test_headings_in_order_and_no_findings(tmp_path, report, fonts):
    report.auto_total = False
    report.values["s3.new.total"] = 99
    findings = check(report)
    out = tmp_path / "r.html"
    export_report(report, "html", out, fonts)
    html = out.read_text(encoding="utf-8")
    positions_ = [html.index(s.heading) for s in report.format.sections]
    assert positions_ == sorted(positions_)
    for f in findings:
        assert f.message not in html
    assert "<br>" in html.split("</h1>")[0]  # agency name and report title on two lines
