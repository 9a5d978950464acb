"""Atomic file writes: a crash at any moment leaves either the old file or the new one, never half of one.

Used for project files, exports, ledgers and summaries alike.
"""

from __future__ import annotations

import contextlib
import logging
import os
import stat
import tempfile
import time
from pathlib import Path

log = logging.getLogger(__name__)


class StorageError(Exception):
    """A file could not be read or written. The message is Chinese, names the file and what is wrong."""


def _replace(src: str, dst: Path) -> None:
    # Antivirus and document-encryption drivers on office PCs briefly lock files: retry before giving up.
    for attempt in range(5):
        try:
            os.replace(src, dst)
            return
        except PermissionError:
            if attempt == 4:
                raise
            time.sleep(0.1 * (attempt + 1))


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _process_umask() -> int:
    mask = os.umask(0o022)  # reading the umask means setting it; done once, at import, before any thread starts
    os.umask(mask)
    return mask


_UMASK = _process_umask()


def _new_file_mode(path: Path) -> int:
    """The mode a plain write would give: the replaced file's own, else 0666 less the umask. mkstemp's 0600 would
    make a report saved into a shared folder (Kylin/UOS offices) unreadable for colleagues."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        return 0o666 & ~_UMASK


def write_atomic(path: Path, data: bytes, keep_backup: bool = True) -> None:
    """Write data so that a crash at any moment leaves either the old file or the new one, never half of one."""
    path = Path(path)
    folder = path.parent
    if not folder.is_dir():
        raise StorageError(f"无法保存“{path}”：文件夹“{folder}”不存在（可能已被移动、删除或是拔出的U盘）。"
                           "请用“另存为”选择其他位置，窗口中的内容不受影响。")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise StorageError(f"无法保存“{path}”：没有在文件夹“{folder}”中写入的权限（{exc.strerror}）。"
                           "请用“另存为”选择其他位置，窗口中的内容不受影响。") from exc
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        mode = _new_file_mode(path)
        if os.name == "posix":  # Windows has only a read-only flag; some network shares refuse modes
            with contextlib.suppress(OSError):
                os.chmod(tmp, mode)
        if keep_backup and path.exists():
            bak = path.with_name(path.name + ".bak")
            with contextlib.suppress(OSError):
                bfd, btmp = tempfile.mkstemp(prefix=f".{bak.name}.", suffix=".tmp", dir=folder)
                with os.fdopen(bfd, "wb") as bh:
                    bh.write(path.read_bytes())
                if os.name == "posix":
                    os.chmod(btmp, mode)
                _replace(btmp, bak)
        try:
            _replace(tmp, path)
        except PermissionError:
            log.warning("rename onto %s refused; falling back to a direct write", path)
            path.write_bytes(data)
            os.unlink(tmp)
        _fsync_dir(folder)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise StorageError(f"无法保存“{path}”：{exc.strerror or exc}。窗口中的内容不受影响。") from exc
