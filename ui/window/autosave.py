"""Recovery copies: autosave is not saving.

While a window has unsaved edits, a copy of its report is written every 30 seconds and whenever the program loses
focus, into the user's app-data folder (never next to the document: the user's file changes only when they save).
Each copy has a marker naming the process that wrote it. On start, copies whose process is gone are the work of a
run that crashed or lost power, and are offered for recovery; copies of a live process belong to another window.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QStandardPaths, QSysInfo, QTimer, Signal

from app import storage
from app.report.model import Report
from ui.shared.document import ReportDocument

log = logging.getLogger(__name__)
INTERVAL_MS = 30_000
MARKER_SUFFIX = ".json"


def app_data_dir() -> Path:
    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation))


def host_name() -> str:
    return QSysInfo.machineHostName()  # Qt's: the socket module costs start-up time for one call


def process_alive(pid: int) -> bool:
    """Whether a process with this id is running (on this machine)."""
    if pid <= 0:
        return False
    if sys.platform == "win32":  # os.kill(pid, 0) would *terminate* the process on Windows
        import ctypes  # noqa: PLC0415

        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        try:
            code = ctypes.c_ulong()
            return bool(kernel32.GetExitCodeProcess(handle, ctypes.byref(code))) and code.value == 259  # STILL_ACTIVE
        finally:
            kernel32.CloseHandle(handle)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # exists, owned by someone else
        return True
    return True


@dataclass(frozen=True)
class RecoveryEntry:
    """One recovery copy on disk: the report data and its marker."""

    data: Path
    marker: Path
    pid: int
    host: str
    original: str | None
    saved_at: str
    title: str

    def load(self) -> Report:
        return storage.load(self.data)

    def discard(self) -> None:
        for p in (self.data, self.marker):
            try:
                p.unlink(missing_ok=True)
            except OSError as exc:  # a locked or read-only copy must not stop the program
                log.warning("could not remove recovery file %s: %s", p, exc)


class RecoveryStore:
    """The folder of recovery copies."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)

    @classmethod
    def default(cls) -> RecoveryStore:
        return cls(app_data_dir() / "recovery")

    def new_slot(self) -> str:
        return f"{os.getpid()}-{os.urandom(4).hex()}"

    def write(self, slot: str, report: Report, original: Path | None) -> RecoveryEntry:
        self.folder.mkdir(parents=True, exist_ok=True)
        data = self.folder / f"{slot}{storage.SUFFIX}"
        marker = self.folder / f"{slot}{MARKER_SUFFIX}"
        saved_at = time.strftime("%Y-%m-%d %H:%M:%S")
        storage.write_atomic(data, storage.dumps(report).encode("utf-8"), keep_backup=False)
        info = {"pid": os.getpid(), "host": host_name(), "original": str(original) if original else None,
                "saved_at": saved_at, "title": report.title}
        storage.write_atomic(marker, json.dumps(info, ensure_ascii=False).encode("utf-8"), keep_backup=False)
        return RecoveryEntry(data, marker, info["pid"], info["host"], info["original"], saved_at, report.title)

    def entries(self) -> list[RecoveryEntry]:
        if not self.folder.is_dir():
            return []
        out = []
        for marker in sorted(self.folder.glob(f"*{MARKER_SUFFIX}")):
            data = marker.with_suffix(storage.SUFFIX)
            try:
                info = json.loads(marker.read_text(encoding="utf-8"))
                entry = RecoveryEntry(data, marker, int(info["pid"]), str(info.get("host", "")),
                                      info.get("original"), str(info.get("saved_at", "")), str(info.get("title", "")))
            except (OSError, ValueError, KeyError, TypeError) as exc:
                log.warning("unreadable recovery marker %s: %s", marker, exc)
                continue
            if data.is_file():
                out.append(entry)
        return out

    def orphans(self) -> list[RecoveryEntry]:
        """Copies left by a process that is no longer running: what a crash leaves behind."""
        host = host_name()
        return [e for e in self.entries()
                if e.pid != os.getpid() and (e.host != host or not process_alive(e.pid))]


class Autosaver(QObject):
    """Keeps one recovery copy of one window's document while it has unsaved edits."""

    saved = Signal(object)  # RecoveryEntry
    failed = Signal(str)  # Chinese message for the status bar

    def __init__(self, store: RecoveryStore, interval_ms: int = INTERVAL_MS, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.slot = store.new_slot()
        self.doc: ReportDocument | None = None
        self.dirty = False
        self.entry: RecoveryEntry | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.save_now)
        self.timer.start()

    def watch(self, doc: ReportDocument) -> None:
        """Follow a newly opened document (the previous one's copy is no longer needed)."""
        if self.doc is not None:
            self.doc.undo_stack.indexChanged.disconnect(self._on_edit)
            self.doc.undo_stack.cleanChanged.disconnect(self._on_clean)
        self.discard()
        self.doc = doc
        self.dirty = not doc.undo_stack.isClean()
        doc.undo_stack.indexChanged.connect(self._on_edit)
        doc.undo_stack.cleanChanged.connect(self._on_clean)

    def _on_edit(self, _index: int) -> None:
        self.dirty = self.doc is not None and not self.doc.undo_stack.isClean()

    def _on_clean(self, clean: bool) -> None:
        if clean:  # saved (or undone back to the saved state): the file on disk holds everything
            self.discard()
        else:
            self.dirty = True

    def save_now(self) -> bool:
        """Write the recovery copy if there are edits not yet in it. Never raises: a failed copy is reported."""
        if not self.dirty or self.doc is None:
            return False
        try:
            self.entry = self.store.write(self.slot, self.doc.report, self.doc.path)
        except (OSError, storage.StorageError) as exc:
            log.warning("autosave failed: %s", exc)
            self.failed.emit(f"自动保存恢复副本失败：{exc}")
            return False
        self.dirty = False
        self.saved.emit(self.entry)
        return True

    def discard(self) -> None:
        if self.entry is not None:
            self.entry.discard()
            self.entry = None
        self.dirty = False

    def stop(self) -> None:
        self.timer.stop()
        self.discard()
