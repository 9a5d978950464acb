"""The `zwgk` command line. JSON shapes printed here are a public contract (docs/cli.md)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from app import APP_NAME, __version__
from app.checks import SEVERITY_LABELS, Finding, check, fmt_number, summary
from app.formats import Format, FormatError, available_formats, format_for_year, load_format
from app.model import AGENCY_TYPES, Report, agency_type_key
from app.numbers import NumberError, coerce, plain_number
from app.storage import SUFFIX, StorageError, load, save

EXIT_CLEAN, EXIT_WARNINGS, EXIT_ERRORS, EXIT_UNREADABLE = 0, 1, 2, 3
# Every subcommand of build_parser (a test keeps the two in step): anything else starts the window.
COMMANDS = frozenset({"new", "check", "cells", "export", "ledger", "ledger-template", "aggregate", "import", "next"})


class CliError(Exception):
    """A user mistake on the command line: printed in Chinese, exit code 2 (argparse's own convention)."""


def _out(text: str) -> None:
    sys.stdout.write(text + "\n")


def _err(text: str) -> None:
    sys.stderr.write(text + "\n")


def refuse_overwrite(out: Path, force: bool, suffix: str) -> None:
    """Every command's output: never over an existing file without --force, and only with the suffix its content
    has (a report written as “台账.xlsx” would replace the ledger with JSON)."""
    if out.suffix.lower() != suffix:
        raise CliError(f"输出文件“{out}”的扩展名应为 {suffix}")
    if out.exists() and not force:
        raise CliError(f"“{out}”已存在。为免覆盖，请换一个文件名或加 --force。")


# -- new ----------------------------------------------------------------------------------------------------------

def _read_values(path: str, fmt: Format) -> dict[str, Any]:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8-sig"), parse_float=Decimal)
    except OSError as exc:
        raise CliError(f"无法读取数值文件“{path}”：{exc.strerror or exc}") from exc
    except ValueError as exc:
        raise CliError(f"数值文件“{path}”不是有效的 JSON：{exc}") from exc
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
    _out(f"已创建 {out}（{report.title}，{fmt.title}）")
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
        findings = check(report)
        results.append({"file": path, "readable": True, "summary": summary(findings),
                        "findings": [f.as_json() for f in findings]})
        code = max(code, exit_code_for(findings)) if code != EXIT_UNREADABLE else code
    if args.json:
        _out(json.dumps(results, ensure_ascii=False, indent=1))
    else:
        for r in results:
            _print_check(r)
    return code


def _print_check(result: dict[str, Any]) -> None:
    if not result["readable"]:
        _out(f"{result['file']}：无法读取 — {result['error']}")
        return
    s = result["summary"]
    if not result["findings"]:
        _out(f"{result['file']}：检查通过，没有发现问题")
        return
    _out(f"{result['file']}：{s['error']} 个错误，{s['warning']} 个警告，{s['info']} 个提示")
    for f in result["findings"]:
        dismissed = f"（已忽略：{f['dismissed']}）" if f.get("dismissed") else ""
        _out(f"  [{SEVERITY_LABELS[f['severity']]}] {f['rule']} {f['message']}{dismissed}")


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
            _err(str(exc))
            return EXIT_UNREADABLE
        fmt = report.format
    rows = cell_rows(fmt, report)
    if args.json:
        _out(json.dumps(rows, ensure_ascii=False, indent=1))
        return EXIT_CLEAN
    for r in rows:
        label = " › ".join([*r["row_path"], r["row"]]).strip(" ›")
        col = " › ".join([*r["column_path"], r["column"]])
        value = f"\t{fmt_number(report.values.get(r['id']))}" if report is not None else ""
        _out(f"{r['id']}\t{label}\t{col}\t{r['kind']}{value}")
    return EXIT_CLEAN


# -- export (implemented in app.export) -------------------------------------------------------------------------------

def cmd_export(args: argparse.Namespace) -> int:
    from app.export import ExportError, export_report  # noqa: PLC0415 - heavy imports only when exporting

    report = load(args.file)
    out = Path(args.output) if args.output else Path(args.file).with_suffix(f".{args.to}")
    try:
        if args.to == "pdf":
            _export_pdf(report, out)
        else:
            export_report(report, args.to, out)
    except ExportError as exc:
        raise CliError(str(exc)) from exc
    _out(f"已导出 {out}")
    return EXIT_CLEAN


def _export_pdf(report: Report, out: Path) -> None:
    """PDF is typeset with Qt (the same pages as printing), so it lives in ui/; the core stays Qt-free."""
    try:
        from ui.printing import export_pdf  # noqa: PLC0415
    except ImportError as exc:
        raise CliError(f"导出 PDF 需要 Qt 图形组件（PySide6）：{exc}") from exc
    export_pdf(report, out)


# -- GUI ----------------------------------------------------------------------------------------------------------

def run_gui(paths: Sequence[str]) -> int:
    try:
        from ui.main import run  # noqa: PLC0415 - the core must not need Qt
    except ImportError as exc:
        _err(f"无法启动图形界面：{exc}。命令行功能见 zwgk --help。")
        return 1
    return run(list(paths))


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="zwgk", description=f"{APP_NAME} {__version__}：政府信息公开工作年度报告的填写、检查与导出。"
                                "不带参数时启动图形界面。")
    p.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    sub = p.add_subparsers(dest="command", metavar="命令")

    n = sub.add_parser("new", help="新建报告文件")
    n.add_argument("out", metavar="OUT.zwgk")
    n.add_argument("--agency", required=True, help="机关名称")
    n.add_argument("--year", type=int, required=True, help="报告年度")
    n.add_argument("--type", default="乡镇", help=f"机关类型：{'|'.join(AGENCY_TYPES.values())}")
    n.add_argument("--values", help="JSON 文件：{单元格 id: 数字或 null}")
    n.add_argument("--format", choices=available_formats(), help="指定报告格式（默认按年度选择）")
    n.add_argument("--force", action="store_true", help="覆盖已有文件")
    n.set_defaults(func=cmd_new)

    c = sub.add_parser("check", help="检查报告")
    c.add_argument("files", nargs="+", metavar="FILE")
    c.add_argument("--json", action="store_true", help="以 JSON 输出检查结果")
    c.set_defaults(func=cmd_check)

    ce = sub.add_parser("cells", help="列出全部单元格 id")
    ce.add_argument("target", metavar="FORMAT|FILE", help=f"格式（{'、'.join(available_formats())}）或报告文件")
    ce.add_argument("--json", action="store_true")
    ce.set_defaults(func=cmd_cells)

    e = sub.add_parser("export", help="导出为 Word、Excel、PDF 或网页")
    e.add_argument("file", metavar="FILE")
    e.add_argument("--to", required=True, choices=["docx", "xlsx", "pdf", "html"])
    e.add_argument("-o", "--output", metavar="OUT")
    e.set_defaults(func=cmd_export)

    from app.ledger_cli import add_commands as add_ledger_commands  # noqa: PLC0415 - ledger and 汇总 (issue 6)

    add_ledger_commands(sub)
    from app.yearly_cli import add_commands as add_yearly_commands  # noqa: PLC0415 - next/import/--previous (issue 5)

    add_yearly_commands(sub, c)
    return p


