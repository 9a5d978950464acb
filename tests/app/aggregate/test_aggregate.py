"""汇总: a folder with good, bad, duplicate, conflicting, other-year and other-format files."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from app.aggregate.collect import AggregateError, aggregate, collect, sum_reports
from app.aggregate.workbook import build_workbook, key_cells, save_workbook
from app.report.formats import load_format
from app.report.model import Report
from app.rules import check
from app.storage import save

UNIT_VALUES = {
    "甲镇人民政府": {"s3.new.natural": 3, "s3.granted.natural": 2, "s3.carry_over.natural": 1,
                  "s2.fees.amount": Decimal("1.25"), "s4.review.upheld": 1},
    "乙镇人民政府": {"s3.new.natural": 1, "s3.new.business": 2, "s3.carry_in.natural": 1,
                  "s3.granted.business": 2, "s3.unable.1.natural": 2, "s2.fees.amount": Decimal("0.5")},
    "丙街道办事处": {"s3.new.legal": 1, "s3.deny.4.legal": 1, "s2.license.decisions": 7},
}


def unit(agency: str, year: int = 2025, values: dict | None = None, fmt: str | None = None) -> Report:
    report = Report.new(year, agency=agency, fmt=load_format(fmt) if fmt else None)
    report.set_values((values if values is not None else UNIT_VALUES[agency]).items())
    report.texts.update({"s1": "总体情况", "s5": "问题", "s6": "无"})
    return report


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    d = tmp_path / "各单位"
    (d / "街道").mkdir(parents=True)
    save(unit("甲镇人民政府"), d / "甲镇.zwgk")
    save(unit("乙镇人民政府"), d / "乙镇.zwgk")
    save(unit("丙街道办事处"), d / "街道" / "丙街道.zwgk")
    save(unit("甲镇人民政府"), d / "甲镇（再次报送）.zwgk")  # identical copy: summed once
    save(unit("丁镇人民政府", values={"s3.new.natural": 1, "s3.granted.natural": 1}), d / "丁镇-初稿.zwgk")
    save(unit("丁镇人民政府", values={"s3.new.natural": 2, "s3.granted.natural": 2}), d / "丁镇-终稿.zwgk")
    save(unit("戊镇人民政府", year=2024, values={"s3.new.natural": 9}), d / "戊镇2024.zwgk")
    save(unit("己镇人民政府", values={"s3.new.natural": 5}, fmt="gov-2019"), d / "己镇旧格式.zwgk")
    (d / "坏文件.zwgk").write_text("{not json", encoding="utf-8")
    (d / "庚镇年报.docx").write_bytes(b"PK")
    (d / "说明.txt").write_text("不是报告", encoding="utf-8")
    (d / "甲镇.zwgk.bak").write_text("备份", encoding="utf-8")
    return d


def by_name(result):
    return {Path(u.path).name: u for u in result.units}


def test_folder_statuses(folder):
    result = aggregate([folder])
    units = by_name(result)
    assert set(units) == {"甲镇.zwgk", "乙镇.zwgk", "丙街道.zwgk", "甲镇（再次报送）.zwgk", "丁镇-初稿.zwgk",
                          "丁镇-终稿.zwgk", "戊镇2024.zwgk", "己镇旧格式.zwgk", "坏文件.zwgk", "庚镇年报.docx"}
    status = {name: u.status for name, u in units.items()}
    assert status == {"甲镇.zwgk": "summed", "乙镇.zwgk": "summed", "丙街道.zwgk": "summed",
                      "甲镇（再次报送）.zwgk": "duplicate", "丁镇-初稿.zwgk": "conflict", "丁镇-终稿.zwgk": "conflict",
                      "戊镇2024.zwgk": "other_year", "己镇旧格式.zwgk": "other_format", "坏文件.zwgk": "unreadable",
                      "庚镇年报.docx": "unreadable"}
    assert "导入" in units["庚镇年报.docx"].note
    assert "损坏" in units["坏文件.zwgk"].note
    assert result.year == 2025 and result.format.id == "gov-2021"


def test_sum_is_cell_by_cell_over_summed_units_only(folder):
    result = aggregate([folder])
    total = result.total
    assert total.values["s3.new.natural"] == 3 + 1
    assert total.values["s3.new.total"] == 3 + 3 + 1
    assert total.values["s3.carry_in.total"] == 1
    assert total.values["s2.fees.amount"] == Decimal("1.75")
    assert total.values["s2.license.decisions"] == 7
    assert total.values["s4.review.total"] == 1
    assert not [f for f in check(total) if f.rule in ("R1", "R2", "R3", "R4")]


def test_blank_cells_count_as_zero_and_stay_blank_when_all_blank():
    a, b = unit("甲镇人民政府"), unit("乙镇人民政府")
    a.values["s3.new.natural"] = None
    a.values["s2.license.decisions"] = None
    b.values["s2.license.decisions"] = None
    total, notes = sum_reports([a, b], 2025, a.format)
    assert total.values["s3.new.natural"] == 1
    assert total.values["s2.license.decisions"] is None
    assert any("空白" in n for n in notes)


def test_a_cell_absent_from_one_unit_is_absent_from_the_sum_never_a_partial_sum():
    from app.report.absence import Absence

    a, b = unit("甲镇人民政府"), unit("乙镇人民政府")
    b.auto_total = False
    b.values["s4.review.upheld"] = None
    b.absence = Absence({"s4.review.upheld": "cut"})
    total, notes = sum_reports([a, b], 2025, a.format)
    assert total.values["s4.review.upheld"] is None and total.is_absent("s4.review.upheld")
    assert total.values["s3.new.natural"] == a.values["s3.new.natural"] + b.values["s3.new.natural"]
    assert any("缺失" in n and "不按 0 求和" in n for n in notes)
    assert any(f.rule == "I1" for f in check(total))


def test_stated_totals_are_summed_as_stated_when_a_unit_had_auto_total_off():
    a, b = unit("甲镇人民政府"), unit("乙镇人民政府")
    b.auto_total = False
    b.values["s3.new.total"] = 99  # the unit's own arithmetic error
    total, _ = sum_reports([a, b], 2025, a.format)
    assert not total.auto_total
    assert total.values["s3.new.total"] == 3 + 99
    assert any(f.rule == "R3" for f in check(total))


def test_year_can_be_chosen_and_defaults_to_the_most_common(folder):
    assert aggregate([folder], year=2024).total.values["s3.new.natural"] == 9
    assert by_name(aggregate([folder], year=2024))["甲镇.zwgk"].status == "other_year"


def test_workbook_lists_every_unit_finding_and_total(folder, tmp_path):
    result = aggregate([folder])
    out = tmp_path / "汇总.xlsx"
    save_workbook(result, out)
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["汇总情况", "检查结果", "汇总数值"]
    ws = wb["汇总情况"]
    head = [c.value for c in ws[1]]
    assert head[:8] == ["序号", "文件", "机关名称", "机关类型", "年度", "格式", "错误", "警告"]
    assert head[-2:] == ["状态", "说明"]
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=2)]
    assert len(rows) == len(result.units) + 1
    new_total = head.index(dict(key_cells(result.format))["s3.new.total"])
    assert rows[-1][2] == "合计（3 个单位）" and rows[-1][new_total] == 7
    statuses = {Path(r[1]).name: r[-2] for r in rows[:-1]}
    assert statuses["戊镇2024.zwgk"] == "年度不同，未汇总" and statuses["坏文件.zwgk"] == "无法读取"
    findings = [[c.value for c in r] for r in wb["检查结果"].iter_rows(min_row=2)]
    old_format = [f for f in findings if Path(f[0]).name == "己镇旧格式.zwgk"]
    assert any(f[3] == "F1" and f[2] == "错误" for f in old_format)
    values = {r[0].value: r[2].value for r in wb["汇总数值"].iter_rows(min_row=2)}
    assert values["s3.new.total"] == 7 and values["s2.fees.amount"] == pytest.approx(1.75)


def test_progress_is_reported_and_can_cancel(folder):
    seen = []

    def progress(done, total, path):
        seen.append((done, total))
        return done < 3

    result = aggregate([folder], progress=progress)
    assert result.cancelled and len(result.units) == 3 and result.total is None
    assert seen[-1] == (3, 10)


def test_nothing_to_aggregate(tmp_path):
    with pytest.raises(AggregateError):
        aggregate([tmp_path])
    (tmp_path / "坏.zwgk").write_text("x", encoding="utf-8")
    result = aggregate([tmp_path])
    assert result.total is None and result.units[0].status == "unreadable"
    build_workbook(result)  # still writes the list of what could not be read


def test_collect_keeps_each_file_once(folder):
    files = collect([folder, folder / "甲镇.zwgk"])
    assert len(files) == len(set(files)) == 10


def test_word_and_excel_reports_are_imported_and_summed(tmp_path):
    from app.export import export_report

    save(unit("甲镇人民政府"), tmp_path / "甲镇.zwgk")
    export_report(unit("乙镇人民政府"), "docx", tmp_path / "乙镇.docx")
    export_report(unit("丙街道办事处"), "xlsx", tmp_path / "丙街道.xlsx")
    out = tmp_path / "汇总.xlsx"
    save_workbook(aggregate([tmp_path]), out)
    result = aggregate([tmp_path], skip=[out])  # the summary saved into the folder is not a unit
    assert {Path(u.path).name: u.status for u in result.units} == {
        "甲镇.zwgk": "summed", "乙镇.docx": "summed", "丙街道.xlsx": "summed"}
    assert result.total.values["s3.new.total"] == 3 + 3 + 1
    assert result.total.values["s2.license.decisions"] == 7


def test_control_characters_in_a_unit_file_do_not_break_the_summary_workbook(tmp_path):
    """A hand-edited unit file with "\\x01" in its agency name made openpyxl raise IllegalCharacterError."""
    save(unit("甲\x01镇人民政府", values=UNIT_VALUES["甲镇人民政府"]), tmp_path / "甲镇.zwgk")
    out = tmp_path / "汇总.xlsx"
    save_workbook(aggregate([tmp_path]), out)
    names = [c.value for c in openpyxl.load_workbook(out)["汇总情况"]["C"]]
    assert "甲镇人民政府" in names


def test_office_owner_files_of_open_documents_are_not_units(tmp_path):
    """Word and WPS keep “~$name.docx” beside an open document; it was read as a damaged unit report."""
    save(unit("甲镇人民政府"), tmp_path / "甲镇.zwgk")
    (tmp_path / "~$乙镇年报.docx").write_bytes(b"\x0cAdministrator" + b"\x00" * 149)
    assert [p.name for p in collect([tmp_path])] == ["甲镇.zwgk"]
