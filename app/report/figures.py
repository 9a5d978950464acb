"""The report's key figures, read from the format's tables: what 生成段落 writes about, what the 一图读懂 poster and
the 概览 panel draw, and the groups the figure-field list offers.

Everything is derived from the format data (row and column trees), so both official formats work: the result
categories of Section 三 are the rows and row groups under 三、本年度办理结果, the applicant types are the leaf
columns, the outcomes of Section 四 are the columns of its groups.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from app.report.fields import linked_previous, total
from app.report.formats import Format, Header
from app.report.model import Report

_NUMBERING = re.compile(r"^(?:[（(][一二三四五六七八九十]+[）)]|\d+[.．、]|[一二三四五六七八九十]+、)")
_NOTE = re.compile(r"[（(][^（）()]*[）)]$")
RESULTS_ROW = "三、本年度办理结果"


def short_label(label: str) -> str:
    """“（二）部分公开（区分处理的，…）” → “部分公开”; “4.保护第三方合法权益” → “保护第三方合法权益”."""
    text = _NUMBERING.sub("", label.strip())
    return _NOTE.sub("", text).strip() or text


@dataclass(frozen=True)
class Category:
    """One result of 三、本年度办理结果: a row (（一）予以公开) or a group of rows (（三）不予公开 1–8)."""

    name: str  # short: 不予公开
    label: str  # as printed: （三）不予公开
    rows: tuple[str, ...]  # row ids: ("deny.1", …) or ("granted",)
    items: tuple[tuple[str, str], ...] = ()  # (row id, short label) of a group's rows


def _leaf_ids(node: Header) -> list[str]:
    return [h.id for h, _ in node.leaves() if h.id]


def result_categories(fmt: Format) -> list[Category]:
    """The result rows and groups of Section 三, without （七）总计."""
    block = fmt.table("s3").blocks[0]
    results = next((r for r in block.rows if r.label == RESULTS_ROW), None)
    if results is None:
        return []
    out = []
    for node in results.children:
        if node.sum_of:  # （七）总计
            continue
        items = tuple((h.id, short_label(h.label)) for h, _ in node.leaves() if h.id) if node.children else ()
        out.append(Category(short_label(node.label), node.label, tuple(_leaf_ids(node)), items))
    return out


def applicant_columns(fmt: Format) -> list[tuple[str, str]]:
    """(column id, name) of the applicant types of Section 三, without 总计."""
    block = fmt.table("s3").blocks[0]
    out = []
    for h, _path in block.leaf_columns:
        if h.sum_of:
            continue
        name = h.label if h.label != "其他" else "其他法人或组织"
        out.append((h.id, name))
    return out


def row_cells(table: str, rows: tuple[str, ...], column: str) -> tuple[str, ...]:
    return tuple(f"{table}.{r}.{column}" for r in rows)


# -- the figures ---------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Figure:
    """One figure to show: its label, the cells it adds up, its value now and last year's (when linked)."""

    label: str
    cells: tuple[str, ...]
    value: int | Decimal | None
    previous: int | Decimal | None = None
    unit: str = "件"

    @property
    def is_zero(self) -> bool:
        return not self.value

    @property
    def change(self) -> int | Decimal | None:
        if self.value is None or self.previous is None:
            return None
        return self.value - self.previous


@dataclass(frozen=True)
class Overview:
    """What the poster and the 概览 panel show, in their order."""

    title: str
    agency: str
    year: int
    active: tuple[Figure, ...]  # 主动公开 (Section 二)
    received: tuple[Figure, ...]  # 新收, 上年结转, 办结, 结转下年度
    results: tuple[Figure, ...]  # by category
    applicants: tuple[Figure, ...]  # 新收 by applicant type
    review: tuple[Figure, ...]  # 行政复议 by outcome
    suits: tuple[Figure, ...]  # 行政诉讼 (both kinds) by outcome
    review_total: Figure
    suits_total: Figure
    has_previous: bool

    @property
    def requests(self) -> Figure:
        return self.received[0]


# Section 二: which columns make a figure, and how it is called (the table's headers are too long for a chart).
_ACTIVE_COLUMNS = {
    "issued": "制发{row}", "repealed": "废止{row}", "in_force": "现行有效{row}", "decisions": "{row}决定",
    "amount": "{row}", "made": "新制作{row}", "published": "新公开{row}", "total_public": "对外公开{row}",
    "items": "{row}项目",
}
_UNITS = {"count": "件", "money": "万元", "delta": "项", "amount_with_unit": ""}


