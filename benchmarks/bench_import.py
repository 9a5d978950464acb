"""import_docx_ms, import_html_ms, import_xlsx_ms: importing a realistic source, median (target < 100 ms each).

Sources: a Word document typed on the official template (merged cells, WPS-style label variants), a report page as a
county portal publishes it (layout table, spans, “/” for zeros), and our own Excel export (the official-layout sheets
plus the 数据 sheet). import_xlsx_layout_ms reads the same workbook without its 数据 sheet, by labels.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import openpyxl  # noqa: E402

from app.export import export_report  # noqa: E402
from app.imports import import_source  # noqa: E402
from tests.app.imports.builders import report_docx, report_html, wps_variant  # noqa: E402
from tests.factories import realistic_report  # noqa: E402

RUNS = 7


def _median_ms(path: Path) -> float:
    import_source(path)  # warm: first-import costs (python-docx, openpyxl modules) are not per-file costs
    samples = []
    for _ in range(RUNS):
        t0 = time.perf_counter()
        import_source(path)
        samples.append((time.perf_counter() - t0) * 1000)
    return statistics.median(samples)


def run() -> list[tuple[str, float, str]]:
    report = realistic_report(2023)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        docx_path = report_docx(report, folder / "report.docx", label=wps_variant)
        html_path = folder / "report.html"
        html_path.write_text(report_html(report, zero="/"), encoding="utf-8")
        xlsx_path = folder / "report.xlsx"
        export_report(report, "xlsx", xlsx_path)
        layout_path = folder / "layout.xlsx"
        wb = openpyxl.load_workbook(xlsx_path)
        del wb["数据"]
        wb.save(layout_path)
        return [
            ("import_docx_ms", _median_ms(docx_path), "ms"),
            ("import_html_ms", _median_ms(html_path), "ms"),
            ("import_xlsx_ms", _median_ms(xlsx_path), "ms"),
            ("import_xlsx_layout_ms", _median_ms(layout_path), "ms"),
        ]
