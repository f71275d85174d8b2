// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "support/TestSupport.h"
#include "cli/CliOutput.h"
#include "cli/TextTable.h"

#include <QtTest>

#include <atomic>
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

    // Rows whose widths or lines the caller knows are not made twice: the same table.
    void knownRowsPrintTheSameTable()
    {
        const qsizetype rows = 40000;
        const QStringList headers{QStringLiteral("NAME"), QStringLiteral("NOTE"), QStringLiteral("NUMBER"), QStringLiteral("LAST")};
        const QList<bool> right{false, false, true, false};
        TextTable table(headers, right);
        for (qsizetype i = 0; i < rows; ++i)
            table.addRow(rowOf(i));
        std::atomic<qsizetype> asked{0};
        const auto countedRow = [&](qsizetype i) {
            ++asked;
            return rowOf(i);
        };
        char *data = nullptr;
        size_t size = 0;
        FILE *stream = ::open_memstream(&data, &size);
        TextTable::KnownRows known;
        known.widths = [](qsizetype i, qsizetype *widths) {
            if (i % 2 == 1)
                return false;
            const QStringList cells = rowOf(i);
            for (int c = 0; c < cells.size(); ++c)
                widths[c] = TextTable::cellWidth(cells[c]);
            return true;
        };
        known.line = [&](qsizetype i, const QList<qsizetype> &widths, QByteArray &out) {
            if (i % 3 != 0)
                return false;
            out += TextTable::lineOf(rowOf(i), right, widths);
            return true;
        };
        TextTable::print(CliOutput(stream, stderr), headers, right, rows, countedRow, known);
        std::fclose(stream);
        const QString printed = QString::fromUtf8(data, qsizetype(size));
        std::free(data);
        QCOMPARE(printed, table.text());
        QCOMPARE(asked.load(), rows / 2 + rows - (rows + 2) / 3);  // widths of the odd rows, lines not a multiple of 3
    }

    // A few cells far wider than the rest (hashed lock names of 200 characters among 100,000 of
    // 35) overflow their column and push the rest of their own row, instead of padding every line.
    void outlierCellsOverflowTheirColumn()
    {
        TextTable table({QStringLiteral("NAME"), QStringLiteral("STATE")});
        const QString longName(200, QLatin1Char('x'));
        for (int i = 0; i < 1000; ++i)
            table.addRow({i % 400 == 7 ? longName : QStringLiteral("name-%1").arg(i, 4, 10, QLatin1Char('0')), QStringLiteral("free")});
        const QStringList lines = table.text().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 1001);
        QCOMPARE(lines[0], QStringLiteral("NAME       STATE"));
        QCOMPARE(lines[1], QStringLiteral("name-0000  free"));
        QCOMPARE(lines[8], longName + QStringLiteral("  free"));  // pushed, not cut: still copy-pastable
        for (const QString &line : lines)
            QVERIFY2(line.size() <= 16 || line.startsWith(longName), qPrintable(line));
    }

    // Up to 100 rows, or when the widest cell is not far wider than the others, every row lines up.
    void smallOrEvenTablesStayAligned()
    {
        TextTable small({QStringLiteral("NAME"), QStringLiteral("STATE")});
        for (int i = 0; i < 100; ++i)
            small.addRow({i == 50 ? QString(200, QLatin1Char('x')) : QStringLiteral("n%1").arg(i), QStringLiteral("free")});
        for (const QString &line : small.text().split(QLatin1Char('\n'), Qt::SkipEmptyParts).mid(1))
            QCOMPARE(line.indexOf(QStringLiteral("free")), 202);
        TextTable even({QStringLiteral("NAME"), QStringLiteral("STATE")});
        for (int i = 0; i < 1000; ++i)
            even.addRow({QString(i % 100 == 0 ? 30 : 20, QLatin1Char('y')), QStringLiteral("free")});
        for (const QString &line : even.text().split(QLatin1Char('\n'), Qt::SkipEmptyParts).mid(1))
            QCOMPARE(line.indexOf(QStringLiteral("free")), 32);
    }

    // An empty last cell (a free lock has no holder) leaves no blanks at the end of its line.
    void noTrailingBlanks()
    {
        TextTable table({QStringLiteral("NAME"), QStringLiteral("HOLDER")});
        table.addRow({QStringLiteral("a.lock"), QString()});
        table.addRow({QStringLiteral("b.lock"), QStringLiteral("pid 7")});
        QCOMPARE(table.text(), QStringLiteral("NAME    HOLDER\na.lock\nb.lock  pid 7\n"));
    }
};

QTEST_GUILESS_MAIN(TestTextTable)
#include "tst_TextTable.moc"
