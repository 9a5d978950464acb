"""Packaging: build the bundle and the .deb once (session fixture), unpack the .deb into a temporary root and run the
installed program's self-test there (also without any network). The Windows installer: test_installer_script.py
and test_installer_wine.py."""

from __future__ import annotations

import configparser
import os
import re
import shutil
import subprocess
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

import pytest

ROOT = Path(__file__).resolve().parents[2]
VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
PACKAGE_LIMIT_MB = 50  # the target for the .deb (MB = 10**6 bytes, as the benchmark reports it)


def _need(tool: str) -> str:
    path = shutil.which(tool)
    # Not a skip: scripts/bootstrap.sh installs every tool these tests use; a missing one is a broken set-up.
    assert path, f"{tool} is missing: run scripts/bootstrap.sh (it installs {tool})"
    return path


@dataclass(frozen=True)
class Build:
    deb: Path
    root: Path  # the .deb unpacked with dpkg-deb -x

    @property
    def program(self) -> Path:
        return self.root / "opt" / "zwgk" / "zwgk"


@pytest.fixture(scope="session")
def build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    for tool in ("dpkg-deb", "objdump"):
        _need(tool)
    base = tmp_path_factory.mktemp("package")
    env = {**os.environ, "DIST": str(base / "dist"), "WORK": str(base / "work"), "PYTHON": sys.executable}
    done = subprocess.run(["bash", str(ROOT / "build_scripts" / "build_linux.sh")], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=1200)
    assert done.returncode == 0, f"build_linux.sh failed:\n{done.stderr[-4000:]}"
    deb = Path(done.stdout.strip().splitlines()[-1])
    assert deb.is_file(), done.stdout
    root = base / "root"
    subprocess.run(["dpkg-deb", "-x", str(deb), str(root)], check=True)
    return Build(deb, root)


def _clean_env(home: Path, **extra: str) -> dict[str, str]:
    """What a desktop session gives the program: no venv, no PYTHONPATH, no Qt platform chosen by the test suite."""
    env = {"PATH": "/usr/bin:/bin", "HOME": str(home), "LANG": "C.UTF-8", "TMPDIR": str(home)}
    env.update(extra)
    return env


def _self_test(cmd: list[str], home: Path, **env: str) -> subprocess.CompletedProcess[str]:
    home.mkdir(parents=True, exist_ok=True)
    return subprocess.run([*cmd, "--self-test"], env=_clean_env(home, **env), cwd=home, capture_output=True,
                          text=True, timeout=300)


def _assert_passed(done: subprocess.CompletedProcess[str]) -> None:
    out = done.stdout + done.stderr
    assert done.returncode == 0, out
    assert "自检通过" in done.stdout, out
    assert "[失败]" not in done.stdout, out
    assert "[跳过]" not in done.stdout, f"the bundle lacks a part the self-test covers:\n{out}"


# -- the package ----------------------------------------------------------------------------------------------------

def test_deb_metadata(build: Build) -> None:
    fields = subprocess.run(["dpkg-deb", "-f", str(build.deb)], capture_output=True, text=True, check=True).stdout
    control = dict(line.split(": ", 1) for line in fields.splitlines() if ": " in line and not line.startswith(" "))
    arch = subprocess.run(["dpkg", "--print-architecture"], capture_output=True, text=True, check=True).stdout.strip()
    assert control["Package"] == "zwgk"
    assert control["Version"] == VERSION
    assert control["Architecture"] == arch
    assert re.match(r"libc6 \(>= 2\.\d+\)", control["Depends"])
    assert "fonts-noto-cjk" in control["Recommends"]
    # xz-compressed members, and within the size target
    members = subprocess.run(["ar", "t", str(build.deb)], capture_output=True, text=True, check=True).stdout.split()
    assert "data.tar.xz" in members
    assert build.deb.stat().st_size <= PACKAGE_LIMIT_MB * 10**6


