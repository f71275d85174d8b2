// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
// A long scan as a user at a terminal sees it (issue 19: caches on slow network filesystems):
// a progress line after the first second, and Ctrl+C stopping the scan cleanly with exit 130
// and nothing of the partial listing printed. The terminal is a real pty from script(1); the
// Ctrl+C is the ^C byte typed into it, which the pty turns into SIGINT. The slow filesystem is
// strace's fault injection: every directory read (getdents64) waits 3 ms, a round trip to a
// file server.
#include "support/CacheBuilder.h"
#include "support/TestSupport.h"

#include <QDeadlineTimer>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

class TestScanProgress : public QObject
{
    Q_OBJECT
private:
    // With every directory read slowed to 3 ms, a few seconds of scanning.
    static constexpr int Repos = 300;
    QTemporaryDir m_dir;
    QString m_cache;

    // `hfcache COMMAND --cache-dir CACHE` on a pty, each directory read slowed to 3 ms. strace
    // blocks fatal signals itself (-o FILE), so the ^C reaches hfcache alone and strace exits
    // with its status.
    static QStringList onSlowTerminal(const QString &cache, const QString &command)
    {
        return {QStringLiteral("-q"), QStringLiteral("-e"), QStringLiteral("-c"),
                // LeakSanitizer cannot run under ptrace: in the sanitizer build it would abort at exit.
                QStringLiteral("ASAN_OPTIONS=\"$ASAN_OPTIONS:detect_leaks=0\" "
                               "strace -f -o /dev/null -e trace=getdents64 -e inject=getdents64:delay_enter=3000 "
                               "'%1' %2 --cache-dir '%3'")
                    .arg(TestSupport::cliPath(), command, cache),
                QStringLiteral("/dev/null")};
    }

    // Waits for the progress line, types Ctrl+C, returns everything the terminal showed.
    static QByteArray interruptOnProgress(const QString &cache, const QString &command, int *exitCode)
    {
        QProcess run;
        run.setProcessChannelMode(QProcess::MergedChannels);
        run.start(QStringLiteral("script"), onSlowTerminal(cache, command));
        QByteArray seen;
        if (!run.waitForStarted())
            return "script did not start";
        QDeadlineTimer deadline(60000);
        while (!seen.contains("Ctrl+C stops") && !deadline.hasExpired() && run.state() == QProcess::Running) {
            run.waitForReadyRead(100);
            seen += run.readAll();
        }
        run.write("\x03");  // Ctrl+C typed at the terminal
        run.waitForFinished(60000);
        seen += run.readAll();
        *exitCode = run.exitCode();
        return seen;
    }

private Q_SLOTS:
    void initTestCase()
    {
        for (const char *tool : {"script", "strace"})
            if (QStandardPaths::findExecutable(QLatin1String(tool)).isEmpty())
                QSKIP("script(1) and strace are needed (installer/dev.sh installs them)");
        QVERIFY(m_dir.isValid());
        m_cache = m_dir.filePath(QStringLiteral("hub"));
        CacheBuilder cache(QFile::encodeName(m_cache));
        for (int i = 0; i < Repos; ++i) {
            const QByteArray repo = "models--org--m" + QByteArray::number(i);
            const QByteArray commit = CacheBuilder::commit(repo);
            const QByteArray blob = cache.addBlob(repo, "config of " + repo);
            cache.linkBlob(repo, commit, "config.json", blob);
            cache.writeRef(repo, "main", commit);
        }
    }

    void ctrlCStopsTheScan()
    {
        int code = -1;
        const QByteArray seen = interruptOnProgress(m_cache, QStringLiteral("scan"), &code);
        QVERIFY2(seen.contains("Scanning ") && seen.contains(" repos; Ctrl+C stops"), seen.constData());
        QCOMPARE(code, 130);
        QVERIFY2(seen.contains("hfcache: interrupted: scanned ") && seen.contains("nothing was changed"), seen.constData());
        QVERIFY2(!seen.contains("REPO "), "a partial listing must not be printed");
    }

    // A command that changes things stops before planning anything.
    void ctrlCStopsRmBeforeItPlans()
    {
        int code = -1;
        const QByteArray seen = interruptOnProgress(m_cache, QStringLiteral("rm org/m1 --yes"), &code);
        QVERIFY2(seen.contains("Ctrl+C stops"), seen.constData());
        QCOMPARE(code, 130);
        QVERIFY(QFile::exists(m_cache + QStringLiteral("/models--org--m1/refs/main")));
    }

    // Without a terminal (scripts, pipes) the output stays the listing: no progress line.
    void noProgressWithoutATerminal()
    {
        const TestSupport::CliResult r = TestSupport::runCli({QStringLiteral("scan"), QStringLiteral("--cache-dir"), m_cache});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(!r.err.contains("Scanning"), r.err.constData());
        QVERIFY2(r.out.contains(QStringLiteral("Found %1 repo(s)").arg(Repos).toUtf8()), r.out.constData());
    }
};

QTEST_GUILESS_MAIN(TestScanProgress)
#include "tst_ScanProgress.moc"
