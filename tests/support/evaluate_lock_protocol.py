#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 hfcache contributors
"""One process of a distributed evaluate metric, running evaluate's lock protocol with the REAL filelock on
PYTHONPATH (evaluate itself needs pyarrow, which these machines lack).

Follows ../shared/docs/hf-home-reference.md §3 (evaluate module.py: 187-216 and 266-308 for the cache
file, rendezvous and lock names; 476-488 for the end of compute(); §3.3 for FileFreeLock, module.py:44-62
at v0.4.1) step by step:

  _init_writer      process 0 takes <exp>-<N>-rdv.lock (timeout 1 s)
  _create_cache_file every process takes <exp>-<N>-<i>.arrow.lock (timeout 1 s) and writes <exp>-<N>-<i>.arrow
  rendezvous        process 0: _check_all_processes_locks, a FileFreeLock on every <exp>-<N>-<j>.arrow.lock
                    ("wait until it IS locked"), then releases the rendezvous lock; process i > 0:
                    _check_rendez_vous, a FileFreeLock on process 0's arrow lock, then takes and releases
                    the rendezvous lock
  compute           (after a line on stdin) i > 0 release their arrow lock; process 0 takes every other
                    arrow lock, deletes the .arrow files and releases the locks, process 0's last

  evaluate_lock_protocol.py METRICS_DIR --experiment test4 --num-process 3 --process-id 1
                            [--timeout 100] [--umask 000] [--evaluate 0.4.1|0.4.2]

--evaluate 0.4.1 is FileFreeLock as released up to evaluate 0.4.1, which says "held" through
_lock_file_fd: filelock >= 3.12 keeps its state in _context instead, so the check never succeeds and
ends, after --timeout seconds, in evaluate's own message "Expected to find locked file ... but it
doesn't exist" (evaluate #542). --evaluate 0.4.2 is the fix of PR #578 (is_locked overridden).
Prints "locked" (own locks taken), "rendezvous" (checks started), "ready" (past the rendezvous),
"computed", or "error: <evaluate's message>" (or the OSError evaluate would raise, e.g. the
PermissionError of a lock file another user made 0644) and exits 1.
"""

import argparse
import os
import sys


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("data_dir", help="<HF_METRICS_CACHE>/<module>/<config>")
    parser.add_argument("--experiment", default="default_experiment")
    parser.add_argument("--num-process", type=int, required=True)
    parser.add_argument("--process-id", type=int, required=True)
    parser.add_argument("--timeout", type=float, default=100.0, help="evaluate's default: 100 s")
    parser.add_argument("--umask")
    parser.add_argument("--evaluate", choices=("0.4.1", "0.4.2"), default="0.4.1")
    args = parser.parse_args()
    if args.umask is not None:
        os.umask(int(args.umask, 8))

    from filelock import BaseFileLock, FileLock, Timeout

    class FileFreeLock(BaseFileLock):
        """evaluate <= 0.4.1: "thread lock until a file **cannot** be locked"."""

        def __init__(self, lock_file, *a, **kw):
            self.filelock = FileLock(lock_file)
            super().__init__(lock_file, *a, **kw)

        def _acquire(self):
            try:
                self.filelock.acquire(timeout=0.01, poll_intervall=0.02)  # try to lock once (evaluate's spelling)
            except Timeout:
                self._lock_file_fd = self.filelock.lock_file  # locked by someone: "acquired"
            else:
                self.filelock.release()
                self._lock_file_fd = None

        def _release(self):
            self._lock_file_fd = None

    class FixedFileFreeLock(FileFreeLock):
        """evaluate >= 0.4.2 (PR #578): is_locked reads the attribute _acquire sets."""

        def __init__(self, lock_file, *a, **kw):
            super().__init__(lock_file, *a, **kw)
            self._lock_file_fd = None

        @property
        def is_locked(self):
            return self._lock_file_fd is not None

        def _acquire(self):
            try:
                self.filelock.acquire(timeout=0.01, poll_interval=0.02)
            except Timeout:
                self._lock_file_fd = self.filelock.lock_file
            else:
                self.filelock.release()
                self._lock_file_fd = None

    free_lock = FileFreeLock if args.evaluate == "0.4.1" else FixedFileFreeLock
    n, i, exp = args.num_process, args.process_id, args.experiment
    os.makedirs(args.data_dir, exist_ok=True)
    name = lambda suffix: os.path.join(args.data_dir, "%s-%d-%s" % (exp, n, suffix))

    def fail(message):
        print("error: " + message, flush=True)
        return 1

    rendezvous = None
    if n > 1 and i == 0:
        rendezvous = FileLock(name("rdv.lock"))
        rendezvous.acquire(timeout=1)
    own = FileLock(name("%d.arrow.lock" % i))
    own.acquire(timeout=1)
    with open(name("%d.arrow" % i), "wb") as arrow:
        arrow.write(b"ARROW1\0\0predictions,references\n")
    print("locked", flush=True)

    print("rendezvous", flush=True)
    if n > 1:
        expected = [name("%d.arrow.lock" % j) for j in range(n)] if i == 0 else [name("0.arrow.lock")]
        for lock_file in expected:
            probe = free_lock(lock_file)
            try:
                probe.acquire(timeout=args.timeout)
            except Timeout:
                return fail("Expected to find locked file %s from process %d but it doesn't exist." % (lock_file, i))
            probe.release()
        if i == 0:
            rendezvous.release()
        else:
            rdv = FileLock(name("rdv.lock"))
            try:
                rdv.acquire(timeout=args.timeout)
            except Timeout:
                return fail("Couldn't acquire lock on %s from process %d." % (name("rdv.lock"), i))
            rdv.release()
    print("ready", flush=True)

    sys.stdin.readline()
    if i > 0:
        own.release()
    else:
        locks = [own]
        for j in range(1, n):
            other = FileLock(name("%d.arrow.lock" % j))
            try:
                other.acquire(timeout=args.timeout)
            except Timeout:
                return fail("Cannot acquire lock on cached file %s for process %d." % (name("%d.arrow" % j), j))
            locks.append(other)
        for j in reversed(range(n)):
            os.remove(name("%d.arrow" % j))
            locks[j].release()
    print("computed", flush=True)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except OSError as error:  # evaluate lets it propagate; said on stdout for the test that drives this
        print("error: %s: %s" % (type(error).__name__, error), flush=True)
        sys.exit(1)
