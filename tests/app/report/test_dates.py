from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.report.dates import chinese_date, parse_date, shown_date


@pytest.mark.parametrize(("text", "expected"), [
    ("2022-01-20", date(2022, 1, 20)), ("2022年1月20日", date(2022, 1, 20)), ("２０２２年１月２０日", date(2022, 1, 20)),
    (" 2022.1.5 ", date(2022, 1, 5)), ("2022/12/31", date(2022, 12, 31)), ("2022 年 1 月 20 日", date(2022, 1, 20)),
    ("2022年元月", None), ("2022-02-30", None), ("明年一月", None), ("", None), ("20220120", None),
])
def test_dates_a_clerk_writes(text, expected):
    assert parse_date(text) == expected


def test_shown_date():
    assert shown_date("2022-01-20") == "2022年1月20日"
    assert shown_date("2022年元月") == "2022年元月"  # an old file's free text stays visible, to be corrected
    assert shown_date("2022年1月20日") == "2022年1月20日"
    assert shown_date("") == ""


@given(st.dates(min_value=date(1000, 1, 1)))
def test_every_date_reads_back(d):
    assert parse_date(d.isoformat()) == d and parse_date(chinese_date(d)) == d
