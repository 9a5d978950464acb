"""The questions return plain values a window can act on, whichever button the user presses."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox

from ui.shared import dialogs
from ui.window.application import setup_application


def press(monkeypatch, label: str) -> list[QMessageBox]:
    """Answer the next message boxes by clicking the button with this label."""
    shown: list[QMessageBox] = []

    def exec_(box: QMessageBox) -> int:
        shown.append(box)
        button = next(b for b in box.buttons() if b.text() == label)
        button.click()
        return box.standardButton(button).value if box.standardButton(button) else 0

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    return shown


@pytest.mark.parametrize(("label", "choice"), [("保存", "save"), ("不保存", "discard"), ("取消", "cancel")])
def test_save_changes(monkeypatch, label, choice):
    setup_application()
    shown = press(monkeypatch, label)
    assert dialogs.ask_save_changes(None, "a.zwgk") == choice
    assert "a.zwgk" in shown[0].text()


@pytest.mark.parametrize(("label", "choice"), [("恢复", "recover"), ("丢弃", "discard"), ("以后再说", "later")])
def test_recover(monkeypatch, label, choice):
    setup_application()
    shown = press(monkeypatch, label)
    assert dialogs.ask_recover(None, "某镇2021年报", "2026-01-10 09:00:00", None) == choice
    assert "还没有保存过文件" in shown[0].informativeText()


def test_exception_dialog_copies_the_details_and_stays_until_closed(monkeypatch):
    setup_application()
    clicks = iter(["复制错误信息", "已复制", "关闭"])
    shown = []

    def exec_(box):
        shown.append(box)
        label = next(clicks)
        next(b for b in box.buttons() if b.text() == label).click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    dialogs.show_exception(None, "ValueError: 坏了", "Traceback …")
    assert len(shown) == 3
    assert QGuiApplication.clipboard().text() == "ValueError: 坏了\n\nTraceback …"


@pytest.mark.parametrize(("typed", "written"), [("年报", "年报.zwgk"), ("年报.ZWGK", "年报.ZWGK"),
                                                ("年报.docx", "年报.docx.zwgk"), ("", None)])
def test_save_as_adds_the_suffix_a_clerk_leaves_off(monkeypatch, tmp_path, typed, written):
    shown = []

    def dialog(parent, title, suggested, file_filter):
        shown.append((title, file_filter))
        return (str(tmp_path / typed) if typed else "", file_filter)

    monkeypatch.setattr(QFileDialog, "getSaveFileName", dialog)
    path = dialogs.ask_save_path(None, tmp_path / "某镇.zwgk")
    assert path == (tmp_path / written if written else None)
    assert shown == [("另存为", "政务公开年报项目文件 (*.zwgk)")]
