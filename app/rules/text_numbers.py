"""R8: numbers the text sections quote for the tables' quantities, compared with the tables (§6.5).

“全年共收到政府信息公开申请12件，其中予以公开8件” → 12 against 一、本年新收 总计 and 8 against （一）予以公开 总计.
Which words mean which cells is data (the rule's "quantities" in resources/formats/*.json): each quantity has regex
patterns and the cells whose sum it quotes. A count is a number followed by a unit (件/起/宗) inside one clause; it
belongs to the quantity whose pattern ends nearest before it (the longer match wins a tie), so
“收到行政复议申请2件” is a 行政复议 count, not a 收到 count; a parenthesis between the words and the number is
passed over (“无法提供（本机关不掌握）3件”), and a few words follow their number (“1件顺延至下年度”, the quantity's
"after" patterns). Not figures: numbers inside quotation marks or 《》 (“办结一件、满意一件”), 一件 as a measure word
(每一件, 一件件, 一件一档), ordinals (第3件), numbers run on from a date, 件次. A percentage right after a count
(“予以公开及部分公开128件，占41.2%”) is compared with the table's own ratio. A total cell left blank is read as the
sum of its applicant columns. The text often counts something else (a monthly 备案 figure, 政策性文件 rather than
行政规范性文件): findings are warnings showing both numbers, to be confirmed or dismissed with a reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from functools import lru_cache
from typing import Any

from app.report.fields import mask, render
from app.report.fold import fold
from app.report.formats import Format
from app.report.model import Report, Value
from app.rules.engine import Checker, Finding, Trace, finding, fmt_number, register_rule_type

_CLAUSE_BREAK = re.compile(r"[。；;，,、：:\n！？!?]")
_PAREN = re.compile(r"[（(][^（）()]*[）)]")
_QUOTED = re.compile(r"“[^”]*”|《[^》]*》|「[^」]*」|‘[^’]*’|\"[^\"]*\"")
_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
              "九": 9}
# 一件 as a measure word, not the figure 1: 每一件, 这一件, 一件件, 一件事, 一件一档, 办结一件、满意一件.
_MEASURE_BEFORE = re.compile(r"[每逐这那哪任同某单]$")
_MEASURE_AFTER = re.compile(r"^(?:[件事一都也]|[、，,][^。；;，,]{0,6}一件)")
_PARALLEL_BEFORE = re.compile(r"一件[、，,][^。；;，,]{0,6}$")
_DATE_BEFORE = re.compile(r"\d[年月日号]$")
_PERCENT = re.compile(r"^[，,]?\s*(占[^\d，。；;,%％]{0,12}?|比例为|比例)\s*(\d+(?:\.\d+)?)\s*[%％]")


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
    """One count found in the text: the clause it stands in, the number, which quantity it names, and the
    percentage written right after it (“占41.2%”) with the words between (which name the base)."""

    section: str
    clause: str
    number: int
    quantity: int  # index into the rule's quantities
    percent: str | None = None
    percent_words: str = ""


def _number_pattern(units: list[str]) -> re.Pattern[str]:
    return re.compile(r"(?<![第\d.])(\d+|[零〇一二两三四五六七八九十百]+)\s*(?:"
                      + "|".join(map(re.escape, units)) + r")(?!次)")


def _not_a_figure(text: str, start: int, end: int, raw: str, quoted: list[tuple[int, int]]) -> bool:
    if any(a < start < b for a, b in quoted):
        return True
    before, after = text[max(0, start - 12):start], text[end:end + 10]
    if _DATE_BEFORE.search(before):
        return True
    return raw == "一" and bool(_MEASURE_BEFORE.search(before) or _MEASURE_AFTER.search(after)
                               or _PARALLEL_BEFORE.search(before))


def _nearest(before: str, patterns: list[list[re.Pattern[str]]]) -> int | None:
    best: tuple[int, int, int] | None = None  # (end, length, quantity)
    for qi, regexes in enumerate(patterns):
        for rx in regexes:
            for km in rx.finditer(before):
                key = (km.end(), km.end() - km.start(), qi)
                if best is None or key[:2] > best[:2]:
                    best = key
    return None if best is None else best[2]


def find_quotes(text: str, section: str, patterns: list[list[re.Pattern[str]]],
                number_re: re.Pattern[str], after: list[list[re.Pattern[str]]] | None = None) -> list[Quote]:
    quotes = []
    quoted = [m.span() for m in _QUOTED.finditer(text)]
    breaks = [b.end() for b in _CLAUSE_BREAK.finditer(text)]
    for m in number_re.finditer(text):
        raw = m.group(1)
        number = int(raw) if raw.isdigit() else chinese_number(raw)
        if number is None or _not_a_figure(text, m.start(), m.end(), raw, quoted):
            continue
        start = m.start()
        clause_start = max((b for b in breaks if b <= start), default=0)
        following = text[m.end():m.end() + 12]
        qi = next((i for i, rxs in enumerate(after or []) if any(rx.match(following) for rx in rxs)), None)
        if qi is None:
            # Parenthesised asides (“无法提供（本机关不掌握）3件”, “（二）予以公开”) are passed over.
            qi = _nearest(_PAREN.sub("", text[clause_start:start]), patterns)
        if qi is None:
            continue
        clause_end = _CLAUSE_BREAK.search(text, m.end())
        clause = text[clause_start: clause_end.start() if clause_end else len(text)].strip()
        pm = _PERCENT.match(text[m.end():m.end() + 24])
        quotes.append(Quote(section, clause, number, qi, pm.group(2) if pm else None, pm.group(1) if pm else ""))
    return quotes


Reading = tuple[int | Decimal, str]  # the table's figure for a quantity, and how it was read (“” = as stated)


def _quantity_cells(fmt: Format, cells: list[str]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Each cell with the applicant columns that add up to it, for reading a total left blank."""
    out = []
    for c in cells:
        if c not in fmt.cells:
            continue
        parts = next((t.parts for t in fmt.totals.get(c, ()) if t.axis == "columns"), ())
        out.append((c, parts))
    return tuple(out)


