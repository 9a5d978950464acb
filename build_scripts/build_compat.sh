#!/usr/bin/env bash
# The .deb for older domestic desktops, built in a Debian 11 (bullseye) root. A long build: not run by CI.
#   sudo bash build_scripts/build_compat.sh amd64  -> dist/compat/zwgk_<version>_amd64_compat.deb  glibc ≥ 2.28: UOS 20, Kylin V10
#   sudo bash build_scripts/build_compat.sh arm64  -> dist/compat/zwgk_<version>_arm64_compat.deb  glibc ≥ 2.31: Kylin V10 SP1
# (arm64: Python is cross-compiled, everything else runs under qemu-user-static emulation; see docs/packaging.md.)
#
# Steps, each kept in /var/tmp/zwgk-build-roots/ and skipped when already done (delete the root to start over):
#  1. a bullseye build root (debootstrap; glibc 2.31, the oldest Debian still in Debian's archive);
#  2. Python 3.11 from Debian's patched bookworm source, compiled in that root: for amd64 the libm functions whose
#     symbols got new versions in glibc 2.29 are bound to their old versions, and sem_clockwait (2.30) is not used;
#     for arm64 cross-compiled there with bullseye's aarch64 compiler and copied into an arm64 root;
#  3. a venv with PySide6-Essentials pinned for the target's glibc (amd64 6.9.3, the last for glibc 2.28; arm64
#     6.8.0.2, the newest aarch64 wheel for glibc 2.31, tagged manylinux_2_31) and the other runtime and build dependencies;
#  4. build_linux.sh in the root with GLIBC_MAX: the build stops when any bundled file needs a newer glibc symbol;
#  5. the package installed with apt into a second, clean bullseye root (glibc 2.31, like Kylin V10 SP1) and its
#     `zwgk --self-test` run there as an ordinary user.
# Needs root on Debian 12; installs debootstrap (and for arm64 qemu-user-static, binfmt-support) when missing.
# ROOTS=… and DIST=… choose other folders; MIRROR=… another Debian mirror, SECURITY=… its security mirror (empty:
# none). Times are printed per step.
set -euo pipefail
# bash reads a script while it runs it: run from a copy, so that the checkout can be edited during the long build.
if [ -z "${ZWGK_COMPAT_SRC:-}" ]; then
  copy=$(mktemp --suffix=.sh)
  cp "$0" "$copy"
  ZWGK_COMPAT_SRC="$(cd "$(dirname "$0")/.." && pwd)" ZWGK_COMPAT_COPY=$copy exec bash "$copy" "$@"
fi
ARCH=${1:?"用法：build_compat.sh amd64|arm64"}
SRC=$ZWGK_COMPAT_SRC
# Outside the source tree: setuptools (pip install -e) walks the tree and would follow the roots' /proc and /dev.
ROOTS=$(realpath -m "${ROOTS:-/var/tmp/zwgk-build-roots}")
DIST=$(realpath -m "${DIST:-$SRC/dist/compat}")
MIRROR=${MIRROR:-http://deb.debian.org/debian}
SECURITY=${SECURITY-http://deb.debian.org/debian-security}
case "$ARCH" in
  amd64) PYSIDE=6.9.3 GLIBC_MAX=2.28 ;;
  arm64) PYSIDE=6.8.0.2 GLIBC_MAX=2.31 ;;
  *) echo "不支持的架构 $ARCH（amd64 或 arm64）" >&2; exit 2 ;;
esac
BUILD_ROOT="$ROOTS/bullseye-$ARCH-build"
RUN_ROOT="$ROOTS/bullseye-$ARCH-run"
PY_PREFIX=/opt/python3.11
VENV=/opt/zwgk-venv
# Libraries of the build root that need glibc > 2.28 (libpng16 binds pow@GLIBC_2.29; libsystemd 2.30): every
# target system has them, so the package depends on them instead of carrying them.
SYSTEM_LIBS="libpng16.so.16 libsystemd.so.0"
[ "$(id -u)" -eq 0 ] || { echo "需要 root 权限（debootstrap 与 chroot）：sudo bash $0 $ARCH" >&2; exit 1; }
tools=(debootstrap)
[ "$ARCH" = arm64 ] && tools+=(qemu-user-static binfmt-support)
for pkg in "${tools[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" && continue
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${tools[@]}" >&2
  break
done

