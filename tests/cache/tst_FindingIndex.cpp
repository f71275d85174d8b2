// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
//
// FindingIndex answers "which findings are about this path or below it" as the pass over
// every finding did: the path itself and everything under "path/", never a sibling whose
// name merely starts with the same bytes ("data.txt", "data-2", "data0" next to "data/").
#include "cache/FindingIndex.h"

#include <QtTest>

using namespace hfcache;

class TestFindingIndex : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void underAPath()
    {
        const auto finding = [](Severity severity, const char *path) {
            return Finding{severity, FindingCode::UnknownEntry, QByteArray(path), QString::fromLatin1(path), {}};
        };
        const Findings findings{finding(Severity::Info, "/c/r/data/b"),   finding(Severity::Warning, "/c/r/data.txt"),
                                finding(Severity::Info, "/c/r/data"),     finding(Severity::Error, "/c/r/data0"),
                                finding(Severity::Warning, "/c/r/data/a"), finding(Severity::Info, "/c/r/data-2/x"),
                                finding(Severity::Error, "/c/r/dat"),     finding(Severity::Info, "/c/r/data/a")};
        const FindingIndex index(findings);
        QCOMPARE(index.size(), findings.size());

        const auto paths = [](const Findings &list) {
            QList<QByteArray> result;
            for (const Finding &f : list)
                result << f.path;
            return result;
        };
        // The path itself first, then below it in path order; equal paths keep their order.
        QCOMPARE(paths(index.under(findings, "/c/r/data")),
                 (QList<QByteArray>{"/c/r/data", "/c/r/data/a", "/c/r/data/a", "/c/r/data/b"}));
        QCOMPARE(index.under(findings, "/c/r/data").at(1).severity, Severity::Warning);
        QCOMPARE(index.countUnder("/c/r/data"), 4);
        QCOMPARE(index.worstUnder("/c/r/data"), int(Severity::Warning));
        QCOMPARE(paths(index.under(findings, "/c/r/data", 2)), (QList<QByteArray>{"/c/r/data", "/c/r/data/a"}));
        QCOMPARE(index.under(findings, "/c/r/data", 0).size(), 0);

        QCOMPARE(index.countUnder("/c/r/data/a"), 2);
        QCOMPARE(index.countUnder("/c/r/data.txt"), 1);
        QCOMPARE(index.countUnder("/c/r/dat"), 1);
        QCOMPARE(index.worstUnder("/c/r/dat"), int(Severity::Error));
        QCOMPARE(index.countUnder("/c/r"), int(findings.size()));
        QCOMPARE(index.countUnder("/c/r/missing"), 0);
        QCOMPARE(index.worstUnder("/c/r/missing"), -1);
        QCOMPARE(index.countUnder("/c/r/"), 0);  // no finding has that exact path, none is below "/c/r//"
        QCOMPARE(FindingIndex().countUnder("/c"), 0);
    }
};

QTEST_GUILESS_MAIN(TestFindingIndex)
#include "tst_FindingIndex.moc"
