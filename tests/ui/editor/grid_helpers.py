"""Driving a report grid as a person does: a table page on screen, keys into the current cell, what it shows."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from ui.editor.grid import TableWidget
from ui.editor.grid_view import GridView
from ui.shared.document import ReportDocument

NEW_NATURAL = "s3.new.natural"


def make_table(qtbot: QtBot, doc: ReportDocument, table_id: str = "s3") -> tuple[TableWidget, list[str]]:
    widget = TableWidget(doc, table_id)
    messages: list[str] = []
    widget.statusMessage.connect(messages.append)
    qtbot.addWidget(widget)
    widget.resize(1300, 650)
    with qtbot.waitActive(widget):
        widget.show()
        widget.activateWindow()
    return widget, messages


def go_to(widget: TableWidget, cell_id: str) -> GridView:
    assert widget.focus_cell(cell_id)
    view = widget.views[widget.doc.format.cells[cell_id].block]
    return view


def current_cell(view: GridView) -> str:
    return view.grid_model.cell(view.currentIndex()).id


def shown(widget: TableWidget, cell_id: str, role: int = Qt.ItemDataRole.DisplayRole) -> object:
    block = widget.doc.format.cells[cell_id].block
    model = widget.models[block]
    return model.data(model.index_of(cell_id), role)


def editor_of(view: GridView) -> QLineEdit:
    focus = QApplication.focusWidget()
    assert isinstance(focus, QLineEdit), "the editor should have opened and taken the focus"
    assert view.isAncestorOf(focus)
    return focus


def send_text(qtbot: QtBot, widget: QWidget, text: str) -> None:
    """Keys for ASCII; what a Chinese input method commits (full-width digits, 万元) for the rest."""
    if text.isascii():
        qtbot.keyClicks(widget, text)
        return
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def type_in(qtbot: QtBot, view: GridView, text: str, end: Qt.Key | None = Qt.Key.Key_Return) -> None:
    """Type over the current cell as a person does: the first key opens the editor, the rest goes into it."""
    send_text(qtbot, view, text[0])
    editor = editor_of(view)
    if text[1:]:
        send_text(qtbot, editor, text[1:])
    if end is not None:
        qtbot.keyClick(editor, end)


def select_rect(view: GridView, top_left: str, bottom_right: str) -> None:
    model = view.grid_model
    a, b = model.index_of(top_left), model.index_of(bottom_right)
    view.setCurrentIndex(a)
    view.selectionModel().select(QItemSelection(a, b), QItemSelectionModel.SelectionFlag.ClearAndSelect)
