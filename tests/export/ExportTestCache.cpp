// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "ExportTestCache.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>

#include "support/TestSupport.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

ExportTestRepo::ExportTestRepo(const QString &hubRoot, const QByteArray &folder, const QByteArray &c)
    : repoPath(QFile::encodeName(hubRoot) + '/' + folder), snapshotPath(repoPath + "/snapshots/" + c), commit(c)
{
    QDir().mkpath(QString::fromLocal8Bit(repoPath + "/blobs"));
    QDir().mkpath(QString::fromLocal8Bit(repoPath + "/refs"));
    QDir().mkpath(QString::fromLocal8Bit(snapshotPath));
    writeFile("refs/main", commit);
}

void ExportTestRepo::writeFile(const QByteArray &relativeToRepo, const QByteArray &content)
{
    const QString path = QString::fromLocal8Bit(repoPath + '/' + relativeToRepo);
    QDir().mkpath(QFileInfo(path).path());
    QFile file(path);
    if (file.open(QIODevice::WriteOnly))
        file.write(content);
}

QByteArray ExportTestRepo::addBlob(const QByteArray &content, bool gitName)
{
    const QByteArray name = gitName ? QCryptographicHash::hash("blob " + QByteArray::number(content.size()) + '\0' + content,
                                                               QCryptographicHash::Sha1).toHex()
                                    : QCryptographicHash::hash(content, QCryptographicHash::Sha256).toHex();
    writeFile("blobs/" + name, content);
    return name;
}

void ExportTestRepo::linkBlob(const QByteArray &path, const QByteArray &blob)
{
    link(path, QByteArray("../").repeated(path.count('/') + 2) + "blobs/" + blob);
}

void ExportTestRepo::link(const QByteArray &path, const QByteArray &target)
{
    const QByteArray full = snapshotPath + '/' + path;
    QDir().mkpath(QFileInfo(QFile::decodeName(full)).path());
    if (::symlink(target.constData(), full.constData()) != 0)
        qWarning("cannot create the link %s: %s", full.constData(), strerror(errno));
}

QByteArray readAllBytes(const QByteArray &path)
{
    // POSIX calls: names that are not UTF-8 do not survive QString.
    QByteArray content;
    const int fd = ::open(path.constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return content;
    char buffer[65536];
    ssize_t n;
    while ((n = ::read(fd, buffer, sizeof buffer)) > 0)
        content.append(buffer, n);
    ::close(fd);
    return content;
}

QList<QByteArray> findEntries(const QString &dir, const QStringList &findTests)
{
    QByteArray out;
    TestSupport::runProgram(QStringLiteral("find"), QStringList{dir, QStringLiteral("-mindepth"), QStringLiteral("1")} + findTests
                                                        + QStringList{QStringLiteral("-print0")}, &out);
    QList<QByteArray> entries = out.split('\0');
    entries.removeAll(QByteArray());
    return entries;
}

QStringList nonRegularEntries(const QString &dir)
{
    QStringList odd;
    for (const QByteArray &path : findEntries(dir, {QStringLiteral("!"), QStringLiteral("-type"), QStringLiteral("f"),
                                                    QStringLiteral("!"), QStringLiteral("-type"), QStringLiteral("d")}))
        odd << QString::fromLocal8Bit(path);
    return odd;
}

QStringList leftovers(const QString &dir)
{
    QStringList found;
    for (const QByteArray &path : findEntries(dir, {QStringLiteral("-name"), QStringLiteral("*.hfcache-export-*")}))
        found << QString::fromLocal8Bit(path);
    return found;
}
