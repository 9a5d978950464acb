"""Word (.docx) export in the GB/T 9704-2012 layout, from the shared layout (app.export.layout).

Starts from resources/templates/template.docx (A4, GB/T 9704 margins, theme fonts cleared, zh-CN) because
python-docx's own default is US Letter with a Japanese East Asian theme. Every style names its fonts through the
w:eastAsia attribute as well, or Word shows Chinese text in a fallback face.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from xml.sax.saxutils import escape

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.styles.style import BaseStyle
from docx.table import _Cell
from docx.text.paragraph import Paragraph as DocxParagraph
from docx.text.parfmt import ParagraphFormat

from app import APP_NAME, __version__
from app.export import layout as L
from app.export.fonts import (
    FANGSONG,
    GB2312_BODY,
    GB2312_KAI,
    HEITI,
    KAITI,
    SONGTI,
    XIAOBIAOSONG,
    FontSet,
    default_fonts,
)
from app.report.model import Report
from app.resources import TEMPLATES_DIR

TEMPLATE = TEMPLATES_DIR / "template.docx"

BODY, TITLE, HEADING1, HEADING2, TABLE, PAGE_NUMBER = "Normal", "ZW Title", "ZW Heading 1", "ZW Heading 2", \
    "ZW Table", "ZW Page Number"
_ALIGN = {"center": WD_ALIGN_PARAGRAPH.CENTER, "left": WD_ALIGN_PARAGRAPH.LEFT}
DRAFT_RED = RGBColor(0xC0, 0x00, 0x00)
_THEME_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")


# Word validates the order of property elements (an out-of-order child makes it report unreadable content):
# python-docx knows the order only for the elements it models, so the others are inserted before their successors.
PPR_AFTER_SNAP = ("w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
                  "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId",
                  "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")
PPR_AFTER_OUTLINE = ("w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")
RPR_AFTER_SPACING = ("w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u", "w:effect", "w:bdr", "w:shd",
                     "w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang", "w:eastAsianLayout",
                     "w:specVanish", "w:oMath")
TBLPR_AFTER_BORDERS = ("w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription",
                       "w:tblPrChange")
TBLPR_AFTER_CELLMAR = ("w:tblLook", "w:tblCaption", "w:tblDescription", "w:tblPrChange")


def insert_in_order(parent, child, successors: tuple[str, ...]) -> None:
    """Put `child` before the first of its schema successors present in `parent` (else at the end)."""
    tags = {qn(t) for t in successors}
    for existing in parent:
        if existing.tag in tags:
            existing.addprevious(child)
            return
    parent.append(child)


# -- fonts and styles ---------------------------------------------------------------------------------------------
def set_rfonts(rpr_parent, name: str) -> None:
    """Name one font for Latin, East Asian and complex scripts, and drop theme references that would win."""
    rpr = rpr_parent.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for attr in _THEME_ATTRS:
        rfonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(attr), name)


def _style(doc: DocxDocument, name: str) -> BaseStyle:
    try:
        return doc.styles[name]
    except KeyError:
        style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = doc.styles[BODY]
        return style


def _outline_level(style: BaseStyle, level: int) -> None:
    ppr = style.element.get_or_add_pPr()
    for old in ppr.findall(qn("w:outlineLvl")):
        ppr.remove(old)
    el = OxmlElement("w:outlineLvl")
    el.set(qn("w:val"), str(level))
    insert_in_order(ppr, el, PPR_AFTER_OUTLINE)


def _no_grid_snap(style: BaseStyle) -> None:
    ppr = style.element.get_or_add_pPr()
    if ppr.find(qn("w:snapToGrid")) is None:
        el = OxmlElement("w:snapToGrid")
        el.set(qn("w:val"), "0")
        insert_in_order(ppr, el, PPR_AFTER_SNAP)


def _first_line_chars(pf, chars: int, size_pt: float) -> None:
    """Indent the first line by whole characters (Word's 首行缩进 N 字符), with the length as fallback."""
    pf.first_line_indent = Pt(size_pt * chars)
    ind = pf._element.get_or_add_pPr().get_or_add_ind()
    ind.set(qn("w:firstLineChars"), str(chars * 100))


def apply_styles(doc: DocxDocument, fonts: FontSet) -> None:
    """Define (or redefine) every style the export uses. Idempotent: the template is built with this too."""
    specs = [
        # style, font, size, bold, line pitch, alignment, first-line chars, outline level
        (BODY, fonts.body, L.BODY_PT, False, L.LINE_PITCH_PT, WD_ALIGN_PARAGRAPH.JUSTIFY, 2, None),
        (TITLE, fonts.title, L.TITLE_PT, fonts.title_bold, L.TITLE_LINE_PT, WD_ALIGN_PARAGRAPH.CENTER, 0, None),
        (HEADING1, fonts.heading1, L.BODY_PT, False, L.LINE_PITCH_PT, WD_ALIGN_PARAGRAPH.JUSTIFY, 2, 0),
        (HEADING2, fonts.heading2, L.BODY_PT, False, L.LINE_PITCH_PT, WD_ALIGN_PARAGRAPH.JUSTIFY, 2, 1),
        (TABLE, fonts.body, L.TABLE_PT, False, L.TABLE_LINE_PT, WD_ALIGN_PARAGRAPH.CENTER, 0, None),
        (PAGE_NUMBER, fonts.page_number, L.PAGE_NUMBER_PT, False, None, WD_ALIGN_PARAGRAPH.RIGHT, 0, None),
    ]
    for name, font, size, bold, pitch, align, indent, outline in specs:
        style = _style(doc, name)
        style.font.size = Pt(size)
        style.font.bold = bold
        set_rfonts(style.element, font)
        pf = style.paragraph_format
        pf.alignment = align
        pf.space_before = Pt(0)
        pf.space_after = Pt(0)
        if pitch is None:
            pf.line_spacing_rule = WD_LINE_SPACING.SINGLE
        else:
            pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
            pf.line_spacing = Pt(pitch)
        if indent:
            _first_line_chars(pf, indent, size)
        else:
            pf.first_line_indent = Pt(0)
        if outline is not None:
            _outline_level(style, outline)
        if name in (TITLE, TABLE, PAGE_NUMBER):
            _no_grid_snap(style)  # the 22-line grid is for body text; it would double every table row
    doc.styles[HEADING1].paragraph_format.keep_with_next = True
    doc.styles[HEADING2].paragraph_format.keep_with_next = True
    _letter_spacing(doc.styles[BODY], L.BODY_CONDENSE_PT)  # the headings inherit it: they are body-size text
    for name in (TITLE, TABLE, PAGE_NUMBER):
        _letter_spacing(doc.styles[name], 0.0)


def _letter_spacing(style: BaseStyle, points: float) -> None:
    """Character spacing (Word's 字符间距 紧缩). GB/T 9704's 28 characters in the 156 mm line need 3号 characters
    condensed by a quarter point; Word's own character grid (docGrid linesAndChars, charSpace −852) would do it in
    Word, but LibreOffice then gives each 16 pt character two grid cells (14 a line), so the spacing is set
    directly, which Word, WPS and LibreOffice all honour."""
    rpr = style.element.get_or_add_rPr()
    for old in rpr.findall(qn("w:spacing")):
        rpr.remove(old)
    el = OxmlElement("w:spacing")
    el.set(qn("w:val"), str(round(points * 20)))
    insert_in_order(rpr, el, RPR_AFTER_SPACING)


def clear_theme_fonts(doc: DocxDocument) -> None:
    """Replace theme font references by explicit names and make the East Asian language Chinese."""
    styles = doc.styles.element
    for rfonts in styles.iter(qn("w:rFonts")):
        for attr in _THEME_ATTRS:
            rfonts.attrib.pop(qn(attr), None)
    for lang in styles.iter(qn("w:lang")):
        lang.set(qn("w:eastAsia"), "zh-CN")
    settings = doc.settings.element
    for tfl in settings.iter(qn("w:themeFontLang")):
        tfl.set(qn("w:eastAsia"), "zh-CN")


def setup_page(doc: DocxDocument) -> None:
    """A4 portrait, GB/T 9704 margins, a 22-line grid, page numbers in odd/even footers."""
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(L.PAGE_WIDTH_MM), Mm(L.PAGE_HEIGHT_MM)
    section.top_margin, section.bottom_margin = Mm(L.MARGIN_TOP_MM), Mm(L.MARGIN_BOTTOM_MM)
    section.left_margin, section.right_margin = Mm(L.MARGIN_LEFT_MM), Mm(L.MARGIN_RIGHT_MM)
    # The number's line ends 7 mm below the text block: footer distance = bottom margin - gap - line height.
    section.footer_distance = Mm(L.MARGIN_BOTTOM_MM - L.PAGE_NUMBER_GAP_MM - L.PAGE_NUMBER_PT * L.MM_PER_PT)
    section.header_distance = Mm(L.HEADER_MM)
    grid = section._sectPr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        section._sectPr.append(grid)
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(round(L.LINE_PITCH_PT * 20)))
    doc.settings.odd_and_even_pages_header_footer = True


