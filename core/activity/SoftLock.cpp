// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "SoftLock.h"

#include "ProcFile.h"
#include "util/PathText.h"
#include "util/SystemError.h"
#include "util/UniqueFd.h"

#include <QList>
#include <QRandomGenerator>

#include <array>
#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace hfcache {

namespace {

constexpr qsizetype kMaxMarker = 1024;  // filelock's _MAX_LOCK_FILE_SIZE

// A decimal number as 32-bit limbs, least significant first; empty when not a number.
std::vector<quint32> bigDecimal(const QByteArray &digits)
{
    std::vector<quint32> limbs;
    for (const char c : digits) {
        if (c < '0' || c > '9')
            return {};
        quint64 carry = quint64(c - '0');
        for (quint32 &limb : limbs) {
            const quint64 v = quint64(limb) * 10 + carry;
            limb = quint32(v);
            carry = v >> 32;
        }
        if (carry)
            limbs.push_back(quint32(carry));
    }
    return limbs;
}

quint32 limb(const std::vector<quint32> &limbs, size_t i)
{
    return i < limbs.size() ? limbs[i] : 0;
}

// /proc/<pid>/stat field 22 (starttime, clock ticks since boot); -1 when the process is gone.
qint64 startTime(const QByteArray &procRoot, qint64 pid)
{
    QByteArray stat;
    if (ProcFile::readAll(AT_FDCWD, (procRoot + '/' + QByteArray::number(pid) + "/stat").constData(), &stat) != 0)
        return -1;
    const QList<QByteArray> fields = stat.mid(stat.lastIndexOf(')') + 1).simplified().split(' ');
    bool ok = false;
    const qint64 value = fields.value(19).toLongLong(&ok);  // the 20th field after the comm
    return ok ? value : -1;
}

// The boot id as the 4 limbs filelock folds above bit 64; empty when unreadable.
std::vector<quint32> bootIdLimbs(const QByteArray &procRoot)
{
    QByteArray text;
    if (ProcFile::readAll(AT_FDCWD, (procRoot + "/sys/kernel/random/boot_id").constData(), &text) != 0)
        return {};
    const QByteArray hex = text.trimmed().replace('-', "");
    if (hex.size() != 32)
        return {};
    std::vector<quint32> limbs(4);
    for (int i = 0; i < 4; ++i) {
        bool ok = false;
        limbs[size_t(3 - i)] = hex.mid(i * 8, 8).toUInt(&ok, 16);
        if (!ok)
            return {};
    }
    return limbs;
}

} // namespace

SoftLock SoftLock::parse(const QByteArray &content)
{
    SoftLock lock;
    if (content.isEmpty()) {
        lock.format = Format::Empty;
        return lock;
    }
    lock.format = Format::Malformed;
    if (content.size() > kMaxMarker)
        return lock;
    const QList<QByteArray> lines = content.trimmed().split('\n');
    bool ok = false;
    const qint64 pid = lines.value(0).trimmed().toLongLong(&ok);
    if (!ok || pid < 1 || pid > 0x7fffffff || lines.size() > 3)
        return lock;
    lock.pid = pid;
    if (lines.size() == 1) {
        lock.format = Format::Pid;
        return lock;
    }
    const QString host = QString::fromUtf8(lines[1].trimmed());
    if (host.isEmpty())
        return lock;
    if (lines.size() == 3) {
        const QByteArray token = lines[2].trimmed();
        if (bigDecimal(token).empty() && token != "0")
            return lock;
        lock.startToken = token;
    }
    lock.host = host;
    lock.format = lines.size() == 3 ? Format::PidHostToken : Format::PidHost;
    return lock;
}

