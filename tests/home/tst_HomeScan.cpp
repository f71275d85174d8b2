// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
// The scan of every cache kind against HF_HOME trees built by tests/support/gen_hf_home.py (lock
// files made by the real filelock under the umasks of the bug reports), checked against the
// generator's manifest and against find(1) over the same tree; and hostile trees: a folder a
// real second user cannot read, link loops, names that are not UTF-8 -- findings, nothing lost.
#include "cache/FindingCode.h"
#include "home/HomeEnvironment.h"
#include "home/HomeLocations.h"
#include "home/HomeScan.h"
#include "support/TestSupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QScopeGuard>
#include <QtTest>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace hfcache;

namespace {

// Which kind's root each manifest key lives under, and the role the scan must give its files.
struct ManifestKey
{
    const char *key;
    const char *kind;
    EntryRole role;
};

constexpr ManifestKey kManifestKeys[] = {
    {"xet.log", "xet", EntryRole::Log},
    {"xet.chunk", "xet", EntryRole::Data},
    {"xet.shard", "xet", EntryRole::Data},
    {"xet.temp", "xet", EntryRole::Temporary},
    {"datasets.builder", "datasets", EntryRole::Metadata},
    {"datasets.arrow", "datasets", EntryRole::Data},
    {"datasets.map_cache", "datasets", EntryRole::DerivedCache},
    {"datasets.tmp", "datasets", EntryRole::Temporary},
    {"datasets.lock", "datasets", EntryRole::Lock},
    {"datasets.hashed_lock", "datasets", EntryRole::Lock},
    {"datasets.incomplete", "datasets", EntryRole::Temporary},
    {"datasets.download", "datasets", EntryRole::Data},
    {"datasets.download_meta", "datasets", EntryRole::Metadata},
    {"datasets.extracted", "datasets", EntryRole::Data},
    {"metrics.arrow", "metrics", EntryRole::Data},
    {"metrics.lock", "metrics", EntryRole::Lock},
    {"evaluate.download", "evaluate", EntryRole::Data},
    {"modules.lock", "modules", EntryRole::Lock},
    {"assets.file", "assets", EntryRole::Data},
    {"token.lock", "token", EntryRole::Lock},
    {"st.file", "sentence_transformers", EntryRole::Data},
    {"st.lock", "sentence_transformers", EntryRole::Lock},
    {"transformers_legacy.lock", "transformers_legacy", EntryRole::Lock},
    {"torch.checkpoint", "torch_hub", EntryRole::Data},
    {"torch.partial", "torch_hub", EntryRole::Temporary},
    {"torch.trusted", "torch_hub", EntryRole::Metadata},
};

QProcessEnvironment environmentFor(const QString &home)
{
    // The generator puts HF_HOME at <xdg>/huggingface and torch at <xdg>/torch: the defaults
    // under XDG_CACHE_HOME, so every kind is located by its library's own rule.
    QProcessEnvironment env;
    env.insert(QStringLiteral("HOME"), QDir::homePath());
    env.insert(QStringLiteral("XDG_CACHE_HOME"), QFileInfo(home).path());
    return env;
}

// find(1) over the same tree: the count and apparent bytes of what lies below `root`.
std::pair<int, quint64> findCounts(const QString &root)
{
    QByteArray out;
    if (TestSupport::runProgram(QStringLiteral("find"), {root, QStringLiteral("-mindepth"), QStringLiteral("1"),
                                                          QStringLiteral("-printf"), QStringLiteral("%y %s\\n")},
                                &out) != 0)
        return {-1, 0};
    int count = 0;
    quint64 bytes = 0;
    for (const QByteArray &line : out.split('\n')) {
        if (line.isEmpty())
            continue;
        ++count;
        if (!line.startsWith('d'))
            bytes += line.mid(2).toULongLong();
    }
    return {count, bytes};
}

const HomeEntry *entryAt(const KindSnapshot &kind, const QByteArray &path)
{
    const auto it = std::lower_bound(kind.entries.cbegin(), kind.entries.cend(), path,
                                     [](const HomeEntry &e, const QByteArray &p) { return e.path < p; });
    return it != kind.entries.cend() && it->path == path ? &*it : nullptr;
}

bool hasFinding(const KindSnapshot &kind, const QString &code)
{
    return std::any_of(kind.findings.cbegin(), kind.findings.cend(),
                       [&code](const Finding &f) { return findingCodeName(f.code) == code; });
}

} // namespace

