// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
// `hfcache clean` against HF_HOME trees built by tests/support/gen_hf_home.py (lock files made by
// the real filelock): each target's plan and execution (what goes, what stays, freed bytes equal
// to du's difference), and what is never deleted, with real processes: a lock held by the real
// filelock (at planning and only at execution), a lock file only opened (a waiter), a file kept
// open, an Arrow file mmapped by Python, a running .incomplete, fresh temp files, a symlink.
#include "home/HomeEnvironment.h"
#include "home/HomeLocations.h"
#include "home/HomeScan.h"
#include "maintain/DeleteExecutor.h"
#include "maintain/HomeCleanPlanner.h"
#include "maintain/ProcInUseChecker.h"
#include "support/CacheBuilder.h"
#include "support/PythonPeer.h"
#include "support/TestSupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

using namespace hfcache;

namespace {

const QString Filelock = QStringLiteral("3.32.3");

// Keeps argv[1] open (read-only), as a reader between two reads.
const char *const OpenHolder = "import sys\nf = open(sys.argv[1], 'rb')\nprint('open', flush=True)\nsys.stdin.readline()\n";
// Maps argv[1] with Python's mmap, as datasets reads Arrow files through pyarrow.memory_map
// (Python's mmap keeps a duplicate of the fd open).
const char *const MmapHolder = "import sys, mmap\nf = open(sys.argv[1], 'rb')\n"
                               "m = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)\nf.close()\n"
                               "print('mapped', flush=True)\nsys.stdin.readline()\n";
// Maps argv[1] with mmap(2) and closes its only fd: then just /proc/PID/maps tells.
const char *const BareMapHolder = "import sys, os, mmap, ctypes\nlibc = ctypes.CDLL(None)\n"
                                  "libc.mmap.restype = ctypes.c_void_p\n"
                                  "libc.mmap.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int, ctypes.c_int, ctypes.c_int, ctypes.c_long]\n"
                                  "fd = os.open(sys.argv[1], os.O_RDONLY)\n"
                                  "addr = libc.mmap(None, os.fstat(fd).st_size, mmap.PROT_READ, mmap.MAP_SHARED, fd, 0)\n"
                                  "os.close(fd)\nassert os.listdir('/proc/self/fd') and addr not in (None, ctypes.c_void_p(-1).value)\n"
                                  "print('mapped', flush=True)\nsys.stdin.readline()\n";
// Opens the lock file argv[1] read-write like filelock before its flock, and stays there.
const char *const LockOpener = "import sys, os\nfd = os.open(sys.argv[1], os.O_RDWR)\nprint('open', flush=True)\n"
                               "sys.stdin.readline()\n";

QProcessEnvironment environmentFor(const QString &home)
{
    QProcessEnvironment env;
    env.insert(QStringLiteral("HOME"), QDir::homePath());
    env.insert(QStringLiteral("XDG_CACHE_HOME"), QFileInfo(home).path());
    return env;
}

// du's bytes on disk below `dir` (st_blocks, each inode once): what a clean must free.
quint64 duBytes(const QString &dir)
{
    QByteArray out;
    if (TestSupport::runProgram(QStringLiteral("du"), {QStringLiteral("-s"), QStringLiteral("-B1"), dir}, &out) != 0)
        return 0;
    return out.split('\t').first().toULongLong();
}

// Every entry below `dir` with its identity, size and times: a dry run must leave it as it was.
QByteArray treeState(const QString &dir)
{
    QByteArray out;
    TestSupport::runProgram(QStringLiteral("find"), {dir, QStringLiteral("-printf"), QStringLiteral("%p %i %s %m %T@ %C@\\n")}, &out);
    return out;
}

void setAge(const QString &path, qint64 seconds)
{
    const qint64 then = QDateTime::currentSecsSinceEpoch() - seconds;
    const struct timeval times[2] = {{time_t(then), 0}, {time_t(then), 0}};
    QVERIFY(::lutimes(QFile::encodeName(path).constData(), times) == 0);
}

bool exists(const QString &path)
{
    struct stat st;
    return ::lstat(QFile::encodeName(path).constData(), &st) == 0;
}

QSet<QByteArray> plannedPaths(const QList<DeletePlan> &plans)
{
    QSet<QByteArray> paths;
    for (const DeletePlan &plan : plans) {
        for (const DeleteItem &item : plan.items) {
            for (const DeleteOperation &op : item.operations)
                paths.insert(plan.root + '/' + op.path);
        }
    }
    return paths;
}

// "<path>: <reason>" of everything the plans keep.
QStringList keptPaths(const QList<DeletePlan> &plans)
{
    QStringList paths;
    for (const DeletePlan &plan : plans) {
        for (const DeleteNote &note : plan.kept)
            paths << QFile::decodeName(plan.root + '/' + note.path) + QStringLiteral(": ") + note.reason;
    }
    return paths;
}

} // namespace

