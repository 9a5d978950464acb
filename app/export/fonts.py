"""Which font names the exports write: a plain setting shared by the Word export and Qt printing.

Offices expect the GB2312 family (仿宋_GB2312, 楷体_GB2312, 方正小标宋简体). They are common on government PCs but not
part of Windows, so the automatic default takes them only where installed and otherwise names the Windows built-ins
(仿宋, 楷体, 宋体, 黑体), which every Windows PC that opens the file has.
"""

from __future__ import annotations

import shutil
import sys
from dataclasses import dataclass
from functools import cache

GB2312_BODY, GB2312_KAI, XIAOBIAOSONG = "仿宋_GB2312", "楷体_GB2312", "方正小标宋简体"
FANGSONG, KAITI, SONGTI, HEITI = "仿宋", "楷体", "宋体", "黑体"

# What a renderer (Qt printing, a web browser) may use when a named font is missing on *this* machine. The CJK
# "SC" faces are named explicitly: a bare fallback lets Qt pick the Japanese Noto face.
SUBSTITUTES: dict[str, tuple[str, ...]] = {
    GB2312_BODY: (FANGSONG, "FangSong", "STFangsong", "Noto Serif CJK SC", "AR PL UMing CN"),
    FANGSONG: ("FangSong", "STFangsong", "Noto Serif CJK SC", "AR PL UMing CN"),
    GB2312_KAI: (KAITI, "KaiTi", "STKaiti", "AR PL UKai CN", "Noto Serif CJK SC"),
    KAITI: ("KaiTi", "STKaiti", "AR PL UKai CN", "Noto Serif CJK SC"),
    XIAOBIAOSONG: ("华文中宋", "STZhongsong", SONGTI, "SimSun", "Noto Serif CJK SC"),
    SONGTI: ("SimSun", "STSong", "Noto Serif CJK SC", "AR PL UMing CN"),
    HEITI: ("SimHei", "STHeiti", "Noto Sans CJK SC"),
}


@dataclass(frozen=True)
class FontSet:
    """Font family names per typographic role (GB/T 9704-2012 roles)."""

    title: str = XIAOBIAOSONG  # 2号小标宋
    body: str = GB2312_BODY  # 3号仿宋: body text and tables
    heading1: str = HEITI  # 一、 黑体
    heading2: str = GB2312_KAI  # （一） 楷体
    page_number: str = SONGTI  # 4号宋体
    title_bold: bool = False  # a 宋体 stand-in for 小标宋 needs bold to look like a title

    def families(self, name: str) -> list[str]:
        """The name followed by its stand-ins, for renderers that take a fallback list."""
        return [name, *SUBSTITUTES.get(name, ())]


def windows_builtin_fonts() -> FontSet:
    return FontSet(title=SONGTI, body=FANGSONG, heading1=HEITI, heading2=KAITI, page_number=SONGTI, title_bold=True)


@cache
def installed_families() -> frozenset[str]:
    """Font family names known to this machine (Windows registry or fontconfig); empty when unknown."""
    import subprocess  # noqa: PLC0415 - asked when exporting or drawing, not when the window starts (startup_vs_floor)

    names: set[str] = set()
    if sys.platform == "win32":
        names |= _windows_registry_families()
    fc_list = shutil.which("fc-list")
    if fc_list:
        try:
            out = subprocess.run([fc_list, ":", "family"], capture_output=True, text=True, timeout=10,
                                 encoding="utf-8", errors="replace").stdout
        except (OSError, subprocess.SubprocessError):
            out = ""
        for line in out.splitlines():
            names.update(part.strip() for part in line.split(",") if part.strip())
    return frozenset(names)


def _windows_registry_families() -> set[str]:
    import winreg  # noqa: PLC0415 - Windows only

    names: set[str] = set()
    key_path = r"SOFTWARE\Microsoft\Windows NT\CurrentVersion\Fonts"
    for root in (winreg.HKEY_LOCAL_MACHINE, winreg.HKEY_CURRENT_USER):
        try:
            with winreg.OpenKey(root, key_path) as key:
                for i in range(winreg.QueryInfoKey(key)[1]):
                    value_name = winreg.EnumValue(key, i)[0]  # e.g. "仿宋_GB2312 (TrueType)", "宋体 & 新宋体 (TrueType)"
                    for part in value_name.split(" (")[0].split("&"):
                        names.add(part.strip())
        except OSError:
            continue
    return names


def default_fonts(installed: frozenset[str] | None = None) -> FontSet:
    """GB2312 names for each role whose font is installed, Windows built-ins for the rest."""
    have = installed_families() if installed is None else installed
    builtin = windows_builtin_fonts()
    title = XIAOBIAOSONG if XIAOBIAOSONG in have else builtin.title
    return FontSet(title=title,
                   body=GB2312_BODY if GB2312_BODY in have else builtin.body,
                   heading1=HEITI,
                   heading2=GB2312_KAI if GB2312_KAI in have else builtin.heading2,
                   page_number=SONGTI,
                   title_bold=title != XIAOBIAOSONG)
