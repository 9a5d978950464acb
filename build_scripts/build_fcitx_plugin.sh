#!/usr/bin/env bash
# fcitx5-qt's Qt 6 input plugin (libfcitx5platforminputcontextplugin.so: Chinese input with fcitx5 and with fcitx 4,
# e.g. Sogou on UOS 20 / Kylin V10) built for the Qt of a PySide6 wheel, which ships neither headers nor moc.
#   bash build_scripts/build_fcitx_plugin.sh --python PYTHON
#     into the Qt plugin folder of PYTHON's PySide6 (platforminputcontexts/); nothing to do when it is there
#   bash build_scripts/build_fcitx_plugin.sh QT_LIB_DIR QT_VERSION OUT.so
#     QT_LIB_DIR  the wheel's PySide6/Qt/lib (the plugin is linked against exactly these libraries)
#     QT_VERSION  the wheel's Qt, e.g. 6.9.3
# TARGET_ARCH=arm64 CXX="aarch64-linux-gnu-g++ --sysroot=/arm64" cross-compiles (build_compat.sh does);
# KEYRING=… the Debian archive keyring; MIRROR=… a Debian mirror; CACHE=… keeps downloads (default /var/tmp).
#
# The plugin uses Qt's private API (QPA headers, QHighDpiScaling), so it needs Qt's private headers, which only a
# Qt source or Debian's qt6-base-private-dev have. From Debian's archive (trixie, sid) it takes the newest
# qt6-base-dev/-private-dev whose major.minor is not above the wheel's: Qt loads a plugin built with Qt 6.m into
# Qt 6.n for every m ≤ n. moc comes from the same qt6-base-dev-tools, run with that suite's own C and C++ runtime
# (loader called directly), so it runs on an older build system. The link uses --no-undefined against the wheel's
# libraries: a private symbol the wheel's Qt does not export stops the build. fcitx5-qt's source is not in
# the Debian archive reachable here; build_scripts/fcitx5-qt/ has the upstream 5.1.14 release files it needs.
set -euo pipefail
if [ "${1:-}" = --python ]; then
  mapfile -t qt < <("${2:?"--python PYTHON"}" -c 'from PySide6.QtCore import QLibraryInfo as L, qVersion
print(qVersion()); print(L.path(L.LibraryPath.LibrariesPath)); print(L.path(L.LibraryPath.PluginsPath))')
  plugin="${qt[2]}/platforminputcontexts/libfcitx5platforminputcontextplugin.so"
  [ -f "$plugin" ] && exit 0
  exec bash "$0" "${qt[1]}" "${qt[0]}" "$plugin"
fi
QT_LIB=$(realpath "${1:?"用法：build_fcitx_plugin.sh QT_LIB_DIR QT_VERSION OUT.so"}")
QT_WANT=${2:?QT_VERSION}
OUT=$(realpath -m "${3:?OUT.so}")
HERE=$(cd "$(dirname "$0")" && pwd)
SOURCE="$HERE/fcitx5-qt/fcitx5-qt-5.1.14-plugin.tar.xz"
SOURCE_SHA256=b82ba655bcdb63af3f63bd200fb3468025e59f82a6147124be880f6255e6f6ae
BUILD_ARCH=$(dpkg --print-architecture)
TARGET_ARCH=${TARGET_ARCH:-$BUILD_ARCH}
CXX=${CXX:-g++}
MIRROR=${MIRROR:-http://deb.debian.org/debian}
KEYRING=${KEYRING:-/usr/share/keyrings/debian-archive-keyring.gpg}
CACHE=$(realpath -m "${CACHE:-/var/tmp/zwgk-fcitx5-qt}")
SUITES="trixie sid"
for tool in apt-get apt-cache dpkg-deb xz; do
  command -v "$tool" >/dev/null || { echo "缺少 $tool" >&2; exit 1; }
done
echo "$SOURCE_SHA256  $SOURCE" | sha256sum -c --quiet - || { echo "$SOURCE 已损坏" >&2; exit 1; }

# A throw-away apt configuration: only Debian's newer suites, for downloading (nothing is installed).
APT_DIR="$CACHE/apt"
mkdir -p "$APT_DIR/lists/partial" "$APT_DIR/archives/partial"
: >"$APT_DIR/status"
for suite in $SUITES; do echo "deb [signed-by=$KEYRING] $MIRROR $suite main"; done >"$APT_DIR/sources.list"
cat >"$APT_DIR/apt.conf" <<EOF
Dir::Etc::sourcelist "$APT_DIR/sources.list";
Dir::Etc::sourceparts "-";
Dir::State::Lists "$APT_DIR/lists";
Dir::State::status "$APT_DIR/status";
Dir::Cache "$APT_DIR";
Dir::Cache::archives "$APT_DIR/archives";
APT::Architecture "$BUILD_ARCH";
APT::Architectures { "$BUILD_ARCH"; "$TARGET_ARCH"; };
APT::Sandbox::User "root";
// A mirror's copy of sid may be older than its Release file's Valid-Until (a week); signatures are still checked.
Acquire::Check-Valid-Until "false";
EOF
export APT_CONFIG="$APT_DIR/apt.conf"
apt-get update -qq

# The newest Debian qt6-base at or below the wheel's major.minor: "version suite" on one line.
want_mm=$(cut -d. -f1,2 <<<"$QT_WANT")
pick=$(apt-cache madison qt6-base-dev | awk -F'|' '{gsub(/ /, "", $2); split($3, s, " "); split(s[2], t, "/");
  print $2, t[1]}' | sort -u | while read -r version suite; do
    mm=$(cut -d. -f1,2 <<<"${version%%+*}")
    [ "${mm%%.*}" = "${want_mm%%.*}" ] && [ "${mm#*.}" -le "${want_mm#*.}" ] && echo "$version $suite"
  done | sort -V | tail -1)
[ -n "$pick" ] || { echo "Debian（$SUITES）没有不高于 Qt $want_mm 的 qt6-base" >&2; exit 1; }
read -r DEB_VERSION SUITE <<<"$pick"
QT_HEADERS=${DEB_VERSION%%+*}
echo "fcitx5-qt 输入法插件：Qt $QT_WANT（$TARGET_ARCH），用 Debian $SUITE 的 qt6-base $DEB_VERSION 头文件" >&2

# Built once for the same wheel libraries, headers, compiler and sources (other checkouts' bootstraps reuse it).
RECIPE=1  # raise when the compile or link commands below change
key=$(cat "$SOURCE" "$QT_LIB"/libQt6{Core,Gui,DBus,Widgets}.so.6 <(echo "$RECIPE $DEB_VERSION $TARGET_ARCH $CXX") \
  | sha256sum | cut -c1-20)
if [ -f "$CACHE/built/$key.so" ]; then
  mkdir -p "$(dirname "$OUT")" && cp "$CACHE/built/$key.so" "$OUT" && echo "$OUT" && exit 0
fi

QT_DIR="$CACHE/qt-$DEB_VERSION-$TARGET_ARCH"
if [ ! -f "$QT_DIR/.done" ]; then
  rm -rf "$QT_DIR" && mkdir -p "$QT_DIR/debs"
  (cd "$QT_DIR/debs" && apt-get download -qq "qt6-base-dev:$TARGET_ARCH=$DEB_VERSION" \
    "qt6-base-private-dev:$TARGET_ARCH=$DEB_VERSION" "qt6-base-dev-tools:$BUILD_ARCH=$DEB_VERSION" \
    "libc6:$BUILD_ARCH/$SUITE" "libstdc++6:$BUILD_ARCH/$SUITE" "libgcc-s1:$BUILD_ARCH/$SUITE" \
    "libpcre2-16-0:$BUILD_ARCH/$SUITE")
  for deb in "$QT_DIR"/debs/*.deb; do dpkg-deb -x "$deb" "$QT_DIR/root"; done
  touch "$QT_DIR/.done"
fi
triplet() { case $1 in amd64) echo x86_64-linux-gnu ;; arm64) echo aarch64-linux-gnu ;; *) echo "$1-linux-gnu" ;; esac; }
INC="$QT_DIR/root/usr/include/$(triplet "$TARGET_ARCH")/qt6"
RT="$QT_DIR/root/usr/lib/$(triplet "$BUILD_ARCH")"
loader=$(ls "$RT"/ld-linux*.so.* | head -1)
moc() { "$loader" --library-path "$RT" "$QT_DIR/root/usr/lib/qt6/libexec/moc" "$@"; }
moc --version >/dev/null

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
tar -xJf "$SOURCE" -C "$WORK"
SRC="$WORK/fcitx5-qt-5.1.14"
PIC=$SRC/qt5/platforminputcontext  # qt6/platforminputcontext links these
DBUS=$SRC/qt6/dbusaddons
B="$WORK/build"
mkdir -p "$B"
# What fcitx5-qt's CMake generates with -DBUILD_ONLY_PLUGIN=On and the plugin named "fcitx" too (as Debian does).
printf '{ "Keys": [ "fcitx", "fcitx5" ] }\n' >"$B/fcitx5.json"
printf '#pragma once\n#define FCITX5QT6DBUSADDONS_EXPORT\n#define FCITX5QT6DBUSADDONS_NO_EXPORT\n' \
  >"$B/fcitx5qt6dbusaddons_export.h"
includes=("-I$INC")
for module in QtCore QtGui QtDBus QtWidgets; do includes+=("-I$INC/$module"); done
for module in QtCore QtGui; do includes+=("-I$INC/$module/$QT_HEADERS" "-I$INC/$module/$QT_HEADERS/$module"); done
includes+=("-I$B" "-I$DBUS" "-I$PIC" "-I$SRC/common")
defines=(-DQT_NO_DEBUG -DQT_PLUGIN -DENABLE_X11 -DFCITX5QT6DBUSADDONS_STATIC_DEFINE -DFCITX5_QT_WITH_FCITX_NAME
  '-DFCITX5_QT_VERSION="5.1.14"' "-DFCITX_PLUGIN_DATA_FILE_PATH=\"$B/fcitx5.json\"")
for header in $(grep -l Q_OBJECT "$DBUS"/*.h "$PIC"/*.h); do
  name=$(basename "$header" .h)
  moc "${defines[@]}" "${includes[@]}" "$header" -o "$B/moc_$name.cpp"
done
export CXX B
printf '%s\n' "$DBUS"/*.cpp "$PIC"/*.cpp "$B"/moc_*.cpp | xargs -P "$(nproc)" -I{} sh -c \
  'exec $CXX -std=c++17 -O2 -fPIC -fvisibility=hidden -fvisibility-inlines-hidden -w "$@" -c "{}" \
     -o "$B/$(basename "{}" .cpp).o"' _ "${defines[@]}" "${includes[@]}"
mkdir -p "$(dirname "$OUT")"
# shellcheck disable=SC2086
$CXX -shared -s -o "$OUT.tmp" "$B"/*.o -Wl,--no-undefined -Wl,--as-needed -L"$QT_LIB" -Wl,-rpath-link,"$QT_LIB" \
  -l:libQt6Widgets.so.6 -l:libQt6Gui.so.6 -l:libQt6DBus.so.6 -l:libQt6Core.so.6 -lxkbcommon -lxcb
mkdir -p "$CACHE/built" && cp "$OUT.tmp" "$CACHE/built/$key.so"
mv "$OUT.tmp" "$OUT"
echo "$OUT"
