"""`zwgk --self-test`: verify an installation on the target PC in one command, without any network.

Loads the bundled sample, runs all checks, exports docx/xlsx/html/pdf into a temporary folder and reads each file
back, then opens the main window offscreen and closes it. Prints a Chinese summary; exit code 0 only if every step
that exists in this build worked. A step whose module is not part of this build (no export package, no GUI) is
reported as 跳过 and named in the summary — never counted as passed.

Qt stays out of this module (app/ is Qt-free): the window steps live in ui/window/selftest.py, and the
entry point (ui/main.py) hands them in.
Every Internet socket use is caught by an audit hook while the self-test runs; one attempt fails the self-test.
"""

from __future__ import annotations

import html.parser
import os
import re
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from app import APP_NAME, __version__
from app.cli import usage
from app.export import EXPORT_KINDS, export_report, short_name
from app.resources import SAMPLE_REPORT

if TYPE_CHECKING:
    from app.report.model import Report

SAMPLE = SAMPLE_REPORT
PASS, FAIL, SKIP = "通过", "失败", "跳过"


class Skipped(Exception):
    """A step whose module is not part of this build."""


@dataclass
class StepResult:
    name: str
    status: str
    detail: str


# -- no network: an audit hook records every Internet socket call made while the self-test runs ----------------------

_NET_EVENTS = {"socket.connect", "socket.bind", "socket.sendto", "socket.getaddrinfo", "socket.gethostbyname",
               "socket.gethostbyaddr", "urllib.Request"}
_net_attempts: list[str] = []
_net_watch = False


def _audit(event: str, args: tuple) -> None:
    if not _net_watch or event not in _NET_EVENTS:
        return
    if event in ("socket.connect", "socket.bind", "socket.sendto"):
        sock = args[0]
        if getattr(sock, "family", None) == getattr(__import__("socket"), "AF_UNIX", -1):
            return  # local IPC (X11, D-Bus, a single-instance socket) is not network
    _net_attempts.append(f"{event} {args[1:] if event.startswith('socket.') and len(args) > 1 else args}")


def _install_network_watch() -> None:
    global _net_watch
    if not getattr(_install_network_watch, "installed", False):
        sys.addaudithook(_audit)  # audit hooks cannot be removed; the flag turns it off afterwards
        _install_network_watch.installed = True  # type: ignore[attr-defined]
    _net_attempts.clear()
    _net_watch = True


# -- steps --------------------------------------------------------------------------------------------------------------

def _load_sample():
    from app.storage import load

    if not SAMPLE.is_file():
        raise RuntimeError(f"找不到示例报告 {SAMPLE}（安装不完整）")
    report = load(SAMPLE)
    return report, f"{report.title}（{report.format.id}，{len(report.format.cells)} 个单元格）"


def _import_all(packages: Sequence[str]) -> str:
    """Import every module of the packages: a module the bundle's trimming broke shows up here, by name."""
    import importlib
    import pkgutil

    names = [m.name for pkg in packages
             for m in pkgutil.walk_packages(importlib.import_module(pkg).__path__, f"{pkg}.")
             if not m.name.endswith("__main__")]
    failed = []
    for name in names:
        try:
            importlib.import_module(name)  # ui.* brings in Qt: only when the entry point asks for it
        except Exception as exc:  # report every broken module, not just the first
            failed.append(f"{name}（{type(exc).__name__}: {exc}）")
    if failed:
        raise RuntimeError(f"{len(failed)} 个模块无法加载：{'；'.join(failed[:3])}")
    return f"{len(names)} 个模块"


def _fold_traditional() -> str:
    """OpenCC's dictionaries are data files the bundle must carry: a Traditional-script mirror is read through them."""
    from app.report.fold import fold

    got = fold("規範性檔案")
    if got != "规范性文件":
        raise RuntimeError(f"繁体字转换结果不对：“規範性檔案”转换为“{got}”")
    return "“規範性檔案”→“规范性文件”"


def _run_checks(report) -> str:
    from app.rules import check, summary

    counts = summary(check(report))
    return f"{counts['error']} 个错误，{counts['warning']} 个警告，{counts['info']} 个提示"


class _TextCollector(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tables = 0
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs) -> None:
        self.tables += tag == "table"

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _numbers_of(report) -> set[int]:
    return {int(v) for v in report.values.values() if v is not None and v == int(v) and int(v) > 1}


