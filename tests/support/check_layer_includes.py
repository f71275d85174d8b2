#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 hfcache contributors
"""Fail when a layer includes a header of a layer above it.

Reads every .cpp/.h under --layer (minus --except folders) and lists each quoted #include that
matches --forbid. --known FILE:HEADER names a violation that is known and waits for a file move:
it is tolerated, and reported as stale once it is gone so that the list shrinks with the fixes.
"""
import argparse
import os
import re
import sys

INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"')


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--root", required=True, help="the source tree")
    parser.add_argument("--layer", required=True, action="append", help="folder under --root to check")
    parser.add_argument("--except", dest="excluded", action="append", default=[], help="folder to skip")
    parser.add_argument("--forbid", required=True, help="regular expression over the included path")
    parser.add_argument("--known", action="append", default=[], help="FILE:HEADER tolerated for now")
    args = parser.parse_args()

    forbid = re.compile(args.forbid)
    known = set(args.known)
    seen = set()
    violations = []
    for layer in args.layer:
        for folder, dirs, files in os.walk(os.path.join(args.root, layer)):
            relative_folder = os.path.relpath(folder, args.root)
            dirs[:] = sorted(d for d in dirs if os.path.join(relative_folder, d) not in args.excluded)
            for name in sorted(files):
                if not name.endswith((".cpp", ".h")):
                    continue
                relative = os.path.join(relative_folder, name)
                with open(os.path.join(folder, name), encoding="utf-8", errors="replace") as source:
                    for number, line in enumerate(source, 1):
                        match = INCLUDE.match(line)
                        if not match or not forbid.search(match.group(1)):
                            continue
                        key = f"{relative}:{match.group(1)}"
                        if key in known:
                            seen.add(key)
                            print(f"known, to be moved: {relative}:{number}: #include \"{match.group(1)}\"")
                        else:
                            violations.append(f"{relative}:{number}: #include \"{match.group(1)}\"")
    for line in violations:
        print(f"upward include: {line}")
    stale = sorted(known - seen)
    for key in stale:
        print(f"stale --known {key}: it is fixed, remove it from the test's list")
    return 1 if violations or stale else 0


if __name__ == "__main__":
    sys.exit(main())
