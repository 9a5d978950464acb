"""Cell painting and number entry for the report grids.

The delegate paints what the model says (indentation of row labels, the marker frame of a cell in a failing rule)
and makes the editor behave like a spreadsheet's: Enter and the arrow keys commit and move, Tab moves right, and a
number the parser refuses keeps the editor open with a message instead of silently dropping what was typed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QEvent, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLineEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

# Custom item roles shared by the model, the delegate, the tests.
CELL_ID_ROLE = int(Qt.ItemDataRole.UserRole) + 1  # str | None: the format's cell id
MARKER_ROLE = int(Qt.ItemDataRole.UserRole) + 2  # "error" | "warning" | None
INDENT_ROLE = int(Qt.ItemDataRole.UserRole) + 3  # int: nesting depth of a row label
LABEL_ROLE = int(Qt.ItemDataRole.UserRole) + 4  # bool: a printed label (row label or group row), not a value

MARKER_LINE = {"error": QColor("#d93025"), "warning": QColor("#e08a00")}
INDENT_PX = 18
ROW_PADDING = 5  # a comfortable row for typing, as in a spreadsheet

Index = QModelIndex | QPersistentModelIndex
CursorAction = QAbstractItemView.CursorAction
_MOVES = {
    Qt.Key.Key_Return: CursorAction.MoveDown,
    Qt.Key.Key_Enter: CursorAction.MoveDown,
    Qt.Key.Key_Up: CursorAction.MoveUp,
    Qt.Key.Key_Down: CursorAction.MoveDown,
    Qt.Key.Key_Tab: CursorAction.MoveNext,  # right, and on to the next row after the last column
    Qt.Key.Key_Backtab: CursorAction.MovePrevious,
}


def _reader(index: Index) -> Callable[[int], Any]:
    """Read roles straight from the Python model: no QVariant round trip on the painting path."""
    model = index.model()
    return lambda role: model.data(index, role)


class GridDelegate(QStyledItemDelegate):
    navigate = Signal(object)  # QAbstractItemView.CursorAction, after a commit from the editor

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.editor: QLineEdit | None = None

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        data = _reader(index)
        if data(LABEL_ROLE):
            # Labels are disabled items (so the cursor skips them) but must read like printed text, not greyed out.
            option = QStyleOptionViewItem(option)
            option.state |= QStyle.StateFlag.State_Enabled
            fill = data(Qt.ItemDataRole.BackgroundRole)
            if fill is not None:
                painter.fillRect(option.rect, fill)  # under the indentation too
            option.rect.adjust(4 + INDENT_PX * int(data(INDENT_ROLE) or 0), 0, -2, 0)
        super().paint(painter, option, index)
        marker = data(MARKER_ROLE)
        if marker in MARKER_LINE:
            painter.save()
            painter.setPen(QPen(MARKER_LINE[marker], 2))
            painter.drawRect(option.rect.adjusted(1, 1, -1, -1))
            painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> Any:  # noqa: N802 - Qt's name
        hint = super().sizeHint(option, index)
        hint.setHeight(max(hint.height(), option.fontMetrics.height() + 2 * ROW_PADDING))
        data = _reader(index)
        if data(LABEL_ROLE):
            hint.setWidth(hint.width() + 12 + INDENT_PX * int(data(INDENT_ROLE) or 0))
        return hint

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:  # noqa: N802
        editor = QLineEdit(parent)
        self.editor = editor  # the open editor, for text an input method commits (GridView.inputMethodEvent)
        editor.destroyed.connect(self._forget_editor)
        editor.setFrame(False)
        editor.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return editor

    def _forget_editor(self) -> None:
        self.editor = None

    def setEditorData(self, editor: QWidget, index: Index) -> None:  # noqa: N802 - Qt's name
        assert isinstance(editor, QLineEdit)
        editor.setText(str(_reader(index)(Qt.ItemDataRole.EditRole) or ""))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:  # noqa: N802
        assert isinstance(editor, QLineEdit)
        model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)

    def eventFilter(self, editor: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if (event.type() == QEvent.Type.KeyPress and isinstance(editor, QLineEdit)
                and isinstance(event, QKeyEvent) and event.key() in _MOVES
                and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier & ~Qt.KeyboardModifier.ShiftModifier):
            return self._commit_and_move(editor, _MOVES[Qt.Key(event.key())])
        return super().eventFilter(editor, event)

    def _commit_and_move(self, editor: QLineEdit, move: CursorAction) -> bool:
        view = self.parent()  # the delegate is created with its view as parent
        if isinstance(view, QAbstractItemView) and not view.model().setData(
                view.currentIndex(), editor.text(), Qt.ItemDataRole.EditRole):
            # Refused (the model has said why in the status bar): keep the editor open, what was typed is not lost.
            editor.selectAll()
            return True
        self.closeEditor.emit(editor, QStyledItemDelegate.EndEditHint.NoHint)  # written above: no commitData
        self.navigate.emit(move)
        return True
