// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "KindScan.h"

#include "cache/FolderListing.h"
#include "cache/ScanLog.h"
#include "util/Parallel.h"
#include "util/PathText.h"
#include "util/RegularFile.h"
#include "util/SystemError.h"
#include "util/UniqueFd.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>

#include <algorithm>
#include <string_view>
#include <vector>

#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace hfcache {

namespace {

QString shown(const QByteArray &raw)
{
    return PathText::display(raw);
}

// A name that is no valid UTF-8, or holds a control character: shown escaped everywhere.
bool isOddName(const QByteArray &name)
{
    if (!PathText::isValidUtf8(name))
        return true;
    return std::any_of(name.cbegin(), name.cend(), [](char c) { return uchar(c) < 0x20 || uchar(c) == 0x7f; });
}

} // namespace

KindScan::KindScan(const CacheKind &kind, const KindLocation &location, const HomeScanOptions &options,
                   const QByteArray &rootFolder)
    : m_kind(kind), m_options(options), m_snapshot(std::make_shared<KindSnapshot>()),
      m_root(rootFolder.isEmpty() ? QFile::encodeName(location.path) : rootFolder)
{
    m_snapshot->location = location;
}

QByteArray KindScan::absolutePath(const QByteArray &relativePath) const
{
    return relativePath.isEmpty() ? m_root : m_root + '/' + relativePath;
}

void KindScan::addFinding(Severity severity, FindingCode code, const QByteArray &relativePath, const QString &message)
{
    m_snapshot->findings.append(makeFinding(severity, code, absolutePath(relativePath), message));
}

qint32 KindScan::group(const QByteArray &key, const QString &type)
{
    KindSnapshot &s = *m_snapshot;
    const qint32 found = s.indexOfGroup(key);
    if (found >= 0)
        return found;
    // A datasets cache makes an item per download, a million of them: each key is stored once,
    // packed with the others (the index holds only the item's number).
    HomeGroup group;
    group.key = m_keys.add(key);
    group.type = type;
    const qint32 added = qint32(s.groups.size());
    s.groups.append(std::move(group));
    s.groupIndex.insert(s.groups, added);
    return added;
}

QByteArray KindScan::readSmallFile(const WalkedEntry &entry, qsizetype limit)
{
    QString error;
    const UniqueFd fd = RegularFile::openForReading(entry.dirFd, entry.name, absolutePath(entry.path()), &error);
    QByteArray data(limit, Qt::Uninitialized);
    const ssize_t length = fd.isValid() ? ::read(fd.get(), data.data(), size_t(limit)) : -1;
    if (length < 0) {
        addFinding(Severity::Error, FindingCode::Unreadable, entry.path(),
                   fd.isValid() ? pathError(QStringLiteral("cannot read"), absolutePath(entry.path()), errno) : error);
        return {};
    }
    data.truncate(length);
    return data;
}

void KindScan::setRoot(const EntryStat &stat)
{
    m_snapshot->exists = true;
    m_snapshot->rootStat = stat;
}

void KindScan::record(const QByteArray &relativePath, const EntryStat &stat, EntryRole role, qint32 group)
{
    KindSnapshot &s = *m_snapshot;
    ++s.entryCount;
    if (role == EntryRole::Lock)
        ++s.lockCount;
    // Folders hold names, not data: sizes count files (as the hub cache's do), each inode once.
    bool counted = !stat.isDirectory();
    if (counted && stat.nlink > 1) {
        const QPair<quint64, quint64> inode{stat.device, stat.inode};
        counted = !m_linkedInodes.contains(inode);
        m_linkedInodes.insert(inode);
    }
    const quint64 onDisk = counted ? stat.diskSize : 0;
    const quint64 apparent = counted ? stat.size : 0;
    s.sizeOnDisk += onDisk;
    s.sizeApparent += apparent;
    // Most entries of a cache share one owner: one hash lookup per change of owner, not per entry
    // (an insert may move the others, so the pointer is taken again after it).
    if (!m_lastOwner || m_lastOwner->uid != stat.uid) {
        m_lastOwner = &m_owners[stat.uid];
        m_lastOwner->uid = stat.uid;
    }
    m_lastOwner->sizeOnDisk += onDisk;
    ++m_lastOwner->entries;
    if (group >= 0) {
        HomeGroup &g = s.groups[group];
        g.sizeOnDisk += onDisk;
        g.sizeApparent += apparent;
        g.lastModified = std::max(g.lastModified, stat.mtime);
        ++g.entries;
        ++g.roles[size_t(role)];
    }
    if (m_options.keepEntries || (m_options.keepLockEntries && role == EntryRole::Lock))
        s.entries.append({relativePath, stat, group, role, PathText::isPlainName(relativePath)});
}

