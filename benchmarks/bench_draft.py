"""draft_ms: 生成段落 for Sections 二, 三 and 四 of a city report with five-digit figures and last year linked,
drafted and printed (fields rendered), median of 30 runs. Target ≤ 20 ms (issue 16)."""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.report.draft import draft  # noqa: E402
from app.report.previous import make_previous  # noqa: E402
from tests.factories import city_report  # noqa: E402


def draft_ms() -> float:
    report = city_report(2023)
    report.previous = make_previous(city_report(2022))
    samples = []
    for _ in range(30):
        t0 = time.perf_counter()
        for p in draft(report):
            p.printed(report)
        samples.append((time.perf_counter() - t0) * 1000)
    return statistics.median(samples)


def run() -> list[tuple[str, float, str]]:
    return [("draft_ms", draft_ms(), "ms")]
