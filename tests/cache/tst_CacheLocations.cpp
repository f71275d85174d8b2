// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "cache/CacheLocations.h"

#include <QtTest>

using hfcache::CacheLocations;

class TestCacheLocations : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void resolve_data()
    {
        QTest::addColumn<QStringList>("variables");  // NAME=VALUE
        QTest::addColumn<QString>("hubCache");
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("tokenPath");

        QTest::newRow("default") << QStringList{} << "/home/u/.cache/huggingface/hub" << "default"
                                 << "/home/u/.cache/huggingface/token";
        QTest::newRow("xdg") << QStringList{"XDG_CACHE_HOME=/xdg"} << "/xdg/huggingface/hub" << "XDG_CACHE_HOME"
                             << "/xdg/huggingface/token";
        QTest::newRow("hf_home wins over xdg") << QStringList{"XDG_CACHE_HOME=/xdg", "HF_HOME=/hf"} << "/hf/hub"
                                               << "HF_HOME" << "/hf/token";
        QTest::newRow("legacy var") << QStringList{"HF_HOME=/hf", "HUGGINGFACE_HUB_CACHE=/legacy"} << "/legacy"
                                    << "HUGGINGFACE_HUB_CACHE" << "/hf/token";
        QTest::newRow("HF_HUB_CACHE wins") << QStringList{"HUGGINGFACE_HUB_CACHE=/legacy", "HF_HUB_CACHE=/new"}
                                           << "/new" << "HF_HUB_CACHE" << "/home/u/.cache/huggingface/token";
        QTest::newRow("tilde and vars") << QStringList{"HF_HOME=~/hf", "DATA=/data", "HF_HUB_CACHE=$DATA/${DATA}x"}
                                        << "/data//datax" << "HF_HUB_CACHE" << "/home/u/hf/token";
        QTest::newRow("unknown var kept") << QStringList{"HF_HUB_CACHE=$NOPE/hub"} << "$NOPE/hub" << "HF_HUB_CACHE"
                                          << "/home/u/.cache/huggingface/token";
        // Python: os.getenv returns "" for an empty variable, which then counts as set.
        QTest::newRow("empty HF_HOME") << QStringList{"HF_HOME="} << "hub" << "HF_HOME" << "token";
        QTest::newRow("empty HF_HUB_CACHE") << QStringList{"HF_HUB_CACHE="} << "" << "HF_HUB_CACHE"
                                            << "/home/u/.cache/huggingface/token";
        QTest::newRow("token path") << QStringList{"HF_TOKEN_PATH=~/tok"} << "/home/u/.cache/huggingface/hub"
                                    << "default" << "/home/u/tok";
    }

    void resolve()
    {
        QFETCH(QStringList, variables);
        QFETCH(QString, hubCache);
        QFETCH(QString, source);
        QFETCH(QString, tokenPath);
        QProcessEnvironment env;
        env.insert(QStringLiteral("HOME"), QStringLiteral("/home/u"));
        for (const QString &v : std::as_const(variables))
            env.insert(v.section(QLatin1Char('='), 0, 0), v.section(QLatin1Char('='), 1));
        const CacheLocations loc = CacheLocations::resolve(env);
        QCOMPARE(loc.hubCache, hubCache);
        QCOMPARE(loc.hubCacheSource, source);
        QCOMPARE(loc.tokenPath, tokenPath);
    }

    void emptyVariableWarns()
    {
        QProcessEnvironment env;
        env.insert(QStringLiteral("HOME"), QStringLiteral("/home/u"));
        env.insert(QStringLiteral("HF_HUB_CACHE"), QString());
        QVERIFY(!CacheLocations::resolve(env).warnings.isEmpty());
        // An empty HF_TOKEN_PATH makes the token "" (a relative path) just the same.
        env.remove(QStringLiteral("HF_HUB_CACHE"));
        QVERIFY(CacheLocations::resolve(env).warnings.isEmpty());
        env.insert(QStringLiteral("HF_TOKEN_PATH"), QString());
        const QStringList warnings = CacheLocations::resolve(env).warnings;
        QCOMPARE(warnings.size(), 1);
        QVERIFY(warnings.first().startsWith(QLatin1String("HF_TOKEN_PATH")));
    }

    void siblings()
    {
        QProcessEnvironment env;
        env.insert(QStringLiteral("HOME"), QStringLiteral("/home/u"));
        env.insert(QStringLiteral("HF_HOME"), QStringLiteral("/hf"));
        const CacheLocations loc = CacheLocations::resolve(env);
        QCOMPARE(loc.xetCache, QStringLiteral("/hf/xet"));
        QCOMPARE(loc.assetsCache, QStringLiteral("/hf/assets"));
        env.insert(QStringLiteral("HF_XET_CACHE"), QStringLiteral("~/x"));
        QCOMPARE(CacheLocations::resolve(env).xetCache, QStringLiteral("/home/u/x"));
    }
};

QTEST_GUILESS_MAIN(TestCacheLocations)
#include "tst_CacheLocations.moc"
