#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 hfcache contributors
# hfcache scan --local-dir vs find (the syscall floor) and vs a Python script that walks the folder and reads
# every download/<path>.metadata the way huggingface_hub's read_download_metadata does (what a user writes
# today to learn which commit a local_dir holds). A local_dir of FILES files in 200 folders, each with its
# .metadata and .lock (the shape `hf download --local-dir` leaves), warm page cache.
set -euo pipefail
source "$(dirname "$0")/common.sh"

files=${FILES:-20000}
dir=$bench_dir/localdir-$files
if [ ! -f "$dir/.complete" ]; then
    echo "generating $dir..." >&2
    rm -rf "$dir"
    python3 - "$dir" "$files" <<'EOF'
import hashlib, os, sys, time
root, count = sys.argv[1], int(sys.argv[2])
commit = "8d3cf433466ffeb5a55801526b5c79624edcd887"
for i in range(count):
    rel = f"shard-{i % 200:03d}/file-{i:06d}.bin"
    data = f"{i}\n".encode() * 64
    for base in (root, os.path.join(root, ".cache/huggingface/download")):
        os.makedirs(os.path.join(base, os.path.dirname(rel)), exist_ok=True)
    with open(os.path.join(root, rel), "wb") as f:
        f.write(data)
    etag = hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()
    meta = os.path.join(root, ".cache/huggingface/download", rel)
    with open(meta + ".metadata", "w") as f:
        f.write(f"{commit}\n{etag}\n{time.time()}\n")
    open(meta + ".lock", "w").close()
with open(os.path.join(root, ".cache/huggingface/.gitignore"), "w") as f:
    f.write("*")
EOF
    touch "$dir/.complete"
fi

peer=$(mktemp)
trap 'rm -f "$peer"' EXIT
cat >"$peer" <<'EOF'
import os, sys
root = sys.argv[1]
download = os.path.join(root, ".cache", "huggingface", "download")
commits, size = {}, 0
for folder, dirs, names in os.walk(root):
    if folder == root:
        dirs.remove(".cache")
    for name in names:
        path = os.path.join(folder, name)
        st = os.stat(path)
        size += st.st_blocks * 512
        try:
            with open(os.path.join(download, os.path.relpath(path, root)) + ".metadata") as f:
                commit, etag, ts = f.readline().strip(), f.readline().strip(), float(f.readline().strip())
            if st.st_mtime - 1 <= ts:
                commits[commit] = commits.get(commit, 0) + 1
        except (OSError, ValueError):
            pass
print(size, commits)
EOF

find "$dir" -printf '%s %p %l\n' >/dev/null  # warm the page cache
"$hfcache" scan --json --local-dir "$dir" >/dev/null

entries=$(find "$dir" | wc -l)
t_find=$(median_seconds find "$dir" -printf '%s %p %l\n')
t_peer=$(median_seconds python3 "$peer" "$dir")
t_scan=$(median_seconds "$hfcache" scan --json --local-dir "$dir")
t_files=$(median_seconds "$hfcache" scan --json --files --local-dir "$dir")
t_detect=$(median_seconds "$hfcache" scan --json --cache-dir "$dir")
rss_files=$(peak_rss_mb "$hfcache" scan --json --files --local-dir "$dir")

printf 'local_dir: %s (%s files, %s entries), %s cores, median of %s runs, load average %s\n\n' \
    "$dir" "$files" "$entries" "$(nproc)" "$runs" "$(cut -d' ' -f1-3 /proc/loadavg)"
printf '| command | wall time | ratio to find | ratio to the Python walk | peak RSS |\n|---|---|---|---|---|\n'
printf '| find -printf (syscall floor) | %ss | 1.00x | | |\n' "$t_find"
printf '| python3 walk + read every .metadata | %ss | %sx | 1.00x | |\n' "$t_peer" "$(ratio "$t_peer" "$t_find")"
printf '| hfcache scan --json --local-dir | %ss | %sx | %sx | |\n' "$t_scan" "$(ratio "$t_scan" "$t_find")" "$(ratio "$t_scan" "$t_peer")"
printf '| hfcache scan --json --files --local-dir | %ss | %sx | %sx | %s MB |\n' "$t_files" "$(ratio "$t_files" "$t_find")" "$(ratio "$t_files" "$t_peer")" "$rss_files"
printf '| hfcache scan --json --cache-dir (auto-detected) | %ss | %sx | %sx | |\n' "$t_detect" "$(ratio "$t_detect" "$t_find")" "$(ratio "$t_detect" "$t_peer")"
