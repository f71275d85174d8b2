// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "PythonPeer.h"

#include "TestSupport.h"

#include <QElapsedTimer>
#include <QFile>
#include <QProcessEnvironment>

// Holds filelock.FileLock, which SoftLockHolder swaps for SoftFileLock.
#define HFCACHE_HOLDER_SCRIPT                                                                  \
    "\nimport sys, filelock\n"                                                                   \
    "lock = filelock.FileLock(sys.argv[1])\n"                                                    \
    "lock.acquire()\n"                                                                           \
    "print(\"locked\", flush=True)\n"                                                            \
    "sys.stdin.readline()\n"                                                                     \
    "lock.release()\n"                                                                           \
    "print(\"released\", flush=True)\n"                                                          \
    "sys.stdin.readline()\n"

const char *const PythonPeer::FileLockHolder = HFCACHE_HOLDER_SCRIPT;
const char *const PythonPeer::SoftLockHolder = "import filelock\nfilelock.FileLock = filelock.SoftFileLock" HFCACHE_HOLDER_SCRIPT;

PythonPeer::PythonPeer(const char *script, const QByteArray &path, const QString &filelockVersion, const QStringList &wrapper)
{
    start({QStringLiteral("-c"), QString::fromUtf8(script), QFile::decodeName(path)}, filelockVersion, wrapper);
}

PythonPeer::PythonPeer(const QString &supportScript, const QStringList &args, const QString &filelockVersion,
                       const QStringList &wrapper)
{
    start(QStringList{TestSupport::sourceDir() + QStringLiteral("/tests/support/") + supportScript} + args, filelockVersion,
          wrapper);
}

void PythonPeer::start(const QStringList &pythonArgs, const QString &filelockVersion, const QStringList &wrapper)
{
    if (!filelockVersion.isEmpty()) {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("PYTHONPATH"),
                   TestSupport::sharedDir() + QStringLiteral("/peers/filelock-%1/src").arg(filelockVersion));
        m_process.setProcessEnvironment(env);
    }
    QStringList args = wrapper;
    args << QStringLiteral("/usr/bin/python3") << pythonArgs;
    const QString program = args.takeFirst();
    m_process.start(program, args);
}

PythonPeer::~PythonPeer()
{
    m_process.kill();
    m_process.waitForFinished();
}

void PythonPeer::crash()
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

QByteArray PythonPeer::waitForLineStartingWith(const QByteArray &prefix, int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    for (;;) {
        while (m_process.canReadLine()) {
            const QByteArray line = m_process.readLine().trimmed();
            if (line.startsWith(prefix))
                return line;
        }
        if (timer.elapsed() >= timeoutMs)
            return {};
        m_process.waitForReadyRead(50);
    }
}
