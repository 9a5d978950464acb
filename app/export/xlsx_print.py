"""Print set-up shared by every workbook the program writes (exports, 汇总, ledger template)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # openpyxl costs ~40 ms to import: never at start-up, only when a workbook is written
    from openpyxl.worksheet.worksheet import Worksheet


def fit_a4(ws: Worksheet, *, landscape: bool, title_rows: str | None = "1:1") -> None:
    """A4, every column on one page width and as many pages down as needed (columns are never cut off);
    the header rows repeat on every printed page."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE if landscape else ws.ORIENTATION_PORTRAIT
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    if title_rows:
        ws.print_title_rows = title_rows


def header_and_footer(ws: Worksheet, title: str, draft_mark: str = "") -> None:
    """Every printed page names the report (agency, year, part) in its header and its number in the footer; a
    draft says so at the header's left."""
    ws.oddHeader.center.text = title.replace("&", "&&")  # & starts a header code
    ws.oddHeader.center.size = 9
    if draft_mark:
        ws.oddHeader.left.text = draft_mark
        ws.oddHeader.left.size = 10
        ws.oddHeader.left.color = "C00000"
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"
    ws.oddFooter.center.size = 9
