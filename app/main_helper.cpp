// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
// hfcache-helper: applies one repair plan as root. Started by hfcache through pkexec (polkit
// action io.github.hfcache.repair; with --take-ownership, io.github.hfcache.repair.take-ownership),
// `sudo -n`, or directly by root; never installed setuid. What it does for whom: RepairAuthorization.
//
//   args    none, or --take-ownership: may also give the invoker entries of others (always an
//           administrator's password through polkit)
//   stdin   one JSON plan (RepairPlan), at most 64 MiB
//   stdout  JSON lines (one JSON object each):
//             {"event":"validated","root":R,"operations":N,"uid":U,"mode":M}  the whole plan passed
//                 its checks (M: repair or take-ownership)
//             {"event":"result","index":I,"op":K,"path":P,"status":"failed","error":E}  per failure only
//             {"event":"progress","done":D,"total":N,"statuses":"c998u1f1"}  every 1000 operations and
//                 at the end: the statuses of operations [previous done, D) in order, run-length
//                 encoded (c changed, u unchanged, f failed, each followed by its count)
//             {"event":"done","changed":C,"unchanged":U,"failed":F}, or {"event":"refused","error":E}
//   exit    0 everything applied; 1 applied, but some operations failed (see their results);
//           2 usage; 3 plan refused, nothing changed; 4 not root, or the invoking user is unknown
#include "repair/RepairAuthorization.h"
#include "repair/RepairExecutor.h"
#include "repair/RepairInvoker.h"
#include "repair/RepairPlan.h"
#include "util/PathText.h"

#include <QByteArray>
#include <QList>
#include <QLoggingCategory>

#include <algorithm>
#include <csignal>
#include <optional>
#include <utility>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <sys/stat.h>
#include <syslog.h>
#include <unistd.h>

using namespace hfcache;

// "hfcache.helper": whom the helper acts for and what came of it. The helper clears its environment,
// so QT_LOGGING_RULES never reaches it: root's /etc/xdg/QtProject/qtlogging.ini turns it on.
Q_LOGGING_CATEGORY(lcHelper, "hfcache.helper", QtInfoMsg)

namespace {

enum HelperExit { ExitApplied = 0, ExitSomeFailed = 1, ExitUsage = 2, ExitRefused = 3, ExitNotPermitted = 4 };

// One JSON object per line, written as soon as it is complete so a GUI can show progress.
class JsonLine
{
public:
    explicit JsonLine(const char *event)
    {
        m_line.reserve(256);
        m_line.append("{\"event\":\"").append(event).append('"');
    }
    JsonLine &field(const char *key, const QByteArray &raw)
    {
        m_line.append(",\"").append(key).append("\":");
        PathText::appendJsonString(m_line, raw);
        return *this;
    }
    JsonLine &field(const char *key, const QString &text) { return field(key, text.toUtf8()); }
    JsonLine &jsonField(const char *key, const QByteArray &json)
    {
        m_line.append(",\"").append(key).append("\":").append(json);
        return *this;
    }
    JsonLine &field(const char *key, qint64 number)
    {
        m_line.append(",\"").append(key).append("\":").append(QByteArray::number(number));
        return *this;
    }
    void print()
    {
        m_line += "}\n";
        std::fwrite(m_line.constData(), 1, size_t(m_line.size()), stdout);
        std::fflush(stdout);  // a pipe is block-buffered: the client would see progress in bursts
    }

private:
    QByteArray m_line;
};

// What changed goes to syslog (authpriv), several changes per message: one message per entry
// would cost more than the change itself on a 100k-entry cache.
class ChangeLog
{
public:
    ChangeLog(quint32 uid, const QByteArray &root) : m_prefix("for uid " + QByteArray::number(uid) + " in " + root + ": ")
    {
        ::openlog("hfcache-helper", LOG_PID | LOG_NDELAY, LOG_AUTHPRIV);
        m_pending.reserve(8192);
    }
    ~ChangeLog() { flush(); }
    // "<kind> <target> <path as JSON>", appended in place (no allocation per change).
    void add(const RepairOperation &op)
    {
        if (m_pending.size() > 7000)  // under rsyslog's default 8 KiB message limit
            flush();
        if (!m_pending.isEmpty())
            m_pending.append("; ");
        m_pending.append(kindName(op.kind)).append(' ');
        op.appendTargetText(m_pending);
        m_pending.append(' ');
        PathText::appendJsonString(m_pending, op.path);
    }
    void note(const QByteArray &text) { ::syslog(LOG_NOTICE, "%s%s", m_prefix.constData(), text.constData()); }
    void flush()
    {
        if (!m_pending.isEmpty())
            note(m_pending);
        m_pending.resize(0);  // keeps the buffer
    }

private:
    static const QByteArray &kindName(RepairOperation::Kind kind)
    {
        using Kind = RepairOperation::Kind;
        static const QList<QByteArray> names = [] {
            QList<QByteArray> list;
            for (int k = 0; k <= int(Kind::RemoveIncomplete); ++k)
                list << RepairOperation::kindName(Kind(k)).toLatin1();
            return list;
        }();
        return names[int(kind)];
    }

