#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 hfcache contributors
# rm and prune planning against the scan it starts from, at three sizes each (issue 15, item 27):
#   rm --dry-run of every repo of a 125 / 500 / 2,000-repo cache (2 revisions, 30 files each);
#   prune --dry-run of one repo with 2,500 / 10,000 / 20,000 detached revisions (SIZES_PRUNE).
# Planning time = the dry run's time minus `scan --json`'s on the same cache (the dry run scans
# first), as wall time and as CPU time (user + system: steadier on a loaded machine; the scan
# runs on every core, of the check only the lease probes; the planning on one). Target: planning <= 1.0x the
# scan's time at every size. The scan and the dry run alternate (same load for both), timed in 1 ms steps.
# SIZES_RM / SIZES_PRUNE / RUNS override the sizes and the number of runs (median).
set -euo pipefail
source "$(dirname "$0")/common.sh"

sizes_rm=${SIZES_RM:-125 500 2000}
sizes_prune=${SIZES_PRUNE:-2500 10000 20000}

generate() {  # generate DIR ARGS...: once per shape, reused
    local dir=$1
    shift
    if [ ! -f "$dir/.complete" ]; then
        echo "generating $dir..." >&2
        python3 "$shared_dir/tools/gen_synth_cache.py" generate "$dir" --force "$@" >/dev/null
        touch "$dir/.complete"
    fi
}

row() {  # row LABEL CACHE DRYRUN-ARGS...
    local label=$1 cache=$2
    shift 2
    "$hfcache" scan --json --cache-dir "$cache" >/dev/null  # warm the page cache
    # The scan and the dry run in turns, so that both see the same load.
    local scan_times run_times i
    scan_times=$(mktemp)
    run_times=$(mktemp)
    for ((i = 0; i < runs; i++)); do
        timed "$hfcache" scan --json --cache-dir "$cache" >>"$scan_times"
        timed "$hfcache" "$@" --dry-run --json --cache-dir "$cache" >>"$run_times"
    done
    local t_scan t_run t_plan c_scan c_run c_plan
    t_scan=$(median "$scan_times" 1)
    t_run=$(median "$run_times" 1)
    c_scan=$(median "$scan_times" 2)
    c_run=$(median "$run_times" 2)
    rm -f "$scan_times" "$run_times"
    t_plan=$(awk -v a="$t_run" -v b="$t_scan" 'BEGIN { d = a - b; printf "%.3f", (d > 0 ? d : 0) }')
    c_plan=$(awk -v a="$c_run" -v b="$c_scan" 'BEGIN { d = a - b; printf "%.3f", (d > 0 ? d : 0) }')
    printf '| %s | %ss | %ss | %ss | %sx | %ss | %ss | %sx |\n' "$label" "$t_scan" "$t_run" "$t_plan" \
        "$(ratio "$t_plan" "$t_scan")" "$c_scan" "$c_plan" "$(ratio "$c_plan" "$c_scan")"
}

printf '%s cores, load average %s, median of %s runs\n\n' "$(nproc)" "$(cut -d' ' -f1 /proc/loadavg)" "$runs"
printf '| work | scan --json | dry run (scan + plan) | planning | planning / scan | scan CPU | planning CPU | CPU ratio |\n'
printf '|---|---|---|---|---|---|---|---|\n'
for n in $sizes_rm; do
    if [ "$n" = 2000 ]; then
        cache=$(synthetic_cache)  # the same shape, shared with bench/scan.sh
    else
        cache=$bench_dir/plan-rm-$n
        generate "$cache" --repos "$n" --revisions 2 --files 30
    fi
    mapfile -t ids < <("$hfcache" scan --json --cache-dir "$cache" |
        python3 -c 'import json, sys; print("\n".join(r["repo_type"] + "/" + r["repo_id"] for r in json.load(sys.stdin)["repos"]))')
    row "rm --dry-run of all $n repos" "$cache" rm "${ids[@]}"
done
for n in $sizes_prune; do
    cache=$bench_dir/plan-prune-$n
    generate "$cache" --repos 1 --revisions "$n" --files 3 --pr-fraction 0 --branch-fraction 0 --no-exist 0.5 --layout 1.x
    row "prune, one repo with $n revisions" "$cache" prune --detached
done
