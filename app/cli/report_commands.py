"""`zwgk new`, `check`, `cells` and `export`: the commands on one report."""

from __future__ import annotations

import argparse
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from app.cli.common import (
    EXIT_CLEAN,
    EXIT_ERRORS,
    EXIT_UNREADABLE,
    EXIT_WARNINGS,
    CliError,
    Host,
    print_err,
    print_json_list,
    print_out,
    refuse_overwrite,
)
from app.export.poster import POSTER_KINDS, SUFFIXES, poster_path
from app.report.formats import Format, available_formats, format_for_year, load_format
from app.report.model import Report, agency_type_key
from app.report.numbers import NumberError, coerce, json_decimal, json_int, plain_number
from app.rules import SEVERITY_LABELS, Finding, check, check_traced, fmt_number, summary
from app.storage import SUFFIX, StorageError, load, save
from app.storage.userfile import read_checked

MAX_VALUES_BYTES = 5 * 1024 * 1024

# Every subcommand of build_parser (a test keeps the two in step): anything else starts the window.
COMMANDS = frozenset({"new", "check", "cells", "export", "ledger", "ledger-template", "aggregate", "import", "next",
                      "draft"})

# -- new ----------------------------------------------------------------------------------------------------------

def _read_values(path: str, fmt: Format) -> dict[str, Any]:
    raw, _ = read_checked(Path(path), what="数值文件", max_bytes=MAX_VALUES_BYTES, error=CliError)
    try:
        data = json.loads(raw.decode("utf-8-sig"), parse_float=json_decimal, parse_int=json_int)
    except NumberError as exc:
        raise CliError(f"数值文件“{path}”：{exc}") from exc
    except RecursionError as exc:
        raise CliError(f"数值文件“{path}”的内容嵌套过深，不是有效的 JSON。") from exc
    except ValueError as exc:  # not JSON, or not UTF-8
        raise CliError(f"数值文件“{path}”不是有效的 JSON：{str(exc)[:200]}") from exc
    if not isinstance(data, dict):
        raise CliError(f"数值文件“{path}”应为一个对象：{{单元格 id: 数字或 null}}")
    for cid, v in data.items():
        if cid not in fmt.cells:
            raise CliError(f"数值文件“{path}”：{fmt.id} 格式中没有单元格“{cid}”（用 zwgk cells {fmt.id} 查看全部 id）")
        if v is not None and (isinstance(v, bool) or not isinstance(v, int | Decimal)):
            raise CliError(f"数值文件“{path}”：“{cid}”的值应为数字或 null，现为 {json.dumps(v, ensure_ascii=False, default=str)}")
        if v is not None:
            try:
                data[cid] = coerce(v, fmt.cells[cid].kind)  # the kind rules of grid entry: whole, ≥ 0, ≤ 4 places
            except NumberError as exc:
                raise CliError(f"数值文件“{path}”：“{cid}”{exc}") from exc
    return data


def cmd_new(args: argparse.Namespace) -> int:
    try:
        agency_type = agency_type_key(args.type)
    except ValueError as exc:
        raise CliError(str(exc)) from exc
    fmt = load_format(args.format) if args.format else format_for_year(args.year)
    report = Report.new(args.year, agency=args.agency, agency_type=agency_type, fmt=fmt)
    if args.values:
        values = _read_values(args.values, fmt)
        if any(cid in fmt.totals for cid in values):
            # Stated totals are kept as stated so that `check` can show where they disagree.
            report.auto_total = False
        report.set_values(values.items())
    out = Path(args.out)
    refuse_overwrite(out, args.force, SUFFIX)
    save(report, out)
    print_out(f"已创建 {out}（{report.title}，{fmt.title}）")
    return EXIT_CLEAN


# -- check --------------------------------------------------------------------------------------------------------

def exit_code_for(findings: list[Finding]) -> int:
    counts = summary(findings)
    if counts["error"]:
        return EXIT_ERRORS
    return EXIT_WARNINGS if counts["warning"] else EXIT_CLEAN


def cmd_check(args: argparse.Namespace, previous: dict[str, Any] | None = None) -> int:
    """Check every file; `previous` (zwgk check --previous) is linked to each report first, the files untouched."""
    results: list[dict[str, Any]] = []
    code = EXIT_CLEAN
    for path in args.files:
        try:
            report = load(path)
        except StorageError as exc:
            results.append({"file": path, "readable": False, "error": str(exc), "findings": []})
            code = EXIT_UNREADABLE
            continue
        if previous is not None:
            report.previous = previous
        # What passed is formatted only when it is printed (--json, --verbose): batch checks of plain output stay fast.
        findings, passed = check_traced(report) if args.json or args.verbose else (check(report), [])
        results.append({"file": path, "readable": True, "summary": summary(findings),
                        "findings": [f.as_json() for f in findings], "passed": [p.as_json() for p in passed]})
        code = max(code, exit_code_for(findings)) if code != EXIT_UNREADABLE else code
    if args.json:
        print_json_list(results)
    else:
        for r in results:
            _print_check(r, args.verbose)
    return code


