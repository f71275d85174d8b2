// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
// The one table of finding codes and fix actions: names round-trip, and the README's findings
// tables list exactly the codes hfcache has (a code added without its row, or a row for a code
// that went away, fails here).
#include "cache/Finding.h"

#include <QFile>
#include <QRegularExpression>
#include <QSet>
#include <QtTest>

using namespace hfcache;

namespace {

struct ReadmeTables
{
    QSet<QString> codes;      // first cells of every "| code | severity | ..." table
    QString fixColumn;        // the doctor table's fix cells, joined
};

ReadmeTables readmeTables()
{
    QFile file(QStringLiteral(HFCACHE_SOURCE_DIR "/README.md"));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read README.md");
    ReadmeTables tables;
    bool inTable = false;
    bool hasFixColumn = false;
    static const QRegularExpression firstCell(QStringLiteral("^\\| `([a-z0-9-]+)` \\|"));
    for (const QByteArray &raw : file.readAll().split('\n')) {
        const QString line = QString::fromUtf8(raw);
        if (line.startsWith(QLatin1String("| code | severity |"))) {
            inTable = true;
            hasFixColumn = line.contains(QLatin1String("fix"));
            continue;
        }
        if (!line.startsWith(QLatin1Char('|')))
            inTable = false;
        if (!inTable)
            continue;
        const QRegularExpressionMatch match = firstCell.match(line);
        if (match.hasMatch())
            tables.codes.insert(match.captured(1));
        if (hasFixColumn)
            tables.fixColumn += line.section(QLatin1Char('|'), 4, 4);
    }
    return tables;
}

} // namespace

class tst_FindingCode : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void namesRoundTrip();
    void readmeListsEveryCodeAndNoOther();
    void readmeNamesEveryFixAction();
};

void tst_FindingCode::namesRoundTrip()
{
    QSet<QString> seen;
    for (FindingCode code : allFindingCodes()) {
        const QString name = findingCodeName(code);
        QVERIFY(!name.isEmpty());
        QVERIFY2(!seen.contains(name), qPrintable(name));
        seen.insert(name);
        QCOMPARE(findingCodeFromName(name), std::optional<FindingCode>(code));
        QCOMPARE(makeFinding(Severity::Info, code, "/x", QString()).code, code);
    }
    QCOMPARE(findingCodeFromName(u"no-such-code"), std::nullopt);
    // The strings JSON has always carried.
    QCOMPARE(findingCodeName(FindingCode::IncompleteStale), QStringLiteral("incomplete-stale"));
    QCOMPARE(fixActionName(FixAction::DefaultAcl), QStringLiteral("default-acl"));
    QCOMPARE(fixActionFromName(u"setgid"), std::optional<FixAction>(FixAction::SetGid));
}

void tst_FindingCode::readmeListsEveryCodeAndNoOther()
{
    const ReadmeTables tables = readmeTables();
    QSet<QString> known;
    for (FindingCode code : allFindingCodes())
        known.insert(findingCodeName(code));
    for (const QString &code : known)
        QVERIFY2(tables.codes.contains(code), qPrintable(code + QStringLiteral(" has no row in README's findings tables")));
    for (const QString &code : tables.codes)
        QVERIFY2(known.contains(code), qPrintable(code + QStringLiteral(" is in README but hfcache has no such code")));
}

void tst_FindingCode::readmeNamesEveryFixAction()
{
    const ReadmeTables tables = readmeTables();
    for (FixAction action : {FixAction::Chown, FixAction::Chgrp, FixAction::Chmod, FixAction::SetGid,
                             FixAction::DefaultAcl, FixAction::Remove}) {
        const QString name = QLatin1Char('`') + fixActionName(action) + QLatin1Char('`');
        QVERIFY2(tables.fixColumn.contains(name), qPrintable(name));
    }
}

QTEST_GUILESS_MAIN(tst_FindingCode)
#include "tst_FindingCode.moc"
