#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 hfcache contributors
# One entry point for developers and CI on Debian 12:
#   ./installer/dev.sh run      install what is missing, build, open hfcache-gui on your cache
#                               (or on a demo cache when you have none)
#   ./installer/dev.sh test     same set-up, then every test, then the tests again under ASan+UBSan
#   ./installer/dev.sh build    set-up and build only
#   ./installer/dev.sh package  set-up, build, then the .deb and .tar.gz in build/package/
# Idempotent: packages already installed and an up-to-date build cost a few seconds.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$here"
build_dir=${HFCACHE_BUILD_DIR:-$here/build}
asan_dir=${HFCACHE_ASAN_BUILD_DIR:-$here/build-asan}
jobs=$(nproc)
# The polkit action names the helper by absolute path and the .deb installs to /usr, so the build
# folder the package tests use is configured for /usr (install with the .deb, not cmake --install).
main_config=(-DCMAKE_INSTALL_PREFIX=/usr)

# Build tools and libraries, plus the real peers the tests run against (python3-filelock, and
# what ../shared/peers/huggingface_hub-0.36.2 imports: requests, tqdm, packaging, fsspec; util-linux's
# setpriv, acl, pkexec/polkitd/dbus, tar/gzip/zstd/pigz/igzip), and the packaging tools and
# checkers (rsvg-convert for the icons, dpkg-shlibdeps, lintian, desktop-file-validate, appstreamcli, man,
# reuse for the license headers), pdsh and Slurm (tst_ClusterLocks drives per-node `hfcache locks --json`
# with `pdsh -R exec` and with `srun` on a two-node cluster it starts: munge, slurmctld, slurmd,
# slurm-client), sshfs with an sshd (tst_SshfsCache: a cache on a FUSE network filesystem), and strace
# (tst_ScanProgress slows directory reads with its fault injection, as a network filesystem would).
packages=(
    build-essential cmake ninja-build pkg-config
    qt6-base-dev qt6-base-dev-tools qt6-svg-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
    libgl-dev libarchive-dev libzstd-dev libisal-dev libdeflate-dev libssl-dev libacl1-dev
    python3 python3-filelock python3-httpx python3-requests python3-tqdm python3-packaging python3-fsspec python3-typing-extensions
    tar gzip zstd pigz isal openssl acl util-linux passwd procps curl time strace
    librsvg2-bin dpkg-dev lintian desktop-file-utils appstream man-db file reuse
    pkexec polkitd dbus-daemon dbus-bin sudo
    pdsh munge slurmctld slurmd slurm-client sshfs openssh-server openssh-client
)

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

install_missing() {
    local missing=() p
    for p in "${packages[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    log "installing: ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

configure_and_build() {
    local dir=$1; shift
    if [ ! -f "$dir/build.ninja" ]; then
        log "configuring $dir"
        cmake -S "$here" -B "$dir" -G Ninja "$@"
    fi
    log "building $dir"
    cmake --build "$dir" -j"$jobs"
}

run_tests() {
    local dir=$1
    log "testing $dir"
    ctest --test-dir "$dir" --output-on-failure -j"$jobs"
}

open_gui() {
    local cli=$build_dir/app/hfcache gui=$build_dir/app/hfcache-gui cache_args=()
    local cache
    cache=$("$cli" where --hub-cache 2>/dev/null || true)
    if [ -z "$cache" ] || [ -z "$(ls -A "$cache" 2>/dev/null)" ]; then
        local demo=${XDG_CACHE_HOME:-$HOME/.cache}/hfcache/demo-cache
        log "no Hugging Face cache at '${cache:-?}': using the demo cache in $demo"
        [ -d "$demo" ] || "$cli" demo-cache "$demo"
        cache_args=(--cache-dir "$demo")
    fi
    if [ -x "$gui" ] && { [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; }; then
        exec "$gui" "${cache_args[@]}"
    fi
    [ -x "$gui" ] && log "no display: showing the command-line view instead of the window"
    exec "$cli" scan "${cache_args[@]}"
}

command=${1:-run}
case "$command" in
    run)
        install_missing
        configure_and_build "$build_dir" "${main_config[@]}"
        open_gui
        ;;
    build)
        install_missing
        configure_and_build "$build_dir" "${main_config[@]}"
        ;;
    package)
        install_missing
        # An existing build folder may have another prefix: reconfiguring only re-runs CMake.
        cmake -S "$here" -B "$build_dir" -G Ninja "${main_config[@]}" >/dev/null
        configure_and_build "$build_dir"
        log "packaging into $build_dir/package"
        rm -rf "$build_dir/package"
        (cd "$build_dir" && cpack)
        ls -l "$build_dir"/package/hfcache[_-]*.{deb,tar.gz}
        ;;
    test)
        install_missing
        configure_and_build "$build_dir" "${main_config[@]}"
        run_tests "$build_dir"
        configure_and_build "$asan_dir" -DCMAKE_BUILD_TYPE=Debug -DHFCACHE_SANITIZE=ON
        ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1} \
        UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1} \
            run_tests "$asan_dir"
        ;;
    *)
        echo "usage: $0 run|test|build|package" >&2
        exit 2
        ;;
esac
