"""A crash always comes back, however the program is restarted; two writers on one file are always noticed.

Recovery copies are claimed by a lock the operating system drops when their process dies, so neither a reboot nor
a reused process id hides a copy; the restore never asks about the lock of its own window. Each window remembers the
version of its file and checks it before saving; a lock beside the file reaches other users and computers."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from app import storage
from app.storage.lockfile import beside_lock_path
from tests.app.storage.faults import FaultySystem, install, refused
from tests.ui.window_helpers import killed_run, make_window, open_sample_window, sample_copy, show
from ui.shared import dialogs
from ui.window import application
from ui.window.autosave import RecoveryStore, boot_time

ROOT = Path(__file__).resolve().parents[3]


def never_asked_about_a_lock(monkeypatch) -> None:
    monkeypatch.setattr(dialogs, "ask_open_locked",
                        lambda parent, path, owner: pytest.fail(f"asked about the lock ({owner})"))


def recover_always(monkeypatch) -> list:
    offered = []
    monkeypatch.setattr(dialogs, "ask_recover", lambda parent, title, saved_at, original: offered.append(original)
                        or "recover")
    return offered


def test_restarting_by_double_clicking_the_report_brings_the_edits_back(qtbot, tmp_path, monkeypatch):
    """The restore asked about the lock of its own first window (the one the double-click opened), and the default
    answer abandoned the recovery: lost 3 times out of 3."""
    document = sample_copy(tmp_path)
    killed_run(tmp_path, document)
    never_asked_about_a_lock(monkeypatch)
    offered = recover_always(monkeypatch)
    w = make_window(qtbot, tmp_path, monkeypatch)
    assert w.open_file(document)  # what application.run does with the double-clicked file
    show(qtbot, w)
    application.offer_recovery([w], lambda: pytest.fail("the edits belong in the window that has the file"))
    assert offered == [str(document)]
    assert w.doc.report.values["s3.new.natural"] == 7 and w.doc.report.texts["s5"] == "崩溃前写的字"
    assert w.doc.path == document and w.isWindowModified() and w.lock is not None
    assert w.save() and storage.load(document).values["s3.new.natural"] == 7
    assert RecoveryStore(tmp_path / "recovery").orphans() == []


def test_a_copy_is_offered_although_its_process_id_now_belongs_to_a_running_process(qtbot, tmp_path, monkeypatch):
    """Keyed on the process id alone, a copy whose id was reused (quickly on Windows, by any process after a
    reboot) was never offered."""
    document = sample_copy(tmp_path)
    killed_run(tmp_path, document)
    store = RecoveryStore(tmp_path / "recovery")
    [entry] = store.entries()
    info = json.loads(entry.marker.read_text(encoding="utf-8"))
    info["pid"] = os.getppid()  # a live process that is not this one: the dead run's id, reused
    entry.marker.write_text(json.dumps(info), encoding="utf-8")
    [orphan] = store.orphans()
    assert orphan.pid == os.getppid()


def test_a_copy_of_a_window_still_running_is_not_offered(tmp_path):
    store = RecoveryStore(tmp_path)
    report = storage.load(ROOT / "resources" / "examples" / "jindian-2021.zwgk")
    entry = store.write(store.new_slot(), report, None)
    assert store.orphans() == [] and entry.lock.exists()
    other_run = RecoveryStore(tmp_path)  # what a second copy of the program sees
    holder = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import sys
        sys.path.insert(0, {str(ROOT)!r})
        from pathlib import Path
        from app.storage.lockfile import is_held
        print(is_held(Path({str(entry.lock)!r})), flush=True)
    """)], stdout=subprocess.PIPE, text=True)
    assert holder.communicate(timeout=60)[0].strip() == "True"  # held, as seen from another process
    assert other_run.orphans() == []


def test_a_copy_from_before_lock_files_is_offered_after_a_reboot(tmp_path):
    store = RecoveryStore(tmp_path)
    report = storage.load(ROOT / "resources" / "examples" / "jindian-2021.zwgk")
    slot = store.new_slot()
    entry = store.write(slot, report, None)
    store.release(slot)  # now as an older version left it: a marker naming a process id, no lock file
    assert not entry.lock.exists() and store.orphans() == []  # this very process: a window of ours
    before_boot = boot_time() - 60
    assert before_boot > 0
    os.utime(entry.marker, (before_boot, before_boot))  # written before the computer last started
    assert [e.data for e in store.orphans()] == [entry.data]


def test_lock_and_temp_files_of_windows_that_crashed_are_swept_at_start(tmp_path):
    store = RecoveryStore(tmp_path)
    stale = tmp_path / "123-abcd.lock"
    stale.write_text("{}", encoding="utf-8")
    torn = tmp_path / ".123-abcd.zwgk.0f0f0f0f.tmp"  # a copy being written when the power went
    torn.write_text('{"format": "zw', encoding="utf-8")
    an_hour_ago = time.time() - 3600
    os.utime(torn, (an_hour_ago, an_hour_ago))
    assert store.orphans() == [] and not stale.exists() and not torn.exists()


