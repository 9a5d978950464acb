"""Read an application ledger (依申请公开登记台账) from .xlsx or .csv into plain rows.

Only reading lives here: finding the sheet and the header row, decoding CSV, and turning the date cells clerks
write (real Excel dates, serial numbers, "2025年1月5日", "2025.1.5", "20250105") into dates. Deciding what the
columns and the words mean is app.ledger.count's job.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
import zipfile
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import defusedxml.ElementTree as safe_xml
from defusedxml import DefusedXmlException

from app.storage.budget import budget_for, check_budget
from app.storage.userfile import checked_size

MAX_BYTES = 50 * 1024 * 1024
MAX_CELLS = 2_000_000  # places a sheet's rows take (a 10,000-line ledger of 12 columns: 120,000)
MAX_SHARED_STRINGS = 300_000  # distinct texts of a workbook (a 10,000-line ledger: some 30,000)
CHECK_EVERY = 4096  # rows or XML elements between two looks at the time budget
HEADER_SCAN_ROWS = 15  # a title line or two ("2025年依申请公开登记台账") often sits above the header


class LedgerError(Exception):
    """The ledger cannot be read or counted. The message is Chinese and names the file, row or column."""


@dataclass(frozen=True)
class LedgerTable:
    """The header row and the data rows of one sheet. `line` is the row number a person sees in Excel."""

    source: str
    sheet: str
    header_line: int
    headers: tuple[str, ...]
    rows: tuple[tuple[int, tuple[Any, ...]], ...]


def cell_text(value: Any) -> str:
    """A cell as the text a person reads in it (NFKC, trimmed; whole floats without '.0')."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime | date):
        return value.strftime("%Y-%m-%d")
    return unicodedata.normalize("NFKC", str(value)).strip()


_DATE_YMD = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
_DATE_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_EXCEL_EPOCH = date(1899, 12, 30)


