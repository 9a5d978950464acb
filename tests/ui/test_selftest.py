"""`zwgk --self-test` from source (app/cli/selftest.py with the window steps ui/main.py hands in): what it checks, what
it reports, and that it notices network use."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from app.cli import selftest
from ui import main as entry
from ui.main import SelfTestGui


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = selftest.main(list(argv), entry.HOST.selftest, entry.HOST.packages)
    return code, capsys.readouterr().out


def test_self_test_passes_and_exports_everything(capsys, tmp_path: Path, qapp) -> None:
    code, out = _run(capsys, "--keep", str(tmp_path))
    assert code == 0, out
    assert "自检通过" in out and "[失败]" not in out and "[跳过]" not in out
    for name in ("自检.docx", "自检.xlsx", "自检.html", "自检.pdf", "主窗口.png"):
        assert (tmp_path / name).stat().st_size > 0, name
    assert "[通过] 不联网：没有任何网络访问" in out


def test_a_network_attempt_fails_the_self_test(capsys, monkeypatch, tmp_path: Path) -> None:
    def calls_home(workdir: Path, keep_screenshot: bool = False, **_) -> list[selftest.StepResult]:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s, pytest.raises(OSError):
            s.connect(("127.0.0.1", 9))  # refused at once; the attempt itself is what counts
        return [selftest.StepResult("读取示例报告", selftest.PASS, "")]

    monkeypatch.setattr(selftest, "run_all", calls_home)
    code, out = _run(capsys)
    assert code == 1
    assert "[失败] 不联网：自检期间有 1 次网络访问" in out
    assert "自检未通过" in out


def test_local_sockets_are_not_network(capsys, monkeypatch) -> None:
    def local_only(workdir: Path, keep_screenshot: bool = False, **_) -> list[selftest.StepResult]:
        a, b = socket.socketpair(socket.AF_UNIX)
        a.close()
        b.close()
        return [selftest.StepResult("读取示例报告", selftest.PASS, "")]

    monkeypatch.setattr(selftest, "run_all", local_only)
    code, out = _run(capsys)
    assert code == 0, out


def test_missing_sample_is_a_clear_failure(capsys, monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setattr(selftest, "SAMPLE", tmp_path / "gone.zwgk")
    code, out = _run(capsys)
    assert code == 1
    assert "[失败] 读取示例报告" in out and "安装不完整" in out
    assert "Traceback" not in out


def test_every_step_runs_even_after_a_failure(capsys, monkeypatch) -> None:
    def broken(report, kind: str, out: Path) -> None:
        raise OSError("磁盘已满")

    monkeypatch.setattr(selftest, "_export_function", lambda: broken)
    monkeypatch.setattr(SelfTestGui, "open_and_close_main_window", lambda self, sample, screenshot=None: "窗口")
    code, out = _run(capsys)
    assert code == 1
    for label in ("Word", "Excel", "网页"):
        assert f"[失败] 导出{label}并读回：OSError: 磁盘已满" in out
    assert "[通过] 打开主窗口（离屏）：窗口" in out
    assert "3 项失败" in out


def test_a_part_missing_from_the_build_is_named_as_skipped(capsys, monkeypatch) -> None:
    monkeypatch.setattr(selftest, "_export_and_read", lambda report, kind, folder, gui: kind)
    monkeypatch.setattr(selftest, "_load_sample", lambda: ("报告", "示例"))
    monkeypatch.setattr(selftest, "_run_checks", lambda report: "无")
    code = selftest.main([])  # a build without the GUI half: no window steps handed in
    out = capsys.readouterr().out
    assert code == 0
    assert "[跳过] 打开主窗口（离屏）：本版本不含图形界面" in out
    assert "3 项跳过（中文字体、中文输入法、打开主窗口（离屏））" in out


def test_zwgk_self_test_reaches_the_self_test_before_argparse(monkeypatch) -> None:
    seen: list[list[str]] = []
    monkeypatch.setattr(selftest, "main", lambda argv, gui, packages: seen.append(list(argv)) or 7)
    assert entry.main(["--self-test", "--window-only"]) == 7
    assert seen == [["--window-only"]]


def test_no_chinese_font_fails_with_advice(capsys, monkeypatch, qapp) -> None:
    from PySide6.QtGui import QFontDatabase

    monkeypatch.setattr(QFontDatabase, "families", staticmethod(lambda *args: []))
    monkeypatch.setattr(selftest, "_export_and_read", lambda report, kind, folder, gui: kind)
    monkeypatch.setattr(SelfTestGui, "open_and_close_main_window", lambda self, sample, screenshot=None: "窗口")
    code, out = _run(capsys)
    assert code == 1
    assert "[失败] 中文字体" in out and "fonts-noto-cjk" in out


def test_a_module_that_cannot_be_loaded_is_named(capsys, monkeypatch) -> None:
    import pkgutil

    real = pkgutil.walk_packages

    def with_a_broken_one(path, prefix="", onerror=None):
        yield from real(path, prefix, onerror)
        if prefix == "app.":
            yield pkgutil.ModuleInfo(None, "app._zwgk_trimmed_away", False)

    monkeypatch.setattr(pkgutil, "walk_packages", with_a_broken_one)
    monkeypatch.setattr(selftest, "_export_and_read", lambda report, kind, folder, gui: kind)
    monkeypatch.setattr(SelfTestGui, "open_and_close_main_window", lambda self, sample, screenshot=None: "窗口")
    code, out = _run(capsys)
    assert code == 1
    assert "[失败] 加载全部程序模块：1 个模块无法加载：app._zwgk_trimmed_away（ModuleNotFoundError" in out
