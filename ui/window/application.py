"""Start the GUI: the QApplication (name, icon, Chinese Qt texts, CJK fonts), logging, the crash hook, the first
windows and the recovery offer. The entry point (ui/main.py) calls run() with the features to plug in."""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLocale, QSize
from PySide6.QtGui import QFont, QIcon
from PySide6.QtWidgets import QApplication

from app import APP_NAME, __version__
from app.resources import ICONS_DIR
from ui.shared import dialogs, qt_translations
from ui.shared.settings import APPLICATION, ORGANIZATION
from ui.window import input_method
from ui.window.running import mark_running

if TYPE_CHECKING:
    from ui.window.main_window import Feature, MainWindow

log = logging.getLogger(__name__)
# Named explicitly: when a family is missing, Qt may otherwise fall back to the *Japanese* Noto face.
UI_FONTS = {
    "win32": ["Microsoft YaHei UI", "Microsoft YaHei", "SimSun"],
    "darwin": ["PingFang SC", "Heiti SC"],
    "linux": ["Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "Noto Sans CJK JP"],
}


def app_icon() -> QIcon:
    """The program icon, from every size shipped in resources/icons (zwgk.png, zwgk-16.png …)."""
    icon = QIcon()
    for png in sorted(ICONS_DIR.glob("zwgk*.png")):
        size = png.stem.rpartition("-")[2]
        # A size in the name spares Qt reading every image at start-up just to learn its size.
        icon.addFile(str(png), QSize(int(size), int(size)) if size.isdigit() else QSize())
    return icon


def ui_font(base: QFont) -> QFont:
    families = UI_FONTS.get(sys.platform, UI_FONTS["linux"])
    font = QFont(base)
    font.setFamilies(families)
    return font


def setup_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication with the program's name, icon, Chinese Qt texts and CJK fonts (also used by ui.snapshot)."""
    app = QApplication.instance()
    if app is None:
        route = input_method.prepare()  # Qt reads the input-method variables once, when the application starts
        app = QApplication(argv if argv is not None else sys.argv[:1])
        app._input_route = route  # type: ignore[attr-defined] - for the self-test's 中文输入法 line
    QCoreApplication.setOrganizationName(ORGANIZATION)
    QCoreApplication.setApplicationName(APPLICATION)
    QCoreApplication.setApplicationVersion(__version__)
    QApplication.setApplicationDisplayName(APP_NAME)
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    if not hasattr(app, "_translators"):  # once per application (tests and ui.snapshot call this again)
        app._translators = qt_translations.install(app)  # type: ignore[attr-defined] - kept alive with the app
    icon = app_icon()
    if not icon.isNull():
        app.setWindowIcon(icon)
    app.setFont(ui_font(app.font()))
    return app


def setup_logging() -> Path | None:
    """Log to zwgk.log in the app-data folder (what county IT asks for) and to the console when there is one."""
    from logging.handlers import RotatingFileHandler  # noqa: PLC0415

    from ui.window.autosave import app_data_dir  # noqa: PLC0415

    handlers: list[logging.Handler] = []
    if sys.stderr is not None:
        handlers.append(logging.StreamHandler())
    path: Path | None = app_data_dir() / "zwgk.log"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handlers.append(RotatingFileHandler(path, maxBytes=1_000_000, backupCount=2, encoding="utf-8"))
    except OSError:  # a locked-down profile: run without a log file rather than not at all
        path = None
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s",
                        handlers=handlers, force=True)
    return path


_in_hook = False


def excepthook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
    """An unexpected error: log it, save recovery copies, tell the user in Chinese; never a silent crash."""
    global _in_hook  # noqa: PLW0603 - a re-entrancy guard for the process-wide hook
    detail = "".join(traceback.format_exception(kind, value, tb))
    log.error("unexpected error\n%s", detail)  # to zwgk.log, and to the console when there is one
    if _in_hook or QApplication.instance() is None:
        return
    _in_hook = True
    try:
        from ui.window.main_window import MainWindow  # noqa: PLC0415

        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
        for window in windows:
            window.autosaver.save_now()
        parent = QApplication.activeWindow() or (windows[0] if windows else None)
        dialogs.show_exception(parent, f"{kind.__name__}: {value}", f"{APP_NAME} {__version__}\n{detail}")
    finally:
        _in_hook = False


def run(paths: list[str], features: Sequence[Feature] = ()) -> int:
    from ui.shared.settings import Settings  # noqa: PLC0415
    from ui.window.autosave import RecoveryStore  # noqa: PLC0415 - after the QApplication exists
    from ui.window.main_window import MainWindow  # noqa: PLC0415

    mark_running()  # first: from now on the installer will not replace the program under this window
    app = setup_application()
    setup_logging()
    sys.excepthook = excepthook
    settings = Settings()
    recovery = RecoveryStore.default()
    windows: list[MainWindow] = []

    def new_window() -> MainWindow:
        window = MainWindow(settings, recovery, features=features)
        windows.append(window)
        return window

    for path in paths:
        window = new_window()
        if not window.open_file(Path(path)):
            windows.remove(window)
            window.deleteLater()
            continue
        window.show()
    if not windows:
        window = new_window()
        if not reopen_last(window):
            window.set_document(window.new_document())
            window.show_start()
        window.show()
    offer_recovery(windows, new_window)
    return app.exec()


def reopen_last(window: MainWindow) -> bool:
    """The second start goes on with the last report (the setting 启动时直接打开上次的报告); the first one, or
    when that file is gone, shows the start page."""
    from ui.shared.settings import REOPEN_LAST  # noqa: PLC0415 - as in run()

    recent = window.settings.recent_files()
    if not window.settings.get(REOPEN_LAST) or not recent or not Path(recent[0]).is_file():
        return False
    return window.open_file(Path(recent[0]))


def offer_recovery(windows: list, new_window) -> None:
    """After a crash: offer each recovery copy left by a run that ended without saving. A copy of a file that a window
    has just opened (the report was double-clicked to restart) goes into that window, which holds the file's lock:
    asking about it would be asking about our own lock. Otherwise into a blank window, or a new one."""
    first = windows[0]
    for entry in first.recovery.orphans():
        choice = dialogs.ask_recover(first, entry.title or "未命名报告", entry.saved_at, entry.original)
        if choice == "discard":
            entry.discard()
        elif choice == "recover":
            original = Path(entry.original) if entry.original else None
            target = next((w for w in windows if original is not None and w.shows_unmodified(original)), None)
            target = target or next((w for w in windows if w.is_pristine()), None)
            if target is None:
                target = new_window()
                target.set_document(target.new_document())
                target.show()
            target.restore(entry)
