"""Cell painting and number entry for the report grids.

The delegate paints what the model says (indentation of row labels, the marker frame of a cell in a failing rule)
and makes the editor behave like Excel's and WPS's, in their two modes:
- Enter mode (typing started on a selected cell): the arrow keys, Tab and Enter commit the value and move, so
  “4 → 5” fills two cells and never makes 45 in one;
- Edit mode (F2, a double-click, or a click inside the open editor): ←/→ move the caret; ↑/↓, Tab and Enter commit.
F2 switches between them, Esc cancels. A number the parser refuses keeps the editor open with the reason in the
status bar instead of silently dropping what was typed.
"""

from __future__ import annotations

from enum import Enum
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

# Custom item roles shared by the model, the delegate, the tests.
CELL_ID_ROLE = int(Qt.ItemDataRole.UserRole) + 1  # str | None: the format's cell id
MARKER_ROLE = int(Qt.ItemDataRole.UserRole) + 2  # "error" | "warning" | None
INDENT_ROLE = int(Qt.ItemDataRole.UserRole) + 3  # int: nesting depth of a row label
LABEL_ROLE = int(Qt.ItemDataRole.UserRole) + 4  # bool: a printed label (row label or group row), not a value
EDIT_TEXT_ROLE = int(Qt.ItemDataRole.UserRole) + 5  # str: what the editor opens with (“251000元”: the unit stays)

INDENT_PX = 18
ROW_PADDING = 5  # a comfortable row for typing, as in a spreadsheet

Index = QModelIndex | QPersistentModelIndex


class EditMode(Enum):
    ENTER = "输入"  # typing started on the cell: every arrow key commits and moves
    EDIT = "编辑"  # F2, double-click, a click in the editor: ←/→ move the caret


K = Qt.Key
COMMIT_KEYS = {K.Key_Return, K.Key_Enter, K.Key_Up, K.Key_Down, K.Key_Tab, K.Key_Backtab}  # in both modes
ENTER_MODE_KEYS = COMMIT_KEYS | {K.Key_Left, K.Key_Right}
SHIFTABLE = {K.Key_Return, K.Key_Enter, K.Key_Tab, K.Key_Backtab}  # Shift+Enter goes up, Shift+Tab left


class CellDelegate(QStyledItemDelegate):
    """Row heights for typing, label widths with their indentation. Painting is Qt's own: every role a value cell
    shows is in the model's items, so a repaint runs no Python per value cell."""

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> Any:  # noqa: N802 - Qt's name
        hint = super().sizeHint(option, index)
        hint.setHeight(max(hint.height(), option.fontMetrics.height() + 2 * ROW_PADDING))
        if index.data(LABEL_ROLE):
            hint.setWidth(hint.width() + 12 + INDENT_PX * int(index.data(INDENT_ROLE) or 0))
        return hint


def figure_font(font: QFont) -> QFont:
    """The font for figures: digits, a decimal point, a unit need no text shaping, and Qt skips HarfBuzz for them
    (a fifth of a repaint of Section 三), with the same glyphs at the same places."""
    figures = QFont(font)
    figures.setStyleStrategy(figures.styleStrategy() | QFont.StyleStrategy.PreferNoShaping)
    return figures


class GridDelegate(CellDelegate):
    """The value cells: Qt paints them; this is their editor."""

    navigate = Signal(int, bool)  # the key (Qt.Key) that committed the editor, Shift held: the view moves on

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.editor: QLineEdit | None = None
        self.mode = EditMode.ENTER

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:  # noqa: N802
        editor = QLineEdit(parent)
        self.mode = EditMode.ENTER  # the view switches to Edit mode for F2 and a double-click (GridView.edit)
        self.editor = editor  # the open editor, for text an input method commits (GridView.inputMethodEvent)
        editor.destroyed.connect(self._forget_editor)
        editor.setFrame(False)
        editor.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return editor

    def _forget_editor(self) -> None:
        self.editor = None

    def set_mode(self, mode: EditMode) -> None:
        """Edit mode puts the caret at the end, nothing selected, as F2 does in Excel."""
        self.mode = mode
        if mode == EditMode.EDIT and self.editor is not None:
            self.editor.deselect()
            self.editor.end(False)

    def setEditorData(self, editor: QWidget, index: Index) -> None:  # noqa: N802 - Qt's name
        assert isinstance(editor, QLineEdit)
        editor.setText(str(index.data(EDIT_TEXT_ROLE) or ""))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:  # noqa: N802
        assert isinstance(editor, QLineEdit)
        model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)

    def eventFilter(self, editor: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if not isinstance(editor, QLineEdit):
            return super().eventFilter(editor, event)
        if event.type() == QEvent.Type.MouseButtonPress:
            self.mode = EditMode.EDIT  # a click inside the editor places the caret: the arrows move it from there
        elif event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = Qt.Key(event.key())
            modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            shift = modifiers == Qt.KeyboardModifier.ShiftModifier
            if key == K.Key_F2 and not modifiers:
                self.set_mode(EditMode.EDIT if self.mode == EditMode.ENTER else EditMode.ENTER)
                return True
            keys = ENTER_MODE_KEYS if self.mode == EditMode.ENTER else COMMIT_KEYS
            if key in keys and (not modifiers or (shift and key in SHIFTABLE)):
                return self._commit_and_move(editor, key, shift)
        return super().eventFilter(editor, event)

    def _commit_and_move(self, editor: QLineEdit, key: Qt.Key, shift: bool) -> bool:
        view = self.parent()  # the delegate is created with its view as parent
        if isinstance(view, QAbstractItemView) and not view.model().setData(
                view.currentIndex(), editor.text(), Qt.ItemDataRole.EditRole):
            # Refused (the model has said why in the status bar): keep the editor open, what was typed is not lost.
            editor.selectAll()
            return True
        self.closeEditor.emit(editor, QStyledItemDelegate.EndEditHint.NoHint)  # written above: no commitData
        self.navigate.emit(int(key), shift)
        return True
