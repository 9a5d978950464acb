"""Read the Word export back with python-docx and compare it with the official template and GB/T 9704."""

import re
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from app.export import export_report
from app.rules import check
from app.storage import load

from .conftest import OFFICIAL_TEMPLATE, SEED_TEXT


def merge_structure(table) -> list[list[tuple[int, int, str]]]:
    """Per row: (grid column, gridSpan, vMerge state) of every w:tc, as Word stores merged cells."""
    rows = []
    for tr in table._tbl.tr_lst:
        col, line = 0, []
        for tc in tr.tc_lst:
            vmerge = tc.tcPr.find(qn("w:vMerge")) if tc.tcPr is not None else None
            state = "" if vmerge is None else ("restart" if vmerge.get(qn("w:val")) == "restart" else "continue")
            line.append((col, tc.grid_span, state))
            col += tc.grid_span
        rows.append(line)
    return rows


def cell_text(table, row: int, col: int) -> str:
    return table.cell(row, col).text


@pytest.fixture
def exported(tmp_path, report, fonts) -> docx.document.Document:
    out = tmp_path / "report.docx"
    export_report(report, "docx", out, fonts)
    return docx.Document(str(out))


def test_three_tables_have_the_official_merged_cells(exported):
    official = docx.Document(str(OFFICIAL_TEMPLATE))
    assert len(exported.tables) == 3
    for ours, theirs in zip(exported.tables, official.tables, strict=True):
        assert merge_structure(ours) == merge_structure(theirs)


def test_table_values_labels_and_notes(exported, report):
    s2, s3, s4 = exported.tables
    assert cell_text(s2, 0, 0) == "第二十条第（一）项"
    assert [cell_text(s2, 3, c) for c in range(4)] == ["行政规范性文件", "3", "1", "15"]
    assert cell_text(s2, 13, 1) == "26.55"
    assert cell_text(s3, 0, 0) == "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    assert [cell_text(s3, 3, c) for c in range(3, 10)] == ["12", "3", "0", "1", "2", "0", "18"]
    assert cell_text(s3, 5, 0) == "三、本年度办理结果"
    assert cell_text(s3, 26, 1) == "（七）总计" and cell_text(s3, 26, 9) == str(report.values["s3.total.total"])
    assert [cell_text(s3, 27, c) for c in (0, 3, 9)] == ["四、结转下年度继续办理", "1", "3"]
    assert [cell_text(s4, 3, c) for c in range(5)] == ["1", "1", "0", "1", "3"]
    # the merged value cell of a one-column block holds its number once, not joined copies
    assert cell_text(s2, 6, 1) == "126" and len(s2.cell(6, 1).paragraphs) == 1


def test_header_rows_repeat_and_rows_never_split(exported):
    s2, s3, s4 = exported.tables
    for table, headers in ((s2, 0), (s3, 3), (s4, 3)):
        for i, tr in enumerate(table._tbl.tr_lst):
            assert tr.trPr.find(qn("w:cantSplit")) is not None
            assert (tr.trPr.find(qn("w:tblHeader")) is not None) == (i < headers)


def test_a4_and_gb9704_margins(exported):
    s = exported.sections[0]
    assert round(s.page_width.mm) == 210 and round(s.page_height.mm) == 297
    assert [round(m.mm) for m in (s.top_margin, s.bottom_margin, s.left_margin, s.right_margin)] == [37, 35, 28, 26]
    assert s.orientation == 0  # portrait


def _rfonts(style) -> dict[str, str]:
    rfonts = style.element.rPr.find(qn("w:rFonts"))
    return {k.split("}")[1]: v for k, v in rfonts.attrib.items()}


def test_fonts_set_for_east_asian_text_without_theme_fonts(exported, fonts):
    styles = exported.styles
    expected = {"Normal": fonts.body, "ZW Title": fonts.title, "ZW Heading 1": fonts.heading1,
                "ZW Heading 2": fonts.heading2, "ZW Table": fonts.body, "ZW Page Number": fonts.page_number}
    for name, font in expected.items():
        assert _rfonts(styles[name]) == {"ascii": font, "hAnsi": font, "eastAsia": font, "cs": font}
    assert styles["Normal"].font.size.pt == 16 and styles["ZW Title"].font.size.pt == 22
    assert styles["ZW Page Number"].font.size.pt == 14
    xml = exported.styles.element.xml
    assert "Theme=" not in xml and "ja-JP" not in xml
    body = styles["Normal"].paragraph_format
    assert body.line_spacing.pt == pytest.approx(28.95) and body.first_line_indent.pt == 32


def test_paragraph_styles_follow_the_heading_levels(exported):
    by_text = {p.text: p.style.name for p in exported.paragraphs if p.text}
    assert by_text["青山县石桥镇人民政府"] == "ZW Title"
    assert by_text["2023年政府信息公开工作年度报告"] == "ZW Title"
    assert by_text["一、总体情况"] == "ZW Heading 1"
    assert by_text["（一）存在的主要问题"] == "ZW Heading 2"
    lead = next(p for p in exported.paragraphs if p.text.startswith("（一）主动公开。"))
    assert lead.style.name == "Normal"
    assert lead.runs[0].text == "（一）主动公开。"
    assert lead.runs[0]._r.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "楷体_GB2312"


