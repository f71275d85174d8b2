// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
// `hfcache doctor` over every cache kind, against HF_HOME trees built by tests/support/gen_hf_home.py
// (lock files made by the real filelock under the umasks of the bug reports): a shared cache made
// by one real user and diagnosed as another, the token trap, the xet shard cache limit, stale
// temporaries with real processes holding a lock or keeping a file open, datasets orphans against
// a hub cache, and the kind scans' own findings shown by doctor.
#include "audit/XetShardCacheLimit.h"
#include "cache/FindingCode.h"
#include "support/CacheBuilder.h"
#include "support/TestSupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QtTest>

#include <grp.h>
#include <sys/stat.h>
#include <unistd.h>

namespace {

const char *const kSharedGroup = "hfct-doc-share";

// Every variable that could move a cache away from the tree under test.
const char *const kCacheVariables[] = {
    "HF_HOME", "HF_HUB_CACHE", "HF_XET_CACHE", "HF_DATASETS_CACHE", "HF_MODULES_CACHE", "HF_METRICS_CACHE",
    "HF_EVALUATE_CACHE", "HF_ASSETS_CACHE", "HF_TOKEN_PATH", "TORCH_HOME", "SENTENCE_TRANSFORMERS_HOME",
    "TRANSFORMERS_CACHE", "PYTORCH_TRANSFORMERS_CACHE", "PYTORCH_PRETRAINED_BERT_CACHE", "XDG_CACHE_HOME",
    "HF_XET_SHARD_CACHE_SIZE_LIMIT", "HF_XET_MDB_SHARD_CACHE_SIZE_LIMIT", "HUGGINGFACE_HUB_CACHE",
};

QJsonObject jsonOf(const QByteArray &out)
{
    return QJsonDocument::fromJson(out).object();
}

QJsonObject cacheOf(const QJsonObject &doctor, const QString &kind)
{
    return TestSupport::objectWhere(doctor[QStringLiteral("home")][QStringLiteral("caches")].toArray(),
                                    QLatin1String("kind"), kind);
}

// The findings of `code` in a list, as "path" -> severity.
QMap<QString, QString> findingsOf(const QJsonArray &findings, const QString &code)
{
    QMap<QString, QString> result;
    for (const QJsonValue &f : findings) {
        if (f[QStringLiteral("code")].toString() == code)
            result.insert(f[QStringLiteral("path")].toString(), f[QStringLiteral("severity")].toString());
    }
    return result;
}

// Every finding of `code` anywhere in doctor's JSON (the hub cache's list and every other cache's).
QMap<QString, QString> anywhere(const QJsonObject &doctor, const QString &code)
{
    QMap<QString, QString> result = findingsOf(doctor[QStringLiteral("findings")].toArray(), code);
    result.insert(findingsOf(doctor[QStringLiteral("home")][QStringLiteral("findings")].toArray(), code));
    for (const QJsonValue &cache : doctor[QStringLiteral("home")][QStringLiteral("caches")].toArray())
        result.insert(findingsOf(cache[QStringLiteral("findings")].toArray(), code));
    return result;
}

bool ensureGroupMember(const QString &user)
{
    if (!getgrnam(kSharedGroup) && TestSupport::runProgram(QStringLiteral("groupadd"), {QLatin1String(kSharedGroup)}) != 0)
        return false;
    return TestSupport::runProgram(QStringLiteral("gpasswd"), {QStringLiteral("-a"), user, QLatin1String(kSharedGroup)}) == 0;
}

// A python3 child that holds something until killed; started once it printed "ready".
class Holder
{
public:
    Holder(const QString &script, const QStringList &args, const QString &pythonPath = {})
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        if (!pythonPath.isEmpty())
            env.insert(QStringLiteral("PYTHONPATH"), pythonPath);
        m_process.setProcessEnvironment(env);
        m_process.start(QStringLiteral("/usr/bin/python3"), QStringList{QStringLiteral("-c"), script} + args);
        m_ready = m_process.waitForReadyRead(20000) && m_process.readLine().trimmed() == "ready";
    }
    ~Holder() { stop(); }
    bool ready() const { return m_ready; }
    void stop()
    {
        if (m_process.state() == QProcess::NotRunning)
            return;
        m_process.kill();
        m_process.waitForFinished();
    }

private:
    QProcess m_process;
    bool m_ready = false;
};

} // namespace

