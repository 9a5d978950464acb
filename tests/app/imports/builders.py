"""Test sources built the way real ones look: a Word document typed on the official template (merged header cells,
vertically merged row groups, label variants), report web pages as saved from government sites, Excel sheets."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import docx
from docx.shared import Pt

from app.report.formats import Block
from app.report.model import Report, Value

HEADINGS = ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
            "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"]


def shown(v: Value, blank: str = "", zero: str = "0") -> str:
    if v is None:
        return blank
    if v == 0:
        return zero
    if isinstance(v, Decimal):
        return format(v, "f")
    return str(v)


def wps_variant(label: str) -> str:
    """How a clerk's copy of the template writes labels: 1、 for 1., words broken across lines, full-width spaces."""
    out = label.replace("商业企业", "商业\n企业").replace("科研机构", "科研\n机构")
    if len(out) > 2 and out[0].isdigit() and out[1] == ".":
        out = out[0] + "、" + out[2:]
    return out.replace("（区分处理的，只计这一情形，不计其他情形）", "")


# -- Word -----------------------------------------------------------------------------------------------------------
def _merge(table, r0: int, c0: int, r1: int, c1: int, text: str) -> None:
    cell = table.cell(r0, c0)
    if (r1, c1) != (r0, c0):
        cell = cell.merge(table.cell(r1, c1))
    cell.text = text


def _s2_docx(document, report: Report, label: Callable[[str], str], blank: str) -> None:
    fmt = report.format
    blocks = fmt.table("s2").blocks
    width = 1 + max(len(b.leaf_columns) for b in blocks)
    rows = sum(2 + len(b.leaf_rows) for b in blocks)
    t = document.add_table(rows=rows, cols=width)
    t.style = "Table Grid"
    r = 0
    for b in blocks:
        _merge(t, r, 0, r, width - 1, b.caption)
        r += 1
        t.cell(r, 0).text = b.row_header
        ncols = len(b.leaf_columns)
        spans = _spread(ncols, width - 1)
        for (col, _), (c0, c1) in zip(b.leaf_columns, spans, strict=True):
            _merge(t, r, c0, r, c1, label(col.label))
        r += 1
        for ri, (row, _) in enumerate(b.leaf_rows):
            t.cell(r, 0).text = label(row.label)
            for ci, (c0, c1) in enumerate(spans):
                _merge(t, r, c0, r, c1, shown(report.values.get(b.cells[ri][ci]), blank))
            r += 1


def _spread(n: int, width: int) -> list[tuple[int, int]]:
    """n columns over `width` grid columns starting at 1, the last one taking the rest (the template's spans)."""
    out = []
    for i in range(n):
        c0 = 1 + i
        c1 = width if i == n - 1 else c0
        out.append((c0, c1))
    return out


