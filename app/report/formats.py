"""Load an official report format (resources/formats/*.json) into immutable objects.

The format file is the single source of labels, cell ids, value kinds, totals and rules. Everything downstream
(model, checks, UI, exports, imports) reads these objects and never re-declares a label.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from app.resources import FORMATS_DIR

COMMON_DIR = FORMATS_DIR / "common"

KINDS = ("count", "money", "delta", "amount_with_unit")
SECTION_NUMBERS = {"s1": 1, "s2": 2, "s3": 3, "s4": 4, "s5": 5, "s6": 6}
NUMERALS = "一二三四五六"  # the report's parts are numbered 一 … 六


def part_name(section: int) -> str:
    """“第三部分” for section 3: how messages and documents name a part of the report."""
    return f"第{NUMERALS[section - 1]}部分"


class FormatError(Exception):
    """A format data file is malformed. The message names the file and the place."""


@dataclass(frozen=True)
class Header:
    """One node of a row or column header tree. Leaves carry an id; group nodes only a label."""

    label: str
    id: str | None = None
    children: tuple[Header, ...] = ()
    sum_of: tuple[str, ...] = ()
    kind: str | None = None
    flat: bool = False

    @property
    def is_leaf(self) -> bool:
        return not self.children

    def leaves(self, path: tuple[str, ...] = ()) -> list[tuple[Header, tuple[str, ...]]]:
        """Leaves in reading order, each with the labels of its enclosing groups (outermost first)."""
        if self.is_leaf:
            return [(self, path)]
        out: list[tuple[Header, tuple[str, ...]]] = []
        for child in self.children:
            out.extend(child.leaves(path + (self.label,)))
        return out

    def depth(self) -> int:
        return 1 + max((c.depth() for c in self.children), default=0)


@dataclass(frozen=True)
class Cell:
    """One numeric cell of an official table."""

    id: str
    table: str
    section: int
    block: int
    row_id: str | None
    col_id: str
    row: str
    row_path: tuple[str, ...]
    column: str
    column_path: tuple[str, ...]
    kind: str
    row_index: int
    col_index: int

    @property
    def location(self) -> str:
        """Where a person finds this cell, in words: 第三部分“二、上年结转…”行“自然人”列."""
        part = part_name(self.section)
        if self.row:
            return f"{part}“{self.row}”行“{self.column}”列"
        group = self.column_path[-1] if self.column_path else ""
        return f"{part}“{group}”下“{self.column}”列" if group else f"{part}“{self.column}”列"


@dataclass(frozen=True)
class Total:
    """A computed cell: the sum of its parts. axis 'columns' = a total column (sum across a row),
    'rows' = a total row (sum down a column)."""

    cell: str
    parts: tuple[str, ...]
    axis: str


@dataclass(frozen=True)
class Block:
    caption: str
    row_header: str
    kind: str
    columns: tuple[Header, ...]
    rows: tuple[Header, ...]
    leaf_rows: tuple[tuple[Header, tuple[str, ...]], ...]
    leaf_columns: tuple[tuple[Header, tuple[str, ...]], ...]
    cells: tuple[tuple[str, ...], ...]  # cell ids, [row][column]

    def column_depth(self) -> int:
        return max(c.depth() for c in self.columns)


@dataclass(frozen=True)
class Table:
    id: str
    section: str
    blocks: tuple[Block, ...]
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Section:
    key: str
    number: str
    heading: str
    kind: str  # "text" or "table"
    guide: str = ""
    none_allowed: bool = False


@dataclass(frozen=True)
class Format:
    id: str
    title: str
    notice: str
    first_year: int
    last_year: int | None
    sections: tuple[Section, ...]
    tables: tuple[Table, ...]
    rules: tuple[dict[str, Any], ...]
    cells: dict[str, Cell] = field(hash=False, compare=False)
    cell_order: tuple[str, ...] = ()
    totals: dict[str, tuple[Total, ...]] = field(hash=False, compare=False, default_factory=dict)

    def fits_year(self, year: int) -> bool:
        return year >= self.first_year and (self.last_year is None or year <= self.last_year)

    def table(self, table_id: str) -> Table:
        for t in self.tables:
            if t.id == table_id:
                return t
        raise KeyError(table_id)

    def section(self, key: str) -> Section:
        for s in self.sections:
            if s.key == key:
                return s
        raise KeyError(key)

    def text_part(self, key: str) -> str:
        """How messages name a text part of the report: its section heading, or 开头部分 for the preamble."""
        if key == "intro":
            return "开头部分"  # the paragraph before 一、 has no heading in the official format
        return self.section(key).heading

    def cells_of(self, table_id: str) -> list[str]:
        return [c for c in self.cell_order if self.cells[c].table == table_id]

    def computed_cells(self) -> set[str]:
        return set(self.totals)


def _require(obj: dict[str, Any], key: str, kind: type | tuple[type, ...], where: str) -> Any:
    if key not in obj:
        raise FormatError(f"{where}：缺少“{key}”")
    value = obj[key]
    if not isinstance(value, kind):
        raise FormatError(f"{where}：“{key}”的类型不对")
    return value


def _header(raw: Any, where: str) -> Header:
    if not isinstance(raw, dict):
        raise FormatError(f"{where}：表头项应为对象")
    label = _require(raw, "label", str, where)
    children = tuple(_header(c, f"{where} → {label}") for c in raw.get("children", []))
    hid = raw.get("id")
    if not children and "id" not in raw:
        raise FormatError(f"{where} → {label}：末级表头必须有 id")
    kind = raw.get("kind")
    if kind is not None and kind not in KINDS:
        raise FormatError(f"{where} → {label}：未知的数值类型“{kind}”")
    return Header(label=label, id=hid, children=children, sum_of=tuple(raw.get("sum_of", ())),
                  kind=kind, flat=bool(raw.get("flat", False)))


def _cell_id(table: str, row_id: str | None, col_id: str) -> str:
    return f"{table}.{row_id}.{col_id}" if row_id else f"{table}.{col_id}"


def _expand_totals(table: str, where: str, leaf_rows: tuple[tuple[Header, tuple[str, ...]], ...],
                   leaf_cols: tuple[tuple[Header, tuple[str, ...]], ...]) -> list[Total]:
    """Turn each `sum_of` of a header into one Total per crossing line: a total column sums across every row,
    a total row sums down every column."""
    totals: list[Total] = []
    for axis, lines, crosses, word in (("columns", leaf_cols, leaf_rows, "列"), ("rows", leaf_rows, leaf_cols, "行")):
        def at(line: str | None, cross: str | None, axis: str = axis) -> str:
            return _cell_id(table, cross, line or "") if axis == "columns" else _cell_id(table, line, cross or "")

        ids = {h.id for h, _ in lines}
        for total, _ in lines:
            if not total.sum_of:
                continue
            missing = set(total.sum_of) - ids
            if missing:
                raise FormatError(f"{where}：合计{word}“{total.label}”引用了不存在的{word} {sorted(missing)}")
            for cross, _ in crosses:
                totals.append(Total(at(total.id, cross.id), tuple(at(p, cross.id) for p in total.sum_of), axis))
    return totals


def _block(raw: dict[str, Any], table: str, index: int, where: str) -> tuple[Block, list[Cell], list[Total]]:
    kind = raw.get("kind", "count")
    columns = tuple(_header(c, f"{where} 列") for c in _require(raw, "columns", list, where))
    rows = tuple(_header(r, f"{where} 行") for r in _require(raw, "rows", list, where))
    leaf_cols = tuple(leaf for c in columns for leaf in c.leaves())
    caption = raw.get("caption", "")
    # Section 二's block caption (第二十条第（一）项) is the outermost group of its rows.
    leaf_rows = tuple((r, (caption, *path) if caption else path) for top in rows for r, path in top.leaves())
    section = SECTION_NUMBERS[table]
    cells: list[Cell] = []
    grid: list[tuple[str, ...]] = []
    for ri, (row, row_path) in enumerate(leaf_rows):
        line = []
        for ci, (col, col_path) in enumerate(leaf_cols):
            cid = _cell_id(table, row.id, col.id or "")
            line.append(cid)
            cells.append(Cell(id=cid, table=table, section=section, block=index, row_id=row.id, col_id=col.id or "",
                              row=row.label, row_path=row_path, column=col.label, column_path=col_path,
                              kind=col.kind or row.kind or kind, row_index=ri, col_index=ci))
        grid.append(tuple(line))
    totals = _expand_totals(table, where, leaf_rows, leaf_cols)
    block = Block(caption=caption, row_header=raw.get("row_header", ""), kind=kind,
                  columns=columns, rows=rows, leaf_rows=leaf_rows, leaf_columns=leaf_cols, cells=tuple(grid))
    return block, cells, totals


SEVERITIES = ("error", "warning", "info")
PARAM_KINDS: dict[str, tuple[type | tuple[type, ...], str]] = {
    "text": (str, "文字"), "number": ((int, float), "数字"), "list": (list, "列表"),
    "table": (str, "表格 id"), "section": (str, "部分"), "sections": (list, "部分列表")}


@cache
def common_rules() -> dict[str, dict[str, Any]]:
    """The rules both formats share word for word, by id (resources/formats/common/rules.json)."""
    data = _read_json(COMMON_DIR / "rules.json")
    # A shared rule whose id a format also uses for a rule of its own (R8's outcome words beside each format's R8
    # numbers) is referenced by its "ref" instead.
    return {r.get("ref", r["id"]): r for r in data["rules"]}


@cache
def rule_types() -> dict[str, dict[str, str]]:
    """Each rule type's required parameters and their kinds (resources/formats/common/rule-types.json)."""
    return _read_json(COMMON_DIR / "rule-types.json")["types"]


