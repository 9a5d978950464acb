"""Word/WPS import: the real WPS template filled like a clerk, documents typed on the template with merged cells and
label variants, a 2019-format table in a 2021 report, a township reporting 规章, bad files."""

from __future__ import annotations

import shutil
import zipfile
from decimal import Decimal
from pathlib import Path

import docx
import pytest

from app.imports import ImportFailure, import_source
from app.report.formats import load_format
from app.report.model import Report
from app.rules import check
from tests.app.imports.builders import report_docx, wps_variant
from tests.factories import REALISTIC, realistic_report

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
WPS_TEMPLATE = FIXTURES / "official-template-2021-wps.docx"


def _fill_wps_template(out: Path, values: dict[str, int | Decimal]) -> Path:
    """Type numbers into the WPS template the way a clerk does: into the visible cells, zeros elsewhere left
    blank, a title and text under the headings."""
    shutil.copy(WPS_TEMPLATE, out)
    d = docx.Document(str(out))
    s2, s3, s4 = d.tables
    fmt = load_format("gov-2021")
    s2_rows = {"rules": 2, "normative": 3, "license": 6, "penalty": 9, "enforcement": 10, "fees": 13}
    s2_cols = {"issued": 1, "repealed": 2, "in_force": 3, "decisions": 1, "amount": 1}
    for cid, v in values.items():
        cell = fmt.cells[cid]
        if cid.startswith("s2."):
            s2.cell(s2_rows[cell.row_id], s2_cols[cell.col_id]).text = str(v)
        elif cid.startswith("s3."):
            s3.cell(3 + cell.row_index, 3 + cell.col_index).text = str(v)
        else:
            s4.cell(3, cell.col_index).text = str(v)
    paras = [p for p in d.paragraphs if p.text.strip()]
    paras[0].text = "某县自然资源局2023年政府信息公开工作年度报告"
    placeholders = [p for p in paras if p.text.startswith("（文字描述")]
    placeholders[0].text = "2023年，本局全年共收到政府信息公开申请13件，予以公开6件。"
    placeholders[1].text = "人员力量不足。"
    placeholders[2].text = "无"
    d.save(str(out))
    return out


def test_wps_template_filled_by_a_clerk_imports_every_number(tmp_path):
    expected = realistic_report(2023)
    typed = {cid: v for cid, v in expected.values.items() if v not in (0, None)}
    src = _fill_wps_template(tmp_path / "年报.docx", typed)
    report, info = import_source(src)
    assert report.format.id == "gov-2021"
    assert (report.year, report.agency) == (2023, "某县自然资源局")
    assert report.agency_type == "county_department"
    for cid, v in typed.items():
        assert report.values[cid] == v, cid
    # cells the clerk left empty (full-width spaces in WPS) are blank, not 0, and reported as such
    assert report.values["s3.deny.1.natural"] is None
    assert "s3.deny.1.natural" in info.blank
    assert len(info.recognised) == len(typed)
    assert not info.unplaced
    assert report.auto_total is False
    assert report.texts["s1"].startswith("2023年，本局")
    assert report.texts["s6"] == "无"


def test_wps_template_stated_total_kept_and_checks_show_the_wrong_sum(tmp_path):
    typed = {"s3.new.natural": 3, "s3.new.business": 1, "s3.new.total": 5}  # 3 + 1 ≠ 5: a typing slip
    report, _ = import_source(_fill_wps_template(tmp_path / "a.docx", typed))
    assert report.values["s3.new.total"] == 5
    r3 = [f for f in check(report) if f.rule == "R3" and "s3.new.total" in f.cells]
    assert r3 and "5" in r3[0].message and "4" in r3[0].message


def test_typed_template_with_merged_cells_round_trips_every_value(tmp_path):
    original = realistic_report(2023)
    src = report_docx(original, tmp_path / "r.docx")
    report, info = import_source(src)
    assert report.values == original.values
    assert not info.unplaced and not info.missing and not info.blank
    assert report.texts["s1"] == original.texts["s1"]
    assert report.texts["s5"] == original.texts["s5"]
    assert report.agency == original.agency


def test_label_variants_are_recognised_and_listed_as_approximate(tmp_path):
    original = realistic_report(2023)
    def variant(label: str) -> str:
        return wps_variant(label).replace("申请数量", "申请")  # “一、本年新收政府信息公开申请”: altered wording

    src = report_docx(original, tmp_path / "v.docx", label=variant)
    report, info = import_source(src)
    assert report.values == original.values
    assert any("本年新收政府信息公开申请" in a for a in info.approximate)  # altered labels are named
    assert not any("部分公开" in a for a in info.approximate)  # a dropped bracketed note is not an alteration