class tst_HomeScan : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void matchesManifest_data();
    void matchesManifest();
    void structure();
    void hostileTree();
    void entriesInByteOrder();
    void sameFolderReadOnce();
    void unreadableForSecondUser();
    void progressShowsEveryKindThenEachScan();

private:
    // Generates an HF_HOME under `dir`; the manifest, or an empty object on failure.
    static QJsonObject generate(const QString &dir, const QStringList &extra);
};

QJsonObject tst_HomeScan::generate(const QString &dir, const QStringList &extra)
{
    const QString manifest = dir + QStringLiteral("/manifest.json");
    QByteArray err;
    const int rc = TestSupport::runProgram(QStringLiteral("/usr/bin/python3"),
                                           QStringList{TestSupport::sourceDir() + QStringLiteral("/tests/support/gen_hf_home.py"),
                                                       QStringLiteral("generate"), dir + QStringLiteral("/cache/huggingface"),
                                                       QStringLiteral("--manifest"), manifest} + extra,
                                           nullptr, &err);
    if (rc != 0) {
        qWarning() << "gen_hf_home.py failed:" << err;
        return {};
    }
    QFile file(manifest);
    return file.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(file.readAll()).object() : QJsonObject();
}

void tst_HomeScan::matchesManifest_data()
{
    QTest::addColumn<QString>("filelock");
    QTest::addColumn<QString>("umask");
    QTest::addColumn<int>("lockMode");  // what that filelock makes under that umask (shared/peers/README.md)
    QTest::newRow("filelock 3.32.3, umask 022") << "3.32.3" << "022" << 0644;
    QTest::newRow("filelock 3.20.3, umask 000 (evaluate #542)") << "3.20.3" << "000" << 0644;
    QTest::newRow("filelock 3.32.3, umask 002 (shared group)") << "3.32.3" << "002" << 0664;
}

void tst_HomeScan::matchesManifest()
{
    QFETCH(QString, filelock);
    QFETCH(QString, umask);
    QFETCH(int, lockMode);
    QTemporaryDir dir;
    const QJsonObject manifest = generate(dir.path(), {QStringLiteral("--filelock"), filelock, QStringLiteral("--umask"), umask});
    QVERIFY(!manifest.isEmpty());
    const QString home = manifest.value(QStringLiteral("home")).toString();
    const HomeEnvironment env(environmentFor(home));
    const HomeSnapshotPtr snapshot = HomeScan::run(home, HomeLocations::resolve(env));

    int checked = 0;
    for (const ManifestKey &key : kManifestKeys) {
        const KindSnapshotPtr kind = snapshot->kind(QString::fromLatin1(key.kind));
        QVERIFY2(kind && kind->exists, key.kind);
        const QDir root(kind->location.path);
        for (const QJsonValue &value : manifest.value(QLatin1String(key.key)).toArray()) {
            const QString absolute = QDir::cleanPath(home + QLatin1Char('/') + value.toString());
            const QByteArray relative = QFile::encodeName(root.relativeFilePath(absolute));
            // The token's entries are names in its folder (HF_HOME itself).
            const bool token = QLatin1String(key.kind) == QLatin1String("token");
            const HomeEntry *entry = entryAt(*kind, token ? QFile::encodeName(QFileInfo(absolute).fileName()) : relative);
            QVERIFY2(entry, qPrintable(QStringLiteral("%1 not in the %2 scan").arg(absolute, QLatin1String(key.kind))));
            QVERIFY2(entry->role == key.role,
                     qPrintable(QStringLiteral("%1: %2, expected %3").arg(absolute, QLatin1String(entryRoleName(entry->role)),
                                                                          QLatin1String(entryRoleName(key.role)))));
            struct stat st;
            QCOMPARE(::lstat(QFile::encodeName(absolute).constData(), &st), 0);
            QCOMPARE(entry->stat.size, quint64(st.st_size));
            QCOMPARE(entry->stat.uid, quint32(st.st_uid));
            if (entry->role == EntryRole::Lock)  // the real filelock's mode, seen as it is
                QCOMPARE(int(entry->stat.permissions()), lockMode);
            ++checked;
        }
    }
    QVERIFY(checked > 50);

    // Nothing lost and nothing counted twice: every folder-shaped kind against find(1).
    for (const KindSnapshotPtr &kind : snapshot->kinds) {
        if (!kind->exists || kind->location.kindId == QLatin1String("token") || kind->location.kindId == QLatin1String("hub"))
            continue;
        const auto [count, bytes] = findCounts(kind->location.path);
        QCOMPARE(kind->entryCount, count);
        QCOMPARE(kind->entries.size(), qsizetype(count));
        QCOMPARE(kind->sizeApparent, bytes);
        QCOMPARE(kind->problemCount(), kind->location.kindId == QLatin1String("datasets") ? 2 : 0);  // the hashed locks
    }
}

