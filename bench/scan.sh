#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 hfcache contributors
# hfcache scan vs find (the syscall floor) on the 2,000-repo synthetic cache, warm page cache.
# Targets (issue 2): wall time <= 1.0x find, peak RSS <= 64 MB.
set -euo pipefail
source "$(dirname "$0")/common.sh"

cache=$(synthetic_cache)
find "$cache" -printf '%s %p %l\n' >/dev/null  # warm the page cache
"$hfcache" scan --json --cache-dir "$cache" >/dev/null

entries=$(find "$cache" | wc -l)
t_find=$(median_seconds find "$cache" -printf '%s %p %l\n')
t_scan=$(median_seconds "$hfcache" scan --json --cache-dir "$cache")
t_scan1=$(median_seconds "$hfcache" scan --json --threads 1 --cache-dir "$cache")
t_files=$(median_seconds "$hfcache" scan --json --files --cache-dir "$cache")
rss_scan=$(peak_rss_mb "$hfcache" scan --json --cache-dir "$cache")
rss_files=$(peak_rss_mb "$hfcache" scan --json --files --cache-dir "$cache")

printf 'cache: %s (%s entries), %s cores, median of %s runs\n\n' "$cache" "$entries" "$(nproc)" "$runs"
printf '| command | wall time | ratio to find | peak RSS |\n|---|---|---|---|\n'
printf '| find -printf (syscall floor) | %ss | 1.00x | |\n' "$t_find"
printf '| hfcache scan --json | %ss | %sx | %s MB |\n' "$t_scan" "$(ratio "$t_scan" "$t_find")" "$rss_scan"
printf '| hfcache scan --json --threads 1 | %ss | %sx | |\n' "$t_scan1" "$(ratio "$t_scan1" "$t_find")"
printf '| hfcache scan --json --files (every file) | %ss | %sx | %s MB |\n' "$t_files" "$(ratio "$t_files" "$t_find")" "$rss_files"
