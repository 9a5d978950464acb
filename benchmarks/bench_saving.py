"""Saving under fire (issue 15): real SIGKILLs at random moments of saves, an injected error at every system call of
a save, and real full disks.

    save_kills             saves killed by SIGKILL at a random moment (ZWGK_KILLS, default 1000)
    save_kill_torn         of those, the report left unreadable or not one of the two versions (target 0)
    save_kill_bak_lost     the .bak missing or not the version before (target 0)
    save_injected_runs     saves with an error injected at one system call (I/O error, disk full, permission)
    save_injected_broken   of those, a torn file, a lost .bak, a success reported for a failed save, or a temp
                           file left (target 0)
    save_full_disk_runs    saves onto a small RAM disk with 0 … 3 times the file's size free (needs mount; -1: not
                           measured here)
    save_full_disk_broken  of those, promises broken (target 0); a failed save says 磁盘已满
"""

from __future__ import annotations

import contextlib
import os
import random
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path

from app import storage
from app.storage import StorageError, atomic
from tests.app.storage.faults import CALLS, FaultySystem, disk_full, io_error, refused
from tests.factories import realistic_report

KILLS = int(os.environ.get("ZWGK_KILLS", 1000))


def _version(n: int) -> bytes:
    report = realistic_report(2023)
    report.set_value("s3.new.natural", n)
    report.texts["s6"] = f"第 {n} 版。" + "说明文字。" * 3000  # about 45 KB: a save takes a few milliseconds
    return storage.dumps(report).encode("utf-8")


def _number(path: Path) -> int | None:
    try:
        return storage.load(path).values["s3.new.natural"]
    except StorageError:
        return None


def _kills(folder: Path) -> tuple[int, int, int]:
    """A child saves versions 1, 2, 3 … for ever; the parent kills it at a random moment and looks at the disk."""
    rnd = random.Random(15)
    versions = [_version(n) for n in range(1, 40)]
    torn = lost = 0
    for k in range(KILLS):
        path = folder / f"k{k % 50}.zwgk"
        for leftover in folder.glob(f".{path.name}.*.tmp"):
            leftover.unlink()
        atomic.write_atomic(path, versions[0], keep_backup=False)
        backup = atomic.backup_path(path)
        backup.unlink(missing_ok=True)
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the saving program
            os.close(read)
            for n in range(2, len(versions) + 1):
                atomic.write_atomic(path, versions[n - 1])
                os.write(write, b"s")
            os._exit(0)
        os.close(write)
        time.sleep(rnd.uniform(0, 0.06))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        saved = 1 + len(os.read(read, 1000))
        os.close(read)
        now = _number(path)
        if now not in (saved, saved + 1):
            torn += 1
        elif _number(backup) not in ((now - 1, now) if now > 1 else (None, 1)):
            lost += 1
    return KILLS, torn, lost


def _injected(folder: Path) -> tuple[int, int]:
    old, older, new = _version(2), _version(1), _version(3)
    runs = broken = 0
    probe = FaultySystem()
    atomic.SYSTEM, real = probe, atomic.SYSTEM
    try:
        path = folder / "probe.zwgk"
        atomic.write_atomic(path, older)
        atomic.write_atomic(path, old)
        probe.count, probe.log = 0, []
        atomic.write_atomic(path, new)
        calls = probe.count
    finally:
        atomic.SYSTEM = real
    for error in (io_error, disk_full, refused):
        for k in range(calls):
            sub = folder / f"i{runs}"
            sub.mkdir()
            path = sub / "r.zwgk"
            atomic.write_atomic(path, older)
            atomic.write_atomic(path, old)
            atomic.SYSTEM = system = FaultySystem(error, at=k)
            ok = False
            try:
                atomic.write_atomic(path, new)
                ok = True
            except StorageError:
                pass
            finally:
                atomic.SYSTEM = real
            runs += 1
            file, bak = path.read_bytes(), atomic.backup_path(path).read_bytes()
            temps = [p for p in sub.iterdir() if p.name.endswith(".tmp")]
            good = (file == new and bak == old) if ok else (file == old and bak in (old, older))
            if not good or (temps and system.failed and system.failed[0] not in ("unlink", "close")):
                broken += 1
            shutil.rmtree(sub)
    return runs, broken


def _full_disks(folder: Path) -> tuple[int, int]:
    mount = folder / "ramdisk"
    mount.mkdir()
    old, older, new = _version(2), _version(1), _version(3)
    size = len(new)
    runs = broken = 0
    for free in range(0, 3 * size + 1, max(1, size // 24)):
        disk = 2 * size + 3 * 4096 + free + 64 * 1024
        if subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={disk}", "tmpfs", str(mount)],
                          capture_output=True).returncode != 0:
            return -1, -1
        try:
            path = mount / "r.zwgk"
            atomic.write_atomic(path, older, keep_backup=False)
            atomic.write_atomic(path, old, keep_backup=False)
            filler = mount / "filler"
            with contextlib.suppress(OSError), filler.open("wb") as fh:
                fh.write(b"\0" * max(0, disk - 2 * size - free))  # the rest of the disk full
            runs += 1
            message = ""
            try:
                atomic.write_atomic(path, new)
                ok = True
            except StorageError as exc:
                ok, message = False, str(exc)
            bak = atomic.backup_path(path)
            temps = [p for p in mount.iterdir() if p.name.endswith(".tmp")]
            if ok:
                good = path.read_bytes() == new and bak.read_bytes() == old
            else:
                good = path.read_bytes() == old and "磁盘已满" in message and (not bak.exists() or bak.read_bytes() == old)
            if not good or temps:
                broken += 1
        finally:
            subprocess.run(["umount", str(mount)], capture_output=True)
    return runs, broken


def run() -> list[tuple[str, float, str]]:
    assert set(CALLS) == set(vars(atomic.SYSTEM))
    with tempfile.TemporaryDirectory(prefix="zwgk-save-") as tmp:
        folder = Path(tmp)
        (folder / "kills").mkdir()
        kills, torn, lost = _kills(folder / "kills")
        (folder / "injected").mkdir()
        runs, broken = _injected(folder / "injected")
        full_runs, full_broken = _full_disks(folder)
    return [("save_kills", kills, "kills"), ("save_kill_torn", torn, "files"), ("save_kill_bak_lost", lost, "files"),
            ("save_injected_runs", runs, "saves"), ("save_injected_broken", broken, "saves"),
            ("save_full_disk_runs", full_runs, "saves"), ("save_full_disk_broken", full_broken, "saves")]
