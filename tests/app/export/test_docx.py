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


def sections(document) -> list[list]:
    """The Word tables per official table: a table cut for the page (Section 三) is several Word tables, each after
    a page-break paragraph."""
    out: list[list] = []
    after_break = False
    for block in document.iter_inner_content():
        if isinstance(block, docx.table.Table):
            if after_break and out:
                out[-1].append(block)
            else:
                out.append([block])
            after_break = False
        else:
            after_break = bool(block.paragraph_format.page_break_before) and not block.text
    return out


def header_row_count(table) -> int:
    return sum(tr.trPr is not None and tr.trPr.find(qn("w:tblHeader")) is not None for tr in table._tbl.tr_lst)


def _open_label(part, col: int) -> str | None:
    """The text of the label merged down column `col` to the last row of `part`, or None."""
    structure = merge_structure(part)
    for row in range(len(structure) - 1, -1, -1):
        states = {c: st for c, _, st in structure[row]}
        if states.get(col) == "restart":
            return cell_text(part, row, col)
        if states.get(col) != "continue":
            return None
    return None


def joined_structure(parts) -> list[list[tuple[int, int, str]]]:
    """The merge structure of one official table printed in parts: the continuations without their repeated header
    rows, and a label repeated at a cut (三、本年度办理结果) continuing the label above it."""
    rows = merge_structure(parts[0])
    previous = parts[0]
    for part in parts[1:]:
        skip = header_row_count(part)
        more = merge_structure(part)[skip:]
        first = [(col, span, "continue" if state == "restart" and _open_label(previous, col) == cell_text(part, skip, col)
                  else state) for col, span, state in more[0]]
        rows += [first, *more[1:]]
        previous = part
    return rows


@pytest.fixture
def exported(tmp_path, report, fonts) -> docx.document.Document:
    out = tmp_path / "report.docx"
    export_report(report, "docx", out, fonts)
    return docx.Document(str(out))


def test_three_tables_have_the_official_merged_cells(exported):
    official = docx.Document(str(OFFICIAL_TEMPLATE))
    tables = sections(exported)
    assert [len(t) for t in tables] == [1, 2, 1]  # 三 does not fit one page with its heading: cut in two
    for parts, theirs in zip(tables, official.tables, strict=True):
        assert joined_structure(parts) == merge_structure(theirs)


def test_the_continuation_of_section_three_repeats_headings_and_group_label(exported):
    first, rest = sections(exported)[1]
    assert header_row_count(first) == header_row_count(rest) == 3
    assert cell_text(rest, 0, 0) == cell_text(first, 0, 0) and cell_text(rest, 0, 3) == "申请人情况"
    assert cell_text(rest, 3, 0) == "三、本年度办理结果"  # the group label, not a blank merged cell
    last_label = [cell_text(first, len(first.rows) - 1, c) for c in range(3)]
    assert cell_text(rest, 3, 2) not in last_label  # rows are not repeated, only headings and labels
    # each part fits a page: every row keeps with the next, so Word moves a part whole rather than cutting it
    for part in (first, rest):
        for tr in part._tbl.tr_lst[:-1]:
            assert all(p.pPr is not None and p.pPr.keepNext is not None for p in tr.iter(qn("w:p")))


def test_table_values_labels_and_notes(exported, report):
    (s2,), (s3, s3_rest), (s4,) = sections(exported)
    assert cell_text(s2, 0, 0) == "第二十条第（一）项"
    assert [cell_text(s2, 3, c) for c in range(4)] == ["行政规范性文件", "3", "1", "15"]
    assert cell_text(s2, 13, 1) == "26.55"
    assert cell_text(s3, 0, 0) == "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    assert [cell_text(s3, 3, c) for c in range(3, 10)] == ["12", "3", "0", "1", "2", "0", "18"]
    assert cell_text(s3, 5, 0) == "三、本年度办理结果"
    cut = len(s3.rows) - 3
    assert cell_text(s3_rest, 26 - cut, 1) == "（七）总计"
    assert cell_text(s3_rest, 26 - cut, 9) == str(report.values["s3.total.total"])
    assert [cell_text(s3_rest, 27 - cut, c) for c in (0, 3, 9)] == ["四、结转下年度继续办理", "1", "3"]
    assert [cell_text(s4, 3, c) for c in range(5)] == ["1", "1", "0", "1", "3"]
    # the merged value cell of a one-column block holds its number once, not joined copies
    assert cell_text(s2, 6, 1) == "126" and len(s2.cell(6, 1).paragraphs) == 1


