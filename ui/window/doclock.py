"""Warn when a report file is already open in another window (of this or another running copy of the program).

The lock files live in the app-data folder, keyed by the document's full path, so nothing is ever written next to
the user's document (a USB stick or a mailed folder stays clean). A lock left by a crashed process is stale and
QLockFile takes it over.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCryptographicHash, QLockFile

from ui.window.autosave import app_data_dir


def locks_dir() -> Path:
    return app_data_dir() / "locks"


class DocumentLock:
    def __init__(self, path: Path, folder: Path | None = None) -> None:
        self.path = Path(path).resolve()
        folder = folder or locks_dir()
        folder.mkdir(parents=True, exist_ok=True)
        digest = QCryptographicHash.hash(str(self.path).casefold().encode("utf-8"), QCryptographicHash.Algorithm.Sha1)
        key = bytes(digest.toHex()).decode("ascii")[:20]
        self.lock = QLockFile(str(folder / f"{key}.lock"))
        self.lock.setStaleLockTime(0)  # never stale by age: only when its process is gone

    def acquire(self) -> bool:
        return self.lock.tryLock(0)

    def owner(self) -> str:
        """Who holds the lock, in words for the warning."""
        info = self.lock.getLockInfo()
        if not info or not info[0]:
            return "另一个窗口"
        pid, host = info[0], info[1]
        return f"进程 {pid}，计算机 {host}" if host else f"进程 {pid}"

    def release(self) -> None:
        if self.lock.isLocked():
            self.lock.unlock()
