"""Locks the operating system releases when their process ends — closed, crashed, killed, or the power cut and the
PC rebooted — so no lock is ever stale and no process id can be mistaken for another after a reboot or id reuse.

A lock is a byte-range lock (fcntl.lockf / msvcrt.locking) on a small file; SMB and NFS shares pass such locks to
the server, so a lock beside a document on a shared folder is seen by every user and every computer. The file's
first bytes say who holds it (user, computer, since when), for the question the second one is asked.

Used for documents (DocumentLock: beside the file, `.~lock.报告.zwgk#`) and for recovery copies (whose window is
still running).
"""

from __future__ import annotations

import contextlib
import errno
import getpass
import json
import os
import threading
import time
from pathlib import Path
from typing import Any

from app import APP_NAME

LOCK_OFFSET = 1 << 30  # the locked byte lies far beyond the text, which stays readable on Windows (mandatory locks)
INFO_BYTES = 4096
# POSIX record locks belong to the process: a second lock from this process would succeed, and closing any descriptor
# of the file would drop the first. So this process's locks are remembered here and never opened twice.
_HELD: dict[str, FileLock] = {}
_GUARD = threading.Lock()


def _key(path: Path) -> str:
    return os.path.normcase(os.path.abspath(path))


def who() -> dict[str, Any]:
    """What a lock says about its holder."""
    try:
        user = getpass.getuser()
    except (OSError, KeyError, ImportError):  # no user name in the environment or the password database
        user = ""
    host = os.environ.get("COMPUTERNAME", "") if os.name == "nt" else os.uname().nodename
    return {"app": APP_NAME, "user": user, "host": host, "pid": os.getpid(), "since": time.strftime("%Y-%m-%d %H:%M")}


# What a lock held by another process raises; anything else means the file system cannot lock (some NAS shares
# mounted without locking: ENOLCK, EOPNOTSUPP), and the caller locks elsewhere instead of reporting a false holder.
_HELD_ERRNOS = {errno.EACCES, errno.EAGAIN, errno.EDEADLK}


def _try_lock(fd: int) -> bool:
    """True: locked now; False: another process holds it; OSError: this file system cannot lock."""
    try:
        if os.name == "nt":
            import msvcrt  # noqa: PLC0415 - Windows only

            os.lseek(fd, LOCK_OFFSET, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        else:
            import fcntl  # noqa: PLC0415 - POSIX only

            fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB, 1, LOCK_OFFSET, os.SEEK_SET)
    except OSError as exc:
        if exc.errno in _HELD_ERRNOS:
            return False
        raise
    return True


