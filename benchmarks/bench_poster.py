"""poster_png_ms and poster_pdf_ms: 一图读懂 of a city report with five-digit figures and last year linked, written
to a file (A4 PNG at 150 dpi; A4 PDF), median of 7 runs after one warm-up (the first run loads the fonts, as the
window or the first export has done already). poster_long_ms: the 750-px long image. Targets ≤ 500 ms (issue 16). The *_cpu_ms lines: the processor time of the same runs."""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.report.previous import make_previous  # noqa: E402
from tests.factories import city_report  # noqa: E402


def _median_ms(kind: str, out: Path, runs: int = 7, clock=time.perf_counter) -> float:
    from ui.poster.files import export_poster  # noqa: PLC0415 - Qt after the environment is set

    report = city_report(2023)
    report.previous = make_previous(city_report(2022))
    export_poster(report, kind, out)
    samples = []
    for _ in range(runs):
        t0 = clock()
        export_poster(report, kind, out)
        samples.append((clock() - t0) * 1000)
    return statistics.median(samples)


def run() -> list[tuple[str, float, str]]:
    from ui.export.printing import ensure_gui_app  # noqa: PLC0415
    from ui.shared import qt_compat  # noqa: PLC0415

    qt_compat.install()
    ensure_gui_app()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        return [("poster_png_ms", _median_ms("poster-png", folder / "a.png"), "ms"),
                ("poster_pdf_ms", _median_ms("poster-pdf", folder / "a.pdf"), "ms"),
                ("poster_long_ms", _median_ms("poster-long", folder / "b.png"), "ms"),
                # The processor time of the same work: on a machine shared with other jobs the wall time above
                # also counts the waiting for a core.
                ("poster_png_cpu_ms", _median_ms("poster-png", folder / "a.png", clock=time.process_time), "ms"),
                ("poster_pdf_cpu_ms", _median_ms("poster-pdf", folder / "a.pdf", clock=time.process_time), "ms")]
