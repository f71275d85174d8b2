#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 hfcache contributors
# hfcache-gui's Every Cache (HF_HOME) tab over bench/home.sh's tree (issue 17's scale: 1,000,000
# datasets downloads, 100,000 lock files, 20,000 xet shards, the 2,000-repo hub cache), offscreen,
# warm page cache: how soon the tab's first rows are painted (every cache's row, those still
# scanning say so), the first row of a scanned cache, the whole scan, the longest GUI-thread stall
# (lateness of a 5 ms timer) and CPU burst, then expanding the biggest cache. The hub browser
# scans its cache meanwhile, as at every start. Targets: first rows <= 300 ms, stall <= 50 ms.
set -euo pipefail
source "$(dirname "$0")/common.sh"

gui=$build_dir/app/hfcache-gui
[ -x "$gui" ] || { echo "build first: cmake --build build --target hfcache-gui" >&2; exit 2; }
downloads=${DOWNLOADS:-1000000}
locks=${LOCKS:-100000}
shards=${SHARDS:-20000}
home=$bench_dir/home-$downloads-$locks-$shards/huggingface
[ -f "$home/.complete" ] || { echo "generate the tree first: DOWNLOADS=$downloads bench/home.sh" >&2; exit 2; }
export HF_HOME=$home XDG_CACHE_HOME
XDG_CACHE_HOME=$(dirname "$home")
find "$XDG_CACHE_HOME" -printf '%s %p %l\n' >/dev/null  # warm the page cache
isolate_gui_benchmark

results=()
for ((i = 0; i < runs; i++)); do
    results+=("$("$gui" --home --benchmark 2>/dev/null | tr '\n' ' ')")
done
median() { awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
worst() { tail -n 1; }
row() { printf '| %s | %s %s | %s %s | %s |\n' "$1" "$(gui_field "$2" | median)" "${4:-ms}" "$(gui_field "$2" | worst)" "${4:-ms}" "$3"; }

printf 'tree: %s (%s entries in %s caches), %s cores, load average %s, %s runs\n\n' "$XDG_CACHE_HOME" \
    "$(gui_field entries | median)" "$(gui_field caches | median)" "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)" "$runs"
printf '| measure | median | worst | target |\n|---|---|---|---|\n'
row 'first rows visible after start (every cache, scanning)' first_rows_visible_ms '<= 300 ms'
row 'first scanned cache row visible' first_scanned_row_visible_ms ''
row 'every cache scanned and shown' scan_done_ms ''
row 'longest GUI-thread stall while scanning' max_gui_stall_ms '<= 50 ms'
row 'longest GUI-thread CPU burst (our own work)' max_gui_busy_ms ''
row "expanding the biggest cache ($(gui_field expand_rows | median) rows made): shown" expand_shown_ms ''
row 'longest GUI-thread stall from the expand on' expand_max_gui_stall_ms '<= 50 ms'
row 'RSS with everything loaded' rss_mb '' MB
row 'peak RSS' peak_rss_mb '' MB