def test_2019_table_in_a_2021_report_is_imported_as_2019_and_flagged_by_f1(tmp_path):
    old = Report.new(2020, agency="某乡人民政府", fmt=load_format("gov-2019"))
    old.set_values([("s2.license.prev_items", 12), ("s2.license.change", -3), ("s2.license.decisions", 40),
                    ("s3.new.natural", 2), ("s3.other.natural", 1), ("s3.granted.natural", 1)])
    old.year = 2021  # typed on last year's template
    report, info = import_source(report_docx(old, tmp_path / "old.docx"))
    assert report.format.id == "gov-2019"
    assert report.values["s2.license.change"] == -3
    assert report.values["s3.other.natural"] == 1
    assert any("F1" in n for n in info.notes)
    assert any(f.rule == "F1" for f in check(report))


def test_township_reporting_rules_imports_and_s1_flags_it(tmp_path):
    r = Report.new(2022, agency="某镇人民政府")
    r.set_values([("s2.rules.issued", 2), ("s2.rules.in_force", 2)])
    report, _ = import_source(report_docx(r, tmp_path / "t.docx"))
    assert report.agency_type == "township"
    assert report.values["s2.rules.issued"] == 2
    assert any(f.rule == "S1" for f in check(report))


def test_blank_marks_become_blank_cells(tmp_path):
    r = realistic_report(2023)
    r.auto_total = False
    r.values["s3.deny.5.natural"] = None
    src = report_docx(r, tmp_path / "b.docx", blank="/")
    report, info = import_source(src)
    assert report.values["s3.deny.5.natural"] is None
    assert info.blank["s3.deny.5.natural"] == "/"


def test_a_word_document_without_report_tables_is_refused(tmp_path):
    d = docx.Document()
    d.add_paragraph("关于召开会议的通知")
    d.save(str(tmp_path / "n.docx"))
    with pytest.raises(ImportFailure, match="没有表格"):
        import_source(tmp_path / "n.docx", year=2023)


def test_old_doc_file_gets_save_as_docx_advice(tmp_path):
    p = tmp_path / "年报.doc"
    p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    with pytest.raises(ImportFailure, match=r"另存为 \.docx"):
        import_source(p)
    p2 = tmp_path / "改了扩展名.docx"
    p2.write_bytes(p.read_bytes())
    with pytest.raises(ImportFailure, match=r"\.doc 文件"):
        import_source(p2)


def test_encrypted_docx_is_reported_as_encrypted(tmp_path):
    p = tmp_path / "加密.docx"
    p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100 + "EncryptionInfo".encode("utf-16-le") + b"\x00" * 100)
    with pytest.raises(ImportFailure, match="密码"):
        import_source(p)


def test_corrupt_and_truncated_docx_get_a_clear_message(tmp_path):
    good = report_docx(realistic_report(2023), tmp_path / "g.docx")
    truncated = tmp_path / "t.docx"
    truncated.write_bytes(good.read_bytes()[:3000])
    with pytest.raises(ImportFailure, match="损坏"):
        import_source(truncated)
    notdocx = tmp_path / "x.docx"
    with zipfile.ZipFile(notdocx, "w") as zf:
        zf.writestr("hello.txt", "hi")
    with pytest.raises(ImportFailure, match="不是Word 文档"):
        import_source(notdocx)


def test_realistic_values_fixture_is_nontrivial():
    # guards the tests above against a factory that silently became all zeros
    assert sum(v for v in REALISTIC.values() if isinstance(v, int)) > 100


def test_rows_and_cells_inside_content_controls_are_read(tmp_path):
    """Form templates wrap rows (and cells) in content controls (w:sdt/w:sdtContent); their numbers still count."""
    from docx.oxml.ns import qn
    from docx.oxml.parser import OxmlElement

    r = realistic_report(2023)
    path = report_docx(r, tmp_path / "r.docx")
    d = docx.Document(str(path))
    s3 = d.tables[1]._tbl
    first_data_row = next(tr for tr in s3.tr_lst if "一、本年新收" in "".join(tr.itertext()))

    def wrap(element):
        sdt, content = OxmlElement("w:sdt"), OxmlElement("w:sdtContent")
        element.addprevious(sdt)
        sdt.append(content)
        content.append(element)

    wrap(first_data_row)  # a whole row inside a content control
    wrap(first_data_row.findall(qn("w:tc"))[1])  # and the 自然人 cell inside it, once more
    d.save(str(path))
    report, _ = import_source(path)
    assert report.values["s3.new.natural"] == r.values["s3.new.natural"] == 10
    assert report.values["s3.new.total"] == r.values["s3.new.total"]
