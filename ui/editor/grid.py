"""The report tables of Sections 二, 三 and 四 as spreadsheet-like grids.

One `BlockModel` (a thin Qt adapter over one Block of the format) per block, one `GridView` per model, and a
`TableWidget` stacking the blocks of a table with their captions. Labels, kinds, totals and findings all come from
`app` through the ReportDocument; this module owns no label and no rule. Every edit goes through the document's undo
stack, keyed by cell id.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QBrush,
    QColor,
    QContextMenuEvent,
    QFont,
    QGuiApplication,
    QInputMethodEvent,
    QKeyEvent,
    QKeySequence,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHeaderView,
    QLabel,
    QMenu,
    QScrollArea,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.report.absence import ABSENT_MARK, REASONS
from app.report.formats import Block, Cell
from app.report.model import Value
from app.report.numbers import NumberError, parse_number
from app.rules import Finding, fmt_number
from ui.editor.grid_delegate import CELL_ID_ROLE, INDENT_ROLE, LABEL_ROLE, MARKER_ROLE, GridDelegate
from ui.editor.grid_header import GridHeader, header_boxes
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
CursorAction = QAbstractItemView.CursorAction

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
# Units a person may type after an amount whose table prints none (2019 采购总金额); the longer one first.
AMOUNT_UNITS = ("万元", "元")
BULK_UPDATE = 12  # more changed cells than this: one dataChanged over their bounding box


@dataclass(frozen=True)
class GridRow:
    """One visual row: a data row of the block (leaf) or a group label row (三、本年度办理结果, （三）不予公开)."""

    label: str
    depth: int
    leaf: int | None  # index into block.leaf_rows; None for a group row


def grid_rows(block: Block) -> list[GridRow]:
    rows: list[GridRow] = []
    leaf = 0

    def walk(node: Any, depth: int) -> None:
        nonlocal leaf
        if node.is_leaf:
            rows.append(GridRow(node.label, depth, leaf))
            leaf += 1
            return
        rows.append(GridRow(node.label, depth, None))
        for child in node.children:
            walk(child, depth + 1)

    for row in block.rows:
        walk(row, 0)
    return rows


def display_value(value: Value) -> str:
    return "" if value is None else fmt_number(value)


class BlockModel(QAbstractTableModel):
    """One block of an official table: an optional label column, then one column per leaf column of the format."""

    message = Signal(str)  # for the status bar: what was typed or pasted and why it was not taken; paste results

    def __init__(self, doc: ReportDocument, block: Block, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.block = block
        self.rows = grid_rows(block)
        self.has_labels = bool(block.row_header) or any(r.label for r in self.rows)
        self.first_value_column = 1 if self.has_labels else 0
        self._cell_at: dict[tuple[int, int], Cell] = {}
        self._position: dict[str, tuple[int, int]] = {}
        cells = doc.format.cells
        for r, row in enumerate(self.rows):
            if row.leaf is None:
                continue
            for c, cell_id in enumerate(block.cells[row.leaf]):
                pos = (r, c + self.first_value_column)
                self._cell_at[pos] = cells[cell_id]
                self._position[cell_id] = pos
        self.markers: dict[str, tuple[str, str]] = {}  # cell id -> (severity, tooltip)
        self.absent: dict[str, str] = {}  # cell id -> why the source does not give it
        self._group_font = QFont()
        self._group_font.setBold(True)
        self.update_markers(doc.findings)

    # -- geometry ------------------------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt's name and default
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt's name and default
        return 0 if parent.isValid() else self.first_value_column + len(self.block.leaf_columns)

    def cell(self, index: Index) -> Cell | None:
        return self._cell_at.get((index.row(), index.column())) if index.isValid() else None

    def index_of(self, cell_id: str) -> QModelIndex:
        pos = self._position.get(cell_id)
        return self.index(*pos) if pos else QModelIndex()

    def cell_ids(self) -> list[str]:
        return list(self._position)

    def data_rows(self) -> list[int]:
        """Model rows holding numbers, top to bottom (group rows are not part of a pasted or copied block)."""
        return [r for r, row in enumerate(self.rows) if row.leaf is not None]

    def group_rows(self) -> list[int]:
        return [r for r, row in enumerate(self.rows) if row.leaf is None]

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
        text = display_value(self.doc.report.values.get(cell.id))
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
            self.message.emit(str(exc))
            return False
        write_entries(self.doc, [(cell.id, entry)], "输入数值")
        return True  # dataChanged follows from the document's valuesChanged

    # -- document changes ----------------------------------------------------------------------------------------
    def values_changed(self, cell_ids: set[str]) -> None:
        self._emit_changed([c for c in cell_ids if c in self._position], None)

    def update_markers(self, findings: list[Finding]) -> None:
        """Recompute which cells are marked; emit dataChanged only for cells whose marker or message changed."""
        absent = {c: why for c, why in self.doc.report.absent_cells().items() if c in self._position}
        old_absent, self.absent = self.absent, absent
        self._emit_changed([c for c in old_absent.keys() ^ absent.keys()], None)
        collected: dict[str, list[Finding]] = {}
        for finding in findings:
            if finding.severity not in MARKED_SEVERITIES or finding.dismissed is not None:
                continue  # a warning dismissed with a reason marks nothing
            for cell_id in finding.cells:
                if cell_id in self._position and cell_id not in absent:  # I1 names them; the hatching shows them
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
        positions = [self._position[c] for c in cell_ids]
        args = (roles,) if roles else ()
        if len(positions) > BULK_UPDATE:
            rows = [p[0] for p in positions]
            cols = [p[1] for p in positions]
            self.dataChanged.emit(self.index(min(rows), min(cols)), self.index(max(rows), max(cols)), *args)
            return
        for r, c in positions:
            index = self.index(r, c)
            self.dataChanged.emit(index, index, *args)


def parse_cell(cell: Cell, text: str) -> Value:
    """parse_number with the cell's kind, the refusal naming the cell (“abc”不是数字 — 第三部分“…”行“…”列)."""
    kind = "money" if cell.kind == "amount_with_unit" else cell.kind
    try:
        return parse_number(text, kind)
    except NumberError as exc:
        raise NumberError(f"{exc}（{cell.location}），未填入") from exc


