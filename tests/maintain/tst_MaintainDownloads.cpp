// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
//
// rm and prune while the real huggingface_hub client downloads from fakehub.py, whose
// fixture-org/stalled-model hangs mid-file: the download holds a blob lock and writes an
// .incomplete while its snapshot already has links. Nothing of that repo may be planned:
// snapshot_download(revision=<commit>) writes no ref (its snapshot looks detached), and
// snapshot_download(repo) has written refs/main before the files arrive.
#include "../hub/FakeHub.h"
#include "MaintainFixture.h"
#include "support/TestSupport.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QtTest>

using MaintainFixture::listing;

namespace {

// The download goes on linking its other files while rm and prune run (more of them on a slow,
// sanitized build): what they must not do is remove anything that was there.
bool nothingRemoved(const QSet<QString> &before, const QSet<QString> &now)
{
    QSet<QString> gone = before;
    gone.subtract(now);
    bool removed = false;
    for (const QString &path : std::as_const(gone)) {
        // The download renaming its finished <etag>.incomplete to <etag> is its own doing.
        if (path.endsWith(QLatin1String(".incomplete")) && now.contains(path.chopped(int(qstrlen(".incomplete")))))
            continue;
        qWarning("removed: %s", qPrintable(path));
        removed = true;
    }
    return !removed;
}

// mode: "commit" (main's commit hash, so no ref is written), "main" (no revision) or a ref.
const char *download = R"(
import sys
from huggingface_hub import snapshot_download, HfApi
cache, repo, mode = sys.argv[1:4]
revision = HfApi().model_info(repo).sha if mode == 'commit' else None if mode == 'main' else mode
print('commit', revision, flush=True)
snapshot_download(repo, revision=revision, cache_dir=cache)
print('done', flush=True)
)";

const QString repoFolder = QStringLiteral("models--fixture-org--stalled-model");
const QString twoStepFolder = QStringLiteral("models--fixture-org--two-step");

// fakehub's repos plus fixture-org/two-step: v0 downloads at once, main stalls on its weights.
QByteArray configWithTwoStep()
{
    QJsonObject config = QJsonDocument::fromJson(FakeHub::defaultConfig()).object();
    QJsonArray repos = config[QStringLiteral("repos")].toArray();
    const QJsonObject first{{QStringLiteral("config.json"), QStringLiteral("{\"step\": 0}\n")},
                            {QStringLiteral("README.md"), QStringLiteral("# two-step\n")}};
    const QJsonObject weights{{QStringLiteral("lfs"), true}, {QStringLiteral("size"), 655360},
                              {QStringLiteral("seed"), QStringLiteral("two-step-weights")}, {QStringLiteral("stall"), 204800}};
    const QJsonObject second{{QStringLiteral("config.json"), QStringLiteral("{\"step\": 1}\n")},
                             {QStringLiteral("README.md"), QStringLiteral("# two-step\n")},
                             {QStringLiteral("model.safetensors"), weights}};
    repos.append(QJsonObject{{QStringLiteral("type"), QStringLiteral("model")},
                             {QStringLiteral("id"), QStringLiteral("fixture-org/two-step")},
                             {QStringLiteral("commits"), QJsonArray{first, second}},
                             {QStringLiteral("refs"), QJsonObject{{QStringLiteral("main"), 1}, {QStringLiteral("v0"), 0}}}});
    config[QStringLiteral("repos")] = repos;
    return QJsonDocument(config).toJson();
}

} // namespace

