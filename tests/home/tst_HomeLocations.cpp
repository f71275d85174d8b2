// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
// Every cache kind's root resolved as its library does (hf-home-reference.md §0 and the source
// lines each kind cites): which variable wins, what the defaults are, and which library expands
// '~' and $VARS where.
#include "home/CacheKinds.h"
#include "home/HomeEnvironment.h"
#include "home/HomeLocations.h"

#include <QtTest>

using namespace hfcache;

class tst_HomeLocations : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void locate_data();
    void locate();
    void everyKindIsInTheTable();
    void extraRoots();
};

void tst_HomeLocations::locate_data()
{
    QTest::addColumn<QStringList>("variables");  // NAME=VALUE
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("source");

    const QStringList none;
    // Defaults: HF_HOME = ~/.cache/huggingface, torch home = ~/.cache/torch.
    QTest::newRow("hub default") << none << "hub" << "/home/u/.cache/huggingface/hub" << "default";
    QTest::newRow("xet default") << none << "xet" << "/home/u/.cache/huggingface/xet" << "default";
    QTest::newRow("datasets default") << none << "datasets" << "/home/u/.cache/huggingface/datasets" << "default";
    QTest::newRow("metrics default") << none << "metrics" << "/home/u/.cache/huggingface/metrics" << "default";
    QTest::newRow("evaluate default") << none << "evaluate" << "/home/u/.cache/huggingface/evaluate" << "default";
    QTest::newRow("modules default") << none << "modules" << "/home/u/.cache/huggingface/modules" << "default";
    QTest::newRow("assets default") << none << "assets" << "/home/u/.cache/huggingface/assets" << "default";
    QTest::newRow("token default") << none << "token" << "/home/u/.cache/huggingface/token" << "default";
    QTest::newRow("st default") << none << "sentence_transformers" << "/home/u/.cache/torch/sentence_transformers"
                                << "default";
    QTest::newRow("transformers default") << none << "transformers_legacy" << "/home/u/.cache/huggingface/transformers"
                                          << "default";
    QTest::newRow("torch default") << none << "torch_hub" << "/home/u/.cache/torch/hub" << "default";

    // XDG_CACHE_HOME moves both homes; HF_HOME only the Hugging Face one.
    const QStringList xdg{"XDG_CACHE_HOME=/xdg"};
    QTest::newRow("xdg datasets") << xdg << "datasets" << "/xdg/huggingface/datasets" << "XDG_CACHE_HOME";
    QTest::newRow("xdg xet") << xdg << "xet" << "/xdg/huggingface/xet" << "XDG_CACHE_HOME";
    QTest::newRow("xdg torch") << xdg << "torch_hub" << "/xdg/torch/hub" << "XDG_CACHE_HOME";
    const QStringList home{"XDG_CACHE_HOME=/xdg", "HF_HOME=/hf"};
    QTest::newRow("hf_home datasets") << home << "datasets" << "/hf/datasets" << "HF_HOME";
    QTest::newRow("hf_home xet") << home << "xet" << "/hf/xet" << "HF_HOME";
    QTest::newRow("hf_home metrics") << home << "metrics" << "/hf/metrics" << "HF_HOME";
    QTest::newRow("hf_home legacy") << home << "transformers_legacy" << "/hf/transformers" << "HF_HOME";
    QTest::newRow("hf_home torch untouched") << home << "torch_hub" << "/xdg/torch/hub" << "XDG_CACHE_HOME";
    QTest::newRow("hf_home st untouched") << home << "sentence_transformers" << "/xdg/torch/sentence_transformers"
                                          << "XDG_CACHE_HOME";

    // The kind's own variable wins over HF_HOME.
    QTest::newRow("HF_XET_CACHE") << QStringList{"HF_HOME=/hf", "HF_XET_CACHE=/scratch/xet"} << "xet" << "/scratch/xet"
                                  << "HF_XET_CACHE";
    QTest::newRow("HF_DATASETS_CACHE ~") << QStringList{"HF_HOME=/hf", "HF_DATASETS_CACHE=~/ds"} << "datasets"
                                         << "/home/u/ds" << "HF_DATASETS_CACHE";
    QTest::newRow("HF_METRICS_CACHE") << QStringList{"HF_HOME=/hf", "HF_METRICS_CACHE=/m"} << "metrics" << "/m"
                                      << "HF_METRICS_CACHE";
    QTest::newRow("HF_EVALUATE_CACHE") << QStringList{"HF_EVALUATE_CACHE=/e"} << "evaluate" << "/e" << "HF_EVALUATE_CACHE";
    QTest::newRow("HF_MODULES_CACHE") << QStringList{"HF_MODULES_CACHE=/mod"} << "modules" << "/mod" << "HF_MODULES_CACHE";
    QTest::newRow("HF_ASSETS_CACHE wins") << QStringList{"HUGGINGFACE_ASSETS_CACHE=/old", "HF_ASSETS_CACHE=/new"}
                                          << "assets" << "/new" << "HF_ASSETS_CACHE";
    QTest::newRow("HUGGINGFACE_ASSETS_CACHE") << QStringList{"HUGGINGFACE_ASSETS_CACHE=/old"} << "assets" << "/old"
                                              << "HUGGINGFACE_ASSETS_CACHE";
    QTest::newRow("HF_TOKEN_PATH") << QStringList{"HF_HOME=/hf", "HF_TOKEN_PATH=/secrets/t"} << "token" << "/secrets/t"
                                   << "HF_TOKEN_PATH";
    QTest::newRow("SENTENCE_TRANSFORMERS_HOME") << QStringList{"TORCH_HOME=/t", "SENTENCE_TRANSFORMERS_HOME=/st"}
                                                << "sentence_transformers" << "/st" << "SENTENCE_TRANSFORMERS_HOME";
    QTest::newRow("TORCH_HOME st") << QStringList{"XDG_CACHE_HOME=/xdg", "TORCH_HOME=/t"} << "sentence_transformers"
                                   << "/t/sentence_transformers" << "TORCH_HOME";
    QTest::newRow("TORCH_HOME ~") << QStringList{"TORCH_HOME=~/t"} << "torch_hub" << "/home/u/t/hub" << "TORCH_HOME";
    // transformers < 4.22: TRANSFORMERS_CACHE > PYTORCH_TRANSFORMERS_CACHE > PYTORCH_PRETRAINED_BERT_CACHE.
    QTest::newRow("bert cache") << QStringList{"PYTORCH_PRETRAINED_BERT_CACHE=/b"} << "transformers_legacy" << "/b"
                                << "PYTORCH_PRETRAINED_BERT_CACHE";
    QTest::newRow("pytorch transformers cache")
        << QStringList{"PYTORCH_PRETRAINED_BERT_CACHE=/b", "PYTORCH_TRANSFORMERS_CACHE=/p"} << "transformers_legacy"
        << "/p" << "PYTORCH_TRANSFORMERS_CACHE";
    QTest::newRow("TRANSFORMERS_CACHE") << QStringList{"PYTORCH_TRANSFORMERS_CACHE=/p", "TRANSFORMERS_CACHE=/tc"}
                                        << "transformers_legacy" << "/tc" << "TRANSFORMERS_CACHE";

    // Expansion follows each library: huggingface_hub expands $VARS in HF_HOME (constants.py),
    // datasets and evaluate only '~' (config.py: os.path.expanduser).
    const QStringList vars{"DATA=/data", "HF_HOME=$DATA/hf"};
    QTest::newRow("hub expands vars") << vars << "hub" << "/data/hf/hub" << "HF_HOME";
    QTest::newRow("datasets keeps vars") << vars << "datasets" << "$DATA/hf/datasets" << "HF_HOME";
    // As in Python, an empty variable counts as set: a path relative to the current folder.
    QTest::newRow("empty HF_DATASETS_CACHE") << QStringList{"HF_DATASETS_CACHE="} << "datasets" << "" << "HF_DATASETS_CACHE";
}

