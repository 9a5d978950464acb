"""Absent: the fourth state of a cell or text part, besides a value, 0 and blank.

A report imported from a page that stops early (a length-limited copy, a page saved while loading), or from a source
that lacks a table, does not say what the missing parts hold: they are neither 0 nor blank. The import marks them,
with why; the checks leave them out of R1–R4, R9 and T5 and report the incomplete source once (I1); the grid and
every export show them as missing.

A mark lasts while the cell is blank (the text part empty): a value typed in ends it, an undo back to blank brings it
back, and a save writes only the marks still in force. So every place that copies or restores values (undo, a format
change, 自动合计) keeps the state right without knowing about it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.report.formats import Format

# why a part is absent → what the user is told
REASONS = {
    "cut": "原文在此之前已经中断",
    "missing": "原文中没有这部分",
    "refused": "原文中有，但导入时无法确定它的位置，没有导入（见导入报告）",
}
ABSENT_MARK = "缺"  # what the grid and the exports show in an absent cell


@dataclass
class Absence:
    cells: dict[str, str] = field(default_factory=dict)  # cell id → reason (a key of REASONS)
    texts: dict[str, str] = field(default_factory=dict)  # text key (intro, s1, s5, s6) → reason
    end: str = ""  # where the source stops, in words (“第三部分“5.属于三类内部事务信息”行“其他”列”); "" if it did not

    def __bool__(self) -> bool:
        return bool(self.cells or self.texts)

    def copy(self) -> Absence:
        return Absence(dict(self.cells), dict(self.texts), self.end)


def describe_parts(fmt: Format, cells: list[str], texts: list[str]) -> str:
    """Absent parts in words: “第三部分表格中的 8 个单元格、第四部分的表格、“五、…”“六、…”的文字”."""
    from app.report.formats import part_name  # noqa: PLC0415 - formats is loaded by then; no import ring

    out = []
    for table in fmt.tables:
        ids = fmt.cells_of(table.id)
        n = sum(1 for c in cells if fmt.cells[c].table == table.id)
        if n:
            part = part_name(fmt.cells[ids[0]].section)
            out.append(f"{part}的表格" if n == len(ids) else f"{part}表格中的 {n} 个单元格")
    named = [f"“{fmt.text_part(s.key)}”" for s in fmt.sections if s.key in texts]
    if named:
        out.append("".join(named) + "的文字")
    return "、".join(out)