class tst_HomeClean : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void eachTarget_data();
    void eachTarget();
    void wholeKindAndDataset();
    void heldLockKeepsExperiment();
    void lockTakenOrOpenedAfterPlanningStays();
    void lockTakenDuringExecutionStays();
    void openAndMappedFilesStay();
    void runningIncompleteStays();
    void openMapTemporaryStays();
    void freshTempFilesAndLiveLogsStay();
    void symlinkIsRemovedNotFollowed();
    void refusals();
    void itemsGoWholeAndHeldOnesStay();
    void cliDryRunChangesNothing();
    void cliFreesWhatDuSees();
    void cliDatasetWithHubRepo();

private:
    QString path(const QString &manifestKey, int index = 0) const;
    QStringList paths(const QString &manifestKey) const;
    QString kindRoot(const QString &kind) const;
    HomeSnapshotPtr scan() const;
    QList<DeletePlan> plan(const QList<HomeCleanTarget> &targets, const QStringList &kinds = {},
                           const QStringList &datasets = {}, quint64 shardLimit = HomeCleanPlanner::DefaultShardLimit) const;
    // Executes every plan as `hfcache clean --yes` does; the bytes freed.
    quint64 execute(const QList<DeletePlan> &plans, QList<DeleteResult> *results = nullptr) const;

    QTemporaryDir *m_dir = nullptr;
    QJsonObject m_manifest;
    QString m_home;
};

void tst_HomeClean::init()
{
    m_dir = new QTemporaryDir;
    const QString manifest = m_dir->path() + QStringLiteral("/manifest.json");
    QByteArray err;
    QCOMPARE(TestSupport::runProgram(QStringLiteral("/usr/bin/python3"),
                                     {TestSupport::sourceDir() + QStringLiteral("/tests/support/gen_hf_home.py"),
                                      QStringLiteral("generate"), m_dir->path() + QStringLiteral("/cache/huggingface"),
                                      QStringLiteral("--filelock"), Filelock, QStringLiteral("--manifest"), manifest},
                                     nullptr, &err),
             0);
    QFile file(manifest);
    QVERIFY(file.open(QIODevice::ReadOnly));
    m_manifest = QJsonDocument::fromJson(file.readAll()).object();
    m_home = m_manifest.value(QStringLiteral("home")).toString();
    // Temp files of killed writers are old; the generator just made them.
    for (const QString &temp : paths(QStringLiteral("xet.temp")) + paths(QStringLiteral("xet.staging"))
                                   + paths(QStringLiteral("datasets.tmp")))
        setAge(temp, 2 * 3600);
    setAge(QFileInfo(path(QStringLiteral("xet.staging"), 1)).path(), 2 * 3600);  // the session's .tmpXXXXXX
}

void tst_HomeClean::cleanup()
{
    delete m_dir;
    m_dir = nullptr;
}

QString tst_HomeClean::path(const QString &manifestKey, int index) const
{
    return paths(manifestKey).value(index);
}

QStringList tst_HomeClean::paths(const QString &manifestKey) const
{
    QStringList list;
    for (const QJsonValue &value : m_manifest.value(manifestKey).toArray())
        list << QDir::cleanPath(m_home + QLatin1Char('/') + value.toString());
    return list;
}

QString tst_HomeClean::kindRoot(const QString &kind) const
{
    return scan()->kind(kind)->location.path;
}

HomeSnapshotPtr tst_HomeClean::scan() const
{
    return HomeScan::run(m_home, HomeLocations::resolve(HomeEnvironment(environmentFor(m_home))));
}

QList<DeletePlan> tst_HomeClean::plan(const QList<HomeCleanTarget> &targets, const QStringList &kinds,
                                      const QStringList &datasets, quint64 shardLimit) const
{
    static const ProcInUseChecker checker;
    HomeCleanPlanner::Options options;
    options.inUse = &checker;
    options.shardLimit = shardLimit;
    HomeCleanPlanner planner(scan(), options);
    for (const HomeCleanTarget target : targets)
        planner.addTarget(target);
    QString error;
    for (const QString &kind : kinds)
        [&] { QVERIFY2(planner.addKind(kind, &error), qPrintable(error)); }();
    for (const QString &dataset : datasets)
        [&] { QVERIFY2(planner.addDataset(dataset, &error), qPrintable(error)); }();
    return planner.build().plans;
}

quint64 tst_HomeClean::execute(const QList<DeletePlan> &plans, QList<DeleteResult> *results) const
{
    static const ProcInUseChecker checker;
    DeleteExecutor::Options options;
    options.inUse = &checker;
    options.skipHeldLocks = true;
    quint64 freed = 0;
    for (const DeletePlan &plan : plans) {
        const DeleteResult result = DeleteExecutor::execute(plan, options);
        [&] { QVERIFY2(result.ok(), qPrintable(result.failures.isEmpty() ? QStringLiteral("refused") : result.failures.first().error)); }();
        freed += result.bytesFreed;
        if (results)
            results->append(result);
    }
    return freed;
}