def _read_docx(path: Path, report) -> str:
    import docx

    doc = docx.Document(str(path))
    text = "\n".join(p.text for p in doc.paragraphs)
    cells = {c.text.strip() for t in doc.tables for row in t.rows for c in row.cells}
    if report.agency and report.agency not in text:
        raise RuntimeError(f"Word 文件中没有机关名称“{report.agency}”")
    if len(doc.tables) < 3:
        raise RuntimeError(f"Word 文件中只有 {len(doc.tables)} 张表格，应至少 3 张")
    missing = {str(n) for n in _numbers_of(report)} - cells
    if missing:
        raise RuntimeError(f"Word 表格中缺少数值：{'、'.join(sorted(missing)[:5])}")
    return f"{len(doc.tables)} 张表格"


def _read_xlsx(path: Path, report) -> str:
    import openpyxl

    wb = openpyxl.load_workbook(str(path))
    found = {int(c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row
             if isinstance(c.value, int | float) and not isinstance(c.value, bool) and c.value == int(c.value)}
    missing = _numbers_of(report) - found
    if missing:
        raise RuntimeError(f"Excel 文件中缺少数值：{'、'.join(str(n) for n in sorted(missing)[:5])}")
    return f"{len(wb.worksheets)} 个工作表"


def _read_html(path: Path, report) -> str:
    parser = _TextCollector()
    parser.feed(path.read_text(encoding="utf-8"))
    text = "".join(parser.text)
    if report.agency and report.agency not in text:
        raise RuntimeError(f"网页中没有机关名称“{report.agency}”")
    if parser.tables < 3:
        raise RuntimeError(f"网页中只有 {parser.tables} 个表格，应至少 3 个")
    return f"{parser.tables} 个表格"


def _read_pdf(path: Path, report) -> str:
    data = path.read_bytes()
    if not data.startswith(b"%PDF-") or b"%%EOF" not in data[-1024:]:
        raise RuntimeError("PDF 文件不完整（缺少文件头或结束标记）")
    pages = len(re.findall(rb"/Type\s*/Page(?!s)", data))
    if pages < 1:
        raise RuntimeError("PDF 文件中没有页面")
    return f"{pages} 页"


READERS: dict[str, Callable[[Path, object], str]] = {
    "docx": _read_docx, "xlsx": _read_xlsx, "html": _read_html, "pdf": _read_pdf}


def _export_function():
    """The Word/Excel/网页 exporter (a test stands in a failing one here)."""
    return export_report


def _export_and_read(report, kind: str, folder: Path, gui: GuiHalf | None) -> str:
    out = folder / f"自检.{kind}"
    if kind == "pdf":  # PDF is drawn by Qt (ui/export/printing.py), so it goes through the GUI half
        _gui_half(gui).export_pdf(report, out)
    else:
        _export_function()(report, kind, out)
    if not out.is_file() or out.stat().st_size == 0:
        raise RuntimeError(f"导出后没有得到文件 {out.name}")
    size_kb = out.stat().st_size / 1024
    return f"{out.name}，{size_kb:.0f} KB，读回 {READERS[kind](out, report)}"


class GuiHalf(Protocol):
    """The Qt half of the self-test (ui/window/selftest.py), handed in by the program's entry point (ui/main.py):
    app/ never imports the GUI itself."""

    def chinese_fonts(self) -> str: ...

    def input_method(self) -> str: ...

    def export_pdf(self, report: Report, out: Path) -> None: ...

    def open_and_close_main_window(self, sample: Path, screenshot: Path | None = None) -> str: ...


def _gui_half(gui: GuiHalf | None) -> GuiHalf:
    if gui is None:
        raise Skipped("本版本不含图形界面")
    return gui


# -- running --------------------------------------------------------------------------------------------------------

def _step(results: list[StepResult], name: str, fn: Callable[[], str]) -> bool:
    try:
        detail = fn()
    except Skipped as exc:
        results.append(StepResult(name, SKIP, str(exc)))
        return True
    except Exception as exc:  # a self-test reports every failure instead of crashing on the first
        # RuntimeError carries this module's own Chinese message; anything else is named for a bug report.
        detail = str(exc) if type(exc) is RuntimeError else f"{type(exc).__name__}: {exc}"
        results.append(StepResult(name, FAIL, detail))
        return False
    results.append(StepResult(name, PASS, detail))
    return True


def run_all(workdir: Path, keep_screenshot: bool = False, gui: GuiHalf | None = None,
            packages: Sequence[str] = ("app",)) -> list[StepResult]:
    results: list[StepResult] = []
    holder: dict[str, object] = {}

    def load() -> str:
        holder["report"], detail = _load_sample()
        return detail

    _step(results, "加载全部程序模块", lambda: _import_all(packages))
    if not _step(results, "读取示例报告", load):
        return results
    report = holder["report"]
    _step(results, "运行全部检查", lambda: _run_checks(report))
    _step(results, "繁体字转换（OpenCC）", _fold_traditional)
    _step(results, "中文字体", lambda: _gui_half(gui).chinese_fonts())
    _step(results, "中文输入法", lambda: _gui_half(gui).input_method())
    for kind in EXPORT_KINDS:
        _step(results, f"导出{short_name(kind)}并读回", lambda kind=kind: _export_and_read(report, kind, workdir, gui))
    shot = workdir / "主窗口.png" if keep_screenshot else None
    _step(results, "打开主窗口（离屏）", lambda: _gui_half(gui).open_and_close_main_window(SAMPLE, shot))
    return results


def _say(line: str) -> None:
    # zwgk.exe on Windows has no console (sys.stdout is None); the exit code still tells the result.
    if sys.stdout is not None:
        try:
            sys.stdout.write(line + "\n")
            sys.stdout.flush()
        except UnicodeEncodeError:
            sys.stdout.buffer.write((line + "\n").encode("utf-8", "replace"))
        except BrokenPipeError:  # `zwgk --self-test | head`: the reader left; the exit code still counts
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def _window_only(gui: GuiHalf | None) -> int:
    """Start to a usable main window, print the time, exit: what benchmarks/bench_package.py measures."""
    try:
        detail = _gui_half(gui).open_and_close_main_window(SAMPLE)
    except Skipped as exc:
        _say(f"跳过：{exc}")
        return 2
    _say(f"窗口已就绪：{detail}")
    return 0


def main(argv: Sequence[str] = (), gui: GuiHalf | None = None, packages: Sequence[str] = ("app",)) -> int:
    """packages: the top-level packages whose every module the first step imports (the entry point adds ui)."""
    with usage.chinese():
        parser = usage.Parser(prog="zwgk --self-test", description="检查本机安装是否完整可用（不联网）。")
        parser.add_argument("--window-only", action="store_true", help="只测试主窗口能否打开（用于测量启动时间）")
        parser.add_argument("--keep", metavar="文件夹", help="把导出的文件和主窗口截图保存到这个文件夹，便于查看")
        try:
            args = parser.parse_args(list(argv))
        except usage.UsageError as exc:
            sys.stderr.write(f"{exc}\n")
            return 2
        except SystemExit as exc:  # --help
            return exc.code if isinstance(exc.code, int) else 0
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # the self-test never needs a screen
    if args.window_only:
        return _window_only(gui)
    _install_network_watch()
    started = time.perf_counter()
    _say(f"{APP_NAME} {__version__} 自检（{sys.platform}，{'安装版' if getattr(sys, 'frozen', False) else '源代码'}）")
    try:
        if args.keep:
            keep = Path(args.keep)
            keep.mkdir(parents=True, exist_ok=True)
            results = run_all(keep, keep_screenshot=True, gui=gui, packages=packages)
        else:
            with tempfile.TemporaryDirectory(prefix="zwgk-selftest-") as tmp:
                results = run_all(Path(tmp), gui=gui, packages=packages)
    finally:
        global _net_watch
        _net_watch = False
    if _net_attempts:
        results.append(StepResult("不联网", FAIL, f"自检期间有 {len(_net_attempts)} 次网络访问：{_net_attempts[0]}"))
    else:
        results.append(StepResult("不联网", PASS, "没有任何网络访问"))
    for r in results:
        _say(f"[{r.status}] {r.name}：{r.detail}")
    failed = [r for r in results if r.status == FAIL]
    skipped = [r for r in results if r.status == SKIP]
    passed = len(results) - len(failed) - len(skipped)
    seconds = time.perf_counter() - started
    if failed:
        _say(f"自检未通过：{len(failed)} 项失败（{'、'.join(r.name for r in failed)}），用时 {seconds:.1f} 秒。")
        return 1
    note = f"，{len(skipped)} 项跳过（{'、'.join(r.name for r in skipped)}）" if skipped else ""
    _say(f"自检通过：{passed} 项通过{note}，用时 {seconds:.1f} 秒。")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
