"""新建下一年度报告: this year's draft from last year's report.

Year + 1 in that year's format; agency data copied; 二、上年结转 per column = last year's 四、结转下年度继续办理;
现行有效件数 prefilled with last year's (the baseline the 2021 format counts from); last year's figures and text kept in
Report.previous (app/previous.py) so cross-year checks work without the old file; last year's text offered as a
draft that the repetition check (X6) asks the user to rewrite.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from app.report.formats import format_for_year
from app.report.model import TEXT_KEYS, Report, Value
from app.report.previous import make_previous


@dataclass
class NextYearNote:
    """What next_year() did, in words a clerk reads before editing."""

    lines: list[str] = field(default_factory=list)


def carried_over(last: Report) -> dict[str, Value]:
    """Last year's 四、结转下年度继续办理, keyed by this year's 二、上年结转 cell ids (the columns are the same in
    both formats)."""
    out = {}
    for cid in last.format.cell_order:
        if cid.startswith("s3.carry_over."):
            out["s3.carry_in." + cid.removeprefix("s3.carry_over.")] = last.values.get(cid)
    return out


def next_year(last: Report, source: str = "file", source_name: str | Path = "",
              copy_texts: bool = True) -> tuple[Report, NextYearNote]:
    year = last.year + 1
    fmt = format_for_year(year)
    report = Report.new(year, agency=last.agency, agency_type=last.agency_type, fmt=fmt)
    report.contact = last.contact
    note = NextYearNote()
    note.lines.append(f"年度：{year}（{fmt.title}，{fmt.notice}）")
    if fmt is not last.format:
        note.lines.append(f"上年报告使用的是“{last.format.title}”，今年改用“{fmt.title}”：第二部分的栏目不同，需重新填写")

    carry = {cid: v for cid, v in carried_over(last).items() if cid in fmt.cells}
    baseline = {cid: last.values.get(cid) for cid in fmt.cell_order
                if cid.startswith("s2.") and cid.endswith(".in_force") and cid in last.format.cells}
    # Totals follow from their parts with 自动合计 on: set only the parts, never a stated total.
    items = [(cid, v) for cid, v in {**carry, **baseline}.items() if cid not in fmt.totals]
    report.set_values(items)
    carried_total = report.values.get("s3.carry_in.total")
    absent = last.absent_cells()
    unknown = {c: "s3.carry_over" + c.removeprefix("s3.carry_in") for c, v in carry.items()
               if v is None and c not in fmt.totals}
    blanks = [fmt.cells[c].column for c, last_id in unknown.items() if last_id not in absent]
    missing = [fmt.cells[c].column for c, last_id in unknown.items() if last_id in absent]
    note.lines.append(f"二、上年结转：按上年“四、结转下年度继续办理”逐列填入，合计 {carried_total} 件")
    if blanks:
        note.lines.append(f"上年“结转下年度继续办理”的{'、'.join(blanks)}列为空白，今年对应的“上年结转”也留空，请核对后填写")
    if missing:
        note.lines.append(f"上年报告（导入的原文不完整）缺少“结转下年度继续办理”的{'、'.join(missing)}列，今年对应的"
                          "“上年结转”留空，请按上年的原始报告填写")
    if baseline:
        note.lines.append("第二部分“现行有效件数”：先填入上年的现行有效件数，请按本年制发、废止情况修改")

    if copy_texts:
        report.texts = {k: last.texts.get(k, "") for k in TEXT_KEYS}
        note.lines.append("文字部分：已放入上年的文字作为草稿。年报不宜与上年雷同，请逐段按本年度的工作改写")
    report.previous = make_previous(last, source, source_name)
    return report, note
