import contextlib
import json
import os
import stat
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app import storage
from app.storage import StorageError, atomic, dumps, load, loads, save
from tests.factories import realistic_report


def test_round_trip_keeps_everything(tmp_path):
    r = realistic_report()
    r.set_value("s3.granted.research", None)
    r.contact = "0357-1234567"
    path = tmp_path / "报告.zwgk"
    save(r, path)
    back = load(path)
    assert back.values == r.values
    assert back.values["s2.fees.amount"] == Decimal("26.55")
    assert back.values["s3.granted.research"] is None
    assert (back.agency, back.agency_type, back.year, back.contact, back.texts) == \
        (r.agency, r.agency_type, r.year, r.contact, r.texts)
    assert back.format is r.format


def test_file_is_documented_json(tmp_path):
    data = json.loads(dumps(realistic_report()))
    assert data["format"] == "zwgk" and data["file_version"] == 1 and data["report_format"] == "gov-2021"
    assert data["values"]["s3.new.natural"] == 10


def test_save_keeps_previous_version_as_bak(tmp_path):
    path = tmp_path / "a.zwgk"
    r = realistic_report()
    save(r, path)
    r.set_value("s3.new.natural", 11)
    save(r, path)
    assert load(path.with_name("a.zwgk.bak")).values["s3.new.natural"] == 10
    assert load(path).values["s3.new.natural"] == 11


def test_vanished_folder_gives_clear_message(tmp_path):
    with pytest.raises(StorageError, match="文件夹已不存在"):
        save(realistic_report(), tmp_path / "gone" / "a.zwgk")


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores folder permissions")
def test_read_only_folder_gives_clear_message(tmp_path):
    tmp_path.chmod(0o500)
    try:
        with pytest.raises(StorageError, match="没有写入权限"):
            save(realistic_report(), tmp_path / "a.zwgk")
    finally:
        tmp_path.chmod(0o700)


def good() -> dict:
    return json.loads(dumps(realistic_report()))


@pytest.mark.parametrize(("mutate", "message"), [
    (lambda d: d.update(file_version=storage.FILE_VERSION + 1), "较新版本"),
    (lambda d: d.update(format="other"), "不是政务公开年报助手的项目文件"),
    (lambda d: d["values"].update({"s3.new.natural": "十"}), "s3.new.natural"),
    (lambda d: d["values"].update({"s9.bogus": 1}), "s9.bogus"),
    (lambda d: d.update(year="2023"), "year"),
    (lambda d: d.update(year=1850), "不是有效的年度"),
    (lambda d: d.update(report_format="gov-1999"), "未知的报告格式"),
    (lambda d: d["agency"].update(type="村"), "机关类型"),
    (lambda d: d["values"].update({"s3.new.natural": True}), "s3.new.natural"),
    (lambda d: d["values"].update({"s3.new.natural": 10**20}), "数值过大"),
])
def test_hand_edited_files_are_refused_with_location(mutate, message):
    d = good()
    mutate(d)
    with pytest.raises(StorageError, match=message):
        loads(json.dumps(d, ensure_ascii=False), "a.zwgk")


