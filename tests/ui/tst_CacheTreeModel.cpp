// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "support/CacheBuilder.h"
#include "support/TestSupport.h"

#include "models/CacheFilterModel.h"
#include "models/CacheTreeModel.h"

#include "cache/CacheScan.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QTest>

#include <sys/stat.h>

using namespace hfcache;

// The tree model on real caches (huggingface_hub's own fixtures, a synthetic cache) under
// QAbstractItemModelTester, which re-checks the model after every change it makes.
class tst_CacheTreeModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void realCaches_data();
    void realCaches();
    void rowsMatchTheScan();
    void refsRoundTrip();
    void replaceExpandedRepo();
    void retainOnlyDropsVanishedRepos();
    void handBuiltFolders();
    void findingsRollUp();
    void filterByTextAndType();
    void proxySortsBySize();
    void deepFolders();

private:
    CacheSnapshotPtr scan(const QString &root);
    static void walk(QAbstractItemModel *model, const QModelIndex &parent, int *rows);

    QTemporaryDir m_tmp;
    QString m_fixtures;
    QString m_synthetic;
};

void tst_CacheTreeModel::initTestCase()
{
    QVERIFY(m_tmp.isValid());
    m_fixtures = TestSupport::extractFixtures(m_tmp);
    QVERIFY(!m_fixtures.isEmpty());
    m_synthetic = m_tmp.filePath(QStringLiteral("synthetic"));
    QVERIFY(!TestSupport::generateSyntheticCache(m_synthetic, {QStringLiteral("--repos"), QStringLiteral("40"),
                                                               QStringLiteral("--revisions"), QStringLiteral("2"),
                                                               QStringLiteral("--files"), QStringLiteral("6")})
                 .isEmpty());
}

CacheSnapshotPtr tst_CacheTreeModel::scan(const QString &root)
{
    ScanError error;
    CacheSnapshotPtr snapshot = CacheScan::run(QFile::encodeName(root), {}, {}, nullptr, &error);
    if (!snapshot)
        qWarning() << error.message();
    return snapshot;
}

void tst_CacheTreeModel::walk(QAbstractItemModel *model, const QModelIndex &parent, int *rows)
{
    for (int row = 0; row < model->rowCount(parent); ++row) {
        const QModelIndex index = model->index(row, 0, parent);
        ++*rows;
        for (int column = 0; column < model->columnCount(parent); ++column) {
            const QModelIndex cell = model->index(row, column, parent);
            for (int role : {int(Qt::DisplayRole), int(Qt::DecorationRole), int(Qt::ToolTipRole),
                             int(CacheTreeModel::SortRole), int(CacheTreeModel::PercentRole)})
                model->data(cell, role);
        }
        walk(model, index, rows);
    }
}

void tst_CacheTreeModel::realCaches_data()
{
    QTest::addColumn<QString>("root");
    QTest::newRow("huggingface_hub 0.36") << m_fixtures + QStringLiteral("/fixture-cache");
    QTest::newRow("huggingface_hub 1.28") << m_fixtures + QStringLiteral("/fixture-cache-v1.28");
    QTest::newRow("synthetic") << m_synthetic;
}

void tst_CacheTreeModel::realCaches()
{
    QFETCH(QString, root);
    const CacheSnapshotPtr snapshot = scan(root);
    QVERIFY(snapshot);
    QVERIFY(!snapshot->repos.isEmpty());

    CacheTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    CacheFilterModel proxy(&model);
    QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    proxy.sort(CacheTreeModel::SizeOnDiskColumn, Qt::DescendingOrder);

    // Batches as the scanner delivers them, then the same repos again (a refresh).
    for (qsizetype i = 0; i < snapshot->repos.size(); i += 3)
        model.addRepos(snapshot->repos.mid(i, 3));
    QCOMPARE(model.repoCount(), snapshot->repos.size());
    int rows = 0;
    walk(&model, {}, &rows);
    QVERIFY(rows > model.repoCount());
    model.addRepos(snapshot->repos);
    QCOMPARE(model.repoCount(), snapshot->repos.size());
    int proxyRows = 0;
    walk(&proxy, {}, &proxyRows);
    QCOMPARE(proxyRows, rows);

    proxy.setFilterText(QStringLiteral("json"));
    walk(&proxy, {}, &proxyRows);
    proxy.setFilterText({});
    model.retainOnly(snapshot->repos.mid(1));
    QCOMPARE(model.repoCount(), snapshot->repos.size() - 1);
    model.clear();
    QCOMPARE(model.rowCount(), 0);
}

