"""Rules over the text parts: required parts, and the topics a part must report on."""

from __future__ import annotations

from typing import Any

from app.report.fold import fold
from app.report.formats import Format
from app.report.model import AGENCY_TYPES, Report
from app.rules.engine import Checker, Finding, Trace, finding, register_rule_type


def _text_required(rule: dict[str, Any], fmt: Format) -> Checker:
    sections = [fmt.section(k) for k in rule["sections"]]

    def check(report: Report, trace: Trace | None) -> list[Finding]:
        out = []
        absent = report.absent_texts()
        for s in sections:
            if not report.texts.get(s.key, "").strip() and s.key not in absent:  # absent: I1 names it
                hint = "（没有需要报告的事项请写“无”）" if s.none_allowed else ""
                out.append(finding(rule, (), s.key, heading=s.heading, hint=hint))
        return out
    return check


def _text_topics(rule: dict[str, Any], fmt: Format) -> Checker:
    key = rule["section"]
    # A topic may apply to some agency types only (考核/评议/追责 results are required of 人民政府).
    topics = [(t["name"], tuple(t["keywords"]), frozenset(t.get("agency_types", AGENCY_TYPES)))
              for t in rule["topics"]]

    def check(report: Report, trace: Trace | None) -> list[Finding]:
        text = fold(report.texts.get(key, ""))  # a Traditional-script mirror names its topics in other characters
        if not text.strip():
            if trace:
                trace.skip(rule)  # T5 reports the empty part
            return []
        return [finding(rule, (), key, topic=name, examples="、".join(words[:3]))
                for name, words, types in topics
                if report.agency_type in types and not any(w in text for w in words)]
    return check


register_rule_type("text_required", _text_required)
register_rule_type("text_topics", _text_topics)
