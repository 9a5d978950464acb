"""From a read source (paragraphs + grids) to a Report and its import report: the format version from the labels,
year and agency from the title, the text sections split on the six headings, the numbers placed by label."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from app.imports.absent import report_parts, source_absence
from app.imports.labels import core, normalise_label
from app.imports.report import ImportReport
from app.imports.source import Grid, ImportFailure, SourceDocument
from app.imports.tables import TableResult, format_labels, read_grids
from app.imports.title import Title, agency_type_for, find_title, is_metadata
from app.report.absence import ABSENT_MARK
from app.report.fields import escape
from app.report.fold import fold, looks_traditional
from app.report.formats import NUMERALS, Format, available_formats, format_for_year, load_format
from app.report.model import CONTACT_LEAD, TEXT_KEYS, Report
from app.report.numbers import NumberError, parse_number

_DATE = re.compile(r"^(20\d\d)\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$")
_HEADING_NUMERAL = re.compile(r"^(?:([一二三四五六])[、.．]|[(（]([一二三四五六])[)）])")
HEADING_SIMILARITY = 0.45
MAX_HEADING_CHARS = 40
# Lines of a portal page's footer, after the report's last section: not report text.
_PAGE_FOOTER = re.compile(r"主办单位|承办单位|网站标识码|ICP备|版权所有|公网安备|技术支持|联系我们|网站地图|【打印】|【关闭】|扫一扫")


# -- format ---------------------------------------------------------------------------------------------------
def _source_labels(doc: SourceDocument) -> set[str]:
    out = set()
    for grid in doc.grids:
        for row in grid.rows:
            for cell in row:
                out.add(normalise_label(cell.text))
    return out


def detect_format(doc: SourceDocument, year: int | None) -> tuple[Format, str, list[str]]:
    """The format whose own labels (those the other format lacks) the source uses most. Returns the format, how it
    was decided, and the other format's labels that were seen (they cannot be imported into this one)."""
    formats = [load_format(f) for f in available_formats()]
    labels = {f.id: format_labels(f).all_labels() for f in formats}
    seen = _source_labels(doc)
    scores = []
    for f in formats:
        others = set().union(*(labels[o.id] for o in formats if o is not f))
        own = sorted(labels[f.id] - others)
        # name column labels first (本年制发件数), numbered row labels (3.其他) last: they say less to a reader
        found = sorted((x for x in own if x in seen), key=lambda x: (x[:1].isdigit() or x[:1] == "(", len(x)))
        scores.append((len(seen & set(own)), f, found))
    scores.sort(key=lambda s: -s[0])
    best_score, best, found = scores[0]
    foreign = [x for s, f, xs in scores[1:] for x in xs]
    if best_score == 0 or (len(scores) > 1 and scores[1][0] == best_score):
        fmt = format_for_year(year) if year else load_format("gov-2021")
        how = "表格栏目不足以区分格式版本，按年度选用" if year else "表格栏目不足以区分格式版本，按现行格式处理"
        return fmt, how, []
    return best, f"依据表格栏目识别：{'、'.join(found[:3])}", foreign


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", fold(unicodedata.normalize("NFKC", text)))


# -- text sections --------------------------------------------------------------------------------------------
def _bigrams(text: str) -> set[str]:
    return {text[i:i + 2] for i in range(len(text) - 1)}


def heading_section(paragraph: str, fmt: Format) -> str | None:
    """Which of the six sections a paragraph opens, if it is a heading (“五、政府信息公开工作存在的主要问题及改进情况”
    is 五 although worded differently)."""
    if len(paragraph) > 25 * MAX_HEADING_CHARS:  # surely no heading: not worth folding (a paragraph may be huge)
        return None
    t = _flat(paragraph)
    if len(t) > MAX_HEADING_CHARS:
        return None
    m = _HEADING_NUMERAL.match(t)
    if not m:
        return None
    numeral = m.group(1) or m.group(2)
    section = fmt.sections[NUMERALS.index(numeral)]
    a, b = _bigrams(core(t)), _bigrams(core(section.heading))
    if not a or not b:
        return None
    dice = 2 * len(a & b) / (len(a) + len(b))
    return section.key if dice >= HEADING_SIMILARITY else None


