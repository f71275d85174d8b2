// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "LocksCommand.h"

#include "CliOptions.h"
#include "CliApplication.h"
#include "CliOutput.h"
#include "HomeLocksOutput.h"
#include "HomeRoots.h"
#include "SnapshotJson.h"
#include "TextTable.h"
#include "activity/CacheActivity.h"
#include "activity/LocksMerge.h"
#include "audit/AccessCheck.h"
#include "audit/FilesystemFacts.h"
#include "audit/GroupMembers.h"
#include "audit/SharedGroupRule.h"
#include "cache/CacheScan.h"
#include "home/CacheKinds.h"
#include "home/HomeEnvironment.h"
#include "home/HomeScan.h"
#include "util/DurationText.h"
#include "util/HumanFormat.h"
#include "util/FdWalk.h"
#include "util/JsonWriter.h"
#include "util/PathText.h"
#include "util/PathPrefix.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSet>
#include <QThread>

#include <csignal>
#include <future>
#include <sys/stat.h>
#include <unistd.h>

namespace hfcache {

namespace {

std::atomic_bool g_stop{false};

// Why a held lock shows no waiter although huggingface_hub processes wait on it.
const char kWaitersNote[] = "Waiters of Python's filelock (huggingface_hub) cannot be listed: it polls with LOCK_NB and "
                            "closes the file between attempts, so it never queues in /proc/locks; only processes "
                            "blocked in flock() or holding the file open show as waiting.";

// Paths inside the cache are shown relative to it; local_dir paths in full.
QByteArray relativePath(const QByteArray &path, const QByteArray &root)
{
    return PathPrefix::isUnder(path, root) ? path.mid(root.size() + 1) : path;
}

QString shownPath(const QByteArray &path, const QByteArray &root)
{
    return PathText::display(relativePath(path, root));
}

struct NodeIdentity
{
    QString name;
    QString cacheKey;
    FilesystemFacts filesystem;