void tst_CacheTreeModel::rowsMatchTheScan()
{
    const CacheSnapshotPtr snapshot = scan(m_fixtures + QStringLiteral("/fixture-cache"));
    QVERIFY(snapshot);
    CacheTreeModel model;
    model.addRepos(snapshot->repos);
    quint64 total = 0;
    for (int row = 0; row < model.rowCount(); ++row) {
        const QModelIndex repoIndex = model.index(row, 0);
        const CachedRepoPtr repo = model.repoAt(repoIndex);
        total += repo->sizeOnDisk;
        QCOMPARE(model.data(repoIndex).toString(), repo->repoId);
        QCOMPARE(model.data(repoIndex.siblingAtColumn(CacheTreeModel::SizeOnDiskColumn), CacheTreeModel::SortRole)
                     .toULongLong(),
                 repo->sizeOnDisk);
        QCOMPARE(model.data(repoIndex.siblingAtColumn(CacheTreeModel::RevisionsColumn)).toInt(), repo->revisions.size());
        QCOMPARE(model.data(repoIndex.siblingAtColumn(CacheTreeModel::RefsColumn)).toString(),
                 repo->refNames().join(QStringLiteral(", ")));
        QCOMPARE(model.rowCount(repoIndex), repo->revisions.size());
        for (int r = 0; r < model.rowCount(repoIndex); ++r) {
            const QModelIndex revisionIndex = model.index(r, 0, repoIndex);
            const CachedRevision *revision = model.revisionAt(revisionIndex);
            QVERIFY(revision);
            QCOMPARE(model.sizeOnDiskAt(revisionIndex), revision->sizeOnDisk);
            QCOMPARE(model.absolutePath(revisionIndex), repo->snapshotPath(*revision));
            QCOMPARE(model.data(revisionIndex.siblingAtColumn(CacheTreeModel::FilesColumn)).toInt(), revision->nbFiles);
        }
    }
    QCOMPARE(model.totalSizeOnDisk(), total);
    // Shares of the whole cache add up to 100 %.
    double percent = 0;
    for (int row = 0; row < model.rowCount(); ++row)
        percent += model.index(row, CacheTreeModel::SizeOnDiskColumn).data(CacheTreeModel::PercentRole).toDouble();
    QVERIFY(qAbs(percent - 100.0) < 0.01);
}

void tst_CacheTreeModel::refsRoundTrip()
{
    const CacheSnapshotPtr snapshot = scan(m_fixtures + QStringLiteral("/fixture-cache"));
    QVERIFY(snapshot);
    CacheTreeModel model;
    model.addRepos(snapshot->repos);
    // Every row is found again from its NodeRef, and files know their content path.
    std::function<void(const QModelIndex &)> check = [&](const QModelIndex &parent) {
        for (int row = 0; row < model.rowCount(parent); ++row) {
            const QModelIndex index = model.index(row, 0, parent);
            const NodeRef ref = model.nodeRef(index);
            QVERIFY(ref.isValid());
            QCOMPARE(model.indexOf(ref), index);
            if (ref.kind == NodeRef::Kind::File)
                QVERIFY(model.entryAt(index));
            check(index);
        }
    };
    check({});
    NodeRef missing{NodeRef::Kind::File, "models--fixture-org--tiny-model", "0000", "nope"};
    QVERIFY(!model.indexOf(missing).isValid());
}

