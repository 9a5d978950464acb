import os
import sys
from pathlib import Path

# Before anything imports Qt: tests are headless.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pytest  # noqa: E402

from ui.shared import qt_compat  # noqa: E402

qt_compat.install()  # what the entry point does before the first Qt object (ui/main.py)

SAMPLE = ROOT / "resources" / "examples" / "jindian-2021.zwgk"


@pytest.fixture
def sample_path() -> Path:
    return SAMPLE
