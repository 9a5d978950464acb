"""Figure fields in the texts: the token, rendering as figures, masking for R8, storage across file versions."""

from __future__ import annotations

import json
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from app.export.layout import build_layout
from app.report import fields
from app.report.fields import BLANK, MISSING, Field, change_phrase, escape, join, mask, parse, render
from app.report.formats import load_format
from app.report.model import Report
from app.report.previous import make_previous
from app.rules import check
from app.storage import dumps, load, loads, save
from tests.factories import realistic_report

NEW = Field.of("s3.new.total")


def test_token_round_trip_and_escape():
    text = f"全年共收到申请{NEW.token}件，其中⟦不是字段⟧，⟦⟦s3.new.total⟧字样"
    pieces = parse(text)
    assert pieces == ["全年共收到申请", NEW, "件，其中⟦不是字段⟧，⟦s3.new.total⟧字样"]
    assert join(pieces) == "全年共收到申请⟦s3.new.total⟧件，其中⟦⟦不是字段⟧，⟦⟦s3.new.total⟧字样"
    assert parse(join(pieces)) == pieces
    assert parse("⟦s3.deny.1.total+s3.deny.4.total|change⟧") == [
        Field(("s3.deny.1.total", "s3.deny.4.total"), "change")]


@given(st.lists(st.one_of(st.text(alphabet="⟦⟧|+.s3ab收件 \n", max_size=8),
                          st.sampled_from([NEW, Field.of("s2.fees.amount", mode="change")]))))
def test_join_then_parse_gives_the_pieces_back(pieces):
    merged: list = []
    for p in pieces:  # parse merges adjacent text runs and drops empty ones
        if isinstance(p, str) and merged and isinstance(merged[-1], str):
            merged[-1] += p
        elif p != "":
            merged.append(p)
    assert parse(join(pieces)) == merged


def test_render_shows_live_figures_and_mask_hides_them():
    r = realistic_report()
    text = f"共收到申请{NEW.token}件，其中自然人⟦s3.new.natural⟧件，收费⟦s2.fees.amount⟧万元。"
    assert render(text, r) == "共收到申请13件，其中自然人10件，收费26.55万元。"
    r.set_value("s3.new.natural", 12345)
    assert render(text, r) == "共收到申请12348件，其中自然人12345件，收费26.55万元。"
    assert mask(text) == "共收到申请\ufffc件，其中自然人\ufffc件，收费\ufffc万元。"


def test_blank_and_missing_cells_are_visible_never_zero():
    r = realistic_report()
    r.set_value("s3.granted.research", None)
    assert render("⟦s3.granted.research⟧", r) == BLANK
    r2019 = Report.new(2020)
    assert render("⟦s2.normative.issued⟧", r2019) == MISSING


def test_sum_field_and_change_phrases():
    r = realistic_report()
    deny = "+".join(f"s3.deny.{i}.total" for i in range(1, 9))
    assert render(f"⟦{deny}⟧", r) == "1"
    assert change_phrase(153, 141, "件") == "，比上年增加12件，增长8.5%"
    assert change_phrase(5, 12, "件") == "，比上年减少7件，下降58.3%"
    assert change_phrase(7, 0, "件") == "，比上年增加7件"
    assert change_phrase(3, 3, "件") == "，与上年持平"
    assert change_phrase(Decimal("26.55"), Decimal("20"), "万元") == "，比上年增加6.55万元，增长32.8%"


def test_change_needs_last_years_figures():
    last = realistic_report(2022)
    last.set_value("s3.new.natural", 7)
    this = realistic_report(2023)
    text = "收到申请⟦s3.new.total⟧件⟦s3.new.total|change⟧。"
    assert render(text, this) == "收到申请13件。"  # nothing linked: no comparison, no dangling comma
    this.previous = make_previous(last)
    assert render(text, this) == "收到申请13件，比上年增加3件，增长30%。"
    this.previous["year"] = 2020  # linked to the wrong year: no comparison
    assert render(text, this) == "收到申请13件。"


def test_r8_checks_only_typed_numbers():
    r = realistic_report()
    r.texts["s1"] = f"全年共收到政府信息公开申请{NEW.token}件，其中予以公开8件。"
    found = [f for f in check(r) if f.rule == "R8"]
    assert len(found) == 1 and "予以公开8件" in found[0].message  # the typed 8 (table: 6), not the field
    r.texts["s1"] = "全年共收到政府信息公开申请12件。"
    assert [f.rule for f in check(r) if f.rule == "R8"] == ["R8"]


def test_t8_field_whose_cell_the_format_lacks():
    r = Report.new(2020, "某镇人民政府")
    r.texts["s1"] = "制发行政规范性文件⟦s2.normative.issued⟧件。"
    found = [f for f in check(r) if f.rule == "T8"]
    assert len(found) == 1 and found[0].severity == "error" and "s2.normative.issued" in found[0].message


def test_t9_zero_sentence_no_longer_true():
    r = realistic_report()
    r.set_values([(c, 0) for c in r.format.cell_order if c.startswith("s4.")])
    r.texts["s1"] = "（三）复议诉讼⟦s4.review.total+s4.suit_direct.total|zero⟧本年度未发生行政复议、行政诉讼。其他。"
    assert not [f for f in check(r) if f.rule == "T9"]
    r.set_value("s4.review.upheld", 2)
    found = [f for f in check(r) if f.rule == "T9"]
    assert len(found) == 1 and found[0].section == "s1"
    assert "“本年度未发生行政复议、行政诉讼”" in found[0].message and "为 2" in found[0].message


def test_storage_keeps_fields_and_old_files_stay_plain(tmp_path):
    r = realistic_report()
    r.texts["s1"] = f"收到申请{NEW.token}件；字面的⟦⟦符号。"
    path = tmp_path / "r.zwgk"
    save(r, path)
    assert load(path).texts["s1"] == r.texts["s1"]
    data = json.loads(dumps(r))
    assert data["file_version"] == 2  # older programs refuse it rather than print ⟦s3.new.total⟧
    r.texts["s1"] = "字面的⟦⟦符号"  # no field, but a version-1 reader would read the escape twice
    assert json.loads(dumps(r))["file_version"] == 2
    r.texts["s1"] = "没有字段的文字"
    assert json.loads(dumps(r))["file_version"] == 1
    data["file_version"] = 1  # a file written before fields: its text is plain, a ⟦…⟧ in it stays text
    data["texts"]["s1"] = "看似字段的⟦s3.new.total⟧文字"
    old = loads(json.dumps(data, ensure_ascii=False))
    assert render(old.texts["s1"], old) == "看似字段的⟦s3.new.total⟧文字"
    assert not fields.has_fields(old.texts["s1"])


def test_exports_print_plain_figures():
    r = realistic_report()
    r.texts["s1"] = f"全年共收到申请{NEW.token}件。"
    texts = [getattr(i, "text", "") for i in build_layout(r).items]
    assert "全年共收到申请13件。" in texts and not any("⟦" in t for t in texts)


def test_last_years_record_holds_printed_text():
    last = realistic_report(2022)
    last.texts["s1"] = f"收到{NEW.token}件⟦⟦"
    assert make_previous(last)["texts"]["s1"] == "收到13件⟦"


def test_escape_doubles_only_the_opening_bracket():
    assert escape("a⟦b⟧c") == "a⟦⟦b⟧c"
    assert load_format("gov-2021")  # the formats still load with the new rules