def _field(paragraph: DocxParagraph, instruction: str, placeholder: str) -> None:
    def fld_char(kind: str) -> None:
        el = OxmlElement("w:fldChar")
        el.set(qn("w:fldCharType"), kind)
        paragraph.add_run()._r.append(el)

    fld_char("begin")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    paragraph.add_run()._r.append(instr)
    fld_char("separate")
    paragraph.add_run(placeholder)
    fld_char("end")


def _page_number_footer(footer, odd: bool) -> None:
    """GB/T 9704: "— 1 —", odd pages at the right and even pages at the left, one character in from the edge."""
    footer.is_linked_to_previous = False
    p = footer.paragraphs[0]
    for r in list(p.runs):
        r._r.getparent().remove(r._r)
    p.style = PAGE_NUMBER
    pf = p.paragraph_format
    pf.alignment = WD_ALIGN_PARAGRAPH.RIGHT if odd else WD_ALIGN_PARAGRAPH.LEFT
    one_char = Pt(L.PAGE_NUMBER_PT)
    pf.right_indent, pf.left_indent = (one_char, Pt(0)) if odd else (Pt(0), one_char)
    p.add_run(f"{L.PAGE_NUMBER_DASH} ")
    _field(p, "PAGE", "1")
    p.add_run(f" {L.PAGE_NUMBER_DASH}")


