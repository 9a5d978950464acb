"""The ledger counter: generated ledgers balance by construction and match an independent count; realistic messy
ledgers count as a clerk would; whatever cannot be matched is listed, never dropped or guessed."""

from __future__ import annotations

import csv
import re
import zipfile
from collections import Counter
from datetime import date, datetime, timedelta
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.ledger.count import (
    LedgerError,
    LedgerMapping,
    apply_count,
    count_ledger,
    guess_columns,
    mapping_with_unmatched,
    matrix_shape,
    read_ledger,
)
from app.ledger.read import LedgerTable, parse_date
from app.ledger.template import applicant_choices, result_choices
from app.report.formats import load_format
from app.report.model import Report
from app.rules import check

F2021 = load_format("gov-2021")
F2019 = load_format("gov-2019")
HEADERS = ("序号", "收到日期", "申请人", "申请人类型", "申请内容", "答复日期", "办理结果", "不予公开理由")
YEAR = 2025


def table(rows: list[tuple], headers: tuple[str, ...] = HEADERS) -> LedgerTable:
    return LedgerTable(source="台账.xlsx", sheet="台账", header_line=1, headers=headers,
                       rows=tuple((i + 2, tuple(r)) for i, r in enumerate(rows)))


def line(received, applicant_type, answered=None, result="", reason="", n=1):
    return (n, received, "某申请人", applicant_type, "某信息", answered, result, reason)


def nonzero(values: dict) -> dict:
    return {k: v for k, v in values.items() if v}


# -- generated ledgers ---------------------------------------------------------------------------------------------

# How clerks write each category (besides the template's drop-down wording, which is used as well).
TYPE_WORDS = {"natural": ["个人", "公民", "自然人"], "business": ["企业", "公司", "某某建设有限公司"],
              "research": ["科研机构", "研究所"], "nonprofit": ["社会公益组织", "基金会"],
              "legal": ["律师事务所", "法律服务机构"], "other": ["其他"]}
RESULT_WORDS = {"granted": [("予以公开", ""), ("同意公开", ""), ("公开", "")],
                "partial": [("部分公开", ""), ("部分公开（涉及个人隐私）", "")],
                "deny.1": [("不予公开", "属于国家秘密")], "deny.4": [("不予公开", "涉及商业秘密")],
                "deny.6": [("不予公开（过程性信息）", "")],
                "unable.1": [("信息不存在", ""), ("本机关不掌握", ""), ("无法提供", "本机关不掌握相关政府信息")],
                "reject.2": [("重复申请", "")], "other.1": [("逾期不补正", "")]}


def _words_2021() -> tuple[dict[str, list[str]], dict[str, list[tuple[str, str]]]]:
    shape = matrix_shape(F2021)
    types = {cid: [label, *TYPE_WORDS[cid]] for (cid, _), label in zip(shape.applicant_columns,
                                                                        applicant_choices(F2021), strict=False)}
    results = {r.id: [(choice, ""), *RESULT_WORDS.get(r.id, [])]
               for r, choice in zip(shape.result_rows, result_choices(F2021), strict=False)}
    return types, results


TYPES, RESULTS = _words_2021()


@st.composite
def applications(draw):
    received = date(YEAR, 1, 1) + timedelta(days=draw(st.integers(-800, 400)))
    col = draw(st.sampled_from(sorted(TYPES)))
    answered = None
    if draw(st.booleans()):
        answered = received + timedelta(days=draw(st.integers(0, 120)))
    row_id = draw(st.sampled_from(sorted(RESULTS)))
    if answered is None:
        result, reason = draw(st.sampled_from([("", ""), ("办理中", "")]))
    else:
        result, reason = draw(st.sampled_from(RESULTS[row_id]))
    type_word = draw(st.sampled_from(TYPES[col]))
    as_text = draw(st.booleans())  # clerks type dates as text as often as Excel stores real dates

    def shown(d):
        return None if d is None else (f"{d.year}年{d.month}月{d.day}日" if as_text else datetime(d.year, d.month, d.day))

    return (received, answered, col, row_id), line(shown(received), type_word, shown(answered), result, reason)