@dataclass
class TextSplit:
    texts: dict[str, str]  # text key → the text found under its heading
    missing: list[str]  # headings not found
    compiled_on: str  # a closing date, when the report ends with one
    heading_at: dict[str, int]  # section key → block index of its heading
    last_at: dict[str, int]  # text key → block index of its last line (of its heading when it has none)
    last_content: int  # block index of the source's last block of report content (tables included; -1: none)


def split_contact(intro: str) -> tuple[str, str]:
    """The preamble without the contact line our exports print at its end, and the contact it names."""
    lines = intro.split("\n")
    if lines and lines[-1].startswith(CONTACT_LEAD):
        return "\n".join(lines[:-1]), lines[-1][len(CONTACT_LEAD):].rstrip("。")
    return intro, ""


def split_texts(doc: SourceDocument, fmt: Format, title: Title) -> TextSplit:
    """Text per section key, split on the six headings, with where each part and the report's content end.
    The title's lines and what comes before them (a portal's navigation) are not report text; nor is a portal's
    line about the page (发布时间：…)."""
    texts: dict[str, list[str]] = {k: [] for k in TEXT_KEYS}
    current = "intro"
    heading_at: dict[str, int] = {}
    last_at: dict[str, int] = {}
    last_content = -1
    for index, block in enumerate(doc.blocks):
        if isinstance(block, Grid):
            if current != "footer":
                last_content = index
            continue
        if index <= title.last or index in title.blocks or (current == "intro" and is_metadata(block)):
            continue
        key = heading_section(block, fmt)
        if key is not None and key not in heading_at:
            current = key
            heading_at[key] = last_content = index
            last_at.setdefault(key, index)
            continue
        line = block.strip().replace("\u3000", " ").strip()
        if current == "s6" and _PAGE_FOOTER.search(line):
            current = "footer"  # everything after the page footer starts is the site's, not the report's
        if line and current in texts:
            texts[current].append(line)
            last_at[current] = last_content = index
    compiled_on = ""
    tail = texts["s6"] or texts["s5"]
    if tail:
        m = _DATE.match(_flat(tail[-1]))
        if m:
            try:
                compiled_on = date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
                tail.pop()
                # the signature line (agency name) above the date belongs to the signature, not the text
                if tail and len(_flat(tail[-1])) <= 30 and not re.search(r"[。；;，,]", tail[-1]):
                    tail.pop()
            except ValueError:
                pass
    if tail and title.agency and _flat(tail[-1]) == _flat(title.agency):
        tail.pop()  # a 落款 without a date: the agency alone closes the report
    missing = [s.heading for s in fmt.sections if s.key not in heading_at]
    return TextSplit({k: "\n".join(v) for k, v in texts.items()}, missing, compiled_on, heading_at, last_at,
                     last_content)


# -- the whole --------------------------------------------------------------------------------------------------
def _values_from_ids(doc: SourceDocument, fmt: Format, report: ImportReport) -> TableResult:
    """Sources that carry cell ids (our Excel 数据 sheet): place by id, no label matching needed."""
    result = TableResult()
    for cid, raw in (doc.values or {}).items():
        if cid not in fmt.cells:
            report.add_unplaced("“数据”工作表", cid, f"不是“{fmt.title}”的单元格编号，没有导入")
            continue
        cell = fmt.cells[cid]
        text = "" if raw is None else str(raw)
        if text.strip() == ABSENT_MARK:
            continue  # our own export of a report with absent cells: absent again
        try:
            value = parse_number(text, cell.kind)
        except NumberError as exc:
            report.add_unplaced("“数据”工作表", f"{cid} = {text}", f"{cell.location}：{exc}")
            continue
        result.values[cid] = value
        if cid in doc.units and cell.kind == "amount_with_unit":
            result.units[cid] = doc.units[cid]
        if value is None:
            report.blank[cid] = text.strip()
        else:
            report.recognised[cid] = "“数据”工作表"
    return result


