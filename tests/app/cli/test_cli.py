import json
import subprocess
import sys

import pytest

from app.cli.main import main
from app.storage import load, save
from tests.factories import realistic_report


def run(capsys, *args):
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_new_with_values_and_stated_total_that_check_reports(tmp_path, capsys):
    values = tmp_path / "values.json"
    values.write_text(json.dumps({"s3.new.natural": 12, "s3.new.total": 11, "s3.carry_in.natural": None}), encoding="utf-8")
    out = tmp_path / "r.zwgk"
    code, text, _ = run(capsys, "new", str(out), "--agency", "某镇人民政府", "--year", "2025", "--type", "乡镇",
                        "--values", str(values))
    assert code == 0 and "已创建" in text
    report = load(out)
    assert report.values["s3.new.total"] == 11 and not report.auto_total  # stated total kept, not replaced
    assert report.values["s3.carry_in.natural"] is None
    assert report.agency_type == "township"
    code, text, _ = run(capsys, "check", str(out))
    assert code == 2
    assert "[错误] R3" in text and "总计 = 11，六类申请人之和 = 12" in text
    assert "[警告] R9" in text


def test_new_refuses_to_overwrite_and_unknown_cells(tmp_path, capsys):
    out = tmp_path / "r.zwgk"
    out.write_text("mine", encoding="utf-8")
    code, _, err = run(capsys, "new", str(out), "--agency", "甲", "--year", "2025")
    assert code == 2 and "已存在" in err and out.read_text(encoding="utf-8") == "mine"
    values = tmp_path / "v.json"
    values.write_text('{"s3.nope": 1}', encoding="utf-8")
    code, _, err = run(capsys, "new", str(tmp_path / "n.zwgk"), "--agency", "甲", "--year", "2025", "--values", str(values))
    assert code == 2 and "s3.nope" in err
    code, _, err = run(capsys, "new", str(tmp_path / "n.zwgk"), "--agency", "甲", "--year", "2025", "--type", "村")
    assert code == 2 and "未知的机关类型" in err


def test_check_exit_codes_and_json(tmp_path, capsys, sample_path):
    clean = tmp_path / "clean.zwgk"
    save(realistic_report(), clean)
    broken = tmp_path / "broken.zwgk"
    broken.write_text("{", encoding="utf-8")
    assert run(capsys, "check", str(clean))[0] == 0
    assert run(capsys, "check", str(sample_path))[0] == 1
    code, text, _ = run(capsys, "check", str(clean), str(broken), "--json")
    assert code == 3
    data = json.loads(text)
    passed = data[0].pop("passed")
    assert data[0] == {"file": str(clean), "readable": True, "summary": {"error": 0, "warning": 0, "info": 0},
                       "findings": []}
    assert {"rule": "R1", "cells": ["s3.new.total", "s3.carry_in.total", "s3.total.total", "s3.carry_over.total"],
            "detail": "第三部分“总计”列：一+二 = 14 = 三（七）+四"} in passed
    assert data[1]["readable"] is False and "已损坏" in data[1]["error"]
    lines = text.splitlines()  # one file a line: what a script greps and a person reads
    assert lines[0] == "[" and lines[-1] == "]" and len(lines) == 4
    assert json.loads(lines[1].rstrip(",")) == {**data[0], "passed": passed} and lines[1].endswith(",")
    code, text, _ = run(capsys, "check", str(sample_path), "--json")
    finding = json.loads(text)[0]["findings"][0]
    assert set(finding) == {"rule", "severity", "cells", "message"} and finding["severity"] == "warning"


def test_cells_json_contract(capsys, sample_path):
    code, text, _ = run(capsys, "cells", "gov-2021", "--json")
    cells = json.loads(text)
    assert code == 0 and len(cells) == 200
    by_id = {c["id"]: c for c in cells}
    assert by_id["s3.deny.1.natural"] == {
        "id": "s3.deny.1.natural", "section": 3, "row": "1.属于国家秘密", "row_path": ["三、本年度办理结果", "（三）不予公开"],
        "column": "自然人", "column_path": ["申请人情况"], "kind": "count"}
    assert [c["id"] for c in cells][:2] == ["s2.rules.issued", "s2.rules.repealed"]
    _, text, _ = run(capsys, "cells", str(sample_path), "--json")
    assert json.loads(text)[0]["value"] == 0


def test_cells_of_unreadable_file(capsys, tmp_path):
    code, _, err = run(capsys, "cells", str(tmp_path / "none.zwgk"))
    assert code == 3 and "找不到" in err


def test_python_dash_m_app_runs(sample_path):
    proc = subprocess.run([sys.executable, "-m", "app", "check", str(sample_path)], capture_output=True, text=True,
                          cwd=sample_path.parents[2], check=False)
    assert proc.returncode == 1 and "T2" in proc.stdout


@pytest.mark.parametrize("args", [["--version"], ["--help"]])
def test_help_and_version(capsys, args):
    assert main(args) == 0
    assert "政务公开年报助手" in capsys.readouterr().out


def test_command_names_match_the_parser():
    from app.cli.main import COMMANDS, build_parser

    parser = build_parser()
    choices = next(a.choices for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
    assert set(choices) == COMMANDS


def test_starting_the_window_loads_no_command_code(sample_path):
    """`zwgk REPORT.zwgk` goes straight to the window: the ledger, import and Excel code load only when used."""
    probe = (
        "import sys, app.cli.main, app.cli.common\n"
        "host = app.cli.common.Host(run_gui=lambda paths: print('GUI', *paths) or 0)\n"
        f"app.cli.main.main([{str(sample_path)!r}], host)\n"
        "print(sorted(m for m in ('openpyxl', 'docx', 'app.ledger.count', 'app.imports', 'app.aggregate.collect') if m in sys.modules))\n"
    )
    proc = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True,
                          cwd=sample_path.parents[2])
    assert proc.stdout.splitlines() == [f"GUI {sample_path}", "[]"]


