"""Text parts of the report (一、五、六 and the opening paragraph): a plain-text editor, the official format's guide
for what the part should cover, the findings about it, and a live character count.

Every edit goes through ReportDocument.set_text, so typing is undoable (consecutive typing merges into one step)
and the checks see the text as it is typed.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from app.rules import Finding
from ui.shared.document import ReportDocument

UNDO_KEYS = {QKeySequence(k) for k in ("Ctrl+Z", "Ctrl+Y", "Ctrl+Shift+Z")}


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
    """A QPlainTextEdit bound to one text key of the document, in both directions."""

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
        self.setPlainText(doc.report.texts.get(key, ""))
        self.textChanged.connect(self._edited)
        doc.textChanged.connect(self._document_changed)

    def _edited(self) -> None:
        if not self._syncing:
            self.doc.set_text(self.key, self.toPlainText())

    def _document_changed(self, key: str) -> None:
        text = self.doc.report.texts.get(self.key, "")
        if key != self.key or text == self.toPlainText():
            return
        position = self.textCursor().position()
        self._syncing = True
        try:
            self.setPlainText(text)
        finally:
            self._syncing = False
        cursor = self.textCursor()
        cursor.setPosition(min(position, len(text)))
        self.setTextCursor(cursor)
        self.ensureCursorVisible()


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

        left = QVBoxLayout()
        left.addWidget(self.heading)
        left.addWidget(self.editor, 1)
        left.addWidget(self.count)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 1)
        layout.addWidget(side)

        self.editor.textChanged.connect(self._update_count)
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
        text = self.editor.toPlainText()
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
