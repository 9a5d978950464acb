import json

import pytest

from app.report.formats import (
    FORMATS_DIR,
    FormatError,
    available_formats,
    common_rules,
    format_for_year,
    load_format,
    parse_format,
)


def test_both_official_formats_are_bundled():
    assert {"gov-2019", "gov-2021"} <= set(available_formats())


@pytest.mark.parametrize(("year", "fid"), [(2019, "gov-2019"), (2020, "gov-2019"), (2021, "gov-2021"), (2025, "gov-2021")])
def test_format_is_chosen_by_year(year, fid):
    assert format_for_year(year).id == fid


def test_2021_request_matrix_is_25_rows_by_7_columns():
    block = load_format("gov-2021").table("s3").blocks[0]
    assert len(block.leaf_rows) == 25
    assert [c.label for c, _ in block.leaf_columns] == ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]


def test_2019_request_matrix_has_a_single_other_row():
    block = load_format("gov-2019").table("s3").blocks[0]
    assert len(block.leaf_rows) == 23
    labels = [r.label for r, _ in block.leaf_rows]
    assert "（六）其他处理" in labels and "3.其他" not in labels


def test_cell_ids_and_labels_are_stable():
    f = load_format("gov-2021")
    c = f.cells["s3.deny.1.natural"]
    assert (c.row, c.column, c.section) == ("1.属于国家秘密", "自然人", 3)
    assert c.row_path == ("三、本年度办理结果", "（三）不予公开")
    assert f.cells["s3.deny.1.business"].column_path == ("申请人情况", "法人或其他组织")
    assert f.cells["s4.suit_after_review.total"].column_path == ("行政诉讼", "复议后起诉")
    assert f.cells["s2.fees.amount"].kind == "money"
    assert load_format("gov-2019").cells["s2.license.change"].kind == "delta"
    assert load_format("gov-2019").cells["s2.procurement.amount"].kind == "amount_with_unit"


def test_section_two_blocks_follow_the_official_captions():
    f21, f19 = load_format("gov-2021"), load_format("gov-2019")
    assert [b.caption for b in f21.table("s2").blocks] == ["第二十条第（一）项", "第二十条第（五）项", "第二十条第（六）项", "第二十条第（八）项"]
    assert [b.caption for b in f19.table("s2").blocks][-1] == "第二十条第（九）项"


def test_section_four_has_fifteen_cells():
    assert len(load_format("gov-2021").cells_of("s4")) == 15


def test_totals_are_declared_in_data():
    f = load_format("gov-2021")
    axes = {t.axis for t in f.totals["s3.total.total"]}
    assert axes == {"rows", "columns"}
    (row_total,) = f.totals["s3.new.total"]
    assert row_total.parts[0] == "s3.new.natural" and len(row_total.parts) == 6
    (col_total,) = f.totals["s3.total.natural"]
    assert len(col_total.parts) == 21  # 予以公开, 部分公开, 8 + 3 + 5 + 3 sub-rows


def test_six_headings():
    f = load_format("gov-2021")
    assert [s.heading for s in f.sections] == [
        "一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"]


def test_malformed_format_is_reported_in_chinese():
    with pytest.raises(FormatError, match="schema"):
        parse_format({"id": "x"})
    data = json.loads(json.dumps({"schema": "zwgk-format/1", "id": "t", "title": "t", "first_year": 2030,
                                  "sections": [], "rules": [],
                                  "tables": [{"id": "s4", "blocks": [{"columns": [{"label": "甲"}],
                                                                       "rows": [{"id": None, "label": ""}]}]}]}))
    with pytest.raises(FormatError, match="末级表头必须有 id"):
        parse_format(data)


def test_a_new_format_year_is_a_data_file_only():
    data = json.loads((FORMATS_DIR / "gov-2021.json").read_text(encoding="utf-8"))
    data["id"], data["first_year"] = "gov-2030", 2030
    f = parse_format(data)
    assert f.fits_year(2031) and not f.fits_year(2029)
    assert len(f.cells) == 200


def test_cells_doc_is_in_step_with_the_format_data():
    from app.report.cells_doc import render

    assert (FORMATS_DIR.parent.parent / "docs" / "cells.md").read_text(encoding="utf-8") == render()


def test_a_format_id_cannot_reach_a_file_outside_the_bundled_formats(tmp_path):
    """The id comes from .zwgk files: a hostile "../…" id loaded any JSON file (a broken one was a traceback)."""
    import os

    from app.storage import StorageError, loads, to_dict
    from tests.factories import realistic_report

    (tmp_path / "bad.json").write_text("{", encoding="utf-8")
    outside = os.path.relpath(tmp_path / "bad", FORMATS_DIR)
    with pytest.raises(FormatError, match="未知的报告格式"):
        load_format(outside)
    with pytest.raises(FormatError, match="未知的报告格式"):
        load_format("../formats/gov-2021")
    data = to_dict(realistic_report())
    data["report_format"] = outside
    with pytest.raises(StorageError, match="报告格式"):
        loads(json.dumps(data, ensure_ascii=False), "a.zwgk")


@pytest.mark.parametrize("fid", ["gov-2021", "gov-2019"])
def test_text_parts_are_named_by_the_format_headings(fid):
    from app.report.model import TEXT_KEYS

    fmt = load_format(fid)
    names = {k: fmt.text_part(k) for k in TEXT_KEYS}
    assert names["intro"] == "开头部分"
    assert all(names[s.key] == s.heading for s in fmt.sections if s.key in TEXT_KEYS)
    assert names["s5"].startswith("五、")


def _with_rule(rule: dict) -> dict:
    data = json.loads((FORMATS_DIR / "gov-2021.json").read_text(encoding="utf-8"))
    data["rules"] = [rule]
    return data


@pytest.mark.parametrize(("rule", "says"), [
    ({"id": "R1", "severity": "error", "type": "balance", "title": "平衡", "table": "s3", "right": [],
      "left_label": "一", "right_label": "二"}, "gov-2021.json 规则 R1（balance）：缺少参数“left”"),
    ({"id": "Q1", "severity": "error", "type": "totals", "title": "合计", "table": "s9", "axis": "row"},
     "规则 Q1（totals）：参数“table”引用了不存在的表格 id“s9”"),
    ({"id": "Q2", "severity": "warning", "type": "text_required", "title": "必填", "sections": ["s1", "s7"]},
     "参数“sections”引用了不存在的部分列表“s7”"),
    ({"id": "Q3", "severity": "fatal", "type": "value_kinds", "title": "数值"}, "未知的严重程度“fatal”"),
    ({"id": "Q4", "severity": "error", "type": "no_such_type", "title": "?"}, "未知的规则类型“no_such_type”"),
    ({"use": "R77"}, "引用的公共规则“R77”不存在"),
])
def test_a_rule_is_checked_completely_when_the_format_loads(rule, says):
    with pytest.raises(FormatError) as caught:
        parse_format(_with_rule(rule), "gov-2021.json")
    assert says in str(caught.value)


def test_shared_rules_are_written_once_and_used_by_both_formats():
    shared = common_rules()
    assert {"R1", "R2", "R9", "T5"} <= set(shared)
    for fid in ("gov-2019", "gov-2021"):
        raw = json.loads((FORMATS_DIR / f"{fid}.json").read_text(encoding="utf-8"))["rules"]
        written_out = {r["id"] for r in raw if "use" not in r}
        assert not written_out & set(shared), fid  # a shared rule is referenced, never copied
        rules = {r["id"]: r for r in load_format(fid).rules}
        assert all(rules[i] is shared[i] for i in ("R1", "R2", "R9"))
