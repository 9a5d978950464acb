"""check_us (one full check, median) and batch_files_per_s (one `zwgk check --json` over 1,000 files, one core).

Both are wall-clock figures, so they say something only on an otherwise idle machine. The processor-time
companions (check_cpu_us, batch_files_per_cpu_s: the same runs, divided by the processor time the check itself
used) stay put when other programs share the machine."""

from __future__ import annotations

import resource
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

# Text as a county department writes it: a preamble naming the notice and the six parts, figures, a percentage,
# outcome words and a breakdown, so that every text rule (R8, T1–T6, F2) has something to read.
INTRO = ("本报告根据《中华人民共和国政府信息公开条例》和《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府"
         "信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕30号）要求编制，全文包括总体情况、主动公开政府信息情况、"
         "收到和处理政府信息公开申请情况、政府信息公开行政复议行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项"
         "等六个部分。")
MORE_S1 = ("全年予以公开及部分公开8件，占61.5%；无法提供3件，不予处理（重复申请）1件，1件顺延至下年度办理。"
           "被申请行政复议2件，1件维持、1件尚未审结。本年主动公开信息1290条，其中：政策文件215条、工作动态1075条。")
S5 = ("（一）存在的主要问题\n一是政策解读形式较单一，图解、视频解读偏少；二是依申请公开办理人员流动较大，业务熟练程度"
      "有待提高。\n（二）改进情况\n一是丰富解读形式，重要政策同步发布图解；二是每半年开展一次依申请公开业务培训。")


def check_us() -> tuple[float, float]:
    report = realistic_report()
    report.auto_total = False  # an imported report: every total rule really compares
    report.set_value("s3.granted.research", None)  # and it has something to find
    report.texts.update({"intro": INTRO, "s1": report.texts["s1"] + MORE_S1, "s5": S5})
    for _ in range(200):
        check(report)
    wall, cpu = [], []
    for _ in range(30):
        t0, c0 = time.perf_counter_ns(), time.process_time_ns()
        for _ in range(100):
            check(report)
        wall.append((time.perf_counter_ns() - t0) / 100 / 1000)
        cpu.append((time.process_time_ns() - c0) / 100 / 1000)
    return statistics.median(wall), statistics.median(cpu)


def batch_files_per_s(n: int = 1000) -> tuple[float, float]:
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for i in range(n):
            r = realistic_report()
            r.set_value("s3.new.natural", 10 + i % 3)  # some balance, some do not
            p = Path(tmp) / f"r{i:04}.zwgk"
            save(r, p)
            paths.append(str(p))
        cmd = [sys.executable, "-m", "app", "check", "--json", *paths]
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        proc = subprocess.run(["taskset", "-c", "0", *cmd], cwd=ROOT, capture_output=True, check=False)
        elapsed = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if proc.returncode not in (0, 1, 2):
            raise RuntimeError(proc.stderr.decode())
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return n / elapsed, n / cpu


def run() -> list[tuple[str, float, str]]:
    wall_us, cpu_us = check_us()
    files_per_s, files_per_cpu_s = batch_files_per_s()
    return [("check_us", wall_us, "us"), ("check_cpu_us", cpu_us, "us"),
            ("batch_files_per_s", files_per_s, "files/s"), ("batch_files_per_cpu_s", files_per_cpu_s, "files/s")]