def build_report(doc: SourceDocument, year: int | None = None, agency: str | None = None) -> tuple[Report, ImportReport]:
    report_info = ImportReport(source=doc.name, kind=doc.kind)
    title = find_title(doc)
    if year is not None:
        report_info.year, report_info.year_reason = year, "按指定的年度"
    elif title.year is not None:
        report_info.year, report_info.year_reason = title.year, title.year_source
    if doc.values is not None:
        fmt, how, foreign = _format_from_ids(doc, report_info.year)
    else:
        fmt, how, foreign = detect_format(doc, report_info.year)
    report_info.format_id, report_info.format_title, report_info.format_reason = fmt.id, fmt.title, how
    if report_info.year is None:
        raise ImportFailure(f"“{doc.name}”中找不到报告年度（标题应为“××××年政府信息公开工作年度报告”）。"
                            "请指定年度后再导入（命令行：--year 2023）。")
    if not doc.grids and doc.values is None:
        raise ImportFailure(f"“{doc.name}”中没有表格，不像是政府信息公开工作年度报告。请确认选择的文件是否正确。")
    split = split_texts(doc, fmt, title)
    grid_blocks = [i for i, b in enumerate(doc.blocks) if isinstance(b, Grid)]
    can_be_cut = doc.kind != "xlsx"
    if doc.values is not None:
        result = _values_from_ids(doc, fmt, report_info)
    else:
        ends = can_be_cut and bool(grid_blocks) and grid_blocks[-1] == split.last_content
        result = read_grids(doc.grids, fmt, report_info, ends_with_last=ends)
    if not result.values:
        raise ImportFailure(f"“{doc.name}”中没有找到年度报告的表格（第二、三、四部分）。"
                            + (f"{report_info.unplaced[0].where}：{report_info.unplaced[0].reason}"
                               if report_info.unplaced else "请确认选择的文件是否正确。"))
    report_info.notes.extend(doc.notes)
    if foreign:
        report_info.notes.append(f"原文中有另一版格式的栏目（{'、'.join(foreign[:4])}），这些栏目的数值无法对应，没有导入")
    name = agency if agency is not None else title.agency
    kind, kind_reason = agency_type_for(name)
    report_info.agency, report_info.agency_type, report_info.agency_type_reason = name, kind, kind_reason
    report_info.agency_reason = "按指定的名称" if agency is not None else title.agency_source or "没有找到，请填写"
    report = Report(format=fmt, year=report_info.year, agency=name, agency_type=kind, stated_title=title.stated)
    report.auto_total = False  # stated totals are kept, so the checks show where the source's arithmetic was wrong
    report.values = {cid: result.values.get(cid) for cid in fmt.cell_order}
    report.units = dict(result.units)
    texts = split.texts
    texts["intro"], report.contact = split_contact(texts["intro"])
    parts = report_parts(fmt, result, grid_blocks, split.heading_at, split.last_at)
    report.absence = report_info.absence = source_absence(fmt, result, parts, texts, split.last_content, can_be_cut)
    report_info.missing = [fmt.cells[c].location for c, why in report.absence.cells.items() if why != "refused"]
    report.texts = {k: escape(v) for k, v in texts.items()}  # a published text is plain: no “⟦” becomes a field
    report.compiled_on = split.compiled_on
    report_info.texts = {k: len(v) for k, v in texts.items()}
    if looks_traditional("".join(doc.paragraphs)):
        report_info.notes.append("原文是繁体字（转载的镜像页面）：表格已按简体标签识别，文字部分保持原样，请转换为简体后使用")
    if not fmt.fits_year(report.year):
        expected = format_for_year(report.year)
        report_info.notes.append(f"{report.year}年度的报告应使用“{expected.title}”（{expected.notice}），原文用的是"
                                 f"“{fmt.title}”（{fmt.notice}）：已按原文格式导入，检查时会列为错误 F1")
    return report, report_info


def _format_from_ids(doc: SourceDocument, year: int | None) -> tuple[Format, str, list[str]]:
    ids = set(doc.values or {})
    formats = [load_format(f) for f in available_formats()]
    scored = sorted(((len(ids & set(f.cells)) - len(ids - set(f.cells)), f) for f in formats), key=lambda s: -s[0])
    if len(scored) > 1 and scored[0][0] == scored[1][0]:
        fmt = format_for_year(year) if year else scored[0][1]
        return fmt, "单元格编号两种格式都适用，按年度选用", []
    return scored[0][1], "依据“数据”工作表中的单元格编号识别", []
