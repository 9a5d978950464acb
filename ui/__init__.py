# First: the garbage collector waits while the program starts (see ui/startup.py).
from ui import startup as _startup  # noqa: F401, I001 - the order of these two imports matters
# Before any Qt call: PySide6 6.12 on Python 3.11 leaks references to None (see ui/qt_compat.py).
from ui import qt_compat as _qt_compat  # noqa: F401
