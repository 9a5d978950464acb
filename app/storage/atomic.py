"""Atomic file writes: a crash or an error at any moment leaves the old file or the new one, never half of one,
and the promised .bak is either kept or the save fails saying so.

A save, step by step, and what a crash or an error at each step leaves behind:
1. The previous version is copied to NAME.bak (through a temp file and a rename). If that fails, the save stops:
   the file is untouched and the error says why (a disk with room for the new file but not the copy).
2. The new content goes to a temp file beside the file (.NAME.xxxx.tmp), flushed to the disk.
3. The temp file is renamed over the file: atomic on local disks and on SMB/NFS shares.
A refused rename (a colleague's read-only file on a share; on Windows, a file another program holds) never falls
back to rewriting the file in place, where a crash would leave 0 bytes: the new content is kept beside it under
another name (WrittenElsewhere says which). Temp files of a crashed save are removed by the next save of that file.

Every system call goes through SYSTEM, so the fault-injection tests can fail each one in turn.
Used for project files, recovery copies, exports, ledgers and summaries alike.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import stat
import time
from pathlib import Path
from types import SimpleNamespace
from typing import Literal

from app.storage.identity import FileStamp

log = logging.getLogger(__name__)
Place = Literal["window", "cli"]  # where a message is shown: the advice differs
STALE_TEMP_SECONDS = 60  # a temp file older than this, not locked by a running save, was left by a crash
CHUNK = 1 << 20

SYSTEM = SimpleNamespace(open=os.open, write=os.write, read=os.read, fsync=os.fsync, close=os.close,
                         replace=os.replace, rename=os.rename, link=os.link, unlink=os.unlink, stat=os.stat,
                         chmod=os.chmod, listdir=os.listdir)


class StorageError(Exception):
    """A file could not be read or written. The message is Chinese, names the file and what is wrong."""

    def message_for(self, place: Place) -> str:
        """The message with advice that fits where it is shown (a window has “另存为”, a command line has not)."""
        return str(self)


# Why a write failed, in the user's words, from the system's error number.
_CAUSES = {
    "full": "磁盘已满（或超出了磁盘配额）",
    "readonly": "磁盘或文件夹是只读的（如写保护的U盘、光盘或只读共享）",
    "denied": "没有写入权限",
    "busy": "文件被其他程序占用（如 WPS、Word、杀毒软件或同步软件），或没有写入权限",
    "name": "文件名或路径过长",
    "gone": "文件夹已不存在（可能已被移动、删除，或U盘已拔出）",
    "folder": "同名的文件夹已存在",
    "io": "磁盘或网络读写出错（U盘接触不良、网络中断或磁盘故障）",
    "network": "网络共享文件夹无法访问（网络中断或服务器无响应）",
    "special": "这不是普通文件（设备或管道），不能写入",
}
_ERRNO_KINDS = {
    errno.ENOSPC: "full", errno.EDQUOT: "full", errno.EFBIG: "full",
    errno.EROFS: "readonly",
    errno.EACCES: "denied", errno.EPERM: "denied",
    errno.EBUSY: "busy", errno.ETXTBSY: "busy",
    errno.ENAMETOOLONG: "name",
    errno.ENOENT: "gone", errno.ENOTDIR: "gone",
    errno.EISDIR: "folder",
    errno.EIO: "io",
    errno.ETIMEDOUT: "network", errno.EHOSTDOWN: "network", errno.EHOSTUNREACH: "network",
    errno.ENETDOWN: "network", errno.ENETUNREACH: "network", errno.ECONNRESET: "network",
    errno.ESTALE: "network",
}
_WINERROR_KINDS = {32: "busy", 33: "busy", 5: "busy", 19: "readonly", 112: "full", 39: "full", 206: "name",
                   3: "gone", 53: "network", 64: "network", 59: "network", 67: "network"}


def cause_kind(exc: OSError) -> str:
    """'full', 'readonly', 'denied', 'busy', … or 'other', from the system's error numbers."""
    winerror = getattr(exc, "winerror", None)
    if winerror in _WINERROR_KINDS:
        return _WINERROR_KINDS[winerror]
    return _ERRNO_KINDS.get(exc.errno or 0, "other")