def _print_check(result: dict[str, Any], verbose: bool = False) -> None:
    if not result["readable"]:
        print_out(f"{result['file']}：无法读取 — {result['error']}")
        return
    s = result["summary"]
    if not result["findings"]:
        print_out(f"{result['file']}：检查通过，没有发现问题")
    else:
        print_out(f"{result['file']}：{s['error']} 个错误，{s['warning']} 个警告，{s['info']} 个提示")
    for f in result["findings"]:
        dismissed = f"（已忽略：{f['dismissed']}）" if f.get("dismissed") else ""
        print_out(f"  [{SEVERITY_LABELS[f['severity']]}] {f['rule']} {f['message']}{dismissed}")
    if verbose:
        print_out(f"  通过的检查（{len(result['passed'])} 项）：")
        for p in result["passed"]:
            print_out(f"  [通过] {p['rule']} {p['detail']}")


# -- cells --------------------------------------------------------------------------------------------------------

def cell_rows(fmt: Format, report: Report | None) -> list[dict[str, Any]]:
    rows = []
    for cid in fmt.cell_order:
        c = fmt.cells[cid]
        item: dict[str, Any] = {"id": c.id, "section": c.section, "row": c.row, "row_path": list(c.row_path),
                                "column": c.column, "column_path": list(c.column_path), "kind": c.kind}
        if report is not None:
            v = report.values.get(cid)
            item["value"] = plain_number(v)
        rows.append(item)
    return rows


def cmd_cells(args: argparse.Namespace) -> int:
    target = args.target
    report = None
    if target in available_formats():
        fmt = load_format(target)
    else:
        try:
            report = load(target)
        except StorageError as exc:
            print_err(str(exc))
            return EXIT_UNREADABLE
        fmt = report.format
    rows = cell_rows(fmt, report)
    if args.json:
        print_json_list(rows)
        return EXIT_CLEAN
    for r in rows:
        label = " › ".join([*r["row_path"], r["row"]]).strip(" ›")
        col = " › ".join([*r["column_path"], r["column"]])
        value = f"\t{fmt_number(report.values.get(r['id']))}" if report is not None else ""
        print_out(f"{r['id']}\t{label}\t{col}\t{r['kind']}{value}")
    return EXIT_CLEAN


# -- export (implemented in app.export) -------------------------------------------------------------------------------

def cmd_export(args: argparse.Namespace) -> int:
    """Export a report; one the checks find errors in is refused (exit 2, the errors listed) unless --draft asks
    for a copy marked 草稿（未通过检查） on every page."""
    host: Host = args.host
    from app.export import ExportError, export_report  # noqa: PLC0415 - heavy imports only when exporting

    report = load(args.file)
    errors = [f for f in check(report) if f.severity == "error"]
    if errors and (not args.draft or args.to in POSTER_KINDS):
        print_err(f"“{args.file}”有 {len(errors)} 个错误，没有导出：")
        for f in errors:
            print_err(f"  [错误] {f.rule} {f.message}")
        print_err("一图读懂只从通过检查的报告生成，请改正后再导出。" if args.to in POSTER_KINDS else
                  "请改正后再导出（zwgk check 可再次检查）；如确需导出供内部核对，加 --draft 导出带“草稿（未通过检查）”标记的文件。")
        return EXIT_ERRORS
    draft = bool(errors)
    if args.to in POSTER_KINDS:
        out = Path(args.output) if args.output else poster_path(Path(args.file), args.to)
    else:
        out = Path(args.output) if args.output else Path(args.file).with_suffix(f".{args.to}")
    try:
        if args.to in POSTER_KINDS:
            _export_poster(report, args.to, out, host)
        elif args.to == "pdf":
            _export_pdf(report, out, host, draft)
        else:
            export_report(report, args.to, out, draft=draft)
    except ExportError as exc:
        raise CliError(str(exc)) from exc
    if draft:
        print_out(f"已导出草稿 {out}（有 {len(errors)} 个错误，每页标有“草稿（未通过检查）”）")
    else:
        if args.draft:
            print_out("检查没有发现错误，按正式文件导出（不加草稿标记）。")
        print_out(f"已导出 {out}")
    return EXIT_CLEAN


def _export_poster(report: Report, kind: str, out: Path, host: Host) -> None:
    """一图读懂 is drawn with Qt, like the PDF: the entry point hands the drawing in."""
    if host.export_poster is None:
        raise CliError("生成一图读懂需要图形组件（Qt），本版本没有。")
    if out.suffix.lower() != SUFFIXES[kind]:
        raise CliError(f"{POSTER_KINDS[kind]}的文件名应以 {SUFFIXES[kind]} 结尾：“{out}”")
    host.export_poster(report, kind, out)


def _export_pdf(report: Report, out: Path, host: Host, draft: bool) -> None:
    """PDF is typeset with Qt (the same pages as printing): the entry point hands that in; the core stays Qt-free."""
    if host.export_pdf is None:
        raise CliError("导出 PDF 需要图形组件（Qt），本版本没有；请导出 Word 后另存为 PDF。")
    host.export_pdf(report, out, draft=draft)
