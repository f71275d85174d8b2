// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
// `hfcache locks` over the caches beside the hub cache, with real processes holding and waiting
// on real filelock locks: evaluate's multi-process metric run by two users in a group-shared
// HF_HOME (evaluate #542), and gunicorn-style workers racing on a sentence-transformers <= 2.2.2
// legacy folder (sentence-transformers #2420).
#include "support/PythonPeer.h"
#include "support/TestSupport.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QtTest>

#include <algorithm>
#include <memory>
#include <sys/stat.h>
#include <unistd.h>

using TestSupport::runCli;

namespace {

const char kShareGroup[] = "hfl17share";
const char kFilelock[] = "3.20.3";  // 0644 lock files forced by fchmod even under umask 000; state in _context

QJsonObject cacheOf(const QJsonObject &locksJson, const QString &kind)
{
    return TestSupport::objectWhere(locksJson.value(QLatin1String("home")).toObject().value(QLatin1String("caches")).toArray(),
                                    QLatin1String("kind"), kind);
}

QSet<qint64> pidsOf(const QJsonArray &processes)
{
    QSet<qint64> pids;
    for (const QJsonValue &p : processes)
        pids.insert(p.toObject().value(QLatin1String("pid")).toInteger());
    return pids;
}

bool memberWritable(const QJsonObject &lock, const QString &user)
{
    return TestSupport::objectWhere(lock.value(QLatin1String("members_writable")).toArray(), QLatin1String("user"), user)
        .value(QLatin1String("writable")).toBool();
}

// setpriv as `user` with the groups of the user database (the shared group included), the
// environment kept (PYTHONPATH names the filelock peer).
QStringList asUser(const TestSupport::TestUser &user)
{
    return {QStringLiteral("setpriv"), QStringLiteral("--reuid=%1").arg(user.uid), QStringLiteral("--regid=%1").arg(user.gid),
            QStringLiteral("--init-groups"), QStringLiteral("--")};
}

} // namespace

