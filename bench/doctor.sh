#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 hfcache contributors
# hfcache doctor vs the plain scan on the 2,000-repo synthetic cache, warm page cache.
# Target (issue 4): doctor <= 1.3x scan -- one pass over the tree, the audit works on the
# scan's lstat results and re-stats nothing under the root.
set -euo pipefail
source "$(dirname "$0")/common.sh"

# median_cpu CMD...: the median user+system CPU seconds of $runs runs: steadier than wall time
# on a machine shared with other jobs.
median_cpu() {
    local times=() i out
    out=$(mktemp)
    for ((i = 0; i < runs; i++)); do
        /usr/bin/time -f '%U %S' -o "$out" "$@" >/dev/null 2>&1 || true
        times+=("$(tail -n 1 "$out" | awk '{print $1 + $2}')")
    done
    rm -f "$out"
    printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}

cache=$(synthetic_cache)
"$hfcache" scan --json --cache-dir "$cache" >/dev/null  # warm the page cache
"$hfcache" doctor --json --cache-dir "$cache" >/dev/null || true

t_scan=$(median_seconds "$hfcache" scan --json --cache-dir "$cache")
t_doctor=$(median_seconds "$hfcache" doctor --json --cache-dir "$cache")
t_shared=$(median_seconds "$hfcache" doctor --json --shared-group root --cache-dir "$cache")
t_locks=$(median_seconds "$hfcache" locks --json --cache-dir "$cache")
rss_doctor=$(peak_rss_mb "$hfcache" doctor --json --cache-dir "$cache")
rss_scan=$(peak_rss_mb "$hfcache" scan --json --cache-dir "$cache")
c_scan=$(median_cpu "$hfcache" scan --json --cache-dir "$cache")
c_doctor=$(median_cpu "$hfcache" doctor --json --cache-dir "$cache")

printf 'cache: %s, %s cores, median of %s runs\n\n' "$cache" "$(nproc)" "$runs"
printf '| command | wall time | ratio to scan | CPU time | CPU ratio | peak RSS |\n|---|---|---|---|---|---|\n'
printf '| hfcache scan --json | %ss | 1.00x | %ss | 1.00x | %s MB |\n' "$t_scan" "$c_scan" "$rss_scan"
printf '| hfcache doctor --json | %ss | %sx | %ss | %sx | %s MB |\n' "$t_doctor" "$(ratio "$t_doctor" "$t_scan")" \
    "$c_doctor" "$(ratio "$c_doctor" "$c_scan")" "$rss_doctor"
printf '| hfcache doctor --json --shared-group root (every entry fails the policy; ACL reads) | %ss | %sx | | | |\n' \
    "$t_shared" "$(ratio "$t_shared" "$t_scan")"
printf '| hfcache locks --json (two samples 1 s apart: incomplete files present) | %ss | %sx | | | |\n' \
    "$t_locks" "$(ratio "$t_locks" "$t_scan")"