@dataclass(frozen=True)
class Entry:
    """What a person typed or pasted into one cell: the number, and a unit typed with an amount (“25.1万元”)."""

    value: Value
    unit: str | None = None  # None: the cell keeps the unit it has


def parse_entry(cell: Cell, text: str) -> Entry:
    if cell.kind == "amount_with_unit":
        t = unicodedata.normalize("NFKC", text).strip()
        for unit in AMOUNT_UNITS:
            if t.endswith(unit) and len(t) > len(unit):
                return Entry(parse_cell(cell, t[: -len(unit)]), unit)
    return Entry(parse_cell(cell, text))


def write_entries(doc: ReportDocument, entries: list[tuple[str, Entry]], text: str) -> None:
    """One undo step (and one check) for numbers and any units typed with them."""
    units = [(cid, e.unit) for cid, e in entries if e.unit is not None and doc.report.units.get(cid, "") != e.unit]
    values = [(cid, e.value) for cid, e in entries]
    if len(values) == 1 and not units:
        doc.set_cell(*values[0])
    else:
        doc.set_cells(values, text, units)


def marker_of(findings: list[Finding]) -> tuple[str, str]:
    severity = "error" if any(f.severity == "error" for f in findings) else "warning"
    tooltip = "\n".join(f"{f.severity_label}（{f.rule}）：{f.message}" for f in findings)
    return severity, tooltip