step_started=0
step() { step_started=$SECONDS; echo "== [$ARCH] $*" >&2; }
step_done() { echo "   用时 $((SECONDS - step_started)) 秒" >&2; }

mounted=()
unmount_all() {
  local i
  for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do umount -R "${mounted[i]}" 2>/dev/null || umount -lR "${mounted[i]}" || true; done
  mounted=()
  rm -f "${ZWGK_COMPAT_COPY:-}"
}
trap unmount_all EXIT

# /proc, /dev (with /dev/shm and /dev/pts) and the host's resolver and CA bundle inside a root.
enter() {
  local root=$1
  mountpoint -q "$root/proc" || { mount -t proc proc "$root/proc"; mounted+=("$root/proc"); }
  mountpoint -q "$root/dev" || { mount --rbind /dev "$root/dev"; mount --make-rslave "$root/dev"; mounted+=("$root/dev"); }
  cp -L /etc/resolv.conf "$root/etc/resolv.conf"
  # pip checks PyPI's certificate against the host's bundle (the host may add its own authority).
  mkdir -p "$root/etc/zwgk" && cp -L /etc/ssl/certs/ca-certificates.crt "$root/etc/zwgk/ca.crt"
  # Debian's newer suites (bookworm's Python source, trixie's and sid's Qt headers) are signed with keys that
  # bullseye's keyring may not have: the host's keyring.
  cp /usr/share/keyrings/debian-archive-keyring.gpg "$root/etc/zwgk/debian-keyring.gpg"
}
in_root() {  # in_root ROOT COMMAND…: run as root inside, with a plain environment, at the lowest priority
  local root=$1; shift
  chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 \
    DEBIAN_FRONTEND=noninteractive PIP_CERT=/etc/zwgk/ca.crt PIP_DISABLE_PIP_VERSION_CHECK=1 \
    KEYRING=/etc/zwgk/debian-keyring.gpg \
    nice -n 19 "$@"
}

binfmt_ready() {
  [ "$ARCH" = amd64 ] && return 0
  mountpoint -q /proc/sys/fs/binfmt_misc || mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc
  update-binfmts --enable qemu-aarch64 >/dev/null 2>&1 || true
  grep -q enabled /proc/sys/fs/binfmt_misc/qemu-aarch64 || { echo "qemu-aarch64 binfmt 未启用" >&2; exit 1; }
}

make_root() {  # make_root DIR PACKAGES [ARCH]: a minimal bullseye root with those packages (kept once made)
  local root=$1 include=$2 arch=${3:-$ARCH}
  [ -f "$root/.zwgk-root" ] && return 0
  step "debootstrap bullseye ($arch) -> $root"
  # debootstrap (the long part under emulation) is kept on its own, so a failed upgrade does not redo it.
  if [ ! -f "$root/.zwgk-debootstrap" ]; then
    rm -rf "$root"
    nice -n 19 debootstrap --variant=minbase --arch="$arch" --include="$include" bullseye "$root" "$MIRROR" >&2
    touch "$root/.zwgk-debootstrap"
  fi
  sources "$root" "$SECURITY"
  enter "$root"
  in_root "$root" apt-get update -qq
  if ! in_root "$root" apt-get -y -qq upgrade >&2; then
    # A mirror that has the security index but not its packages for this architecture: without the security
    # suite the root stays consistent (point release + bullseye-updates), and the build says so.
    echo "警告：$SECURITY 的 $arch 安全更新无法下载，此根目录只用 bullseye 与 bullseye-updates：" >&2
    in_root "$root" apt list --upgradable 2>/dev/null | sed -n 's|^\([^/]*\)/.*|  \1|p' | tr '\n' ' ' >&2
    echo >&2
    sources "$root" ""
    in_root "$root" apt-get update -qq
    in_root "$root" apt-get -y -qq upgrade >&2
  fi
  touch "$root/.zwgk-root"
  step_done
}

sources() {  # sources ROOT SECURITY_MIRROR: bullseye, its updates and (unless empty) its security suite
  local root=$1 security=$2
  {
    echo "deb $MIRROR bullseye main"
    echo "deb $MIRROR bullseye-updates main"
    [ -z "$security" ] || echo "deb $security bullseye-security main"
  } >"$root/etc/apt/sources.list"
}

