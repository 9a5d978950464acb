"""Read a Word/WPS .docx report: body paragraphs and tables in order, merged cells (gridSpan, vMerge) expanded.

Only the document XML is read — macros (.docm) are never run, nothing is fetched, and python-docx's parser does
not expand entities. Old binary .doc files, encrypted documents and damaged files get a message saying what to do.
"""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path

from app.imports.source import MAX_GRID_ROWS, Grid, GridBuilder, ImportFailure, SourceDocument

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
MAX_UNPACKED = 200 * 1024 * 1024
# One XML part unpacked: a report's document.xml is well under 2 MB; python-docx and openpyxl build a tree of every
# element, some ten times the text's size in memory. (Sheets are bounded by their cells too: app/imports/bounds.py.)
MAX_PART = 32 * 1024 * 1024


def check_container(path: Path, data_head: bytes, kind: str) -> None:
    """Refuse what is not an Office Open XML package, saying what it is and what to do."""
    name = path.name
    word = "Word 或 WPS 文字" if kind == "docx" else "Excel 或 WPS 表格"
    suffix = ".docx" if kind == "docx" else ".xlsx"
    if data_head.startswith(OLE_MAGIC):
        raw = path.read_bytes()
        if b"E\x00n\x00c\x00r\x00y\x00p\x00t\x00i\x00o\x00n\x00I\x00n\x00f\x00o" in raw:
            raise ImportFailure(f"“{name}”设置了打开密码（已加密），无法读取。请在{word}中打开它，取消密码后另存，再导入。")
        old = "旧版 Word 的 .doc 文件" if kind == "docx" else "旧版 Excel 的 .xls 文件"
        raise ImportFailure(f"“{name}”是{old}，无法直接导入。请用{word}打开，另存为 {suffix} 后再导入。")
    if not data_head.startswith(b"PK"):
        if data_head.lstrip().startswith((b"<", b"\xef\xbb\xbf<")):
            raise ImportFailure(f"“{name}”其实是网页文件（扩展名是 {path.suffix}）。请把扩展名改为 .html 后再导入。")
        raise ImportFailure(f"“{name}”不是 {suffix} 文件，或者文件已损坏。请用{word}打开确认后另存为 {suffix} 再导入。")
    try:
        with zipfile.ZipFile(path) as zf:
            total = sum(i.file_size for i in zf.infolist())
            if total > MAX_UNPACKED:  # before testzip, which would inflate every member of a zip bomb
                raise ImportFailure(f"“{name}”解压后过大（{total // 1024 // 1024} MB），不像是年度报告。")
            big = next((i for i in zf.infolist() if i.filename.endswith((".xml", ".rels")) and i.file_size > MAX_PART),
                       None)
            if big is not None:
                raise ImportFailure(f"“{name}”中的“{big.filename[:80]}”解压后过大（{big.file_size // 1024 // 1024} MB），"
                                    "不像是年度报告。")
            names = set(zf.namelist())
            bad = zf.testzip()
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, RuntimeError, NotImplementedError) as exc:
        raise ImportFailure(f"“{name}”已损坏，无法打开（{exc.__class__.__name__}）。请用{word}打开确认后另存，再导入。") from exc
    if bad is not None:
        raise ImportFailure(f"“{name}”已损坏（其中的“{bad}”无法读取）。请用{word}打开确认后另存，再导入。")
    needed = "word/document.xml" if kind == "docx" else "xl/workbook.xml"
    if needed not in names:
        other = "Excel 工作簿" if "xl/workbook.xml" in names else "Word 文档" if "word/document.xml" in names else ""
        hint = f"它是{other}，请选择对应的导入方式（扩展名应为 {'.xlsx' if kind == 'docx' else '.docx'}）。" if other else ""
        raise ImportFailure(f"“{name}”不是{'Word 文档' if kind == 'docx' else 'Excel 工作簿'}。{hint}")


def _text(element) -> str:
    """The text of a paragraph or cell: runs, tabs, breaks; paragraphs of a cell joined by line breaks."""
    lines = []
    for p in element.iter(f"{W}p"):
        parts = []
        for node in p.iter(f"{W}t", f"{W}tab", f"{W}br", f"{W}cr"):
            if node.tag == f"{W}t":
                parts.append(node.text or "")
            elif node.tag == f"{W}tab":
                parts.append(" ")
            else:
                parts.append("\n")
        lines.append("".join(parts))
    return "\n".join(lines)


