"""`zwgk draft`: the drafted paragraphs as text and as JSON (docs/cli.md)."""

import json

from app.storage import save
from tests.app.cli.test_cli import run
from tests.factories import city_report


def test_draft_prints_headings_and_paragraphs(tmp_path, capsys):
    path = tmp_path / "市.zwgk"
    save(city_report(), path)
    code, out, _ = run(capsys, "draft", str(path))
    lines = out.splitlines()
    assert code == 0 and lines[0] == "二、主动公开政府信息情况"
    assert "三、收到和处理政府信息公开申请情况" in lines and "四、政府信息公开行政复议、行政诉讼情况" in lines
    assert any(line.startswith("本年度共收到政府信息公开申请14778件") for line in lines)


def test_draft_json_for_one_section(tmp_path, capsys):
    path = tmp_path / "市.zwgk"
    save(city_report(), path)
    code, out, _ = run(capsys, "draft", str(path), "--section", "四", "--json")
    data = json.loads(out)
    assert code == 0 and data["linked_previous"] is False and [p["section"] for p in data["paragraphs"]] == ["s4"]
    p = data["paragraphs"][0]
    assert p["text"].startswith("本年度本机关因政府信息公开工作被申请行政复议49件")
    assert p["field_text"].startswith("本年度本机关因政府信息公开工作被申请行政复议⟦s4.review.total⟧件")
    first = p["fields"][0]
    assert first == {"token": "⟦s4.review.total⟧", "cells": ["s4.review.total"], "mode": "value", "shows": "49",
                     "source": "第四部分“行政复议”下“总计”列"}


def test_draft_refuses_unknown_section_and_unreadable_file(tmp_path, capsys):
    path = tmp_path / "市.zwgk"
    save(city_report(), path)
    code, _, err = run(capsys, "draft", str(path), "--section", "五")
    assert code == 2 and "可选：二、三、四" in err
    bad = tmp_path / "坏.zwgk"
    bad.write_text("{", encoding="utf-8")
    code, _, err = run(capsys, "draft", str(bad))
    assert code == 3 and "坏.zwgk" in err