class tst_HomeDoctor : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void everyKindDiagnosed();
    void narrowedByKindAndRoot();
    void lockNotGroupWritable_data();
    void lockNotGroupWritable();
    void tokenTrap_data();
    void tokenTrap();
    void shardLimitParsesXetSizes();
    void xetShardCacheOverLimit_data();
    void xetShardCacheOverLimit();
    void staleTemporaries();
    void freshTemporariesAreNotStale();
    void datasetsOrphans();

private:
    // gen_hf_home.py into <dir>/cache/huggingface (torch beside it), as `user` when given; the
    // manifest, or an empty object on failure. Points the environment at it.
    QJsonObject generate(const QString &dir, const QStringList &extra, const TestSupport::TestUser *user = nullptr);
    static TestSupport::CliResult doctor(const QStringList &args = {});
    // HF_HOME at <dir>/cache/huggingface, setgid and of the shared group, as a group's admin makes it.
    static QString makeSharedHome(const QString &dir, uint owner);
    QString m_home;
};

void tst_HomeDoctor::initTestCase()
{
    if (geteuid() != 0)
        QSKIP("needs root: real users, a shared group, processes of other users");
}

void tst_HomeDoctor::init()
{
    for (const char *name : kCacheVariables)
        qunsetenv(name);
}

QJsonObject tst_HomeDoctor::generate(const QString &dir, const QStringList &extra, const TestSupport::TestUser *user)
{
    m_home = dir + QStringLiteral("/cache/huggingface");
    // The manifest goes where the generating user may write.
    const QString out = dir + QStringLiteral("/generated");
    QDir().mkpath(out);
    if (user && ::chown(QFile::encodeName(out).constData(), user->uid, user->gid) != 0)
        return {};
    const QString manifest = out + QStringLiteral("/manifest.json");
    const QStringList args = QStringList{TestSupport::sourceDir() + QStringLiteral("/tests/support/gen_hf_home.py"),
                                         QStringLiteral("generate"), m_home, QStringLiteral("--manifest"), manifest}
                             + extra;
    QByteArray err;
    const int rc = user ? TestSupport::runAsUser(*user, QStringLiteral("/usr/bin/python3"), args, nullptr, &err)
                        : TestSupport::runProgram(QStringLiteral("/usr/bin/python3"), args, nullptr, &err);
    if (rc != 0) {
        qWarning() << "gen_hf_home.py failed:" << err;
        return {};
    }
    // The hub cache doctor always diagnoses: there, empty; in a shared HF_HOME as the group's umask 002 makes it.
    const QByteArray hub = QFile::encodeName(m_home + QStringLiteral("/hub"));
    struct stat st;
    if (::mkdir(hub.constData(), 0755) == 0 && ::stat(QFile::encodeName(m_home).constData(), &st) == 0 && (st.st_mode & S_ISGID))
        ::chmod(hub.constData(), 02775);
    qputenv("HF_HOME", QFile::encodeName(m_home));
    qputenv("XDG_CACHE_HOME", QFile::encodeName(dir + QStringLiteral("/cache")));
    QFile file(manifest);
    return file.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(file.readAll()).object() : QJsonObject();
}

TestSupport::CliResult tst_HomeDoctor::doctor(const QStringList &args)
{
    return TestSupport::runCli(QStringList{QStringLiteral("doctor"), QStringLiteral("--json")} + args);
}

QString tst_HomeDoctor::makeSharedHome(const QString &dir, uint owner)
{
    const QString home = dir + QStringLiteral("/cache/huggingface");
    QDir().mkpath(home);
    const struct group *shared = getgrnam(kSharedGroup);
    for (const QString &path : {dir, dir + QStringLiteral("/cache")})
        ::chmod(QFile::encodeName(path).constData(), 0755);
    if (!shared || ::chown(QFile::encodeName(home).constData(), owner, shared->gr_gid) != 0
        || ::chmod(QFile::encodeName(home).constData(), 02775) != 0)
        return {};
    return home;
}