def _wrapped(parent, tag: str) -> list:
    """Children with `tag` (w:tr of a table, w:tc of a row), also those wrapped in content controls (w:sdt) or
    custom XML, as WPS and form templates do."""
    out = []
    for child in parent:
        if child.tag == tag:
            out.append(child)
        elif child.tag in (f"{W}sdt", f"{W}customXml"):
            content = child.find(f"{W}sdtContent") if child.tag == f"{W}sdt" else child
            if content is not None:
                out.extend(_wrapped(content, tag))
    return out


def _cells(tr) -> list:
    return _wrapped(tr, f"{W}tc")


def _rows(tbl) -> list:
    return _wrapped(tbl, f"{W}tr")


def _int_attr(element, path: str, default: int) -> int:
    node = element.find(path)
    if node is None:
        return default
    try:
        return max(1, int(node.get(f"{W}val", default)))
    except ValueError:
        return default


def table_grid(tbl, name: str) -> Grid:
    builder = GridBuilder()
    for tr in _rows(tbl)[:MAX_GRID_ROWS]:
        builder.new_row()
        col = _int_attr(tr, f"{W}trPr/{W}gridBefore", 1) if tr.find(f"{W}trPr/{W}gridBefore") is not None else 0
        for tc in _cells(tr):
            span = _int_attr(tc, f"{W}tcPr/{W}gridSpan", 1)
            vmerge = tc.find(f"{W}tcPr/{W}vMerge")
            if vmerge is not None and vmerge.get(f"{W}val", "continue") != "restart":
                builder.continue_above(col, span)
            else:
                builder.add(_text(tc), 1, span, col=col)
            col += span
    return builder.build(name)


def read_docx(path: Path) -> SourceDocument:
    path = Path(path)
    with path.open("rb") as fh:
        head = fh.read(8)
    check_container(path, head, "docx")
    import docx  # noqa: PLC0415 - python-docx is only needed here
    from docx.opc.exceptions import PackageNotFoundError  # noqa: PLC0415

    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise ImportFailure(f"“{path.name}”无法作为 Word 文档打开（{exc.__class__.__name__}）。"
                            "请用 Word 或 WPS 打开确认后另存为 .docx，再导入。") from exc
    except Exception as exc:  # lxml XMLSyntaxError and kin: a damaged document part
        raise ImportFailure(f"“{path.name}”的内容已损坏，无法读取。请用 Word 或 WPS 打开确认后另存为 .docx，再导入。") from exc
    body = getattr(document.element, "body", None)
    if body is None:
        raise ImportFailure(f"“{path.name}”的正文已损坏，无法读取。请用 Word 或 WPS 打开确认后另存为 .docx，再导入。")
    try:
        title = document.core_properties.title or ""
    except Exception:  # noqa: BLE001 - a damaged docProps/core.xml only costs the title hint
        title = ""
    doc = SourceDocument(kind="docx", name=path.name, title=title)
    _walk(body, doc, _title_styles(document))
    return doc


TITLE_STYLE_NAMES = ("title", "subtitle", "heading 1", "标题", "副标题", "标题 1")


def _title_styles(document) -> set[str]:
    """Ids of the title and first-level heading styles (their ids differ by language: Title, a3, 1…)."""
    try:
        styles = document.styles.element  # read as XML: python-docx's style objects cost ~15 ms for a template
    except Exception:  # noqa: BLE001 - a damaged or missing styles part only costs the hint
        return set()
    out = set()
    for style in styles.iterchildren(f"{W}style"):
        name = style.find(f"{W}name")
        if name is not None and (name.get(f"{W}val") or "").strip().lower() in TITLE_STYLE_NAMES:
            out.add(style.get(f"{W}styleId"))
    return out


def _heading_like(p, title_styles: set[str]) -> bool:
    style = p.find(f"{W}pPr/{W}pStyle")
    jc = p.find(f"{W}pPr/{W}jc")
    return ((style is not None and style.get(f"{W}val") in title_styles)
            or (jc is not None and jc.get(f"{W}val") == "center"))


def _walk(container, doc: SourceDocument, title_styles: set[str]) -> None:
    for child in container:
        if child.tag == f"{W}p":
            if _heading_like(child, title_styles):
                doc.emphasised.add(len(doc.blocks))
            doc.blocks.append(_text(child))
        elif child.tag == f"{W}tbl":
            doc.blocks.append(table_grid(child, f"第 {len(doc.grids) + 1} 个表格"))
        elif child.tag in (f"{W}sdt", f"{W}customXml"):
            content = child.find(f"{W}sdtContent") if child.tag == f"{W}sdt" else child
            if content is not None:
                _walk(content, doc, title_styles)
