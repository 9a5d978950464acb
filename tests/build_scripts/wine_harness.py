"""Running the Windows installer under Wine for tests/build_scripts/test_installer_wine.py.

Debian's wine64 (8.0) runs 64-bit Windows programs only, so the tests compile installer.nsi for amd64-unicode;
build_windows.ps1 builds the x86-unicode installer that NSIS' Windows release supports, from the same script (it
sets the 64-bit registry view itself, so both behave the same). Wine runs with a Chinese locale (zh_CN.UTF-8, made
with localedef when the system lacks it), its null graphics driver (windows exist and can be driven, nothing is drawn,
no X server needed) and, when the tests run as root, as the unprivileged user nobody: a clerk is not root, and a
folder he cannot write to must really refuse him.

One prefix is made per session (wineboot, ~10 s); each test gets a copy of hard links to its read-only files (a file
Wine changes is replaced, never written in place, so the copies stay independent) and its own wineserver.
"""

from __future__ import annotations

import os
import platform
import pwd
import re
import select
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path, PureWindowsPath

WINE = Path("/usr/lib/wine/wine64")
WINESERVER = Path("/usr/lib/wine/wineserver64")
MINGW_GCC = "x86_64-w64-mingw32-gcc"
SOURCES = Path(__file__).resolve().parent / "wine"
LOCALE = "zh_CN.UTF-8"
NOBODY = 65534
TIMEOUT = 120  # seconds any single Wine program may take before the test fails instead of hanging


def unavailable_reason() -> str | None:
    """Why Wine cannot run the installer on this machine at all, or None. Missing packages are not a reason:
    scripts/bootstrap.sh installs them on every machine where they can run."""
    if platform.machine() not in ("x86_64", "AMD64"):
        return f"Debian's wine64 runs x86-64 Windows programs only on x86-64 machines; this one is {platform.machine()}"
    return None


def compile_exe(source: Path, out: Path, *flags: str) -> Path:
    done = subprocess.run([MINGW_GCC, "-municode", "-O2", "-s", "-Wall", "-Werror", "-o", str(out), str(source),
                           *flags], capture_output=True, text=True, timeout=TIMEOUT)
    assert done.returncode == 0, done.stderr
    return out


def _chinese_locale(base: Path) -> dict[str, str]:
    """LANG for Wine, plus LOCPATH when the locale had to be made here (no root needed, nothing system-wide)."""
    have = subprocess.run(["locale", "-a"], capture_output=True, text=True).stdout.split()
    if "zh_CN.utf8" in have:
        return {"LANG": LOCALE, "LC_ALL": LOCALE}
    locales = base / "locale"
    locales.mkdir(exist_ok=True)
    done = subprocess.run(["localedef", "-i", "zh_CN", "-f", "UTF-8", str(locales / LOCALE)], capture_output=True,
                          text=True, timeout=TIMEOUT)
    assert done.returncode in (0, 1) and (locales / LOCALE).is_dir(), f"localedef failed: {done.stderr}"
    return {"LANG": LOCALE, "LC_ALL": LOCALE, "LOCPATH": str(locales)}


def as_wine_user() -> list[str]:
    return ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups", "--"] if os.geteuid() == 0 else []


def wine_user() -> str:
    return pwd.getpwuid(NOBODY if os.geteuid() == 0 else os.geteuid()).pw_name


