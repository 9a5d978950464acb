"""Start-up: run() opens the given files (or a new report), Qt speaks Chinese, the about box names the version."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFontInfo
from PySide6.QtWidgets import QApplication, QMessageBox

import app
from tests.ui.window_helpers import SAMPLE, make_window, open_sample_window, sample_copy
from ui.shared import dialogs, settings, startup
from ui.window import application as main
from ui.window import autosave
from ui.window.main_window import MainWindow


def run_without_event_loop(monkeypatch, tmp_path, paths: list[str]) -> list[MainWindow]:
    qapp = main.setup_application()
    monkeypatch.setattr(qapp, "exec", lambda: 0)
    real = settings.Settings
    monkeypatch.setattr(settings, "Settings", lambda: real.at(tmp_path / "settings.ini"))
    monkeypatch.setattr(autosave.RecoveryStore, "default", classmethod(lambda cls: cls(tmp_path / "recovery")))
    monkeypatch.setattr(dialogs, "ask_save_changes", lambda *a: "discard")
    assert main.run(paths) == 0
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]


def close_all(windows: list[MainWindow]) -> None:
    for w in windows:
        w.close()
        w.deleteLater()


def test_run_opens_the_given_file(qtbot, tmp_path, monkeypatch):
    path = sample_copy(tmp_path)
    windows = run_without_event_loop(monkeypatch, tmp_path, [str(path)])
    try:
        assert len(windows) == 1 and windows[0].doc.path == path
        assert windows[0].windowTitle() == f"{path.name}[*]"
    finally:
        close_all(windows)


def test_run_with_an_unreadable_file_says_so_and_starts_a_new_report(qtbot, tmp_path, monkeypatch):
    errors = []
    monkeypatch.setattr(dialogs, "error", lambda parent, message, title="": errors.append(message))
    bad = tmp_path / "坏.zwgk"
    bad.write_text("{不是 JSON", encoding="utf-8")
    windows = run_without_event_loop(monkeypatch, tmp_path, [str(bad)])
    try:
        assert errors and "坏.zwgk" in errors[0]
        assert len(windows) == 1 and windows[0].doc.path is None
    finally:
        close_all(windows)


def test_qt_speaks_chinese_and_uses_a_simplified_chinese_font():
    qapp = main.setup_application()
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"
    assert QFontInfo(qapp.font()).family() in main.UI_FONTS["linux"]


def test_the_program_icon_offers_every_shipped_size():
    main.setup_application()
    sizes = {(s.width(), s.height()) for s in main.app_icon().availableSizes()}
    shipped = {int(p.stem.rpartition("-")[2]) for p in main.ICONS_DIR.glob("zwgk-*.png")}
    assert shipped and sizes == {(n, n) for n in shipped}


def test_about_names_the_program_version_and_shows_the_icon(qtbot, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box) or 0)
    w = make_window(qtbot, tmp_path, monkeypatch)
    w.set_document(w.new_document())
    w.act_about.trigger()
    box = shown[0]
    assert app.APP_NAME in box.text() and app.__version__ in box.text()
    assert not box.iconPixmap().isNull()
    w.act_manual.trigger()
    assert "回车" in shown[1].text()


def test_window_geometry_is_remembered(qtbot, tmp_path, monkeypatch):
    w = open_sample_window(qtbot, tmp_path, monkeypatch)
    w.resize(900, 580)  # the offscreen screen is 800 × 600: a size that fits it comes back unchanged
    w.close()
    again = make_window(qtbot, tmp_path, monkeypatch)
    assert (again.width(), again.height()) == (900, 580)
    assert again.settings.recent_files()[0].endswith(SAMPLE.name)


STARTUP_PROBE = """
import gc, json, sys
sys.path.insert(0, {root!r})
from ui.window.application import setup_application
app = setup_application()
from ui.shared import startup
from ui.window.autosave import RecoveryStore
from ui.window.main_window import MainWindow
from ui.shared.settings import Settings
from pathlib import Path
tmp = Path({tmp!r})
from ui.main import features
w = MainWindow(Settings.at(tmp / "s.ini"), RecoveryStore(tmp / "r"), lock_dir=tmp / "l", features=features())
assert w.open_file(Path({sample!r}))
paused_while_starting = startup.paused() and gc.get_threshold()[0] >= startup.START_THRESHOLD
w.show()
app.processEvents()
checked_before_paint = not w.findings_pending
from ui.shared.screen_fit import DialogFit
fit_before_paint = app.findChild(DialogFit) is not None
loaded = sorted(m for m in {heavy!r} if m in sys.modules)
fonts = sys.modules.get("app.export.fonts")
fonts_listed = fonts is not None and fonts.installed_families.cache_info().currsize > 0
for _ in range(100):  # the check follows the first paint
    if not w.findings_pending:
        break
    app.processEvents()
