"""Which character each glyph of a PDF written by Qt stands for, decided from the fonts and the text drawn.

app.export.pdf_text rewrites the PDF's ToUnicode maps; this module answers its question with Qt's fonts. A code point
the map names but the document never drew (⺠ U+2EA0) was chosen by Qt only because the font draws it with the same
glyph as a character that *was* drawn (民): that drawn character is the answer. Nothing is guessed from a table, so a
font that shares 户 with ⼾ gives 户 back, not the traditional 戶 that Unicode's own folding would.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase, QPainter, QRawFont

from app.export.fonts import FontSet
from app.export.pdf_text import TextLayerError, repair_text_layer


class DrawnText:
    """The characters of a typeset document and the glyphs the fonts that may have drawn them give each one."""

    def __init__(self, fonts: FontSet, text: str) -> None:
        self.counts = Counter(ch for ch in text if ord(ch) <= 0xFFFF and not ch.isspace() or ch == " ")
        self.fonts = _raw_fonts(fonts)
        self._by_glyph: list[dict[int, list[str]]] | None = None

    def _glyph_tables(self) -> list[dict[int, list[str]]]:
        if self._by_glyph is None:
            chars = "".join(self.counts)
            self._by_glyph = []
            for raw in self.fonts:
                table: dict[int, list[str]] = {}
                for ch, glyph in zip(chars, raw.glyphIndexesForString(chars), strict=True):
                    if glyph:
                        table.setdefault(glyph, []).append(ch)
                self._by_glyph.append(table)
        return self._by_glyph

    def intended(self, claimed: str) -> str | None:
        """The drawn character that shares `claimed`'s glyph, or None when `claimed` itself was drawn."""
        if claimed in self.counts:
            return None
        for raw, table in zip(self.fonts, self._glyph_tables(), strict=True):
            glyphs = raw.glyphIndexesForString(claimed)
            if glyphs and glyphs[0] and glyphs[0] in table:
                return max(table[glyphs[0]], key=lambda ch: self.counts[ch])
        return None


def _raw_fonts(fonts: FontSet) -> list[QRawFont]:
    """Every font Qt may have drawn with: each role's resolved font, then each named stand-in installed here."""
    installed = set(QFontDatabase.families())
    out: list[QRawFont] = []
    seen: set[tuple[str, str]] = set()

    def add(families: list[str]) -> None:
        font = QFont()
        font.setFamilies(families)
        raw = QRawFont.fromFont(font)
        key = (raw.familyName(), raw.styleName())
        if raw.isValid() and key not in seen:
            seen.add(key)
            out.append(raw)

    roles = (fonts.title, fonts.body, fonts.heading1, fonts.heading2, fonts.page_number)
    for name in roles:
        add(fonts.families(name))
    for name in roles:
        for family in fonts.families(name):
            if family in installed:
                add([family])
    return out


class RecordingPainter(QPainter):
    """A painter that remembers the text it draws (drawText with the text last), for repair_pdf."""

    def __init__(self, *args: object) -> None:
        super().__init__(*args)
        self.drawn: list[str] = []

    def drawText(self, *args: object) -> None:  # noqa: N802 - Qt's name
        if args and isinstance(args[-1], str):
            self.drawn.append(args[-1])
        super().drawText(*args)


def repair_pdf(path: Path, drawn: DrawnText) -> None:
    """Rewrite the PDF at `path` so that its text layer gives back the characters drawn (see the module doc)."""
    data = path.read_bytes()
    try:
        fixed = repair_text_layer(data, drawn.intended)
    except TextLayerError:
        return  # a PDF without text maps (no text at all) has nothing to repair
    if fixed != data:
        path.write_bytes(fixed)
