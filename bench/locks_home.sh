#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 hfcache contributors
# hfcache locks over the caches beside the hub cache: a datasets cache with 100,000 lock files
# (made by the real filelock through gen_hf_home.py --locks), 50 of them held by one process.
# Target (issue 17): `hfcache locks` <= 1.0x `cat /proc/locks` + `find` of the lock files. Also timed: the
# same find printing what every row of `hfcache locks` shows besides holders (owner, group, mode; numeric
# ids, which find does not look up: with %u %g it takes 1.6 s here), which
# takes an lstat per lock file, as hfcache does.
# Run it at high priority on an otherwise idle machine: nice -n -20 bench/locks_home.sh
set -euo pipefail
source "$(dirname "$0")/common.sh"

locks=${LOCKS:-100000}
held=${HELD:-50}
top=$bench_dir/locks-home-$locks
home=$top/huggingface
if [ ! -f "$top/.complete" ]; then
    echo "generating $home ($locks lock files)..." >&2
    rm -rf "$top"
    python3 "$here/tests/support/gen_hf_home.py" generate "$home" --kinds datasets,metrics --locks "$locks" \
        --filelock 3.32.3 >/dev/null
    touch "$top/.complete"
fi
export HF_HOME=$home XDG_CACHE_HOME=$top TORCH_HOME=$top/torch

# One process holding $held of the lock files until this script ends.
holder_fifo=$(mktemp -u)
mkfifo "$holder_fifo"
find "$home/datasets" -maxdepth 1 -name '_bulk_*.lock' | head -n "$held" |
    PYTHONPATH=$shared_dir/peers/filelock-3.32.3/src python3 -c '
import sys
from filelock import FileLock
held = [FileLock(p.strip()) for p in sys.stdin]
for lock in held:
    lock.acquire()
open(sys.argv[1], "w").write("%d\n" % len(held))
open(sys.argv[1]).read()
' "$holder_fifo" &
holder=$!
trap 'echo > "$holder_fifo"; wait $holder 2>/dev/null; rm -f "$holder_fifo"' EXIT
read -r count < "$holder_fifo"

baseline() { cat /proc/locks >/dev/null; find "$home" -name '*.lock' >/dev/null; }
with_owners() { cat /proc/locks >/dev/null; find "$home" -name '*.lock' -printf '%U %G %m %p\n' >/dev/null; }
# The floor: only the listing and an lstat per lock file, on two threads (bench/stat_floor.c).
floor=$bench_dir/stat_floor
cc -O2 -pthread -o "$floor" "$here/bench/stat_floor.c"
export -f baseline with_owners
export home
baseline; "$hfcache" locks --listen 0 >/dev/null  # warm the page cache

# Wall and CPU (user + system, all threads) of each side, in the same run.
t_base=$(median_seconds bash -c baseline)
c_base=$(median_cpu_seconds bash -c baseline)
t_floor=$(median_seconds "$floor" "$home")
c_floor=$(median_cpu_seconds "$floor" "$home")
t_owners=$(median_seconds bash -c with_owners)
c_owners=$(median_cpu_seconds bash -c with_owners)
t_locks=$(median_seconds "$hfcache" locks --listen 0)
c_locks=$(median_cpu_seconds "$hfcache" locks --listen 0)
t_json=$(median_seconds "$hfcache" locks --listen 0 --json)
c_json=$(median_cpu_seconds "$hfcache" locks --listen 0 --json)
t_listen=$(median_seconds "$hfcache" locks)
rss=$(peak_rss_mb "$hfcache" locks --listen 0)
rss_json=$(peak_rss_mb "$hfcache" locks --listen 0 --json)
held_seen=$("$hfcache" locks --listen 0 --json | python3 -c 'import json,sys; print(sum(c["held"] for c in json.load(sys.stdin)["home"]["caches"]))')

printf 'HF_HOME: %s (%s lock files, %s held by pid %s, %s seen held), %s cores, load %s, median of %s runs\n\n' \
    "$home" "$locks" "$count" "$holder" "$held_seen" "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)" "$runs"
printf '| command | wall time | ratio | CPU time | ratio |\n|---|---|---|---|---|\n'
printf '| cat /proc/locks + find -name "*.lock" | %ss | 1.00x | %ss | 1.00x |\n' "$t_base" "$c_base"
printf '| cat /proc/locks + find -name "*.lock" -printf "%%U %%G %%m %%p\\n" | %ss | %sx | %ss | %sx |\n' "$t_owners" \
    "$(ratio "$t_owners" "$t_base")" "$c_owners" "$(ratio "$c_owners" "$c_base")"
printf '| floor: list + lstat every lock file on 2 threads (bench/stat_floor.c) | %ss | %sx | %ss | %sx |\n' "$t_floor" \
    "$(ratio "$t_floor" "$t_base")" "$c_floor" "$(ratio "$c_floor" "$c_base")"
printf '| hfcache locks --listen 0 | %ss | %sx | %ss | %sx |\n' "$t_locks" "$(ratio "$t_locks" "$t_base")" \
    "$c_locks" "$(ratio "$c_locks" "$c_base")"
printf '| hfcache locks --listen 0 --json | %ss | %sx | %ss | %sx |\n' "$t_json" "$(ratio "$t_json" "$t_base")" \
    "$c_json" "$(ratio "$c_json" "$c_base")"
printf '| hfcache locks (listens 0.3 s for pollers as root) | %ss | %sx | | |\n' "$t_listen" "$(ratio "$t_listen" "$t_base")"
printf '\nhfcache locks --listen 0 against the find that shows owners and modes: %sx (text), %sx (--json)\n' \
    "$(ratio "$t_locks" "$t_owners")" "$(ratio "$t_json" "$t_owners")"
printf '\npeak RSS of hfcache locks: %s MB (--json: %s MB)\n' "$rss" "$rss_json"
