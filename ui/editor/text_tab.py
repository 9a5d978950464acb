"""Text parts of the report (一、五、六 and the opening paragraph): a plain-text editor, the official format's guide
for what the part should cover, the findings about it, and a live character count.

Every edit goes through ReportDocument.set_text, so typing is undoable (consecutive typing merges into one step)
and the checks see the text as it is typed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QMimeData, QObject, QPoint, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QContextMenuEvent,
    QHelpEvent,
    QKeyEvent,
    QKeySequence,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QToolButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from app.report import fields
from app.report.fields import Field, describe
from ui.editor.fields import (
    FIELD_OBJECT,
    MIME,
    OBJECT_CHAR,
    FieldPainter,
    field_of,
    field_text,
    insert_field_text,
    mime_for,
)
from ui.shared.document import ReportDocument

if TYPE_CHECKING:
    from app.rules import Finding

UNDO_KEYS = {QKeySequence(k) for k in ("Ctrl+Z", "Ctrl+Y", "Ctrl+Shift+Z")}
INSERT_FIELD_KEY = "Ctrl+F9"  # as in Word and WPS, where Ctrl+F9 inserts a field


class UndoKeysToDocument(QObject):
    """Text fields claim Ctrl+Z for their private undo history. Give the keys to the window's 撤销/重做 instead,
    so one undo history covers the cells, the texts and the fields, whichever widget has the focus."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if (event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent)
                and QKeySequence(event.keyCombination()) in UNDO_KEYS):
            event.ignore()  # not claimed: the shortcut runs
            return True
        return False


def escape_html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def count_characters(text: str) -> int:
    """字数 the way Word and WPS count Chinese text: every character except spaces and line breaks."""
    return len("".join(text.split()))  # split() drops exactly the isspace() characters, at C speed (every keystroke)


