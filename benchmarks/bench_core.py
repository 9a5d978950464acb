"""check_us (one full check, median) and batch_files_per_s (one `zwgk check` over 1,000 files, one core)."""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.rules import check  # noqa: E402
from app.storage import save  # noqa: E402
from tests.factories import realistic_report  # noqa: E402


def check_us() -> float:
    report = realistic_report()
    report.auto_total = False  # an imported report: every total rule really compares
    report.set_value("s3.granted.research", None)  # and it has something to find
    for _ in range(200):
        check(report)
    samples = []
    for _ in range(30):
        t0 = time.perf_counter_ns()
        for _ in range(100):
            check(report)
        samples.append((time.perf_counter_ns() - t0) / 100 / 1000)
    return statistics.median(samples)


def batch_files_per_s(n: int = 1000) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for i in range(n):
            r = realistic_report()
            r.set_value("s3.new.natural", 10 + i % 3)  # some balance, some do not
            p = Path(tmp) / f"r{i:04}.zwgk"
            save(r, p)
            paths.append(str(p))
        cmd = [sys.executable, "-m", "app", "check", "--json", *paths]
        start = time.perf_counter()
        proc = subprocess.run(["taskset", "-c", "0", *cmd], cwd=ROOT, capture_output=True, check=False)
        elapsed = time.perf_counter() - start
        if proc.returncode not in (0, 1, 2):
            raise RuntimeError(proc.stderr.decode())
    return n / elapsed


def run() -> list[tuple[str, float, str]]:
    return [("check_us", check_us(), "us"), ("batch_files_per_s", batch_files_per_s(), "files/s")]
