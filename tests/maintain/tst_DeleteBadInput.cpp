// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
// Deleting in a cache that is not what the scan said, or that holds traps: planted links to
// outside folders, odd names, files that vanish or are replaced between plan and execution,
// hard links out of the cache. Nothing outside the plan is ever lost.
#include "FixtureCopies.h"
#include "MaintainFixture.h"
#include "support/TestSupport.h"
#include "cache/CacheScan.h"
#include "maintain/DeleteExecutor.h"
#include "maintain/DeletePlanner.h"
#include "maintain/ProcInUseChecker.h"

#include <QDir>
#include <QFile>
#include <QtTest>

#include <sys/stat.h>
#include <unistd.h>

using namespace hfcache;

class TestDeleteBadInput : public QObject
{
    Q_OBJECT
private:
    FixtureCopies m_caches;

    QString freshCopy() { return m_caches.freshCopy(QStringLiteral("fixture-cache-v1.28")); }

    static QByteArray mainOf(const QString &cache)
    {
        QFile ref(cache + QStringLiteral("/models--gpt2/refs/main"));
        return ref.open(QIODevice::ReadOnly) ? ref.readAll().trimmed() : QByteArray();
    }

    static QByteArray detachedOf(const QString &cache)
    {
        for (const QString &commit : MaintainFixture::commitsOf(cache, QStringLiteral("models--gpt2"))) {
            if (commit.toLatin1() != mainOf(cache))
                return commit.toLatin1();
        }
        return {};
    }

    static DeletePlan planRevision(const QString &cache, const QByteArray &commit)
    {
        const CacheSnapshotPtr snapshot = CacheScan::run(QFile::encodeName(cache));
        DeletePlanner planner(snapshot);
        planner.addRevision(snapshot->repo(QStringLiteral("model/gpt2")), commit);
        return planner.build();
    }

