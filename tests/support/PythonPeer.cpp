// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "PythonPeer.h"

#include <QElapsedTimer>
#include <QFile>

const char *const PythonPeer::FileLockHolder = R"(
import sys, filelock
lock = filelock.FileLock(sys.argv[1])
lock.acquire()
print("locked", flush=True)
sys.stdin.readline()
lock.release()
print("released", flush=True)
sys.stdin.readline()
)";

PythonPeer::PythonPeer(const char *script, const QByteArray &path)
{
    m_process.start(QStringLiteral("/usr/bin/python3"), {QStringLiteral("-c"), QString::fromUtf8(script), QFile::decodeName(path)});
}

PythonPeer::~PythonPeer()
{
    m_process.kill();
    m_process.waitForFinished();
}

bool PythonPeer::waitFor(const QByteArray &word, int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    for (;;) {
        while (m_process.canReadLine()) {
            if (m_process.readLine().trimmed() == word)
                return true;
        }
        if (timer.elapsed() >= timeoutMs)
            return false;
        m_process.waitForReadyRead(50);
    }
}
