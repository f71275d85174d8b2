#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 hfcache contributors
# Installs the .deb into this machine with apt-get, uses what it installed (CLI, man page,
# completion, polkit action), then purges it and checks that nothing it brought is left behind.
set -euo pipefail
package_dir=$1 version=$2 fixtures=$3 build_cli=$4
fail() { echo "FAIL: $*" >&2; exit 1; }
[ "$(id -u)" -eq 0 ] || { echo "SKIP: needs root to install a package"; exit 77; }
if dpkg-query -W -f='${Status}' hfcache 2>/dev/null | grep -q ' installed$'; then
    fail "hfcache is already installed here (dpkg -s hfcache); this test installs and purges it: 'apt-get purge hfcache' first"
fi
deb=$(ls "$package_dir"/hfcache_"$version"_*.deb)
work=$(mktemp -d)
polkitd_pid="" dbus_pid=""   # set only when this test started them
cleanup() {
    [ -z "$polkitd_pid" ] || kill "$polkitd_pid" 2>/dev/null || true
    if [ -n "$dbus_pid" ]; then
        kill "$dbus_pid" 2>/dev/null || true
        rm -f /run/dbus/pid /run/dbus/system_bus_socket
    fi
    if dpkg-query -W -f='${Status}' hfcache 2>/dev/null | grep -qv 'not-installed$'; then
        DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq hfcache >/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

# What the package will create that is not there yet must be gone again after the purge.
dpkg-deb --fsys-tarfile "$deb" | tar -t | sed 's|^\./|/|; s|/$||' | grep -v '^/\?$' >"$work/paths"
while read -r path; do [ -e "$path" ] || [ -L "$path" ] || echo "$path"; done <"$work/paths" >"$work/new-paths"

echo "== apt-get install $deb"
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$deb" >"$work/apt.log" 2>&1 ||
    { cat "$work/apt.log"; fail "apt-get install"; }
dpkg-query -W -f='${Status}\n' hfcache | grep -qx 'install ok installed' || fail "not installed"

[ "$(/usr/bin/hfcache --version)" = "hfcache $version" ] || fail "hfcache --version: $(/usr/bin/hfcache --version)"
echo "ok: $(/usr/bin/hfcache --version)"

tar -xzf "$fixtures" -C "$work"
cd "$work"
/usr/bin/hfcache scan --cache-dir fixture-cache --json >installed.json || fail "installed hfcache scan"
"$build_cli" scan --cache-dir fixture-cache --json >built.json
python3 - installed.json built.json <<'PY' || fail "installed hfcache scan differs from the build tree's"
import json, sys
installed, built = (json.load(open(name)) for name in sys.argv[1:])
ids = lambda scan: [(repo["repo_type"], repo["repo_id"], repo["size_on_disk"]) for repo in scan["repos"]]
assert ids(installed) == ids(built) and ids(installed), (ids(installed), ids(built))
assert ("model", "gpt2") in [entry[:2] for entry in ids(installed)]
print(f"ok: installed hfcache scan found {len(installed['repos'])} repos, {installed['size_on_disk']} bytes")
PY

[ "$(man -w hfcache)" = /usr/share/man/man1/hfcache.1.gz ] || fail "man -w hfcache: $(man -w hfcache 2>&1)"
bash -c 'source /usr/share/bash-completion/completions/hfcache
         COMP_WORDS=(hfcache sc); COMP_CWORD=1; _hfcache; [ "${COMPREPLY[*]}" = scan ]' ||
    fail "installed bash completion does not complete 'hfcache sc'"
echo "ok: man page and bash completion installed"

if ! dpkg -L hfcache | grep -q '^/usr/share/polkit-1/actions/'; then
    echo "SKIP (polkit part only): this package has no polkit action yet (hfcache-helper not built in this tree)"
else
    policy=$(dpkg -L hfcache | grep '^/usr/share/polkit-1/actions/.*\.policy$')
    actions=$(sed -n 's/.*<action id="\([^"]*\)".*/\1/p' "$policy")
    [ "$(echo "$actions" | wc -l)" = 2 ] || fail "$policy should hold two actions (repair, take-ownership): $actions"
    has_name() {
        dbus-send --system --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
            org.freedesktop.DBus.NameHasOwner "string:$1" 2>/dev/null | grep -q 'boolean true'
    }
    if ! has_name org.freedesktop.DBus; then
        mkdir -p /run/dbus
        rm -f /run/dbus/pid /run/dbus/system_bus_socket
        dbus_pid=$(dbus-daemon --system --fork --print-pid)
    fi
    if ! has_name org.freedesktop.PolicyKit1; then
        /usr/lib/polkit-1/polkitd --no-debug >/dev/null 2>&1 &
        polkitd_pid=$!
    fi
    for action in $actions; do
        # polkitd reads new actions on inotify: give a running one a moment.
        for _ in $(seq 50); do pkaction --action-id "$action" --verbose >"$work/pkaction" 2>&1 && break; sleep 0.2; done
        cat "$work/pkaction"
        grep -q "org.freedesktop.policykit.exec.path -> /usr/libexec/hfcache-helper" "$work/pkaction" ||
            fail "pkaction --action-id $action does not name /usr/libexec/hfcache-helper"
        case "$action" in
        *.take-ownership)
            grep -q "org.freedesktop.policykit.exec.argv1 -> --take-ownership" "$work/pkaction" ||
                fail "pkaction --action-id $action does not map --take-ownership" ;;
        esac
        echo "ok: polkit knows $action for /usr/libexec/hfcache-helper"
    done
    [ -x /usr/libexec/hfcache-helper ] || fail "/usr/libexec/hfcache-helper is not installed"
fi

echo "== apt-get purge hfcache"
DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq hfcache >"$work/apt.log" 2>&1 || { cat "$work/apt.log"; fail "apt-get purge"; }
! dpkg-query -W -f='${Status}' hfcache 2>/dev/null | grep -qE ' (installed|config-files)$' || fail "hfcache still known to dpkg"
left=$(while read -r path; do [ -e "$path" ] || [ -L "$path" ] && echo "$path"; done <"$work/new-paths" || true)
[ -z "$left" ] || fail "left behind after purge: $left"
echo "ok: purged, none of the $(wc -l <"$work/new-paths") paths the package created is left"
