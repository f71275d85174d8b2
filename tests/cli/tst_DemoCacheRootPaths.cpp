// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
//
// `hfcache demo-cache DIR` run by root in a shared sticky folder where another user
// (hfc_rootpaths_attacker) prepared DIR: her folder, or a link to root's folder, is refused
// and nothing is written through it. The victim folders are decoys.
#include "support/TestSupport.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <sys/stat.h>
#include <unistd.h>

class TestDemoCacheRootPaths : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_tmp;
    std::optional<TestSupport::TestUser> m_attacker;
    int m_count = 0;

    // A folder like /tmp: everyone creates, only owners remove.
    QString sharedFolder()
    {
        const QString dir = m_tmp.filePath(QStringLiteral("shared%1").arg(++m_count));
        [&] {
            QVERIFY(QDir().mkpath(dir));
            QVERIFY(::chmod(QFile::encodeName(dir).constData(), 01777) == 0);
        }();
        return dir;
    }

    QString victimFolder()
    {
        const QString dir = m_tmp.filePath(QStringLiteral("victim%1").arg(++m_count));
        [&] {
            QVERIFY(QDir().mkpath(dir));
            QVERIFY(::chmod(QFile::encodeName(dir).constData(), 0700) == 0);
        }();
        return dir;
    }

    int asAttacker(const QStringList &command)
    {
        return TestSupport::runAsUser(*m_attacker, command.first(), command.mid(1));
    }

    static int entries(const QString &dir)
    {
        return int(QDir(dir).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System).size());
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_attacker = TestSupport::ensureUser(QStringLiteral("hfc_rootpaths_attacker"));
        if (!m_attacker)
            QSKIP("needs root to create the attacker user");
        QVERIFY(m_tmp.isValid());
        QVERIFY(::chmod(QFile::encodeName(m_tmp.path()).constData(), 0755) == 0);
    }

    // Her empty folder: she could plant links in it while root writes (she races below).
    void foreignEmptyFolderIsRefused()
    {
        const QString dir = sharedFolder() + QStringLiteral("/demo");
        const QString victim = victimFolder();
        QCOMPARE(asAttacker({QStringLiteral("mkdir"), QStringLiteral("-m"), QStringLiteral("0777"), dir}), 0);
        // Her helper process plants a link to root's folder as soon as anything appears.
        QProcess racer;
        racer.start(QStringLiteral("setpriv"),
                    {QStringLiteral("--reuid=%1").arg(m_attacker->uid), QStringLiteral("--regid=%1").arg(m_attacker->gid),
                     QStringLiteral("--init-groups"), QStringLiteral("--reset-env"), QStringLiteral("--"), QStringLiteral("sh"),
                     QStringLiteral("-c"),
                     QStringLiteral("i=0; while [ $i -lt 20000 ]; do ln -s '%1' '%2/.locks' 2>/dev/null; "
                                    "ln -s '%1' '%2/models--demo-gpt' 2>/dev/null; i=$((i+1)); done")
                         .arg(victim, dir)});
        QVERIFY(racer.waitForStarted());
        const auto result = TestSupport::runCli({QStringLiteral("demo-cache"), dir});
        racer.kill();
        racer.waitForFinished();
        QCOMPARE(result.exitCode, 2);
        QVERIFY2(result.err.contains("belongs to another user"), result.err.constData());
        QCOMPARE(entries(victim), 0);
    }

    // DIR is her link to root's empty folder: never written through.
    void symlinkedFolderIsRefused()
    {
        const QString shared = sharedFolder();
        const QString victim = victimFolder();
        QCOMPARE(asAttacker({QStringLiteral("ln"), QStringLiteral("-s"), victim, shared + QStringLiteral("/demo")}), 0);
        const auto result = TestSupport::runCli({QStringLiteral("demo-cache"), shared + QStringLiteral("/demo")});
        QCOMPARE(result.exitCode, 2);
        QVERIFY2(result.err.contains("is not a folder (or is a symlink)"), result.err.constData());
        QCOMPARE(entries(victim), 0);
    }

    // The ordinary case still works in the same shared folder.
    void newFolderOfOursIsWritten()
    {
        const QString dir = sharedFolder() + QStringLiteral("/demo");
        const auto result = TestSupport::runCli({QStringLiteral("demo-cache"), dir});
        QVERIFY2(result.exitCode == 0, result.err.constData());
        QVERIFY(QFileInfo(dir + QStringLiteral("/models--demo-gpt/refs/main")).isFile());
        QVERIFY(QFileInfo(dir + QStringLiteral("/.locks/models--demo-gpt")).isDir());
    }
};

QTEST_GUILESS_MAIN(TestDemoCacheRootPaths)
#include "tst_DemoCacheRootPaths.moc"
