"""Exports of a report: Word (.docx), Excel (.xlsx) and web page (.html), all from one layout (layout.py).

PDF and printing need Qt and live in ui/printing.py; the core stays Qt-free. The exported file holds the report
only: never the check findings, dismissed warnings or last year's figures.
"""

from __future__ import annotations

import dataclasses
import re
import tempfile
from collections.abc import Callable
from pathlib import Path

from app.export.fonts import FontSet, default_fonts
from app.report.model import Report
from app.storage import SUFFIX, StorageError, write_atomic

__all__ = ["EXPORT_KINDS", "short_name", "ExportError", "FontSet", "default_fonts", "export_report", "printable", "writable_text",
           "write_atomically"]

EXPORT_KINDS = {"docx": "Word 文档", "xlsx": "Excel 工作簿", "html": "网页", "pdf": "PDF 文档"}


def short_name(kind: str) -> str:
    """“Word” for docx: how menus and the self-test name an export kind (导出为Word…)."""
    return EXPORT_KINDS[kind].split()[0]


class ExportError(Exception):
    """An export failed; the message is Chinese and names the file."""


def write_atomically(out: Path, write: Callable[[Path], None]) -> None:
    """`write` fills a private temporary file; its bytes then go through storage.write_atomic, the one atomic
    writer, so a failed export never leaves half a file behind and never destroys the previous copy."""
    out = Path(out)
    if out.suffix.lower() == SUFFIX:
        raise ExportError(f"不能导出到“{out}”：{SUFFIX} 是项目文件的扩展名，导出会覆盖项目文件。请换一个文件名。")
    if out.is_dir():
        raise ExportError(f"无法导出到“{out}”：这是一个文件夹，请指定文件名。")
    try:
        with tempfile.TemporaryDirectory(prefix="zwgk-export-") as folder:
            tmp = Path(folder) / f"export{out.suffix}"
            write(tmp)
            data = tmp.read_bytes()
    except OSError as exc:
        raise ExportError(f"无法生成“{out.name}”：{exc.strerror or exc}") from exc
    try:
        write_atomic(out, data, keep_backup=False)
    except StorageError as exc:
        if isinstance(exc.__cause__, PermissionError):
            raise ExportError(f"无法写入“{out}”：没有权限，或文件正被 Word、WPS 等程序打开。请关闭该文件后重试。") from exc
        raise ExportError(str(exc).replace("无法保存", "无法导出到", 1)) from exc


# Characters XML 1.0 (Word, Excel) and UTF-8 (the web page) cannot hold. They reach a report through pasted text
# (Word's manual line break is \v) or a hand-edited file; python-docx and openpyxl raise ValueError on them.
_BREAKS = re.compile("[\x0b\x0c]")
_UNWRITABLE = re.compile("[\x00-\x08\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def writable_text(text: str, breaks: str = "\n") -> str:
    """`text` without what Word, Excel and UTF-8 cannot hold; \\v and \\f become `breaks`."""
    return _UNWRITABLE.sub("", _BREAKS.sub(breaks, text))


def printable(report: Report) -> Report:
    """A copy of the report whose texts every export format can hold (the report itself is left as it is)."""
    return dataclasses.replace(
        report, agency=writable_text(report.agency, " "), contact=writable_text(report.contact, " "),
        compiled_on=writable_text(report.compiled_on, " "), units={k: writable_text(v, " ") for k, v in report.units.items()},
        texts={k: writable_text(v) for k, v in report.texts.items()})


def export_report(report: Report, to: str, out: Path, fonts: FontSet | None = None, draft: bool = False) -> None:
    """Write `report` as `to` ("docx" | "xlsx" | "html") to `out`. PDF: ui.export.printing.export_pdf.
    `draft`: the report has errors and is exported anyway; every page and sheet carries DRAFT_MARK."""
    fonts = fonts or default_fonts()
    report = printable(report)
    if to == "docx":
        from app.export.docx import export_docx  # noqa: PLC0415 - python-docx only when needed

        write_atomically(out, lambda p: export_docx(report, p, fonts, draft))
    elif to == "xlsx":
        from app.export.xlsx import export_xlsx  # noqa: PLC0415 - openpyxl only when needed

        write_atomically(out, lambda p: export_xlsx(report, p, fonts, draft))
    elif to == "html":
        from app.export.html import export_html  # noqa: PLC0415

        write_atomically(out, lambda p: export_html(report, p, fonts, draft))
    elif to == "pdf":
        raise ExportError("PDF 由图形界面组件生成：请使用 ui.export.printing.export_pdf（命令行 zwgk export --to pdf 会自动调用）")
    else:
        raise ExportError(f"不支持的导出格式“{to}”，可选：{'、'.join(EXPORT_KINDS)}")
