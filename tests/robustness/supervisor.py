"""Runs fuzz jobs in a worker process (tests/robustness/worker.py) with a time limit each and a memory ceiling for
the process, restarting the worker after a job that hangs or kills it."""

from __future__ import annotations

import json
import os
import resource
import selectors
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TIME_LIMIT_S = 20.0  # the bound per damaged file
MEMORY_CEILING_MB = 3072  # protects the machine; the target (1 GB) is measured, not enforced


@dataclass
class Outcome:
    args: list[str]
    code: int | None = None
    seconds: float = 0.0
    rss_mb: float = 0.0
    crash: str = ""
    message: str = ""
    timed_out: bool = False
    died: bool = False  # the worker itself ended (a segfault, the kernel's OOM killer)

    @property
    def traceback(self) -> bool:
        return bool(self.crash) or self.died or self.code == 70


def _limit_memory() -> None:
    ceiling = MEMORY_CEILING_MB * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (ceiling, ceiling))


class Supervisor:
    def __init__(self, time_limit: float = TIME_LIMIT_S) -> None:
        self.time_limit = time_limit
        self.proc: subprocess.Popen | None = None
        self.peak_mb = 0.0

    def _start(self) -> None:
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONHASHSEED": "0"}
        self.proc = subprocess.Popen([sys.executable, str(ROOT / "tests" / "robustness" / "worker.py")], cwd=ROOT,
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                     text=True, encoding="utf-8", env=env, preexec_fn=_limit_memory)
        ready = self._read_line(60.0)
        if not ready or not json.loads(ready).get("ready"):
            raise RuntimeError("fuzz worker did not start")

    def _read_line(self, timeout: float) -> str | None:
        """The worker's next line; None after `timeout` seconds without one; "" when the worker has ended."""
        assert self.proc is not None and self.proc.stdout is not None
        with selectors.DefaultSelector() as sel:
            sel.register(self.proc.stdout, selectors.EVENT_READ)
            if not sel.select(timeout):
                return None
        return self.proc.stdout.readline()

    def run(self, args: list[str]) -> Outcome:
        if self.proc is None or self.proc.poll() is not None:
            self._start()
        assert self.proc is not None and self.proc.stdin is not None
        self.proc.stdin.write(json.dumps({"args": args}, ensure_ascii=False) + "\n")
        self.proc.stdin.flush()
        started = time.monotonic()
        line = self._read_line(self.time_limit)
        if not line:
            self.stop()
            return Outcome(args, seconds=time.monotonic() - started, timed_out=line is None, died=line == "")
        result = json.loads(line)
        outcome = Outcome(args, result["code"], result["seconds"], result["rss_mb"], result["crash"], result["message"])
        self.peak_mb = max(self.peak_mb, outcome.rss_mb)
        return outcome

    def _harvest_peak(self) -> None:
        """The worker's peak memory so far, from the kernel (also for a job that never answered)."""
        assert self.proc is not None
        try:
            status = Path(f"/proc/{self.proc.pid}/status").read_text(encoding="ascii")
        except OSError:
            return
        for line in status.splitlines():
            if line.startswith("VmHWM:"):
                self.peak_mb = max(self.peak_mb, int(line.split()[1]) / 1024)

    def stop(self) -> None:
        if self.proc is not None:
            if self.proc.poll() is None:
                self._harvest_peak()
                self.proc.kill()
            self.proc.wait()
            for stream in (self.proc.stdin, self.proc.stdout):
                if stream is not None:
                    stream.close()
            self.proc = None

    def __enter__(self) -> Supervisor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
