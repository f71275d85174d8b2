#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 hfcache contributors
# Repairing a 100,000-entry cache vs `chown -R` + `chmod -R` on the same tree (issue 6 target:
# <= 2x). Run as root: every round starts from the same damage (everything owned by another
# user, files 0444), made untimed before each timed run; warm page cache; median of $runs.
#   helper  hfcache-helper applying a "make it mine" plan for user A (a chown per entry, a chmod
#           per file and folder): parse, check every path, apply, progress lines and syslog
#   cli     `hfcache repair --mine --yes` as root, end to end: scan, diagnose, plan, apply in-process,
#           re-scan and re-diagnose (its 100k-row tables go to /dev/null)
#   peer    chown -hR A:A + chmod -R u+rwX
set -euo pipefail
source "$(dirname "$0")/common.sh"
runs=${RUNS:-5}
helper=$build_dir/app/hfcache-helper
[ "$(id -u)" -eq 0 ] || { echo "run as root (the damage is files of another user)" >&2; exit 2; }
[ -x "$helper" ] || { echo "build first: cmake --build $build_dir --target hfcache-helper" >&2; exit 2; }

for user in hfct-rep-a hfct-rep-b; do id "$user" >/dev/null 2>&1 || useradd --user-group "$user"; done
hub=$bench_dir/repair-100k
if [ ! -f "$hub/.complete" ]; then
    echo "generating $hub..." >&2
    python3 "$shared_dir/tools/gen_synth_cache.py" generate "$hub" --force --repos 50 --revisions 2 --files 700 \
        --sizes tiny:1:1-64 --shared 0 --locks all --seed 7 >/dev/null
    touch "$hub/.complete"
fi
# Ownership and modes only: `repair --mine` would also remove the generator's interrupted
# downloads (.incomplete), and the next round's plan would then name missing entries.
find "$hub" -name '*.incomplete' -delete
chmod 755 "$bench_dir"
uid_a=$(id -u hfct-rep-a)

# The "mine" plan for user A in the helper's JSON protocol (what hfcache sends through pkexec).
plan=$bench_dir/repair-100k.plan.json
python3 - "$hub" "$uid_a" "$(id -g hfct-rep-a)" > "$plan" <<'PY'
import json, os, stat, sys
root, uid, gid = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
ops = []
def add(rel):
    st = os.lstat(os.path.join(root, rel))
    ops.append({"op": "chown", "path": rel, "uid": uid, "gid": gid})
    if not stat.S_ISLNK(st.st_mode):
        ops.append({"op": "chmod", "path": rel, "mode": "0755" if stat.S_ISDIR(st.st_mode) else "0644"})
add(".")
for dirpath, dirs, files in os.walk(root):
    for name in dirs + files:
        add(os.path.relpath(os.path.join(dirpath, name), root))
json.dump({"version": 1, "root": os.path.realpath(root), "operations": ops}, sys.stdout)
PY

# A's cache (its root folder) holding B's files: the migration case the helper repairs, with
# --take-ownership (the only cache whose files it gives A: README "Security model").
damage() {
    chown -hR hfct-rep-b:hfct-rep-b "$hub"
    chown hfct-rep-a:hfct-rep-a "$hub"
    find "$hub" -type f -exec chmod 0444 {} +
}
# seconds CMD...: "wall cpu" of one run (cpu = user + sys: on a shared, loaded machine the
# wall time mostly measures the other processes), output discarded.
seconds() {
    local out
    out=$(mktemp)
    /usr/bin/time -f '%e %U %S' -o "$out" "$@" >/dev/null 2>&1
    tail -n 1 "$out" | awk '{ printf "%s %.2f\n", $1, $2 + $3 }'
    rm -f "$out"
}
median() { printf '%s\n' "$@" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

load_start=$(cut -d' ' -f1-3 /proc/loadavg)
w_helper=() c_helper=() w_cli=() c_cli=() w_peer=() c_peer=()
for ((i = 0; i < runs; i++)); do
    damage
    read -r w c < <(seconds sh -c 'SUDO_UID=$1 "$2" --take-ownership < "$3"' _ "$uid_a" "$helper" "$plan")
    w_helper+=("$w") c_helper+=("$c")
    [ "$(stat -c %U "$hub/CACHEDIR.TAG")" = hfct-rep-a ] || { echo "the helper did not repair the cache" >&2; exit 1; }
    damage
    read -r w c < <(seconds "$hfcache" repair --cache-dir "$hub" --mine --yes)
    w_cli+=("$w") c_cli+=("$c")
    damage
    read -r w c < <(seconds sh -c 'chown -hR hfct-rep-a:hfct-rep-a "$1" && chmod -R u+rwX "$1"' _ "$hub")
    w_peer+=("$w") c_peer+=("$c")
done
peer=$(median "${w_peer[@]}") peer_cpu=$(median "${c_peer[@]}")
helper_s=$(median "${w_helper[@]}") helper_cpu=$(median "${c_helper[@]}")
cli_s=$(median "${w_cli[@]}") cli_cpu=$(median "${c_cli[@]}")

printf 'cache: %s (%s entries, %s operations in the plan), %s cores, median of %s runs\n\n' \
    "$hub" "$(find "$hub" | wc -l)" "$(grep -o '"op"' "$plan" | wc -l)" "$(nproc)" "$runs"
# Other builds on a shared machine stretch wall times; the cpu columns suffer much less.
printf 'load average: %s at the start, %s at the end\n\n' "$load_start" "$(cut -d' ' -f1-3 /proc/loadavg)"
printf '| command | wall | ratio | cpu (user+sys) | ratio |\n|---|---|---|---|---|\n'
printf '| chown -hR + chmod -R (peer) | %ss | 1.00x | %ss | 1.00x |\n' "$peer" "$peer_cpu"
printf '| hfcache-helper, make-it-mine plan | %ss | %sx | %ss | %sx |\n' "$helper_s" "$(ratio "$helper_s" "$peer")" \
    "$helper_cpu" "$(ratio "$helper_cpu" "$peer_cpu")"
printf '| hfcache repair --mine --yes (scan + diagnose + plan + apply + re-scan + re-diagnose) | %ss | %sx | %ss | %sx |\n' "$cli_s" \
    "$(ratio "$cli_s" "$peer")" "$cli_cpu" "$(ratio "$cli_cpu" "$peer_cpu")"