# -- content ------------------------------------------------------------------------------------------------------
def _style_of(doc: DocxDocument, name: str) -> BaseStyle:
    """The style object, looked up once per document (python-docx looks a style *name* up through every style on
    each paragraph added: a third of the export's time)."""
    cache: dict[str, BaseStyle] = doc.__dict__.setdefault("_zw_styles", {})
    if name not in cache:
        cache[name] = doc.styles[name]
    return cache[name]


def _add_paragraph(doc: DocxDocument, item: L.Paragraph, fonts: FontSet) -> DocxParagraph:
    style = {"heading1": HEADING1, "heading2": HEADING2}.get(item.kind, BODY)
    p = doc.add_paragraph(style=_style_of(doc, style))
    if item.kind in ("blank", "signoff"):
        pf = p.paragraph_format
        pf.first_line_indent = Pt(0)
        pf._element.get_or_add_pPr().get_or_add_ind().set(qn("w:firstLineChars"), "0")
        if item.kind == "signoff":
            pf.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            pf.right_indent = Pt(L.BODY_PT * item.right_em)
            pf._element.get_or_add_pPr().get_or_add_ind().set(qn("w:rightChars"), str(round(item.right_em * 100)))
    if item.lead:
        lead = p.add_run(item.lead)
        set_rfonts(lead._r, fonts.heading2)
    if item.text:
        p.add_run(item.text)
    return p


def _twips(mm: float) -> str:
    return str(round(mm / 25.4 * 1440))


def _column_twips(widths: tuple[float, ...]) -> list[int]:
    """Column widths in twips, rounded at the column edges so the table never outgrows the text block."""
    edges = [0]
    total = 0.0
    for w in widths:
        total += w
        edges.append(round(total / 25.4 * 1440))
    return [b - a for a, b in zip(edges, edges[1:], strict=False)]


def _table_properties(table, widths: tuple[float, ...]) -> None:
    tbl = table._tbl
    tblpr = tbl.tblPr
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    tblw = tblpr.find(qn("w:tblW"))
    if tblw is None:
        tblw = OxmlElement("w:tblW")
        tblpr.append(tblw)
    tblw.set(qn("w:type"), "dxa")
    tblw.set(qn("w:w"), str(sum(_column_twips(widths))))
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "single")
        el.set(qn("w:sz"), "4")
        el.set(qn("w:space"), "0")
        el.set(qn("w:color"), "000000")
        borders.append(el)
    insert_in_order(tblpr, borders, TBLPR_AFTER_BORDERS)
    margins = OxmlElement("w:tblCellMar")
    for edge, mm in (("top", L.TABLE_CELL_PADDING_MM / 2), ("left", L.TABLE_CELL_PADDING_MM),
                     ("bottom", L.TABLE_CELL_PADDING_MM / 2), ("right", L.TABLE_CELL_PADDING_MM)):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:w"), _twips(mm))
        el.set(qn("w:type"), "dxa")
        margins.append(el)
    insert_in_order(tblpr, margins, TBLPR_AFTER_CELLMAR)
    for gc, w in zip(tbl.tblGrid.findall(qn("w:gridCol")), _column_twips(widths), strict=True):
        gc.set(qn("w:w"), str(w))


