"""Run by tests/ui/window/test_fcitx_input.py in a process of its own, on Xvfb beside a real fcitx5: the main window with the
sample report on the xcb platform, keys typed with xdotool (real X key events, so they pass through Qt's input
plugin and fcitx5 as a clerk's keyboard does), and what arrived printed as one JSON line.
`--without-fcitx-plugin`: the program behaves as a build without fcitx5-qt's plugin (it routes through the IBus
portal)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEventLoop
from PySide6.QtWidgets import QApplication, QLineEdit

from ui.main import features
from ui.shared.settings import Settings
from ui.window import input_method
from ui.window.application import setup_application
from ui.window.autosave import RecoveryStore
from ui.window.main_window import MainWindow

SAMPLE = Path(__file__).resolve().parents[3] / "resources" / "examples" / "jindian-2021.zwgk"
WAIT_S = 20.0
AMOUNT = "s2.fees.amount"  # 本年收费金额（单位：万元）


def wait_until(app: QApplication, condition: Callable[[], bool], what: str, timeout: float = WAIT_S) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise RuntimeError(f"{what}: not within {timeout:.0f} s")
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)


def keys(*names: str) -> None:
    subprocess.run(["xdotool", "key", "--delay", "40", *names], check=True)


def fcitx_state() -> str:
    """fcitx5's state for the focused input context (fcitx5-remote: 0 none, 1 keyboard, 2 an input method)."""
    done = subprocess.run(["fcitx5-remote"], capture_output=True, text=True, timeout=10)
    return done.stdout.strip()


def pinyin_active() -> bool:
    return fcitx_state() == "2"


def switch_to_pinyin(app: QApplication) -> None:
    """Ctrl+Space (fcitx5's key for 拼音) until fcitx5 says 拼音 is on, as a clerk presses again when the tray icon
    did not change: the fcitx plugin creates its input context over D-Bus a moment after the focus arrives, and a
    key typed before that never reaches fcitx5 (xdotool types within that moment, a person does not)."""
    deadline = time.monotonic() + WAIT_S
    while not pinyin_active():
        if time.monotonic() > deadline:
            raise RuntimeError(f"拼音 not switched on within {WAIT_S:.0f} s")
        keys("ctrl+space")
        try:
            wait_until(app, pinyin_active, "拼音 switched on", timeout=2.0)
        except RuntimeError:
            continue


def focused_text() -> str:
    widget = QApplication.focusWidget()
    if isinstance(widget, QLineEdit):
        return widget.text()
    return widget.toPlainText() if hasattr(widget, "toPlainText") else ""


def without_fcitx_plugin() -> None:
    """What the program sees of a build without fcitx5-qt's plugin (Qt still has it, but is no longer asked)."""
    found = input_method.bundled_plugins
    input_method.bundled_plugins = lambda folder=None: found(folder) - set(input_method.FCITX)


def run(folder: Path) -> dict[str, object]:
    app = setup_application()  # the desktop asked for fcitx: Qt's fcitx plugin, or the IBus portal without it
    report = folder / SAMPLE.name
    shutil.copyfile(SAMPLE, report)
    window = MainWindow(Settings.at(folder / "settings.ini"), RecoveryStore(folder / "recovery"),
                        lock_dir=folder / "locks", features=features())
    assert window.open_file(report)
    window.resize(1366, 768)
    window.show()
    window.activateWindow()
    wait_until(app, window.isActiveWindow, "the main window becoming active")
    seen: dict[str, object] = {"plugin": input_method.loaded_plugin()}

    # A 万元 amount in Section 二: the figure typed in English, then 万元 in pinyin, as a clerk copies it.
    table = window.show_page("s2")
    assert table.focus_cell(AMOUNT)
    # Until fcitx5 has the focused input context, a key may be committed by it late, after keys typed later
    # (seen once under heavy load: 25.1 arrived as 5.12). A person's first key comes long after the click.
    wait_until(app, lambda: fcitx_state() in ("1", "2"), "fcitx5 holding the focused input context")
    keys("2", "5", "period", "1")
    wait_until(app, lambda: focused_text() == "25.1", "25.1 in the cell editor")
    switch_to_pinyin(app)
    keys(*"wanyuan", "space")
    wait_until(app, lambda: "万" in focused_text(), "Chinese in the cell editor")
    seen["cell_editor"] = focused_text()
    keys("Return")
    wait_until(app, lambda: window.doc.report.values.get(AMOUNT) is not None
               and str(window.doc.report.values[AMOUNT]) == "25.1", "the cell taking 25.1万元")
    seen["cell_value"] = str(window.doc.report.values[AMOUNT])

    # The first text part: a sentence in pinyin at its end.
    key = "s1"  # 一、总体情况
    page = window.show_page(key)
    page.editor.setFocus()
    wait_until(app, page.editor.hasFocus, "the text box getting the focus")
    before = page.editor.toPlainText()
    keys("ctrl+End")
    keys(*"zhengfuxinxigongkai", "space")
    wait_until(app, lambda: page.editor.toPlainText() != before, "Chinese in the text box")
    seen["text_shown"] = page.editor.toPlainText().removeprefix(before)
    wait_until(app, lambda: window.doc.report.texts[key] == page.editor.toPlainText(), "the text reaching the report")
    seen["text_saved"] = window.doc.report.texts[key].removeprefix(before)
    window.hide()  # not close(): the changed report would ask whether to save
    return seen


def main() -> int:
    if "--without-fcitx-plugin" in sys.argv:
        without_fcitx_plugin()
    with tempfile.TemporaryDirectory(prefix="zwgk-fcitx-") as tmp:
        try:
            seen = run(Path(tmp))
        except Exception as exc:  # the test prints this line: what was on screen when it stopped
            seen = {"error": f"{type(exc).__name__}: {exc}", "focused": focused_text()}
    print(json.dumps(seen, ensure_ascii=False), flush=True)
    return 1 if "error" in seen else 0


if __name__ == "__main__":
    sys.exit(main())
