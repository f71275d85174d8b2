// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
//
// The hub cache inside an HF_HOME that holds every other cache kind (issue 17): the real
// huggingface_hub 0.36.2 and 1.28.0 clients (peers) download from fakehub.py into $HF_HOME/hub
// of two homes, one that gen_hf_home.py filled with every other kind first and one that holds
// nothing else. Every hub-cache command must answer the same in both, and deleting from the
// hub cache must leave the other kinds as they were.
#include "../hub/FakeHub.h"
#include "support/TestSupport.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QtTest>

namespace {

// What the client does for a user: two revisions of a model, a second model, a dataset.
const char *download = R"(
from huggingface_hub import hf_hub_download, snapshot_download
snapshot_download('fixture-org/tiny-model')
snapshot_download('fixture-org/tiny-model', revision='v1.0')
hf_hub_download('gpt2', 'config.json')
snapshot_download('fixture-org/tiny-dataset', repo_type='dataset')
print('done', flush=True)
)";

// The command's JSON with what differs between two downloads of the same files removed: the
// home's own path and the times.
QJsonValue comparable(const QJsonValue &value, const QString &home)
{
    if (value.isObject()) {
        QJsonObject out;
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (it.key().startsWith(QLatin1String("last_")) || it.key().endsWith(QLatin1String("_ms"))
                || it.key().endsWith(QLatin1String("_at")))
                continue;
            out.insert(it.key(), comparable(it.value(), home));
        }
        return out;
    }
    if (value.isArray()) {
        QJsonArray out;
        for (const QJsonValue &item : value.toArray())
            out.append(comparable(item, home));
        return out;
    }
    if (value.isString())
        return value.toString().replace(home, QStringLiteral("$HF_HOME"));
    return value;
}

} // namespace

