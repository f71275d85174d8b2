#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 hfcache contributors
"""The HF_HOME generator's own check: lock modes come from the real filelock of each version (as
../shared/peers/README.md measured them at umask 000), and the names follow the spec's rules."""

import json
import os
import stat
import subprocess
import sys
import tempfile

GENERATOR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "gen_hf_home.py")
EXPECTED_MODES = {"debian": 0o777, "3.11.0": 0o644, "3.20.3": 0o644, "3.32.3": 0o666}

failures = []
for version, expected in EXPECTED_MODES.items():
    with tempfile.TemporaryDirectory() as tmp:
        home = os.path.join(tmp, "huggingface")
        manifest_path = os.path.join(tmp, "manifest.json")
        subprocess.run([sys.executable, GENERATOR, "generate", home, "--filelock", version, "--umask", "000",
                        "--manifest", manifest_path], check=True)
        manifest = json.load(open(manifest_path))
        locks = [p for key, paths in manifest.items() if isinstance(paths, list) and key.endswith("lock") for p in paths]
        for rel in locks:
            mode = stat.S_IMODE(os.stat(os.path.normpath(os.path.join(home, rel))).st_mode)
            if mode != expected:
                failures.append("filelock %s: %s is %o, expected %o" % (version, rel, mode, expected))
        # builder.py:403-408: the root lock is the builder path with '/' as '_'.
        builders = {os.path.dirname(p) for p in manifest["datasets.builder"]}
        for builder in builders:
            name = os.path.join(home, builder).replace("/", "_") + ".lock"
            if not os.path.exists(os.path.join(home, "datasets", name)):
                failures.append("filelock %s: no root lock %s" % (version, name))
        expected_evaluate = {"metrics/accuracy/default/test4-3-%s" % s for s in ("rdv.lock", "0.arrow.lock", "1.arrow.lock", "2.arrow.lock")}
        if not expected_evaluate <= set(manifest["metrics.lock"]):
            failures.append("filelock %s: evaluate locks %s" % (version, manifest["metrics.lock"]))

print("\n".join(failures) or "ok: %d filelock versions" % len(EXPECTED_MODES))
sys.exit(1 if failures else 0)
