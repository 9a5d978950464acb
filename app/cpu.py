"""The processor the bundled Qt needs, checked before Qt is loaded.

The PySide6 wheels from 6.10 on are compiled for x86-64-v2 (SSSE3, SSE4.1, SSE4.2, POPCNT, CMPXCHG16B, LAHF): on an
older processor (兆芯 before KX-5000, early Atom/Celeron, Core 2) the first such instruction kills the program with
SIGILL and no word to the user. ui/main.py calls require() before anything loads Qt, so the clerk gets a Chinese message naming
the package that does run there (the UOS 20 / Kylin .deb is built with 6.9.3, which needs only x86-64).
No Qt here: the version is read from the installed package's metadata (the bundle carries it, see zwgk.spec).
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

X86_64_V2 = ("ssse3", "sse4_1", "sse4_2", "popcnt", "cx16", "lahf_lm")  # /proc/cpuinfo's names
V2_FROM_QT = (6, 10)
# IsProcessorFeaturePresent numbers (winnt.h); Windows has none for POPCNT and LAHF, which come with SSE4.2 in
# every processor that has it.
_WINDOWS_FEATURES = {"ssse3": 36, "sse4_1": 37, "sse4_2": 38, "cx16": 14}


class UnsupportedCPU(RuntimeError):
    pass


_DIST_INFO = re.compile(r"pyside6(?:[-_]essentials)?-(\d+)\.(\d+)[^-]*\.dist-info", re.IGNORECASE)


def pyside_version() -> tuple[int, int] | None:
    """From the name of PySide6's .dist-info folder on sys.path: importing importlib.metadata (email, urllib,
    socket …) would cost about a tenth of the program's start; it is asked only when no folder is found."""
    for folder in sys.path:
        if not os.path.isdir(os.path.join(folder or ".", "PySide6")):
            continue
        try:
            names = os.listdir(folder or ".")
        except OSError:
            continue
        for name in names:
            found = _DIST_INFO.fullmatch(name)
            if found:
                return int(found.group(1)), int(found.group(2))
    return _metadata_version()


def _metadata_version() -> tuple[int, int] | None:
    from importlib import metadata  # noqa: PLC0415 - only when the folder scan finds nothing

    for dist in ("PySide6-Essentials", "PySide6"):
        try:
            major, minor = metadata.version(dist).split(".")[:2]
            return int(major), int(minor)
        except (metadata.PackageNotFoundError, ValueError):
            continue
    return None


def required_features(machine: str, qt: tuple[int, int] | None) -> tuple[str, ...]:
    """What this Qt build needs of an x86-64 processor; unknown version: assume the newer need."""
    if machine.lower() not in ("x86_64", "amd64"):
        return ()  # ARM64 wheels need plain ARMv8-A, which every 飞腾 and 鲲鹏 processor is
    return X86_64_V2 if qt is None or qt >= V2_FROM_QT else ()


def linux_features(cpuinfo: Path = Path("/proc/cpuinfo")) -> set[str] | None:
    try:
        text = cpuinfo.read_text(encoding="ascii", errors="replace")
    except OSError:
        return None  # no /proc (a strange sandbox): do not stop a program that may well run
    for line in text.splitlines():
        if line.startswith("flags"):
            return set(line.partition(":")[2].split())
    return None


def windows_features(wanted: tuple[str, ...]) -> set[str]:
    import ctypes  # noqa: PLC0415 - Windows only

    present = ctypes.windll.kernel32.IsProcessorFeaturePresent  # type: ignore[attr-defined]
    known = {name for name in wanted if name in _WINDOWS_FEATURES and present(_WINDOWS_FEATURES[name])}
    return known | {name for name in wanted if name not in _WINDOWS_FEATURES and "sse4_2" in known}


def missing(have: set[str] | None, required: tuple[str, ...]) -> list[str]:
    return [] if have is None else [name for name in required if name not in have]


def message(lacking: list[str], qt: tuple[int, int] | None) -> str:
    shown = "、".join(name.upper().replace("_", ".") for name in lacking)
    built = f"（图形界面库 Qt {qt[0]}.{qt[1]}）" if qt else ""
    return (f"本电脑的处理器过旧，无法运行此版本的政务公开年报助手{built}：它需要支持 x86-64-v2 指令集"
            f"（SSE4.2 等）的处理器，本机缺少 {shown}。\n"
            "请改用兼容版安装包（UOS 20 / 麒麟 V10 兼容版，Qt 6.9，支持更早的处理器），或联系信息化管理部门。")


def _machine() -> str:
    """platform.machine() without loading platform (its import compiles a dozen patterns) where os.uname has it."""
    if hasattr(os, "uname"):
        return os.uname().machine
    import platform  # noqa: PLC0415 - Windows

    return platform.machine()


def check(machine: str | None = None, have: set[str] | None = None) -> str | None:
    """The Chinese message when this processor cannot run the installed Qt, else None."""
    qt = pyside_version()
    required = required_features(machine or _machine(), qt)
    if not required:
        return None
    if have is None:
        have = windows_features(required) if sys.platform == "win32" else linux_features()
    lacking = missing(have, required)
    return message(lacking, qt) if lacking else None


def require() -> None:
    """Stop with the message (on the console, and in a message box on Windows, where zwgk.exe has no console)."""
    text = check()
    if text is None:
        return
    if sys.stderr is not None:
        print(text, file=sys.stderr)
    if sys.platform == "win32":
        import ctypes  # noqa: PLC0415

        ctypes.windll.user32.MessageBoxW(None, text, "政务公开年报助手", 0x10)  # type: ignore[attr-defined]
    raise SystemExit(3)
