"""Rules over the text parts: required parts, parts written as a bare “无”, and the topics a part must report on.
Texts are read folded to Simplified (app.report.fold): a Traditional-script mirror is judged like its original."""

from __future__ import annotations

import re
from functools import lru_cache
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


_NOT_WORDS = re.compile(r"[\s\W_]+")


@lru_cache(maxsize=32)
def word_count(text: str) -> int:
    """Characters that are not spaces or punctuation: “无。” is 1."""
    return len(_NOT_WORDS.sub("", text))


def _text_substance(rule: dict[str, Any], fmt: Format) -> Checker:
    """A part that must say something (五、存在的主要问题及改进情况) written as “无” or a few characters: reviewers send
    it back. An empty part is T5's."""
    sections = [fmt.section(k) for k in rule["sections"]]
    minimum = int(rule["min_chars"])

    def check(report: Report, trace: Trace | None) -> list[Finding]:
        out = []
        for s in sections:
            text = report.texts.get(s.key, "")
            chars = word_count(text)  # on the stored string, whose hash Python keeps: the cache hit is free
            if text.strip() and chars < minimum:
                out.append(finding(rule, (), s.key, heading=s.heading, text=text.strip(), chars=chars,
                                    minimum=minimum))
            elif trace and text.strip():
                trace.held(rule, (), f"“{s.heading}”有 {chars} 个字（至少 {minimum} 个）", s.key)
        return out
    return check


# A heading opens a paragraph: （一）, 一、, 一是, 1., (1), 第一; it runs to the first ：。； or is the whole short line.
_HEADING = re.compile(r"^\s*(?:[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+[、是]|\d+[.．、]|第[一二三四五六七八九十]+[，,、]?)"
                      r"([^：:。；;\n]{0,30})")
_MARKER = re.compile(r"(?=[（(][一二三四五六七八九十]+[）)])|(?<=[。；;])(?=[一二三四五六七八九十]+是)")
_CLAUSE = re.compile(r"[^。；;！？!?，,：:\n]+")
SENTENCE_START = 10  # a topic word counts when it begins within this many characters of a sentence or clause


@lru_cache(maxsize=128)
def reported_topics(text: str, topics: tuple[tuple[str, tuple[str, ...]], ...]) -> frozenset[str]:
    """The topics a text reports, judged by headings and sentence starts, not by a word anywhere: in a paragraph
    headed by one topic (“（五）监督保障：…确保主动公开等工作落实”) a passing mention of another does not count."""
    found: set[str] = set()

    def named(words_in: str, at_start: bool) -> set[str]:
        return {name for name, words in topics
                if any((i := words_in.find(w)) >= 0 and (not at_start or i < SENTENCE_START) for w in words)}

    for line in fold(text).splitlines():
        for para in _MARKER.split(line):
            heading = _HEADING.match(para)
            if heading:
                in_heading = named(heading.group(1), at_start=False)
                found |= in_heading
                if in_heading:
                    continue  # the paragraph belongs to its heading's topic
            for clause in _CLAUSE.finditer(para):
                found |= named(clause.group(), at_start=True)
    return frozenset(found)


def _text_topics(rule: dict[str, Any], fmt: Format) -> Checker:
    key = rule["section"]
    # A topic may apply to some agency types only (考核/评议/追责 results are required of 人民政府).
    topics = [(t["name"], tuple(t["keywords"]), frozenset(t.get("agency_types", AGENCY_TYPES)))
              for t in rule["topics"]]
    words = tuple((name, kws) for name, kws, _ in topics)

    def check(report: Report, trace: Trace | None) -> list[Finding]:
        text = report.texts.get(key, "")
        if not text.strip():
            if trace:
                trace.skip(rule)  # T5 reports the empty part
            return []
        reported = reported_topics(text, words)
        out = []
        for name, kws, types in topics:
            if report.agency_type not in types:
                continue
            if name not in reported:
                out.append(finding(rule, (), key, topic=name, examples="、".join(kws[:3])))
            elif trace:
                trace.held(rule, (), f"“{fmt.text_part(key)}”报告了“{name}”", key)
        return out
    return check


register_rule_type("text_required", _text_required)
register_rule_type("text_substance", _text_substance)
register_rule_type("text_topics", _text_topics)