    static void writeFile(const QByteArray &path, const QByteArray &content)
    {
        QFile f(QFile::decodeName(path));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(content);
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_caches.extract()); }

    // A link in a snapshot to a folder outside the cache is removed, never followed.
    void plantedLinksAreNotFollowed()
    {
        const QString cache = freshCopy();
        const QString outside = m_caches.dir() + QStringLiteral("/outside%1").arg(m_caches.count());
        QVERIFY(QDir().mkpath(outside + "/deep"));
        writeFile(QFile::encodeName(outside + "/deep/precious.txt"), "keep me");
        const QByteArray snapshot = QFile::encodeName(cache) + "/models--gpt2/snapshots/" + detachedOf(cache);
        QVERIFY(::symlink(QFile::encodeName(outside).constData(), (snapshot + "/escape").constData()) == 0);
        QVERIFY(::symlink("../../../../../../../../../../etc", (snapshot + "/etc").constData()) == 0);
        const auto r = TestSupport::runCli({"rm", "--cache-dir", cache, QString::fromLatin1(detachedOf(cache)), "--yes"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(!QFile::exists(QFile::decodeName(snapshot)));
        QVERIFY(QFile::exists(outside + "/deep/precious.txt"));
        QVERIFY(QFile::exists(QStringLiteral("/etc/passwd")));
    }

    // Names with spaces, a newline and bytes that are not UTF-8 go like any other.
    void oddNames()
    {
        const QString cache = freshCopy();
        const QByteArray snapshot = QFile::encodeName(cache) + "/models--gpt2/snapshots/" + detachedOf(cache);
        const QByteArray odd = snapshot + "/sub dir\n\xff/we ird\xfe.bin";
        QVERIFY(QDir().mkpath(QFile::decodeName(snapshot + "/sub dir\n\xff")));
        QVERIFY(::mkdir((snapshot + "/sub dir\n\xff").constData(), 0755) == 0 || errno == EEXIST);
        writeFile(odd, "a regular file in a snapshot");
        const DeletePlan plan = planRevision(cache, detachedOf(cache));
        QVERIFY(plan.render().contains(QStringLiteral("snapshots/")));
        const ProcInUseChecker checker;
        DeleteExecutor::Options options;
        options.inUse = &checker;
        const DeleteResult result = DeleteExecutor::execute(plan, options);
        QVERIFY(result.ok());
        struct stat st;
        QVERIFY(::lstat(snapshot.constData(), &st) != 0);
    }

    // A blob removed by someone else between plan and execution: fine, it is gone either way.
    void vanishedMeanwhile()
    {
        const QString cache = freshCopy();
        const DeletePlan plan = planRevision(cache, detachedOf(cache));
        QVERIFY(QFile::remove(cache + "/models--gpt2/blobs/f4fbfe6b3f59891c9bacb4bc9b430eeb6b9d9746"));
        const DeleteResult result = DeleteExecutor::execute(plan, {});
        QVERIFY(result.ok());
        QVERIFY(!QFile::exists(cache + "/models--gpt2/blobs/cc4c68b75ec8d5fd611de0037c9749d0218ebb01"));
    }

    // A blob replaced (new inode) since the scan is not deleted: the revision stops there.
    void replacedMeanwhile()
    {
        const QString cache = freshCopy();
        const QString detached = QString::fromLatin1(detachedOf(cache));
        const DeletePlan plan = planRevision(cache, detached.toLatin1());
        const QString blob = cache + "/models--gpt2/blobs/cc4c68b75ec8d5fd611de0037c9749d0218ebb01";
        writeFile(QFile::encodeName(blob + ".new"), "someone else's new content");
        QVERIFY(::rename(QFile::encodeName(blob + ".new").constData(), QFile::encodeName(blob).constData()) == 0);
        const DeleteResult result = DeleteExecutor::execute(plan, {});
        QVERIFY(!result.ok());
        QCOMPARE(result.failures.size(), 1);
        QVERIFY(result.failures[0].error.contains(QStringLiteral("replaced since the scan")));
        QVERIFY(result.failures[0].error.contains(blob));
        QVERIFY(QFile::exists(blob));
        QVERIFY(!QFile::exists(cache + "/models--gpt2/snapshots/" + detached));
    }

    // A blob hard-linked out of the cache frees nothing, and the outside copy stays.
    void hardLinkedBlobFreesNothing()
    {
        const QString cache = freshCopy();
        const QByteArray blob = QFile::encodeName(cache) + "/models--gpt2/blobs/cc4c68b75ec8d5fd611de0037c9749d0218ebb01";
        const QByteArray outside = QFile::encodeName(m_caches.dir()) + "/hardlink" + QByteArray::number(m_caches.count());
        QVERIFY(::link(blob.constData(), outside.constData()) == 0);
        struct stat st;
        QVERIFY(::stat(blob.constData(), &st) == 0);
        const quint64 blobBlocks = quint64(st.st_blocks) * 512;
        const DeletePlan linked = planRevision(cache, detachedOf(cache));
        QVERIFY(::unlink(outside.constData()) == 0);
        const DeletePlan alone = planRevision(cache, detachedOf(cache));
        QCOMPARE(alone.bytesFreed() - linked.bytesFreed(), blobBlocks);
        QVERIFY(::link(blob.constData(), outside.constData()) == 0);
        QVERIFY(DeleteExecutor::execute(linked, {}).ok());
        QVERIFY(QFile::exists(QFile::decodeName(outside)));
    }

    // The cache root itself unusable: a clear error, exit 2.
    void missingRoot()
    {
        const auto r = TestSupport::runCli({"rm", "--cache-dir", m_caches.dir() + "/nope", "gpt2", "--yes"});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains("/nope"));
        const auto v = TestSupport::runCli({"verify", "--cache-dir", m_caches.dir() + "/nope"});
        QCOMPARE(v.exitCode, 2);
    }
};

QTEST_GUILESS_MAIN(TestDeleteBadInput)
#include "tst_DeleteBadInput.moc"
