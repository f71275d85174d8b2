// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "HomeLocksOutput.h"

#include "SnapshotJson.h"
#include "TextTable.h"
#include "audit/AccessCheck.h"
#include "home/CacheKinds.h"
#include "home/KnownBadCombinations.h"
#include "util/HumanFormat.h"
#include "util/PathText.h"

#include <QFile>
#include <QHash>

#include <algorithm>
#include <mutex>
#include <optional>
#include <utility>

namespace hfcache {

namespace {

QString stateName(const KindLock &lock)
{
    if (!lock.present)
        return QStringLiteral("missing");
    if (lock.isSoft())
        return lock.activity->soft.stale ? QStringLiteral("soft, stale") : QStringLiteral("soft, held");
    return lock.held() ? QStringLiteral("held") : QStringLiteral("free");
}

QString holderText(const KindLock &lock)
{
    QString text = ProcessInfo::describeAll(lock.holders());
    if (!lock.waiters().isEmpty())
        text += (text.isEmpty() ? QString() : QStringLiteral("; ")) + QStringLiteral("waiting: ")
                + ProcessInfo::describeAll(lock.waiters());
    return text;
}

QString sharedText(const KindLocks &kind)
{
    if (kind.sharedGroup < 0)
        return QString();
    QStringList members;
    if (!kind.locks.isEmpty())
        for (const MemberAccess &member : kind.locks.first().members)
            members << member.user;
    return QStringLiteral(", shared with group %1 (%2)")
        .arg(UserIdentity::groupName(quint32(kind.sharedGroup)),
             members.isEmpty() ? QStringLiteral("no members") : members.join(QStringLiteral(", ")));
}

void writeStrings(JsonWriter &json, const char *key, const QStringList &list)
{
    json.key(key);
    json.beginArray();
    for (const QString &item : list)
        json.value(item);
    json.endArray();
}

// A lock's fields after "item".
void writeLockState(JsonWriter &json, const KindLock &lock)
{
    json.field("purpose", lock.purpose);
    json.key("details");
    json.beginObject();
    for (const auto &[key, value] : lock.details)
        json.field(key.toUtf8().constData(), value);
    json.endObject();
    json.field("present", lock.present);
    json.field("state", lock.present ? (lock.held() ? "held" : "free") : "missing");
    json.field("kind", lock.isSoft() ? "soft" : "flock");
    SnapshotJson::writeProcesses(json, "holders", lock.holders());
    SnapshotJson::writeProcesses(json, "waiters", lock.waiters());
    const EntryStat &stat = lock.stat;
    json.field("owner", lock.present ? UserIdentity::userName(stat.uid) : QString());
    json.field("group", lock.present ? UserIdentity::groupName(stat.gid) : QString());
    json.field("mode", lock.present ? AccessCheck::octal(stat.permissions()) : QString());
    json.field("writable", lock.present && lock.writable);
    HomeLocksOutput::writeMembers(json, lock.members);
}

// What decides the fields after "item" of a free lock nobody waits on and its kind says nothing
// about: the same bytes for all such locks of one owner, group, mode and access.
using PlainLockClass = std::pair<std::pair<quint64, quint64>, quintptr>;

std::optional<PlainLockClass> plainClass(const KindLock &lock)
{
    if (!lock.present || lock.activity || !lock.purpose.isEmpty() || !lock.details.isEmpty() || !lock.openedBy.isEmpty())
        return std::nullopt;
    // Locks of one class in a shared cache share one members list (HomeLocks): its address tells.
    return PlainLockClass{{quint64(lock.stat.uid) << 32 | lock.stat.gid, quint64(lock.stat.permissions()) << 1 | lock.writable},
                          quintptr(lock.members.constData())};
}

// A lock's table cells after LOCK FILE.
QStringList cellsAfterName(const KindLock &lock)
{
    const EntryStat &stat = lock.stat;
    return QStringList{lock.purpose, stateName(lock),
                       lock.present ? UserIdentity::userName(stat.uid) : QString(),
                       lock.present ? AccessCheck::octal(stat.permissions()) : QString(),
                       lock.present ? (lock.writable ? QStringLiteral("yes") : QStringLiteral("NO")) : QString(),
                       lock.present ? HomeLocksOutput::membersText(lock.members) : QStringLiteral("-"),
                       holderText(lock)};
}

// The table rows of one kind's locks. A free lock nobody waits on (plainClass) shows the same
// cells after its name as every lock of its class: they are made and measured once per class, and
// the line of such a lock with a plain name is its name and then the bytes its class shares, laid
// out once the widths are known -- neither measured nor laid out cell by cell (100,000 of them).
class FreeLockLines
{
public:
    explicit FreeLockLines(const KindLocks &kind) : m_kind(kind)
    {
        for (const KindLock &lock : kind.locks) {
            if (const std::optional<PlainLockClass> plain = plainClass(lock); plain && !m_classes.contains(*plain)) {
                Class shared;
                shared.cells = cellsAfterName(lock);
                for (const QString &cell : std::as_const(shared.cells))
                    shared.widths.append(TextTable::cellWidth(cell));
                m_classes.insert(*plain, shared);
            }
        }
    }

