// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
// The command table and the options every command shares: "did you mean ...?" for a mistyped
// command or option, and one definition (name, help text) per shared option.
#include "support/TestSupport.h"

#include "cli/CliOptions.h"
#include "cli/Suggestion.h"

#include <QtTest>

using namespace hfcache;

class tst_CliApplication : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void editDistance_data();
    void editDistance();
    void unknownCommandSuggestsTheNearest();
    void unknownOptionSuggestsTheNearest();
    void sharedOptionsHaveOneHelpText();
};

void tst_CliApplication::editDistance_data()
{
    QTest::addColumn<QString>("a");
    QTest::addColumn<QString>("b");
    QTest::addColumn<int>("distance");
    QTest::newRow("same") << "scan" << "scan" << 0;
    QTest::newRow("swap") << "sacn" << "scan" << 1;
    QTest::newRow("missing") << "jsn" << "json" << 1;
    QTest::newRow("extra") << "dry-runn" << "dry-run" << 1;
    QTest::newRow("replaced") << "prone" << "prune" << 1;
    QTest::newRow("far") << "export" << "doctor" << 5;
    QTest::newRow("empty") << "" << "rm" << 2;
}

void tst_CliApplication::editDistance()
{
    QFETCH(QString, a);
    QFETCH(QString, b);
    QFETCH(int, distance);
    QCOMPARE(Suggestion::editDistance(a, b), distance);
    QCOMPARE(Suggestion::editDistance(b, a), distance);
}

void tst_CliApplication::unknownCommandSuggestsTheNearest()
{
    const TestSupport::CliResult typo = TestSupport::runCli({QStringLiteral("sacn")});
    QCOMPARE(typo.exitCode, 2);
    QCOMPARE(typo.err, QByteArray("hfcache: unknown command 'sacn' (did you mean 'scan'? see 'hfcache --help')\n"));
    const TestSupport::CliResult begun = TestSupport::runCli({QStringLiteral("check")});
    QVERIFY2(begun.err.contains("did you mean 'check-updates'?"), begun.err.constData());
    // Nothing near: no guess.
    const TestSupport::CliResult far = TestSupport::runCli({QStringLiteral("frobnicate")});
    QCOMPARE(far.exitCode, 2);
    QCOMPARE(far.err, QByteArray("hfcache: unknown command 'frobnicate' (see 'hfcache --help')\n"));
}

void tst_CliApplication::unknownOptionSuggestsTheNearest()
{
    const TestSupport::CliResult typo = TestSupport::runCli({QStringLiteral("scan"), QStringLiteral("--jsno")});
    QCOMPARE(typo.exitCode, 2);
    QCOMPARE(typo.err, QByteArray("hfcache: Unknown option 'jsno'. Did you mean '--json'?\n"));
    const TestSupport::CliResult cacheDir = TestSupport::runCli({QStringLiteral("verify"), QStringLiteral("--cachedir=/x")});
    QVERIFY2(cacheDir.err.contains("Did you mean '--cache-dir'?"), cacheDir.err.constData());
    const TestSupport::CliResult begun = TestSupport::runCli({QStringLiteral("rm"), QStringLiteral("--dry"), QStringLiteral("x")});
    QVERIFY2(begun.err.contains("Did you mean '--dry-run'?"), begun.err.constData());
    const TestSupport::CliResult far = TestSupport::runCli({QStringLiteral("scan"), QStringLiteral("--frobnicate")});
    QCOMPARE(far.err, QByteArray("hfcache: Unknown option 'frobnicate'.\n"));
}

// Every command that takes --json, --cache-dir, --threads, --yes or --dry-run describes it with
// the same text: CliOptions' one definition.
void tst_CliApplication::sharedOptionsHaveOneHelpText()
{
    const QStringList commands{QStringLiteral("scan"), QStringLiteral("doctor"), QStringLiteral("locks"),
                               QStringLiteral("repair"), QStringLiteral("rm"), QStringLiteral("prune"),
                               QStringLiteral("verify"), QStringLiteral("export"), QStringLiteral("check-updates"),
                               QStringLiteral("fetch"), QStringLiteral("where")};
    for (const QCommandLineOption *option : {&CliOptions::json(), &CliOptions::cacheDir(), &CliOptions::threads(),
                                             &CliOptions::yes(), &CliOptions::dryRun()}) {
        const QString flag = QStringLiteral("--") + option->names().first();
        int users = 0;
        for (const QString &command : commands) {
            const TestSupport::CliResult help = TestSupport::runCli({command, QStringLiteral("--help")});
            QCOMPARE(help.exitCode, 0);
            const QString text = QString::fromUtf8(help.out).simplified();
            if (!text.contains(flag + QLatin1Char(' ')))
                continue;
            ++users;
            QVERIFY2(text.contains(option->description().simplified()), qPrintable(command + QLatin1Char(' ') + flag));
        }
        QVERIFY2(users >= 2, qPrintable(flag));
    }
}

QTEST_GUILESS_MAIN(tst_CliApplication)
#include "tst_CliApplication.moc"
