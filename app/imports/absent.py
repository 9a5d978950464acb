"""What an imported source does not contain, and whether it stops early (app/report/absence.py).

The report's parts are read in their order: 一's text, the cells of 二, 三 and 四, then 五's and 六's text. When the
last part the source gives is also the last thing in it (no table or paragraph of the report follows: a page saved
while loading, a length-limited copy), the source stops there and everything after it is *cut*. Other parts the
source lacks are *missing*; cells it has but the import could not place are *refused*. An Excel workbook is never
cut: it carries no text, and a damaged one does not open.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.imports.tables import TableResult
from app.report.absence import Absence
from app.report.formats import Format

ABSENT_TEXT_KEYS = ("s1", "s5", "s6")  # the opening paragraph is optional: never absent


@dataclass(frozen=True)
class Part:
    key: str  # a cell id or a text key
    text: bool
    present: bool
    block: int  # where in the source it is (block index), -1 when absent


def report_parts(fmt: Format, result: TableResult, grid_blocks: list[int], heading_at: dict[str, int],
                 last_at: dict[str, int]) -> list[Part]:
    """The report's parts in reading order, each with whether and where the source has it. A text part counts as
    there when its heading is (an empty part under its heading is the source's own, T5 judges it)."""
    parts: list[Part] = []
    for section in fmt.sections:
        if section.kind == "text":
            if section.key in ABSENT_TEXT_KEYS:
                there = section.key in heading_at
                parts.append(Part(section.key, True, there, last_at.get(section.key, -1)))
            continue
        for cid in fmt.cells_of(section.key):
            there = cid in result.values
            parts.append(Part(cid, False, there, grid_blocks[result.grid_of[cid]] if cid in result.grid_of else -1))
    return parts


def source_absence(fmt: Format, result: TableResult, parts: list[Part], texts: dict[str, str],
                   last_content: int, can_be_cut: bool) -> Absence:
    absence = Absence()
    present = [i for i, p in enumerate(parts) if p.present]
    end = present[-1] if present else -1
    cut = can_be_cut and end >= 0 and parts[end].block == last_content
    if cut and parts[end].text and not texts.get(parts[end].key, "").strip():
        # the source ends on a heading with nothing under it: that part is cut too
        absence.texts[parts[end].key] = "cut"
        absence.end = f"“{fmt.text_part(parts[end].key)}”的标题"
    elif cut and end < len(parts) - 1:
        last = parts[end]
        absence.end = f"“{fmt.text_part(last.key)}”部分" if last.text else fmt.cells[last.key].location
    for i, p in enumerate(parts):
        if p.present:
            continue
        why = "refused" if p.key in result.refused else "cut" if absence.end and i > end else "missing"
        (absence.texts if p.text else absence.cells)[p.key] = why
    for cid in result.cut:  # the trailing cells of the source's last row
        absence.cells.setdefault(cid, "cut")
    return absence
