# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 hfcache contributors
# Shared by the bench/*.sh scripts: locating the build and the shared tools, timing commands.
# shellcheck shell=bash
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${HFCACHE_BUILD_DIR:-$here/build}
shared_dir=${HFCACHE_SHARED_DIR:-$here/../shared}
hfcache=$build_dir/app/hfcache
bench_dir=${HFCACHE_BENCH_DIR:-/tmp/hfcache-bench}
runs=${RUNS:-5}

[ -x "$hfcache" ] || { echo "build first: ./installer/dev.sh build" >&2; exit 2; }
command -v /usr/bin/time >/dev/null || { echo "needs GNU time: apt-get install time" >&2; exit 2; }
mkdir -p "$bench_dir"

# The 2,000-repo synthetic cache of the issues (generated once, reused).
synthetic_cache() {
    local dir=$bench_dir/synth-2000
    if [ ! -f "$dir/.complete" ]; then
        echo "generating $dir (about a minute)..." >&2
        python3 "$shared_dir/tools/gen_synth_cache.py" generate "$dir" --force \
            --repos 2000 --revisions 2 --files 30 >/dev/null
        touch "$dir/.complete"
    fi
    echo "$dir"
}

# median_time FORMAT CMD...: the median over $runs runs of GNU time's FORMAT fields, summed
# (output discarded).
median_time() {
    local format=$1 times=() i out
    shift
    out=$(mktemp)
    for ((i = 0; i < runs; i++)); do
        /usr/bin/time -f "$format" -o "$out" "$@" >/dev/null 2>&1
        times+=("$(tail -n 1 "$out" | awk '{ t = 0; for (i = 1; i <= NF; i++) t += $i; print t }')")
    done
    rm -f "$out"
    printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}

# median_seconds CMD...: the median wall time.
median_seconds() { median_time '%e' "$@"; }

# median_cpu_seconds CMD...: the median CPU time (user + system, all threads): the steadier
# figure when other builds load the machine.
median_cpu_seconds() { median_time '%U %S' "$@"; }

# peak_rss_mb CMD...: peak resident memory of one run, in MB.
peak_rss_mb() {
    local out
    out=$(mktemp)
    /usr/bin/time -f '%M' -o "$out" "$@" >/dev/null 2>&1
    awk '{printf "%.1f", $1 / 1024}' "$out"
    rm -f "$out"
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }

# timed CMD...: one run's wall and CPU time (user + system, all threads) in seconds, "WALL CPU",
# in 1 ms steps (bash's `time` over getrusage; GNU time's %e %U %S have 10 ms steps, as large as
# the differences a 0.1 s command shows).
timed() {
    local TIMEFORMAT='%3R %3U %3S' out
    out=$({ time "$@" >/dev/null 2>&1; } 2>&1)
    awk '{ printf "%.3f %.3f\n", $1, $2 + $3 }' <<<"$out"
}

# median FILE COLUMN: the median of one column of numbers.
median() { awk -v c="$2" '{ print $c }' "$1" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# hfcache-gui --benchmark runs: offscreen, with none of a developer's saved window layout.
isolate_gui_benchmark() {
    export QT_QPA_PLATFORM=offscreen
    gui_settings=$(mktemp -d)
    trap 'rm -rf "$gui_settings"' EXIT
    export XDG_CONFIG_HOME=$gui_settings
}

# One key's values in the runs of results[] (each run's "key: value" lines joined by spaces),
# sorted. The key is matched whole: rss_mb is not the end of peak_rss_mb.
# shellcheck disable=SC2154  # results[] is the calling script's
gui_field() { printf '%s\n' "${results[@]}" | sed -n "s/.* $1: \([0-9.-]*\).*/\1/p;s/^$1: \([0-9.-]*\).*/\1/p" | sort -n; }
