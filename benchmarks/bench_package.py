"""Package size and start-up time of the bundled program (Linux).

package_mb          size of the .deb (target ≤ 50)
bundle_mb           the unpacked one-folder bundle on disk
bundle_start_s      process start → main window shown with the sample report, bundled program (median)
source_start_s      the same from source (.venv python -m ui), in the same run (median)
bundle_start_ratio  bundle_start_s / source_start_s (target ≤ 1.2)

Start-up is measured with `--self-test --window-only`: a new process each time, offscreen, timed until it prints
that the window is shown. The OS file cache is warm (runs alternate, first run of each discarded), so this compares
the two start paths, not disk speed. The bundle in dist/ is built with build_scripts/build_linux.sh first when it is
missing or older than the sources.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "dist"
RUNS = 7
READY = "窗口已就绪"


def _newest_source_mtime() -> float:
    paths = [*ROOT.glob("app/**/*.py"), *ROOT.glob("ui/**/*.py"), *ROOT.glob("resources/**/*"),
             *ROOT.glob("build_scripts/*")]
    return max(p.stat().st_mtime for p in paths if p.is_file())


def _debs() -> list[Path]:
    return sorted(DIST.glob("zwgk_*.deb"), key=lambda p: p.stat().st_mtime)


def ensure_built() -> tuple[Path, Path]:
    program = DIST / "zwgk" / "zwgk"
    debs = _debs()
    if not (program.is_file() and debs and debs[-1].stat().st_mtime >= _newest_source_mtime()):
        env = {**os.environ, "PYTHON": sys.executable}
        done = subprocess.run(["bash", str(ROOT / "build_scripts" / "build_linux.sh")], cwd=ROOT, env=env,
                              capture_output=True, text=True)
        if done.returncode != 0:
            raise RuntimeError(f"build_linux.sh failed:\n{done.stderr[-3000:]}")
        debs = _debs()
    return program, debs[-1]


def time_to_window(cmd: list[str]) -> float:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    started = time.perf_counter()
    proc = subprocess.Popen([*cmd, "--self-test", "--window-only"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env=env, cwd=ROOT)
    assert proc.stdout is not None
    for line in proc.stdout:
        if READY in line:
            elapsed = time.perf_counter() - started
            break
    else:
        proc.wait()
        raise RuntimeError(f"{cmd[0]} did not show its window: {proc.stderr.read() if proc.stderr else ''}")
    proc.communicate(timeout=60)
    if proc.returncode != 0:
        raise RuntimeError(f"{cmd[0]} --self-test --window-only exited with {proc.returncode}")
    return elapsed


def _folder_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink()) / 1e6


def run() -> list[tuple[str, float, str]]:
    if not sys.platform.startswith("linux"):
        return []
    program, deb = ensure_built()
    bundle_cmd = [str(program)]
    source_cmd = [str(ROOT / ".venv" / "bin" / "python") if (ROOT / ".venv").is_dir() else sys.executable, "-m", "ui"]
    times: dict[str, list[float]] = {"bundle": [], "source": []}
    for i in range(RUNS + 1):
        for name, cmd in (("bundle", bundle_cmd), ("source", source_cmd)):
            t = time_to_window(cmd)
            if i:  # the first run of each only warms the file cache
                times[name].append(t)
    bundle, source = statistics.median(times["bundle"]), statistics.median(times["source"])
    return [
        ("package_mb", deb.stat().st_size / 1e6, "MB"),
        ("bundle_mb", _folder_mb(program.parent), "MB"),
        ("bundle_start_s", bundle, "s"),
        ("source_start_s", source, "s"),
        ("bundle_start_ratio", bundle / source, "x"),
    ]