void tst_HomeScan::structure()
{
    QTemporaryDir dir;
    const QJsonObject manifest = generate(dir.path(), {});
    QVERIFY(!manifest.isEmpty());
    const QString home = manifest.value(QStringLiteral("home")).toString();
    const HomeSnapshotPtr snapshot = HomeScan::run(home, HomeLocations::resolve(HomeEnvironment(environmentFor(home))));

    // datasets: two builder folders with their splits, one download with URL and etag, its extracted archive.
    const KindSnapshotPtr datasets = snapshot->kind(QStringLiteral("datasets"));
    int builders = 0;
    for (const HomeGroup &group : datasets->groups) {
        if (group.type != QLatin1String("builder"))
            continue;
        ++builders;
        QCOMPARE(group.count(EntryRole::DerivedCache), 2);
        QCOMPARE(group.count(EntryRole::Lock), 2);  // <fp>_builder.lock, <fp>_info.lock
        QCOMPARE(group.detail(QStringLiteral("splits")), QStringLiteral("train,validation"));
    }
    QCOMPARE(builders, 2);
    const auto download = std::find_if(datasets->groups.cbegin(), datasets->groups.cend(), [](const HomeGroup &g) {
        return g.type == QLatin1String("download") && !g.detail(QStringLiteral("url")).isEmpty();
    });
    QVERIFY(download != datasets->groups.cend());
    QCOMPARE(download->detail(QStringLiteral("url")), QStringLiteral("https://example.org/data/train.tar.gz"));
    QCOMPARE(download->detail(QStringLiteral("etag")), QStringLiteral("\"abc123\""));
    QCOMPARE(download->count(EntryRole::Lock), 1);
    // extracted/<sha256 of the archive's path>/ named after the download it came from.
    QVERIFY(std::any_of(datasets->groups.cbegin(), datasets->groups.cend(), [](const HomeGroup &g) {
        return g.type == QLatin1String("extracted") && g.count(EntryRole::Lock) == 1
               && g.detail(QStringLiteral("archive")) == QLatin1String("https://example.org/data/train.tar.gz");
    }));
    QCOMPARE(download->detail(QStringLiteral("extracted")).size(), 64);
    QVERIFY(std::any_of(datasets->groups.cbegin(), datasets->groups.cend(),
                        [](const HomeGroup &g) { return g.type == QLatin1String("incomplete"); }));
    QCOMPARE(std::count_if(datasets->findings.cbegin(), datasets->findings.cend(),
                           [](const Finding &f) { return f.code == FindingCode::DatasetsHashedLock; }), 2);

    // evaluate: experiments grouped by <exp>-<N>: one running (arrow files), one finished (locks only).
    const KindSnapshotPtr metrics = snapshot->kind(QStringLiteral("metrics"));
    const HomeGroup *running = metrics->group("accuracy/default/test4-3");
    QVERIFY(running);
    QCOMPARE(running->detail(QStringLiteral("processes")), QStringLiteral("3"));
    QCOMPARE(running->detail(QStringLiteral("locks")), QStringLiteral("4 of 4"));
    QCOMPARE(running->count(EntryRole::Data), 3);
    const HomeGroup *finished = metrics->group("accuracy/default/default_experiment-2");
    QVERIFY(finished);
    QCOMPARE(finished->detail(QStringLiteral("state")), QStringLiteral("finished (locks only)"));

    // xet: the endpoint read back from its folder name, the leftover chunk cache named.
    const KindSnapshotPtr xet = snapshot->kind(QStringLiteral("xet"));
    QVERIFY(std::any_of(xet->groups.cbegin(), xet->groups.cend(), [](const HomeGroup &g) {
        return g.type == QLatin1String("endpoint") && g.detail(QStringLiteral("endpoint")).startsWith(QLatin1String("https://"));
    }));
    for (const char *type : {"chunk-cache", "shard-cache", "staging", "logs"})
        QVERIFY2(std::any_of(xet->groups.cbegin(), xet->groups.cend(),
                             [type](const HomeGroup &g) { return g.type == QLatin1String(type); }), type);
    QVERIFY(hasFinding(*xet, QStringLiteral("xet-chunk-cache-unused")));
    QCOMPARE(xet->lockCount, 0);

    // modules by repo and commit; legacy caches per model, each said to be legacy.
    const KindSnapshotPtr modules = snapshot->kind(QStringLiteral("modules"));
    QVERIFY(std::any_of(modules->groups.cbegin(), modules->groups.cend(), [](const HomeGroup &g) {
        return g.detail(QStringLiteral("repo")) == QLatin1String("org/remote-model") && g.detail(QStringLiteral("commit")).size() == 40;
    }));
    QCOMPARE(modules->groups.size(), 3);  // transformers, evaluate, datasets
    const KindSnapshotPtr st = snapshot->kind(QStringLiteral("sentence_transformers"));
    QCOMPARE(st->groups.size(), 1);
    QCOMPARE(st->groups.first().count(EntryRole::Lock), 4);
    QVERIFY(hasFinding(*st, QStringLiteral("legacy-cache")));
    const KindSnapshotPtr legacy = snapshot->kind(QStringLiteral("transformers_legacy"));
    QCOMPARE(legacy->groups.first().detail(QStringLiteral("model")), QStringLiteral("bert-base-uncased"));
    QVERIFY(hasFinding(*legacy, QStringLiteral("legacy-cache")));
    const KindSnapshotPtr torch = snapshot->kind(QStringLiteral("torch_hub"));
    const HomeGroup *resnet = torch->group("checkpoints/resnet50-0676ba61.pth");
    QVERIFY(resnet);
    QCOMPARE(resnet->count(EntryRole::Temporary), 1);
    const KindSnapshotPtr token = snapshot->kind(QStringLiteral("token"));
    QVERIFY(token->exists);
    QCOMPARE(token->entryCount, 3);  // token, stored_tokens, stored_tokens.lock
    QVERIFY(!snapshot->kind(QStringLiteral("hub"))->exists);

    // The CLI shows the same: one row per kind, and the items of one.
    qputenv("XDG_CACHE_HOME", QFile::encodeName(QFileInfo(home).path()));
    qunsetenv("HF_HOME");
    const auto result = TestSupport::runCli({"home", "--json", "--kind", "metrics"});
    QCOMPARE(result.exitCode, 0);
    const QJsonArray caches = QJsonDocument::fromJson(result.out).object().value(QStringLiteral("caches")).toArray();
    QCOMPARE(caches.size(), 1);
    QCOMPARE(caches.first()[QStringLiteral("items")].toInt(), 2);
    QCOMPARE(caches.first()[QStringLiteral("items_list")].toArray().size(), 2);
    const auto table = TestSupport::runCli({"home"});
    QCOMPARE(table.exitCode, 0);
    QVERIFY(table.out.contains("datasets cache"));
    QVERIFY(table.out.contains("evaluate metrics"));
    const auto where = TestSupport::runCli({"where", "--json"});
    const QJsonArray roots = QJsonDocument::fromJson(where.out).object().value(QStringLiteral("caches")).toArray();
    QCOMPARE(roots.size(), 11);
    QCOMPARE(roots.at(2)[QStringLiteral("kind")].toString(), QStringLiteral("datasets"));
    QCOMPARE(roots.at(2)[QStringLiteral("source")].toString(), QStringLiteral("XDG_CACHE_HOME"));
    QVERIFY(roots.at(2)[QStringLiteral("exists")].toBool());
    QVERIFY(!roots.at(0)[QStringLiteral("exists")].toBool());  // no hub cache was made
    QCOMPARE(TestSupport::runCli({"home", "--kind", "nope"}).exitCode, 2);
    qunsetenv("XDG_CACHE_HOME");
}