def _read_json(path: Path) -> Any:
    with path.open(encoding="utf-8") as fh:
        return json.load(fh)


def _rule(raw: Any, source: str, tables: set[str], text_keys: set[str]) -> dict[str, Any]:
    """A rule of the format, resolved ({"use": id} names a common rule) and checked completely: a missing or
    mistyped parameter is a format error here, at load, naming the file and the rule, not a KeyError on every edit."""
    if not isinstance(raw, dict):
        raise FormatError(f"{source}：规则应为对象，现为 {raw!r}")
    if "use" in raw:
        rule = common_rules().get(raw["use"])
        if rule is None:
            raise FormatError(f"{source}：引用的公共规则“{raw['use']}”不存在（见 formats/common/rules.json）")
        raw = rule
    for key in ("id", "severity", "type", "title"):
        _require(raw, key, str, f"{source} 规则 {raw.get('id', '?')}")
    where = f"{source} 规则 {raw['id']}（{raw['type']}）"
    if raw["severity"] not in SEVERITIES:
        raise FormatError(f"{where}：未知的严重程度“{raw['severity']}”")
    params = rule_types().get(raw["type"])
    if params is None:
        raise FormatError(f"{where}：未知的规则类型“{raw['type']}”")
    if not isinstance(raw.get("message", ""), str):
        raise FormatError(f"{where}：message 应为文字")
    for name, kind in params.items():
        expected, label = PARAM_KINDS[kind]
        value = raw.get(name)
        if value is None or isinstance(value, bool) or not isinstance(value, expected):
            raise FormatError(f"{where}：缺少参数“{name}”或其类型不对（应为{label}）")
        refs = {"table": [value], "section": [value], "sections": value}.get(kind, [])
        known = tables if kind == "table" else text_keys
        unknown = [v for v in refs if v not in known]
        if unknown:
            raise FormatError(f"{where}：参数“{name}”引用了不存在的{label}“{unknown[0]}”")
    return raw


