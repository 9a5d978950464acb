"""编制日期: stored as an ISO date (docs/file-format.md), read from what a person types or an old file holds, shown
the way a Chinese document writes it."""

from __future__ import annotations

import re
import unicodedata
from datetime import date

# 2022年1月20日, 2022-01-20, 2022.1.20, 2022/1/20 (full-width digits and spaces allowed)
_DATE = re.compile(r"(\d{4})\s*[年./\-]\s*(\d{1,2})\s*[月./\-]\s*(\d{1,2})\s*日?")


def parse_date(text: str) -> date | None:
    """The date in text, or None when it is not a whole, real date (“2022年元月”, “2022-02-30”, “明年”)."""
    match = _DATE.fullmatch(unicodedata.normalize("NFKC", text).strip())
    if match is None:
        return None
    try:
        return date(*(int(g) for g in match.groups()))
    except ValueError:
        return None


def chinese_date(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def shown_date(stored: str) -> str:
    """What the 编制日期 field shows for a stored value: 2022年1月20日 for an ISO date, anything else as it is (an
    old file's free text, to be corrected)."""
    d = parse_date(stored)
    return chinese_date(d) if d is not None and stored == d.isoformat() else stored
