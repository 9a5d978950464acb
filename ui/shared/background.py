"""Long readings (imports, ledgers) off the UI thread: the window keeps painting and its recovery copies keep
being written while a progress dialog with 取消 is shown.

The work runs in a Python thread inside a time budget (app/storage/budget.py) whose cancel flag the dialog's 取消
sets; the readers check it as they go, so a cancelled reading stops at the next element, row or tag. The caller
waits in a local event loop, so its code reads as a plain call: the result, or the work's own exception.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QEventLoop, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QWidget

from app.storage.budget import Budget

T = TypeVar("T")
SHOW_AFTER_MS = 300  # a quick reading shows no dialog at all


class _Done(QObject):
    finished = Signal()


def run_in_background(parent: QWidget | None, label: str, work: Callable[[], T], name: str,
                      error: type[Exception]) -> T:
    """work() in a thread, with a busy progress dialog (取消) after SHOW_AFTER_MS. Returns its result; raises what it
    raised — app.storage.budget.Cancelled when the user cancelled."""
    from PySide6.QtWidgets import QProgressDialog  # noqa: PLC0415 - built when first needed (start-up time)

    cancel = threading.Event()
    outcome: dict[str, object] = {}
    done = _Done()
    loop = QEventLoop()
    done.finished.connect(loop.quit, Qt.ConnectionType.QueuedConnection)

    def run() -> None:
        try:
            with Budget(name, error, cancelled=cancel.is_set).active():
                outcome["result"] = work()
        except BaseException as exc:  # noqa: BLE001 - handed to the caller's thread below
            outcome["error"] = exc
        finally:
            done.finished.emit()

    dialog = QProgressDialog(label, "取消", 0, 0, parent)
    dialog.setWindowTitle("请稍候")
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(0)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.canceled.connect(cancel.set)
    dialog.canceled.connect(lambda: dialog.setLabelText("正在取消…"))
    dialog.hide()
    shower = QTimer(dialog)
    shower.setSingleShot(True)
    shower.timeout.connect(dialog.show)
    thread = threading.Thread(target=run, name=f"read {name}", daemon=True)
    thread.start()
    shower.start(SHOW_AFTER_MS)
    if "result" not in outcome and "error" not in outcome:
        loop.exec()
    thread.join()
    shower.stop()
    dialog.close()
    dialog.deleteLater()
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    return outcome["result"]  # type: ignore[return-value]
