"""T3: a total the text states, followed by its breakdown, must add up: “主动公开信息80条，其中：通知公告25条、工作动态15条”
lists 40 of the 80. A list that says it is not complete (“等”, “主要有”) is not judged, nor a single item.
The text is read folded to Simplified."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from app.report.fields import render
from app.report.fold import fold
from app.report.formats import Format
from app.report.model import Report
from app.rules.engine import Checker, Finding, Trace, finding, register_rule_type

_SENTENCE = re.compile(r"[^。；;！？!?\n]+")
_ITEM_SEP = re.compile(r"[、，,]")


@dataclass(frozen=True)
class Breakdown:
    sentence: str
    total: int
    items: tuple[int, ...]
    unit: str


def _breakdown_re(units: list[str], among: list[str]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    unit = "|".join(map(re.escape, units))
    head = re.compile(rf"(\d+)\s*({unit})[^\d。；;]{{0,4}}?(?:{'|'.join(among)})[：:，,]?")
    item = re.compile(rf"^[^\d、，,：:]{{1,16}}?(\d+)\s*({unit})$")
    return head, item


@lru_cache(maxsize=64)
def breakdowns(text: str, head: re.Pattern[str], item: re.Pattern[str], partial: re.Pattern[str]) -> tuple[Breakdown, ...]:
    out = []
    for s in _SENTENCE.finditer(fold(text)):
        sentence = s.group()
        m = head.search(sentence)
        if not m:
            continue
        rest = sentence[m.end():]
        if partial.search(rest):
            continue
        items = []
        for piece in _ITEM_SEP.split(rest):
            im = item.match(piece.strip())
            if not im or im.group(2) != m.group(2):
                break  # the list ends where a piece is no “名称N条” of the same unit
            items.append(int(im.group(1)))
        if len(items) >= 2:
            out.append(Breakdown(sentence.strip(), int(m.group(1)), tuple(items), m.group(2)))
    return tuple(out)


def _text_breakdowns(rule: dict[str, Any], fmt: Format) -> Checker:
    head, item = _breakdown_re(rule["units"], rule["among"])
    partial = re.compile("|".join(rule["partial"]))
    sections = rule["sections"]

    def check(report: Report, trace: Trace | None) -> list[Finding]:
        out = []
        for key in sections:
            # As printed: a figure field is its figure (a drafted list whose omitted column is no longer 0 shows)
            for b in breakdowns(render(report.texts.get(key, ""), report), head, item, partial):
                addends = "+".join(map(str, b.items))
                s = sum(b.items)
                if s != b.total:
                    out.append(finding(rule, (), key, part=fmt.text_part(key), quote=b.sentence, addends=addends,
                                        sum=s, total=b.total, unit=b.unit, diff=abs(b.total - s)))
                elif trace:
                    trace.held(rule, (), f"“{fmt.text_part(key)}”中的“{b.sentence}”：{addends} = {s}", key)
        return out
    return check


register_rule_type("text_breakdowns", _text_breakdowns)
