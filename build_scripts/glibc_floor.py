"""The newest glibc symbol version the files of a bundle need, and the check that none needs more than declared.

    python3 build_scripts/glibc_floor.py DIR              -> prints the newest version, e.g. 2.28
    python3 build_scripts/glibc_floor.py --max 2.28 DIR   -> the same, or exit 1 naming every file and symbol
                                                           that needs a newer glibc than 2.28

build_linux.sh runs it on the staged package: the .deb's `Depends: libc6 (>= …)` is what it prints, or the --max
it was given (GLIBC_MAX=2.28 for the UOS 20 package), so a library copied from a newer build machine stops the
build instead of failing on the clerk's PC with "version `GLIBC_2.34' not found". Standard library only (it runs
with the build root's Python), objdump from binutils.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ELF_MAGIC = b"\x7fELF"
# objdump -T: "0000… DF *UND*  0000… (GLIBC_2.29) exp" (the version is in parentheses only when hidden).
_UNDEFINED = re.compile(r"\*UND\*\s+\S+\s+\(?GLIBC_([0-9.]+)\)?\s+(\S+)")


@dataclass(frozen=True)
class Need:
    path: Path
    symbol: str
    version: tuple[int, ...]

    @property
    def text(self) -> str:
        return f"{self.symbol}@GLIBC_{'.'.join(map(str, self.version))}"


def parse_version(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split("."))


def elf_files(folder: Path) -> list[Path]:
    """Every regular ELF file under folder (libraries, the program, Python extensions; not links)."""
    found = []
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.is_symlink():
            with path.open("rb") as f:
                if f.read(4) == ELF_MAGIC:
                    found.append(path)
    return found


def glibc_needs(path: Path) -> list[Need]:
    """The glibc symbols the file imports, with the version each is bound to (not the ones it defines)."""
    out = subprocess.run(["objdump", "-T", str(path)], capture_output=True, text=True, check=True).stdout
    return [Need(path, m.group(2), parse_version(m.group(1))) for m in _UNDEFINED.finditer(out)]


def too_new(needs: list[Need], limit: tuple[int, ...]) -> list[Need]:
    return sorted((n for n in needs if n.version > limit), key=lambda n: (str(n.path), n.version, n.symbol))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--max", dest="limit", help="the glibc version the package declares, e.g. 2.28")
    args = parser.parse_args(argv)
    files = elf_files(args.folder)
    if not files:
        print(f"{args.folder} 中没有任何程序或库文件", file=sys.stderr)
        return 2
    needs = [need for path in files for need in glibc_needs(path)]
    newest = max((n.version for n in needs), default=(2, 2, 5))
    if args.limit:
        offenders = too_new(needs, parse_version(args.limit))
        if offenders:
            print(f"以下文件需要比 glibc {args.limit} 更新的符号，安装包会在目标系统上无法启动：", file=sys.stderr)
            for need in offenders:
                print(f"  {need.path.relative_to(args.folder)}: {need.text}", file=sys.stderr)
            return 1
    print(".".join(map(str, newest)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
