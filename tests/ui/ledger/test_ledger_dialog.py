"""The ledger dialog and the 台账/汇总 menu entries, driven like a person: keys in combo boxes, button clicks;
file dialogs answered by monkeypatch."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import Qt

from app import storage
from app.ledger.count import LedgerMapping, read_ledger
from app.report.formats import load_format
from app.report.model import Report
from tests.ui.window_helpers import menus, open_sample_window, type_text
from ui.ledger import actions as ledger_actions
from ui.ledger import aggregate_dialog
from ui.ledger.dialog import NO_COLUMN, LedgerDialog

F2021 = load_format("gov-2021")
HEAD = "序号,收到日期,申请人,申请人类型,申请内容,答复日期,办理结果,不予公开理由,备注\n"


def write_ledger(path: Path, year: int, *lines: str) -> Path:
    path.write_text(HEAD + "".join(f"{n},{line.format(y=year, p=year - 1)}\n" for n, line in enumerate(lines, 1)),
                    encoding="utf-8-sig")
    return path


@pytest.fixture
def ledger(tmp_path) -> Path:
    return write_ledger(tmp_path / "台账.csv", 2025,
                        "{p}-12-20,张三,个人,内容,{y}-01-10,同意公开,,",
                        "{y}-02-01,王律师,律师,内容,{y}-02-20,予以公开,,",
                        "{y}-03-01,李四,公民,内容,{y}-03-15,不予公开,,涉及国家秘密",
                        "{y}-12-30,赵六,个人,内容,,,,")


def choose(qtbot, combo, text: str) -> None:
    """Pick an item the way a keyboard user does: focus the box and type the start of the item."""
    combo.setFocus()
    type_text(qtbot, combo, text)


def test_dialog_lists_unmatched_words_and_enables_generate_when_all_assigned(qtbot, ledger):
    dialog = LedgerDialog(read_ledger(ledger), F2021, 2025)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.generate.isEnabled() and not dialog.all_matched.isVisible()
    assert "另有 2 行要等上面的写法指定后才能计入" in dialog.summary.text()
    assert dialog.words.rowCount() == 2
    assert [dialog.words.item(r, 1).text() for r in range(2)] == ["律师", "不予公开"]
    assert [dialog.words.item(r, 0).text() for r in range(2)] == ["申请人类型", "办理结果"]
    assert dialog.words.item(0, 2).text() == "1 行：第 3 行"
    dialog.grab().save("/tmp/ledger_dialog_unmatched.png")

    choose(qtbot, dialog.word_combo("律师"), "法律")
    qtbot.waitUntil(lambda: dialog.words.rowCount() == 1)
    assert not dialog.generate.isEnabled()
    combo = dialog.word_combo("不予公开")
    combo.setFocus()
    for _ in range(3):  # 予以公开, 部分公开, 不予公开 › 1.属于国家秘密
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: dialog.generate.isEnabled())
    assert not dialog.words.isVisible() and dialog.all_matched.isVisible()
    assert "本年新收 3 件" in dialog.summary.text() and "结转下年度 1 件" in dialog.summary.text()
    dialog.grab().save("/tmp/ledger_dialog_ready.png")
    qtbot.mouseClick(dialog.generate, Qt.MouseButton.LeftButton)
    assert dialog.result() == dialog.DialogCode.Accepted
    assert dialog.count.values["s3.granted.legal"] == 1 and dialog.count.values["s3.deny.1.natural"] == 1
    mapping = dialog.mapping()
    assert mapping.applicant_types == {"律师": "legal"} and mapping.results == {"不予公开": "deny.1"}


def test_choosing_a_column_changes_the_count(qtbot, ledger):
    dialog = LedgerDialog(read_ledger(ledger), F2021, 2025)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.column_samples["received"].text() == "如：2024-12-20、2025-02-01、2025-03-01"
    assert dialog.column_samples["reason"].text() == ""
    choose(qtbot, dialog.column_boxes["reason"], "第 9")  # the 备注 column names the reason
    qtbot.waitUntil(lambda: dialog.words.rowCount() == 1)
    assert dialog.words.item(0, 1).text() == "律师"
    assert dialog.column_samples["reason"].text() == "如：涉及国家秘密"


def test_missing_required_column_is_named(qtbot, ledger):
    dialog = LedgerDialog(read_ledger(ledger), F2021, 2025)
    qtbot.addWidget(dialog)
    dialog.show()
    combo = dialog.column_boxes["received"]
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Home)
    assert combo.currentText() == NO_COLUMN
    assert "收到日期" in dialog.problems.text() and not dialog.generate.isEnabled()


def test_problem_lines_block_generate(qtbot, tmp_path):
    path = write_ledger(tmp_path / "坏.csv", 2025, "1月5日,张三,个人,内容,{y}-01-10,同意公开,,")
    with path.open("a", encoding="utf-8") as fh:
        fh.write("合计,,,,,,,,\n")
    dialog = LedgerDialog(read_ledger(path), F2021, 2025)
    qtbot.addWidget(dialog)
    assert "第 2 行" in dialog.problems.text() and not dialog.generate.isEnabled()
    assert "第 3 行是“合计”行" in dialog.summary.text()


# -- in the main window -----------------------------------------------------------------------------------------

@pytest.fixture
def window(qtbot, tmp_path, monkeypatch):
    return open_sample_window(qtbot, tmp_path, monkeypatch)


def test_menus_have_the_entries(window):
    file_texts = [a.text() for a in menus(window)["文件(&F)"].actions()]
    help_texts = [a.text() for a in menus(window)["帮助(&H)"].actions()]
    assert "从台账生成第三部分(&L)…" in file_texts and "汇总(&G)…" in file_texts
    assert file_texts.index("汇总(&G)…") < file_texts.index("导出为Word…")
    assert "保存台账模板…" in help_texts


def test_from_ledger_fills_section_three_as_one_undo_step_and_remembers(qtbot, window, tmp_path, monkeypatch):
    year = window.doc.report.year
    path = write_ledger(tmp_path / "台账.csv", year,
                        "{y}-02-01,王律师,律师,内容,{y}-02-20,予以公开,,",
                        "{y}-03-01,李四,公民,内容,{y}-03-15,信息不存在,,")
    monkeypatch.setattr(ledger_actions, "ask_ledger_path", lambda *a: path)
    seen = []

    def confirm(dialog):
        dialog.show()
        seen.append(dialog.words.rowCount())
        if dialog.words.rowCount():
            choose(qtbot, dialog.word_combo("律师"), "法律")
            qtbot.waitUntil(dialog.generate.isEnabled)
        qtbot.mouseClick(dialog.generate, Qt.MouseButton.LeftButton)
        return dialog.result() == dialog.DialogCode.Accepted

    monkeypatch.setattr(ledger_actions, "confirm", confirm)
    before = dict(window.doc.report.values)
    window.named_action("ledger.from_ledger").trigger()
    values = window.doc.report.values
    assert values["s3.new.legal"] == 1 and values["s3.unable.1.natural"] == 1 and values["s3.new.total"] == 2
    assert window.current_key() == "s3"
    assert "已按台账生成第三部分" in window.statusBar().currentMessage()
    assert window.doc.undo_stack.undoText() == "从台账生成第三部分"
    window.act_undo.trigger()
    assert window.doc.report.values == before
    remembered = LedgerMapping.from_json(window.settings.get(ledger_actions.LEDGER_MAPPING))
    assert remembered.applicant_types == {"律师": "legal"}
    window.named_action("ledger.from_ledger").trigger()  # the next time nothing is asked about 律师
    assert seen == [1, 0]
    assert window.doc.report.values["s3.granted.legal"] == 1


def test_unreadable_ledger_is_explained(window, tmp_path, monkeypatch):
    bad = tmp_path / "台账.xls"
    bad.write_bytes(b"\xd0\xcf")
    errors = []
    monkeypatch.setattr(ledger_actions, "ask_ledger_path", lambda *a: bad)
    monkeypatch.setattr(ledger_actions.dialogs, "error", lambda parent, message, title="": errors.append(message))
    window.named_action("ledger.from_ledger").trigger()
    assert errors and "另存为 .xlsx" in errors[0]


def test_save_template_from_help_menu(window, tmp_path, monkeypatch):
    target = tmp_path / "模板.xlsx"
    monkeypatch.setattr(ledger_actions, "ask_template_path", lambda *a: target)
    window.named_action("ledger.template").trigger()
    assert openpyxl.load_workbook(target).sheetnames == ["台账", "选项", "填写说明"]
    assert "台账模板已保存" in window.statusBar().currentMessage()


def _units(folder: Path) -> None:
    folder.mkdir()
    for name, n in (("甲镇", 2), ("乙镇", 3)):
        r = Report.new(2025, agency=f"{name}人民政府")
        r.set_values([("s3.new.natural", n), ("s3.granted.natural", n)])
        storage.save(r, folder / f"{name}.zwgk")
    (folder / "坏.zwgk").write_text("{", encoding="utf-8")


def test_aggregate_from_file_menu_opens_the_summed_report(qtbot, window, tmp_path, monkeypatch):
    folder, out = tmp_path / "各单位", tmp_path / "汇总表.xlsx"
    _units(folder)
    shown = []
    monkeypatch.setattr(aggregate_dialog, "ask_units_folder", lambda *a: folder)
    monkeypatch.setattr(aggregate_dialog, "ask_summary_path", lambda *a: out)

    def show_result(dialog):
        dialog.show()
        dialog.grab().save("/tmp/aggregate_result.png")
        shown.append(dialog.text.toPlainText())
        return True

    monkeypatch.setattr(aggregate_dialog, "show_result", show_result)
    window.named_action("ledger.aggregate").trigger()
    assert out.exists()
    assert "已汇总 2 个" in shown[0] and "坏.zwgk" in shown[0]
    assert window.doc.report.values["s3.new.natural"] == 5 and window.doc.path is None
    assert window.isWindowModified()  # not saved anywhere yet: closing the window asks


def test_aggregate_can_be_cancelled(window, tmp_path, monkeypatch):
    folder, out = tmp_path / "各单位", tmp_path / "汇总表.xlsx"
    _units(folder)
    monkeypatch.setattr(aggregate_dialog, "ask_units_folder", lambda *a: folder)
    monkeypatch.setattr(aggregate_dialog, "ask_summary_path", lambda *a: out)
    monkeypatch.setattr(aggregate_dialog.QProgressDialog, "wasCanceled", lambda self: True)
    window.named_action("ledger.aggregate").trigger()
    assert not out.exists()
    assert "已取消汇总" in window.statusBar().currentMessage()


def test_remembered_assignment_the_format_cannot_take_is_explained_and_forgotten(qtbot, ledger):
    remembered = LedgerMapping(applicant_types={"律师": "not-a-column"})
    dialog = LedgerDialog(read_ledger(ledger), F2021, 2025, remembered)
    qtbot.addWidget(dialog)
    dialog.show()
    assert "not-a-column" in dialog.problems.text() and not dialog.generate.isEnabled()
    qtbot.mouseClick(dialog.forget, Qt.MouseButton.LeftButton)
    assert dialog.problems.text() == "" and dialog.words.rowCount() == 2


def test_xlsx_serial_dates_are_shown_as_dates(qtbot, tmp_path):
    path = tmp_path / "台账.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["收到日期", "申请人类型", "答复日期", "办理结果"])
    wb.active.append([date(2025, 1, 5), "个人", date(2025, 1, 9), "予以公开"])
    wb.save(path)
    dialog = LedgerDialog(read_ledger(path), F2021, 2025)
    qtbot.addWidget(dialog)
    assert dialog.column_samples["received"].text() == "如：2025-01-05"
    assert dialog.generate.isEnabled()