class TestMaintainDownloads : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    FakeHub m_hub;

    // huggingface_hub 0.36.2 (the peers' copy) downloading `repo` at `mode` into `cache`;
    // returns once it hangs on the stalled file with the other files linked.
    bool startDownload(QProcess &process, const QString &cache, const QString &mode,
                       const QString &repo = QStringLiteral("fixture-org/stalled-model"))
    {
        if (!launch(process, cache, mode, repo))
            return false;
        for (int i = 0; i < 600; ++i) {
            const QSet<QString> files = listing(cache);
            bool incomplete = false, linked = false, probing = false;
            for (const QString &path : files) {
                incomplete = incomplete || path.endsWith(QLatin1String(".incomplete"));
                linked = linked || path.endsWith(QLatin1String("/config.json"));
                // huggingface_hub's symlink test (file_download.py:107-114, are_symlinks_supported):
                // one download thread makes <repo>/tmpXXXX/dummy_file_{src,dst} and removes it, while
                // the others link their files already. Listed before that, the client's own removal
                // would count as one of ours.
                probing = probing || path.contains(QLatin1String("/dummy_file_"));
            }
            if (incomplete && linked && !probing)
                return true;
            if (process.state() == QProcess::NotRunning)
                break;
            QTest::qWait(50);
        }
        qWarning() << process.readAllStandardError();
        return false;
    }

    bool launch(QProcess &process, const QString &cache, const QString &mode, const QString &repo)
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("HF_ENDPOINT"), m_hub.endpoint());
        env.insert(QStringLiteral("HF_HUB_DISABLE_XET"), QStringLiteral("1"));
        env.insert(QStringLiteral("HF_HUB_DISABLE_TELEMETRY"), QStringLiteral("1"));
        env.insert(QStringLiteral("HF_HUB_DISABLE_UPDATE_CHECK"), QStringLiteral("1"));
        env.insert(QStringLiteral("PYTHONPATH"), TestSupport::sharedDir() + QStringLiteral("/peers/huggingface_hub-0.36.2/src"));
        process.setProcessEnvironment(env);
        process.start(QStringLiteral("/usr/bin/python3"), {QStringLiteral("-c"), QString::fromLatin1(download), cache, repo, mode});
        return process.waitForStarted(10000);
    }

    static void stop(QProcess &process)
    {
        process.kill();
        process.waitForFinished(10000);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(m_hub.start(configWithTwoStep()));
    }

    // snapshot_download(revision=<commit>): no ref yet, so the revision looks detached; prune
    // (detached + incomplete by default) and prune --orphans leave the repo alone, rm refuses.
    void pruneSparesADownloadByCommit()
    {
        const QString cache = m_dir.filePath(QStringLiteral("by-commit"));
        QProcess client;
        QVERIFY(startDownload(client, cache, QStringLiteral("commit")));
        const QString commit = QString::fromLatin1(client.readLine().trimmed().split(' ').value(1));
        QCOMPARE(commit.size(), 40);
        QVERIFY(QFileInfo::exists(cache + '/' + repoFolder + "/snapshots/" + commit));
        QVERIFY(!QFileInfo::exists(cache + '/' + repoFolder + "/refs/main"));
        const QSet<QString> before = listing(cache);

        auto r = TestSupport::runCli({"prune", "--cache-dir", cache, "--dry-run", "--json"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonObject plan = QJsonDocument::fromJson(r.out).object()["plan"].toObject();
        QVERIFY2(plan["items"].toArray().isEmpty(), r.out.constData());
        QVERIFY2(plan["kept"].toArray().first()["reason"].toString().contains(QStringLiteral("download in progress")),
                 r.out.constData());

        for (const QStringList &args : {QStringList{"prune"}, QStringList{"prune", "--orphans", "--detached", "--incomplete"}}) {
            r = TestSupport::runCli(args + QStringList{"--cache-dir", cache, "--yes"});
            QVERIFY2(r.exitCode == 0, r.err.constData());
            QVERIFY2(r.out.contains("a download in progress works in this repo"), r.out.constData());
            QVERIFY2(nothingRemoved(before, listing(cache)), "an entry was deleted under the running download");
        }
        r = TestSupport::runCli({"rm", "--cache-dir", cache, "fixture-org/stalled-model@" + commit, "--yes"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("a download is running in this repo"), r.err.constData());
        QVERIFY2(nothingRemoved(before, listing(cache)), "an entry was deleted under the running download");
        QCOMPARE(client.state(), QProcess::Running);  // the download was not disturbed

        // Once it is over (killed: an interrupted download), prune takes it.
        stop(client);
        r = TestSupport::runCli({"prune", "--cache-dir", cache, "--yes"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(!QFileInfo::exists(cache + '/' + repoFolder + "/snapshots/" + commit));
    }

    // snapshot_download(repo) has written refs/main and links files while rm REPO@main runs; the
    // repo has an older revision (v0) too, so REPO@main is one revision, not the whole repo.
    void rmRefusesARepoBeingDownloaded()
    {
        const QString cache = m_dir.filePath(QStringLiteral("by-main"));
        QProcess earlier;
        QVERIFY(launch(earlier, cache, QStringLiteral("v0"), QStringLiteral("fixture-org/two-step")));
        QVERIFY(earlier.waitForFinished(60000));
        QVERIFY2(earlier.readAllStandardOutput().contains("done"), earlier.readAllStandardError().constData());
        QProcess client;
        QVERIFY(startDownload(client, cache, QStringLiteral("main"), QStringLiteral("fixture-org/two-step")));
        QVERIFY(QFileInfo::exists(cache + '/' + twoStepFolder + "/refs/main"));
        QCOMPARE(MaintainFixture::commitsOf(cache, twoStepFolder).size(), 2);
        const QSet<QString> before = listing(cache);
        for (const QString &target : {QStringLiteral("fixture-org/two-step@main"), QStringLiteral("fixture-org/two-step")}) {
            for (const bool force : {false, true}) {
                QStringList args{"rm", "--cache-dir", cache, target, "--yes"};
                if (force)
                    args << "--force";
                const auto r = TestSupport::runCli(args);
                QCOMPARE(r.exitCode, 1);
                QVERIFY2(r.err.contains("a download is running in this repo"), r.err.constData());
                QVERIFY2(nothingRemoved(before, listing(cache)), "an entry was deleted under the running download");
            }
        }
        // prune --keep-latest 0 --include-refs would take both revisions: the repo stays whole.
        const auto r = TestSupport::runCli({"prune", "--cache-dir", cache, "--keep-latest", "0", "--include-refs", "--yes"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(nothingRemoved(before, listing(cache)), "an entry was deleted under the running download");
        QCOMPARE(client.state(), QProcess::Running);
        stop(client);
    }
};

QTEST_GUILESS_MAIN(TestMaintainDownloads)
#include "tst_MaintainDownloads.moc"
