"""文件 → 导出字体设置…: a font chosen per part is remembered and used by Word export, PDF, print and preview;
恢复自动 brings back the automatic choice."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialogButtonBox, QFileDialog, QMenu, QPushButton

from app.export.docx import BODY, TITLE
from app.export.fonts import default_fonts
from app.export.specimen import realistic_report
from tests.ui.window_helpers import make_window, menus, when_modal
from ui.export import actions as export_actions
from ui.export import printing
from ui.export.font_dialog import AUTO, FontDialog, chosen_fonts
from ui.shared.document import ReportDocument
from ui.shared.settings import FONT_BODY, FONT_TITLE, Settings


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch):
    w = make_window(qtbot, tmp_path, monkeypatch)
    w.set_document(ReportDocument(realistic_report()))
    return w


def file_menu(window) -> QMenu:
    return menus(window)["文件(&F)"]


def pick(qtbot, combo: QComboBox, family: str) -> None:
    """Open the combo's list and click the font, as a person does."""
    index = combo.findData(family)
    assert index >= 0, family
    combo.showPopup()
    view = combo.view()
    qtbot.waitUntil(view.isVisible)
    item = combo.model().index(index, 0)
    view.scrollTo(item)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(item).center())
    qtbot.waitUntil(lambda: not view.isVisible())
    assert combo.currentData() == family


def button(dialog: FontDialog, text: str) -> QPushButton:
    box = dialog.findChild(QDialogButtonBox)
    return next(b for b in box.buttons() if b.text() == text)


def run_dialog(qtbot, window, steps) -> list[str]:
    """Open 导出字体设置… from the 文件 menu and, once the dialog shows, let `steps(dialog)` work it."""
    seen: list[str] = []

    def drive(dialog: FontDialog) -> None:
        seen.extend(dialog.combos[role].currentText() for role in dialog.combos)
        steps(dialog)

    when_modal(FontDialog, drive)
    entry = next(a for a in file_menu(window).actions() if a.text() == "导出字体设置…")
    entry.trigger()
    return seen


def export_word(window, tmp_path: Path, monkeypatch, name: str) -> docx.document.Document:
    target = tmp_path / name
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: (str(target), ""))
    monkeypatch.setattr(export_actions, "show_success", lambda parent, path: None)
    assert export_actions.export_document(window, window.doc, "docx") == target
    return docx.Document(str(target))


def east_asia(document, style: str) -> str:
    return document.styles[style].element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia"))


def test_a_chosen_body_font_is_remembered_and_used_by_word_then_restore_brings_back_automatic(
        qtbot, window, tmp_path, monkeypatch):
    automatic = default_fonts()

    def choose_kaiti(dialog: FontDialog) -> None:
        pick(qtbot, dialog.combos["body"], "楷体")
        qtbot.mouseClick(button(dialog, "确定"), Qt.MouseButton.LeftButton)

    shown = run_dialog(qtbot, window, choose_kaiti)
    assert shown[1] == f"{AUTO}（{automatic.body}）"  # before: every part on 自动, naming the automatic font
    assert Settings.at(tmp_path / "settings.ini").get(FONT_BODY) == "楷体"  # a fresh read of the ini file
    assert "导出字体已保存" in window.statusBar().currentMessage()
    word = export_word(window, tmp_path, monkeypatch, "chosen.docx")
    assert east_asia(word, BODY) == "楷体"
    assert east_asia(word, TITLE) == automatic.title  # parts left on 自动 keep the automatic font

    def restore(dialog: FontDialog) -> None:
        assert dialog.combos["body"].currentData() == "楷体"  # the dialog shows the remembered choice
        qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
        assert all(combo.currentIndex() == 0 for combo in dialog.combos.values())
        qtbot.mouseClick(button(dialog, "确定"), Qt.MouseButton.LeftButton)

    run_dialog(qtbot, window, restore)
    assert Settings.at(tmp_path / "settings.ini").get(FONT_BODY) == ""
    word = export_word(window, tmp_path, monkeypatch, "automatic.docx")
    assert east_asia(word, BODY) == automatic.body


def test_cancel_changes_nothing(qtbot, window, tmp_path):
    def choose_then_cancel(dialog: FontDialog) -> None:
        pick(qtbot, dialog.combos["title"], "黑体")
        qtbot.mouseClick(button(dialog, "取消"), Qt.MouseButton.LeftButton)

    run_dialog(qtbot, window, choose_then_cancel)
    assert Settings.at(tmp_path / "settings.ini").get(FONT_TITLE) == ""
    assert export_actions.export_fonts(window) == default_fonts()


def test_the_entry_follows_the_export_entries(window):
    texts = [a.text() for a in file_menu(window).actions() if a.isVisible()]
    last_export = max(i for i, text in enumerate(texts) if text.startswith("导出为"))
    assert texts[last_export + 1] == "导出字体设置…"


def test_print_preview_and_pdf_use_the_chosen_fonts(qtbot, window, monkeypatch, tmp_path):
    window.settings.set(FONT_BODY, "仿宋")
    window.settings.set(FONT_TITLE, "黑体")
    used = []
    monkeypatch.setattr(printing, "print_report", lambda parent, report, fonts, draft=False: used.append(fonts) or 0)
    monkeypatch.setattr(printing, "export_pdf", lambda report, out, fonts, draft=False: used.append(fonts) or 0)

    class Preview:
        def __init__(self, report, fonts, parent, draft=False) -> None:
            used.append(fonts)

        def exec(self) -> int:
            return 0

        def deleteLater(self) -> None:  # noqa: N802 - Qt's name
            used.append("deleted")

    monkeypatch.setattr(printing, "PrintPreviewDialog", Preview)
    export_actions.print_document(window, window.doc)
    export_actions.preview_document(window, window.doc)
    export_actions.write_export(window.doc, "pdf", tmp_path / "r.pdf", export_actions.export_fonts(window))
    fonts = [u for u in used if u != "deleted"]
    assert [(f.body, f.title, f.title_bold) for f in fonts] == [("仿宋", "黑体", True)] * 3
    assert used[2] == "deleted"  # the preview dialog is deleted once closed


def test_chosen_fonts_fill_automatic_parts_and_bold_only_a_stand_in_title(tmp_path):
    settings = Settings.at(tmp_path / "s.ini")
    assert chosen_fonts(settings) == chosen_fonts(None) == default_fonts()
    settings.set(FONT_TITLE, "方正小标宋简体")
    fonts = chosen_fonts(settings)
    assert fonts.title == "方正小标宋简体" and not fonts.title_bold  # 小标宋 is heavy enough by itself
    assert fonts.body == default_fonts().body
    settings.set(FONT_TITLE, "宋体")
    assert chosen_fonts(settings).title_bold  # a 宋体 stand-in is set bold to read as a title


def test_a_font_from_another_pc_stays_chosen_and_says_it_is_missing(qtbot, tmp_path):
    settings = Settings.at(tmp_path / "s.ini")
    settings.set(FONT_BODY, "某某仿宋")  # the settings came from a PC with a font this one lacks
    dialog = FontDialog(settings)
    qtbot.addWidget(dialog)
    assert dialog.combos["body"].currentText() == "某某仿宋（本机未安装）"
    dialog.accept()
    assert settings.get(FONT_BODY) == "某某仿宋"