// Every kind is there: each gets its filesystem and policy, and the kind scans' own findings
// (legacy caches, the unused xet chunk cache, hashed datasets locks) show in doctor too.
void tst_HomeDoctor::everyKindDiagnosed()
{
    QTemporaryDir dir;
    QVERIFY(!generate(dir.path(), {}).isEmpty());
    const TestSupport::CliResult result = doctor();
    QCOMPARE(result.exitCode, 0);
    const QJsonObject json = jsonOf(result.out);
    QCOMPARE(json[QStringLiteral("home")][QStringLiteral("hf_home")].toString(), m_home);
    for (const char *kind : {"xet", "datasets", "metrics", "evaluate", "modules", "assets", "sentence_transformers",
                             "transformers_legacy", "torch_hub"}) {
        const QJsonObject cache = cacheOf(json, QLatin1String(kind));
        QVERIFY2(cache[QStringLiteral("exists")].toBool(), kind);
        QCOMPARE(cache[QStringLiteral("filesystem")][QStringLiteral("lock_scope")].toString(), QStringLiteral("local"));
        QCOMPARE(cache[QStringLiteral("shared")][QStringLiteral("enabled")].toBool(), false);
    }
    QCOMPARE(anywhere(json, QStringLiteral("legacy-cache")).size(), 2);
    QCOMPARE(anywhere(json, QStringLiteral("xet-chunk-cache-unused")).size(), 1);
    QCOMPARE(anywhere(json, QStringLiteral("datasets-hashed-lock")).size(), 2);
    // A private cache of the user running doctor: its locks are fine as they are.
    QVERIFY(anywhere(json, QStringLiteral("lock-not-writable")).isEmpty());

    const TestSupport::CliResult human = TestSupport::runCli({QStringLiteral("doctor")});
    QCOMPARE(human.exitCode, 0);
    QVERIFY2(human.out.contains("Other caches (HF_HOME " + QFile::encodeName(m_home) + "):"), human.out.constData());
    QVERIFY(human.out.contains("  datasets cache: " + QFile::encodeName(m_home) + "/datasets (HF_HOME); private\n"
                               "    FS: "));
    QVERIFY(human.out.contains("info legacy-cache: "));
}

// --cache-dir names one hub cache: the other caches only when --kind or --root asks for them.
void tst_HomeDoctor::narrowedByKindAndRoot()
{
    QTemporaryDir dir;
    QVERIFY(!generate(dir.path(), {}).isEmpty());
    const QString hub = m_home + QStringLiteral("/hub");
    QVERIFY(!jsonOf(doctor({QStringLiteral("--cache-dir"), hub}).out).contains(QStringLiteral("home")));
    QVERIFY(!jsonOf(doctor({QStringLiteral("--kind"), QStringLiteral("hub")}).out).contains(QStringLiteral("home")));
    const QJsonObject one = jsonOf(doctor({QStringLiteral("--kind"), QStringLiteral("datasets")}).out);
    const QJsonArray caches = one[QStringLiteral("home")][QStringLiteral("caches")].toArray();
    QCOMPARE(caches.size(), 1);
    QCOMPARE(caches.first()[QStringLiteral("kind")].toString(), QStringLiteral("datasets"));
    const QString extra = dir.path() + QStringLiteral("/scratch-datasets");
    QVERIFY(QDir().mkpath(extra + QStringLiteral("/downloads")));
    const QJsonObject withRoot = jsonOf(doctor({QStringLiteral("--cache-dir"), hub, QStringLiteral("--kind"),
                                                QStringLiteral("datasets"), QStringLiteral("--root"),
                                                QStringLiteral("datasets=") + extra}).out);
    const QJsonObject scratch = TestSupport::objectWhere(withRoot[QStringLiteral("home")][QStringLiteral("caches")].toArray(),
                                                         QLatin1String("path"), extra);
    QCOMPARE(scratch[QStringLiteral("source")].toString(), QStringLiteral("--root"));
    QCOMPARE(TestSupport::runCli({QStringLiteral("doctor"), QStringLiteral("--kind"), QStringLiteral("nope")}).exitCode, 2);
    QCOMPARE(TestSupport::runCli({QStringLiteral("doctor"), QStringLiteral("--root"), QStringLiteral("hub=") + hub}).exitCode, 2);
}

