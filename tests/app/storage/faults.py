"""Fault injection for app.storage.atomic: every system call of a save goes through atomic.SYSTEM; FaultySystem
fails the n-th one (or every one of a kind) with the error a real disk, share or Windows lock gives."""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace

from app.storage import atomic

CALLS = tuple(vars(atomic.SYSTEM))


def disk_full() -> OSError:
    return OSError(errno.ENOSPC, "No space left on device")


def io_error() -> OSError:
    return OSError(errno.EIO, "Input/output error")


def refused() -> OSError:
    return PermissionError(errno.EACCES, "Permission denied")


class FaultySystem(SimpleNamespace):
    """atomic.SYSTEM with a failure: at call number `at` (0-based, counting every call), or at every call for which
    `when(name, where)` is true. `where` is the file a call concerns (the path, or the path an fd was opened on);
    `log` records (name, where) of every call made."""

    def __init__(self, error: Callable[[], OSError] = io_error, at: int | None = None,
                 when: Callable[[str, str], bool] | None = None) -> None:
        real = atomic.SYSTEM
        self._real = real
        self._error = error
        self._at = at
        self._when = when
        self.count = 0
        self.log: list[tuple[str, str]] = []
        self.failed: tuple[str, str] | None = None
        self._fds: dict[int, str] = {}
        super().__init__(**{name: self._wrap(name, getattr(real, name)) for name in CALLS})

    def _wrap(self, name: str, call: Callable) -> Callable:
        def run(*args, **kwargs):
            n = self.count
            self.count += 1
            first = args[0] if args else ""
            where = os.fspath(first) if isinstance(first, str | Path) else self._fds.get(first, str(first))
            if name in ("replace", "rename", "link"):
                where = f"{where} -> {os.fspath(args[1])}"
            self.log.append((name, where))
            if (self._at is not None and n == self._at) or (self._when is not None and self._when(name, where)):
                self.failed = (name, where)
                raise self._error()
            result = call(*args, **kwargs)
            if name == "open":
                self._fds[result] = where
            return result
        return run


def install(monkeypatch, system: FaultySystem) -> FaultySystem:
    monkeypatch.setattr(atomic, "SYSTEM", system)
    return system