void tst_HomeClean::eachTarget_data()
{
    QTest::addColumn<int>("target");
    QTest::addColumn<QStringList>("gone");   // manifest keys whose every path goes
    QTest::addColumn<QStringList>("stay");   // manifest keys whose every path stays
    const auto row = [](const char *name, HomeCleanTarget target, const QStringList &gone, const QStringList &stay) {
        QTest::newRow(name) << int(target) << gone << stay;
    };
    row("xet-chunk-cache", HomeCleanTarget::XetChunkCache, {"xet.chunk"}, {"xet.shard", "xet.log", "xet.temp"});
    row("xet-staging", HomeCleanTarget::XetStaging, {"xet.temp"}, {"xet.shard", "xet.chunk"});
    row("datasets-map-caches", HomeCleanTarget::DatasetsMapCaches, {"datasets.map_cache"},
        {"datasets.arrow", "datasets.builder", "datasets.lock", "datasets.download"});
    row("datasets-incomplete", HomeCleanTarget::DatasetsIncomplete, {"datasets.incomplete"},
        {"datasets.arrow", "datasets.lock", "datasets.download"});
    row("datasets-temporaries", HomeCleanTarget::DatasetsTemporaries, {"datasets.tmp"},
        {"datasets.arrow", "datasets.map_cache", "datasets.incomplete", "datasets.download"});
    row("evaluate-finished", HomeCleanTarget::EvaluateFinished, {}, {"metrics.arrow", "evaluate.download"});
    row("legacy", HomeCleanTarget::Legacy, {"st.file", "st.lock", "transformers_legacy.file", "transformers_legacy.lock", "torch.partial"},
        {"torch.checkpoint", "torch.code", "torch.trusted", "datasets.arrow"});
}

void tst_HomeClean::eachTarget()
{
    QFETCH(int, target);
    QFETCH(QStringList, gone);
    QFETCH(QStringList, stay);
    const QString top = m_dir->path() + QStringLiteral("/cache");
    const QList<DeletePlan> plans = plan({HomeCleanTarget(target)});
    QVERIFY(!plans.isEmpty());
    const QSet<QByteArray> planned = plannedPaths(plans);
    for (const QString &key : gone) {
        QVERIFY2(!paths(key).isEmpty(), qPrintable(key));
        for (const QString &p : paths(key))
            QVERIFY2(planned.contains(QFile::encodeName(p)), qPrintable(p + QStringLiteral(" not planned")));
    }

    // The dry run (the executor's check) changes nothing.
    const QByteArray before = treeState(top);
    for (const DeletePlan &p : plans)
        QVERIFY(!DeleteExecutor::check(p, {}).refused);
    QCOMPARE(treeState(top), before);

    quint64 planned_bytes = 0;
    for (const DeletePlan &p : plans)
        planned_bytes += p.bytesFreed();
    const quint64 duBefore = duBytes(top);
    const quint64 freed = execute(plans);
    QCOMPARE(freed, planned_bytes);
    QCOMPARE(duBefore - duBytes(top), freed);
    for (const QString &key : gone) {
        for (const QString &p : paths(key))
            QVERIFY2(!exists(p), qPrintable(p + QStringLiteral(" is still there")));
    }
    for (const QString &key : stay) {
        for (const QString &p : paths(key))
            QVERIFY2(exists(p), qPrintable(p + QStringLiteral(" was deleted")));
    }
    if (HomeCleanTarget(target) == HomeCleanTarget::EvaluateFinished) {
        // The finished experiment's three locks went; the running one's (arrow files left) stayed.
        const QString metrics = QFileInfo(path(QStringLiteral("metrics.arrow"))).path();
        QVERIFY(!exists(metrics + QStringLiteral("/default_experiment-2-rdv.lock")));
        QVERIFY(!exists(metrics + QStringLiteral("/default_experiment-2-0.arrow.lock")));
        for (const QString &lock : paths(QStringLiteral("metrics.lock"))) {
            if (lock.contains(QStringLiteral("/test4-")))
                QVERIFY(exists(lock));
        }
    }
    if (HomeCleanTarget(target) == HomeCleanTarget::XetStaging) {
        QVERIFY(!exists(QFileInfo(path(QStringLiteral("xet.staging"), 1)).path()));  // the session's .tmpXXXXXX
        QVERIFY(exists(path(QStringLiteral("xet.staging"), 0)));                     // xorb_metadata: resume state
    }
}