void tst_HomeScan::hostileTree()
{
    QTemporaryDir dir;
    const QJsonObject manifest = generate(dir.path(), {QStringLiteral("--kinds"), QStringLiteral("datasets")});
    QVERIFY(!manifest.isEmpty());
    const QByteArray root = QFile::encodeName(manifest.value(QStringLiteral("home")).toString()) + "/datasets";
    // QTemporaryDir cannot remove the name that is not UTF-8.
    const auto cleanup = qScopeGuard([&root] { TestSupport::removeTree(QFile::decodeName(root)); });
    QCOMPARE(::symlink(".", (root + "/loop").constData()), 0);                       // a link to its own folder
    QCOMPARE(::symlink("self", (root + "/downloads/self").constData()), 0);          // a link to itself
    const QByteArray odd = root + "/downloads/\xff\xfe name\n.bin";                   // not UTF-8, a newline
    QVERIFY(::close(::open(odd.constData(), O_CREAT | O_WRONLY, 0644)) == 0);
    QCOMPARE(::mkfifo((root + "/downloads/fifo").constData(), 0644), 0);
    QByteArray deep = root + "/org___deep";
    QCOMPARE(::mkdir(deep.constData(), 0755), 0);
    for (int i = 0; i < 70; ++i) {
        deep += "/d";
        QCOMPARE(::mkdir(deep.constData(), 0755), 0);
    }

    const KindLocation location{QStringLiteral("datasets"), QFile::decodeName(root), QStringLiteral("--root")};
    const HomeSnapshotPtr snapshot = HomeScan::run(QString(), {location});
    const KindSnapshot &kind = *snapshot->kinds.first();
    QVERIFY(kind.exists);
    for (const char *code : {"symlink-not-followed", "odd-name", "unknown-entry", "too-deep"})
        QVERIFY2(hasFinding(kind, QString::fromLatin1(code)), code);
    QVERIFY(entryAt(kind, "loop"));
    QVERIFY(entryAt(kind, "downloads/self"));
    QVERIFY(entryAt(kind, "downloads/\xff\xfe name\n.bin"));
    // find(1) counts the folders below the 64th level too; the scan stops there and says so.
    const auto [count, bytes] = findCounts(QFile::decodeName(root));
    QCOMPARE(kind.entryCount, count - (70 - 63));
    QCOMPARE(kind.sizeApparent, bytes);

    // The item table (printed a row at a time) keeps one item on one line, escaped.
    const auto table = TestSupport::runCli({"home", "--kind", "datasets", "--root", "datasets=" + QFile::decodeName(root)});
    QCOMPARE(table.exitCode, 0);
    QVERIFY2(!table.out.contains('\xff') && !table.out.contains('\x1b'), table.out.constData());
    bool oddRow = false;
    for (const QByteArray &line : table.out.split('\n')) {
        QVERIFY2(!line.startsWith(".bin"), table.out.constData());  // the newline in the name did not split the row
        oddRow |= line.startsWith("downloads/") && line.contains(" name") && line.contains(".bin");
    }
    QVERIFY2(oddRow, table.out.constData());
}