def test_deb_desktop_integration(build: Build) -> None:
    r = build.root
    assert (r / "usr/bin/zwgk").is_symlink() and (r / "usr/bin/zwgk").resolve() == build.program.resolve()
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # keys are case-sensitive
    entry.read(r / "usr/share/applications/zwgk.desktop", encoding="utf-8")
    desktop = entry["Desktop Entry"]
    assert desktop["Name"] == "政务公开年报助手"
    assert desktop["Exec"] == "/opt/zwgk/zwgk %f"
    assert desktop["MimeType"] == "application/x-zwgk;"
    assert (r / "usr/share/icons/hicolor/256x256/apps" / f"{desktop['Icon']}.png").is_file()

    ns = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}
    mime = ElementTree.parse(r / "usr/share/mime/packages/zwgk.xml").getroot().find("m:mime-type", ns)
    assert mime.get("type") == "application/x-zwgk"
    assert mime.find("m:glob", ns).get("pattern") == "*.zwgk"
    icon = mime.find("m:icon", ns).get("name")
    assert (r / "usr/share/icons/hicolor/48x48/mimetypes" / f"{icon}.png").is_file()


def test_installed_files_are_readable_by_every_user(build: Build) -> None:
    for path in (build.root / "opt" / "zwgk").rglob("*"):
        if path.is_symlink():
            assert path.exists(), f"dangling link {path}"
            continue
        mode = path.stat().st_mode
        assert mode & 0o004, f"{path} is not world-readable"
        if path.is_dir():
            assert mode & 0o001, f"{path} is not world-searchable"
    assert build.program.stat().st_mode & 0o001


def test_bundle_ships_only_what_the_app_uses(build: Build) -> None:
    internal = build.root / "opt" / "zwgk" / "_internal"
    qt = internal / "PySide6" / "Qt"
    assert sorted(p.name for p in (qt / "translations").iterdir()) == ["qtbase_zh_CN.qm"]
    platforms = sorted(p.name for p in (qt / "plugins" / "platforms").iterdir())
    assert platforms == ["libqoffscreen.so", "libqxcb.so"]
    assert not (qt / "plugins" / "platformthemes" / "libqgtk3.so").exists()
    libs = {p.name for p in internal.rglob("*.so*")}
    for unused in ("libQt6Network.so.6", "libQt6Qml.so.6", "libQt6Quick.so.6", "libssl.so.3", "libgtk-3.so.0"):
        assert unused not in libs
    for needed in ("libQt6Core.so.6", "libQt6Gui.so.6", "libQt6Widgets.so.6", "libQt6XcbQpa.so.6"):
        assert needed in libs
    for folder in ("formats", "examples", "icons"):
        assert any((internal / "resources" / folder).iterdir()), folder
    # stripped: no ELF in the bundle keeps a symbol table
    unstripped = [p.name for p in internal.rglob("*.so*")
                  if ".symtab" in subprocess.run(["objdump", "-h", str(p)], capture_output=True, text=True).stdout]
    assert not unstripped


def test_every_bundled_library_finds_its_dependencies(build: Build) -> None:
    internal = build.root / "opt" / "zwgk" / "_internal"
    missing = {}
    for lib in [build.program, *internal.rglob("*.so*")]:
        out = subprocess.run(["ldd", str(lib)], capture_output=True, text=True,
                             env={"LD_LIBRARY_PATH": f"{internal}:{internal / 'PySide6' / 'Qt' / 'lib'}"}).stdout
        gone = [line.split()[0] for line in out.splitlines() if "not found" in line]
        if gone:
            missing[lib.name] = gone
    assert not missing


