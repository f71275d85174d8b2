#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 hfcache contributors
# hfcache home vs find (the syscall floor) over an HF_HOME holding every cache kind (issue 17):
# a datasets cache with DOWNLOADS files in downloads/ (default 1,000,000) and LOCKS root lock
# files (100,000), a xet cache with SHARDS shard files (20,000), the other kinds at their test
# size (tests/support/gen_hf_home.py) and the 2,000-repo synthetic hub cache. Warm page cache.
# Targets: wall time <= 1.0x `find -printf '%s %p %l\n'` over the same tree, peak RSS <= 300 MB.
set -euo pipefail
source "$(dirname "$0")/common.sh"

downloads=${DOWNLOADS:-1000000}
locks=${LOCKS:-100000}
shards=${SHARDS:-20000}
home=$bench_dir/home-$downloads-$locks-$shards/huggingface
if [ ! -f "$home/.complete" ]; then
    echo "generating $home (a few minutes for a million files)..." >&2
    rm -rf "$(dirname "$home")"
    python3 "$here/tests/support/gen_hf_home.py" generate "$home" --downloads "$downloads" --locks "$locks" \
        --shards "$shards" >/dev/null
    python3 "$shared_dir/tools/gen_synth_cache.py" generate "$home/hub" --force \
        --repos 2000 --revisions 2 --files 30 >/dev/null
    touch "$home/.complete"
fi
# Every cache of the tree and nothing else: torch's caches are under XDG_CACHE_HOME.
export HF_HOME=$home XDG_CACHE_HOME
XDG_CACHE_HOME=$(dirname "$home")
tree=$(dirname "$home")

find "$tree" -printf '%s %p %l\n' >/dev/null  # warm the page cache
"$hfcache" home >/dev/null

entries=$(find "$tree" | wc -l)
t_find=$(median_seconds find "$tree" -printf '%s %p %l\n')
t_home=$(median_seconds "$hfcache" home)
t_json=$(median_seconds "$hfcache" home --json)
c_find=$(median_cpu_seconds find "$tree" -printf '%s %p %l\n')
c_home=$(median_cpu_seconds "$hfcache" home)
rss_home=$(peak_rss_mb "$hfcache" home)
rss_json=$(peak_rss_mb "$hfcache" home --json)

printf 'tree: %s (%s entries), %s cores, median of %s runs, load average %s\n\n' "$tree" "$entries" "$(nproc)" \
    "$runs" "$(cut -d' ' -f1-3 /proc/loadavg)"
printf '| command | wall time | ratio to find | CPU time | peak RSS |\n|---|---|---|---|---|\n'
printf '| find -printf (syscall floor) | %ss | 1.00x | %ss | |\n' "$t_find" "$c_find"
printf '| hfcache home | %ss | %sx | %ss | %s MB |\n' "$t_home" "$(ratio "$t_home" "$t_find")" "$c_home" "$rss_home"
printf '| hfcache home --json | %ss | %sx | | %s MB |\n' "$t_json" "$(ratio "$t_json" "$t_find")" "$rss_json"
