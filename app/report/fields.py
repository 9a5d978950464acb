"""Figure fields: numbers in the text parts that are read from the tables instead of typed.

A text part (Report.texts) is a string in which a field is written as a token (docs/file-format.md, “数字字段”):

    ⟦s3.new.total⟧                       this year's value of one cell
    ⟦s3.deny.1.total+s3.deny.2.total⟧     the sum of several cells (a group such as （三）不予公开)
    ⟦s3.new.total|change⟧                 the comparison with last year: “，比上年增加12件，增长8.3%”
    ⟦s3.new.total|zero⟧                   prints nothing; marks a sentence drafted because the cells were 0
                                          (“本年度未收到政府信息公开申请。”), so a check can say when they no longer are

A literal “⟦” in the text is written “⟦⟦”. Anything else between ⟦ and ⟧ is not a field and stays text as it is.
The window shows a field as its live value; printing and every export show the plain figure (render); the R8
check reads the text with the fields masked (mask), so only numbers the clerk typed are compared with the tables.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from typing import Any

from app.report.formats import Format
from app.report.model import Report, Value

OPEN, CLOSE = "⟦", "⟧"
MODES = ("value", "change", "zero")
MASK = "\ufffc"  # what R8 reads where a field stands: not a digit, not a clause break
MISSING = "〔表格中无此项〕"  # a field whose cell the report's format lacks (after a change of format)
BLANK = "〔空白〕"  # a field whose cells are all blank: visible, never a silent 0

_CELL = r"[a-z0-9_]+(?:\.[a-z0-9_]+)+"
_TOKEN = OPEN + r"(" + _CELL + r"(?:\+" + _CELL + r")*)(?:\|(change|zero))?" + CLOSE
# An escaped ⟦ (⟦⟦) is matched first, so “⟦⟦s3.new.total⟧” is a literal ⟦ and text, never a field.
_ESCAPE_OR_TOKEN = re.compile(OPEN * 2 + "|" + _TOKEN)
UNITS = {"count": "件", "money": "万元", "delta": "项", "amount_with_unit": ""}


@dataclass(frozen=True)
class Field:
    """One field: the cells it adds up and what it shows of them."""

    cells: tuple[str, ...]
    mode: str = "value"

    @property
    def token(self) -> str:
        suffix = "" if self.mode == "value" else f"|{self.mode}"
        return f"{OPEN}{'+'.join(self.cells)}{suffix}{CLOSE}"

    @classmethod
    def of(cls, *cells: str, mode: str = "value") -> Field:
        if mode not in MODES or not cells:
            raise ValueError(f"bad field {cells!r} {mode!r}")
        return cls(tuple(cells), mode)


Piece = str | Field


def parse(text: str) -> list[Piece]:
    """The text as runs of plain text (escapes resolved) and fields, in order."""
    if OPEN not in text:
        return [text] if text else []
    return list(_parse(text))


@lru_cache(maxsize=256)  # the checks read every text after every keystroke; the texts change far less often
def _parse(text: str) -> tuple[Piece, ...]:
    pieces: list[Piece] = []
    plain: list[str] = []
    at = 0
    for m in _ESCAPE_OR_TOKEN.finditer(text):
        plain.append(text[at:m.start()])
        at = m.end()
        if m.group(0) == OPEN * 2:
            plain.append(OPEN)
            continue
        run = "".join(plain)
        if run:
            pieces.append(run)
        plain = []
        pieces.append(Field(tuple(m.group(1).split("+")), m.group(2) or "value"))
    plain.append(text[at:])
    run = "".join(plain)
    if run:
        pieces.append(run)
    return tuple(pieces)


def escape(plain: str) -> str:
    """Plain text (typed, pasted, imported, or from a file written before fields existed) as field text."""
    return plain.replace(OPEN, OPEN * 2)


def join(pieces: list[Piece]) -> str:
    """The inverse of parse."""
    return "".join(p.token if isinstance(p, Field) else escape(p) for p in pieces)


def fields_in(text: str) -> Iterator[Field]:
    return (p for p in parse(text) if isinstance(p, Field))


def has_fields(text: str) -> bool:
    return OPEN in text and any(True for _ in fields_in(text))


# -- what a field shows --------------------------------------------------------------------------------------------

def number_text(v: int | Decimal) -> str:
    """A figure as published reports write it: 12345, 12.5 (no thousands separators, no trailing zeros)."""
    if isinstance(v, Decimal):
        text = format(v, "f")
        return text.rstrip("0").rstrip(".") if "." in text else text
    return str(v)


def total(values: dict[str, Value], cells: tuple[str, ...]) -> int | Decimal | None:
    """The sum of the cells; None when every one is blank (blank is not 0)."""
    present = [values[c] for c in cells if values.get(c) is not None]
    if not present:
        return None
    s: int | Decimal = 0
    for v in present:
        s += v  # type: ignore[operator]
    return s


def unit_of(fmt: Format, cells: tuple[str, ...]) -> str:
    cell = fmt.cells.get(cells[0])
    return UNITS.get(cell.kind, "") if cell is not None else ""


def linked_previous(report: Report) -> dict[str, Any] | None:
    """Last year's record, if it really is the year before (the cross-year checks use the same test)."""
    prev = report.previous
    return prev if prev and prev.get("year") == report.year - 1 else None


