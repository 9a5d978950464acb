"""One report: metadata, the text sections, the cell values and the 自动合计 switch."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from app.report.absence import Absence
from app.report.formats import Format, Total, format_for_year
from app.report.numbers import MAX_STORED, NumberError, Value, within

AGENCY_TYPES: dict[str, str] = {
    "township": "乡镇",
    "subdistrict": "街道",
    "county_department": "县级政府部门",
    "government": "县级以上人民政府",
    "other": "其他",
}
TEXT_KEYS = ("intro", "s1", "s5", "s6")
# How the exports print 联系方式 at the end of the preamble, and how the importers recognise it on the way back.
CONTACT_LEAD = "如对本报告有疑问，请联系："


def agency_type_key(label_or_key: str) -> str:
    """Accept either the ASCII key or the Chinese label; raise ValueError with a Chinese message otherwise."""
    if label_or_key in AGENCY_TYPES:
        return label_or_key
    for key, label in AGENCY_TYPES.items():
        if label == label_or_key:
            return key
    raise ValueError(f"未知的机关类型“{label_or_key}”，可选：{'、'.join(AGENCY_TYPES.values())}")


def _total_order(fmt: Format) -> list[Total]:
    """One formula per computed cell, ordered so that every part is computed before the totals using it.

    A cell with two formulas (the grand total of Section 三 is both a row and a column total) keeps the first;
    both agree whenever the parts are consistent, and the checks report it when they are not."""
    chosen = {cell: totals[0] for cell, totals in fmt.totals.items()}
    done: set[str] = set()
    ordered: list[Total] = []

    def visit(cell: str, trail: frozenset[str]) -> None:
        if cell in done or cell not in chosen:
            return
        if cell in trail:
            raise ValueError(f"合计公式循环引用：{cell}")
        for part in chosen[cell].parts:
            visit(part, trail | {cell})
        done.add(cell)
        ordered.append(chosen[cell])

    for cell in chosen:
        visit(cell, frozenset())
    return ordered


# Keyed by id() (a Format holds dicts, so it is not hashable); the Format is kept in the entry so that its id cannot
# be reused by another Format (one built by parse_format) and answered with the wrong order.
_ORDER_CACHE: dict[int, tuple[Format, list[Total]]] = {}


def total_order(fmt: Format) -> list[Total]:
    cached = _ORDER_CACHE.get(id(fmt))
    if cached is None or cached[0] is not fmt:
        cached = _ORDER_CACHE[id(fmt)] = (fmt, _total_order(fmt))
    return cached[1]


@dataclass
class Report:
    format: Format
    year: int
    agency: str = ""
    agency_type: str = "township"
    compiled_on: str = ""
    contact: str = ""
    texts: dict[str, str] = field(default_factory=lambda: dict.fromkeys(TEXT_KEYS, ""))
    values: dict[str, Value] = field(default_factory=dict)
    units: dict[str, str] = field(default_factory=dict)
    auto_total: bool = True
    # Data owned by later features (last year's figures, dismissed warnings); kept verbatim through load/save.
    previous: dict[str, Any] | None = None
    dismissals: list[dict[str, Any]] = field(default_factory=list)
    # What an imported source does not contain (app/report/absence.py): neither 0, nor blank, nor a value.
    absence: Absence = field(default_factory=Absence)
    # The title as an imported source states it (F5 compares it with the official one); "" for a report made here,
    # which always carries the official title (`title`).
    stated_title: str = ""

    @classmethod
    def new(cls, year: int, agency: str = "", agency_type: str = "township", fmt: Format | None = None) -> Report:
        """A fresh report: every number 0 (most offices have few applications; nobody should type 200 zeros)."""
        fmt = fmt or format_for_year(year)
        report = cls(format=fmt, year=year, agency=agency, agency_type=agency_type_key(agency_type))
        report.values = dict.fromkeys(fmt.cell_order, 0)
        return report

    # -- values -----------------------------------------------------------------------------------------------
    def value(self, cell_id: str) -> Value:
        return self.values.get(cell_id)

    def absent_cells(self) -> dict[str, str]:
        """Cell id → reason for every cell that is absent now: marked by the import and still blank, and, with
        自动合计 on, each total that has an absent part (a sum of what is there would be a wrong figure)."""
        marks = self.absence.cells
        if not marks:
            return {}
        values, cells = self.values, self.format.cells
        out = {c: why for c, why in marks.items() if values.get(c) is None and c in cells}
        if self.auto_total and out:
            for total in total_order(self.format):
                why = next((out[p] for p in total.parts if p in out), None)
                if why is not None and values.get(total.cell) is None:
                    out.setdefault(total.cell, why)
        return out

    def absent_texts(self) -> dict[str, str]:
        """Text key → reason for every text part the source did not contain and nobody has written since."""
        return {k: why for k, why in self.absence.texts.items() if not self.texts.get(k, "").strip()}

    def is_absent(self, cell_id: str) -> bool:
        return cell_id in self.absent_cells()

    def is_computed(self, cell_id: str) -> bool:
        return self.auto_total and cell_id in self.format.totals

    def set_value(self, cell_id: str, value: Value) -> set[str]:
        """Set one cell; with 自动合计 on, recompute totals. Returns every cell whose value changed."""
        if cell_id not in self.format.cells:
            raise KeyError(cell_id)
        if value is not None and not within(value, MAX_STORED):
            # every way in (typing, paste, files, imports) refuses such a number with its own message first;
            # this keeps the arithmetic below safe whatever a future caller hands in
            raise NumberError(f"{cell_id}：数值超出范围")
        changed = set()
        if self.values.get(cell_id) != value or (cell_id not in self.values):
            self.values[cell_id] = value
            changed.add(cell_id)
        if self.auto_total:
            changed |= self.recompute_totals()
        return changed

    def set_values(self, items: Iterable[tuple[str, Value]]) -> set[str]:
        changed: set[str] = set()
        auto, self.auto_total = self.auto_total, False
        try:
            for cell_id, value in items:
                changed |= self.set_value(cell_id, value)
        finally:
            self.auto_total = auto
        if auto:
            changed |= self.recompute_totals()
        return changed

    def recompute_totals(self) -> set[str]:
        """Derive every total from its parts (blank parts count as 0; R9 reports them). A total with an absent
        part stays blank, and so absent: a sum of the parts that are there would be a wrong figure."""
        changed = set()
        values = self.values
        marks = self.absence.cells
        gone = {c for c in self.absent_cells() if c not in self.format.totals} if marks else set()
        for total in total_order(self.format):
            if gone and not gone.isdisjoint(total.parts):
                gone.add(total.cell)
                if values.get(total.cell) is not None or total.cell not in values:
                    values[total.cell] = None
                    changed.add(total.cell)
                continue
            s = 0
            for part in total.parts:
                v = values.get(part)
                if v is not None:
                    s += v
            if values.get(total.cell) != s or total.cell not in values:
                values[total.cell] = s
                changed.add(total.cell)
        return changed

    def set_auto_total(self, on: bool) -> set[str]:
        self.auto_total = on
        return self.recompute_totals() if on else set()

    # -- format changes ---------------------------------------------------------------------------------------
    def convert_to(self, fmt: Format) -> None:
        """Switch to another format version, keeping every value whose cell id exists in both."""
        if fmt is self.format:
            return
        old = self.values
        self.values = {cid: old.get(cid, 0) for cid in fmt.cell_order}
        self.units = {k: v for k, v in self.units.items() if k in fmt.cells}
        self.format = fmt  # absence marks stay: those of cells the new format lacks are ignored (and return on undo)
        if self.auto_total:
            self.recompute_totals()

    @property
    def title(self) -> str:
        return f"{self.agency}{self.year}年政府信息公开工作年度报告"
