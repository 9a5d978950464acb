"""What every command shares: exit codes, output, the refusal to overwrite, and what the program around the
command line offers (the Qt half, handed in by the entry point ui/main.py)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.cli.selftest import GuiHalf
    from app.report.model import Report

EXIT_CLEAN, EXIT_WARNINGS, EXIT_ERRORS, EXIT_UNREADABLE = 0, 1, 2, 3


class CliError(Exception):
    """A user mistake on the command line: printed in Chinese, exit code 2 (argparse's own convention)."""


def print_out(text: str) -> None:
    sys.stdout.write(text + "\n")


def print_err(text: str) -> None:
    sys.stderr.write(text + "\n")


def refuse_overwrite(out: Path, force: bool, suffix: str) -> None:
    """Every command's output: never over an existing file without --force, and only with the suffix its content
    has (a report written as “台账.xlsx” would replace the ledger with JSON)."""
    if out.suffix.lower() != suffix:
        raise CliError(f"输出文件“{out}”的扩展名应为 {suffix}")
    if out.exists() and not force:
        raise CliError(f"“{out}”已存在。为免覆盖，请换一个文件名或加 --force。")




@dataclass(frozen=True)
class Host:
    """The GUI half of the program, wired in by ui/main.py. The core never imports it: a plain command-line build
    (or a test) runs without it, and the commands that need it say so."""

    run_gui: Callable[[list[str]], int] | None = None
    export_pdf: Callable[[Report, Path], None] | None = None
    export_poster: Callable[[Report, str, Path], None] | None = None  # kind: poster-pdf | poster-png | poster-long
    selftest: GuiHalf | None = None
    packages: tuple[str, ...] = ("app",)  # what the self-test imports module by module
