// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
//
// TreeRowBuilder on hand-built repo values: the rows below a repo, a revision and a folder,
// their totals, severities and order, without a model or a view.
#include "models/CacheTreeModel.h"
#include "models/TreeRowBuilder.h"

#include <QTest>

#include <sys/stat.h>

using namespace hfcache;

namespace {

QByteArray hex40(int i)
{
    return QByteArray::number(i).rightJustified(40, '0');
}

SnapshotEntry file(const QByteArray &path, quint64 size, qint64 atime, uint uid = 1000)
{
    SnapshotEntry entry;
    entry.path = path;
    entry.kind = SnapshotEntry::Kind::File;
    entry.stat.mode = S_IFREG | 0644;
    entry.stat.size = size;
    entry.stat.diskSize = size;
    entry.stat.atime = atime;
    entry.stat.mtime = atime;
    entry.stat.uid = uid;
    return entry;
}

SnapshotEntry link(const QByteArray &path, int blobIndex)
{
    SnapshotEntry entry;
    entry.path = path;
    entry.kind = SnapshotEntry::Kind::Symlink;
    entry.linkState = blobIndex >= 0 ? SnapshotEntry::LinkState::Blob : SnapshotEntry::LinkState::Broken;
    entry.blobIndex = blobIndex;
    entry.stat.mode = S_IFLNK | 0777;
    entry.stat.uid = 1000;
    return entry;
}

SnapshotEntry folder(const QByteArray &path)
{
    SnapshotEntry entry;
    entry.path = path;
    entry.kind = SnapshotEntry::Kind::Directory;
    entry.stat.mode = S_IFDIR | 0755;
    entry.stat.uid = 1000;
    return entry;
}

// Only severity and path matter to the rows.
Finding finding(Severity severity, const QByteArray &path)
{
    Finding finding;
    finding.severity = severity;
    finding.path = path;
    return finding;
}

// Revision 0: "a" (a folder with its own entry) holding two links to one blob and a file,
// "a.txt" (sorts between "a" and "a/..."), "b/c/d.bin" (folders implied), "z.bin" broken.
// Revision 1: one small file.
CachedRepoPtr handBuiltRepo()
{
    auto repo = std::make_shared<CachedRepo>();
    repo->repoId = QStringLiteral("Org/Model");
    repo->folderName = "models--Org--Model";
    repo->path = "/cache/models--Org--Model";
    CachedBlob blob;
    blob.name = "blob";
    blob.stat.size = 700;
    blob.stat.diskSize = 4096;
    blob.stat.atime = 50;
    blob.stat.mtime = 40;
    blob.stat.uid = 1000;
    repo->blobs << blob;
    CachedRevision first;
    first.commit = hex40(1);
    first.stat.uid = 1000;
    first.nbFiles = 6;
    first.sizeOnDisk = 4096 + 30;
    // Sorted by path, as the scanner stores them: '.' sorts before '/'.
    first.entries << folder("a") << file("a.txt", 10, 60) << link("a/one.bin", 0) << link("a/two.bin", 0)
                  << file("a/x.txt", 10, 70) << file("b/c/d.bin", 10, 80, 2000) << link("z.bin", -1);
    CachedRevision second;
    second.commit = hex40(2);
    second.stat.uid = 1000;
    second.nbFiles = 1;
    second.sizeOnDisk = 5;
    second.entries << file("only.txt", 5, 90);
    repo->revisions << first << second;
    const QByteArray snapshot = repo->path + "/snapshots/" + first.commit;
    repo->findings << finding(Severity::Warning, snapshot + "/z.bin") << finding(Severity::Error, snapshot + "/b/c/d.bin");
    return repo;
}

QStringList names(const std::vector<TreeRow> &rows)
{
    QStringList list;
    for (const TreeRow &row : rows)
        list << QString::fromUtf8(row.path.isEmpty() ? row.sortName.toUtf8() : row.path);
    return list;
}

} // namespace

