"""`zwgk next`, `zwgk import` and `zwgk check --previous`."""

from __future__ import annotations

import json

from app import storage
from app.cli.main import EXIT_CLEAN, EXIT_ERRORS, main
from tests.app.imports.builders import report_docx, report_html
from tests.factories import realistic_report


def _last(tmp_path):
    last = realistic_report(2022)
    last.set_values([("s3.carry_over.natural", 2), ("s3.granted.natural", 3)])
    path = tmp_path / "2022.zwgk"
    storage.save(last, path)
    return last, path


def test_next_creates_the_draft_and_refuses_to_overwrite(tmp_path, capsys):
    _, path = _last(tmp_path)
    out = tmp_path / "2023.zwgk"
    assert main(["next", str(path), str(out)]) == EXIT_CLEAN
    text = capsys.readouterr().out
    assert "已创建" in text and "上年结转" in text
    report = storage.load(out)
    assert report.year == 2023 and report.values["s3.carry_in.natural"] == 2
    assert report.previous["source"] == "file"
    assert main(["next", str(path), str(out)]) == EXIT_ERRORS
    assert "已存在" in capsys.readouterr().err


def test_next_from_a_published_word_document(tmp_path, capsys):
    last = realistic_report(2022)
    src = report_docx(last, tmp_path / "2022年报.docx")
    out = tmp_path / "2023.zwgk"
    assert main(["next", str(src), str(out)]) == EXIT_CLEAN
    text = capsys.readouterr().out
    assert "导入报告" in text
    report = storage.load(out)
    assert report.previous["source"] == "import" and report.previous["source_name"] == "2022年报.docx"
    assert report.values["s3.carry_in.natural"] == last.values["s3.carry_over.natural"]


def test_import_prints_the_report_and_writes_the_file(tmp_path, capsys):
    src = tmp_path / "page.html"
    src.write_text(report_html(realistic_report(2023), zero="/"), encoding="utf-8")
    out = tmp_path / "imported.zwgk"
    assert main(["import", str(src), "-o", str(out)]) == EXIT_CLEAN
    text = capsys.readouterr().out
    assert "已识别数值" in text and "空白或不适用" in text and "“/”" in text
    report = storage.load(out)
    assert report.auto_total is False and report.values["s2.license.decisions"] == 412


def test_import_json_and_bad_source(tmp_path, capsys):
    src = report_docx(realistic_report(2023), tmp_path / "r.docx")
    assert main(["import", str(src), "-o", str(tmp_path / "r.zwgk"), "--json"]) == EXIT_CLEAN
    data = json.loads(capsys.readouterr().out)
    assert data["format"] == "gov-2021" and data["year"] == 2023 and not data["unplaced"]
    assert data["agency"] == "某县自然资源局" and data["agency_type"] == "county_department"
    assert data["sources"]["agency"] == "取自标题" and data["sources"]["year"].startswith("从标题")
    assert data["absent"] == {"cells": {}, "texts": {}, "end": ""}
    bad = tmp_path / "old.doc"
    bad.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100)
    assert main(["import", str(bad), "-o", str(tmp_path / "x.zwgk")]) == EXIT_ERRORS
    err = capsys.readouterr().err
    assert "另存为 .docx" in err and "Traceback" not in err
    assert not (tmp_path / "x.zwgk").exists()


def test_import_and_check_a_cut_page(tmp_path, capsys):
    """A page that stops inside Section 三: saved as file version 2 with its absent parts; check names it once."""
    page = report_html(realistic_report(2024), blank="0")
    page = page[:page.index("</tr>", page.index("4.保护第三方合法权益")) + 5]
    src = tmp_path / "page.html"
    src.write_text(page, encoding="utf-8")
    out = tmp_path / "cut.zwgk"
    assert main(["import", str(src), "-o", str(out), "--json"]) == EXIT_CLEAN
    data = json.loads(capsys.readouterr().out)
    assert data["absent"]["end"] == "第三部分“4.保护第三方合法权益”行“总计”列"
    assert json.loads(out.read_text(encoding="utf-8"))["file_version"] == 2
    assert main(["check", str(out), "--json"]) == EXIT_ERRORS
    (result,) = json.loads(capsys.readouterr().out)
    assert [f["rule"] for f in result["findings"]] == ["I1"]


def test_check_with_previous_links_last_year(tmp_path, capsys):
    _, last_path = _last(tmp_path)
    this = realistic_report(2023)  # carry_in natural 1, last year carried over 2
    this_path = tmp_path / "2023.zwgk"
    storage.save(this, this_path)
    main(["check", str(this_path), "--json"])
    assert not [f for f in json.loads(capsys.readouterr().out)[0]["findings"] if f["rule"] == "X1"]
    code = main(["check", str(this_path), "--previous", str(last_path), "--json"])
    results = json.loads(capsys.readouterr().out)
    x1 = [f for f in results[0]["findings"] if f["rule"] == "X1"]
    assert code == EXIT_ERRORS and x1 and "自然人" in x1[0]["message"]
    assert storage.load(this_path).previous is None  # checking never writes the file


def test_check_prints_dismissed_warnings_with_their_reason(tmp_path, capsys):
    from app.rules import check

    r = realistic_report(2023)
    r.texts["s1"] = r.texts["s1"].replace("13件", "14件")
    f = next(x for x in check(r) if x.rule == "R8")
    r.dismissals.append(f.dismissal("含1件口头申请"))
    path = tmp_path / "d.zwgk"
    storage.save(r, path)
    main(["check", str(path)])
    out = capsys.readouterr().out
    assert "（已忽略：含1件口头申请）" in out


def test_check_with_an_unreadable_previous_report_exits_3(tmp_path, capsys):
    this_path = tmp_path / "2023.zwgk"
    storage.save(realistic_report(2023), this_path)
    broken = tmp_path / "2022.zwgk"
    broken.write_text("{", encoding="utf-8")
    assert main(["check", str(this_path), "--previous", str(broken)]) == 3
    assert "上年报告" in capsys.readouterr().err
