"""Locks the operating system releases with their process: held against this process's other windows and against
other processes, free again the moment the holder is killed, readable for who holds them, and never a false
holder on a file system that cannot lock."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from app.storage import lockfile
from app.storage.lockfile import DocumentLock, FileLock, beside_lock_path, is_held

ROOT = Path(__file__).resolve().parents[3]


def _holder(path: Path) -> subprocess.Popen:
    """Another program holding the lock on `path` until it is killed."""
    proc = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import sys, time
        sys.path.insert(0, {str(ROOT)!r})
        from pathlib import Path
        from app.storage.lockfile import FileLock
        assert FileLock(Path({str(path)!r})).acquire({{"user": "张三", "host": "PC-02", "since": "2025-03-05 10:30"}})
        print("held", flush=True)
        sys.stdin.read()
    """)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "held"
    return proc


def test_a_lock_is_held_against_this_process_and_released_when_its_holder_is_killed(tmp_path):
    path = tmp_path / "a.lock"
    mine = FileLock(path)
    assert mine.acquire() and not FileLock(path).acquire() and is_held(path)
    mine.release()
    assert not path.exists() and not is_held(path)
    holder = _holder(path)
    try:
        assert not FileLock(path).acquire() and is_held(path)
        assert lockfile.describe_holder(FileLock(path).holder()) == "用户 张三，计算机 PC-02，自 2025-03-05 10:30 起"
    finally:
        holder.send_signal(signal.SIGKILL)  # a crash: nothing of it cleans up
        holder.communicate()
    assert path.exists()  # the file stays, the lock does not
    assert FileLock(path).acquire()


def test_a_document_lock_lies_beside_the_file_and_in_app_data_where_the_folder_is_read_only(tmp_path, monkeypatch):
    doc = tmp_path / "报告.zwgk"
    doc.write_text("{}", encoding="utf-8")
    lock = DocumentLock(doc, tmp_path / "app-data")
    assert lock.acquire() and beside_lock_path(doc).exists()
    lock.release()
    assert not beside_lock_path(doc).exists()
    real_open = os.open

    def read_only_folder(path, flags, *args):
        if Path(path).parent == tmp_path and flags & os.O_CREAT:
            raise PermissionError(errno.EROFS, "Read-only file system")
        return real_open(path, flags, *args)

    monkeypatch.setattr(lockfile.os, "open", read_only_folder)
    first, second = DocumentLock(doc, tmp_path / "app-data"), DocumentLock(doc, tmp_path / "app-data")
    assert first.acquire() and not beside_lock_path(doc).exists()
    assert not second.acquire() and second.owner() == "本程序的另一个窗口"


def test_a_file_system_that_cannot_lock_gives_no_false_holder(tmp_path, monkeypatch):
    """Some NAS shares are mounted without locking: lockf fails with ENOLCK. That is not “someone has it open”."""
    import fcntl

    def no_locks(*args, **kwargs):
        raise OSError(errno.ENOLCK, "No locks available")

    monkeypatch.setattr(fcntl, "lockf", no_locks)
    doc = tmp_path / "报告.zwgk"
    doc.write_text("{}", encoding="utf-8")
    assert DocumentLock(doc, tmp_path / "app-data").acquire()
    assert DocumentLock(doc, tmp_path / "app-data").acquire()  # unlocked, but never a false question
    assert not is_held(beside_lock_path(doc))


@pytest.mark.skipif(not hasattr(os, "link"), reason="hard links")
def test_the_same_file_under_another_name_is_caught_until_a_save_separates_them(tmp_path):
    doc = tmp_path / "报告.zwgk"
    doc.write_text("{}", encoding="utf-8")
    (tmp_path / "other").mkdir()
    other = tmp_path / "other" / "同一份.zwgk"
    os.link(doc, other)
    first = DocumentLock(doc, tmp_path / "app-data")
    assert first.acquire()
    second = DocumentLock(other, tmp_path / "app-data")
    assert not second.acquire() and second.owner() == "本程序的另一个窗口"
    from app.storage import write_atomic

    write_atomic(doc, b"{}")  # a save writes a new file: the two names are two files now
    first.refresh()
    assert second.acquire()