void tst_CacheTreeModel::replaceExpandedRepo()
{
    const CacheSnapshotPtr snapshot = scan(m_synthetic);
    QVERIFY(snapshot);
    CacheTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.addRepos(snapshot->repos);
    const CachedRepoPtr repo = snapshot->repos.first();
    const QModelIndex repoIndex = model.indexOf({NodeRef::Kind::Repo, repo->folderName, {}, {}});
    QVERIFY(model.rowCount(repoIndex) > 0);  // a view expanded it
    QPersistentModelIndex kept(repoIndex);

    // A rescan with one revision less: the rows below are rebuilt from the new value.
    auto changed = std::make_shared<CachedRepo>(*repo);
    changed->revisions.removeLast();
    model.replaceRepo(repo->folderName, changed);
    QVERIFY(kept.isValid());
    QCOMPARE(model.rowCount(kept), changed->revisions.size());
    QCOMPARE(model.repoAt(kept).get(), changed.get());

    model.replaceRepo(repo->folderName, nullptr);
    QVERIFY(!kept.isValid());
    QCOMPARE(model.repoCount(), snapshot->repos.size() - 1);
    model.replaceRepo(repo->folderName, repo);  // back again (a new download)
    QCOMPARE(model.repoCount(), snapshot->repos.size());
}

void tst_CacheTreeModel::retainOnlyDropsVanishedRepos()
{
    const CacheSnapshotPtr snapshot = scan(m_synthetic);
    QVERIFY(snapshot);
    CacheTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.addRepos(snapshot->repos);
    QList<CachedRepoPtr> everyOther;
    for (qsizetype i = 0; i < snapshot->repos.size(); i += 2)
        everyOther << snapshot->repos.at(i);
    model.retainOnly(everyOther);
    QCOMPARE(model.repoCount(), everyOther.size());
    for (const CachedRepoPtr &repo : everyOther)
        QVERIFY(model.indexOf({NodeRef::Kind::Repo, repo->folderName, {}, {}}).isValid());
}

namespace {

// A repo built by hand: sub-folders, a blob linked twice, a broken link, a regular file.
CachedRepoPtr handBuiltRepo()
{
    auto repo = std::make_shared<CachedRepo>();
    repo->type = RepoType::Dataset;
    repo->repoId = QStringLiteral("org/hand");
    repo->folderName = "datasets--org--hand";
    repo->path = "/cache/datasets--org--hand";
    for (const char *name : {"aaaa", "bbbb"}) {
        CachedBlob blob;
        blob.name = name;
        blob.kind = BlobKind::GitSha1;
        blob.stat.size = 1000;
        blob.stat.diskSize = 4096;
        blob.stat.uid = 1000;
        blob.stat.mtime = 100;
        blob.stat.atime = 200;
        repo->blobs << blob;
    }
    CachedRevision revision;
    revision.commit = QByteArray(40, 'c');
    revision.refs = {QStringLiteral("main")};
    const auto entry = [](const char *path, SnapshotEntry::Kind kind, int blob) {
        SnapshotEntry e;
        e.path = path;
        e.kind = kind;
        e.blobIndex = blob;
        e.linkState = kind == SnapshotEntry::Kind::Symlink ? (blob >= 0 ? SnapshotEntry::LinkState::Blob
                                                                        : SnapshotEntry::LinkState::Broken)
                                                           : SnapshotEntry::LinkState::None;
        e.stat.mode = kind == SnapshotEntry::Kind::Directory ? S_IFDIR | 0755 : S_IFLNK | 0777;
        return e;
    };
    revision.entries << entry("README.md", SnapshotEntry::Kind::Symlink, 0)
                     << entry("data", SnapshotEntry::Kind::Directory, -1)
                     << entry("data/a.parquet", SnapshotEntry::Kind::Symlink, 1)
                     << entry("data/copy.parquet", SnapshotEntry::Kind::Symlink, 1)
                     << entry("data/deep/gone.bin", SnapshotEntry::Kind::Symlink, -1);
    SnapshotEntry plain = entry("notes.txt", SnapshotEntry::Kind::File, -1);
    plain.stat.mode = S_IFREG | 0644;
    plain.stat.size = 10;
    plain.stat.diskSize = 4096;
    revision.entries << plain;
    std::sort(revision.entries.begin(), revision.entries.end(),
              [](const SnapshotEntry &a, const SnapshotEntry &b) { return a.path < b.path; });
    revision.sizeOnDisk = 3 * 4096;
    revision.nbFiles = 5;
    repo->revisions << revision;
    repo->sizeOnDisk = 3 * 4096;
    Finding finding;
    finding.severity = Severity::Warning;
    finding.code = FindingCode::BrokenSymlink;
    finding.path = repo->path + "/snapshots/" + revision.commit + "/data/deep/gone.bin";
    finding.message = QStringLiteral("the link points to a blob that does not exist");
    repo->findings << finding;
    return repo;
}

} // namespace