// Entries come out in the byte order of their paths, whatever their length, shared start or
// bytes above 0x7f, in a folder big enough to be sorted on two cores.
void tst_HomeScan::entriesInByteOrder()
{
    QTemporaryDir dir;
    const QByteArray root = QFile::encodeName(dir.path()) + "/datasets";
    QCOMPARE(::mkdir(root.constData(), 0755), 0);
    const auto cleanup = qScopeGuard([&root] { TestSupport::removeTree(QFile::decodeName(root)); });
    QList<QByteArray> expected;
    const QByteArray shared = "_bulk_0123456789abcdef";  // longer than the sort's key
    const auto add = [&](const QByteArray &name) {
        QVERIFY(::close(::open((root + '/' + name).constData(), O_CREAT | O_WRONLY, 0644)) == 0);
        expected.append(name);
    };
    for (int i = 0; i < 9000; ++i)
        add(shared + QByteArray::number(i * 7919 % 9001, 16) + ".lock");
    for (const QByteArray &name : {QByteArray("_bulk_"), QByteArray("_bulk_0123456789abcde"), shared, QByteArray("_bulk_0123456789abcdef0"),
                                   QByteArray("_bulk_\xc3\xa9t\xc3\xa9.lock"), QByteArray("_bulk_\xff.lock"), QByteArray("a-b"), QByteArray("a"),
                                   QByteArray("\x01odd")})
        add(name);
    QCOMPARE(::mkdir((root + "/a.d").constData(), 0755), 0);
    expected.append("a.d");
    add("a.d/x");
    std::sort(expected.begin(), expected.end());

    const KindLocation location{QStringLiteral("datasets"), QFile::decodeName(root), QStringLiteral("--root")};
    const HomeSnapshotPtr snapshot = HomeScan::run(QString(), {location});
    QList<QByteArray> paths;
    for (const HomeEntry &entry : snapshot->kinds.first()->entries) {
        paths.append(entry.path);
        // Shown as it is: printable ASCII without a backslash.
        QCOMPARE(entry.plainPath, !entry.path.contains('\x01') && !entry.path.contains('\xff') && !entry.path.contains('\xc3'));
    }
    QCOMPARE(paths, expected);
}