def independent_count(apps) -> Counter:
    """The count written out as directly as possible, from the generated ids (not from the words)."""
    expected: Counter = Counter()
    for received, answered, col, row_id in apps:
        if received.year > YEAR or (answered is not None and answered.year < YEAR):
            continue
        expected[f"s3.{'new' if received.year == YEAR else 'carry_in'}.{col}"] += 1
        done = answered is not None and answered.year == YEAR
        expected[f"s3.{row_id if done else 'carry_over'}.{col}"] += 1
    return expected


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(applications(), max_size=60))
def test_generated_ledger_matches_independent_count_and_balances(apps):
    count = count_ledger(table([row for _, row in apps]), YEAR, F2021)
    assert count.ok, (count.unmatched, count.problems)
    assert nonzero(count.values) == dict(independent_count([a for a, _ in apps]))
    report = Report.new(YEAR, agency="某镇人民政府")
    apply_count(report, count)
    assert not [f for f in check(report) if f.rule in ("R1", "R2", "R3")]
    v = report.values
    for cid, _ in matrix_shape(F2021).applicant_columns + (("total", ""),):
        assert v[f"s3.new.{cid}"] + v[f"s3.carry_in.{cid}"] == v[f"s3.total.{cid}"] + v[f"s3.carry_over.{cid}"]


@settings(max_examples=30, deadline=None)
@given(st.lists(applications(), max_size=40))
def test_generated_ledger_balances_with_auto_total_off(apps):
    """An imported report (自动合计 off) gets its totals written from the same counts."""
    count = count_ledger(table([row for _, row in apps]), YEAR, F2021)
    report = Report.new(YEAR)
    report.auto_total = False
    apply_count(report, count)
    assert not [f for f in check(report) if f.rule in ("R1", "R2", "R3")]


# -- realistic ledgers ---------------------------------------------------------------------------------------------