class TestHomeLocks : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        ::chmod(QFile::encodeName(m_dir.path()).constData(), 0755);  // the test users walk into it
        // Every cache kind located inside the test folder, none of the machine's own.
        qputenv("XDG_CACHE_HOME", QFile::encodeName(m_dir.path() + QStringLiteral("/xdg")));
        qputenv("TORCH_HOME", QFile::encodeName(m_dir.path() + QStringLiteral("/torch")));
        qputenv("HF_HOME", QFile::encodeName(m_dir.path() + QStringLiteral("/hf-home")));
    }

    // evaluate #542: N = 3 processes of one experiment, processes 0 and 1 started by alice under
    // umask 000 with filelock 3.20 in a group-shared HF_HOME; process 2 not yet. With evaluate <=
    // 0.4.1's FileFreeLock both wait for process 0's lock, which exists and is held, until they
    // fail with "Expected to find locked file ... doesn't exist". Then bob starts process 2 and
    // cannot even open process 0's lock: filelock made it 0644.
    void evaluateLocksOfTwoUsers()
    {
        if (::geteuid() != 0)
            QSKIP("needs root: useradd, setpriv, fanotify");
        const std::optional<TestSupport::TestUser> alice = TestSupport::ensureUser(QStringLiteral("hfl17alice"));
        const std::optional<TestSupport::TestUser> bob = TestSupport::ensureUser(QStringLiteral("hfl17bob"));
        QVERIFY(alice && bob);
        QCOMPARE(TestSupport::runProgram(QStringLiteral("groupadd"), {QStringLiteral("-f"), QLatin1String(kShareGroup)}), 0);
        for (const TestSupport::TestUser &user : {*alice, *bob})
            QCOMPARE(TestSupport::runProgram(QStringLiteral("usermod"), {QStringLiteral("-aG"), QLatin1String(kShareGroup), user.name}), 0);
        const QString home = m_dir.path() + QStringLiteral("/hf-home");
        QVERIFY(QDir().mkpath(home));
        QCOMPARE(TestSupport::runProgram(QStringLiteral("chown"), {QStringLiteral("root:") + QLatin1String(kShareGroup), home}), 0);
        QCOMPARE(::chmod(QFile::encodeName(home).constData(), 02775), 0);

        const QString dataDir = home + QStringLiteral("/metrics/accuracy/default");
        const auto process = [&](int id, const TestSupport::TestUser &user) {
            return std::make_unique<PythonPeer>(QStringLiteral("evaluate_lock_protocol.py"),
                                                QStringList{dataDir, QStringLiteral("--experiment"), QStringLiteral("test4"),
                                                            QStringLiteral("--num-process"), QStringLiteral("3"),
                                                            QStringLiteral("--process-id"), QString::number(id),
                                                            QStringLiteral("--timeout"), QStringLiteral("20"),
                                                            QStringLiteral("--umask"), QStringLiteral("000")},
                                                QLatin1String(kFilelock), asUser(user));
        };
        std::unique_ptr<PythonPeer> p0 = process(0, *alice);
        QVERIFY(p0->waitFor("rendezvous"));
        std::unique_ptr<PythonPeer> p1 = process(1, *alice);
        QVERIFY(p1->waitFor("rendezvous"));

        const TestSupport::CliResult cli = runCli({QStringLiteral("locks"), QStringLiteral("--json")});
        QCOMPARE(cli.exitCode, 0);
        const QJsonObject json = QJsonDocument::fromJson(cli.out).object();
        QVERIFY(json.value(QLatin1String("locks")).toArray().isEmpty());  // no hub cache here: its keys stay, empty
        const QJsonObject metrics = cacheOf(json, QStringLiteral("metrics"));
        QCOMPARE(metrics.value(QLatin1String("shared_group")).toString(), QLatin1String(kShareGroup));
        const QJsonArray locks = metrics.value(QLatin1String("locks")).toArray();
        const auto lock = [&](const char *name) {
            return TestSupport::objectWhere(locks, QLatin1String("rel_path"), QStringLiteral("accuracy/default/") + QLatin1String(name));
        };
        const QJsonObject lock0 = lock("test4-3-0.arrow.lock"), lock1 = lock("test4-3-1.arrow.lock");
        const QJsonObject lock2 = lock("test4-3-2.arrow.lock"), rendezvous = lock("test4-3-rdv.lock");
        QCOMPARE(lock0.value(QLatin1String("purpose")).toString(), QStringLiteral("process 0 of 3"));
        QCOMPARE(lock2.value(QLatin1String("purpose")).toString(), QStringLiteral("process 2 of 3"));
        QCOMPARE(rendezvous.value(QLatin1String("purpose")).toString(), QStringLiteral("rendezvous"));
        // Who holds which: process 0 its lock and the rendezvous, process 1 its lock; 2 is missing.
        QCOMPARE(pidsOf(lock0.value(QLatin1String("holders")).toArray()), QSet<qint64>{p0->pid()});
        QCOMPARE(pidsOf(rendezvous.value(QLatin1String("holders")).toArray()), QSet<qint64>{p0->pid()});
        QCOMPARE(pidsOf(lock1.value(QLatin1String("holders")).toArray()), QSet<qint64>{p1->pid()});
        QCOMPARE(lock0.value(QLatin1String("holders")).toArray().first().toObject().value(QLatin1String("user")).toString(), alice->name);
        QCOMPARE(lock1.value(QLatin1String("holders")).toArray().first().toObject().value(QLatin1String("user")).toString(), alice->name);
        QCOMPARE(lock2.value(QLatin1String("state")).toString(), QStringLiteral("missing"));
        QVERIFY(!lock2.value(QLatin1String("present")).toBool());
        // filelock 3.20 forced 0644 under umask 000: the other member of the group is shut out.
        for (const QJsonObject &l : {lock0, lock1, rendezvous}) {
            QCOMPARE(l.value(QLatin1String("state")).toString(), QStringLiteral("held"));
            QCOMPARE(l.value(QLatin1String("mode")).toString(), QStringLiteral("0644"));
            QCOMPARE(l.value(QLatin1String("group")).toString(), QLatin1String(kShareGroup));
        }
        for (const QJsonObject &l : {lock0, lock1, rendezvous}) {
            QCOMPARE(l.value(QLatin1String("owner")).toString(), alice->name);
            QVERIFY(memberWritable(l, alice->name));
            QVERIFY(!memberWritable(l, bob->name));
        }
        // Both keep probing process 0's held lock as if it were missing: pollers seen by listening.
        QVERIFY(pidsOf(lock0.value(QLatin1String("waiters")).toArray()).contains(p1->pid()));
        const QJsonObject finding = TestSupport::objectWhere(metrics.value(QLatin1String("findings")).toArray(),
                                                             QLatin1String("code"), QStringLiteral("evaluate-filelock-mismatch"));
        QCOMPARE(finding.value(QLatin1String("severity")).toString(), QStringLiteral("warning"));
        const QString message = finding.value(QLatin1String("message")).toString();
        for (const char *part : {"evaluate <= 0.4.1 with filelock >= 3.12", "evaluate >= 0.4.2", "filelock < 3.12",
                                 "Expected to find locked file", "keep probing it"})
            QVERIFY2(message.contains(QLatin1String(part)), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("pid %1 (process 1)").arg(p1->pid())), qPrintable(message));

        const TestSupport::CliResult text = runCli({QStringLiteral("locks"), QStringLiteral("--kind"), QStringLiteral("metrics")});
        QCOMPARE(text.exitCode, 0);
        for (const char *part : {"process 2 of 3", "missing", "NO: hfl17bob", "warning evaluate-filelock-mismatch"})
            QVERIFY2(text.out.contains(part), text.out.constData());
        qInfo().noquote() << "hfcache locks --kind metrics:\n" + QString::fromUtf8(text.out);

        // bob's process 2 fails as GROUP WRITABLE said: it cannot open process 0's lock.
        std::unique_ptr<PythonPeer> p2 = process(2, *bob);
        const QByteArray denied = p2->waitForLineStartingWith("error:", 20000);
        QVERIFY2(denied.contains("PermissionError") && denied.contains("test4-3-0.arrow.lock"), denied.constData());

        // What hfcache said is what evaluate then does: the error names a file that exists and is held.
        const QByteArray error = p1->waitForLineStartingWith("error:", 40000);
        QVERIFY2(error.contains("Expected to find locked file " + QFile::encodeName(dataDir) + "/test4-3-0.arrow.lock from "
                                "process 1 but it doesn't exist."), error.constData());
    }

    // The fixed FileFreeLock (evaluate >= 0.4.2) under the same filelock: everyone passes the
    // rendezvous, and no warning is raised for a run that works.
    void healthyEvaluateRunIsNoMismatch()
    {
        const QString dataDir = m_dir.path() + QStringLiteral("/hf-home/metrics/accuracy/default");
        std::vector<std::unique_ptr<PythonPeer>> processes;
        for (int id = 0; id < 2; ++id) {
            processes.push_back(std::make_unique<PythonPeer>(
                QStringLiteral("evaluate_lock_protocol.py"),
                QStringList{dataDir, QStringLiteral("--experiment"), QStringLiteral("fixed"), QStringLiteral("--num-process"),
                            QStringLiteral("2"), QStringLiteral("--process-id"), QString::number(id), QStringLiteral("--timeout"),
                            QStringLiteral("20"), QStringLiteral("--evaluate"), QStringLiteral("0.4.2")},
                QLatin1String(kFilelock)));
        }
        for (auto &p : processes)
            QVERIFY(p->waitFor("ready", 20000));
        const TestSupport::CliResult cli = runCli({QStringLiteral("locks"), QStringLiteral("--kind"), QStringLiteral("metrics"),
                                                   QStringLiteral("--json")});
        const QJsonObject metrics = cacheOf(QJsonDocument::fromJson(cli.out).object(), QStringLiteral("metrics"));
        for (const QJsonValue &f : metrics.value(QLatin1String("findings")).toArray())
            QVERIFY2(!f.toObject().value(QLatin1String("path")).toString().contains(QLatin1String("/fixed-2-")),
                     qPrintable(f.toObject().value(QLatin1String("message")).toString()));
        const QJsonObject rendezvous = TestSupport::objectWhere(metrics.value(QLatin1String("locks")).toArray(),
                                                                QLatin1String("rel_path"),
                                                                QStringLiteral("accuracy/default/fixed-2-rdv.lock"));
        QCOMPARE(rendezvous.value(QLatin1String("state")).toString(), QStringLiteral("free"));
        for (auto &p : processes)
            p->next();
        // Process 1 first: process 0 computes once process 1 let go of its lock (and a peer's line
        // reaches it only while the test waits on that peer).
        for (auto p = processes.rbegin(); p != processes.rend(); ++p)
            QVERIFY((*p)->waitFor("computed", 20000));
    }

    // sentence-transformers #2420: four workers download one model into the legacy folder; one
    // holds data_config.json.lock, three poll it (filelock never queues in flock()).
    void sentenceTransformersWorkersRace()
    {
        if (::geteuid() != 0)
            QSKIP("filelock's polling waiters are seen through fanotify, which needs root");
        const QString folder = m_dir.path() + QStringLiteral("/torch/sentence_transformers/sentence-transformers_all-MiniLM-L6-v2");
        std::vector<std::unique_ptr<PythonPeer>> workers;
        for (int i = 0; i < 4; ++i) {
            workers.push_back(std::make_unique<PythonPeer>(QStringLiteral("st_legacy_download.py"),
                                                           QStringList{folder, QStringLiteral("data_config.json")}, QString()));
            QVERIFY(workers.back()->waitFor("waiting"));
        }
        PythonPeer *holder = nullptr;
        QElapsedTimer timer;
        timer.start();
        while (!holder && timer.elapsed() < 10000) {
            for (auto &w : workers) {
                if (!holder && w->hasSaid("locked"))
                    holder = w.get();
            }
            QTest::qWait(20);
        }
        QVERIFY(holder);
        QSet<qint64> waiting;
        for (auto &w : workers) {
            if (w.get() != holder)
                waiting.insert(w->pid());
        }

        const TestSupport::CliResult cli = runCli({QStringLiteral("locks"), QStringLiteral("--kind"),
                                                   QStringLiteral("sentence_transformers"), QStringLiteral("--json")});
        QCOMPARE(cli.exitCode, 0);
        const QJsonObject legacy = cacheOf(QJsonDocument::fromJson(cli.out).object(), QStringLiteral("sentence_transformers"));
        const QJsonObject lock = TestSupport::objectWhere(legacy.value(QLatin1String("locks")).toArray(), QLatin1String("rel_path"),
                                                          QStringLiteral("sentence-transformers_all-MiniLM-L6-v2/data_config.json.lock"));
        QCOMPARE(lock.value(QLatin1String("purpose")).toString(), QStringLiteral("download of data_config.json"));
        QCOMPARE(pidsOf(lock.value(QLatin1String("holders")).toArray()), QSet<qint64>{holder->pid()});
        QCOMPARE(pidsOf(lock.value(QLatin1String("waiters")).toArray()), waiting);

        const TestSupport::CliResult text = runCli({QStringLiteral("locks"), QStringLiteral("--kind"),
                                                    QStringLiteral("sentence_transformers")});
        QVERIFY2(text.out.contains(QStringLiteral("pid %1 python3 (root); waiting: ").arg(holder->pid()).toUtf8()), text.out.constData());
        qInfo().noquote() << "hfcache locks --kind sentence_transformers:\n" + QString::fromUtf8(text.out);
        holder->next();
        QVERIFY(holder->waitFor("released"));
    }

    // A user private group at umask 002 makes the root 0775 without sharing it (SharedGroupRule):
    // no GROUP WRITABLE, no shared group, as doctor says too.
    void userPrivateGroupRootIsNotShared()
    {
        const QString root = m_dir.path() + QStringLiteral("/upg-metrics");
        QVERIFY(QDir().mkpath(root + QStringLiteral("/accuracy/default")));
        QCOMPARE(::chmod(QFile::encodeName(root).constData(), 0775), 0);
        QFile lock(root + QStringLiteral("/accuracy/default/run-1-0.arrow.lock"));
        QVERIFY(lock.open(QIODevice::WriteOnly));
        const TestSupport::CliResult cli = runCli({QStringLiteral("locks"), QStringLiteral("--kind"), QStringLiteral("metrics"),
                                                   QStringLiteral("--root"), QStringLiteral("metrics=") + root, QStringLiteral("--json")});
        QCOMPARE(cli.exitCode, 0);
        const QJsonObject cache = TestSupport::objectWhere(
            QJsonDocument::fromJson(cli.out).object().value(QLatin1String("home")).toObject().value(QLatin1String("caches")).toArray(),
            QLatin1String("path"), root);
        QVERIFY(!cache.isEmpty());
        QVERIFY(cache.value(QLatin1String("shared_group")).isNull());
        const QJsonObject row = TestSupport::objectWhere(cache.value(QLatin1String("locks")).toArray(), QLatin1String("rel_path"),
                                                         QStringLiteral("accuracy/default/run-1-0.arrow.lock"));
        QVERIFY(row.value(QLatin1String("members_writable")).toArray().isEmpty());
    }

    // --python reads what pip and Debian install: Debian's own filelock 3.9 is a healthy one; a
    // virtualenv with the versions of evaluate #542 is the known-bad combination.
    // A datasets cache with more lock files than one slice of rows (they are made on every core,
    // a slice at a time): every real filelock lock file gets its own row, in path order, each
    // with its own path and state, the held ones (in different slices) held by their holder.
    void manyLocksKeepTheirRowsAndStates()
    {
        const QString home = m_dir.path() + QStringLiteral("/many/huggingface");
        QByteArray err;
        QCOMPARE(TestSupport::runProgram(QStringLiteral("/usr/bin/python3"),
                                         {TestSupport::sourceDir() + QStringLiteral("/tests/support/gen_hf_home.py"),
                                          QStringLiteral("generate"), home, QStringLiteral("--kinds"), QStringLiteral("datasets"),
                                          QStringLiteral("--locks"), QStringLiteral("3000"), QStringLiteral("--filelock"),
                                          QStringLiteral("3.32.3")},
                                         nullptr, &err),
                 0);
        const QString datasets = home + QStringLiteral("/datasets");
        const auto byBytes = [](const QString &a, const QString &b) { return a.toUtf8() < b.toUtf8(); };
        QStringList names = QDir(datasets).entryList({QStringLiteral("*.lock")}, QDir::Files);
        std::sort(names.begin(), names.end(), byBytes);
        QVERIFY(names.size() >= 3000);
        std::vector<std::unique_ptr<PythonPeer>> holders;
        QSet<QString> held;
        for (const qsizetype at : {qsizetype(0), names.size() / 2, names.size() - 1}) {
            held.insert(names[at]);
            holders.push_back(std::make_unique<PythonPeer>(PythonPeer::FileLockHolder, QFile::encodeName(datasets + u'/' + names[at]),
                                                           QStringLiteral("3.32.3")));
        }
        for (auto &h : holders)
            QVERIFY(h->waitFor("locked"));
        const QByteArray savedHome = qgetenv("HF_HOME");
        qputenv("HF_HOME", QFile::encodeName(home));
        const TestSupport::CliResult cli = runCli({QStringLiteral("locks"), QStringLiteral("--kind"), QStringLiteral("datasets"),
                                                   QStringLiteral("--listen"), QStringLiteral("0"), QStringLiteral("--json")});
        const TestSupport::CliResult text = runCli({QStringLiteral("locks"), QStringLiteral("--kind"), QStringLiteral("datasets"),
                                                    QStringLiteral("--listen"), QStringLiteral("0")});
        qputenv("HF_HOME", savedHome);
        QCOMPARE(cli.exitCode, 0);
        QCOMPARE(text.exitCode, 0);
        const QJsonObject cache = cacheOf(QJsonDocument::fromJson(cli.out).object(), QStringLiteral("datasets"));
        QCOMPARE(cache.value(QLatin1String("held")).toInt(), 3);
        // The table has a line per lock in the same order, its cells where the header puts them
        // (a name wider than its column pushes the rest of its own line only).
        const QList<QByteArray> lines = text.out.split('\n');
        qsizetype headerLine = -1;
        for (qsizetype l = 0; l < lines.size() && headerLine < 0; ++l)
            headerLine = lines[l].startsWith("LOCK FILE") ? l : -1;
        QVERIFY(headerLine >= 0);
        const qsizetype forColumn = lines[headerLine].indexOf("FOR");
        const qsizetype stateColumn = lines[headerLine].indexOf("STATE");
        const QJsonArray jsonLocks = cache.value(QLatin1String("locks")).toArray();
        qsizetype pushed = 0;
        for (qsizetype i = 0; i < jsonLocks.size(); ++i) {
            const QJsonObject lock = jsonLocks[i].toObject();
            const QByteArray line = lines.value(headerLine + 1 + i);
            const QByteArray name = lock.value(QLatin1String("rel_path")).toString().toUtf8();
            QVERIFY2(line.startsWith(name + ' '), line.constData());
            const qsizetype stateAt = line.indexOf(lock.value(QLatin1String("state")).toString().toUtf8(), name.size());
            const bool fits = name.size() + 2 <= forColumn;
            QVERIFY2(stateAt == (fits ? stateColumn : name.size() + 2 + stateColumn - forColumn), line.constData());
            pushed += stateAt != stateColumn;
            const QList<QByteArray> rest = line.mid(stateAt).simplified().split(' ');
            QCOMPARE(rest.value(1), lock.value(QLatin1String("owner")).toString().toUtf8());
            QCOMPARE(rest.value(2), lock.value(QLatin1String("mode")).toString().toUtf8());
            QCOMPARE(rest.value(3), QByteArray(lock.value(QLatin1String("writable")).toBool() ? "yes" : "NO"));
            QVERIFY2(!line.endsWith(' '), line.constData());
        }
        QVERIFY(pushed > 0);  // the hashed 200-character names of datasets #8653 (gen_hf_home.py)
        QVERIFY(pushed <= jsonLocks.size() / 100);
        QStringList relPaths;
        for (const QJsonValue &value : cache.value(QLatin1String("locks")).toArray()) {
            const QJsonObject lock = value.toObject();
            const QString relPath = lock.value(QLatin1String("rel_path")).toString();
            relPaths << relPath;
            QCOMPARE(lock.value(QLatin1String("path")).toString(), datasets + u'/' + relPath);
            QCOMPARE(lock.value(QLatin1String("state")).toString(),
                     held.contains(relPath) ? QStringLiteral("held") : QStringLiteral("free"));
            QCOMPARE(lock.value(QLatin1String("holders")).toArray().size(), held.contains(relPath) ? 1 : 0);
            struct stat st;
            QCOMPARE(::lstat(QFile::encodeName(datasets + u'/' + relPath).constData(), &st), 0);
            QCOMPARE(lock.value(QLatin1String("mode")).toString(), QStringLiteral("%1").arg(st.st_mode & 07777, 4, 8, QLatin1Char('0')));
        }
        const QStringList topLevel = relPaths.filter(QRegularExpression(QStringLiteral("^[^/]*$")));
        QCOMPARE(topLevel, names);
        QStringList sorted = relPaths;
        std::sort(sorted.begin(), sorted.end(), byBytes);
        QCOMPARE(relPaths, sorted);
        for (auto &h : holders)
            h->next();
    }

    void pythonEnvironmentVersions()
    {
        const TestSupport::CliResult debian = runCli({QStringLiteral("locks"), QStringLiteral("--kind"), QStringLiteral("metrics"),
                                                      QStringLiteral("--python"), QStringLiteral("/usr/lib/python3/dist-packages"),
                                                      QStringLiteral("--json")});
        QCOMPARE(debian.exitCode, 0);
        QJsonObject python = QJsonDocument::fromJson(debian.out).object().value(QLatin1String("python")).toObject();
        QCOMPARE(python.value(QLatin1String("packages")).toObject().value(QLatin1String("filelock")).toString(), QStringLiteral("3.9.0"));
        QVERIFY(python.value(QLatin1String("known_bad")).toArray().isEmpty());

        // A virtualenv as pip lays it out: lib/python3.11/site-packages/<name>-<version>.dist-info/METADATA.
        const QString env = m_dir.path() + QStringLiteral("/venv");
        const QString site = env + QStringLiteral("/lib/python3.11/site-packages/");
        const QList<std::pair<const char *, const char *>> installed{
            {"evaluate", "0.4.1"}, {"datasets", "2.16.1"}, {"filelock", "3.20.3"}, {"huggingface_hub", "0.20.3"}};
        for (const auto &[name, version] : installed) {
            const QString info = site + QStringLiteral("%1-%2.dist-info").arg(QLatin1String(name), QLatin1String(version));
            QVERIFY(QDir().mkpath(info));
            QFile metadata(info + QStringLiteral("/METADATA"));
            QVERIFY(metadata.open(QIODevice::WriteOnly));
            metadata.write("Metadata-Version: 2.1\nName: " + QByteArray(name).replace('_', '-') + "\nVersion: " + version
                           + "\nSummary: a library\n\nlong description, Version: 9.9 is not a header\n");
        }
        const TestSupport::CliResult bad = runCli({QStringLiteral("locks"), QStringLiteral("--kind"), QStringLiteral("metrics"),
                                                   QStringLiteral("--python"), env, QStringLiteral("--json")});
        python = QJsonDocument::fromJson(bad.out).object().value(QLatin1String("python")).toObject();
        QCOMPARE(python.value(QLatin1String("packages")).toObject().value(QLatin1String("huggingface-hub")).toString(), QStringLiteral("0.20.3"));
        QVERIFY(python.value(QLatin1String("packages")).toObject().value(QLatin1String("sentence-transformers")).isNull());
        const QJsonArray knownBad = python.value(QLatin1String("known_bad")).toArray();
        QCOMPARE(knownBad.size(), 2);  // the rendezvous deadlock, and datasets 2.16's 0644 locks
        QVERIFY(knownBad[0].toObject().value(QLatin1String("problem")).toString().contains(QLatin1String("evaluate #542")));
        QVERIFY(knownBad[0].toObject().value(QLatin1String("remedy")).toString().contains(QLatin1String("evaluate >= 0.4.2")));
        QVERIFY(knownBad[1].toObject().value(QLatin1String("problem")).toString().contains(QLatin1String("0644")));

        const TestSupport::CliResult text = runCli({QStringLiteral("locks"), QStringLiteral("--kind"), QStringLiteral("metrics"),
                                                    QStringLiteral("--python"), env});
        QVERIFY2(text.out.contains("known bad: evaluate 0.4.1 + datasets 2.16.1 + filelock 3.20.3"), text.out.constData());
        QCOMPARE(runCli({QStringLiteral("locks"), QStringLiteral("--python"), m_dir.path() + QStringLiteral("/nothing")}).exitCode, 2);
    }
};

QTEST_GUILESS_MAIN(TestHomeLocks)
#include "tst_HomeLocks.moc"
