"""While the program's window is open, a named Windows mutex says so.

The installer (build_scripts/installer.nsi, RUNNING_MUTEX there) looks for it and refuses to replace the program
files under a running program, which would leave a mix of two versions. Every instance opens the same mutex, so it
exists as long as any of them runs, and Windows closes the handle when the process ends, a crash included. Off
Windows nothing is needed: dpkg replaces files under a running program without harm.
"""

from __future__ import annotations

import sys

# Session-wide. installer.nsi checks the same name; tests/build_scripts/test_installer_wine.py builds its stand-in
# program with this constant, so a different name in the installer fails that test.
RUNNING_MUTEX = "Local\\zwgk.running"


def mark_running() -> int | None:
    """Open (or create) the mutex for the rest of the process: its handle, or None off Windows or if refused."""
    if sys.platform != "win32":
        return None
    import ctypes  # noqa: PLC0415 - Windows only
    from ctypes import wintypes  # noqa: PLC0415

    create = ctypes.WinDLL("kernel32", use_last_error=True).CreateMutexW
    create.argtypes = (ctypes.c_void_p, wintypes.BOOL, wintypes.LPCWSTR)
    create.restype = wintypes.HANDLE
    return create(None, False, RUNNING_MUTEX) or None  # never closed: it must live as long as the process