def write_messy_xlsx(path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "2025年"
    ws.append(["某县自然资源局2025年政府信息公开申请登记台账"])
    ws.append([])
    ws.append(["序号", "收文时间", "申请人姓名/名称", "申请人类别", "申请公开的内容", "办结日期", "答复结果", "具体情形",
               "备注"])
    rows = [
        (1, datetime(2024, 12, 18), "张某", "个人", "征收补偿方案", datetime(2025, 1, 9), "同意公开", "", ""),
        (2, "2025/2/3", "某某置业有限公司", "公司", "规划许可证", "2025-02-20", "部分公开", "涉及第三方", ""),
        (3, "2025.03.15", "某律师事务所", "律师事务所", "行政处罚决定书", "2025年4月2日", "不予公开", "涉及商业秘密", ""),
        (4, 45748, "李某", "公民", "会议纪要", 45762, "不予公开", "内部讨论记录，属于过程性信息", "Excel 序列号日期"),
        (5, "2025-05-06", "王某", " 自然人 ", "拆迁档案", "2025-05-21", "信息不存在", "", ""),
        (6, "2025-06-01", "赵某", "个人", "2010年文件", "2025-06-10", "本机关不掌握", "", ""),
        (7, "2025-07-07", "某研究所", "科研机构", "统计数据", "2025-07-30", "无法提供", "需要另行制作", ""),
        (8, "2025-08-08", "钱某", "个人", "信访事项", "2025-08-12", "不予处理", "属于信访举报投诉", ""),
        (9, "2025-12-29", "孙某", "个人", "项目审批", None, "办理中", "", "跨年"),
        (10, "2024-03-01", "周某", "个人", "旧申请", "2024-03-20", "予以公开", "", "上年已办结"),
        (11, "2026-01-02", "吴某", "个人", "下一年", None, "", "", ""),
        (None, None, None, None, None, None, None, None, None),
        (12, "2025-10-10", "郑某", "个人", "补正", "2025-11-20", "逾期不补正", "", ""),
    ]
    for r in rows:
        ws.append(list(r))
    ws.append(["合计", None, None, None, None, None, None, None, None])
    wb.save(path)


def test_messy_xlsx_ledger_counts_like_a_clerk(tmp_path):
    path = tmp_path / "台账.xlsx"
    write_messy_xlsx(path)
    t = read_ledger(path)
    assert (t.sheet, t.header_line) == ("2025年", 3)
    count = count_ledger(t, YEAR, F2021)
    assert count.ok, (count.unmatched, count.problems)
    assert nonzero(count.values) == {
        "s3.carry_in.natural": 1, "s3.new.natural": 6, "s3.new.business": 1, "s3.new.legal": 1,
        "s3.new.research": 1,
        "s3.granted.natural": 1, "s3.partial.business": 1, "s3.deny.4.legal": 1, "s3.deny.6.natural": 1,
        "s3.unable.1.natural": 2, "s3.unable.2.research": 1, "s3.reject.1.natural": 1, "s3.other.1.natural": 1,
        "s3.carry_over.natural": 1,
    }
    assert count.tally["earlier"] == 1 and count.tally["later"] == 1
    assert any("合计" in n for n in count.notes)
    assert "结转下年度 1 件" in count.summary()


def test_csv_in_gbk_with_usual_headers(tmp_path):
    path = tmp_path / "ledger.csv"
    with path.open("w", encoding="gb18030", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["序号", "收到日期", "申请人", "申请人类型", "申请内容", "答复日期", "办理结果", "不予公开理由"])
        w.writerow([1, "2025-01-05", "张三", "个人", "内容", "2025-01-20", "予以公开", ""])
        w.writerow([2, "2025-02-05", "某公司", "企业", "内容", "2025-02-25", "不予公开", "属于国家秘密"])
    count = count_ledger(read_ledger(path), YEAR, F2021)
    assert count.ok
    assert nonzero(count.values) == {"s3.new.natural": 1, "s3.new.business": 1, "s3.granted.natural": 1,
                                     "s3.deny.1.business": 1}


def test_unmatched_values_are_listed_with_their_lines_not_dropped():
    rows = [line("2025-01-05", "律师", "2025-01-20", "予以公开"),
            line("2025-01-06", "法人", "2025-01-21", "予以公开"),
            line("2025-01-07", "个人", "2025-01-22", "不予公开"),  # which of the eight? not guessed
            line("2025-01-08", "个人", "2025-01-23", "已答复"),
            line("2025-01-09", "", "2025-01-24", "予以公开"),
            line("2025-01-10", "个人", "2025-01-25", "予以公开")]
    count = count_ledger(table(rows), YEAR, F2021)
    assert not count.ok
    found = {(u.kind, u.value): u.lines for u in count.unmatched}
    assert found == {("applicant_type", "律师"): (2,), ("applicant_type", "法人"): (3,),
                     ("applicant_type", ""): (6,), ("result", "不予公开"): (4,), ("result", "已答复"): (5,)}
    assert count.counted == 1
    with pytest.raises(LedgerError):
        apply_count(Report.new(YEAR), count)


def test_assigned_words_count_after_the_user_maps_them():
    rows = [line("2025-01-05", "律师", "2025-01-20", "予以公开"),
            line("2025-01-07", "个人", "2025-01-22", "不予公开", "涉及企业经营信息"),
            line("2025-01-08", "个人", "2025-01-22", "不予公开", "涉及企业经营信息")]
    first = count_ledger(table(rows), YEAR, F2021)
    skeleton = mapping_with_unmatched(LedgerMapping(), first, table(rows))
    assert skeleton.applicant_types == {"律师": ""} and skeleton.results == {"不予公开｜涉及企业经营信息": ""}
    skeleton.applicant_types["律师"] = "法律服务机构"  # official wording works as well as the id
    skeleton.results["不予公开｜涉及企业经营信息"] = "deny.4"
    again = count_ledger(table(rows), YEAR, F2021, LedgerMapping.from_json(skeleton.to_json()))
    assert again.ok
    assert nonzero(again.values) == {"s3.new.legal": 1, "s3.new.natural": 2, "s3.granted.legal": 1,
                                     "s3.deny.4.natural": 2}


def test_mapping_naming_an_unknown_row_is_refused():
    mapping = LedgerMapping(results={"不予公开": "deny.9"})
    with pytest.raises(LedgerError, match="deny.9"):
        count_ledger(table([]), YEAR, F2021, mapping)
    with pytest.raises(LedgerError, match="schema"):
        LedgerMapping.from_json('{"columns": {}}')
    with pytest.raises(LedgerError, match="未知的台账字段"):
        LedgerMapping.from_json('{"schema": "zwgk-ledger-mapping/1", "columns": {"日期": "收文"}}')


def test_problem_rows_are_reported_with_their_line():
    rows = [line("1月5日", "个人", "2025-01-20", "予以公开"),
            line(None, "个人", "2025-01-20", "予以公开"),
            line("2025-03-01", "个人", "2025-02-01", "予以公开"),
            line("2025-03-01", "个人", None, "予以公开"),
            line("2025-03-01", "个人", "2025-03-05", "办理中"),
            line("2025-03-01", "个人", "2025-13-45", "予以公开")]
    count = count_ledger(table(rows), YEAR, F2021)
    assert not count.ok and count.counted == 0
    text = "\n".join(count.problems)
    for n in range(2, 8):
        assert f"第 {n} 行" in text
    assert "须含年份" in text and "早于收到日期" in text and "没有答复日期" in text


def test_2019_format_counts_sub_items_of_other_into_its_single_row():
    rows = [line("2020-03-01", "个人", "2020-04-01", "逾期不补正"),
            line("2020-03-02", "个人", "2020-04-01", "其他处理", "逾期未缴费")]
    count = count_ledger(table(rows), 2020, F2019)
    assert count.ok
    assert nonzero(count.values) == {"s3.new.natural": 2, "s3.other.natural": 2}


def test_every_template_choice_reads_back_as_its_row():
    for fmt in (F2019, F2021):
        shape = matrix_shape(fmt)
        rows = [line("2025-01-05", applicant_choices(fmt)[0], "2025-01-06", choice)
                for choice in result_choices(fmt)[:-1]]
        count = count_ledger(table(rows), YEAR, fmt)
        assert count.ok
        assert [cid for cid, v in count.values.items() if v and ".new." not in cid] == \
               [shape.cell[(r.id, "natural")] for r in shape.result_rows]


# -- columns -------------------------------------------------------------------------------------------------------

def test_usual_header_variants_are_mapped_without_questions():
    assert guess_columns(["序号", "收文日期", "申请人", "申请人类型", "申请内容", "答复日期", "答复结果", "不予公开理由"]) == {
        "serial": 0, "received": 1, "applicant": 2, "applicant_type": 3, "content": 4, "answered": 5,
        "result": 6, "reason": 7}
    found = guess_columns(["编号", "收到日期\n（年月日）", "申请人姓名或名称", "申请人类型（自然人/法人）", "办结时间",
                           "办理结果 *"])
    assert found == {"serial": 0, "received": 1, "applicant": 2, "applicant_type": 3, "answered": 4, "result": 5}


def test_missing_required_columns_stop_with_a_list():
    t = table([], headers=("序号", "日期", "姓名", "结果"))
    with pytest.raises(LedgerError) as exc:
        count_ledger(t, YEAR, F2021)
    assert "收到日期" in str(exc.value) and "申请人类型" in str(exc.value) and "答复日期" in str(exc.value)


def test_confirmed_mapping_overrides_the_guess():
    headers = ("序号", "收到日期", "申请人类型", "答复日期", "办理结果", "备注", "不予公开理由")
    rows = [(1, "2025-01-05", "个人", "2025-01-09", "不予公开", "国家秘密", "见附件")]
    t = table(rows, headers)
    assert not count_ledger(t, YEAR, F2021).ok  # “见附件” names no reason
    count = count_ledger(t, YEAR, F2021, LedgerMapping(columns={"reason": "备注"}))
    assert count.ok and count.values["s3.deny.1.natural"] == 1


def test_header_not_found_and_old_excel_are_explained(tmp_path):
    p = tmp_path / "x.csv"
    p.write_text("a,b,c\n1,2,3\n", encoding="utf-8")
    with pytest.raises(LedgerError, match="表头"):
        read_ledger(p)
    old = tmp_path / "台账.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(LedgerError, match="另存为 .xlsx"):
        read_ledger(old)
    broken = tmp_path / "坏.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really")
    with pytest.raises(LedgerError, match="无法作为 Excel 工作簿打开"):
        read_ledger(broken)
    with pytest.raises(LedgerError, match="找不到"):
        read_ledger(tmp_path / "none.xlsx")