class tst_TreeRowBuilder : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void repoRow()
    {
        const CachedRepoPtr repo = handBuiltRepo();
        const TreeRow row = TreeRowBuilder::repoRow(*repo);
        QCOMPARE(row.kind, NodeRef::Kind::Repo);
        QCOMPARE(row.sortName, QStringLiteral("org/model"));
        QCOMPARE(row.severity, int(Severity::Error));
    }

    void revisionRows()
    {
        const CachedRepoPtr repo = handBuiltRepo();
        const TreeRowBuilder builder(repo, std::make_shared<const FindingIndex>(repo->findings));
        const TreeRow repoRow = TreeRowBuilder::repoRow(*repo);
        const std::vector<TreeRow> rows = builder.childrenOf(repoRow);
        QCOMPARE(rows.size(), size_t(2));
        QCOMPARE(rows[0].kind, NodeRef::Kind::Revision);
        QCOMPARE(rows[0].revision, 0);
        QCOMPARE(rows[0].sortName, QString::fromLatin1(hex40(1).left(12)));
        QCOMPARE(rows[0].totals.sizeOnDisk, quint64(4096 + 30));
        QCOMPARE(rows[0].totals.lastAccessed, qint64(80));
        QCOMPARE(rows[0].totals.owner, TreeRow::Totals::MixedOwners);  // 1000 and 2000
        QCOMPARE(rows[0].severity, int(Severity::Error));
        QCOMPARE(rows[1].severity, -1);
        QCOMPARE(rows[1].totals.owner, qint64(1000));
        QCOMPARE(builder.workFor(repoRow), qsizetype(2 + 7 + 1));
    }

    void entryRowsOfARevision()
    {
        const CachedRepoPtr repo = handBuiltRepo();
        const TreeRowBuilder builder(repo, std::make_shared<const FindingIndex>(repo->findings));
        const TreeRow revision = builder.childrenOf(TreeRowBuilder::repoRow(*repo)).at(0);
        const std::vector<TreeRow> rows = builder.childrenOf(revision);
        QCOMPARE(names(rows), (QStringList{QStringLiteral("a"), QStringLiteral("a.txt"), QStringLiteral("b"), QStringLiteral("z.bin")}));
        const TreeRow &a = rows[0];
        QCOMPARE(a.kind, NodeRef::Kind::Folder);
        QCOMPARE(a.entry, 0);
        // The blob linked twice inside "a" counts once; the file beside it adds its own 10 bytes.
        QCOMPARE(a.totals.sizeOnDisk, quint64(4096 + 10));
        QCOMPARE(a.totals.files, 3);
        QCOMPARE(a.severity, -1);
        QCOMPARE(rows[1].kind, NodeRef::Kind::File);
        QCOMPARE(rows[2].kind, NodeRef::Kind::Folder);
        QCOMPARE(rows[2].entry, -1);  // implied by b/c/d.bin
        QCOMPARE(rows[2].severity, int(Severity::Error));
        QCOMPARE(rows[3].severity, int(Severity::Warning));
        QCOMPARE(rows[3].totals.sizeOnDisk, quint64(0));  // a broken link takes nothing
        QCOMPARE(builder.workFor(revision), qsizetype(7));
    }

    void entryRowsOfAFolder()
    {
        const CachedRepoPtr repo = handBuiltRepo();
        const TreeRowBuilder builder(repo, std::make_shared<const FindingIndex>(repo->findings));
        const TreeRow revision = builder.childrenOf(TreeRowBuilder::repoRow(*repo)).at(0);
        const std::vector<TreeRow> top = builder.childrenOf(revision);
        // "a.txt" sorts between "a" and "a/one.bin" and is not below "a".
        QCOMPARE(names(builder.childrenOf(top[0])),
                 (QStringList{QStringLiteral("a/one.bin"), QStringLiteral("a/two.bin"), QStringLiteral("a/x.txt")}));
        QCOMPARE(builder.workFor(top[0]), qsizetype(3));
        const std::vector<TreeRow> b = builder.childrenOf(top[2]);
        QCOMPARE(names(b), QStringList{QStringLiteral("b/c")});
        QCOMPARE(names(builder.childrenOf(b[0])), QStringList{QStringLiteral("b/c/d.bin")});
        QCOMPARE(builder.childrenOf(b[0]).at(0).severity, int(Severity::Error));
        QVERIFY(builder.childrenOf(top[1]).empty());  // a file
    }

    void rowsComeInTheViewsOrder()
    {
        const CachedRepoPtr repo = handBuiltRepo();
        const TreeRowBuilder builder(repo, std::make_shared<const FindingIndex>(repo->findings));
        const TreeRow revision = builder.childrenOf(TreeRowBuilder::repoRow(*repo)).at(0);
        // Biggest first; "a.txt", "b" and "z.bin"... ties keep the builder's own order, as the proxy's stable sort does.
        const std::vector<TreeRow> bySize = builder.childrenOf(revision, TreeRowOrder(CacheTreeModel::SizeOnDiskColumn, Qt::DescendingOrder));
        QCOMPARE(names(bySize), (QStringList{QStringLiteral("a"), QStringLiteral("a.txt"), QStringLiteral("b"), QStringLiteral("z.bin")}));
        const std::vector<TreeRow> byStatus = builder.childrenOf(revision, TreeRowOrder(CacheTreeModel::StatusColumn, Qt::DescendingOrder));
        QCOMPARE(names(byStatus), (QStringList{QStringLiteral("b"), QStringLiteral("z.bin"), QStringLiteral("a"), QStringLiteral("a.txt")}));
        const std::vector<TreeRow> byNameDown = builder.childrenOf(revision, TreeRowOrder(CacheTreeModel::NameColumn, Qt::DescendingOrder));
        QCOMPARE(names(byNameDown), (QStringList{QStringLiteral("z.bin"), QStringLiteral("b"), QStringLiteral("a.txt"), QStringLiteral("a")}));
        // Columns looked up when shown (owner names) are left to the proxy: the builder's order stays.
        const std::vector<TreeRow> byOwner = builder.childrenOf(revision, TreeRowOrder(CacheTreeModel::OwnerColumn, Qt::DescendingOrder));
        QCOMPARE(names(byOwner), names(builder.childrenOf(revision)));
    }
};

QTEST_MAIN(tst_TreeRowBuilder)
#include "tst_TreeRowBuilder.moc"
