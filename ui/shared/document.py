"""The open document: one core Report, its undo stack and its current findings, as a QObject with signals.

Every view (grids, text tabs, check panel) reads from and writes through this object; every user edit is one
QUndoCommand keyed by cell id or text key (never by QModelIndex), so undo works whatever view made the edit.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from app.report.formats import Format, format_for_year
from app.report.model import Report, Value
from app.storage.identity import FileStamp

if TYPE_CHECKING:
    from app.rules import Finding

# app.rules (the checks and their patterns) loads with the first check: a window that is starting shows the report
# first and checks it right after its first paint (ui/window/main_window.py, benchmarks/bench_gui.py).

TEXT_MERGE_ID = 1001
FIELD_MERGE_ID = 1002
TYPED_FIELDS = ("agency", "compiled_on", "contact")  # typed letter by letter: consecutive edits merge
REWRITES_CELLS = ("year", "auto_total")
UNSHOWN_FIELDS = ("dismissals", "previous")  # an undo of these stays where the clerk is
PASTED_TOTAL_RULE = "粘贴合计"  # the check panel's name for a pasted total the parts do not add up to


@dataclass(frozen=True)
class Place:
    """Where an undo step shows: the part of the report ("info", "s1"…"s6", "intro"), the cells it wrote, the field
    it set, the first character of a text it changed (undo and redo switch there and select it)."""

    part: str
    cells: tuple[str, ...] = ()
    field: str = ""
    offset: int = 0


def first_difference(a: str, b: str) -> int:
    return next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))


@dataclass(frozen=True)
class Cells:
    """What a format or 自动合计 change may rewrite, kept to put back on undo."""

    format: Format
    values: dict[str, Value]
    units: dict[str, str]


class SetCellsCommand(QUndoCommand):
    """One or many cell values (a typed number, a Delete over a selection, a pasted block) = one undo step, with any
    unit typed with an amount (“25.1万元” in the 2019 采购总金额, whose table prints no unit)."""

    def __init__(self, doc: ReportDocument, items: list[tuple[str, Value]], text: str,
                 units: list[tuple[str, str]] | None = None, pasted_totals: dict[str, Value] | None = None) -> None:
        super().__init__(text)
        self.doc = doc
        self.new = items
        self.old = [(cid, doc.report.values.get(cid)) for cid, _ in items]
        self.new_units = units or []
        self.old_units = [(cid, doc.report.units.get(cid, "")) for cid, _ in self.new_units]
        self.new_pasted = {**doc.pasted_totals, **(pasted_totals or {})}
        self.old_pasted = dict(doc.pasted_totals)

    def place(self) -> Place:
        cells = [cid for cid, _ in self.new] + [cid for cid, _ in self.new_units if cid not in dict(self.new)]
        known = [c for c in cells if c in self.doc.format.cells]
        return Place(self.doc.format.cells[known[0]].table if known else "", tuple(known))

    def redo(self) -> None:
        self.doc.pasted_totals = dict(self.new_pasted)
        self.doc.apply_values(self.new, self.new_units)

    def undo(self) -> None:
        self.doc.pasted_totals = dict(self.old_pasted)
        self.doc.apply_values(self.old, self.old_units)


class SetTextCommand(QUndoCommand):
    """A text section edit. Consecutive edits of the same section merge into one step, like a word processor;
    an insertion the clerk asked for (a figure field, drafted paragraphs) is a step of its own."""

    def __init__(self, doc: ReportDocument, key: str, text: str, label: str = "编辑文字", merge: bool = True) -> None:
        super().__init__(label)
        self.doc = doc
        self.key = key
        self.old = doc.report.texts.get(key, "")
        self.new = text
        self.merge = merge

    def id(self) -> int:  # noqa: A003 - Qt's name
        return TEXT_MERGE_ID if self.merge else -1

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt's name
        if not isinstance(other, SetTextCommand) or other.key != self.key:
            return False
        self.new = other.new
        return True

    def place(self) -> Place:
        return Place(self.key, offset=first_difference(self.old, self.new))

    def redo(self) -> None:
        self.doc.apply_text(self.key, self.new)

    def undo(self) -> None:
        self.doc.apply_text(self.key, self.old)


class SetFieldCommand(QUndoCommand):
    """A report attribute: agency, agency_type, year, compiled_on, contact, auto_total, dismissals, previous."""

    def __init__(self, doc: ReportDocument, field: str, value: Any, text: str = "修改基本信息") -> None:
        super().__init__(text)
        self.doc = doc
        self.field = field
        self.old = doc.field(field)
        self.new = value
        # A year (format) or 自动合计 change may rewrite cells and drop units: keep them to put back. Other fields
        # leave them alone, and a letter typed into a name field need not copy every value.
        self.restore = (Cells(doc.report.format, dict(doc.report.values), dict(doc.report.units))
                        if field in REWRITES_CELLS else None)

    def id(self) -> int:  # noqa: A003 - Qt's name
        return FIELD_MERGE_ID if self.field in TYPED_FIELDS else -1

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt's name
        if not isinstance(other, SetFieldCommand) or other.field != self.field:
            return False
        self.new = other.new
        return True

    def place(self) -> Place:
        # What only the checks read (a dismissed warning, last year's figures) has no field on a tab to show.
        return Place("" if self.field in UNSHOWN_FIELDS else "info", field=self.field)

    def redo(self) -> None:
        self.doc.apply_field(self.field, self.new)

    def undo(self) -> None:
        self.doc.apply_field(self.field, self.old, restore=self.restore)


class ReportDocument(QObject):
    valuesChanged = Signal(object)  # set[str]: cell ids whose value changed (totals included)
    textChanged = Signal(str)  # text key: "intro", "s1", "s5", "s6"
    metadataChanged = Signal(str)  # field name
    formatChanged = Signal()  # the report switched format version: table views must rebuild
    findingsChanged = Signal(object)  # list[Finding], after every change
    pathChanged = Signal()

    def __init__(self, report: Report, path: Path | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.report = report
        self.path = path
        self.stamp: FileStamp | None = None  # the version of the file at `path` this document holds (set on open and save)
        self.undo_stack = QUndoStack(self)
        self._findings: list[Finding] | None = None  # None: not checked yet (see findings)
        # Numbers pasted onto computed totals by the pastes in effect: compared with the computed totals at every
        # check, so a source whose total disagrees with its parts is named, not silently dropped.
        self.pasted_totals: dict[str, Value] = {}

    @property
    def format(self) -> Format:
        return self.report.format

    # -- edits through the undo stack (what views call) ----------------------------------------------------------
    def set_cell(self, cell_id: str, value: Value) -> None:
        if self.report.values.get(cell_id) == value and cell_id in self.report.values:
            return
        self.undo_stack.push(SetCellsCommand(self, [(cell_id, value)], "输入数值"))

    def set_cells(self, items: Iterable[tuple[str, Value]], text: str = "粘贴",
                  units: list[tuple[str, str]] | None = None, pasted_totals: dict[str, Value] | None = None) -> None:
        """Values (computed totals left out) and units ("" = none) as one undo step; pasted_totals: numbers a
        paste put on computed totals, checked against them while the paste stands."""
        items = [(c, v) for c, v in items if not self.report.is_computed(c)]
        if items or units or pasted_totals:
            self.undo_stack.push(SetCellsCommand(self, items, text, units, pasted_totals))

    def set_text(self, key: str, text: str, label: str = "编辑文字", merge: bool = True) -> None:
        if self.report.texts.get(key, "") != text:
            self.undo_stack.push(SetTextCommand(self, key, text, label, merge))

    def set_field(self, field: str, value: Any, text: str = "修改基本信息") -> None:
        """A report attribute: metadata, 自动合计, or what only the checks read (dismissed warnings, last year)."""
        if self.field(field) != value:
            self.undo_stack.push(SetFieldCommand(self, field, value, text))

    # -- the mutations themselves (called by commands only) ------------------------------------------------------
    def apply_values(self, items: list[tuple[str, Value]], units: list[tuple[str, str]] | None = None) -> None:
        changed = self.report.set_values(items)
        for cell_id, unit in units or []:
            if unit:
                self.report.units[cell_id] = unit
            else:
                self.report.units.pop(cell_id, None)
            changed.add(cell_id)  # what the cell shows changed
        self.valuesChanged.emit(changed)
        self.recheck()

    def apply_text(self, key: str, text: str) -> None:
        self.report.texts[key] = text
        self.textChanged.emit(key)
        self.recheck()

    def field(self, name: str) -> Any:
        return getattr(self.report, name)

    def apply_field(self, name: str, value: Any, restore: Cells | None = None) -> None:
        old_format = self.report.format
        if name == "auto_total":
            changed = self.report.set_auto_total(bool(value))
            if restore is not None:
                self.report.values, self.report.units = dict(restore.values), dict(restore.units)
                changed = set(self.report.values)
        else:
            setattr(self.report, name, value)
            changed = set()
            if restore is not None:
                self.report.format = restore.format
                self.report.values, self.report.units = dict(restore.values), dict(restore.units)
            elif name == "year":
                self.report.convert_to(format_for_year(int(value)))
        self.metadataChanged.emit(name)
        if self.report.format is not old_format:
            self.formatChanged.emit()
        elif changed:
            self.valuesChanged.emit(changed)
        self.recheck()

    # -- findings ------------------------------------------------------------------------------------------------
    @property
    def findings(self) -> list[Finding]:
        """The current findings. A new document is checked when they are first asked for; every change rechecks
        at once and emits findingsChanged."""
        if self._findings is None:
            self._findings = self._check()
        return self._findings

    def recheck(self) -> None:
        self._findings = self._check()
        self.findingsChanged.emit(self._findings)

    def _check(self) -> list[Finding]:
        from app.rules import SEVERITY_ORDER, check  # noqa: PLC0415 - see the top

        findings = check(self.report)
        if self.pasted_totals:
            findings = sorted(findings + self.pasted_total_findings(),
                              key=lambda f: (f.dismissed is not None, SEVERITY_ORDER[f.severity]))
        return findings

    def pasted_total_findings(self) -> list[Finding]:
        from app.report.entry import total_mismatches  # noqa: PLC0415 - loaded with the grid that pasted
        from app.rules import Finding, apply_dismissals  # noqa: PLC0415 - see the top

        notes = [Finding(PASTED_TOTAL_RULE, "warning", (m.cell_id,), m.message(self.report))
                 for m in total_mismatches(self.report, self.pasted_totals)]
        return apply_dismissals(notes, self.report.dismissals)

    def set_path(self, path: Path | None) -> None:
        self.path = path
        self.pathChanged.emit()