    QStringList cells(qsizetype i) const
    {
        const KindLock &lock = m_kind.locks[i];
        const std::optional<PlainLockClass> plain = plainClass(lock);
        QStringList cells;
        cells.reserve(8);
        cells.append(PathText::display(lock.relativePath));
        cells.append(plain ? m_classes.constFind(*plain)->cells : cellsAfterName(lock));
        return cells;
    }

    // Valid while this object is: the rows it knows, for TextTable::print.
    TextTable::KnownRows knownRows() const
    {
        TextTable::KnownRows known;
        known.widths = [this](qsizetype i, qsizetype *widths) { return this->widths(i, widths); };
        known.line = [this](qsizetype i, const QList<qsizetype> &widths, QByteArray &out) { return line(i, widths, out); };
        return known;
    }

private:
    struct Class
    {
        QStringList cells;          // after the name
        QList<qsizetype> widths;    // theirs
    };

    // The class of a free lock whose name is shown as it is.
    std::optional<PlainLockClass> knownClass(qsizetype i) const
    {
        const KindLock &lock = m_kind.locks[i];
        const std::optional<PlainLockClass> plain = plainClass(lock);
        return plain && lock.plainPath ? plain : std::nullopt;
    }

    bool widths(qsizetype i, qsizetype *widths) const
    {
        const std::optional<PlainLockClass> plain = knownClass(i);
        if (!plain)
            return false;
        widths[0] = m_kind.locks[i].relativePath.size();
        const QList<qsizetype> &shared = m_classes.constFind(*plain)->widths;
        std::copy(shared.cbegin(), shared.cend(), widths + 1);
        return true;
    }

    bool line(qsizetype i, const QList<qsizetype> &widths, QByteArray &out) const
    {
        const std::optional<PlainLockClass> plain = knownClass(i);
        if (!plain)
            return false;
        std::call_once(m_tailsMade, [&] {  // by the first line of all, on whichever thread makes it
            for (auto it = m_classes.cbegin(); it != m_classes.cend(); ++it)
                m_tails.insert(it.key(), TextTable::lineOf(QStringList{QString()} + it->cells, QList<bool>(widths.size(), false), widths));
        });
        const QByteArray &tail = *m_tails.constFind(*plain);
        if (tail.size() <= widths[0] + 2)  // nothing after the name
            return false;
        const QByteArray &name = m_kind.locks[i].relativePath;
        const qsizetype from = std::min(name.size(), widths[0]);  // a longer name pushes the rest
        out.append(name);
        out.append(tail.constData() + from, tail.size() - from);
        return true;
    }