@pytest.mark.parametrize(("value", "reason"), [("1.5", "整数"), ("-2", "负数"), ("1e20", "过大")])
def test_new_applies_the_entry_rules_to_values_json(tmp_path, capsys, value, reason):
    """values.json goes through numbers.coerce like grid entry: no file the program itself would refuse or flag R5."""
    values = tmp_path / "v.json"
    values.write_text(f'{{"s3.new.natural": {value}}}', encoding="utf-8")
    out = tmp_path / "n.zwgk"
    code, _, err = run(capsys, "new", str(out), "--agency", "甲", "--year", "2025", "--values", str(values))
    assert code == 2 and "s3.new.natural" in err and reason in err
    assert not out.exists()


def test_a_mistyped_command_is_named_not_opened_as_a_report(tmp_path, capsys, monkeypatch):
    from app.cli.common import Host

    opened = []
    host = Host(run_gui=lambda paths: opened.append(paths) or 0)
    monkeypatch.chdir(tmp_path)
    code, _, err = run(capsys, "chek", "r.zwgk")
    assert code == 2 and "未知的命令“chek”" in err and "check" in err and opened == []
    assert main(["新报告.zwgk"], host) == 0 and opened == [["新报告.zwgk"]]  # a path (even a missing one) opens the window
    (tmp_path / "README").write_text("x", encoding="utf-8")
    assert main(["README"], host) == 0 and opened[-1] == ["README"]  # an existing file without a suffix too


def test_check_lists_what_passed_with_its_arithmetic_on_request(tmp_path, capsys):
    r = realistic_report()
    r.auto_total = False  # an imported report: its stated totals are compared
    r.values["s3.new.total"] = 14  # the applicant columns add up to 13
    path = tmp_path / "r.zwgk"
    save(r, path)
    code, text, _ = run(capsys, "check", str(path))
    assert code == 2 and "通过" not in text
    code, text, _ = run(capsys, "check", str(path), "--verbose")
    lines = text.splitlines()
    assert "  [错误] R3 第三部分“一、本年新收政府信息公开申请数量”行：总计 = 14，六类申请人之和 = 13，相差 1" in lines
    assert "  [通过] R3 第三部分“二、上年结转政府信息公开申请数量”行：总计 = 1 = 1" in lines
    assert "  [通过] R4 第四部分“行政复议”：总计 = 2 = 1+1" in lines
    assert not any(line.startswith("  [通过] R3 第三部分“一、本年新收") for line in lines)  # the failing row is not passed
    assert not any("[通过] X1" in line for line in lines)  # no last year's figures: the cross-year rules did not run
    _, text, _ = run(capsys, "check", str(path), "--json")
    passed = json.loads(text)[0]["passed"]
    assert all(set(p) == {"rule", "cells", "detail"} for p in passed)
    assert {p["rule"] for p in passed} >= {"F1", "R1", "R2", "R4", "R5", "S1", "T2", "T5"}


def test_export_refuses_a_report_with_errors_unless_draft_and_marks_the_draft(tmp_path, capsys):
    import docx
    import openpyxl

    report = realistic_report()
    report.auto_total = False
    report.values["s3.new.total"] = 99  # a stated total that disagrees with its parts: errors R1, R3
    path = tmp_path / "r.zwgk"
    save(report, path)
    out = tmp_path / "r.docx"
    code, text, err = run(capsys, "export", str(path), "--to", "docx", "-o", str(out))
    assert code == 2 and not out.exists()
    assert "个错误，没有导出" in err and "[错误] R3" in err and "--draft" in err
    code, text, err = run(capsys, "export", str(path), "--to", "docx", "-o", str(out), "--draft")
    assert code == 0 and "已导出草稿" in text
    header = docx.Document(str(out)).sections[0].header.paragraphs[0].text
    assert header == "草稿（未通过检查）"
    xlsx = tmp_path / "r.xlsx"
    assert run(capsys, "export", str(path), "--to", "xlsx", "-o", str(xlsx), "--draft")[0] == 0
    ws = openpyxl.load_workbook(xlsx).worksheets[1]
    assert ws.oddHeader.left.text == "草稿（未通过检查）" and "草稿（未通过检查）" in ws["A1"].value
    html = tmp_path / "r.html"
    assert run(capsys, "export", str(path), "--to", "html", "-o", str(html), "--draft")[0] == 0
    assert '<p class="draft">草稿（未通过检查）</p>' in html.read_text(encoding="utf-8")


def test_draft_of_a_clean_report_is_the_final_file(tmp_path, capsys):
    import docx

    path = tmp_path / "r.zwgk"
    save(realistic_report(), path)
    out = tmp_path / "r.docx"
    code, text, _ = run(capsys, "export", str(path), "--to", "docx", "-o", str(out), "--draft")
    assert code == 0 and "没有发现错误" in text
    assert docx.Document(str(out)).sections[0].header.paragraphs[0].text == ""


def test_a_poster_is_never_made_from_a_report_with_errors(tmp_path, capsys):
    report = realistic_report()
    report.auto_total = False
    report.values["s3.new.total"] = 99
    path = tmp_path / "r.zwgk"
    save(report, path)
    for extra in ([], ["--draft"]):  # a poster has no page to carry the draft mark: refused either way
        code, _, err = run(capsys, "export", str(path), "--to", "poster-png", "-o", str(tmp_path / "p.png"), *extra)
        assert code == 2 and "一图读懂只从通过检查的报告生成" in err
    assert not (tmp_path / "p.png").exists()
