#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 hfcache contributors
# hfcache fetch / check-updates vs what a user scripts today (curl + sha256sum), both against
# fakehub on 127.0.0.1 (no internet): one 200 MiB LFS file, 200 small files, 200 refs to check.
# huggingface_hub itself is not packaged for Debian 12, so curl is the peer here.
set -euo pipefail
source "$(dirname "$0")/common.sh"

work=$bench_dir/hub
rm -rf "$work" && mkdir -p "$work"
runs=${RUNS:-3}

# fakehub config: bench/big (200 MiB LFS), bench/many (200 small git files), bench/r000..r199
python3 - "$work/config.json" <<'PY'
import json, sys
repos = [
    {"type": "model", "id": "bench/big", "commits": [{"model.safetensors": {"lfs": True, "size": 200 << 20, "seed": "big"}}]},
    {"type": "model", "id": "bench/many", "commits": [{f"f{i:03d}.json": f'{{"i": {i}, "pad": "{"x" * 2000}"}}\n' for i in range(200)}]},
]
repos += [{"type": "model", "id": f"bench/r{i:03d}", "commits": [{"config.json": f"{i}\n"}]} for i in range(200)]
json.dump({"repos": repos}, open(sys.argv[1], "w"))
PY
python3 "$shared_dir/tools/fakehub.py" --port 0 --port-file "$work/port" --config "$work/config.json" --quiet \
    >/dev/null 2>&1 &
hub_pid=$!
trap 'kill $hub_pid 2>/dev/null || true' EXIT
for _ in $(seq 100); do [ -s "$work/port" ] && break; sleep 0.1; done
export HF_ENDPOINT=http://127.0.0.1:$(cat "$work/port") HF_HOME=$work/home XDG_CACHE_HOME=$work/xdg
unset HF_HUB_OFFLINE http_proxy https_proxy all_proxy

commit_of() { curl -s "$HF_ENDPOINT/api/models/$1/revision/main" | python3 -c 'import json,sys;print(json.load(sys.stdin)["sha"])'; }
big_commit=$(commit_of bench/big)
big_sha=$(curl -s "$HF_ENDPOINT/api/models/bench/big/tree/$big_commit" | python3 -c 'import json,sys;print(json.load(sys.stdin)[0]["lfs"]["oid"])')
many_commit=$(commit_of bench/many)

cat > "$work/curl-big.sh" <<SH
rm -rf $work/curl && mkdir -p $work/curl
curl -sfL -o $work/curl/model.safetensors "$HF_ENDPOINT/bench/big/resolve/$big_commit/model.safetensors"
echo "$big_sha  $work/curl/model.safetensors" | sha256sum -c --quiet
SH
cat > "$work/curl-many.sh" <<SH
rm -rf $work/curl && mkdir -p $work/curl
for i in \$(seq -f '%03g' 0 199); do curl -sfL -o $work/curl/f\$i.json "$HF_ENDPOINT/bench/many/resolve/$many_commit/f\$i.json"; done
SH
cat > "$work/curl-refs.sh" <<SH
for i in \$(seq -f '%03g' 0 199); do curl -sf "$HF_ENDPOINT/api/models/bench/r\$i/revision/main" >/dev/null; done
SH
cat > "$work/hfcache-big.sh" <<SH
rm -rf $work/cache-big && exec $hfcache fetch bench/big --cache-dir $work/cache-big
SH
cat > "$work/hfcache-many.sh" <<SH
rm -rf $work/cache-many && exec $hfcache fetch bench/many --cache-dir $work/cache-many
SH

# The 200-ref cache for check-updates, fetched once.
for i in $(seq -f '%03g' 0 199); do "$hfcache" fetch "bench/r$i" --cache-dir "$work/cache-refs" >/dev/null 2>&1; done

t_curl_big=$(median_seconds sh "$work/curl-big.sh")
t_big=$(median_seconds sh "$work/hfcache-big.sh")
t_verify=$(median_seconds "$hfcache" fetch bench/big --cache-dir "$work/cache-big")
t_curl_many=$(median_seconds sh "$work/curl-many.sh")
t_many=$(median_seconds sh "$work/hfcache-many.sh")
t_curl_refs=$(median_seconds sh "$work/curl-refs.sh")
t_refs=$(median_seconds "$hfcache" check-updates --cache-dir "$work/cache-refs")
rss_big=$(peak_rss_mb sh "$work/hfcache-big.sh")

printf 'fakehub on 127.0.0.1, %s cores, median of %s runs\n\n' "$(nproc)" "$runs"
printf '| work | curl (+ sha256sum) | hfcache | ratio hfcache/curl |\n|---|---|---|---|\n'
printf '| 200 MiB LFS file: download + verify | %ss | %ss (peak RSS %s MB) | %sx |\n' \
    "$t_curl_big" "$t_big" "$rss_big" "$(ratio "$t_big" "$t_curl_big")"
printf '| 200 small files (one curl per file vs fetch) | %ss | %ss | %sx |\n' \
    "$t_curl_many" "$t_many" "$(ratio "$t_many" "$t_curl_many")"
printf '| 200 refs: revision API (curl loop vs check-updates) | %ss | %ss | %sx |\n' \
    "$t_curl_refs" "$t_refs" "$(ratio "$t_refs" "$t_curl_refs")"
printf '| re-fetch of the complete 200 MiB snapshot (hash check only) | | %ss | |\n' "$t_verify"
