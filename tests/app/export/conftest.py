from pathlib import Path

import pytest

from app.export.fonts import FontSet
from app.export.specimen import realistic_report
from app.report.model import Report

DATA = Path(__file__).resolve().parent / "data"
OFFICIAL_TEMPLATE = DATA / "official-template-2021-wps.docx"  # the Word template offices use (2021 format)
SEED_TEXT = DATA / "jindian-2021-report.txt"  # the published 金殿镇 report as text

# Fixed names so the tests do not depend on the fonts installed on the test machine.
TEST_FONTS = FontSet(title="方正小标宋简体", body="仿宋_GB2312", heading1="黑体", heading2="楷体_GB2312",
                     page_number="宋体")


@pytest.fixture
def report() -> Report:
    return realistic_report()


@pytest.fixture
def fonts() -> FontSet:
    return TEST_FONTS
