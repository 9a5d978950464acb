"""Work around a reference-counting bug of the PySide6 6.12 wheels on Python 3.11.

Every call from Python into a Qt function that returns nothing (``widget.update()``, ``painter.save()``, a
QVariant-returning function that returns an invalid QVariant) takes one reference to ``None`` without giving one;
some paths do the same to ``True`` and ``False``.
Python 3.11 starts with about 5 000 references to ``None``: after a few thousand such calls (a few minutes of typing
in the grid) ``None`` is freed and the program aborts with "Fatal Python error: none_dealloc" — losing the user's
work — and every test run ends with that abort. Python 3.12 made these objects immortal, which is why the wheel's
authors do not see it. Here they get the same treatment: their counts are raised so far that no session can
exhaust them.
"""

from __future__ import annotations

import ctypes
import sys

_RESERVE = 1 << 40  # a leak of one reference per Qt call: more calls than any session makes


AFFECTED = ("6.12.0",)  # 6.9.3, 6.10.2 and 6.11.x were checked here and keep their counts right


def keep_none_alive() -> None:
    import PySide6  # noqa: PLC0415 - only its version string

    if PySide6.__version__ not in AFFECTED:
        return  # pyproject excludes the affected wheels; this guards an environment that has one anyway
    if sys.implementation.name != "cpython" or sys.version_info >= (3, 12) or hasattr(sys, "gettotalrefcount"):
        return  # immortal None, or a debug build whose object header differs
    # ob_refcnt is the first field of every object in a release build of CPython 3.11.
    for singleton in (None, True, False):
        ctypes.c_ssize_t.from_address(id(singleton)).value += _RESERVE


keep_none_alive()
