// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "util/DurationText.h"

#include <QtTest>

using namespace hfcache;

class TestDurationText : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parsesEveryUnit_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("seconds");
        QTest::newRow("seconds") << QStringLiteral("45s") << qint64(45);
        QTest::newRow("minutes") << QStringLiteral("90m") << qint64(5400);
        QTest::newRow("hours") << QStringLiteral("12h") << qint64(12 * 3600);
        QTest::newRow("days") << QStringLiteral("30d") << qint64(30 * 86400);
        QTest::newRow("weeks") << QStringLiteral("2w") << qint64(14 * 86400);
        QTest::newRow("months") << QStringLiteral("6mo") << qint64(180 * 86400);
        QTest::newRow("years") << QStringLiteral("1y") << qint64(365 * 86400);
        QTest::newRow("decimal") << QStringLiteral("1.5d") << qint64(129600);
        QTest::newRow("space and case") << QStringLiteral(" 30 D ") << qint64(30 * 86400);
        QTest::newRow("plain seconds, as hf cache ls") << QStringLiteral("30") << qint64(30);
    }
    void parsesEveryUnit()
    {
        QFETCH(QString, text);
        QFETCH(qint64, seconds);
        QCOMPARE(DurationText::parseSeconds(text), std::optional<qint64>(seconds));
    }

    void refusesWhatIsNotAnAge_data()
    {
        QTest::addColumn<QString>("text");
        for (const char *text : {"", "d", "-3d", "3x", "1e9y", "1.d", "30dd", "99999999999y"})
            QTest::newRow(text) << QString::fromLatin1(text);
    }
    void refusesWhatIsNotAnAge()
    {
        QFETCH(QString, text);
        QVERIFY(!DurationText::parseSeconds(text));
    }
};

QTEST_GUILESS_MAIN(TestDurationText)
#include "tst_DurationText.moc"
