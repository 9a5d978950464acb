"""The command line on absurd input: usage errors in Chinese, the documented exit code for every failure, never a
traceback; FIFOs and devices refused before reading; a closed or failing standard output is not a failure."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli.common import EXIT_INTERNAL, EXIT_UNWRITABLE
from app.cli.main import main
from app.storage import save
from tests.app.storage.faults import FaultySystem, disk_full, install
from tests.factories import realistic_report

ROOT = Path(__file__).resolve().parents[3]


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out = capsys.readouterr()
    assert "Traceback" not in out.err
    return code, out.out, out.err


@pytest.mark.parametrize(("args", "said"), [
    (["new"], "缺少必需的参数"),
    (["new", "r.zwgk", "--agency", "甲"], "缺少必需的参数：--year"),
    (["new", "r.zwgk", "--agency", "甲", "--year", "二〇二五"], "不是有效的年度"),
    (["new", "r.zwgk", "--agency", "甲", "--year", "9" * 5000], "不是有效的年度"),
    (["check"], "缺少必需的参数"),
    (["check", "r.zwgk", "--bogus"], "无法识别的参数：--bogus"),
    (["export", "r.zwgk", "--to", "doc"], "不是可选的值"),
    (["export", "r.zwgk", "--to"], "后面需要一个值"),
    (["ledger-template", "t.xlsx", "--year", "x"], "不是有效的年度"),
])
def test_usage_errors_are_chinese_and_exit_2(capsys, args, said):
    code, _, err = run(capsys, *args)
    assert code == 2 and said in err and "用法：" in err
    assert not any(word in err for word in ("usage:", "error:", "required", "invalid", "expected"))


def test_help_is_chinese(capsys):
    code, out, _ = run(capsys, "check", "--help")
    assert code == 0 and "用法：" in out and "显示本说明并退出" in out and "show this help" not in out


@pytest.mark.parametrize("name", ["长" * 4000 + ".zwgk", "a\x00b.zwgk", "/" * 3 + "x" * 300 + "/r.zwgk"])
def test_absurd_file_names_are_messages_not_tracebacks(capsys, tmp_path, name):
    """“File name too long” and NUL characters were tracebacks."""
    for args, codes in ((["check", name], (3,)), (["cells", name], (3,)),
                        (["new", name, "--agency", "甲", "--year", "2025"], (2, 4)),
                        (["import", name], (2,)), (["export", name, "--to", "html"], (3,))):
        code, out, err = run(capsys, *args)
        assert code in codes and (out + err).strip() and len(out + err) < 20_000, (args[0], code, err)


def test_an_absurd_first_word_is_an_unknown_command(capsys):
    code, _, err = run(capsys, "x" * 100_000)
    assert code == 2 and "未知的命令" in err and len(err) < 1000


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs")
def test_fifos_and_devices_are_refused_before_reading(capsys, tmp_path):
    """`check` on a FIFO blocked for ever."""
    fifo = tmp_path / "p.zwgk"
    os.mkfifo(fifo)
    for args, code_wanted in ((["check", str(fifo)], 3), (["check", "/dev/zero"], 3), (["cells", str(fifo)], 3),
                              (["import", str(tmp_path / "p.html"), "-o", str(tmp_path / "i.zwgk")], 2),
                              (["new", str(tmp_path / "n.zwgk"), "--agency", "甲", "--year", "2025", "--values",
                                str(fifo)], 2)):
        if args[0] == "import":
            os.mkfifo(tmp_path / "p.html")
        code, out, err = run(capsys, *args)
        assert code == code_wanted and "不是普通文件" in out + err, args


@pytest.mark.parametrize(("content", "said"), [
    ('{"s3.new.natural": 1e999999999}', "过大"),
    ('{"s3.new.natural": -1e999999999}', "过大"),
    ('{"s3.new.natural": ' + "9" * 100 + "}", "过长"),
    ("[" * 100_000 + "]" * 100_000, "嵌套过深"),
    ('{"s3.new.natural": NaN}', "应为数字"),
])
def test_absurd_values_files_are_refused_with_the_reason(capsys, tmp_path, content, said):
    """A huge exponent in --values was a decimal.Overflow traceback."""
    values = tmp_path / "v.json"
    values.write_text(content, encoding="utf-8")
    code, _, err = run(capsys, "new", str(tmp_path / "n.zwgk"), "--agency", "甲", "--year", "2025", "--values",
                       str(values))
    assert code == 2 and said in err and not (tmp_path / "n.zwgk").exists()


def test_a_huge_exponent_in_a_report_is_unreadable_not_warnings(capsys, tmp_path):
    """`check` exited 1 (“warnings”) on a decimal.Overflow traceback: scripts read a crash as a clean-ish file."""
    path = tmp_path / "r.zwgk"
    save(realistic_report(), path)
    path.write_text(path.read_text(encoding="utf-8").replace('"s3.new.natural": 10', '"s3.new.natural": 1e999999999'),
                    encoding="utf-8")
    code, out, _ = run(capsys, "check", str(path), "--json")
    assert code == 3 and "数值过大" in json.loads(out)[0]["error"]


def test_a_full_disk_exits_4_with_advice_for_the_command_line(capsys, tmp_path, monkeypatch):
    install(monkeypatch, FaultySystem(disk_full, when=lambda name, where: name == "write"))
    code, _, err = run(capsys, "new", str(tmp_path / "n.zwgk"), "--agency", "甲", "--year", "2025")
    assert code == EXIT_UNWRITABLE and "磁盘已满" in err and "腾出磁盘空间" in err
    assert "窗口" not in err and "另存为" not in err


def test_save_refusals_do_not_speak_of_a_window_on_the_command_line(capsys, tmp_path):
    code, _, err = run(capsys, "new", str(tmp_path / "n.zwgk"), "--agency", "甲", "--year", "2101")
    assert code == 3 and "年度" in err and "窗口" not in err


def test_an_internal_error_is_a_chinese_message_and_exit_70(capsys, tmp_path, monkeypatch):
    from app.cli import report_commands

    def broken(*args, **kwargs):
        raise AttributeError("'NoneType' object has no attribute 'values'")

    monkeypatch.setattr(report_commands, "check", broken)  # plain output: no trace of what passed
    monkeypatch.setattr(report_commands, "check_traced", broken)  # --json, --verbose
    path = tmp_path / "r.zwgk"
    save(realistic_report(), path)
    code, _, err = run(capsys, "check", str(path))
    assert code == EXIT_INTERNAL and "程序内部错误" in err and "AttributeError" in err


def test_a_full_standard_output_does_not_turn_a_finished_save_into_a_traceback(tmp_path):
    out = tmp_path / "n.zwgk"
    with open("/dev/full", "w") as full:  # noqa: PTH123 - stdout on a full disk
        run_ = subprocess.run([sys.executable, "-m", "app", "new", str(out), "--agency", "甲", "--year", "2025"],
                              cwd=ROOT, stdout=full, stderr=subprocess.PIPE, timeout=120)
    assert run_.returncode == 0 and b"Traceback" not in run_.stderr and b"Exception ignored" not in run_.stderr
    assert out.exists()


def test_a_closed_pipe_is_not_an_error(tmp_path):
    pipeline = subprocess.run(f"{sys.executable} -m app cells gov-2021 | head -1", shell=True, cwd=ROOT,
                              capture_output=True, timeout=120)
    assert pipeline.returncode == 0 and pipeline.stdout.count(b"\n") == 1 and b"Traceback" not in pipeline.stderr


def test_a_closed_standard_output_descriptor(tmp_path):
    out = tmp_path / "n.zwgk"
    run_ = subprocess.run([sys.executable, "-c", "import os, sys; os.close(1); sys.path.insert(0, '.');"
                           "from app.cli.main import main; sys.exit(main(sys.argv[1:]))",
                           "new", str(out), "--agency", "甲", "--year", "2025"],
                          cwd=ROOT, capture_output=False, stderr=subprocess.PIPE, timeout=120)
    assert run_.returncode == 0 and b"Traceback" not in run_.stderr and out.exists()