void tst_HomeClean::wholeKindAndDataset()
{
    // Shards: trimmed to a size, oldest first.
    const QStringList shards = paths(QStringLiteral("xet.shard"));
    QCOMPARE(shards.size(), 2);
    setAge(shards[0], 3600);
    setAge(shards[1], 7200);  // the older
    QList<DeletePlan> plans = plan({HomeCleanTarget::XetShards}, {}, {}, 5000);
    QCOMPARE(plannedPaths(plans), QSet<QByteArray>{QFile::encodeName(shards[1])});
    execute(plans);
    QVERIFY(exists(shards[0]) && !exists(shards[1]));

    // datasets orphans: the download's file deleted (its .json and .lock and its extracted archive
    // are left), a builder folder deleted (its lock in the root is left).
    const QString download = path(QStringLiteral("datasets.download"));
    QVERIFY(QFile::remove(download));
    const QString orphanBuilder = QFileInfo(path(QStringLiteral("datasets.arrow"), 3)).path();
    QVERIFY(orphanBuilder.contains(QStringLiteral("org___orphaned")));
    TestSupport::removeTree(orphanBuilder);
    const QString datasetsRoot = kindRoot(QStringLiteral("datasets"));
    QString rootLock = datasetsRoot + QLatin1Char('/') + QString(orphanBuilder).replace(QLatin1Char('/'), QLatin1Char('_')) + QStringLiteral(".lock");
    QVERIFY(exists(rootLock));
    plans = plan({HomeCleanTarget::DatasetsOrphans});
    QSet<QByteArray> planned = plannedPaths(plans);
    QVERIFY(planned.contains(QFile::encodeName(download + QStringLiteral(".json"))));
    QVERIFY(planned.contains(QFile::encodeName(download + QStringLiteral(".lock"))));
    QVERIFY(planned.contains(QFile::encodeName(path(QStringLiteral("datasets.extracted")))));
    QVERIFY(planned.contains(QFile::encodeName(rootLock)));
    const QString squadLock = datasetsRoot + QLatin1Char('/')
                              + QFileInfo(path(QStringLiteral("datasets.arrow"), 0)).path().replace(QLatin1Char('/'), QLatin1Char('_'))
                              + QStringLiteral(".lock");
    QVERIFY(exists(squadLock));
    QVERIFY(!planned.contains(QFile::encodeName(squadLock)));  // its builder folder is there
    const QString top = m_dir->path() + QStringLiteral("/cache");
    quint64 duBefore = duBytes(top);
    quint64 freed = execute(plans);
    QCOMPARE(duBefore - duBytes(top), freed);
    QVERIFY(!exists(rootLock) && !exists(download + QStringLiteral(".json")) && exists(squadLock));
    QVERIFY(!exists(QFileInfo(path(QStringLiteral("datasets.extracted"))).path()));

    // One dataset: its folder and its root locks; the other dataset stays.
    plans = plan({}, {}, {QStringLiteral("org/squad")});
    duBefore = duBytes(top);
    freed = execute(plans);
    QCOMPARE(duBefore - duBytes(top), freed);
    QVERIFY(!exists(datasetsRoot + QStringLiteral("/org___squad")));
    QVERIFY(!exists(squadLock));
    QVERIFY(exists(datasetsRoot + QStringLiteral("/org___orphaned")));

    // A whole kind: everything below its root, the root stays.
    const QString xetRoot = kindRoot(QStringLiteral("xet"));
    plans = plan({}, {QStringLiteral("xet")});
    duBefore = duBytes(top);
    freed = execute(plans);
    QCOMPARE(duBefore - duBytes(top), freed);
    QCOMPARE(freed, plans.first().bytesFreed());
    QVERIFY(QDir(xetRoot).exists());
    QVERIFY(QDir(xetRoot).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot).isEmpty());
}

void tst_HomeClean::heldLockKeepsExperiment()
{
    // A process of the finished experiment still holds a lock: the experiment is not finished.
    const QString metrics = QFileInfo(path(QStringLiteral("metrics.arrow"))).path();
    const QByteArray rdv = QFile::encodeName(metrics + QStringLiteral("/default_experiment-2-rdv.lock"));
    PythonPeer holder(PythonPeer::FileLockHolder, rdv, Filelock);
    QVERIFY(holder.waitFor("locked"));
    const QList<DeletePlan> plans = plan({HomeCleanTarget::EvaluateFinished});
    QVERIFY(plannedPaths(plans).isEmpty());
    QVERIFY(keptPaths(plans).join(QLatin1Char('\n')).contains(QStringLiteral("default_experiment-2")));
    execute(plans);
    QVERIFY(exists(QFile::decodeName(rdv)));
    QVERIFY(exists(metrics + QStringLiteral("/default_experiment-2-0.arrow.lock")));
}

void tst_HomeClean::lockTakenOrOpenedAfterPlanningStays()
{
    // Planned while free; then one process takes a lock (the real filelock) and another opens one
    // (a waiter between its open and its flock): the executor, holding each lock it unlinks,
    // re-checks and keeps both; the third goes.
    const QString metrics = QFileInfo(path(QStringLiteral("metrics.arrow"))).path();
    const QByteArray rdv = QFile::encodeName(metrics + QStringLiteral("/default_experiment-2-rdv.lock"));
    const QByteArray first = QFile::encodeName(metrics + QStringLiteral("/default_experiment-2-0.arrow.lock"));
    const QByteArray second = QFile::encodeName(metrics + QStringLiteral("/default_experiment-2-1.arrow.lock"));
    const QList<DeletePlan> plans = plan({HomeCleanTarget::EvaluateFinished});
    QCOMPARE(plannedPaths(plans).size(), 3);
    PythonPeer holder(PythonPeer::FileLockHolder, rdv, Filelock);
    QVERIFY(holder.waitFor("locked"));
    PythonPeer opener(LockOpener, first);
    QVERIFY(opener.waitFor("open"));
    QList<DeleteResult> results;
    execute(plans, &results);
    QVERIFY(exists(QFile::decodeName(rdv)));
    QVERIFY(exists(QFile::decodeName(first)));
    QVERIFY(!exists(QFile::decodeName(second)));
    QStringList kept;
    for (const DeleteNote &note : results.first().kept)
        kept << QFile::decodeName(note.path) + QStringLiteral(": ") + note.reason;
    const QString keptText = kept.join(QLatin1Char('\n'));
    QVERIFY2(keptText.contains(QStringLiteral("default_experiment-2-rdv.lock: a process waits on this lock: in use by pid %1").arg(holder.pid())),
             qPrintable(keptText));
    QVERIFY2(keptText.contains(QStringLiteral("default_experiment-2-0.arrow.lock: a process waits on this lock: in use by pid %1").arg(opener.pid())),
             qPrintable(keptText));
    // The lock still excludes: the holder's inode is the one on disk, another filelock waits on it.
    holder.next();
    QVERIFY(holder.waitFor("released"));
}

