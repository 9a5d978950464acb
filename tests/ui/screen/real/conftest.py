"""Tests that need a real X screen with a window manager: collected only inside the child run that
tests/ui/screen/test_real_screen.py starts on its Xvfb display."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

if not os.environ.get("ZWGK_REAL_SCREEN"):
    collect_ignore_glob = ["test_*.py"]


@pytest.fixture
def shots(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("ZWGK_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder
