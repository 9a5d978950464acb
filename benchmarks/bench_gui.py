"""GUI start-up and memory (issues 3 and 11).

- startup_vs_floor: cold start of the program (a fresh interpreter) until the main window is shown at 1366 × 768
  with the sample report open and its first events processed, divided by the same for an honest floor: a minimal
  PySide6 program showing the same seven tabs and a 30 × 8 grid of Chinese labels and figures at 1366 × 768 (what
  any Qt program with this window needs: Qt, the widgets, a CJK font). Measured in the same run, alternating,
  median of several runs each. Target ≤ 1.25.
- startup_checked_s: the program's start until the check of the report has run and its findings are shown (tab
  marks, the 检查结果 panel, the counts). The window checks the report it starts with right after its first paint,
  so the usable window above comes before it; this figure says how long the findings follow.
- startup_ratio: the same against a bare PySide6 QMainWindow, kept for reference (issue 3's target ≤ 1.5).
- rss_mb: peak resident memory of the program process with the sample open. Target ≤ 150 MB.

Both run offscreen (QT_QPA_PLATFORM=offscreen), so they measure the program, not the display server.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = 9

# Peak memory from VmHWM: getrusage's ru_maxrss survives execve, so a child of a big benchmark process would report
# its parent's peak (seen: 172 MB when run after the in-process benchmarks, 77 MB alone).
_REPORT = """
import os, time
hwm = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM:"))
now = time.time()
print(globals().get("usable", now), hwm, now, flush=True)
os._exit(0)  # the exit is not part of the start
"""

BARE = textwrap.dedent("""
    from PySide6.QtWidgets import QApplication, QMainWindow
    app = QApplication([])
    window = QMainWindow()
    window.show()
    app.processEvents()
""") + _REPORT

# The window's tabs as the program titles them, and a grid the size of Section 三 (30 rows × 8 columns).
FLOOR = textwrap.dedent("""
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QTabWidget, QTableWidget, QTableWidgetItem
    app = QApplication([])
    window = QMainWindow()
    tabs = QTabWidget()
    grid = QTableWidget(30, 8)
    for r in range(30):
        grid.setItem(r, 0, QTableWidgetItem(f"（{r + 1}）本年新收政府信息公开申请数量"))
        for c in range(1, 8):
            grid.setItem(r, c, QTableWidgetItem(str(1000 + 8 * r + c)))
    titles = ["基本信息", "一、总体情况", "二、主动公开政府信息情况", "四、政府信息公开行政复议、行政诉讼情况",
              "五、存在的主要问题及改进情况", "六、其他需要报告的事项"]
    tabs.addTab(grid, "三、收到和处理政府信息公开申请情况")
    for title in titles:
        tabs.addTab(QLabel(title), title)
    window.setCentralWidget(tabs)
    window.resize(1366, 768)
    window.show()
    app.processEvents()
""") + _REPORT

PROGRAM = textwrap.dedent(f"""
    import sys, tempfile
    from pathlib import Path
    sys.path.insert(0, {str(ROOT)!r})
    from ui.window.application import setup_application
    app = setup_application()
    from ui.window.autosave import RecoveryStore
    from ui.window.main_window import MainWindow
    from ui.shared.settings import Settings
    tmp = Path(tempfile.mkdtemp(prefix="zwgk-bench-"))
    from ui.main import features
    window = MainWindow(Settings.at(tmp / "s.ini"), RecoveryStore(tmp / "recovery"), lock_dir=tmp / "locks",
                        features=features())
    assert window.open_file(Path({str(ROOT / "resources" / "examples" / "jindian-2021.zwgk")!r}))
    window.resize(1366, 768)
    window.show()
    app.processEvents()
    import time
    usable = time.time()
    while window.findings_pending:  # the check that follows the first paint (startup_checked_s)
        app.processEvents()
""") + _REPORT


def _start(script: str) -> tuple[float, float, float]:
    """Seconds from spawning the interpreter to the window being usable, peak RSS in MB, and seconds to the end of
    the script (for the program: its findings shown)."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    # An installed program runs from compiled bytecode: let the warm-up runs write it, or every "cold start"
    # would include compiling the program's sources.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    t0 = time.time()
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=120)
    if done.returncode != 0:
        raise RuntimeError(f"start-up run failed ({done.returncode}):\n{done.stderr[-3000:]}")
    out = done.stdout.split()
    usable, rss_kb, end = float(out[0]), float(out[1]), float(out[2])
    return usable - t0, rss_kb / 1024, end - t0


def run() -> list[tuple[str, float, str]]:
    for script in (BARE, FLOOR, PROGRAM):
        _start(script)  # warm the OS file cache for all: "cold" is a fresh process, not a fresh disk
    bare, floor, program, rss, checked = [], [], [], [], []
    for _ in range(RUNS):
        bare.append(_start(BARE)[0])
        floor.append(_start(FLOOR)[0])
        seconds, mb, end = _start(PROGRAM)
        program.append(seconds)
        rss.append(mb)
        checked.append(end)
    return [
        ("startup_vs_floor", statistics.median(program) / statistics.median(floor), "x"),
        ("startup_ratio", statistics.median(program) / statistics.median(bare), "x"),
        ("startup_program_s", statistics.median(program), "s"),
        ("startup_checked_s", statistics.median(checked), "s"),
        ("startup_floor_s", statistics.median(floor), "s"),
        ("startup_bare_qt_s", statistics.median(bare), "s"),
        ("rss_mb", max(rss), "MB"),
    ]