def read_quantity(values: dict[str, Value], cells: tuple[tuple[str, tuple[str, ...]], ...]) -> Reading | None:
    """The table's figure for a quantity: the sum of its cells, a blank total read as the sum of its applicant
    columns (an imported 2019 report with the 总计 column left blank). None when nothing is there to read."""
    total: int | Decimal = 0
    seen = summed = False
    for cell, parts in cells:
        v = values.get(cell)
        if v is None and parts:
            filled = [values[p] for p in parts if values.get(p) is not None]
            if filled:
                v, summed = sum(filled), True
        if v is not None:
            total += v
            seen = True
    if not seen:
        return None
    return total, "（总计栏为空白，按六类申请人之和）" if summed else ""


def _percent_matches(stated: str, ratio: Decimal) -> bool:
    """41.2% against the table's 41.18…%: the text may round or cut to its own number of decimals."""
    places = Decimal(1).scaleb(-len(stated.partition(".")[2]))
    return Decimal(stated) in (ratio.quantize(places, ROUND_HALF_UP), ratio.quantize(places, ROUND_DOWN))


def _text_numbers(rule: dict[str, Any], fmt: Format) -> Checker:
    quantities = [(q["name"], _quantity_cells(fmt, q["cells"])) for q in rule["quantities"]]
    index = {q["name"]: i for i, q in enumerate(rule["quantities"])}
    patterns = [[re.compile(p) for p in q["patterns"]] for q in rule["quantities"]]
    after = [[re.compile(p) for p in q.get("after", ())] for q in rule["quantities"]]
    bases = [(re.compile(b["words"]), index[b["quantity"]]) for b in rule["percent_bases"]]
    number_re = _number_pattern(rule["units"])
    sections = rule["sections"]

    @lru_cache(maxsize=64)  # checks run after every keystroke; the text changes far less often than the numbers
    def quotes(text: str, key: str) -> list[Quote]:
        return find_quotes(fold(text), key, patterns, number_re, after)

    def where(name: str, cells: tuple[tuple[str, tuple[str, ...]], ...], how: str) -> str:
        return (fmt.cells[cells[0][0]].location if len(cells) == 1 else f"“{name}”各项之和") + how

    def percent(q: Quote, key: str, values: dict[str, Value], table: int | Decimal) -> Finding | None:
        base_q = next(qi for rx, qi in bases if rx.search(q.percent_words))
        base = read_quantity(values, quantities[base_q][1])
        if q.percent is None or base is None or not base[0]:
            return None
        ratio = Decimal(table) * 100 / Decimal(base[0])
        if _percent_matches(q.percent, ratio):
            return None
        name = quantities[q.quantity][0]
        return Finding(rule["id"], rule["severity"], tuple(c for c, _ in quantities[q.quantity][1]), rule[
            "percent_message"].format(part=fmt.text_part(key), quote=f"{q.clause}，{q.percent_words}{q.percent}%",
                                      text=q.percent, quantity=name, table=fmt_number(table),
                                      base_name=quantities[base_q][0], base=fmt_number(base[0]),
                                      ratio=fmt_number(ratio.quantize(Decimal("0.01"), ROUND_HALF_UP))), key)

    def check(report: Report, trace: Trace | None) -> list[Finding]:
        values = report.values
        absent = report.absent_cells()
        out = []
        seen: set[tuple[str, int, int]] = set()
        for key in sections:
            text = mask(report.texts.get(key, ""))  # figure fields show the table itself: only typed numbers
            if not text:
                continue
            for q in quotes(text, key):
                name, cells = quantities[q.quantity]
                if absent and cells and not absent.keys().isdisjoint(x for c, parts in cells for x in (c, *parts)):
                    out.append(unverifiable(rule, key, q.clause, f"“{name}”", fmt))
                    continue
                reading = read_quantity(values, cells) if cells else None
                if reading is None:
                    continue
                table, how = reading
                ids = tuple(c for c, _ in cells)
                if q.percent is not None:
                    wrong = percent(q, key, values, table)
                    if wrong is not None:
                        out.append(wrong)
                if table == q.number:
                    if trace:
                        trace.held(rule, ids, f"“{fmt.text_part(key)}”中的“{q.clause}” = 表格{where(name, cells, how)} "
                                              f"{fmt_number(table)}", key)
                    continue
                if (key, q.quantity, q.number) in seen:
                    continue
                seen.add((key, q.quantity, q.number))
                out.append(finding(rule, ids, key, part=fmt.text_part(key), quote=q.clause, text=q.number,
                                    quantity=name, table=fmt_number(table), where=where(name, cells, how)))
        return out
    return check