void tst_HomeDoctor::lockNotGroupWritable_data()
{
    QTest::addColumn<QString>("filelock");
    QTest::addColumn<bool>("blocked");
    // umask 002 as a shared group's members set it: filelock 3.10.7-3.23 forces 0644 anyway
    // (datasets #7900, evaluate #542); from 3.24 the umask decides, 0664.
    QTest::newRow("filelock 3.20.3: 0644 locks block the group") << "3.20.3" << true;
    QTest::newRow("filelock 3.32.3: 0664 locks") << "3.32.3" << false;
}

// The first user makes the datasets and evaluate locks; a second member of the group diagnoses.
void tst_HomeDoctor::lockNotGroupWritable()
{
    QFETCH(QString, filelock);
    QFETCH(bool, blocked);
    const auto first = TestSupport::ensureUser(QStringLiteral("hfct-doc-a"));
    const auto second = TestSupport::ensureUser(QStringLiteral("hfct-doc-b"));
    QVERIFY(first && second && ensureGroupMember(first->name) && ensureGroupMember(second->name));
    QTemporaryDir dir;
    QVERIFY(!makeSharedHome(dir.path(), first->uid).isEmpty());
    QVERIFY(!generate(dir.path(), {QStringLiteral("--kinds"), QStringLiteral("datasets,metrics"), QStringLiteral("--filelock"),
                                   filelock, QStringLiteral("--umask"), QStringLiteral("002")}, &*first).isEmpty());
    QByteArray out, err;
    const int rc = TestSupport::runAsUser(*second, QStringLiteral("/usr/bin/env"),
                                          {QStringLiteral("HF_HOME=") + m_home,
                                           QStringLiteral("XDG_CACHE_HOME=") + dir.path() + QStringLiteral("/cache"),
                                           TestSupport::cliPath(), QStringLiteral("doctor"), QStringLiteral("--json")},
                                          &out, &err);
    const QJsonObject json = jsonOf(out);
    const QJsonObject datasets = cacheOf(json, QStringLiteral("datasets"));
    QVERIFY2(datasets[QStringLiteral("shared")][QStringLiteral("detected")].toBool(), out.constData());
    QCOMPARE(datasets[QStringLiteral("shared")][QStringLiteral("group")].toString(), QLatin1String(kSharedGroup));
    const QMap<QString, QString> locks = findingsOf(datasets[QStringLiteral("findings")].toArray(), QStringLiteral("lock-not-writable"));
    const QMap<QString, QString> metrics = findingsOf(cacheOf(json, QStringLiteral("metrics"))[QStringLiteral("findings")].toArray(),
                                                      QStringLiteral("lock-not-writable"));
    const QString rdv = m_home + QStringLiteral("/metrics/accuracy/default/test4-3-rdv.lock");
    if (blocked) {
        QCOMPARE(rc, 1);
        QVERIFY(locks.size() >= 7);  // builder, info and root locks of two builders, the download's, ...
        QCOMPARE(locks.first(), QStringLiteral("error"));
        QVERIFY2(metrics.contains(rdv), out.constData());
    } else {
        QVERIFY2(locks.isEmpty(), out.constData());
        QVERIFY(metrics.isEmpty());
        QVERIFY2(anywhere(json, QStringLiteral("lock-not-writable")).isEmpty(), out.constData());
    }
}

void tst_HomeDoctor::tokenTrap_data()
{
    QTest::addColumn<bool>("shared");
    QTest::addColumn<bool>("tokenChmod");
    QTest::addColumn<bool>("tokenElsewhere");
    QTest::addColumn<bool>("hubElsewhere");  // a private hub cache outside HF_HOME: only the datasets cache is shared
    QTest::addColumn<QString>("severity");  // of hf-home-token-trap, empty for none
    QTest::newRow("sprung: hf auth login made HF_HOME 0700") << true << true << false << false << "error";
    QTest::newRow("sprung, the hub cache elsewhere") << true << true << false << true << "error";
    QTest::newRow("armed: a token in a shared HF_HOME") << true << false << false << false << "warning";
    QTest::newRow("HF_TOKEN_PATH per user") << true << false << true << false << "";
    QTest::newRow("private HF_HOME") << false << true << false << false << "";
}

