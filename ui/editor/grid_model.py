"""The Qt model of one block of an official table: a thin adapter over the core's BlockGrid and the document.

Labels, kinds, totals and findings all come from `app` through the ReportDocument; this module owns no label and no
rule. Writing goes through the document's undo stack, keyed by cell id.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont

from app.report.absence import ABSENT_MARK, REASONS
from app.report.block_grid import BlockGrid, Pos
from app.report.entry import Entry, parse_entry
from app.report.formats import Block, Cell
from app.report.model import Value
from app.report.numbers import NumberError, number_text
from app.rules import Finding
from ui.editor.grid_delegate import CELL_ID_ROLE, INDENT_ROLE, LABEL_ROLE, MARKER_ROLE
from ui.shared.document import ReportDocument

Index = QModelIndex | QPersistentModelIndex
DISPLAY = int(Qt.ItemDataRole.DisplayRole)
EDIT = int(Qt.ItemDataRole.EditRole)
ALIGN = int(Qt.ItemDataRole.TextAlignmentRole)
BACKGROUND = int(Qt.ItemDataRole.BackgroundRole)
TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
FONT = int(Qt.ItemDataRole.FontRole)
CELL_ROLES = frozenset({DISPLAY, EDIT, ALIGN, BACKGROUND, TOOLTIP, FONT, CELL_ID_ROLE, MARKER_ROLE,
                        INDENT_ROLE, LABEL_ROLE})
ALIGN_NUMBER = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
ALIGN_LABEL = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
VALUE_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
INPUT_FLAGS = VALUE_FLAGS | Qt.ItemFlag.ItemIsEditable

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


class BlockModel(QAbstractTableModel):
    """One block of an official table: an optional label column, then one column per leaf column of the format."""

    # For the status bar: why a typed value was not taken ("" = that refusal no longer stands), paste results.
    message = Signal(str)

    def __init__(self, doc: ReportDocument, block: Block, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.block = block
        self.grid = BlockGrid(block)
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
        self.update_markers(doc.findings)

    # -- geometry ------------------------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt's name and default
        return 0 if parent.isValid() else self.grid.row_count

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt's name and default
        return 0 if parent.isValid() else self.grid.column_count

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

    # -- reading -------------------------------------------------------------------------------------------------
    # A repaint of Section 三 asks ~10 roles of ~160 cells: unknown roles leave at the first test, and the role
    # values are plain ints compared against module constants (enum arithmetic costs more than the lookups).
    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if role not in CELL_ROLES:
            return None
        cell = self._cell_at.get((index.row(), index.column()))
        if cell is None:
            return self._label_data(index, role) if index.isValid() else None
        if role in (DISPLAY, EDIT):
            if role == DISPLAY and cell.id in self.absent:
                return ABSENT_MARK
            return self._value_text(cell, with_unit=role == DISPLAY)
        if role == ALIGN:
            return ALIGN_NUMBER
        if cell.id in self.absent and role in (BACKGROUND, TOOLTIP):
            return ABSENT_BRUSH if role == BACKGROUND else ABSENT_TIP.format(why=REASONS[self.absent[cell.id]])
        if role == BACKGROUND:
            marker = self.markers.get(cell.id)
            if marker:
                return MARKER_BRUSH[marker[0]]
            return COMPUTED_BRUSH if self.doc.report.is_computed(cell.id) else None
        if role == TOOLTIP:
            marker = self.markers.get(cell.id)
            if marker:
                return marker[1]
            return COMPUTED_TIP if self.doc.report.is_computed(cell.id) else None
        if role == MARKER_ROLE:
            marker = self.markers.get(cell.id)
            return marker[0] if marker else None
        if role == CELL_ID_ROLE:
            return cell.id
        if role == LABEL_ROLE:
            return False
        return None

    def _value_text(self, cell: Cell, with_unit: bool) -> str:
        """The number; an amount with its unit (“251000 元” shown, “251000元” to edit, so the unit stays)."""
        text = number_text(self.doc.report.values.get(cell.id))
        if cell.kind != "amount_with_unit" or not text:
            return text
        unit = self.doc.report.units.get(cell.id, "")
        return f"{text} {unit}" if with_unit and unit else f"{text}{unit}"

    def _label_data(self, index: Index, role: int) -> Any:
        if role == LABEL_ROLE:
            return True
        if index.column() != 0 or not self.has_labels:
            return None
        row = self.rows[index.row()]
        if role == DISPLAY:
            return row.label
        if role == INDENT_ROLE:
            return row.depth
        if role == ALIGN:
            return ALIGN_LABEL
        if row.leaf is None:
            if role == BACKGROUND:
                return GROUP_BRUSH
            if role == FONT:
                return self._group_font
        return None

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

    def flags(self, index: Index) -> Qt.ItemFlag:
        cell = self._cell_at.get((index.row(), index.column()))
        if cell is None:
            # Labels are not items a person can select or type into; the view's cursor skips disabled cells.
            return Qt.ItemFlag.NoItemFlags
        return VALUE_FLAGS if self.doc.report.is_computed(cell.id) else INPUT_FLAGS

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
        old_absent, self.absent = self.absent, absent
        self._emit_changed([c for c in old_absent.keys() ^ absent.keys()], None)
        collected: dict[str, list[Finding]] = {}
        for finding in findings:
            if finding.severity not in MARKED_SEVERITIES or finding.dismissed is not None:
                continue  # a warning dismissed with a reason marks nothing
            for cell_id in finding.cells:
                if self.grid.position(cell_id) and cell_id not in absent:  # I1 names them; the hatching shows them
                    collected.setdefault(cell_id, []).append(finding)
        markers = {cid: marker_of(fs) for cid, fs in collected.items()}
        old, self.markers = self.markers, markers
        changed = [c for c in old.keys() | markers.keys() if old.get(c) != markers.get(c)]
        roles = [Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ToolTipRole, MARKER_ROLE]
        self._emit_changed(changed, roles)

    def refresh_all(self) -> None:
        """自动合计 switched: every total changes its flags, shading and tooltip."""
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1))

    def _emit_changed(self, cell_ids: list[str], roles: list[Qt.ItemDataRole] | None) -> None:
        if not cell_ids:
            return
        positions = [pos for c in cell_ids if (pos := self.grid.position(c))]
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
