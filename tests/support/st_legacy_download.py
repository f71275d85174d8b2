#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 hfcache contributors
"""One worker of sentence-transformers <= 2.2.2 downloading a model file into its legacy folder, with the
REAL filelock on PYTHONPATH (../shared/docs/hf-home-reference.md §4).

ST 2.2.2's snapshot_download (util.py:415-495) calls huggingface_hub's cached_download for each file with
force_filename and legacy_cache_layout=True: the hub (file_download.py v0.16.4) takes
FileLock(<file> + ".lock"), downloads if the file is not there, and releases; ST then removes the lock
file if it exists (check, then os.remove). gunicorn workers racing on it (#2420) all wait on one lock.

  st_legacy_download.py MODEL_FOLDER FILE_NAME

Prints "waiting" before taking the lock, "locked" once it holds it, then waits for a line on stdin (the
download) before writing the file, releasing the lock and removing it as ST does; prints "released".
A worker whose lock was removed under it by another one fails there as in #2420 (FileNotFoundError).
"""

import os
import sys

from filelock import FileLock


def main():
    folder, file_name = sys.argv[1], sys.argv[2]
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, file_name)
    lock = FileLock(path + ".lock")
    print("waiting", flush=True)
    with lock:
        print("locked", flush=True)
        if not os.path.exists(path):
            sys.stdin.readline()
            with open(path, "wb") as f:
                f.write(b'{"do_lower_case": false}\n')
    print("released", flush=True)
    if os.path.exists(path + ".lock"):
        os.remove(path + ".lock")
    return 0


if __name__ == "__main__":
    sys.exit(main())
