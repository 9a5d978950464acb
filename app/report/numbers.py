"""The one number parser: grid entry, the command line's values.json and every importer use it."""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation

from app.report.model import Value

MAX_ABS = 10**12  # the largest magnitude a person may enter (a count or an amount)
# The largest a .zwgk file may hold (app.storage refuses larger): room for totals and 汇总 sums of entered values.
MAX_STORED = 10**15
BLANK_MARKS = {"", "/", "-", "—", "－", "／", "无", "空"}
_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
_PLAIN = re.compile(r"^[+-]?\d+(\.\d+)?$")


class NumberError(ValueError):
    """Input that is not an acceptable number for the cell. The message is Chinese and says why."""


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
    t = normalise(text)
    if t in BLANK_MARKS:
        return None
    if _THOUSANDS.match(t):
        t = t.replace(",", "")
    if not _PLAIN.match(t):
        raise NumberError(f"“{text.strip()}”不是数字")
    try:
        number = Decimal(t)
    except InvalidOperation as exc:  # pragma: no cover - the regex already guarantees a decimal
        raise NumberError(f"“{text.strip()}”不是数字") from exc
    return coerce(number, kind, text.strip())


def coerce(number: Decimal | int, kind: str, shown: str | None = None) -> Value:
    shown = shown if shown is not None else str(number)
    if abs(number) > MAX_ABS:  # beyond MAX_STORED a saved file could not be opened again
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


def plain_number(v: Value) -> int | float | None:
    """A value as JSON and spreadsheets hold it: whole numbers as int, 万元 decimals as float, blank as None."""
    if isinstance(v, Decimal):
        return int(v) if v == v.to_integral_value() else float(v)
    return v
