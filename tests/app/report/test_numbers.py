import contextlib
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.report.numbers import NumberError, parse_number


@pytest.mark.parametrize(("text", "value"), [("12", 12), ("１２３", 123), (" 1,234 ", 1234), ("１，２３４", 1234),
                                               ("0", 0), ("5件", 5), ("", None), ("/", None), ("-", None), ("—", None)])
def test_counts(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize(("text", "message"), [("abc", "不是数字"), ("-3", "负数"), ("1.5", "整数"), ("12a", "不是数字")])
def test_counts_refused_with_reason(text, message):
    with pytest.raises(NumberError, match=message):
        parse_number(text)


def test_money_keeps_four_decimals_and_refuses_five():
    assert parse_number("72701.2578", "money") == Decimal("72701.2578")
    assert parse_number("26.50", "money") == Decimal("26.50")
    assert parse_number("3", "money") == 3
    with pytest.raises(NumberError, match="4 位小数"):
        parse_number("1.23456", "money")


def test_delta_may_be_negative():
    assert parse_number("-417", "delta") == -417
    assert parse_number("－8", "delta") == -8


@given(st.text(max_size=30))
def test_never_crashes(text):
    with contextlib.suppress(NumberError):
        parse_number(text)


@pytest.mark.parametrize(("text", "kind"), [("99999999999999999999", "count"), ("1,000,000,000,001", "count"),
                                            ("-2000000000000", "delta"), ("1000000000000.5", "money")])
def test_absurdly_large_numbers_are_refused(text, kind):
    """Accepted, they were saved into a file that storage then refused to open."""
    with pytest.raises(NumberError, match="过大"):
        parse_number(text, kind)


def test_the_largest_entry_is_accepted():
    assert parse_number("1,000,000,000,000") == 10**12


def test_plain_number_for_json_and_spreadsheets():
    from app.report.numbers import plain_number

    assert plain_number(Decimal("72701.2578")) == 72701.2578 and isinstance(plain_number(Decimal("1.5")), float)
    assert plain_number(Decimal("3.0")) == 3 and isinstance(plain_number(Decimal("3.0")), int)
    assert plain_number(7) == 7 and plain_number(None) is None
