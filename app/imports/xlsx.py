"""Read an Excel workbook: our own export (its `数据` sheet: cell id, section, row label, column label, value)
or plain sheets laid out with the official row and column labels (merged cells expanded).

openpyxl reads cached values only (data_only): formulas are never evaluated, macros (.xlsm) never run, and with
defusedxml installed (a declared dependency) its XML parsing expands no entities.
"""

from __future__ import annotations

import re
import warnings
import zipfile
from contextlib import ExitStack
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from app.imports.docx import check_container
from app.imports.source import MAX_GRID_COLS, MAX_GRID_ROWS, Grid, GridBuilder, ImportFailure, SourceDocument
from app.storage import MAX_TEXT
from app.storage.budget import Cancelled, check_budget

DATA_SHEET = "数据"
TITLE_ROWS = 3  # a sheet's title, if any, is in its first rows
_CELL_ID = re.compile(r"^s[2-4]\.[a-z_0-9.]+$")
_TEXT_SHEET_WORDS = ("文字", "正文")
MAX_MERGED_AREA = 100_000  # cells covered by a sheet's merged ranges, once cut to what is read (a report: hundreds)
MAX_SHARED_STRINGS_BYTES = 8 * 1024 * 1024  # a report workbook's: tens of KB
MAX_SHEET_CELLS = 100_000  # a report's sheet holds about a thousand; our own 数据 sheet two thousand


