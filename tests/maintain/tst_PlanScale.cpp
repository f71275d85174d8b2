// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
//
// Planning rm and prune stays linear: a repo with 20,000 detached revisions (each with its own
// blob, lock file, .no_exist folder and trees listing) and 2,000 whole repos are planned in
// well under the time the scan of such a cache takes (quadratic planning took 106 s and 57 s).
// The scan is built in memory: only the planner is measured, with a bound 20x above the
// linear time so that a loaded machine does not make it flaky.
#include "cache/CacheSnapshot.h"
#include "maintain/DeletePlanner.h"
#include "maintain/PrunePlanner.h"

#include <QElapsedTimer>
#include <QtTest>

using namespace hfcache;

namespace {

EntryStat stat(quint64 inode, quint32 mode, quint64 size = 0)
{
    EntryStat st;
    st.device = 1;
    st.inode = inode;
    st.mode = mode;
    st.nlink = 1;
    st.size = size;
    st.diskSize = 4096;
    st.mtime = st.atime = qint64(inode);
    return st;
}

QByteArray hex40(int i, char prefix)
{
    return prefix + QByteArray::number(i).rightJustified(39, '0');
}

// `revisions` detached revisions of one repo, each using one blob of its own.
CachedRepoPtr repoWith(int number, int revisions, quint64 *inode)
{
    auto repo = std::make_shared<CachedRepo>();
    repo->repoId = QStringLiteral("org/repo%1").arg(number);
    repo->folderName = "models--org--repo" + QByteArray::number(number);
    repo->stat = stat(++*inode, 040755);
    repo->locks.append({{}, stat(++*inode, 040755)});
    for (int i = 0; i < revisions; ++i) {
        CachedBlob blob;
        blob.name = hex40(i, 'b');
        blob.kind = BlobKind::GitSha1;
        blob.stat = stat(++*inode, 0100644, 1000);
        blob.snapshotLinks = 1;
        repo->blobs.append(blob);
        repo->locks.append({blob.name + ".lock", stat(++*inode, 0100644)});
        CachedRevision revision;
        revision.commit = hex40(i, 'c');
        revision.stat = stat(++*inode, 040755);
        revision.lastModified = revision.stat.mtime;
        SnapshotEntry entry;
        entry.path = "config.json";
        entry.kind = SnapshotEntry::Kind::Symlink;
        entry.linkState = SnapshotEntry::LinkState::Blob;
        entry.blobIndex = i;
        entry.stat = stat(++*inode, 0120777);
        revision.entries.append(entry);
        repo->revisions.append(revision);
        repo->otherEntries.append({".no_exist/" + revision.commit, stat(++*inode, 040755)});
        repo->otherEntries.append({".no_exist/" + revision.commit + "/missing.txt", stat(++*inode, 0100644)});
        repo->otherEntries.append({"trees/" + revision.commit + ".json", stat(++*inode, 0100644)});
    }
    return repo;
}

// Everything of a plan in the order the executor and the output see it: the text, each freed
// inode with its item, and the checked files in their hashes' iteration order.
QString planDump(const DeletePlan &plan)
{
    QString dump = plan.render();
    for (const DeletePlan::FreedFile &f : plan.freed)
        dump += QStringLiteral("freed %1:%2 item %3 content %4\n").arg(f.key.device).arg(f.key.inode).arg(f.item).arg(f.content);
    for (auto it = plan.contentFiles.cbegin(); it != plan.contentFiles.cend(); ++it)
        dump += QStringLiteral("content %1 %2\n").arg(it.key().inode).arg(QString::fromUtf8(it.value()));
    for (auto it = plan.lockFiles.cbegin(); it != plan.lockFiles.cend(); ++it)
        dump += QStringLiteral("lock %1 %2 plain %3\n").arg(it.key().inode).arg(QString::fromUtf8(it.value())).arg(plan.plainLockFiles.contains(it.key()));
    return dump;
}

} // namespace