bool SoftLock::read(const QByteArray &path, SoftLock *lock)
{
    UniqueFd fd(::open(path.constData(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC));
    struct stat st;
    if (!fd.isValid() || ::fstat(fd.get(), &st) != 0 || !S_ISREG(st.st_mode))
        return false;
    QByteArray content(kMaxMarker + 1, Qt::Uninitialized);
    qsizetype got = 0;
    while (got < content.size()) {
        const ssize_t n = ::read(fd.get(), content.data() + got, size_t(content.size() - got));
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return false;
        if (n == 0)
            break;
        got += n;
    }
    content.truncate(got);
    *lock = parse(content);
    lock->mtime = st.st_mtim.tv_sec;
    lock->inode = st.st_ino;
    return true;
}

QString SoftLock::hostName()
{
    char name[256] = {};
    if (::gethostname(name, sizeof name - 1) != 0)
        return {};
    return QString::fromUtf8(name);
}

void SoftLock::judge(const QString &thisHost, qint64 now, qint64 staleAfterSeconds, const QByteArray &procRoot)
{
    holder = Holder::Unknown;
    if (!host.isEmpty() && host != thisHost) {
        holder = Holder::Remote;
    } else if (!host.isEmpty() && pid > 0) {
        if (::kill(pid_t(pid), 0) != 0 && errno == ESRCH) {
            holder = Holder::Gone;
        } else {
            holder = Holder::Alive;
            // A live pid whose start token differs is a recycled pid: the writer is gone.
            const std::vector<quint32> token = bigDecimal(startToken);
            const std::vector<quint32> boot = bootIdLimbs(procRoot);
            const qint64 started = startTime(procRoot, pid);
            if (!startToken.isEmpty() && boot.size() == 4 && started >= 0) {
                const quint64 tokenStart = quint64(limb(token, 0)) | (quint64(limb(token, 1)) << 32);
                bool sameBoot = token.size() <= 6;
                for (size_t i = 0; i < 4 && sameBoot; ++i)
                    sameBoot = limb(token, i + 2) == boot[i];
                if (!sameBoot || tokenStart != quint64(started))
                    holder = Holder::Recycled;
            }
        }
    }
    stale = false;
    staleReason.clear();
    if (holder == Holder::Gone) {
        stale = true;
        staleReason = QStringLiteral("its holder, pid %1 on this host, has exited").arg(pid);
    } else if (holder == Holder::Recycled) {
        stale = true;
        staleReason = QStringLiteral("pid %1 now belongs to another process (start token differs): its holder has exited").arg(pid);
    } else if (staleAfterSeconds > 0 && now - mtime >= staleAfterSeconds) {
        stale = true;
        staleReason = QStringLiteral("older than the %1 s threshold (%2 s)").arg(staleAfterSeconds).arg(now - mtime);
    }
}

QString SoftLock::formatName() const
{
    switch (format) {
    case Format::Empty: return QStringLiteral("empty");
    case Format::Pid: return QStringLiteral("pid");
    case Format::PidHost: return QStringLiteral("pid+host");
    case Format::PidHostToken: return QStringLiteral("pid+host+token");
    case Format::Malformed: break;
    }
    return QStringLiteral("malformed");
}

QString SoftLock::holderName() const
{
    switch (holder) {
    case Holder::Alive: return QStringLiteral("alive");
    case Holder::Gone: return QStringLiteral("gone");
    case Holder::Recycled: return QStringLiteral("recycled");
    case Holder::Remote: return QStringLiteral("remote");
    case Holder::Unknown: break;
    }
    return QStringLiteral("unknown");
}

bool SoftLock::breakStale(const QByteArray &path, const SoftLock &judged, QString *error)
{
    const qsizetype slash = path.lastIndexOf('/');
    const QByteArray parent = slash > 0 ? path.left(slash) : QByteArray("/");
    const QByteArray name = path.mid(slash + 1);
    UniqueFd dir(::open(parent.constData(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
    if (!dir.isValid()) {
        *error = pathError(QStringLiteral("cannot open"), parent, errno);
        return false;
    }
    const quint64 random[2] = {QRandomGenerator::system()->generate64(), QRandomGenerator::system()->generate64()};
    const QByteArray breakName = name + ".break." + QByteArray::number(::getpid()) + '.'
                                 + QByteArray::number(random[0], 16).rightJustified(16, '0')
                                 + QByteArray::number(random[1], 16).rightJustified(16, '0');
    if (::renameat(dir.get(), name.constData(), dir.get(), breakName.constData()) != 0) {
        *error = pathError(QStringLiteral("cannot rename"), path, errno);  // another breaker won, or the holder released it
        return false;
    }
    struct stat after;
    if (::fstatat(dir.get(), breakName.constData(), &after, AT_SYMLINK_NOFOLLOW) != 0)
        return true;  // someone else removed it
    if (after.st_mtim.tv_sec > judged.mtime || quint64(after.st_ino) != judged.inode) {
        *error = QStringLiteral("%1 was recreated after it was judged stale; left as %2")
                     .arg(PathText::display(path), PathText::display(parent + '/' + breakName));
        return false;
    }
    if (::unlinkat(dir.get(), breakName.constData(), 0) != 0) {
        *error = pathError(QStringLiteral("cannot remove"), parent + '/' + breakName, errno);
        return false;
    }
    return true;
}

} // namespace hfcache
