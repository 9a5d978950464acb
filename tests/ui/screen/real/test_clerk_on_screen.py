"""A clerk's session on a 1366 × 768 screen with a taskbar: the first start fits, Section 三 typed with real key
presses (the X server's, through xdotool) and arrow keys between cells saves exactly, an Excel block pasted from
another program saves exactly, undo shows what it undoes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit

from app import storage
from app.report.block_grid import BlockGrid
from app.report.formats import load_format
from tests.ui.screen.real.screen_helpers import out_of_reach, screenshot
from tests.ui.window_helpers import make_window, type_text, when_modal
from ui.shared.screen_fit import framed
from ui.window.main_window import parts_with_errors

FMT = load_format("gov-2021")
S3 = BlockGrid(FMT.table("s3").blocks[0])
COLUMNS = ("natural", "business", "research", "nonprofit", "legal", "other")
OWNER = Path(__file__).resolve().parent / "clipboard_owner.py"

# A county government's year, the figures as its ledger gives them (row: 自然人, 商业企业, 科研机构, 社会公益组织,
# 法律服务机构, 其他). 一、本年新收 is what makes every column balance (一+二 = 三（七）+四).
RESULTS = {
    "carry_in": [86, 12, 0, 1, 3, 9],
    "granted": [1203, 1045, 18, 7, 31, 1062], "partial": [318, 207, 3, 1, 5, 96],
    "deny.1": [2, 0, 0, 0, 0, 0], "deny.2": [1, 1, 0, 0, 0, 0], "deny.3": [0, 2, 0, 0, 0, 1],
    "deny.4": [27, 36, 0, 0, 1, 4], "deny.5": [14, 3, 0, 0, 0, 2], "deny.6": [41, 12, 1, 0, 0, 5],
    "deny.7": [6, 4, 0, 0, 1, 0], "deny.8": [3, 0, 0, 0, 0, 1],
    "unable.1": [412, 96, 2, 0, 4, 187], "unable.2": [58, 21, 0, 1, 0, 9], "unable.3": [33, 8, 0, 0, 1, 3],
    "reject.1": [1096, 12, 0, 0, 0, 37], "reject.2": [241, 9, 0, 0, 2, 4], "reject.3": [17, 2, 0, 0, 0, 1],
    "reject.4": [1389, 0, 0, 0, 0, 0], "reject.5": [22, 3, 0, 0, 1, 0],
    "other.1": [74, 11, 1, 0, 0, 6], "other.2": [5, 2, 0, 0, 0, 0], "other.3": [19, 7, 0, 1, 0, 2],
    "carry_over": [104, 15, 1, 0, 2, 11],
}
HANDLED = [k for k in RESULTS if k not in ("carry_in", "carry_over")]
NEW = [sum(RESULTS[k][c] for k in HANDLED) + RESULTS["carry_over"][c] - RESULTS["carry_in"][c] for c in range(6)]
FIGURES = {"new": NEW, **RESULTS}
ROW_ORDER = ["new", "carry_in", *HANDLED, "carry_over"]  # the grid's rows, top to bottom (（七）总计 is computed)


def expected_values() -> dict[str, int]:
    return {f"s3.{row}.{col}": FIGURES[row][c] for row in ROW_ORDER for c, col in enumerate(COLUMNS)}


def xdotool(*args: str) -> subprocess.Popen:
    """Key presses through the X server, as a keyboard makes them (they reach whatever window has the focus)."""
    return subprocess.Popen(["xdotool", *args])


def wait_done(qtbot, process: subprocess.Popen, timeout_ms: int = 120_000) -> None:
    qtbot.waitUntil(lambda: process.poll() is not None, timeout=timeout_ms)
    assert process.returncode == 0


def new_report_window(qtbot, tmp_path, monkeypatch, start_page: bool = True):
    """A start of the program (settings in tmp_path, so a second call is the next start): shown, active, framed by
    the window manager and fitted into the screen."""
    window = make_window(qtbot, tmp_path, monkeypatch)
    window.set_document(window.new_document())
    if start_page:
        window.show_start()
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    qtbot.waitUntil(lambda: framed(window) and window.frame_fitted)
    return window


def save_through_the_file_dialog(qtbot, window, path: Path) -> None:
    """Ctrl+S on a new report: the save dialog asks for a name; the clerk types it and presses Enter."""
    def type_name(dialog: QFileDialog) -> None:
        qtbot.waitUntil(lambda: framed(dialog) and dialog.isActiveWindow())  # the dialog is up and has the keys
        name = dialog.findChild(QLineEdit, "fileNameEdit")
        name.setFocus()
        name.selectAll()
        type_text(qtbot, name, str(path))  # the Chinese in the name as an input method delivers it
        qtbot.keyClick(name, Qt.Key.Key_Return)

    when_modal(QFileDialog, type_name)
    wait_done(qtbot, xdotool("key", "ctrl+s"))
    qtbot.waitUntil(lambda: path.is_file() and window.doc.undo_stack.isClean(), timeout=20_000)


def test_the_first_start_fits_and_later_starts_come_back_within_the_screen(qtbot, tmp_path, monkeypatch, shots):
    window = new_report_window(qtbot, tmp_path, monkeypatch)
    screen = window.screen()
    assert screen.availableGeometry().height() < screen.geometry().height()  # the taskbar takes its strip
    assert out_of_reach(window) == []
    assert window.on_start_page()
    screenshot(shots / "01-start-page.png")
    # A size and place saved on a larger screen (a 1920 × 1080 PC, then this laptop): back within this screen.
    window.setGeometry(QRect(300, 200, 1600, 1000))
    window.close()
    again = new_report_window(qtbot, tmp_path, monkeypatch, start_page=False)
    assert out_of_reach(again) == []
    # Maximised when closed: maximised again at the next start.
    again.showMaximized()
    qtbot.waitUntil(again.isMaximized)
    again.close()
    third = new_report_window(qtbot, tmp_path, monkeypatch, start_page=False)
    assert third.isMaximized()
    # A maximised window's outer borders lie past the screen's edge (the window manager's way); what it shows,
    # from the title bar down, is within the area above the taskbar.
    assert third.screen().availableGeometry().contains(third.geometry())


def test_section_three_typed_with_arrow_keys_saves_exactly(qtbot, tmp_path, monkeypatch, shots):
    window = new_report_window(qtbot, tmp_path, monkeypatch)
    qtbot.mouseClick(window.start_page.buttons["新建报告"], Qt.MouseButton.LeftButton)
    type_text(qtbot, QApplication.focusWidget(), "某某县人民政府办公室")
    wait_done(qtbot, xdotool("key", "ctrl+Next", "ctrl+Next", "ctrl+Next"))  # Ctrl+PgDown to 三
    qtbot.waitUntil(lambda: window.current_key() == "s3")
    table = window.page("s3")
    qtbot.waitUntil(lambda: QApplication.focusWidget() is table.view())
    # Row by row: a figure, →, the next figure …; Enter after the row's last one, Home back to 自然人.
    keys: list[str] = []
    for row in ROW_ORDER:
        for c, figure in enumerate(FIGURES[row]):
            keys += [*str(figure), "Right" if c < 5 else "Return"]  # digits are key names too
        keys.append("Home")
    wait_done(qtbot, xdotool("key", "--delay", "8", *keys))
    expected = expected_values()
    qtbot.waitUntil(lambda: window.doc.report.values["s3.carry_over.other"] == expected["s3.carry_over.other"])
    assert {c: window.doc.report.values[c] for c in expected} == expected
    # Every column balances (the figures went where they were typed): no error on 三; the text parts are still empty.
    assert "s3" not in parts_with_errors(window.doc, window.doc.findings)
    wait_done(qtbot, xdotool("key", "ctrl+Home"))  # back to the top of the table to look it over
    qtbot.waitUntil(lambda: table.view().selected_cells() == ["s3.new.natural"])
    screenshot(shots / "02-section-three-typed.png")
    path = tmp_path / "某某县2021年报.zwgk"
    save_through_the_file_dialog(qtbot, window, path)
    saved = storage.load(path)
    assert {c: saved.values[c] for c in expected} == expected
    assert saved.values["s3.total.natural"] == sum(FIGURES[k][0] for k in HANDLED)
    assert saved.agency == "某某县人民政府办公室"
    # Undo from another part shows what it undoes: the last figure, on tab 三, selected.
    wait_done(qtbot, xdotool("key", "ctrl+Prior", "ctrl+z"))
    qtbot.waitUntil(lambda: window.current_key() == "s3")
    assert table.view().selected_cells() == ["s3.carry_over.other"]
    assert window.doc.report.values["s3.carry_over.other"] == 0
    screenshot(shots / "03-undo-shows-the-cell.png")


def test_an_excel_block_pasted_from_another_program_saves_exactly(qtbot, tmp_path, monkeypatch, shots):
    window = new_report_window(qtbot, tmp_path, monkeypatch)
    qtbot.mouseClick(window.start_page.buttons["新建报告"], Qt.MouseButton.LeftButton)
    table = window.show_page("s3")
    assert table.focus_cell("s3.new.natural")
    # The number area of last year's Excel table (D6:J30 of the exported sheet): 25 rows, 总计 column included.
    rows = []
    for r in S3.data_rows:
        cells = [S3.cell_at((r, c)) for c in range(S3.first_value_column, S3.column_count)]
        row_key = cells[0].removeprefix("s3.").rsplit(".", 1)[0]
        figures = FIGURES.get(row_key) or [sum(FIGURES[k][c] for k in HANDLED) for c in range(6)]
        rows.append([str(v) for v in [*figures, sum(figures)]])
    with subprocess.Popen([sys.executable, str(OWNER)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                          text=True) as owner:
        try:
            owner.stdin.write(json.dumps(rows) + "\n")
            owner.stdin.flush()
            assert owner.stdout.readline().strip() == "ready"
            qtbot.waitUntil(lambda: QApplication.clipboard().text().startswith(rows[0][0]))
            wait_done(qtbot, xdotool("key", "ctrl+v"))
            qtbot.waitUntil(lambda: window.doc.report.values["s3.carry_over.other"] == FIGURES["carry_over"][5])
        finally:
            owner.terminate()
    expected = expected_values()
    assert {c: window.doc.report.values[c] for c in expected} == expected
    assert "已粘贴 144 个数值" in window.statusBar().currentMessage()
    assert "不符" not in window.statusBar().currentMessage()  # every pasted total agrees with its parts
    screenshot(shots / "04-excel-block-pasted.png")
    path = tmp_path / "粘贴.zwgk"
    save_through_the_file_dialog(qtbot, window, path)
    saved = storage.load(path)
    assert {c: saved.values[c] for c in expected} == expected
