// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
// A long scan as a user at a terminal sees it (issue 19: caches on slow network filesystems):
// a progress line after the first second, and Ctrl+C stopping the scan cleanly with exit 130
// and nothing of the partial listing printed. The terminal is a real pty from script(1); the
// Ctrl+C is the ^C byte typed into it, which the pty turns into SIGINT.
#include "support/CacheBuilder.h"
#include "support/TestSupport.h"

#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

class TestScanProgress : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_cache;

    // `hfcache scan` on one core of a cache big enough to take seconds, on a pty.
    static QStringList onTerminal(const QString &cache, const QString &command = QStringLiteral("scan"))
    {
        return {QStringLiteral("-q"), QStringLiteral("-e"), QStringLiteral("-c"),
                QStringLiteral("'%1' %2 --cache-dir '%3' --threads 1").arg(TestSupport::cliPath(), command, cache),
                QStringLiteral("/dev/null")};
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("script")).isEmpty())
            QSKIP("script(1) (util-linux) is needed for a pty");
        QVERIFY(m_dir.isValid());
        m_cache = m_dir.filePath(QStringLiteral("hub"));
        hfcache::CacheBuilder cache(QFile::encodeName(m_cache));
        // 40,000 small repos: a few seconds of scanning on one core.
        for (int i = 0; i < 40000; ++i) {
            const QByteArray repo = "models--org--m" + QByteArray::number(i);
            const QByteArray commit = hfcache::CacheBuilder::commit(repo);
            const QByteArray blob = cache.addBlob(repo, "config of " + repo);
            cache.linkBlob(repo, commit, "config.json", blob);
            cache.writeRef(repo, "main", commit);
        }
    }

    void ctrlCStopsTheScan()
    {
        QProcess run;
        run.setProcessChannelMode(QProcess::MergedChannels);
        run.start(QStringLiteral("script"), onTerminal(m_cache));
        QVERIFY(run.waitForStarted());
        QByteArray seen;
        QTRY_VERIFY_WITH_TIMEOUT((seen += run.readAll()).contains("Ctrl+C stops"), 30000);
        QVERIFY2(seen.contains("Scanning ") && seen.contains(" repos"), seen.constData());
        run.write("\x03");  // Ctrl+C typed at the terminal
        QVERIFY(run.waitForFinished(30000));
        seen += run.readAll();
        QCOMPARE(run.exitCode(), 130);
        QVERIFY2(seen.contains("hfcache: interrupted: scanned ") && seen.contains("nothing was changed"), seen.constData());
        QVERIFY2(!seen.contains("REPO "), "a partial listing must not be printed");
    }

    // A command that changes things stops before planning anything.
    void ctrlCStopsRmBeforeItPlans()
    {
        QProcess run;
        run.setProcessChannelMode(QProcess::MergedChannels);
        run.start(QStringLiteral("script"), onTerminal(m_cache, QStringLiteral("rm org/m1 --yes")));
        QVERIFY(run.waitForStarted());
        QByteArray seen;
        QTRY_VERIFY_WITH_TIMEOUT((seen += run.readAll()).contains("Ctrl+C stops"), 30000);
        run.write("\x03");
        QVERIFY(run.waitForFinished(30000));
        seen += run.readAll();
        QCOMPARE(run.exitCode(), 130);
        QVERIFY(QFile::exists(m_cache + QStringLiteral("/models--org--m1/refs/main")));
    }

    // Without a terminal (scripts, pipes) the output stays the listing: no progress line.
    void noProgressWithoutATerminal()
    {
        const TestSupport::CliResult r = TestSupport::runCli(
            {QStringLiteral("scan"), QStringLiteral("--cache-dir"), m_cache, QStringLiteral("--threads"), QStringLiteral("1")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(!r.err.contains("Scanning"), r.err.constData());
        QVERIFY(r.out.contains("Found 40000 repo(s)") || r.out.contains("Found 40,000 repo(s)"));
    }
};

QTEST_GUILESS_MAIN(TestScanProgress)
#include "tst_ScanProgress.moc"