def test_header_rows_repeat_and_rows_never_split(exported):
    (s2,), (s3, s3_rest), (s4,) = sections(exported)
    for table, headers in ((s2, 0), (s3, 3), (s3_rest, 3), (s4, 3)):
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
    by_text: dict[str, str] = {}
    for p in exported.paragraphs:
        by_text.setdefault(p.text, p.style.name)
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
    s3 = sections(d)[1][0]
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
    continued: set[str] = set()
    for block in d.iter_inner_content():  # document order: paragraphs and tables interleaved
        if isinstance(block, docx.table.Table):
            rows = block._tbl.tr_lst[header_row_count(block):] if continued else block._tbl.tr_lst
            for tr in rows:
                for tc in tr.iter(qn("w:tc")):
                    text = "".join(x.text or "" for x in tc.iter(qn("w:t"))).strip()
                    if text and not re.fullmatch(r"[\d.]+", text) and text not in continued:
                        ours.append(text)
            continued = set(ours)  # a continuation repeats headings and group labels only
        elif block.style.name not in ("Normal",) and block.text:
            ours.append(block.text)
            continued = set()
        elif not block.paragraph_format.page_break_before:
            continued = set()
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


def libreoffice_pdf(source: Path, folder: Path) -> Path:
    """`source` rendered to PDF by LibreOffice, as a reviewer on a 信创 PC sees it."""
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{folder}/lo-profile",
                    "--convert-to", "pdf", "--outdir", str(folder), str(source)],
                   check=True, capture_output=True, timeout=180)
    return folder / f"{source.stem}.pdf"


@pytest.fixture(scope="module")
def city_pages(tmp_path_factory) -> list[str]:
    """The city report's Word export as LibreOffice lays it out: one text per page (pdftotext -layout)."""
    if shutil.which("soffice") is None or shutil.which("pdftotext") is None:
        pytest.skip("LibreOffice or poppler-utils not installed")
    from app.export.specimen import city_report

    from .conftest import TEST_FONTS

    folder = tmp_path_factory.mktemp("city")
    out = folder / "city.docx"
    export_report(city_report(), "docx", out, TEST_FONTS)
    pdf = libreoffice_pdf(out, folder)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return text.split("\f")[:-1]


def test_libreoffice_shows_every_city_figure_whole(city_pages):
    squeezed = re.sub(r"\s+", " ", "\n".join(city_pages))
    for row in ("13857 2164 37 58 1296 412 17824", "1032 118 2 4 87 21 1264", "14163 2088 33 50 1149 350 17833",
                "1187 146 212 305 1850 419 38 97 126 680 233 21 44 58 356", "268451", "35972", "96171.6372"):
        assert row in squeezed, row


def test_file_properties_name_this_report_this_agency_and_this_program(tmp_path, report, fonts):
    import zipfile
    from datetime import UTC, datetime, timedelta

    from app import APP_NAME

    out = tmp_path / "r.docx"
    export_report(report, "docx", out, fonts)
    props = docx.Document(str(out)).core_properties
    assert props.title == report.title and props.author == report.agency == props.last_modified_by
    now = datetime.now(UTC).replace(tzinfo=None)
    created = props.created.replace(tzinfo=None)
    assert abs(created - now) < timedelta(minutes=5) and props.modified == props.created
    assert props.comments == ""  # not "generated by python-docx"
    with zipfile.ZipFile(out) as z:
        app_xml = z.read("docProps/app.xml").decode()
        names = z.namelist()
    assert f"<Application>{APP_NAME}" in app_xml and "Macintosh" not in app_xml
    assert "docProps/thumbnail.jpeg" not in names