    const KindLocks &m_kind;
    QHash<PlainLockClass, Class> m_classes;
    // Per class: "<padding>  <cells after the name>\n", made once the widths are known.
    mutable QHash<PlainLockClass, QByteArray> m_tails;
    mutable std::once_flag m_tailsMade;
};

void writeLock(JsonWriter &json, const KindLocks &kind, const KindLock &lock, const QByteArray *sharedState)
{
    json.beginObject();
    thread_local QByteArray path;  // each thread's room, kept from lock to lock
    kind.pathInto(path, lock);
    json.field("path", path);
    json.field("rel_path", lock.relativePath);
    json.key("item");
    if (lock.group >= 0)
        json.value(kind.snapshot->groups[lock.group].key);
    else
        json.null();
    if (sharedState)
        json.rawFields(*sharedState);
    else
        writeLockState(json, lock);
    json.endObject();
}

} // namespace

QString HomeLocksOutput::membersText(const QList<MemberAccess> &members)
{
    QStringList denied;
    for (const MemberAccess &member : members) {
        if (!member.writable)
            denied << member.user;
    }
    if (members.isEmpty())
        return QStringLiteral("-");
    return denied.isEmpty() ? QStringLiteral("all") : QStringLiteral("NO: ") + denied.join(QStringLiteral(", "));
}

void HomeLocksOutput::writeMembers(JsonWriter &json, const QList<MemberAccess> &members)
{
    json.key("members_writable");  // shared cache: can each member of its group open it read-write
    json.beginArray();
    for (const MemberAccess &member : members) {
        json.beginObject();
        json.field("user", member.user);
        json.field("writable", member.writable);
        json.endObject();
    }
    json.endArray();
}

void HomeLocksOutput::print(const CliOutput &output, const HomeLocks::Result &result, int listenMs)
{
    int files = 0, held = 0, caches = 0;
    for (const KindLocks &kind : result.kinds) {
        const KindSnapshot &snapshot = *kind.snapshot;
        if (kind.locks.isEmpty())
            continue;
        ++caches;
        held += kind.heldCount();
        output.print(QStringLiteral("\n%1: %2 (decided by %3)%4\n")
                         .arg(CacheKinds::displayName(snapshot.location.kindId), PathText::display(QFile::encodeName(snapshot.location.path)),
                              snapshot.location.source, sharedText(kind)));
        // A row at a time: a datasets cache keeps a lock file per download ever made.
        const FreeLockLines freeLocks(kind);
        TextTable::print(output, {QStringLiteral("LOCK FILE"), QStringLiteral("FOR"), QStringLiteral("STATE"), QStringLiteral("OWNER"),
                                  QStringLiteral("MODE"), QStringLiteral("WRITABLE"), QStringLiteral("GROUP WRITABLE"),
                                  QStringLiteral("HOLDER")},
                         {}, kind.locks.size(), [&](qsizetype i) { return freeLocks.cells(i); }, freeLocks.knownRows());
        files += kind.presentCount();
        for (const Finding &f : kind.findings)
            output.print(QStringLiteral("  %1 %2: %3\n").arg(severityName(f.severity), findingCodeName(f.code), f.message));
    }
    QString text = QStringLiteral("\n%1 lock file(s) in %2 other cache(s), %3 held.\n").arg(files).arg(caches).arg(held);
    if (held > 0 && result.listened)
        text += QStringLiteral("Waiters include Python filelock pollers, seen opening a held lock during %1.\n")
                    .arg(HumanFormat::duration(listenMs));
    else if (held > 0 && !result.listenError.isEmpty())
        text += QStringLiteral("Python filelock waiters are not listed: %1.\n").arg(result.listenError);
    output.print(text);
}

void HomeLocksOutput::writeJson(JsonWriter &json, const QString &hfHome, const HomeLocks::Result &result, int listenMs)
{
    json.beginObject();
    json.field("hf_home", QFile::encodeName(hfHome));
    json.field("listened_ms", result.listened ? listenMs : 0);
    json.key("listen_error");
    if (result.listenError.isEmpty())
        json.null();
    else
        json.value(result.listenError);
    json.key("caches");
    json.beginArray();
    for (const KindLocks &kind : result.kinds) {
        const KindSnapshot &snapshot = *kind.snapshot;
        json.beginObject();
        SnapshotJson::writeKindIdentity(json, snapshot);
        json.key("shared_group");
        if (kind.sharedGroup >= 0)
            json.value(UserIdentity::groupName(quint32(kind.sharedGroup)));
        else
            json.null();
        json.field("lock_files", kind.presentCount());
        json.field("held", kind.heldCount());
        json.key("locks");
        json.beginArray();
        // A hundred thousand free locks of one owner and mode differ in their paths only.
        QHash<PlainLockClass, QByteArray> sharedStates;
        for (const KindLock &lock : kind.locks) {
            if (const std::optional<PlainLockClass> plain = plainClass(lock); plain && !sharedStates.contains(*plain))
                sharedStates.insert(*plain, json.sharedFields([&](JsonWriter &fields) { writeLockState(fields, lock); }));
        }
        json.writeValues(kind.locks.size(), [&](JsonWriter &part, qsizetype i) {
            const KindLock &lock = kind.locks[i];
            const std::optional<PlainLockClass> plain = plainClass(lock);
            const auto shared = plain ? sharedStates.constFind(*plain) : sharedStates.constEnd();
            writeLock(part, kind, lock, shared != sharedStates.constEnd() ? &*shared : nullptr);
        });
        json.endArray();
        json.key("findings");
        SnapshotJson::writeFindings(json, kind.findings);
        json.endObject();
    }
    json.endArray();
    json.endObject();
}

QString HomeLocksOutput::pythonText(const QString &env, const PythonPackages &packages)
{
    QStringList versions;
    for (const QString &name : PythonPackages::watched()) {
        const PythonPackages::Package *p = packages.find(name);
        versions << name + QLatin1Char(' ') + (p ? p->version : QStringLiteral("-"));
    }
    QString text = QStringLiteral("\nPython environment %1: %2\n").arg(env, versions.join(QStringLiteral(", ")));
    const QList<KnownBadCombinations::Match> matches = KnownBadCombinations::find(packages);
    for (const KnownBadCombinations::Match &m : matches)
        text += QStringLiteral("  known bad: %1: %2. Way out: %3.\n").arg(m.packages.join(QStringLiteral(" + ")), m.problem, m.remedy);
    if (matches.isEmpty())
        text += QStringLiteral("  no known-bad combination of these versions.\n");
    return text;
}

void HomeLocksOutput::writePythonJson(JsonWriter &json, const QString &env, const PythonPackages &packages)
{
    json.beginObject();
    json.field("env", env);
    writeStrings(json, "site_packages", packages.folders());
    json.key("packages");
    json.beginObject();
    for (const QString &name : PythonPackages::watched()) {
        json.key(name.toUtf8().constData());
        if (const PythonPackages::Package *p = packages.find(name))
            json.value(p->version);
        else
            json.null();
    }
    json.endObject();
    json.key("known_bad");
    json.beginArray();
    for (const KnownBadCombinations::Match &m : KnownBadCombinations::find(packages)) {
        json.beginObject();
        writeStrings(json, "packages", m.packages);
        json.field("problem", m.problem);
        json.field("remedy", m.remedy);
        json.endObject();
    }
    json.endArray();
    json.endObject();
}

} // namespace hfcache
