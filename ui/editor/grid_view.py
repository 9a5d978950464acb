"""The view of one block, with a spreadsheet's keys: type to overwrite, arrows/Tab/Enter move over the input cells
(labels, group rows and computed totals are skipped), Delete clears, Ctrl+C/X/V/A as in Excel and WPS.

Where a key goes and where a pasted block lands is the core's arithmetic (app/report/block_grid.py); parsing what
was typed or pasted is app/report/entry.py. This module turns keys and the clipboard into those calls.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QItemSelection, QItemSelectionModel, QMimeData, QModelIndex, Qt, Signal
from PySide6.QtGui import (
    QContextMenuEvent,
    QFocusEvent,
    QGuiApplication,
    QInputMethodEvent,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QPaintEvent,
    QResizeEvent,
)
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QMenu, QSizePolicy, QTableView, QWidget

from app.report.block_grid import Move, Pos
from app.report.entry import TotalMismatch, parse_clipboard, plan_paste, to_html, to_tsv, total_mismatches
from app.report.numbers import NumberError, number_text
from ui.editor.grid_delegate import CELL_ID_ROLE, EditMode, GridDelegate, figure_font
from ui.editor.grid_header import GridHeader, header_boxes
from ui.editor.grid_labels import LabelDelegate
from ui.editor.grid_model import BlockModel, Index, write_entries
from ui.editor.grid_paint import GridLines, draw_marker

K = Qt.Key
ARROWS = {K.Key_Left: Move.LEFT, K.Key_Right: Move.RIGHT, K.Key_Up: Move.UP, K.Key_Down: Move.DOWN,
          K.Key_Home: Move.HOME, K.Key_End: Move.END}
CLEAR_KEYS = (K.Key_Delete, K.Key_Backspace)
BLANK_NOTE = "空白表示“未填写”，检查会提示；本年度没有发生的事项请填 0"
EditTrigger = QAbstractItemView.EditTrigger


class GridView(QTableView):
    """A spreadsheet-like view of one block of an official table."""

    leaveEdge = Signal(object, int)  # Move, value column: the cursor tried to leave the block (Section 二 goes on)
    focused = Signal()  # the view took the keyboard focus (Section 二 shows one cursor: the others' go)

    def __init__(self, model: BlockModel, fixed_height: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.fixed_height = fixed_height  # True: always show every row (a block among several, Section 二)
        self.tab_anchor: int | None = None  # the column a run of Tabs began in: Enter goes back under it
        self._moving = False  # the cursor is moved by a key (currentChanged keeps the Tab run)
        boxes, depth = header_boxes(model.block, model.has_labels)
        self.setHorizontalHeader(GridHeader(boxes, depth, self))
        self.setModel(model)
        self.grid_model = model
        self.grid = model.grid
        self.grid_delegate = GridDelegate(self)
        self.grid_delegate.navigate.connect(self._navigate_from_editor)
        self.setItemDelegate(self.grid_delegate)
        # Row labels and the header keep the shaped text font; the cells (and their editor) show figures.
        text_font = self.font()
        self.horizontalHeader().setFont(text_font)
        self.setFont(figure_font(text_font))
        if model.has_labels:
            self.label_delegate = LabelDelegate(text_font, self)
            self.setItemDelegateForColumn(0, self.label_delegate)
        self.verticalHeader().hide()
        self.setWordWrap(True)
        self.setGridStyle(Qt.PenStyle.NoPen)  # the view draws the grid lines itself, cheaper (grid_paint.py)
        self.setTabKeyNavigation(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setEditTriggers(EditTrigger.AnyKeyPressed | EditTrigger.EditKeyPressed | EditTrigger.DoubleClicked)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        header = self.horizontalHeader()
        # Widths are set here, not stretched by the header: QHeaderView stretches later, after the resize event,
        # and the wrapped header and row heights must follow the final widths.
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        for r in self.grid.group_rows:
            self.setSpan(r, 0, 1, model.columnCount())
        self.grid_lines = GridLines(self, self.grid.group_rows)
        if fixed_height:
            self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        first = self.grid.first_input(model.is_input)
        if first is not None:
            # The cursor starts on the first input cell, without painting it as a selection.
            self.selectionModel().setCurrentIndex(self.model().index(*first), QItemSelectionModel.SelectionFlag.NoUpdate)

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

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        labels = self.label_delegate if self.grid_model.has_labels else None
        if labels is not None:
            labels.begin()
        super().paintEvent(event)  # the cells (the grid pen is NoPen: the lines follow, as fills)
        if labels is not None:
            labels.end()
        region = event.region()
        painter = QPainter(self.viewport())
        self.grid_lines.paint(painter, region)
        # The frames of cells in failing rules, drawn here once rather than asked of every cell's paint.
        for cell_id, (severity, _) in self.grid_model.markers.items():
            rect = self.visualRect(self.grid_model.index_of(cell_id))
            if region.intersects(rect):
                draw_marker(painter, rect, severity)
        painter.end()

    # -- the cursor ----------------------------------------------------------------------------------------------
    def current_pos(self) -> Pos:
        index = self.currentIndex()
        return index.row(), index.column()

    def go(self, move: Move, column: int | None = None) -> bool:
        """Move the cursor as a key does (from the current row, in `column` if given); at the block's edge tell the
        table (leaveEdge). True when the cursor moved within this block."""
        row, col = self.current_pos()
        if row < 0:
            return False
        target = self.grid.step((row, col if column is None else column), move, self.grid_model.is_input)
        if target is None:
            if move not in (Move.LEFT, Move.RIGHT):
                self.leaveEdge.emit(move, (col if column is None else column) - self.grid.first_value_column)
            return False
        self.place_cursor(target)
        return True

    def place_cursor(self, pos: Pos) -> None:
        """The cursor and a one-cell selection on pos (a key's move: not the end of a Tab run)."""
        index = self.model().index(*pos)
        self._moving = True
        try:
            self.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        finally:
            self._moving = False
        self.scrollTo(index)

    def key_move(self, key: Qt.Key, shift: bool) -> None:
        """Where Enter, Tab and the arrows go, from the grid or from a committed editor.

        Tab starts (or continues) a run; Enter after a run of Tabs goes one row down under the cell where the run
        began, as in Excel. Any other move ends the run."""
        if key in (K.Key_Tab, K.Key_Backtab):
            anchor = self.tab_anchor if self.tab_anchor is not None else self.current_pos()[1]
            self.go(Move.PREVIOUS if key == K.Key_Backtab or shift else Move.NEXT)
            self.tab_anchor = anchor
            return
        if key in (K.Key_Return, K.Key_Enter):
            anchor, self.tab_anchor = self.tab_anchor, None
            self.go(Move.UP if shift else Move.DOWN, None if shift else anchor)
            return
        if key in ARROWS:
            self.tab_anchor = None
            self.go(ARROWS[key])

    def _navigate_from_editor(self, key: int, shift: bool) -> None:
        self.key_move(Qt.Key(key), shift)

    def currentChanged(self, current: Index, previous: Index) -> None:  # noqa: N802 - Qt's name
        super().currentChanged(current, previous)
        if not self._moving:
            self.tab_anchor = None  # a click or a jump ends a run of Tabs

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt's name
        super().focusInEvent(event)
        current = self.currentIndex()
        if current.isValid() and not self.selectionModel().hasSelection():
            self.selectionModel().select(current, QItemSelectionModel.SelectionFlag.Select)
        self.focused.emit()

    # -- keys ------------------------------------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        if self.state() != QAbstractItemView.State.EditingState and self._grid_key(event):
            event.accept()
            return
        super().keyPressEvent(event)

    def _grid_key(self, event: QKeyEvent) -> bool:
        """A key the grid handles itself (True), or one for Qt (selection with Shift, F2, typing)."""
        key = Qt.Key(event.key())
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        shift = modifiers == Qt.KeyboardModifier.ShiftModifier
        if key in (K.Key_Return, K.Key_Enter, K.Key_Tab, K.Key_Backtab) and (not modifiers or shift):
            self.key_move(key, shift)
            return True
        if key in ARROWS and not modifiers:
            self.key_move(key, False)
            return True
        if key in (K.Key_Home, K.Key_End) and modifiers == Qt.KeyboardModifier.ControlModifier:
            self.tab_anchor = None  # Ctrl+Home / Ctrl+End: the block's first / last input cell, as in Excel
            pos = self.grid.first_input(self.grid_model.is_input, last=key == K.Key_End)
            if pos is not None:
                self.place_cursor(pos)
            return True
        if key in CLEAR_KEYS and not modifiers:
            self.clear_selection()
            return True
        for sequence, act in ((QKeySequence.StandardKey.Copy, self.copy_selection),
                              (QKeySequence.StandardKey.Cut, self.cut_selection),
                              (QKeySequence.StandardKey.Paste, self.paste_clipboard),
                              (QKeySequence.StandardKey.SelectAll, self.select_inputs)):
            if event.matches(sequence):
                act()
                return True
        if event.text() and event.text().isprintable() and self._is_total(self.currentIndex()):
            self.grid_model.message.emit(self._total_message(self.currentIndex()))
            return True
        return False

    def _is_total(self, index: QModelIndex) -> bool:
        cell = self.grid_model.cell(index)
        return cell is not None and not self.grid_model.is_input(cell.id)

    def _total_message(self, index: QModelIndex) -> str:
        cell = self.grid_model.cell(index)
        assert cell is not None
        return f"{cell.location}是合计，由各项自动相加，不能直接填写（关闭“自动合计”后可以填写）"

    def edit(self, index: Index, trigger: Any = None, event: Any = None) -> bool:
        if trigger is None:
            return super().edit(index)
        opened = super().edit(index, trigger, event)
        if opened and trigger in (EditTrigger.EditKeyPressed, EditTrigger.DoubleClicked):
            self.grid_delegate.set_mode(EditMode.EDIT)  # F2 and double-click correct a value, as in Excel
        return opened

    def closeEditor(self, editor: QWidget, hint: Any) -> None:  # noqa: N802 - Qt's name
        if hint == GridDelegate.EndEditHint.RevertModelCache:
            self.grid_model.withdraw_refusal()  # Esc: the refused text is gone, and so is the reason
        super().closeEditor(editor, hint)

    def inputMethodEvent(self, event: QInputMethodEvent) -> None:  # noqa: N802 - Qt's name
        # A Chinese input method commits text (full-width digits “１２３” included) instead of key presses. Qt opens
        # the editor for it but drops the committed text; open the editor and hand the text over, as for a key.
        index = self.currentIndex()
        if (self.state() != QAbstractItemView.State.EditingState and event.commitString()
                and self.model().flags(index) & Qt.ItemFlag.ItemIsEditable
                and self.edit(index, EditTrigger.AnyKeyPressed, event)):
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
        menu.addAction("清除内容", self.clear_selection).setShortcut(QKeySequence(K.Key_Delete))
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(event.globalPos())

    # -- editing a selection -------------------------------------------------------------------------------------
    def selected_positions(self) -> list[Pos]:
        return [(i.row(), i.column()) for i in self.selectionModel().selectedIndexes()]

    def selected_cells(self) -> list[str]:
        ids = (self.grid_model.data(i, CELL_ID_ROLE) for i in self.selectionModel().selectedIndexes())
        return [c for c in ids if c]

    def select_inputs(self) -> None:
        """Ctrl+A: every input cell of the block (totals are computed, labels are not cells)."""
        selection = QItemSelection()
        for pos in self.grid.input_positions(self.grid_model.is_input):
            index = self.model().index(*pos)
            selection.select(index, index)
        self.selectionModel().select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)

    def clear_selection(self, text: str = "清除") -> None:
        """Delete/Backspace: blank every selected input value, one undo step (blank, not 0: R9 then asks for a 0
        where nothing happened, and the status bar says so)."""
        doc = self.grid_model.doc
        ids = [c for c in self.selected_cells() if self.grid_model.is_input(c)]
        if not ids and self.currentIndex().isValid():
            cell = self.grid_model.cell(self.currentIndex())
            ids = [cell.id] if cell is not None and self.grid_model.is_input(cell.id) else []
        if ids:
            doc.set_cells([(c, None) for c in ids], text)
            self.grid_model.message.emit(f"已清空 {len(ids)} 个单元格（Ctrl+Z 可撤销）。{BLANK_NOTE}")
        elif self._is_total(self.currentIndex()):
            self.grid_model.message.emit(self._total_message(self.currentIndex()))

    def cut_selection(self) -> None:
        self.copy_selection()
        self.clear_selection("剪切")

    def copy_selection(self) -> None:
        """The selected rectangle as Excel/WPS put it on the clipboard: tab-separated text and an HTML table."""
        rows = self.grid.rectangle(self.selected_positions())
        if not rows:
            return
        values = self.grid_model.doc.report.values
        texts = [[number_text(values.get(c)) if c else "" for c in row] for row in rows]
        mime = QMimeData()
        mime.setText(to_tsv(texts))
        mime.setHtml(to_html(texts))
        QGuiApplication.clipboard().setMimeData(mime)
        count = sum(1 for row in rows for c in row if c)
        self.grid_model.message.emit(f"已复制 {count} 个单元格，可粘贴到 Excel、WPS 表格或本程序的表格")

    def paste_clipboard(self) -> None:
        """Paste a tab-separated block at the current cell: all of it or nothing, one undo step."""
        block = parse_clipboard(QGuiApplication.clipboard().text())
        if block:
            self.grid_model.message.emit(self.paste_block(block))

    def paste_block(self, block: list[list[str]]) -> str:
        """Place block at the current cell (group rows skipped, as in the printed table). Returns a status message."""
        model = self.grid_model
        if not model.cell(self.currentIndex()):
            return "请先选中要粘贴到的第一个单元格"
        placement = self.grid.place(block, self.current_pos(), self.selected_positions())
        try:
            plan = plan_paste(model.doc.report, placement.targets)
        except NumberError as exc:
            return f"未粘贴：{exc}"
        if plan.entries or plan.totals:
            write_entries(model.doc, plan.entries, "粘贴", plan.totals)
        self.select_cells([cid for cid, _ in placement.targets])
        notes = [f"已粘贴 {len(plan.entries)} 个数值（Ctrl+Z 可撤销）"] if plan.entries else ["没有粘贴任何数值"]
        if placement.dropped:
            notes.append(f"{placement.dropped} 个值超出表格范围，未粘贴")
        notes.extend(self._mismatch_notes(total_mismatches(model.doc.report, plan.totals)))
        return "；".join(notes)

    def _mismatch_notes(self, mismatches: list[TotalMismatch]) -> list[str]:
        if not mismatches:
            return []
        first = mismatches[0].message(self.grid_model.doc.report)
        more = f"（另有 {len(mismatches) - 1} 个，见检查结果）" if len(mismatches) > 1 else "（见检查结果）"
        return [f"{len(mismatches)} 个粘贴的合计与各项之和不符：{first}{more}"]

    def select_cells(self, cell_ids: list[str]) -> None:
        """Select these cells of the block, the cursor on the first (a paste, an undo: what changed)."""
        positions = [p for c in cell_ids if (p := self.grid.position(c))]
        if not positions:
            return
        first = self.model().index(*positions[0])
        self._moving = True
        try:
            self.selectionModel().setCurrentIndex(first, QItemSelectionModel.SelectionFlag.NoUpdate)
        finally:
            self._moving = False
        selection = QItemSelection()
        for pos in positions:
            index = self.model().index(*pos)
            selection.select(index, index)
        self.selectionModel().select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.scrollTo(first)