def _cell_widths(table, widths: tuple[float, ...]) -> None:
    """Word and LibreOffice ignore grid widths unless every cell states its own (sum of the columns it spans)."""
    twips = _column_twips(widths)
    for tr in table._tbl.tr_lst:
        col = 0
        for tc in tr.tc_lst:
            span = tc.grid_span
            tcpr = tc.get_or_add_tcPr()
            tcw = tcpr.get_or_add_tcW()
            tcw.type = "dxa"
            tcw.set(qn("w:w"), str(sum(twips[col:col + span])))
            col += span


def _row_flags(table, grid: L.TableLayout) -> None:
    """Rows never split; header rows repeat; the rows of a kept group (a Section 二 block with its caption and
    headings, a whole Section 三 or 四 table) keep with the next row, as Word keeps a table together."""
    keep = {row for rows in L.kept_rows(grid) for row in rows[:-1]}
    for i, tr in enumerate(table._tbl.tr_lst):
        trpr = tr.get_or_add_trPr()
        trpr.append(OxmlElement("w:cantSplit"))
        if i < grid.header_rows:
            trpr.append(OxmlElement("w:tblHeader"))
        if i in keep:
            for p in tr.iter(qn("w:p")):
                ParagraphFormat(p).keep_with_next = True


def _page_break(doc: DocxDocument) -> None:
    """Between the parts of a table cut for the page (layout.page_parts): a one-point paragraph that starts the
    next page, so the continuation opens with its headings and group labels and Word does not join the tables."""
    p = doc.add_paragraph(style=_style_of(doc, BODY))
    pf = p.paragraph_format
    pf.page_break_before = True
    pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    pf.line_spacing = Pt(1)
    pf.first_line_indent = Pt(0)
    p.add_run().font.size = Pt(1)


def _table_style(doc: DocxDocument, size_pt: float) -> BaseStyle:
    """ZW Table at 五号, or a style based on it at the smaller size the tables of this report need."""
    if size_pt == L.TABLE_PT:
        return doc.styles[TABLE]
    name = f"{TABLE} {size_pt:g}"
    try:
        return doc.styles[name]
    except KeyError:
        style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = doc.styles[TABLE]
        style.font.size = Pt(size_pt)
        style.paragraph_format.line_spacing = Pt(L.table_line_pt(size_pt))
        return style


def _add_table(doc: DocxDocument, grid: L.TableLayout) -> None:
    table = doc.add_table(rows=grid.n_rows, cols=grid.n_cols)
    _table_properties(table, grid.col_widths_mm)
    # Positions are taken once before merging (table.cell() rescans the whole table on every call). Merge first,
    # then write once: merging cells that hold text joins their text.
    tcs = [list(tr.tc_lst) for tr in table._tbl.tr_lst]
    for c in grid.cells:
        if c.rowspan > 1 or c.colspan > 1:
            tcs[c.row][c.col].merge(tcs[c.row + c.rowspan - 1][c.col + c.colspan - 1])
    style_id = _table_style(doc, grid.font_pt).style_id
    for c in grid.cells:
        cell = _Cell(tcs[c.row][c.col], table)
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        p = cell.paragraphs[0]
        p._p.get_or_add_pPr().get_or_add_pStyle().val = style_id  # p.style = … looks the name up every time
        p.paragraph_format.alignment = _ALIGN[c.align]
        if c.text:
            p.add_run(c.text)
    _cell_widths(table, grid.col_widths_mm)
    _row_flags(table, grid)


def _add_title(doc: DocxDocument, lines: tuple[str, ...]) -> None:
    for line in lines:
        doc.add_paragraph(line, style=_style_of(doc, TITLE))
    doc.add_paragraph(style=_style_of(doc, BODY))  # GB/T 9704: one empty line between title and body