def unverifiable(rule: dict[str, Any], key: str, quote: str, what: str, fmt: Format) -> Finding:
    """A figure of the text whose table cells the imported source does not contain: 无法核对, a hint, never an error."""
    return Finding(rule["id"], "info", (), rule["unverifiable_message"].format(
        part=fmt.text_part(key), quote=quote, what=what), key)


_SENTENCE = re.compile(r"[^。；;！？!?\n]+")
ROLE_LABELS = {"upheld": "结果维持", "corrected": "结果纠正", "other": "其他结果", "pending": "尚未审结", "total": "总计"}


def _text_outcomes(rule: dict[str, Any], fmt: Format) -> Checker:
    """R8 for words instead of numbers: what the text says came of the 复议/诉讼 cases against Section 四
    (“行政复议2件，均获维持” while one is 尚未审结; “未发生行政诉讼” while the table has one)."""
    groups = [(g["name"], {role: tuple(c for c in cells if c in fmt.cells) for role, cells in g["cells"].items()},
               g["words"]) for g in rule["groups"]]
    claims = [[(re.compile(c["pattern"].replace("{group}", words)), tuple(c["zero"])) for c in rule["claims"]]
              for _, _, words in groups]
    sections = rule["sections"]

    @lru_cache(maxsize=32)  # the text changes far less often than the numbers: read it once
    def claims_in(text: str) -> tuple[tuple[int, tuple[str, ...], str], ...]:
        found = []
        for sentence in _SENTENCE.finditer(fold(text)):
            for gi, group_claims in enumerate(claims):
                for rx, zero in group_claims:
                    m = rx.search(sentence.group())
                    if m:
                        found.append((gi, zero, m.group()))
        return tuple(found)

    def check(report: Report, trace: Trace | None) -> list[Finding]:
        values = report.values
        absent = report.absent_cells()
        out = []
        for key in sections:
            for gi, zero, quote in claims_in(render(report.texts.get(key, ""), report)):  # fields as figures
                name, cells, _ = groups[gi]
                if absent and not absent.keys().isdisjoint(c for ids in cells.values() for c in ids):
                    out.append(unverifiable(rule, key, quote, f"第四部分“{name}”", fmt))
                    continue
                figures = {role: sum((values.get(c) or 0) for c in cells[role]) for role in (*zero, "total")}
                evidence = "、".join(f"{ROLE_LABELS[r]} {fmt_number(figures[r])}" for r in zero)
                ids = tuple(c for role in (*zero, "total") for c in cells[role])
                if any(figures[role] for role in zero):
                    out.append(finding(rule, ids, key, part=fmt.text_part(key), quote=quote, group=name,
                                        evidence=evidence, total=fmt_number(figures["total"])))
                elif trace:
                    trace.held(rule, ids, f"“{fmt.text_part(key)}”中的“{quote}”：表格第四部分“{name}”{evidence}", key)
        return out
    return check


register_rule_type("text_numbers", _text_numbers)
register_rule_type("text_outcomes", _text_outcomes)