class TextEditor(QPlainTextEdit):
    """A QPlainTextEdit bound to one text key of the document, in both directions, with figure fields
    (ui/editor/fields.py): the report holds field text (⟦…⟧ tokens), the editor one object character per field."""

    figuresChanged = Signal()  # the fields show other figures (the text itself is unchanged): 字数 may differ

    def __init__(self, doc: ReportDocument, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.key = key
        self._syncing = False
        # The document's undo stack is the only undo: Ctrl+Z must reach the window's 撤销, not a private history.
        self.setUndoRedoEnabled(False)
        self._undo_keys = UndoKeysToDocument(self)
        self.installEventFilter(self._undo_keys)
        self.setTabChangesFocus(True)
        self.painter = FieldPainter(doc, self)
        self.document().documentLayout().registerHandler(FIELD_OBJECT, self.painter)
        self.insert_field_action = QAction("插入表格数字…", self)
        self.insert_field_action.setShortcut(QKeySequence(INSERT_FIELD_KEY))
        self.insert_field_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.insert_field_action.triggered.connect(self.ask_and_insert_field)
        self.addAction(self.insert_field_action)
        self._load(doc.report.texts.get(key, ""))
        self.textChanged.connect(self._edited)
        self.cursorPositionChanged.connect(self._plain_after_field)
        doc.textChanged.connect(self._document_changed)
        doc.valuesChanged.connect(self._figures_changed)
        doc.metadataChanged.connect(self._figures_changed)
        doc.formatChanged.connect(self._figures_changed)

    # -- field text <-> the editor's document ---------------------------------------------------------------------
    def field_text(self) -> str:
        plain = self.toPlainText()
        if OBJECT_CHAR not in plain:
            return fields.escape(plain)  # no field: the quick way, on every keystroke
        return field_text(self.document())

    def has_fields(self) -> bool:
        return OBJECT_CHAR in self.toPlainText()

    def printed_text(self) -> str:
        """The text as it prints (each field as its figure): what 字数 counts."""
        plain = self.toPlainText()
        return fields.render(field_text(self.document()), self.doc.report) if OBJECT_CHAR in plain else plain

    def _load(self, text: str) -> None:
        if fields.OPEN not in text:
            self.setPlainText(text)
            return
        self.setPlainText("")
        insert_field_text(QTextCursor(self.document()), text)

    def show_position(self, offset: int) -> None:
        """Focus with the caret at offset (where an undo or redo changed the text), scrolled into view."""
        cursor = self.textCursor()
        cursor.setPosition(min(offset, len(self.toPlainText())))
        self.setTextCursor(cursor)
        self.ensureCursorVisible()
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def _edited(self) -> None:
        if not self._syncing:
            self.doc.set_text(self.key, self.field_text())

    def _document_changed(self, key: str) -> None:
        text = self.doc.report.texts.get(self.key, "")
        if key != self.key or text == self.field_text():
            return
        position = self.textCursor().position()
        self._syncing = True
        try:
            self._load(text)
        finally:
            self._syncing = False
        cursor = self.textCursor()
        cursor.setPosition(min(position, self.document().characterCount() - 1))
        self.setTextCursor(cursor)
        self.ensureCursorVisible()

    def _figures_changed(self, *_args: object) -> None:
        """A table value (or last year's link, or the format) changed: every field shows its new figure."""
        if self.has_fields():
            self._syncing = True
            try:
                self.document().markContentsDirty(0, self.document().characterCount())
            finally:
                self._syncing = False
            self.viewport().update()
            self.figuresChanged.emit()

    def _plain_after_field(self) -> None:
        """Typing right after a field must give text, not more of the field (Qt takes the format on the left)."""
        if self.currentCharFormat().objectType() == FIELD_OBJECT:
            self.setCurrentCharFormat(QTextCharFormat())

    # -- inserting ------------------------------------------------------------------------------------------------
    def insert(self, text: str, label: str) -> None:
        """Insert field text at the cursor (replacing a selection) as one undo step of its own."""
        self._syncing = True
        try:
            insert_field_text(self.textCursor(), text)
        finally:
            self._syncing = False
        self.doc.set_text(self.key, self.field_text(), label, merge=False)
        self.ensureCursorVisible()

    def ask_and_insert_field(self) -> None:
        from ui.editor import field_picker  # noqa: PLC0415 - the dialogs load when first asked for (start-up)

        f = field_picker.ask_field(self, self.doc.report)
        if f is not None:
            self.insert(f.token, "插入表格数字")
            self.setFocus(Qt.FocusReason.OtherFocusReason)

    def ask_and_insert_draft(self) -> None:
        from ui.editor import draft_dialog  # noqa: PLC0415 - the dialogs load when first asked for (start-up)

        text = draft_dialog.ask_draft(self, self.doc.report)
        if not text:
            return
        cursor = self.textCursor()
        if cursor.hasSelection():
            answer = draft_dialog.ask_replace_selection(self)
            if answer is None:
                return
            if answer == "after":
                cursor.setPosition(cursor.selectionEnd())
                self.setTextCursor(cursor)
        cursor = self.textCursor()
        block_text = cursor.block().text()
        before = block_text[: cursor.positionInBlock()]
        after = block_text[cursor.positionInBlock():] if not cursor.hasSelection() else ""
        # Paragraphs of their own: a line break before and after unless the cursor already stands at one.
        self.insert(("\n" if before.strip() else "") + text + ("\n" if after.strip() else ""), "生成段落")
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- clipboard, menu, tooltips -------------------------------------------------------------------------------
    def createMimeDataFromSelection(self) -> QMimeData:  # noqa: N802 - Qt's name
        cursor = self.textCursor()
        return mime_for(self.document(), cursor.selectionStart(), cursor.selectionEnd(), self.doc)

    def canInsertFromMimeData(self, source: QMimeData) -> bool:  # noqa: N802 - Qt's name
        return source.hasFormat(MIME) or super().canInsertFromMimeData(source)

    def insertFromMimeData(self, source: QMimeData) -> None:  # noqa: N802 - Qt's name
        if source.hasFormat(MIME):
            self.insert(bytes(source.data(MIME).data()).decode("utf-8"), "粘贴")
        else:
            super().insertFromMimeData(source)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802 - Qt's name
        menu = self.createStandardContextMenu(event.pos())
        first = menu.actions()[0] if menu.actions() else None
        menu.insertAction(first, self.insert_field_action)
        menu.insertSeparator(first)
        menu.exec(event.globalPos())
        menu.deleteLater()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            f = self.field_at(event.pos())
            if f is not None:
                QToolTip.showText(event.globalPos(), f"表格数字：{describe(f, self.doc.format)}", self)
                return True
        return super().event(event)

    def field_at(self, pos: QPoint) -> Field | None:
        cursor = self.cursorForPosition(pos)
        for offset in (0, 1):
            c = QTextCursor(self.document())
            c.setPosition(max(cursor.position() - offset, 0))
            c.movePosition(QTextCursor.MoveOperation.NextCharacter, QTextCursor.MoveMode.KeepAnchor)
            f = field_of(c.charFormat())
            if f is not None:
                return f
        return None


class TextTab(QWidget):
    """One text section: editor on the left, guide and findings on the right, character count below."""

    def __init__(self, doc: ReportDocument, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.key = key
        self.editor = TextEditor(doc, key, self)
        self.editor.setPlaceholderText("在这里输入本部分的正文。可以从 Word 或 WPS 中复制粘贴。")
        self.count = QLabel(self)
        self.count.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.heading = QLabel(self)
        self.heading.setStyleSheet("font-weight: bold;")
        self.guide = QLabel(self)
        self.guide.setWordWrap(True)
        self.guide.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.problems = QLabel(self)
        self.problems.setWordWrap(True)
        self.problems.setTextFormat(Qt.TextFormat.RichText)

        side = QFrame(self)
        side.setFrameShape(QFrame.Shape.StyledPanel)
        side.setFixedWidth(300)
        side_layout = QVBoxLayout(side)
        side_layout.addWidget(QLabel("<b>本部分应写什么</b>", side))
        side_layout.addWidget(self.guide)
        side_layout.addSpacing(12)
        side_layout.addWidget(self.problems)
        side_layout.addStretch(1)

        self.field_button = QToolButton(self)
        self.field_button.setDefaultAction(self.editor.insert_field_action)
        self.field_button.setToolTip(f"在光标处插入一个取自表格的数字，随表格变化（{INSERT_FIELD_KEY}，或右键菜单）")
        self.draft_button = QToolButton(self)
        self.draft_button.setText("生成段落…")
        self.draft_button.setToolTip("根据第二、三、四部分的表格生成说明段落，数字随表格变化")
        self.draft_button.clicked.connect(self.editor.ask_and_insert_draft)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.field_button)
        top.addWidget(self.draft_button)

        left = QVBoxLayout()
        left.addLayout(top)
        left.addWidget(self.editor, 1)
        left.addWidget(self.count)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 1)
        layout.addWidget(side)

        self.editor.textChanged.connect(self._update_count)
        self.editor.figuresChanged.connect(self._update_count)
        doc.formatChanged.connect(self._update_guide)
        doc.findingsChanged.connect(self._update_problems)
        self._update_guide()
        self._update_count()
        self._update_problems(doc.findings)

    def _update_guide(self) -> None:
        section = self.doc.format.section(self.key)
        self.heading.setText(section.heading)
        self.guide.setText(section.guide or "（官方格式对本部分没有具体要求。）")

    def _update_count(self) -> None:
        text = self.editor.printed_text()  # a field counts as the figure it prints
        self.count.setText(f"字数：{count_characters(text)}（不含空格和换行）")

    def _update_problems(self, findings: list[Finding]) -> None:
        mine = [f for f in findings if f.section == self.key and not f.cells and f.dismissed is None]
        if not mine:
            self.problems.setText("")
            return
        colors = {"error": "#c62828", "warning": "#b26a00", "info": "#1565c0"}
        items = "".join(f"<li><span style='color:{colors[f.severity]}'>[{f.severity_label}]</span> {escape_html(f.message)}</li>"
                        for f in mine)
        self.problems.setText(f"<b>检查提示</b><ul style='margin-left:-20px'>{items}</ul>")
