"""`zwgk ledger`, `zwgk ledger-template` and `zwgk aggregate`: the command-line side of issue 6.

Registered into app.cli.main's parser by add_commands(); exit codes follow app.cli.main (0 clean, 1 done with something to
look at, 2 stopped by a problem the user must fix, 3 unreadable input).
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from app.aggregate.collect import AggregateError, aggregate, summary_lines
from app.aggregate.workbook import save_workbook
from app.cli.common import EXIT_CLEAN, EXIT_ERRORS, EXIT_WARNINGS, print_err, print_out, refuse_overwrite
from app.cli.usage import year
from app.ledger.count import (
    LedgerCount,
    LedgerError,
    LedgerMapping,
    LedgerTable,
    apply_count,
    count_ledger,
    mapping_with_unmatched,
    options_text,
    read_ledger,
)
from app.ledger.template import save_template
from app.ledger.words import FIELDS
from app.report.formats import available_formats, format_for_year, load_format
from app.report.model import AGENCY_TYPES, Report, agency_type_key
from app.storage import SUFFIX, FileStamp, StorageError, load_stamped, save, write_atomic

XLSX = ".xlsx"


# -- ledger --------------------------------------------------------------------------------------------------------

def _print_columns(table: LedgerTable, count: LedgerCount) -> None:
    print_out(f"台账：{Path(table.source).name}，工作表“{table.sheet}”，表头在第 {table.header_line} 行")
    for name, index in sorted(count.columns.items(), key=lambda p: p[1]):
        print_out(f"  {FIELDS[name][0]} ← 第 {index + 1} 列“{table.headers[index]}”")


def _write_mapping(path: str, mapping: LedgerMapping) -> None:
    try:
        write_atomic(Path(path), mapping.to_json().encode("utf-8"), keep_backup=True)
    except StorageError as exc:
        raise LedgerError(str(exc)) from exc
    print_out(f"映射已保存到 {path}")


def _target_report(args: argparse.Namespace) -> tuple[Report | None, int, FileStamp | None]:
    """The report to write into (None: a new one), its year, and the version of its file that was read."""
    if not args.into:
        if args.year is None:
            raise LedgerError("请用 --year 指定报告年度，或用 --into 指定要写入的报告。")
        return None, args.year, None
    report, stamp = load_stamped(args.into)
    if args.year is not None and args.year != report.year:
        raise LedgerError(f"--year {args.year} 与报告“{args.into}”的年度 {report.year} 不一致。")
    return report, report.year, stamp


def cmd_ledger(args: argparse.Namespace) -> int:
    if not args.out and not args.into:
        raise LedgerError("请用 -o 指定要生成的报告文件，或用 --into 指定要写入的已有报告。")
    out = Path(args.out) if args.out else Path(args.into)
    if args.out:
        refuse_overwrite(out, args.force, SUFFIX)
    report, year, stamp = _target_report(args)
    fmt = report.format if report is not None else format_for_year(year)
    mapping = LedgerMapping.load(args.mapping) if args.mapping else LedgerMapping()
    table = read_ledger(args.ledger, sheet=args.sheet)
    count = count_ledger(table, year, fmt, mapping)
    _print_columns(table, count)
    if not count.ok:
        for problem in count.problems:
            print_err(f"问题：{problem}")
        for u in count.unmatched:
            print_err(f"未匹配：{u.describe()}")
        if count.unmatched:
            for line in options_text(fmt):
                print_err(line)
        hint = ("请在映射文件中为未匹配的文字指定对应的申请人类型或办理结果，再用 --mapping 重新运行"
                if count.unmatched else "请修改台账后重新运行")
        if args.save_mapping:
            _write_mapping(args.save_mapping, mapping_with_unmatched(mapping, count, table))
            hint += f"；未匹配的文字已写入 {args.save_mapping}，填好后用 --mapping {args.save_mapping} 重新运行"
        print_err(f"未生成报告：{hint}。")
        return EXIT_ERRORS
    if report is None:
        report = Report.new(year, agency=args.agency or "", agency_type=agency_type_key(args.type), fmt=fmt)
    apply_count(report, count)
    save(report, out, expect=stamp if not args.out else None)  # a window's save meanwhile is not overwritten
    for note in count.notes:
        print_out(f"说明：{note}")
    print_out(count.summary())
    print_out(f"第三部分已写入 {out}（{report.year} 年度，{fmt.title}）")
    if args.save_mapping:
        _write_mapping(args.save_mapping, mapping_with_unmatched(mapping, count, table))
    return EXIT_CLEAN


def cmd_ledger_template(args: argparse.Namespace) -> int:
    out = Path(args.out)
    refuse_overwrite(out, args.force, XLSX)
    fmt = load_format(args.format) if args.format else format_for_year(args.year)
    save_template(fmt, out)
    print_out(f"已保存台账模板 {out}（下拉选项按“{fmt.title}”）")
    return EXIT_CLEAN


# -- aggregate -----------------------------------------------------------------------------------------------------

def _progress(done: int, total: int, _path: str) -> bool:
    if total >= 100 and sys.stderr.isatty() and (done % 100 == 0 or done == total):
        sys.stderr.write(f"\r已读取 {done}/{total}")
        if done == total:
            sys.stderr.write("\n")
    return True


def cmd_aggregate(args: argparse.Namespace) -> int:
    out = Path(args.out)
    refuse_overwrite(out, args.force, XLSX)
    if args.report:
        refuse_overwrite(Path(args.report), args.force, SUFFIX)
    result = aggregate(args.paths, year=args.year, agency=args.agency or "", progress=_progress,
                       skip=[p for p in (out, args.report) if p])
    save_workbook(result, out)
    for line in summary_lines(result):
        print_out(line)
    print_out(f"汇总表已保存到 {out}")
    if args.report:
        if result.total is None:
            print_err("没有可汇总的报告，未生成汇总报告文件。")
            return EXIT_ERRORS
        save(result.total, args.report)
        print_out(f"汇总报告已保存到 {args.report}")
    attention = [u for u in result.units if u.status != "summed" or u.counts["error"]]
    return EXIT_WARNINGS if attention else EXIT_CLEAN


def _guard(func):  # noqa: ANN001, ANN202 - argparse callback wrapper
    """Map this module's errors onto app.cli.main's convention: a Chinese message and an exit code, no traceback."""
    def run(args: argparse.Namespace) -> int:
        try:
            return func(args)
        except (LedgerError, AggregateError, ValueError) as exc:
            print_err(str(exc))
            return EXIT_ERRORS
    return run


def add_commands(sub: argparse._SubParsersAction) -> None:
    lg = sub.add_parser("ledger", help="从依申请公开登记台账（.xlsx/.csv）生成第三部分")
    lg.add_argument("ledger", metavar="LEDGER", help="台账文件（.xlsx 或 .csv）")
    lg.add_argument("--year", type=year, help="报告年度（写入已有报告时可省略）")
    lg.add_argument("-o", "--out", metavar="OUT.zwgk", help="生成的报告文件")
    lg.add_argument("--into", metavar="REPORT.zwgk", help="写入已有报告的第三部分（不加 -o 时覆盖该文件，保留 .bak）")
    lg.add_argument("--agency", help="机关名称（新建报告时）")
    lg.add_argument("--type", default="乡镇", help=f"机关类型：{'|'.join(AGENCY_TYPES.values())}")
    lg.add_argument("--mapping", metavar="MAPPING.json", help="列和文字的映射文件")
    lg.add_argument("--save-mapping", metavar="MAPPING.json", help="保存本次使用的映射（含未匹配的文字，供填写）")
    lg.add_argument("--sheet", help="工作表名称（默认自动查找）")
    lg.add_argument("--force", action="store_true", help="覆盖已有的输出文件")
    lg.set_defaults(func=_guard(cmd_ledger))

    lt = sub.add_parser("ledger-template", help="保存台账模板（.xlsx，带下拉列表）")
    lt.add_argument("out", metavar="OUT.xlsx")
    lt.add_argument("--year", type=year, default=date.today().year - 1, help="按该年度的报告格式设置下拉选项（默认上一年）")
    lt.add_argument("--format", choices=available_formats(), help="指定报告格式")
    lt.add_argument("--force", action="store_true")
    lt.set_defaults(func=_guard(cmd_ledger_template))

    ag = sub.add_parser("aggregate", help="汇总多个单位的报告：逐份检查，生成汇总表（.xlsx）")
    ag.add_argument("paths", nargs="+", metavar="DIR_OR_FILE", help="报告文件或文件夹（含子文件夹）")
    ag.add_argument("-o", "--out", required=True, metavar="SUMMARY.xlsx")
    ag.add_argument("--report", metavar="OUT.zwgk", help="同时生成各单位数值相加的汇总报告")
    ag.add_argument("--year", type=year, help="汇总的年度（默认取多数报告的年度）")
    ag.add_argument("--agency", help="汇总报告的机关名称")
    ag.add_argument("--force", action="store_true")
    ag.set_defaults(func=_guard(cmd_aggregate))