# The libraries Qt loads (build_linux.sh looks up which package owns each, for Depends) and a Chinese font.
QT_RUNTIME=libglib2.0-0,libgl1,libegl1,libxkbcommon0,libxkbcommon-x11-0,libx11-6,libx11-xcb1,libfreetype6,\
libfontconfig1,libdbus-1-3,libcups2,libxcb-cursor0,libxcb-icccm4,libxcb-image0,libxcb-keysyms1,libxcb-randr0,\
libxcb-render-util0,libxcb-shape0,libxcb-xkb1,libxcb-xinerama0,libsm6,libice6,libpng16-16,libsystemd0,fonts-wqy-zenhei
# amd64 compiles Python in its root: build tools and the headers of Python's modules. arm64 only runs the
# cross-compiled Python: its libraries, and binutils for build_linux.sh.
AMD64_PACKAGES=build-essential,dpkg-dev,binutils,ca-certificates,pkg-config,libffi-dev,zlib1g-dev,libbz2-dev,\
liblzma-dev,libssl-dev,uuid-dev,$QT_RUNTIME
case "$ARCH" in
  amd64) BUILD_PACKAGES=$AMD64_PACKAGES ;;
  arm64) BUILD_PACKAGES=binutils,ca-certificates,libffi7,libssl1.1,zlib1g,libbz2-1.0,liblzma5,libuuid1,$QT_RUNTIME ;;
esac
# Debian's python3.11 source (bookworm, with Debian's patches applied) unpacked in ROOT under /usr/src/py.
python_source() {
  local root=$1
  ls -d "$root"/usr/src/py/python3.11-*/ >/dev/null 2>&1 && return 0
  # Only the source index of bookworm, to fetch its python3.11 source package with Debian's patches applied.
  echo "deb-src [signed-by=/etc/zwgk/debian-keyring.gpg] $MIRROR bookworm main" \
    >"$root/etc/apt/sources.list.d/bookworm-src.list"
  in_root "$root" apt-get update -qq
  in_root "$root" sh -c 'rm -rf /usr/src/py && mkdir -p /usr/src/py && cd /usr/src/py && apt-get source -qq python3.11' >&2
}

# Debian's backport of the CVE-2026-4224 fix makes pyexpat.c include an internal header (Debian builds pyexpat into
# the interpreter); built as a shared module, as here, it needs Py_BUILD_CORE_MODULE like the other stdlib modules.
PYEXPAT_FIX='sed -i "s|^MODULE_PYEXPAT_CFLAGS=|MODULE_PYEXPAT_CFLAGS=-DPy_BUILD_CORE_MODULE |" Makefile'

# Debian's patch installs _sysconfigdata__<multiarch>.py (and links the upstream name to it), but a cross build
# writes only the upstream name _sysconfigdata__<machdep>_<multiarch>.py: generate the file under Debian's name.
SYSCONFIGDATA_FIX='sed -i "s|_PYTHON_SYSCONFIGDATA_NAME=_sysconfigdata_\$(ABIFLAGS)_\$(MACHDEP)_\$(MULTIARCH)|_PYTHON_SYSCONFIGDATA_NAME=_sysconfigdata_\$(ABIFLAGS)_\$(MULTIARCH)|" Makefile'

# Python 3.11 compiled inside the amd64 root (the interpreter of the amd64 package, and the build Python for the
# arm64 cross-compilation).
build_python() {
  local root=$1
  [ -x "$root$PY_PREFIX/bin/python3.11" ] && return 0
  step "Python 3.11 from Debian's bookworm source, built in the bullseye root"
  python_source "$root"
  # glibc 2.29 gave exp/log/pow/exp2/log2 new symbol versions; binding the 2.2.5 ones keeps Python at 2.28.
  # (tests/build_scripts/test_glibc_floor.py compiles the same header and checks what it binds.)
  cp "$SRC/build_scripts/compat/glibc-2.28.h" "$root/usr/src/py/glibc-2.28.h"
  # No ensurepip: Debian's patch makes it look for Debian's pip wheel package (make_venv brings pip instead).
  in_root "$root" sh -c "cd /usr/src/py/python3.11-*/ && mkdir -p build && cd build &&
    ../configure --prefix=$PY_PREFIX --enable-shared --with-ensurepip=no \
      LDFLAGS='-Wl,-rpath,$PY_PREFIX/lib' CFLAGS='-O2 -include /usr/src/py/glibc-2.28.h' \
      ac_cv_func_sem_clockwait=no >/dev/null && $PYEXPAT_FIX &&
    make -j\$(nproc) >/dev/null 2>build.log && make install >/dev/null 2>>build.log" \
    || { tail -40 "$root"/usr/src/py/python3.11-*/build/build.log >&2; exit 1; }
  step_done
}