class _Reader:
    def __init__(self, report: Report) -> None:
        self.report = report
        self.fmt = report.format
        self.prev = linked_previous(report)

    def figure(self, label: str, cells: tuple[str, ...]) -> Figure:
        cells = tuple(c for c in cells if c in self.fmt.cells)
        before = None
        if self.prev is not None and cells and all(c in self.prev.get("values", {}) for c in cells):
            before = total(self.prev["values"], cells)
        unit = "件"
        if cells:  # the 2019 采购总金额 states its unit per report
            unit = _UNITS[self.fmt.cells[cells[0]].kind] or self.report.units.get(cells[0], "")
        return Figure(label, cells, total(self.report.values, cells) if cells else None, before, unit)

    def active(self) -> tuple[Figure, ...]:
        out = []
        for cid in self.fmt.cells_of("s2"):
            cell = self.fmt.cells[cid]
            template = "{row}总金额" if cell.kind == "amount_with_unit" else _ACTIVE_COLUMNS.get(cell.col_id)
            if template is None:
                continue
            f = self.figure(template.format(row=cell.row), (cid,))
            if cell.row_id == "rules" and f.is_zero and not f.previous:
                continue  # 规章: only the governments that may make them (S1) report any
            out.append(f)
        return tuple(out)

    def s3(self, row: str, column: str = "total") -> tuple[str, ...]:
        return row_cells("s3", (row,), column)

    def overview(self) -> Overview:
        r, fmt = self.report, self.fmt
        received = (self.figure("新收申请", self.s3("new")), self.figure("上年结转", self.s3("carry_in")),
                    self.figure("本年办结", self.s3("total")), self.figure("结转下年度", self.s3("carry_over")))
        results = tuple(self.figure(c.name, row_cells("s3", c.rows, "total")) for c in result_categories(fmt))
        applicants = tuple(self.figure(name, self.s3("new", col)) for col, name in applicant_columns(fmt))
        outcomes = [(h.id.split(".")[-1], h.label) for h, _ in fmt.table("s4").blocks[0].leaf_columns
                    if h.id and h.id.startswith("review.") and not h.sum_of]
        review = tuple(self.figure(label, (f"s4.review.{o}",)) for o, label in outcomes)
        suits = tuple(self.figure(label, (f"s4.suit_direct.{o}", f"s4.suit_after_review.{o}")) for o, label in outcomes)
        return Overview(
            title=r.title, agency=r.agency, year=r.year, active=self.active(), received=received, results=results,
            applicants=applicants, review=review, suits=suits,
            review_total=self.figure("行政复议", ("s4.review.total",)),
            suits_total=self.figure("行政诉讼", ("s4.suit_direct.total", "s4.suit_after_review.total")),
            has_previous=self.prev is not None)


def overview(report: Report) -> Overview:
    return _Reader(report).overview()


# -- what the figure-field list offers ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Choice:
    """One entry of the 插入表格数字 list: a cell, or a group of cells added up, named by the official labels."""

    label: str
    cells: tuple[str, ...]

    def matches(self, query: str) -> bool:
        """Every word of the query occurs in the label or the cell id (“新收 总计”, “不予公开”, “s3.new”)."""
        text = f"{self.label} {' '.join(self.cells)}".lower()
        return all(word in text for word in query.lower().split())


_PART = "一二三四五六"


def _cell_label(fmt: Format, cid: str) -> str:
    c = fmt.cells[cid]
    row = " › ".join(p for p in (*c.row_path, c.row) if p)
    column = " › ".join((*c.column_path, c.column))
    return f"第{_PART[c.section - 1]}部分 {row + ' › ' if row else ''}{column}"


def _group_choices(fmt: Format) -> list[Choice]:
    """Row groups (（三）不予公开) per column and column groups (法人或其他组织) per row, when none of their
    cells is itself a total (三、本年度办理结果 holds （七）总计, and would count it twice)."""
    out = []
    for table in fmt.tables:
        for block in table.blocks:
            row_ids = [h.id for h, _ in block.leaf_rows]
            col_ids = [h.id for h, _ in block.leaf_columns]
            for group in _groups(block.rows):
                rows = _leaf_ids(group)
                for (col, path), cid in zip(block.leaf_columns, block.cells[row_ids.index(rows[0])], strict=True):
                    if col.sum_of:
                        out.append(Choice(f"第{_PART[fmt.cells[cid].section - 1]}部分 {group.label}（合计） › "
                                          f"{' › '.join((*path, col.label))}",
                                          tuple(block.cells[row_ids.index(r)][col_ids.index(col.id)] for r in rows)))
            for group in _groups(block.columns):
                cols = _leaf_ids(group)
                for (row, path), cells in zip(block.leaf_rows, block.cells, strict=True):
                    label = " › ".join(p for p in (*path, row.label) if p)
                    out.append(Choice(f"第{_PART[fmt.cells[cells[0]].section - 1]}部分 {label} › {group.label}（合计）",
                                      tuple(cells[col_ids.index(c)] for c in cols)))
    return out


def _groups(nodes: tuple[Header, ...]) -> list[Header]:
    """The group headers whose leaves are all plain cells (no total among them)."""
    out = []
    for node in nodes:
        if not node.children:
            continue
        leaves = [h for h, _ in node.leaves()]
        if all(h.id and not h.sum_of for h in leaves) and len(leaves) > 1:
            out.append(node)
        out.extend(_groups(node.children))
    return out


def field_choices(fmt: Format) -> list[Choice]:
    """Every cell in reading order, then the groups that add cells up."""
    return [Choice(_cell_label(fmt, cid), (cid,)) for cid in fmt.cell_order] + _group_choices(fmt)
