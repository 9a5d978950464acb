"""Import a report made elsewhere: a Word/WPS document, a web page saved from a government site, or an Excel
workbook (our own export or a plain sheet with the official labels). See docs/import.md.

    report, info = import_source(path)          # ImportFailure (Chinese message) for a bad source
    print("\\n".join(info.lines()))              # what was recognised, blank, or could not be placed and why
"""

from __future__ import annotations

import os
from pathlib import Path

from app.imports.report import ImportReport
from app.imports.source import ImportFailure, SourceDocument
from app.report.model import Report
from app.storage.budget import budget_for
from app.storage.userfile import checked_size

__all__ = ["SUPPORTED_SUFFIXES", "ImportFailure", "ImportReport", "import_source", "read_source"]

SUPPORTED_SUFFIXES = (".docx", ".docm", ".html", ".htm", ".xhtml", ".xlsx", ".xlsm")
MAX_SOURCE_BYTES = 50 * 1024 * 1024


def read_source(path: str | os.PathLike[str]) -> SourceDocument:
    """The source's paragraphs and tables, read within the time budget (app/storage/budget.py)."""
    p = Path(path)
    with budget_for(p.name, ImportFailure):
        return _read_source(p)


def _read_source(p: Path) -> SourceDocument:
    if checked_size(p, what="报告文件", max_bytes=MAX_SOURCE_BYTES, error=ImportFailure) == 0:
        raise ImportFailure(f"“{p.name}”是空文件。")
    suffix = p.suffix.lower()
    try:
        if suffix in (".docx", ".docm"):
            from app.imports.docx import read_docx  # noqa: PLC0415

            return read_docx(p)
        if suffix in (".html", ".htm", ".xhtml"):
            from app.imports.html import read_html  # noqa: PLC0415

            return read_html(p)
        if suffix in (".xlsx", ".xlsm"):
            from app.imports.xlsx import read_xlsx  # noqa: PLC0415

            return read_xlsx(p)
    except PermissionError as exc:
        raise ImportFailure(f"没有读取“{p.name}”的权限（文件可能正被其他程序打开）。") from exc
    except OSError as exc:  # a read error of the disk or network share, a file removed while being read
        raise ImportFailure(f"无法读取“{p.name}”：{exc.strerror or exc}") from exc
    except RecursionError as exc:
        raise ImportFailure(f"“{p.name}”的结构嵌套过深，无法读取。") from exc
    except MemoryError as exc:  # a part the size checks let through that still does not fit
        raise ImportFailure(f"“{p.name}”的内容过多，内存不足，无法读取：不像是年度报告。") from exc
    if suffix == ".doc":
        raise ImportFailure(f"“{p.name}”是旧版 Word 的 .doc 文件，无法直接导入。请用 Word 或 WPS 打开，另存为 .docx 后再导入。")
    if suffix in (".xls", ".et"):
        raise ImportFailure(f"“{p.name}”是旧版表格文件，无法直接导入。请用 Excel 或 WPS 打开，另存为 .xlsx 后再导入。")
    if suffix in (".wps", ".pdf", ".mht", ".mhtml", ".txt", ".ofd"):
        raise ImportFailure(f"不支持导入 {suffix} 文件。请用 Word 或 WPS 把它另存为 .docx，"
                            "或在浏览器中把报告网页另存为“网页，仅 HTML”（.html），再导入。")
    raise ImportFailure(f"“{p.name}”不是可以导入的文件类型。可以导入：Word 文档（.docx）、网页（.html）、Excel 工作簿（.xlsx）。")


def import_source(path: str | os.PathLike[str], year: int | None = None,
                  agency: str | None = None) -> tuple[Report, ImportReport]:
    """Read a source and build the report. Nothing is written: the caller shows the import report first."""
    # Loaded here, not with the package: the ledger and its command line only need app.imports.labels.
    from app.imports.assemble import build_report  # noqa: PLC0415

    with budget_for(Path(path).name, ImportFailure):
        return build_report(read_source(path), year=year, agency=agency)