void tst_HomeDoctor::tokenTrap()
{
    QFETCH(bool, shared);
    QFETCH(bool, tokenChmod);
    QFETCH(bool, tokenElsewhere);
    QFETCH(bool, hubElsewhere);
    QFETCH(QString, severity);
    QVERIFY(ensureGroupMember(QStringLiteral("root")));
    QTemporaryDir dir;
    if (shared)
        QVERIFY(!makeSharedHome(dir.path(), 0).isEmpty());
    // The datasets cache exists before the login: made under the setgid HF_HOME with the group's
    // umask, it is shared and its locks are fine (the trap is the only error).
    QVERIFY(!generate(dir.path(), {QStringLiteral("--kinds"), QStringLiteral("datasets"), QStringLiteral("--umask"),
                                   QStringLiteral("002")}).isEmpty());
    QVERIFY(!generate(dir.path(), QStringList{QStringLiteral("--kinds"), QStringLiteral("token")}
                                      + (tokenChmod ? QStringList{QStringLiteral("--token-chmod")} : QStringList{})).isEmpty());
    const QString ownToken = dir.path() + QStringLiteral("/private/token");
    if (tokenElsewhere) {
        QVERIFY(QDir().mkpath(dir.path() + QStringLiteral("/private")));
        QFile token(ownToken);
        QVERIFY(token.open(QIODevice::WriteOnly) && token.write("hf_x") == 4);
        qputenv("HF_TOKEN_PATH", QFile::encodeName(ownToken));
    }
    if (hubElsewhere) {
        const QString hub = dir.path() + QStringLiteral("/private-hub");
        QVERIFY(QDir().mkpath(hub));
        qputenv("HF_HUB_CACHE", QFile::encodeName(hub));
    }
    const TestSupport::CliResult result = doctor();
    const QJsonObject json = jsonOf(result.out);
    const QMap<QString, QString> trap = findingsOf(json[QStringLiteral("home")][QStringLiteral("findings")].toArray(),
                                                   QStringLiteral("hf-home-token-trap"));
    if (severity.isEmpty()) {
        QVERIFY2(trap.isEmpty(), result.out.constData());
        return;
    }
    QCOMPARE(trap.value(m_home + QStringLiteral("/token")), severity);
    const QJsonObject finding = TestSupport::objectWhere(json[QStringLiteral("home")][QStringLiteral("findings")].toArray(),
                                                         QLatin1String("code"), QStringLiteral("hf-home-token-trap"));
    QCOMPARE(finding[QStringLiteral("fix")][QStringLiteral("action")].toString(), QStringLiteral("set-env"));
    QVERIFY(finding[QStringLiteral("fix")][QStringLiteral("value")].toString().startsWith(QLatin1String("HF_TOKEN_PATH")));
    // Sprung, HF_HOME is also private: said once, with its chmod -- by the hub cache's part when
    // the hub cache below it is shared, else by the other caches' part.
    QCOMPARE(anywhere(json, QStringLiteral("hf-home-private")).size(), tokenChmod ? 1 : 0);
    const QMap<QString, QString> privateHome = findingsOf(json[QStringLiteral("home")][QStringLiteral("findings")].toArray(),
                                                          QStringLiteral("hf-home-private"));
    QCOMPARE(privateHome.contains(m_home), tokenChmod && hubElsewhere);
    QCOMPARE(result.exitCode, tokenChmod ? 1 : 0);
}

void tst_HomeDoctor::shardLimitParsesXetSizes()
{
    using hfcache::XetShardCacheLimit;
    QCOMPARE(XetShardCacheLimit::parseSize(QStringLiteral("16gb")), std::optional<quint64>(16ULL << 30));
    QCOMPARE(XetShardCacheLimit::parseSize(QStringLiteral("512M")), std::optional<quint64>(512ULL << 20));
    QCOMPARE(XetShardCacheLimit::parseSize(QStringLiteral("2KiB")), std::optional<quint64>(2048));
    QCOMPARE(XetShardCacheLimit::parseSize(QStringLiteral("1048576")), std::optional<quint64>(1048576));
    QCOMPARE(XetShardCacheLimit::parseSize(QStringLiteral("")), std::nullopt);
    QCOMPARE(XetShardCacheLimit::parseSize(QStringLiteral("lots")), std::nullopt);
    QCOMPARE(XetShardCacheLimit::parseSize(QStringLiteral("99999999999t")), std::nullopt);  // overflows 64 bits
    QProcessEnvironment env;
    QCOMPARE(XetShardCacheLimit::fromEnvironment(env).bytes, XetShardCacheLimit::DefaultBytes);
    env.insert(QStringLiteral("HF_XET_MDB_SHARD_CACHE_SIZE_LIMIT"), QStringLiteral("1g"));
    env.insert(QStringLiteral("HF_XET_SHARD_CACHE_SIZE_LIMIT"), QStringLiteral("2g"));
    QCOMPARE(XetShardCacheLimit::fromEnvironment(env).bytes, 2ULL << 30);
    QCOMPARE(XetShardCacheLimit::fromEnvironment(env).source, QStringLiteral("HF_XET_SHARD_CACHE_SIZE_LIMIT"));
}

