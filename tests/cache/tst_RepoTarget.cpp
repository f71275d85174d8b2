// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "support/TestSupport.h"
#include "cache/CacheScan.h"
#include "cache/RepoTarget.h"

#include <QtTest>

using namespace hfcache;

class TestRepoTarget : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    CacheSnapshotPtr m_snapshot;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(!TestSupport::extractFixtures(m_dir).isEmpty());
        m_snapshot = CacheScan::run(QFile::encodeName(m_dir.path() + QStringLiteral("/fixture-cache")));
        QVERIFY(m_snapshot);
    }

    void parse_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<QString>("normalised");
        QTest::newRow("org/name") << "org/name" << true << "org/name";
        QTest::newRow("bare") << "gpt2" << true << "gpt2";
        QTest::newRow("typed") << "dataset/org/name@main" << true << "dataset/org/name@main";
        QTest::newRow("typed bare") << "model/gpt2" << true << "model/gpt2";
        QTest::newRow("pr ref") << "org/name@refs/pr/1" << true << "org/name@refs/pr/1";
        QTest::newRow("bad type") << "widget/org/name" << false << "";
        QTest::newRow("too deep") << "a/b/c/d" << false << "";
        QTest::newRow("empty rev") << "org/name@" << false << "";
        QTest::newRow("empty") << "" << false << "";
        QTest::newRow("slashes") << "org//name" << false << "";
    }
    void parse()
    {
        QFETCH(QString, text);
        QFETCH(bool, valid);
        QFETCH(QString, normalised);
        QString error;
        const auto target = RepoTarget::parse(text, &error);
        QCOMPARE(bool(target), valid);
        if (valid)
            QCOMPARE(target->toString(), normalised);
        else
            QVERIFY(!error.isEmpty());
    }

    void resolve_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("commit");  // empty: an error is expected
        QTest::newRow("default main") << "fixture-org/tiny-model" << "fe41806b3d4354a9974595d721ead54df06a4ef7";
        QTest::newRow("tag") << "fixture-org/tiny-model@v1.0" << "54f3d8f6613ad3fee121298dd11fa3e96aa769de";
        QTest::newRow("pr") << "model/fixture-org/tiny-model@refs/pr/1" << "7828a4d3446767474f884da7e860ee3bd48cee56";
        QTest::newRow("prefix") << "gpt2@ae075a1" << "ae075a1a2126fb116d8bce759dd4f47119712c27";
        QTest::newRow("full hash") << "gpt2@53f34914cfdc9ab92883d642348e8b8e40fecc67" << "53f34914cfdc9ab92883d642348e8b8e40fecc67";
        QTest::newRow("dataset") << "dataset/fixture-org/tiny-dataset" << "38251583a4c2daf03faf4775f1f130242172597a";
        QTest::newRow("wrong type") << "dataset/gpt2" << "";
        QTest::newRow("unknown ref") << "gpt2@nope" << "";
        QTest::newRow("not cached") << "org/absent" << "";
        QTest::newRow("ref without snapshot") << "fixture-org/bert-mini" << "";
    }
    void resolve()
    {
        QFETCH(QString, text);
        QFETCH(QString, commit);
        QString error;
        const auto target = RepoTarget::parse(text, &error);
        QVERIFY(target);
        const auto resolved = target->resolve(*m_snapshot, true, &error);
        if (commit.isEmpty()) {
            QVERIFY(!resolved);
            QVERIFY(!error.isEmpty());
            return;
        }
        QVERIFY2(resolved, qPrintable(error));
        QCOMPARE(QString::fromLatin1(resolved->revision->commit), commit);
    }

    // The repo index rm builds for many targets resolves every target as the pass over all repos does.
    void resolveWithIndex_data() { resolve_data(); }
    void resolveWithIndex()
    {
        QFETCH(QString, text);
        QFETCH(QString, commit);
        const RepoTarget::ReposById byId = RepoTarget::indexById(*m_snapshot);
        QString error, indexedError;
        const auto target = RepoTarget::parse(text, &error);
        QVERIFY(target);
        const auto resolved = target->resolve(*m_snapshot, true, &error);
        const auto indexed = target->resolve(*m_snapshot, true, &indexedError, &byId);
        QCOMPARE(bool(indexed), bool(resolved));
        QCOMPARE(indexedError, error);
        if (resolved) {
            QCOMPARE(indexed->repo, resolved->repo);
            QCOMPARE(indexed->revision, resolved->revision);
        }
    }

    void resolveArgument()
    {
        QString error;
        const auto bare = RepoTarget::resolveArgument(QStringLiteral("AE075A1A2126FB116D8BCE759DD4F47119712C27"), *m_snapshot, &error);
        QVERIFY2(bare, qPrintable(error));
        QCOMPARE(bare->size(), 1);
        QCOMPARE(bare->first().repo->repoId, QStringLiteral("gpt2"));
        QVERIFY(bare->first().revision);
        const auto repoOnly = RepoTarget::resolveArgument(QStringLiteral("gpt2"), *m_snapshot, &error);
        QVERIFY(repoOnly && !repoOnly->first().revision);  // no revision named: the whole repo
        QVERIFY(!RepoTarget::resolveArgument(QString(40, QLatin1Char('0')), *m_snapshot, &error));
        QVERIFY(error.startsWith(QStringLiteral("no revision 0000")));
    }

    // "gpt2@ae0" matches a revision but is too short to be taken as a prefix: the error says why.
    void shortHashPrefixSaysWhy()
    {
        QString error;
        const auto target = RepoTarget::parse(QStringLiteral("gpt2@ae0"), &error);
        QVERIFY(target);
        QVERIFY(!target->resolve(*m_snapshot, true, &error));
        QVERIFY2(error.contains(QLatin1String("at least 4 hex digits")), qPrintable(error));
        QVERIFY(RepoTarget::parse(QStringLiteral("gpt2@ae07"), &error)->resolve(*m_snapshot, true, &error));
    }
};

QTEST_GUILESS_MAIN(TestRepoTarget)
#include "tst_RepoTarget.moc"
