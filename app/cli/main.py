"""The `zwgk` command line. JSON shapes printed here are a public contract (docs/cli.md)."""

from __future__ import annotations

import argparse
import logging
import os
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path

from app import APP_NAME, __version__
from app.cli import usage
from app.cli.common import (
    EXIT_CLEAN,
    EXIT_ERRORS,
    EXIT_INTERNAL,
    EXIT_INTERRUPTED,
    EXIT_UNREADABLE,
    EXIT_UNWRITABLE,
    CliError,
    Host,
    finish_output,
    print_err,
)
from app.cli.usage import year
from app.report.formats import FormatError, available_formats
from app.report.model import AGENCY_TYPES
from app.storage import StorageError, WriteError
from app.storage.atomic import cause_text

log = logging.getLogger(__name__)

# Every subcommand of build_parser (a test keeps the two in step): anything else starts the window.
COMMANDS = frozenset({"new", "check", "cells", "export", "ledger", "ledger-template", "aggregate", "import", "next",
                      "draft"})

# -- GUI ----------------------------------------------------------------------------------------------------------

def run_gui(paths: Sequence[str], host: Host) -> int:
    if host.run_gui is None:
        print_err("本版本不含图形界面。命令行功能见 zwgk --help。")
        return 1
    return host.run_gui(list(paths))


def build_parser() -> argparse.ArgumentParser:
    # The commands (and the checks they run) load here, after the window was ruled out: the window starts without
    # them and checks the report after its first paint (benchmarks/bench_gui.py).
    from app.cli.report_commands import cmd_cells, cmd_check, cmd_export, cmd_new  # noqa: PLC0415
    from app.export import EXPORT_KINDS  # noqa: PLC0415
    from app.export.poster import POSTER_KINDS  # noqa: PLC0415

    p = usage.Parser(prog="zwgk", description=f"{APP_NAME} {__version__}：政府信息公开工作年度报告的填写、检查与导出。"
                     "不带参数时启动图形界面。退出码见 docs/cli.md。")
    p.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}", help="显示版本号并退出")
    sub = p.add_subparsers(dest="command", metavar="命令")

    n = sub.add_parser("new", help="新建报告文件")
    n.add_argument("out", metavar="OUT.zwgk")
    n.add_argument("--agency", required=True, help="机关名称")
    n.add_argument("--year", type=year, required=True, help="报告年度")
    n.add_argument("--type", default="乡镇", help=f"机关类型：{'|'.join(AGENCY_TYPES.values())}")
    n.add_argument("--values", help="JSON 文件：{单元格 id: 数字或 null}")
    n.add_argument("--format", choices=available_formats(), help="指定报告格式（默认按年度选择）")
    n.add_argument("--force", action="store_true", help="覆盖已有文件")
    n.set_defaults(func=cmd_new)

    c = sub.add_parser("check", help="检查报告")
    c.add_argument("files", nargs="+", metavar="FILE")
    c.add_argument("--json", action="store_true", help="以 JSON 输出检查结果")
    c.add_argument("--verbose", "-v", action="store_true", help="同时列出通过的检查及其算式")
    c.set_defaults(func=cmd_check)

    ce = sub.add_parser("cells", help="列出全部单元格 id")
    ce.add_argument("target", metavar="FORMAT|FILE", help=f"格式（{'、'.join(available_formats())}）或报告文件")
    ce.add_argument("--json", action="store_true")
    ce.set_defaults(func=cmd_cells)

    e = sub.add_parser("export", help="导出为 Word、Excel、PDF、网页或一图读懂")
    e.add_argument("file", metavar="FILE")
    e.add_argument("--to", required=True, choices=[*EXPORT_KINDS, *POSTER_KINDS],
                   help="docx、xlsx、pdf、html：报告全文；poster-pdf / poster-png：一图读懂（A4）；"
                        "poster-long：手机长图（750 像素宽）")
    e.add_argument("-o", "--output", metavar="OUT")
    e.add_argument("--draft", action="store_true",
                   help="报告有错误时仍然导出，每页标注“草稿（未通过检查）”（不加此项时有错误的报告不导出）")
    e.set_defaults(func=cmd_export)

    from app.cli.ledger import add_commands as add_ledger_commands  # noqa: PLC0415 - ledger and 汇总 (issue 6)

    add_ledger_commands(sub)
    from app.cli.yearly import add_commands as add_yearly_commands  # noqa: PLC0415 - next/import/--previous (issue 5)

    add_yearly_commands(sub, c)
    from app.cli.draft import add_commands as add_draft_commands  # noqa: PLC0415 - 生成段落 (issue 16)

    add_draft_commands(sub)
    return p


