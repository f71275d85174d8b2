// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
// ByteArena: strings packed into shared blocks behave as QByteArrays of their own.
#include "util/ByteArena.h"

#include <QTest>

#include <optional>

using namespace hfcache;

class tst_ByteArena : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void stringsKeepTheirBytesAndEndInNul();
    void stringsOutliveTheArena();
    void writingToOneLeavesItsNeighboursAlone();
    void bigAndEmptyStrings();
};

void tst_ByteArena::stringsKeepTheirBytesAndEndInNul()
{
    ByteArena arena;
    QList<QByteArray> strings;
    // More than one block's worth (256 kB): strings on both sides of a block change.
    for (int i = 0; i < 5000; ++i)
        strings.append(arena.add(QByteArray("downloads/") + QByteArray::number(i).repeated(20)));
    for (int i = 0; i < 5000; ++i) {
        QCOMPARE(strings[i], QByteArray("downloads/") + QByteArray::number(i).repeated(20));
        QCOMPARE(strings[i].constData()[strings[i].size()], '\0');
    }
}

void tst_ByteArena::stringsOutliveTheArena()
{
    QByteArray kept;
    {
        std::optional<ByteArena> arena(std::in_place);
        kept = arena->add("org___squad/plain_text/0.0.0/ab12");
        arena.reset();
    }
    QCOMPARE(kept, QByteArray("org___squad/plain_text/0.0.0/ab12"));
}

void tst_ByteArena::writingToOneLeavesItsNeighboursAlone()
{
    ByteArena arena;
    QByteArray first = arena.add("first");
    const QByteArray second = arena.add("second");
    QByteArray copy = second;
    first += "-and-more-bytes-than-its-slot";   // would run into "second" if written in place
    first.prepend("before-");                   // and into what lies before it
    copy[0] = 'S';
    QCOMPARE(first, QByteArray("before-first-and-more-bytes-than-its-slot"));
    QCOMPARE(second, QByteArray("second"));
    QCOMPARE(copy, QByteArray("Second"));
}

void tst_ByteArena::bigAndEmptyStrings()
{
    ByteArena arena;
    const QByteArray big(100000, 'x');
    QCOMPARE(arena.add(big), big);
    QVERIFY(arena.add(QByteArray()).isEmpty());
    QCOMPARE(arena.add("after"), QByteArray("after"));
}

QTEST_GUILESS_MAIN(tst_ByteArena)
#include "tst_ByteArena.moc"
