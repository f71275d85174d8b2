#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 hfcache contributors
# hfcache verify vs the hashing tools a user has, warm page cache, runs interleaved (the
# machine is shared, so both sides see the same load). Targets (issue 7):
#   one 2 GiB blob:            hfcache verify >= 1.0x `openssl dgst -sha256`
#   200 blobs of 10 MB, 2 cores: hfcache verify >= 1.7x `sha256sum` run with `xargs -P2`
# Ratios are peer time / hfcache time: above 1 means hfcache is faster.
set -euo pipefail
source "$(dirname "$0")/common.sh"

# make_cache DIR COUNT SIZE: a cache with one repo whose COUNT random blobs of SIZE are named by
# their sha256 and linked from one snapshot (generated once, reused).
make_cache() {
    local dir=$1 count=$2 size=$3 repo i tmp name
    [ -f "$dir/.complete" ] && return
    echo "generating $dir ($count x $size)..." >&2
    rm -rf "$dir"
    repo=$dir/models--bench--verify
    mkdir -p "$repo/blobs" "$repo/refs" "$repo/snapshots/0000000000000000000000000000000000000001"
    printf '%s' 0000000000000000000000000000000000000001 >"$repo/refs/main"
    for ((i = 0; i < count; i++)); do
        tmp=$repo/blobs/tmp
        head -c "$size" /dev/urandom >"$tmp"
        name=$(openssl dgst -sha256 -r "$tmp" | cut -d' ' -f1)
        mv "$tmp" "$repo/blobs/$name"
        ln -s "../../blobs/$name" "$repo/snapshots/0000000000000000000000000000000000000001/file$i.bin"
    done
    touch "$dir/.complete"
}

seconds() {  # seconds CMD...: wall time of one run, output discarded
    local out
    out=$(mktemp)
    /usr/bin/time -f '%e' -o "$out" "$@" >/dev/null 2>&1
    tail -n 1 "$out"
    rm -f "$out"
}

median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# compare LABEL PEER_CMD -- HFCACHE_CMD: interleaved runs, medians, ratio.
compare() {
    local label=$1 peer=() ours=() tp=() to=() i
    shift
    while [ "$1" != -- ]; do peer+=("$1"); shift; done
    shift
    ours=("$@")
    "${peer[@]}" >/dev/null 2>&1 || true  # warm the page cache
    "${ours[@]}" >/dev/null
    for ((i = 0; i < runs; i++)); do
        tp+=("$(seconds "${peer[@]}")")
        to+=("$(seconds "${ours[@]}")")
    done
    local mp mo
    mp=$(median "${tp[@]}")
    mo=$(median "${to[@]}")
    printf '| %s | %ss | %ss | %sx |\n' "$label" "$mp" "$mo" "$(ratio "$mp" "$mo")"
}

big=$bench_dir/verify-2g
many=$bench_dir/verify-200x10m
make_cache "$big" 1 2G
make_cache "$many" 200 10M
big_blob=$(ls "$big"/models--bench--verify/blobs/*)

printf 'cores: %s, load: %s, median of %s interleaved runs\n\n' "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)" "$runs"
printf '| work | peer | hfcache verify | ratio (peer / hfcache) |\n|---|---|---|---|\n'
compare "one 2 GiB blob vs openssl dgst -sha256" openssl dgst -sha256 "$big_blob" -- "$hfcache" verify --cache-dir "$big"
compare "200 x 10 MB vs sha256sum with xargs -P2" sh -c "ls -d '$many'/models--bench--verify/blobs/* | xargs -P2 -n 20 sha256sum" \
    -- "$hfcache" verify --cache-dir "$many"
