from pathlib import Path

import pytest

from app import storage
from ui.shared.document import ReportDocument


@pytest.fixture
def doc(sample_path: Path) -> ReportDocument:
    """The sample report (金殿镇 2021) as an open document."""
    return ReportDocument(storage.load(sample_path))