@pytest.mark.parametrize("text,expected", [
    ("2025-01-05", date(2025, 1, 5)), ("2025/1/5", date(2025, 1, 5)), ("2025.1.5", date(2025, 1, 5)),
    ("2025年1月5日", date(2025, 1, 5)), ("20250105", date(2025, 1, 5)), ("2025-01-05 10:30", date(2025, 1, 5)),
    ("２０２５年１月５日", date(2025, 1, 5)), (45662, date(2025, 1, 5)), ("", None), (None, None),
])
def test_parse_date(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["1月5日", "2025-02-30", "明天", "2025"])
def test_parse_date_refuses(text):
    with pytest.raises(ValueError):
        parse_date(text)


# -- into a report -------------------------------------------------------------------------------------------------

def test_apply_count_into_existing_report_keeps_other_sections():
    report = Report.new(YEAR, agency="某镇")
    report.set_value("s2.license.decisions", 12)
    report.texts["s1"] = "总体情况"
    count = count_ledger(table([line("2025-01-05", "个人", "2025-01-09", "予以公开")]), YEAR, F2021)
    apply_count(report, count)
    assert report.values["s2.license.decisions"] == 12 and report.texts["s1"] == "总体情况"
    assert report.values["s3.total.total"] == 1
    with pytest.raises(LedgerError, match="年度"):
        apply_count(Report.new(2024), count)