class tst_HomeHubRegression : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    FakeHub m_hub;

    QString homeFor(const QString &version, bool withOthers) const
    {
        return m_dir.path() + QLatin1Char('/') + version + (withOthers ? QStringLiteral("-all") : QStringLiteral("-hub"))
               + QStringLiteral("/huggingface");
    }

    bool generateOthers(const QString &home)
    {
        QByteArray err;
        const int rc = TestSupport::runProgram(QStringLiteral("/usr/bin/python3"),
                                               {TestSupport::sourceDir() + QStringLiteral("/tests/support/gen_hf_home.py"),
                                                QStringLiteral("generate"), home},
                                               nullptr, &err);
        if (rc != 0)
            qWarning() << "gen_hf_home.py failed:" << err;
        return rc == 0;
    }

    bool downloadInto(const QString &home, const QString &version)
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("HF_HUB_CACHE"));
        env.insert(QStringLiteral("HF_HOME"), home);
        env.insert(QStringLiteral("HF_ENDPOINT"), m_hub.endpoint());
        env.insert(QStringLiteral("HF_HUB_DISABLE_XET"), QStringLiteral("1"));
        env.insert(QStringLiteral("HF_HUB_DISABLE_TELEMETRY"), QStringLiteral("1"));
        env.insert(QStringLiteral("HF_HUB_DISABLE_UPDATE_CHECK"), QStringLiteral("1"));
        const QString peers = TestSupport::sharedDir() + QStringLiteral("/peers/");
        // 1.28.0 needs a newer filelock than Debian's (shared/peers/README.md).
        env.insert(QStringLiteral("PYTHONPATH"),
                   version == QLatin1String("1.28.0")
                       ? peers + QStringLiteral("filelock-3.32.3/src:") + peers + QStringLiteral("huggingface_hub-1.28.0/src")
                       : peers + QStringLiteral("huggingface_hub-0.36.2/src"));
        QProcess process;
        process.setProcessEnvironment(env);
        process.start(QStringLiteral("/usr/bin/python3"), {QStringLiteral("-c"), QString::fromLatin1(download)});
        if (!process.waitForFinished(120000) || process.exitCode() != 0) {
            qWarning() << "download failed:" << process.readAllStandardError();
            return false;
        }
        return process.readAllStandardOutput().contains("done");
    }

    // `hfcache ARGS --json` with HF_HOME set as the user's shell would: no --cache-dir.
    static QJsonValue answer(const QString &home, const QStringList &args)
    {
        qputenv("HF_HOME", QFile::encodeName(home));
        const TestSupport::CliResult result = TestSupport::runCli(args + QStringList{QStringLiteral("--json")});
        qunsetenv("HF_HOME");
        QJsonObject object = comparable(QJsonDocument::fromJson(result.out).object(), home).toObject();
        // `locks --json` also lists the other kinds' lock files under "home", which differ by design;
        // every hub-cache key is still compared.
        if (args.first() == QLatin1String("locks"))
            object.remove(QStringLiteral("home"));
        object.insert(QStringLiteral("exit_code"), result.exitCode);
        return object;
    }

    // Every entry below the home but hub/, with its size and mode: the other kinds as they are.
    static QStringList othersListing(const QString &home)
    {
        QStringList lines;
        QDirIterator it(home, QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System,
                        QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            const QString relative = path.mid(home.size() + 1);
            if (relative == QLatin1String("hub") || relative.startsWith(QLatin1String("hub/")))
                continue;
            const QFileInfo info(path);
            lines << QStringLiteral("%1 %2 %3").arg(relative).arg(info.size()).arg(int(info.permissions()));
        }
        lines.sort();
        return lines;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(m_hub.start());
        qunsetenv("HF_HUB_CACHE");
        qunsetenv("HUGGINGFACE_HUB_CACHE");
    }

    void sameAnswersBesideEveryOtherKind_data()
    {
        QTest::addColumn<QString>("version");
        QTest::newRow("huggingface_hub 0.36.2") << QStringLiteral("0.36.2");
        QTest::newRow("huggingface_hub 1.28.0") << QStringLiteral("1.28.0");
    }

    void sameAnswersBesideEveryOtherKind()
    {
        QFETCH(QString, version);
        const QString all = homeFor(version, true), hubOnly = homeFor(version, false);
        QVERIFY(generateOthers(all));
        QVERIFY(QDir().mkpath(hubOnly));
        QVERIFY(downloadInto(all, version));
        QVERIFY(downloadInto(hubOnly, version));
        const QStringList othersBefore = othersListing(all);
        QVERIFY(othersBefore.size() > 20);  // gen_hf_home.py made every other kind

        const QList<QStringList> commands = {
            {QStringLiteral("scan"), QStringLiteral("--revisions"), QStringLiteral("--files")},
            {QStringLiteral("verify")},
            {QStringLiteral("locks")},
            {QStringLiteral("rm"), QStringLiteral("gpt2"), QStringLiteral("--dry-run")},
            {QStringLiteral("prune"), QStringLiteral("--dry-run")},
            {QStringLiteral("home"), QStringLiteral("--kind"), QStringLiteral("hub")},
        };
        for (const QStringList &command : commands) {
            const QJsonValue besideOthers = answer(all, command);
            const QJsonValue alone = answer(hubOnly, command);
            QVERIFY2(besideOthers == alone, qPrintable(command.join(QLatin1Char(' ')) + QStringLiteral(":\n")
                                                      + QJsonDocument(besideOthers.toObject()).toJson()
                                                      + QStringLiteral("\nalone:\n")
                                                      + QJsonDocument(alone.toObject()).toJson()));
        }
        const QJsonObject scan = answer(all, {QStringLiteral("scan")}).toObject();
        QCOMPARE(scan.value(QStringLiteral("repos")).toArray().size(), 3);
        QCOMPARE(scan.value(QStringLiteral("cache_dir")).toString(), QStringLiteral("$HF_HOME/hub"));

        // An export of a revision is the same files in both (its mark names the repo it came from).
        for (const QString &home : {all, hubOnly}) {
            qputenv("HF_HOME", QFile::encodeName(home));
            const auto exported = TestSupport::runCli({QStringLiteral("export"), QStringLiteral("fixture-org/tiny-model"),
                                                       QStringLiteral("--to"), home + QStringLiteral("-export")});
            qunsetenv("HF_HOME");
            QVERIFY2(exported.exitCode == 0, exported.err.constData());
        }
        QProcess diff;
        diff.start(QStringLiteral("diff"), {QStringLiteral("-r"), QStringLiteral("-x"), QStringLiteral(".hfcache-export"), all + QStringLiteral("-export"), hubOnly + QStringLiteral("-export")});
        QVERIFY(diff.waitForFinished(30000));
        QVERIFY2(diff.exitCode() == 0, diff.readAllStandardOutput().constData());

        // Deleting from the hub cache touches nothing of the other kinds.
        const QJsonObject removed = answer(all, {QStringLiteral("rm"), QStringLiteral("gpt2"), QStringLiteral("--yes")}).toObject();
        QCOMPARE(removed.value(QStringLiteral("exit_code")).toInt(), 0);
        QVERIFY(!QFileInfo::exists(all + QStringLiteral("/hub/models--gpt2")));
        QCOMPARE(othersListing(all), othersBefore);
    }
};

QTEST_GUILESS_MAIN(tst_HomeHubRegression)
#include "tst_HomeHubRegression.moc"