# Python 3.11 for arm64: compiling it under emulation takes hours, so it is cross-compiled in the amd64 root
# (same Debian source, bullseye's aarch64 cross compiler, glibc 2.31) and copied into the arm64 root, where pip,
# PyInstaller, dpkg-deb and the self-test then run emulated. The arm64 headers and libraries are the arm64 root's
# own (installed there with apt), mounted into the amd64 root as the compiler's sysroot: multiarch in the amd64 root
# would need every arm64 library in exactly the version of its amd64 twin (security updates included).
cross_python() {
  [ -x "$BUILD_ROOT$PY_PREFIX/bin/python3.11" ] && return 0
  local host=$ROOTS/bullseye-amd64-build
  make_root "$host" "$AMD64_PACKAGES" amd64
  enter "$host"
  build_python "$host"
  step "Python 3.11 for arm64, cross-compiled in the amd64 root"
  in_root "$BUILD_ROOT" apt-get install -y -qq --no-install-recommends libc6-dev libffi-dev zlib1g-dev libbz2-dev \
    liblzma-dev libssl-dev uuid-dev >&2
  in_root "$host" apt-get install -y -qq --no-install-recommends gcc-aarch64-linux-gnu >&2
  arm64_sysroot "$host"
  in_root "$host" sh -c "cd /usr/src/py/python3.11-*/ && rm -rf build-arm64 /usr/src/py/arm64 &&
    mkdir build-arm64 && cd build-arm64 &&
    PKG_CONFIG_SYSROOT_DIR=/arm64 PKG_CONFIG_LIBDIR=/arm64/usr/lib/aarch64-linux-gnu/pkgconfig:/arm64/usr/share/pkgconfig \
    ../configure --host=aarch64-linux-gnu --build=x86_64-linux-gnu --with-build-python=$PY_PREFIX/bin/python3.11 \
      --prefix=$PY_PREFIX --enable-shared --with-ensurepip=no CC='aarch64-linux-gnu-gcc --sysroot=/arm64' \
      LDFLAGS='-Wl,-rpath,$PY_PREFIX/lib' CFLAGS=-O2 ac_cv_file__dev_ptmx=yes ac_cv_file__dev_ptc=no ac_cv_buggy_getaddrinfo=no >/dev/null &&
    $PYEXPAT_FIX && $SYSCONFIGDATA_FIX && make -j\$(nproc) >/dev/null 2>build.log &&
    make install DESTDIR=/usr/src/py/arm64 >/dev/null 2>>build.log" \
    || { tail -40 "$host"/usr/src/py/python3.11-*/build-arm64/build.log >&2; exit 1; }
  mkdir -p "$BUILD_ROOT$PY_PREFIX"
  cp -a "$host/usr/src/py/arm64$PY_PREFIX/." "$BUILD_ROOT$PY_PREFIX/"
  step_done
}

# The arm64 root at /arm64 in the amd64 root, and its library folder also at /usr/lib/aarch64-linux-gnu there, where
# the absolute links of its -dev packages (libz.so -> /lib/aarch64-linux-gnu/libz.so.1.2.11) point.
arm64_sysroot() {
  local host=$1 dir
  for dir in arm64 usr/lib/aarch64-linux-gnu; do
    mkdir -p "$host/$dir"
    mountpoint -q "$host/$dir" && continue
    mount --bind "$BUILD_ROOT/${dir#arm64}" "$host/$dir"
    mounted+=("$host/$dir")
  done
}

