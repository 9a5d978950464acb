"""Absurd numbers pasted or typed into the grid: refused with the reason, quoted short, never a traceback (a huge
exponent pasted into the grid was a decimal.Overflow)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from tests.ui.editor.grid_helpers import go_to, make_table
from ui.shared.document import ReportDocument


@pytest.mark.parametrize(("pasted", "said"), [
    ("1e999999999", "不是数字"), ("1E+999999", "不是数字"), ("9" * 1_000_000, "不是数字"),
    ("9" * 41, "过长"), ("1" * 20, "过大"), ("-1e999999999", "不是数字"),
])
def test_an_absurd_number_pasted_is_refused_and_quoted_short(qtbot: QtBot, doc: ReportDocument,
                                                             pasted: str, said: str) -> None:
    widget, messages = make_table(qtbot, doc)
    view = go_to(widget, "s3.granted.natural")
    before = dict(doc.report.values)
    QGuiApplication.clipboard().setText(f"12\t{pasted}\r\n")
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert doc.report.values == before
    assert said in messages[-1] and len(messages[-1]) < 300
