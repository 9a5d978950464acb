"""Start-up time: Python's cyclic garbage collector waits until the first window is shown.

Loading Qt and the program creates some 40 000 objects that live as long as the program does (PySide's enum
classes, modules, classes, the report format) and next to no garbage, yet with the default thresholds the collector
walks them dozens of times while they are being made: about 7 ms of a 150 ms start (benchmarks/bench_gui.py).
Importing this module (first thing in ui/__init__.py) raises the first threshold so that start-up triggers no
collection; a process that never shows a window still collects, only later. resume(), called when the first main
window is shown, moves what start-up made into the permanent generation (gc.freeze: later collections skip those
objects for the rest of the session) and restores the thresholds.
"""

from __future__ import annotations

import gc

START_THRESHOLD = 200_000  # net new container objects before a collection: start-up makes about 40 000
_saved: tuple[int, ...] | None = None


def pause() -> None:
    global _saved  # noqa: PLW0603 - one process-wide state
    if _saved is None:
        _saved = gc.get_threshold()
        gc.set_threshold(max(START_THRESHOLD, _saved[0]), *_saved[1:])


def resume() -> None:
    """The program has started: back to the usual collector, without re-walking what start-up made."""
    global _saved  # noqa: PLW0603
    if _saved is not None:
        gc.freeze()
        gc.set_threshold(*_saved)
        _saved = None


def paused() -> bool:
    return _saved is not None


pause()