# -- the .xlsx reader ----------------------------------------------------------------------------------------------

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def handmade_xlsx(path: Path, sheet_xml: str, shared_xml: str | None = None) -> None:
    """A workbook written the way other programs (WPS, older Excel) write one: inline strings, rich text,
    phonetic guides, rows left out."""
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("xl/workbook.xml", f'<workbook xmlns="{MAIN}" xmlns:r="http://schemas.openxmlformats.org/'
                    'officeDocument/2006/relationships"><sheets><sheet name="登记" sheetId="1" r:id="rId1"/>'
                    "</sheets></workbook>")
        zf.writestr("xl/_rels/workbook.xml.rels",
                    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                    '<Relationship Id="rId1" Target="/xl/worksheets/s1.xml"/></Relationships>')
        zf.writestr("xl/worksheets/s1.xml", f'<worksheet xmlns="{MAIN}"><sheetData>{sheet_xml}</sheetData></worksheet>')
        if shared_xml is not None:
            zf.writestr("xl/sharedStrings.xml", f'<sst xmlns="{MAIN}">{shared_xml}</sst>')


def _inline(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def test_xlsx_reader_handles_inline_rich_text_and_missing_rows(tmp_path):
    header = "".join(_inline(f"{c}1", h) for c, h in zip("ABCDE", ["收到日期", "申请人类型", "答复日期", "办理结果",
                                                                   "不予公开理由"], strict=True))
    shared = ('<si><r><t>个</t></r><r><t>人</t></r><rPh><t>ゲ</t></rPh></si>'  # rich text + phonetic guide
              "<si><t>不予公开</t></si>")
    row = ('<row r="4"><c r="A4"><v>45662</v></c><c r="B4" t="s"><v>0</v></c><c r="C4"><v>45670.5</v></c>'
           '<c r="D4" t="s"><v>1</v></c>' + _inline("E4", "涉及国家秘密") + "</row>")
    path = tmp_path / "wps.xlsx"
    handmade_xlsx(path, f'<row r="1">{header}</row>{row}', shared)
    t = read_ledger(path)
    assert t.sheet == "登记" and t.rows == ((4, (45662, "个人", 45670.5, "不予公开", "涉及国家秘密")),)
    count = count_ledger(t, YEAR, F2021)
    assert count.ok and count.values["s3.deny.1.natural"] == 1


def test_xlsx_reader_refuses_entity_tricks(tmp_path):
    bomb = ('<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
            f'<sst xmlns="{MAIN}"><si><t>&b;</t></si></sst>')
    path = tmp_path / "bomb.xlsx"
    handmade_xlsx(path, "")
    with zipfile.ZipFile(path, "a") as zf:
        zf.writestr("xl/sharedStrings.xml", bomb)
    with pytest.raises(LedgerError, match="无法作为 Excel 工作簿打开"):
        read_ledger(path)


def test_mapping_made_for_2021_works_on_a_2019_report():
    rows = [line("2020-03-01", "个人", "2020-04-01", "逾期后撤回")]
    mapping = LedgerMapping(results={"逾期后撤回": "other.1"})  # 2019 has the single row “other”
    count = count_ledger(table(rows), 2020, F2019, mapping)
    assert count.ok and count.values["s3.other.natural"] == 1


# -- nothing is dropped silently -----------------------------------------------------------------------------------

WORDS = st.sampled_from(["", "个人", "律师", "公司", "法人", "予以公开", "不予公开", "已答复", "办理中", "信息不存在",
                         "合计", "x", "其他处理", "部分公开"])
DATES = st.one_of(st.none(), st.sampled_from(["1月5日", "明天", "2025-02-30"]),
                  st.dates(date(2023, 1, 1), date(2026, 12, 31)).map(lambda d: d.isoformat()))


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(DATES, WORDS, DATES, WORDS, WORDS), max_size=40))
def test_every_application_line_is_counted_skipped_by_year_or_listed(rows):
    """Whatever the ledger holds, each line that is an application ends in exactly one place the user sees:
    counted, outside the year (tallied), waiting for a word to be assigned, or named as a problem."""
    ledger_rows = [line(received, kind, answered, result, reason) for received, kind, answered, result, reason in rows]
    count = count_ledger(table(ledger_rows), YEAR, F2021)
    waiting = {n for u in count.unmatched for n in u.lines}
    problems = {int(m) for p in count.problems for m in re.findall(r"第 (\d+) 行", p)[:1]}
    outside = count.tally["earlier"] + count.tally["later"]
    # Every ledger line here has 申请人/申请内容 filled, so every line is an application. A line may be both
    # waiting for a word and a problem (both are shown); it is then neither counted nor tallied.
    assert count.counted + outside + len(waiting | problems) == len(rows)
    assert sum(v for k, v in count.values.items() if ".new." in k or ".carry_in." in k) == count.counted


