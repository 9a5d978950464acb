"""The small files of issue 15 that crashed, hung or took gigabytes — each rebuilt here so that it stays fixed
(tests/robustness/test_hostile_files.py) and is part of every fuzz run (benchmarks/bench_fuzz.py)."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable

from tests.robustness.corpus import LEDGER_HEADERS, SAMPLE, Case, ledger_xlsx


def _sample_json() -> dict:
    return json.loads(SAMPLE.read_text(encoding="utf-8"))


def _zwgk_with(number: str, where: str = "values") -> bytes:
    doc = _sample_json()
    if where == "previous":
        from app.report.previous import SCHEMA  # noqa: PLC0415

        doc["previous"] = {"schema": SCHEMA, "year": 2020, "format": "gov-2019", "source": "file",
                           "values": {"s3.new.natural": 1}, "texts": {}}
        text = json.dumps(doc, ensure_ascii=False).replace('"s3.new.natural": 1}', f'"s3.new.natural": {number}}}')
    else:
        text = json.dumps(doc, ensure_ascii=False).replace('"s3.new.natural": 0', f'"s3.new.natural": {number}', 1)
    return text.encode("utf-8")


def _xlsx(sheet_xml: bytes, shared: bytes | None = None) -> bytes:
    """A minimal workbook with one sheet whose XML is given (the parts Excel and openpyxl need, nothing else)."""
    ns = b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    rel = b'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
    parts = {
        "[Content_Types].xml": b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
        b'package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        b'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook'
        b'.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override '
        b'PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml'
        b'.worksheet+xml"/>' + (b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats'
        b'-officedocument.spreadsheetml.sharedStrings+xml"/>' if shared else b"") + b"</Types>",
        "_rels/.rels": b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
        b'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
        b'2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": b'<?xml version="1.0" encoding="UTF-8"?><workbook ' + ns + b" " + rel + b'><sheets><sheet '
        b'name="\xe7\xac\xac\xe4\xb8\x89\xe9\x83\xa8\xe5\x88\x86" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
        b'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org'
        b'/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>' + (b'<Relationship Id="rId2" '
        b'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings'
        b'.xml"/>' if shared else b"") + b"</Relationships>",
        "xl/worksheets/sheet1.xml": sheet_xml,
    }
    if shared:
        parts["xl/sharedStrings.xml"] = shared
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, content in parts.items():
            zf.writestr(name, content)
    return out.getvalue()


def _sheet(rows: bytes, after: bytes = b"") -> bytes:
    return (b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
            b'2006/main"><sheetData>' + rows + b"</sheetData>" + after + b"</worksheet>")


def _inline(ref: str, text: str) -> bytes:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'.encode()


TITLE = "某镇人民政府2021年政府信息公开工作年度报告"


def _header() -> bytes:
    return b'<row r="1">' + _inline("A1", TITLE) + b"</row>"


def _data_row() -> bytes:
    return b'<row r="2">' + _inline("A2", "一、本年新收政府信息公开申请数量") + b'<c r="B2"><v>12</v></c></row>'


def _ledger_header() -> bytes:
    return b'<row r="1">' + b"".join(_inline(f"{chr(65 + i)}1", h) for i, h in enumerate(LEDGER_HEADERS)) + b"</row>"


def _far_right_rows(first: int, last: int) -> bytes:
    return b"".join(b'<row r="%d"><c r="XFD%d"><v>1</v></c></row>' % (i, i) for i in range(first, last))


def _strongly_encrypted(data: bytes) -> bytes:
    """A zip whose entries claim “strong encryption” (general-purpose flag bit 6): zipfile raises
    NotImplementedError, which the ledger reader let through as a traceback (found by the fuzz run)."""
    out = bytearray(data)
    at = out.find(b"PK\x01\x02")
    while at >= 0:
        out[at + 8] |= 0x40
        at = out.find(b"PK\x01\x02", at + 4)
    return bytes(out)


def _page(body: str) -> bytes:
    return f"<html><head><title>{TITLE}</title></head><body>{body}</body></html>".encode()


_TABLE = "<table><tr><td>1</td></tr></table>"

# name → (kind, builder): each crasher of issue 15 as the smallest file that showed it (built when asked for).
HOSTILE: dict[str, tuple[str, Callable[[], bytes]]] = {
    "huge-exponent": ("zwgk", lambda: _zwgk_with("1e999999999")),
    "huge-negative-exponent": ("zwgk", lambda: _zwgk_with("-1e999999999")),
    "thousands-of-digits": ("zwgk", lambda: _zwgk_with("9" * 5000)),
    "deep-nesting": ("zwgk", lambda: b"[" * 100_000 + b"]" * 100_000),
    "previous-huge-exponent": ("previous", lambda: _zwgk_with("1e999999999", "previous")),
    "previous-4000-digits": ("previous", lambda: _zwgk_with("1" * 4000, "previous")),
    "values-huge-exponent": ("values", lambda: b'{"s3.new.natural": 1e999999999}'),
    "values-deep": ("values", lambda: b'{"s3.new.natural": ' + b"[" * 100_000),
    # one range merged over a whole sheet: what merging whole columns in Excel or WPS writes
    "merged-whole-sheet": ("xlsx", lambda: _xlsx(_sheet(_header() + _data_row(), b'<mergeCells count="1"><mergeCell '
                                                       b'ref="A1:XFD1048576"/></mergeCells>'))),
    # 700,000 cells (30 MB, under the 32 MB a part may unpack to), zipped to about 1 MB
    "sheet-bomb": ("xlsx", lambda: _xlsx(_sheet(_header() + b"".join(
        b'<row r="%d"><c r="A%d" s="0"><v>1</v></c><c r="B%d"><v>2</v></c></row>' % (i, i, i)
        for i in range(3, 350_000))))),
    "ten-million-character-cell": ("xlsx", lambda: _xlsx(_sheet(_header() + b'<row r="2">'
                                                                + _inline("A2", "第" * 10_000_000) + b"</row>"))),
    "cells-far-right": ("xlsx", lambda: _xlsx(_sheet(_header() + _far_right_rows(3, 40_000)))),
    "ledger-cells-far-right": ("ledger_xlsx", lambda: _xlsx(_sheet(_ledger_header() + _far_right_rows(2, 40_000)))),
    "ledger-last-row": ("ledger_xlsx", lambda: _xlsx(_sheet(b'<row r="1048576"><c r="A1048576"><v>1</v></c></row>'))),
    "ledger-many-strings": ("ledger_xlsx", lambda: _xlsx(_sheet(b""), shared=(
        b'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        + b"<si><t/></si>" * 3_000_000 + b"</sst>"))),
    "ledger-strong-encryption": ("ledger_xlsx", lambda: _strongly_encrypted(ledger_xlsx())),
    "report-strong-encryption": ("xlsx", lambda: _strongly_encrypted(_xlsx(_sheet(_header() + _data_row())))),
    "colspan-5000-digits": ("html", lambda: _page(f'<table><tr><td colspan="{"9" * 5000}">一、本年新收政府信息公开申请数量'
                                                  "</td><td>1</td></tr></table>")),
    "unclosed-tags-60kb": ("html", lambda: _page(_TABLE) + b"<a " * 20_000),
    "unclosed-comments": ("html", lambda: _page(_TABLE) + b"<!-- >" * 50_000),
    "million-digit-cell": ("html", lambda: _page(f"<table><tr><th></th><th>本年新制作数量</th></tr><tr><td>规章</td>"
                                                 f"<td>{'9' * 1_000_000}</td></tr></table>")),
    "ten-million-character-paragraph": ("html", lambda: _page(f"<p>{'字' * 10_000_000}</p>{_TABLE}")),
    "nested-tables": ("html", lambda: _page("<table><tr><td>" * 5000 + "</td></tr></table>" * 5000)),
}


def hostile_case(name: str) -> Case:
    kind, build = HOSTILE[name]
    return Case(kind, name, build())


def hostile_cases() -> list[Case]:
    return [hostile_case(name) for name in HOSTILE]