def _names_a_file(arg: str) -> bool:
    return bool(Path(arg).suffix) or Path(arg).exists()


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["--self-test"]:  # before argparse: the self-test has its own options (app/selftest.py)
        from app.selftest import main as self_test  # noqa: PLC0415

        return self_test(argv[1:])
    if argv and argv[0] not in COMMANDS and not argv[0].startswith("-") and not _names_a_file(argv[0]):
        # “zwgk chek r.zwgk”: a mistyped command, not a report to open (the window would only say it is missing)
        _err(f"未知的命令“{argv[0]}”。可用的命令：{'、'.join(sorted(COMMANDS))}（zwgk --help 查看说明）；"
             "打开报告请给出文件路径。")
        return EXIT_ERRORS
    if not argv or (argv[0] not in COMMANDS and not argv[0].startswith("-")):
        return run_gui(argv)  # decided before the parser: its commands import the ledger and import code
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return EXIT_CLEAN
    try:
        return int(args.func(args))
    except BrokenPipeError:  # `zwgk cells … | head` closed the pipe: not an error
        return EXIT_CLEAN
    except (CliError, StorageError, FormatError) as exc:
        _err(str(exc))
        return EXIT_UNREADABLE if isinstance(exc, StorageError) else EXIT_ERRORS


if __name__ == "__main__":
    sys.exit(main())
