#!/usr/bin/env bash
# hfcache doctor vs the plain scan on the 2,000-repo synthetic cache, warm page cache.
# Target (issue 4): doctor <= 1.3x scan -- one pass over the tree, the audit works on the
# scan's lstat results and re-stats nothing under the root.
set -euo pipefail
source "$(dirname "$0")/common.sh"

cache=$(synthetic_cache)
"$hfcache" scan --json --cache-dir "$cache" >/dev/null  # warm the page cache
"$hfcache" doctor --json --cache-dir "$cache" >/dev/null || true

t_scan=$(median_seconds "$hfcache" scan --json --cache-dir "$cache")
t_doctor=$(median_seconds "$hfcache" doctor --json --cache-dir "$cache")
t_shared=$(median_seconds "$hfcache" doctor --json --shared-group root --cache-dir "$cache")
t_locks=$(median_seconds "$hfcache" locks --json --cache-dir "$cache")
rss_doctor=$(peak_rss_mb "$hfcache" doctor --json --cache-dir "$cache")

printf 'cache: %s, %s cores, median of %s runs\n\n' "$cache" "$(nproc)" "$runs"
printf '| command | wall time | ratio to scan | peak RSS |\n|---|---|---|---|\n'
printf '| hfcache scan --json | %ss | 1.00x | |\n' "$t_scan"
printf '| hfcache doctor --json | %ss | %sx | %s MB |\n' "$t_doctor" "$(ratio "$t_doctor" "$t_scan")" "$rss_doctor"
printf '| hfcache doctor --json --shared-group root (every entry fails the policy; ACL reads) | %ss | %sx | |\n' \
    "$t_shared" "$(ratio "$t_shared" "$t_scan")"
printf '| hfcache locks --json (two samples 1 s apart: incomplete files present) | %ss | %sx | |\n' \
    "$t_locks" "$(ratio "$t_locks" "$t_scan")"
