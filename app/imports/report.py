"""The import report: what an import recognised, what was blank or not applicable, and what could not be placed
and why. Shown to the user before the project file is created."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from app.report.absence import ABSENT_MARK, Absence, describe_parts
from app.report.formats import load_format
from app.report.model import AGENCY_TYPES

SOURCE_KINDS = {"docx": "Word 文档", "html": "网页", "xlsx": "Excel 工作簿"}
LIST_LIMIT = 12


@dataclass(frozen=True)
class Unplaced:
    where: str  # “第 2 个表格第 5 行”
    text: str  # what the source says there
    reason: str  # why it was not imported


@dataclass
class ImportReport:
    source: str
    kind: str
    format_id: str = ""
    format_title: str = ""
    format_reason: str = ""
    year: int | None = None
    year_reason: str = ""
    agency: str = ""
    agency_reason: str = ""  # where the agency name came from and how sure it is
    agency_type: str = ""  # the type guessed from the name (a key of app.report.model.AGENCY_TYPES)
    agency_type_reason: str = ""
    recognised: dict[str, str] = field(default_factory=dict)  # cell id → where it was found
    blank: dict[str, str] = field(default_factory=dict)  # cell id → what the source had ("", "/", "-")
    missing: list[str] = field(default_factory=list)  # locations of the cells the source does not have (cut or missing)
    absence: Absence = field(default_factory=Absence)  # what the report marks absent, and where the source stops
    unplaced: list[Unplaced] = field(default_factory=list)
    approximate: list[str] = field(default_factory=list)  # labels recognised although altered
    texts: dict[str, int] = field(default_factory=dict)  # text key → characters found
    notes: list[str] = field(default_factory=list)

    def add_unplaced(self, where: str, text: str, reason: str) -> None:
        self.unplaced.append(Unplaced(where, text.strip()[:80], reason))

    @property
    def complete(self) -> bool:
        return not self.unplaced and not self.missing

    def lines(self) -> list[str]:
        """The report in plain Chinese, one line each (the CLI prints it; the GUI shows it)."""
        out = [f"导入报告：{self.source}（{SOURCE_KINDS.get(self.kind, self.kind)}）"]
        if self.format_title:
            out.append(f"表格格式：{self.format_title}（{self.format_reason}）")
        if self.year is not None:
            out.append(f"年度：{self.year}（{self.year_reason}）")
        out.append(f"机关：{self.agency or '（没有找到）'}（{self.agency_reason}）")
        if self.agency_type:
            out.append(f"机关类型：{AGENCY_TYPES[self.agency_type]}（{self.agency_type_reason}，请核对）")
        out.append(f"已识别数值：{len(self.recognised)} 个单元格")
        if self.approximate:
            out.append(f"按近似标签识别（原文与官方表格略有不同）：{self._short(self.approximate)}")
        if self.blank:
            marks = sorted({v or "空白" for v in self.blank.values()})
            out.append(f"空白或不适用（原文为{'、'.join(f'“{m}”' for m in marks)}，导入为空白）：{len(self.blank)} 个单元格")
        out.extend(self._absent_lines())
        if self.unplaced:
            out.append(f"无法放置：{len(self.unplaced)} 处")
            for u in self.unplaced[:LIST_LIMIT]:
                out.append(f"  - {u.where}“{u.text}”：{u.reason}")
            if len(self.unplaced) > LIST_LIMIT:
                out.append(f"  - ……另有 {len(self.unplaced) - LIST_LIMIT} 处")
        part = load_format(self.format_id).text_part if self.format_id else str
        found = [f"{part(k)} {n} 字" for k, n in self.texts.items() if n]
        out.append(f"文字部分：{'；'.join(found) if found else '未找到'}")
        out.extend(f"注意：{n}" for n in self.notes)
        return out

    def _absent_lines(self) -> list[str]:
        a = self.absence
        part = load_format(self.format_id).text_part if self.format_id else str
        kept = f"（导入为“{ABSENT_MARK}”，检查时不当作空白或 0）"
        out = []
        cut = [c for c, why in a.cells.items() if why == "cut"]
        cut_texts = [f"“{part(k)}”" for k, why in a.texts.items() if why == "cut"]
        if a.end:
            what = "、".join(([f"{len(cut)} 个单元格"] if cut else []) + ([f"{''.join(cut_texts)}的文字"] if cut_texts else []))
            out.append(f"原文不完整：在{a.end}之后中断，其后内容缺失{kept}：{what}")
        missing = [c for c, why in a.cells.items() if why == "missing"]
        missing_texts = [f"“{part(k)}”" for k, why in a.texts.items() if why == "missing"]
        if missing:
            what = describe_parts(load_format(self.format_id), missing, []) if self.format_id else f"{len(missing)} 个单元格"
            out.append(f"原文中没有的内容{kept}：{what}")
        if missing_texts:
            out.append(f"没有找到这些文字部分（原文中没有，或标题的写法不同）{kept}：{''.join(missing_texts)}")
        refused = [c for c, why in a.cells.items() if why == "refused"]
        if refused:
            out.append(f"原文中有、但无法确定位置而没有导入的单元格（导入为“{ABSENT_MARK}”，见下面“无法放置”）："
                       f"{len(refused)} 个")
        return out

    @staticmethod
    def _short(items: list[str], limit: int = LIST_LIMIT) -> str:
        shown = "；".join(items[:limit])
        return shown + (f"……共 {len(items)} 处" if len(items) > limit else "")

    def as_json(self) -> dict[str, Any]:
        return {"source": self.source, "kind": self.kind, "format": self.format_id, "year": self.year,
                "agency": self.agency, "agency_type": self.agency_type,
                "sources": {"format": self.format_reason, "year": self.year_reason, "agency": self.agency_reason,
                            "agency_type": self.agency_type_reason},
                "recognised": sorted(self.recognised), "blank": sorted(self.blank),
                "missing": list(self.missing),
                "absent": {"cells": dict(self.absence.cells), "texts": dict(self.absence.texts),
                           "end": self.absence.end},
                "unplaced": [{"where": u.where, "text": u.text, "reason": u.reason} for u in self.unplaced],
                "approximate": list(self.approximate), "texts": dict(self.texts), "notes": list(self.notes)}
