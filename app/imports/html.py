"""Read a report page saved from a government website (.html/.htm).

Standard-library html.parser only: no scripts run, nothing is fetched, no entities beyond HTML's own. Pages are
often GBK/GB2312 (the <meta charset> says so) and put the whole article inside layout tables: the data tables
are the innermost ones (tables without a table inside); text outside them becomes paragraphs in page order.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from app.imports.source import MAX_GRID_ROWS, Grid, GridBuilder, ImportFailure, SourceDocument
from app.storage.budget import check_budget

BLOCK_TAGS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "section", "article", "blockquote", "center",
              "pre", "dt", "dd", "header", "footer", "tr", "td", "th", "table", "caption", "ul", "ol", "form"}
SKIP_TAGS = {"script", "style", "head", "noscript", "template", "svg", "iframe", "object", "select", "textarea",
             "button"}
VOID_TAGS = {"br", "img", "hr", "meta", "link", "input", "col", "area", "base", "wbr", "source", "embed", "param"}
_CHARSET = re.compile(rb"""charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
MAX_DEPTH = 400
MAX_ITEMS = 400_000


@dataclass
class Node:
    tag: str
    attrs: dict[str, str]
    children: list[Node | str] = field(default_factory=list)
    parent: Node | None = None


class _TreeBuilder(HTMLParser):
    """A forgiving tree: unclosed <p>, <td>, <tr>, <li> are closed by the next one, as browsers do."""

    IMPLIED = {"td": {"td", "th"}, "th": {"td", "th"}, "tr": {"tr"}, "p": {"p"}, "li": {"li"},
               "thead": {"tbody", "tfoot"}, "tbody": {"tbody", "tfoot"}}

    def __init__(self, name: str = "网页") -> None:
        super().__init__(convert_charrefs=True)
        self.name = name
        self.items = 0  # elements and pieces of text kept: a real report page has a few thousand
        self.root = Node("#root", {})
        self.current = self.root
        self.depth = 0
        self.skip = 0
        self.title: list[str] = []
        self.in_title = False

    def _grow(self) -> None:
        """One more element or piece of text: within the time budget and the size of any real page."""
        check_budget()
        self.items += 1
        if self.items > MAX_ITEMS:
            raise ImportFailure(f"“{self.name}”的网页结构过于庞大（超过 {MAX_ITEMS} 个元素），不像是年度报告的网页。")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._grow()
        if tag == "title":
            self.in_title = True
        if self.skip or tag in SKIP_TAGS:
            if tag in SKIP_TAGS and tag not in VOID_TAGS:
                self.skip += 1
            return
        if tag == "br":
            self.current.children.append("\n")
            return
        if tag in VOID_TAGS:
            return
        # close implied elements (a new <td> closes the open <td>, a new <tr> closes <td> and <tr>)
        for closes, closed_by in (("td", {"td", "th", "tr"}), ("th", {"td", "th", "tr"}), ("tr", {"tr"}),
                                  ("p", {"p", "div", "table"}), ("li", {"li"})):
            if tag in closed_by and self._open(closes, stop={"table"} if closes != "p" else set()):
                self._close(closes)
        if tag in ("tr", "td", "th") and self._open_table_depth() is None:
            return  # a stray cell outside any table: ignore the tag, keep its text
        if self.depth >= MAX_DEPTH:
            return
        node = Node(tag, {k: (v or "") for k, v in attrs}, parent=self.current)
        self.current.children.append(node)
        self.current = node
        self.depth += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br" and not self.skip:
            self.current.children.append("\n")

    def handle_endtag(self, tag: str) -> None:
        check_budget()
        if tag == "title":
            self.in_title = False
        if tag in SKIP_TAGS and tag not in VOID_TAGS:
            self.skip = max(0, self.skip - 1)
            return
        if self.skip:
            return
        if tag == "p" and not self._open("p"):
            self.current.children.append("\n")  # a stray </p> is a line break in browsers
            return
        if self._open(tag):
            self._close(tag)

    def handle_data(self, data: str) -> None:
        self._grow()
        if self.in_title:
            self.title.append(data)
        if not self.skip:
            self.current.children.append(data)

    def _open(self, tag: str, stop: set[str] | None = None) -> bool:
        node: Node | None = self.current
        while node is not None and node is not self.root:
            if node.tag == tag:
                return True
            if stop and node.tag in stop:
                return False
            node = node.parent
        return False

    def _open_table_depth(self) -> int | None:
        node, d = self.current, 0
        while node is not None:
            if node.tag == "table":
                return d
            node, d = node.parent, d + 1
        return None

    def _close(self, tag: str) -> None:
        node = self.current
        while node is not None and node is not self.root:
            parent = node.parent
            self.depth -= 1
            if node.tag == tag:
                self.current = parent or self.root
                return
            node = parent
        self.current = self.root


