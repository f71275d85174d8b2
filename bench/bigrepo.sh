#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 hfcache contributors
# hfcache-gui on two big repos (issue 15, item 28), offscreen, warm page cache:
#   one repo with 20,000 revisions (2 files each, every blob gone: 40,000 broken links);
#   one revision with 50,000 files whose blobs are gone (50,000 broken links, one finding each).
# Each run scans, then selects and expands the repo (first shape) or the revision (second) as a
# user would (`--select`), and prints the longest GUI-thread stall from the selection on (the
# lateness of a 5 ms timer), the time until the expanded rows are painted, and RSS.
# Peers in the same run: `find` over the same cache (the syscall floor) and `hfcache scan --json`.
# Targets: stall <= 50 ms; memory linear in the number of rows.
# A stall is wall-clock lateness: on a loaded machine it includes time other processes had the
# CPU; the CPU-burst column is the GUI thread's own longest piece of work.
set -euo pipefail
source "$(dirname "$0")/common.sh"

gui=$build_dir/app/hfcache-gui
[ -x "$gui" ] || { echo "build first: cmake --build build --target hfcache-gui" >&2; exit 2; }
export QT_QPA_PLATFORM=offscreen
settings=$(mktemp -d)
trap 'rm -rf "$settings"' EXIT
export XDG_CONFIG_HOME=$settings  # no saved window layout from a developer's session

generate_broken() {  # generate_broken DIR ARGS...: a cache whose blobs are all gone (once, reused)
    local dir=$1
    shift
    if [ ! -f "$dir/.complete" ]; then
        echo "generating $dir..." >&2
        python3 "$shared_dir/tools/gen_synth_cache.py" generate "$dir" --force --repos 1 \
            --pr-fraction 0 --branch-fraction 0 --no-exist 0 --sizes small:1:10-100 "$@" >/dev/null
        find "$dir" -path '*/blobs/*' -type f -delete
        touch "$dir/.complete"
    fi
}

field() { printf '%s\n' "$1" | sed -n "s/^$2: \([0-9.-]*\)$/\1/p"; }

row() {  # row LABEL CACHE: median over $runs of the GUI selecting its only repo (and revision)
    local label=$1 cache=$2
    find "$cache" -printf '%s %p %l\n' >/dev/null  # warm the page cache
    local id select stalls=() busies=() shown=() rss=()
    id=$("$hfcache" scan --json --cache-dir "$cache" |
        python3 -c 'import json, sys; r = json.load(sys.stdin)["repos"][0]; print(r["repo_type"] + "/" + r["repo_id"], r["revisions"][0]["commit_hash"], len(r["revisions"]))')
    read -r repo commit revisions <<<"$id"
    select=$repo
    [ "$revisions" = 1 ] && select=$repo@$commit
    local i out
    for ((i = 0; i < runs; i++)); do
        out=$("$gui" --benchmark --cache-dir "$cache" --select "$select" 2>/dev/null)
        stalls+=("$(field "$out" select_max_gui_stall_ms)")
        busies+=("$(field "$out" select_max_gui_busy_ms)")
        shown+=("$(field "$out" select_shown_ms)")
        rss+=("$(field "$out" peak_rss_mb)")
    done
    median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
    local t_find t_scan
    t_find=$(median_seconds find "$cache" -printf '%s %p %l\n')
    t_scan=$(median_seconds "$hfcache" scan --json --cache-dir "$cache")
    local stall busy show mem
    stall=$(median "${stalls[@]}")
    busy=$(median "${busies[@]}")
    show=$(median "${shown[@]}")
    mem=$(median "${rss[@]}")
    printf '| %s | %ss | %ss (%sx) | %s ms (%sx find) | %s ms | %s ms | %s MB |\n' \
        "$label" "$t_find" "$t_scan" "$(ratio "$t_scan" "$t_find")" "$show" \
        "$(ratio "$(awk -v ms="$show" 'BEGIN { print ms / 1000 }')" "$t_find")" "$stall" "$busy" "$mem"
}

many=$bench_dir/gui-revisions-20000
wide=$bench_dir/gui-links-50000
generate_broken "$many" --revisions 20000 --files 2
generate_broken "$wide" --revisions 1 --files 50000

printf '%s cores, load average %s, median of %s runs\n\n' "$(nproc)" "$(cut -d' ' -f1 /proc/loadavg)" "$runs"
printf '| shape | find | scan --json | select + expand, painted | longest GUI stall after select | longest GUI CPU burst | peak RSS |\n'
printf '|---|---|---|---|---|---|---|\n'
row "a repo with 20,000 revisions (40,000 broken links)" "$many"
row "a revision with 50,000 broken links" "$wide"