def build_document(report: Report, fonts: FontSet | None = None, draft: bool = False) -> DocxDocument:
    fonts = fonts or default_fonts()
    doc = Document(str(TEMPLATE))
    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    clear_theme_fonts(doc)
    apply_styles(doc, fonts)
    setup_page(doc)
    section = doc.sections[0]
    _page_number_footer(section.footer, odd=True)
    _page_number_footer(section.even_page_footer, odd=False)
    layout = L.build_layout(report, draft)
    _add_title(doc, layout.title_lines)
    previous = None
    for item in layout.items:
        if isinstance(item, L.TableLayout):
            for i, part in enumerate(L.page_parts(item)):
                if i:
                    _page_break(doc)
                _add_table(doc, part)
            previous = None
            continue
        p = _add_paragraph(doc, item, fonts)
        if item.kind in ("blank", "signoff") and previous is not None:
            previous.paragraph_format.keep_with_next = True  # the 落款 never starts a page without the text
        previous = p
    if layout.draft_mark:
        _draft_header(section.header, layout.draft_mark, fonts)
        _draft_header(section.even_page_header, layout.draft_mark, fonts)
    _properties(doc, report)
    _font_table(doc, fonts)
    return doc


def _draft_header(header, mark: str, fonts: FontSet) -> None:
    """页眉 “草稿（未通过检查）” on every page: the file left the program with errors the checks found."""
    header.is_linked_to_previous = False
    p = header.paragraphs[0]
    p.style = PAGE_NUMBER
    p.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = p.add_run(mark)
    set_rfonts(run._r, fonts.heading1)
    run.font.bold = True
    run.font.color.rgb = DRAFT_RED


def _properties(doc: DocxDocument, report: Report) -> None:
    """File properties as Word shows them: this report, this agency, now, written by this program (the template's
    own date, author and "Microsoft Macintosh Word" would be wrong)."""
    now = datetime.now(UTC).replace(microsecond=0, tzinfo=None)
    props = doc.core_properties
    props.title = report.title
    props.subject = f"{report.format.title}（{report.format.notice}）"
    props.author = props.last_modified_by = report.agency
    props.comments = props.keywords = props.category = ""
    props.created = props.modified = now
    props.revision = 1
    package = doc.part.package
    for rel_id, rel in list(package.rels.items()):
        if rel.reltype.endswith("/thumbnail"):  # python-docx's picture of an empty page
            package.rels.pop(rel_id)
    app = next(r.target_part for r in package.rels.values() if r.reltype.endswith("/extended-properties"))
    app._blob = (  # noqa: SLF001 - python-docx has no model of docProps/app.xml
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
        'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        f"<Application>{escape(APP_NAME)} {escape(__version__)}</Application><DocSecurity>0</DocSecurity>"
        f"<ScaleCrop>false</ScaleCrop><Company>{escape(report.agency)}</Company><LinksUpToDate>false</LinksUpToDate>"
        "<SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged></Properties>").encode()


# The names Word (and WPS) try when a font of the file is missing on the PC: 仿宋_GB2312 is not part of Windows, 仿宋
# is; the English names are how some systems register the same faces.
ALT_NAMES = {GB2312_BODY: FANGSONG, GB2312_KAI: KAITI, XIAOBIAOSONG: SONGTI, FANGSONG: "FangSong", KAITI: "KaiTi",
             SONGTI: "SimSun", HEITI: "SimHei"}


def _font_table(doc: DocxDocument, fonts: FontSet) -> None:
    """The file's font table: each face the export names, with its alternate name, GB2312 character set and
    fixed-pitch family (what Word writes for these faces), instead of the template's Japanese defaults."""
    names = dict.fromkeys((fonts.body, fonts.title, fonts.heading1, fonts.heading2, fonts.page_number))
    entries = []
    for name in names:
        alt = f'<w:altName w:val="{escape(ALT_NAMES[name])}"/>' if name in ALT_NAMES else ""
        chinese = any(ord(ch) > 0x2E80 for ch in name)
        charset, family, pitch = ("86", "modern", "fixed") if chinese else ("00", "roman", "variable")
        entries.append(f'<w:font w:name="{escape(name)}">{alt}<w:charset w:val="{charset}"/>'
                       f'<w:family w:val="{family}"/><w:pitch w:val="{pitch}"/></w:font>')
    entries.append('<w:font w:name="Times New Roman"><w:charset w:val="00"/><w:family w:val="roman"/>'
                   '<w:pitch w:val="variable"/></w:font>')
    part = next(r.target_part for r in doc.part.rels.values() if r.reltype.endswith("/fontTable"))
    part._blob = (  # noqa: SLF001 - python-docx keeps the font table as plain bytes
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        + "".join(entries) + "</w:fonts>").encode("utf-8")


def export_docx(report: Report, out: Path, fonts: FontSet | None = None, draft: bool = False) -> None:
    build_document(report, fonts, draft).save(str(out))