def decode(raw: bytes) -> str:
    """Bytes of a saved page to text: BOM, then <meta charset>, then UTF-8, then GB18030 (covers GBK/GB2312)."""
    for bom, enc in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if raw.startswith(bom):
            return raw[len(bom):].decode(enc, errors="replace")
    m = _CHARSET.search(raw[:4096])
    if m:
        enc = m.group(1).decode("ascii").lower()
        if enc in ("gb2312", "gbk", "gb_2312-80", "x-gbk", "cp936"):
            enc = "gb18030"
        try:
            return raw.decode(enc, errors="replace")
        except (LookupError, UnicodeError):  # unknown, or a codec that is not a text encoding (idna, punycode)
            pass
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("gb18030", errors="replace")


def _text(node: Node | str) -> str:
    if isinstance(node, str):
        return node
    parts = []
    for child in node.children:
        t = _text(child)
        if isinstance(child, Node) and child.tag in BLOCK_TAGS and parts and not parts[-1].endswith("\n"):
            parts.append("\n")
        parts.append(t)
    return "".join(parts)


def _has_table(node: Node) -> bool:
    return any(isinstance(c, Node) and (c.tag == "table" or _has_table(c)) for c in node.children)


def _span(value: str) -> int:
    # at most 6 digits: a span of 5,000 digits made int() raise (spans are capped at MAX_SPAN anyway)
    m = re.match(r"\s*(\d{1,6})", value or "")
    return int(m.group(1)) if m else 1


def _rows(table: Node) -> list[Node]:
    out = []
    for child in table.children:
        if isinstance(child, Node):
            if child.tag == "tr":
                out.append(child)
            elif child.tag in ("thead", "tbody", "tfoot"):
                out.extend(_rows(child))
    return out


def table_grid(table: Node, name: str) -> Grid:
    builder = GridBuilder()
    for tr in _rows(table)[:MAX_GRID_ROWS]:
        builder.new_row()
        for cell in tr.children:
            if isinstance(cell, Node) and cell.tag in ("td", "th"):
                text = re.sub(r"[ \t\r\f\v\xa0]+", " ", _text(cell)).strip()
                builder.add(text, _span(cell.attrs.get("rowspan", "1")), _span(cell.attrs.get("colspan", "1")))
    return builder.build(name)


def _walk(node: Node, doc: SourceDocument, line: list[str]) -> None:
    for child in node.children:
        if isinstance(child, str):
            if child == "\n":
                _flush(doc, line)
            else:
                line.append(child)
            continue
        if child.tag == "table" and not _has_table(child):
            _flush(doc, line)
            grid = table_grid(child, f"第 {len(doc.grids) + 1} 个表格")
            if grid.rows:
                doc.blocks.append(grid)
            continue
        block = child.tag in BLOCK_TAGS
        if block:
            _flush(doc, line)
        first = len(doc.blocks)
        _walk(child, doc, line)
        if block:
            _flush(doc, line)
            if _heading_like(child):
                doc.emphasised.update(range(first, len(doc.blocks)))


def _heading_like(node: Node) -> bool:
    """A heading the page shows as one: <h1>–<h3>, or a centred block (where CMS editors put titles)."""
    style = node.attrs.get("style", "").replace(" ", "").lower()
    return (node.tag in ("h1", "h2", "h3", "center") or node.attrs.get("align", "").lower() == "center"
            or "text-align:center" in style)


def _flush(doc: SourceDocument, line: list[str]) -> None:
    text = re.sub(r"[ \t\r\f\v\xa0]+", " ", "".join(line)).strip()
    line.clear()
    if text:
        doc.blocks.append(text)


def without_unclosed_tail(text: str) -> str:
    """Python 3.11's html.parser rescans to the end of the page for every “<” that has no “>” after it: 60 KB of
    “<a ” took 31 s (fixed in later CPython). After the page's last “>” no tag can be completed, and the parser reads
    what is there as text in the end: escaping those “<” gives the same text, in linear time."""
    last = text.rfind(">")
    if "<" not in text[last + 1:]:
        return text
    return text[:last + 1] + text[last + 1:].replace("&", "&amp;").replace("<", "&lt;")


def parse_html(text: str, name: str) -> SourceDocument:
    builder = _TreeBuilder(name)
    try:
        builder.feed(without_unclosed_tail(text))
        builder.close()
    except (AssertionError, ValueError) as exc:  # html.parser's own complaints about broken markup
        raise ImportFailure(f"“{name}”的网页代码已损坏，无法读取。请在浏览器中重新打开报告页面，另存为“网页，仅 HTML”后再导入。") from exc
    doc = SourceDocument(kind="html", name=name, title=re.sub(r"\s+", " ", "".join(builder.title)).strip())
    line: list[str] = []
    _walk(builder.root, doc, line)
    _flush(doc, line)  # text after the last block (a page cut off mid-sentence) is text too
    return doc


def read_html(path: Path) -> SourceDocument:
    raw = Path(path).read_bytes()
    if raw.startswith((b"PK", b"\xd0\xcf\x11\xe0")):
        raise ImportFailure(f"“{Path(path).name}”不是网页文件（它是 Office 文档）。请把扩展名改为 .docx 或 .xlsx 后再导入。")
    if b"\x00" in raw[:2048] and not raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise ImportFailure(f"“{Path(path).name}”不是网页文件，或者文件已损坏。")
    return parse_html(decode(raw), Path(path).name)
