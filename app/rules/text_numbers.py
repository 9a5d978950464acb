"""R8: numbers the text sections quote for the tables' quantities, compared with the tables (§6.5).

“全年共收到政府信息公开申请12件，其中予以公开8件” → 12 against 一、本年新收 总计 and 8 against （一）予以公开 总计.
Which words mean which cells is data (the rule's "quantities" in resources/formats/*.json): each quantity has regex
patterns and the cells whose sum it quotes. A count is a number followed by a unit (件/起/宗) inside one clause; it
belongs to the quantity whose pattern ends nearest before it (the longer match wins a tie), so
“收到行政复议申请2件” is a 行政复议 count, not a 收到 count. The text often counts something else (a monthly 备案
figure, 政策性文件 rather than 行政规范性文件): findings are warnings showing both numbers, to be confirmed or
dismissed with a reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from app.report.formats import Format
from app.report.model import Report
from app.rules.engine import Checker, Finding, Trace, finding, fmt_number, register_rule_type, sum_cells

_CLAUSE_BREAK = re.compile(r"[。；;，,、：:（）()\n！？!?]")
_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
              "九": 9}


def chinese_number(text: str) -> int | None:
    """Small Chinese numerals as written in reports: 三, 十二, 二十, 一百零五. None if not one."""
    if not text or any(ch not in _CN_DIGITS and ch not in "十百" for ch in text):
        return None
    total, current = 0, 0
    for ch in text:
        if ch == "百":
            total += (current or 1) * 100
            current = 0
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        else:
            current = _CN_DIGITS[ch]
    return total + current


@dataclass(frozen=True)
class Quote:
    """One count found in the text: the clause it stands in, the number and which quantity it names."""

    section: str
    clause: str
    number: int
    quantity: int  # index into the rule's quantities


def _number_pattern(units: list[str]) -> re.Pattern[str]:
    return re.compile(r"(?<![第\d.])(\d+|[零〇一二两三四五六七八九十百]+)\s*(?:" + "|".join(map(re.escape, units)) + ")")


def find_quotes(text: str, section: str, patterns: list[list[re.Pattern[str]]],
                number_re: re.Pattern[str]) -> list[Quote]:
    quotes = []
    for m in number_re.finditer(text):
        raw = m.group(1)
        number = int(raw) if raw.isdigit() else chinese_number(raw)
        if number is None:
            continue
        start = m.start()
        breaks = [b.end() for b in _CLAUSE_BREAK.finditer(text, 0, start)]
        clause_start = breaks[-1] if breaks else 0
        before = text[clause_start:start]
        best: tuple[int, int, int] | None = None  # (end, length, quantity)
        for qi, regexes in enumerate(patterns):
            for rx in regexes:
                for km in rx.finditer(before):
                    key = (km.end(), km.end() - km.start(), qi)
                    if best is None or key[:2] > best[:2]:
                        best = key
        if best is not None:
            clause_end = _CLAUSE_BREAK.search(text, m.end())
            clause = text[clause_start: clause_end.start() if clause_end else len(text)].strip()
            quotes.append(Quote(section, clause, number, best[2]))
    return quotes


def _text_numbers(rule: dict[str, Any], fmt: Format) -> Checker:
    quantities = [(q["name"], tuple(c for c in q["cells"] if c in fmt.cells)) for q in rule["quantities"]]
    patterns = [[re.compile(p) for p in q["patterns"]] for q in rule["quantities"]]
    number_re = _number_pattern(rule["units"])
    sections = rule["sections"]
    # Checks run after every keystroke in the grid; the text changes far less often than the numbers.
    cache: dict[tuple[str, str], list[Quote]] = {}

    def quotes(text: str, key: str) -> list[Quote]:
        found = cache.get((key, text))
        if found is None:
            if len(cache) > 64:
                cache.clear()
            found = cache[(key, text)] = find_quotes(text, key, patterns, number_re)
        return found

    def check(report: Report, trace: Trace | None) -> list[Finding]:
        values = report.values
        out = []
        seen: set[tuple[str, int, int]] = set()
        for key in sections:
            text = report.texts.get(key, "")
            if not text:
                continue
            for q in quotes(text, key):
                name, cells = quantities[q.quantity]
                if not cells or all(values.get(c) is None for c in cells):
                    continue
                table = sum_cells(values, cells)
                if table == q.number:
                    if trace:
                        trace.held(rule, cells, f"“{fmt.text_part(key)}”中的“{q.clause}” = 表格 {fmt_number(table)}", key)
                    continue
                if (key, q.quantity, q.number) in seen:
                    continue
                seen.add((key, q.quantity, q.number))
                where = fmt.cells[cells[0]].location if len(cells) == 1 else f"“{name}”各项之和"
                out.append(finding(rule, cells, key, part=fmt.text_part(key), quote=q.clause,
                                    text=q.number, quantity=name, table=fmt_number(table), where=where))
        return out
    return check


register_rule_type("text_numbers", _text_numbers)
