"""`zwgk next`, `zwgk import` and `zwgk check --previous` (registered by app.cli.main.build_parser)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from app.cli import common as cli
from app.cli import report_commands
from app.cli.usage import year
from app.imports import ImportFailure, import_source
from app.report.model import Report
from app.report.next_year import next_year
from app.report.previous import make_previous
from app.storage import SUFFIX, StorageError, load, save


def load_any(path: str, year: int | None = None) -> tuple[Report, str, list[str]]:
    """A report from our own file or from an importable source. Returns it, its source kind for
    Report.previous ("file" | "import"), and the import report lines (empty for our own file)."""
    if Path(path).suffix.lower() == SUFFIX:
        return load(path), "file", []
    try:
        report, info = import_source(path, year=year)
    except ImportFailure as exc:
        raise cli.CliError(str(exc)) from exc
    return report, "import", info.lines()


def cmd_next(args: argparse.Namespace) -> int:
    out = Path(args.out)
    cli.refuse_overwrite(out, args.force, SUFFIX)
    last, source, lines = load_any(args.last, args.last_year)
    for line in lines:
        cli.print_out(line)
    report, note = next_year(last, source, args.last, copy_texts=not args.blank_texts)
    save(report, out)
    cli.print_out(f"已创建 {out}（{report.title}）")
    for line in note.lines:
        cli.print_out(f"  {line}")
    return cli.EXIT_CLEAN


def cmd_import(args: argparse.Namespace) -> int:
    out = Path(args.output) if args.output else Path(args.source).with_suffix(SUFFIX)
    cli.refuse_overwrite(out, args.force, SUFFIX)
    try:
        report, info = import_source(args.source, year=args.year, agency=args.agency)
    except ImportFailure as exc:
        raise cli.CliError(str(exc)) from exc
    if args.json:
        cli.print_out(json.dumps({**info.as_json(), "output": str(out)}, ensure_ascii=False, indent=1))
    else:
        for line in info.lines():
            cli.print_out(line)
    save(report, out)
    if not args.json:
        cli.print_out(f"已创建 {out}（{report.title}）。自动合计已关闭，保留原文的合计数；请用 zwgk check 检查。")
    return cli.EXIT_CLEAN


def cmd_check(args: argparse.Namespace) -> int:
    """`check` with --previous: link last year's report (our file or an importable source) to every FILE."""
    if not args.previous:
        return report_commands.cmd_check(args)
    try:
        last, source, _ = load_any(args.previous)
    except StorageError as exc:
        # An unreadable file is exit 3 for `check`, whether it is a FILE or LAST (docs/cli.md).
        raise StorageError(f"上年报告：{exc}") from exc
    return report_commands.cmd_check(args, make_previous(last, source, args.previous))


def add_commands(sub: argparse._SubParsersAction, check_parser: argparse.ArgumentParser) -> None:
    n = sub.add_parser("next", help="新建下一年度报告（从上年报告开始）")
    n.add_argument("last", metavar="LAST", help="上年报告：.zwgk 项目文件，或可导入的 .docx/.html/.xlsx")
    n.add_argument("out", metavar="OUT.zwgk")
    n.add_argument("--last-year", type=year, help="上年报告的年度（导入的文件标题中没有年度时）")
    n.add_argument("--blank-texts", action="store_true", help="文字部分留空，不放入上年的文字作为草稿")
    n.add_argument("--force", action="store_true", help="覆盖已有文件")
    n.set_defaults(func=cmd_next)

    i = sub.add_parser("import", help="导入 Word、网页或 Excel 格式的年度报告")
    i.add_argument("source", metavar="SRC", help="报告文件：.docx、.html/.htm 或 .xlsx")
    i.add_argument("-o", "--output", metavar="OUT.zwgk")
    i.add_argument("--year", type=year, help="报告年度（标题中没有年度时）")
    i.add_argument("--agency", help="机关名称（默认取标题中的名称）")
    i.add_argument("--json", action="store_true", help="以 JSON 输出导入报告")
    i.add_argument("--force", action="store_true", help="覆盖已有文件")
    i.set_defaults(func=cmd_import)

    check_parser.add_argument("--previous", metavar="LAST", help="关联上年报告，进行跨年度检查")
    check_parser.set_defaults(func=cmd_check)
