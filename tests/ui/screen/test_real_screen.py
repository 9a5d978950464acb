"""The program on a real screen: an X server (Xvfb) at 1366 × 768 with a window manager and its taskbar (icewm), as a
clerk's office PC has. The window, its frame, its dialogs and the keys go through a real window system here, which
the offscreen platform of the other tests cannot show.

The tests themselves are in real/ and run in a child pytest with QT_QPA_PLATFORM=xcb on that display (a process has
one Qt platform). Screenshots of what they saw go to $ZWGK_SCREENSHOTS (default: the test's temporary folder).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

REAL = Path(__file__).resolve().parent / "real"
ROOT = Path(__file__).resolve().parents[3]
SCREEN = "1366x768x24"
WM_TIMEOUT_S = 30
# Chinese window titles in the frames and the taskbar (the default font has no CJK glyphs): screenshots read true.
ICEWM_PREFERENCES = """TitleFontNameXft="Noto Sans CJK SC:size=10"
NormalTaskBarFontNameXft="Noto Sans CJK SC:size=9"
ActiveTaskBarFontNameXft="Noto Sans CJK SC:size=9:bold"
ShowTaskBar=1
TaskBarAtTop=0
"""


def _wait_for(what: str, ready, timeout: float = WM_TIMEOUT_S) -> None:
    """Poll a condition of another process (the X server, the window manager): they give no signal to wait on."""
    deadline = time.monotonic() + timeout
    while not ready():
        if time.monotonic() > deadline:
            raise RuntimeError(f"{what} did not come up within {timeout} s")
        time.sleep(0.05)


def _workarea(display: str) -> list[int]:
    done = subprocess.run(["xprop", "-root", "_NET_WORKAREA"], capture_output=True, text=True,
                          env=dict(os.environ, DISPLAY=display), check=False)
    if "=" not in done.stdout:
        return []
    return [int(v) for v in done.stdout.split("=", 1)[1].split(",")[:4]]


@pytest.fixture(scope="module")
def office_screen(tmp_path_factory):
    """DISPLAY of an Xvfb 1366 × 768 screen whose window manager keeps a taskbar at the bottom."""
    missing = [tool for tool in ("Xvfb", "icewm", "xprop") if shutil.which(tool) is None]
    if sys.platform != "linux":
        pytest.skip("an X server is a Linux thing; Windows runs its own window system")
    assert not missing, f"scripts/bootstrap.sh installs these: {missing}"
    read, write = os.pipe()
    server = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", SCREEN, "-nolisten", "tcp"],
                              pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write)
    with os.fdopen(read) as numbers:
        display = f":{numbers.readline().strip()}"
    prefs = tmp_path_factory.mktemp("icewm")
    (prefs / "preferences").write_text(ICEWM_PREFERENCES, encoding="utf-8")
    env = dict(os.environ, DISPLAY=display, ICEWM_PRIVCFG=str(prefs))
    wm = subprocess.Popen(["icewm"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        # The taskbar is there when the work area (where windows may go) is shorter than the screen.
        _wait_for("icewm with its taskbar", lambda: (area := _workarea(display)) and area[3] < 768)
        yield display
    finally:
        wm.terminate()
        server.terminate()
        wm.wait(10)
        server.wait(10)


def test_a_clerks_session_on_a_1366_by_768_screen_with_a_taskbar(office_screen, tmp_path):
    shots = Path(os.environ.get("ZWGK_SCREENSHOTS") or tmp_path / "screenshots")
    env = dict(os.environ, DISPLAY=office_screen, QT_QPA_PLATFORM="xcb", ZWGK_REAL_SCREEN="1",
               ZWGK_SCREENSHOTS=str(shots))
    env.pop("WAYLAND_DISPLAY", None)
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--basetemp",
                           str(tmp_path / "child"), str(REAL)], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=900)
    assert done.returncode == 0, done.stdout[-8000:] + done.stderr[-4000:]
    assert sorted(p.name for p in shots.glob("*.png"))  # what the tests saw, to look at