void tst_CacheTreeModel::handBuiltFolders()
{
    CacheTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.addRepos({handBuiltRepo()});
    const QModelIndex revision = model.index(0, 0, model.index(0, 0));
    QCOMPARE(model.rowCount(revision), 3);  // README.md, data/, notes.txt
    const QModelIndex data = model.indexOf({NodeRef::Kind::Folder, "datasets--org--hand", QByteArray(40, 'c'), "data"});
    QVERIFY(data.isValid());
    QCOMPARE(model.rowCount(data), 3);  // a.parquet, copy.parquet, deep/
    // The blob both links share takes its space once in the folder.
    QCOMPARE(model.sizeOnDiskAt(data), quint64(4096));
    QCOMPARE(model.data(data.siblingAtColumn(CacheTreeModel::FilesColumn)).toInt(), 3);
    const QModelIndex deep = model.indexOf({NodeRef::Kind::Folder, "datasets--org--hand", QByteArray(40, 'c'), "data/deep"});
    QVERIFY(deep.isValid());
    QCOMPARE(model.nodeRef(deep).kind, NodeRef::Kind::Folder);
    QVERIFY(!model.entryAt(deep));  // implied by a deeper path
    const QModelIndex gone = model.index(0, 0, deep);
    QCOMPARE(model.data(gone).toString(), QStringLiteral("gone.bin"));
    QCOMPARE(model.sizeOnDiskAt(gone), quint64(0));
    QCOMPARE(model.absolutePath(gone), "/cache/datasets--org--hand/snapshots/" + QByteArray(40, 'c') + "/data/deep/gone.bin");
    const QModelIndex notes = model.indexOf({NodeRef::Kind::File, "datasets--org--hand", QByteArray(40, 'c'), "notes.txt"});
    QCOMPARE(model.sizeOnDiskAt(notes), quint64(4096));
    QCOMPARE(model.data(notes.siblingAtColumn(CacheTreeModel::OwnerColumn)).toString().isEmpty(), false);
}

void tst_CacheTreeModel::findingsRollUp()
{
    CacheTreeModel model;
    model.addRepos({handBuiltRepo()});
    const QByteArray commit(40, 'c');
    const auto severity = [&](const NodeRef &ref) {
        return model.data(model.indexOf(ref), CacheTreeModel::SeverityRole).toInt();
    };
    QCOMPARE(severity({NodeRef::Kind::Repo, "datasets--org--hand", {}, {}}), int(Severity::Warning));
    QCOMPARE(severity({NodeRef::Kind::Revision, "datasets--org--hand", commit, {}}), int(Severity::Warning));
    QCOMPARE(severity({NodeRef::Kind::Folder, "datasets--org--hand", commit, "data"}), int(Severity::Warning));
    QCOMPARE(severity({NodeRef::Kind::File, "datasets--org--hand", commit, "data/deep/gone.bin"}), int(Severity::Warning));
    QCOMPARE(severity({NodeRef::Kind::File, "datasets--org--hand", commit, "README.md"}), -1);
    QCOMPARE(model.findingsAt(model.indexOf({NodeRef::Kind::Folder, "datasets--org--hand", commit, "data"})).size(), 1);
    QCOMPARE(model.findingsAt(model.indexOf({NodeRef::Kind::File, "datasets--org--hand", commit, "notes.txt"})).size(), 0);
    const QModelIndex status = model.index(0, CacheTreeModel::StatusColumn);
    QVERIFY(model.data(status, Qt::ToolTipRole).toString().contains(QStringLiteral("does not exist")));
}

