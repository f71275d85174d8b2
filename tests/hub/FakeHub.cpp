// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "FakeHub.h"

#include "support/TestSupport.h"

#include <QFile>
#include <QThread>
#include <QtDebug>

namespace {

QString script()
{
    return TestSupport::sharedDir() + QStringLiteral("/tools/fakehub.py");
}

} // namespace

QByteArray FakeHub::defaultConfig()
{
    QByteArray out;
    TestSupport::runProgram(QStringLiteral("/usr/bin/python3"), {script(), QStringLiteral("--dump-default-config")}, &out);
    return out;
}

bool FakeHub::start(const QByteArray &config)
{
    stop();
    const QString portFile = m_dir.filePath(QStringLiteral("port"));
    QFile::remove(portFile);
    QStringList args{script(), QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--port-file"), portFile};
    if (!config.isEmpty()) {
        QFile file(m_dir.filePath(QStringLiteral("config.json")));
        if (!file.open(QIODevice::WriteOnly) || file.write(config) != config.size())
            return false;
        args << QStringLiteral("--config") << file.fileName();
    }
    // A log per run: counts start at zero after a restart.
    m_process.setStandardErrorFile(m_dir.filePath(QStringLiteral("requests.log")), QIODevice::Truncate);
    m_process.setStandardOutputFile(QProcess::nullDevice());
    m_process.start(QStringLiteral("/usr/bin/python3"), args);
    if (!m_process.waitForStarted())
        return false;
    for (int i = 0; i < 200; ++i) {
        QFile file(portFile);
        if (file.open(QIODevice::ReadOnly)) {
            m_port = file.readAll().trimmed().toInt();
            if (m_port > 0)
                return true;
        }
        QThread::msleep(25);
    }
    qWarning() << "fakehub did not start";
    return false;
}

void FakeHub::stop()
{
    if (m_process.state() != QProcess::NotRunning) {
        m_process.kill();
        m_process.waitForFinished();
    }
}

QList<QByteArray> FakeHub::requests() const
{
    QFile file(m_dir.filePath(QStringLiteral("requests.log")));
    QList<QByteArray> lines;
    if (!file.open(QIODevice::ReadOnly))
        return lines;
    for (const QByteArray &line : file.readAll().split('\n')) {
        // fakehub: "GET /path HTTP/1.1" 200 -
        if (line.startsWith("fakehub: \"") && line.contains(" HTTP/1."))
            lines.append(line.mid(10));
    }
    return lines;
}

int FakeHub::count(const QByteArray &substring) const
{
    int n = 0;
    for (const QByteArray &line : requests())
        n += line.contains(substring) ? 1 : 0;
    return n;
}