def test_version_is_stamped_from_pyproject(build: Build, tmp_path: Path) -> None:
    done = subprocess.run([str(build.program), "--version"], env=_clean_env(tmp_path), capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"政务公开年报助手 {VERSION}"


# -- the self-test of the installed program --------------------------------------------------------------------------

def test_unpacked_deb_passes_its_self_test(build: Build, tmp_path: Path) -> None:
    done = _self_test([str(build.root / "usr" / "bin" / "zwgk")], tmp_path / "home")
    _assert_passed(done)
    assert "安装版" in done.stdout  # the frozen program ran, not a Python from the test environment
    # No settings, recovery copies or logs in the user's profile (fontconfig may cache fonts there: not ours).
    left = [p for p in (tmp_path / "home").rglob("*") if p.is_file() and ".cache/fontconfig" not in p.as_posix()]
    assert left == [], "the self-test left files in the user's home"


def test_bundled_program_opens_a_real_x11_window(build: Build, tmp_path: Path) -> None:
    """The xcb platform plugin and the X libraries it brings along work (under Xvfb), not only offscreen."""
    xvfb_run = _need("xvfb-run")
    home = tmp_path / "home"
    home.mkdir()
    done = subprocess.run([xvfb_run, "-a", str(build.program), "--self-test", "--window-only"], cwd=home,
                          env=_clean_env(home, QT_QPA_PLATFORM="xcb"), capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "窗口已就绪" in done.stdout


# A seccomp filter, installed by a small wrapper that then execs the program: the kernel refuses every IPv4/IPv6
# socket (EACCES) for the program, its threads and children. Unlike a network namespace this needs no privileges
# and works in containers and chroots.
NO_INET = r'''
import ctypes, os, platform, struct, sys

ARCH = {"x86_64": (0xC000003E, 41), "aarch64": (0xC00000B7, 198)}  # AUDIT_ARCH_*, __NR_socket
audit_arch, nr_socket = ARCH[platform.machine()]
LD, JEQ, RET = 0x20, 0x15, 0x06
ALLOW, DENY = 0x7FFF0000, 0x00050000 | 13  # SECCOMP_RET_ALLOW, SECCOMP_RET_ERRNO | EACCES
program = [
    (LD, 0, 0, 4), (JEQ, 0, 5, audit_arch),  # another ABI: allow
    (LD, 0, 0, 0), (JEQ, 0, 3, nr_socket),   # not socket(): allow
    (LD, 0, 0, 16),                          # socket()'s domain argument
    (JEQ, 2, 0, 2), (JEQ, 1, 0, 10),         # AF_INET, AF_INET6: deny
    (RET, 0, 0, ALLOW), (RET, 0, 0, DENY),
]
raw = b"".join(struct.pack("HBBI", *ins) for ins in program)
buf = ctypes.create_string_buffer(raw)
class Prog(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]
prog = Prog(len(program), ctypes.addressof(buf))
libc = ctypes.CDLL(None, use_errno=True)
if libc.prctl(38, 1, 0, 0, 0) or libc.prctl(22, 2, ctypes.byref(prog), 0, 0):  # NO_NEW_PRIVS, SECCOMP filter
    sys.exit(f"seccomp: {os.strerror(ctypes.get_errno())}")
os.execv(sys.argv[1], sys.argv[1:])
'''


def test_unpacked_deb_self_test_without_network(build: Build, tmp_path: Path) -> None:
    wrapper = tmp_path / "no_inet.py"
    wrapper.write_text(NO_INET, encoding="utf-8")
    probe = subprocess.run([sys.executable, str(wrapper), sys.executable, "-c", "import socket; socket.socket()"],
                           capture_output=True, text=True)
    assert probe.returncode != 0 and "PermissionError" in probe.stderr, probe.stderr  # the filter really bites
    local = subprocess.run([sys.executable, str(wrapper), sys.executable, "-c",
                            "import socket; socket.socket(socket.AF_UNIX).close()"], capture_output=True, text=True)
    assert local.returncode == 0, local.stderr  # local IPC (X11, D-Bus) still works
    done = _self_test([sys.executable, str(wrapper), str(build.program)], tmp_path / "home")
    _assert_passed(done)
    assert "[通过] 不联网" in done.stdout


# -- no network, from source: socket.socket itself raises -------------------------------------------------------------

SITECUSTOMIZE = '''
import socket, sys

class _NoNetwork(OSError):
    pass

def _refuse(*args, **kwargs):
    raise _NoNetwork("network disabled by the test")

class _Socket(socket.socket):
    def __init__(self, family=-1, *args, **kwargs):
        if family in (socket.AF_INET, socket.AF_INET6, -1):
            _refuse()
        super().__init__(family, *args, **kwargs)

socket.socket = _Socket
socket.create_connection = _refuse
socket.getaddrinfo = _refuse
socket.gethostbyname = _refuse
sys.stderr.write("sockets disabled\\n")
'''


def test_source_self_test_passes_with_sockets_disabled(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
    probe = subprocess.run([sys.executable, "-c", "import socket; socket.socket()"], capture_output=True, text=True,
                           env=_clean_env(tmp_path, PYTHONPATH=str(site)))
    assert probe.returncode != 0 and "network disabled by the test" in probe.stderr  # the guard really bites
    done = _self_test([sys.executable, "-m", "ui"], tmp_path / "home",
                      PYTHONPATH=os.pathsep.join([str(site), str(ROOT)]))
    assert "sockets disabled" in done.stderr
    _assert_passed(done)
    assert "[通过] 不联网" in done.stdout
