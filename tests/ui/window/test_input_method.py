"""Choosing Qt's input plugin on fcitx desktops (ui.window.input_method) and the self-test's 中文输入法 line."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from ui.window import input_method as im

ROOT = Path(__file__).resolve().parents[3]
PYSIDE_PLUGINS = frozenset({"ibus", "compose"})
UOS_SESSION = {"QT_IM_MODULE": "fcitx", "XMODIFIERS": "@im=fcitx", "GTK_IM_MODULE": "fcitx"}


def test_a_fcitx_desktop_is_routed_through_the_ibus_portal_when_no_fcitx_plugin_is_bundled():
    route = im.plan(UOS_SESSION, PYSIDE_PLUGINS)
    assert route.requested == ("fcitx",)
    assert route.changes == {"QT_IM_MODULE": "ibus", "IBUS_USE_PORTAL": "1"}
    assert route.via_portal


def test_qt_im_modules_list_and_xmodifiers_alone_count_as_asking_for_fcitx():
    listed = im.plan({"QT_IM_MODULES": "fcitx5;wayland", "QT_IM_MODULE": "xim"}, PYSIDE_PLUGINS)
    assert listed.requested == ("fcitx5", "wayland")
    assert listed.changes == {"QT_IM_MODULE": "ibus", "IBUS_USE_PORTAL": "1", "QT_IM_MODULES": "ibus"}
    only_x = im.plan({"XMODIFIERS": "@im=fcitx"}, PYSIDE_PLUGINS)
    assert only_x.requested == ("fcitx",) and only_x.via_portal


@pytest.mark.parametrize("env, bundled", [
    ({"QT_IM_MODULE": "ibus", "XMODIFIERS": "@im=ibus"}, PYSIDE_PLUGINS),  # an ibus desktop gets what it asked
    ({}, PYSIDE_PLUGINS),  # no input method at all (a terminal, the self-test on a server)
    (UOS_SESSION, PYSIDE_PLUGINS | {"fcitx", "fcitx5"}),  # a build that carries fcitx5-qt's plugin uses it
    (UOS_SESSION, frozenset({"compose"})),  # nothing to route through
])
def test_nothing_changes_when_routing_would_not_help(env, bundled):
    assert im.plan(env, bundled).changes == {}


def test_a_portal_setting_of_the_user_is_kept():
    assert im.plan({**UOS_SESSION, "IBUS_USE_PORTAL": "0"}, PYSIDE_PLUGINS).changes["IBUS_USE_PORTAL"] == "0"


def test_bundled_plugins_are_read_from_the_plugin_file_names(tmp_path):
    for name in ("libibusplatforminputcontextplugin.so", "libcomposeplatforminputcontextplugin.so", "readme.txt"):
        (tmp_path / name).write_bytes(b"")
    assert im.bundled_plugins(tmp_path) == {"ibus", "compose"}
    (tmp_path / "libfcitx5platforminputcontextplugin.so").write_bytes(b"")
    assert im.bundled_plugins(tmp_path) == {"ibus", "compose", "fcitx", "fcitx5"}
    assert im.bundled_plugins(tmp_path / "missing") == frozenset()


def test_this_qt_has_the_ibus_plugin_the_routing_relies_on():
    assert {"ibus", "compose"} <= im.bundled_plugins()


def test_prepare_sets_the_environment_it_planned(monkeypatch):
    env = dict(UOS_SESSION)
    monkeypatch.setattr(im, "bundled_plugins", lambda folder=None: PYSIDE_PLUGINS)  # the wheel's plugins, no fcitx
    route = im.prepare(env)
    assert route.via_portal and env["QT_IM_MODULE"] == "ibus" and env["IBUS_USE_PORTAL"] == "1"
    assert env["XMODIFIERS"] == "@im=fcitx"  # X and GTK programs keep using fcitx itself


def test_loaded_plugin_is_read_from_the_process_memory_map(tmp_path):
    maps = tmp_path / "maps"
    maps.write_text("7f00 r-xp 00000000 fd:00 1 /opt/zwgk/_internal/PySide6/Qt/plugins/platforminputcontexts/"
                    "libibusplatforminputcontextplugin.so\n", encoding="utf-8")
    assert im.loaded_plugin(maps) == "ibus"
    maps.write_text("7f00 r-xp 00000000 fd:00 1 /usr/lib/libc.so.6\n", encoding="utf-8")
    assert im.loaded_plugin(maps) is None
    assert im.loaded_plugin(tmp_path / "none") is None


def test_the_self_test_line_fails_when_a_chinese_input_method_is_asked_for_but_qt_has_only_compose():
    route = im.plan(UOS_SESSION, frozenset({"compose"}))
    with pytest.raises(RuntimeError, match=r"桌面要求的输入法（fcitx）本程序无法使用，Qt 只加载了 compose"):
        im.describe(route, "compose")
    text = im.describe(im.plan(UOS_SESSION, PYSIDE_PLUGINS), "ibus")
    assert text.startswith("Qt 加载的输入法插件：ibus（桌面要求：fcitx，经 fcitx5 的 IBus 接口")


def _self_test(env: dict[str, str]) -> str:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("QT_IM", "XMODIFIERS", "IBUS"))}
    done = subprocess.run([sys.executable, "-m", "ui", "--self-test"], cwd=ROOT, env={**base, **env},
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    return next(line for line in done.stdout.splitlines() if "中文输入法" in line)


def test_self_test_names_the_plugin_qt_loaded_on_a_fcitx_desktop():
    assert _self_test(UOS_SESSION).startswith("[通过] 中文输入法：Qt 加载的输入法插件：ibus（桌面要求：fcitx，经 fcitx5")
