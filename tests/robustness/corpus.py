"""Damaged and hostile files for the fuzz run: realistic seeds of every kind the program reads (project files,
last year's figures, values files, Word/web/Excel reports, ledgers, ledger mappings), deterministic mutations of
them, and the hand-made files of issue 15 that once crashed, hung or ate the memory.

A case is (kind, file bytes, the `zwgk` arguments that read it, the exit codes docs/cli.md allows for it)."""

from __future__ import annotations

import io
import json
import random
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "resources" / "examples" / "jindian-2021.zwgk"
ALLOWED = {"check": {0, 1, 2, 3}, "cells": {0, 3}, "import": {0, 2, 3, 4}, "ledger": {0, 2, 3, 4},
           "new": {0, 2, 3, 4}, "export": {0, 2, 3, 4}}
SUFFIX = {"zwgk": ".zwgk", "previous": ".zwgk", "values": ".json", "mapping": ".json", "html": ".html",
          "docx": ".docx", "xlsx": ".xlsx", "ledger_xlsx": ".xlsx", "ledger_csv": ".csv"}


@dataclass(frozen=True)
class Case:
    kind: str
    name: str
    data: bytes

    def write(self, folder: Path) -> Path:
        path = folder / f"{self.name}{SUFFIX[self.kind]}"
        path.write_bytes(self.data)
        return path


def commands(case: Case, path: Path, folder: Path) -> list[list[str]]:
    """The commands that read a case's file (each is a separate job)."""
    out = str(folder / "out.zwgk")
    if case.kind == "zwgk":
        return [["check", str(path), "--json"], ["cells", str(path)],
                ["export", str(path), "--to", "html", "-o", str(folder / "out.html")]]
    if case.kind == "previous":
        return [["check", str(SAMPLE), "--previous", str(path)]]
    if case.kind == "values":
        return [["new", out, "--agency", "某镇人民政府", "--year", "2025", "--values", str(path), "--force"]]
    if case.kind == "mapping":
        return [["ledger", str(folder / "seed-ledger.csv"), "--year", "2025", "-o", out, "--force", "--mapping",
                 str(path)]]
    if case.kind in ("html", "docx", "xlsx"):
        return [["import", str(path), "-o", out, "--force", "--json"],
                ["import", str(path), "-o", out, "--force", "--year", "2021"]]
    return [["ledger", str(path), "--year", "2025", "-o", out, "--force"]]


# -- seeds --------------------------------------------------------------------------------------------------------

def seeds(folder: Path) -> list[Case]:
    """One or two realistic files of every kind, built by the program's own writers and the import tests' builders."""
    from app.export import export_report  # noqa: PLC0415 - heavy, only when the corpus is built
    from app.report.previous import make_previous  # noqa: PLC0415
    from app.storage import dumps, load  # noqa: PLC0415
    from tests.app.imports.builders import report_docx, report_html, wps_variant  # noqa: PLC0415
    from tests.factories import realistic_report  # noqa: PLC0415

    folder.mkdir(parents=True, exist_ok=True)
    report = realistic_report(2021)
    cases = [Case("zwgk", "seed-sample", SAMPLE.read_bytes()), Case("zwgk", "seed-realistic", dumps(report).encode())]
    last = realistic_report(2020)
    with_previous = realistic_report(2021)
    with_previous.previous = make_previous(last, "file", "上年.zwgk")
    cases.append(Case("previous", "seed-previous", dumps(with_previous).encode()))
    cases.append(Case("values", "seed-values", json.dumps(
        {cid: v for cid, v in load(SAMPLE).values.items() if isinstance(v, int)}, ensure_ascii=False).encode()))
    cases.append(Case("mapping", "seed-mapping", json.dumps(
        {"schema": "zwgk-ledger-mapping/1", "columns": {"received": "收到日期"}, "applicant_types": {"个人": "自然人"},
         "results": {"同意公开": "予以公开"}}, ensure_ascii=False).encode()))
    docx_path = folder / "seed.docx"
    report_docx(report, docx_path, label=wps_variant)
    cases.append(Case("docx", "seed-word", docx_path.read_bytes()))
    export_report(report, "docx", folder / "export.docx")
    cases.append(Case("docx", "seed-export", (folder / "export.docx").read_bytes()))
    cases.append(Case("html", "seed-portal", report_html(report).encode("utf-8")))
    export_report(report, "html", folder / "export.html")
    cases.append(Case("html", "seed-export", (folder / "export.html").read_bytes()))
    export_report(report, "xlsx", folder / "export.xlsx")
    cases.append(Case("xlsx", "seed-export", (folder / "export.xlsx").read_bytes()))
    cases.append(Case("ledger_xlsx", "seed-ledger", ledger_xlsx()))
    csv_ledger = _ledger_csv()
    cases.append(Case("ledger_csv", "seed-ledger", csv_ledger))
    (folder / "seed-ledger.csv").write_bytes(csv_ledger)
    return cases


LEDGER_HEADERS = ["序号", "收到日期", "申请人", "申请人类型", "申请内容", "答复日期", "办理结果", "不予公开理由"]


def _ledger_rows() -> list[list[str]]:
    """Sixty applications a clerk would log, counted cleanly (the seed's own run exits 0; its mutants vary)."""
    rnd = random.Random(15)
    types = ["自然人", "商业企业", "科研机构", "自然人"]
    results = ["予以公开", "部分公开", "不予公开：属于国家秘密", "无法提供：本机关不掌握相关政府信息", "办理中"]
    rows = []
    for i in range(60):
        month, day = rnd.randint(1, 11), rnd.randint(1, 28)
        result = rnd.choice(results)
        answered = "" if result == "办理中" else f"2025-{month + 1:02d}-{day:02d}"
        rows.append([str(i + 1), f"2025-{month:02d}-{day:02d}", f"申请人{i}", rnd.choice(types), "申请公开某某信息",
                     answered, result, ""])
    return rows


