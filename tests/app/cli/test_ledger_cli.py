"""`zwgk ledger`, `zwgk ledger-template` and `zwgk aggregate` as a clerk runs them."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl

from app.cli.main import main
from app.ledger.count import count_ledger, read_ledger
from app.ledger.template import applicant_choices, build_template, result_choices
from app.report.formats import load_format
from app.report.model import Report
from app.storage import load, save

USUAL = "序号,收到日期,申请人,申请人类型,申请内容,答复日期,办理结果,不予公开理由\n"


def ledger(tmp_path: Path, *lines: str) -> Path:
    p = tmp_path / "台账.csv"
    p.write_text(USUAL + "".join(line + "\n" for line in lines), encoding="utf-8-sig")
    return p


def test_usual_ledger_becomes_a_balanced_report(tmp_path, capsys):
    src = ledger(tmp_path, "1,2024-12-30,张三,个人,内容,2025-01-08,予以公开,",
                 "2,2025-03-01,某公司,企业,内容,2025-03-15,部分公开,",
                 "3,2025-12-30,李四,公民,内容,,,")
    out = tmp_path / "报告.zwgk"
    code = main(["ledger", str(src), "--year", "2025", "-o", str(out), "--agency", "某镇人民政府"])
    assert code == 0
    report = load(out)
    assert report.agency == "某镇人民政府" and report.year == 2025
    assert report.values["s3.carry_in.total"] == 1 and report.values["s3.new.total"] == 2
    assert report.values["s3.carry_over.natural"] == 1 and report.values["s3.total.total"] == 2
    text = capsys.readouterr().out
    assert "收到日期 ← 第 2 列“收到日期”" in text and "上年结转 1 件" in text


def test_unmatched_stops_with_a_list_and_a_mapping_to_fill(tmp_path, capsys):
    src = ledger(tmp_path, "1,2025-01-05,王律师,律师,内容,2025-01-20,予以公开,")
    out, mapping = tmp_path / "报告.zwgk", tmp_path / "映射.json"
    code = main(["ledger", str(src), "--year", "2025", "-o", str(out), "--save-mapping", str(mapping)])
    assert code == 2 and not out.exists()
    err = capsys.readouterr().err
    assert "申请人类型“律师”（1 行：第 2 行）" in err and "法律服务机构" in err
    data = json.loads(mapping.read_text(encoding="utf-8"))
    assert data["applicant_types"] == {"律师": ""} and data["columns"]["received"] == "收到日期"
    data["applicant_types"]["律师"] = "法律服务机构"
    mapping.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert main(["ledger", str(src), "--year", "2025", "-o", str(out), "--mapping", str(mapping)]) == 0
    assert load(out).values["s3.granted.legal"] == 1


def test_into_existing_report_keeps_the_rest_and_a_backup(tmp_path):
    base = Report.new(2025, agency="某镇人民政府")
    base.texts["s1"] = "我的总体情况"
    base.set_value("s2.license.decisions", 5)
    path = tmp_path / "年报.zwgk"
    save(base, path)
    src = ledger(tmp_path, "1,2025-02-01,张三,个人,内容,2025-02-10,信息不存在,")
    assert main(["ledger", str(src), "--into", str(path)]) == 0
    report = load(path)
    assert report.texts["s1"] == "我的总体情况" and report.values["s2.license.decisions"] == 5
    assert report.values["s3.unable.1.natural"] == 1
    assert (tmp_path / "年报.zwgk.bak").exists()
    assert main(["ledger", str(src), "--into", str(path), "--year", "2024"]) == 2


def test_refuses_to_overwrite_and_explains_bad_input(tmp_path, capsys):
    src = ledger(tmp_path, "1,2025-02-01,张三,个人,内容,2025-02-10,予以公开,")
    out = tmp_path / "已有.zwgk"
    out.write_text("别覆盖我", encoding="utf-8")
    assert main(["ledger", str(src), "--year", "2025", "-o", str(out)]) == 2
    assert out.read_text(encoding="utf-8") == "别覆盖我"
    assert main(["ledger", str(tmp_path / "没有.xlsx"), "--year", "2025", "-o", str(tmp_path / "n.zwgk")]) == 2
    assert main(["ledger", str(src), "-o", str(tmp_path / "n.zwgk")]) == 2
    err = capsys.readouterr().err
    assert "已存在" in err and "找不到台账文件" in err and "--year" in err
    assert "Traceback" not in err


def test_template_has_drop_downs_and_counts_cleanly(tmp_path):
    out = tmp_path / "台账模板.xlsx"
    assert main(["ledger-template", str(out), "--year", "2025"]) == 0
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["台账", "选项", "填写说明"]
    ws = wb["台账"]
    lists = [dv for dv in ws.data_validations.dataValidation if dv.type == "list"]
    assert {str(dv.sqref) for dv in lists} == {"D2:D1001", "G2:G1001"}
    options = wb["选项"]
    fmt = load_format("gov-2021")
    assert [c.value for c in options["A"][1:] if c.value] == applicant_choices(fmt)
    assert [c.value for c in options["B"][1:] if c.value] == result_choices(fmt)
    assert wb["选项"].sheet_state == "hidden"
    # A clerk fills the template: every drop-down choice counts without a question.
    choices = result_choices(fmt)
    for i, choice in enumerate(choices, start=2):
        ws.cell(row=i, column=1, value=i - 1)
        ws.cell(row=i, column=2, value="2025-03-01")
        ws.cell(row=i, column=4, value=applicant_choices(fmt)[i % 6])
        ws.cell(row=i, column=6, value=None if choice == "办理中" else "2025-03-20")
        ws.cell(row=i, column=7, value=choice)
    wb.save(out)
    count = count_ledger(read_ledger(out), 2025, fmt)
    assert count.ok and count.counted == len(choices)
    assert count.tally["carry_over"] == 1


def test_template_for_2019_format_has_its_single_other_row():
    wb = build_template(load_format("gov-2019"))
    assert "其他处理" in [c.value for c in wb["选项"]["B"]]


def test_aggregate_command(tmp_path, capsys):
    for name, n in (("甲镇", 2), ("乙镇", 3)):
        r = Report.new(2025, agency=f"{name}人民政府")
        r.set_values([("s3.new.natural", n), ("s3.granted.natural", n)])
        save(r, tmp_path / f"{name}.zwgk")
    (tmp_path / "坏.zwgk").write_text("{", encoding="utf-8")
    out, total = tmp_path / "汇总.xlsx", tmp_path / "汇总.zwgk"
    code = main(["aggregate", str(tmp_path), "-o", str(out), "--report", str(total), "--agency", "某县"])
    assert code == 1  # done, but one file could not be read
    assert load(total).values["s3.new.natural"] == 5 and load(total).agency == "某县"
    text = capsys.readouterr().out
    assert "已汇总 2 个" in text and "无法读取 1 个" in text and "坏.zwgk" in text
    assert openpyxl.load_workbook(out)["汇总情况"].max_row == 1 + 3 + 1
    assert main(["aggregate", str(tmp_path), "-o", str(out)]) == 2  # exists: not overwritten without --force


def test_outputs_must_have_the_suffix_of_their_content(tmp_path, capsys):
    """`zwgk ledger 台账.csv -o 台账.csv --force` wrote the report's JSON over the ledger (a .bak was its only copy)."""
    src = ledger(tmp_path, "1,2025-02-01,张三,个人,内容,2025-02-10,予以公开,")
    before = src.read_bytes()
    assert main(["ledger", str(src), "--year", "2025", "-o", str(src), "--force"]) == 2
    assert src.read_bytes() == before
    assert main(["ledger-template", str(tmp_path / "模板.zwgk"), "--year", "2025"]) == 2
    assert main(["aggregate", str(tmp_path), "-o", str(tmp_path / "汇总.zwgk")]) == 2
    assert main(["aggregate", str(tmp_path), "-o", str(tmp_path / "汇总.xlsx"), "--report", str(tmp_path / "x.xlsx")]) == 2
    err = capsys.readouterr().err
    assert err.count("扩展名应为 .zwgk") == 2 and err.count("扩展名应为 .xlsx") == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == [src.name]
