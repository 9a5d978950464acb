"""Issue 6 figures: `ledger_10k_ms` (a 10,000-application .xlsx ledger to the matrix, target ≤ 1000 ms) and
`aggregate_1000_s` (汇总 of 1,000 unit files with the workbook written, target ≤ 5 s)."""

from __future__ import annotations

import random
import statistics
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

import openpyxl

from app.aggregate.collect import aggregate
from app.aggregate.workbook import save_workbook
from app.ledger.count import apply_count, count_ledger, read_ledger
from app.ledger.template import applicant_choices, result_choices
from app.report.formats import format_for_year
from app.report.model import Report
from app.storage import save

YEAR = 2025


def _ledger(path: Path, n: int) -> None:
    rnd = random.Random(6)
    fmt = format_for_year(YEAR)
    types = [*applicant_choices(fmt), "个人", "公民", "公司", "律师事务所"]
    results = [*result_choices(fmt)[:-1], "同意公开", "信息不存在", "本机关不掌握"]
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("台账")
    ws.append(["序号", "收到日期", "申请人", "申请人类型", "申请内容", "答复日期", "办理结果", "不予公开理由"])
    start = datetime(YEAR - 1, 10, 1)
    for i in range(n):
        received = start + timedelta(days=rnd.randrange(0, 450))
        answered = received + timedelta(days=rnd.randrange(1, 40)) if rnd.random() < 0.95 else None
        ws.append([i + 1, received, f"申请人{i}", rnd.choice(types), "申请公开某某信息", answered,
                   rnd.choice(results) if answered else "", ""])
    wb.save(path)


def _ledger_ms(folder: Path) -> float:
    path = folder / "台账.xlsx"
    _ledger(path, 10_000)
    fmt = format_for_year(YEAR)
    times = []
    for _ in range(3):
        t0 = time.perf_counter()
        count = count_ledger(read_ledger(path), YEAR, fmt)
        report = Report.new(YEAR)
        apply_count(report, count)
        times.append((time.perf_counter() - t0) * 1000)
    assert count.ok and count.counted > 7000, count.summary()
    return statistics.median(times)


def _aggregate_s(folder: Path) -> float:
    units = folder / "units"
    units.mkdir()
    rnd = random.Random(1000)
    for i in range(1000):
        report = Report.new(YEAR, agency=f"第{i}号单位")
        n = rnd.randrange(0, 30)
        report.set_values([("s3.new.natural", n), ("s3.granted.natural", n), ("s2.license.decisions", rnd.randrange(0, 500))])
        report.texts.update({"s1": "总体情况", "s5": "问题", "s6": "无"})
        save(report, units / f"{i:04d}.zwgk")
    t0 = time.perf_counter()
    result = aggregate([units])
    save_workbook(result, folder / "汇总.xlsx")
    elapsed = time.perf_counter() - t0
    assert result.total is not None and len(result.with_status("summed")) == 1000
    return elapsed


def run() -> list[tuple[str, float, str]]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        return [("ledger_10k_ms", _ledger_ms(folder), "ms"), ("aggregate_1000_s", _aggregate_s(folder), "s")]
