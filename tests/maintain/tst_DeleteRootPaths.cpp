// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
//
// rm and prune run by root in a cache another user controls: she plants links and hard links
// in .locks/, a FIFO as a lock file, or swaps the --cache-dir symlink between plan and
// execution. Root must never change a file outside the cache, nor delete in another cache.
// A real second user (hfc_rootpaths_attacker) does the planting; the victim files are decoys.
#include "FixtureCopies.h"
#include "MaintainFixture.h"
#include "support/TestSupport.h"
#include "cache/CacheScan.h"
#include "maintain/DeleteExecutor.h"
#include "maintain/DeletePlanner.h"
#include "maintain/PrunePlanner.h"

#include <QDir>
#include <QFile>
#include <QtTest>

#include <sys/stat.h>
#include <unistd.h>

using namespace hfcache;

namespace {

const QByteArray kDetached = "ae075a1a2126fb116d8bce759dd4f47119712c27";
// A blob only the detached revision uses: deleting it takes its lock.
const QByteArray kDetachedBlob = "cc4c68b75ec8d5fd611de0037c9749d0218ebb01";

mode_t modeOf(const QString &path)
{
    struct stat st;
    return ::lstat(QFile::encodeName(path).constData(), &st) == 0 ? st.st_mode & 07777 : 0;
}

void writeFile(const QString &path, const QByteArray &content, mode_t mode)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(content);
    f.close();
    QVERIFY(::chmod(QFile::encodeName(path).constData(), mode) == 0);
}

} // namespace

class TestDeleteRootPaths : public QObject
{
    Q_OBJECT
private:
    FixtureCopies m_caches;
    std::optional<TestSupport::TestUser> m_attacker;

    // A cache the attacker owns (root runs rm in it, as an admin cleaning up would).
    QString attackerCache()
    {
        const QString cache = m_caches.freshCopy(QStringLiteral("fixture-cache-v1.28"));
        TestSupport::runProgram(QStringLiteral("chown"), {QStringLiteral("-R"), m_attacker->name + ':' + m_attacker->name, cache});
        return cache;
    }

    // A root-only folder outside every cache, for decoys the attacker must not reach.
    QString victimFolder()
    {
        const QString dir = m_caches.dir() + QStringLiteral("/victim%1").arg(m_caches.count());
        [&] { QVERIFY(QDir().mkpath(dir)); }();
        ::chmod(QFile::encodeName(dir).constData(), 0700);
        return dir;
    }

    int asAttacker(const QStringList &command)
    {
        QByteArray out, err;
        const int code = TestSupport::runAsUser(*m_attacker, command.first(), command.mid(1), &out, &err);
        if (code != 0)
            qWarning() << command << err;
        return code;
    }

    static TestSupport::CliResult rmDetached(const QString &cache)
    {
        return TestSupport::runCli({QStringLiteral("rm"), QStringLiteral("--cache-dir"), cache,
                                    QString::fromLatin1(kDetached), QStringLiteral("--yes")});
    }

    static bool blobExists(const QString &cache)
    {
        return QFileInfo::exists(cache + QStringLiteral("/models--gpt2/blobs/") + QString::fromLatin1(kDetachedBlob));
    }

    static bool snapshotExists(const QString &cache)
    {
        return QFileInfo::exists(cache + QStringLiteral("/models--gpt2/snapshots/") + QString::fromLatin1(kDetached));
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_attacker = TestSupport::ensureUser(QStringLiteral("hfc_rootpaths_attacker"));
        if (!m_attacker)
            QSKIP("needs root to create the attacker user");
        QVERIFY(m_caches.extract());
        QVERIFY(::chmod(QFile::encodeName(m_caches.dir()).constData(), 0755) == 0);  // she reaches her caches
    }

