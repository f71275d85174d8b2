// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "cache/BlobHasher.h"

#include "support/TestSupport.h"

#include <QDir>
#include <QFile>
#include <QtTest>

using namespace hfcache;

class TestBlobHasher : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void algorithmFromName_data()
    {
        QTest::addColumn<QByteArray>("name");
        QTest::addColumn<int>("algorithm");  // -1: none
        QTest::newRow("sha256") << QByteArray(64, 'a') << int(BlobHasher::Algorithm::Sha256);
        QTest::newRow("git sha1") << QByteArray(40, '0') << int(BlobHasher::Algorithm::GitSha1);
        QTest::newRow("incomplete") << QByteArray(QByteArray(64, 'a') + ".incomplete") << -1;
        QTest::newRow("not hex") << QByteArray(40, 'g') << -1;
        QTest::newRow("short") << QByteArray("abc") << -1;
    }
    void algorithmFromName()
    {
        QFETCH(QByteArray, name);
        QFETCH(int, algorithm);
        const auto found = BlobHasher::algorithmFor(name);
        QCOMPARE(found ? int(*found) : -1, algorithm);
    }

    void knownDigests()
    {
        // `printf hello | git hash-object --stdin` and `printf hello | sha256sum`.
        BlobHasher git(BlobHasher::Algorithm::GitSha1, 5);
        git.update("hel", 3);
        git.update("lo", 2);
        QCOMPARE(git.hexDigest(), QByteArray("b6fc4c620b67d95f953a5c1c1230aaab5db5a1b0"));
        BlobHasher sha(BlobHasher::Algorithm::Sha256, 5);
        sha.update("hello", 5);
        QCOMPARE(sha.hexDigest(), QByteArray("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824"));
        BlobHasher empty(BlobHasher::Algorithm::GitSha1, 0);
        QCOMPARE(empty.hexDigest(), QByteArray("e69de29bb2d1d6434b8b29ae775ad8c2e48c5391"));  // git's empty blob
    }

    // Every blob the genuine client wrote is named after its content.
    void fixtureBlobsVerify()
    {
        QTemporaryDir dir;
        const QString root = TestSupport::extractFixtures(dir);
        QVERIFY(!root.isEmpty());
        int checked = 0;
        QDirIterator it(root, {QStringLiteral("*")}, QDir::Files | QDir::System, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            const QByteArray name = it.fileName().toLatin1();
            if (!path.contains(QLatin1String("/blobs/")) || !BlobHasher::algorithmFor(name))
                continue;
            QString error;
            QCOMPARE(BlobHasher::hashFile(QFile::encodeName(path), *BlobHasher::algorithmFor(name), &error), name);
            ++checked;
        }
        QVERIFY(checked >= 20);
    }

    void mismatchAndErrorsNamePath()
    {
        QTemporaryDir dir;
        const QByteArray path = QFile::encodeName(dir.filePath(QStringLiteral("blob")));
        QFile file(QString::fromLocal8Bit(path));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("tampered");
        file.close();
        QString error;
        const QByteArray digest = BlobHasher::hashFile(path, BlobHasher::Algorithm::GitSha1, &error);
        QVERIFY2(!digest.isEmpty() && digest != "b6fc4c620b67d95f953a5c1c1230aaab5db5a1b0", qPrintable(error));
        QVERIFY(BlobHasher::hashFile(path + "-gone", BlobHasher::Algorithm::Sha256, &error).isEmpty());
        QVERIFY2(error.contains(QLatin1String("No such file")) && error.contains(QLatin1String("-gone")), qPrintable(error));
        // A symlink is never followed.
        QVERIFY(QFile::link(QString::fromLocal8Bit(path), dir.filePath(QStringLiteral("link"))));
        QVERIFY(BlobHasher::hashFile(QFile::encodeName(dir.filePath(QStringLiteral("link"))), BlobHasher::Algorithm::Sha256, &error).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestBlobHasher)
#include "tst_BlobHasher.moc"
