#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 hfcache contributors
"""Builds every Hugging Face cache that lives next to hub/ in an HF_HOME, layout-exact.

datasets, evaluate, sentence-transformers and hf_xet cannot run on the test machines (no pyarrow
or Rust wheel), so this follows ../shared/docs/hf-home-reference.md (the section is named at each
builder, with the library source lines it cites). Lock files are made by the REAL filelock named
with --filelock (a peer in ../shared/peers, or Debian's 3.9), acquired and released the way each
library does, under --umask: their modes are the library's own, never typed in here.

  gen_hf_home.py generate HF_HOME [--kinds xet,datasets,...] [--filelock 3.20.3] [--umask 000]
                 [--seed N] [--downloads N] [--locks N] [--shards N] [--manifest FILE]
                 [--temporaries-age SECONDS] [--token-chmod]

--downloads/--locks/--shards add bulk entries for scale benchmarks (datasets downloads/ files,
datasets root lock files, xet shard files). --manifest writes what was made, as JSON, for tests.
--temporaries-age backdates the temporaries a killed process leaves (xet .mdb_temp/.tmp and session
folders, datasets tmp*/.incomplete, torch .partial) by that many seconds. --token-chmod writes the
token as huggingface_hub >= 1.16 does: its folder made 0700 (§6, the token trap).
"""

import argparse
import base64
import hashlib
import json
import os
import random
import subprocess
import sys

PEERS = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../../shared/peers"))
KINDS = ["xet", "datasets", "metrics", "modules", "assets", "token", "sentence_transformers", "transformers_legacy",
         "torch_hub"]


class LockMaker:
    """Creates lock files by running the real filelock: one child process takes and releases every
    lock of a batch, so a thousand locks cost one interpreter start."""

    def __init__(self, version, umask):
        self.version = version
        self.umask = umask
        self.pending = []

    def add(self, path, mode=None):
        self.pending.append((path, mode))

    def flush(self):
        if not self.pending:
            return
        env = dict(os.environ)
        if self.version != "debian":
            env["PYTHONPATH"] = os.path.join(PEERS, "filelock-" + self.version, "src")
        script = (
            "import json, os, sys\n"
            "os.umask(int(sys.argv[1], 8))\n"
            "from filelock import FileLock\n"
            "for path, mode in json.load(sys.stdin):\n"
            "    lock = FileLock(path) if mode is None else FileLock(path, mode=mode)\n"
            "    lock.acquire()\n"
            "    lock.release()\n")
        subprocess.run(["/usr/bin/python3", "-c", script, "%03o" % self.umask], input=json.dumps(self.pending).encode(),
                       env=env, check=True)
        self.pending = []


