"""The Windows installer, run under Wine (Debian's wine64, Chinese locale) with a stand-in zwgk.exe that logs how it
was started: what a clerk and county IT do with it (install silently or through the wizard, open a report, upgrade
with the program closed and while it runs, uninstall) and what each leaves on the PC. How Wine is set up, and what
differs from Windows: tests/build_scripts/wine_harness.py and docs/packaging.md."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PureWindowsPath

import pytest

from tests.build_scripts import wine_harness as wh
from tests.build_scripts.signing import Signer, make_signer
from ui.window.running import RUNNING_MUTEX

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "build_scripts" / "installer.nsi"
TITLE = "政务公开年报助手"
LINK = f"{TITLE}.lnk"
OLD, NEW = "0.1.0", "0.2.0"
EXIT_RUNNING, EXIT_FOLDER = 3, 4  # installer.nsi
STANDIN = object()  # in a bundle listing: the compiled stand-in program

# Two stand-in bundles shaped like PyInstaller's: NEW drops a top-level file and an _internal file OLD had, and adds
# a top-level file of its own (which only a list made from the bundle lets the uninstaller remove).
BUNDLES: dict[str, dict[str, object]] = {
    OLD: {"zwgk.exe": STANDIN, "zwgk-cli.exe": STANDIN, "zwgk-legacy.dll": b"a top-level file 0.2.0 no longer has",
          "_internal/python311.dll": b"python of 0.1.0", "_internal/old_only.pyd": b"gone in 0.2.0",
          "_internal/resources/examples/jindian-2021.zwgk": b"{}"},
    NEW: {"zwgk.exe": STANDIN, "zwgk-cli.exe": STANDIN, "许可说明.txt": "一个新版本新增的顶层文件".encode(),
          "_internal/python311.dll": b"python of 0.2.0", "_internal/resources/examples/jindian-2021.zwgk": b"{}",
          "_internal/PySide6/Qt/plugins/platforms/qwindows.dll": b"qt platform plugin"},
}

unavailable = wh.unavailable_reason()
pytestmark = pytest.mark.skipif(unavailable is not None, reason=f"the installer cannot run under Wine: {unavailable}")


@dataclass(frozen=True)
class Kit:
    base: Path
    pristine: Path
    locale_env: dict[str, str]
    setups: dict[str, Path]
    drive: Path
    signer: Signer
    standin: Path


def _bundle(folder: Path, files: dict[str, object], standin: Path) -> Path:
    for rel, content in files.items():
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if content is STANDIN:
            shutil.copyfile(standin, path)
        else:
            path.write_bytes(content)  # type: ignore[arg-type]
    return folder


def _compile_installer(base: Path, version: str, bundle: Path, *defines: str) -> Path:
    files = base / f"files-{version}.nsh"
    made = subprocess.run([sys.executable, str(ROOT / "build_scripts" / "nsis_files.py"), str(bundle), str(files)],
                          capture_output=True, text=True)
    assert made.returncode == 0, made.stderr
    setup = base / f"zwgk-{version}-setup.exe"
    # Debian's wine64 runs 64-bit programs only; the Windows build makes the x86 installer from the same script.
    done = subprocess.run(["makensis", "-V2", "-WX", "-XTarget amd64-unicode", f"-DVERSION={version}",
                           f"-DFILES={files}", f"-DOUTFILE={setup}", *defines, str(SCRIPT)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr
    return setup


@pytest.fixture(scope="module")
def kit() -> Iterator[Kit]:
    missing = wh.which_tools()
    assert not missing, f"missing {missing}: run scripts/bootstrap.sh (it installs wine64, mingw-w64, nsis, locales)"
    base = Path(tempfile.mkdtemp(prefix="zwgk-wine-"))  # pytest's own folders are closed to the Wine user
    base.chmod(0o755)
    prefix = wh.PrefixBuild(base / "wine")
    try:
        mutex = RUNNING_MUTEX.replace("\\", "\\\\")
        standin = wh.compile_exe(wh.SOURCES / "standin.c", base / "standin.exe", f'-DZWGK_MUTEX=L"{mutex}"')
        drive = wh.compile_exe(wh.SOURCES / "drive.c", base / "drive.exe", "-lgdi32", "-lole32", "-luuid")
        signer = make_signer(base)  # NEW is signed through the build's hook, as with the county's certificate
        setups = {v: _compile_installer(base, v, _bundle(base / f"bundle-{v}", files, standin),
                                        *([f"-DSIGN={signer.command}"] if v == NEW else []))
                  for v, files in BUNDLES.items()}
        try:
            pristine, locale_env = prefix.finish()
        except wh.WineCannotRun as e:
            pytest.skip(f"Wine cannot run here: {e}")
        yield Kit(base, pristine, locale_env, setups, drive, signer, standin)
    finally:
        prefix.abandon()
        shutil.rmtree(base, ignore_errors=True)


@dataclass
class PC:
    """One Windows PC (a Wine prefix of its own) and the test's hands at it (drive.exe)."""

    wine: wh.Wine
    kit: Kit
    hands: wh.Driver

    def install(self, version: str, *args: str) -> int:
        return self.hands.run(" ".join([f'"{self.wine.windows(self.kit.setups[version])}"', *args]))

    def uninstall(self, folder: PureWindowsPath, *args: str) -> int:
        return self.hands.run(" ".join([f'"{folder}\\uninstall.exe"', *args]))

    def wizard(self, version: str) -> subprocess.Popen[str]:
        return self.wine.start(str(self.wine.windows(self.kit.setups[version])), talk=False)

    @property
    def profile(self) -> PureWindowsPath:
        return self.wine.profile

    def path(self, windows: PureWindowsPath) -> Path:
        return self.wine.unix(windows)


