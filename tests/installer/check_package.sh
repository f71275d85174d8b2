#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 hfcache contributors
# The .deb passes lintian without errors, carries shlibdeps dependencies and no maintainer scripts,
# and holds what belongs to the programs it contains. The .tar.gz exists next to it.
set -euo pipefail
package_dir=$1 version=$2 app_id=$3
fail() { echo "FAIL: $*" >&2; exit 1; }
deb=$(ls "$package_dir"/hfcache_"$version"_*.deb)
ls "$package_dir"/hfcache-"$version"-*.tar.gz >/dev/null || fail "no .tar.gz in $package_dir"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "== lintian $deb"
# Tags: E error, W warning, I info, P pedantic. Only errors fail; every tag is shown with its explanation.
lintian --info --display-info --pedantic --fail-on error "$deb" | tee "$work/lintian.txt" ||
    fail "lintian reports errors"
grep -q '^E:' "$work/lintian.txt" && fail "lintian reports errors"

depends=$(dpkg-deb -f "$deb" Depends)
echo "Depends: $depends"
echo "Recommends: $(dpkg-deb -f "$deb" Recommends)"
[[ $depends == *libqt6core6* && $depends == *libc6* ]] || fail "Depends lacks the shlibdeps libraries"

dpkg-deb -e "$deb" "$work/control"
scripts=$(ls "$work/control" | grep -vxE 'control|md5sums' || true)
[ -z "$scripts" ] || fail "unexpected maintainer files: $scripts"

dpkg-deb -x "$deb" "$work/root"
root=$work/root
for path in usr/bin/hfcache usr/share/man/man1/hfcache.1.gz usr/share/bash-completion/completions/hfcache \
            usr/share/doc/hfcache/copyright usr/share/doc/hfcache/changelog.gz; do
    [ -e "$root/$path" ] || fail "missing /$path"
done
if [ -e "$root/usr/bin/hfcache-gui" ]; then
    for path in usr/share/man/man1/hfcache-gui.1.gz usr/share/applications/$app_id.desktop \
                usr/share/metainfo/$app_id.metainfo.xml usr/share/icons/hicolor/scalable/apps/$app_id.svg; do
        [ -e "$root/$path" ] || fail "missing /$path"
    done
    for size in 16 22 24 32 48 64 128 256 512; do
        png=$root/usr/share/icons/hicolor/${size}x${size}/apps/$app_id.png
        file "$png" | grep -q "PNG image data, $size x $size" || fail "$png is not a ${size}px PNG"
    done
    # The installed tree as a software centre sees it: launchable desktop entry and icons resolve.
    appstreamcli validate-tree --pedantic --no-net "$root" || fail "appstreamcli validate-tree"
else
    echo "note: no hfcache-gui in this build: desktop entry, metainfo and icons are not packaged"
fi
if [ -e "$root/usr/libexec/hfcache-helper" ]; then
    policy=$(ls "$root"/usr/share/polkit-1/actions/*.policy) || fail "hfcache-helper without a polkit action"
    [ "$(grep -c '<annotate key="org.freedesktop.policykit.exec.path">/usr/libexec/hfcache-helper</annotate>' "$policy")" = 2 ] ||
        fail "$policy does not name /usr/libexec/hfcache-helper in both actions"
    grep -q '<annotate key="org.freedesktop.policykit.exec.argv1">--take-ownership</annotate>' "$policy" ||
        fail "$policy does not map hfcache-helper --take-ownership to its own action"
else
    echo "note: no hfcache-helper in this build: no polkit action packaged"
fi
echo "ok: $(basename "$deb") ($(du -k "$deb" | cut -f1) KiB)"