class Wine:
    """One Wine prefix, used by one test."""

    def __init__(self, prefix: Path, home: Path, locale_env: dict[str, str]) -> None:
        self.prefix, self.home = prefix, home
        self.user = wine_user()
        self.env = {"PATH": "/usr/bin:/bin", "HOME": str(home), "USER": self.user, "LOGNAME": self.user,
                    "WINEPREFIX": str(prefix), "WINEDEBUG": "-all",
                    # no menu entries in $HOME, no .NET or Gecko installers at the first start
                    "WINEDLLOVERRIDES": "winemenubuilder.exe,mscoree,mshtml=d", **locale_env}
        self.profile = PureWindowsPath("C:/users") / self.user

    # -- processes --

    def command(self, *args: str) -> list[str]:
        return [*as_wine_user(), str(WINE), *args]

    def run(self, *args: str, timeout: int = TIMEOUT) -> subprocess.CompletedProcess[str]:
        """Run a Windows program and wait for it (not for the pipes: Wine's session processes inherit them)."""
        with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
            proc = subprocess.Popen(self.command(*args), env=self.env, stdin=subprocess.DEVNULL, stdout=out,
                                    stderr=err)
            code = proc.wait(timeout=timeout)
            texts = []
            for f in (out, err):
                f.seek(0)
                texts.append(f.read().decode("utf-8", errors="replace"))
        return subprocess.CompletedProcess(args, code, *texts)

    def boot(self) -> None:
        """A wineserver that stays until stop(), and Wine's session processes started without our pipes: each
        later program then starts in a fraction of a second instead of a whole Wine session."""
        self.server("-p")
        subprocess.run(self.command("cmd", "/c", "exit"), env=self.env, stdin=subprocess.DEVNULL,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=TIMEOUT)

    def start(self, *args: str, talk: bool = True) -> subprocess.Popen[str]:
        """A Windows program left running; talk: its stdin and stdout are pipes to this test."""
        pipe = subprocess.PIPE if talk else subprocess.DEVNULL
        return subprocess.Popen(self.command(*args), env=self.env, stdin=pipe, stdout=pipe,
                                stderr=subprocess.DEVNULL, text=True, encoding="utf-8")

    def server(self, *args: str) -> None:
        # no pipes: a server started here keeps running and would hold them open
        subprocess.run([*as_wine_user(), str(WINESERVER), *args], env=self.env, stdin=subprocess.DEVNULL,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=TIMEOUT)

    def stop(self) -> None:
        self.server("-k")

    # -- paths --

    def unix(self, path: PureWindowsPath | str) -> Path:
        """Where a Windows path of this prefix is on Linux (C: is drive_c, Z: is /)."""
        win = PureWindowsPath(path)
        rest = Path(*win.parts[1:]) if len(win.parts) > 1 else Path()
        if win.drive.upper() == "Z:":
            return Path("/") / rest
        assert win.drive.upper() == "C:", path
        return self.prefix / "drive_c" / rest

    def windows(self, path: Path) -> PureWindowsPath:
        return PureWindowsPath("Z:\\" + str(path).lstrip("/").replace("/", "\\"))

    # -- registry --

    def set_registry(self, text: str) -> None:
        """Import .reg text (the header is added here)."""
        reg = self.home / "import.reg"
        reg.write_text("Windows Registry Editor Version 5.00\n\n" + text, encoding="utf-16")
        done = self.run("reg", "import", str(self.windows(reg)))
        assert done.returncode == 0, done.stdout + done.stderr


class PrefixBuild:
    """A fresh Wine prefix under base, owned by the Wine user: wineboot starts at once (it takes the longest), so
    that the caller can compile meanwhile; finish() waits and makes the prefix's files read-only."""

    def __init__(self, base: Path) -> None:
        base.mkdir(parents=True, exist_ok=True)
        base.chmod(0o755)
        self.locale_env = _chinese_locale(base)
        self.pristine, home = base / "pristine", base / "home-init"
        for folder in (self.pristine, home):
            folder.mkdir()
            if os.geteuid() == 0:
                os.chown(folder, NOBODY, NOBODY)
        self.wine = Wine(self.pristine, home, self.locale_env)
        self.log = tempfile.TemporaryFile()  # noqa: SIM115 - closed by finish()
        self.boot = subprocess.Popen(self.wine.command("wineboot", "-i"), env=self.wine.env,
                                     stdin=subprocess.DEVNULL, stdout=self.log, stderr=self.log)

    def finish(self) -> tuple[Path, dict[str, str]]:
        code = self.boot.wait(timeout=300)
        self.log.seek(0)
        output = self.log.read().decode("utf-8", errors="replace")
        self.log.close()
        if code != 0:
            raise WineCannotRun(f"wineboot failed ({code}): {output[-1500:]}")
        wine = self.wine
        # The null graphics driver (no X server), Windows 10, and a settled registry on disk.
        wine.set_registry('[HKEY_CURRENT_USER\\Software\\Wine\\Drivers]\n"Graphics"="null"\n\n'
                          '[HKEY_CURRENT_USER\\Software\\Wine]\n"Version"="win10"\n')
        wine.server("-w")
        assert (self.pristine / "system.reg").is_file(), "Wine wrote no registry"
        # Wine links Desktop, Documents … to $HOME; as on Windows they become folders of the profile, so that every
        # copy of the prefix has its own.
        script = (f'for d in "{wine.unix(wine.profile)}"/*; do [ -L "$d" ] && rm "$d" && mkdir "$d"; done; '
                  f'chmod -R a-w "{self.pristine}" && find "{self.pristine}" -type d -exec chmod u+w {{}} +')
        subprocess.run([*as_wine_user(), "sh", "-c", script], check=True)
        return self.pristine, self.locale_env

    def abandon(self) -> None:
        """After a failure elsewhere: no Wine process of this prefix may outlive the tests."""
        self.wine.stop()
        self.boot.wait(timeout=TIMEOUT)


