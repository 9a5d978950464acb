"""argparse in Chinese: usage errors, help headings and the help option itself (the command line's messages are a
contract in Chinese, docs/cli.md). argparse takes its texts from gettext through its module-level `_` and
`ngettext`; while the parser is built and run they are pointed at the table below, then put back."""

from __future__ import annotations

import argparse
import contextlib
from collections.abc import Iterator
from typing import NoReturn

_ZH = {
    "usage: ": "用法：",
    "positional arguments": "位置参数",
    "options": "选项",
    "optional arguments": "选项",
    "show this help message and exit": "显示本说明并退出",
    "show program's version number and exit": "显示版本号并退出",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "the following arguments are required: %s": "缺少必需的参数：%s",
    "one of the arguments %s is required": "需要以下参数之一：%s",
    "not allowed with argument %s": "不能与参数 %s 同时使用",
    "ignored explicit argument %r": "多余的值 %r",
    "expected one argument": "后面需要一个值",
    "expected at most one argument": "后面最多一个值",
    "expected at least one argument": "后面至少需要一个值",
    "expected %s argument": "后面需要 %s 个值",
    "expected %s arguments": "后面需要 %s 个值",
    "ambiguous option: %(option)s could match %(matches)s": "选项 %(option)s 不明确，可能是 %(matches)s",
    "unexpected option string: %s": "意外的选项 %s",
    "invalid %(type)s value: %(value)r": "“%(value)s”不是有效的值",
    "invalid choice: %(value)r (choose from %(choices)s)": "“%(value)s”不是可选的值（可选：%(choices)s）",
    "%(prog)s: error: %(message)s\n": "%(prog)s：错误：%(message)s\n",
    "can't open '%(filename)s': %(error)s": "无法打开“%(filename)s”：%(error)s",
}


def _(message: str) -> str:
    return _ZH.get(message, message)


def _n(singular: str, plural: str, n: int) -> str:
    return _(singular if n == 1 else plural)


@contextlib.contextmanager
def chinese() -> Iterator[None]:
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._, argparse.ngettext = _, _n  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]


class UsageError(Exception):
    """A usage error: str() is the Chinese text to print (usage line, the error, where to read more); exit code 2."""


class Parser(argparse.ArgumentParser):
    """Usage errors are raised (main prints them and exits 2) instead of exiting the interpreter."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{self.format_usage().rstrip()}\n{self.prog}：错误：{message}\n"
                         "（zwgk --help 或 zwgk 命令 --help 查看说明）")


def year(text: str) -> int:
    """--year and --last-year: a four-digit year (argparse would say “invalid int value” in English)."""
    t = text.strip()
    if not (t.isascii() and t.isdigit() and len(t) == 4):
        raise argparse.ArgumentTypeError(f"“{t[:20]}”不是有效的年度，应为四位数字，如 2025")
    return int(t)