def test_truncated_and_binary_files(tmp_path):
    text = dumps(realistic_report())
    with pytest.raises(StorageError, match="已损坏或不完整.*第 \\d+ 行"):
        loads(text[: len(text) // 2])
    p = tmp_path / "x.zwgk"
    p.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(StorageError, match="UTF-8"):
        load(p)
    with pytest.raises(StorageError, match="找不到"):
        load(tmp_path / "missing.zwgk")
    with pytest.raises(StorageError, match="文件夹"):
        load(tmp_path)
    with pytest.raises(StorageError, match="过长"):
        load(tmp_path / ("长" * 300 + ".zwgk"))
    with pytest.raises(StorageError, match="NaN|已损坏"):
        loads(text.replace('"s3.new.natural": 10', '"s3.new.natural": NaN'))


def test_deeply_nested_hostile_file():
    with pytest.raises(StorageError):
        loads("[" * 100_000 + "]" * 100_000)


def test_loading_never_modifies_the_file(tmp_path):
    p = tmp_path / "bad.zwgk"
    p.write_text('{"format": "zwgk", "file_version": 1, "values": 3}', encoding="utf-8")
    before = p.read_bytes(), p.stat().st_mtime_ns
    with pytest.raises(StorageError):
        load(p)
    assert (p.read_bytes(), p.stat().st_mtime_ns) == before


json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
                           lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
                           max_leaves=20)


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=200))
def test_random_text_never_crashes_the_loader(text):
    with contextlib.suppress(StorageError):
        loads(text)


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(key=st.sampled_from(["year", "agency", "texts", "values", "units", "auto_total", "report_format",
                            "file_version", "previous", "dismissals", "contact"]),
       value=json_values, cell=st.sampled_from(["s3.new.natural", "s2.fees.amount", "x"]))
def test_malformed_fields_never_crash_the_loader(key, value, cell):
    d = good()
    if key == "values":
        d["values"][cell] = value  # a hostile value inside the table
    else:
        d[key] = value
    try:
        report = loads(json.dumps(d))
    except StorageError:
        return
    assert report.format.id == "gov-2021"


def test_totals_of_the_largest_entries_save_and_open_again(tmp_path):
    from app.report.model import Report
    from app.report.numbers import MAX_ABS, parse_number

    report = Report.new(2025, agency="甲")
    parts = [cid for cid in report.format.cells_of("s3") if cid.startswith("s3.new.") and not cid.endswith(".total")]
    report.set_values((cid, parse_number(str(MAX_ABS))) for cid in parts)
    assert report.values["s3.new.total"] == MAX_ABS * len(parts) > MAX_ABS
    save(report, tmp_path / "big.zwgk")
    assert load(tmp_path / "big.zwgk").values == report.values


def test_a_lone_surrogate_from_a_hand_made_file_does_not_stop_saving(tmp_path):
    """json reads "\\ud800" into a str that UTF-8 cannot encode: saving raised UnicodeEncodeError (edits lost)."""
    d = good()
    d["texts"]["s1"] = "甲\ud800乙"
    report = loads(json.dumps(d), "a.zwgk")
    save(report, tmp_path / "a.zwgk")
    assert load(tmp_path / "a.zwgk").texts["s1"] == "甲\ud800乙"


@pytest.mark.parametrize(("change", "reason"), [
    (lambda r: setattr(r, "year", 99999), "年度"),
    (lambda r: r.texts.update(s1="字" * (storage.MAX_TEXT + 1)), "过长"),
])
def test_save_refuses_what_the_loader_would_refuse(tmp_path, change, reason):
    """`zwgk new --year 99999` and a pasted 200,001-character text were saved into files that could not be opened."""
    path = tmp_path / "r.zwgk"
    save(realistic_report(), path)
    before = path.read_bytes()
    report = realistic_report()
    change(report)
    with pytest.raises(StorageError, match=f"无法保存.*{reason}.*无法再打开"):
        save(report, path)
    assert path.read_bytes() == before


@pytest.mark.skipif(os.name != "posix", reason="Unix file modes")
def test_saved_files_get_the_usual_mode_not_mkstemps_private_one(tmp_path):
    """mkstemp creates 0600: every saved report (and its .bak) became unreadable for colleagues on a shared folder."""
    path = tmp_path / "r.zwgk"
    save(realistic_report(), path)
    assert path.stat().st_mode & 0o777 == 0o666 & ~atomic._UMASK
    path.chmod(0o640)
    save(realistic_report(), path)
    assert path.stat().st_mode & 0o777 == 0o640
    assert (tmp_path / "r.zwgk.bak").stat().st_mode & 0o777 == 0o640


