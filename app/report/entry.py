"""What a person types or pastes into the report's tables, before it becomes a value: one cell's text (a number,
an amount with its unit), a clipboard block (Excel, WPS, LibreOffice), and the copy that goes back to them.

No Qt: the grid (ui/editor) calls these and writes the result through the document's undo stack.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from app.report.formats import Cell
from app.report.model import Report, Value
from app.report.numbers import NumberError, number_text, parse_number

# Units a person may type after an amount whose table prints none (2019 采购总金额); the longer one first.
AMOUNT_UNITS = ("万元", "元")


def parse_cell(cell: Cell, text: str) -> Value:
    """parse_number with the cell's kind, the refusal naming the cell (“abc”不是数字 — 第三部分“…”行“…”列)."""
    kind = "money" if cell.kind == "amount_with_unit" else cell.kind
    try:
        return parse_number(text, kind)
    except NumberError as exc:
        raise NumberError(f"{exc}（{cell.location}），未填入") from exc


@dataclass(frozen=True)
class Entry:
    """What a person typed or pasted into one cell: the number, and a unit typed with an amount (“25.1万元”)."""

    value: Value
    unit: str | None = None  # None: the cell keeps the unit it has


def parse_entry(cell: Cell, text: str) -> Entry:
    if cell.kind == "amount_with_unit":
        t = unicodedata.normalize("NFKC", text).strip()
        for unit in AMOUNT_UNITS:
            if t.endswith(unit) and len(t) > len(unit):
                return Entry(parse_cell(cell, t[: -len(unit)]), unit)
    return Entry(parse_cell(cell, text))


# -- the clipboard -----------------------------------------------------------------------------------------------------

def parse_clipboard(text: str) -> list[list[str]]:
    """Tab-separated lines (Excel, WPS, LibreOffice) into rows of cell texts; the trailing line break is dropped."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    while lines and not lines[-1].strip():
        lines.pop()
    return [line.split("\t") for line in lines]


def to_tsv(rows: list[list[str]]) -> str:
    """What Excel and WPS put on the clipboard as text: tab between cells, CR LF after every row."""
    return "".join("\t".join(row) + "\r\n" for row in rows)


def to_html(rows: list[list[str]]) -> str:
    """The same block as an HTML table, the form Excel, WPS and Word paste as a table with cells (not one line)."""
    import html  # noqa: PLC0415 - its entity table loads on the first copy, not with the window (startup_vs_floor)

    body = "".join("<tr>" + "".join(f"<td>{html.escape(text)}</td>" for text in row) + "</tr>" for row in rows)
    return ('<html><head><meta charset="utf-8"></head><body>'
            f'<table border="1" cellspacing="0">{body}</table></body></html>')


# -- a paste into one block ---------------------------------------------------------------------------------------------

@dataclass
class PastePlan:
    """A pasted block, parsed: what goes into input cells, and what was pasted onto computed totals (not written,
    but compared with the computed number once the paste is in)."""

    entries: list[tuple[str, Entry]]
    totals: dict[str, Value]


def plan_paste(report: Report, targets: list[tuple[str, str]]) -> PastePlan:
    """Parse every pasted text for its cell; the first that is not a number raises NumberError naming the cell, and
    nothing is pasted (a block half pasted is harder to notice than one refused)."""
    cells = report.format.cells
    plan = PastePlan([], {})
    for cell_id, text in targets:
        entry = parse_entry(cells[cell_id], text)
        if report.is_computed(cell_id):
            if entry.value is not None:  # a blank pasted over a total says nothing about it
                plan.totals[cell_id] = entry.value
        else:
            plan.entries.append((cell_id, entry))
    return plan


@dataclass(frozen=True)
class TotalMismatch:
    """A number pasted onto a computed total that the parts do not add up to."""

    cell_id: str
    pasted: Value
    computed: Value

    def message(self, report: Report) -> str:
        where = report.format.cells[self.cell_id].location
        return (f"{where}是合计：粘贴的是 {number_text(self.pasted)}，各项相加为 "
                f"{number_text(self.computed) or '空白'}，请核对粘贴来源")


def total_mismatches(report: Report, pasted: dict[str, Value]) -> list[TotalMismatch]:
    """The pasted totals that disagree with what the program computes from the report's parts now."""
    return [TotalMismatch(cell_id, value, report.values.get(cell_id)) for cell_id, value in pasted.items()
            if report.is_computed(cell_id) and report.values.get(cell_id) != value]