def _s3_docx(document, report: Report, label: Callable[[str], str], blank: str) -> None:
    b: Block = report.format.table("s3").blocks[0]
    nrows = 3 + len(b.leaf_rows)
    t = document.add_table(rows=nrows, cols=10)
    t.style = "Table Grid"
    _merge(t, 0, 0, 2, 2, b.row_header)
    _merge(t, 0, 3, 0, 9, "申请人情况")
    _merge(t, 1, 3, 2, 3, "自然人")
    _merge(t, 1, 4, 1, 8, "法人或其他组织")
    for i, name in enumerate(["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]):
        t.cell(2, 4 + i).text = label(name)
    _merge(t, 1, 9, 2, 9, "总计")
    r = 3
    # row labels: top-level rows span 3 columns; result rows have group cells merged vertically
    groups: dict[str, list[int]] = {}
    for ri, (row, path) in enumerate(b.leaf_rows):
        if not path:
            _merge(t, r + ri, 0, r + ri, 2, label(row.label))
        elif len(path) == 1:
            _merge(t, r + ri, 1, r + ri, 2, label(row.label))
            groups.setdefault(path[0], []).append(r + ri)
        else:
            t.cell(r + ri, 2).text = label(row.label)
            groups.setdefault(path[0], []).append(r + ri)
            groups.setdefault(path[0] + "›" + path[1], []).append(r + ri)
        for ci in range(7):
            t.cell(r + ri, 3 + ci).text = shown(report.values.get(b.cells[ri][ci]), blank)
    for key, rows in groups.items():
        col = 0 if "›" not in key else 1
        _merge(t, rows[0], col, rows[-1], col, label(key.split("›")[-1]))


def _s4_docx(document, report: Report, label: Callable[[str], str], blank: str) -> None:
    b: Block = report.format.table("s4").blocks[0]
    t = document.add_table(rows=4, cols=15)
    t.style = "Table Grid"
    _merge(t, 0, 0, 0, 4, "行政复议")
    _merge(t, 0, 5, 0, 14, "行政诉讼")
    names = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    for i, n in enumerate(names):
        _merge(t, 1, i, 2, i, label(n))
    _merge(t, 1, 5, 1, 9, "未经复议直接起诉")
    _merge(t, 1, 10, 1, 14, "复议后起诉")
    for i in range(10):
        t.cell(2, 5 + i).text = label(names[i % 5])
    for ci in range(15):
        t.cell(3, ci).text = shown(report.values.get(b.cells[0][ci]), blank)


def report_docx(report: Report, path: Path, label: Callable[[str], str] = lambda s: s, blank: str = "",
                title_lines: tuple[str, ...] | None = None) -> Path:
    """A report typed in Word on the official template."""
    document = docx.Document()
    document.styles["Normal"].font.size = Pt(12)
    for line in title_lines or (report.agency, f"{report.year}年政府信息公开工作年度报告"):
        document.add_paragraph(line)
    if report.texts.get("intro"):
        document.add_paragraph(report.texts["intro"])
    texts = {0: "s1", 4: "s5", 5: "s6"}
    tables = {1: _s2_docx, 2: _s3_docx, 3: _s4_docx}
    for i, heading in enumerate(HEADINGS):
        document.add_paragraph(heading)
        if i in texts:
            for line in report.texts.get(texts[i], "").split("\n"):
                document.add_paragraph(line)
        else:
            tables[i](document, report, label, blank)
    document.save(str(path))
    return path


# -- HTML -----------------------------------------------------------------------------------------------------------
def _td(text: str, rowspan: int = 1, colspan: int = 1) -> str:
    attrs = (f' rowspan="{rowspan}"' if rowspan > 1 else "") + (f' colspan="{colspan}"' if colspan > 1 else "")
    return f"<td{attrs}><p style=\"text-align:center\"><span>{text}</span></p></td>"


def report_html(report: Report, blank: str = "/", wrap: Callable[[str], str] = lambda s: s,
                charset: str = "utf-8", zero: str = "0") -> str:
    """A report page as a county portal's CMS publishes it: the article inside a layout table, headings as
    <p><strong>, tables with rowspan/colspan, blank cells written as `blank`, zeros as `zero` (often “/”)."""
    fmt = report.format
    parts = [f'<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">',
             f"<title>{report.title}_政府信息公开年报</title><script>var x = '<table>';</script></head><body>",
             '<table width="100%"><tr><td class="nav">首页 &gt; 政府信息公开 &gt; 年报</td></tr><tr><td>',
             f'<h1 style="text-align:center">{report.title}</h1><div class="TRS_Editor">']
    for line in report.texts.get("intro", "").split("\n"):
        if line:
            parts.append(f"<p>{line}</p>")
    texts = {0: "s1", 4: "s5", 5: "s6"}
    for i, heading in enumerate(HEADINGS):
        parts.append(f"<p><strong>{heading}</strong></p>")
        if i in texts:
            for line in report.texts.get(texts[i], "").split("\n"):
                parts.append(f"<p style=\"text-indent:2em\">{line}&nbsp;</p>")
            continue
        if i == 1:
            parts.append('<table border="1" cellspacing="0">')
            for b in fmt.table("s2").blocks:
                parts.append(f"<tr>{_td(b.caption, colspan=4)}</tr>")
                spans = [1] * (len(b.leaf_columns) - 1) + [4 - len(b.leaf_columns)]
                parts.append("<tr>" + _td(b.row_header) + "".join(
                    _td(wrap(c.label), colspan=s) for (c, _), s in zip(b.leaf_columns, spans, strict=True)) + "</tr>")
                for ri, (row, _) in enumerate(b.leaf_rows):
                    parts.append("<tr>" + _td(row.label) + "".join(
                        _td(shown(report.values.get(cid), blank, zero), colspan=s)
                        for cid, s in zip(b.cells[ri], spans, strict=True)) + "</tr>")
            parts.append("</table>")
        elif i == 2:
            b = fmt.table("s3").blocks[0]
            parts.append('<table border="1"><tbody>')
            parts.append("<tr>" + _td(b.row_header, 3, 3) + _td("申请人情况", 1, 7) + "</tr>")
            parts.append("<tr>" + _td("自然人", 2) + _td("法人或其他组织", 1, 5) + _td("总计", 2) + "</tr>")
            parts.append("<tr>" + "".join(_td(wrap(n)) for n in ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"])
                         + "</tr>")
            counts: dict[str, int] = {}
            for _, path in b.leaf_rows:
                for k in range(len(path)):
                    counts["›".join(path[: k + 1])] = counts.get("›".join(path[: k + 1]), 0) + 1
            opened: set[str] = set()
            for ri, (row, path) in enumerate(b.leaf_rows):
                cells = []
                for k in range(len(path)):
                    key = "›".join(path[: k + 1])
                    if key not in opened:
                        opened.add(key)
                        cells.append(_td(wrap(path[k]), counts[key], 1))
                cells.append(_td(wrap(row.label), 1, 3 - len(path)))
                cells += [_td(shown(report.values.get(cid), blank, zero)) for cid in b.cells[ri]]
                parts.append("<tr>" + "".join(cells) + "</tr>")
            parts.append("</tbody></table>")
        else:
            b = fmt.table("s4").blocks[0]
            names = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
            parts.append('<table border="1">')
            parts.append("<tr>" + _td("行政复议", 1, 5) + _td("行政诉讼", 1, 10) + "</tr>")
            parts.append("<tr>" + "".join(_td(wrap(n), 2) for n in names) + _td("未经复议直接起诉", 1, 5)
                         + _td("复议后起诉", 1, 5) + "</tr>")
            parts.append("<tr>" + "".join(_td(wrap(n)) for n in names * 2) + "</tr>")
            parts.append("<tr>" + "".join(_td(shown(report.values.get(cid), blank, zero)) for cid in b.cells[0]) + "</tr>")
            parts.append("</table>")
    parts.append(f"<p style=\"text-align:right\">{report.agency}</p><p style=\"text-align:right\">2024年1月20日</p>")
    parts.append("</div></td></tr></table><div class=\"footer\">主办单位：某县人民政府办公室</div></body></html>")
    return "\n".join(parts)


def fold_width(text: str) -> str:
    return unicodedata.normalize("NFKC", text)