def cause_text(exc: OSError) -> str:
    kind = cause_kind(exc)
    if kind in _CAUSES:
        return _CAUSES[kind]
    return f"系统报告错误（{exc.strerror or exc.__class__.__name__}，错误号 {exc.errno}）"


class WriteError(StorageError):
    """Writing failed. str() says what and why; message_for adds what to do where it is shown."""

    def __init__(self, path: Path, cause: str, kind: str = "other", kept: str = "原文件没有改动。") -> None:
        self.path = Path(path)
        self.cause = cause
        self.kind = kind
        super().__init__(f"无法保存“{path}”：{cause}。{kept}")

    def message_for(self, place: Place) -> str:
        return f"{self}{self.advice(place)}"

    def advice(self, place: Place) -> str:
        if place == "window":
            if self.kind == "full":
                return "请删除不需要的文件腾出空间后再保存，或用“另存为”保存到其他磁盘；窗口中的内容不受影响。"
            if self.kind == "busy":
                return "请关闭正在使用该文件的程序后再保存，或用“另存为”保存到其他位置；窗口中的内容不受影响。"
            return "请用“另存为”保存到其他位置；窗口中的内容不受影响。"
        if self.kind == "full":
            return "请腾出磁盘空间，或换一个保存位置后重新运行。"
        if self.kind == "busy":
            return "请关闭正在使用该文件的程序，或换一个保存位置后重新运行。"
        return "请换一个保存位置后重新运行。"


class WrittenElsewhere(WriteError):
    """The file could not be replaced, and the new content was kept beside it under another name (`written`)."""

    def __init__(self, path: Path, written: Path, cause: str, kind: str) -> None:
        self.written = written
        super().__init__(path, cause, kind, kept=f"为免损坏原文件，新内容已另存为“{written.name}”（在同一文件夹），原文件没有改动。")

    def advice(self, place: Place) -> str:
        if place == "window":
            return (f"窗口现在对应“{self.written.name}”。关闭占用原文件的程序后，可以用“另存为”保存回原来的文件名。")
        return ""


class ChangedOnDisk(WriteError):
    """The file changed on disk since it was opened (another window, user or computer saved it)."""

    def __init__(self, path: Path, now: FileStamp | None) -> None:
        when = f"（现在的修改时间 {now.modified}，{now.size} 字节）" if now is not None else "（现已不存在）"
        super().__init__(path, f"此文件在打开后已被修改{when}，可能是另一台电脑、另一个用户或另一个窗口保存过",
                         "changed", kept="为免覆盖别人的修改，没有保存，原文件没有改动。")

    def advice(self, place: Place) -> str:
        if place == "window":
            return "可以用“另存为”保存为另一个文件，再与对方核对。"
        return "请重新打开该文件后再修改。"


# -- the steps ------------------------------------------------------------------------------------------------------

def _process_umask() -> int:
    mask = os.umask(0o022)  # reading the umask means setting it; done once, at import, before any thread starts
    os.umask(mask)
    return mask


_UMASK = _process_umask()


def _new_file_mode(old: os.stat_result | None) -> int:
    """The mode a plain write would give: the replaced file's own, else 0666 less the umask. A private 0600 would
    make a report saved into a shared folder (Kylin/UOS offices) unreadable for colleagues."""
    return stat.S_IMODE(old.st_mode) if old is not None else 0o666 & ~_UMASK


def _lock_fd(fd: int) -> None:
    """Mark a temp file as in use, so that another program's clean-up (_remove_stale_temps) leaves it alone."""
    if os.name == "posix":
        import fcntl  # noqa: PLC0415 - POSIX only

        with contextlib.suppress(OSError):
            fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)


def _unlocked(fd: int) -> bool:
    if os.name != "posix":
        return True  # Windows: a temp file another save has open cannot be deleted anyway
    import fcntl  # noqa: PLC0415

    try:
        fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        # held by a save under way; any other error: this file system cannot lock, and its age alone decides
        return exc.errno not in (errno.EACCES, errno.EAGAIN)
    return True


def temp_prefix(path: Path) -> str:
    return f".{path.name}."