def test_a_copy_made_after_a_colleague_saved_the_file_is_not_saved_over_their_version(qtbot, tmp_path,
                                                                                      monkeypatch):
    document = sample_copy(tmp_path)
    killed_run(tmp_path, document)
    colleague = storage.load(document)
    colleague.texts["s6"] = "同事在崩溃后保存的内容"
    storage.save(colleague, document)
    recover_always(monkeypatch)
    asked = []
    monkeypatch.setattr(dialogs, "ask_overwrite_changed", lambda parent, message: asked.append(message) or "cancel")
    w = make_window(qtbot, tmp_path, monkeypatch)
    w.set_document(w.new_document())
    application.offer_recovery([w], pytest.fail)
    assert w.doc.report.values["s3.new.natural"] == 7
    assert not w.save()
    assert asked and "此文件在打开后已被修改" in asked[0]
    assert storage.load(document).texts["s6"] == "同事在崩溃后保存的内容"


def test_two_windows_on_one_file_never_overwrite_each_other_silently(qtbot, tmp_path, monkeypatch):
    """After 打开 was answered to the lock question, each save silently overwrote the other's."""
    first = open_sample_window(qtbot, tmp_path, monkeypatch)
    monkeypatch.setattr(dialogs, "ask_open_locked", lambda parent, path, owner: True)
    second = make_window(qtbot, tmp_path, monkeypatch)
    assert second.open_file(first.doc.path)
    first.doc.set_cell("s3.new.natural", 11)
    assert first.save()
    second.doc.set_cell("s3.new.business", 22)
    answers = ["cancel", "overwrite"]
    asked = []
    monkeypatch.setattr(dialogs, "ask_overwrite_changed",
                        lambda parent, message: asked.append(message) or answers.pop(0))
    assert not second.save()  # cancelled: the first window's save stands
    assert storage.load(first.doc.path).values["s3.new.natural"] == 11 and second.isWindowModified()
    assert second.save()  # overwrite, knowingly: the other version is in the .bak
    assert len(asked) == 2 and "可以用“另存为”" in asked[0]
    assert storage.load(first.doc.path).values["s3.new.business"] == 22
    assert storage.load(storage.backup_path(first.doc.path)).values["s3.new.natural"] == 11
    second.doc.set_cell("s3.new.business", 23)
    assert second.save() and len(asked) == 2  # its own last save is the version it holds now


def test_another_user_or_computer_on_a_shared_folder_is_named_in_the_question(qtbot, tmp_path, monkeypatch):
    """The lock lived in each user's app data: two user profiles or two PCs on a shared folder got no warning."""
    document = sample_copy(tmp_path)
    holder = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import sys
        sys.path.insert(0, {str(ROOT)!r})
        from pathlib import Path
        from app.storage.lockfile import DocumentLock
        lock = DocumentLock(Path({str(document)!r}), Path({str(tmp_path / "other-profile")!r}))
        print(lock.acquire(), flush=True)
        sys.stdin.read()
    """)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "True"
        assert beside_lock_path(document).exists()  # beside the file, where every computer sees it
        asked = []
        monkeypatch.setattr(dialogs, "ask_open_locked", lambda parent, path, owner: asked.append(owner) or False)
        w = make_window(qtbot, tmp_path, monkeypatch)
        assert not w.open_file(document)
        assert asked and "计算机" in asked[0] and "用户" in asked[0] and "自 " in asked[0]
    finally:
        holder.communicate("")  # that program closes (or crashes: the system drops its lock either way)
    monkeypatch.setattr(dialogs, "ask_open_locked", lambda *a: pytest.fail("the lock was released"))
    assert w.open_file(document)


def test_a_hard_link_to_an_open_file_is_caught(qtbot, tmp_path, monkeypatch):
    first = open_sample_window(qtbot, tmp_path, monkeypatch)
    other_name = tmp_path / "别处" / "同一份报告.zwgk"
    other_name.parent.mkdir()
    os.link(first.doc.path, other_name)
    asked = []
    monkeypatch.setattr(dialogs, "ask_open_locked", lambda parent, path, owner: asked.append(owner) or False)
    second = make_window(qtbot, tmp_path, monkeypatch)
    assert not second.open_file(other_name)
    assert asked == ["本程序的另一个窗口"]


def test_a_hard_link_is_named_when_opened_and_when_saved(qtbot, tmp_path, monkeypatch):
    w = open_sample_window(qtbot, tmp_path, monkeypatch)
    os.link(w.doc.path, tmp_path / "link.zwgk")
    w.close()
    w = make_window(qtbot, tmp_path, monkeypatch)
    assert w.open_file(tmp_path / "link.zwgk")
    assert "2 个名字（硬链接）" in w.statusBar().currentMessage()
    w.doc.set_cell("s3.new.natural", 3)
    assert w.save() and "其他名字仍是保存前的内容" in w.statusBar().currentMessage()


def test_a_refused_replace_keeps_the_work_beside_the_file_and_says_where(qtbot, tmp_path, monkeypatch):
    w = open_sample_window(qtbot, tmp_path, monkeypatch)
    original = w.doc.path
    before = original.read_bytes()
    told = []
    monkeypatch.setattr(dialogs, "info", lambda parent, message, title="": told.append(message))
    monkeypatch.setattr(time, "sleep", lambda s: None)
    install(monkeypatch, FaultySystem(refused, when=lambda name, where: name == "replace"
                                      and where.endswith("-> " + str(original))))
    w.doc.set_cell("s3.new.natural", 8)
    assert w.save()
    assert original.read_bytes() == before
    assert w.doc.path != original and w.doc.path.parent == original.parent
    assert storage.load(w.doc.path).values["s3.new.natural"] == 8
    assert told and f"新内容已另存为“{w.doc.path.name}”" in told[0] and "窗口现在对应" in told[0]
    assert w.doc.path.name in w.windowTitle() and not w.isWindowModified()
