"""The text layer of a PDF written by Qt: what a search, a copy or pdftotext gives back for each glyph.

Qt's PDF writer tells readers which character a glyph stands for through the font's ToUnicode map, and it builds
that map backwards: for each glyph it takes the *lowest* code point the font draws with that glyph
(QFontSubset::getReverseMap). CJK fonts draw the Kangxi and supplement radicals (U+2F08 ⼈, U+2EA0 ⺠) with the
glyph of the ideograph (人, 民), and those code points are lower, so the text layer says ⼈⺠ where the page shows
人民 and a search for 人民政府 finds nothing. Which character was really drawn is known only to the caller (it has
the text and the fonts); this module rewrites the maps with that answer, in place: every entry keeps its length, so
the file's cross-reference offsets stay valid.
"""

from __future__ import annotations

import re
from collections.abc import Callable

# A claimed character -> the character actually drawn with that glyph, or None when the claim is right.
Intended = Callable[[str], str | None]

_REF = re.compile(rb"/ToUnicode\s+(\d+)\s+0\s+R")
_CODE = re.compile(rb"<([0-9A-Fa-f]{4})>")
_RANGE = re.compile(rb"^(\s*<[0-9A-Fa-f]{4}>\s*<[0-9A-Fa-f]{4}>\s*)(.*)$")
_PAIR = re.compile(rb"^\s*<([0-9A-Fa-f]{4})>\s*<([0-9A-Fa-f]{4})>\s*<([0-9A-Fa-f]{4})>\s*$")
_CHAR = re.compile(rb"^(\s*<[0-9A-Fa-f]{4}>\s*<)([0-9A-Fa-f]{4})(>.*)$")


class TextLayerError(Exception):
    """The PDF's text maps are not in the form Qt writes (compressed, or not found): nothing was changed."""


def _stream_span(pdf: bytes, number: int) -> tuple[int, int]:
    """Start and end offsets of the (uncompressed) stream data of object `number`."""
    head = re.search(rb"(?<![0-9])%d\s+0\s+obj\s*<<(.*?)>>\s*stream\r?\n" % number, pdf, re.DOTALL)
    if head is None:
        raise TextLayerError(f"object {number} not found")
    if b"/Filter" in head.group(1):
        raise TextLayerError(f"object {number} is compressed")
    length = re.search(rb"/Length\s+(\d+)(?!\s+\d+\s+R)", head.group(1))
    if length is None:
        raise TextLayerError(f"object {number} has no direct /Length")
    return head.end(), head.end() + int(length.group(1))


def _swap(code: bytes, intended: Intended) -> bytes:
    claimed = chr(int(code, 16))
    drawn = intended(claimed)
    if drawn is None or len(drawn) != 1 or ord(drawn) > 0xFFFF or 0xD800 <= ord(drawn) <= 0xDFFF:
        return code  # only a single BMP character fits the four hex digits in place
    return b"%04X" % ord(drawn)


def _fix_line(line: bytes, intended: Intended, in_range: bool) -> bytes:
    """One bfrange line (<lo> <hi> [<u> …] or <lo> <hi> <u>) or bfchar line (<cid> <u>)."""
    def each(m: re.Match[bytes]) -> bytes:
        return b"<" + _swap(m.group(1), intended) + b">"

    if not in_range:
        char = _CHAR.match(line)
        return line if char is None else char.group(1) + _swap(char.group(2), intended) + char.group(3)
    pair = _PAIR.match(line)
    if pair is not None:
        if pair.group(1).upper() != pair.group(2).upper():
            return line  # a linear run of ten or more code points: never a look-alike in practice, left alone
        return line[:pair.start(3) - 1] + b"<" + _swap(pair.group(3), intended) + line[pair.end(3):]
    ranged = _RANGE.match(line)
    if ranged is None:
        return line
    return ranged.group(1) + _CODE.sub(each, ranged.group(2))


def _fix_cmap(cmap: bytes, intended: Intended) -> bytes:
    out: list[bytes] = []
    section = b""
    for line in cmap.split(b"\n"):
        word = line.strip().split(b" ")[-1] if line.strip() else b""
        if word in (b"beginbfrange", b"beginbfchar"):
            section = word
        elif word in (b"endbfrange", b"endbfchar"):
            section = b""
        elif section:
            line = _fix_line(line, intended, section == b"beginbfrange")
        out.append(line)
    return b"\n".join(out)


def repair_text_layer(pdf: bytes, intended: Intended) -> bytes:
    """`pdf` with every ToUnicode entry answered by `intended`; same length, same structure."""
    numbers = sorted({int(m.group(1)) for m in _REF.finditer(pdf)})
    if not numbers:
        raise TextLayerError("no ToUnicode map")
    data = bytearray(pdf)
    for number in numbers:
        start, end = _stream_span(pdf, number)
        fixed = _fix_cmap(pdf[start:end], intended)
        assert len(fixed) == end - start  # each code is replaced by four hex digits
        data[start:end] = fixed
    return bytes(data)


def claimed_characters(pdf: bytes) -> set[str]:
    """Every character the PDF's ToUnicode maps name (for tests and diagnostics)."""
    found: set[str] = set()
    for number in sorted({int(m.group(1)) for m in _REF.finditer(pdf)}):
        start, end = _stream_span(pdf, number)
        _fix_cmap(pdf[start:end], lambda ch: found.add(ch))  # type: ignore[func-returns-value]
    return found