def parse_format(data: Any, source: str = "格式文件") -> Format:
    if not isinstance(data, dict) or data.get("schema") != "zwgk-format/1":
        raise FormatError(f"{source}：不是年报格式定义文件（缺少 schema: zwgk-format/1）")
    fid = _require(data, "id", str, source)
    sections = tuple(
        Section(key=s["key"], number=s["number"], heading=s["heading"], kind=s["kind"], guide=s.get("guide", ""),
                none_allowed=bool(s.get("none_allowed", False)))
        for s in _require(data, "sections", list, source))
    tables: list[Table] = []
    all_cells: dict[str, Cell] = {}
    order: list[str] = []
    totals: dict[str, list[Total]] = {}
    for traw in _require(data, "tables", list, source):
        tid = _require(traw, "id", str, source)
        if tid not in SECTION_NUMBERS:
            raise FormatError(f"{source}：表格 id“{tid}”应为 s2、s3 或 s4")
        blocks = []
        for bi, braw in enumerate(_require(traw, "blocks", list, f"{source} 表 {tid}")):
            block, cells, block_totals = _block(braw, tid, bi, f"{source} 表 {tid} 第{bi + 1}块")
            blocks.append(block)
            for c in cells:
                if c.id in all_cells:
                    raise FormatError(f"{source}：单元格 id“{c.id}”重复")
                all_cells[c.id] = c
                order.append(c.id)
            for t in block_totals:
                totals.setdefault(t.cell, []).append(t)
        tables.append(Table(id=tid, section=traw.get("section", tid), blocks=tuple(blocks),
                            notes=tuple(traw.get("notes", ()))))
    text_keys = {s.key for s in sections} | {"intro"}
    rules = tuple(_rule(r, source, {t.id for t in tables}, text_keys) for r in _require(data, "rules", list, source))
    return Format(id=fid, title=_require(data, "title", str, source), notice=data.get("notice", ""),
                  first_year=_require(data, "first_year", int, source), last_year=data.get("last_year"),
                  sections=sections, tables=tuple(tables), rules=rules, cells=all_cells, cell_order=tuple(order),
                  totals={k: tuple(v) for k, v in totals.items()})


@cache
def load_format(format_id: str) -> Format:
    """Load a bundled format by id (e.g. 'gov-2021'). Cached: formats are immutable."""
    path = FORMATS_DIR / f"{format_id}.json"
    # Only a bundled file: the id comes from .zwgk files, and "../x" must not reach a JSON file elsewhere.
    if format_id not in available_formats():
        raise FormatError(f"未知的报告格式“{format_id}”（可用：{', '.join(available_formats())}）")
    return parse_format(_read_json(path), path.name)


def available_formats() -> list[str]:
    return sorted(p.stem for p in FORMATS_DIR.glob("*.json"))


def format_for_year(year: int) -> Format:
    """The official format for a report year: ≤ 2020 → the 2019 trial format, ≥ 2021 → the 2021 format."""
    candidates = [load_format(fid) for fid in available_formats()]
    fitting = [f for f in candidates if f.fits_year(year)]
    if fitting:
        return fitting[0]
    # Before the first format existed: the oldest one is the closest thing.
    return min(candidates, key=lambda f: f.first_year)