class TestPlanScale : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void manyDetachedRevisions()
    {
        auto snapshot = std::make_shared<CacheSnapshot>();
        snapshot->root = "/nonexistent-hfcache-plan-scale";
        quint64 inode = 0;
        const int revisions = 20000;
        snapshot->repos.append(repoWith(0, revisions + 1, &inode));
        // One revision stays (main), so the plan is revision by revision, not the whole repo.
        auto &repo = const_cast<CachedRepo &>(*snapshot->repos.first());
        repo.revisions.last().refs = QStringList{QStringLiteral("main")};

        QElapsedTimer timer;
        timer.start();
        PruneOptions options;
        options.detached = true;
        const DeletePlan plan = PrunePlanner::plan(snapshot, options, 0);
        const qint64 ms = timer.elapsed();
        QCOMPARE(plan.items.size(), revisions);
        // Every item frees its snapshot folder and link, its blob and lock, .no_exist and listing.
        for (const DeleteItem &item : plan.items)
            QCOMPARE(item.bytesFreed, quint64(7 * 4096));
        QCOMPARE(plan.bytesFreed(), quint64(revisions) * 7 * 4096);
        QVERIFY2(ms < 10000, qPrintable(QStringLiteral("planning took %1 ms").arg(ms)));
        qInfo("%d detached revisions planned in %lld ms", revisions, ms);
    }

    void manyWholeRepos()
    {
        auto snapshot = std::make_shared<CacheSnapshot>();
        snapshot->root = "/nonexistent-hfcache-plan-scale";
        quint64 inode = 0;
        const int repos = 4000;
        for (int i = 0; i < repos; ++i)
            snapshot->repos.append(repoWith(i, 3, &inode));

        QElapsedTimer timer;
        timer.start();
        DeletePlanner planner(snapshot);
        for (const CachedRepoPtr &repo : snapshot->repos)
            planner.addRepo(repo);
        const DeletePlan plan = planner.build();
        const qint64 ms = timer.elapsed();
        QCOMPARE(plan.items.size(), repos);
        // Repo folder, lock folder, 3 x (snapshot, link, blob, lock, .no_exist + file, listing).
        for (const DeleteItem &item : plan.items)
            QCOMPARE(item.bytesFreed, quint64((2 + 3 * 7) * 4096));
        QVERIFY2(ms < 10000, qPrintable(QStringLiteral("planning took %1 ms").arg(ms)));
        qInfo("%d whole repos planned in %lld ms", repos, ms);
    }

    // The repos are planned on several threads and merged in order: the plan is the one a single
    // thread makes, also where a repo's plan depends on an earlier repo's (a lock file hard-linked
    // into two repos' lock folders goes with the first only).
    void parallelPlanEqualsSerial()
    {
        auto snapshot = std::make_shared<CacheSnapshot>();
        snapshot->root = "/nonexistent-hfcache-plan-scale";
        quint64 inode = 0;
        const int repos = 500;
        for (int i = 0; i < repos; ++i)
            snapshot->repos.append(repoWith(i, 1 + i % 4, &inode));
        // The first repo's last blob lock, hard-linked into the lock folder of a later whole repo.
        const RepoEntry shared = snapshot->repos.first()->locks.last();
        const_cast<CachedRepo &>(*snapshot->repos.at(repos - 2)).locks.append({"hard-linked.lock", shared.stat});

        DeletePlanner planner(snapshot);
        for (int i = 0; i < repos; ++i) {
            const CachedRepoPtr &repo = snapshot->repos.at(i);
            if (i % 3 == 0)
                planner.addRepo(repo);
            else
                planner.addRevision(repo, repo->revisions.first().commit, QStringLiteral("old"));
            if (i % 5 == 0)
                planner.addOrphans(repo);
        }
        const DeletePlan serial = planner.build(1);
        QCOMPARE(serial.items.size(), repos);
        int sharedLockOperations = 0;
        for (const DeleteItem &item : serial.items) {
            for (const DeleteOperation &op : item.operations)
                sharedLockOperations += op.kind == DeleteOperation::Kind::LockFile && op.inode == shared.stat.inode;
        }
        QCOMPARE(sharedLockOperations, 0);  // it goes with its blob, in the first repo
        const QString expected = planDump(serial);
        for (int threads : {2, 8})
            QCOMPARE(planDump(planner.build(threads)), expected);
    }

    // fillFreed counts the inodes in shares on every core: each item's figures are those of one
    // pass over the plan's inodes in order, also for inodes that several items name (the first
    // counts them), that other links keep (none does) and folders (no apparent size).
    void sharedFillFreedEqualsOnePass()
    {
        DeletePlan plan;
        const int items = 300;
        plan.items.resize(items);
        for (int i = 0; i < 100'000; ++i) {
            DeletePlan::FreedFile f;
            f.key = FileKey{1, quint64(i % 70'000)};  // 30,000 inodes named twice, by other items
            f.nlink = quint32(1 + (f.key.inode % 3));  // 1: counted once; 2: all links go; 3: one stays
            f.directory = f.key.inode % 11 == 0;
            f.content = i % 2 == 0;
            f.diskSize = 4096 * (1 + f.key.inode % 5);
            f.size = 1000 + f.key.inode;
            f.item = (i * 7) % items;
            plan.freed.append(f);
        }
        // The figures of one pass, as fillFreed had them before the shares.
        QList<quint64> bytes(items), apparent(items), content(items);
        QHash<FileKey, qint64> links;
        for (const DeletePlan::FreedFile &f : plan.freed)
            ++links[f.key];
        for (const DeletePlan::FreedFile &f : plan.freed) {
            qint64 &removed = links[f.key];
            const bool counted = removed < 0;
            const bool linkedElsewhere = !f.directory && quint64(removed) < f.nlink;
            removed = -1;
            if (counted || linkedElsewhere)
                continue;
            bytes[f.item] += f.diskSize;
            apparent[f.item] += f.directory ? 0 : f.size;
            content[f.item] += f.content ? f.diskSize : 0;
        }
        plan.fillFreed();
        for (int i = 0; i < items; ++i) {
            QCOMPARE(plan.items[i].bytesFreed, bytes[i]);
            QCOMPARE(plan.items[i].apparentFreed, apparent[i]);
            QCOMPARE(plan.items[i].contentFreed, content[i]);
        }
        QVERIFY(plan.bytesFreed() > 0);
    }
};

QTEST_GUILESS_MAIN(TestPlanScale)
#include "tst_PlanScale.moc"
