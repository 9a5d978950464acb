"""Figure fields in a text editor: each field is one object character (U+FFFC) whose format carries its token
(app.report.fields); a painter draws its live value from the document, so a changed table changes the text at once.

The editor's document and the report's field text (with ⟦…⟧ tokens) are converted both ways here: field_text reads
the document, insert_field_text writes into it. Copy puts both the field text (our own MIME type, for pasting
into another part) and the printed text (for Word, WPS, e-mail) on the clipboard.
"""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QPointF, QRectF, QSizeF
from PySide6.QtGui import (
    QColor,
    QFontMetricsF,
    QPainter,
    QPyTextObject,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)

from app.report import fields
from app.report.fields import Field, parse
from ui.shared.document import ReportDocument

FIELD_OBJECT = int(QTextFormat.ObjectTypes.UserObject) + 1
FIELD_TOKEN = int(QTextFormat.Property.UserProperty) + 1
MIME = "application/x-zwgk-field-text"
OBJECT_CHAR = "\ufffc"
ZERO_MARK = "○"  # what a |zero field looks like on screen (it prints nothing)
_PLAIN_FIXES = str.maketrans({"\u2029": "\n", "\u2028": "\n", "\u00a0": " "})  # as QTextDocument.toPlainText
SHADE, SHADE_PROBLEM, INK_QUIET = QColor("#dde3ea"), QColor("#f6d5d5"), QColor("#8a8f96")


def field_format(f: Field) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setObjectType(FIELD_OBJECT)
    fmt.setProperty(FIELD_TOKEN, f.token)
    return fmt


def field_of(fmt: QTextFormat) -> Field | None:
    """The field an object character stands for, or None for ordinary text."""
    if fmt.objectType() != FIELD_OBJECT:
        return None
    pieces = parse(str(fmt.property(FIELD_TOKEN) or ""))
    return pieces[0] if len(pieces) == 1 and isinstance(pieces[0], Field) else None


def field_text(document: QTextDocument, start: int = 0, end: int | None = None) -> str:
    """The document (or the range start–end) as field text: plain runs escaped, fields as tokens."""
    if end is None:
        end = document.characterCount() - 1
    out: list[str] = []
    block = document.findBlock(start)
    while block.isValid() and block.position() <= end:
        if block.position() > start:
            out.append("\n")
        it = block.begin()
        while not it.atEnd():
            frag = it.fragment()
            lo, hi = max(frag.position(), start), min(frag.position() + frag.length(), end)
            if lo < hi:
                f = field_of(frag.charFormat())
                if f is not None:
                    out.append(f.token * (hi - lo))  # equal neighbours share one fragment
                else:
                    text = frag.text()[lo - frag.position(): hi - frag.position()]
                    out.append(fields.escape(text.translate(_PLAIN_FIXES)))
            it += 1
        block = block.next()
    return "".join(out)


def insert_field_text(cursor: QTextCursor, text: str) -> None:
    """Insert field text at the cursor (replacing its selection), as one edit."""
    cursor.beginEditBlock()
    try:
        plain = QTextCharFormat()  # explicit: the format of the text before the cursor may be a field's
        for piece in parse(text):
            if isinstance(piece, Field):
                cursor.insertText(OBJECT_CHAR, field_format(piece))
            else:
                cursor.insertText(piece, plain)
        cursor.setCharFormat(plain)
    finally:
        cursor.endEditBlock()


def mime_for(document: QTextDocument, start: int, end: int, doc: ReportDocument) -> QMimeData:
    text = field_text(document, start, end)
    data = QMimeData()
    data.setData(MIME, text.encode("utf-8"))
    data.setText(fields.render(text, doc.report))
    return data


class FieldPainter(QPyTextObject):
    """Draws each field of an editor's document as the figure it shows now (from the open report)."""

    def __init__(self, doc: ReportDocument, parent=None) -> None:  # noqa: ANN001 - a QObject
        super().__init__(parent)
        self.doc = doc

    def shows(self, fmt: QTextFormat) -> tuple[str, bool]:
        """(text, problem): the figure, “○” for a zero mark, and whether it needs the clerk's eye."""
        f = field_of(fmt)
        if f is None:
            return "?", True
        text = fields.show(f, self.doc.report)
        if f.mode == "zero":
            return (ZERO_MARK, text == fields.MISSING or fields.total(self.doc.report.values, f.cells) != 0)
        return text, text in (fields.MISSING, fields.BLANK)

    # A plain-text layout stands an object on the baseline (its height is all ascent): the size given is the
    # font's ascent, and the drawing reaches down by the descent, so the figure sits on the line like the text.
    def intrinsicSize(self, doc: QTextDocument, pos: int, fmt: QTextFormat) -> QSizeF:  # noqa: N802 - Qt's name
        text, _ = self.shows(fmt)
        metrics = QFontMetricsF(doc.defaultFont())
        width = metrics.horizontalAdvance(text) + 4 if text else 3  # nothing to show: a hairline the cursor finds
        return QSizeF(width, metrics.ascent())

    def drawObject(self, painter: QPainter, rect: QRectF, doc: QTextDocument, pos: int,  # noqa: N802 - Qt's name
                   fmt: QTextFormat) -> None:
        text, problem = self.shows(fmt)
        metrics = QFontMetricsF(doc.defaultFont())
        painter.save()
        painter.fillRect(QRectF(rect.x(), rect.y(), rect.width(), rect.height() + metrics.descent()),
                         SHADE_PROBLEM if problem else SHADE)
        painter.setFont(doc.defaultFont())
        if text == ZERO_MARK:
            painter.setPen(INK_QUIET)
        painter.drawText(QPointF(rect.x() + 2, rect.bottom()), text)
        painter.restore()
