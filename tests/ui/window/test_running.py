"""The named mutex that tells the installer the program is running (ui/window/running.py)."""

from __future__ import annotations

import ctypes
import re
import sys
from pathlib import Path

from ui.window import running

INSTALLER = Path(__file__).resolve().parents[3] / "build_scripts" / "installer.nsi"


class FakeKernel32:
    """Stands in for ctypes.WinDLL("kernel32") off Windows: records the CreateMutexW call."""

    calls: list[tuple] = []
    result: int | None = 0x2A4

    def __init__(self, name: str, use_last_error: bool = False) -> None:
        assert name == "kernel32" and use_last_error
        self.CreateMutexW = self._create

    @staticmethod
    def _create(*args: object) -> int:
        FakeKernel32.calls.append(args)
        return FakeKernel32.result


def test_on_windows_the_program_holds_the_mutex_the_installer_looks_for(monkeypatch):
    monkeypatch.setattr(FakeKernel32, "calls", [])
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(ctypes, "WinDLL", FakeKernel32, raising=False)
    assert running.mark_running() == 0x2A4
    # not the initial owner: every instance opens the same mutex, which lives while any of them runs
    assert FakeKernel32.calls == [(None, False, "Local\\zwgk.running")]


def test_a_refused_mutex_is_none(monkeypatch):
    monkeypatch.setattr(FakeKernel32, "result", None)  # CreateMutexW's NULL
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(ctypes, "WinDLL", FakeKernel32, raising=False)
    assert running.mark_running() is None


def test_off_windows_there_is_nothing_to_hold(monkeypatch):
    monkeypatch.setattr(sys, "platform", "linux")
    assert running.mark_running() is None


def test_the_installer_checks_the_same_name():
    defined = re.search(r'^!define RUNNING_MUTEX "([^"]+)"', INSTALLER.read_text(encoding="utf-8"), re.MULTILINE)
    assert defined and defined[1] == running.RUNNING_MUTEX
