// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "MaintainFixture.h"

#include "support/TestSupport.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>

namespace MaintainFixture {

QString copyCache(const QString &fixtures, const QString &name, const QString &into, const QString &copy)
{
    const QString target = into + QLatin1Char('/') + copy;
    TestSupport::removeTree(target);
    if (TestSupport::runProgram(QStringLiteral("cp"), {QStringLiteral("-a"), fixtures + QLatin1Char('/') + name, target}) != 0)
        return {};
    return target;
}

QSet<QString> listing(const QString &root)
{
    QByteArray out;
    TestSupport::runProgram(QStringLiteral("find"), {root, QStringLiteral("-mindepth"), QStringLiteral("1"),
                                                     QStringLiteral("-printf"), QStringLiteral("%P\\n")}, &out);
    QSet<QString> paths;
    for (const QByteArray &line : out.split('\n')) {
        if (!line.isEmpty())
            paths.insert(QString::fromUtf8(line));
    }
    return paths;
}

QStringList commitsOf(const QString &root, const QString &folder)
{
    return QDir(root + QLatin1Char('/') + folder + QStringLiteral("/snapshots")).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
}

namespace {

QSet<QString> blobsLinkedFrom(const QString &snapshot)
{
    QSet<QString> blobs;
    QDirIterator it(snapshot, QDir::AllEntries | QDir::System | QDir::Hidden | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QFileInfo info(it.next());
        if (info.isSymLink())
            blobs.insert(QFileInfo(info.symLinkTarget()).fileName());
    }
    return blobs;
}

} // namespace

QSet<QString> expectedRemoval(const QString &root, const QString &folder, const QStringList &commits)
{
    QSet<QString> removed;
    const QSet<QString> all = listing(root);
    const QString repo = folder + QLatin1Char('/');
    QSet<QString> freedBlobs, keptBlobs;
    for (const QString &commit : commitsOf(root, folder)) {
        const QSet<QString> blobs = blobsLinkedFrom(root + QLatin1Char('/') + repo + QStringLiteral("snapshots/") + commit);
        (commits.contains(commit) ? freedBlobs : keptBlobs).unite(blobs);
    }
    freedBlobs.subtract(keptBlobs);
    for (const QString &path : all) {
        if (!path.startsWith(repo))
            continue;
        const QString inRepo = path.mid(repo.size());
        for (const QString &commit : commits) {
            const bool snapshotPart = inRepo == QStringLiteral("snapshots/") + commit
                                      || inRepo.startsWith(QStringLiteral("snapshots/") + commit + QLatin1Char('/'));
            const bool noExistPart = inRepo == QStringLiteral(".no_exist/") + commit
                                     || inRepo.startsWith(QStringLiteral(".no_exist/") + commit + QLatin1Char('/'));
            const bool listingPart = inRepo == QStringLiteral("trees/") + commit + QStringLiteral(".json");
            QFile ref(root + QLatin1Char('/') + path);
            const bool refPart = inRepo.startsWith(QStringLiteral("refs/")) && QFileInfo(ref).isFile()
                                 && ref.open(QIODevice::ReadOnly) && ref.readAll().trimmed() == commit.toLatin1();
            if (snapshotPart || noExistPart || listingPart || refPart)
                removed.insert(path);
        }
    }
    for (const QString &blob : std::as_const(freedBlobs)) {
        removed.insert(repo + QStringLiteral("blobs/") + blob);
        const QString lock = QStringLiteral(".locks/") + folder + QLatin1Char('/') + blob + QStringLiteral(".lock");
        if (all.contains(lock))
            removed.insert(lock);
    }
    return removed;
}

QStringList brokenLinks(const QString &root)
{
    QByteArray out;
    TestSupport::runProgram(QStringLiteral("find"), {root, QStringLiteral("-xtype"), QStringLiteral("l")}, &out);
    return QString::fromUtf8(out).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
}

} // namespace MaintainFixture