void tst_HomeDoctor::xetShardCacheOverLimit_data()
{
    QTest::addColumn<QString>("variable");
    QTest::addColumn<QString>("limit");
    QTest::addColumn<bool>("over");
    // The generator writes two 1 KiB shards plus two temporaries (2056 bytes).
    QTest::newRow("default 16 GiB") << "" << "" << false;
    QTest::newRow("HF_XET_SHARD_CACHE_SIZE_LIMIT=2k") << "HF_XET_SHARD_CACHE_SIZE_LIMIT" << "2k" << true;
    QTest::newRow("alias HF_XET_MDB_SHARD_CACHE_SIZE_LIMIT=1kb") << "HF_XET_MDB_SHARD_CACHE_SIZE_LIMIT" << "1kb" << true;
    QTest::newRow("HF_XET_SHARD_CACHE_SIZE_LIMIT=1m") << "HF_XET_SHARD_CACHE_SIZE_LIMIT" << "1m" << false;
}

void tst_HomeDoctor::xetShardCacheOverLimit()
{
    QFETCH(QString, variable);
    QFETCH(QString, limit);
    QFETCH(bool, over);
    QTemporaryDir dir;
    const QJsonObject manifest = generate(dir.path(), {QStringLiteral("--kinds"), QStringLiteral("xet")});
    QVERIFY(!manifest.isEmpty());
    if (!variable.isEmpty())
        qputenv(variable.toLatin1().constData(), limit.toLatin1());
    const TestSupport::CliResult result = doctor();
    const QMap<QString, QString> found = findingsOf(cacheOf(jsonOf(result.out), QStringLiteral("xet"))[QStringLiteral("findings")].toArray(),
                                                    QStringLiteral("xet-shard-cache-over-limit"));
    const QString shardCache = m_home + QLatin1Char('/')
                               + QFileInfo(manifest[QStringLiteral("xet.shard")].toArray().first().toString()).path();
    QCOMPARE(found.size(), over ? 1 : 0);
    if (over) {
        QCOMPARE(found.value(shardCache), QStringLiteral("warning"));
        QVERIFY(result.out.contains(variable.toLatin1()));
    }
}