class Builder:
    def __init__(self, home, rng, locks, manifest, temporaries_age=0, token_chmod=False):
        self.home = home
        self.rng = rng
        self.locks = locks
        self.manifest = manifest
        self.temporaries_age = temporaries_age
        self.token_chmod = token_chmod
        self.temporaries = []

    def temporary(self, path):
        """A path a killed process left behind: backdated by --temporaries-age at the end."""
        self.temporaries.append(path)

    def age_temporaries(self):
        if not self.temporaries_age:
            return
        for top in self.temporaries:
            paths = [top]
            if os.path.isdir(top):
                for folder, dirs, files in os.walk(top):
                    paths += [os.path.join(folder, name) for name in dirs + files]
            then = os.stat(top).st_mtime - self.temporaries_age
            for path in paths:
                os.utime(path, (then, then), follow_symlinks=False)

    def hexid(self, n=64):
        return "%0*x" % (n, self.rng.getrandbits(n * 4))

    def write(self, path, data=b"", note=None):
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(data if isinstance(data, bytes) else data.encode())
        if note:
            self.manifest.setdefault(note, []).append(os.path.relpath(path, self.home))

    def lock(self, path, note, mode=None):
        os.makedirs(os.path.dirname(path), exist_ok=True)
        self.locks.add(path, mode)
        self.manifest.setdefault(note, []).append(os.path.relpath(path, self.home))

    # §1.1: logs/, <endpoint-tag>/{chunk-cache,shard-cache,staging/shard-session}.
    def xet(self, shards):
        root = os.path.join(self.home, "xet")
        endpoint = "https://cas-server.xethub.hf.co"
        # configurations.rs compute_cache_path: first 16 chars of the URL with non-alphanumerics as
        # '_', '-', then 16 chars of the URL-safe base64 of the URL's merkle hash. hf_xet's merkle
        # hash is keyed blake3, not in Python's standard library: sha256 stands in for it, so only
        # the readable prefix is meaningful (all hfcache decodes).
        prefix = "".join(c if c.isalnum() else "_" for c in endpoint[:16])
        digest = base64.urlsafe_b64encode(hashlib.sha256(endpoint.encode()).digest()).decode().rstrip("=")
        tag = os.path.join(root, prefix + "-" + digest[:16])
        # logging/init.rs: xet_<YYYYMMDD>T<HHMMSS><mmm><±HHMM>_<pid>.log, JSON lines.
        self.write(os.path.join(root, "logs", "xet_20260901T101502123+0000_4242.log"),
                   '{"level":"INFO","message":"session start"}\n', "xet.log")
        # chunk_cache/disk.rs:186-210, 840-860: <2ch>/<b64url(hash||prefix)>/<b64url(range,len,crc)>;
        # only hf_xet <= 1.1.x writes it by default (§1.2).
        for _ in range(3):
            key = base64.urlsafe_b64encode(self.rng.randbytes(40)).decode().rstrip("=")
            item = base64.urlsafe_b64encode(self.rng.randbytes(12)).decode().rstrip("=")
            self.write(os.path.join(tag, "chunk-cache", key[:2], key, item), self.rng.randbytes(4096), "xet.chunk")
        # groups/shard.rs: shard-cache/<64hex>.mdb; metadata_shard/utils.rs:38-41 temp .<uuid>.mdb_temp.
        for _ in range(max(shards, 2)):
            self.write(os.path.join(tag, "shard-cache", self.hexid() + ".mdb"), self.rng.randbytes(1024), "xet.shard")
        self.write(os.path.join(tag, "shard-cache", ".%s.mdb_temp" % self.uuid()), b"partial", "xet.temp")
        self.temporary(os.path.join(self.home, self.manifest["xet.temp"][-1]))
        # native.rs:80-100: staging/shard-session/xorb_metadata/<64hex>.mdb and a session TempDir.
        session = os.path.join(tag, "staging", "shard-session")
        self.write(os.path.join(session, "xorb_metadata", self.hexid() + ".mdb"), b"resume", "xet.staging")
        self.write(os.path.join(session, ".tmp" + self.alnum(6), "upload.bin"), b"x" * 100, "xet.staging")
        self.temporary(os.path.dirname(os.path.join(self.home, self.manifest["xet.staging"][-1])))
        # safe_file_creator.rs: .<parentdirname>.<10 alnum>.tmp of a killed writer.
        self.write(os.path.join(tag, "shard-cache", ".shard-cache.%s.tmp" % self.alnum(10)), b"t", "xet.temp")
        self.temporary(os.path.join(self.home, self.manifest["xet.temp"][-1]))

    def uuid(self):
        h = self.hexid(32)
        return "%s-%s-%s-%s-%s" % (h[:8], h[8:12], h[12:16], h[16:20], h[20:])

    def alnum(self, n):
        return "".join(self.rng.choice("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") for _ in range(n))

    # §2.1, datasets 5.x.
    def datasets(self, downloads, locks):
        root = os.path.join(self.home, "datasets")
        for ns, name, config in (("org", "squad", "plain_text"), ("org", "orphaned", "default")):
            version, fingerprint = "0.0.0", self.hexid(16)
            version_dir = os.path.join(root, "%s___%s" % (ns, name), config, version)
            builder = os.path.join(version_dir, fingerprint)
            # builder.py:628-646 _relative_data_dir: namespace___name/config_id/version/hash.
            self.write(os.path.join(builder, "dataset_info.json"), json.dumps({"builder_name": name}), "datasets.builder")
            self.write(os.path.join(builder, "%s-train-00000-of-00002.arrow" % name), self.rng.randbytes(2048), "datasets.arrow")
            self.write(os.path.join(builder, "%s-train-00001-of-00002.arrow" % name), self.rng.randbytes(2048), "datasets.arrow")
            self.write(os.path.join(builder, "%s-validation.arrow" % name), self.rng.randbytes(1024), "datasets.arrow")
            # arrow_dataset.py:3203-3211, 3232: map caches, with the num_proc suffix.
            map_fp = self.hexid(16)
            self.write(os.path.join(builder, "cache-%s.arrow" % map_fp), self.rng.randbytes(512), "datasets.map_cache")
            self.write(os.path.join(builder, "cache-%s_00000_of_00004.arrow" % self.hexid(16)), self.rng.randbytes(512),
                       "datasets.map_cache")
            # arrow_dataset.py:3906, 4024-4032: an interrupted map() NamedTemporaryFile.
            self.write(os.path.join(builder, "tmp" + self.alnum(8)), b"partial", "datasets.tmp")
            self.temporary(os.path.join(self.home, self.manifest["datasets.tmp"][-1]))
            # builder.py:837-840, 978-983.
            self.lock(builder + "_builder.lock", "datasets.lock")
            self.lock(builder + "_info.lock", "datasets.lock")
            # builder.py:403-408: the whole builder path, '/' as '_', '.lock', in the cache root.
            self.lock(os.path.join(root, builder.replace("/", "_") + ".lock"), "datasets.lock")
        # A download_and_prepare that was killed: <hash>.incomplete/ (renamed on success).
        incomplete_fp = self.hexid(16)
        self.write(os.path.join(version_dir, incomplete_fp + ".incomplete", "orphaned-train.arrow"), b"half",
                   "datasets.incomplete")
        self.temporary(os.path.join(version_dir, incomplete_fp + ".incomplete"))
        # file_utils.py:110-131, 333-410: <sha256(url)>.<sha256(etag)> + .json + .lock (+ .incomplete).
        url, etag = "https://example.org/data/train.tar.gz", '"abc123"'
        base = os.path.join(root, "downloads", hashlib.sha256(url.encode()).hexdigest() + "." +
                            hashlib.sha256(etag.encode()).hexdigest())
        self.write(base, self.rng.randbytes(4096), "datasets.download")
        self.write(base + ".json", json.dumps({"url": url, "etag": etag}), "datasets.download_meta")
        self.lock(base + ".lock", "datasets.lock")
        self.write(os.path.join(root, "downloads", hashlib.sha256(b"https://example.org/b.csv").hexdigest() + ".incomplete"),
                   b"half", "datasets.incomplete")
        self.temporary(os.path.join(self.home, self.manifest["datasets.incomplete"][-1]))
        # extract.py:27-45, 437-441: extracted/<sha256(abs path of the archive)>/ + <same>.lock.
        extracted = os.path.join(root, "downloads", "extracted", hashlib.sha256(base.encode()).hexdigest())
        self.write(os.path.join(extracted, "train", "part-0.csv"), "a,b\n1,2\n", "datasets.extracted")
        self.lock(extracted + ".lock", "datasets.lock")
        # Since datasets 3.0 a Hub dataset's archive is a file of the hub cache (file_utils.py:175-196):
        # extracted/ names it by the sha256 of its snapshot path. One whose archive the hub cache still
        # holds (the test builds that file) and one whose archive was deleted.
        hub_archive = os.path.join(self.home, "hub", "datasets--org--squad", "snapshots", "%040x" % 1, "data", "train.zip")
        self.manifest["datasets.hub_archive"] = hub_archive
        for archive, note in ((hub_archive, "datasets.extracted_hub"),
                              (hub_archive.replace("org--squad", "org--deleted"), "datasets.extracted_orphan")):
            self.write(os.path.join(root, "downloads", "extracted", hashlib.sha256(archive.encode()).hexdigest(), "train.csv"),
                       "a,b\n1,2\n", note)
        # datasets #8653: a name over f_namemax shortened with the per-process hash(): two processes,
        # two different lock files for one builder.
        long_stem = os.path.join(root, "x" * 240)
        for seed in (83275756039393067, 86525475647317952):
            self.lock(os.path.join(root, "%s-%d.lock" % (os.path.basename(long_stem)[:200], seed)), "datasets.hashed_lock")
        for i in range(downloads):
            self.write(os.path.join(root, "downloads", "%064x" % i), b"", None)
        bulk = [os.path.join(root, "_bulk_%s.lock" % self.hexid(24)) for _ in range(locks)]
        for path in bulk:
            self.locks.add(path, None)

    # §3.2, evaluate v0.4.6.
    def metrics(self, processes=3):
        root = os.path.join(self.home, "metrics", "accuracy", "default")
        # module.py:187-216, 266-308: <exp>-<N>-<i>.arrow + .arrow.lock, <exp>-<N>-rdv.lock.
        experiment = "test4"
        self.lock(os.path.join(root, "%s-%d-rdv.lock" % (experiment, processes)), "metrics.lock")
        for i in range(processes):
            arrow = os.path.join(root, "%s-%d-%d.arrow" % (experiment, processes, i))
            self.write(arrow, self.rng.randbytes(256), "metrics.arrow")
            self.lock(arrow + ".lock", "metrics.lock")
        # module.py:476-488: a finished experiment: process 0 deleted the .arrow files, locks stay.
        for i in range(2):
            self.lock(os.path.join(root, "default_experiment-2-%d.arrow.lock" % i), "metrics.lock")
        self.lock(os.path.join(root, "default_experiment-2-rdv.lock"), "metrics.lock")
        # config.py:121-136: evaluate's own DownloadManager folder.
        self.write(os.path.join(self.home, "evaluate", "downloads", self.hexid()), b"metric data", "evaluate.download")

    # §6 modules; §2.1 datasets <= 3.6; §3.2 evaluate loading.py:56-70, 290-330, 369.
    def modules(self):
        root = os.path.join(self.home, "modules")
        self.write(os.path.join(root, "__init__.py"), "", None)
        commit = self.hexid(40)
        # transformers dynamic_module_utils.py: transformers_modules/<org>/<repo>/<commit>/, an
        # __init__.py at each level.
        for level in ("transformers_modules", "transformers_modules/org", "transformers_modules/org/remote-model",
                      "transformers_modules/org/remote-model/" + commit):
            self.write(os.path.join(root, level, "__init__.py"), "", None)
        self.write(os.path.join(root, "transformers_modules/org/remote-model", commit, "modeling_remote.py"),
                   "class RemoteModel: pass\n", "modules.transformers")
        # evaluate: evaluate_modules/metrics/<ns>--<name>/<hash>/<name>.py + .json + <dir>.lock.
        metric = os.path.join(root, "evaluate_modules", "metrics", "evaluate-metric--accuracy", self.hexid())
        self.write(os.path.join(metric, "accuracy.py"), "# metric\n", "modules.evaluate")
        self.write(os.path.join(metric, "accuracy.json"), "{}", "modules.evaluate")
        self.lock(metric + ".lock", "modules.lock")
        # datasets <= 3.6 (load.py:148, py_utils.py:596-602).
        script = os.path.join(root, "datasets_modules", "datasets", "squad", self.hexid())
        self.write(os.path.join(script, "squad.py"), "# builder\n", "modules.datasets")
        self.write(os.path.join(script, "squad.json"), "{}", "modules.datasets")
        self.lock(script + ".lock", "modules.lock")

    # §6: cached_assets_path(library, namespace, subfolder).
    def assets(self):
        self.write(os.path.join(self.home, "assets", "datatrove", "filters", "default", "model.bin"),
                   self.rng.randbytes(1024), "assets.file")

    # §6 token trap: _auth.py:33-48 writes token 0600 in a folder it makes 0700.
    def token(self):
        path = os.path.join(self.home, "token")
        self.write(path, "hf_" + self.alnum(34), "token.file")
        os.chmod(path, 0o600)
        if self.token_chmod:  # _auth.py:33-48 (v1.28.0), since PR #4234 (v1.16.0)
            os.chmod(os.path.dirname(path), 0o700)
        self.write(os.path.join(self.home, "stored_tokens"), "[token]\n", "token.file")
        self.lock(os.path.join(self.home, "stored_tokens.lock"), "token.lock")

    # §4: sentence-transformers <= 2.2.2, ~/.cache/torch/sentence_transformers/<org>_<name>/ flat
    # copies with <file>.lock next to each file (hub 0.16 cached_download lock_path).
    def sentence_transformers(self, torch_home):
        folder = os.path.join(torch_home, "sentence_transformers", "sentence-transformers_all-MiniLM-L6-v2")
        for name in ("config.json", "data_config.json", "modules.json", "pytorch_model.bin"):
            self.write(os.path.join(folder, name), self.rng.randbytes(256), "st.file")
            self.lock(os.path.join(folder, name + ".lock"), "st.lock")

    # §6 legacy ~/.cache/huggingface/transformers: transformers < 4.22 cached files as
    # <sha256(url)>.<sha256(etag)> with a .json {url, etag} and a .lock [inferred: same naming as
    # datasets' file_utils, which was copied from it].
    def transformers_legacy(self, xdg_cache):
        root = os.path.join(xdg_cache, "huggingface", "transformers")
        url = "https://huggingface.co/bert-base-uncased/resolve/main/config.json"
        base = os.path.join(root, hashlib.sha256(url.encode()).hexdigest() + "." + hashlib.sha256(b'"e1"').hexdigest())
        self.write(base, "{}", "transformers_legacy.file")
        self.write(base + ".json", json.dumps({"url": url, "etag": '"e1"'}), "transformers_legacy.file")
        self.lock(base + ".lock", "transformers_legacy.lock")

    # §6 torch.hub (torch/hub.py): checkpoints/<file>, <owner>_<repo>_<ref>/, trusted_list,
    # <dst>.<uuid4hex>.partial of a killed download.
    def torch_hub(self, torch_home):
        hub = os.path.join(torch_home, "hub")
        self.write(os.path.join(hub, "checkpoints", "resnet18-f37072fd.pth"), self.rng.randbytes(2048), "torch.checkpoint")
        self.write(os.path.join(hub, "checkpoints", "resnet50-0676ba61.pth.%s.partial" % self.hexid(32)), b"half",
                   "torch.partial")
        self.temporary(os.path.join(self.home, self.manifest["torch.partial"][-1]))
        self.write(os.path.join(hub, "pytorch_vision_main", "hubconf.py"), "dependencies = []\n", "torch.code")
        self.write(os.path.join(hub, "trusted_list"), "pytorch_vision\n", "torch.trusted")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    gen = sub.add_parser("generate")
    gen.add_argument("home")
    gen.add_argument("--kinds", default=",".join(KINDS))
    gen.add_argument("--filelock", default="3.32.3", help="a peer version in shared/peers, or 'debian' (3.9)")
    gen.add_argument("--umask", default="022")
    gen.add_argument("--seed", type=int, default=1)
    gen.add_argument("--downloads", type=int, default=0)
    gen.add_argument("--locks", type=int, default=0)
    gen.add_argument("--shards", type=int, default=0)
    gen.add_argument("--torch-home", help="default: torch/ beside HF_HOME")
    gen.add_argument("--manifest")
    gen.add_argument("--temporaries-age", type=int, default=0, help="backdate the leftovers of killed processes")
    gen.add_argument("--token-chmod", action="store_true", help="make the token's folder 0700 as huggingface_hub >= 1.16")
    args = parser.parse_args()

    kinds = args.kinds.split(",")
    unknown = sorted(set(kinds) - set(KINDS))
    if unknown:
        parser.error("unknown kind %s (known: %s)" % (", ".join(unknown), ", ".join(KINDS)))
    home = os.path.abspath(args.home)
    # HF_HOME defaults to $XDG_CACHE_HOME/huggingface; the torch and legacy caches sit beside it.
    xdg_cache = os.path.dirname(home)
    torch_home = os.path.abspath(args.torch_home) if args.torch_home else os.path.join(xdg_cache, "torch")
    manifest = {"home": home, "torch_home": torch_home, "filelock": args.filelock, "umask": args.umask}
    old_umask = os.umask(int(args.umask, 8))
    locks = LockMaker(args.filelock, int(args.umask, 8))
    builder = Builder(home, random.Random(args.seed), locks, manifest, args.temporaries_age, args.token_chmod)
    os.makedirs(home, exist_ok=True)
    for kind in kinds:
        if kind == "xet":
            builder.xet(args.shards)
        elif kind == "datasets":
            builder.datasets(args.downloads, args.locks)
        elif kind in ("sentence_transformers", "torch_hub"):
            getattr(builder, kind)(torch_home)
        elif kind == "transformers_legacy":
            builder.transformers_legacy(xdg_cache)
        else:
            getattr(builder, kind)()
    locks.flush()
    builder.age_temporaries()
    os.umask(old_umask)
    if args.manifest:
        with open(args.manifest, "w") as f:
            json.dump(manifest, f, indent=1, sort_keys=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
