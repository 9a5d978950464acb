"""Computed values for the formula cells of a workbook openpyxl wrote.

openpyxl stores a formula with an empty result (<f>SUM(D6:I6)</f><v></v>). Excel and WPS recalculate on opening,
but a phone preview, Protected View and most viewers show the stored result: a blank total. The values the program
computed anyway are written into those empty results after saving, in the sheet XML itself.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

_EMPTY_RESULT = re.compile(rb'(<c r="([A-Z]+[0-9]+)"[^>]*><f>[^<]*</f>)<v\s*(?:/>|></v>)')


def _number(value: int | float) -> bytes:
    return repr(value).encode() if isinstance(value, float) else str(value).encode()


def store_results(path: Path, results: dict[int, dict[str, int | float]]) -> None:
    """Fill the empty formula results of sheet index → {cell reference: value} in the .xlsx at `path`.
    A formula whose value is not given keeps its empty result; nothing else in the file changes."""
    if not results:
        return
    with zipfile.ZipFile(path) as zin:
        items = [(info, zin.read(info.filename)) for info in zin.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for info, data in items:
            m = re.fullmatch(r"xl/worksheets/sheet(\d+)\.xml", info.filename)
            values = results.get(int(m.group(1)) - 1) if m else None
            if values:
                def fill(match: re.Match[bytes], values: dict[str, int | float] = values) -> bytes:
                    ref = match.group(2).decode()
                    return match.group(0) if ref not in values else match.group(1) + b"<v>" + _number(values[ref]) + b"</v>"
                data = _EMPTY_RESULT.sub(fill, data)
            zout.writestr(info, data)