def _names_a_file(arg: str) -> bool:
    try:
        return bool(Path(arg).suffix) or Path(arg).exists()
    except (OSError, ValueError):  # a name too long for the file system, a NUL character: not a file
        return False


def main(argv: Sequence[str] | None = None, host: Host | None = None) -> int:
    """Run a command; no command (or report paths) starts the window, when the host has one. Always returns an exit
    code of docs/cli.md: no input, however absurd, ends in a traceback."""
    try:
        return _main(argv, host or Host())
    except KeyboardInterrupt:
        print_err("已中断。")
        return EXIT_INTERRUPTED
    finally:
        finish_output()


def _main(argv: Sequence[str] | None, host: Host) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["--self-test"]:  # before argparse: the self-test has its own options (app/selftest.py)
        from app.cli.selftest import main as self_test  # noqa: PLC0415

        return self_test(argv[1:], host.selftest, host.packages)
    if argv and argv[0] not in COMMANDS and not argv[0].startswith("-") and not _names_a_file(argv[0]):
        # “zwgk chek r.zwgk”: a mistyped command, not a report to open (the window would only say it is missing)
        print_err(f"未知的命令“{argv[0][:40]}”。可用的命令：{'、'.join(sorted(COMMANDS))}（zwgk --help 查看说明）；"
                  "打开报告请给出文件路径。")
        return EXIT_ERRORS
    if not argv or (argv[0] not in COMMANDS and not argv[0].startswith("-")):
        return run_gui(argv, host)  # decided before the parser: its commands import the ledger and import code
    try:
        with usage.chinese():
            parser = build_parser()
            args = parser.parse_args(argv)
    except usage.UsageError as exc:
        print_err(str(exc))
        return EXIT_ERRORS
    except SystemExit as exc:  # --help and --version print and exit 0
        return exc.code if isinstance(exc.code, int) else EXIT_CLEAN
    args.host = host
    if not getattr(args, "func", None):
        with usage.chinese():
            parser.print_help()
        return EXIT_CLEAN
    return run_command(args)


def run_command(args: argparse.Namespace) -> int:
    """The command, with every failure turned into its message and exit code."""
    try:
        return int(args.func(args))
    except (CliError, FormatError) as exc:
        print_err(str(exc))
        return EXIT_ERRORS
    except StorageError as exc:
        print_err(exc.message_for("cli"))
        return EXIT_UNWRITABLE if isinstance(exc, WriteError) else EXIT_UNREADABLE
    except MemoryError:
        print_err("内存不足，命令没有完成：输入的文件可能已损坏，或内容大得不像年度报告。")
        return EXIT_UNREADABLE
    except RecursionError:
        print_err("输入文件的结构嵌套过深，无法读取：文件可能已损坏。")
        return EXIT_UNREADABLE
    except OSError as exc:  # a read or write the commands did not expect to fail (a share gone mid-way)
        name = f"“{exc.filename}”" if exc.filename else ""
        print_err(f"读写文件{name}时出错：{cause_text(exc)}。")
        return EXIT_UNREADABLE
    except Exception as exc:  # noqa: BLE001 - a defect: say so in Chinese, never a bare traceback
        log.debug("internal error", exc_info=True)
        print_err(f"程序内部错误（{exc.__class__.__name__}：{str(exc)[:200]}）。这是程序的缺陷，命令没有完成，"
                  "原有文件没有被改动。请把这条信息和所用的文件发给维护人员。")
        if os.environ.get("ZWGK_DEBUG"):
            print_err(traceback.format_exc())
        return EXIT_INTERNAL


if __name__ == "__main__":
    sys.exit(main())
