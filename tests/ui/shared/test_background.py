"""Long imports run off the UI thread: the window keeps working (its recovery copies keep being written) while a
progress dialog with 取消 is up, and 取消 stops the reading at its next check. (A 150 MB sheet on the UI thread froze
the window and stopped autosave.)"""

from __future__ import annotations

from PySide6.QtWidgets import QProgressDialog, QPushButton

import app.imports
from app.imports import ImportFailure
from app.storage.budget import check_budget
from tests.ui.window_helpers import open_sample_window, when_modal
from ui.shared import dialogs
from ui.yearly import actions as yearly_actions


def _endless_import(path, **kwargs):
    """A reading that does not finish on its own for seconds: it checks the budget (cancel, time) as real readers
    do. Were it run on the UI thread (no dialog, no cancel), it would end in the error below and fail the test."""
    n = 0
    for _ in range(300_000):
        n = (n + sum(range(2000))) % 97
        check_budget()
    raise ImportFailure("没有被取消")


def test_a_long_import_keeps_the_window_working_and_can_be_cancelled(qtbot, tmp_path, monkeypatch):
    window = open_sample_window(qtbot, tmp_path, monkeypatch, autosave_ms=20)
    monkeypatch.setattr(app.imports, "import_source", _endless_import)
    page = tmp_path / "大文件.html"
    page.write_text("<p>x</p>", encoding="utf-8")
    monkeypatch.setattr(yearly_actions, "ask_import_path", lambda *a: page)
    errors: list[str] = []
    monkeypatch.setattr(dialogs, "error", lambda parent, message, title="": errors.append(message))
    window.doc.set_cell("s3.new.natural", 4)  # an edit not saved yet: its recovery copy is due
    copies = []
    window.autosaver.saved.connect(copies.append)
    seen: dict[str, object] = {}

    def cancel(dialog: QProgressDialog) -> None:
        seen["label"] = dialog.labelText()
        seen["copies while reading"] = len(copies)
        next(b for b in dialog.findChildren(QPushButton) if b.text() == "取消").click()

    when_modal(QProgressDialog, cancel)
    assert window.named_action("yearly.import").trigger() is None
    assert seen["label"] == "正在读取“大文件.html”…"
    assert seen["copies while reading"] >= 1  # the event loop ran: autosave was not stopped by the reading
    assert errors == []  # cancelled: no error dialog
    assert window.doc.report.values["s3.new.natural"] == 4 and window.doc.path.name == "jindian-2021.zwgk"


def test_an_import_failure_in_the_background_is_the_importers_message(qtbot, tmp_path, monkeypatch):
    window = open_sample_window(qtbot, tmp_path, monkeypatch)

    def failing(path, **kwargs):
        raise ImportFailure("“坏.html”的网页代码已损坏，无法读取。")

    monkeypatch.setattr(app.imports, "import_source", failing)
    monkeypatch.setattr(yearly_actions, "ask_import_path", lambda *a: tmp_path / "坏.html")
    errors: list[str] = []
    monkeypatch.setattr(dialogs, "error", lambda parent, message, title="": errors.append(message))
    window.named_action("yearly.import").trigger()
    assert errors == ["“坏.html”的网页代码已损坏，无法读取。"]