heading = w.check_panel.heading.text()
fit_after_paint = app.findChild(DialogFit) is not None
print(json.dumps({{"loaded": loaded, "fonts_listed": fonts_listed,
                  "paused_while_starting": paused_while_starting, "resumed": not startup.paused(),
                  "threshold": gc.get_threshold()[0], "frozen": gc.get_freeze_count() > 0,
                  "checked_before_paint": checked_before_paint, "fit": [fit_before_paint, fit_after_paint], "heading": heading, "counts": w.counts.text()}}))
"""
# Modules the first window does not need (benchmarks/bench_gui.py, startup_ratio): they load on first use.
LATE_MODULES = ("openpyxl", "docx", "ui.editor.grid", "app.export.layout", "app.ledger.count", "app.imports",
                "app.report.next_year", "ui.yearly.import_dialog", "ui.export.printing", "PySide6.QtPrintSupport",
                "importlib.metadata", "app.report.block_grid", "ui.poster.dialog", "ui.editor.draft_dialog",
                "ui.editor.field_picker", "ui.poster.overview_chart", "ui.poster.draw", "app.report.figures",
                "app.report.draft", "app.rules", "app.cli.report_commands",
                "ui.export.font_dialog", "subprocess", "html.entities", "app.report.entry",
                "hashlib", "platform")


def test_startup_loads_no_export_import_or_spreadsheet_modules(tmp_path):
    """The window opens on 基本信息 with every feature's commands: Word/Excel libraries, importers, printing and the
    grid load when first needed."""
    root = str(Path(__file__).resolve().parents[3])
    script = STARTUP_PROBE.format(root=root, tmp=str(tmp_path), sample=str(SAMPLE), heavy=LATE_MODULES)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60,
                          env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    assert done.returncode == 0, done.stderr
    probe = json.loads(done.stdout)
    assert probe["loaded"] == []
    assert not probe["fonts_listed"]  # fc-list (the export fonts) runs when an export or 概览 first needs it
    # The checks load and run right after the first paint, and their findings are then shown.
    assert not probe["checked_before_paint"]
    # The dialogs' fit to the screen is an event filter on every event: installed after the first paint.
    assert probe["fit"] == [False, True]
    assert probe["heading"].startswith("错误 0 个　警告 4 个") and "警告 4" in probe["counts"]
    # The garbage collector waits while the program starts, and is back to its usual pace once the window shows.
    assert probe["paused_while_starting"] and probe["resumed"] and probe["frozen"]
    assert probe["threshold"] < startup.START_THRESHOLD


def test_errors_are_logged_to_a_file_in_app_data_even_without_a_console(qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(autosave, "app_data_dir", lambda: tmp_path)
    monkeypatch.setattr(sys, "stderr", None)  # a windowed Windows build has no console
    monkeypatch.setattr(dialogs, "show_exception", lambda *a: None)
    main.setup_application()
    path = main.setup_logging()
    try:
        try:
            raise RuntimeError("测试错误")
        except RuntimeError as exc:
            main.excepthook(type(exc), exc, exc.__traceback__)
        for handler in logging.getLogger().handlers:
            handler.flush()
        assert path == tmp_path / "zwgk.log"
        assert "RuntimeError: 测试错误" in path.read_text(encoding="utf-8")
    finally:
        logging.basicConfig(force=True, handlers=[logging.NullHandler()])


def test_run_marks_the_program_running_before_the_first_window(qtbot, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr(main, "mark_running", lambda: shown.append(QApplication.topLevelWidgets()))
    windows = run_without_event_loop(monkeypatch, tmp_path, [])
    try:
        assert len(shown) == 1
        assert not [w for w in shown[0] if isinstance(w, MainWindow) and w.isVisible()]
    finally:
        close_all(windows)
