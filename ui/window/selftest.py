"""The Qt half of `zwgk --self-test` (app/cli/selftest.py): fonts, and the main window opened offscreen.

Everything the window would write (settings, recovery copies, lock files) goes into a temporary folder, and the
sample is opened from a copy there: the self-test leaves no trace in the user's profile and never touches the
installed sample (which is read-only under /opt or Program Files).
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from PySide6.QtCore import QEventLoop, Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QApplication, QLineEdit

from app.cli.selftest import Skipped

if TYPE_CHECKING:
    from ui.window.main_window import Feature

EXPOSE_TIMEOUT_S = 20.0


def _import_optional(name: str, what: str) -> ModuleType:
    """Import a GUI module that a partial build may lack: missing means 跳过, broken means 失败."""
    try:
        return __import__(name, fromlist=["_"])
    except ModuleNotFoundError as exc:
        if exc.name == name:
            raise Skipped(f"本版本不含{what}") from exc
        raise


def application() -> QApplication:
    main = _import_optional("ui.window.application", "图形界面")
    return main.setup_application()


def _wait_exposed(app: QApplication, window) -> None:
    deadline = time.monotonic() + EXPOSE_TIMEOUT_S
    while not (window.windowHandle() and window.windowHandle().isExposed()):
        if time.monotonic() > deadline:
            raise RuntimeError(f"主窗口 {EXPOSE_TIMEOUT_S:.0f} 秒内没有显示出来")
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)


def open_and_close_main_window(sample: Path, screenshot: Path | None = None, features: Sequence[Feature] = ()) -> str:
    app = application()
    main_window = _import_optional("ui.window.main_window", "主窗口")
    from ui.shared.settings import Settings  # noqa: PLC0415
    from ui.window.autosave import RecoveryStore  # noqa: PLC0415 - only once the GUI is known to be there

    with tempfile.TemporaryDirectory(prefix="zwgk-selftest-ui-") as tmp:
        folder = Path(tmp)
        copy = folder / sample.name
        shutil.copyfile(sample, copy)
        window = main_window.MainWindow(Settings.at(folder / "settings.ini"), RecoveryStore(folder / "recovery"),
                                        lock_dir=folder / "locks", features=features)
        try:
            if not window.open_file(copy):
                raise RuntimeError("主窗口无法打开示例报告")
            window.show()
            _wait_exposed(app, window)
            picture = window.grab()
            if picture.isNull():
                raise RuntimeError("主窗口无法绘制")
            if screenshot is not None and not picture.save(str(screenshot)):
                raise RuntimeError(f"无法保存截图 {screenshot}")
            title, tabs = window.windowTitle().replace("[*]", ""), window.tabs.count()
            if window.isWindowModified():
                raise RuntimeError("刚打开的示例报告被标记为已修改")
        finally:
            # hide + delete rather than close(): a close prompt would wait for a click nobody can give here
            window.hide()
            window.deleteLater()
            app.processEvents()
    return f"“{title}”，{tabs} 个标签页"


def chinese_fonts() -> str:
    """Without a Simplified-Chinese font every label shows as boxes on screen and in the PDF."""
    application()
    families = QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)
    if not families:
        raise RuntimeError("系统中没有中文字体，界面和 PDF 中的汉字会显示为方框。"
                           "请安装中文字体（如 fonts-noto-cjk 或 fonts-wqy-zenhei）")
    shown = [f for f in families if any(k in f for k in ("SC", "CN", "GB", "Hei", "Song", "宋", "黑", "楷"))] or families
    return f"{len(families)} 种，如 {'、'.join(shown[:3])}"


def input_method() -> str:
    """Which input plugin Qt loaded and why: on a fcitx desktop without it, typing pinyin gives Latin letters."""
    app = application()
    from ui.window import input_method as im  # noqa: PLC0415 - after the GUI is known to be there

    route = getattr(app, "_input_route", None) or im.plan(os.environ, im.bundled_plugins())
    QLineEdit().inputMethodQuery(Qt.InputMethodQuery.ImEnabled)  # the plugin is loaded by the time a widget asks
    return im.describe(route, im.loaded_plugin())
