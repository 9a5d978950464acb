"""The rule engine: compiles and evaluates the rules of a report's format and returns findings.

Rules are data (the "rules" list of a format file); this module only knows rule *types*. Each type compiles a
rule once per format into a closure over precomputed cell lists, so a full check stays in the low hundreds of
microseconds and can run after every keystroke.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from app.report.formats import Format
from app.report.model import Report, Value
from app.report.numbers import number_text

SEVERITY_LABELS = {"error": "错误", "warning": "警告", "info": "提示"}
SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: str  # "error" | "warning" | "info"
    cells: tuple[str, ...]
    message: str
    section: str | None = None  # the report part to show (s1…s6) when no cell is involved
    dismissed: str | None = None  # the user's written reason when this warning was dismissed (Report.dismissals)

    @property
    def severity_label(self) -> str:
        return SEVERITY_LABELS[self.severity]

    @property
    def dismissable(self) -> bool:
        """Warnings and hints may be dismissed with a reason; errors must be fixed."""
        return self.severity != "error"

    def as_json(self) -> dict[str, Any]:
        out = {"rule": self.rule, "severity": self.severity, "cells": list(self.cells), "message": self.message}
        if self.dismissed is not None:
            out["dismissed"] = self.dismissed
        return out

    def dismissal(self, reason: str, on: str = "") -> dict[str, Any]:
        """The Report.dismissals item that dismisses this finding (schema: app.storage.DISMISSAL_FIELDS)."""
        return {"rule": self.rule, "cells": list(self.cells), "section": self.section, "message": self.message,
                "reason": reason, "on": on}


@dataclass(frozen=True)
class Passed:
    """A check that held, with its evidence: “第三部分“自然人”列：一+二 = 14 = 三（七）+四”."""

    rule: str
    cells: tuple[str, ...]
    detail: str
    section: str | None = None

    @property
    def message(self) -> str:
        """Shown like a finding's message (the status bar after a jump)."""
        return self.detail

    def as_json(self) -> dict[str, Any]:
        return {"rule": self.rule, "cells": list(self.cells), "detail": self.detail}


class Trace:
    """Collects what held while checking, only when asked (zwgk check --json/--verbose, the panel's 显示通过的检查):
    the check after every keystroke passes None and formats no evidence."""

    def __init__(self) -> None:
        self.passed: list[Passed] = []
        self.skipped: set[str] = set()

    def held(self, rule: dict[str, Any], cells: tuple[str, ...], detail: str, section: str | None = None) -> None:
        self.passed.append(Passed(rule["id"], cells, detail, section))

    def skip(self, rule: dict[str, Any]) -> None:
        """The rule did not run (a cross-year rule without last year's figures): it is not listed as passed."""
        self.skipped.add(rule["id"])


Checker = Callable[[Report, Trace | None], list[Finding]]


def fmt_number(v: Value) -> str:
    """A value in a finding's message: a blank is named (空白), not left out."""
    return "空白" if v is None else number_text(v)


def sum_cells(values: dict[str, Value], cells: tuple[str, ...]) -> int | Decimal:
    s: int | Decimal = 0
    for c in cells:
        v = values.get(c)
        if v is not None:
            s += v
    return s


def finding(rule: dict[str, Any], cells: tuple[str, ...], section: str | None = None, **params: Any) -> Finding:
    message = rule.get("message", "{detail}").format(**params)
    return Finding(rule["id"], rule["severity"], cells, message, section)


RuleFactory = Callable[[dict[str, Any], Format], Checker]
RULE_TYPES: dict[str, RuleFactory] = {}  # filled by the rule families (app/rules/__init__.py imports them)

_COMPILED: dict[int, tuple[Format, list[Checker]]] = {}


def register_rule_type(name: str, factory: RuleFactory) -> None:
    """Each rule family (tables.py, text.py, text_numbers.py, crossyear.py) registers its types here on import."""
    RULE_TYPES[name] = factory
    _COMPILED.clear()


def compiled_rules(fmt: Format) -> list[Checker]:
    entry = _COMPILED.get(id(fmt))
    if entry is None or entry[0] is not fmt:
        checkers = []
        for rule in fmt.rules:
            factory = RULE_TYPES.get(rule["type"])
            if factory is None:
                raise ValueError(f"格式 {fmt.id} 的规则 {rule['id']} 使用了未知的规则类型“{rule['type']}”")
            checkers.append(factory(rule, fmt))
        entry = (fmt, checkers)
        _COMPILED[id(fmt)] = entry
    return entry[1]


def check(report: Report, trace: Trace | None = None) -> list[Finding]:
    """Every finding for the report, errors first, each group in the order of the format's rules.

    Warnings the user dismissed (Report.dismissals) stay in the list, marked with `dismissed`, after the others.
    With a Trace, what held is recorded in it too; a rule that found nothing and recorded no evidence of its own
    is listed with its title."""
    findings: list[Finding] = []
    if trace is None:
        for checker in compiled_rules(report.format):
            findings.extend(checker(report, None))
    else:
        for rule, checker in zip(report.format.rules, compiled_rules(report.format), strict=True):
            before = len(trace.passed)
            found = checker(report, trace)
            if not found and len(trace.passed) == before and rule["id"] not in trace.skipped:
                trace.held(rule, (), f"{rule['title']}：已检查，未发现问题")
            findings.extend(found)
    if report.dismissals:
        findings = apply_dismissals(findings, report.dismissals)
    findings.sort(key=lambda f: (f.dismissed is not None, SEVERITY_ORDER[f.severity]))
    return findings


def check_traced(report: Report) -> tuple[list[Finding], list[Passed]]:
    """The findings and what passed, in the order of the format's rules."""
    trace = Trace()
    return check(report, trace), trace.passed


def dismissal_key(rule: str, cells: Any, message: str) -> tuple[str, tuple[str, ...], str]:
    # The message carries the numbers: when they change, the warning is a new one and shows again.
    return rule, tuple(cells), message


def apply_dismissals(findings: list[Finding], dismissals: list[dict[str, Any]]) -> list[Finding]:
    reasons = {dismissal_key(d["rule"], d["cells"], d["message"]): d["reason"] for d in dismissals}
    out = []
    for f in findings:
        reason = reasons.get(dismissal_key(f.rule, f.cells, f.message)) if f.dismissable else None
        out.append(replace(f, dismissed=reason) if reason is not None else f)
    return out


def active(findings: list[Finding]) -> list[Finding]:
    """The findings that still need attention (not dismissed)."""
    return [f for f in findings if f.dismissed is None]


def summary(findings: list[Finding]) -> dict[str, int]:
    """Counts by severity. Dismissed warnings are not counted: the user has answered them."""
    counts = dict.fromkeys(SEVERITY_LABELS, 0)
    for f in findings:
        if f.dismissed is None:
            counts[f.severity] += 1
    return counts
