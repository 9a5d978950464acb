"""Place the numbers of source table grids into a format's cells, by labels only.

A grid is read top to bottom. Rows without numbers whose cells are mostly column labels are header rows; the header
rows above a run of data rows say what each grid column is (its path of header labels, e.g. 行政诉讼 › 复议后起诉 ›
结果维持). Caption rows (第二十条第（一）项) name the block. In a data row the cells outside the mapped columns are the
row label; it names the row. A number is placed only where both its column and its row are recognised. When the
header cannot say unambiguously which grid column holds which official column (merged header cells lost in copying,
a label twice, columns out of order), the table is refused with the reason — never guessed by position.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from app.imports.labels import LabelSet, core, normalise_label
from app.imports.report import ImportReport
from app.imports.source import Grid, GridCell
from app.report.absence import ABSENT_MARK
from app.report.formats import Block, Format
from app.report.model import Value
from app.report.numbers import NumberError, parse_number
from app.storage.budget import check_budget

BLANK_ONLY = re.compile(r"^[\s/／\\\-－—–_－~～]*$")
_NUMBER_LIKE = re.compile(r"^[+\-－−]?[\d０-９][\d０-９,，.．]*\s*(件|万元|元|个|项)?$")
_AMOUNT_UNIT = re.compile(r"^\s*([+-]?[\d,，.．０-９]+)\s*(万元|元)\s*$")


def is_number_text(text: str) -> bool:
    return bool(_NUMBER_LIKE.match(text.strip().replace("\u3000", "")))


def is_blank_text(text: str) -> bool:
    t = text.replace("\u3000", " ").strip()
    return t in ("", "无", "空") or bool(BLANK_ONLY.match(t))


@dataclass
class BlockLabels:
    index: int  # position in FormatLabels.blocks
    table: str
    block: Block
    columns: LabelSet  # leaf columns → "ci"
    column_groups: list[tuple[str, ...]]  # per leaf column: cores of its enclosing group labels
    rows: LabelSet  # labelled leaf rows → "ri"
    row_groups: list[tuple[str, ...]]
    group_rows: LabelSet  # group row labels (no numbers of their own)
    caption: str

    @property
    def unlabelled_row(self) -> bool:
        return len(self.block.leaf_rows) == 1 and not self.block.leaf_rows[0][0].label


def _all_headers(headers: tuple) -> list:
    out = []
    for h in headers:
        out.append(h)
        out.extend(_all_headers(h.children))
    return out


class FormatLabels:
    """The labels of one format, prepared for matching."""

    def __init__(self, fmt: Format) -> None:
        self.fmt = fmt
        self.blocks: list[BlockLabels] = []
        col_words, row_words = [], []
        for table in fmt.tables:
            for block in table.blocks:
                leaf_cols = block.leaf_columns
                leaf_rows = [(r, p) for r, p in block.leaf_rows]
                groups = [h for h in _all_headers(block.rows) if h.children]
                self.blocks.append(BlockLabels(
                    index=len(self.blocks), table=table.id, block=block,
                    columns=LabelSet([(c.label, str(i)) for i, (c, _) in enumerate(leaf_cols)], in_order=True),
                    column_groups=[tuple(core(g) for g in path) for _, path in leaf_cols],
                    rows=LabelSet([(r.label, str(i)) for i, (r, _) in enumerate(leaf_rows) if r.label]),
                    row_groups=[tuple(core(g) for g in path) for _, path in leaf_rows],
                    group_rows=LabelSet([(g.label, g.label) for g in groups]),
                    caption=block.caption))
                col_words += [(h.label, "c") for h in _all_headers(block.columns)]
                row_words += [(h.label, "r") for h in _all_headers(block.rows) if h.label]
        self.column_words = LabelSet(col_words, in_order=True)
        self.row_words = LabelSet(row_words)
        self.neutral = {normalise_label(b.block.row_header) for b in self.blocks if b.block.row_header}
        self.captions = LabelSet([(b.caption, str(b.index)) for b in self.blocks if b.caption])

    def all_labels(self) -> set[str]:
        """Every label of the format, normalised: used to tell the 2019 and 2021 formats apart."""
        out: set[str] = set()
        for b in self.blocks:
            out.add(normalise_label(b.caption))
            out |= {normalise_label(h.label) for h in _all_headers(b.block.columns)}
            out |= {normalise_label(h.label) for h in _all_headers(b.block.rows) if h.label}
        out.discard("")
        return out


_LABELS: dict[int, tuple[Format, FormatLabels]] = {}


def format_labels(fmt: Format) -> FormatLabels:
    """The prepared labels of a format, built once (a Format is immutable; keyed by id like the other caches, the
    Format kept in the entry so that a reused id cannot answer for another Format)."""
    cached = _LABELS.get(id(fmt))
    if cached is None or cached[0] is not fmt:
        cached = _LABELS[id(fmt)] = (fmt, FormatLabels(fmt))
    return cached[1]


@dataclass
class TableResult:
    values: dict[str, Value] = field(default_factory=dict)
    units: dict[str, str] = field(default_factory=dict)
    grid_of: dict[str, int] = field(default_factory=dict)  # cell id → which source grid (0-based) gave it
    refused: set[str] = field(default_factory=set)  # cells the source has but the import could not place
    cut: set[str] = field(default_factory=set)  # cells of a row the end of the source cut off


def _distinct(row: list[GridCell]) -> list[tuple[int, GridCell]]:
    """Each source cell of a grid row once, with its first column."""
    seen = set()
    out = []
    for j, cell in enumerate(row):
        if cell.origin not in seen:
            seen.add(cell.origin)
            out.append((j, cell))
    return out


def _pick(keys: set[str], path: list[str], groups: list[tuple[str, ...]]) -> str | None:
    """Among several same-labelled leaves, the one whose enclosing groups the path names."""
    if len(keys) == 1:
        return next(iter(keys))
    cores = set(path)
    scored = sorted(((sum(g in cores for g in groups[int(k)]), k) for k in keys), reverse=True)
    if scored and (len(scored) == 1 or scored[0][0] > scored[1][0]):
        return scored[0][1]
    return None


def _ambiguous_header(b: BlockLabels, text: str, keys: set[str], paths: list[list[tuple[str, tuple[int, int]]]]
                      ) -> str | None:
    """Why a header that may mean several different columns was refused (a mirror that lost a header line: “本年新”
    twice for 本年新制作数量 and 本年新公开数量), or None when the candidates share one label (a missing group)."""
    labels = list(dict.fromkeys(b.block.leaf_columns[int(k)][0].label for k in sorted(keys, key=int)))
    if len(labels) < 2:
        return None
    shown = normalise_label(text)
    seen = {path[-1][1] for path in paths if path and normalise_label(path[-1][0]) == shown}
    if len(seen) > 1:
        times = "两" if len(seen) == 2 else str(len(seen))
        return f"表头“{shown}”出现{times}次，无法区分哪一列是{'还是'.join(f'“{x}”' for x in labels)}"
    return f"表头“{shown}”可能是{'，也可能是'.join(f'“{x}”' for x in labels)}，无法区分"


@dataclass
class ColumnMap:
    block: BlockLabels
    columns: dict[int, tuple[int, ...]]  # leaf column index → grid columns (one source cell, maybe merged)
    approximate: list[str]


class GridReader:
    def __init__(self, labels: FormatLabels, report: ImportReport, result: TableResult) -> None:
        self.labels = labels
        self.fmt = labels.fmt
        self.report = report
        self.result = result
        self.headed: set[int] = set()  # grid columns with a header label above the current data rows
        # the column reading of the previous table: a table split in two (pasted, or broken across pages by hand)
        # continues without its header; the same grid width and recognised row labels say it is the same table
        self.previous_reading: tuple[int, list[ColumnMap], set[int]] | None = None

    # -- header rows ---------------------------------------------------------------------------------------------
    def _is_header(self, row: list[GridCell]) -> bool:
        cols = rows = 0
        for _, cell in _distinct(row):
            t = cell.text
            if is_blank_text(t):
                continue
            if is_number_text(t):
                return False
            if normalise_label(t) in self.labels.neutral:
                continue
            cols += t in self.labels.column_words
            rows += t in self.labels.row_words
        return cols > 0 and cols > rows

    def _caption(self, row: list[GridCell]) -> int | None:
        texts = {normalise_label(c.text) for _, c in _distinct(row) if not is_blank_text(c.text)}
        if len(texts) != 1:
            return None
        m = self.labels.captions.match(next(iter(texts)))
        return int(m.key) if m else None

    def _column_paths(self, grid: Grid, header_rows: list[int]) -> list[list[tuple[str, tuple[int, int]]]]:
        paths = []
        for j in range(grid.width):
            path: list[tuple[str, tuple[int, int]]] = []
            for r in header_rows:
                row = grid.rows[r]
                if j >= len(row) or is_blank_text(row[j].text):
                    continue
                if path and path[-1][1] == row[j].origin:
                    continue
                if path and core(path[-1][0]) == core(row[j].text):
                    path[-1] = (path[-1][0], row[j].origin)  # the same label repeated below (WPS vMerge copies)
                    continue
                path.append((row[j].text, row[j].origin))
            paths.append(path)
        return paths

    def _map_block(self, b: BlockLabels, paths: list[list[tuple[str, tuple[int, int]]]]
                   ) -> tuple[ColumnMap | None, str | None]:
        by_leaf: dict[int, dict[tuple[int, int], list[int]]] = {}
        approximate = []
        for j, path in enumerate(paths):
            if not path:
                continue
            texts = [core(t) for t, _ in path]
            leafs_in_path = []
            for t, _ in path:
                keys, exact = b.columns.match_all(t)
                if keys:
                    leafs_in_path.append((t, keys, exact))
            if not leafs_in_path:
                continue
            distinct_labels = {core(t) for t, _, _ in leafs_in_path}
            if len(distinct_labels) > 1:
                return None, (f"第 {j + 1} 列的表头同时写着“{'”“'.join(sorted(distinct_labels))}”，"
                              "合并单元格可能在复制时丢失")
            last_text, last_origin = path[-1]
            t, keys, exact = leafs_in_path[-1]
            if core(t) != core(last_text):
                continue  # the leaf label is above a deeper, unknown header: not this column
            key = _pick(keys, texts, b.column_groups)
            if key is None:
                return None, _ambiguous_header(b, t, keys, paths) or \
                    f"第 {j + 1} 列“{normalise_label(t)}”属于哪一组无法确定（缺少上一级表头）"
            if not exact:
                approximate.append(f"{normalise_label(t)} → {b.block.leaf_columns[int(key)][0].label}")
            by_leaf.setdefault(int(key), {}).setdefault(last_origin, []).append(j)
        columns: dict[int, tuple[int, ...]] = {}
        for ci, origins in by_leaf.items():
            if len(origins) > 1:
                label = b.block.leaf_columns[ci][0].label
                return None, f"列“{label}”在表头中出现了 {len(origins)} 次，无法确定哪一列是它"
            columns[ci] = tuple(next(iter(origins.values())))
        order = [columns[ci][0] for ci in sorted(columns)]
        if order != sorted(order):
            return None, "表头各列的先后次序与官方表格不一致，列位置可能已经错乱"
        if not columns:
            return None, None
        return ColumnMap(b, columns, approximate), None

    def _map(self, grid: Grid, header_rows: list[int], caption: int | None
             ) -> tuple[list[ColumnMap], list[str]]:
        paths = self._column_paths(grid, header_rows)
        self.headed = {j for j, path in enumerate(paths) if path}
        maps: list[ColumnMap] = []
        problems: list[tuple[str, str]] = []
        blocks = [self.labels.blocks[caption]] if caption is not None else self.labels.blocks
        for b in blocks:
            cmap, problem = self._map_block(b, paths)
            if cmap:
                maps.append(cmap)
            elif problem:
                problems.append((b.table, problem))
        # A header that reads cleanly as one table may confuse another table's matcher (“总计” is in both
        # 三 and 四): only problems within the table the header belongs to count.
        tables = {m.block.table for m in maps}
        relevant = [p for t, p in problems if not tables or t in tables]
        return ([], relevant) if relevant else (maps, [])

    # -- data rows -----------------------------------------------------------------------------------------------
    def read(self, grid: Grid, index: int = 0, at_end: bool = False) -> None:
        """Read one grid, the `index`-th of the source; `at_end`: nothing of the source follows it, so a short last
        row was cut off by the end of the source (its leading cells are kept), not shifted."""
        self.grid_index, self.at_end = index, at_end
        header_rows: list[int] = []
        caption: int | None = None
        maps: list[ColumnMap] | None = None
        refused = False
        last_was_header = False
        continued = False
        placed_before = len(self.report.recognised) + len(self.report.blank)
        for r, row in enumerate(grid.rows):
            if all(is_blank_text(c.text) for c in row) and not (maps and any(m.block.unlabelled_row for m in maps)) \
                    and not (header_rows and last_was_header):
                continue
            cap = self._caption(row)
            if cap is not None:
                caption, header_rows, maps, refused, last_was_header = cap, [], None, False, False
                continue
            if self._is_header(row):
                if not last_was_header:
                    header_rows, maps, refused = [], None, False
                header_rows.append(r)
                last_was_header = True
                continue
            last_was_header = False
            if maps is None and not refused and not header_rows and self._continues(grid):
                _, maps, self.headed = self.previous_reading
                continued = True
            if maps is None and not refused:
                maps, problems = self._map(grid, header_rows, caption) if header_rows else ([], [])
                if problems:
                    refused = True
                    self.report.add_unplaced(f"{grid.name}", "表头",
                                             f"列位置无法确定：{problems[0]}。为避免错位，本表的数值没有导入")
                for m in maps:
                    self.report.approximate.extend(a for a in m.approximate if a not in self.report.approximate)
            if refused:
                self._refuse_row(row, caption)
                continue
            self._data_row(grid, r, row, maps or [])
        self.previous_reading = (grid.width, maps, set(self.headed)) if maps and not refused else None
        if continued and len(self.report.recognised) + len(self.report.blank) > placed_before:
            self.report.notes.append(f"{grid.name}没有表头，与上一个表格列数相同，已按上一个表格的表头读取（表格被拆成了两段）")

    def _continues(self, grid: Grid) -> bool:
        return self.previous_reading is not None and self.previous_reading[0] == grid.width

    def _refuse_row(self, row: list[GridCell], caption: int | None) -> None:
        """A data row under a header that could not be read: its numbers are not imported, but when its label
        names one official row, that row is marked as not imported (R9 must not call it blank)."""
        path = _label_path(row, set())
        blocks = [self.labels.blocks[caption]] if caption is not None else self.labels.blocks
        found = {(b.index, int(m.key)) for b in blocks for t in path[-1:] if (m := b.rows.match(t))}
        if len(found) == 1:
            (bi, ri), = found
            self.result.refused.update(c for c in self.labels.blocks[bi].block.cells[ri] if c not in self.result.values)

    def _cut_columns(self, grid: Grid, r: int, row: list[GridCell], cmap: ColumnMap) -> set[int]:
        """Leaf columns of the source's very last row that the end of the source cut off: the row stops early,
        and every column it has comes before every column it lacks."""
        if not self.at_end or r != len(grid.rows) - 1:
            return set()
        lost = {ci for ci, cols in cmap.columns.items() if all(j >= len(row) or row[j].filler for j in cols)}
        kept = set(cmap.columns) - lost
        if lost and kept and max(cmap.columns[ci][0] for ci in kept) < min(cmap.columns[ci][0] for ci in lost):
            return lost
        return lost if lost and not kept else set()

    def _data_row(self, grid: Grid, r: int, row: list[GridCell], maps: list[ColumnMap]) -> None:
        where = f"{grid.name}第 {r + 1} 行"
        mapped = {j for m in maps for cols in m.columns.values() for j in cols}
        stray = [(j, c) for j, c in _distinct(row) if j not in mapped and is_number_text(c.text)]
        path = _label_path(row, mapped)
        label = " › ".join(normalise_label(t) for t in path)
        target = self._row_target(path, maps)
        if target is None:
            values = [c.text for j, c in _distinct(row) if j in mapped and not is_blank_text(c.text)]
            if values or stray:
                self.report.add_unplaced(where, label or "（无行标题）", self._row_reason(path, maps))
            return
        cmap, ri = target
        ids = cmap.block.block.cells[ri]
        cut = self._cut_columns(grid, r, row, cmap)
        shifted = [c.text for ci, cols in cmap.columns.items() if ci not in cut for j in cols if j < len(row)
                   for c in (row[j],) if c.filler or (not is_blank_text(c.text) and not is_number_text(c.text)
                                                      and not c.text.startswith("=") and c.text != ABSENT_MARK)]
        first_value_col = min(j for cols in cmap.columns.values() for j in cols)
        if shifted or any(j not in self.headed or j < first_value_col for j, _ in stray):
            self.report.add_unplaced(where, label, "这一行的单元格与表头对不齐（合并单元格的跨行、跨列可能有误），"
                                                   "为避免错位，本行的数值没有导入")
            self.result.refused.update(ids[ci] for ci in cmap.columns if ids[ci] not in self.result.values)
            return
        for j, c in stray:
            self.report.add_unplaced(f"{where}第 {j + 1} 列", c.text,
                                     f"“{label or '该行'}”这一列的表头不是官方表格的栏目，数值没有导入")
        self.result.cut.update(ids[ci] for ci in cut)
        for ci, cols in cmap.columns.items():
            if ci not in cut:
                self._cell(where, ids[ci], [row[j] for j in cols if j < len(row)])

    def _row_target(self, path: list[str], maps: list[ColumnMap]) -> tuple[ColumnMap, int] | None:
        if not path:
            single = [m for m in maps if m.block.unlabelled_row]
            return (single[0], 0) if len(single) == 1 else None
        cores = [core(t) for t in path]
        for t in reversed(path):
            found = []
            for m in maps:
                keys, exact = m.block.rows.match_all(t)
                if keys:
                    key = _pick(keys, cores, m.block.row_groups)
                    if key is not None:
                        found.append((m, int(key), exact, t))
            if len(found) == 1:
                m, ri, exact, text = found[0]
                if not exact:
                    note = f"{normalise_label(text)} → {m.block.block.leaf_rows[ri][0].label}"
                    if note not in self.report.approximate:
                        self.report.approximate.append(note)
                return m, ri
            if len(found) > 1:
                return None
        return None

    def _row_reason(self, path: list[str], maps: list[ColumnMap]) -> str:
        if not maps:
            return "上方没有可识别的表头，无法确定各列的含义，数值没有导入"
        if not path:
            return "这一行没有行标题，无法确定它是哪一行，数值没有导入"
        if any(t in m.block.group_rows for m in maps for t in path[-1:]):
            return "这是分组标题行（本身不填数），数值没有导入"
        return f"不是“{self.fmt.title}”表格中的行，数值没有导入"

    def _cell(self, where: str, cid: str, cells: list[GridCell]) -> None:
        texts = []
        for c in cells:
            if c.text not in texts:
                texts.append(c.text)
        filled = [t for t in texts if not is_blank_text(t)]
        cell = self.fmt.cells[cid]
        if len(filled) > 1:
            self.report.add_unplaced(where, " / ".join(filled),
                                     f"“{cell.column}”合并栏目下有多个数值，无法确定哪个是{cell.location}")
            self.result.refused.add(cid)
            return
        if not filled:
            mark = texts[0].strip().replace("\u3000", "") if texts else ""
            self._store(where, cid, None, mark)
            return
        text = filled[0]
        if text.strip() == ABSENT_MARK:
            return  # our own export of a report with absent cells: absent again
        unit = ""
        if cell.kind == "amount_with_unit":
            m = _AMOUNT_UNIT.match(text)
            if m:
                text, unit = m.group(1), m.group(2)
        if text.startswith("="):
            self.report.add_unplaced(where, text, f"{cell.location}是公式，文件中没有保存计算结果。"
                                                  "请用 Excel 或 WPS 打开并保存后再导入")
            self.result.refused.add(cid)
            return
        try:
            value = parse_number(text, cell.kind)
        except NumberError as exc:
            self.report.add_unplaced(where, text, f"{cell.location}：{exc}")
            self.result.refused.add(cid)
            return
        self._store(where, cid, value, None, unit)

    def _store(self, where: str, cid: str, value: Value, blank_mark: str | None, unit: str = "") -> None:
        values = self.result.values
        if cid in values and values[cid] != value:
            self.report.add_unplaced(where, str(value) if value is not None else "空白",
                                     f"{self.fmt.cells[cid].location}在前面已读到 {values[cid]}，两处不一致，以前面的为准")
            return
        values[cid] = value
        self.result.grid_of[cid] = self.grid_index
        if unit:
            self.result.units[cid] = unit
        if value is None:
            self.report.blank[cid] = blank_mark or ""
        else:
            self.report.recognised[cid] = where
            self.report.blank.pop(cid, None)


def _label_path(row: list[GridCell], mapped: set[int]) -> list[str]:
    """The row's label cells outside the number columns, outermost first, each label once."""
    path: list[str] = []
    for j, c in _distinct(row):
        if j in mapped or is_blank_text(c.text) or is_number_text(c.text):
            continue
        if not path or core(path[-1]) != core(c.text):
            path.append(c.text)
    return path


def read_grids(grids: list[Grid], fmt: Format, report: ImportReport, ends_with_last: bool = False) -> TableResult:
    """ends_with_last: the source's last grid is where the source stops (nothing follows it)."""
    result = TableResult()
    reader = GridReader(format_labels(fmt), report, result)
    for i, grid in enumerate(grids):
        check_budget()  # a page of thousands of small tables is read table by table within the time budget
        reader.read(grid, i, at_end=ends_with_last and i == len(grids) - 1)
    result.refused -= set(result.values)
    return result
