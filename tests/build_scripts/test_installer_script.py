"""The Windows installer script as makensis compiles it (here on Linux, for NSIS' x86 target as on Windows): the file
list generated from the bundle, one list for installing and uninstalling, registry and texts, the signing hooks. What
the installer then does on a PC is tested under Wine (test_installer_wine.py)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

from tests.build_scripts.signing import make_signer

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "build_scripts" / "installer.nsi"
GENERATOR = ROOT / "build_scripts" / "nsis_files.py"

BUNDLE = {  # shaped like PyInstaller's Windows bundle, with the names that need care
    "zwgk.exe": b"MZ", "zwgk-cli.exe": b"MZ", "许可说明.txt": b"x", "price$1.txt": b"$",
    "_internal/python311.dll": b"MZ", "_internal/resources/examples/金殿镇-2021.zwgk": b"{}",
    "_internal/PySide6/Qt/plugins/platforms/qwindows.dll": b"MZ", "_internal/PySide6/Qt/translations/qtbase_zh_CN.qm": b"",
}


def make_bundle(folder: Path) -> Path:
    for rel, content in BUNDLE.items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_bytes(content)
    (folder / "_internal" / "empty").mkdir()
    return folder


def generate(bundle: Path, out: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(GENERATOR), str(bundle), str(out)], capture_output=True, text=True)


def compile_installer(tmp_path: Path, *defines: str) -> str:
    makensis = shutil.which("makensis")
    assert makensis, "makensis is missing: run scripts/bootstrap.sh (it installs nsis)"
    files = tmp_path / "files.nsh"
    assert generate(make_bundle(tmp_path / "zwgk"), files).returncode == 0
    done = subprocess.run([makensis, "-V4", "-WX", "-DVERSION=0.2.0", f"-DFILES={files}",
                           f"-DOUTFILE={tmp_path / 'zwgk-0.2.0-setup.exe'}", *defines, str(SCRIPT)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr
    assert (tmp_path / "zwgk-0.2.0-setup.exe").read_bytes()[:2] == b"MZ"
    return done.stdout


def section(trace: str, name: str) -> str:
    start = trace.index(f'Section: "{name}"')
    end = trace.find("SectionEnd", start)
    return trace[start:end]


def nsis_path(rel: str) -> str:
    return "$INSTDIR\\" + rel.replace("/", "\\").replace("$", "$$")


def test_the_file_list_comes_from_the_bundle(tmp_path):
    out = tmp_path / "files.nsh"
    assert generate(make_bundle(tmp_path / "zwgk"), out).returncode == 0
    text = out.read_text(encoding="utf-8-sig")
    install, remove = text.split("!macro ZWGK_REMOVE_FILES")
    for rel in BUNDLE:
        name = rel.rpartition("/")[2].replace("$", "$$")
        assert f'File "/oname={name}" "{tmp_path / "zwgk" / rel}"' in install
        assert f'  Delete "{nsis_path(rel)}"' in remove
    assert len(re.findall(r"^  Delete ", remove, re.MULTILINE)) == len(BUNDLE)
    # folders deepest first, never recursively; the empty one too
    removed = re.findall(r'^  RMDir "(.+)"$', remove, re.MULTILINE)
    assert removed.index("$INSTDIR\\_internal\\PySide6\\Qt\\plugins\\platforms") < removed.index(
        "$INSTDIR\\_internal\\PySide6\\Qt\\plugins") < removed.index("$INSTDIR\\_internal")
    assert "$INSTDIR\\_internal\\empty" in removed and "/r" not in remove
    assert 'SetOutPath "$INSTDIR\\_internal\\empty"' in install


def test_the_generator_refuses_what_nsis_cannot_copy_and_says_where(tmp_path):
    bundle = make_bundle(tmp_path / "zwgk")
    (bundle / "a*b.txt").write_bytes(b"")
    done = generate(bundle, tmp_path / "files.nsh")
    assert done.returncode != 0 and "a*b.txt" in done.stderr
    missing = generate(tmp_path / "没有", tmp_path / "files.nsh")
    assert missing.returncode == 2 and "找不到程序文件夹" in missing.stderr


def test_the_installer_copies_and_the_uninstaller_deletes_the_same_list(tmp_path):
    trace = compile_installer(tmp_path)
    installed = re.findall(r'^File: "(.+?)"->', section(trace, "政务公开年报助手（必需）"), re.MULTILINE)
    assert sorted(installed) == sorted(rel.rpartition("/")[2] for rel in BUNDLE)
    uninstall = section(trace, "Uninstall")
    deleted = re.findall(r'^Delete: "(.+)"$', uninstall, re.MULTILINE)
    assert sorted(deleted) == sorted([nsis_path(rel) for rel in BUNDLE] + [
        "$INSTDIR\\uninstall.exe", "$SMPROGRAMS\\政务公开年报助手.lnk", "$DESKTOP\\政务公开年报助手.lnk"])
    assert "RMDir: /r" not in uninstall and 'RMDir: "$INSTDIR"' in uninstall  # a report saved there stays


def test_registry_follows_the_mode_and_texts_are_chinese(tmp_path):
    trace = compile_installer(tmp_path)
    # HKCU for a clerk, HKLM for all users: always written through SHCTX; HKCU and HKLM by name are only read, to
    # learn which installations there are.
    written = re.findall(r"^(?:WriteReg\w+|DeleteReg\w+): (\w+)\\", trace, re.MULTILINE)
    assert written and set(written) == {"SHCTX"}
    assert set(re.findall(r"^ReadRegStr \S+ (\w+)\\", trace, re.MULTILINE)) == {"SHCTX", "HKLM", "HKCU"}
    assert 'zwgk.report\\shell\\open\\command\\="$INSTDIR\\zwgk.exe" "%1"' in trace
    # No UAC prompt for a clerk without administrator rights (the manifest Windows reads before starting it).
    assert b'<requestedExecutionLevel level="asInvoker"' in (tmp_path / "zwgk-0.2.0-setup.exe").read_bytes()
    error_text = trace[trace.index("FileErrorText:"):trace.index("FileErrorText:") + 400]
    assert "重试" in error_text and not re.search(r"\[(Abort|Retry|Ignore|Cancel)\]", error_text)
    assert re.search(r'LangString: "DESC_ASSOC" 2052 ', trace)


def test_signing_hooks_sign_the_uninstaller_before_packing_and_then_the_installer(tmp_path):
    log = tmp_path / "signed.log"
    signer = tmp_path / "sign.py"  # records what it is given to sign
    signer.write_text(f"#!{sys.executable}\nimport sys\n"
                      "data = open(sys.argv[1], 'rb').read(2)\n"
                      f"open({str(log)!r}, 'a', encoding='utf-8').write(f'{{sys.argv[1]}}\\t{{data!r}}\\n')\n",
                      encoding="utf-8")
    signer.chmod(0o755)
    compile_installer(tmp_path, f"-DSIGN={signer}")
    calls = [line.split("\t") for line in log.read_text(encoding="utf-8").splitlines()]
    assert len(calls) == 2 and all(data == "b'MZ'" for _, data in calls)  # two Windows programs
    assert Path(calls[1][0]) == tmp_path / "zwgk-0.2.0-setup.exe"  # the installer last, once it is complete
    assert Path(calls[0][0]) != tmp_path / "zwgk-0.2.0-setup.exe"  # before it: the uninstaller, packed after signing


def test_an_installer_signed_through_the_hook_verifies(tmp_path):
    signer = make_signer(tmp_path)
    compile_installer(tmp_path, f"-DSIGN={signer.command}")
    signer.verify(tmp_path / "zwgk-0.2.0-setup.exe")  # the installed uninstaller: test_installer_wine.py
