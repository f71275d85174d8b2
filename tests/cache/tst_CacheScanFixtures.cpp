// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
// The scanner against caches written by the genuine huggingface_hub client (0.36.2 and 1.28.0),
// compared with what huggingface_hub's own scan_cache_dir printed for them (fixture-scan.txt) and
// with the file listing of the trees (fixture-tree.txt); and against synthetic caches.
#include "support/TestSupport.h"
#include "cache/CacheScan.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QtTest>

using namespace hfcache;

namespace {

struct OfficialFile { QByteArray path; quint64 size; QByteArray blob; };
struct OfficialRevision { QByteArray commit; QStringList refs; int nbFiles; quint64 size; QList<OfficialFile> files; };
struct OfficialRepo { QString type; QString id; quint64 size; int nbFiles; QStringList refs; QByteArray folder;
                      QList<OfficialRevision> revisions; };
struct OfficialScan { quint64 size = 0; QList<OfficialRepo> repos; };

QStringList parseList(const QString &python)  // "['dev', 'main']"
{
    QStringList items;
    static const QRegularExpression item(QStringLiteral("'([^']*)'"));
    auto it = item.globalMatch(python);
    while (it.hasNext())
        items << it.next().captured(1);
    return items;
}

// The "1.28.0 python: scan_cache_dir on $FIXTURES/<cache>" section of fixture-scan.txt.
OfficialScan officialScan(const QString &cacheName)
{
    QFile file(TestSupport::sharedDir() + QStringLiteral("/fixtures/fixture-scan.txt"));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read fixture-scan.txt");
    const QStringList lines = QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'));
    const QString header = QStringLiteral("== 1.28.0 python: scan_cache_dir on $FIXTURES/") + cacheName;
    static const QRegularExpression total(QStringLiteral(R"(^size_on_disk=(\d+))"));
    static const QRegularExpression repo(QStringLiteral(
        R"(^REPO (\w+) (\S+) size_on_disk=(\d+) nb_files=(\d+) refs=(\[.*\]) path=(\S+))"));
    static const QRegularExpression rev(QStringLiteral(R"(^\s+REV (\w+) refs=(\[.*\]) nb_files=(\d+) size_on_disk=(\d+))"));
    static const QRegularExpression fileLine(QStringLiteral(R"(^\s+FILE (\S+)\s+size=(\d+)\s+blob=(\w+))"));
    OfficialScan scan;
    bool inSection = false;
    for (const QString &line : lines) {
        if (line.startsWith(QStringLiteral("== "))) {
            inSection = line.trimmed() == header;
            continue;
        }
        if (!inSection)
            continue;
        if (auto m = total.match(line); m.hasMatch())
            scan.size = m.captured(1).toULongLong();
        else if (auto r = repo.match(line); r.hasMatch())
            scan.repos.append({r.captured(1), r.captured(2), r.captured(3).toULongLong(), r.captured(4).toInt(),
                               parseList(r.captured(5)), r.captured(6).toUtf8(), {}});
        else if (auto v = rev.match(line); v.hasMatch())
            scan.repos.last().revisions.append({v.captured(1).toUtf8(), parseList(v.captured(2)), v.captured(3).toInt(),
                                                v.captured(4).toULongLong(), {}});
        else if (auto f = fileLine.match(line); f.hasMatch())
            scan.repos.last().revisions.last().files.append(
                {f.captured(1).toUtf8(), f.captured(2).toULongLong(), f.captured(3).toUtf8()});
    }
    return scan;
}

// Counts of fixture-tree.txt for one cache: snapshot links, blob files, lock files.
struct TreeCounts { int links = 0; int blobFiles = 0; int lockFiles = 0; };
TreeCounts treeCounts(const QString &cacheName)
{
    QFile file(TestSupport::sharedDir() + QStringLiteral("/fixtures/fixture-tree.txt"));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read fixture-tree.txt");
    TreeCounts counts;
    bool inSection = false;
    for (const QString &line : QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'))) {
        if (line.startsWith(QStringLiteral("## "))) {
            inSection = line.mid(3).trimmed() == cacheName;
            continue;
        }
        if (!inSection || line.isEmpty())
            continue;
        const QString path = line.section(QLatin1Char(' '), 3, 3);
        if (line.startsWith(QLatin1Char('l')) && path.contains(QStringLiteral("/snapshots/")))
            ++counts.links;
        else if (line.startsWith(QLatin1Char('-')) && path.contains(QStringLiteral("/blobs/")))
            ++counts.blobFiles;
        else if (line.startsWith(QLatin1Char('-')) && path.contains(QStringLiteral("/.locks/")))
            ++counts.lockFiles;
    }
    return counts;
}

} // namespace