def remove_stale_temps(folder: Path, prefix: str = ".") -> None:
    """Temp files of earlier saves (names starting with `prefix`) that crashed — power cut, killed — and so are
    part of no version. Called by every save for its own file, and at start for the recovery folder."""
    try:
        names = [n for n in SYSTEM.listdir(folder) if n.startswith(prefix) and n.endswith(".tmp")]
    except OSError:
        return
    now = time.time()
    for name in names:
        temp = folder / name
        try:
            if now - SYSTEM.stat(temp).st_mtime < STALE_TEMP_SECONDS:
                continue  # perhaps another window saving this very moment
            fd = SYSTEM.open(temp, os.O_RDWR | getattr(os, "O_BINARY", 0))
            try:
                if _unlocked(fd):
                    SYSTEM.unlink(temp)
                    log.info("removed %s, left by a save that did not finish", temp)
            finally:
                SYSTEM.close(fd)
        except OSError:
            continue


def _create_temp(folder: Path, prefix: str) -> tuple[int, Path]:
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOINHERIT", 0)
    for _ in range(100):
        temp = folder / f"{prefix}{os.urandom(4).hex()}.tmp"
        try:
            fd = SYSTEM.open(temp, flags, 0o600)
        except FileExistsError:
            continue
        _lock_fd(fd)
        return fd, temp
    raise FileExistsError(errno.EEXIST, "no free temp file name", str(folder))


def _write_all(fd: int, data: bytes | memoryview) -> None:
    view = memoryview(data)
    while view:
        written = SYSTEM.write(fd, view[:CHUNK])
        if written <= 0:  # pragma: no cover - os.write raises rather than write nothing
            raise OSError(errno.EIO, "short write")
        view = view[written:]


def _fill_temp(folder: Path, prefix: str, chunks, mode: int) -> Path:
    """A flushed temp file in `folder` holding the chunks; removed again on any failure."""
    fd, temp = _create_temp(folder, prefix)
    try:
        try:
            for chunk in chunks:
                _write_all(fd, chunk)
            SYSTEM.fsync(fd)
        finally:
            SYSTEM.close(fd)
        if os.name == "posix":  # Windows has only a read-only flag; some network shares refuse modes
            with contextlib.suppress(OSError):
                SYSTEM.chmod(temp, mode)
    except BaseException:
        with contextlib.suppress(OSError):
            SYSTEM.unlink(temp)
        raise
    return temp


def _read_chunks(path: Path):
    fd = SYSTEM.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    try:
        while chunk := SYSTEM.read(fd, CHUNK):
            yield chunk
    finally:
        SYSTEM.close(fd)


def _replace(src: Path, dst: Path) -> None:
    # Antivirus and document-encryption drivers on office PCs briefly lock files: retry before giving up.
    for attempt in range(5):
        try:
            SYSTEM.replace(src, dst)
            return
        except PermissionError:
            if attempt == 4:
                raise
            time.sleep(0.1 * (attempt + 1))


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = SYSTEM.open(folder, os.O_RDONLY)
        try:
            SYSTEM.fsync(fd)
        finally:
            SYSTEM.close(fd)


def backup_path(path: Path) -> Path:
    return path.with_name(path.name + ".bak")


def _keep_backup(path: Path, mode: int) -> None:
    """Step 1: the previous version to NAME.bak, whole, before anything else is written."""
    bak = backup_path(path)
    chunks = _read_chunks(path)
    try:
        temp = _fill_temp(path.parent, temp_prefix(path), chunks, mode)
    finally:
        chunks.close()  # the original's descriptor, at once, even when the copy failed half-way
    try:
        _replace(temp, bak)
    except BaseException:
        with contextlib.suppress(OSError):
            SYSTEM.unlink(temp)
        raise


def elsewhere_name(path: Path, when: float | None = None) -> Path:
    """Where the content goes when the file cannot be replaced: “报告（3月5日10时30分保存）.zwgk”, numbered if taken."""
    stamp = time.strftime("%m月%d日%H时%M分", time.localtime(when)).lstrip("0")
    for n in range(1, 100):
        extra = f"-{n}" if n > 1 else ""
        candidate = path.with_name(f"{path.stem}（{stamp}保存{extra}）{path.suffix}")
        if not candidate.exists():
            return candidate
    raise FileExistsError(errno.EEXIST, "no free name", str(path))