// transformers >= 4.22 reads TRANSFORMERS_CACHE as the hub cache: the legacy kind then resolves
// to the hub cache's folder, which is read once, as the hub cache.
void tst_HomeScan::sameFolderReadOnce()
{
    QTemporaryDir dir;
    QProcessEnvironment env;
    env.insert(QStringLiteral("HOME"), dir.path());
    env.insert(QStringLiteral("HF_HUB_CACHE"), dir.path());
    env.insert(QStringLiteral("TRANSFORMERS_CACHE"), dir.path());
    const HomeSnapshotPtr snapshot = HomeScan::run(dir.path(), HomeLocations::resolve(HomeEnvironment(env)));
    QVERIFY(snapshot->kind(QStringLiteral("hub"))->exists);
    const KindSnapshotPtr legacy = snapshot->kind(QStringLiteral("transformers_legacy"));
    QCOMPARE(legacy->sameFolderAs, QStringLiteral("hub"));
    QVERIFY(!legacy->exists);
    QCOMPARE(legacy->entryCount, 0);
}

void tst_HomeScan::unreadableForSecondUser()
{
    const auto user = TestSupport::ensureUser(QStringLiteral("hfct-home-b"));
    if (!user)
        QSKIP("needs root to create a second user");
    QTemporaryDir dir;
    QVERIFY(::chmod(dir.path().toLocal8Bit().constData(), 0755) == 0);
    const QJsonObject manifest = generate(dir.path(), {QStringLiteral("--kinds"), QStringLiteral("datasets")});
    QVERIFY(!manifest.isEmpty());
    const QString root = manifest.value(QStringLiteral("home")).toString() + QStringLiteral("/datasets");
    // root's private builder folder: the second user sees its name and nothing inside.
    const QString privateDir = root + QStringLiteral("/org___private/default/0.0.0/abc");
    QVERIFY(QDir().mkpath(privateDir));
    QFile secret(privateDir + QStringLiteral("/private-train.arrow"));
    QVERIFY(secret.open(QIODevice::WriteOnly) && secret.write("x") == 1);
    secret.close();
    QVERIFY(::chmod(QFile::encodeName(root + QStringLiteral("/org___private")).constData(), 0700) == 0);

    QByteArray out, err;
    const int rc = TestSupport::runAsUser(*user, TestSupport::cliPath(),
                                          {QStringLiteral("home"), QStringLiteral("--json"), QStringLiteral("--kind"),
                                           QStringLiteral("datasets"), QStringLiteral("--root"),
                                           QStringLiteral("datasets=") + root},
                                          &out, &err);
    QCOMPARE(rc, 0);
    QJsonObject scanned;
    for (const QJsonValue &cache : QJsonDocument::fromJson(out).object().value(QStringLiteral("caches")).toArray()) {
        if (cache[QStringLiteral("source")].toString() == QLatin1String("--root"))
            scanned = cache.toObject();
    }
    QVERIFY2(!scanned.isEmpty(), out.constData());
    bool reported = false;
    for (const QJsonValue &finding : scanned.value(QStringLiteral("findings")).toArray()) {
        reported |= finding[QStringLiteral("code")].toString() == QLatin1String("unreadable")
                    && finding[QStringLiteral("path")].toString() == root + QStringLiteral("/org___private")
                    && finding[QStringLiteral("message")].toString().contains(QLatin1String("Permission denied"));
    }
    QVERIFY2(reported, out.constData());
    QVERIFY(scanned.value(QStringLiteral("problems")).toInt() >= 1);
    // The folder itself is counted; only what it hides is missing (root's find sees 4 more below it).
    const auto [count, bytes] = findCounts(root);
    Q_UNUSED(bytes)
    QCOMPARE(scanned.value(QStringLiteral("entries")).toInt(), count - 4);
}