def test_odd_and_even_footers_carry_a_page_field(exported):
    assert exported.settings.odd_and_even_pages_header_footer
    s = exported.sections[0]
    for footer, align, side in ((s.footer, 2, "right_indent"), (s.even_page_footer, 0, "left_indent")):
        p = footer.paragraphs[0]
        assert p.alignment == align  # 2 = right (odd pages), 0 = left (even pages)
        assert getattr(p.paragraph_format, side).pt == 14
        assert p.text == "— 1 —"  # the field's placeholder between the dashes
        instr = [t.text.strip() for t in p._p.iter(qn("w:instrText"))]
        assert instr == ["PAGE"]


def test_blank_only_where_left_blank_and_no_findings_in_the_file(tmp_path, report, fonts):
    report.set_value("s3.new.research", None)
    report.auto_total = False
    report.values["s3.new.total"] = 99  # a stated total that disagrees: an error finding
    findings = check(report)
    assert any(f.severity == "error" for f in findings)
    out = tmp_path / "r.docx"
    export_report(report, "docx", out, fonts)
    d = docx.Document(str(out))
    s3 = d.tables[1]
    assert cell_text(s3, 3, 5) == "" and cell_text(s3, 3, 6) == "1" and cell_text(s3, 3, 9) == "99"
    everything = "\n".join([p.text for p in d.paragraphs] + [c.text for t in d.tables for r in t.rows for c in r.cells])
    for f in findings:
        assert f.message not in everything
    assert "错误" not in everything and "警告" not in everything


def _tokens(text: str) -> list[str]:
    return [t for t in (line.strip() for line in text.splitlines()) if t and not re.fullmatch(r"[\d.]+", t)]


def test_sample_matches_the_published_report_in_headings_labels_and_order(tmp_path, sample_path, fonts):
    out = tmp_path / "jindian.docx"
    export_report(load(sample_path), "docx", out, fonts)
    d = docx.Document(str(out))
    ours: list[str] = []
    for block in d.iter_inner_content():  # document order: paragraphs and tables interleaved
        if isinstance(block, docx.table.Table):
            for tc in block._tbl.iter(qn("w:tc")):
                text = "".join(x.text or "" for x in tc.iter(qn("w:t"))).strip()
                if text and not re.fullmatch(r"[\d.]+", text):
                    ours.append(text)
        elif block.style.name != "Normal" and block.text:
            ours.append(block.text)
    seed = _tokens(SEED_TEXT.read_text(encoding="utf-8"))
    # every heading and label we print appears in the published report, in the same order
    it = iter(seed)
    missing = [t for t in ours if not any(t == s for s in it)]
    assert missing == []
    headings = [t for t in ours if t.endswith(("情况", "事项")) and t[:2] in ("一、", "二、", "三、", "四、", "五、", "六、")
                and len(t) < 25 and "申请" not in t[2:4]]
    assert headings == [t for t in seed if t in headings]
    assert len(headings) == 6 and "金殿镇人民政府" in ours


def test_unwritable_target_is_a_chinese_error(tmp_path, report, fonts):
    from app.export import ExportError

    with pytest.raises(ExportError, match="文件夹"):
        export_report(report, "docx", tmp_path / "missing" / "r.docx", fonts)
    assert not list(Path(tmp_path).iterdir())


def test_tables_fit_the_text_block(exported):
    text_width = exported.sections[0].page_width - exported.sections[0].left_margin - exported.sections[0].right_margin
    for table in exported.tables:
        grid = sum(int(gc.get(qn("w:w"))) for gc in table._tbl.tblGrid.findall(qn("w:gridCol")))
        assert grid * 635 <= text_width + 635  # twips → EMU; half a twip of rounding


@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None,
                    reason="LibreOffice or poppler-utils not installed")
def test_libreoffice_renders_every_column_on_a4(tmp_path, report, fonts):
    out = tmp_path / "report.docx"
    export_report(report, "docx", out, fonts)
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo-profile",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(out)],
                   check=True, capture_output=True, timeout=180)
    pdf = tmp_path / "report.pdf"
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Page size:\s+595(\.\d+)? x 84[12]", info)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    squeezed = re.sub(r"\s+", " ", text)
    assert re.search(r"12 3 0 1 2 0 18", squeezed)  # 一、本年新收: all seven columns, total included
    assert re.search(r"1 1 0 1 3 1 0 0 0 1 0 0 0 0 0", squeezed)  # Section 四: all fifteen
    assert "— 2 —" in text or "—2—" in text.replace(" ", "")


# ECMA-376 element order (Word rejects a file whose property children are out of order).
PPR_ORDER = str.split("pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers pBdr shd tabs "
             "suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE autoSpaceDN bidi "
             "adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents suppressOverlap jc textDirection "
             "textAlignment textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange")
TBLPR_ORDER = str.split("tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize tblW jc tblCellSpacing "
               "tblInd tblBorders shd tblLayout tblCellMar tblLook tblCaption tblDescription tblPrChange")
TCPR_ORDER = str.split("cnfStyle tcW gridSpan hMerge vMerge tcBorders shd noWrap tcMar textDirection tcFitText vAlign "
              "hideMark")


def _assert_ordered(element, order: list[str]) -> None:
    names = [c.tag.split("}")[1] for c in element]
    positions = [order.index(n) for n in names]
    assert positions == sorted(positions), names


def test_property_elements_in_schema_order(exported):
    parts = [exported.element, exported.styles.element, exported.sections[0].footer._element,
             exported.sections[0].even_page_footer._element]
    for part in parts:
        for ppr in part.iter(qn("w:pPr")):
            _assert_ordered(ppr, PPR_ORDER)
        for tblpr in part.iter(qn("w:tblPr")):
            _assert_ordered(tblpr, TBLPR_ORDER)
        for tcpr in part.iter(qn("w:tcPr")):
            _assert_ordered(tcpr, TCPR_ORDER)
