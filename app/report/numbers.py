"""The one number parser and the one magnitude check: grid entry and paste, the command line's values.json, the
project-file loader, last year's figures and every importer use them.

A number is checked by its size *before* any arithmetic: abs() of 1E+999999999 raises decimal.Overflow, int() of it
takes minutes and gigabytes, and Decimal() of a million digits is slow. `within` decides from the exponent alone,
and number texts longer than MAX_NUMBER_CHARS are refused before they are converted.
"""

from __future__ import annotations

import math
import re
import unicodedata
from decimal import Decimal, InvalidOperation

Value = int | Decimal | None  # a cell's value; None = blank: nobody filled the cell (not the same as 0), or absent
# (Report.absence says which)

MAX_ABS = 10**12  # the largest magnitude a person may enter (a count or an amount)
# The largest a .zwgk file may hold (app.storage refuses larger): room for totals and 汇总 sums of entered values.
MAX_STORED = 10**15
# The longest number text converted: 1,000,000,000,000.0000 万元 is 22 characters; 40 leaves room for signs and
# zeros. Anything longer is not a figure of a report, and converting it would only cost time.
MAX_NUMBER_CHARS = 40
SHOWN_CHARS = 30  # how much of a refused text a message quotes
BLANK_MARKS = {"", "/", "-", "—", "－", "／", "无", "空"}
_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
_PLAIN = re.compile(r"^[+-]?\d+(\.\d+)?$")


class NumberError(ValueError):
    """Input that is not an acceptable number for the cell. The message is Chinese and says why."""


def within(number: Decimal | int | float, limit: int = MAX_ABS) -> bool:
    """|number| ≤ limit, decided without arithmetic that could overflow or take long (the one magnitude check)."""
    if isinstance(number, bool):
        return False
    if isinstance(number, int):
        return -limit <= number <= limit
    if isinstance(number, float):
        return math.isfinite(number) and -limit <= number <= limit
    if not number.is_finite():
        return False
    if number.is_zero():
        return True
    if number.adjusted() > len(str(limit)) - 1:
        return False
    return number.copy_abs() <= limit  # copy_abs: no rounding, so no context signal


def quoted(text: str) -> str:
    """A refused text as a message quotes it: trimmed, and cut short when long."""
    t = text.strip()
    return t if len(t) <= SHOWN_CHARS else f"{t[:SHOWN_CHARS]}…（共 {len(t)} 个字符）"


def json_decimal(text: str) -> Decimal:
    """parse_float for every json.loads of figures: a long number text is refused before conversion."""
    if len(text) > MAX_NUMBER_CHARS:
        raise NumberError(f"数值“{quoted(text)}”过长")
    return Decimal(text)


def json_int(text: str) -> int:
    """parse_int for every json.loads of figures (int() of thousands of digits is slow, or refused)."""
    if len(text) > MAX_NUMBER_CHARS:
        raise NumberError(f"数值“{quoted(text)}”过长")
    return int(text)


def normalise(text: str) -> str:
    """Full-width digits and signs to ASCII, spaces and 件/万元 suffixes removed."""
    t = unicodedata.normalize("NFKC", text).strip()
    t = t.replace("\u2212", "-").replace(" ", "")
    for suffix in ("万元", "件", "个", "项"):
        if t.endswith(suffix) and len(t) > len(suffix):
            t = t[: -len(suffix)]
    return t


def parse_number(text: str, kind: str = "count") -> Value:
    """Parse what a person typed or a source document holds. Returns None for a blank mark (“”, “/”, “-”).

    Raises NumberError for letters, a negative count, a fraction where a whole number is required, and the like.
    """
    if len(text) > 4 * MAX_NUMBER_CHARS:  # before normalising: NFKC of a pasted page would cost time for nothing
        raise NumberError(f"“{quoted(text)}”不是数字")
    t = normalise(text)
    if t in BLANK_MARKS:
        return None
    if _THOUSANDS.match(t):
        t = t.replace(",", "")
    if not _PLAIN.match(t):
        raise NumberError(f"“{quoted(text)}”不是数字")
    if len(t) > MAX_NUMBER_CHARS:
        raise NumberError(f"“{quoted(text)}”过长：不是件数或金额")
    try:
        number = Decimal(t)
    except InvalidOperation as exc:  # pragma: no cover - the regex already guarantees a decimal
        raise NumberError(f"“{quoted(text)}”不是数字") from exc
    return coerce(number, kind, quoted(text))


def _shown(number: Decimal | int) -> str:
    if isinstance(number, int) and not within(number, MAX_STORED):  # str() of thousands of digits is refused
        return f"{number.bit_length() * 3 // 10} 位以上的数"
    return quoted(str(number))


def coerce(number: Decimal | int, kind: str, shown: str | None = None) -> Value:
    shown = shown if shown is not None else _shown(number)
    if not within(number, MAX_ABS):  # beyond MAX_STORED a saved file could not be opened again
        raise NumberError(f"“{shown}”过大：超过一万亿，不是件数或金额")
    if kind in ("count", "delta"):
        if number != number.to_integral_value() if isinstance(number, Decimal) else False:
            raise NumberError(f"“{shown}”不是整数：件数只能是整数")
        value = int(number)
        if kind == "count" and value < 0:
            raise NumberError(f"“{shown}”是负数：件数不能为负")
        return value
    if number < 0:
        raise NumberError(f"“{shown}”是负数：金额不能为负")
    if isinstance(number, Decimal):
        if number.as_tuple().exponent < -4:  # type: ignore[operator]
            raise NumberError(f"“{shown}”的小数超过 4 位：金额以万元为单位，最多保留 4 位小数")
        if number == number.to_integral_value():
            return int(number)
    return number


def number_text(v: Value) -> str:
    """A value as a person reads it: blank as "", 26.5000 as 26.5, no exponent."""
    if v is None:
        return ""
    if isinstance(v, Decimal):
        text = format(v, "f")
        return text.rstrip("0").rstrip(".") if "." in text else text
    return str(v)


def plain_number(v: Value) -> int | float | None:
    """A value as JSON and spreadsheets hold it: whole numbers as int, 万元 decimals as float, blank as None."""
    if isinstance(v, Decimal):
        return int(v) if v == v.to_integral_value() else float(v)
    return v