def cell_text(value: Any) -> str:
    """A spreadsheet value as the text a person sees (numbers without float noise)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return format(Decimal(repr(value)).normalize(), "f")
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)


_MERGE = re.compile(rb"<(?:\w+:)?mergeCell\b[^>]*?\bref=\"([A-Za-z]{1,3}\d+(?::[A-Za-z]{1,3}\d+)?)\"")


def _merged(wb, ws, notes: list[str]) -> list[tuple[int, int, int, int]]:
    """The merged ranges of a sheet (min row, min col, max row, max col), read from its XML: openpyxl's read-only
    sheets do not list them, and its full mode takes about 200 ms to format the merged cells of our three tables.

    Each range is cut to the rows and columns an import reads: one range merged over a whole sheet (A1:XFD1048576,
    what merging whole columns in Excel or WPS writes) covered 17 billion cells, and a 19 KB file took all memory.
    Ranges beyond MAX_MERGED_AREA covered cells in all are left out, with a note."""
    from openpyxl.utils.cell import range_boundaries  # noqa: PLC0415

    out = []
    area = 0
    for ref in _MERGE.findall(wb._archive.read(ws._worksheet_path)):  # private, stable through openpyxl 3.x
        c0, r0, c1, r1 = range_boundaries(ref.decode("ascii"))
        r1, c1 = min(r1, MAX_GRID_ROWS), min(c1, MAX_GRID_COLS)
        if r0 > r1 or c0 > c1:
            continue  # wholly outside what is read
        area += (r1 - r0 + 1) * (c1 - c0 + 1)
        if area > MAX_MERGED_AREA:
            notes.append(f"工作表“{ws.title}”合并的单元格过多，只按前面的合并区域读取")
            break
        out.append((r0, c0, r1, c1))
    return out


def _sheet_grid(wb, ws, name: str, notes: list[str], formulas=None, max_rows: int = MAX_GRID_ROWS) -> Grid:
    builder = GridBuilder()
    merged = {(r0, c0): (r0, c0, r1, c1) for r0, c0, r1, c1 in _merged(wb, ws, notes)}
    covered = {(r, c) for (r0, c0, r1, c1) in merged.values() for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)}
    # A sheet without a <dimension> has no max_row: iter_rows(max_row=0) would read every row, each padded to the
    # last column used (40,000 rows with a cell in column XFD took minutes). Read at most what an import uses.
    max_row = min(ws.max_row or max_rows, max_rows)
    max_col = min(ws.max_column or MAX_GRID_COLS, MAX_GRID_COLS)
    formula_rows = (formulas.iter_rows(min_row=1, max_row=max_row, max_col=max_col, values_only=True)
                    if formulas is not None else None)
    for r, row in enumerate(ws.iter_rows(min_row=1, max_row=max_row, max_col=max_col, values_only=True), start=1):
        check_budget()
        builder.new_row()
        written = next(formula_rows, ()) if formula_rows is not None else ()
        for c, value in enumerate(row, start=1):
            if value is None and c <= len(written):
                # a formula whose result was never calculated (written by a program, not opened in Excel):
                # keep the formula text so the import report can say so instead of reading a blank
                f = written[c - 1]
                if isinstance(f, str) and f.startswith("="):
                    value = f
            text = cell_text(value)[:MAX_TEXT]  # a report's longest text fits; ten million characters do not
            if (r, c) in merged:
                r0, c0, r1, c1 = merged[(r, c)]
                builder.add(text, r1 - r0 + 1, c1 - c0 + 1, col=c - 1)
            elif (r, c) not in covered:
                builder.add(text, col=c - 1)
    return builder.build(name)


def _data_sheet(ws, units: dict[str, str]) -> dict[str, object] | None:
    """Cell id → value from the `数据` sheet: the id column is the one holding cell ids, the value column the one
    headed 数值/值 (else the last column)."""
    rows = list(ws.iter_rows(max_row=min(ws.max_row or 2000, 2000), max_col=min(ws.max_column or 20, 20),
                             values_only=True))
    if not rows:
        return None
    width = max(len(r) for r in rows)
    id_col = max(range(width), key=lambda c: sum(isinstance(r[c], str) and bool(_CELL_ID.match(r[c])) for r in rows
                                                  if c < len(r)))
    header_row = next((i for i, r in enumerate(rows) if any(isinstance(v, str) and v.strip() in ("数值", "值", "value")
                                                            for v in r)), None)
    value_col = width - 1
    if header_row is not None:
        value_col = next(c for c, v in enumerate(rows[header_row]) if isinstance(v, str)
                         and v.strip() in ("数值", "值", "value"))
    unit_col = None
    if header_row is not None:
        unit_col = next((c for c, v in enumerate(rows[header_row]) if isinstance(v, str) and v.strip() in ("单位", "unit")),
                        None)
    out: dict[str, object] = {}
    for r in rows:
        if id_col < len(r) and isinstance(r[id_col], str) and _CELL_ID.match(r[id_col].strip()):
            cid = r[id_col].strip()
            v = r[value_col] if value_col < len(r) else None
            out[cid] = cell_text(v) if v is not None else None
            if unit_col is not None and unit_col < len(r) and isinstance(r[unit_col], str) and r[unit_col].strip():
                units[cid] = r[unit_col].strip()[:20]
    return out or None


_CELL_TAG = re.compile(rb"<(?:\w+:)?c[\s/>]")


def _check_size(path: Path) -> None:
    """Bound what openpyxl will parse, by what the workbook holds rather than by its unpacked bytes alone.

    openpyxl reads every shared string when it opens a workbook, read-only or not (three million empty strings,
    36 MB unpacked from a few hundred KB, took a minute), and a sheet without a <dimension> is parsed whole just to
    learn its size (700,000 cells: 30 s, twice). Cells are counted in the bytes, at C speed, before it starts."""
    with zipfile.ZipFile(path) as zf:
        for info in zf.infolist():
            check_budget()
            if info.filename == "xl/sharedStrings.xml" and info.file_size > MAX_SHARED_STRINGS_BYTES:
                raise ImportFailure(f"“{path.name}”中的文字过多（{info.file_size // 1024 // 1024} MB），不像是年度报告。")
            if info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml"):
                cells = len(_CELL_TAG.findall(zf.read(info.filename)))
                if cells > MAX_SHEET_CELLS:
                    raise ImportFailure(f"“{path.name}”中的工作表（{info.filename.rpartition('/')[2]}）有 {cells} 个单元格，"
                                        "不像是年度报告的表格。如果报告和其他数据（如台账）在同一个工作簿中，请把报告的"
                                        "工作表另存为单独的工作簿，再导入。")


def _load_workbook(stack: ExitStack, path: Path, data_only: bool) -> Any:
    """The workbook, streamed (read-only) from a file we close ourselves when `stack` closes: openpyxl leaves its
    own handle open when a damaged part makes it fail, until the garbage collector runs (on Windows the file
    stays locked until then)."""
    import openpyxl  # noqa: PLC0415 - only when an Excel file is imported

    fh = stack.enter_context(path.open("rb"))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # openpyxl warns about unknown extensions of WPS files
        wb = openpyxl.load_workbook(fh, data_only=data_only, read_only=True, keep_vba=False)
    stack.callback(wb.close)
    return wb


def read_xlsx(path: Path) -> SourceDocument:
    path = Path(path)
    with path.open("rb") as fh:
        head = fh.read(8)
    check_container(path, head, "xlsx")
    _check_size(path)
    with ExitStack() as stack:
        try:
            wb = _load_workbook(stack, path, data_only=True)
        except Exception as exc:  # openpyxl raises many kinds for damaged parts
            raise ImportFailure(f"“{path.name}”无法作为 Excel 工作簿打开（{exc.__class__.__name__}）。"
                                "请用 Excel 或 WPS 打开确认后另存为 .xlsx，再导入。") from exc
        try:
            return _read_workbook(stack, path, wb)
        except (ImportFailure, Cancelled):  # out of time, or cancelled: already said
            raise
        except Exception as exc:  # read-only sheets are parsed as they are read: a damaged one fails here
            raise ImportFailure(f"“{path.name}”的内容已损坏，无法读取（{exc.__class__.__name__}）。"
                                "请用 Excel 或 WPS 打开确认后另存为 .xlsx，再导入。") from exc


def _read_workbook(stack: ExitStack, path: Path, wb: Any) -> SourceDocument:
    doc = SourceDocument(kind="xlsx", name=path.name, title=wb.properties.title or "")
    with_ids = DATA_SHEET in wb.sheetnames
    formulas = None
    try:
        if not with_ids:
            formulas = _load_workbook(stack, path, data_only=False)
    except Exception:  # noqa: BLE001 - only a nicer message for uncalculated formulas depends on it
        formulas = None
    if with_ids:
        doc.values = _data_sheet(wb[DATA_SHEET], doc.units)
    for ws in wb.worksheets:
        if ws.title == DATA_SHEET:
            continue
        text_sheet = any(word in ws.title for word in _TEXT_SHEET_WORDS)
        # with the 数据 sheet the numbers come by cell id: of the table sheets only the title rows are read
        rows = TITLE_ROWS if with_ids and not text_sheet else MAX_GRID_ROWS
        grid = _sheet_grid(wb, ws, f"工作表“{ws.title}”", doc.notes, formulas[ws.title] if formulas is not None else None,
                           rows)
        if text_sheet:
            for row in grid.rows:
                for cell in row:
                    if cell.text.strip() and cell.origin[1] == row.index(cell):
                        doc.blocks.extend(cell.text.split("\n"))
            continue
        title = next((cell.text for row in grid.rows[:TITLE_ROWS] for cell in row if "报告" in cell.text), "")
        if title and not doc.paragraphs:
            doc.blocks.append(title)
        doc.blocks.append(grid)
    return doc
