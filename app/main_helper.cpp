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
    explicit JsonLine(const char *event) { m_line = QByteArray("{\"event\":\"") + event + '"'; }
    JsonLine &field(const char *key, const QByteArray &raw)
    {
        m_line += QByteArray(",\"") + key + "\":";
        PathText::appendJsonString(m_line, raw);
        return *this;
    }
    JsonLine &field(const char *key, const QString &text) { return field(key, text.toUtf8()); }
    JsonLine &field(const char *key, qint64 number)
    {
        m_line += QByteArray(",\"") + key + "\":" + QByteArray::number(number);
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
    ::openlog("hfcache-helper", LOG_PID, LOG_AUTHPRIV);
    const QByteArray rootText = PathText::display(plan.root).toUtf8();
    const RepairExecutor::Summary summary = executor.apply([&](const RepairExecutor::Result &result) {
        const RepairOperation &op = plan.operations[result.index];
        JsonLine line("result");
        line.field("index", qint64(result.index))
            .field("op", op.kindName())
            .field("path", op.path)
            .field("status", RepairExecutor::statusName(result.status));
        if (!result.before.isEmpty())
            line.field("before", result.before).field("after", result.after);
        if (!result.error.isEmpty())
            line.field("error", result.error);
        line.print();
        if (result.status == RepairExecutor::Status::Changed)
            ::syslog(LOG_NOTICE, "for uid %u in %s: %s %s: %s -> %s", invoker.uid, rootText.constData(),
                     op.kindName().toUtf8().constData(), PathText::display(op.path).toUtf8().constData(),
                     result.before.toUtf8().constData(), result.after.toUtf8().constData());
        if ((result.index + 1) % 1000 == 0)
            JsonLine("progress").field("done", qint64(result.index + 1)).field("total", qint64(total)).print();
    });
    ::syslog(LOG_NOTICE, "for uid %u in %s: %lld changed, %lld unchanged, %lld failed", invoker.uid, rootText.constData(),
             qint64(summary.changed), qint64(summary.unchanged), qint64(summary.failed));
    JsonLine("done")
        .field("changed", qint64(summary.changed))
        .field("unchanged", qint64(summary.unchanged))
        .field("failed", qint64(summary.failed))
        .print();
    return summary.failed ? ExitSomeFailed : ExitApplied;
}