    static NodeIdentity of(const QByteArray &root, const QString &host)
    {
        NodeIdentity node;
        node.name = host;
        node.filesystem = FilesystemFacts::probe(root);
        const QByteArray real = FdWalk::canonicalPath(root);
        if (node.filesystem.network && node.filesystem.hasMount && !real.isEmpty()) {
            const MountEntry &m = node.filesystem.mount;
            const QByteArray inside = m.mountPoint == "/" ? real : real.mid(m.mountPoint.size());
            node.cacheKey = QString::fromUtf8(m.source + m.root + inside);
        } else {
            node.cacheKey = host + QLatin1Char(':') + QString::fromUtf8(real.isEmpty() ? root : real);  // not shared
        }
        return node;
    }
};

QString holdersText(const QList<ProcessInfo> &holders, qint64 now)
{
    QStringList parts;
    for (const ProcessInfo &p : holders) {
        QString text = p.describe();
        if (p.startTime > 0)
            text += QStringLiteral(", running %1").arg(HumanFormat::timeSince(p.startTime, now).remove(QStringLiteral(" ago")));
        parts << text;
    }
    return parts.join(QStringLiteral("; "));
}

QString stateText(const LockFileState &lock)
{
    if (lock.isSoft)
        return lock.soft.stale ? QStringLiteral("soft, STALE") : QStringLiteral("soft, held");
    return lock.held ? QStringLiteral("held") : QStringLiteral("free");
}

// `sharedGroup`: the hub cache's group when it is shared (SharedGroupRule), else -1: then a
// GROUP WRITABLE column says which members can open each lock, as for the other caches.
QByteArray humanText(const ActivityReport &report, const QByteArray &root, qint64 sharedGroup)
{
    const qint64 now = report.sampledAtMs / 1000;
    QString tables;
    const bool shared = sharedGroup >= 0;
    QStringList columns{QStringLiteral("LOCK FILE"), QStringLiteral("REPO"), QStringLiteral("STATE"), QStringLiteral("OWNER"),
                        QStringLiteral("MODE"), QStringLiteral("WRITABLE"), QStringLiteral("HOLDER")};
    if (shared)
        columns.insert(6, QStringLiteral("GROUP WRITABLE"));
    TextTable locks(columns);
    int held = 0;
    for (const LockFileState &lock : report.locks) {
        held += lock.held;
        QString holder = holdersText(lock.holders, now);
        if (!lock.waiters.isEmpty())
            holder += QStringLiteral("%1waiting: %2").arg(holder.isEmpty() ? QString() : QStringLiteral("; "),
                                                          holdersText(lock.waiters, now));
        if (lock.isSoft && lock.soft.stale)
            holder = QStringLiteral("stale: ") + lock.soft.staleReason;
        else if (lock.isSoft && lock.holders.isEmpty() && lock.soft.pid > 0)
            holder = QStringLiteral("pid %1 (%2)").arg(lock.soft.pid).arg(lock.soft.holderName());
        QStringList row{shownPath(lock.file.path, root), lock.file.repoId, stateText(lock),
                        UserIdentity::userName(lock.file.stat.uid), AccessCheck::octal(lock.file.stat.permissions()),
                        lock.writable ? QStringLiteral("yes") : QStringLiteral("NO"), holder};
        if (shared)
            row.insert(6, HomeLocksOutput::membersText(lock.members));
        locks.addRow(row);
    }
    if (!report.locks.isEmpty() && shared)
        tables += QStringLiteral("Shared with group %1: GROUP WRITABLE says whether each member can open a lock.\n")
                      .arg(UserIdentity::groupName(quint32(sharedGroup)));
    if (!report.locks.isEmpty())
        tables += locks.text();
    if (!report.downloads.isEmpty()) {
        tables += QLatin1Char('\n');
        TextTable downloads({QStringLiteral("DOWNLOAD"), QStringLiteral("REPO"), QStringLiteral("SIZE"), QStringLiteral("RATE"),
                             QStringLiteral("STATE")}, {false, false, true, true, false});
        for (const DownloadState &d : report.downloads) {
            const QString state = d.active() ? QStringLiteral("active") + (d.writers.isEmpty() ? QString()
                                                                          : QStringLiteral(" (") + holdersText(d.writers, now) + QLatin1Char(')'))
                                             : QStringLiteral("interrupted %1").arg(HumanFormat::timeSince(d.mtime, now));
            downloads.addRow({shownPath(d.file.path, root), d.file.repoId, HumanFormat::size(d.size),
                              d.rate >= 0 ? HumanFormat::size(quint64(qMax(0.0, d.rate))) + QStringLiteral("/s") : QStringLiteral("-"),
                              state});
        }
        tables += downloads.text();
    }
    QByteArray text = tables.toUtf8();
    text += QStringLiteral("\n%1 lock file(s), %2 held; %3 download(s) in progress or interrupted.\n")
                .arg(report.locks.size()).arg(held).arg(report.downloads.size()).toUtf8();
    if (held > 0)
        text += QByteArray(kWaitersNote) + '\n';
    if (report.locks.size() > held)
        text += "A free lock file is normal: filelock keeps lock files after use. Do not delete one that someone may\n"
                "wait on (holders and waiters would end up on two different files); fix its mode instead.\n";
    const int stale = int(std::count_if(report.locks.cbegin(), report.locks.cend(),
                                        [](const LockFileState &l) { return l.isSoft && l.soft.stale; }));
    if (stale > 0)
        text += QStringLiteral("%1 stale soft lock(s): `hfcache locks --break-stale` removes them as filelock would.\n")
                    .arg(stale).toUtf8();
    if (!report.procLocksError.isEmpty())
        text += QStringLiteral("Lock states unknown: %1\n").arg(report.procLocksError).toUtf8();
    if (report.unreadableProcesses > 0)
        text += QStringLiteral("%1 process(es) could not be inspected%2.\n")
                    .arg(report.unreadableProcesses)
                    .arg(::geteuid() == 0 ? QString() : QStringLiteral(" (run as root to see every user of the cache)"))
                    .toUtf8();
    return text;
}

void writeSoft(JsonWriter &json, const LockFileState &lock)
{
    json.key("soft");
    if (!lock.isSoft) {
        json.null();
        return;
    }
    json.beginObject();
    json.field("format", lock.soft.formatName());
    json.key("pid");
    if (lock.soft.pid > 0)
        json.value(lock.soft.pid);
    else
        json.null();
    json.field("host", lock.soft.host);
    json.field("start_token", QString::fromLatin1(lock.soft.startToken));
    json.field("holder", lock.soft.holderName());
    SnapshotJson::writeTime(json, "mtime", lock.soft.mtime);
    json.field("stale", lock.soft.stale);
    json.field("stale_reason", lock.soft.staleReason);
    json.endObject();
}

// Where this node's report sits among the others: the node, and the cache as every node sees it
// (filesystem source + folder inside it), so that a merge lines up the same file seen from many
// nodes whatever its mount point.
void writeNode(JsonWriter &json, const NodeIdentity &node)
{
    json.field("node", node.name);
    json.field("sampled_at", QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs));
    json.field("cache_key", node.cacheKey);
    json.key("filesystem");
    SnapshotJson::writeFilesystem(json, node.filesystem);
}

// The caches beside the hub cache: where they are, and how long to listen for pollers.
struct HomePart
{
    QString hfHome;
    QList<KindLocation> locations;  // without the hub cache (the hub part above covers it)
    QString onlyKind;
    int listenMs = 300;             // six filelock poll intervals (0.05 s)
};

void printJson(const ActivityReport &report, const QByteArray &root, qint64 sharedGroup, const NodeIdentity &node,
               const CliOutput &output, const HomePart *homePart, const HomeLocks::Result *home, const QString &pythonEnv,
               const PythonPackages &python)
{
    JsonWriter json(output.outStream());
    json.beginObject();
    json.field("format", "hfcache-locks/2");
    json.field("cache_dir", root);
    json.key("shared_group");  // the hub cache's (SharedGroupRule); null when private
    if (sharedGroup >= 0)
        json.value(UserIdentity::groupName(quint32(sharedGroup)));
    else
        json.null();
    writeNode(json, node);
    json.key("locks");
    json.beginArray();
    for (const LockFileState &lock : report.locks) {
        json.beginObject();
        json.field("path", lock.file.path);
        json.field("rel_path", relativePath(lock.file.path, root));
        json.field("repo_id", lock.file.repoId);
        json.field("state", lock.held ? "held" : "free");
        json.field("kind", lock.isSoft ? "soft" : "flock");
        writeSoft(json, lock);
        SnapshotJson::writeProcesses(json, "holders", lock.holders);
        SnapshotJson::writeProcesses(json, "waiters", lock.waiters);
        json.field("owner", UserIdentity::userName(lock.file.stat.uid));
        json.field("mode", AccessCheck::octal(lock.file.stat.permissions()));
        json.field("writable", lock.writable);
        HomeLocksOutput::writeMembers(json, lock.members);
        json.endObject();
    }
    json.endArray();
    json.key("downloads");
    json.beginArray();
    for (const DownloadState &d : report.downloads) {
        json.beginObject();
        json.field("path", d.file.path);
        json.field("rel_path", relativePath(d.file.path, root));
        json.field("repo_id", d.file.repoId);
        json.field("size", d.size);
        json.key("rate");
        if (d.rate >= 0)
            json.value(qint64(d.rate));
        else
            json.null();
        json.field("active", d.active());
        json.field("lock_path", d.file.lockPath);
        json.field("lock_held", d.lockHeld);
        SnapshotJson::writeProcesses(json, "writers", d.writers);
        json.endObject();
    }
    json.endArray();
    json.key("in_use");  // cached files some process has open or mapped
    json.beginArray();
    for (const WatchedFile &file : report.usedFiles) {
        json.beginObject();
        json.field("path", file.path);
        json.field("rel_path", relativePath(file.path, root));
        json.field("repo_id", file.repoId);
        QList<ProcessInfo> users;
        for (const FileUse &use : report.usesOf(FileKey{file.stat.device, file.stat.inode}))
            users.append(report.process(use.pid));
        SnapshotJson::writeProcesses(json, "processes", users);
        json.endObject();
    }
    json.endArray();
    json.field("waiters_note", kWaitersNote);
    json.field("unreadable_processes", report.unreadableProcesses);
    json.key("proc_locks_error");
    if (report.procLocksError.isEmpty())
        json.null();
    else
        json.value(report.procLocksError);
    json.key("home");  // the lock files of every other cache kind; null with --kind hub
    if (home)
        HomeLocksOutput::writeJson(json, homePart->hfHome, *home, homePart->listenMs);
    else
        json.null();
    json.key("python");  // --python ENV; null without it
    if (pythonEnv.isEmpty())
        json.null();
    else
        HomeLocksOutput::writePythonJson(json, pythonEnv, python);
    json.endObject();
}

// Each stale soft lock is read and judged again right before it is broken, as filelock's
// _try_break_stale_lock does: a marker released or retaken meanwhile is left alone.
int breakStale(const ActivityReport &report, const CacheActivity::Options &options, CliContext &context)
{
    int broken = 0, failed = 0;
    for (const LockFileState &lock : report.locks) {
        if (!lock.isSoft || !lock.soft.stale)
            continue;
        SoftLock now;
        if (!SoftLock::read(lock.file.path, &now))
            continue;  // released since
        if (now.format == SoftLock::Format::Empty) {  // its holder is not in the file: keep what the inspection found
            now.pid = lock.soft.pid;
            now.host = lock.soft.host;
        }
        now.judge(options.hostName, QDateTime::currentSecsSinceEpoch(), options.softLockStaleAfter, options.procRoot);
        if (!now.stale || now.inode != lock.soft.inode)
            continue;
        QString error;
        if (SoftLock::breakStale(lock.file.path, now, &error)) {
            ++broken;
            context.output.printLine(QStringLiteral("broke %1 (%2)").arg(PathText::display(lock.file.path), now.staleReason));
        } else {
            ++failed;
            CliApplication::printError(context, error);
        }
    }
    context.output.printLine(QStringLiteral("%1 stale soft lock(s) broken, %2 failed.").arg(broken).arg(failed));
    return failed > 0 ? ExitFindings : ExitOk;
}

// `--merge`: one table of many nodes' reports (files, or "-" for standard input).
int printMerged(const QStringList &inputs, CliContext &context)
{
    LocksMerge merge;
    for (const QString &input : inputs.isEmpty() ? QStringList{QStringLiteral("-")} : inputs) {
        QFile file;
        const bool opened = input == QLatin1String("-") ? file.open(stdin, QIODevice::ReadOnly) : (file.setFileName(input), file.open(QIODevice::ReadOnly));
        if (!opened) {
            CliApplication::printError(context, QStringLiteral("cannot read %1: %2").arg(input, file.errorString()));
            return ExitUsage;
        }
        QString error;
        if (!merge.add(file.readAll(), &error)) {
            CliApplication::printError(context, QStringLiteral("%1: %2").arg(input, error));
            return ExitUsage;
        }
    }
    if (context.output.json()) {
        context.output.print(QString::fromUtf8(QJsonDocument(merge.toJson()).toJson(QJsonDocument::Indented)));
        return ExitOk;
    }
    QSet<QString> caches;
    for (const QList<LocksMerge::Row> *rows : {&merge.locks(), &merge.downloads(), &merge.inUse()})
        for (const LocksMerge::Row &r : *rows)
            caches.insert(r.cacheKey);
    const auto name = [&](const LocksMerge::Row &r) {
        return PathText::display(((caches.size() > 1 ? r.cacheKey + QLatin1Char('/') : QString()) + r.relPath).toUtf8());
    };
    const auto who = [](const QList<LocksMerge::Process> &list) {
        QStringList parts;
        for (const LocksMerge::Process &p : list)
            parts << QStringLiteral("%1 pid %2").arg(p.node).arg(p.pid);
        return parts.join(QStringLiteral(", "));
    };
    QString text;
    TextTable locks({QStringLiteral("LOCK FILE"), QStringLiteral("NODE"), QStringLiteral("PID"), QStringLiteral("COMMAND"),
                     QStringLiteral("USER"), QStringLiteral("WAITERS")});
    for (const LocksMerge::Row &r : merge.locks()) {
        const QString file = name(r) + (r.kind == QLatin1String("soft") ? QStringLiteral(" (soft)") : QString());
        const QString waiters = r.detail.isEmpty() ? who(r.waiters) : r.detail;
        if (r.holders.isEmpty())
            locks.addRow({file, QStringLiteral("-"), QStringLiteral("-"), QString(), QString(), waiters});
        for (const LocksMerge::Process &p : r.holders)
            locks.addRow({file, p.host.isEmpty() ? p.node : p.host, QString::number(p.pid),
                          p.cmdline.isEmpty() ? p.process : p.cmdline, p.user, waiters});
    }
    if (!merge.locks().isEmpty())
        text += locks.text();
    if (!merge.downloads().isEmpty()) {
        text += QLatin1Char('\n');
        TextTable downloads({QStringLiteral("DOWNLOAD"), QStringLiteral("STATE"), QStringLiteral("SIZE"), QStringLiteral("WRITERS")});
        for (const LocksMerge::Row &r : merge.downloads())
            downloads.addRow({name(r), r.kind, HumanFormat::size(r.detail.toULongLong()), who(r.holders)});
        text += downloads.text();
    }
    if (!merge.inUse().isEmpty()) {
        text += QLatin1Char('\n');
        TextTable users({QStringLiteral("IN USE"), QStringLiteral("REPO"), QStringLiteral("NODE"), QStringLiteral("PID"),
                         QStringLiteral("COMMAND"), QStringLiteral("USER")});
        for (const LocksMerge::Row &r : merge.inUse())
            for (const LocksMerge::Process &p : r.holders)
                users.addRow({name(r), r.repoId, p.node, QString::number(p.pid), p.cmdline.isEmpty() ? p.process : p.cmdline, p.user});
        text += users.text();
    }
    text += QStringLiteral("\n%1 node(s): %2; %3 lock(s) held or waited on, %4 free lock file(s) (counted per node); "
                           "%5 download(s); %6 file(s) in use.\n")
                .arg(merge.nodes().size()).arg(merge.nodes().join(QStringLiteral(", ")))
                .arg(merge.locks().size()).arg(merge.freeLocks()).arg(merge.downloads().size()).arg(merge.inUse().size());
    context.output.print(text);
    return ExitOk;
}

// What `locks` (without --merge) is asked for: the parse step.
struct LocksRequest
{
    QByteArray root;
    bool rootGiven = false;        // --cache-dir: a cache that cannot be scanned is an error then
    QStringList localDirs;
    CacheActivity::Options options;
    bool watch = false;
    bool breakStale = false;
    double interval = 2.0;         // seconds between --watch samples
    bool hubPart = true;           // the hub cache (and local_dir folders): the tables above
    qint64 sharedGroup = -1;       // the hub cache's group when it is shared (SharedGroupRule)
    std::optional<HomePart> home;  // every other cache kind; none with --kind hub
    QString pythonEnv;             // --python ENV: its library versions, read once
    PythonPackages python;
};

std::optional<LocksRequest> parseRequest(const QCommandLineParser &parser, CliContext &context)
{
    const auto usage = [&](const QString &message) {
        CliApplication::printError(context, message);
        return std::optional<LocksRequest>();
    };
    if (!parser.positionalArguments().isEmpty())
        return usage(QStringLiteral("locks takes no arguments (did you mean --cache-dir or --merge?)"));
    LocksRequest request;
    bool intervalOk = true;
    if (parser.isSet(QStringLiteral("interval")))
        request.interval = parser.value(QStringLiteral("interval")).toDouble(&intervalOk);
    if (!intervalOk || request.interval < 0.1)
        return usage(QStringLiteral("invalid --interval '%1' (seconds, at least 0.1)").arg(parser.value(QStringLiteral("interval"))));
    if (parser.isSet(QStringLiteral("soft-lock-stale-after"))) {
        const std::optional<qint64> age = DurationText::parseSeconds(parser.value(QStringLiteral("soft-lock-stale-after")));
        if (!age || *age <= 0)
            return usage(QStringLiteral("invalid --soft-lock-stale-after '%1' (%2)")
                             .arg(parser.value(QStringLiteral("soft-lock-stale-after")), DurationText::expected()));
        request.options.softLockStaleAfter = *age;
    }
    request.watch = parser.isSet(QStringLiteral("watch"));
    request.breakStale = parser.isSet(QStringLiteral("break-stale"));
    if (request.breakStale && request.watch)
        return usage(QStringLiteral("--break-stale acts once: it cannot be used with --watch"));
    request.root = CliApplication::cacheDir(parser);
    request.rootGiven = parser.isSet(CliOptions::cacheDir());
    if (request.rootGiven && CliApplication::refuseLocalDir(request.root, context))
        return std::nullopt;
    request.localDirs = parser.values(QStringLiteral("local-dir"));
    if (parser.isSet(QStringLiteral("python"))) {
        request.pythonEnv = parser.value(QStringLiteral("python"));
        QString error;
        if (!request.python.read(request.pythonEnv, &error))
            return usage(error);
    }
    const QString onlyKind = parser.value(QStringLiteral("kind"));
    if (!onlyKind.isEmpty() && !CacheKinds::find(onlyKind))
        return usage(QStringLiteral("unknown cache kind '%1' (kinds: %2)").arg(onlyKind, CacheKinds::idList()));
    request.hubPart = onlyKind.isEmpty() || onlyKind == QLatin1String("hub");
    if (!request.hubPart && (!request.localDirs.isEmpty() || request.breakStale || request.rootGiven))
        return usage(QStringLiteral("--local-dir, --break-stale and --cache-dir are the hub cache's: they cannot be used with --kind %1")
                         .arg(onlyKind));
    if (onlyKind == QLatin1String("hub"))
        return request;
    HomePart home;
    home.onlyKind = onlyKind;
    if (parser.isSet(QStringLiteral("listen"))) {
        bool ok = false;
        const double seconds = parser.value(QStringLiteral("listen")).toDouble(&ok);
        if (!ok || seconds < 0 || seconds > 60)
            return usage(QStringLiteral("invalid --listen '%1' (seconds, 0 to 60)").arg(parser.value(QStringLiteral("listen"))));
        home.listenMs = int(seconds * 1000);
    }
    const HomeEnvironment env;
    if (!HomeRoots::resolve(parser, env, context, &home.locations))
        return std::nullopt;
    home.locations.removeIf([](const KindLocation &l) { return l.kindId == QLatin1String("hub"); });
    home.hfHome = QDir::cleanPath(QDir::current().absoluteFilePath(env.hub().hfHome));
    request.home = home;
    // Without --cache-dir, a machine may have the other caches and no hub cache yet.
    if (!request.rootGiven && request.localDirs.isEmpty() && !QFileInfo::exists(QFile::decodeName(request.root)))
        request.hubPart = false;
    return request;
}

// The other caches, scanned keeping only their lock files.
HomeSnapshotPtr scanHome(const LocksRequest &request)
{
    HomeScanOptions scanOptions;
    scanOptions.keepEntries = false;
    scanOptions.keepLockEntries = true;
    return HomeScan::run(request.home->hfHome, request.home->locations, scanOptions, request.home->onlyKind);
}

// The lock files of the other caches: one scan (`scanned`, or made now), one inspection.
// `procLocks`: /proc/locks as read for the hub cache's part of this sample; null: read it again.
HomeLocks::Result inspectHome(const LocksRequest &request, HomeSnapshotPtr scanned, const ProcLocks::Result *procLocks)
{
    const HomeSnapshotPtr snapshot = scanned ? std::move(scanned) : scanHome(request);
    HomeLocks::Options options;
    options.activity = request.options;
    options.activity.procLocksRead = procLocks;
    options.listenMs = request.home->listenMs;
    return HomeLocks::inspect(*snapshot, options);
}

// The files to watch, scanned again for each sample: lock files and temp files come and go while
// downloads run. false after printing why.
bool collect(const LocksRequest &request, ActivityTargets *targets, CliContext &context)
{
    ScanError error;
    const CacheSnapshotPtr snapshot = CacheScan::run(request.root, {}, {}, nullptr, &error);
    if (!snapshot && (request.localDirs.isEmpty() || request.rootGiven)) {
        CliApplication::printError(context, error.message());
        return false;
    }
    *targets = snapshot ? ActivityTargets::fromSnapshot(snapshot) : ActivityTargets();
    for (const QString &dir : request.localDirs) {
        QString dirError;
        if (!targets->addLocalDir(CliApplication::absolutePath(dir), &dirError)) {
            CliApplication::printError(context, dirError);
            return false;
        }
    }
    return true;
}

// One sample of `report`, as JSON or as the tables (with a header under --watch).
// `homeScanned`: the other caches as scanned for this sample already, or null.
void printReport(const ActivityReport &report, const LocksRequest &request, const NodeIdentity &node, CliContext &context,
                 const ProcLocks::Result *procLocks = nullptr, HomeSnapshotPtr homeScanned = {})
{
    const std::optional<HomeLocks::Result> home = request.home ? std::optional(inspectHome(request, std::move(homeScanned), procLocks))
                                                               : std::nullopt;
    if (context.output.json()) {
        printJson(report, request.root, request.sharedGroup, node, context.output, request.home ? &*request.home : nullptr, home ? &*home : nullptr,
                  request.pythonEnv, request.python);
        return;
    }
    QString header;
    if (request.watch) {
        context.output.newScreen();
        header = QStringLiteral("hfcache locks -- ") + QDateTime::currentDateTime().toString(Qt::ISODate)
                 + QStringLiteral(" (Ctrl+C to stop)\n\n");
    }
    QString text = header;
    if (request.hubPart)
        text += QString::fromUtf8(humanText(report, request.root, request.sharedGroup));
    context.output.print(text);
    if (home)
        HomeLocksOutput::print(context.output, *home, request.home->listenMs);
    if (!request.pythonEnv.isEmpty())
        context.output.print(HomeLocksOutput::pythonText(request.pythonEnv, request.python));
}

// --watch: a sample every interval until Ctrl+C, each with the rates since the one before.
int watch(ActivityReport report, ActivityTargets targets, const LocksRequest &request, const NodeIdentity &node,
          CliContext &context)
{
    g_stop = false;
    auto previousHandler = std::signal(SIGINT, [](int) { g_stop = true; });
    while (!g_stop) {
        printReport(report, request, node, context);
        context.output.flush();
        for (int waited = 0; waited < int(request.interval * 1000) && !g_stop; waited += 100)
            QThread::msleep(100);
        if (g_stop || (request.hubPart && !collect(request, &targets, context)))
            break;
        CacheActivity::Options options = request.options;
        const ActivityReport previous = report;
        options.previous = &previous;
        report = CacheActivity::inspect(targets, options);
    }
    std::signal(SIGINT, previousHandler);
    return ExitOk;
}

} // namespace