def _unlock(fd: int) -> None:
    with contextlib.suppress(OSError):
        if os.name == "nt":
            import msvcrt  # noqa: PLC0415

            os.lseek(fd, LOCK_OFFSET, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        else:
            import fcntl  # noqa: PLC0415

            fcntl.lockf(fd, fcntl.LOCK_UN, 1, LOCK_OFFSET, os.SEEK_SET)


def _hide(path: Path) -> None:
    """Windows shows dot-files: mark the lock file hidden, as Office does with its ~$ files."""
    if os.name == "nt":
        import ctypes  # noqa: PLC0415

        ctypes.windll.kernel32.SetFileAttributesW(str(path), 0x2)  # type: ignore[attr-defined] - FILE_ATTRIBUTE_HIDDEN


class FileLock:
    """One lock file. acquire() → False when another process (or another window of this one) holds it; raises
    OSError when the lock file cannot be created at all (a read-only folder)."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.info: dict[str, Any] = {}
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self, info: dict[str, Any] | None = None, hidden: bool = False) -> bool:
        key = _key(self.path)
        with _GUARD:
            if key in _HELD:
                return _HELD[key] is self
            for _ in range(5):
                fd = os.open(self.path, os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0)
                             | getattr(os, "O_NOINHERIT", 0), 0o666)
                try:
                    locked = _try_lock(fd)
                except OSError:
                    os.close(fd)
                    raise
                if not locked:
                    os.close(fd)
                    return False
                if self._still_named(fd):
                    break
                _unlock(fd)  # the holder released and removed it meanwhile: lock the new file instead
                os.close(fd)
            else:  # pragma: no cover - five removals in a row
                return False
            self.info = info if info is not None else who()
            with contextlib.suppress(OSError):
                os.lseek(fd, 0, os.SEEK_SET)
                os.ftruncate(fd, 0)
                os.write(fd, json.dumps(self.info, ensure_ascii=False).encode("utf-8")[:INFO_BYTES].ljust(64))
            if hidden:
                with contextlib.suppress(OSError, AttributeError):
                    _hide(self.path)
            self._fd = fd
            _HELD[key] = self
            return True

    def _still_named(self, fd: int) -> bool:
        try:
            a, b = os.fstat(fd), os.stat(self.path)
        except OSError:
            return False
        return not a.st_ino or (a.st_dev, a.st_ino) == (b.st_dev, b.st_ino)

    def release(self, remove: bool = True) -> None:
        if self._fd is None:
            return
        with _GUARD:
            _HELD.pop(_key(self.path), None)
            fd, self._fd = self._fd, None
            if remove and os.name != "nt":
                with contextlib.suppress(OSError):
                    os.unlink(self.path)  # while still locked: nobody can take the old file after this
            _unlock(fd)
            with contextlib.suppress(OSError):
                os.close(fd)
            if remove and os.name == "nt":  # Windows cannot remove an open file
                with contextlib.suppress(OSError):
                    os.unlink(self.path)

    def holder(self) -> dict[str, Any] | None:
        """What the lock file says about its holder (None: unreadable)."""
        held = _HELD.get(_key(self.path))
        if held is not None:
            return {**held.info, "this_process": True}
        try:
            with open(self.path, "rb") as fh:  # noqa: PTH123 - a plain read of the first bytes
                raw = fh.read(INFO_BYTES)
            info = json.loads(raw.decode("utf-8", errors="replace").strip())
        except (OSError, ValueError):
            return None
        return info if isinstance(info, dict) else None


def is_held(path: Path) -> bool:
    """Whether a live process holds the lock file at `path` (this process included). A missing file: no."""
    key = _key(path)
    if key in _HELD:
        return True
    if not Path(path).exists():
        return False
    probe = FileLock(path)
    try:
        if not probe.acquire():
            return True
    except OSError:  # cannot be opened or locked here: nobody can hold it either
        return False
    probe.release(remove=False)
    return False


def describe_holder(info: dict[str, Any] | None) -> str:
    """“用户 张三，计算机 PC-01，自 2025-03-05 10:30 起” — who has the file, for the question."""
    if not info:
        return "另一个程序"
    if info.get("this_process"):
        return "本程序的另一个窗口"
    parts = [f"用户 {info['user']}" if info.get("user") else "", f"计算机 {info['host']}" if info.get("host") else "",
             f"自 {info['since']} 起" if info.get("since") else ""]
    return "，".join(p for p in parts if p) or "另一个程序"


def beside_lock_path(document: Path) -> Path:
    return document.with_name(f".~lock.{document.name}#")


class DocumentLock:
    """Who has a report open for editing, so a second window, user or computer is asked before it opens the file.

    The lock lies beside the document (every user and computer on a shared folder sees it); where that folder
    cannot be written (a read-only share, a CD), in this user's app-data folder, keyed by the path. The file is also
    locked by its file id there, so opening it under another name (a hard link) is caught; a save writes a new file,
    so the window calls refresh() after each save."""

    def __init__(self, path: Path, fallback_dir: Path) -> None:
        self.path = Path(path).resolve()
        self.fallback_dir = Path(fallback_dir)
        self._locks: list[FileLock] = []
        self._by_id: FileLock | None = None
        self.refused: FileLock | None = None

    def _fallback(self) -> FileLock:
        import hashlib  # noqa: PLC0415 - OpenSSL loads only for a folder that cannot be written (startup_vs_floor)

        digest = hashlib.sha1(str(self.path).casefold().encode("utf-8")).hexdigest()[:20]
        return FileLock(self.fallback_dir / f"{digest}.lock")

    def _id_lock(self) -> FileLock | None:
        try:
            st = os.stat(self.path)
        except OSError:
            return None
        return FileLock(self.fallback_dir / f"file-{st.st_dev}-{st.st_ino}.lock") if st.st_ino else None

    def _take(self, lock: FileLock, hidden: bool = False) -> bool | None:
        """True taken, False held by someone else, None: cannot be created here."""
        try:
            if not hidden:
                self.fallback_dir.mkdir(parents=True, exist_ok=True)
            return lock.acquire(hidden=hidden)
        except OSError:
            return None

    def acquire(self) -> bool:
        """True when this window may edit the file unasked (nobody else has it open)."""
        self.release()
        beside = FileLock(beside_lock_path(self.path))
        taken = self._take(beside, hidden=True)
        if taken is None:  # the folder cannot be written: lock in app data instead
            beside = self._fallback()
            taken = self._take(beside)
        if taken is False:
            self.refused = beside
            return False
        if taken:
            self._locks.append(beside)
        if not self.refresh():
            self.release()
            return False
        return True

    def refresh(self) -> bool:
        """Lock the file's current id (after a save the file is a new one). False: held under another name."""
        if self._by_id is not None:
            self._by_id.release()
            self._by_id = None
        lock = self._id_lock()
        if lock is None:
            return True
        taken = self._take(lock)
        if taken is False:
            self.refused = lock
            return False
        self._by_id = lock if taken else None
        return True

    def owner(self) -> str:
        return describe_holder(self.refused.holder() if self.refused is not None else None)

    def release(self) -> None:
        for lock in [*self._locks, *([self._by_id] if self._by_id else [])]:
            lock.release()
        self._locks, self._by_id = [], None

    @property
    def held(self) -> bool:
        return bool(self._locks)
