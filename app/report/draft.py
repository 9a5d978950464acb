"""生成段落: the standard sentences about Sections 二, 三 and 四, drafted from the tables with figure fields.

The sentences follow the register of published reports (“本年度共收到政府信息公开申请13件，其中自然人申请10件…”)
and are zero-aware: what did not happen is said in words (“本年度未收到政府信息公开申请。”), never as “0件”, and
such a sentence starts with a |zero field so that check T9 notices when the table no longer says 0. Every figure
is a field (app.report.fields): the draft follows the table after the clerk has edited it. With last year's
report linked (Report.previous of the year before), the main totals get a comparison field (“，比上年增加12件，
增长8.5%”).
"""

from __future__ import annotations

from dataclasses import dataclass

from app.report.fields import Field, linked_previous, render, total
from app.report.figures import applicant_columns, result_categories, row_cells
from app.report.model import Report

SECTIONS = ("s2", "s3", "s4")
NUMERALS = {"s2": "二", "s3": "三", "s4": "四"}


@dataclass(frozen=True)
class DraftParagraph:
    section: str  # s2 | s3 | s4: the table the paragraph is about
    text: str  # with field tokens, ready for Report.texts

    def printed(self, report: Report) -> str:
        return render(self.text, report)


class _Writer:
    """Tokens for one report: a value, a comparison, a zero mark."""

    def __init__(self, report: Report) -> None:
        self.report = report
        self.fmt = report.format
        prev = linked_previous(report)
        self.last = prev.get("values", {}) if prev else None

    def has(self, *cells: str) -> bool:
        return all(c in self.fmt.cells for c in cells)

    def zero(self, cells: tuple[str, ...]) -> bool:
        return total(self.report.values, cells) == 0

    def n(self, cells: tuple[str, ...]) -> str:
        return Field.of(*cells).token

    def change(self, cells: tuple[str, ...]) -> str:
        if self.last is None or not all(c in self.last for c in cells):
            return ""
        return Field.of(*cells, mode="change").token

    def guard(self, cells: tuple[str, ...]) -> str:
        return Field.of(*cells, mode="zero").token


# -- 二、主动公开 -----------------------------------------------------------------------------------------------------

def _documents(w: _Writer, row: str) -> str:
    """规章 / 行政规范性文件: what was made or repealed this year, and how many are in force."""
    if w.has(f"s2.{row}.issued"):
        flows, stock = [("issued", "制发"), ("repealed", "废止")], "in_force"
        stock_said, stock_none = "现行有效{noun}{n}件", "无现行有效的{noun}"
    elif w.has(f"s2.{row}.made"):
        flows, stock = [("made", "新制作"), ("published", "新公开")], "total_public"
        stock_said, stock_none = "对外公开{noun}共{n}件", "无对外公开的{noun}"
    else:
        return ""
    noun = w.fmt.cells[f"s2.{row}.{stock}"].row
    all_cells = tuple(f"s2.{row}.{c}" for c, _ in flows) + (f"s2.{row}.{stock}",)
    if row == "rules" and w.zero(all_cells):
        return ""  # only the governments that may make 规章 report on them (S1)
    said = [(f"s2.{row}.{c}", verb) for c, verb in flows if not w.zero((f"s2.{row}.{c}",))]
    if said:
        parts = [f"{verb}{noun if i == 0 else ''}{w.n((cell,))}件" for i, (cell, verb) in enumerate(said)]
        text = "，".join(parts)
    else:
        flow_cells = tuple(f"s2.{row}.{c}" for c, _ in flows)
        text = f"{w.guard(flow_cells)}未{'、'.join(v for _, v in flows)}{noun}"
    stock_cell = (f"s2.{row}.{stock}",)
    if w.zero(stock_cell):
        return text + f"，{w.guard(stock_cell)}" + stock_none.format(noun=noun)
    return text + "，" + stock_said.format(noun="" if said else noun, n=w.n(stock_cell))


def _decisions(w: _Writer) -> str:
    rows = [(c.row, (cid,)) for cid in w.fmt.cells_of("s2") if (c := w.fmt.cells[cid]).col_id == "decisions"]
    if not rows:
        return ""
    done = [f"{label}决定{w.n(cells)}件{w.change(cells)}" for label, cells in rows if not w.zero(cells)]
    none = [(label, cells) for label, cells in rows if w.zero(cells)]
    parts = []
    if done:  # with comparisons (“，比上年增加…”) the items need the stronger break
        parts.append("作出" + ("；" if w.last is not None else "、").join(done))
    if none:
        zero_cells = tuple(c for _, cells in none for c in cells)
        labels = [label for label, _ in none]
        joined = "、".join(labels[:-1]) + "和" + labels[-1] if len(labels) > 1 else labels[0]
        parts.append(f"{w.guard(zero_cells)}未作出{joined}决定")
    return "；".join(parts)


def _fees(w: _Writer) -> str:
    if w.has("s2.fees.amount"):
        cells = ("s2.fees.amount",)
        if w.zero(cells):
            return f"{w.guard(cells)}未收取行政事业性收费"
        return f"收取行政事业性收费{w.n(cells)}万元{w.change(cells)}"
    if w.has("s2.procurement.items", "s2.procurement.amount"):
        items, amount = ("s2.procurement.items",), ("s2.procurement.amount",)
        if w.zero(items) and w.zero(amount):
            return f"{w.guard(items + amount)}无政府集中采购项目"
        unit = w.report.units.get("s2.procurement.amount", "")
        return f"政府集中采购项目{w.n(items)}个，采购总金额{w.n(amount)}{unit}"
    return ""


