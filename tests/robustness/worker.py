"""The fuzz worker: runs `zwgk` commands in this one process, as the command line would, and reports for each its
exit code, time, peak memory and any traceback. Jobs arrive on stdin and results leave on stdout as JSON lines, so
the supervisor (tests/robustness/supervisor.py) can kill a worker that hangs and start another."""

from __future__ import annotations

import contextlib
import io
import json
import resource
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_job(args: list[str]) -> dict:
    from app.cli.main import main  # noqa: PLC0415 - after sys.path is set

    out, err = io.StringIO(), io.StringIO()
    started = time.perf_counter()
    crash = ""
    code = None
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(args)
    except BaseException:  # noqa: BLE001 - anything escaping main is what the fuzz run looks for
        crash = traceback.format_exc()[-2000:]
    seconds = time.perf_counter() - started
    text = err.getvalue()
    if "Traceback (most recent call last)" in text or "Traceback (most recent call last)" in out.getvalue():
        crash = crash or text[-2000:]
    return {"code": code, "seconds": seconds, "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "crash": crash, "message": (text or out.getvalue())[-400:]}


def main() -> None:
    sys.path.insert(0, str(ROOT))
    print(json.dumps({"ready": True}), flush=True)
    for line in sys.stdin:
        job = json.loads(line)
        # ASCII: a message may quote a lone surrogate from a damaged file, which the pipe's UTF-8 cannot carry
        print(json.dumps(run_job(job["args"])), flush=True)


if __name__ == "__main__":
    main()