def change_phrase(now: int | Decimal, before: int | Decimal, unit: str) -> str:
    """“，比上年增加12件，增长8.3%” / “，比上年减少5件，下降3.2%” / “，与上年持平”."""
    diff = now - before
    if diff == 0:
        return "，与上年持平"
    word, rate_word = ("增加", "增长") if diff > 0 else ("减少", "下降")
    phrase = f"，比上年{word}{number_text(abs(diff))}{unit}"
    if before > 0:
        rate = (Decimal(abs(diff)) * 100 / Decimal(before)).quantize(Decimal("0.1"), ROUND_HALF_UP)
        if rate > 0:
            phrase += f"，{rate_word}{number_text(rate)}%"
    return phrase


def show(f: Field, report: Report) -> str:
    """What a field prints in this report now."""
    fmt = report.format
    if any(c not in fmt.cells for c in f.cells):
        return MISSING
    if f.mode == "zero":
        return ""
    now = total(report.values, f.cells)
    if f.mode == "value":
        return BLANK if now is None else number_text(now)
    prev = linked_previous(report)
    if prev is None or now is None:
        return ""
    last_values = prev.get("values", {})
    if any(c not in last_values for c in f.cells):
        return ""
    before = total(last_values, f.cells)
    return "" if before is None else change_phrase(now, before, unit_of(fmt, f.cells))


def render(text: str, report: Report) -> str:
    """The text as it prints: every field replaced by its figure."""
    if OPEN not in text:
        return text
    # Several checks read every text as printed after every keystroke: the same text with the same figures is
    # rendered once. The key holds everything the result depends on (format, this year's and last year's figures).
    cells, changes = _cells_of(text)
    prev = linked_previous(report) if changes else None
    last = prev.get("values", {}) if prev else None
    key = (text, report.format.id, tuple(report.values.get(c) for c in cells),
           None if last is None else tuple(last.get(c, MISSING) for c in changes))
    done = _RENDERED.get(key)
    if done is None:
        if len(_RENDERED) > 512:
            _RENDERED.clear()
        done = _RENDERED[key] = _render(text, report)
    return done


_RENDERED: dict[tuple[Any, ...], str] = {}


@lru_cache(maxsize=256)
def _cells_of(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Every cell the text's fields read this year, and those its comparisons read last year."""
    fields = [p for p in _parse(text) if isinstance(p, Field)]
    return (tuple(dict.fromkeys(c for f in fields for c in f.cells)),
            tuple(dict.fromkeys(c for f in fields if f.mode == "change" for c in f.cells)))


def _render(text: str, report: Report) -> str:
    cells, values = report.format.cells, report.values
    out = []
    for p in _parse(text):
        if isinstance(p, str):
            out.append(p)
        elif p.mode == "value" and len(p.cells) == 1 and p.cells[0] in cells:
            # Most fields: one cell's value. Several checks render every text after every keystroke.
            v = values.get(p.cells[0])
            out.append(BLANK if v is None else str(v) if isinstance(v, int) else number_text(v))
        else:
            out.append(show(p, report))
    return "".join(out)


def mask(text: str) -> str:
    """The text with each field replaced by MASK: what the clerk typed, for R8."""
    if OPEN not in text:
        return text
    return "".join(MASK if isinstance(p, Field) else p for p in parse(text))


def describe(f: Field, fmt: Format) -> str:
    """Where a field's figure comes from, in words (tooltips, `zwgk draft --json`)."""
    names = [fmt.cells[c].location if c in fmt.cells else f"（{c}，本格式中没有）" for c in f.cells]
    where = names[0] if len(names) == 1 else "、".join(names[:2]) + (f"等 {len(names)} 项之和" if len(names) > 2
                                                                     else "之和")
    return {"value": where, "change": f"{where}与上年比较", "zero": f"{where}为 0 时生成的说法"}[f.mode]
