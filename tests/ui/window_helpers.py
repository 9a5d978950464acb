"""Shared set-up for the window tests: a MainWindow with its settings, recovery copies and locks in a temporary
folder (never the user's), and helpers that type and click like a person."""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QStandardPaths, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QMenu, QTableView, QWidget

from ui.editor.grid_delegate import CELL_ID_ROLE
from ui.main import features
from ui.shared import dialogs
from ui.shared.settings import Settings
from ui.window.application import setup_application
from ui.window.autosave import RecoveryStore
from ui.window.main_window import MainWindow

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "examples" / "jindian-2021.zwgk"
QStandardPaths.setTestModeEnabled(True)  # anything that still asks for app-data goes to a test folder


def make_window(qtbot, tmp_path: Path, monkeypatch, autosave_ms: int = 30_000) -> MainWindow:
    setup_application()
    # Teardown closes the window: never leave a modal question open behind a test.
    monkeypatch.setattr(dialogs, "ask_save_changes", lambda *a: "discard")
    window = MainWindow(Settings.at(tmp_path / "settings.ini"), RecoveryStore(tmp_path / "recovery"),
                        lock_dir=tmp_path / "locks", autosave_ms=autosave_ms, features=features())
    qtbot.addWidget(window)
    return window


def open_sample_window(qtbot, tmp_path: Path, monkeypatch, autosave_ms: int = 30_000) -> MainWindow:
    """A shown, active window with a copy of the sample report open (the usual start of a window test)."""
    window = make_window(qtbot, tmp_path, monkeypatch, autosave_ms)
    assert window.open_file(sample_copy(tmp_path))
    show(qtbot, window)
    return window


def menus(window: MainWindow) -> dict[str, QMenu]:
    """The menu bar's menus by title, in the bar's order.

    Found as the bar's QMenu children, not with QAction.menu(): PySide6 6.9 wraps that result as an already
    deleted object (RuntimeError: Internal C++ object (QMenu) already deleted)."""
    bar = window.menuBar()
    children = bar.findChildren(QMenu, options=Qt.FindChildOption.FindDirectChildrenOnly)
    by_action = {menu.menuAction(): menu for menu in children}
    return {action.text(): by_action[action] for action in bar.actions() if action in by_action}


def sample_copy(tmp_path: Path) -> Path:
    path = tmp_path / "docs" / SAMPLE.name
    path.parent.mkdir(exist_ok=True)
    shutil.copy(SAMPLE, path)
    return path


KILLED_RUN = textwrap.dedent("""
    import os, signal, sys
    from pathlib import Path
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    sys.path.insert(0, {root!r})
    from ui.window.application import setup_application
    app = setup_application()
    from ui.window.autosave import RecoveryStore
    from ui.window.main_window import MainWindow
    from ui.shared.settings import Settings
    folder = Path({folder!r})
    window = MainWindow(Settings.at(folder / "prev.ini"), RecoveryStore(folder / "recovery"), lock_dir=folder / "locks")
    assert window.open_file(Path({document!r}))
    window.doc.set_cell("s3.new.natural", 7)
    window.doc.set_text("s5", "崩溃前写的字")
    assert window.autosaver.save_now()
    os.kill(os.getpid(), signal.SIGKILL)  # the power cut: no closeEvent, no cleanup
""")


def killed_run(tmp_path: Path, document: Path) -> None:
    """Another run of the program opens `document`, types 7 into s3.new.natural and a sentence into s5, writes its
    recovery copy and is killed (a crash or a power cut: nothing of it cleans up)."""
    script = KILLED_RUN.format(root=str(SAMPLE.parents[2]), folder=str(tmp_path), document=str(document))
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert run.returncode == -9, run.stderr


def show(qtbot, window: MainWindow) -> None:
    window.resize(1366, 768)
    with qtbot.waitActive(window):  # keys reach nothing until the window is active
        window.show()
        window.activateWindow()
    qtbot.waitUntil(lambda: not window.findings_pending)  # a report opened before the show is checked after it


def current_cell(view: QTableView) -> str | None:
    return view.currentIndex().data(CELL_ID_ROLE)


def type_text(qtbot, widget: QWidget, text: str) -> None:
    """Key presses carrying text. QTest only knows ASCII keys: Chinese and full-width characters (what an input
    method delivers) are sent as key events with the character as their text."""
    for ch in text:
        if ch.isascii():
            qtbot.keyClicks(widget, ch)
        else:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))


def type_number(qtbot, view: QTableView, text: str) -> None:
    """Type over the current cell and press Enter, as a clerk does: the first key opens the editor."""
    type_text(qtbot, view, text[0])
    editor = QApplication.focusWidget()
    assert editor is not view, "typing did not open a cell editor"
    type_text(qtbot, editor, text[1:])
    qtbot.keyClick(editor, Qt.Key.Key_Return)


MODAL_POLL_MS = 5
MODAL_POLLS = 1000  # ~5 s of event-loop turns: then give up, so a dialog that never came cannot haunt later tests


def when_modal(kind: type[QWidget], act: Callable[[QWidget], None]) -> None:
    """Call act(dialog) as soon as a modal dialog of this kind is up. The code under test blocks in the dialog's
    exec(), so the test arranges this beforehand; the event loop is polled (never a sleep)."""
    polls = 0

    def attempt() -> None:
        nonlocal polls
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, kind):
            act(dialog)
        elif polls < MODAL_POLLS:
            polls += 1
            QTimer.singleShot(MODAL_POLL_MS, attempt)

    QTimer.singleShot(0, attempt)
