"""build_scripts/glibc_floor.py (the check that stops a package whose files need a newer glibc than it declares)
and build_scripts/compat/glibc-2.28.h (how the amd64 compatible Python is kept at glibc 2.28), on small libraries
compiled here against this machine's glibc (2.36)."""

from __future__ import annotations

import platform
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "build_scripts" / "glibc_floor.py"
HEADER = ROOT / "build_scripts" / "compat" / "glibc-2.28.h"
# What CPython's math module does: exp, log and pow of a double.
SOURCE = "#include <math.h>\ndouble growth(double x, double y) { return pow(x, y) + exp(x) + log(y); }\n"

pytestmark = pytest.mark.skipif(platform.machine() != "x86_64", reason="the header names x86-64 symbol versions")


def compile_library(folder: Path, *flags: str) -> Path:
    assert shutil.which("gcc") and shutil.which("objdump"), "gcc and binutils: run scripts/bootstrap.sh"
    folder.mkdir(parents=True)
    (folder / "growth.c").write_text(SOURCE, encoding="ascii")
    lib = folder / "libgrowth.so"
    subprocess.run(["gcc", "-O2", "-shared", "-fPIC", *flags, "-o", str(lib), str(folder / "growth.c"), "-lm"],
                   check=True)
    return lib


def floor(folder: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SCRIPT), *args, str(folder)], capture_output=True, text=True)


def test_a_library_built_here_needs_glibc_2_29_and_the_check_names_it(tmp_path):
    compile_library(tmp_path / "plain")
    assert floor(tmp_path / "plain").stdout.strip() == "2.29"
    done = floor(tmp_path / "plain", "--max", "2.28")
    assert done.returncode == 1 and done.stdout == ""
    assert "需要比 glibc 2.28 更新的符号" in done.stderr
    assert "libgrowth.so: exp@GLIBC_2.29" in done.stderr and "libgrowth.so: pow@GLIBC_2.29" in done.stderr


def test_the_compat_header_binds_the_2_2_5_versions_so_the_check_passes(tmp_path):
    compile_library(tmp_path / "compat", "-include", str(HEADER))
    done = floor(tmp_path / "compat", "--max", "2.28")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "2.2.5"


def test_links_and_other_files_are_not_read_and_an_empty_folder_is_an_error(tmp_path):
    lib = compile_library(tmp_path / "mixed", "-include", str(HEADER))
    (tmp_path / "mixed" / "notes.txt").write_text("not a program", encoding="ascii")
    (tmp_path / "mixed" / "libgrowth.so.1").symlink_to(lib.name)
    assert floor(tmp_path / "mixed", "--max", "2.28").returncode == 0
    (tmp_path / "empty").mkdir()
    done = floor(tmp_path / "empty")
    assert done.returncode == 2 and "没有任何程序或库文件" in done.stderr