void tst_HomeClean::lockTakenDuringExecutionStays()
{
    // A finished experiment of 299 processes: 300 lock files made by the real filelock, more than
    // the executor locks and asks /proc about at once. After its first batch is gone, one process
    // takes a lock of the second batch (the real filelock) and another opens one (a waiter before
    // its flock): the executor, holding each lock file while it asks /proc again and unlinks it,
    // keeps both.
    const QString metrics = QFileInfo(path(QStringLiteral("metrics.arrow"))).path();
    QStringList locks{metrics + QStringLiteral("/big-299-rdv.lock")};
    for (int i = 0; i < 299; ++i)
        locks << metrics + QStringLiteral("/big-299-%1.arrow.lock").arg(i);
    QByteArray err;
    QCOMPARE(TestSupport::runProgram(QStringLiteral("/usr/bin/env"),
                                     QStringList{QStringLiteral("PYTHONPATH=") + TestSupport::sharedDir() + QStringLiteral("/peers/filelock-%1/src").arg(Filelock),
                                                 QStringLiteral("/usr/bin/python3"), QStringLiteral("-c"),
                                                 QStringLiteral("import sys, filelock\nfor p in sys.argv[1:]:\n"
                                                                "    l = filelock.FileLock(p); l.acquire(); l.release()\n")}
                                         + locks,
                                     nullptr, &err),
             0);
    const QList<DeletePlan> plans = plan({HomeCleanTarget::EvaluateFinished});
    QCOMPARE(plans.size(), 1);
    const DeletePlan &metricsPlan = plans.first();
    const auto big = std::find_if(metricsPlan.items.cbegin(), metricsPlan.items.cend(),
                                  [](const DeleteItem &i) { return i.cacheId.contains(QStringLiteral("big-299")); });
    QVERIFY(big != metricsPlan.items.cend());
    QCOMPARE(big->operations.size(), 300);
    const QByteArray held = metricsPlan.root + '/' + big->operations.last().path;              // big-299-rdv.lock
    const QByteArray opened = metricsPlan.root + '/' + big->operations[big->operations.size() - 2].path;
    const QByteArray free = metricsPlan.root + '/' + big->operations[big->operations.size() - 3].path;

    std::unique_ptr<PythonPeer> holder, opener;
    const ProcInUseChecker checker;
    DeleteExecutor::Options options;
    options.inUse = &checker;
    options.skipHeldLocks = true;
    options.progress = [&](const DeleteProgress &) {
        if (holder)
            return;
        holder = std::make_unique<PythonPeer>(PythonPeer::FileLockHolder, held, Filelock);
        QVERIFY(holder->waitFor("locked"));
        opener = std::make_unique<PythonPeer>(LockOpener, opened);
        QVERIFY(opener->waitFor("open"));
    };
    const DeleteResult result = DeleteExecutor::execute(metricsPlan, options);
    QVERIFY(holder && opener);
    QVERIFY(result.ok());
    QVERIFY(exists(QFile::decodeName(held)));
    QVERIFY(exists(QFile::decodeName(opened)));
    QVERIFY(!exists(QFile::decodeName(free)));
    QVERIFY(!exists(QFile::decodeName(metricsPlan.root + '/' + big->operations.first().path)));
    QStringList kept;
    for (const DeleteNote &note : result.kept)
        kept << QFile::decodeName(metricsPlan.root + '/' + note.path) + QStringLiteral(": ") + note.reason;
    const QString keptText = kept.join(QLatin1Char('\n'));
    QVERIFY2(keptText.contains(QFile::decodeName(held) + QStringLiteral(": a process holds this lock")), qPrintable(keptText));
    QVERIFY2(keptText.contains(QFile::decodeName(opened) + QStringLiteral(": a process has this lock open: in use by pid %1")
                                   .arg(opener->pid())), qPrintable(keptText));
}

