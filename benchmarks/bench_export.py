"""Export of a full city-level report (the 云江市 specimen: five- and six-digit figures, Section 三 cut for the page),
median of several runs, file written to a temp folder.
Targets (issue 4): docx 300 ms, xlsx 300 ms, html 50 ms, pdf 1000 ms."""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from app.export import default_fonts, export_report
from app.export.specimen import city_report

RUNS = 7


def _median_ms(action) -> float:
    action()  # warm-up: imports, font lookup, template parsing
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def run() -> list[tuple[str, float, str]]:
    from ui.export.printing import export_pdf  # noqa: PLC0415 - Qt only for this figure

    report = city_report()
    fonts = default_fonts()
    out: list[tuple[str, float, str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for kind in ("docx", "xlsx", "html"):
            target = folder / f"report.{kind}"
            out.append((f"export_{kind}_ms", _median_ms(lambda k=kind, t=target: export_report(report, k, t, fonts)),
                        "ms"))
        pdf = folder / "report.pdf"
        out.append(("export_pdf_ms", _median_ms(lambda: export_pdf(report, pdf, fonts)), "ms"))
    return out
