"""Cross-year rule types (official-format.md §6.4): this year's report against last year's figures.

They read Report.previous (schema in app/previous.py) and return nothing when it is not set, so a report
without last year's data is checked exactly as before. The rules themselves (ids, severities, messages, cells,
thresholds) are data in resources/formats/*.json.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from decimal import Decimal
from functools import lru_cache
from typing import Any

from app.report.fields import render
from app.report.formats import Format
from app.report.model import Report
from app.report.previous import describe, has_cell, previous_value
from app.rules.engine import Checker, Finding, Trace, finding, fmt_number, register_rule_type


def _linked(report: Report, rule: dict[str, Any], trace: Trace | None) -> dict[str, Any] | None:
    """Last year's record if it really is the year before this report's year; else the rule did not run (traced as
    skipped, so it is never listed as passed)."""
    prev = report.previous
    if not prev or prev.get("year") != report.year - 1:
        if trace:
            trace.skip(rule)
        return None
    return prev


def _carry_over(rule: dict[str, Any], fmt: Format) -> Checker:
    table = rule["table"]
    block = fmt.table(table).blocks[0]
    columns = [(col.id, col.label) for col, _ in block.leaf_columns]
    this_row, last_row = rule["this_row"], rule["last_row"]

    def check(report: Report, trace: Trace | None) -> list[Finding]:
        prev = report.previous
        if not prev:
            if trace:
                trace.skip(rule)
            return []
        if prev.get("year") != report.year - 1:
            return [Finding(rule["id"], "warning", (), rule["year_message"].format(
                last_year=prev.get("year"), year=report.year, expected=report.year - 1), "s3")]
        severity = rule.get("typed_severity", rule["severity"]) if prev.get("source") == "typed" else rule["severity"]
        out = []
        absent = report.absent_cells()
        for col_id, label in columns:
            this_id, last_id = f"{table}.{this_row}.{col_id}", f"{table}.{last_row}.{col_id}"
            if not has_cell(prev, last_id) or this_id in absent:
                continue
            this, last = report.values.get(this_id), previous_value(prev, last_id)
            if last is None:
                continue  # a blank last year is R9's business in last year's report, not a carry-over error
            if this == last:
                if trace:
                    trace.held(rule, (this_id,), f"第三部分“{label}”列：二、上年结转 = {fmt_number(this)} = "
                                                 f"{describe(prev)}的“四、结转下年度继续办理”")
                continue
            diff = "本年为空白" if this is None else fmt_number(abs(this - last))
            f = finding(rule, (this_id,), column=label, this=fmt_number(this), last=fmt_number(last),
                         previous=describe(prev), diff=diff)
            out.append(Finding(f.rule, severity, f.cells, f.message, f.section))
        return out
    return check


Term = tuple[str, str, str, int]  # (message name, "this" | "last" year, column id, sign)


def _continuity(target: str, terms: tuple[Term, ...]) -> Callable[[dict[str, Any], Format], Checker]:
    """A rule type for "this year's `target` column = Σ sign × term", row by row of a Section 二 block.

    Terms read this year's report or last year's figures; a row is skipped when last year's report lacks one of
    its columns (X3: the 2019 对外公开总数量 is not 2021's 现行有效件数) or when any value is blank (R9 reports it)."""

    def factory(rule: dict[str, Any], fmt: Format) -> Checker:
        table = rule["table"]
        rows = [(r, fmt.cells[f"{table}.{r}.{target}"].row) for r in rule["rows"]
                if f"{table}.{r}.{target}" in fmt.cells]

        def check(report: Report, trace: Trace | None) -> list[Finding]:
            prev = _linked(report, rule, trace)
            if prev is None:
                return []
            out = []
            for row, label in rows:
                target_id = f"{table}.{row}.{target}"
                ids = {name: f"{table}.{row}.{col}" for name, _, col, _ in terms}
                if not all(has_cell(prev, ids[name]) for name, year, _, _ in terms if year == "last"):
                    continue
                values = {name: previous_value(prev, ids[name]) if year == "last" else report.values.get(ids[name])
                          for name, year, _, _ in terms}
                this = report.values.get(target_id)
                if this is None or None in values.values():
                    continue
                expected = sum(sign * values[name] for name, _, _, sign in terms)
                if this == expected and trace:
                    terms_text = "".join(f"{' − ' if sign < 0 else ' + '}{fmt_number(values[name])}"
                                         for name, _, _, sign in terms)[3:]
                    trace.held(rule, (target_id,), f"第二部分“{label}”{fmt.cells[target_id].column}："
                                                   f"{fmt_number(this)} = {terms_text}")
                if this != expected:
                    cells = (target_id, *(ids[name] for name, year, _, _ in terms if year == "this"))
                    out.append(finding(rule, cells, row=label, this=fmt_number(this),
                                        expected=fmt_number(expected), diff=fmt_number(abs(this - expected)),
                                        **{name: fmt_number(v) for name, v in values.items()}))
            return out
        return check
    return factory


# X2 (2021): 现行有效件数 = 上年现行有效件数 + 本年制发件数 − 本年废止件数
_in_force = _continuity("in_force", (("last", "last", "in_force", 1), ("issued", "this", "issued", 1),
                                     ("repealed", "this", "repealed", -1)))
# X4 (2019): 本年“上一年项目数量” = 上年“上一年项目数量” + 上年“本年增/减”
_items = _continuity("prev_items", (("last", "last", "prev_items", 1), ("change", "last", "change", 1)))


def _jumps(rule: dict[str, Any], fmt: Format) -> Checker:
    cells = [c for c in rule["cells"] if c in fmt.cells]
    factor = Decimal(str(rule["factor"]))
    floor = Decimal(str(rule["min_value"]))

    def check(report: Report, trace: Trace | None) -> list[Finding]:
        prev = _linked(report, rule, trace)
        if prev is None:
            return []
        out = []
        for cid in cells:
            this, last = report.values.get(cid), previous_value(prev, cid)
            if this is None or last is None or not has_cell(prev, cid):
                continue
            # Small numbers jump by nature (1 → 6 applications is an ordinary year for a township).
            if max(this, last) < floor:
                continue
            if this >= last * factor or this * factor <= last:
                out.append(finding(rule, (cid,), location=fmt.cells[cid].location, this=fmt_number(this),
                                    last=fmt_number(last), factor=fmt_number(factor)))
        return out
    return check


_SENTENCE_END = re.compile(r"[。！？；;!?\n]+")
_DIGITS = re.compile(r"\d+")
_NOISE = re.compile(r"[\s，,、：:“”\"'‘’（）()《》]+")


def sentences(text: str) -> list[str]:
    """Sentences normalised for comparison: width folded, spaces and light punctuation dropped, every number
    replaced by # (changing only “2021年” to “2022年” still leaves the same text)."""
    out = []
    for part in _SENTENCE_END.split(unicodedata.normalize("NFKC", text)):
        s = _DIGITS.sub("#", _NOISE.sub("", part))
        if s:
            out.append(s)
    return out


@lru_cache(maxsize=64)
def repeated_share(text: str, last_text: str, min_sentence: int = 8) -> tuple[float, int]:
    """Share of this text (by characters of its substantial sentences) found verbatim among last year's
    sentences, and the number of characters compared. Short sentences (sub-headings such as “（二）改进措施”)
    are left out: repeating them is expected."""
    old = {s for s in sentences(last_text) if len(s) >= min_sentence}
    current = [s for s in sentences(text) if len(s) >= min_sentence]
    total = sum(len(s) for s in current)
    if not total:
        return 0.0, 0
    same = sum(len(s) for s in current if s in old)
    return same / total, total


def _text_repeat(rule: dict[str, Any], fmt: Format) -> Checker:
    sections = [fmt.section(k) for k in rule["sections"]]
    threshold = float(rule["threshold"])
    min_chars = int(rule["min_chars"])
    min_sentence = int(rule["min_sentence_chars"])

    def check(report: Report, trace: Trace | None) -> list[Finding]:
        prev = _linked(report, rule, trace)
        if prev is None:
            return []
        out = []
        for s in sections:
            last_text = prev.get("texts", {}).get(s.key, "")
            share, compared = repeated_share(render(report.texts.get(s.key, ""), report), last_text, min_sentence)
            if compared >= min_chars and share > threshold:
                out.append(finding(rule, (), s.key, heading=s.heading, share=round(share * 100),
                                    threshold=round(threshold * 100), previous=describe(prev)))
        return out
    return check


register_rule_type("previous_carry_over", _carry_over)
register_rule_type("previous_in_force", _in_force)
register_rule_type("previous_items", _items)
register_rule_type("previous_jumps", _jumps)
register_rule_type("previous_text_repeat", _text_repeat)