void tst_HomeClean::openAndMappedFilesStay()
{
    const QStringList caches = paths(QStringLiteral("datasets.map_cache"));
    QCOMPARE(caches.size(), 4);
    PythonPeer reader(OpenHolder, QFile::encodeName(caches[0]));
    QVERIFY(reader.waitFor("open"));
    PythonPeer mapper(BareMapHolder, QFile::encodeName(caches[1]));
    QVERIFY(mapper.waitFor("mapped"));
    QList<DeletePlan> plans = plan({HomeCleanTarget::DatasetsMapCaches});
    const QString kept = keptPaths(plans).join(QLatin1Char('\n'));
    QVERIFY2(kept.contains(caches[0] + QStringLiteral(": in use by pid %1").arg(reader.pid())), qPrintable(kept));
    QVERIFY2(kept.contains(caches[1] + QStringLiteral(": in use by pid %1").arg(mapper.pid())) && kept.contains(QStringLiteral("[mapped]")),
             qPrintable(kept));
    const QString top = m_dir->path() + QStringLiteral("/cache");
    const quint64 duBefore = duBytes(top);
    const quint64 freed = execute(plans);
    QCOMPARE(duBefore - duBytes(top), freed);
    QVERIFY(exists(caches[0]) && exists(caches[1]));
    QVERIFY(!exists(caches[2]) && !exists(caches[3]));

    // A dataset one of whose Arrow files is mapped stays whole.
    const QString split = path(QStringLiteral("datasets.arrow"), 0);
    PythonPeer splitMapper(MmapHolder, QFile::encodeName(split));
    QVERIFY(splitMapper.waitFor("mapped"));
    plans = plan({}, {}, {QStringLiteral("org/squad")});
    QVERIFY(plannedPaths(plans).isEmpty());
    execute(plans);
    QVERIFY(exists(split));

    // Planned while unused, mapped before the execution: the executor refuses the plan.
    const QString other = path(QStringLiteral("datasets.arrow"), 3);
    plans = plan({}, {}, {QStringLiteral("org/orphaned")});
    QVERIFY(plannedPaths(plans).contains(QFile::encodeName(other)));
    PythonPeer lateMapper(MmapHolder, QFile::encodeName(other));
    QVERIFY(lateMapper.waitFor("mapped"));
    DeleteExecutor::Options options;
    const ProcInUseChecker checker;
    options.inUse = &checker;
    options.skipHeldLocks = true;
    const DeleteResult result = DeleteExecutor::execute(plans.first(), options);
    QVERIFY(result.refused);
    QVERIFY(exists(other));
}

// A map() that runs has its tmpXXXXXXXX open (a real process holds it here): it stays, a killed
// one's goes.
void tst_HomeClean::openMapTemporaryStays()
{
    const QStringList temporaries = paths(QStringLiteral("datasets.tmp"));
    QVERIFY(temporaries.size() >= 2);
    PythonPeer writer(OpenHolder, QFile::encodeName(temporaries[0]));
    QVERIFY(writer.waitFor("open"));
    const QList<DeletePlan> plans = plan({HomeCleanTarget::DatasetsTemporaries});
    const QString kept = keptPaths(plans).join(QLatin1Char('\n'));
    QVERIFY2(kept.contains(temporaries[0] + QStringLiteral(": ")) && kept.contains(QStringLiteral("in use by pid %1").arg(writer.pid())),
             qPrintable(kept));
    const QSet<QByteArray> planned = plannedPaths(plans);
    QVERIFY(!planned.contains(QFile::encodeName(temporaries[0])));
    const QString top = m_dir->path() + QStringLiteral("/cache");
    const quint64 duBefore = duBytes(top);
    const quint64 freed = execute(plans);
    QCOMPARE(duBefore - duBytes(top), freed);
    QVERIFY(exists(temporaries[0]));
    for (qsizetype i = 1; i < temporaries.size(); ++i)
        QVERIFY2(!exists(temporaries[i]), qPrintable(temporaries[i]));
}

void tst_HomeClean::runningIncompleteStays()
{
    // download_and_prepare runs: it holds <fp>_builder.lock (the real filelock) beside its .incomplete.
    const QString incompleteFile = path(QStringLiteral("datasets.incomplete"), 0);
    const QString incomplete = QFileInfo(incompleteFile).path();
    QVERIFY(incomplete.endsWith(QStringLiteral(".incomplete")));
    const QByteArray builderLock = QFile::encodeName(incomplete.chopped(11) + QStringLiteral("_builder.lock"));
    PythonPeer preparer(PythonPeer::FileLockHolder, builderLock, Filelock);
    QVERIFY(preparer.waitFor("locked"));
    // The interrupted download beside it: a process still writes it (its lock is free).
    const QString downloadIncomplete = path(QStringLiteral("datasets.incomplete"), 1);
    PythonPeer writer(OpenHolder, QFile::encodeName(downloadIncomplete));
    QVERIFY(writer.waitFor("open"));

    QList<DeletePlan> plans = plan({HomeCleanTarget::DatasetsIncomplete});
    QVERIFY(plannedPaths(plans).isEmpty());
    const QString kept = keptPaths(plans).join(QLatin1Char('\n'));
    QVERIFY2(kept.contains(QStringLiteral("running: a process holds its lock")), qPrintable(kept));
    execute(plans);
    QVERIFY(exists(incompleteFile) && exists(downloadIncomplete));

    // Planned while dead; download_and_prepare starts again before the execution: it stays.
    preparer.next();
    QVERIFY(preparer.waitFor("released"));
    writer.crash();
    plans = plan({HomeCleanTarget::DatasetsIncomplete});
    QVERIFY(plannedPaths(plans).contains(QFile::encodeName(incompleteFile)));
    PythonPeer again(PythonPeer::FileLockHolder, builderLock, Filelock);
    QVERIFY(again.waitFor("locked"));
    QList<DeleteResult> results;
    execute(plans, &results);
    QVERIFY(exists(incompleteFile));
    QVERIFY(!exists(downloadIncomplete));  // that one was dead
}