def parse_date(value: Any) -> date | None:
    """A ledger date cell → date; None for a blank cell. Raises ValueError (Chinese) for anything unreadable.

    A year is required: "1月5日" cannot be placed in a year, and guessing it would move applications between
    上年结转 and 本年新收."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        # Excel serial day numbers (a date cell without date formatting, or a CSV export of one).
        if 20000 <= value <= 80000:
            return _EXCEL_EPOCH + timedelta(days=int(value))
        text = cell_text(value)
    else:
        text = cell_text(value)
    if not text:
        return None
    match = _DATE_YMD.match(text) or _DATE_COMPACT.match(text)
    if not match:
        raise ValueError(f"“{text}”不是可识别的日期（请写成 2025-01-05 或 2025年1月5日，须含年份）")
    y, m, d = (int(g) for g in match.groups())
    try:
        return date(y, m, d)
    except ValueError as exc:
        raise ValueError(f"“{text}”不是有效的日期") from exc


# -- files ------------------------------------------------------------------------------------------------------

def _check_file(path: Path) -> None:
    checked_size(path, what="台账文件", max_bytes=MAX_BYTES, error=LedgerError)


def _decode(raw: bytes, path: Path) -> str:
    # Excel and WPS on Chinese Windows save CSV as GBK unless told otherwise; newer ones write UTF-8 with a BOM.
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise LedgerError(f"无法识别台账文件“{path}”的文字编码。请在 Excel 或 WPS 中另存为 .xlsx 后再试。")


def _csv_rows(path: Path) -> list[list[Any]]:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise LedgerError(f"无法读取台账文件“{path}”：{exc.strerror or exc}") from exc
    text = _decode(raw, path)
    try:
        dialect: Any = csv.Sniffer().sniff(text[:4096], delimiters=",\t;，")
    except csv.Error:
        dialect = csv.excel
    rows = []
    places = 0
    try:
        for row in csv.reader(io.StringIO(text), dialect):
            places += len(row) + 1
            if places > MAX_CELLS:
                raise LedgerError(f"台账文件“{path}”过大（超过 {MAX_CELLS} 个单元格），不是普通的台账表格。")
            if len(rows) % CHECK_EVERY == 0:
                check_budget()
            rows.append(row)
        return rows
    except csv.Error as exc:
        raise LedgerError(f"台账文件“{path}”不是有效的 CSV：{exc}") from exc


_M = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PR = "{http://schemas.openxmlformats.org/package/2006/relationships}"
MAX_UNZIPPED = 400 * 1024 * 1024  # a zip bomb disguised as a ledger is refused before parsing
MAX_ROWS, MAX_COLS = 1_048_576, 16_384  # Excel's sheet size; a larger reference would make us build rows for ever


def _col_index(ref: str) -> int:
    n = 0
    for ch in ref:
        if "A" <= ch <= "Z":
            n = n * 26 + ord(ch) - 64
        else:
            break
    return n - 1


def _shared_strings(zf: zipfile.ZipFile, source: Path) -> list[str]:
    out = []
    # Closed on any error too: a stream left to the garbage collector keeps the workbook open (locked on Windows).
    with zf.open("xl/sharedStrings.xml") as stream:
        for n, (_, el) in enumerate(safe_xml.iterparse(stream, events=("end",))):
            if n % CHECK_EVERY == 0:
                check_budget()
            if el.tag == f"{_M}si":
                # Plain <t> or rich-text runs <r><t>; phonetic guides (<rPh>) are not part of the text.
                parts = [el.findtext(f"{_M}t") or ""] + [r.findtext(f"{_M}t") or "" for r in el.findall(f"{_M}r")]
                out.append("".join(parts))
                el.clear()
                if len(out) > MAX_SHARED_STRINGS:
                    raise LedgerError(f"台账文件“{source}”中的文字条目过多（超过 {MAX_SHARED_STRINGS} 个），"
                                      "不是普通的台账表格。")
    return out


def _cell_value(el: Any, shared: list[str]) -> Any:
    kind = el.get("t")
    if kind == "inlineStr":
        return "".join(t.text or "" for t in el.iter(f"{_M}t"))
    raw = el.findtext(f"{_M}v")
    if raw is None:
        return None
    if kind == "s":
        return shared[int(raw)]
    if kind in ("str", "e"):
        return raw
    if kind == "b":
        return raw == "1"
    number = float(raw)
    return int(number) if number.is_integer() else number


def _sheet_rows(zf: zipfile.ZipFile, member: str, shared: list[str], source: Path) -> list[list[Any]]:
    """Cell values by row, gaps kept (a missing row is an empty list) so that line numbers match Excel's.
    Dates come as serial numbers: parse_date reads them, and no other field needs a date."""
    with zf.open(member) as stream:
        return _rows_of(safe_xml.iterparse(stream, events=("end",)), shared, source)


def _rows_of(events: Any, shared: list[str], source: Path) -> list[list[Any]]:
    """The rows, bounded by the places they take (gaps and padding to the last column count): 40,000 rows with one
    cell in column XFD, zipped to 386 KB, took 3.4 GB."""
    rows: list[list[Any]] = []
    current: dict[int, Any] = {}
    places = 0
    for n, (_, el) in enumerate(events):
        if n % CHECK_EVERY == 0:
            check_budget()
        if el.tag == f"{_M}c":
            ref = el.get("r")
            col = _col_index(ref) if ref else len(current)
            if not 0 <= col < MAX_COLS:  # beyond Excel's XFD: a damaged or hostile sheet, not a ledger
                raise ValueError(f"column {ref!r}")
            current[col] = _cell_value(el, shared)
        elif el.tag == f"{_M}row":
            number = int(el.get("r") or len(rows) + 1)
            if not 0 < number <= MAX_ROWS:
                raise ValueError(f"row {number}")
            width = max(current, default=-1) + 1
            places += max(0, number - 1 - len(rows)) + width + 1
            if places > MAX_CELLS:
                raise LedgerError(f"台账文件“{source}”过大（超过 {MAX_CELLS} 个单元格，或有内容远在右侧、下方的单元格），"
                                  "不是普通的台账表格。请删除多余的行、列后另存，再试。")
            rows.extend([] for _ in range(number - 1 - len(rows)))
            rows.append([current.get(i) for i in range(width)])
            current = {}
            el.clear()
    return rows


def _xlsx_sheets(path: Path) -> list[tuple[str, list[list[Any]]]]:
    """Every worksheet's values. A small reader of our own: openpyxl builds a cell object per cell and took
    about 0.9 s for a 10,000-line ledger; this reads the same XML (through defusedxml) in a fraction."""
    failure = (f"台账文件“{path}”无法作为 Excel 工作簿打开（文件损坏、已加密或不是 .xlsx）。"
               "请在 Excel 或 WPS 中打开并另存为 .xlsx 后再试。")
    try:
        with zipfile.ZipFile(path) as zf:
            if sum(i.file_size for i in zf.infolist()) > MAX_UNZIPPED:
                raise LedgerError(f"台账文件“{path}”解压后过大，不是普通的台账表格。")
            names = set(zf.namelist())
            shared = _shared_strings(zf, path) if "xl/sharedStrings.xml" in names else []
            targets = {rel.get("Id"): rel.get("Target", "")
                       for rel in safe_xml.fromstring(zf.read("xl/_rels/workbook.xml.rels")).iter(f"{_PR}Relationship")}
            sheets = []
            for sheet in safe_xml.fromstring(zf.read("xl/workbook.xml")).iter(f"{_M}sheet"):
                target = targets.get(sheet.get(f"{_R}id"), "")
                member = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
                if member in names:
                    sheets.append((sheet.get("name", ""), _sheet_rows(zf, member, shared, path)))
            return sheets
    except (zipfile.BadZipFile, zlib.error, EOFError, KeyError, OSError, ValueError, IndexError, safe_xml.ParseError,
            DefusedXmlException, NotImplementedError, RuntimeError) as exc:
        # NotImplementedError: a compression or zip encryption zipfile cannot read; RuntimeError: encrypted
        raise LedgerError(failure) from exc


def read_sheets(path: str | Path) -> list[tuple[str, list[list[Any]]]]:
    """Every sheet of a ledger file as (name, rows of raw cell values)."""
    p = Path(path)
    _check_file(p)
    suffix = p.suffix.lower()
    with budget_for(p.name, LedgerError):
        if suffix in (".xlsx", ".xlsm"):
            return _xlsx_sheets(p)
        if suffix in (".csv", ".txt"):
            return [(p.stem, _csv_rows(p))]
    if suffix in (".xls", ".et"):
        raise LedgerError(f"“{p.name}”是旧版 Excel/WPS 表格。请在 Excel 或 WPS 中另存为 .xlsx（或 .csv）后再试。")
    raise LedgerError(f"“{p.name}”不是台账表格：请使用 .xlsx 或 .csv 文件。")


def _is_blank_row(row: Iterable[Any]) -> bool:
    return all(cell_text(v) == "" for v in row)


def find_table(source: str, sheets: list[tuple[str, list[list[Any]]]], score: Callable[[list[str]], int],
               sheet: str | None = None) -> LedgerTable:
    """The sheet and header row whose headers score best (score = how many ledger fields a header row names)."""
    if sheet is not None:
        chosen = [s for s in sheets if s[0] == sheet]
        if not chosen:
            names = "、".join(name for name, _ in sheets)
            raise LedgerError(f"台账文件“{source}”中没有名为“{sheet}”的工作表（现有：{names}）。")
        sheets = chosen
    best: tuple[int, str, int, list[list[Any]]] | None = None
    for name, rows in sheets:
        for i, row in enumerate(rows[:HEADER_SCAN_ROWS]):
            s = score([cell_text(v) for v in row])
            if s and (best is None or s > best[0]):
                best = (s, name, i, rows)
    if best is None:
        raise LedgerError(f"台账文件“{source}”中找不到表头行（如“收到日期”“申请人类型”“办理结果”“答复日期”）。"
                          "请确认第一行或标题下方一行是列名。")
    _, name, index, rows = best
    headers = tuple(cell_text(v) for v in rows[index])
    width = len(headers)
    data = tuple((index + 2 + n, tuple((list(r) + [None] * width)[:width]))
                 for n, r in enumerate(rows[index + 1:]) if not _is_blank_row(r))
    return LedgerTable(source=source, sheet=name, header_line=index + 1, headers=headers, rows=data)
