// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "support/TestSupport.h"
#include "cli/CliOutput.h"
#include "cli/TextTable.h"

#include <QtTest>

#include <cstdio>
#include <cstdlib>

using namespace hfcache;

namespace {

QStringList rowOf(qsizetype i)
{
    // Widths that peak in the middle and near the end, a name to escape, a right-aligned number.
    const QString name = QStringLiteral("file-%1").arg(i) + (i == 4321 ? QStringLiteral("-the-longest-name-of-all") : QString());
    return {name, i % 977 == 0 ? QStringLiteral("esc\x1b[0m") : QStringLiteral("x"), QString::number(i * 7919 % 100003),
            i == 9998 ? QStringLiteral("last column, long") : QStringLiteral("end")};
}

} // namespace

class TestTextTable : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // A streamed table, made on every core in slices and blocks, prints what the table held in
    // memory prints: same widths, same order, same escapes.
    void printMatchesText_data()
    {
        QTest::addColumn<qsizetype>("rows");
        QTest::newRow("many blocks") << qsizetype(40000);
        QTest::newRow("one slice") << qsizetype(10);
        QTest::newRow("header only") << qsizetype(0);
    }
    void printMatchesText()
    {
        QFETCH(qsizetype, rows);
        const QStringList headers{QStringLiteral("NAME"), QStringLiteral("NOTE"), QStringLiteral("NUMBER"), QStringLiteral("LAST")};
        const QList<bool> right{false, false, true, false};
        TextTable table(headers, right);
        for (qsizetype i = 0; i < rows; ++i)
            table.addRow(rowOf(i));

        char *data = nullptr;
        size_t size = 0;
        FILE *stream = ::open_memstream(&data, &size);
        TextTable::print(CliOutput(stream, stderr), headers, right, rows, rowOf);
        std::fclose(stream);
        const QString printed = QString::fromUtf8(data, qsizetype(size));
        std::free(data);
        QCOMPARE(printed.count(QLatin1Char('\n')), rows + 1);
        QCOMPARE(printed, table.text());
    }
};

QTEST_GUILESS_MAIN(TestTextTable)
#include "tst_TextTable.moc"
