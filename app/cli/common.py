"""What every command shares: exit codes, output, the refusal to overwrite, and what the program around the
command line offers (the Qt half, handed in by the entry point ui/main.py)."""

from __future__ import annotations

import contextlib
import json
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.cli.selftest import GuiHalf
    from app.report.model import Report

# The exit codes, documented in docs/cli.md (“退出码”): every failure ends in one of these, never a traceback.
EXIT_CLEAN, EXIT_WARNINGS, EXIT_ERRORS, EXIT_UNREADABLE, EXIT_UNWRITABLE = 0, 1, 2, 3, 4
EXIT_INTERNAL = 70  # a defect of the program itself (sysexits' EX_SOFTWARE): the message asks to report it
EXIT_INTERRUPTED = 130  # Ctrl+C, as shells report it


class CliError(Exception):
    """A user mistake on the command line: printed in Chinese, exit code 2 (argparse's own convention)."""


def _silence(name: str) -> None:
    """A closed pipe (`zwgk cells … | head`), a full disk behind `> out.txt`, a closed console: the command's work
    is done or goes on; what it would print goes nowhere, without a traceback at exit either."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        stream = getattr(sys, name)
        if stream is not None:
            with contextlib.suppress(OSError, ValueError, AttributeError):
                os.dup2(devnull, stream.fileno())
        os.close(devnull)
    setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115, PTH123 - lives as long as sys.stdout


def _write(name: str, text: str) -> None:
    stream = getattr(sys, name)
    if stream is None:  # a windowed program (pythonw, the bundled .exe) has no console
        return
    try:
        try:
            stream.write(text + "\n")
        except UnicodeEncodeError:  # a GBK console and a character it lacks (or a lone surrogate from a file)
            encoding = getattr(stream, "encoding", None) or "utf-8"
            stream.write(text.encode(encoding, "replace").decode(encoding) + "\n")
        stream.flush()
    except (OSError, ValueError):
        _silence(name)


def print_out(text: str) -> None:
    _write("stdout", text)


def print_json_list(items: list) -> None:
    """A JSON array with one item per line: readable in a terminal and a diff, and written by json's C encoder
    (`indent` switches json to its pure-Python encoder, which took 40 % of a 1,000-file `check --json`)."""
    print_out("[\n" + ",\n".join(json.dumps(i, ensure_ascii=False) for i in items) + "\n]" if items else "[]")


def print_err(text: str) -> None:
    _write("stderr", text)


def finish_output() -> None:
    """Flush what is buffered while the command can still decide what happens (not at interpreter exit)."""
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        if stream is not None:
            try:
                stream.flush()
            except (OSError, ValueError):
                _silence(name)


def refuse_overwrite(out: Path, force: bool, suffix: str) -> None:
    """Every command's output: never over an existing file without --force, and only with the suffix its content
    has (a report written as “台账.xlsx” would replace the ledger with JSON)."""
    if out.suffix.lower() != suffix:
        raise CliError(f"输出文件“{out}”的扩展名应为 {suffix}")
    try:
        exists = out.exists()
    except (OSError, ValueError) as exc:  # a name too long for the file system, a NUL character
        raise CliError(f"输出文件名“{str(out)[:80]}”无效（文件名过长或含有无效字符）。") from exc
    if exists and not force:
        raise CliError(f"“{out}”已存在。为免覆盖，请换一个文件名或加 --force。")




@dataclass(frozen=True)
class Host:
    """The GUI half of the program, wired in by ui/main.py. The core never imports it: a plain command-line build
    (or a test) runs without it, and the commands that need it say so."""

    run_gui: Callable[[list[str]], int] | None = None
    export_pdf: Callable[..., None] | None = None  # (report, out, draft=False)
    export_poster: Callable[[Report, str, Path], None] | None = None  # kind: poster-pdf | poster-png | poster-long
    selftest: GuiHalf | None = None
    packages: tuple[str, ...] = ("app",)  # what the self-test imports module by module
