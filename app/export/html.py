"""Web page (.html) export for a government portal: one self-contained page, real <table> elements with the
official rowspan/colspan, one small style block with classes, no scripts.

The tables keep their printed proportions and scroll sideways on a phone instead of squeezing a figure onto two
lines; the border/cellspacing attributes stay on each table so that a portal editor that drops the style block
still shows a ruled table.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from app.export import layout as L
from app.export.fonts import FontSet, default_fonts
from app.report.model import Report


def _family(fonts: FontSet, name: str, generic: str = "serif") -> str:
    return ", ".join([*(f"'{n}'" for n in fonts.families(name)), generic])


def _size_class(size_pt: float) -> str:
    return f"pt{size_pt:g}".replace(".", "_")


def style_block(fonts: FontSet, table_sizes: set[float]) -> str:
    body, line = f"{L.BODY_PT:g}pt", f"{L.LINE_PITCH_PT:g}pt"
    rules = [
        f"body{{margin:0 auto;max-width:210mm;padding:2em 1em;color:#000;background:#fff;"
        f"font:{body}/{line} {_family(fonts, fonts.body)}}}",
        f"h1{{margin:0 0 {line};text-align:center;font:{'bold' if fonts.title_bold else 'normal'} "
        f"{L.TITLE_PT:g}pt/{L.TITLE_LINE_PT:g}pt {_family(fonts, fonts.title)}}}",
        f"h2{{margin:0;text-indent:2em;font:normal {body}/{line} {_family(fonts, fonts.heading1, 'sans-serif')}}}",
        f"h3{{margin:0;text-indent:2em;font:normal {body}/{line} {_family(fonts, fonts.heading2)}}}",
        "p{margin:0;text-indent:2em;text-align:justify}",
        f".lead{{font-family:{_family(fonts, fonts.heading2)}}}",
        "p.signoff{text-indent:0;text-align:right}",
        "p.draft{text-indent:0;text-align:center;color:#c00;font-weight:bold}",
        ".grid{overflow-x:auto;margin:.5em 0}",
        f"table{{border-collapse:collapse;width:100%;min-width:{L.TEXT_WIDTH_MM:g}mm;table-layout:fixed;"
        f"line-height:1.4}}",
        "th,td{border:1px solid #000;padding:2px 4px;vertical-align:middle;font-weight:normal;text-align:center}",
        ".l{text-align:left}",
        "td.n{white-space:nowrap}",
    ]
    rules.extend(f"table.{_size_class(s)}{{font-size:{s:g}pt}}" for s in sorted(table_sizes))
    return "\n".join(rules)


def _paragraph(item: L.Paragraph) -> str:
    if item.kind == "heading1":
        return f"<h2>{escape(item.text)}</h2>"
    if item.kind == "heading2":
        return f"<h3>{escape(item.text)}</h3>"
    if item.kind == "blank":
        return "<p>&nbsp;</p>"
    if item.kind == "signoff":
        return f'<p class="signoff" style="padding-right:{item.right_em:g}em">{escape(item.text)}</p>'
    lead = f'<span class="lead">{escape(item.lead)}</span>' if item.lead else ""
    return f"<p>{lead}{escape(item.text)}</p>"


def _cell(c: L.GridCell, header: bool) -> str:
    tag = "th" if header or c.role in ("header", "caption") else "td"
    classes = " ".join(k for k, on in (("n", c.role == "value"), ("l", c.align == "left")) if on)
    spans = (f' rowspan="{c.rowspan}"' if c.rowspan > 1 else "") + (f' colspan="{c.colspan}"' if c.colspan > 1 else "")
    cls = f' class="{classes}"' if classes else ""
    return f"<{tag}{cls}{spans}>{escape(c.text)}</{tag}>"


def _table(grid: L.TableLayout) -> str:
    total = sum(grid.col_widths_mm)
    cols = "".join(f'<col width="{w / total * 100:.2f}%">' for w in grid.col_widths_mm)
    rows = grid.rows()
    parts = [f'<div class="grid"><table class="{_size_class(grid.font_pt)}" border="1" cellspacing="0" '
             f'cellpadding="2"><colgroup>{cols}</colgroup>']
    if grid.header_rows:
        parts.append("<thead>")
        parts.extend("<tr>" + "".join(_cell(c, True) for c in r) + "</tr>" for r in rows[:grid.header_rows])
        parts.append("</thead>")
    parts.append("<tbody>")
    parts.extend("<tr>" + "".join(_cell(c, False) for c in r) + "</tr>" for r in rows[grid.header_rows:])
    parts.append("</tbody></table></div>")
    return "".join(parts)


def render_html(report: Report, fonts: FontSet | None = None, draft: bool = False) -> str:
    fonts = fonts or default_fonts()
    layout = L.build_layout(report, draft)
    sizes = {t.font_pt for t in layout.tables}
    out = ["<!DOCTYPE html>", '<html lang="zh-CN">', "<head>", '<meta charset="utf-8">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           f"<title>{escape(report.title)}</title>", f"<style>\n{style_block(fonts, sizes)}\n</style>", "</head>",
           "<body>"]
    if layout.draft_mark:
        out.append(f'<p class="draft">{escape(layout.draft_mark)}</p>')
    out.append("<h1>" + "<br>".join(escape(t) for t in layout.title_lines) + "</h1>")
    for item in layout.items:
        out.append(_table(item) if isinstance(item, L.TableLayout) else _paragraph(item))
    out += ["</body>", "</html>", ""]
    return "\n".join(out)


def export_html(report: Report, out: Path, fonts: FontSet | None = None, draft: bool = False) -> None:
    Path(out).write_text(render_html(report, fonts, draft), encoding="utf-8")
