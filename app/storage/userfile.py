"""Checks on a file the user names, before anything reads it (project files, imports, ledgers, value files).

Only a regular file is read: a FIFO would block the reader for ever and a device (/dev/zero, a disk) would never
end, so both are refused from their stat, which never blocks."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from app.storage.atomic import cause_kind
from app.storage.identity import FileStamp


def _describe_oserror(exc: OSError) -> str:
    kind = cause_kind(exc)
    return {"name": "文件名或路径过长", "denied": "没有读取权限", "busy": "文件被其他程序占用，或没有读取权限",
            "io": "磁盘或网络读写出错", "network": "网络共享文件夹无法访问"}.get(kind, exc.strerror or str(exc))


def checked_size(path: Path, *, what: str, max_bytes: int, error: type[Exception]) -> int:
    """The file's size; raises `error` with a Chinese message when it is missing, a folder, not a regular file,
    unreadable or too big. `what` names the kind of file in the messages (e.g. “台账文件”)."""
    path = Path(path)
    try:
        st = path.stat()
    except FileNotFoundError as exc:
        raise error(f"找不到{what}“{path}”。") from exc
    except (OSError, ValueError) as exc:  # ValueError: a NUL character in the name
        reason = _describe_oserror(exc) if isinstance(exc, OSError) else "文件名中有无效字符"
        raise error(f"无法读取{what}“{path}”：{reason}。") from exc
    if stat.S_ISDIR(st.st_mode):
        raise error(f"“{path}”是文件夹，请选择一个{what}。")
    if not stat.S_ISREG(st.st_mode):
        raise error(f"“{path}”不是普通文件（是设备、管道或套接字），不能作为{what}读取。")
    if st.st_size > max_bytes:
        raise error(f"{what}“{path.name}”过大（{st.st_size // 1024 // 1024} MB，最大 {max_bytes // 1024 // 1024} MB）。")
    return st.st_size


def read_checked(path: Path, *, what: str, max_bytes: int, error: type[Exception]) -> tuple[bytes, FileStamp]:
    """The bytes of a regular file of at most max_bytes, and the stamp of the version read (taken from the open
    file, so a save that lands while reading is noticed at the next save)."""
    path = Path(path)
    checked_size(path, what=what, max_bytes=max_bytes, error=error)
    try:
        # O_NONBLOCK: should the name have become a FIFO since the check, opening it does not wait for a writer
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as fh:
            st = os.fstat(fd)
            if not stat.S_ISREG(st.st_mode):
                raise error(f"“{path}”不是普通文件（是设备、管道或套接字），不能作为{what}读取。")
            data = fh.read(max_bytes + 1)
    except FileNotFoundError as exc:
        raise error(f"找不到{what}“{path}”。") from exc
    except OSError as exc:
        raise error(f"无法读取{what}“{path}”：{_describe_oserror(exc)}。") from exc
    if len(data) > max_bytes:  # it grew while being read
        raise error(f"{what}“{path.name}”过大。")
    return data, FileStamp.from_stat(st)
