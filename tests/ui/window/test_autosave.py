"""Recovery copies: written while there are unsaved edits, offered after a crash, never next to the document."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtWidgets import QApplication

from app import storage
from tests.ui.window_helpers import killed_run, make_window, open_sample_window, sample_copy, show, type_text
from ui.shared import dialogs
from ui.window import application as main
from ui.window.autosave import RecoveryStore, process_alive

ROOT = Path(__file__).resolve().parents[3]

@pytest.fixture
def window(qtbot, tmp_path, monkeypatch):
    return open_sample_window(qtbot, tmp_path, monkeypatch, autosave_ms=20)


def test_edits_are_copied_on_the_timer_into_the_recovery_folder(qtbot, window, tmp_path):
    with qtbot.waitSignal(window.autosaver.saved, timeout=3000) as blocker:
        window.doc.set_cell("s3.new.natural", 5)
    entry = blocker.args[0]
    assert entry.data.parent == tmp_path / "recovery"
    assert entry.data.parent != window.doc.path.parent
    assert storage.load(entry.data).values["s3.new.natural"] == 5
    assert entry.original == str(window.doc.path) and entry.pid == os.getpid()
    assert storage.load(window.doc.path).values["s3.new.natural"] == 0  # the document itself is untouched


def test_a_copy_is_written_when_the_typing_pauses(qtbot, tmp_path, monkeypatch):
    w = open_sample_window(qtbot, tmp_path, monkeypatch, autosave_ms=3_600_000)  # the clock never fires here
    w.autosaver.idle.setInterval(60_000)
    written = []
    w.autosaver.saved.connect(written.append)
    editor = w.show_page("s5").editor
    editor.setFocus()
    for ch in "全年未发生":  # while the keys come, every key puts the copy off again
        type_text(qtbot, editor, ch)
        assert w.autosaver.idle.isActive() and w.autosaver.idle.remainingTime() > 50_000
    assert written == []
    w.autosaver.idle.setInterval(50)  # the pause: a few seconds in the program, 50 ms here
    with qtbot.waitSignal(w.autosaver.saved, timeout=5000) as blocker:
        type_text(qtbot, editor, "。")
    assert storage.load(blocker.args[0].data).texts["s5"].startswith("全年未发生。")  # typed at the start
    assert len(written) == 1


def test_focus_loss_writes_a_copy_at_once(qtbot, tmp_path, monkeypatch):
    w = make_window(qtbot, tmp_path, monkeypatch, autosave_ms=3_600_000)  # the timer never fires in this test
    w.set_document(w.new_document())
    show(qtbot, w)
    w.doc.set_cell("s3.new.natural", 2)
    assert w.autosaver.entry is None
    QApplication.instance().applicationStateChanged.emit(Qt.ApplicationState.ApplicationInactive)
    assert w.autosaver.entry is not None and w.autosaver.entry.data.is_file()


def test_saving_removes_the_copy(qtbot, window):
    with qtbot.waitSignal(window.autosaver.saved, timeout=3000):
        window.doc.set_cell("s3.new.natural", 5)
    data = window.autosaver.entry.data
    assert window.save()
    assert not data.exists() and not list(data.parent.iterdir())


def test_nothing_is_written_without_edits(qtbot, window, tmp_path):
    assert not window.autosaver.save_now()
    assert not (tmp_path / "recovery").exists()


def test_copies_of_running_processes_are_not_orphans(tmp_path):
    store = RecoveryStore(tmp_path)
    report = storage.load(ROOT / "resources" / "examples" / "jindian-2021.zwgk")
    store.write(store.new_slot(), report, None)  # this very process: another window of ours
    assert store.orphans() == []
    assert process_alive(os.getpid()) and not process_alive(0)


def test_recovery_after_a_killed_run_restores_the_edits(qtbot, tmp_path, monkeypatch):
    document = sample_copy(tmp_path)
    killed_run(tmp_path, document)
    store = RecoveryStore(tmp_path / "recovery")
    [orphan] = store.orphans()
    assert not process_alive(orphan.pid)

    offered = []

    def ask(parent, title, saved_at, original):
        offered.append((title, original))
        return "recover"

    monkeypatch.setattr(dialogs, "ask_recover", ask)
    w = make_window(qtbot, tmp_path, monkeypatch)
    w.set_document(w.new_document())
    show(qtbot, w)
    main.offer_recovery([w], lambda: pytest.fail("the blank window should be reused"))
    assert offered == [("金殿镇人民政府2021年政府信息公开工作年度报告", str(document))]
    assert w.doc.report.values["s3.new.natural"] == 7
    assert w.doc.report.texts["s5"] == "崩溃前写的字"
    assert w.page("s5").editor.toPlainText() == "崩溃前写的字"
    assert w.doc.path == document and w.isWindowModified()
    assert w.lock is not None  # the dead process's lock on the document was stale and taken over
    assert not orphan.data.exists()  # replaced by this window's own copy
    assert [e.pid for e in store.entries()] == [os.getpid()]
    assert w.save() and storage.load(document).values["s3.new.natural"] == 7


def test_declined_recovery_keeps_or_discards_as_asked(qtbot, tmp_path, monkeypatch):
    store = RecoveryStore(tmp_path / "recovery")
    report = storage.load(ROOT / "resources" / "examples" / "jindian-2021.zwgk")
    entry = store.write("999999999-dead", report, None)
    store.release("999999999-dead")  # a copy from before lock files, by a process that is gone
    entry.marker.write_text(entry.marker.read_text(encoding="utf-8").replace(str(os.getpid()), "999999999"),
                            encoding="utf-8")
    w = make_window(qtbot, tmp_path, monkeypatch)
    w.set_document(w.new_document())
    monkeypatch.setattr(dialogs, "ask_recover", lambda *a: "later")
    main.offer_recovery([w], pytest.fail)
    assert entry.data.exists()
    monkeypatch.setattr(dialogs, "ask_recover", lambda *a: "discard")
    main.offer_recovery([w], pytest.fail)
    assert not entry.data.exists() and not entry.marker.exists()


def test_default_recovery_folder_is_app_data():
    app_data = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation))
    assert RecoveryStore.default().folder == app_data / "recovery"


def test_unexpected_error_saves_a_copy_and_shows_a_chinese_dialog(qtbot, window, monkeypatch):
    shown = []
    monkeypatch.setattr(dialogs, "show_exception", lambda parent, summary, detail: shown.append((summary, detail)))
    window.doc.set_cell("s3.new.natural", 9)
    try:
        raise ValueError("坏了")
    except ValueError as exc:
        main.excepthook(type(exc), exc, exc.__traceback__)
    assert shown and shown[0][0] == "ValueError: 坏了" and "Traceback" in shown[0][1]
    assert storage.load(window.autosaver.entry.data).values["s3.new.natural"] == 9