def test_absent_parts_are_saved_as_file_version_2_and_open_again(tmp_path):
    from tests.app.report.test_absence import cut_after

    r = realistic_report()
    r.auto_total = False
    later = cut_after(r, "s3.deny.5.other")
    r.set_value(later[0], 0)  # filled in since the import: no longer absent, not written as absent
    data = json.loads(dumps(r))
    assert data["file_version"] == 2
    assert list(data["absent"]["cells"]) == list(later[1:])
    assert set(data["absent"]["cells"].values()) == {"cut"}
    assert data["absent"]["texts"] == {"s5": "cut", "s6": "cut"}
    assert data["absent"]["end"] == "第三部分“5.属于三类内部事务信息”行“其他”列"
    assert all(data["values"][c] is None for c in later[1:])
    path = tmp_path / "导入.zwgk"
    save(r, path)
    back = load(path)
    assert back.absent_cells() == r.absent_cells() and back.absent_texts() == r.absent_texts()
    assert back.absence.end == r.absence.end


def test_a_report_without_absent_parts_is_still_written_and_read_as_version_1(tmp_path):
    data = json.loads(dumps(realistic_report()))
    assert data["file_version"] == 1 and "absent" not in data
    data["absent"] = {"cells": {"s3.new.natural": "cut"}}  # version 1 has no such field: not read as one
    assert not loads(json.dumps(data)).absent_cells()
    assert storage.FILE_VERSION == 2


@pytest.mark.parametrize("absent, message", [
    ({"cells": {"s9.x": "cut"}}, "不存在的单元格"),
    ({"cells": {"s3.new.natural": "lost"}}, "原因“lost”无效"),
    ({"texts": {"s2": "cut"}}, "文字部分“s2”无效"),
    ([], "应为对象"),
])
def test_hand_edited_absent_field_is_refused_with_location(absent, message):
    data = json.loads(dumps(realistic_report()))
    data["file_version"] = 2
    data["absent"] = absent
    with pytest.raises(StorageError, match=message) as exc:
        loads(json.dumps(data), "a.zwgk")
    assert "缺失的内容（absent）" in str(exc.value)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs")
def test_a_fifo_or_a_device_is_refused_before_reading(tmp_path):
    """`zwgk check` on a FIFO blocked for ever; a device would be read without end."""
    fifo = tmp_path / "p.zwgk"
    os.mkfifo(fifo)
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    with pytest.raises(StorageError, match="不是普通文件"):
        load(fifo)
    with pytest.raises(StorageError, match="不是普通文件"):
        load("/dev/zero")


@pytest.mark.parametrize("number", ["1e999999999", "-1e999999999", "1E+999999", "9" * 39 + ".5", "1e-999999999"])
def test_numbers_of_absurd_magnitude_are_refused_without_arithmetic(number):
    """abs(1E+999999999) raised decimal.Overflow (a traceback; `check` exited 1, “warnings”)."""
    text = dumps(realistic_report()).replace('"s3.new.natural": 10', f'"s3.new.natural": {number}')
    with pytest.raises(StorageError, match="s3.new.natural|过长"):
        loads(text, "a.zwgk")


def test_a_number_of_thousands_of_digits_is_refused_at_once():
    text = dumps(realistic_report()).replace('"s3.new.natural": 10', '"s3.new.natural": ' + "7" * 5000)
    with pytest.raises(StorageError, match="过长"):
        loads(text, "a.zwgk")


@pytest.mark.parametrize("number", ["1e999999999", "1" * 4000, "-1e999999"])
def test_last_years_figures_are_checked_by_magnitude_first(number):
    """previous.values converted with int() before the magnitude check: a 235-byte file took 29 s, another 5.7 GB."""
    d = good()
    d["previous"] = {"schema": "zwgk-previous/1", "year": 2020, "format": "gov-2019", "source": "file",
                     "values": {"s3.new.natural": 1}, "texts": {}}
    text = json.dumps(d).replace('"s3.new.natural": 1}', f'"s3.new.natural": {number}}}')
    with pytest.raises(StorageError, match="数值过大|过长"):
        loads(text, "a.zwgk")
