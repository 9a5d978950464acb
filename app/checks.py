"""The rule engine: evaluates the rules of a report's format and returns findings.

Rules are data (the "rules" list of a format file); this module only knows rule *types*. Each type compiles a
rule once per format into a closure over precomputed cell lists, so a full check stays in the low hundreds of
microseconds and can run after every keystroke.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from app.formats import Format, format_for_year
from app.model import AGENCY_TYPES, Report, Value

SEVERITY_LABELS = {"error": "错误", "warning": "警告", "info": "提示"}
SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: str  # "error" | "warning" | "info"
    cells: tuple[str, ...]
    message: str
    section: str | None = None  # the report part to show (s1…s6) when no cell is involved
    dismissed: str | None = None  # the user's written reason when this warning was dismissed (Report.dismissals)

    @property
    def severity_label(self) -> str:
        return SEVERITY_LABELS[self.severity]

    @property
    def dismissable(self) -> bool:
        """Warnings and hints may be dismissed with a reason; errors must be fixed."""
        return self.severity != "error"

    def as_json(self) -> dict[str, Any]:
        out = {"rule": self.rule, "severity": self.severity, "cells": list(self.cells), "message": self.message}
        if self.dismissed is not None:
            out["dismissed"] = self.dismissed
        return out

    def dismissal(self, reason: str, on: str = "") -> dict[str, Any]:
        """The Report.dismissals item that dismisses this finding (schema: app.storage.DISMISSAL_FIELDS)."""
        return {"rule": self.rule, "cells": list(self.cells), "section": self.section, "message": self.message,
                "reason": reason, "on": on}


Checker = Callable[[Report], list[Finding]]


def fmt_number(v: Value) -> str:
    if v is None:
        return "空白"
    if isinstance(v, Decimal):
        text = format(v, "f")
        return text.rstrip("0").rstrip(".") if "." in text else text
    return str(v)


def _sum(values: dict[str, Value], cells: tuple[str, ...]) -> int | Decimal:
    s: int | Decimal = 0
    for c in cells:
        v = values.get(c)
        if v is not None:
            s += v
    return s


def _finding(rule: dict[str, Any], cells: tuple[str, ...], section: str | None = None, **params: Any) -> Finding:
    message = rule.get("message", "{detail}").format(**params)
    return Finding(rule["id"], rule["severity"], cells, message, section)


# -- rule types ---------------------------------------------------------------------------------------------------

def _format_year(rule: dict[str, Any], fmt: Format) -> Checker:
    def check(report: Report) -> list[Finding]:
        if fmt.fits_year(report.year):
            return []
        expected = format_for_year(report.year)
        return [_finding(rule, (), "s2", year=report.year, expected=f"{expected.title}（{expected.notice}）",
                         actual=f"{fmt.title}（{fmt.notice}）")]
    return check


def _balance(rule: dict[str, Any], fmt: Format) -> Checker:
    block = fmt.table(rule["table"]).blocks[0]
    row_of = {r.id: i for i, (r, _) in enumerate(block.leaf_rows)}
    columns = []
    for ci, (col, _) in enumerate(block.leaf_columns):
        left = tuple(block.cells[row_of[r]][ci] for r in rule["left"])
        right = tuple(block.cells[row_of[r]][ci] for r in rule["right"])
        columns.append((col.label, left, right))

    def check(report: Report) -> list[Finding]:
        values = report.values
        out = []
        for label, left, right in columns:
            lv, rv = _sum(values, left), _sum(values, right)
            if lv != rv:
                out.append(_finding(rule, left + right, column=label, left_label=rule["left_label"],
                                    right_label=rule["right_label"], left=fmt_number(lv), right=fmt_number(rv),
                                    diff=fmt_number(abs(lv - rv))))
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

    def check(report: Report) -> list[Finding]:
        values = report.values
        out = []
        for cell_id, parts, names in items:
            stated = values.get(cell_id)
            s = _sum(values, parts)
            if stated is None:
                if all(values.get(p) is None for p in parts):
                    continue  # nothing to add up: only R9 applies
            elif stated == s:
                continue
            diff = "总计为空白" if stated is None else fmt_number(abs(stated - s))
            out.append(_finding(rule, (cell_id, *parts), stated=fmt_number(stated), sum=fmt_number(s),
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

    def check(report: Report) -> list[Finding]:
        values = report.values
        out = []
        for cid in counts:
            v = values.get(cid)
            if v is None or (type(v) is int and v >= 0):
                continue
            out.append(_finding(rule, (cid,), detail=f"{location[cid]}填了 {fmt_number(v)}，应为不小于 0 的整数（件数）"))
        for cid, kind, loc in others:
            problem = _kind_problem(kind, values.get(cid))
            if problem:
                out.append(_finding(rule, (cid,), detail=f"{loc}填了 {fmt_number(values.get(cid))}，{problem}"))
        return out
    return check


def _blank_cells(rule: dict[str, Any], fmt: Format) -> Checker:
    # One finding per table row, so an imported report full of "/" gives a readable list, not 150 lines.
    rows: list[tuple[str, tuple[str, ...], dict[str, str]]] = []
    for table in fmt.tables:
        for block in table.blocks:
            for ri, (row, _) in enumerate(block.leaf_rows):
                ids = block.cells[ri]
                if row.label:
                    where = f"第{'一二三四五六'[fmt.cells[ids[0]].section - 1]}部分“{row.label}”行"
                    rows.append((where, ids, {c: fmt.cells[c].column for c in ids}))
                else:
                    for cid in ids:
                        rows.append((fmt.cells[cid].location, (cid,), {cid: ""}))

    def check(report: Report) -> list[Finding]:
        values = report.values
        out = []
        for where, ids, names in rows:
            blank = tuple(c for c in ids if values.get(c) is None)
            if not blank:
                continue
            if len(ids) > 1:
                where = f"{where}的{'、'.join(names[c] for c in blank)}列"
            out.append(_finding(rule, blank, location=where))
        return out
    return check


def _zero_for_agency_types(rule: dict[str, Any], fmt: Format) -> Checker:
    cells = [c for c in rule["cells"] if c in fmt.cells]
    types = set(rule["agency_types"])

    def check(report: Report) -> list[Finding]:
        if report.agency_type not in types:
            return []
        out = []
        for cid in cells:
            v = report.values.get(cid)
            if v not in (None, 0):
                out.append(_finding(rule, (cid,), agency_type=AGENCY_TYPES[report.agency_type],
                                    location=fmt.cells[cid].location, value=fmt_number(v)))
        return out
    return check


def _text_required(rule: dict[str, Any], fmt: Format) -> Checker:
    sections = [fmt.section(k) for k in rule["sections"]]

    def check(report: Report) -> list[Finding]:
        out = []
        for s in sections:
            if not report.texts.get(s.key, "").strip():
                hint = "（没有需要报告的事项请写“无”）" if s.none_allowed else ""
                out.append(_finding(rule, (), s.key, heading=s.heading, hint=hint))
        return out
    return check


def _text_topics(rule: dict[str, Any], fmt: Format) -> Checker:
    key = rule["section"]
    # A topic may apply to some agency types only (考核/评议/追责 results are required of 人民政府).
    topics = [(t["name"], tuple(t["keywords"]), frozenset(t.get("agency_types", AGENCY_TYPES)))
              for t in rule["topics"]]

    def check(report: Report) -> list[Finding]:
        text = report.texts.get(key, "")
        if not text.strip():
            return []
        return [_finding(rule, (), key, topic=name, examples="、".join(words[:3]))
                for name, words, types in topics
                if report.agency_type in types and not any(w in text for w in words)]
    return check


def _not_greater(rule: dict[str, Any], fmt: Format) -> Checker:
    pairs = [(a, b) for a, b in rule["pairs"] if a in fmt.cells and b in fmt.cells]

    def check(report: Report) -> list[Finding]:
        out = []
        for small, big in pairs:
            sv, bv = report.values.get(small), report.values.get(big)
            if sv is not None and bv is not None and sv > bv:
                out.append(_finding(rule, (small, big), small_label=fmt.cells[small].location, small=fmt_number(sv),
                                    big_label=fmt.cells[big].column, big=fmt_number(bv)))
        return out
    return check


def _unit_required(rule: dict[str, Any], fmt: Format) -> Checker:
    cells = [c for c in rule["cells"] if c in fmt.cells]

    def check(report: Report) -> list[Finding]:
        return [_finding(rule, (c,), location=fmt.cells[c].location, value=fmt_number(report.values.get(c)))
                for c in cells
                if report.values.get(c) not in (None, 0) and not report.units.get(c, "").strip()]
    return check


RULE_TYPES: dict[str, Callable[[dict[str, Any], Format], Checker]] = {
    "format_year": _format_year,
    "balance": _balance,
    "totals": _totals,
    "value_kinds": _value_kinds,
    "blank_cells": _blank_cells,
    "zero_for_agency_types": _zero_for_agency_types,
    "text_required": _text_required,
    "text_topics": _text_topics,
    "not_greater": _not_greater,
    "unit_required": _unit_required,
}

_COMPILED: dict[int, tuple[Format, list[Checker]]] = {}


def register_rule_type(name: str, factory: Callable[[dict[str, Any], Format], Checker]) -> None:
    """Later features (cross-year checks, text against tables) add rule types here."""
    RULE_TYPES[name] = factory
    _COMPILED.clear()


def compiled_rules(fmt: Format) -> list[Checker]:
    entry = _COMPILED.get(id(fmt))
    if entry is None or entry[0] is not fmt:
        checkers = []
        for rule in fmt.rules:
            factory = RULE_TYPES.get(rule["type"])
            if factory is None:
                raise ValueError(f"格式 {fmt.id} 的规则 {rule['id']} 使用了未知的规则类型“{rule['type']}”")
            checkers.append(factory(rule, fmt))
        entry = (fmt, checkers)
        _COMPILED[id(fmt)] = entry
    return entry[1]


def check(report: Report) -> list[Finding]:
    """Every finding for the report, errors first, each group in the order of the format's rules.

    Warnings the user dismissed (Report.dismissals) stay in the list, marked with `dismissed`, after the others."""
    findings: list[Finding] = []
    for checker in compiled_rules(report.format):
        findings.extend(checker(report))
    if report.dismissals:
        findings = apply_dismissals(findings, report.dismissals)
    findings.sort(key=lambda f: (f.dismissed is not None, SEVERITY_ORDER[f.severity]))
    return findings


def dismissal_key(rule: str, cells: Any, message: str) -> tuple[str, tuple[str, ...], str]:
    # The message carries the numbers: when they change, the warning is a new one and shows again.
    return rule, tuple(cells), message


def apply_dismissals(findings: list[Finding], dismissals: list[dict[str, Any]]) -> list[Finding]:
    reasons = {dismissal_key(d["rule"], d["cells"], d["message"]): d["reason"] for d in dismissals}
    out = []
    for f in findings:
        reason = reasons.get(dismissal_key(f.rule, f.cells, f.message)) if f.dismissable else None
        out.append(replace(f, dismissed=reason) if reason is not None else f)
    return out


def active(findings: list[Finding]) -> list[Finding]:
    """The findings that still need attention (not dismissed)."""
    return [f for f in findings if f.dismissed is None]


def summary(findings: list[Finding]) -> dict[str, int]:
    """Counts by severity. Dismissed warnings are not counted: the user has answered them."""
    counts = dict.fromkeys(SEVERITY_LABELS, 0)
    for f in findings:
        if f.dismissed is None:
            counts[f.severity] += 1
    return counts


# Rule types of later features register themselves on import; the format files use them.
from app import crossyear as _crossyear  # noqa: E402,F401
from app import textcheck as _textcheck  # noqa: E402,F401