class WineCannotRun(RuntimeError):
    pass


def clone_prefix(pristine: Path, target: Path, locale_env: dict[str, str]) -> Wine:
    target.mkdir(parents=True)
    if os.geteuid() == 0:
        os.chown(target, NOBODY, NOBODY)
    home = target / "home"
    subprocess.run([*as_wine_user(), "mkdir", str(home)], check=True)
    subprocess.run([*as_wine_user(), "cp", "-al", str(pristine), str(target / "prefix")], check=True)
    wine = Wine(target / "prefix", home, locale_env)
    wine.boot()
    return wine


@dataclass(frozen=True)
class Shortcut:
    target: str
    working_dir: str
    arguments: str
    icon: str
    icon_index: int


# -- driving the wizard --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Answer:
    ok: bool
    texts: list[str]

    @property
    def text(self) -> str:
        return "\n".join(self.texts)


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", lambda m: {"n": "\n", "t": "\t"}.get(m[1], m[1]), text)


class Driver:
    """drive.exe (wine/drive.c), the test's hands and eyes at the PC: one command, one answer line."""

    def __init__(self, wine: Wine, exe: Path, title_prefix: str) -> None:
        self.proc = wine.start(str(wine.windows(exe)), title_prefix)

    def __call__(self, *fields: str) -> Answer:
        assert self.proc.stdin and self.proc.stdout
        self.proc.stdin.write("\t".join(fields) + "\n")
        self.proc.stdin.flush()
        ready, _, _ = select.select([self.proc.stdout], [], [], TIMEOUT)
        assert ready, f"drive.exe did not answer {fields}"
        line = self.proc.stdout.readline().rstrip("\n")
        assert line, f"drive.exe ended on {fields}"
        status, *texts = line.split("\t")
        return Answer(status == "ok", [_unescape(t) for t in texts])

    def must(self, *fields: str) -> Answer:
        answer = self(*fields)
        assert answer.ok, f"{fields}: {answer.texts}"
        return answer

    def registry(self, root: str, *keys: str) -> dict[str, dict[str, object]]:
        """Each key (root "HKCU" or "HKLM") with its subkeys: {full key name: {value name: str | int}}."""
        found: dict[str, dict[str, object]] = {}
        for field in self.must("reg", root, *keys).texts:
            parts = field.split("\x1f")
            values = found.setdefault(parts[0], {})
            if len(parts) == 3:
                kind, _, value = parts[2].partition(":")
                values[parts[1]] = int(value) if kind == "d" else value
        return found

    def link(self, path: PureWindowsPath) -> Shortcut:
        """A .lnk file as the Windows shell reads it (IShellLink)."""
        target, workdir, args, icon, index = (t if t != "-" else "" for t in self.must("link", str(path)).texts)
        return Shortcut(target, workdir, args, icon, int(index))

    def run(self, command_line: str) -> int:
        """Run a Windows command line exactly as written (NSIS wants /D= and _?= unquoted) and wait: its exit code."""
        return int(self.must("run", command_line).texts[0])

    def gone(self, program: str) -> None:
        self.must("gone", program)

    def open(self, path: PureWindowsPath) -> int:
        """Double-click: ShellExecute with the default verb; the exit code of the program it started."""
        return int(self.must("open", str(path)).texts[0])

    def close(self) -> None:
        if self.proc.stdin:
            self.proc.stdin.close()  # drive.exe ends at the end of its input
        self.proc.wait(timeout=TIMEOUT)
        if self.proc.stdout:
            self.proc.stdout.close()


def which_tools() -> list[str]:
    """The tools these tests need that are missing."""
    tools = [str(WINE), str(WINESERVER), MINGW_GCC, "makensis", "localedef"]
    if os.geteuid() == 0:
        tools.append("setpriv")
    return [t for t in tools if not (Path(t).is_file() if t.startswith("/") else shutil.which(t))]


def to_reg(keys: dict[str, dict[str, object]]) -> str:
    """.reg text (for Wine.set_registry) of keys as Driver.registry gives them: string and DWORD values."""
    def quote(text: str) -> str:
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'

    lines = []
    for key, values in keys.items():
        lines.append(f"[{key}]")
        for name, value in values.items():
            shown = f"dword:{value:08x}" if isinstance(value, int) else quote(str(value))
            lines.append(f"{'@' if name == '' else quote(name)}={shown}")
        lines.append("")
    return "\n".join(lines) + "\n"