    // .locks/<repo> swapped for a link to root's folder: no lock file made there, none chmod'ed.
    void symlinkedRepoLockFolderIsRefused()
    {
        const QString cache = attackerCache();
        const QString victim = victimFolder();
        const QString secret = victim + QStringLiteral("/") + QString::fromLatin1(kDetachedBlob) + QStringLiteral(".lock");
        writeFile(secret, "root's secret", 0600);
        const QString locks = cache + QStringLiteral("/.locks/models--gpt2");
        QCOMPARE(asAttacker({QStringLiteral("rm"), QStringLiteral("-rf"), locks}), 0);
        QCOMPARE(asAttacker({QStringLiteral("ln"), QStringLiteral("-s"), victim, locks}), 0);

        const auto result = rmDetached(cache);
        QVERIFY2(result.exitCode != 0, result.out.constData());
        QVERIFY2(result.err.contains("refusing lock folder") || result.out.contains("refusing lock folder"),
                 result.err.constData());
        QCOMPARE(modeOf(secret), mode_t(0600));
        QCOMPARE(QDir(victim).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden).size(), 1);
        QVERIFY(snapshotExists(cache));
    }

    // .locks itself a link to a root folder shaped like a lock folder.
    void symlinkedLocksFolderIsRefused()
    {
        const QString cache = attackerCache();
        const QString victim = victimFolder();
        QVERIFY(QDir().mkpath(victim + QStringLiteral("/models--gpt2")));
        const QString secret = victim + QStringLiteral("/models--gpt2/") + QString::fromLatin1(kDetachedBlob) + QStringLiteral(".lock");
        writeFile(secret, "root's secret", 0600);
        QCOMPARE(asAttacker({QStringLiteral("rm"), QStringLiteral("-rf"), cache + QStringLiteral("/.locks")}), 0);
        QCOMPARE(asAttacker({QStringLiteral("ln"), QStringLiteral("-s"), victim, cache + QStringLiteral("/.locks")}), 0);

        for (const QString &command : {QStringLiteral("rm"), QStringLiteral("prune")}) {
            const auto result = command == QLatin1String("rm")
                                    ? rmDetached(cache)
                                    : TestSupport::runCli({command, QStringLiteral("--cache-dir"), cache, QStringLiteral("--yes")});
            QVERIFY2(result.err.contains("refusing lock folder") || result.out.contains("refusing lock folder"),
                     result.out + result.err);
            QCOMPARE(modeOf(secret), mode_t(0600));
            QCOMPARE(QDir(victim + QStringLiteral("/models--gpt2")).entryList(QDir::AllEntries | QDir::NoDotAndDotDot).size(), 1);
            // rm refuses the plan; prune goes on without the blobs it cannot lock.
            QVERIFY(command == QLatin1String("prune") || snapshotExists(cache));
        }
        QVERIFY(blobExists(cache));
    }

    // A "lock file" hard-linked to a team file root can write: never chmod'ed world-readable.
    void hardLinkedLockFileIsRefused()
    {
        const QString cache = attackerCache();
        const QString team = m_caches.dir() + QStringLiteral("/team%1").arg(m_caches.count());
        QVERIFY(QDir().mkpath(team));
        const QString teamFile = team + QStringLiteral("/budget.txt");
        writeFile(teamFile, "team only", 0660);
        QVERIFY(::chown(QFile::encodeName(teamFile).constData(), 0, m_attacker->gid) == 0);
        const QString lock = cache + QStringLiteral("/.locks/models--gpt2/") + QString::fromLatin1(kDetachedBlob) + QStringLiteral(".lock");
        QCOMPARE(asAttacker({QStringLiteral("rm"), QStringLiteral("-f"), lock}), 0);
        QCOMPARE(asAttacker({QStringLiteral("ln"), teamFile, lock}), 0);

        const auto result = rmDetached(cache);
        QVERIFY2(result.exitCode != 0, result.out.constData());
        QVERIFY2((result.out + result.err).contains("other hard links"), result.out + result.err);
        QCOMPARE(modeOf(teamFile), mode_t(0660));
        QVERIFY(snapshotExists(cache));
    }

    // A FIFO as a lock file: rm (even --dry-run) and prune answer instead of hanging.
    void fifoLockFileDoesNotHang()
    {
        const QString cache = attackerCache();
        const QString lock = cache + QStringLiteral("/.locks/models--gpt2/") + QString::fromLatin1(kDetachedBlob) + QStringLiteral(".lock");
        QCOMPARE(asAttacker({QStringLiteral("rm"), QStringLiteral("-f"), lock}), 0);
        QCOMPARE(asAttacker({QStringLiteral("mkfifo"), lock}), 0);
        const QList<QStringList> commands = {
            {QStringLiteral("rm"), QString::fromLatin1(kDetached), QStringLiteral("--dry-run")},
            {QStringLiteral("rm"), QString::fromLatin1(kDetached), QStringLiteral("--yes")},
            {QStringLiteral("prune"), QStringLiteral("--yes")},
        };
        for (const QStringList &command : commands) {
            QByteArray out, err;
            const int code = TestSupport::runProgram(TestSupport::cliPath(),
                                                     command + QStringList{QStringLiteral("--cache-dir"), cache}, &out, &err, 20000);
            QVERIFY2(code >= 0, qPrintable(command.join(' ') + QStringLiteral(" hung or crashed")));
            QVERIFY2((out + err).contains("not a regular file"), out + err);
            QVERIFY(command.first() == QLatin1String("prune") || snapshotExists(cache));
        }
        QVERIFY(blobExists(cache));
    }

    // The --cache-dir symlink swapped to the victim's cache after the plan: the delete stays in
    // the cache the plan showed.
    void rootSwappedAfterPlanning()
    {
        const QString victimCache = m_caches.freshCopy(QStringLiteral("fixture-cache-v1.28"));
        const QString herCache = attackerCache();
        const QString herDir = m_caches.dir() + QStringLiteral("/her%1").arg(m_caches.count());
        QVERIFY(QDir().mkpath(herDir));
        QVERIFY(::chown(QFile::encodeName(herDir).constData(), m_attacker->uid, m_attacker->gid) == 0);
        const QString link = herDir + QStringLiteral("/cache");
        QCOMPARE(asAttacker({QStringLiteral("ln"), QStringLiteral("-s"), herCache, link}), 0);

        const CacheSnapshotPtr snapshot = CacheScan::run(QFile::encodeName(link));
        QVERIFY(snapshot);
        DeletePlanner planner(snapshot);
        planner.addRevision(snapshot->repo(QStringLiteral("model/gpt2")), kDetached);
        const DeletePlan plan = planner.build();
        QCOMPARE(plan.root, QFile::encodeName(QFileInfo(herCache).canonicalFilePath()));
        QVERIFY(plan.render().contains(herCache));

        QCOMPARE(asAttacker({QStringLiteral("ln"), QStringLiteral("-sfn"), victimCache, link}), 0);
        const DeleteResult result = DeleteExecutor::execute(plan, {});
        QVERIFY(snapshotExists(victimCache));
        QVERIFY(blobExists(victimCache));
        QVERIFY(result.ok());
        QVERIFY(!snapshotExists(herCache));
    }

    // Swapped between the scan and the plan: the plan's root is not the scanned folder; refused.
    void rootSwappedBeforePlanning()
    {
        const QString victimCache = m_caches.freshCopy(QStringLiteral("fixture-cache-v1.28"));
        const QString herCache = attackerCache();
        const QString herDir = m_caches.dir() + QStringLiteral("/her%1").arg(m_caches.count());
        QVERIFY(QDir().mkpath(herDir));
        QVERIFY(::chown(QFile::encodeName(herDir).constData(), m_attacker->uid, m_attacker->gid) == 0);
        const QString link = herDir + QStringLiteral("/cache");
        QCOMPARE(asAttacker({QStringLiteral("ln"), QStringLiteral("-s"), herCache, link}), 0);

        const CacheSnapshotPtr snapshot = CacheScan::run(QFile::encodeName(link));
        QVERIFY(snapshot);
        QCOMPARE(asAttacker({QStringLiteral("ln"), QStringLiteral("-sfn"), victimCache, link}), 0);
        DeletePlanner planner(snapshot);
        planner.addRevision(snapshot->repo(QStringLiteral("model/gpt2")), kDetached);
        const DeleteResult result = DeleteExecutor::execute(planner.build(), {});
        QVERIFY(result.refused);
        QVERIFY2(result.refusals.value(0).reason.contains("not the folder that was scanned"),
                 qPrintable(result.refusals.value(0).reason));
        QVERIFY(snapshotExists(victimCache));
        QVERIFY(snapshotExists(herCache));
    }

    // issue 15 A10: an orphan that a download links between the scan and the delete stays.
    void orphanLinkedSinceScanIsKept()
    {
        const QString cache = m_caches.freshCopy(QStringLiteral("fixture-cache-v1.28"));
        const QByteArray content = "a blob whose revision was deleted earlier\n";
        const QByteArray etag = QCryptographicHash::hash("blob " + QByteArray::number(content.size()) + '\0' + content,
                                                         QCryptographicHash::Sha1).toHex();
        const QString blob = cache + QStringLiteral("/models--gpt2/blobs/") + QString::fromLatin1(etag);
        writeFile(blob, content, 0644);
        const CacheSnapshotPtr snapshot = CacheScan::run(QFile::encodeName(cache));
        PruneOptions options;
        options.orphans = true;
        const DeletePlan plan = PrunePlanner::plan(snapshot, options, QDateTime::currentSecsSinceEpoch());
        QVERIFY2(plan.render().contains(QString::fromLatin1(etag)), qPrintable(plan.render()));

        // What hf_hub_download does when the blob is already there: the link, without the lock.
        QFile ref(cache + QStringLiteral("/models--gpt2/refs/main"));
        QVERIFY(ref.open(QIODevice::ReadOnly));
        const QString link = cache + QStringLiteral("/models--gpt2/snapshots/") + QString::fromLatin1(ref.readAll().trimmed())
                             + QStringLiteral("/added.txt");
        QVERIFY(QFile::link(QStringLiteral("../../blobs/") + QString::fromLatin1(etag), link));

        const DeleteResult result = DeleteExecutor::execute(plan, {});
        QVERIFY(QFileInfo::exists(blob));
        QVERIFY(QFileInfo(link).exists());  // the link resolves
        bool kept = false;
        for (const DeleteNote &note : result.kept)
            kept = kept || (note.path.endsWith(etag) && note.reason.contains("links to it"));
        QVERIFY(kept);
    }

    // The same orphan, nobody linking it: deleted as before.
    void unlinkedOrphanIsDeleted()
    {
        const QString cache = m_caches.freshCopy(QStringLiteral("fixture-cache-v1.28"));
        const QString blob = cache + QStringLiteral("/models--gpt2/blobs/0123456789012345678901234567890123456789");
        writeFile(blob, "orphan", 0644);
        PruneOptions options;
        options.orphans = true;
        const DeletePlan plan = PrunePlanner::plan(CacheScan::run(QFile::encodeName(cache)), options,
                                                   QDateTime::currentSecsSinceEpoch());
        const DeleteResult result = DeleteExecutor::execute(plan, {});
        QVERIFY(result.ok());
        QVERIFY(!QFileInfo::exists(blob));
    }
};

QTEST_GUILESS_MAIN(TestDeleteRootPaths)
#include "tst_DeleteRootPaths.moc"
