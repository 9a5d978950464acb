#!/usr/bin/env bash
# Install everything the app and its tests need on a fresh Debian 12 machine with only Python 3.11:
# system libraries for offscreen Qt, CJK fonts, LibreOffice/poppler to look at exports, then a .venv.
# Idempotent: a second run only checks.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  libglib2.0-0 libgl1 libegl1 libxkbcommon0 libx11-6 libfreetype6 libfontconfig1 libdbus-1-3
  xvfb xauth libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0
  libxcb-render-util0 libxcb-shape0 libxcb-xkb1 libx11-xcb1
  fonts-noto-cjk fonts-arphic-ukai fonts-arphic-uming
  poppler-utils libreoffice-writer-nogui libreoffice-calc-nogui
  nsis binutils gcc libc6-dev libpython3.11 libcups2  # packaging: makensis; objdump/ar; gcc for the glibc-floor
  # test; libpython and libcups the bundle needs
  fcitx5 fcitx5-pinyin xdotool dbus-daemon dbus-bin  # Chinese input test: a real fcitx5 with 拼音 on Xvfb
  locales  # the zh_CN.UTF-8 locale below (the installer test runs Wine in Chinese)
  osslsigncode openssl  # the installer test signs through the build's signing hook with a throw-away certificate
  icewm x11-utils  # a real screen for the window tests: a window manager with a taskbar on Xvfb; xprop
)
# The installer test runs the Windows installer under Wine with a stand-in program built by mingw-w64. Debian's
# wine64 runs x86-64 Windows programs only on x86-64; elsewhere that test is skipped and says why.
if [ "$(dpkg --print-architecture)" = amd64 ]; then
  APT_PACKAGES+=(wine64 gcc-mingw-w64-x86-64-win32)
fi

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  echo "安装系统软件包: ${missing[*]}" >&2
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi

if ! locale -a 2>/dev/null | grep -qx 'zh_CN.utf8'; then
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO localedef -i zh_CN -f UTF-8 zh_CN.UTF-8
fi

PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
stamp=.venv/.zwgk-installed
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  .venv/bin/python -m pip install -q --upgrade pip >&2
  .venv/bin/python -m pip install -q -e ".[test,build]" >&2
  touch "$stamp"
fi
