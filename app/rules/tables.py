"""Rules over the statistical tables: year/format, balance, totals, value kinds, blanks, per-agency-type zeros,
ordering between cells, units."""

from __future__ import annotations

from decimal import Decimal
from itertools import compress, repeat
from operator import is_
from typing import Any

from app.report.formats import SECTION_NUMBERS, Format, format_for_year, part_name
from app.report.model import AGENCY_TYPES, Report, Value
from app.rules.engine import Checker, Finding, Trace, finding, fmt_number, register_rule_type, sum_cells


def _format_year(rule: dict[str, Any], fmt: Format) -> Checker:
    def check(report: Report, trace: Trace | None) -> list[Finding]:
        if fmt.fits_year(report.year):
            return []
        expected = format_for_year(report.year)
        return [finding(rule, (), "s2", year=report.year, expected=f"{expected.title}（{expected.notice}）",
                         actual=f"{fmt.title}（{fmt.notice}）")]
    return check


def _balance(rule: dict[str, Any], fmt: Format) -> Checker:
    block = fmt.table(rule["table"]).blocks[0]
    part = part_name(SECTION_NUMBERS[rule["table"]])
    row_of = {r.id: i for i, (r, _) in enumerate(block.leaf_rows)}
    columns = []
    for ci, (col, _) in enumerate(block.leaf_columns):
        left = tuple(block.cells[row_of[r]][ci] for r in rule["left"])
        right = tuple(block.cells[row_of[r]][ci] for r in rule["right"])
        columns.append((col.label, left, right))

    def check(report: Report, trace: Trace | None) -> list[Finding]:
        values = report.values
        absent = report.absent_cells()
        out = []
        for label, left, right in columns:
            if absent and not absent.keys().isdisjoint(left + right):
                continue  # a part the source does not contain: I1 reports it, the balance cannot be judged
            lv, rv = sum_cells(values, left), sum_cells(values, right)
            if lv != rv:
                out.append(finding(rule, left + right, column=label, left_label=rule["left_label"],
                                    right_label=rule["right_label"], left=fmt_number(lv), right=fmt_number(rv),
                                    diff=fmt_number(abs(lv - rv))))
            elif trace:
                trace.held(rule, left + right, f"{part}“{label}”列：{rule['left_label']} = "
                                               f"{fmt_number(lv)} = {rule['right_label']}")
        return out
    return check


def _totals(rule: dict[str, Any], fmt: Format) -> Checker:
    table = rule["table"]
    items = []
    for cell_id, totals in fmt.totals.items():
        for total in totals:
            if total.axis != rule["axis"] or fmt.cells[cell_id].table != table:
                continue
            cell = fmt.cells[cell_id]
            group = cell.column_path[-1] if cell.column_path else cell.column
            items.append((cell_id, total.parts, {"row": cell.row, "column": cell.column, "group": group}))
    # The evidence of a total that held: the rule's own message up to its stated figure, then “= 各项之和”.
    held = rule["message"].split("{stated}")[0] + "{stated} = {parts}"

    def check(report: Report, trace: Trace | None) -> list[Finding]:
        values = report.values
        absent = report.absent_cells()
        out = []
        for cell_id, parts, names in items:
            if absent and (cell_id in absent or not absent.keys().isdisjoint(parts)):
                continue  # the total or a part is not in the source (I1)
            stated = values.get(cell_id)
            s = sum_cells(values, parts)
            if stated is None:
                if all(values.get(p) is None for p in parts):
                    continue  # nothing to add up: only R9 applies
            elif stated == s:
                if trace:
                    addends = "+".join(fmt_number(values[p]) for p in parts if values.get(p))  # zeros left out
                    trace.held(rule, (cell_id, *parts), held.format(stated=fmt_number(stated),
                                                                   parts=addends or "0", **names))
                continue
            diff = "总计为空白" if stated is None else fmt_number(abs(stated - s))
            out.append(finding(rule, (cell_id, *parts), stated=fmt_number(stated), sum=fmt_number(s),
                                diff=diff, **names))
        return out
    return check