    QByteArray m_prefix;
    QByteArray m_pending;
};

// The statuses of consecutive operations as "c998u1f1": a 100k-operation repair reports in
// a hundred short lines instead of 100k.
class StatusRuns
{
public:
    void add(RepairExecutor::Status status)
    {
        const char letter = status == RepairExecutor::Status::Changed     ? 'c'
                            : status == RepairExecutor::Status::Unchanged ? 'u'
                                                                          : 'f';
        if (letter != m_letter)
            close();
        m_letter = letter;
        ++m_count;
    }
    QByteArray take()
    {
        close();
        return std::exchange(m_runs, {});
    }

private:
    void close()
    {
        if (m_count)
            m_runs.append(m_letter).append(QByteArray::number(m_count));
        m_count = 0;
    }
    QByteArray m_runs;
    char m_letter = 0;
    qint64 m_count = 0;
};

int refuse(const QString &error)
{
    JsonLine("refused").field("error", error).print();
    std::fprintf(stderr, "hfcache-helper: %s\n", hfcache::PathText::terminalText(error).toUtf8().constData());
    return ExitRefused;
}

bool readBounded(int fd, qsizetype limit, QByteArray *out)
{
    // Read straight into the buffer, doubling it: a 100k-operation plan is about 13 MB.
    qsizetype size = 0;
    out->resize(1 << 20);
    for (;;) {
        if (size == out->size()) {
            if (size > limit)
                return false;
            out->resize(std::min(size * 2, limit + 1));
        }
        const ssize_t n = ::read(fd, out->data() + size, size_t(out->size() - size));
        if (n == 0) {
            out->resize(size);
            return size <= limit;
        }
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return false;
        }
        size += n;
    }
}

// The arguments: the mode, or nullopt with *status after printing the usage.
std::optional<RepairAuthorization::Mode> parseArguments(int argc, char *argv[], int *status)
{
    if (argc == 2 && std::strcmp(argv[1], RepairAuthorization::kTakeOwnershipArgument) == 0)
        return RepairAuthorization::Mode::TakeOwnership;
    if (argc <= 1)
        return RepairAuthorization::Mode::Repair;
    const bool help = std::strcmp(argv[1], "--help") == 0;
    std::fprintf(help ? stdout : stderr,
                 "Usage: hfcache-helper [--take-ownership] < plan.json\n"
                 "Applies one hfcache repair plan as root (started by hfcache through pkexec or sudo).\n"
                 "--take-ownership also gives you entries of other users in your own cache (its own\n"
                 "polkit action, io.github.hfcache.repair.take-ownership).\n"
                 "Exit status: 0 applied, 1 some operations failed, 2 usage, 3 plan refused "
                 "(nothing changed), 4 not root or unknown invoking user.\n");
    *status = help ? ExitApplied : ExitUsage;
    return std::nullopt;
}

