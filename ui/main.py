"""The program's entry point (`zwgk`, `python -m ui`): the one place that knows both halves.

A command (`zwgk check …`) runs in app.cli without loading Qt; no command, or report paths, open the window with
every feature plugged into its named places; `--self-test` gets the Qt half of its steps from here. Nothing below
imports Qt until the window (or a PDF, or the self-test's window step) is asked for.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from app import cpu
from app.cli.common import Host
from app.cli.main import main as run_command

if TYPE_CHECKING:
    from app.report.model import Report
    from ui.window.main_window import Feature


def _qt() -> None:
    # Before Qt is loaded: a processor too old for this Qt gets a Chinese message, not SIGILL (app/cpu.py).
    cpu.require()
    from ui.shared import qt_compat  # noqa: PLC0415 - Qt only when a window or a PDF is asked for

    qt_compat.install()


def features() -> tuple[Feature, ...]:
    """What the window offers beyond editing: export and print, next year and import, ledger and 汇总, 一图读懂 and
    the 概览 panel."""
    from ui.export.actions import install as export_and_print  # noqa: PLC0415
    from ui.ledger.actions import install as ledger  # noqa: PLC0415
    from ui.poster.actions import install as poster_and_overview  # noqa: PLC0415
    from ui.yearly.actions import install as yearly  # noqa: PLC0415

    return (yearly, ledger, export_and_print, poster_and_overview)


def run_gui(paths: list[str]) -> int:
    _qt()
    from ui.window.application import run  # noqa: PLC0415

    return run(paths, features())


def export_pdf(report: Report, out: Path, draft: bool = False) -> None:
    _qt()
    from ui.export.printing import export_pdf as typeset  # noqa: PLC0415

    typeset(report, out, draft=draft)


def export_poster(report: Report, kind: str, out: Path) -> None:
    _qt()
    from ui.export.printing import ensure_gui_app  # noqa: PLC0415
    from ui.poster.files import export_poster as draw  # noqa: PLC0415

    ensure_gui_app()
    draw(report, kind, out)


class SelfTestGui:
    """The self-test's window steps (ui/window/selftest.py) with this program's features."""

    def chinese_fonts(self) -> str:
        _qt()
        from ui.window import selftest  # noqa: PLC0415

        return selftest.chinese_fonts()

    def input_method(self) -> str:
        _qt()
        from ui.window import selftest  # noqa: PLC0415

        return selftest.input_method()

    def export_pdf(self, report: Report, out: Path) -> None:
        export_pdf(report, out)

    def open_and_close_main_window(self, sample: Path, screenshot: Path | None = None) -> str:
        _qt()
        from ui.window import selftest  # noqa: PLC0415

        return selftest.open_and_close_main_window(sample, screenshot, features())


HOST = Host(run_gui=run_gui, export_pdf=export_pdf, export_poster=export_poster, selftest=SelfTestGui(),
            packages=("app", "ui"))


def main(argv: Sequence[str] | None = None) -> int:
    return run_command(argv, HOST)


if __name__ == "__main__":
    sys.exit(main())
