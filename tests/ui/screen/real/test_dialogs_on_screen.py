"""Every dialog the program shows, its own and Qt's (file, print, message boxes), on the 1366 × 768 screen with a
taskbar: the whole frame and every button within reach, and no text a Chinese clerk cannot read."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QDialog, QPushButton

from app import storage
from app.export import export_report
from app.imports import import_source
from app.ledger.count import read_ledger
from app.rules import Finding
from tests.ui.screen.real.screen_helpers import english_texts, out_of_reach, screenshot
from tests.ui.window_helpers import open_sample_window, when_modal
from ui.editor.draft_dialog import ask_draft
from ui.editor.field_picker import ask_field
from ui.ledger.dialog import LedgerDialog
from ui.shared import dialogs
from ui.shared.screen_fit import FrameFit, framed
from ui.window.main_window import MainWindow
from ui.yearly import actions as yearly
from ui.yearly.import_dialog import import_report_dialog, next_year_dialog

ASK_SAVE_CHANGES = dialogs.ask_save_changes  # the real one: window tests answer it by monkeypatch
LEDGER = ("序号,收到日期,申请人,申请人类型,申请内容,答复日期,办理结果,不予公开理由,备注\n"
          "1,2025-02-01,王律师,律师,内容,2025-02-20,予以公开,,\n"
          "2,2025-03-01,李四,公民,内容,2025-03-15,不予公开,,涉及国家秘密\n")
LINES = [f"第三部分：{n} 个数字已带入" for n in range(40)]  # a long report: the dialog must still fit
FINDING = Finding("X5", "warning", ("s2.fees.amount",), "本年收费金额是上年的 12 倍，请核对单位（万元）")


def run_exec(make: Callable[[MainWindow], QDialog]) -> Callable[[MainWindow], object]:
    def run(window: MainWindow) -> object:
        dialog = make(window)
        try:
            return dialog.exec()
        finally:
            dialog.deleteLater()
    return run


def published(window: MainWindow) -> Path:
    """Last year's report as the office published it (a Word file), to import."""
    path = Path(window.doc.path).with_suffix(".docx")
    export_report(window.doc.report, "docx", path)
    return path


def ledger_dialog(window: MainWindow) -> QDialog:
    path = Path(window.doc.path).parent / "台账.csv"
    path.write_text(LEDGER, encoding="utf-8-sig")
    return LedgerDialog(read_ledger(path), window.doc.format, 2025, parent=window)


DIALOGS: dict[str, Callable[[MainWindow], object]] = {
    "使用说明": lambda w: w.act_manual.trigger(),
    "关于": lambda w: w.act_about.trigger(),
    "打开": lambda w: w.act_open.trigger(),
    "另存为": lambda w: w.act_save_as.trigger(),
    "导出为Word": lambda w: w.named_action("export.docx").trigger(),
    "打印": lambda w: w.named_action("print.print").trigger(),
    "打印预览": lambda w: w.named_action("print.preview").trigger(),
    "导出字体设置": lambda w: w.named_action("export.fonts").trigger(),
    "导入": lambda w: w.named_action("yearly.import").trigger(),
    "从台账生成": lambda w: w.named_action("ledger.from_ledger").trigger(),
    "汇总": lambda w: w.named_action("ledger.aggregate").trigger(),
    "保存台账模板": lambda w: w.named_action("ledger.template").trigger(),
    "保存更改": lambda w: ASK_SAVE_CHANGES(w, "金殿镇2021年报.zwgk"),
    "恢复": lambda w: dialogs.ask_recover(w, "金殿镇人民政府2021年报告", "2022-01-20 10:00:00", None),
    "出错了": lambda w: dialogs.error(w, "“年报.zwgk”不是政务公开年报项目文件：第 3 行不是合法的 JSON。", "无法打开"),
    "程序出错": lambda w: dialogs.show_exception(w, "ValueError: 示例", "Traceback (most recent call last): …"),
    "忽略警告": lambda w: yearly.ask_dismiss_reason(w, FINDING),
    "用当前报告": lambda w: yearly.ask_use_current(w, "金殿镇人民政府2021年报告"),
    "导入结果": run_exec(lambda w: import_report_dialog(*import_source(published(w)), w)),
    "新建下一年度报告": run_exec(lambda w: next_year_dialog(LINES, w)),
    "台账": run_exec(ledger_dialog),
    "一图读懂": lambda w: w.named_action("export.poster").trigger(),
    "生成段落": lambda w: ask_draft(w, w.doc.report),
    "插入表格数字": lambda w: ask_field(w, w.doc.report),
}


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch):
    w = open_sample_window(qtbot, tmp_path, monkeypatch)
    qtbot.waitUntil(lambda: framed(w) and w.frame_fitted)
    return w


def expand_print_options(dialog: QDialog) -> None:
    """The print dialog's 选项 >>: the page ranges, copies and duplex settings a clerk looks for."""
    for button in dialog.findChildren(QPushButton):
        if button.isVisible() and button.text().startswith("选项"):
            button.click()


@pytest.mark.parametrize("name", list(DIALOGS))
def test_every_dialog_fits_the_screen_and_speaks_chinese(qtbot, window, shots, name):
    seen: dict[str, object] = {}

    def inspect(dialog: QDialog) -> None:
        try:  # whatever happens here, the dialog closes: a modal left open would hang the run
            # Framed, active, and fitted again with its real frame (FrameFit, one look every 50 ms).
            fit = dialog.findChild(FrameFit)
            qtbot.waitUntil(lambda: framed(dialog) and dialog.isActiveWindow() and not fit.pending, timeout=10_000)
            expand_print_options(dialog)
            QApplication.processEvents()
            seen.update(kind=type(dialog).__name__, reach=out_of_reach(dialog), english=english_texts(dialog))
            screenshot(shots / f"dialog-{name}.png")
        finally:
            dialog.reject()

    when_modal(QDialog, inspect)
    DIALOGS[name](window)
    assert seen, f"{name}: no dialog came up"
    assert seen["reach"] == [], f"{name} ({seen['kind']}) out of reach: {seen['reach']}"
    assert seen["english"] == [], f"{name} ({seen['kind']}) shows English: {seen['english']}"
    assert storage.load(window.doc.path).agency  # nothing a dialog did harmed the report file
