#!/usr/bin/env bash
# Build the one-folder bundle (PyInstaller) and the .deb for this machine's architecture into dist/.
#   bash build_scripts/build_linux.sh            -> dist/zwgk/ and dist/zwgk_<version>_<arch>.deb
# DIST=... and WORK=... choose other output and scratch folders (the tests build into a temporary folder);
# GLIBC_MAX=2.28 and ZWGK_SYSTEM_LIBS="libpng16.so.16 …" are for the old-system packages (build_compat.sh).
# The package installs under /opt/zwgk with a desktop entry, icons, the .zwgk MIME type and /usr/bin/zwgk;
# docs/packaging.md says what is in it and why.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
PY=${PYTHON:-$ROOT/.venv/bin/python}
DIST=$(realpath -m "${DIST:-$ROOT/dist}")
WORK=$(realpath -m "${WORK:-$ROOT/build/pyinstaller}")
for tool in dpkg-deb dpkg objdump ldconfig; do
  command -v "$tool" >/dev/null || { echo "缺少 $tool：请先运行 bash scripts/bootstrap.sh" >&2; exit 1; }
done

VERSION=$("$PY" -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')
ARCH=$(dpkg --print-architecture)  # amd64, or arm64 when built on arm64
echo "构建 zwgk $VERSION ($ARCH) -> $DIST" >&2

# 1. The bundle. A fresh analysis (no module that left the tree survives in it) and a cache of PyInstaller's own
# under $WORK: `--clean` would wipe the cache in ~/.cache that a concurrent build (another test run) is using.
rm -rf "$WORK/zwgk"
export PYINSTALLER_CONFIG_DIR="$WORK/pyinstaller-cache"
"$PY" -m PyInstaller --noconfirm --log-level WARN --distpath "$DIST" --workpath "$WORK" \
  build_scripts/zwgk.spec >&2
BUNDLE="$DIST/zwgk"
[ -x "$BUNDLE/zwgk" ] || { echo "PyInstaller 没有生成 $BUNDLE/zwgk" >&2; exit 1; }
# PyInstaller links some libraries into _internal/ as well; the spec pruned a few of them, leaving dangling links.
find "$BUNDLE" -xtype l -delete

# 2. Stage the package tree.
STAGE="$WORK/deb-root"
rm -rf "$STAGE"
mkdir -p "$STAGE/DEBIAN" "$STAGE/opt" "$STAGE/usr/bin" "$STAGE/usr/share/applications" \
  "$STAGE/usr/share/mime/packages"
cp -a "$BUNDLE" "$STAGE/opt/zwgk"
# Relative link: also works inside a root unpacked with dpkg-deb -x (the tests run it there).
ln -s ../../opt/zwgk/zwgk "$STAGE/usr/bin/zwgk"
for size in 16 24 32 48 64 128 256 512; do
  for kind in apps mimetypes; do
    mkdir -p "$STAGE/usr/share/icons/hicolor/${size}x${size}/$kind"
  done
  cp resources/icons/zwgk-$size.png "$STAGE/usr/share/icons/hicolor/${size}x${size}/apps/zwgk.png"
  cp resources/icons/zwgk-$size.png "$STAGE/usr/share/icons/hicolor/${size}x${size}/mimetypes/application-x-zwgk.png"
done
cp build_scripts/linux/zwgk.desktop "$STAGE/usr/share/applications/zwgk.desktop"
cp build_scripts/linux/zwgk-mime.xml "$STAGE/usr/share/mime/packages/zwgk.xml"
# Files from git can be 0600 (the sample report is): every user of the PC must be able to read the program.
chmod -R u=rwX,go=rX "$STAGE"
chmod 0755 "$STAGE/opt/zwgk/zwgk"

# 3. Dependencies: the system libraries the bundle links but does not carry (libc, OpenGL/EGL, ...), found by
# asking dpkg which package owns each one; libc6 at least the newest GLIBC symbol version any binary needs.
mapfile -t elves < <(find "$STAGE/opt/zwgk" -type f \( -name '*.so*' -o -path '*/opt/zwgk/zwgk' \))
bundled=$(find "$STAGE/opt/zwgk" -name '*.so*' -printf '%f\n' | sort -u)
needed=$(for f in "${elves[@]}"; do objdump -p "$f" 2>/dev/null | awk '/NEEDED/ {print $2}'; done | sort -u)
deps=()
for lib in $needed; do
  grep -qxF "$lib" <<<"$bundled" && continue
  path=$(ldconfig -p | awk -v l="$lib" '$1 == l && !found {print $NF; found = 1}')  # no early exit: SIGPIPE
  [ -n "$path" ] || { echo "系统中找不到 $lib（安装版会缺少它）" >&2; exit 1; }
  pkg=$(dpkg -S "$(realpath "$path")" 2>/dev/null || dpkg -S "$path" 2>/dev/null || true)
  pkg=${pkg%%:*}
  [ -n "$pkg" ] || { echo "无法确定 $lib 属于哪个软件包" >&2; exit 1; }
  deps+=("$pkg")
done
# GLIBC_MAX=2.28 (build_compat.sh): declare that floor, and stop when any bundled file needs a newer symbol.
glibc=$("$PY" build_scripts/glibc_floor.py ${GLIBC_MAX:+--max "$GLIBC_MAX"} "$STAGE/opt/zwgk")
glibc=${GLIBC_MAX:-$glibc}
depends=$(printf '%s\n' "${deps[@]}" | grep -vx 'libc6' | sort -u | paste -sd, | sed 's/,/, /g')
# The bundled libfontconfig reads the system's /etc/fonts, which fontconfig-config provides.
depends="libc6 (>= $glibc)${depends:+, $depends}, fontconfig-config"

cat >"$STAGE/DEBIAN/control" <<EOF
Package: zwgk
Version: $VERSION
Architecture: $ARCH
Maintainer: 政务公开年报助手 <zwgk@localhost>
Installed-Size: $(du -sk --exclude=DEBIAN "$STAGE" | cut -f1)
Depends: $depends
Recommends: fonts-noto-cjk | fonts-wqy-zenhei | fonts-wqy-microhei, shared-mime-info, desktop-file-utils
Section: office
Priority: optional
Homepage: https://example.invalid/zwgk
Description: 政务公开年报助手 — 政府信息公开工作年度报告的填写、检查与导出
 Fill in, check and export the annual government information disclosure
 report (政府信息公开工作年度报告) in the official format: Word, Excel,
 PDF and web page. Works fully offline. Installs under /opt/zwgk.
EOF

# 4. The package: xz-compressed (about a third smaller than gzip for Qt libraries).
DEB="$DIST/zwgk_${VERSION}_${ARCH}.deb"
rm -f "$DEB"
dpkg-deb --root-owner-group -Zxz -z9 --build "$STAGE" "$DEB" >&2
echo "$DEB"