void tst_HomeLocations::locate()
{
    QFETCH(QStringList, variables);
    QFETCH(QString, kind);
    QFETCH(QString, path);
    QFETCH(QString, source);
    QProcessEnvironment env;
    env.insert(QStringLiteral("HOME"), QStringLiteral("/home/u"));
    for (const QString &v : std::as_const(variables))
        env.insert(v.section(QLatin1Char('='), 0, 0), v.section(QLatin1Char('='), 1));
    const CacheKind *cacheKind = CacheKinds::find(kind);
    QVERIFY(cacheKind);
    const KindLocation location = cacheKind->locate(HomeEnvironment(env));
    QCOMPARE(location.kindId, kind);
    QCOMPARE(location.path, path);
    QCOMPARE(location.source, source);
}

void tst_HomeLocations::everyKindIsInTheTable()
{
    QStringList ids;
    for (const auto &kind : CacheKinds::all())
        ids << kind->id();
    QCOMPARE(ids, (QStringList{"hub", "xet", "datasets", "metrics", "evaluate", "modules", "assets", "token",
                               "sentence_transformers", "transformers_legacy", "torch_hub"}));
    QCOMPARE(CacheKinds::find(QStringLiteral("nope")), nullptr);
}

void tst_HomeLocations::extraRoots()
{
    KindLocation extra;
    QString error;
    QVERIFY(HomeLocations::parseExtraRoot(QStringLiteral("datasets=/scratch/ds"), &extra, &error));
    QCOMPARE(extra.kindId, QStringLiteral("datasets"));
    QCOMPARE(extra.source, QStringLiteral("--root"));
    QVERIFY(!HomeLocations::parseExtraRoot(QStringLiteral("nope=/x"), &extra, &error));
    QVERIFY(error.contains(QLatin1String("unknown cache kind 'nope'")));
    QVERIFY(!HomeLocations::parseExtraRoot(QStringLiteral("datasets"), &extra, &error));

    QProcessEnvironment env;
    env.insert(QStringLiteral("HOME"), QStringLiteral("/home/u"));
    const QList<KindLocation> all = HomeLocations::resolve(HomeEnvironment(env), {{"datasets", "/scratch/ds", "--root"}});
    QCOMPARE(all.size(), qsizetype(CacheKinds::all().size() + 1));
    // The extra root follows its kind's own.
    QCOMPARE(all.at(2).kindId, QStringLiteral("datasets"));
    QCOMPARE(all.at(3).path, QStringLiteral("/scratch/ds"));
    QCOMPARE(all.at(3).source, QStringLiteral("--root"));
}

QTEST_GUILESS_MAIN(tst_HomeLocations)
#include "tst_HomeLocations.moc"