void KindScan::noteOddName(const WalkedEntry &entry)
{
    addFinding(Severity::Info, FindingCode::OddName, entry.path(),
               QStringLiteral("%1: a name that is not UTF-8 or holds control characters; kept as its bytes (shown "
                              "escaped, lossless in JSON)").arg(shown(entry.path())));
}

void KindScan::visit(int dirFd, const QByteArray &name, const EntryStat &stat, QList<QByteArray> &parents,
                     qint32 folderGroup)
{
    const WalkedEntry entry{dirFd, parents, name, stat, folderGroup};
    if (isOddName(name))
        noteOddName(entry);
    Placement placement = m_kind.classify(*this, entry);
    if (!stat.isDirectory() && m_kind.isLockName(name))
        placement.role = EntryRole::Lock;
    const bool keepPath = m_options.keepEntries || (m_options.keepLockEntries && placement.role == EntryRole::Lock);
    const QByteArray path = keepPath || stat.isSymlink() ? entry.path() : QByteArray();
    if (stat.isSymlink()) {
        addFinding(Severity::Info, FindingCode::SymlinkNotFollowed, path,
                   QStringLiteral("%1 is a symbolic link (to %2), which %3 does not make; hfcache lists the link and "
                                  "never follows it").arg(shown(path), shown(EntryStat::readLinkAt(dirFd, name)),
                                                          m_kind.library()));
    } else if (!stat.isDirectory() && !stat.isRegularFile()) {
        addFinding(Severity::Warning, FindingCode::UnknownEntry, entry.path(),
                   QStringLiteral("%1 is neither a file, a folder nor a link").arg(shown(entry.path())));
    }
    record(path, stat, placement.role, placement.group);
    if (!stat.isDirectory() || !placement.descend)
        return;
    parents.append(name);
    walk(dirFd, name.constData(), parents, placement.group);
    parents.removeLast();
}

void KindScan::walk(int parentFd, const char *name, QList<QByteArray> &parents, qint32 folderGroup)
{
    if (cancelled())
        return;
    if (parents.size() >= FolderListing::MaxDepth) {
        const QByteArray path = joinedPath(parents, parents.size());
        addFinding(Severity::Warning, FindingCode::TooDeep, path, FolderListing::tooDeepMessage(shown(path)));
        return;
    }
    const int error = FolderListing::forEach(parentFd, QByteArray(name),
                                             [&](int dirFd, const QByteArray &entryName, const EntryStat &stat) {
        visit(dirFd, entryName, stat, parents, folderGroup);
    });
    if (FolderListing::isUnreadable(error)) {
        const QByteArray path = joinedPath(parents, parents.size());
        addFinding(Severity::Error, FindingCode::Unreadable, path,
                   QStringLiteral("cannot read %1: %2; its contents are missing from this report")
                       .arg(shown(absolutePath(path)), errnoText(error)));
    }
}

