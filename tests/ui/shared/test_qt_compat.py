"""ui/qt_compat.py: the faster stand-in for PySide6's per-import source scan gives PySide6's own answers."""

from __future__ import annotations

import sys
import types

import pytest

import app.report.model
import ui.window.main_window
from ui.shared import qt_compat


def _modules(tmp_path) -> list[types.ModuleType]:
    import json  # noqa: PLC0415

    gone = types.ModuleType("gone")
    gone.__file__ = str(tmp_path / "gone.py")  # a module whose file is not there (a frozen build)
    written = tmp_path / "uses_qt.py"
    written.write_text("from PySide6.QtCore import QObject\n", encoding="utf-8")
    uses_qt = types.ModuleType("uses_qt")
    uses_qt.__file__ = str(written)
    return [ui.window.main_window, app.report.model, json, sys, types.ModuleType("no_file"), gone, uses_qt]


def test_the_scan_is_replaced_once_and_answers_like_the_original(tmp_path):
    feature = sys.modules.get("shibokensupport.feature")
    if feature is None or not hasattr(feature, "_mod_uses_pyside"):
        pytest.skip("this PySide6 has no per-import source scan")
    fast = feature._mod_uses_pyside
    assert getattr(fast, "zwgk_fast", False)
    assert qt_compat.faster_feature_scan() and feature._mod_uses_pyside is fast  # installing again changes nothing
    answers = [(m.__name__, fast(m), fast.original(m)) for m in _modules(tmp_path)]
    assert [(name, mine) for name, mine, _ in answers] == [(name, theirs) for name, _, theirs in answers]
    assert dict((name, mine) for name, mine, _ in answers)["uses_qt"] is True
    assert dict((name, mine) for name, mine, _ in answers)["app.report.model"] is False