def ledger_xlsx() -> bytes:
    import openpyxl  # noqa: PLC0415

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "台账"
    ws.append(LEDGER_HEADERS)
    for row in _ledger_rows():
        ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _ledger_csv() -> bytes:
    lines = [",".join(LEDGER_HEADERS)] + [",".join(r) for r in _ledger_rows()]
    return ("\n".join(lines) + "\n").encode("utf-8-sig")


# -- mutations -----------------------------------------------------------------------------------------------------

HOSTILE_TOKENS = [
    b"1e999999999", b"-1e999999999", b"9" * 5000, b"1" * 60, b"NaN", b"Infinity", b"-0", b"1e-999999999",
    b"[" * 20000, b'{"a":' * 20000, b"<a " * 20000, b"<!--" * 20000, b"<!-- >" * 20000, b"</a" * 20000,
    b"<a/" * 20000, b'<td colspan="' + b"9" * 5000 + b'">', b'<td rowspan="99999999" colspan="99999999">',
    b"<table><tr><td>" * 3000, b"\x00" * 16, b"\xff\xfe", b"\xed\xa0\x80", "＜第三部分＞".encode(),
    b'<mergeCell ref="A1:XFD1048576"/>', b'<row r="1048576"/>', b'<c r="XFD1048576"><v>1</v></c>',
    b'<w:gridSpan w:val="999999999"/>', b'<w:gridSpan w:val="' + b"9" * 5000 + b'"/>', b'<w:vMerge/>' * 2000,
    "第".encode() * 300_000, b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>&b;',
    b'"s3.new.natural": 1e999999999', b'"year": 99999999999999999999', b'"file_version": 999',
]


def _flip(data: bytes, rnd: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rnd.randint(1, 12)):
        if out:
            out[rnd.randrange(len(out))] = rnd.randrange(256)
    return bytes(out)


def _truncate(data: bytes, rnd: random.Random) -> bytes:
    return data[: rnd.randrange(len(data) + 1)]


def _insert(data: bytes, rnd: random.Random) -> bytes:
    at = rnd.randrange(len(data) + 1)
    return data[:at] + rnd.choice(HOSTILE_TOKENS) + data[at:]


def _repeat(data: bytes, rnd: random.Random) -> bytes:
    if not data:
        return data
    a = rnd.randrange(len(data))
    piece = data[a:a + rnd.randint(1, 200)]
    return data[:a] + piece * rnd.randint(2, max(2, 400_000 // max(1, len(piece)))) + data[a:]


BYTE_MUTATORS: list[Callable[[bytes, random.Random], bytes]] = [_flip, _truncate, _insert, _insert, _repeat]


def _json_mutant(data: bytes, rnd: random.Random) -> bytes:
    """A structurally valid JSON file with one value replaced by something hostile."""
    try:
        doc = json.loads(data.decode("utf-8-sig"))
    except (ValueError, RecursionError):  # already damaged by an earlier mutation
        return _insert(data, rnd)
    hostile = [10**40, -1, 1.5, "十", None, True, [], {}, "字" * 300_000, [[[[[]]]]], 2**63, "2021", "\ud800"]
    paths = list(_json_paths(doc))
    if not paths:
        return _insert(data, rnd)
    container, key = rnd.choice(paths)
    container[key] = rnd.choice(hostile)
    text = json.dumps(doc, ensure_ascii=rnd.random() < 0.3)
    if rnd.random() < 0.3:  # numbers json.dumps cannot write
        text = text.replace("1000000000000000000000000000000000000000", rnd.choice(["1e999999999", "9" * 5000]), 1)
    return text.encode("utf-8", "surrogatepass")


def _json_paths(node: object, depth: int = 0) -> Iterator[tuple[object, object]]:
    if depth > 6:
        return
    items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
    for key, value in list(items)[:400]:
        yield node, key
        yield from _json_paths(value, depth + 1)


def _zip_mutant(data: bytes, rnd: random.Random) -> bytes:
    """A readable zip whose parts are damaged: the damage reaches the XML parsers, not only the zip checks."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            parts = [(i.filename, zf.read(i.filename)) for i in zf.infolist()]
    except Exception:  # noqa: BLE001 - a zip an earlier mutation damaged (zlib, CRC, header errors): flip bytes instead
        return _flip(data, rnd)
    out = io.BytesIO()
    choice = rnd.random()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        target = rnd.randrange(len(parts))
        for i, (name, content) in enumerate(parts):
            if i == target:
                if choice < 0.08:
                    continue  # a part missing
                if choice < 0.12:
                    content = content + b" " * 50_000_000  # a part that unpacks to 50 MB (compresses to ~50 KB)
                else:
                    content = rnd.choice(BYTE_MUTATORS)(content, rnd)
            zout.writestr(name, content)
    return out.getvalue()


def mutate(case: Case, rnd: random.Random, n: int) -> Case:
    data = case.data
    for _ in range(rnd.randint(1, 3)):
        if case.kind in ("docx", "xlsx", "ledger_xlsx") and rnd.random() < 0.8:
            data = _zip_mutant(data, rnd)
        elif case.kind in ("zwgk", "previous", "values", "mapping") and rnd.random() < 0.6:
            data = _json_mutant(data, rnd)
        else:
            data = rnd.choice(BYTE_MUTATORS)(data, rnd)
    return Case(case.kind, f"m{n:05d}-{case.name}", data)


def mutants(seed_cases: list[Case], count: int, seed: int = 15) -> Iterator[Case]:
    rnd = random.Random(seed)
    for n in range(count):
        yield mutate(rnd.choice(seed_cases), rnd, n)