def _kind_problem(kind: str, v: Value) -> str | None:
    if v is None:
        return None
    if kind == "count":
        if not isinstance(v, int) or v < 0:
            return "应为不小于 0 的整数（件数）"
    elif kind == "delta":
        if not isinstance(v, int):
            return "应为整数（可为负数）"
    elif kind == "money":
        if v < 0:
            return "金额不能为负数"
        if isinstance(v, Decimal) and v.as_tuple().exponent < -4:  # type: ignore[operator]
            return "金额以万元为单位，最多保留 4 位小数"
    elif kind == "amount_with_unit" and v < 0:
        return "金额不能为负数"
    return None


def _value_kinds(rule: dict[str, Any], fmt: Format) -> Checker:
    cells = [(c.id, c.kind, c.location) for c in (fmt.cells[i] for i in fmt.cell_order)]
    counts = [cid for cid, kind, _ in cells if kind == "count"]
    others = [(cid, kind, loc) for cid, kind, loc in cells if kind != "count"]
    location = {cid: loc for cid, _, loc in cells}

    def check(report: Report, trace: Trace | None) -> list[Finding]:
        values = report.values
        out = []
        for cid in counts:
            v = values.get(cid)
            if v is None or (type(v) is int and v >= 0):
                continue
            out.append(finding(rule, (cid,), detail=f"{location[cid]}填了 {fmt_number(v)}，应为不小于 0 的整数（件数）"))
        for cid, kind, loc in others:
            problem = _kind_problem(kind, values.get(cid))
            if problem:
                out.append(finding(rule, (cid,), detail=f"{loc}填了 {fmt_number(values.get(cid))}，{problem}"))
        return out
    return check


ROWS_NAMED = 8  # an R9 message names this many rows, then says how many more (every cell is marked in the grid)


def _blank_cells(rule: dict[str, Any], fmt: Format) -> Checker:
    # One finding per table, naming its rows: an imported report full of "/" gave 32 warnings, and the real
    # errors were lost among them. The finding carries every blank cell, so the grid marks each one.
    tables: list[tuple[str, list[tuple[str, tuple[str, ...], dict[str, str]]]]] = []
    all_cells = frozenset(fmt.cell_order)
    for table in fmt.tables:
        rows = []
        for block in table.blocks:
            for ri, (row, _) in enumerate(block.leaf_rows):
                ids = block.cells[ri]
                if row.label:
                    rows.append((f"“{row.label}”行", ids, {c: fmt.cells[c].column for c in ids}))
                else:  # Section 四's single row: its columns are named by their group
                    rows.extend((fmt.cells[c].location.split("部分", 1)[1], (c,), {c: ""}) for c in ids)
        tables.append((part_name(SECTION_NUMBERS[table.id]), rows))
    row_of = {c: (ti, ri) for ti, (_, rows) in enumerate(tables) for ri, (_, ids, _) in enumerate(rows) for c in ids}

    def check(report: Report, trace: Trace | None) -> list[Finding]:
        values = report.values
        if None not in values.values() and all_cells.issubset(values):
            return []  # the usual case, at C speed: nothing is blank
        absent = report.absent_cells()
        # The few blank cells, found at C speed; only their rows are looked at.
        blanks = set(compress(values, map(is_, values.values(), repeat(None)))) | (all_cells - values.keys())
        marked = {row_of[c] for c in blanks if c in row_of}
        out = []
        for ti, (part, rows) in enumerate(tables):
            named, cells = [], []
            for ri, (where, ids, names) in enumerate(rows):
                if (ti, ri) not in marked:
                    continue
                blank = tuple(c for c in ids if c in blanks)
                if blank and absent:
                    refused = tuple(c for c in blank if absent.get(c) == "refused")
                    blank = tuple(c for c in blank if c not in absent)  # absent is not blank: I1 names it once
                    if refused:
                        out.append(_not_imported(rule, part + where, ids, names, refused))
                if blank:
                    cells.extend(blank)
                    named.append(_columns(where, ids, names, blank))
            if not cells:
                continue
            listed = "；".join(named[:ROWS_NAMED])
            if len(named) > ROWS_NAMED:
                listed += f"等 {len(named)} 处（每个空白单元格都已在表格中标出）"
            out.append(finding(rule, tuple(cells), part=part, count=len(cells), rows=listed))
        return out
    return check


