"""Web page (.html) export for a government portal's CMS: one self-contained page, real <table> elements with the
official rowspan/colspan, inline styles only (web editors drop <style> blocks and classes when pasting), no scripts.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from app.export import layout as L
from app.export.fonts import FontSet, default_fonts
from app.report.model import Report


def _family(fonts: FontSet, name: str, generic: str = "serif") -> str:
    return ", ".join([*(f"'{n}'" for n in fonts.families(name)), generic])


def _style(**props: str) -> str:
    return ";".join(f"{k.replace('_', '-')}:{v}" for k, v in props.items())


def _attr(text: str) -> str:
    """For a double-quoted attribute: font names keep their single quotes readable."""
    return escape(text, quote=False).replace('"', "&quot;")


def _paragraph(item: L.Paragraph, fonts: FontSet) -> str:
    body = _style(margin="0", text_indent="2em", text_align="justify", line_height=f"{L.LINE_PITCH_PT:g}pt",
                  font_size=f"{L.BODY_PT:g}pt", font_family=_family(fonts, fonts.body))
    if item.kind == "heading1":
        style = _style(margin="0", text_indent="2em", font_weight="normal", line_height=f"{L.LINE_PITCH_PT:g}pt",
                       font_size=f"{L.BODY_PT:g}pt", font_family=_family(fonts, fonts.heading1, "sans-serif"))
        return f'<h2 style="{_attr(style)}">{escape(item.text)}</h2>'
    if item.kind == "heading2":
        style = _style(margin="0", text_indent="2em", font_weight="normal", line_height=f"{L.LINE_PITCH_PT:g}pt",
                       font_size=f"{L.BODY_PT:g}pt", font_family=_family(fonts, fonts.heading2))
        return f'<h3 style="{_attr(style)}">{escape(item.text)}</h3>'
    lead = ""
    if item.lead:
        lead = f'<span style="{_attr(_style(font_family=_family(fonts, fonts.heading2)))}">{escape(item.lead)}</span>'
    return f'<p style="{_attr(body)}">{lead}{escape(item.text)}</p>'


def _cell(c: L.GridCell, header: bool, widths: tuple[float, ...]) -> str:
    """One cell; its width (share of the table) is repeated on the cell for editors that drop <colgroup>."""
    tag = "th" if header or c.role in ("header", "caption") else "td"
    share = f"{sum(widths[c.col:c.col + c.colspan]) / sum(widths) * 100:.2f}%"
    style = _style(width=share, border="1px solid #000", padding="2px 4px", text_align=c.align,
                   vertical_align="middle", font_weight="normal", font_size=f"{L.TABLE_PT:g}pt", line_height="1.4")
    spans = (f' rowspan="{c.rowspan}"' if c.rowspan > 1 else "") + (f' colspan="{c.colspan}"' if c.colspan > 1 else "")
    return f'<{tag}{spans} width="{share}" style="{_attr(style)}">{escape(c.text)}</{tag}>'


def _table(grid: L.TableLayout, fonts: FontSet) -> str:
    total = sum(grid.col_widths_mm)
    cols = "".join(f'<col width="{w / total * 100:.2f}%" style="width:{w / total * 100:.2f}%">'
                   for w in grid.col_widths_mm)
    rows = grid.rows()
    style = _style(border_collapse="collapse", width="100%", margin="0.5em 0", table_layout="fixed",
                   font_family=_family(fonts, fonts.body))
    # The presentational attributes repeat the styles for web editors that strip CSS when pasting.
    parts = [f'<table width="100%" border="1" cellspacing="0" cellpadding="2" style="{_attr(style)}"><colgroup>{cols}</colgroup>']
    if grid.header_rows:
        parts.append("<thead>")
        parts.extend("<tr>" + "".join(_cell(c, True, grid.col_widths_mm) for c in r) + "</tr>" for r in rows[:grid.header_rows])
        parts.append("</thead>")
    parts.append("<tbody>")
    parts.extend("<tr>" + "".join(_cell(c, False, grid.col_widths_mm) for c in r) + "</tr>" for r in rows[grid.header_rows:])
    parts.append("</tbody></table>")
    return "".join(parts)


def render_html(report: Report, fonts: FontSet | None = None) -> str:
    fonts = fonts or default_fonts()
    layout = L.build_layout(report)
    title_style = _style(margin="0 0 1em 0", text_align="center", font_size=f"{L.TITLE_PT:g}pt",
                         line_height=f"{L.TITLE_LINE_PT:g}pt",
                         font_weight="bold" if fonts.title_bold else "normal",
                         font_family=_family(fonts, fonts.title))
    body_style = _style(margin="0 auto", max_width="210mm", padding="2em 1em", color="#000", background="#fff",
                        font_family=_family(fonts, fonts.body), font_size=f"{L.BODY_PT:g}pt")
    out = ["<!DOCTYPE html>", '<html lang="zh-CN">', "<head>", '<meta charset="utf-8">',
           f"<title>{escape(report.title)}</title>", "</head>", f'<body style="{_attr(body_style)}">',
           f'<h1 style="{_attr(title_style)}">' + "<br>".join(escape(t) for t in layout.title_lines) + "</h1>"]
    for item in layout.items:
        out.append(_table(item, fonts) if isinstance(item, L.TableLayout) else _paragraph(item, fonts))
    out += ["</body>", "</html>", ""]
    return "\n".join(out)


def export_html(report: Report, out: Path, fonts: FontSet | None = None) -> None:
    Path(out).write_text(render_html(report, fonts), encoding="utf-8")
