"""Chinese typed through a real fcitx5 (Debian's, started here on Xvfb with its own session bus) reaches a grid
cell and a text box: the desktop asks Qt for fcitx as UOS and Kylin do, the program routes through the IBus portal
(the bundle has no fcitx plugin: docs/packaging.md, 中文输入).
The window runs in a process of its own (tests/ui/window/fcitx_driver.py) because this suite's Qt runs offscreen."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
TOOLS = ("Xvfb", "fcitx5", "dbus-daemon", "dbus-send", "xdotool")
PORTAL = "org.freedesktop.portal.IBus"
START_S = 60
# fcitx5's default profile has only the keyboard; this one adds 拼音 (Ctrl+Space switches), as a clerk's desktop has.
PROFILE = """[Groups/0]
Name=Default
Default Layout=us
DefaultIM=pinyin

[Groups/0/Items/0]
Name=keyboard-us
Layout=

[Groups/0/Items/1]
Name=pinyin
Layout=

[GroupOrder]
0=Default
"""


def _started(cmd: list[str], env: dict[str, str], log: Path, **kw) -> subprocess.Popen:
    with log.open("wb") as out:  # the child keeps its own descriptor
        return subprocess.Popen(cmd, env=env, stdout=kw.pop("stdout", out), stderr=out, **kw)


def _portal_up(env: dict[str, str]) -> bool:
    done = subprocess.run(["dbus-send", "--session", "--print-reply", "--dest=org.freedesktop.DBus",
                           "/org/freedesktop/DBus", "org.freedesktop.DBus.NameHasOwner", f"string:{PORTAL}"],
                          env=env, capture_output=True, text=True, timeout=10)
    return "boolean true" in done.stdout


# A fresh fcitx5 for every test: it keeps 拼音 switched on from one program to the next.
@pytest.fixture
def desktop(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """Xvfb, a session bus and fcitx5 with 拼音; the environment a program on that desktop gets."""
    for tool in TOOLS:  # not a skip: scripts/bootstrap.sh installs them
        assert shutil.which(tool), f"{tool} is missing: run scripts/bootstrap.sh"
    base = tmp_path_factory.mktemp("fcitx-desktop")
    home = base / "home"
    (home / ".config" / "fcitx5").mkdir(parents=True)
    (home / ".config" / "fcitx5" / "profile").write_text(PROFILE, encoding="utf-8")
    env = {"PATH": os.environ["PATH"], "HOME": str(home), "LANG": "C.UTF-8", "XDG_CONFIG_HOME": str(home / ".config"),
           "XDG_RUNTIME_DIR": str(base)}
    procs: list[subprocess.Popen] = []
    try:
        read_fd, write_fd = os.pipe()
        procs.append(_started(["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "1366x768x24", "-nolisten", "tcp"],
                              env, base / "xvfb.log", pass_fds=(write_fd,)))
        os.close(write_fd)
        with os.fdopen(read_fd) as pipe:
            display = pipe.readline().strip()  # Xvfb writes its display number once it accepts clients
        assert display, (base / "xvfb.log").read_text(errors="replace")
        env["DISPLAY"] = f":{display}"
        bus = _started(["dbus-daemon", "--session", "--nofork", "--print-address=1",
                        f"--address=unix:path={base / 'bus'}"], env, base / "dbus.log", stdout=subprocess.PIPE)
        procs.append(bus)
        env["DBUS_SESSION_BUS_ADDRESS"] = bus.stdout.readline().decode().strip()  # printed once it listens
        fcitx = _started(["fcitx5", "--disable=cloudpinyin", "--keep"], env, base / "fcitx5.log")
        procs.append(fcitx)
        for _ in range(START_S * 10):  # until fcitx5 owns the portal name (or has died)
            if _portal_up(env):
                break
            with pytest.raises(subprocess.TimeoutExpired):
                fcitx.wait(timeout=0.1)
        assert _portal_up(env), (base / "fcitx5.log").read_text(errors="replace")[-3000:]
        yield env
    finally:
        for proc in reversed(procs):
            proc.terminate()
            proc.wait(timeout=30)
            if proc.stdout:
                proc.stdout.close()


def _typed(desktop: dict[str, str], *args: str) -> dict[str, object]:
    # What UOS 20 and Kylin V10 put into every program's environment.
    env = {**desktop, "QT_QPA_PLATFORM": "xcb", "QT_IM_MODULE": "fcitx", "XMODIFIERS": "@im=fcitx",
           "GTK_IM_MODULE": "fcitx"}
    done = subprocess.run([sys.executable, "-m", "tests.ui.window.fcitx_driver", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)
    lines = done.stdout.strip().splitlines()
    assert lines, done.stderr[-3000:]
    seen = json.loads(lines[-1])
    assert done.returncode == 0 and "error" not in seen, (seen, done.stderr[-3000:])
    assert seen["cell_editor"] == "25.1万元"  # 25.1 typed in English, then wanyuan + space in 拼音
    assert seen["cell_value"] == "25.1"
    assert seen["text_shown"] == "政府信息公开" and seen["text_saved"] == "政府信息公开"
    return seen


def test_pinyin_typed_through_fcitx5_arrives_in_a_grid_cell_and_a_text_box(desktop):
    assert _typed(desktop)["plugin"] == "ibus"


def test_a_qt_with_an_fcitx_plugin_is_still_routed_when_the_program_does_not_ship_one(desktop):
    # A system Qt plugin folder may hold one (a distribution's fcitx5-frontend-qt6): the program does not rely on it.
    assert _typed(desktop, "--without-fcitx-plugin")["plugin"] == "ibus"