@pytest.fixture
def pc(kit: Kit, request: pytest.FixtureRequest) -> Iterator[PC]:
    name = re.sub(r"\W+", "-", request.node.name)
    w = wh.clone_prefix(kit.pristine, kit.base / "tests" / name, kit.locale_env)
    w.env["ZWGK_STANDIN_LOG"] = str(w.windows(w.home / "standin.log"))
    machine = PC(w, kit, wh.Driver(w, kit.drive, TITLE))
    try:
        yield machine
    finally:
        machine.hands.close()
        w.stop()
        shutil.rmtree(kit.base / "tests" / name, ignore_errors=True)


# -- what the tests look at ------------------------------------------------------------------------------------------

def per_user_dir(pc: PC) -> PureWindowsPath:
    return pc.profile / "AppData" / "Local" / "Programs" / "zwgk"


def start_menu(pc: PC) -> PureWindowsPath:
    return pc.profile / "AppData" / "Roaming" / "Microsoft" / "Windows" / "Start Menu" / "Programs" / LINK


def files_in(pc: PC, folder: PureWindowsPath) -> dict[str, str]:
    """Every file under the folder: relative path → SHA-256."""
    return _digests(pc.path(folder))


def _digests(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def bundle_files(pc: PC, version: str) -> dict[str, str]:
    return _digests(pc.kit.base / f"bundle-{version}")


OUR_KEYS = (r"Software\zwgk", r"Software\Microsoft\Windows\CurrentVersion\Uninstall\zwgk", r"Software\Classes\.zwgk",
            r"Software\Classes\zwgk.report")


def our_keys(pc: PC, root: str = "HKCU") -> dict[str, dict[str, object]]:
    return pc.hands.registry(root, *OUR_KEYS)


def snapshot(pc: PC, folder: PureWindowsPath) -> tuple:
    """What an installer could change: the program folder, our registry keys in both roots, the shortcuts."""
    links = [pc.path(start_menu(pc)), pc.path(pc.profile / "Desktop" / LINK)]
    return (files_in(pc, folder), our_keys(pc, "HKCU"), our_keys(pc, "HKLM"),
            [p.read_bytes() if p.exists() else None for p in links])


def standin_starts(pc: PC) -> list[list[str]]:
    """One entry per start of the stand-in: its working folder, then its arguments."""
    log = pc.wine.home / "standin.log"
    return [line.split("\t") for line in log.read_text(encoding="utf-8").splitlines()] if log.exists() else []


@contextmanager
def program_running(pc: PC, folder: PureWindowsPath, sign: str = "mutex") -> Iterator[None]:
    """The program, running until the block ends, showing one sign of it only, so that each of the installer's two
    checks is tested alone: "mutex", a stand-in started from elsewhere that holds the program's mutex; "locked", the
    installed zwgk.exe running without a mutex (as 0.1.0 did), which Windows and Wine keep from being written."""
    exe, how = ((pc.wine.windows(pc.kit.standin), "--hold") if sign == "mutex" else (folder / "zwgk.exe", "--old"))
    proc = pc.wine.start(str(exe), how)
    assert proc.stdin and proc.stdout and proc.stdout.readline().strip() == "ready"
    try:
        yield
    finally:
        proc.stdin.close()  # the stand-in ends
        proc.wait(timeout=wh.TIMEOUT)
        proc.stdout.close()


def same_path(a: str, b: PureWindowsPath) -> bool:
    return PureWindowsPath(a) == b  # Windows paths compare without regard to case


def assert_shortcut(pc: PC, link: PureWindowsPath, folder: PureWindowsPath) -> None:
    shortcut = pc.hands.link(link)
    assert same_path(shortcut.target, folder / "zwgk.exe"), shortcut
    assert same_path(shortcut.working_dir, folder), shortcut  # the program starts in its own folder
    assert same_path(shortcut.icon, folder / "zwgk.exe") and shortcut.icon_index == 0, shortcut
    assert shortcut.arguments == ""


def mirror_association_into_hklm(pc: PC) -> None:
    """Windows shows HKCU\\Software\\Classes merged over HKLM's as HKEY_CLASSES_ROOT, which is where ShellExecute
    looks. Wine 8's HKCR is HKLM\\Software\\Classes alone, so for the double-click the test copies the per-user
    association there, as Windows' merged view would show it (an all-users install needs no copy)."""
    keys = pc.hands.registry("HKCU", r"Software\Classes\.zwgk", r"Software\Classes\zwgk.report")
    assert keys, "the installer wrote no association"
    pc.wine.set_registry(wh.to_reg({k.replace("HKEY_CURRENT_USER", "HKEY_LOCAL_MACHINE", 1): v
                                    for k, v in keys.items()}))


def save_report(pc: PC, path: PureWindowsPath) -> bytes:
    content = '{"format": "gov-2021", "agency": "金殿镇人民政府"}'.encode()
    target = pc.path(path)
    subprocess.run([*wh.as_wine_user(), "mkdir", "-p", str(target.parent)], check=True)
    target.write_bytes(content)
    if os.geteuid() == 0:
        os.chown(target, wh.NOBODY, wh.NOBODY)  # the clerk's own file
    return content


SETTINGS = '[HKEY_CURRENT_USER\\Software\\zwgk\\zwgk]\n"recentFiles"="C:\\\\报告\\\\金殿镇.zwgk"\n'
SETTINGS_KEY = {r"HKEY_CURRENT_USER\Software\zwgk\zwgk": {"recentFiles": "C:\\报告\\金殿镇.zwgk"}}


# -- installing for the clerk ----------------------------------------------------------------------------------

def test_silent_install_for_the_current_user_and_opening_a_report(pc):
    assert pc.install(NEW, "/S") == 0
    folder = per_user_dir(pc)
    files = files_in(pc, folder)
    assert files == bundle_files(pc, NEW) | {"uninstall.exe": files["uninstall.exe"]}
    pc.kit.signer.verify(pc.path(folder / "uninstall.exe"))  # signed before it was packed
    for link in (start_menu(pc), pc.profile / "Desktop" / LINK):
        assert_shortcut(pc, link, folder)

    keys = our_keys(pc, "HKCU")
    assert keys[r"HKEY_CURRENT_USER\Software\zwgk"] == {"InstallDir": str(folder), "Version": NEW}
    entry = keys[r"HKEY_CURRENT_USER\Software\Microsoft\Windows\CurrentVersion\Uninstall\zwgk"]
    assert entry["DisplayName"] == TITLE and entry["DisplayVersion"] == NEW
    assert entry["UninstallString"] == f'"{folder}\\uninstall.exe"'
    assert entry["QuietUninstallString"] == f'"{folder}\\uninstall.exe" /S'
    assert entry["InstallLocation"] == str(folder) and entry["DisplayIcon"] == f"{folder}\\zwgk.exe,0"
    assert keys[r"HKEY_CURRENT_USER\Software\Classes\.zwgk"][""] == "zwgk.report"
    command = keys[r"HKEY_CURRENT_USER\Software\Classes\zwgk.report\shell\open\command"][""]
    assert command == f'"{folder}\\zwgk.exe" "%1"'
    assert our_keys(pc, "HKLM") == {}  # per user: nothing that needs administrator rights

    report = pc.profile / "Documents" / "金殿镇2025年政府信息公开工作年度报告.zwgk"
    save_report(pc, report)
    mirror_association_into_hklm(pc)
    assert pc.hands.open(report) == 0
    assert pc.hands.open(start_menu(pc)) == 0
    opened_report, from_menu = standin_starts(pc)
    assert [PureWindowsPath(a) for a in opened_report[1:]] == [report]  # the full path, as one argument
    assert same_path(from_menu[0], folder) and from_menu[1:] == []  # the shortcut: its working folder, no arguments


# -- upgrades ------------------------------------------------------------------------------------------------------

def test_upgrade_with_the_program_closed_replaces_exactly_the_program_files(pc):
    assert pc.install(OLD, "/S") == 0
    folder = per_user_dir(pc)
    kept = save_report(pc, folder / "我的报告.zwgk")  # someone saved a report among the program files
    pc.wine.set_registry(SETTINGS)
    assert pc.install(NEW, "/S") == 0
    files = files_in(pc, folder)
    assert files.keys() == bundle_files(pc, NEW).keys() | {"uninstall.exe", "我的报告.zwgk"}  # nothing of OLD left
    assert all(files[name] == digest for name, digest in bundle_files(pc, NEW).items())
    assert pc.path(folder / "我的报告.zwgk").read_bytes() == kept
    keys = our_keys(pc)
    assert keys[r"HKEY_CURRENT_USER\Software\zwgk"]["Version"] == NEW
    assert keys[r"HKEY_CURRENT_USER\Software\zwgk\zwgk"] == SETTINGS_KEY[r"HKEY_CURRENT_USER\Software\zwgk\zwgk"]
    uninstall = r"HKEY_CURRENT_USER\Software\Microsoft\Windows\CurrentVersion\Uninstall\zwgk"
    assert keys[uninstall]["DisplayVersion"] == NEW
    assert_shortcut(pc, start_menu(pc), folder)


def test_silent_upgrade_while_the_program_runs_is_refused_and_changes_nothing(pc):
    assert pc.install(OLD, "/S") == 0
    folder = per_user_dir(pc)
    before = snapshot(pc, folder)
    with program_running(pc, folder, "mutex"):
        assert pc.install(NEW, "/S") == EXIT_RUNNING
    assert snapshot(pc, folder) == before
    with program_running(pc, folder, "locked"):
        assert pc.install(NEW, "/S") == EXIT_RUNNING
    assert snapshot(pc, folder) == before
    assert pc.install(NEW, "/S") == 0  # closed: the same upgrade goes through
    assert our_keys(pc)[r"HKEY_CURRENT_USER\Software\zwgk"]["Version"] == NEW


def walk_to_folder_page(hands: wh.Driver, preselected: str, folder: str | None = None) -> None:
    """Welcome → the mode page (Wine's user is an administrator), which offers `preselected`; 只为我 → components →
    folder page."""
    hands.must("wait", "欢迎使用")
    hands.must("click", "下一步")
    hands.must("wait", "选择安装方式")
    hands.must("checked", preselected)
    hands.must("click", "只为我")
    hands.must("click", "下一步")
    hands.must("wait", "选择组件")
    hands.must("click", "下一步")
    hands.must("wait", "选择安装位置")
    if folder:
        hands.must("type", folder)


def finish_without_starting(hands: wh.Driver) -> None:
    hands.must("wait", f"{TITLE} 已经成功安装到本机。")  # the finish page
    hands.must("click", "运行")  # untick: do not start the program now
    hands.must("click", "完成")
    hands.must("closed")


def test_wizard_asks_to_close_the_program_cancel_changes_nothing_retry_goes_on(pc):
    assert pc.install(OLD, "/S") == 0
    folder = per_user_dir(pc)
    before = snapshot(pc, folder)
    hands = pc.hands
    with program_running(pc, folder):
        setup = pc.wizard(NEW)
        walk_to_folder_page(hands, "只为我")  # this user's installation is the one to upgrade
        hands.must("click", "安装")
        asked = hands.must("box", "取消").text
        assert f"{TITLE}正在运行" in asked
        assert f"请保存报告，关闭{TITLE}的所有窗口，然后单击“重试”。" in asked
        assert "单击“取消”退出，不做任何更改。" in asked
        hands.must("wait", f"{TITLE}正在运行（程序窗口已打开），已取消，没有做任何更改。")  # the details list
        hands.must("click", "取消")
        hands.must("closed")
        assert setup.wait(timeout=wh.TIMEOUT) == EXIT_RUNNING
        assert snapshot(pc, folder) == before

        setup = pc.wizard(NEW)
        walk_to_folder_page(hands, "只为我")
        hands.must("click", "安装")
        hands.must("box", "重试")
        hands.must("box", "重试")  # still running: asked again
    hands.must("box", "重试")  # closed now: the installation goes on
    finish_without_starting(hands)
    assert setup.wait(timeout=wh.TIMEOUT) == 0
    assert our_keys(pc)[r"HKEY_CURRENT_USER\Software\zwgk"]["Version"] == NEW
    assert files_in(pc, folder).keys() == bundle_files(pc, NEW).keys() | {"uninstall.exe"}


# -- the folder ----------------------------------------------------------------------------------------------------

def test_a_folder_the_user_cannot_write_is_refused_with_the_reason(pc):
    unix_folder = pc.wine.home / "只读文件夹"
    subprocess.run([*wh.as_wine_user(), "mkdir", "-m", "555", str(unix_folder)], check=True)
    target = pc.wine.windows(unix_folder) / "zwgk"
    assert pc.install(NEW, "/S", f"/D={target}") == EXIT_FOLDER
    assert our_keys(pc) == {} and not pc.path(target).exists()

    hands = pc.hands
    setup = pc.wizard(NEW)
    walk_to_folder_page(hands, "所有用户", str(target))  # an elevated wizard on a fresh PC offers all users
    hands.must("click", "安装")
    refused = hands.must("box", "确定").text
    assert f"不能安装到这个文件夹：\n{target}" in refused
    assert "原因：您没有这个文件夹的写入权限（拒绝访问）。" in refused
    assert f"请选择您有写入权限的文件夹，例如 {per_user_dir(pc)}。" in refused
    hands.must("wait", "选择安装位置")  # still on the folder page
    hands.must("type", str(per_user_dir(pc)))
    hands.must("click", "安装")
    finish_without_starting(hands)
    assert setup.wait(timeout=wh.TIMEOUT) == 0
    assert "zwgk.exe" in files_in(pc, per_user_dir(pc))


# -- uninstalling --------------------------------------------------------------------------------------------------

def test_uninstall_is_refused_while_the_program_runs_and_then_keeps_reports_and_settings(pc):
    assert pc.install(NEW, "/S") == 0
    folder = per_user_dir(pc)
    in_documents, in_folder = pc.profile / "Documents" / "金殿镇2025年报.zwgk", folder / "我的报告.zwgk"
    reports = {path: save_report(pc, path) for path in (in_documents, in_folder)}
    pc.wine.set_registry(SETTINGS)
    before = snapshot(pc, folder)
    for sign in ("mutex", "locked"):
        with program_running(pc, folder, sign):
            assert pc.uninstall(folder, "/S", f"_?={folder}") == EXIT_RUNNING
        assert snapshot(pc, folder) == before

    # As 设置 → 应用 does: UninstallString, which copies itself to %TEMP%\~nsuA.tmp\Un.exe, starts that copy and
    # returns at once.
    assert pc.uninstall(folder, "/S") == 0
    pc.hands.gone("Un.exe")
    assert files_in(pc, folder) == {"我的报告.zwgk": hashlib.sha256(reports[in_folder]).hexdigest()}
    assert all(pc.path(path).read_bytes() == content for path, content in reports.items())
    assert not pc.path(start_menu(pc)).exists() and not pc.path(pc.profile / "Desktop" / LINK).exists()
    # Everything the installer wrote is gone; the settings stay (a reinstall finds them).
    assert our_keys(pc) == {r"HKEY_CURRENT_USER\Software\zwgk": {}} | SETTINGS_KEY


# -- all users -------------------------------------------------------------------------------------------------

def test_all_users_install_for_county_it(pc):
    """Under Wine every user is an administrator: that /ALLUSERS is refused without rights is for Windows to show."""
    assert pc.install(NEW, "/S", "/ALLUSERS") == 0
    folder = PureWindowsPath("C:/Program Files/zwgk")
    assert files_in(pc, folder).keys() == bundle_files(pc, NEW).keys() | {"uninstall.exe"}
    for link in (PureWindowsPath("C:/ProgramData/Microsoft/Windows/Start Menu/Programs") / LINK,
                 PureWindowsPath("C:/users/Public/Desktop") / LINK):
        assert_shortcut(pc, link, folder)
    assert our_keys(pc, "HKCU") == {} and not pc.path(per_user_dir(pc)).exists()
    keys = our_keys(pc, "HKLM")
    assert keys[r"HKEY_LOCAL_MACHINE\Software\zwgk"] == {"InstallDir": str(folder), "Version": NEW}
    uninstall = r"HKEY_LOCAL_MACHINE\Software\Microsoft\Windows\CurrentVersion\Uninstall\zwgk"
    assert keys[uninstall]["InstallLocation"] == str(folder)
    report = pc.profile / "Documents" / "金殿镇2025年报.zwgk"
    save_report(pc, report)
    assert pc.hands.open(report) == 0  # HKLM's association is what Wine reads: no copy needed
    assert [PureWindowsPath(a) for a in standin_starts(pc)[0][1:]] == [report]

    assert pc.uninstall(folder, "/S", f"_?={folder}") == 0
    assert files_in(pc, folder).keys() == {"uninstall.exe"}  # it ran from there (_?=), so it stays
    assert our_keys(pc, "HKLM") == {}


# -- the wizard's texts ------------------------------------------------------------------------------------------

ALLOWED_LATIN = {"zwgk", "Program", "Files", "KB", "MB", "GB"}


def english_words(texts: list[str], user: str) -> set[str]:
    """Latin words a Chinese user would have to read: paths, the .zwgk suffix and his user name aside."""
    words = set()
    for text in texts:
        text = re.sub(r"[A-Za-z]:\\\S*", "", text)
        words |= {w for w in re.findall(r"[A-Za-z]{2,}", text) if w not in ALLOWED_LATIN | {user}}
    return words


def check_page(pc: PC, heading: str) -> list[str]:
    page = pc.hands.must("wait", heading)
    assert not english_words(page.texts, pc.wine.user), page.texts
    fit = pc.hands("fit")
    assert fit.ok, f"texts cut off on the page {heading}: {fit.texts}"
    return page.texts


@pytest.mark.parametrize("dpi", [96, 144], ids=["100%", "150%"])
def test_every_wizard_page_is_chinese_and_its_texts_fit(pc, dpi):
    pc.wine.set_registry(f'[HKEY_CURRENT_USER\\Control Panel\\Desktop]\n"LogPixels"=dword:{dpi:08x}\n')
    pc.hands.close()  # read at a program's start: the hands measure at the new scale too
    hands = pc.hands = wh.Driver(pc.wine, pc.kit.drive, TITLE)
    setup = pc.wizard(NEW)
    for heading, button in (("欢迎使用", "下一步"), ("选择安装方式", "只为我"), ("选择组件", "下一步"),
                            ("选择安装位置", "安装")):
        texts = check_page(pc, heading)
        if heading == "选择组件":
            assert {f"{TITLE}（必需）", "桌面快捷方式", "关联 .zwgk 报告文件"} <= set(texts)
        hands.must("click", button)
        if button == "只为我":
            hands.must("click", "下一步")
    check_page(pc, "已经成功安装到本机")
    hands.must("click", "运行")
    hands.must("click", "完成")
    hands.must("closed")
    assert setup.wait(timeout=wh.TIMEOUT) == 0

    assert pc.uninstall(per_user_dir(pc)) == 0  # its copy in %TEMP% shows the wizard
    check_page(pc, "从本机卸载")
    hands.must("click", "卸载")
    check_page(pc, "卸载程序成功完成卸载。")
    hands.must("click", "关闭")
    hands.must("closed")
    hands.gone("Un.exe")
    assert not pc.path(per_user_dir(pc)).exists()
