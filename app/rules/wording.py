"""Rules over how the report presents itself: the notice it cites (F2), the number and names of parts its preamble
announces (T1, T4), the title an imported source states (F5). Reviewers send reports back for these; the words are data in resources/formats/*.json and the
text is read folded to Simplified (app.report.fold)."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from app.report.fold import fold
from app.report.formats import Format
from app.report.model import Report
from app.rules.engine import Checker, Finding, Trace, finding, register_rule_type
from app.rules.text_numbers import chinese_number

_SENTENCE = re.compile(r"[^。；;！？!?\n]+")


def _cites(rule: dict[str, Any], fmt: Format) -> Checker:
    """F2: a citation that belongs to another format's notice (a 2021-or-later report citing the 2019 notice)."""
    cited = re.compile("|".join(rule["patterns"]))
    sections = rule["sections"]

    @lru_cache(maxsize=32)
    def citing(text: str) -> str | None:
        """The sentence that cites the other notice, if any."""
        text = fold(text)
        m = cited.search(text)
        return next(s.group().strip() for s in _SENTENCE.finditer(text) if s.start() <= m.start() < s.end()) if m else None

    def check(report: Report, trace: Trace | None) -> list[Finding]:
        out = []
        for key in sections:
            text = report.texts.get(key, "")
            sentence = citing(text)
            if sentence:
                out.append(finding(rule, (), key, part=fmt.text_part(key), quote=sentence, year=report.year))
            elif trace and text:
                trace.held(rule, (), f"“{fmt.text_part(key)}”没有引用旧格式的通知", key)
        return out
    return check


_NUMBER = r"(?P<n>[一二三四五六七八九十两]|\d+)个?部分"
# The number first (“共分四个部分：总体情况、…”), or the list first (“全文包括总体情况、…等六个部分”, “由…等六个部分组成”).
_COUNT_FIRST = re.compile(r"(?:共|分为?|包括|包含|由)[^。；;，,]{0,6}?" + _NUMBER)
_LIST_FIRST = re.compile(r"(?:包括|包含|分为?|由)(?P<list>[^。；;]{2,300}?)等" + _NUMBER)


@lru_cache(maxsize=64)
def stated_parts(text: str) -> tuple[str, int | None, str]:
    """(the sentence, the number of parts it states or None, the list of parts it gives) for a preamble sentence
    such as “本报告共分四个部分：总体情况、主动公开情况、存在问题、其他事项”."""
    for s in _SENTENCE.finditer(fold(text)):
        sentence = s.group()
        first = _COUNT_FIRST.search(sentence)
        m = first or _LIST_FIRST.search(sentence)
        if m:
            raw = m.group("n")
            number = int(raw) if raw.isdigit() else chinese_number(raw)
            return sentence.strip(), number, sentence[m.end():] if first else m.group("list")
    return "", None, ""


def _preamble_parts(rule: dict[str, Any], fmt: Format) -> Checker:
    """T1 (judge "count"): the number of parts the preamble states is the number the report has.
    T4 (judge "names"): the parts it lists name every part of the report (not judged when T1 already fails)."""
    parts = [(p["heading"], re.compile("|".join(p["words"]))) for p in rule["parts"]]
    sections = rule["sections"]
    by_count = rule["judge"] == "count"

    def check(report: Report, trace: Trace | None) -> list[Finding]:
        for key in sections:
            sentence, number, listed = stated_parts(report.texts.get(key, ""))
            if not sentence:
                continue
            part = fmt.text_part(key)
            if by_count:
                if number is not None and number != len(parts):
                    return [finding(rule, (), key, part=part, quote=sentence, stated=number, actual=len(parts),
                                    headings="、".join(h for h, _ in parts))]
            elif (number is None or number == len(parts)) and len(re.split(r"[、，,；;和及]", listed)) > 1:
                missing = [h for h, rx in parts if not rx.search(listed)]
                if missing:
                    return [finding(rule, (), key, part=part, quote=sentence,
                                    missing="、".join(f"“{h}”" for h in missing))]
            if trace:
                trace.held(rule, (), f"“{part}”中的“{sentence}”与报告的 {len(parts)} 个部分相符", key)
            return []
        if trace:
            trace.skip(rule)  # the preamble states no number of parts: nothing to compare
        return []
    return check


def _official_title(rule: dict[str, Any], fmt: Format) -> Checker:
    """F5: the title an imported source states is the official one, “<机关名称><年份>年政府信息公开工作年度报告”
    (portals also put the year first); “关于2023年度政府信息公开情况的报告” is sent back. A report written here always
    carries the official title and has no stated one."""
    official = re.compile(rule["pattern"])

    def check(report: Report, trace: Trace | None) -> list[Finding]:
        stated = report.stated_title
        if not stated:
            if trace:
                trace.skip(rule)
            return []
        if official.fullmatch(fold(re.sub(r"\s+", "", stated))):
            if trace:
                trace.held(rule, (), f"原文标题“{stated}”符合规定的格式")
            return []
        return [finding(rule, (), stated=stated, official=report.title)]
    return check


register_rule_type("text_cites", _cites)
register_rule_type("preamble_parts", _preamble_parts)
register_rule_type("official_title", _official_title)
