"""fuzz: damaged and hostile files through the commands that read them (issue 15).

Realistic seeds of every kind the program reads — project files, last year's figures, values files, Word, web and
Excel reports, ledgers, ledger mappings — are mutated deterministically (tests/robustness/corpus.py) and joined by
the issue's own crashers (tests/robustness/hostile.py). Each file goes through its `zwgk` commands in a worker
process (tests/robustness/supervisor.py), which is killed after 20 s.

    fuzz_files        files run (ZWGK_FUZZ_N mutants, default 600, plus the crashers)
    fuzz_runs         commands run on them
    fuzz_tracebacks   runs that ended in a traceback, an internal error (exit 70) or a dead worker (target 0)
    fuzz_bad_exits    runs that ended with an exit code docs/cli.md does not give that command (target 0)
    fuzz_over_20s     runs that took longer than 20 s (target 0)
    fuzz_slowest_s    the longest run
    fuzz_peak_mb      the worker's peak resident memory (target ≤ 1024)
"""

from __future__ import annotations

import itertools
import os
import tempfile
from collections import Counter
from pathlib import Path

from tests.robustness.corpus import ALLOWED, commands, mutants, seeds
from tests.robustness.hostile import HOSTILE, hostile_case
from tests.robustness.supervisor import TIME_LIMIT_S, Supervisor

DEFAULT_MUTANTS = 600


def run() -> list[tuple[str, float, str]]:
    count = int(os.environ.get("ZWGK_FUZZ_N", DEFAULT_MUTANTS))
    files = runs = tracebacks = bad_exits = over = 0
    slowest = 0.0
    report = []
    exits: Counter[str] = Counter()
    with tempfile.TemporaryDirectory(prefix="zwgk-fuzz-") as tmp, Supervisor() as supervisor:
        folder = Path(tmp)
        seed_cases = seeds(folder / "seeds")
        for case in itertools.chain((hostile_case(name) for name in HOSTILE), seed_cases, mutants(seed_cases, count)):
            files += 1
            path = case.write(folder)
            for args in commands(case, path, folder / "seeds"):
                outcome = supervisor.run(args)
                runs += 1
                exits[f"{args[0]} {outcome.code}"] += 1
                slowest = max(slowest, outcome.seconds)
                problem = ""
                if outcome.timed_out or outcome.seconds > TIME_LIMIT_S:
                    over += 1
                    problem = "over 20 s"
                elif outcome.traceback:
                    tracebacks += 1
                    problem = f"traceback: {(outcome.crash or outcome.message)[-300:]}"
                elif outcome.code not in ALLOWED[args[0]]:
                    bad_exits += 1
                    problem = f"exit {outcome.code}: {outcome.message[-200:]}"
                if problem:
                    report.append(f"{case.name} {args[0]}: {problem}")
            path.unlink()
        peak = supervisor.peak_mb
    print(f"# exit codes by command: {dict(sorted(exits.items()))}", flush=True)
    for line in report[:20]:
        print(f"# {line}", flush=True)
    return [("fuzz_files", files, "files"), ("fuzz_runs", runs, "runs"), ("fuzz_tracebacks", tracebacks, "runs"),
            ("fuzz_bad_exits", bad_exits, "runs"), ("fuzz_over_20s", over, "runs"),
            ("fuzz_slowest_s", slowest, "s"), ("fuzz_peak_mb", peak, "MB")]
