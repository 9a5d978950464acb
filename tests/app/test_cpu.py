"""The processor check that runs before Qt loads (app/cpu.py)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from app import cpu

ROOT = Path(__file__).resolve().parents[2]
# /proc/cpuinfo of a Core 2 (2008): SSE3 and SSSE3, no SSE4.1/4.2 or POPCNT.
CORE2_FLAGS = "fpu vme de pse tsc msr pae mce cx8 apic sep mtrr pge mca cmov pat pse36 clflush mmx fxsr sse sse2 " \
              "ss ht syscall nx lm constant_tsc pni monitor ssse3 cx16 lahf_lm"
NEHALEM_FLAGS = CORE2_FLAGS + " sse4_1 sse4_2 popcnt"


def cpuinfo(tmp_path: Path, flags: str) -> Path:
    path = tmp_path / "cpuinfo"
    path.write_text(f"processor\t: 0\nvendor_id\t: GenuineIntel\nmodel name\t: test\nflags\t\t: {flags}\n\n"
                    f"processor\t: 1\nflags\t\t: {flags}\n", encoding="ascii")
    return path


def test_qt_from_6_10_needs_x86_64_v2_older_qt_and_arm64_need_nothing_more():
    assert cpu.required_features("x86_64", (6, 11)) == cpu.X86_64_V2
    assert cpu.required_features("AMD64", (6, 10)) == cpu.X86_64_V2  # Windows' name
    assert cpu.required_features("x86_64", (6, 9)) == ()
    assert cpu.required_features("aarch64", (6, 11)) == ()
    assert cpu.required_features("x86_64", None) == cpu.X86_64_V2  # unknown version: the stricter need


def test_a_core_2_lacks_what_qt_6_10_needs_a_nehalem_has_it(tmp_path):
    core2 = cpu.linux_features(cpuinfo(tmp_path, CORE2_FLAGS))
    assert cpu.missing(core2, cpu.X86_64_V2) == ["sse4_1", "sse4_2", "popcnt"]
    assert cpu.missing(cpu.linux_features(cpuinfo(tmp_path, NEHALEM_FLAGS)), cpu.X86_64_V2) == []
    assert cpu.linux_features(tmp_path / "none") is None  # unreadable: the program is not stopped
    assert cpu.missing(None, cpu.X86_64_V2) == []


def test_the_message_names_what_is_missing_and_the_package_to_use_instead():
    text = cpu.message(["sse4_1", "sse4_2", "popcnt"], (6, 11))
    assert "本电脑的处理器过旧" in text and "Qt 6.11" in text and "x86-64-v2" in text
    assert "本机缺少 SSE4.1、SSE4.2、POPCNT" in text
    assert "UOS 20 / 麒麟 V10 兼容版" in text


def test_check_uses_the_installed_qt_version(tmp_path):
    core2 = cpu.linux_features(cpuinfo(tmp_path, CORE2_FLAGS))
    installed = cpu.pyside_version()
    assert installed is not None and installed >= (6, 8)
    needs_v2 = installed >= cpu.V2_FROM_QT
    assert (cpu.check("x86_64", core2) is not None) == needs_v2
    assert cpu.check("x86_64", cpu.linux_features(cpuinfo(tmp_path, NEHALEM_FLAGS))) is None
    assert cpu.check("aarch64", core2) is None


@pytest.mark.skipif(cpu.pyside_version() is not None and cpu.pyside_version() < cpu.V2_FROM_QT,
                    reason="this PySide6 runs on any x86-64: there is nothing to refuse")
def test_the_program_stops_with_the_message_before_qt_loads_on_an_old_processor(tmp_path):
    """The real start-up path, with the kernel's /proc/cpuinfo replaced (in a private mount namespace) by a
    Core 2's: exit 3 and the Chinese message, never a SIGILL or a traceback."""
    assert shutil.which("unshare"), "util-linux's unshare is part of every Debian"
    fake = cpuinfo(tmp_path, CORE2_FLAGS)
    script = f'mount --bind "{fake}" /proc/cpuinfo && exec "{sys.executable}" -m ui --self-test'
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    done = subprocess.run(["unshare", "--mount", "--map-root-user", "sh", "-c", script], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 3, done.stderr
    assert "本电脑的处理器过旧" in done.stderr and "本机缺少 SSE4.1、SSE4.2、POPCNT" in done.stderr
    assert "Traceback" not in done.stderr
