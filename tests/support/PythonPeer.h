// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include <QByteArray>
#include <QProcess>
#include <QString>
#include <QStringList>

// A real peer: /usr/bin/python3 (with Debian's python3-filelock) running a script the way
// huggingface_hub's processes would touch the cache. Killed when destroyed. Scripts tell the
// test where they are by printing one word a line, and wait for an empty line to go on.
class PythonPeer
{
public:
    // Takes the filelock at argv[1], says "locked", waits for a line, releases it, says
    // "released" and waits for another line: a download holding its blob's lock.
    static const char *const FileLockHolder;

    // Takes a filelock.SoftFileLock at argv[1] (a marker file: empty up to filelock 3.23, pid,
    // host and start token in newer ones), says "locked", waits for a line, releases it (the
    // marker is deleted), says "released" and waits for another line.
    static const char *const SoftLockHolder;

    // `path`: the script's argv[1]. `filelockVersion`: a peer of ../shared/peers
    // ("3.32.3" -> peers/filelock-3.32.3/src on PYTHONPATH); empty: Debian's python3-filelock 3.9.
    // `wrapper`: a program (and its arguments) that runs python3, e.g. unshare with its options.
    PythonPeer(const char *script, const QByteArray &path, const QString &filelockVersion = {},
               const QStringList &wrapper = {});
    // A script of tests/support (e.g. "evaluate_lock_protocol.py") with its arguments.
    PythonPeer(const QString &supportScript, const QStringList &args, const QString &filelockVersion,
               const QStringList &wrapper = {});
    ~PythonPeer();
    PythonPeer(const PythonPeer &) = delete;
    PythonPeer &operator=(const PythonPeer &) = delete;

    qint64 pid() const { return m_process.processId(); }
    // True once the script printed the line `word` (within `timeoutMs`).
    bool waitFor(const QByteArray &word, int timeoutMs = 10000);
    bool hasSaid(const QByteArray &word) { return waitFor(word, 0); }
    // The first line said from now on that starts with `prefix` (within `timeoutMs`); empty if none.
    QByteArray waitForLineStartingWith(const QByteArray &prefix, int timeoutMs = 10000);
    // SIGKILL, as a crash: whatever it holds stays behind. Returns once the process is reaped.
    void crash();
    // Lets the script go on past its next sys.stdin.readline().
    void next() { m_process.write("\n"); }

private:
    void start(const QStringList &pythonArgs, const QString &filelockVersion, const QStringList &wrapper);

    QProcess m_process;
};