void LocksCommand::addOptions(QCommandLineParser &parser) const
{
    parser.addOption(CliOptions::cacheDir());
    parser.addOptions({
        {QStringLiteral("local-dir"), QStringLiteral("Also show the locks and downloads of a local_dir download folder; "
                                                     "repeatable."), QStringLiteral("DIR")},
        {QStringLiteral("watch"), QStringLiteral("Refresh in place until interrupted.")},
        {QStringLiteral("interval"), QStringLiteral("Seconds between refreshes with --watch (default 2)."), QStringLiteral("SECONDS")},
        {QStringLiteral("soft-lock-stale-after"), QStringLiteral("Also call a soft lock (SoftFileLock marker) stale when it is "
                                                                 "older than AGE (30m, 12h, 2d), whoever holds it."), QStringLiteral("AGE")},
        {QStringLiteral("merge"), QStringLiteral("Merge the --json outputs of many nodes (files given as arguments, '-' or "
                                                 "none for standard input; lines prefixed 'node: ' by pdsh, clush or "
                                                 "srun --label are regrouped) into one table.")},
        {QStringLiteral("break-stale"), QStringLiteral("Remove the stale soft locks, each re-checked and broken as filelock "
                                                       "does (rename, check, unlink).")},
    });
    parser.addOption(HomeRoots::rootOption());
    parser.addOptions({
        {QStringLiteral("kind"), QStringLiteral("Only the lock files of one cache kind: %1.").arg(CacheKinds::idList()),
         QStringLiteral("KIND")},
        {QStringLiteral("listen"), QStringLiteral("Seconds to listen for processes opening a held lock file of the other caches "
                                                  "(Python filelock's waiters poll; as root, default 0.3; 0: do not)."),
         QStringLiteral("SECONDS")},
        {QStringLiteral("python"), QStringLiteral("Also read the versions of evaluate, datasets, filelock, huggingface_hub and "
                                                  "sentence-transformers installed in this virtualenv or site-packages "
                                                  "folder (their METADATA; nothing is run) and name known-bad combinations."),
         QStringLiteral("ENV")},
    });
    parser.addOption(CliOptions::json());
}