class TestCacheScanFixtures : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_fixtures;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_fixtures = TestSupport::extractFixtures(m_dir);
        QVERIFY(!m_fixtures.isEmpty());
    }

    void matchesOfficialScanner_data()
    {
        QTest::addColumn<QString>("cacheName");
        QTest::newRow("huggingface_hub 0.36.2") << QStringLiteral("fixture-cache");
        QTest::newRow("huggingface_hub 1.28.0") << QStringLiteral("fixture-cache-v1.28");
    }

    void matchesOfficialScanner()
    {
        QFETCH(QString, cacheName);
        const OfficialScan official = officialScan(cacheName);
        QCOMPARE(official.repos.size(), 6);  // the parser read the section

        ScanError error;
        const CacheSnapshotPtr snapshot = CacheScan::run(QFile::encodeName(m_fixtures + '/' + cacheName), {}, {}, nullptr, &error);
        QVERIFY2(snapshot, qPrintable(error.message()));
        // Every repo the official scanner lists, plus the refs-only bert-mini it drops.
        QCOMPARE(snapshot->repos.size(), official.repos.size() + 1);

        quint64 referencedTotal = 0;
        for (const OfficialRepo &expected : official.repos) {
            const CachedRepoPtr repo = snapshot->repo(expected.type + '/' + expected.id);
            QVERIFY2(repo, qPrintable(expected.id));
            QCOMPARE(repo->folderName, expected.folder);
            QCOMPARE(repo->sizeReferenced, expected.size);
            QCOMPARE(repo->nbFiles, expected.nbFiles);
            QCOMPARE(repo->refNames(), expected.refs);
            referencedTotal += repo->sizeReferenced;
            QCOMPARE(repo->revisions.size(), expected.revisions.size());
            for (const OfficialRevision &expectedRevision : expected.revisions) {
                const CachedRevision *revision = repo->revision(expectedRevision.commit);
                QVERIFY(revision);
                QCOMPARE(revision->refs, expectedRevision.refs);
                QCOMPARE(revision->isDetached(), expectedRevision.refs.isEmpty());
                QCOMPARE(revision->nbFiles, expectedRevision.nbFiles);
                QCOMPARE(revision->sizeApparent, expectedRevision.size);
                for (const OfficialFile &f : expectedRevision.files) {
                    const auto entry = std::find_if(revision->entries.cbegin(), revision->entries.cend(),
                                                    [&f](const SnapshotEntry &e) { return e.path == f.path; });
                    QVERIFY2(entry != revision->entries.cend(), f.path.constData());
                    QCOMPARE(entry->linkState, SnapshotEntry::LinkState::Blob);
                    QCOMPARE(repo->blobs.at(entry->blobIndex).name, f.blob);
                    QCOMPARE(repo->blobs.at(entry->blobIndex).stat.size, f.size);
                    // Canonical links are rebuilt, not stored, and must equal what is on disk.
                    QCOMPARE(repo->linkTarget(*entry), QByteArray("../").repeated(entry->depth() + 2) + "blobs/" + f.blob);
                }
            }
            QCOMPARE(repo->countFindings(Severity::Error), 0);
        }
        QCOMPARE(referencedTotal, official.size);

        const CachedRepoPtr bertMini = snapshot->repo(QStringLiteral("model/fixture-org/bert-mini"));
        QVERIFY(bertMini);
        QStringList codes;
        for (const Finding &f : bertMini->findings)
            codes << findingCodeName(f.code);
        QVERIFY(codes.contains(QStringLiteral("repo-without-snapshots")));
        QVERIFY(codes.contains(QStringLiteral("ref-missing-snapshot")));

        const CachedRepoPtr gpt2 = snapshot->repo(QStringLiteral("model/gpt2"));
        QVERIFY(std::any_of(gpt2->findings.cbegin(), gpt2->findings.cend(),
                            [](const Finding &f) { return f.code == FindingCode::SnapshotWithoutRef; }));
        // .no_exist markers of the real client are attached to their revisions.
        int markers = 0;
        for (const CachedRevision &r : snapshot->repo(QStringLiteral("model/fixture-org/tiny-model"))->revisions)
            markers += int(r.noExist.size());
        QCOMPARE(markers, 2);
    }

    void matchesTreeListing_data() { matchesOfficialScanner_data(); }
    void matchesTreeListing()
    {
        QFETCH(QString, cacheName);
        const TreeCounts expected = treeCounts(cacheName);
        QVERIFY(expected.links > 0);
        const CacheSnapshotPtr snapshot = CacheScan::run(QFile::encodeName(m_fixtures + '/' + cacheName));
        QVERIFY(snapshot);
        TreeCounts counted;
        int incomplete = 0;
        for (const CachedRepoPtr &repo : snapshot->repos) {
            counted.blobFiles += int(repo->blobs.size());
            for (const RepoEntry &lock : repo->locks)
                counted.lockFiles += lock.path.isEmpty() ? 0 : 1;
            for (const CachedRevision &r : repo->revisions)
                counted.links += int(std::count_if(r.entries.cbegin(), r.entries.cend(), [](const SnapshotEntry &e) {
                    return e.kind == SnapshotEntry::Kind::Symlink;
                }));
            incomplete += int(std::count_if(repo->blobs.cbegin(), repo->blobs.cend(),
                                            [](const CachedBlob &b) { return b.kind == BlobKind::Incomplete; }));
        }
        QCOMPARE(counted.links, expected.links);
        QCOMPARE(counted.blobFiles, expected.blobFiles);
        QCOMPARE(counted.lockFiles, expected.lockFiles);
        QCOMPARE(incomplete, cacheName == QLatin1String("fixture-cache") ? 2 : 1);
    }

    void syntheticCacheMatchesManifest_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("1.x layout") << QStringList{"--repos", "60", "--revisions", "1-3", "--files", "12", "--seed", "7"};
        QTest::newRow("0.x layout") << QStringList{"--repos", "40", "--revisions", "2", "--files", "8", "--layout", "0.x",
                                                   "--incomplete", "5", "--seed", "11"};
    }

    void syntheticCacheMatchesManifest()
    {
        QFETCH(QStringList, args);
        QTemporaryDir dir;
        const QString root = dir.path() + QStringLiteral("/hub");
        const QByteArray manifestText = TestSupport::generateSyntheticCache(root, args);
        QVERIFY(!manifestText.isEmpty());
        const QJsonObject manifest = QJsonDocument::fromJson(manifestText).object();
        QVERIFY(!manifest.isEmpty());

        const CacheSnapshotPtr snapshot = CacheScan::run(QFile::encodeName(root));
        QVERIFY(snapshot);
        int revisions = 0, files = 0, blobs = 0, refs = 0, detached = 0, locks = 0, noExist = 0, incomplete = 0;
        for (const CachedRepoPtr &repo : snapshot->repos) {
            refs += int(repo->refs.size());
            for (const CachedBlob &b : repo->blobs)
                (b.kind == BlobKind::Incomplete ? incomplete : blobs) += 1;
            for (const RepoEntry &lock : repo->locks)
                locks += lock.path.isEmpty() ? 0 : 1;
            for (const CachedRevision &r : repo->revisions) {
                ++revisions;
                files += r.nbFiles;
                detached += r.isDetached() ? 1 : 0;
                noExist += int(r.noExist.size());
            }
            QCOMPARE(repo->countFindings(Severity::Error), 0);
        }
        QCOMPARE(snapshot->repos.size(), manifest[QStringLiteral("repos")].toInt());
        QCOMPARE(revisions, manifest[QStringLiteral("revisions")].toInt());
        QCOMPARE(files, manifest[QStringLiteral("snapshot_files")].toInt());
        QCOMPARE(blobs, manifest[QStringLiteral("blobs")].toInt());
        QCOMPARE(refs, manifest[QStringLiteral("refs")].toInt());
        QCOMPARE(detached, manifest[QStringLiteral("detached_revisions")].toInt());
        QCOMPARE(locks, manifest[QStringLiteral("locks")].toInt());
        QCOMPARE(noExist, manifest[QStringLiteral("no_exist")].toInt());
        QCOMPARE(incomplete, manifest[QStringLiteral("incomplete")].toInt());
    }
};

QTEST_GUILESS_MAIN(TestCacheScanFixtures)
#include "tst_CacheScanFixtures.moc"
