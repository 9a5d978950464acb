"""T8 and T9: the figure fields of the text parts (app.report.fields).

A field cannot disagree with the table, but two things can still go wrong: its cell no longer exists (the year,
and with it the official format, was changed after the field was inserted), or a sentence drafted because the
cells were 0 (“本年度未收到政府信息公开申请。”, marked by a |zero field) stands beside a table that is no longer 0.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from app.report.fields import Field, describe, join, parse, render, total
from app.report.formats import Format
from app.report.model import TEXT_KEYS, Report
from app.rules.engine import Checker, Finding, Trace, finding, fmt_number, register_rule_type

_CLAUSE_END = "，,。；;！？!?\n"


def _clause_after(rendered: str) -> str:
    """The clause a |zero field opens, as printed (“本年度未收到政府信息公开申请”)."""
    ends = [i for i in (rendered.find(ch) for ch in _CLAUSE_END) if i >= 0]
    return rendered[: min(ends) if ends else len(rendered)].strip()


def _fields_missing(rule: dict[str, Any], fmt: Format) -> Checker:
    @lru_cache(maxsize=64)  # per text: the check runs after every keystroke, the text changes far less often
    def missing_in(text: str) -> tuple[str, ...]:
        return tuple(next(c for c in f.cells if c not in fmt.cells) for f in _fields(text)
                     if any(c not in fmt.cells for c in f.cells))

    def check(report: Report, trace: Trace | None) -> list[Finding]:
        out = []
        for key in TEXT_KEYS:
            text = report.texts.get(key, "")
            for cell in missing_in(text):
                out.append(finding(rule, (), key, part=fmt.text_part(key), cell=cell, format=fmt.title))
            found = _fields(text) if trace else []
            if found and not out:
                trace.held(rule, (), f"“{fmt.text_part(key)}”的 {len(found)} 个表格数字都取自本格式的表格", key)
        return out
    return check


def _zero_sentences(rule: dict[str, Any], fmt: Format) -> Checker:
    def check(report: Report, trace: Trace | None) -> list[Finding]:
        out = []
        for key in TEXT_KEYS:
            text = report.texts.get(key, "")
            if "|zero" not in text:
                continue
            pieces = parse(text)
            for i, p in enumerate(pieces):
                if not (isinstance(p, Field) and p.mode == "zero") or any(c not in fmt.cells for c in p.cells):
                    continue
                now = total(report.values, p.cells)
                if now == 0 and not trace:
                    continue  # the usual case, after every keystroke: nothing to quote
                rest = render(join(pieces[i + 1:]), report)
                if now == 0:
                    if trace:
                        trace.held(rule, p.cells, f"“{fmt.text_part(key)}”中的“{_clause_after(rest)}”：表格为 0", key)
                    continue
                # No cells: the fix is in the text (regenerate or rewrite), so the panel jumps there.
                out.append(finding(rule, (), key, part=fmt.text_part(key), quote=_clause_after(rest),
                                   where=describe(Field(p.cells), fmt), table=fmt_number(now)))
        return out
    return check


def _fields(text: str) -> list[Field]:
    return [p for p in parse(text) if isinstance(p, Field)] if "⟦" in text else []


register_rule_type("text_fields_missing", _fields_missing)
register_rule_type("text_zero_sentences", _zero_sentences)