// The apply step: every operation of the validated plan, each change in the change log, the
// failures one JSON line each and the progress every kBatch operations on stdout.
RepairExecutor::Summary applyReporting(RepairExecutor &executor, const RepairPlan &plan, const RepairInvoker &invoker,
                                       RepairAuthorization::Mode mode)
{
    const qsizetype total = plan.operations.size();
    JsonLine("validated")
        .field("root", plan.root)
        .field("operations", total)
        .field("uid", qint64(invoker.uid))
        .field("mode", RepairAuthorization::modeName(mode))
        .print();
    ChangeLog changeLog(invoker.uid, PathText::display(plan.root).toUtf8() + " (" + RepairAuthorization::modeName(mode).toLatin1() + ')');
    StatusRuns runs;
    constexpr qsizetype kBatch = 1000;
    executor.setDescribeResults(false);
    const RepairExecutor::Summary summary = executor.apply([&](const RepairExecutor::Result &result) {
        const RepairOperation &op = plan.operations[result.index];
        runs.add(result.status);
        if (result.status == RepairExecutor::Status::Changed) {
            changeLog.add(op);
        } else if (result.status == RepairExecutor::Status::Failed) {
            QByteArray pathJson;
            PathText::appendJsonString(pathJson, op.path);
            JsonLine("result")
                .field("index", qint64(result.index))
                .field("op", op.kindName())
                .jsonField("path", pathJson)
                .field("status", QByteArray("failed"))
                .field("error", result.error)
                .print();
        }
        if ((result.index + 1) % kBatch == 0 || result.index + 1 == total)
            JsonLine("progress")
                .field("done", qint64(result.index + 1))
                .field("total", qint64(total))
                .field("statuses", runs.take())
                .print();
    });
    changeLog.flush();
    changeLog.note(QByteArray::number(summary.changed) + " changed, " + QByteArray::number(summary.unchanged)
                   + " unchanged, " + QByteArray::number(summary.failed) + " failed");
    return summary;
}

} // namespace

int main(int argc, char *argv[])
{
    // Who asked, then a clean environment before anything (Qt included) could read it.
    const QByteArray pkexecUid = qgetenv("PKEXEC_UID");
    const QByteArray sudoUid = qgetenv("SUDO_UID");
    ::clearenv();
    ::setenv("PATH", "/usr/sbin:/usr/bin:/sbin:/bin", 1);
    ::setenv("LC_ALL", "C", 1);
    ::umask(022);
    std::signal(SIGPIPE, SIG_IGN);  // a client that stops reading must not stop a repair halfway

    int status = ExitUsage;
    const std::optional<RepairAuthorization::Mode> mode = parseArguments(argc, argv, &status);
    if (!mode)
        return status;
    if (::geteuid() != 0) {
        std::fprintf(stderr, "hfcache-helper: must run as root (hfcache starts it through pkexec or sudo)\n");
        return ExitNotPermitted;
    }
    RepairInvoker invoker;
    if (!RepairInvoker::fromLauncher(pkexecUid.constData(), sudoUid.constData(), &invoker)) {
        std::fprintf(stderr, "hfcache-helper: cannot identify the invoking user (PKEXEC_UID=%s SUDO_UID=%s)\n",
                     pkexecUid.constData(), sudoUid.constData());
        return ExitNotPermitted;
    }

    qCDebug(lcHelper) << "invoked by uid" << invoker.uid << "for" << RepairAuthorization::modeName(*mode);
    QByteArray json;
    if (!readBounded(STDIN_FILENO, RepairPlan::kMaxJsonBytes, &json))
        return refuse(QStringLiteral("cannot read the plan from stdin, or it is larger than %1 bytes")
                          .arg(RepairPlan::kMaxJsonBytes));
    RepairPlan plan;
    QString error;
    if (!RepairPlan::fromJson(json, &plan, &error))
        return refuse(error);
    json.clear();
    RepairExecutor executor(plan, invoker, *mode);
    if (!executor.preflight(&error))
        return refuse(error);

    const RepairExecutor::Summary summary = applyReporting(executor, plan, invoker, *mode);
    JsonLine("done")
        .field("changed", qint64(summary.changed))
        .field("unchanged", qint64(summary.unchanged))
        .field("failed", qint64(summary.failed))
        .print();
    qCDebug(lcHelper) << summary.changed << "changed," << summary.unchanged << "unchanged," << summary.failed << "failed";
    return summary.failed ? ExitSomeFailed : ExitApplied;
}
