"""Warn when a report file is already open in another window, program, user profile or computer.

The lock itself is Qt-free (app.storage.lockfile.DocumentLock): a lock file beside the document that the operating
system releases when its process ends, so a crashed window's lock is never in the way. Here only where the fallback
locks live: the app-data folder, for folders that cannot be written.
"""

from __future__ import annotations

from pathlib import Path

from app.storage import lockfile
from ui.window.autosave import app_data_dir


def locks_dir() -> Path:
    return app_data_dir() / "locks"


class DocumentLock(lockfile.DocumentLock):
    def __init__(self, path: Path, folder: Path | None = None) -> None:
        super().__init__(path, folder or locks_dir())