def test_corrupt_deflate_stream_in_a_ledger_is_refused_clearly(tmp_path):
    import io
    import zipfile

    from app.ledger.read import LedgerError, read_sheets
    from app.ledger.template import save_template
    from app.report.formats import load_format

    path = tmp_path / "台账.xlsx"
    save_template(load_format("gov-2021"), path)
    raw = bytearray(path.read_bytes())
    info = next(i for i in zipfile.ZipFile(io.BytesIO(bytes(raw))).infolist() if i.filename.startswith("xl/worksheets"))
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    raw[start + 5:start + 40] = b"\xff" * 35
    path.write_bytes(bytes(raw))
    with pytest.raises(LedgerError, match="无法作为 Excel 工作簿打开"):
        read_sheets(path)


@pytest.mark.parametrize("ref, row", [("ZZZZZZZ1", "1"), ("A2", "99999999999"), ("A1", "0")])
def test_cell_references_beyond_excel_limits_are_refused_not_looped_over(tmp_path, ref, row):
    """A damaged sheet with a reference past XFD1048576 made the reader build billions of cells (it hung)."""
    from app.ledger.read import LedgerError, read_sheets
    from app.ledger.template import save_template
    from app.report.formats import load_format

    path = tmp_path / "台账.xlsx"
    save_template(load_format("gov-2021"), path)
    with zipfile.ZipFile(path) as zf:
        parts = {i.filename: zf.read(i.filename) for i in zf.infolist()}
    sheet = next(name for name in parts if name.startswith("xl/worksheets/sheet"))
    bad = f'<row r="{row}"><c r="{ref}" t="inlineStr"><is><t>x</t></is></c></row></sheetData>'.encode()
    parts[sheet] = parts[sheet].replace(b"</sheetData>", bad, 1)
    assert bad in parts[sheet]
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    with pytest.raises(LedgerError, match="无法作为 Excel 工作簿打开"):
        read_sheets(path)