// The window's rows come from onProgress: every kind at once (those to scan pending), then one
// call per scanned kind, the last one the result itself.
void tst_HomeScan::progressShowsEveryKindThenEachScan()
{
    QTemporaryDir dir;
    const QJsonObject manifest = generate(dir.path(), {});
    QVERIFY(!manifest.isEmpty());
    const QString home = manifest.value(QStringLiteral("home")).toString();
    const QList<KindLocation> locations = HomeLocations::resolve(HomeEnvironment(environmentFor(home)));
    QList<HomeSnapshotPtr> partials;
    HomeScanOptions options;
    options.onProgress = [&partials](const HomeSnapshotPtr &partial) { partials.append(partial); };
    const HomeSnapshotPtr result = HomeScan::run(home, locations, options);
    const auto pendingCount = [](const HomeSnapshot &s) {
        return int(std::count_if(s.kinds.cbegin(), s.kinds.cend(), [](const KindSnapshotPtr &k) { return k->pending; }));
    };
    const int scanned = pendingCount(*partials.first());
    QVERIFY(scanned >= 10);  // every kind but the legacy one in the hub cache's folder, if any
    QCOMPARE(partials.size(), scanned + 1);
    QCOMPARE(partials.first()->kinds.size(), result->kinds.size());
    for (qsizetype i = 0; i < partials.size(); ++i)
        QCOMPARE(pendingCount(*partials[i]), scanned - int(i));  // each call one more kind, never undone
    QCOMPARE(partials.last()->kinds, result->kinds);
    QVERIFY(std::none_of(result->kinds.cbegin(), result->kinds.cend(), [](const KindSnapshotPtr &k) { return k->pending; }));
    const KindSnapshotPtr datasets = result->kind(QStringLiteral("datasets"));
    QVERIFY(datasets->exists && datasets->entryCount > 0);
}

QTEST_GUILESS_MAIN(tst_HomeScan)
#include "tst_HomeScan.moc"