make_venv() {
  [ -f "$BUILD_ROOT$VENV/.zwgk-$PYSIDE" ] && return 0
  step "venv with PySide6-Essentials==$PYSIDE"
  rm -rf "${BUILD_ROOT:?}$VENV"
  in_root "$BUILD_ROOT" "$PY_PREFIX/bin/python3.11" -m venv --without-pip "$VENV"
  # pip itself: its wheel from PyPI (fetched here, any architecture), run from the wheel to install itself.
  rm -rf "$BUILD_ROOT/tmp/pip-wheel" && mkdir -p "$BUILD_ROOT/tmp/pip-wheel"
  python3 -m pip download -q --no-deps --only-binary=:all: -d "$BUILD_ROOT/tmp/pip-wheel" pip >&2
  local wheel
  wheel=$(cd "$BUILD_ROOT/tmp/pip-wheel" && ls pip-*.whl)
  in_root "$BUILD_ROOT" "$VENV/bin/python" "/tmp/pip-wheel/$wheel/pip" install -q --no-index "/tmp/pip-wheel/$wheel" >&2
  # The project's runtime dependencies, with PySide6 pinned for the target (arm64's is older than pyproject's
  # floor, so the project itself is not pip-installed: PyInstaller finds app/ and ui/ in the source tree).
  local deps
  deps=$(sed -n '/^dependencies = \[/,/^\]/p' "$SRC/pyproject.toml" | grep -o '"[^"]*"' | tr -d '"' | grep -v '^PySide6')
  # shellcheck disable=SC2086
  in_root "$BUILD_ROOT" "$VENV/bin/pip" install -q "PySide6-Essentials==$PYSIDE" $deps "pyinstaller>=6.10,<7" >&2
  touch "$BUILD_ROOT$VENV/.zwgk-$PYSIDE"
  step_done
}

build_package() {
  step "bundle and .deb in the root (GLIBC_MAX=$GLIBC_MAX)"
  # Qt's libraries as listed now (a root made by an older version of this script may lack a later addition, e.g.
  # libsm6/libice6, which the aarch64 wheel's xcb plugin links; build_linux.sh must find every linked library).
  # shellcheck disable=SC2086
  in_root "$BUILD_ROOT" apt-get install -y -qq --no-install-recommends ${QT_RUNTIME//,/ } >&2
  # A copy of the tracked and new source files (no .venv, dist or build of the host).
  rm -rf "$BUILD_ROOT/src" && mkdir -p "$BUILD_ROOT/src"
  (cd "$SRC" && git ls-files -co --exclude-standard -z | xargs -0 tar -cf - --no-recursion 2>/dev/null) \
    | tar -xf - -C "$BUILD_ROOT/src"
  in_root "$BUILD_ROOT" env PYTHON=$VENV/bin/python DIST=/src/dist WORK=/build/pyinstaller \
    GLIBC_MAX=$GLIBC_MAX ZWGK_SYSTEM_LIBS="$SYSTEM_LIBS" bash /src/build_scripts/build_linux.sh >/dev/null
  mkdir -p "$DIST"
  # The same package (zwgk, so either upgrades the other), named apart from the Debian 12 build's file.
  local built
  built=$(ls "$BUILD_ROOT"/src/dist/zwgk_*_"$ARCH".deb)
  DEB="$DIST/$(basename "$built" .deb)_compat.deb"
  cp "$built" "$DEB"
  step_done
  echo "   $(basename "$DEB"): $(du -b "$DEB" | awk '{printf "%.1f MB", $1 / 1e6}')," \
    "Depends: $(dpkg-deb -f "$DEB" Depends)" >&2
}

# package_mb and bundle_start_ratio (bundle vs. the same sources on the root's Python), as benchmarks/ prints them.
measure() {
  step "benchmarks package in the build root"
  in_root "$BUILD_ROOT" sh -c "cd /src && QT_QPA_PLATFORM=offscreen $VENV/bin/python -m benchmarks package" >&2
  step_done
}

self_test() {
  make_root "$RUN_ROOT" ca-certificates
  step "apt install the package into a clean bullseye root, zwgk --self-test as an ordinary user"
  enter "$RUN_ROOT"
  cp "$DEB" "$RUN_ROOT/tmp/"
  in_root "$RUN_ROOT" apt-get install -y -qq --no-install-recommends "/tmp/$(basename "$DEB")" fonts-wqy-zenhei >&2
  in_root "$RUN_ROOT" sh -c 'id clerk >/dev/null 2>&1 || useradd -m clerk'
  in_root "$RUN_ROOT" su clerk -c 'cd && zwgk --self-test'
  step_done
}

binfmt_ready
make_root "$BUILD_ROOT" "$BUILD_PACKAGES"
enter "$BUILD_ROOT"
if [ "$ARCH" = amd64 ]; then build_python "$BUILD_ROOT"; else cross_python; fi
make_venv
build_package
[ "$ARCH" = arm64 ] || measure  # start-up times under emulation would say nothing
self_test
echo "$DEB"
