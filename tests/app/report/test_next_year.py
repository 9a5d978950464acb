"""新建下一年度报告 and the previous-year record (Report.previous) with its validation on load."""

from __future__ import annotations

import json

import pytest

from app import storage
from app.report.formats import load_format
from app.report.model import Report
from app.report.next_year import next_year
from app.report.previous import SCHEMA, PreviousError, make_previous, validate_previous
from app.rules import check
from tests.factories import realistic_report


def _last() -> Report:
    last = realistic_report(2022)
    last.set_values([("s3.carry_over.natural", 2), ("s3.carry_over.legal", 1), ("s3.granted.natural", 3)])
    last.contact = "办公室 0351-1234567"
    return last


def test_next_year_carries_over_per_column_and_keeps_last_year():
    last = _last()
    report, note = next_year(last, "file", "/home/clerk/2022.zwgk")
    assert report.year == 2023 and report.format.id == "gov-2021"
    assert (report.agency, report.agency_type, report.contact) == (last.agency, last.agency_type, last.contact)
    assert report.values["s3.carry_in.natural"] == 2
    assert report.values["s3.carry_in.legal"] == 1
    assert report.values["s3.carry_in.total"] == 3
    assert report.values["s3.new.natural"] == 0  # this year's own numbers start at 0
    assert report.values["s2.normative.in_force"] == 27  # baseline 现行有效件数
    assert report.texts["s1"] == last.texts["s1"]  # offered as a draft
    assert report.previous["year"] == 2022 and report.previous["source_name"] == "2022.zwgk"
    assert report.previous["values"]["s3.carry_over.total"] == 3
    assert any("上年结转" in line for line in note.lines)
    rules = {f.rule for f in check(report)}
    assert "X1" not in rules and "X2" not in rules
    assert "X6" in rules  # the draft text is last year's: rewrite it


def test_next_year_blank_texts_option():
    report, _ = next_year(_last(), copy_texts=False)
    assert report.texts["s1"] == ""


def test_2020_to_2021_changes_format_and_keeps_section_three():
    last = Report.new(2020, agency="某乡人民政府", fmt=load_format("gov-2019"))
    last.set_values([("s3.new.natural", 4), ("s3.granted.natural", 3), ("s3.carry_over.natural", 1),
                     ("s2.normative.total_public", 12)])
    report, note = next_year(last)
    assert report.format.id == "gov-2021"
    assert report.values["s3.carry_in.natural"] == 1
    assert report.values["s2.normative.in_force"] == 0  # 对外公开总数量 is not 现行有效件数: no baseline
    assert any("改用" in line for line in note.lines)


def test_blank_carry_over_stays_blank_and_is_said():
    last = _last()
    last.values["s3.carry_over.research"] = None
    report, note = next_year(last)
    assert report.values["s3.carry_in.research"] is None
    assert any("科研机构" in line for line in note.lines)


def test_carry_over_missing_from_an_incomplete_source_is_named_as_missing():
    from app.report.absence import Absence

    last = _last()
    last.auto_total = False
    last.values["s3.carry_over.natural"] = None
    last.absence = Absence({"s3.carry_over.natural": "cut"}, end="第三部分“（七）总计”行“总计”列")
    report, note = next_year(last)
    assert report.values["s3.carry_in.natural"] is None
    assert any(line.startswith("上年报告（导入的原文不完整）缺少“结转下年度继续办理”的自然人列") for line in note.lines)
    assert not any("自然人列为空白" in line for line in note.lines)


def test_previous_round_trips_through_the_file(tmp_path):
    report, _ = next_year(_last())
    path = tmp_path / "2023.zwgk"
    storage.save(report, path)
    again = storage.load(path)
    assert again.previous == report.previous
    assert json.loads(path.read_text(encoding="utf-8"))["previous"]["schema"] == SCHEMA


@pytest.mark.parametrize("damage, message", [
    (lambda p: p.update(schema="x"), "schema"),
    (lambda p: p.update(year=1900), "年度"),
    (lambda p: p.update(format="gov-1999"), "格式"),
    (lambda p: p.update(source="guess"), "来源"),
    (lambda p: p["values"].update({"s9.x": 1}), "s9.x"),
    (lambda p: p["values"].update({"s3.new.total": "十"}), "数字"),
    (lambda p: p.update(texts={"s1": 5}), "文字"),
])
def test_damaged_previous_is_refused_on_load(tmp_path, damage, message):
    report, _ = next_year(_last())
    data = storage.to_dict(report)
    damage(data["previous"])
    path = tmp_path / "bad.zwgk"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(storage.StorageError, match=message):
        storage.load(path)


def test_validate_previous_normalises_whole_decimals():
    prev = make_previous(_last())
    prev["values"]["s2.fees.amount"] = 26.55
    prev["values"]["s3.new.total"] = 13.0
    clean = validate_previous(prev)
    assert clean["values"]["s3.new.total"] == 13 and isinstance(clean["values"]["s3.new.total"], int)
    assert validate_previous(None) is None
    with pytest.raises(PreviousError):
        validate_previous([1, 2])


@pytest.mark.parametrize("item, message", [
    ({"rule": "R8", "cells": [], "message": "m"}, "reason"),
    ({"rule": "R8", "cells": [], "message": "m", "reason": "  "}, "理由"),
    ({"rule": "R8", "cells": [3], "message": "m", "reason": "r"}, "cells"),
    ("R8", "对象"),
])
def test_damaged_dismissals_are_refused_on_load(tmp_path, item, message):
    data = storage.to_dict(realistic_report(2023))
    data["dismissals"] = [item]
    path = tmp_path / "bad.zwgk"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(storage.StorageError, match=message):
        storage.load(path)
