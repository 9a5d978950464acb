# Before any Qt call: PySide6 6.12 on Python 3.11 leaks references to None (see ui/qt_compat.py).
from ui import qt_compat as _qt_compat  # noqa: F401
