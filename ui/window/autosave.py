"""Recovery copies: autosave is not saving.

While a window has unsaved edits, a copy of its report is written into the user's app-data folder (never next to
the document: the user's file changes only when they save): a few seconds after the typing stops (so a crash loses
at most those seconds), every 30 seconds while it goes on, and when the program loses the focus. Each copy has a
marker (what it is a copy of, and which version of that file its edits started from) and a lock file that the writing window holds while it runs.
The operating system drops that lock when the process ends — closed, crashed, killed, or the PC switched off — so on
the next start a copy whose lock can be taken is the work of a run that ended without saving, and is offered;
a copy whose lock is held belongs to a window still open. No process id is trusted: ids are reused, quickly on
Windows and after every reboot.
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
from app.storage.atomic import remove_stale_temps
from app.storage.identity import FileStamp
from app.storage.lockfile import FileLock, is_held, who
from ui.shared.document import ReportDocument

log = logging.getLogger(__name__)
INTERVAL_MS = 30_000
IDLE_MS = 3_000  # the pause in typing after which the copy is written
MARKER_SUFFIX = ".json"
LOCK_SUFFIX = ".lock"


def app_data_dir() -> Path:
    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation))


def host_name() -> str:
    return QSysInfo.machineHostName()  # Qt's: the socket module costs start-up time for one call


def process_alive(pid: int) -> bool:
    """Whether a process with this id is running (on this machine). Only for copies written before recovery copies
    had lock files: a reused id makes it say yes wrongly, which boot_time() corrects after a reboot."""
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


def boot_time() -> float:
    """When this computer last started (seconds since the epoch); 0 when unknown."""
    if sys.platform == "win32":
        import ctypes  # noqa: PLC0415

        uptime_ms = ctypes.windll.kernel32.GetTickCount64  # type: ignore[attr-defined]
        uptime_ms.restype = ctypes.c_ulonglong
        return time.time() - uptime_ms() / 1000
    try:
        with open("/proc/stat", encoding="ascii") as fh:  # noqa: PTH123
            for line in fh:
                if line.startswith("btime "):
                    return float(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0.0


@dataclass(frozen=True)
class RecoveryEntry:
    """One recovery copy on disk: the report data, its marker and its lock file."""

    data: Path
    marker: Path
    pid: int
    host: str
    original: str | None
    saved_at: str
    title: str
    stamp: FileStamp | None = None  # the version of the original file the edits started from

    @property
    def lock(self) -> Path:
        return self.marker.with_suffix(LOCK_SUFFIX)

    def load(self) -> Report:
        return storage.load(self.data)

    def discard(self) -> None:
        for p in (self.data, self.marker, *(() if is_held(self.lock) else (self.lock,))):
            try:
                p.unlink(missing_ok=True)
            except OSError as exc:  # a locked or read-only copy must not stop the program
                log.warning("could not remove recovery file %s: %s", p, exc)


def _stamp_json(stamp: FileStamp | None) -> list[int] | None:
    if stamp is None or not stamp.known:
        return None
    return [stamp.device, stamp.inode, stamp.size, stamp.mtime_ns, stamp.links]


def _stamp_from(raw: object) -> FileStamp | None:
    if isinstance(raw, list) and len(raw) == 5 and all(isinstance(x, int) for x in raw):
        return FileStamp(*raw)
    return None


class RecoveryStore:
    """The folder of recovery copies."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self._locks: dict[str, FileLock] = {}

    @classmethod
    def default(cls) -> RecoveryStore:
        return cls(app_data_dir() / "recovery")

    def new_slot(self) -> str:
        return f"{os.getpid()}-{os.urandom(4).hex()}"

    def _hold(self, slot: str) -> None:
        """The lock that says “this copy's window is running”: taken before the first copy is written."""
        lock = self._locks.get(slot)
        if lock is None or not lock.held:
            lock = FileLock(self.folder / f"{slot}{LOCK_SUFFIX}")
            if not lock.acquire(who()):
                raise storage.StorageError(f"恢复副本的锁文件“{lock.path}”被占用。")
            self._locks[slot] = lock

    def write(self, slot: str, report: Report, original: Path | None,
              stamp: FileStamp | None = None) -> RecoveryEntry:
        self.folder.mkdir(parents=True, exist_ok=True)
        self._hold(slot)
        data = self.folder / f"{slot}{storage.SUFFIX}"
        marker = self.folder / f"{slot}{MARKER_SUFFIX}"
        saved_at = time.strftime("%Y-%m-%d %H:%M:%S")
        storage.write_atomic(data, storage.dumps(report).encode("utf-8"), keep_backup=False)
        info = {"pid": os.getpid(), "host": host_name(), "original": str(original) if original else None,
                "saved_at": saved_at, "title": report.title, "stamp": _stamp_json(stamp)}
        storage.write_atomic(marker, json.dumps(info, ensure_ascii=False).encode("utf-8"), keep_backup=False)
        return RecoveryEntry(data, marker, info["pid"], info["host"], info["original"], saved_at, report.title, stamp)

    def release(self, slot: str) -> None:
        lock = self._locks.pop(slot, None)
        if lock is not None:
            lock.release()

    def entries(self) -> list[RecoveryEntry]:
        if not self.folder.is_dir():
            return []
        out = []
        for marker in sorted(self.folder.glob(f"*{MARKER_SUFFIX}")):
            data = marker.with_suffix(storage.SUFFIX)
            try:
                info = json.loads(marker.read_text(encoding="utf-8"))
                entry = RecoveryEntry(data, marker, int(info["pid"]), str(info.get("host", "")),
                                      info.get("original"), str(info.get("saved_at", "")), str(info.get("title", "")),
                                      _stamp_from(info.get("stamp")))
            except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
                log.warning("unreadable recovery marker %s: %s", marker, exc)
                continue
            if data.is_file():
                out.append(entry)
        return out

    def orphans(self) -> list[RecoveryEntry]:
        """Copies whose window is no longer running: what a crash, a kill or a power cut leaves behind."""
        self._sweep_locks()
        return [e for e in self.entries() if self._orphaned(e)]

    def _sweep_locks(self) -> None:
        """Lock files of windows that ended (crashed) without a copy: nothing to offer, nothing to keep; and temp
        files of copies whose writing a crash interrupted."""
        if not self.folder.is_dir():
            return
        remove_stale_temps(self.folder)
        for lock in self.folder.glob(f"*{LOCK_SUFFIX}"):
            if not lock.with_suffix(MARKER_SUFFIX).exists() and not is_held(lock):
                lock.unlink(missing_ok=True)

    def _orphaned(self, entry: RecoveryEntry) -> bool:
        if entry.lock.exists():
            return not is_held(entry.lock)
        # A copy from before lock files: its process id, unless the computer restarted since (ids start again)
        if entry.host != host_name():
            return True
        try:
            written = entry.marker.stat().st_mtime
        except OSError:
            return True
        return written < boot_time() or (entry.pid != os.getpid() and not process_alive(entry.pid))


class Autosaver(QObject):
    """Keeps one recovery copy of one window's document while it has unsaved edits."""

    saved = Signal(object)  # RecoveryEntry
    failed = Signal(str)  # Chinese message for the status bar

    def __init__(self, store: RecoveryStore, interval_ms: int = INTERVAL_MS, parent: QObject | None = None,
                 idle_ms: int = IDLE_MS) -> None:
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
        # Restarted by every edit (a merged keystroke too): fires once the typing has paused for idle_ms.
        self.idle = QTimer(self)
        self.idle.setSingleShot(True)
        self.idle.setInterval(idle_ms)
        self.idle.timeout.connect(self.save_now)

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
        if self.dirty:
            self.idle.start()

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
            self.entry = self.store.write(self.slot, self.doc.report, self.doc.path, self.doc.stamp)
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
        self.store.release(self.slot)  # no copy, nothing to claim: the lock file goes too
        self.dirty = False

    def stop(self) -> None:
        self.timer.stop()
        self.idle.stop()
        self.discard()