def test_font_table_gives_each_gb2312_face_its_windows_name(exported):
    part = next(r.target_part for r in exported.part.rels.values() if r.reltype.endswith("/fontTable"))
    from lxml import etree

    fonts = {f.get(qn("w:name")): f for f in etree.fromstring(part.blob).iter(qn("w:font"))}
    alt = {name: f.find(qn("w:altName")).get(qn("w:val")) for name, f in fonts.items() if f.find(qn("w:altName")) is not None}
    assert alt["仿宋_GB2312"] == "仿宋" and alt["楷体_GB2312"] == "楷体" and alt["方正小标宋简体"] == "宋体"
    assert alt["黑体"] == "SimHei" and alt["宋体"] == "SimSun"
    assert fonts["仿宋_GB2312"].find(qn("w:charset")).get(qn("w:val")) == "86"
    assert not any("ＭＳ" in name for name in fonts)  # the template's Japanese defaults are gone


def test_body_is_set_28_characters_a_line_on_22_lines(exported):
    normal = exported.styles["Normal"].element.rPr
    assert normal.find(qn("w:spacing")).get(qn("w:val")) == "-5"  # 3号 condensed 0.25 pt: 28 × 15.75 pt ≤ 156 mm
    for name in ("ZW Title", "ZW Table", "ZW Page Number"):
        assert exported.styles[name].element.rPr.find(qn("w:spacing")).get(qn("w:val")) == "0"
    grid = exported.sections[0]._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:type")) == "lines" and grid.get(qn("w:linePitch")) == "579"


def test_sign_off_closes_the_report_and_a_draft_says_so_on_every_page(tmp_path, fonts):
    from app.export.specimen import city_report

    out = tmp_path / "city.docx"
    export_report(city_report(), "docx", out, fonts, draft=True)
    d = docx.Document(str(out))
    last = d.paragraphs[-3:]
    assert [p.text for p in last] == ["", "云江市人民政府", "2024年1月26日"]
    assert [p.paragraph_format.right_indent.pt for p in last[1:]] == [16 * 3.5, 16 * 2.0]
    assert all(p.alignment == 2 for p in last[1:])  # right
    assert d.paragraphs[-4].paragraph_format.keep_with_next  # the text's last lines go with the 落款
    s = d.sections[0]
    for header in (s.header, s.even_page_header):
        assert header.paragraphs[0].text == "草稿（未通过检查）"
    clean = tmp_path / "clean.docx"
    export_report(city_report(), "docx", clean, fonts)
    assert "草稿" not in "".join(p.text for p in docx.Document(str(clean)).sections[0].header.paragraphs)


def test_libreoffice_keeps_section_two_blocks_and_section_three_labels_on_every_page(city_pages):
    """Each page that shows Section 三 figures also shows its column headings and the group label; a Section 二
    block never starts a page without its caption; no heading ends a page."""
    for page in city_pages:
        flat = re.sub(r"\s+", "", page)
        if "一、本年新收" in flat or "（七）总计" in flat or "不予处理" in flat:
            assert "申请人情况" in flat and "本列数据的勾稽关系" in flat
            # the vertical group label, three characters a line in its narrow column
            assert all(piece in flat for piece in ("三、本", "年度办", "理结果")), "三、本年度办理结果 missing"
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        body = [line for line in lines if not re.fullmatch(r"—\s*\d+\s*—", line)]
        assert not re.match(r"^[一二三四五六]、", body[-1]), body[-1]  # a heading never ends a page
        if re.match(r"^(信息内容|行政许可|行政处罚|行政强制|行政事业性收费|规章)", body[0]):
            raise AssertionError(f"a Section 二 block starts a page without its caption: {body[0]}")
