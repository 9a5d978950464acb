"""The rule over what an imported source did not contain (absent cells and text parts, app/report/absence.py):
reported once, naming where the source stops and what is missing, instead of R1–R4, R9 and T5 on every absent part."""

from __future__ import annotations

from typing import Any

from app.report.absence import describe_parts
from app.report.formats import Format
from app.report.model import Report
from app.rules.engine import Checker, Finding, Trace, register_rule_type


def _source_incomplete(rule: dict[str, Any], fmt: Format) -> Checker:
    def check(report: Report, trace: Trace | None) -> list[Finding]:
        if not report.absence:
            return []
        # Cells the source has but the import could not place are not missing from it: R9 names them.
        cells = [c for c, why in report.absent_cells().items() if why != "refused"]
        texts = [k for k, why in report.absent_texts().items() if why != "refused"]
        if not cells and not texts:
            return []
        order = {c: i for i, c in enumerate(fmt.cell_order)}
        cells.sort(key=order.__getitem__)
        parts = describe_parts(fmt, cells, texts)
        end = report.absence.end
        message = (rule["cut_message"].format(end=end, parts=parts) if end
                   else rule["message"].format(parts=parts))
        section = f"s{fmt.cells[cells[0]].section}" if cells else texts[0]
        return [Finding(rule["id"], rule["severity"], tuple(cells), message, section)]
    return check


register_rule_type("source_incomplete", _source_incomplete)
