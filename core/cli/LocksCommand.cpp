#include "LocksCommand.h"

#include "CliOptions.h"
#include "CliApplication.h"
#include "CliOutput.h"
#include "SnapshotJson.h"
#include "TextTable.h"
#include "activity/CacheActivity.h"
#include "audit/AccessCheck.h"
#include "cache/CacheScan.h"
#include "util/HumanFormat.h"
#include "util/JsonWriter.h"
#include "util/PathText.h"
#include "util/PathPrefix.h"

#include <QDateTime>
#include <QFile>
#include <QThread>

#include <csignal>
#include <unistd.h>

namespace hfcache {

namespace {

std::atomic_bool g_stop{false};

// Why a held lock shows no waiter although huggingface_hub processes wait on it.
const char kWaitersNote[] = "Waiters of Python's filelock (huggingface_hub) cannot be listed: it polls with LOCK_NB and "
                            "closes the file between attempts, so it never queues in /proc/locks; only processes "
                            "blocked in flock() or holding the file open show as waiting.";

// Paths inside the cache are shown relative to it; local_dir paths in full.
QString shownPath(const QByteArray &path, const QByteArray &root)
{
    return PathText::display(PathPrefix::isUnder(path, root) ? path.mid(root.size() + 1) : path);
}

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

QByteArray humanText(const ActivityReport &report, const QByteArray &root)
{
    const qint64 now = report.sampledAtMs / 1000;
    QByteArray text;
    char *buffer = nullptr;
    size_t length = 0;
    FILE *out = open_memstream(&buffer, &length);
    TextTable locks({QStringLiteral("LOCK FILE"), QStringLiteral("REPO"), QStringLiteral("STATE"), QStringLiteral("OWNER"),
                     QStringLiteral("MODE"), QStringLiteral("WRITABLE"), QStringLiteral("HOLDER")});
    int held = 0;
    for (const LockFileState &lock : report.locks) {
        held += lock.held;
        QString holder = holdersText(lock.holders, now);
        if (!lock.waiters.isEmpty())
            holder += QStringLiteral("%1waiting: %2").arg(holder.isEmpty() ? QString() : QStringLiteral("; "),
                                                          holdersText(lock.waiters, now));
        locks.addRow({shownPath(lock.file.path, root), lock.file.repoId, lock.held ? QStringLiteral("held") : QStringLiteral("free"),
                      UserIdentity::userName(lock.file.stat.uid), AccessCheck::octal(lock.file.stat.permissions()),
                      lock.writable ? QStringLiteral("yes") : QStringLiteral("NO"), holder});
    }
    if (!report.locks.isEmpty())
        locks.print(out);
    if (!report.downloads.isEmpty()) {
        CliOutput::write(out, QStringLiteral("\n"));
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
        downloads.print(out);
    }
    std::fclose(out);
    text = QByteArray(buffer, qsizetype(length));
    std::free(buffer);
    text += QStringLiteral("\n%1 lock file(s), %2 held; %3 download(s) in progress or interrupted.\n")
                .arg(report.locks.size()).arg(held).arg(report.downloads.size()).toUtf8();
    if (held > 0)
        text += QByteArray(kWaitersNote) + '\n';
    if (report.locks.size() > held)
        text += "A free lock file is normal: filelock keeps lock files after use. Do not delete one that someone may\n"
                "wait on (holders and waiters would end up on two different files); fix its mode instead.\n";
    if (!report.procLocksError.isEmpty())
        text += QStringLiteral("Lock states unknown: %1\n").arg(report.procLocksError).toUtf8();
    if (report.unreadableProcesses > 0)
        text += QStringLiteral("%1 process(es) could not be inspected%2.\n")
                    .arg(report.unreadableProcesses)
                    .arg(::geteuid() == 0 ? QString() : QStringLiteral(" (run as root to see every user of the cache)"))
                    .toUtf8();
    return text;
}

void writeProcesses(JsonWriter &json, const char *key, const QList<ProcessInfo> &list)
{
    json.key(key);
    json.beginArray();
    for (const ProcessInfo &p : list) {
        json.beginObject();
        json.field("pid", p.pid);
        json.key("process");
        if (p.exists)
            json.value(p.name);
        else
            json.null();
        json.field("cmdline", p.cmdline);
        json.field("user", p.exists ? p.user : QString());
        SnapshotJson::writeTime(json, "started", p.startTime);
        json.endObject();
    }
    json.endArray();
}

void printJson(const ActivityReport &report, const QByteArray &root, FILE *out)
{
    JsonWriter json(out);
    json.beginObject();
    json.field("cache_dir", root);
    json.key("locks");
    json.beginArray();
    for (const LockFileState &lock : report.locks) {
        json.beginObject();
        json.field("path", lock.file.path);
        json.field("repo_id", lock.file.repoId);
        json.field("state", lock.held ? "held" : "free");
        writeProcesses(json, "holders", lock.holders);
        writeProcesses(json, "waiters", lock.waiters);
        json.field("owner", UserIdentity::userName(lock.file.stat.uid));
        json.field("mode", AccessCheck::octal(lock.file.stat.permissions()));
        json.field("writable", lock.writable);
        json.endObject();
    }
    json.endArray();
    json.key("downloads");
    json.beginArray();
    for (const DownloadState &d : report.downloads) {
        json.beginObject();
        json.field("path", d.file.path);
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
        writeProcesses(json, "writers", d.writers);
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
    json.endObject();
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
    });
    parser.addOption(CliOptions::json());
}

int LocksCommand::run(const QCommandLineParser &parser, CliContext &context) const
{
    if (!parser.positionalArguments().isEmpty()) {
        CliApplication::printError(context, QStringLiteral("locks takes no arguments (did you mean --cache-dir?)"));
        return ExitUsage;
    }
    bool intervalOk = true;
    const double interval = parser.isSet(QStringLiteral("interval")) ? parser.value(QStringLiteral("interval")).toDouble(&intervalOk) : 2.0;
    if (!intervalOk || interval < 0.1) {
        CliApplication::printError(context, QStringLiteral("invalid --interval '%1' (seconds, at least 0.1)")
                                                .arg(parser.value(QStringLiteral("interval"))));
        return ExitUsage;
    }
    const QByteArray root = CliApplication::cacheDir(parser);
    if (parser.isSet(CliOptions::cacheDir()) && CliApplication::refuseLocalDir(root, context))
        return ExitUsage;
    const QStringList localDirs = parser.values(QStringLiteral("local-dir"));
    const bool watch = parser.isSet(QStringLiteral("watch"));
    const bool json = parser.isSet(CliOptions::json());

    // Each round rescans: lock files and temp files come and go while downloads run.
    auto collect = [&](ActivityTargets *targets) -> bool {
        ScanError error;
        const CacheSnapshotPtr snapshot = CacheScan::run(root, {}, {}, nullptr, &error);
        if (!snapshot && (localDirs.isEmpty() || parser.isSet(CliOptions::cacheDir()))) {
            CliApplication::printError(context, error.message());
            return false;
        }
        *targets = snapshot ? ActivityTargets::fromSnapshot(snapshot) : ActivityTargets();
        for (const QString &dir : localDirs) {
            QString dirError;
            if (!targets->addLocalDir(CliApplication::absolutePath(dir), &dirError)) {
                CliApplication::printError(context, dirError);
                return false;
            }
        }
        return true;
    };

    ActivityTargets targets;
    if (!collect(&targets))
        return ExitUsage;
    ActivityReport report = CacheActivity::inspect(targets);
    if (!watch && !report.downloads.isEmpty()) {
        // A second sample a second later gives the download rates.
        QThread::msleep(1000);
        CacheActivity::Options options;
        options.previous = &report;
        report = CacheActivity::inspect(targets, options);
    }
    if (!watch) {
        if (json)
            printJson(report, root, context.out);
        else
            CliOutput::write(context.out, QString::fromUtf8(humanText(report, root)));
        return ExitOk;
    }

    g_stop = false;
    auto previousHandler = std::signal(SIGINT, [](int) { g_stop = true; });
    while (!g_stop) {
        if (json) {
            printJson(report, root, context.out);
        } else {
            CliOutput::writeControl(context.out, context.outIsTerminal ? "\033[H\033[2J" : "\n");
            const QString stamp = QDateTime::currentDateTime().toString(Qt::ISODate);
            CliOutput::write(context.out, QStringLiteral("hfcache locks -- ") + stamp + QStringLiteral(" (Ctrl+C to stop)\n\n")
                                              + QString::fromUtf8(humanText(report, root)));
        }
        std::fflush(context.out);
        for (int waited = 0; waited < int(interval * 1000) && !g_stop; waited += 100)
            QThread::msleep(100);
        if (g_stop || !collect(&targets))
            break;
        CacheActivity::Options options;
        const ActivityReport previous = report;
        options.previous = &previous;
        report = CacheActivity::inspect(targets, options);
    }
    std::signal(SIGINT, previousHandler);
    return ExitOk;
}

} // namespace hfcache