// Leftovers of killed processes (backdated two hours), and two that are not dead: a torch
// download whose .partial a real process keeps open, and a datasets build whose _builder.lock a
// real filelock holds. Once those processes are gone, theirs are stale too.
void tst_HomeDoctor::staleTemporaries()
{
    QTemporaryDir dir;
    const QJsonObject manifest = generate(dir.path(), {QStringLiteral("--kinds"), QStringLiteral("xet,datasets,torch_hub"),
                                                       QStringLiteral("--temporaries-age"), QStringLiteral("7200")});
    QVERIFY(!manifest.isEmpty());
    auto absolute = [this](const QJsonValue &rel) { return QDir::cleanPath(m_home + QLatin1Char('/') + rel.toString()); };
    const QString partial = absolute(manifest[QStringLiteral("torch.partial")].toArray().first());
    const QString incomplete = QFileInfo(absolute(manifest[QStringLiteral("datasets.incomplete")].toArray().first())).path();
    QVERIFY(incomplete.endsWith(QLatin1String(".incomplete")));
    const QString builderLock = incomplete.chopped(11) + QStringLiteral("_builder.lock");
    const QString xetTemp = absolute(manifest[QStringLiteral("xet.temp")].toArray().first());
    const QString downloadIncomplete = absolute(manifest[QStringLiteral("datasets.incomplete")].toArray().last());

    Holder open(QStringLiteral("import sys, time\nf = open(sys.argv[1], 'ab')\nprint('ready', flush=True)\ntime.sleep(300)\n"),
                {partial});
    Holder locked(QStringLiteral("import sys, time\nfrom filelock import FileLock\nlock = FileLock(sys.argv[1])\n"
                                 "lock.acquire()\nprint('ready', flush=True)\ntime.sleep(300)\n"),
                  {builderLock}, TestSupport::sharedDir() + QStringLiteral("/peers/filelock-3.32.3/src"));
    QVERIFY(open.ready() && locked.ready());

    QJsonObject json = jsonOf(doctor().out);
    QMap<QString, QString> stale = anywhere(json, QStringLiteral("stale-temporary"));
    QCOMPARE(stale.value(xetTemp), QStringLiteral("warning"));
    QCOMPARE(stale.value(downloadIncomplete), QStringLiteral("warning"));
    QVERIFY2(!stale.contains(partial), qPrintable(stale.keys().join(QLatin1Char('\n'))));
    QVERIFY(!stale.contains(incomplete));
    const QJsonObject fix = TestSupport::objectWhere(cacheOf(json, QStringLiteral("xet"))[QStringLiteral("findings")].toArray(),
                                                     QLatin1String("code"), QStringLiteral("stale-temporary"))[QStringLiteral("fix")].toObject();
    QCOMPARE(fix[QStringLiteral("action")].toString(), QStringLiteral("delete"));

    open.stop();
    locked.stop();
    stale = anywhere(jsonOf(doctor().out), QStringLiteral("stale-temporary"));
    QCOMPARE(stale.value(partial), QStringLiteral("warning"));
    QCOMPARE(stale.value(incomplete), QStringLiteral("warning"));
}

// Killed just now: last written less than an hour ago, nothing is stale yet.
void tst_HomeDoctor::freshTemporariesAreNotStale()
{
    QTemporaryDir dir;
    QVERIFY(!generate(dir.path(), {QStringLiteral("--kinds"), QStringLiteral("xet,datasets,torch_hub")}).isEmpty());
    QVERIFY(anywhere(jsonOf(doctor().out), QStringLiteral("stale-temporary")).isEmpty());
}

// The hub cache holds datasets--org--squad (with the archive one extracted/ folder came from);
// org/orphaned and the other archive are gone from it.
void tst_HomeDoctor::datasetsOrphans()
{
    QTemporaryDir dir;
    const QJsonObject manifest = generate(dir.path(), {QStringLiteral("--kinds"), QStringLiteral("datasets")});
    QVERIFY(!manifest.isEmpty());
    const QByteArray archive = QFile::encodeName(manifest[QStringLiteral("datasets.hub_archive")].toString());
    const QByteArray hub = QFile::encodeName(m_home) + "/hub";
    QVERIFY(archive.startsWith(hub + "/datasets--org--squad/snapshots/"));
    CacheBuilder cache(hub);
    const QByteArray folder = "datasets--org--squad";
    const QByteArray commit = QByteArray(39, '0') + '1';
    cache.writeRef(folder, "main", commit);
    cache.linkBlob(folder, commit, "data/train.zip", cache.addBlob(folder, "PK archive"));
    QVERIFY(QFileInfo::exists(QFile::decodeName(archive)));

    const QJsonObject json = jsonOf(doctor().out);
    const QJsonArray findings = cacheOf(json, QStringLiteral("datasets"))[QStringLiteral("findings")].toArray();
    const QMap<QString, QString> builders = findingsOf(findings, QStringLiteral("datasets-orphan-builder"));
    QCOMPARE(builders.keys(), QStringList{m_home + QStringLiteral("/datasets/org___orphaned")});
    QCOMPARE(builders.first(), QStringLiteral("info"));
    const QMap<QString, QString> extracted = findingsOf(findings, QStringLiteral("datasets-orphan-extracted"));
    QCOMPARE(extracted.size(), 1);
    const QString orphan = QFileInfo(m_home + QLatin1Char('/')
                                     + manifest[QStringLiteral("datasets.extracted_orphan")].toArray().first().toString()).path();
    QCOMPARE(extracted.firstKey(), orphan);
}

QTEST_GUILESS_MAIN(tst_HomeDoctor)
#include "tst_HomeDoctor.moc"
