"""Every GUI test: a top-level widget the test made and did not close and delete is a leak, and fails the test
(napari's dangling-widget check). A window left behind keeps its document, timers and lock alive for the rest of
the run, and hides the test's own teardown bugs."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QApplication


def _top_level() -> dict[int, str]:
    return {id(w): f"{type(w).__name__}“{w.windowTitle() or w.objectName()}”"
            for w in QApplication.topLevelWidgets() if w.parent() is None}


@pytest.fixture(autouse=True)
def no_leaked_widgets(qapp, request):
    before = _top_level()
    yield
    # pytest-qt has closed the widgets given to qtbot.addWidget; deleteLater'd ones go with the posted events.
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    leaked = [name for key, name in _top_level().items() if key not in before]
    if leaked:
        for widget in QApplication.topLevelWidgets():
            if widget.parent() is None and id(widget) not in before:
                widget.close()
                widget.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        pytest.fail(f"{request.node.name} 留下了 {len(leaked)} 个顶层窗口部件：{'、'.join(leaked[:5])}", pytrace=False)


@pytest.fixture(scope="session", autouse=True)
def clipboard_emptied_at_the_end(qapp):
    """PySide6 6.11's offscreen clipboard crashes the interpreter at exit (SIGSEGV after the last test) while it
    holds a QMimeData made in Python, as a copied grid block is (text and an HTML table). Empty it at the end."""
    yield
    QApplication.clipboard().clear()
