"""R8: counts quoted in the text against the tables, side by side; and dismissing such a warning with a reason."""

from __future__ import annotations

from app import storage
from app.rules import check, summary
from app.rules.text_numbers import chinese_number
from tests.factories import realistic_report


def _r8(report):
    return [f for f in check(report) if f.rule == "R8"]


def test_matching_numbers_give_no_warning():
    r = realistic_report(2023)  # 13 applications, 6 granted, 2 partial, 1 denied, 3 unable, 1 rejected, 1 carried
    r.texts["s1"] += ("全年共收到政府信息公开申请13件，上年结转1件，其中予以公开6件、部分公开2件、不予公开1件、"
                      "无法提供3件、不予处理1件，结转下年度继续办理1件。被申请行政复议2件，行政诉讼1件。")
    assert _r8(r) == []


def test_a_wrong_count_is_shown_next_to_the_table_value():
    r = realistic_report(2023)
    r.texts["s1"] = r.texts["s1"].replace("13件", "12件")
    found = _r8(r)
    assert len(found) == 1
    f = found[0]
    assert f.severity == "warning" and f.section == "s1" and f.cells == ("s3.new.total",)
    assert "全年共收到政府信息公开申请12件" in f.message and "为 13" in f.message


def test_nearest_quantity_wins_and_sums_are_compared():
    r = realistic_report(2023)
    r.texts["s5"] = "本年度收到行政复议申请3件；不予公开2件"  # 复议 total is 2, 不予公开 sums to 1
    found = {f.cells: f for f in _r8(r)}
    assert ("s4.review.total",) in found  # “收到行政复议申请3件” is a 复议 count, not a 收到 count
    deny = [f for c, f in found.items() if "s3.deny.1.total" in c]
    assert deny and "“不予公开”各项之和为 1" in deny[0].message


def test_carried_in_and_carried_over_are_told_apart():
    r = realistic_report(2023)
    r.texts["s6"] = "上年结转1件，结转下年度1件，第3件事不计。"
    assert _r8(r) == []
    r.texts["s6"] = "上年结转2件。"
    assert [f.cells for f in _r8(r)] == [("s3.carry_in.total",)]


def test_chinese_numerals_and_unrelated_numbers():
    assert [chinese_number(t) for t in ("三", "十二", "二十", "一百零五", "两")] == [3, 12, 20, 105, 2]
    r = realistic_report(2023)
    r.texts["s1"] = "2023年，本局收到政府信息公开申请十三件，办理率100%，更新信息350条。"
    assert _r8(r) == []
    r.texts["s1"] = "本局收到政府信息公开申请十件。"
    assert len(_r8(r)) == 1


def test_internal_rules_are_not_rules():
    r = realistic_report(2023)
    r.texts["s1"] = "制定内部规章制度5件。"
    assert _r8(r) == []


def test_dismissed_warning_is_kept_marked_saved_and_not_counted(tmp_path):
    r = realistic_report(2023)
    r.texts["s1"] = r.texts["s1"].replace("13件", "15件")  # the text counts 2 consultations by phone as well
    before = summary(check(r))
    f = _r8(r)[0]
    r.dismissals.append(f.dismissal("文字中的15件含电话咨询2件，表格只统计书面申请", "2024-01-15"))
    findings = check(r)
    dismissed = [x for x in findings if x.dismissed]
    assert len(dismissed) == 1 and dismissed[0].rule == "R8"
    assert findings[-1].dismissed  # dismissed ones come last
    assert summary(findings)["warning"] == before["warning"] - 1
    assert dismissed[0].as_json()["dismissed"].startswith("文字中的15件")
    path = tmp_path / "r.zwgk"
    storage.save(r, path)
    again = storage.load(path)
    assert again.dismissals == r.dismissals
    assert [x.dismissed for x in check(again) if x.rule == "R8"] == [dismissed[0].dismissed]
    # when the number changes the warning is a new one and shows again
    again.texts["s1"] = again.texts["s1"].replace("15件", "16件")
    assert [x.dismissed for x in check(again) if x.rule == "R8"] == [None]


def test_errors_cannot_be_dismissed():
    r = realistic_report(2023)
    r.auto_total = False
    r.values["s3.new.total"] = 99
    err = next(f for f in check(r) if f.severity == "error")
    assert not err.dismissable
    r.dismissals.append(err.dismissal("不想改"))
    assert all(f.dismissed is None for f in check(r) if f.severity == "error")


def test_counts_of_other_things_are_not_compared():
    r = realistic_report(2023)
    r.texts["s6"] = ("全年收到群众来信20件，答复人大代表建议15件、政协提案8件，已办理完毕人大建议5件；"
                     "清理规范性文件15件，废止规章2件。")
    assert _r8(r) == []
    r.texts["s6"] = "本年制发行政规范性文件4件，答复政府信息公开申请12件。"  # 3 issued, 13 handled
    assert {f.cells for f in _r8(r)} == {("s2.normative.issued",), ("s3.total.total",)}
