"""Saving keeps its promises: the file is the old version or the new one, never torn; the .bak holds the replaced
version or the save fails saying so; a refused rename never rewrites the original in place; crashed saves' temp
files go; every failure is a Chinese message with the real cause and advice that fits where it is shown.

Failures are injected at every system call of the save path (tests/app/storage/faults.py), and real SIGKILLs hit a
saving process at every one of those calls."""

from __future__ import annotations

import errno
import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from app.storage import ChangedOnDisk, FileStamp, WriteError, WrittenElsewhere, atomic, write_atomic
from tests.app.storage.faults import FaultySystem, disk_full, install, io_error, refused

ROOT = Path(__file__).resolve().parents[3]
V1, V2, V3 = (f"版本{n}".encode() + bytes([n]) * 30_000 for n in (1, 2, 3))


def temps(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


@pytest.fixture
def saved_twice(tmp_path) -> Path:
    """a.zwgk holds V2, a.zwgk.bak holds V1: the state before the save under test."""
    path = tmp_path / "a.zwgk"
    write_atomic(path, V1)
    write_atomic(path, V2)
    assert path.read_bytes() == V2 and (tmp_path / "a.zwgk.bak").read_bytes() == V1
    return path


def calls_of_a_save(path: Path, monkeypatch) -> list[tuple[str, str]]:
    system = install(monkeypatch, FaultySystem())
    write_atomic(path, V3)
    monkeypatch.setattr(atomic, "SYSTEM", system._real)
    return system.log


def test_the_bak_is_complete_before_the_file_is_touched(saved_twice, monkeypatch):
    log = calls_of_a_save(saved_twice, monkeypatch)
    renames = [(i, where.rpartition(" -> ")[2]) for i, (name, where) in enumerate(log) if name == "replace"]
    assert [Path(target).name for _, target in renames] == ["a.zwgk.bak", "a.zwgk"]
    first_fsync = next(i for i, (name, _) in enumerate(log) if name == "fsync")
    assert first_fsync < renames[0][0]  # the copy is on the disk before it becomes the .bak
    first_write = next(i for i, (name, _) in enumerate(log) if name == "write")
    assert ".a.zwgk." in log[first_write][1] and renames[0][0] < [i for i, (n, _) in enumerate(log) if n == "write"][-1]
    assert saved_twice.read_bytes() == V3 and saved_twice.with_name("a.zwgk.bak").read_bytes() == V2


@pytest.mark.parametrize("error", [io_error, disk_full, refused], ids=["io", "full", "refused"])
def test_an_error_at_every_system_call_keeps_the_file_whole_and_the_bak_promise(tmp_path, monkeypatch, error):
    template = tmp_path / "template"
    template.mkdir()
    n_calls = len(calls_of_a_save(_fresh(template / "a.zwgk"), monkeypatch))
    assert n_calls >= 15
    outcomes = {"failed": 0, "saved": 0}
    for k in range(n_calls):
        folder = tmp_path / f"k{k}"
        folder.mkdir()
        path = _fresh(folder / "a.zwgk")
        system = install(monkeypatch, FaultySystem(error, at=k))
        try:
            write_atomic(path, V3)
        except WriteError as exc:
            outcomes["failed"] += 1
            assert path.read_bytes() == V2, system.failed
            assert path.with_name("a.zwgk.bak").read_bytes() in (V1, V2), system.failed
            assert "原文件没有改动" in str(exc) and "Errno" not in str(exc)
        else:
            outcomes["saved"] += 1
            assert path.read_bytes() == V3, system.failed
            assert path.with_name("a.zwgk.bak").read_bytes() == V2, system.failed  # the .bak promise
        finally:
            monkeypatch.setattr(atomic, "SYSTEM", system._real)
        if system.failed[0] not in ("unlink", "close"):
            assert temps(folder) == [], system.failed
    assert outcomes["failed"] >= 8  # every step that matters reports its failure


def _fresh(path: Path) -> Path:
    write_atomic(path, V1)
    write_atomic(path, V2)
    return path


def test_a_disk_with_room_for_the_file_but_not_the_bak_fails_the_save(saved_twice, monkeypatch):
    """The .bak used to be dropped silently (copied under suppress(OSError)), the save reporting success."""
    install(monkeypatch, FaultySystem(disk_full, when=lambda name, where: name == "write" and "a.zwgk.bak" not in where
                                      and where.endswith(".tmp") and _is_first_temp(where)))
    with pytest.raises(WriteError) as caught:
        write_atomic(saved_twice, V3)
    message = str(caught.value)
    assert "磁盘已满" in message and "备份文件“a.zwgk.bak”" in message and "原文件没有改动" in message
    assert saved_twice.read_bytes() == V2 and saved_twice.with_name("a.zwgk.bak").read_bytes() == V1
    assert temps(saved_twice.parent) == []


_seen_temps: list[str] = []


def _is_first_temp(where: str) -> bool:
    """The first temp file of the save is the .bak's copy (it is written first)."""
    if not _seen_temps or _seen_temps[0] == where:
        _seen_temps[:] = [where]
        return True
    return False


def test_a_refused_rename_keeps_the_new_content_beside_and_never_truncates(saved_twice, monkeypatch):
    """A colleague's read-only file on a share, a file held by WPS on Windows: the fallback rewrote the original in
    place, and a crash there left a 0-byte report."""
    install(monkeypatch, FaultySystem(refused, when=lambda name, where: name == "replace"
                                      and where.endswith("-> " + str(saved_twice))))
    monkeypatch.setattr(atomic.time, "sleep", lambda s: None)  # the retries for a briefly locked file
    with pytest.raises(WrittenElsewhere) as caught:
        write_atomic(saved_twice, V3)
    beside = caught.value.written
    assert beside.parent == saved_twice.parent and beside.suffix == ".zwgk" and "保存" in beside.stem
    assert beside.read_bytes() == V3 and saved_twice.read_bytes() == V2
    assert f"新内容已另存为“{beside.name}”" in str(caught.value) and "原文件没有改动" in str(caught.value)
    assert "窗口现在对应" in caught.value.message_for("window")
    assert "窗口" not in caught.value.message_for("cli")
    assert temps(saved_twice.parent) == []


@pytest.fixture(autouse=True)
def _reset_counters():
    _seen_temps.clear()


def test_temp_files_of_a_crashed_save_go_at_the_next_save(saved_twice):
    folder = saved_twice.parent
    crashed = folder / ".a.zwgk.dead1234.tmp"
    crashed.write_bytes(V1[:1000])
    old = time.time() - 3600
    os.utime(crashed, (old, old))
    recent = folder / ".a.zwgk.busy5678.tmp"  # perhaps another window saving this very moment
    recent.write_bytes(b"x")
    other = folder / ".b.zwgk.dead9999.tmp"  # another file's: not this save's business
    other.write_bytes(b"x")
    os.utime(other, (old, old))
    write_atomic(saved_twice, V3)
    assert temps(folder) == [".a.zwgk.busy5678.tmp", ".b.zwgk.dead9999.tmp"]


@pytest.mark.skipif(os.name != "posix", reason="POSIX record locks")
def test_a_temp_file_another_process_is_still_writing_is_left_alone(saved_twice):
    busy = saved_twice.parent / ".a.zwgk.slow0000.tmp"
    busy.write_bytes(b"x")
    old = time.time() - 3600
    os.utime(busy, (old, old))
    holder = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import fcntl, os, sys
        fd = os.open({str(busy)!r}, os.O_RDWR)
        fcntl.lockf(fd, fcntl.LOCK_EX)
        print("locked", flush=True)
        sys.stdin.read()
    """)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        write_atomic(saved_twice, V3)
        assert busy.exists()
    finally:
        holder.communicate("")
    write_atomic(saved_twice, V3)
    assert not busy.exists()


@pytest.mark.parametrize(("error", "cause", "window", "cli"), [
    (OSError(errno.ENOSPC, "No space left on device"), "磁盘已满", "腾出空间", "腾出磁盘空间"),
    (OSError(errno.EROFS, "Read-only file system"), "只读", "另存为", "换一个保存位置"),
    (PermissionError(errno.EACCES, "Permission denied"), "没有写入权限", "另存为", "换一个保存位置"),
    (OSError(errno.EIO, "Input/output error"), "读写出错", "另存为", "换一个保存位置"),
    (OSError(errno.ENAMETOOLONG, "File name too long"), "过长", "另存为", "换一个保存位置"),
])
def test_every_failure_names_its_real_cause_with_advice_for_where_it_is_shown(saved_twice, monkeypatch, error, cause,
                                                                             window, cli):
    install(monkeypatch, FaultySystem(lambda: error, when=lambda name, where: name == "open" and ".tmp" in where))
    with pytest.raises(WriteError) as caught:
        write_atomic(saved_twice, V3)
    exc = caught.value
    assert cause in str(exc) and error.strerror not in str(exc)
    assert window in exc.message_for("window") and "窗口中的内容不受影响" in exc.message_for("window")
    assert cli in exc.message_for("cli") and "窗口" not in exc.message_for("cli") and "另存为" not in exc.message_for("cli")
    assert saved_twice.read_bytes() == V2


def test_a_full_disk_is_not_reported_as_a_permission_problem(saved_twice, monkeypatch):
    install(monkeypatch, FaultySystem(disk_full, when=lambda name, where: name == "write"))
    with pytest.raises(WriteError, match="磁盘已满") as caught:
        write_atomic(saved_twice, V3)
    assert "权限" not in str(caught.value)


def test_a_windows_sharing_violation_says_another_program_holds_the_file():
    exc = PermissionError(errno.EACCES, "The process cannot access the file")
    exc.winerror = 32
    assert "其他程序占用" in atomic.cause_text(exc)


def test_a_vanished_folder_and_a_folder_in_the_files_place(tmp_path):
    with pytest.raises(WriteError, match="文件夹已不存在"):
        write_atomic(tmp_path / "gone" / "a.zwgk", V1)
    (tmp_path / "d.zwgk").mkdir()
    with pytest.raises(WriteError, match="同名的文件夹"):
        write_atomic(tmp_path / "d.zwgk", V1)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs")
def test_a_fifo_in_the_files_place_is_refused_without_blocking(tmp_path):
    fifo = tmp_path / "p.zwgk"
    os.mkfifo(fifo)
    with pytest.raises(WriteError, match="不是普通文件"):
        write_atomic(fifo, V1)


def test_a_file_changed_on_disk_since_it_was_read_is_not_overwritten(saved_twice):
    seen = FileStamp.of(saved_twice)
    write_atomic(saved_twice, b"another computer's save")
    with pytest.raises(ChangedOnDisk) as caught:
        write_atomic(saved_twice, V3, expect=seen)
    assert "此文件在打开后已被修改" in str(caught.value) and "另存为" in caught.value.message_for("window")
    assert saved_twice.read_bytes() == b"another computer's save"
    now = write_atomic(saved_twice, V3, expect=FileStamp.of(saved_twice))
    assert saved_twice.read_bytes() == V3 and now == FileStamp.of(saved_twice)


def test_saving_through_a_symlink_keeps_the_link(tmp_path):
    real = tmp_path / "real.zwgk"
    real.write_bytes(V1)
    link = tmp_path / "link.zwgk"
    link.symlink_to(real)
    write_atomic(link, V2)
    assert link.is_symlink() and real.read_bytes() == V2 and (tmp_path / "real.zwgk.bak").read_bytes() == V1


# One process imports the program once and forks a child per system call; each child is SIGKILLed right before
# call number k of a save (the power cut at every step), and the parent reports what each left on disk.
KILLED_SAVES = textwrap.dedent("""
    import json, os, signal, sys
    sys.path.insert(0, {root!r})
    from pathlib import Path
    from app.storage import atomic

    def save_killed_at(kill_at, path, data):
        calls = [0]
        real = atomic.SYSTEM

        def wrap(call):
            def run(*args, **kwargs):
                if calls[0] == kill_at:
                    os.kill(os.getpid(), signal.SIGKILL)
                calls[0] += 1
                return call(*args, **kwargs)
            return run

        atomic.SYSTEM = type(real)(**{{name: wrap(getattr(real, name)) for name in vars(real)}})
        atomic.write_atomic(path, data)
        return calls[0]

    folder, new = Path(sys.argv[1]), Path(sys.argv[2]).read_bytes()
    k = 0
    while True:
        path = folder / f"kill{{k}}" / "a.zwgk"
        pid = os.fork()
        if pid == 0:
            n = save_killed_at(k, path, new)
            os._exit(100 if n <= k else 0)  # 100: the save finished before call k, the sweep is complete
        _, status = os.waitpid(pid, 0)
        print(json.dumps({{"k": k, "signal": os.WTERMSIG(status) if os.WIFSIGNALED(status) else 0,
                          "exit": os.WEXITSTATUS(status) if os.WIFEXITED(status) else None}}), flush=True)
        if os.WIFEXITED(status):
            break
        k += 1
""")


@pytest.mark.skipif(not hasattr(os, "fork"), reason="fork")
def test_a_kill_at_every_system_call_of_a_save_leaves_a_whole_file_and_a_whole_bak(tmp_path):
    new = tmp_path / "v3"
    new.write_bytes(V3)
    for k in range(40):
        (tmp_path / f"kill{k}").mkdir()
        _fresh(tmp_path / f"kill{k}" / "a.zwgk")
    run = subprocess.run([sys.executable, "-c", KILLED_SAVES.format(root=str(ROOT)), str(tmp_path), str(new)],
                         capture_output=True, text=True, timeout=120)
    results = [json.loads(line) for line in run.stdout.splitlines()]
    assert results and results[-1]["exit"] == 100, run.stderr  # the last child saved without being killed
    killed = results[:-1]
    assert len(killed) >= 15 and all(r["signal"] == signal.SIGKILL for r in killed)
    for r in killed:
        path = tmp_path / f"kill{r['k']}" / "a.zwgk"
        state = (path.read_bytes(), path.with_name("a.zwgk.bak").read_bytes())
        assert state in ((V2, V1), (V2, V2), (V3, V2)), r
        write_atomic(path, V1)  # the next save works, whatever the crash left
        assert path.read_bytes() == V1 and path.with_name("a.zwgk.bak").read_bytes() == state[0]
        left = [path.parent / name for name in temps(path.parent)]
        for temp in left:  # what the crash left, an hour later
            os.utime(temp, (time.time() - 3600, time.time() - 3600))
        write_atomic(path, V2)
        assert temps(path.parent) == [], r
