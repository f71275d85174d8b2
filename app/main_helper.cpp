// hfcache-helper: applies one repair plan as root. Started by hfcache through pkexec (polkit
// action io.github.hfcache.repair), `sudo -n`, or directly by root; never installed setuid.
//
//   stdin   one JSON plan (RepairPlan), at most 64 MiB
//   stdout  JSON lines: {"event":"validated",...}, {"event":"result",...} per operation,
//           {"event":"progress",...} every 1000 operations, {"event":"done",...} or {"event":"refused",...}
//   exit    0 everything applied; 1 applied, but some operations failed (see their results);
//           2 usage; 3 plan refused, nothing changed; 4 not root, or the invoking user is unknown
#include "repair/RepairExecutor.h"
#include "repair/RepairInvoker.h"
#include "repair/RepairPlan.h"
#include "util/PathText.h"

#include <QByteArray>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <sys/stat.h>
#include <syslog.h>
#include <unistd.h>

using namespace hfcache;

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
    }
    ~ChangeLog() { flush(); }
    void add(const QByteArray &change)
    {
        if (m_pending.size() + change.size() > 1500)
            flush();
        m_pending += (m_pending.isEmpty() ? QByteArray() : QByteArray("; ")) + change;
    }
    void note(const QByteArray &text) { ::syslog(LOG_NOTICE, "%s%s", m_prefix.constData(), text.constData()); }
    void flush()
    {
        if (!m_pending.isEmpty())
            note(m_pending);
        m_pending.clear();
    }

private:
    QByteArray m_prefix;
    QByteArray m_pending;
};

int refuse(const QString &error)
{
    JsonLine("refused").field("error", error).print();
    std::fprintf(stderr, "hfcache-helper: %s\n", error.toLocal8Bit().constData());
    return ExitRefused;
}

bool readBounded(int fd, qsizetype limit, QByteArray *out)
{
    char chunk[1 << 16];
    for (;;) {
        const ssize_t n = ::read(fd, chunk, sizeof chunk);
        if (n == 0)
            return true;
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return false;
        }
        if (out->size() + n > limit)
            return false;
        out->append(chunk, n);
    }
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

    if (argc > 1) {
        const bool help = std::strcmp(argv[1], "--help") == 0;
        std::fprintf(help ? stdout : stderr,
                     "Usage: hfcache-helper < plan.json\n"
                     "Applies one hfcache repair plan as root (started by hfcache through pkexec or sudo).\n"
                     "Exit status: 0 applied, 1 some operations failed, 2 usage, 3 plan refused "
                     "(nothing changed), 4 not root or unknown invoking user.\n");
        return help ? ExitApplied : ExitUsage;
    }
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

    QByteArray json;
    if (!readBounded(STDIN_FILENO, RepairPlan::kMaxJsonBytes, &json))
        return refuse(QStringLiteral("cannot read the plan from stdin, or it is larger than %1 bytes")
                          .arg(RepairPlan::kMaxJsonBytes));
    RepairPlan plan;
    QString error;
    if (!RepairPlan::fromJson(json, &plan, &error))
        return refuse(error);
    json.clear();
    RepairExecutor executor(plan, invoker);
    if (!executor.preflight(&error))
        return refuse(error);

    const qsizetype total = plan.operations.size();
    JsonLine("validated").field("root", plan.root).field("operations", total).field("uid", qint64(invoker.uid)).print();
    ChangeLog changeLog(invoker.uid, PathText::display(plan.root).toUtf8());
    const RepairExecutor::Summary summary = executor.apply([&](const RepairExecutor::Result &result) {
        const RepairOperation &op = plan.operations[result.index];
        QByteArray pathJson;  // escaped once, for stdout and for syslog (no control bytes in either)
        PathText::appendJsonString(pathJson, op.path);
        const QByteArray kind = op.kindName().toLatin1();
        JsonLine line("result");
        line.field("index", qint64(result.index))
            .field("op", kind)
            .jsonField("path", pathJson)
            .field("status", RepairExecutor::statusName(result.status));
        if (!result.before.isEmpty())
            line.field("before", result.before.toLatin1()).field("after", result.after.toLatin1());  // digits
        if (!result.error.isEmpty())
            line.field("error", result.error);
        line.print();
        if (result.status == RepairExecutor::Status::Changed)
            changeLog.add(kind + ' ' + pathJson + ' ' + result.before.toLatin1() + " -> "
                          + result.after.toLatin1());
        if ((result.index + 1) % 1000 == 0)
            JsonLine("progress").field("done", qint64(result.index + 1)).field("total", qint64(total)).print();
    });
    changeLog.flush();
    changeLog.note(QByteArray::number(summary.changed) + " changed, " + QByteArray::number(summary.unchanged)
                   + " unchanged, " + QByteArray::number(summary.failed) + " failed");
    JsonLine("done")
        .field("changed", qint64(summary.changed))
        .field("unchanged", qint64(summary.unchanged))
        .field("failed", qint64(summary.failed))
        .print();
    return summary.failed ? ExitSomeFailed : ExitApplied;
}