def _section_two(w: _Writer) -> list[str]:
    clauses = [c for c in (_documents(w, "rules"), _documents(w, "normative"), _decisions(w), _fees(w)) if c]
    return ["本年度，本机关" + "；".join(clauses) + "。"] if clauses else []


# -- 三、依申请公开 ---------------------------------------------------------------------------------------------------

def _s3(row: str, column: str = "total") -> tuple[str, ...]:
    return row_cells("s3", (row,), column)


def _received(w: _Writer) -> str:
    new, carry = _s3("new"), _s3("carry_in")
    if w.zero(new) and w.zero(carry):
        return f"{w.guard(new + carry)}本年度未收到政府信息公开申请，也没有上年结转的申请。"
    if w.zero(new):
        text = f"{w.guard(new)}本年度未收到新的政府信息公开申请"
    else:
        text = f"本年度共收到政府信息公开申请{w.n(new)}件{w.change(new)}"
        who = [f"{name}申请{w.n(_s3('new', col))}件" for col, name in applicant_columns(w.fmt)
               if not w.zero(_s3("new", col))]
        if who:
            text += "，其中" + "、".join(who)
    if w.zero(carry):
        return text + f"；{w.guard(carry)}无上年结转的申请。"
    return text + f"；上年结转政府信息公开申请{w.n(carry)}件。"


def _handled(w: _Writer) -> str:
    done, over = _s3("total"), _s3("carry_over")
    if w.zero(done) and w.zero(over):
        return ""
    if w.zero(done):
        text = f"{w.guard(done)}本年度尚无办结的申请"
    else:
        parts = []
        for cat in result_categories(w.fmt):
            cells = row_cells("s3", cat.rows, "total")
            if w.zero(cells):
                continue
            part = f"{cat.name}{w.n(cells)}件"
            items = [f"{label}{w.n(_s3(row))}件" for row, label in cat.items if not w.zero(_s3(row))]
            if items:
                part += f"（{'、'.join(items)}）"
            parts.append(part)
        text = f"本年度办结政府信息公开申请{w.n(done)}件{w.change(done)}"
        if parts:
            text += "，其中" + "，".join(parts)
    if w.zero(over):
        return text + f"；{w.guard(over)}无结转下年度继续办理的申请。"
    return text + f"；结转下年度继续办理{w.n(over)}件。"


def _section_three(w: _Writer) -> list[str]:
    return [p for p in (_received(w), _handled(w)) if p]


# -- 四、行政复议、行政诉讼 -------------------------------------------------------------------------------------------

def _outcomes(w: _Writer, groups: tuple[str, ...]) -> list[str]:
    """“结果维持1件、尚未审结1件”: the outcome columns of the groups, added up, zero ones left out."""
    block = w.fmt.table("s4").blocks[0]
    names = [(h.id.split(".", 1)[1], h.label) for h, _ in block.leaf_columns
             if h.id and h.id.startswith(f"{groups[0]}.") and not h.sum_of]
    out = []
    for outcome, label in names:
        cells = tuple(f"s4.{g}.{outcome}" for g in groups)
        if not w.zero(cells):
            out.append(f"{label}{w.n(cells)}件")
    return out


def _section_four(w: _Writer) -> list[str]:
    review, direct, after = ("s4.review.total",), ("s4.suit_direct.total",), ("s4.suit_after_review.total",)
    suits = direct + after
    if w.zero(review + suits):
        return [f"{w.guard(review + suits)}本年度本机关未发生因政府信息公开工作被申请行政复议、提起行政诉讼的情况。"]
    if w.zero(review):
        first = f"{w.guard(review)}本年度本机关未发生因政府信息公开工作被申请行政复议的情况"
    else:
        first = f"本年度本机关因政府信息公开工作被申请行政复议{w.n(review)}件{w.change(review)}"
        outcomes = _outcomes(w, ("review",))
        if outcomes:
            first += "，其中" + "、".join(outcomes)
    if w.zero(suits):
        second = f"{w.guard(suits)}未发生被提起行政诉讼的情况"
    else:
        second = f"被提起行政诉讼{w.n(suits)}件{w.change(suits)}"
        kinds = [f"{label}{w.n(cells)}件" for label, cells in (("未经复议直接起诉", direct), ("复议后起诉", after))
                 if not w.zero(cells)]
        second += "，其中" + "、".join(kinds)
        outcomes = _outcomes(w, ("suit_direct", "suit_after_review"))
        if outcomes:
            second += "，" + "、".join(outcomes)
    return [f"{first}；{second}。"]


_DRAFTERS = {"s2": _section_two, "s3": _section_three, "s4": _section_four}


def draft(report: Report, sections: tuple[str, ...] = SECTIONS) -> list[DraftParagraph]:
    """The drafted paragraphs of the given sections, in order, with field tokens."""
    w = _Writer(report)
    return [DraftParagraph(key, text) for key in sections for text in _DRAFTERS[key](w)]


def section_key(name: str) -> str:
    """“三”, “3”, “s3” or “三、收到和处理…” → “s3”; ValueError with a Chinese message otherwise."""
    name = name.strip()
    for key, numeral in NUMERALS.items():
        if name in (key, numeral, key[1:]) or name.startswith(f"{numeral}、"):
            return key
    raise ValueError(f"没有第“{name}”部分的段落可生成，可选：二、三、四")