void tst_CacheTreeModel::filterByTextAndType()
{
    const CacheSnapshotPtr snapshot = scan(m_fixtures + QStringLiteral("/fixture-cache"));
    QVERIFY(snapshot);
    CacheTreeModel model;
    CacheFilterModel proxy(&model);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.addRepos(snapshot->repos);
    model.addRepos({handBuiltRepo()});
    const int all = proxy.rowCount();

    proxy.setFilterText(QStringLiteral("GPT2"));  // repo id, any case
    QCOMPARE(proxy.rowCount(), 1);
    QCOMPARE(proxy.index(0, 0).data().toString(), QStringLiteral("gpt2"));
    proxy.setFilterText(QStringLiteral("copy.parq"));  // a file deep in one repo
    QCOMPARE(proxy.rowCount(), 1);
    const QModelIndex repo = proxy.index(0, 0);
    QCOMPARE(repo.data().toString(), QStringLiteral("org/hand"));
    const QModelIndex revision = proxy.index(0, 0, repo);
    QCOMPARE(proxy.rowCount(revision), 1);  // only data/
    QCOMPARE(proxy.rowCount(proxy.index(0, 0, revision)), 1);  // only copy.parquet
    proxy.setFilterText({});
    QCOMPARE(proxy.rowCount(), all);

    proxy.setRepoTypes({RepoType::Dataset});
    for (int row = 0; row < proxy.rowCount(); ++row)
        QCOMPARE(proxy.index(row, 0).data(CacheTreeModel::RepoTypeRole).toInt(), int(RepoType::Dataset));
    QCOMPARE(proxy.rowCount(), 2);  // the fixture's tiny-dataset and org/hand
    proxy.setRepoTypes({});
    QCOMPARE(proxy.rowCount(), all);
}

void tst_CacheTreeModel::proxySortsBySize()
{
    const CacheSnapshotPtr snapshot = scan(m_synthetic);
    QVERIFY(snapshot);
    CacheTreeModel model;
    CacheFilterModel proxy(&model);
    model.addRepos(snapshot->repos);
    proxy.sort(CacheTreeModel::SizeOnDiskColumn, Qt::DescendingOrder);
    quint64 previous = std::numeric_limits<quint64>::max();
    for (int row = 0; row < proxy.rowCount(); ++row) {
        const quint64 size = proxy.index(row, CacheTreeModel::SizeOnDiskColumn).data(CacheTreeModel::SortRole).toULongLong();
        QVERIFY(size <= previous);
        previous = size;
    }
    proxy.sort(CacheTreeModel::NameColumn, Qt::AscendingOrder);
    QString last;
    for (int row = 0; row < proxy.rowCount(); ++row) {
        const QString name = proxy.index(row, 0).data().toString().toLower();
        QVERIFY2(last <= name, qPrintable(last + QStringLiteral(" > ") + name));
        last = name;
    }
}

QTEST_MAIN(tst_CacheTreeModel)
#include "tst_CacheTreeModel.moc"

// ~15,000 nested folders in a snapshot crashed the window (stack overflow): the scan stops at
// FolderListing::MaxDepth with a "too-deep" finding, and the model shows what it found.
void tst_CacheTreeModel::deepFolders()
{
    const QByteArray root = QFile::encodeName(m_tmp.filePath(QStringLiteral("deep")));
    CacheBuilder cache(root);
    const QByteArray repo = "models--org--deep";
    const QByteArray commit = CacheBuilder::commit("deep");
    cache.linkBlob(repo, commit, "config.json", cache.addBlob(repo, "{}"));
    cache.writeRef(repo, "main", commit);
    cache.nestFolders(repo + "/snapshots/" + commit + "/deep", 15000);
    const CacheSnapshotPtr snapshot = scan(QFile::decodeName(root));
    QVERIFY(snapshot);
    QCOMPARE(snapshot->repos.size(), 1);
    QVERIFY(std::any_of(snapshot->repos[0]->findings.cbegin(), snapshot->repos[0]->findings.cend(),
                        [](const Finding &f) { return f.code == FindingCode::TooDeep; }));
    {
        CacheTreeModel model;
        model.addRepos(snapshot->repos);
        int rows = 0;
        walk(&model, {}, &rows);
        QVERIFY(rows > 64);
    }
    TestSupport::removeTree(QFile::decodeName(root));
}
