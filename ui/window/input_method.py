"""Chinese input on Linux desktops that run fcitx (UOS, Kylin, Deepin): choose Qt's input plugin before the
QApplication exists.

Those desktops ask Qt for the `fcitx` plugin (QT_IM_MODULE=fcitx, XMODIFIERS=@im=fcitx). PySide6's Qt carries only
the `ibus` and `compose` plugins, so Qt silently takes `compose` and typing `nihao` gives `nihao`. fcitx5 also
answers as IBus through its portal interface (org.freedesktop.portal.IBus on the session bus), so when the desktop
wants fcitx and no fcitx plugin is bundled, the program asks for `ibus` with IBUS_USE_PORTAL=1. fcitx 4 (Sogou on
UOS 20 and Kylin V10) has no IBus interface: there only a bundled fcitx plugin helps (docs/packaging.md).
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Mapping, MutableMapping
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QLibraryInfo

FCITX = ("fcitx", "fcitx5")
# Qt's plugin files: libibusplatforminputcontextplugin.so, libfcitx5platforminputcontextplugin.so, …
_PLUGIN_FILE = re.compile(r"(?:lib)?(\w+?)platforminputcontextplugin\.(?:so|dll)$")
_LOADED = re.compile(r"/(?:lib)?(\w+?)platforminputcontextplugin\.so")


@dataclass(frozen=True)
class InputRoute:
    requested: tuple[str, ...]  # what the desktop asked for, in order (empty: nothing)
    bundled: frozenset[str]  # the input plugins this Qt has
    changes: dict[str, str] = field(default_factory=dict)  # environment set before the QApplication

    @property
    def via_portal(self) -> bool:
        return self.changes.get("QT_IM_MODULE") == "ibus"


def desktop_request(env: Mapping[str, str]) -> tuple[str, ...]:
    """The plugins the session asks Qt for: QT_IM_MODULES (Qt ≥ 6.8, ';'-separated), else QT_IM_MODULE, else the
    X input method named in XMODIFIERS (set by every fcitx/ibus desktop even when the Qt variable is not)."""
    for name in ("QT_IM_MODULES", "QT_IM_MODULE"):
        keys = tuple(k.strip().lower() for k in env.get(name, "").split(";") if k.strip())
        if keys:
            return keys
    match = re.search(r"@im=(\w+)", env.get("XMODIFIERS", ""))
    return (match.group(1).lower(),) if match else ()


def bundled_plugins(folder: Path | None = None) -> frozenset[str]:
    """The input-context plugins Qt can load: the file names in its platforminputcontexts folder."""
    if folder is None:
        folder = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)) / "platforminputcontexts"
    if not folder.is_dir():
        return frozenset()
    found = {m.group(1).lower() for p in folder.iterdir() if (m := _PLUGIN_FILE.match(p.name))}
    # fcitx5-qt's plugin answers to both names, as fcitx4's did.
    return frozenset(found | (set(FCITX) if found & set(FCITX) else set()))


def plan(env: Mapping[str, str], bundled: frozenset[str]) -> InputRoute:
    requested = desktop_request(env)
    wants_fcitx = any(key in FCITX for key in requested)
    if not wants_fcitx or bundled & set(FCITX) or "ibus" not in bundled:
        return InputRoute(requested, bundled)
    changes = {"QT_IM_MODULE": "ibus", "IBUS_USE_PORTAL": env.get("IBUS_USE_PORTAL") or "1"}
    if env.get("QT_IM_MODULES"):  # it wins over QT_IM_MODULE where Qt reads it
        changes["QT_IM_MODULES"] = "ibus"
    return InputRoute(requested, bundled, changes)


def prepare(env: MutableMapping[str, str] = os.environ) -> InputRoute:
    """Decide and set the environment; call before the QApplication is created (Qt reads it once, then)."""
    route = plan(env, bundled_plugins()) if sys.platform.startswith("linux") else InputRoute((), frozenset())
    env.update(route.changes)
    return route


def loaded_plugin(maps: Path = Path("/proc/self/maps")) -> str | None:
    """The input plugin Qt really loaded into this process (Linux), or None when it loaded none."""
    try:
        text = maps.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    match = _LOADED.search(text)
    return match.group(1) if match else None


def describe(route: InputRoute, loaded: str | None) -> str:
    """The self-test's line; RuntimeError when the desktop wants a Chinese input method that Qt cannot reach."""
    if sys.platform == "win32":
        return "Windows 系统输入法（由 Qt 的 Windows 平台插件直接支持）"
    asked = "、".join(route.requested) or "未指定"
    if loaded in (None, "compose") and any(key in (*FCITX, "ibus") for key in route.requested):
        raise RuntimeError(f"桌面要求的输入法（{asked}）本程序无法使用，Qt 只加载了 {loaded or '无'}，"
                           "将无法输入中文。请使用 fcitx5 或 ibus 输入法（docs/packaging.md“中文输入”）")
    via = "，经 fcitx5 的 IBus 接口（IBUS_USE_PORTAL=1）" if route.via_portal else ""
    return f"Qt 加载的输入法插件：{loaded or '无'}（桌面要求：{asked}{via}；本程序带有：{'、'.join(sorted(route.bundled)) or '无'}）"