int LocksCommand::run(const QCommandLineParser &parser, CliContext &context) const
{
    if (parser.isSet(QStringLiteral("merge"))) {
        if (parser.isSet(QStringLiteral("watch")) || parser.isSet(QStringLiteral("break-stale"))) {
            CliApplication::printError(context, QStringLiteral("--merge reads reports: it cannot be used with --watch or --break-stale"));
            return ExitUsage;
        }
        return printMerged(parser.positionalArguments(), context);
    }
    std::optional<LocksRequest> request = parseRequest(parser, context);
    if (!request)
        return ExitUsage;
    // Read while the hub cache is collected: a read can wait several ms for the kernel.
    std::future<ProcLocks::Result> procLocksRead = std::async(std::launch::async, ProcLocks::read, request->options.procLocks);
    // The other caches are walked meanwhile too: their walk is most of a sample's time.
    std::future<HomeSnapshotPtr> homeScan;
    if (request->home && !request->breakStale && !request->watch)
        homeScan = std::async(std::launch::async, scanHome, std::cref(*request));
    const NodeIdentity node = NodeIdentity::of(request->root, request->options.hostName);
    // Where flock fails, filelock falls back to SoftFileLock: every lock file there is a marker.
    request->options.emptyLocksAreSoft = node.filesystem.lockScope == FilesystemFacts::LockScope::None;

    ActivityTargets targets;
    if (request->hubPart && !collect(*request, &targets, context))
        return ExitUsage;
    struct stat rootStat;
    if (request->hubPart && ::stat(request->root.constData(), &rootStat) == 0) {
        if (const std::optional<quint32> group = SharedGroupRule::sharedGroup(EntryStat::fromStat(rootStat))) {
            request->sharedGroup = *group;
            request->options.groupMembers = GroupMembers::of(*group);
        }
    }
    const ProcLocks::Result procLocks = procLocksRead.get();
    CacheActivity::Options sampleOptions = request->options;
    sampleOptions.procLocksRead = &procLocks;  // the other caches' part of this sample shares it
    ActivityReport report = CacheActivity::inspect(targets, sampleOptions);
    if (request->breakStale)
        return breakStale(report, request->options, context);
    if (request->watch)
        return watch(report, targets, *request, node, context);
    const ProcLocks::Result *sampleProcLocks = &procLocks;
    if (!report.downloads.isEmpty()) {
        // A second sample a second later gives the download rates.
        QThread::msleep(1000);
        CacheActivity::Options options = request->options;
        options.previous = &report;
        report = CacheActivity::inspect(targets, options);
        sampleProcLocks = nullptr;  // read again by that sample: the other caches' part reads it again too
    }
    printReport(report, *request, node, context, sampleProcLocks, homeScan.valid() ? homeScan.get() : HomeSnapshotPtr());
    return ExitOk;
}

} // namespace hfcache