void tst_HomeClean::freshTempFilesAndLiveLogsStay()
{
    // Not aged: a session may still write them. A log named after a running pid: hf_xet keeps it too.
    for (const QString &temp : paths(QStringLiteral("xet.temp")))
        setAge(temp, 60);
    const QString liveLog = QFileInfo(path(QStringLiteral("xet.log"))).path()
                            + QStringLiteral("/xet_20260902T101502123+0000_%1.log").arg(::getpid());
    QFile log(liveLog);
    QVERIFY(log.open(QIODevice::WriteOnly));
    log.close();
    const QList<DeletePlan> plans = plan({HomeCleanTarget::XetStaging, HomeCleanTarget::XetLogs});
    const QString kept = keptPaths(plans).join(QLatin1Char('\n'));
    for (const QString &temp : paths(QStringLiteral("xet.temp")))
        QVERIFY2(kept.contains(temp), qPrintable(kept));
    QVERIFY2(kept.contains(liveLog), qPrintable(kept));
    execute(plans);
    for (const QString &temp : paths(QStringLiteral("xet.temp")))
        QVERIFY(exists(temp));
    QVERIFY(exists(liveLog));
}

void tst_HomeClean::symlinkIsRemovedNotFollowed()
{
    // A link in the chunk cache to a folder outside: the link goes, never what it points to.
    const QString outside = m_dir->path() + QStringLiteral("/outside");
    QVERIFY(QDir().mkpath(outside));
    QFile precious(outside + QStringLiteral("/precious"));
    QVERIFY(precious.open(QIODevice::WriteOnly));
    precious.write("keep");
    precious.close();
    const QString chunkDir = QFileInfo(path(QStringLiteral("xet.chunk"))).path();
    QVERIFY(QFile::link(outside, chunkDir + QStringLiteral("/link")));
    execute(plan({HomeCleanTarget::XetChunkCache}, {QStringLiteral("datasets")}));
    QVERIFY(!exists(chunkDir + QStringLiteral("/link")));
    QVERIFY(exists(outside + QStringLiteral("/precious")));
}

void tst_HomeClean::refusals()
{
    HomeCleanPlanner planner(scan(), {});
    QString error;
    QVERIFY(!planner.addKind(QStringLiteral("hub"), &error));
    QVERIFY(error.contains(QStringLiteral("hfcache rm")));
    QVERIFY(!planner.addKind(QStringLiteral("token"), &error));
    QVERIFY(!planner.addKind(QStringLiteral("nope"), &error));
    QVERIFY(!planner.addDataset(QStringLiteral("../etc"), &error));
    // A folder given as the xet cache that has none of hf_xet's names is not emptied.
    const QString notXet = m_dir->path() + QStringLiteral("/notxet");
    QVERIFY(QDir().mkpath(notXet + QStringLiteral("/documents")));
    QList<KindLocation> locations{{QStringLiteral("xet"), notXet, QStringLiteral("--root")}};
    HomeCleanPlanner wrong(HomeScan::run(m_home, locations), {});
    QVERIFY(!wrong.addKind(QStringLiteral("xet"), &error));
    QVERIFY2(error.contains(QStringLiteral("holds none of the names")), qPrintable(error));
}

void tst_HomeClean::itemsGoWholeAndHeldOnesStay()
{
    // The window's Delete: items named by key go whole; one whose lock a process holds stays whole.
    const QString metrics = QFileInfo(path(QStringLiteral("metrics.arrow"))).path();
    PythonPeer holder(PythonPeer::FileLockHolder, QFile::encodeName(metrics + QStringLiteral("/test4-3-rdv.lock")), Filelock);
    QVERIFY(holder.waitFor("locked"));
    const HomeSnapshotPtr home = scan();
    const QString root = home->kind(QStringLiteral("metrics"))->location.path;
    static const ProcInUseChecker checker;
    HomeCleanPlanner::Options options;
    options.inUse = &checker;
    HomeCleanPlanner planner(home, options);
    QString error;
    QVERIFY2(planner.addItem(root, "accuracy/default/default_experiment-2", &error), qPrintable(error));
    QVERIFY2(planner.addItem(root, "accuracy/default/test4-3", &error), qPrintable(error));
    QVERIFY(!planner.addItem(root, "accuracy/default/nope", &error));
    QVERIFY2(error.contains(QStringLiteral("holds no item")), qPrintable(error));
    QVERIFY(!planner.addItem(home->kind(QStringLiteral("token"))->location.path, "token", &error));
    QVERIFY2(error.contains(QStringLiteral("never deletes the token")), qPrintable(error));
    const QList<DeletePlan> plans = planner.build().plans;
    QCOMPARE(plans.size(), 1);
    QCOMPARE(plans.first().items.size(), 1);
    const QString kept = keptPaths(plans).join(QLatin1Char('\n'));
    QVERIFY2(kept.contains(QStringLiteral("test4-3: accuracy/default/test4-3-rdv.lock in use by pid %1").arg(holder.pid())),
             qPrintable(kept));
    execute(plans);
    QVERIFY(!exists(metrics + QStringLiteral("/default_experiment-2-rdv.lock")));
    QVERIFY(exists(metrics + QStringLiteral("/test4-3-rdv.lock")));
    QVERIFY(exists(metrics + QStringLiteral("/test4-3-0.arrow")));
}