class GridView(QTableView):
    """A spreadsheet-like view of one block: type to overwrite, Enter down, Tab right, Delete clears, copy/paste."""

    leaveEdge = Signal(object, int)  # CursorAction, value column: the cursor tried to leave the block

    def __init__(self, model: BlockModel, fixed_height: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.fixed_height = fixed_height  # True: always show every row (a block among several, Section 二)
        boxes, depth = header_boxes(model.block, model.has_labels)
        self.setHorizontalHeader(GridHeader(boxes, depth, self))
        self.setModel(model)
        self.grid_model = model
        self.grid_delegate = GridDelegate(self)
        self.grid_delegate.navigate.connect(self.move_cursor)
        self.setItemDelegate(self.grid_delegate)
        self.verticalHeader().hide()
        self.setWordWrap(True)
        self.setTabKeyNavigation(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setEditTriggers(QAbstractItemView.EditTrigger.AnyKeyPressed
                             | QAbstractItemView.EditTrigger.EditKeyPressed
                             | QAbstractItemView.EditTrigger.DoubleClicked)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        header = self.horizontalHeader()
        # Widths are set here, not stretched by the header: QHeaderView stretches later, after the resize event,
        # and the wrapped header and row heights must follow the final widths.
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        for r in model.group_rows():
            self.setSpan(r, 0, 1, model.columnCount())
        if fixed_height:
            self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        first = model.index_of(model.cell_ids()[0]) if model.cell_ids() else QModelIndex()
        if first.isValid():
            # The cursor starts on the first value, without painting it as a selection.
            self.selectionModel().setCurrentIndex(first, QItemSelectionModel.SelectionFlag.NoUpdate)

    # -- layout --------------------------------------------------------------------------------------------------
    def label_width(self) -> int:
        """Wide enough for the longest row label, but never more than ~40 % of the grid (the rest is numbers)."""
        if not self.grid_model.has_labels:
            return 0
        width = self.viewport().width()
        wanted = max(self.sizeHintForColumn(0), int(width * 0.22))  # the printed Section 二 has 4 equal columns
        return max(160, min(wanted, int(width * 0.42)))

    def fit_columns(self) -> None:
        """Label column, equal value columns filling the width, wrapped row heights, then the view's own height
        (its whole content, or at most that)."""
        model = self.grid_model
        label = self.label_width()
        if model.has_labels:
            self.setColumnWidth(0, label)
        count = model.columnCount() - model.first_value_column
        free = max(self.viewport().width() - label, count * 40)
        for i in range(count):
            # The last column takes the rounding remainder, so the grid ends flush with the frame.
            width = free // count if i < count - 1 else free - (count - 1) * (free // count)
            self.setColumnWidth(model.first_value_column + i, width)
        self.resizeRowsToContents()
        self.fit_height()

    def fit_height(self) -> None:
        self.updateGeometries()
        height = self.content_height()
        if self.fixed_height:
            self.setFixedHeight(height)
        else:
            self.setMaximumHeight(height)

    def content_height(self) -> int:
        rows = sum(self.rowHeight(r) for r in range(self.grid_model.rowCount()))
        return self.horizontalHeader().sizeHint().height() + rows + 2 * self.frameWidth()

    def viewportEvent(self, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        # The viewport, not the view: a vertical scroll bar appearing narrows it and the columns must follow.
        if (event.type() == QEvent.Type.Resize and isinstance(event, QResizeEvent)
                and event.size().width() != event.oldSize().width()):
            self.fit_columns()
        return super().viewportEvent(event)

    # -- keyboard ------------------------------------------------------------------------------------------------
    def move_cursor(self, action: CursorAction) -> None:
        current = self.currentIndex()
        target = self.moveCursor(action, Qt.KeyboardModifier.NoModifier)
        if target.isValid() and target != current:
            self.setCurrentIndex(target)
        elif current.isValid() and action in (CursorAction.MoveDown, CursorAction.MoveUp):
            self.leaveEdge.emit(action, current.column() - self.grid_model.first_value_column)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        key = event.key()
        if self.state() != QAbstractItemView.State.EditingState:
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.move_cursor(CursorAction.MoveUp if event.modifiers() & Qt.KeyboardModifier.ShiftModifier
                                 else CursorAction.MoveDown)
                return
            if key == Qt.Key.Key_Delete:
                self.clear_selection()
                return
            if event.matches(QKeySequence.StandardKey.Copy):
                self.copy_selection()
                return
            if event.matches(QKeySequence.StandardKey.Cut):
                self.cut_selection()
                return
            if event.matches(QKeySequence.StandardKey.Paste):
                self.paste_clipboard()
                return
            if key in (Qt.Key.Key_Up, Qt.Key.Key_Down) and not event.modifiers():
                self.move_cursor(CursorAction.MoveUp if key == Qt.Key.Key_Up else CursorAction.MoveDown)
                return
            if event.text().isprintable() and event.text() and self._is_total(self.currentIndex()):
                self.grid_model.message.emit(self._total_message(self.currentIndex()))
                return
        super().keyPressEvent(event)

    def _is_total(self, index: QModelIndex) -> bool:
        cell = self.grid_model.cell(index)
        return cell is not None and self.grid_model.doc.report.is_computed(cell.id)

    def _total_message(self, index: QModelIndex) -> str:
        cell = self.grid_model.cell(index)
        assert cell is not None
        return f"{cell.location}是合计，由各项自动相加，不能直接填写（关闭“自动合计”后可以填写）"

    def edit(self, index: Index, trigger: Any = None, event: Any = None) -> bool:
        if trigger is None:
            return super().edit(index)
        opened = super().edit(index, trigger, event)
        editor = self.grid_delegate.editor
        if opened and editor is not None and trigger in (QAbstractItemView.EditTrigger.EditKeyPressed,
                                                         QAbstractItemView.EditTrigger.DoubleClicked):
            # F2 and double-click correct a value, as in Excel: the caret at the end, nothing selected.
            editor.deselect()
            editor.end(False)
        return opened

    def inputMethodEvent(self, event: QInputMethodEvent) -> None:  # noqa: N802 - Qt's name
        # A Chinese input method commits text (full-width digits “１２３” included) instead of key presses. Qt opens
        # the editor for it but drops the committed text; open the editor and hand the text over, as for a key.
        index = self.currentIndex()
        if (self.state() != QAbstractItemView.State.EditingState and event.commitString()
                and self.model().flags(index) & Qt.ItemFlag.ItemIsEditable and self.edit(
                    index, QAbstractItemView.EditTrigger.AnyKeyPressed, event)):
            editor = self.grid_delegate.editor
            if editor is not None:
                editor.selectAll()
                editor.insert(event.commitString())
            event.accept()
            return
        if event.commitString() and self._is_total(index):
            self.grid_model.message.emit(self._total_message(index))
            event.accept()
            return
        super().inputMethodEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802 - Qt's name
        """The right-click menu clerks know from Excel and WPS."""
        menu = QMenu(self)
        menu.addAction("剪切", self.cut_selection).setShortcut(QKeySequence.StandardKey.Cut)
        menu.addAction("复制", self.copy_selection).setShortcut(QKeySequence.StandardKey.Copy)
        menu.addAction("粘贴", self.paste_clipboard).setShortcut(QKeySequence.StandardKey.Paste)
        menu.addAction("清除内容", self.clear_selection).setShortcut(QKeySequence(Qt.Key.Key_Delete))
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(event.globalPos())

    # -- editing a selection -------------------------------------------------------------------------------------
    def selected_cells(self) -> list[str]:
        ids = (self.grid_model.data(i, CELL_ID_ROLE) for i in self.selectionModel().selectedIndexes())
        return [c for c in ids if c]

    def clear_selection(self, text: str = "清除") -> None:
        """Delete: blank every selected value (blank, not 0 — R9 then asks for a 0 where nothing happened)."""
        doc = self.grid_model.doc
        ids = [c for c in self.selected_cells() if not doc.report.is_computed(c)]
        if ids:
            doc.set_cells([(c, None) for c in ids], text)
        elif self._is_total(self.currentIndex()):
            self.grid_model.message.emit(self._total_message(self.currentIndex()))

    def cut_selection(self) -> None:
        self.copy_selection()
        self.clear_selection("剪切")

    def copy_selection(self) -> None:
        """The selected rectangle as tab-separated lines, as Excel/WPS put it on the clipboard."""
        indexes = [i for i in self.selectionModel().selectedIndexes() if self.grid_model.cell(i)]
        if not indexes:
            return
        rows = sorted({i.row() for i in indexes})
        cols = sorted({i.column() for i in indexes})
        cols = list(range(cols[0], cols[-1] + 1))
        values = self.grid_model.doc.report.values
        lines = []
        for r in rows:
            cells = [self.grid_model.cell(self.grid_model.index(r, c)) for c in cols]
            lines.append("\t".join(display_value(values.get(c.id)) if c else "" for c in cells))
        QGuiApplication.clipboard().setText("\r\n".join(lines) + "\r\n")

    def paste_clipboard(self) -> None:
        """Paste a tab-separated block at the current cell: all of it or nothing, one undo step."""
        text = QGuiApplication.clipboard().text()
        block = parse_clipboard(text)
        if not block:
            return
        status = self.paste_block(block)
        if status:
            self.grid_model.message.emit(status)

    def paste_block(self, block: list[list[str]]) -> str:
        """Place block at the current cell (group rows skipped, as in the printed table). Returns a status message."""
        model = self.grid_model
        start = self.currentIndex()
        if not model.cell(start):
            return "请先选中要粘贴到的第一个单元格"
        data_rows = model.data_rows()
        first_row = data_rows.index(start.row())
        selected = self.selectionModel().selectedIndexes()
        if len(block) == 1 and len(block[0]) == 1 and len(selected) > 1:
            # One value over a selection fills the selection, as in Excel.
            targets = [(i, block[0][0]) for i in selected if model.cell(i)]
        else:
            targets = []
            for dr, line in enumerate(block):
                if first_row + dr >= len(data_rows):
                    break
                for dc, text in enumerate(line):
                    col = start.column() + dc
                    if col < model.columnCount():
                        targets.append((model.index(data_rows[first_row + dr], col), text))
        items: list[tuple[str, Entry]] = []
        skipped_totals = 0
        for index, text in targets:
            cell = model.cell(index)
            assert cell is not None
            if model.doc.report.is_computed(cell.id):
                skipped_totals += 1
                continue
            try:
                items.append((cell.id, parse_entry(cell, text)))
            except NumberError as exc:
                return f"未粘贴：{exc}"
        if items:
            write_entries(model.doc, items, "粘贴")
        self._select_pasted([model.index_of(c) for c, _ in items])
        dropped = sum(len(line) for line in block) - len(targets)
        notes = [f"已粘贴 {len(items)} 个数值（Ctrl+Z 可撤销）"] if items else []
        if dropped > 0 and len(targets) != 0:
            notes.append(f"{dropped} 个值超出表格范围，未粘贴")
        if skipped_totals:
            notes.append(f"{skipped_totals} 个合计单元格自动计算，已跳过")
        return "；".join(notes)

    def _select_pasted(self, indexes: list[QModelIndex]) -> None:
        selection = self.selectionModel()
        if not indexes:
            return
        selection.clearSelection()
        for index in indexes:
            selection.select(index, QItemSelectionModel.SelectionFlag.Select)


def parse_clipboard(text: str) -> list[list[str]]:
    """Tab-separated lines (Excel, WPS, LibreOffice) into rows of cell texts; the trailing line break is dropped."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    while lines and not lines[-1].strip():
        lines.pop()
    return [line.split("\t") for line in lines]


class TableWidget(QWidget):
    """Section 二, 三 or 四 as the official table: one grid per block, captions, the printed notes."""

    statusMessage = Signal(str)  # noqa: N815 - the contract's name

    def __init__(self, doc: ReportDocument, table_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.table_id = table_id
        self.models: list[BlockModel] = []
        self.views: list[GridView] = []
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._body: QWidget | None = None
        doc.valuesChanged.connect(self._values_changed)
        doc.findingsChanged.connect(self._findings_changed)
        doc.metadataChanged.connect(self._metadata_changed)
        doc.formatChanged.connect(self.rebuild)
        self.rebuild()

    # -- the contract --------------------------------------------------------------------------------------------
    def view(self) -> QTableView:
        return self.views[0]

    def focus_cell(self, cell_id: str) -> bool:
        cell = self.doc.format.cells.get(cell_id)
        if cell is None or cell.table != self.table_id or cell.block >= len(self.views):
            return False
        view = self.views[cell.block]
        index = self.models[cell.block].index_of(cell_id)
        if not index.isValid():
            return False
        view.setCurrentIndex(index)
        view.scrollTo(index)
        if isinstance(self._body, QScrollArea):
            self._body.ensureWidgetVisible(view)
        view.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def copy(self) -> None:
        self._active_view().copy_selection()

    def paste(self) -> None:
        self._active_view().paste_clipboard()

    # -- building ------------------------------------------------------------------------------------------------
    def rebuild(self) -> None:
        """(Re)create the grids from the document's current format: after a year change picks another format."""
        had_focus = any(view.hasFocus() for view in self.views)
        if self._body is not None:
            self._layout.removeWidget(self._body)
            self._body.deleteLater()
        for model in self.models:
            model.deleteLater()
        self.models, self.views = [], []
        table = self.doc.format.table(self.table_id)
        shown = set()
        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 0, 0)
        for block in table.blocks:
            if block.caption:
                column.addWidget(self._caption(block.caption))
            model = BlockModel(self.doc, block, self)
            model.message.connect(self.statusMessage)
            view = GridView(model, fixed_height=len(table.blocks) > 1)
            view.leaveEdge.connect(self._leave_block)
            self.models.append(model)
            self.views.append(view)
            column.addWidget(view, 100)
            for leaf, _ in block.leaf_columns:
                if leaf.kind == "amount_with_unit":
                    column.addWidget(self._note(f"“{leaf.label}”请连同单位填写，如“25.1万元”或“251000元”。"))
            shown.add(block.row_header)
            shown.update(r.label for r in model.rows)
        for note in table.notes:
            if note not in shown:
                column.addWidget(self._note(note))
        column.addStretch(1)
        if len(table.blocks) > 1:
            # Several small tables (Section 二): each at its full height, the page scrolls as a whole.
            scroll = QScrollArea()
            scroll.setWidgetResizable(True)
            scroll.setFrameShape(QFrame.Shape.NoFrame)
            scroll.setWidget(content)
            self._body = scroll
        else:
            self._body = content
        self._layout.addWidget(self._body)
        for view in self.views:
            view.fit_columns()
        if had_focus:
            self.views[0].setFocus(Qt.FocusReason.OtherFocusReason)

    def _caption(self, text: str) -> QLabel:
        label = QLabel(text)
        font = label.font()
        font.setBold(True)
        label.setFont(font)
        label.setContentsMargins(2, 8, 2, 2)
        return label

    def _note(self, text: str) -> QLabel:
        label = QLabel(text)
        label.setWordWrap(True)
        label.setContentsMargins(2, 4, 2, 4)
        return label

    def _active_view(self) -> GridView:
        for view in self.views:
            if view.hasFocus():
                return view
        return self.views[0]

    def _leave_block(self, action: CursorAction, column: int) -> None:
        """Moving down from the last row of a Section 二 block continues in the next block, like one sheet."""
        view = self.sender()
        if view not in self.views:
            return
        step = 1 if action == CursorAction.MoveDown else -1
        i = self.views.index(view) + step
        if not 0 <= i < len(self.views):
            return
        model = self.models[i]
        rows = model.data_rows()
        row = rows[0] if step > 0 else rows[-1]
        col = model.first_value_column + min(max(column, 0), len(model.block.leaf_columns) - 1)
        target = self.views[i]
        target.setCurrentIndex(model.index(row, col))
        if isinstance(self._body, QScrollArea):
            self._body.ensureWidgetVisible(target)
        target.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- document signals ----------------------------------------------------------------------------------------
    def _values_changed(self, cell_ids: set[str]) -> None:
        for model in self.models:
            model.values_changed(cell_ids)

    def _findings_changed(self, findings: list[Finding]) -> None:
        for model in self.models:
            model.update_markers(findings)

    def _metadata_changed(self, name: str) -> None:
        if name == "auto_total":
            for model in self.models:
                model.refresh_all()