def _put_beside(temp: Path, path: Path, refused: OSError) -> None:
    """Step 3 refused: keep the new content under another name (never rewrite the original in place)."""
    target = elsewhere_name(path)
    try:
        SYSTEM.rename(temp, target)  # Windows: refuses an existing name; POSIX: the name was just found free
    except OSError:
        with contextlib.suppress(OSError):
            SYSTEM.unlink(temp)
        raise refused from None
    _fsync_dir(path.parent)
    raise WrittenElsewhere(path, target, cause_text(refused), cause_kind(refused)) from refused


def _check_target(path: Path, expect: FileStamp | None) -> os.stat_result | None:
    folder = path.parent
    try:
        folder_stat = SYSTEM.stat(folder)
    except OSError as exc:
        raise WriteError(path, _CAUSES["gone"] if cause_kind(exc) in ("gone", "other") else cause_text(exc),
                         "gone") from exc
    if not stat.S_ISDIR(folder_stat.st_mode):
        raise WriteError(path, _CAUSES["gone"], "gone")
    try:
        old = SYSTEM.stat(path)
    except FileNotFoundError:
        old = None
    except OSError as exc:
        raise WriteError(path, cause_text(exc), cause_kind(exc)) from exc
    if old is not None and stat.S_ISDIR(old.st_mode):
        raise WriteError(path, _CAUSES["folder"], "folder")
    if old is not None and not stat.S_ISREG(old.st_mode):
        raise WriteError(path, _CAUSES["special"], "special")
    if expect is not None:
        now = FileStamp.from_stat(old) if old is not None else None
        if now is None or not expect.same_version(now):
            raise ChangedOnDisk(path, now)
    return old


def write_atomic(path: Path, data: bytes, keep_backup: bool = True, expect: FileStamp | None = None) -> FileStamp:
    """Write data so that a crash at any moment leaves either the old file or the new one, never half of one.

    keep_backup: the replaced version is kept as NAME.bak, or the save fails (nothing changed).
    expect: the version of the file this content was based on; if the file on disk is another version now (saved
    elsewhere meanwhile), ChangedOnDisk is raised and nothing is written.
    Returns the stamp of the written file. Raises WriteError (Chinese, with the cause) on any failure."""
    path = Path(path)
    if "\x00" in str(path):  # every system call would raise ValueError on it
        raise WriteError(path, "文件名中有无效字符", "name")
    if path.is_symlink():  # save through the link, as editors do, instead of replacing it with a plain file
        path = Path(os.path.realpath(path))
    old = _check_target(path, expect)
    remove_stale_temps(path.parent, temp_prefix(path))
    mode = _new_file_mode(old)
    if keep_backup and old is not None:
        try:
            _keep_backup(path, mode)
        except OSError as exc:
            raise WriteError(path, f"无法写入备份文件“{backup_path(path).name}”：{cause_text(exc)}", cause_kind(exc),
                             kept="为保留上一版本，没有保存，原文件没有改动。") from exc
    try:
        temp = _fill_temp(path.parent, temp_prefix(path), [data], mode)
    except OSError as exc:
        raise WriteError(path, cause_text(exc), cause_kind(exc)) from exc
    try:
        if expect is not None:
            _check_target(path, expect)  # once more, just before the rename: another save may have finished
        try:
            _replace(temp, path)
        except PermissionError as exc:
            log.warning("rename onto %s refused: %s", path, exc)
            _put_beside(temp, path, exc)
    except OSError as exc:
        with contextlib.suppress(OSError):
            SYSTEM.unlink(temp)
        raise WriteError(path, cause_text(exc), cause_kind(exc)) from exc
    except StorageError:
        with contextlib.suppress(OSError):
            SYSTEM.unlink(temp)
        raise
    _fsync_dir(path.parent)
    try:
        return FileStamp.from_stat(SYSTEM.stat(path))
    except OSError:  # written, but not readable back this instant (a share's hiccup): no stamp to compare later
        return FileStamp.unknown()