// Entries by path (tests and later views look them up); items stay in walk order.
void KindScan::sortResult()
{
    KindSnapshot &s = *m_snapshot;
    // Their paths are sorted, not the entries: a key moves in a swap instead of a whole entry.
    // Each key holds its path's first 16 bytes, so that most comparisons never reach the path
    // itself (100,000 names scattered over the heap, a cache miss each).
    struct SortKey
    {
        quint64 head[2];  // big-endian, zero-padded: compares as the bytes do
        std::string_view path;
        qsizetype entry;
    };
    const auto headOf = [](std::string_view path, size_t from) {
        quint64 head = 0;
        for (size_t i = from; i < from + 8; ++i)
            head = head << 8 | (i < path.size() ? uchar(path[i]) : 0);
        return head;
    };
    std::vector<SortKey> keys(size_t(s.entries.size()));
    for (qsizetype i = 0; i < s.entries.size(); ++i) {
        const std::string_view path(s.entries[i].path.constData(), size_t(s.entries[i].path.size()));
        keys[size_t(i)] = {{headOf(path, 0), headOf(path, 8)}, path, i};
    }
    sortInParallel(keys.begin(), keys.end(), [](const SortKey &a, const SortKey &b) {
        if (a.head[0] != b.head[0])
            return a.head[0] < b.head[0];
        if (a.head[1] != b.head[1])
            return a.head[1] < b.head[1];
        return a.path < b.path;  // the same first 16 bytes
    });
    QList<HomeEntry> sorted;
    sorted.reserve(s.entries.size());
    for (const SortKey &key : keys)
        sorted.append(std::move(s.entries[key.entry]));  // the views point into the path's shared data, which moves along
    s.entries = std::move(sorted);
    s.owners = m_owners.values();
    std::sort(s.owners.begin(), s.owners.end(), [](const OwnerUsage &a, const OwnerUsage &b) {
        return a.sizeOnDisk != b.sizeOnDisk ? a.sizeOnDisk > b.sizeOnDisk : a.uid < b.uid;
    });
}

KindSnapshotPtr KindScan::run()
{
    QElapsedTimer timer;
    timer.start();
    // The root itself may be a link (a cache moved to a bigger disk): that one is followed, as
    // huggingface_hub and the hub cache scan do; nothing below it is.
    const UniqueFd rootFd(::open(m_root.constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    const int openError = rootFd.isValid() ? 0 : errno;
    struct stat st;
    if (rootFd.isValid() && ::fstat(rootFd.get(), &st) == 0) {
        setRoot(EntryStat::fromStat(st));
        QList<QByteArray> parents;
        walk(rootFd.get(), ".", parents, -1);
        m_kind.finish(*this);
    } else if (openError != ENOENT) {
        const int error = openError ? openError : errno;
        // There but unusable (a file, no permission): that is a finding, not a missing cache.
        EntryStat rootStat;
        if (EntryStat::lstatAt(AT_FDCWD, m_root, &rootStat))
            setRoot(rootStat);
        addFinding(Severity::Error, FindingCode::Unreadable, {},
                   QStringLiteral("cannot read %1: %2; its contents are missing from this report")
                       .arg(shown(m_root), errnoText(error)));
    }
    sortResult();
    m_snapshot->durationMs = timer.elapsed();
    qCDebug(lcScan) << "scanned" << m_kind.id() << m_snapshot->location.path << m_snapshot->entryCount << "entries in"
                    << m_snapshot->durationMs << "ms";
    return m_snapshot;
}

KindSnapshotPtr KindScan::runNames(const QList<QByteArray> &names)
{
    QElapsedTimer timer;
    timer.start();
    const UniqueFd folderFd(::open(m_root.constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    const int openError = folderFd.isValid() ? 0 : errno;
    QList<QByteArray> parents;
    for (const QByteArray &name : names) {
        EntryStat stat;
        if (!folderFd.isValid() || !EntryStat::lstatAt(folderFd.get(), name, &stat))
            continue;
        if (name == names.first())
            setRoot(stat);
        visit(folderFd.get(), name, stat, parents, -1);
    }
    if (openError != 0 && openError != ENOENT)
        addFinding(Severity::Error, FindingCode::Unreadable, {},
                   QStringLiteral("cannot read %1: %2").arg(shown(m_root), errnoText(openError)));
    sortResult();
    m_snapshot->durationMs = timer.elapsed();
    return m_snapshot;
}

} // namespace hfcache
