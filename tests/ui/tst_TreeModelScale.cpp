// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
//
// The tree, its filter and the details pane stay linear on big repos (issue 15, item 28): a
// repo with 20,000 revisions of two broken links and a revision with 50,000 broken links (one
// finding per link). Each row used to look at every finding of its repo (4.9 s for the first
// shape, 74 s for the second). The repos are built in memory so that only the model is
// measured, with a bound far above the linear time (about a second on a loaded machine) and
// far below the quadratic one.
#include "browser/CacheFilterModel.h"
#include "browser/CacheTreeModel.h"
#include "browser/DetailsPane.h"

#include <QElapsedTimer>
#include <QtTest>

#include <sys/stat.h>

using namespace hfcache;

namespace {

constexpr qint64 BoundMs = 15000;

QByteArray hex40(int i)
{
    return QByteArray::number(i).rightJustified(40, '0');
}

// `revisions` revisions of `links` broken links each, a warning for every link.
CachedRepoPtr brokenRepo(const QByteArray &name, int revisions, int links)
{
    auto repo = std::make_shared<CachedRepo>();
    repo->repoId = QStringLiteral("org/") + QString::fromLatin1(name);
    repo->folderName = "models--org--" + name;
    repo->path = "/cache/" + repo->folderName;
    for (int r = 0; r < revisions; ++r) {
        CachedRevision revision;
        revision.commit = hex40(r);
        revision.nbFiles = links;
        for (int l = 0; l < links; ++l) {
            SnapshotEntry entry;
            entry.path = "shard-" + QByteArray::number(l).rightJustified(6, '0') + ".bin";
            entry.kind = SnapshotEntry::Kind::Symlink;
            entry.linkState = SnapshotEntry::LinkState::Broken;
            entry.stat.mode = S_IFLNK | 0777;
            revision.entries << entry;
            repo->findings << Finding{Severity::Warning, QStringLiteral("broken-link"),
                                      repo->path + "/snapshots/" + revision.commit + '/' + entry.path,
                                      QStringLiteral("the link points to a blob that does not exist"), {}};
        }
        repo->revisions << revision;
    }
    return repo;
}

} // namespace

class TestTreeModelScale : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void twentyThousandRevisions()
    {
        CacheTreeModel model;
        model.addRepos({brokenRepo("many", 20000, 2)});
        QElapsedTimer timer;
        timer.start();
        const QModelIndex repo = model.index(0, 0);
        QCOMPARE(model.rowCount(repo), 20000);
        for (int row = 0; row < 20000; ++row) {
            const QModelIndex revision = model.index(row, CacheTreeModel::StatusColumn, repo);
            QCOMPARE(model.data(revision, CacheTreeModel::SeverityRole).toInt(), int(Severity::Warning));
            QCOMPARE(model.data(revision).toString(), QStringLiteral("2 issue(s)"));
        }
        const qint64 ms = timer.elapsed();
        QVERIFY2(ms < BoundMs, qPrintable(QStringLiteral("20,000 revision rows took %1 ms").arg(ms)));
        qInfo("20,000 revision rows with their status in %lld ms", ms);
    }

    void fiftyThousandBrokenLinks()
    {
        CacheTreeModel model;
        model.addRepos({brokenRepo("wide", 1, 50000)});
        CacheFilterModel proxy(&model);
        DetailsPane details;
        QElapsedTimer timer;
        timer.start();
        const QModelIndex revision = model.index(0, 0, model.index(0, 0));
        QCOMPARE(model.rowCount(revision), 50000);
        for (int row = 0; row < 50000; ++row) {
            const QModelIndex status = model.index(row, CacheTreeModel::StatusColumn, revision);
            QCOMPARE(model.data(status, CacheTreeModel::SeverityRole).toInt(), int(Severity::Warning));
            QCOMPARE(model.data(status).toString(), QStringLiteral("1 issue(s)"));
        }
        const QModelIndex status = revision.siblingAtColumn(CacheTreeModel::StatusColumn);
        QCOMPARE(model.data(status).toString(), QStringLiteral("50000 issue(s)"));
        QVERIFY(model.data(status, Qt::ToolTipRole).toString().contains(QStringLiteral("and 49980 more")));
        QCOMPARE(model.findingCountAt(revision), 50000);
        QCOMPARE(model.findingsAt(revision, 100).size(), 100);
        QCOMPARE(model.findingsAt(model.index(49999, 0, revision)).size(), 1);

        // Selecting the revision: the details pane lists the first findings and counts the rest.
        details.showItem(&model, revision);
        QVERIFY(details.fullText().contains(QStringLiteral("Findings (50000)")));
        QVERIFY(details.fullText().contains(QStringLiteral("49900 more not listed")));

        // Filtering asks every row whether something below it matches.
        proxy.setFilterText(QStringLiteral("shard-049999"));
        const QModelIndex proxyRevision = proxy.index(0, 0, proxy.index(0, 0));
        QCOMPARE(proxy.rowCount(proxyRevision), 1);
        const qint64 ms = timer.elapsed();
        QVERIFY2(ms < BoundMs, qPrintable(QStringLiteral("50,000 link rows took %1 ms").arg(ms)));
        qInfo("50,000 broken-link rows, details and filter in %lld ms", ms);
    }
};

QTEST_MAIN(TestTreeModelScale)
#include "tst_TreeModelScale.moc"
