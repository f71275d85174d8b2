// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
// One number for one thing (issue 15, item 36): for every repo and revision of the real
// fixture caches, the size the tree shows for the row, the content the Delete dialog names for
// it and `hfcache rm --dry-run --json`'s content_size are the same; what a delete frees differs
// from it only by the amounts the dialog and the JSON show (content that stays, folders, refs,
// links and lock files).
#include "support/TestSupport.h"

#include "maintain/DeleteConfirmDialog.h"
#include "browser/CacheTreeModel.h"

#include "cache/CacheScan.h"
#include "maintain/DeletePlanner.h"
#include "util/HumanFormat.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QSet>
#include <QTest>

using namespace hfcache;

class tst_DeleteConfirmDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void dialogTreeAndDryRunAgree_data();
    void dialogTreeAndDryRunAgree();

private:
    QTemporaryDir m_tmp;
    QString m_fixtures;
};

namespace {

// The one item of `rm TARGET --dry-run --json`.
QJsonObject dryRunItem(const QString &cache, const QString &target)
{
    const TestSupport::CliResult r = TestSupport::runCli({QStringLiteral("rm"), target, QStringLiteral("--dry-run"),
                                                          QStringLiteral("--json"), QStringLiteral("--cache-dir"), cache});
    const QJsonArray items = QJsonDocument::fromJson(r.out).object()[QStringLiteral("plan")].toObject()[QStringLiteral("items")].toArray();
    if (items.size() != 1)
        qWarning() << target << r.exitCode << r.err;
    return items.size() == 1 ? items.first().toObject() : QJsonObject{};
}

quint64 number(const QJsonObject &item, const char *key)
{
    return quint64(item[QLatin1String(key)].toDouble());
}

} // namespace

void tst_DeleteConfirmDialog::initTestCase()
{
    QVERIFY(m_tmp.isValid());
    m_fixtures = TestSupport::extractFixtures(m_tmp);
    QVERIFY(!m_fixtures.isEmpty());
}

void tst_DeleteConfirmDialog::dialogTreeAndDryRunAgree_data()
{
    QTest::addColumn<QString>("root");
    QTest::newRow("huggingface_hub 0.36") << m_fixtures + QStringLiteral("/fixture-cache");
    QTest::newRow("huggingface_hub 1.28") << m_fixtures + QStringLiteral("/fixture-cache-v1.28");
}

void tst_DeleteConfirmDialog::dialogTreeAndDryRunAgree()
{
    QFETCH(QString, root);
    ScanError error;
    const CacheSnapshotPtr snapshot = CacheScan::run(QFile::encodeName(root), {}, {}, nullptr, &error);
    QVERIFY2(snapshot, qPrintable(error.message()));
    CacheTreeModel tree;
    tree.addRepos(snapshot->repos);

    int revisionsChecked = 0;
    for (int row = 0; row < tree.rowCount(); ++row) {
        const QModelIndex repoIndex = tree.index(row, 0);
        const CachedRepoPtr repo = tree.repoAt(repoIndex);
        QVERIFY(repo);
        // Rows: the repo, then each revision (deleting a repo's only revision deletes the repo).
        QList<QModelIndex> rows{repoIndex};
        for (int r = 0; r < tree.rowCount(repoIndex); ++r)
            rows << tree.index(r, 0, repoIndex);
        for (const QModelIndex &index : std::as_const(rows)) {
            const CachedRevision *revision = tree.revisionAt(index);
            DeletePlanner planner(snapshot);
            if (revision)
                planner.addRevision(repo, revision->commit);
            else
                planner.addRepo(repo);
            const DeletePlan plan = planner.build();
            QCOMPARE(plan.items.size(), 1);
            const DeleteItem &item = plan.items.first();
            const QModelIndex shownRow = item.kind == DeleteItem::Kind::Repo ? repoIndex : index;
            const QString what = item.label();

            // The tree's size of the row is the item's content, in the plan, the dialog and the JSON.
            QVERIFY2(item.contentSize == tree.sizeOnDiskAt(shownRow), qPrintable(what));
            const DeleteConfirmDialog dialog(plan, DeleteResult{});
            QVERIFY2(dialog.findChild<QLabel *>(QStringLiteral("deleteHeadline"))->text().contains(QStringLiteral("of its %1 of content").arg(HumanFormat::size(tree.sizeOnDiskAt(shownRow)))),
                     qPrintable(what + QStringLiteral(": ") + dialog.findChild<QLabel *>(QStringLiteral("deleteHeadline"))->text()));
            QVERIFY2(dialog.findChild<QLabel *>(QStringLiteral("deleteHeadline"))->text().contains(QStringLiteral("frees %1:").arg(HumanFormat::size(item.bytesFreed))),
                     qPrintable(dialog.findChild<QLabel *>(QStringLiteral("deleteHeadline"))->text()));
            const QString target = revision ? repo->cacheId() + QLatin1Char('@') + QString::fromLatin1(revision->commit)
                                            : repo->cacheId();
            const QJsonObject json = dryRunItem(root, target);
            QVERIFY2(number(json, "content_size") == tree.sizeOnDiskAt(shownRow), qPrintable(what));

            // What it frees is that content (but what stays) plus the overhead the dialog names.
            QCOMPARE(number(json, "bytes_freed"), item.bytesFreed);
            QCOMPARE(number(json, "content_freed"), item.contentFreed);
            QCOMPARE(number(json, "overhead_freed"), item.overheadFreed());
            QCOMPARE(item.contentFreed + item.overheadFreed(), item.bytesFreed);
            QVERIFY2(dialog.findChild<QLabel *>(QStringLiteral("deleteHeadline"))->text().contains(HumanFormat::size(item.overheadFreed())), qPrintable(dialog.findChild<QLabel *>(QStringLiteral("deleteHeadline"))->text()));
            QVERIFY(item.contentFreed <= item.contentSize);
            // A whole repo frees all of its content (nothing in the fixtures is hard-linked
            // elsewhere); a revision all but the blobs it shares with revisions that stay.
            quint64 shared = 0;
            if (item.kind == DeleteItem::Kind::Revision) {
                QSet<int> kept;
                for (const CachedRevision &other : repo->revisions) {
                    for (const SnapshotEntry &entry : other.entries) {
                        if (other.commit != item.commit && entry.blobIndex >= 0)
                            kept.insert(entry.blobIndex);
                    }
                }
                QSet<int> counted;
                for (const SnapshotEntry &entry : revision->entries) {
                    if (entry.blobIndex >= 0 && kept.contains(entry.blobIndex) && !counted.contains(entry.blobIndex)) {
                        counted.insert(entry.blobIndex);
                        shared += repo->blobs.at(entry.blobIndex).stat.diskSize;
                    }
                }
                ++revisionsChecked;
            }
            QVERIFY2(item.contentFreed == item.contentSize - shared, qPrintable(what));
        }
    }
    QVERIFY(revisionsChecked > 0);
}

QTEST_MAIN(tst_DeleteConfirmDialog)
#include "tst_DeleteConfirmDialog.moc"
