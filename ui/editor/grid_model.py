"""The Qt model of one block of an official table: a thin adapter over the core's BlockGrid and the document.

Labels, kinds, totals and findings all come from `app` through the ReportDocument; this module owns no label and no
rule. Writing goes through the document's undo stack, keyed by cell id.

What each cell shows is held in Qt's own items (a QStandardItemModel), refreshed from the document when it says what
changed (valuesChanged, findingsChanged, 自动合计 switched): a repaint of Section 三 then asks ~10 roles and the flags
of ~160 cells without one call into Python (answering them from Python cost ~2/3 of an edit's repaint). Every role
comes from `cell_roles`, the one place that says what a cell shows, and an item is rewritten only where its roles
differ from what it holds.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QSignalBlocker, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QStandardItem, QStandardItemModel

from app.report.absence import ABSENT_MARK, REASONS
from app.report.block_grid import BlockGrid, GridRow, Pos
from app.report.entry import Entry, parse_entry
from app.report.formats import Block, Cell
from app.report.model import Value
from app.report.numbers import NumberError, number_text
from app.rules import Finding
from ui.editor.grid_delegate import CELL_ID_ROLE, EDIT_TEXT_ROLE, INDENT_ROLE, LABEL_ROLE, MARKER_ROLE
from ui.shared.document import ReportDocument

Index = QModelIndex | QPersistentModelIndex
Roles = dict[int, Any]  # role -> value, None roles left out; FLAGS holds the item's flags
DISPLAY = int(Qt.ItemDataRole.DisplayRole)
ALIGN = int(Qt.ItemDataRole.TextAlignmentRole)
BACKGROUND = int(Qt.ItemDataRole.BackgroundRole)
TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
FONT = int(Qt.ItemDataRole.FontRole)
FLAGS = -1  # not a role: the item's flags, kept with its roles so one comparison covers both
ALIGN_NUMBER = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
ALIGN_LABEL = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
VALUE_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
INPUT_FLAGS = VALUE_FLAGS | Qt.ItemFlag.ItemIsEditable
# Labels are not items a person can select or type into; the view's cursor skips disabled cells.
LABEL_FLAGS = Qt.ItemFlag.NoItemFlags

MARKER_FILL = {"error": QColor("#fbd9d7"), "warning": QColor("#feeccb")}
COMPUTED_FILL = QColor("#e9edf2")
GROUP_FILL = QColor("#f6f7f9")
MARKER_BRUSH = {severity: QBrush(colour) for severity, colour in MARKER_FILL.items()}
COMPUTED_BRUSH = QBrush(COMPUTED_FILL)
GROUP_BRUSH = QBrush(GROUP_FILL)
COMPUTED_TIP = "自动合计：由各项相加得出，不能直接修改（关闭“自动合计”后可以填写）"
# Absent (app/report/absence.py): hatched, showing 缺, never painted as blank or as an error of its own.
ABSENT_BRUSH = QBrush(QColor("#9aa0a6"), Qt.BrushStyle.BDiagPattern)
ABSENT_TIP = "缺：{why}。这不是空白，也不是 0。请对照原始报告填写，填写后不再显示为缺"
MARKED_SEVERITIES = ("error", "warning")  # 提示 findings inform; they do not paint cells
BULK_UPDATE = 12  # more changed cells than this: one dataChanged over their bounding box


class BlockModel(QStandardItemModel):
    """One block of an official table: an optional label column, then one column per leaf column of the format."""

    # For the status bar: why a typed value was not taken ("" = that refusal no longer stands), paste results.
    message = Signal(str)

    def __init__(self, doc: ReportDocument, block: Block, parent: QObject | None = None) -> None:
        self.grid = BlockGrid(block)
        super().__init__(self.grid.row_count, self.grid.column_count, parent)
        self.doc = doc
        self.block = block
        self.rows = self.grid.rows
        self.has_labels = self.grid.has_labels
        self.first_value_column = self.grid.first_value_column
        cells = doc.format.cells
        self._cell_at: dict[Pos, Cell] = {pos: cells[c] for c in self.grid.cell_ids() if (pos := self.grid.position(c))}
        self.markers: dict[str, tuple[str, str]] = {}  # cell id -> (severity, tooltip)
        self.absent: dict[str, str] = {}  # cell id -> why the source does not give it
        self.refused = False  # a refusal is on the status bar
        self._group_font = QFont()
        self._group_font.setBold(True)
        self._held: dict[Pos, Roles] = {}  # what each item holds now
        for row, column in self._all_positions():
            self.setItem(row, column, QStandardItem())
        self.update_markers(doc.findings)
        self._refresh(self._all_positions())

    # -- geometry ------------------------------------------------------------------------------------------------
    def cell(self, index: Index) -> Cell | None:
        return self._cell_at.get((index.row(), index.column())) if index.isValid() else None

    def index_of(self, cell_id: str) -> QModelIndex:
        pos = self.grid.position(cell_id)
        return self.index(*pos) if pos else QModelIndex()

    def cell_ids(self) -> list[str]:
        return self.grid.cell_ids()

    def is_input(self, cell_id: str) -> bool:
        """A cell a person may type into: every value cell except a total 自动合计 computes."""
        return not self.doc.report.is_computed(cell_id)

    # -- what a cell shows ---------------------------------------------------------------------------------------
    def cell_roles(self, pos: Pos) -> Roles:
        """Everything the position shows, from the document as it is now (the items hold a copy of this)."""
        cell = self._cell_at.get(pos)
        if cell is None:
            return self._label_roles(pos)
        computed = self.doc.report.is_computed(cell.id)
        roles: Roles = {FLAGS: VALUE_FLAGS if computed else INPUT_FLAGS, CELL_ID_ROLE: cell.id, LABEL_ROLE: False,
                        ALIGN: ALIGN_NUMBER, EDIT_TEXT_ROLE: self._value_text(cell, with_unit=False)}
        why = self.absent.get(cell.id)
        marker = self.markers.get(cell.id)
        roles[DISPLAY] = ABSENT_MARK if why is not None else self._value_text(cell, with_unit=True)
        if why is not None:
            roles[BACKGROUND], roles[TOOLTIP] = ABSENT_BRUSH, ABSENT_TIP.format(why=REASONS[why])
        elif marker:
            roles[BACKGROUND], roles[TOOLTIP], roles[MARKER_ROLE] = MARKER_BRUSH[marker[0]], marker[1], marker[0]
        elif computed:
            roles[BACKGROUND], roles[TOOLTIP] = COMPUTED_BRUSH, COMPUTED_TIP
        return {role: value for role, value in roles.items() if value is not None}

    def _value_text(self, cell: Cell, with_unit: bool) -> str:
        """The number; an amount with its unit (“251000 元” shown, “251000元” to edit, so the unit stays)."""
        text = number_text(self.doc.report.values.get(cell.id))
        if cell.kind != "amount_with_unit" or not text:
            return text
        unit = self.doc.report.units.get(cell.id, "")
        return f"{text} {unit}" if with_unit and unit else f"{text}{unit}"

    def _label_roles(self, pos: Pos) -> Roles:
        roles: Roles = {FLAGS: LABEL_FLAGS, LABEL_ROLE: True}
        if pos[1] != 0 or not self.has_labels:
            return roles
        row: GridRow = self.rows[pos[0]]
        roles.update({DISPLAY: row.label, INDENT_ROLE: row.depth, ALIGN: ALIGN_LABEL})
        if row.leaf is None:
            roles.update({BACKGROUND: GROUP_BRUSH, FONT: self._group_font})
        return roles

    def _all_positions(self) -> list[Pos]:
        return [(r, c) for r in range(self.grid.row_count) for c in range(self.grid.column_count)]

    def _refresh(self, positions: list[Pos]) -> None:
        """Rewrite the items whose roles differ from what the document says now. Signals are held: the callers emit
        dataChanged as they always did (the views repaint those cells)."""
        blocker = QSignalBlocker(self)
        for pos in positions:
            roles, held = self.cell_roles(pos), self._held.get(pos, {})
            if roles == held:
                continue
            self._held[pos] = roles
            item = self.item(*pos)
            for role in roles.keys() | held.keys():
                value = roles.get(role)
                if value is None or value != held.get(role):
                    if role == FLAGS:
                        item.setFlags(value)
                    else:
                        item.setData(value, role)
        blocker.unblock()

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt's name
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            if 0 <= section < self.first_value_column:
                return self.block.row_header
            leaf = section - self.first_value_column
            if 0 <= leaf < len(self.block.leaf_columns):
                return self.block.leaf_columns[leaf][0].label
            return None
        if 0 <= section < len(self.rows):
            return self.rows[section].label
        return None

    # -- writing -------------------------------------------------------------------------------------------------
    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        cell = self.cell(index)
        if role != Qt.ItemDataRole.EditRole or cell is None or self.doc.report.is_computed(cell.id):
            return False
        try:
            entry = parse_entry(cell, "" if value is None else str(value))
        except NumberError as exc:
            self.refuse(str(exc))
            return False
        self.withdraw_refusal()
        write_entries(self.doc, [(cell.id, entry)], "输入数值")
        return True  # dataChanged follows from the document's valuesChanged

    def refuse(self, message: str) -> None:
        self.refused = True
        self.message.emit(message)

    def withdraw_refusal(self) -> None:
        """The refused value was corrected or abandoned: its message no longer describes anything."""
        if self.refused:
            self.refused = False
            self.message.emit("")

    # -- document changes ----------------------------------------------------------------------------------------
    def values_changed(self, cell_ids: set[str]) -> None:
        self._emit_changed([c for c in cell_ids if self.grid.position(c)], None)

    def update_markers(self, findings: list[Finding]) -> None:
        """Recompute which cells are marked; emit dataChanged only for cells whose marker or message changed."""
        absent = {c: why for c, why in self.doc.report.absent_cells().items() if self.grid.position(c)}
        collected: dict[str, list[Finding]] = {}
        for finding in findings:
            if finding.severity not in MARKED_SEVERITIES or finding.dismissed is not None:
                continue  # a warning dismissed with a reason marks nothing
            for cell_id in finding.cells:
                if self.grid.position(cell_id) and cell_id not in absent:  # I1 names them; the hatching shows them
                    collected.setdefault(cell_id, []).append(finding)
        markers = {cid: marker_of(fs) for cid, fs in collected.items()}
        old_absent, self.absent = self.absent, absent
        old, self.markers = self.markers, markers
        self._emit_changed([c for c in old_absent.keys() ^ absent.keys()], None)
        changed = [c for c in old.keys() | markers.keys() if old.get(c) != markers.get(c)]
        roles = [Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ToolTipRole, MARKER_ROLE]
        self._emit_changed(changed, roles)

    def refresh_all(self) -> None:
        """自动合计 switched: every total changes its flags, shading and tooltip."""
        self._refresh(self._all_positions())
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1))

    def _emit_changed(self, cell_ids: list[str], roles: list[Qt.ItemDataRole] | None) -> None:
        """Bring these cells' items up to date, then tell the views to repaint them."""
        positions = [pos for c in cell_ids if (pos := self.grid.position(c))]
        if not positions:
            return
        self._refresh(positions)
        args = (roles,) if roles else ()
        if len(positions) > BULK_UPDATE:
            rows = [p[0] for p in positions]
            cols = [p[1] for p in positions]
            self.dataChanged.emit(self.index(min(rows), min(cols)), self.index(max(rows), max(cols)), *args)
            return
        for r, c in positions:
            index = self.index(r, c)
            self.dataChanged.emit(index, index, *args)


def write_entries(doc: ReportDocument, entries: list[tuple[str, Entry]], text: str,
                  pasted_totals: dict[str, Value] | None = None) -> None:
    """One undo step (and one check) for numbers, any units typed with them and the totals a paste named."""
    units = [(cid, e.unit) for cid, e in entries if e.unit is not None and doc.report.units.get(cid, "") != e.unit]
    values = [(cid, e.value) for cid, e in entries]
    if len(values) == 1 and not units and not pasted_totals:
        doc.set_cell(*values[0])
    else:
        doc.set_cells(values, text, units, pasted_totals)


def marker_of(findings: list[Finding]) -> tuple[str, str]:
    severity = "error" if any(f.severity == "error" for f in findings) else "warning"
    tooltip = "\n".join(f"{f.severity_label}（{f.rule}）：{f.message}" for f in findings)
    return severity, tooltip
