// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
//
// The export run by root or by a victim in a shared place (issue 14 §2-3, issue 15 A2, A4, A9,
// A12, 26): an attacker's planted temporaries and links, folders swapped for links between the
// walk and the read, files rewritten in place, incomplete revisions, FIFOs, and what a failed
// export says is left. The races are driven by a real process of a second real user.
#include "ExportTestCache.h"
#include "export/AtomicTarget.h"
#include "export/ExportJob.h"

#include "support/TestSupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QtTest>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace hfcache;

namespace {

constexpr int DecoyCount = 200;

QString cli()
{
    return TestSupport::cliPath();
}

QByteArray enc(const QString &path)
{
    return QFile::encodeName(path);
}

bool writeBytes(const QString &path, const QByteArray &content, mode_t mode = 0644)
{
    const int fd = ::open(enc(path).constData(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
    if (fd < 0)
        return false;
    const bool ok = ::write(fd, content.constData(), size_t(content.size())) == content.size();
    ::close(fd);
    return ok && ::chmod(enc(path).constData(), mode) == 0;
}

// The victim's private files: DecoyCount 0600 files in a 0700 folder of `owner`.
void makeDecoys(const QString &folder, uint uid, uint gid)
{
    QVERIFY(QDir().mkpath(folder));
    for (int i = 0; i < DecoyCount; ++i)
        QVERIFY(writeBytes(folder + QStringLiteral("/key-%1").arg(i), "secret " + QByteArray::number(i), 0600));
    QCOMPARE(TestSupport::runProgram(QStringLiteral("chown"), {QStringLiteral("-R"), QStringLiteral("%1:%2").arg(uid).arg(gid), folder}), 0);
    QVERIFY(::chmod(enc(folder).constData(), 0700) == 0);
}

int decoysLeft(const QString &folder)
{
    int left = 0;
    for (int i = 0; i < DecoyCount; ++i)
        left += readAllBytes(enc(folder + QStringLiteral("/key-%1").arg(i))) == "secret " + QByteArray::number(i);
    return left;
}

// A process of `user` that, until killed, swaps each `base`/sub between its real folder and a
// link to `decoys`: what an attacker does to a folder while root (or a victim) removes it.
void startSwapper(QProcess &process, const TestSupport::TestUser &user, const QStringList &bases, const QString &decoys)
{
    const QString script = QStringLiteral(R"(
import os, sys, time
decoys, bases = sys.argv[1], sys.argv[2:]
print("ready", flush=True)
while True:
    for base in bases:
        sub, aside = os.path.join(base, "sub"), os.path.join(base, "sub.real")
        try:
            os.rename(sub, aside)
            os.symlink(decoys, sub)
            time.sleep(0.0002)
            os.unlink(sub)
            os.rename(aside, sub)
        except OSError:
            pass
)");
    process.start(QStringLiteral("setpriv"), QStringList{QStringLiteral("--reuid=%1").arg(user.uid), QStringLiteral("--regid=%1").arg(user.gid),
                                                         QStringLiteral("--init-groups"), QStringLiteral("--reset-env"), QStringLiteral("--"),
                                                         QStringLiteral("/usr/bin/python3"), QStringLiteral("-c"), script, decoys}
                                                 + bases);
    QVERIFY(process.waitForStarted());
    QVERIFY(process.waitForReadyRead(30000));
}

// A folder `user` plants under a temporary export name, with a sub-folder the swapper swaps.
void plant(const TestSupport::TestUser &user, const QString &folder)
{
    QCOMPARE(TestSupport::runAsUser(user, QStringLiteral("/bin/sh"),
                                    {QStringLiteral("-c"), QStringLiteral("mkdir -p \"$1/sub\" && echo mine > \"$1/sub/file\" && echo mine > \"$1/top\""),
                                     QStringLiteral("sh"), folder}), 0);
}

} // namespace

class tst_ExportJobHostile : public QObject
{
    Q_OBJECT
private:
    std::optional<TestSupport::TestUser> m_attacker;
    std::optional<TestSupport::TestUser> m_victim;

    // A world every user can read: hub/ (a cache with one revision), shared/ (1777, like /tmp).
    struct World
    {
        QTemporaryDir dir;
        QString hub;
        QString shared;
        QString decoys;
        std::unique_ptr<ExportTestRepo> repo;
    };
    void makeWorld(World &world)
    {
        QVERIFY(::chmod(enc(world.dir.path()).constData(), 0755) == 0);
        world.hub = world.dir.filePath(QStringLiteral("hub"));
        world.shared = world.dir.filePath(QStringLiteral("shared"));
        world.decoys = world.dir.filePath(QStringLiteral("victim/private"));
        world.repo = std::make_unique<ExportTestRepo>(world.hub);
        world.repo->linkBlob("config.json", world.repo->addBlob("{}"));
        world.repo->linkBlob("sub/weights.bin", world.repo->addBlob(QByteArray(1 << 20, 'w')));
        QVERIFY(QDir().mkpath(world.shared));
        QVERIFY(::chmod(enc(world.shared).constData(), 01777) == 0);
        QVERIFY(QDir().mkpath(world.dir.filePath(QStringLiteral("victim"))));
        QVERIFY(::chmod(enc(world.dir.filePath(QStringLiteral("victim"))).constData(), 0755) == 0);
        makeDecoys(world.decoys, m_victim->uid, m_victim->gid);
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (::geteuid() != 0)
            QSKIP("the attacks need root and two real users");
        m_attacker = TestSupport::ensureUser(QStringLiteral("hfc_export_attacker"));
        m_victim = TestSupport::ensureUser(QStringLiteral("hfc_export_victim"));
        QVERIFY(m_attacker && m_victim);
        QVERIFY(QFileInfo(cli()).isExecutable());
    }

    // Issue 14 §2 / 15 A9: an attacker pre-creates folders under the temporary names of the
    // targets in a shared sticky folder and swaps their sub-folder for a link to the victim's
    // files while root's and the victim's own exports run: nothing of hers is removed (she
    // made it), nothing of the victim's either; the exports name her folders and succeed.
    void plantedTemporariesAreLeftAlone()
    {
        World world;
        makeWorld(world);
        const QString rootTemp = world.shared + QStringLiteral("/.model.hfcache-export-AAAAAA");
        const QString victimTemp = world.shared + QStringLiteral("/.mine.tar.hfcache-export-BBBBBB");
        plant(*m_attacker, rootTemp);
        plant(*m_attacker, victimTemp);
        QProcess swapper;
        startSwapper(swapper, *m_attacker, {rootTemp, victimTemp}, world.decoys);
        for (int round = 0; round < 8; ++round) {
            const auto result = TestSupport::runCli({QStringLiteral("export"), QStringLiteral("--cache-dir"), world.hub, QStringLiteral("org/model"),
                                                     QStringLiteral("--to"), world.shared + QStringLiteral("/model"), QStringLiteral("--force")});
            QVERIFY2(result.exitCode == 0, result.err.constData());
            QVERIFY2(result.err.contains("another export's temporary") && result.err.contains(enc(rootTemp)), result.err.constData());
            QByteArray out, err;
            const int code = TestSupport::runAsUser(*m_victim, cli(), {QStringLiteral("export"), QStringLiteral("--cache-dir"), world.hub,
                                                                       QStringLiteral("org/model"), QStringLiteral("--archive"),
                                                                       world.shared + QStringLiteral("/mine.tar"), QStringLiteral("--force")},
                                                    &out, &err);
            QVERIFY2(code == 0, err.constData());
        }
        swapper.kill();
        swapper.waitForFinished();
        QCOMPARE(decoysLeft(world.decoys), DecoyCount);
        for (const QString &planted : {rootTemp, victimTemp}) {
            QVERIFY2(QFileInfo::exists(planted + QStringLiteral("/top")), qPrintable(planted));
            QVERIFY(readAllBytes(enc(planted + QStringLiteral("/sub/file"))) == "mine\n"
                    || readAllBytes(enc(planted + QStringLiteral("/sub.real/file"))) == "mine\n");
        }
        QVERIFY(QFileInfo::exists(world.shared + QStringLiteral("/model/sub/weights.bin")));
    }

    // --force never replaces a folder someone else made, marker or not, however she races:
    // she re-creates the target (with a marker and a link to the victim's files) in a loop
    // while root exports over it with --force; root's export either refuses or replaces its
    // own earlier export, and nothing outside is ever removed.
    void forceNeverReplacesAnotherUsersFolder()
    {
        World world;
        makeWorld(world);
        const QString target = world.shared + QStringLiteral("/model");
        const QString script = QStringLiteral(R"(
import os, shutil, sys, time
target, decoys = sys.argv[1], sys.argv[2]
print("ready", flush=True)
while True:
    try:
        os.mkdir(target)
        open(os.path.join(target, ".hfcache-export"), "w").write("fake\n")
        os.symlink(decoys, os.path.join(target, "sub"))
        os.mkdir(os.path.join(target, "data"))
        os.symlink(decoys + "/key-1", os.path.join(target, "data", "key"))
        time.sleep(0.001)
        shutil.rmtree(target)
    except OSError:
        time.sleep(0.001)
)");
        QProcess racer;
        racer.start(QStringLiteral("setpriv"), {QStringLiteral("--reuid=%1").arg(m_attacker->uid), QStringLiteral("--regid=%1").arg(m_attacker->gid),
                                                QStringLiteral("--init-groups"), QStringLiteral("--reset-env"), QStringLiteral("--"),
                                                QStringLiteral("/usr/bin/python3"), QStringLiteral("-c"), script, target, world.decoys});
        QVERIFY(racer.waitForStarted() && racer.waitForReadyRead(30000));
        int refused = 0;
        for (int round = 0; round < 20; ++round) {
            const auto result = TestSupport::runCli({QStringLiteral("export"), QStringLiteral("--cache-dir"), world.hub, QStringLiteral("org/model"),
                                                     QStringLiteral("--to"), target, QStringLiteral("--force")});
            if (result.exitCode != 0) {
                // Refused (hers), or she removed it between the check and the rename.
                QVERIFY2(result.err.contains("belongs to user") || result.err.contains("cannot replace")
                             || result.err.contains("cannot open"), result.err.constData());
                ++refused;
            }
        }
        racer.kill();
        racer.waitForFinished();
        QCOMPARE(decoysLeft(world.decoys), DecoyCount);
        qInfo("%d of 20 exports refused the attacker's folder", refused);

        // Her folder, sitting there: refused, untouched.
        TestSupport::removeTree(target);
        QCOMPARE(TestSupport::runAsUser(*m_attacker, QStringLiteral("/bin/sh"),
                                        {QStringLiteral("-c"), QStringLiteral("mkdir -p \"$1/data\" && echo fake > \"$1/.hfcache-export\" && echo hers > \"$1/data/x\""),
                                         QStringLiteral("sh"), target}), 0);
        const auto result = TestSupport::runCli({QStringLiteral("export"), QStringLiteral("--cache-dir"), world.hub, QStringLiteral("org/model"),
                                                 QStringLiteral("--to"), target, QStringLiteral("--force")});
        QCOMPARE(result.exitCode, 1);
        QVERIFY2(result.err.contains("belongs to user"), result.err.constData());
        QCOMPARE(readAllBytes(enc(target + QStringLiteral("/data/x"))), QByteArray("hers\n"));
        QCOMPARE(leftovers(world.shared), QStringList());
    }

    // Issue 15 A2: --force replaces only an earlier export; unrelated content is refused and
    // kept. Targets no export may have are usage errors before anything is written.
    void forceAndForbiddenTargets()
    {
        World world;
        makeWorld(world);
        const QString target = world.dir.filePath(QStringLiteral("out"));
        QVERIFY(QDir().mkpath(target + QStringLiteral("/models/other-model")));
        QVERIFY(writeBytes(target + QStringLiteral("/models/other-model/weights.bin"), "precious"));
        const QStringList base{QStringLiteral("export"), QStringLiteral("--cache-dir"), world.hub, QStringLiteral("org/model")};
        auto result = TestSupport::runCli(base + QStringList{QStringLiteral("--to"), target, QStringLiteral("--force")});
        QCOMPARE(result.exitCode, 1);
        QVERIFY2(result.err.contains("not a folder hfcache exported"), result.err.constData());
        QCOMPARE(readAllBytes(enc(target + QStringLiteral("/models/other-model/weights.bin"))), QByteArray("precious"));

        // An earlier export (it carries the marker) is replaced, old files and all.
        const QString earlier = world.dir.filePath(QStringLiteral("earlier"));
        QCOMPARE(TestSupport::runCli(base + QStringList{QStringLiteral("--to"), earlier}).exitCode, 0);
        QVERIFY(readAllBytes(enc(earlier + u'/' + QLatin1String(AtomicTarget::MarkerName))).contains("org--model"));
        QVERIFY(writeBytes(earlier + QStringLiteral("/stray.txt"), "old"));
        result = TestSupport::runCli(base + QStringList{QStringLiteral("--to"), earlier, QStringLiteral("--force")});
        QVERIFY2(result.exitCode == 0, result.err.constData());
        QVERIFY(!QFileInfo::exists(earlier + QStringLiteral("/stray.txt")));
        QVERIFY(QFileInfo::exists(earlier + QStringLiteral("/sub/weights.bin")));

        // Never /, '', the home folder, the cache, inside it or above it: exit 2, nothing written.
        const QString home = QDir::homePath();
        const QList<QStringList> forbidden = {
            {QStringLiteral("--to"), QStringLiteral("/")},
            {QStringLiteral("--to"), QString()},
            {QStringLiteral("--to"), home},
            {QStringLiteral("--to"), home + u'/'},
            {QStringLiteral("--to"), world.hub},
            {QStringLiteral("--to"), world.hub + QStringLiteral("/x")},
            {QStringLiteral("--to"), world.hub + QStringLiteral("/models--org--model/snapshots")},
            {QStringLiteral("--to"), world.dir.path()},
            {QStringLiteral("--archive"), world.hub + QStringLiteral("/x.tar")},
            {QStringLiteral("--archive"), world.hub + QStringLiteral("/models--org--model/x.tar.gz")},
        };
        for (const QStringList &args : forbidden) {
            result = TestSupport::runCli(base + args + QStringList{QStringLiteral("--force")});
            QVERIFY2(result.exitCode == 2, qPrintable(args.join(u' ') + u' ' + QString::fromLocal8Bit(result.err)));
            QVERIFY2(result.err.startsWith("hfcache: "), result.err.constData());
        }
        QCOMPARE(leftovers(world.dir.path()), QStringList());
        QCOMPARE(leftovers(home), QStringList());
        QCOMPARE(readAllBytes(enc(target + QStringLiteral("/models/other-model/weights.bin"))), QByteArray("precious"));
        QVERIFY(!ExportJob::targetProblem(enc(home), enc(world.hub)).isEmpty());
        QVERIFY(ExportJob::targetProblem(enc(home + QStringLiteral("/new-export")), enc(world.hub)).isEmpty());
    }

    // Issue 14 §2: a snapshot sub-folder swapped for a link to root's private folder between
    // the walk and the read (same file name, same size) never puts root's file in the archive:
    // once deterministically, then with a racing process for a bounded number of exports.
    void snapshotFolderSwappedForALink()
    {
        World world;
        makeWorld(world);
        ExportTestRepo repo(world.hub, "models--org--plain");
        const QByteArray content(4096, 'p');
        repo.writeFile("snapshots/" + repo.commit + "/sub/file.bin", content);
        QCOMPARE(TestSupport::runProgram(QStringLiteral("chown"), {QStringLiteral("-R"), QStringLiteral("%1:%2").arg(m_attacker->uid).arg(m_attacker->gid),
                                                                   QString::fromLocal8Bit(repo.repoPath)}), 0);
        const QString secret = world.dir.filePath(QStringLiteral("root-private"));
        QVERIFY(QDir().mkpath(secret));
        QVERIFY(writeBytes(secret + QStringLiteral("/file.bin"), QByteArray(4096, 'S'), 0600));
        const QString sub = QString::fromLocal8Bit(repo.snapshotPath) + QStringLiteral("/sub");

        QString error;
        const auto source = ExportSource::fromSnapshot(repo.repoPath, repo.commit, {}, &error);
        QVERIFY2(source, qPrintable(error));
        QVERIFY(QDir().rename(sub, sub + QStringLiteral(".real")));
        QVERIFY(QFile::link(secret, sub));
        ExportJob::Options options;
        options.target = enc(world.dir.filePath(QStringLiteral("swapped.tar")));
        options.format = ExportJob::Format::Tar;
        const auto result = ExportJob(*source, options).run();
        QVERIFY2(!result.ok && result.error.contains(QLatin1String("sub/file.bin")), qPrintable(result.error));
        QVERIFY(!QFileInfo::exists(world.dir.filePath(QStringLiteral("swapped.tar"))));
        QVERIFY(QFile::remove(sub) && QDir().rename(sub + QStringLiteral(".real"), sub));

        QProcess swapper;
        startSwapper(swapper, *m_attacker, {QString::fromLocal8Bit(repo.snapshotPath)}, secret);
        int exported = 0;
        for (int round = 0; round < 40; ++round) {
            const auto walked = ExportSource::fromSnapshot(repo.repoPath, repo.commit, {}, &error);
            if (!walked)
                continue;  // the walk itself met the link (refused) or a missing folder
            options.target = enc(world.dir.filePath(QStringLiteral("race-%1.tar").arg(round)));
            const auto raced = ExportJob(*walked, options).run();
            if (!raced.ok)
                continue;
            ++exported;
            QByteArray listing;
            QCOMPARE(TestSupport::runProgram(QStringLiteral("tar"), {QStringLiteral("-xOf"), QString::fromLocal8Bit(options.target)}, &listing), 0);
            QVERIFY2(!listing.contains('S'), "root's private file ended up in the archive");
        }
        swapper.kill();
        swapper.waitForFinished();
        qInfo("%d of 40 raced exports completed", exported);
    }

    // Issue 14 §2: --local-dir never follows a link hidden in the skipped .cache/huggingface/.
    void localDirLinkThroughBookkeeping()
    {
        QTemporaryDir dir;
        const QString local = dir.filePath(QStringLiteral("local"));
        const QString secret = dir.filePath(QStringLiteral("secret"));
        QVERIFY(QDir().mkpath(local + QStringLiteral("/.cache")) && QDir().mkpath(secret));
        QVERIFY(writeBytes(local + QStringLiteral("/config.json"), "{}"));
        QVERIFY(writeBytes(secret + QStringLiteral("/w.bin"), "root's secret", 0600));
        QVERIFY(QFile::link(secret, local + QStringLiteral("/.cache/huggingface")));
        QVERIFY(QFile::link(QStringLiteral(".cache/huggingface/w.bin"), local + QStringLiteral("/weights.bin")));
        QString error;
        QVERIFY(!ExportSource::fromLocalDir(enc(local), {}, &error));
        QVERIFY2(error.contains(QLatin1String("weights.bin")) && error.contains(QLatin1String("leaves")), qPrintable(error));
    }

    // Issue 15 A12: a file rewritten in place with the same size after the walk is an error
    // naming it, also without --verify, in a folder and in an archive.
    void fileChangedInPlace()
    {
        QTemporaryDir dir;
        ExportTestRepo repo(dir.filePath(QStringLiteral("hub")));
        const QByteArray blob = repo.addBlob(QByteArray(1 << 20, 'a'));
        repo.linkBlob("weights.bin", blob);
        QString error;
        const auto source = ExportSource::fromSnapshot(repo.repoPath, repo.commit, {}, &error);
        QVERIFY2(source, qPrintable(error));
        QTest::qWait(20);  // a timestamp the rewrite cannot share
        const int fd = ::open((repo.repoPath + "/blobs/" + blob).constData(), O_WRONLY | O_CLOEXEC);
        QVERIFY(fd >= 0 && ::pwrite(fd, "b", 1, 4096) == 1);
        ::close(fd);
        for (const auto format : {ExportJob::Format::Folder, ExportJob::Format::Tar}) {
            ExportJob::Options options;
            options.target = enc(dir.filePath(format == ExportJob::Format::Folder ? QStringLiteral("out") : QStringLiteral("out.tar")));
            options.format = format;
            const auto result = ExportJob(*source, options).run();
            QVERIFY(!result.ok);
            QVERIFY2(result.error.contains(QLatin1String("changed during the export")) && result.error.contains(QString::fromLatin1(blob)),
                     qPrintable(result.error));
            QVERIFY(!QFileInfo::exists(QString::fromLocal8Bit(options.target)));
        }
        QCOMPARE(leftovers(dir.path()), QStringList());
    }

    // Issue 15 A4: a file trees/<commit>.json lists that the snapshot lacks fails the export
    // (naming it), with --verify too; --skip-missing exports the rest and says so.
    void incompleteRevision()
    {
        QTemporaryDir dir;
        const QString hub = dir.filePath(QStringLiteral("hub"));
        ExportTestRepo repo(hub);
        const QByteArray config = repo.addBlob("{}", true);
        repo.linkBlob("config.json", config);
        repo.writeFile("trees/" + repo.commit + ".json",
                       "{\"format_version\": 1, \"files\": {\"config.json\": {\"size\": 2, \"blob_id\": \"" + config + "\"},"
                       " \"model.safetensors\": {\"size\": 9, \"blob_id\": \"" + QByteArray(40, 'b') + "\", \"lfs_sha256\": \""
                       + QByteArray(64, 'c') + "\", \"lfs_size\": 9}}}");
        const QStringList base{QStringLiteral("export"), QStringLiteral("--cache-dir"), hub, QStringLiteral("org/model")};
        for (const QStringList &extra : {QStringList{}, QStringList{QStringLiteral("--verify")}}) {
            const auto result = TestSupport::runCli(base + QStringList{QStringLiteral("--archive"), dir.filePath(QStringLiteral("m.tar.gz"))} + extra);
            QCOMPARE(result.exitCode, 1);
            QVERIFY2(result.err.contains("missing") && result.err.contains("model.safetensors") && result.err.contains("--skip-missing"),
                     result.err.constData());
            QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("m.tar.gz"))));
        }
        auto result = TestSupport::runCli(base + QStringList{QStringLiteral("--archive"), dir.filePath(QStringLiteral("m.tar.gz")),
                                                             QStringLiteral("--skip-missing")});
        QVERIFY2(result.exitCode == 0, result.err.constData());
        QVERIFY2(result.err.contains("skipped 1 missing file(s): model.safetensors"), result.err.constData());
        result = TestSupport::runCli(base + QStringList{QStringLiteral("--to"), dir.filePath(QStringLiteral("m")), QStringLiteral("--skip-missing"),
                                                        QStringLiteral("--verify"), QStringLiteral("--json")});
        QVERIFY2(result.exitCode == 0, result.err.constData());
        const QJsonObject json = QJsonDocument::fromJson(result.out).object();
        QCOMPARE(json.value(QLatin1String("skipped")).toArray(), QJsonArray({QStringLiteral("model.safetensors")}));
        QCOMPARE(json.value(QLatin1String("files")).toInt(), 1);
    }

    // Issue 14 §3: a FIFO as trees/<commit>.json, as a local_dir .metadata or as a blob never
    // hangs the export: a clear error, well within the timeout.
    void fifosDoNotHang()
    {
        QTemporaryDir dir;
        const QString hub = dir.filePath(QStringLiteral("hub"));
        ExportTestRepo repo(hub);
        repo.linkBlob("config.json", repo.addBlob("{}"));
        QVERIFY(QDir().mkpath(QString::fromLocal8Bit(repo.repoPath + "/trees")));
        QVERIFY(::mkfifo((repo.repoPath + "/trees/" + repo.commit + ".json").constData(), 0644) == 0);
        ExportTestRepo fifoBlob(hub, "models--org--fifo");
        QVERIFY(::mkfifo((fifoBlob.repoPath + "/blobs/" + QByteArray(64, 'f')).constData(), 0644) == 0);
        fifoBlob.linkBlob("weights.bin", QByteArray(64, 'f'));
        const QString local = dir.filePath(QStringLiteral("local"));
        QVERIFY(QDir().mkpath(local + QStringLiteral("/.cache/huggingface/download")));
        QVERIFY(writeBytes(local + QStringLiteral("/config.json"), "{}"));
        QVERIFY(::mkfifo(enc(local + QStringLiteral("/.cache/huggingface/download/config.json.metadata")).constData(), 0644) == 0);

        const QList<QPair<QStringList, QByteArray>> cases = {
            {{QStringLiteral("--cache-dir"), hub, QStringLiteral("org/model")}, "is not a regular file"},
            {{QStringLiteral("--cache-dir"), hub, QStringLiteral("org/fifo")}, "not a regular file"},
            {{QStringLiteral("--local-dir"), local}, "is not a regular file"},
        };
        int n = 0;
        for (const auto &[source, expected] : cases) {
            QProcess process;
            process.start(cli(), QStringList{QStringLiteral("export")} + source
                                     + QStringList{QStringLiteral("--to"), dir.filePath(QStringLiteral("out%1").arg(++n)), QStringLiteral("--verify")});
            QVERIFY(process.waitForStarted());
            const bool finished = process.waitForFinished(20000);
            if (!finished)
                process.kill();
            QVERIFY2(finished, qPrintable(source.join(u' ') + QStringLiteral(": hangs")));
            const QByteArray err = process.readAllStandardError();
            QCOMPARE(process.exitCode(), 1);
            QVERIFY2(err.contains(expected), err.constData());
        }
    }

    // Issue 15 item 26: when a failed (here: cancelled) export cannot remove its temporary, it
    // says exactly what is left instead of "nothing was left".
    void failedExportSaysWhatIsLeft()
    {
        QTemporaryDir dir;
        ExportTestRepo repo(dir.filePath(QStringLiteral("hub")));
        repo.linkBlob("a.bin", repo.addBlob(QByteArray(8 << 20, 'a')));
        repo.linkBlob("b.bin", repo.addBlob(QByteArray(8 << 20, 'b')));
        QString error;
        const auto source = ExportSource::fromSnapshot(repo.repoPath, repo.commit, {}, &error);
        ExportJob::Options options;
        options.target = enc(dir.filePath(QStringLiteral("out")));
        options.threads = 1;
        ExportJob job(*source, options);
        QString stuck;
        job.setProgressCallback([&](const ExportProgress &) {
            if (!stuck.isEmpty())
                return;
            const QStringList temps = leftovers(dir.path());
            if (temps.isEmpty())
                return;
            stuck = temps.first() + QStringLiteral("/stuck");
            writeBytes(stuck, "x");
            TestSupport::runProgram(QStringLiteral("chattr"), {QStringLiteral("+i"), stuck});
            job.cancel();
        }, 0);
        const auto result = job.run();
        QVERIFY(!stuck.isEmpty());
        TestSupport::runProgram(QStringLiteral("chattr"), {QStringLiteral("-i"), stuck});
        QVERIFY(!result.ok && result.cancelled);
        QVERIFY2(!result.error.contains(QLatin1String("nothing was left")) && result.error.contains(QLatin1String("is left"))
                     && result.error.contains(QFileInfo(stuck).path()) && result.error.contains(QLatin1String("stuck")),
                 qPrintable(result.error));
        TestSupport::removeTree(QFileInfo(stuck).path());
    }
};

QTEST_GUILESS_MAIN(tst_ExportJobHostile)
#include "tst_ExportJobHostile.moc"
