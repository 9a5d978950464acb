"""What the user confirms before an imported report opens: agency, year, type and format, as the import found them
(with where each came from) or as the user corrected them. The window shows them in editable fields
(ui/yearly/import_dialog.py); this applies the answer to the report."""

from __future__ import annotations

from app.report.formats import load_format
from app.report.model import Report, agency_type_key


def confirm_import(report: Report, agency: str, year: int, agency_type: str, format_id: str) -> None:
    """Apply the confirmed fields. Another format keeps the values of the cells both formats have; the cells only
    the new format has were not in the source, so they are absent (missing), never 0."""
    report.agency = agency.strip()
    report.agency_type = agency_type_key(agency_type)
    report.year = year
    if format_id == report.format.id:
        return
    old = report.format
    report.convert_to(load_format(format_id))
    for cid in report.format.cell_order:
        if cid not in old.cells:
            report.values[cid] = None
            report.absence.cells[cid] = "missing"
