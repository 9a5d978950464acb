"""Checks on a report whose source did not contain everything: I1 once, no R1–R4/R9/T5 on absent parts, and R9
never calls a row the import could not place blank."""

from __future__ import annotations

from app.report.absence import Absence
from app.report.previous import make_previous
from app.rules import check
from tests.app.report.test_absence import cut_after
from tests.factories import realistic_report


def imported_cut_page():
    r = realistic_report(2024, agency_type="township")
    r.auto_total = False
    cut_after(r, "s3.deny.5.other")
    return r


def test_a_cut_page_gives_one_incomplete_finding_and_no_false_errors():
    r = imported_cut_page()
    findings = check(r)
    assert [f.rule for f in findings] == ["I1"]
    (f,) = findings
    assert f.severity == "error" and f.section == "s3"
    assert f.message == (
        "原文在第三部分“5.属于三类内部事务信息”行“其他”列之后中断，其后内容缺失：第三部分表格中的 113 个单元格、"
        "第四部分的表格、“五、存在的主要问题及改进情况”“六、其他需要报告的事项”的文字。这些内容没有导入，"
        "检查不把它们当作空白或 0，也不据此核对合计和勾稽关系；请对照原始报告补填")
    assert f.cells[0] == "s3.deny.5.total" and len(f.cells) == 113 + 15


def test_what_the_page_has_is_still_checked():
    r = imported_cut_page()
    r.values["s3.granted.natural"] = None  # blank on the page itself: R9 as always
    r.values["s2.rules.issued"] = 2  # a township reporting 规章: S1 runs on what was imported
    rules = {f.rule: f for f in check(r)}
    assert rules["R9"].message.startswith("第三部分有 1 个空白单元格：“（一）予以公开”行的自然人列。")
    assert rules["R9"].cells == ("s3.granted.natural",)
    assert "S1" in rules and "I1" in rules


def test_filling_in_the_missing_parts_brings_the_checks_back():
    r = imported_cut_page()
    r.set_values((c, 0) for c in list(r.absent_cells()))
    r.texts["s5"], r.texts["s6"] = "人员不足。", "无"
    rules = {f.rule for f in check(r)}
    assert "I1" not in rules
    assert {"R1", "R2"} <= rules  # the page's 12 applications now meet the zeros typed in


def test_a_source_without_two_tables_names_them():
    r = realistic_report()
    r.auto_total = False
    gone = [c for c in r.format.cell_order if c.startswith(("s3.", "s4."))]
    for c in gone:
        r.values[c] = None
    r.absence = Absence(dict.fromkeys(gone, "missing"))
    f, r8 = check(r)  # the one error, and the text's 13 applications that cannot be checked (a hint)
    assert f.message.startswith("原文中没有第三部分的表格、第四部分的表格。这些内容没有导入")
    assert (r8.rule, r8.severity) == ("R8", "info") and "全年共收到政府信息公开申请13件”无法核对" in r8.message


def test_a_row_the_import_refused_is_not_called_blank():
    r = realistic_report()
    r.auto_total = False
    row = ["s2.normative.issued", "s2.normative.repealed", "s2.normative.in_force"]
    for c in row:
        r.values[c] = None
    r.absence = Absence(dict.fromkeys(row, "refused"))
    (f,) = check(r)
    assert f.rule == "R9" and f.cells == tuple(row)
    assert f.message == ("第二部分“行政规范性文件”行没有导入：原文中有这些数字，但导入时无法读取或无法确定位置"
                         "（原因见导入报告）。请对照原文填写，不要当作空白")


def test_carry_over_from_last_year_is_not_compared_with_an_absent_cell():
    last = realistic_report(2023)
    last.set_value("s3.carry_over.natural", 4)
    r = realistic_report(2024)
    r.auto_total = False
    r.previous = make_previous(last)
    r.values["s3.carry_in.natural"] = None
    r.absence = Absence({"s3.carry_in.natural": "missing"})
    x1 = [f.cells for f in check(r) if f.rule == "X1"]
    assert ("s3.carry_in.natural",) not in x1
    r.values["s3.carry_in.natural"] = 0
    assert ("s3.carry_in.natural",) in [f.cells for f in check(r) if f.rule == "X1"]
