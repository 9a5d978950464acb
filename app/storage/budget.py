"""How long reading a file the user handed the program may take, and whether the user has cancelled it.

Readers of imports and ledgers call check_budget() as they go (per element, row or tag, cheaply). A file that needs
longer than the budget is not a report: it is refused with a Chinese message instead of being waited on, and the
window's 取消 button is answered at the same places. The budget of the reading under way lives in a context
variable, so the readers' signatures stay as they are and a background thread has its own.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass, field

READ_SECONDS = 15.0


class Cancelled(Exception):  # noqa: N818 - what happened, not an error of the file
    """The user cancelled the reading (the window's 取消)."""


_current: ContextVar[Budget | None] = ContextVar("read_budget", default=None)


def _never() -> bool:
    return False


@dataclass
class Budget:
    name: str  # the file, for the message
    error: type[Exception]  # what the reader raises for a bad file (ImportFailure, LedgerError)
    seconds: float = READ_SECONDS
    cancelled: Callable[[], bool] = _never
    started: float = field(default_factory=time.monotonic)

    def check(self) -> None:
        if self.cancelled():
            raise Cancelled("已取消。")
        if time.monotonic() - self.started > self.seconds:
            raise self.error(f"读取“{self.name}”超过 {self.seconds:.0f} 秒仍未完成：文件的结构异常（可能已损坏），"
                             "不像是年度报告或台账。请用 Word、WPS、Excel 或浏览器打开确认后另存，再试。")

    @contextlib.contextmanager
    def active(self) -> Iterator[Budget]:
        token = _current.set(self)
        try:
            yield self
        finally:
            _current.reset(token)


def check_budget() -> None:
    """Raise if the reading under way has run out of time or was cancelled (nothing outside a reading)."""
    budget = _current.get()
    if budget is not None:
        budget.check()


@contextlib.contextmanager
def budget_for(name: str, error: type[Exception]) -> Iterator[Budget]:
    """The budget already running (the window's, with its cancel button), or a new one for this file."""
    running = _current.get()
    if running is not None:
        yield running
        return
    with Budget(name, error).active() as budget:
        yield budget


def running_budget() -> Budget | None:
    return _current.get()
