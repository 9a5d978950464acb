"""Work around a reference-counting bug of the PySide6 6.12 wheels on Python 3.11, and a slow import hook of PySide6.

Every call from Python into a Qt function that returns nothing (``widget.update()``, ``painter.save()``, a
QVariant-returning function that returns an invalid QVariant) takes one reference to ``None`` without giving one;
some paths do the same to ``True`` and ``False``.
Python 3.11 starts with about 5 000 references to ``None``: after a few thousand such calls (a few minutes of typing
in the grid) ``None`` is freed and the program aborts with "Fatal Python error: none_dealloc" — losing the user's
work — and every test run ends with that abort. Python 3.12 made these objects immortal, which is why the wheel's
authors do not see it. Here they get the same treatment: their counts are raised so far that no session can
exhaust them.

PySide6 hooks every import statement that runs after it is loaded: the first time a module comes back from an
import, shiboken's `__feature__` support reads the module's whole source through `inspect.getsource` (linecache,
tokenize, a copy kept in memory) only to see whether the text "PySide6" occurs in it. For the 60-odd modules the
program imports at start that is about 5 ms of a 150 ms start; `faster_feature_scan` answers the same question by
reading the file's bytes.
"""

from __future__ import annotations

import sys

_RESERVE = 1 << 40  # a leak of one reference per Qt call: more calls than any session makes


AFFECTED = ("6.12.0",)  # 6.9.3, 6.10.2 and 6.11.x were checked here and keep their counts right


def keep_none_alive() -> None:
    import PySide6  # noqa: PLC0415 - only its version string

    if PySide6.__version__ not in AFFECTED:
        return  # pyproject excludes the affected wheels; this guards an environment that has one anyway
    if sys.implementation.name != "cpython" or sys.version_info >= (3, 12) or hasattr(sys, "gettotalrefcount"):
        return  # immortal None, or a debug build whose object header differs
    import ctypes  # noqa: PLC0415 - only for the affected wheel

    # ob_refcnt is the first field of every object in a release build of CPython 3.11.
    for singleton in (None, True, False):
        ctypes.c_ssize_t.from_address(id(singleton)).value += _RESERVE


def faster_feature_scan() -> bool:
    """Replace shiboken's per-module source scan by an equivalent byte search. False when PySide6 has no such hook
    (another version): then nothing is changed."""
    feature = sys.modules.get("shibokensupport.feature")
    original = getattr(feature, "_mod_uses_pyside", None)
    if original is None or getattr(original, "zwgk_fast", False):
        return original is not None

    def mod_uses_pyside(module) -> bool:  # noqa: ANN001 - any module object
        path = getattr(module, "__file__", None)
        if isinstance(path, str) and path.endswith(".py"):
            try:
                with open(path, "rb") as source:
                    return b"PySide6" in source.read()
            except OSError:
                pass  # no file (a frozen build): ask the original, which knows those cases
        return original(module)

    mod_uses_pyside.zwgk_fast = True  # type: ignore[attr-defined]
    mod_uses_pyside.original = original  # type: ignore[attr-defined]
    feature._mod_uses_pyside = mod_uses_pyside
    return True


def install() -> None:
    """Called by the entry point before the first Qt object exists (ui/main.py) and by the test suite's conftest.
    Not on import: a command-line run imports the ui package without loading Qt at all."""
    keep_none_alive()
    faster_feature_scan()
