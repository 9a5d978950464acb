"""The report tables of Sections 二, 三 and 四 as spreadsheet-like grids: the page of one table.

Roles, one module each: the core lays a block out and moves the cursor over it (app/report/block_grid.py) and parses
what is typed or pasted (app/report/entry.py); grid_model.py is the Qt model of one block, grid_view.py its view and
keys, grid_delegate.py the cell editor and painting, grid_header.py the merged column header. This module stacks a
table's blocks with their captions and notes, and carries the cursor from one block to the next (Section 二).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QApplication, QFrame, QLabel, QScrollArea, QTableView, QVBoxLayout, QWidget

from app.report.block_grid import Move
from app.rules import Finding
from ui.editor.grid_model import BlockModel
from ui.editor.grid_view import GridView
from ui.shared.document import ReportDocument


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

    def select_cells(self, cell_ids: list[str]) -> bool:
        """Show and select these cells (those of the first one's block), as an undo or redo does."""
        cells = [self.doc.format.cells[c] for c in cell_ids if c in self.doc.format.cells]
        cells = [c for c in cells if c.table == self.table_id and c.block < len(self.views)]
        if not cells or not self.focus_cell(cells[0].id):
            return False
        self.views[cells[0].block].select_cells([c.id for c in cells if c.block == cells[0].block])
        return True

    # The 编辑 menu's commands, for the block that has the focus.
    def copy(self) -> None:
        self._active_view().copy_selection()

    def cut(self) -> None:
        self._active_view().cut_selection()

    def paste(self) -> None:
        self._active_view().paste_clipboard()

    def select_all(self) -> None:
        self._active_view().select_inputs()

    def clear(self) -> None:
        self._active_view().clear_selection()

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
            view.focused.connect(self._one_cursor)
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
        focus = QApplication.focusWidget()
        return next((v for v in self.views if focus is not None and v.isAncestorOf(focus)), self.views[0])

    def _one_cursor(self) -> None:
        """Section 二: only the small table with the focus shows a current cell; the others' selections go."""
        for view in self.views:
            if view is not self.sender():
                view.clearSelection()

    def _leave_block(self, move: Move, column: int) -> None:
        """Moving on from the edge of a Section 二 block continues in the next (or previous) block, like one sheet:
        ↓/Enter into the same column of its first row, Tab to its first input cell."""
        view = self.sender()
        if view not in self.views:
            return
        step = 1 if move in (Move.DOWN, Move.NEXT) else -1
        i = self.views.index(view) + step
        if not 0 <= i < len(self.views):
            return
        target = self.views[i]
        model = self.models[i]
        if move in (Move.NEXT, Move.PREVIOUS):
            pos = model.grid.first_input(model.is_input, last=step < 0)
        else:
            rows = model.grid.data_rows
            col = model.first_value_column + min(max(column, 0), len(model.block.leaf_columns) - 1)
            pos = (rows[0] if step > 0 else rows[-1], col)
        if pos is None:
            return
        target.place_cursor(pos)
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