void tst_HomeClean::cliDryRunChangesNothing()
{
    qputenv("XDG_CACHE_HOME", QFile::encodeName(m_dir->path() + QStringLiteral("/cache")));
    qunsetenv("HF_HOME");
    const QString top = m_dir->path() + QStringLiteral("/cache");
    const QByteArray before = treeState(top);
    const TestSupport::CliResult r = TestSupport::runCli(
        {QStringLiteral("clean"), QStringLiteral("--dry-run"), QStringLiteral("xet-chunk-cache"), QStringLiteral("xet-logs"),
         QStringLiteral("xet-staging"), QStringLiteral("datasets-map-caches"), QStringLiteral("datasets-orphans"),
         QStringLiteral("datasets-incomplete"), QStringLiteral("evaluate-finished"), QStringLiteral("legacy"),
         QStringLiteral("--kind"), QStringLiteral("modules"), QStringLiteral("--shard-limit"), QStringLiteral("1k")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY(r.out.contains("xet chunk cache"));
    QVERIFY(r.out.contains("Total:"));
    QCOMPARE(treeState(top), before);

    const TestSupport::CliResult typo = TestSupport::runCli({QStringLiteral("clean"), QStringLiteral("xet-log")});
    QCOMPARE(typo.exitCode, 2);
    QVERIFY2(typo.err.contains("did you mean 'xet-logs'"), typo.err.constData());
}

void tst_HomeClean::cliFreesWhatDuSees()
{
    qputenv("XDG_CACHE_HOME", QFile::encodeName(m_dir->path() + QStringLiteral("/cache")));
    qunsetenv("HF_HOME");
    const QString top = m_dir->path() + QStringLiteral("/cache");
    const quint64 duBefore = duBytes(top);
    const TestSupport::CliResult r = TestSupport::runCli({QStringLiteral("clean"), QStringLiteral("--yes"), QStringLiteral("--json"),
                                                          QStringLiteral("datasets-map-caches"), QStringLiteral("legacy")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QJsonObject json = QJsonDocument::fromJson(r.out).object();
    QCOMPARE(json.value(QStringLiteral("dry_run")).toBool(), false);
    quint64 freed = 0;
    for (const QJsonValue &cache : json.value(QStringLiteral("caches")).toArray()) {
        const QJsonObject object = cache.toObject();
        QCOMPARE(object.value(QStringLiteral("result")).toObject().value(QStringLiteral("bytes_freed")).toInteger(),
                 object.value(QStringLiteral("plan")).toObject().value(QStringLiteral("bytes_freed")).toInteger());
        freed += quint64(object.value(QStringLiteral("result")).toObject().value(QStringLiteral("bytes_freed")).toInteger());
    }
    QVERIFY(freed > 0);
    QCOMPARE(duBefore - duBytes(top), freed);
}

void tst_HomeClean::cliDatasetWithHubRepo()
{
    qputenv("XDG_CACHE_HOME", QFile::encodeName(m_dir->path() + QStringLiteral("/cache")));
    qunsetenv("HF_HOME");
    // The dataset's hub repo (datasets 3.0+ download Hub files there) and another repo.
    CacheBuilder hub(QFile::encodeName(m_home + QStringLiteral("/hub")));
    const QByteArray commit = CacheBuilder::commit("squad");
    for (const QByteArray &folder : {QByteArrayLiteral("datasets--org--squad"), QByteArrayLiteral("models--org--other")}) {
        const QByteArray blob = hub.addBlob(folder, "rows of " + folder);
        hub.linkBlob(folder, commit, "data/train.parquet", blob);
        hub.writeRef(folder, "main", commit);
    }
    const QString datasetsRoot = kindRoot(QStringLiteral("datasets"));

    TestSupport::CliResult r = TestSupport::runCli({QStringLiteral("clean"), QStringLiteral("--yes"),
                                                    QStringLiteral("--dataset"), QStringLiteral("org/squad")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY2(r.err.contains("hub repo of org/squad, if cached, stays"), r.err.constData());
    QVERIFY(!exists(datasetsRoot + QStringLiteral("/org___squad")));
    QVERIFY(exists(m_home + QStringLiteral("/hub/datasets--org--squad")));

    r = TestSupport::runCli({QStringLiteral("clean"), QStringLiteral("--yes"), QStringLiteral("--dataset"),
                             QStringLiteral("org/orphaned"), QStringLiteral("--dataset"), QStringLiteral("org/squad"),
                             QStringLiteral("--with-hub-repo")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY(!exists(datasetsRoot + QStringLiteral("/org___orphaned")));
    QVERIFY(!exists(m_home + QStringLiteral("/hub/datasets--org--squad")));
    QVERIFY(exists(m_home + QStringLiteral("/hub/models--org--other")));
    QVERIFY2(r.err.contains("no hub repo of org/orphaned"), r.err.constData());
}

QTEST_GUILESS_MAIN(tst_HomeClean)
#include "tst_HomeClean.moc"