def _columns(where: str, ids: tuple[str, ...], names: dict[str, str], cells: tuple[str, ...]) -> str:
    return f"{where}的{'、'.join(names[c] for c in cells)}列" if len(ids) > 1 else where


def _not_imported(rule: dict[str, Any], where: str, ids: tuple[str, ...], names: dict[str, str],
                  cells: tuple[str, ...]) -> Finding:
    """The source has these cells, but the import could not place them: say so, never that they are blank."""
    where = where if len(cells) == len(ids) else _columns(where, ids, names, cells)
    message = rule["not_imported_message"].format(location=where)
    return Finding(rule["id"], rule["severity"], cells, message)


def _zero_for_agency_types(rule: dict[str, Any], fmt: Format) -> Checker:
    cells = [c for c in rule["cells"] if c in fmt.cells]
    types = set(rule["agency_types"])

    def check(report: Report, trace: Trace | None) -> list[Finding]:
        if report.agency_type not in types:
            return []
        out = []
        for cid in cells:
            v = report.values.get(cid)
            if v not in (None, 0):
                out.append(finding(rule, (cid,), agency_type=AGENCY_TYPES[report.agency_type],
                                    location=fmt.cells[cid].location, value=fmt_number(v)))
        return out
    return check


def _not_greater(rule: dict[str, Any], fmt: Format) -> Checker:
    pairs = [(a, b) for a, b in rule["pairs"] if a in fmt.cells and b in fmt.cells]

    def check(report: Report, trace: Trace | None) -> list[Finding]:
        out = []
        for small, big in pairs:
            sv, bv = report.values.get(small), report.values.get(big)
            if sv is not None and bv is not None and sv > bv:
                out.append(finding(rule, (small, big), small_label=fmt.cells[small].location, small=fmt_number(sv),
                                    big_label=fmt.cells[big].column, big=fmt_number(bv)))
        return out
    return check


def _unit_required(rule: dict[str, Any], fmt: Format) -> Checker:
    cells = [c for c in rule["cells"] if c in fmt.cells]

    def check(report: Report, trace: Trace | None) -> list[Finding]:
        return [finding(rule, (c,), location=fmt.cells[c].location, value=fmt_number(report.values.get(c)))
                for c in cells
                if report.values.get(c) not in (None, 0) and not report.units.get(c, "").strip()]
    return check


register_rule_type("format_year", _format_year)
register_rule_type("balance", _balance)
register_rule_type("totals", _totals)
register_rule_type("value_kinds", _value_kinds)
register_rule_type("blank_cells", _blank_cells)
register_rule_type("zero_for_agency_types", _zero_for_agency_types)
register_rule_type("not_greater", _not_greater)


def _items_as_decisions(rule: dict[str, Any], fmt: Format) -> Checker:
    """S4 (2019 format): 处理决定数量 equal to 上一年项目数量 + 本年增/减 is the slip of filling item counts in as
    decisions (61 + 36 = 97). Only a hint: the two measures can meet by chance."""
    table = rule["table"]
    rows = [(fmt.cells[f"{table}.{r}.decisions"].row, f"{table}.{r}.decisions", f"{table}.{r}.prev_items",
             f"{table}.{r}.change") for r in rule["rows"] if f"{table}.{r}.decisions" in fmt.cells]

    def check(report: Report, trace: Trace | None) -> list[Finding]:
        values = report.values
        out = []
        for label, decisions, items, change in rows:
            d, i, c = values.get(decisions), values.get(items), values.get(change)
            if d is None or i is None or c is None:
                continue
            if d and d == i + c:
                out.append(finding(rule, (decisions, items, change), row=label, decisions=fmt_number(d),
                                    items=fmt_number(i), change=fmt_number(c)))
            elif trace:
                trace.held(rule, (decisions,), f"第二部分“{label}”：处理决定数量 {fmt_number(d)} ≠ 上一年项目数量 "
                                               f"{fmt_number(i)} + 本年增/减 {fmt_number(c)}")
        return out
    return check


register_rule_type("unit_required", _unit_required)
register_rule_type("items_as_decisions", _items_as_decisions)
