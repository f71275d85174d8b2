// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "RepairAuthorization.h"

#include "cache/HubCacheTag.h"
#include "cache/KindMarkers.h"
#include "cache/RepoFolderName.h"
#include "util/PathText.h"
#include "util/SystemError.h"
#include "util/UniqueFd.h"

#include <QHash>

#include <cstring>

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace hfcache {

namespace {

using Kind = RepairOperation::Kind;

QString octal(quint32 mode)
{
    return QString::number(mode & 07777, 8).rightJustified(4, QLatin1Char('0'));
}

// "/", "/a", "/a/b", ... for the folders openRoot() passed.
QByteArray ancestorPath(const QByteArray &root, size_t index)
{
    qsizetype at = 0;
    for (size_t i = 0; i < index; ++i) {
        at = root.indexOf('/', at + 1);
        if (at < 0)
            return root;
    }
    return index == 0 ? QByteArray("/") : root.left(at);
}

bool memberOf(quint32 uid, quint32 group)
{
    // One lookup per owner: a shared cache has a few owners and 100k entries.
    thread_local QHash<quint64, bool> known;
    const quint64 key = quint64(uid) << 32 | group;
    auto it = known.constFind(key);
    if (it == known.cend()) {
        RepairInvoker user;
        it = known.insert(key, RepairInvoker::forUid(uid, &user) && user.groups.contains(group));
    }
    return *it;
}

} // namespace

RepairAuthorization::RepairAuthorization(const RepairPlan &plan, const RepairInvoker &invoker, Mode mode)
    : m_plan(plan), m_invoker(invoker), m_mode(mode)
{
}

QString RepairAuthorization::modeName(Mode mode)
{
    return mode == Mode::TakeOwnership ? QStringLiteral("take-ownership") : QStringLiteral("repair");
}

bool RepairAuthorization::canRead(const RepairInvoker &invoker, quint32 uid, quint32 gid, quint32 mode)
{
    if (uid == invoker.uid)
        return mode & 0400;
    return invoker.groups.contains(gid) ? (mode & 0040) : (mode & 0004);
}

bool RepairAuthorization::takesOwnership(const RepairOperation &op, const RepairInvoker &invoker, quint32 uid,
                                         quint32 gid, quint32 mode)
{
    if (invoker.isRoot() || uid == invoker.uid || op.kind == Kind::RemoveIncomplete)
        return false;
    if (op.kind == Kind::Chown)
        return true;
    // A link's owner or group exposes nothing; anything else of someone else's may only be
    // changed without an administrator when the invoker can read it already.
    return !S_ISLNK(mode) && !canRead(invoker, uid, gid, mode);
}

RepairAuthorization::Mode RepairAuthorization::requiredMode(const RepairPlan &plan, const RepairInvoker &invoker)
{
    for (const RepairOperation &op : plan.operations) {
        if (takesOwnership(op, invoker, op.before.uid, op.before.gid, op.before.mode))
            return Mode::TakeOwnership;
    }
    return Mode::Repair;
}

bool RepairAuthorization::isTrusted(quint32 uid) const
{
    return uid == 0 || uid == m_invoker.uid
           || (!m_ownCache && m_plan.sharedGroup >= 0 && memberOf(uid, quint32(m_plan.sharedGroup)));
}

bool RepairAuthorization::holdsHubMarker(int dirFd, bool *listed)
{
    // huggingface_hub's own tag; another tool's (fontconfig, man-db...) says nothing about us.
    UniqueFd tag(::openat(dirFd, "CACHEDIR.TAG", O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC));
    struct stat st;
    if (tag.isValid() && ::fstat(tag.get(), &st) == 0 && S_ISREG(st.st_mode)) {
        char head[256];
        const ssize_t n = ::read(tag.get(), head, sizeof head);
        if (n > 0 && HubCacheTag::isHubTag(QByteArrayView(head, n)))
            return true;
    }
    bool found = false;
    *listed = forEachFolder(dirFd, [&](const char *name, int folderFd) {
        // The scanner's rule: a folder it would list as a repo (kernels-- included).
        if (!RepoFolderName::parse(QByteArray(name)))
            return true;
        for (const char *sub : {"blobs", "refs", "snapshots"})
            found = found || (::fstatat(folderFd, sub, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISDIR(st.st_mode));
        return !found;
    });
    return found;
}

bool RepairAuthorization::forEachFolder(int dirFd, const std::function<bool(const char *, int)> &visit)
{
    const int listFd = ::openat(dirFd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    DIR *dir = listFd >= 0 ? ::fdopendir(listFd) : nullptr;
    if (!dir) {
        if (listFd >= 0)
            ::close(listFd);
        return false;
    }
    while (const dirent *ent = ::readdir(dir)) {
        if (ent->d_type != DT_DIR && ent->d_type != DT_UNKNOWN)
            continue;  // files and links (a link is never followed) hold no cache
        if (std::strcmp(ent->d_name, ".") == 0 || std::strcmp(ent->d_name, "..") == 0)
            continue;
        const UniqueFd folder(::openat(dirFd, ent->d_name, O_PATH | O_NOFOLLOW | O_DIRECTORY | O_CLOEXEC));
        if (folder.isValid() && !visit(ent->d_name, folder.get()))
            break;
    }
    ::closedir(dir);
    return true;
}

bool RepairAuthorization::isHuggingFaceCache(int rootFd, QString *error) const
{
    // A kind's own names first (a few fstatat), then one listing: the hub cache's repo folders, and
    // the folders of a folder that holds caches (HF_HOME, TORCH_HOME) with their kinds' markers.
    if (!KindMarkers::kindMarkedIn(rootFd).isEmpty())
        return true;
    bool listed = false;
    if (holdsHubMarker(rootFd, &listed))
        return true;
    bool found = false;
    listed = listed && forEachFolder(rootFd, [&](const char *, int folderFd) {
        bool ignored = false;
        found = !KindMarkers::kindMarkedIn(folderFd).isEmpty() || holdsHubMarker(folderFd, &ignored);
        return !found;
    });
    if (!listed && !found) {
        *error = pathError(QStringLiteral("cannot list"), m_plan.root, errno);
        return false;
    }
    if (!found)
        *error = QStringLiteral("%1 is not a Hugging Face cache: no CACHEDIR.TAG written by huggingface_hub, no repo "
                                "folder with blobs/, refs/ or snapshots/, and no marker of another cache kind (%2) in "
                                "it or in a folder directly in it")
                     .arg(PathText::display(m_plan.root), QString::fromLatin1(KindMarkers::provenNames().join(", ")));
    return found;
}

bool RepairAuthorization::authorizeRoot(const FdWalk &walk, QString *error)
{
    if (!isHuggingFaceCache(walk.rootFd(), error))
        return false;
    if (m_invoker.isRoot())
        return true;
    const std::vector<FdWalk::Stat> &way = walk.rootPathStats();
    const FdWalk::Stat &root = way.back();
    const QString rootText = PathText::display(m_plan.root);
    if ((root.mode & S_ISVTX) || (root.mode & 0002)) {
        *error = QStringLiteral("refusing %1: everyone can create entries in it (mode %2): a drop folder, not a "
                                "cache root").arg(rootText, octal(root.mode));
        return false;
    }
    m_ownCache = root.uid == m_invoker.uid;
    const qint64 group = m_plan.sharedGroup;
    const bool shared = !m_ownCache && group >= 0 && root.gid == quint32(group) && m_invoker.isMemberOf(quint32(group))
                        && (root.mode & 02070) == 02070 && isTrusted(root.uid);
    if (!m_ownCache && !shared) {
        *error = QStringLiteral("refusing to repair %1 for uid %2: its root folder belongs to uid %3 (group %4, mode "
                                "%5). The helper repairs only your own cache (a root folder you own), or a cache "
                                "shared with a group of yours (root folder of that group, at least 2770, owned by "
                                "root or a member)")
                     .arg(rootText)
                     .arg(m_invoker.uid)
                     .arg(root.uid)
                     .arg(root.gid)
                     .arg(octal(root.mode));
        return false;
    }
    // sshd's StrictModes: whoever can rename a folder on the way can make the path name another tree.
    for (size_t i = 0; i + 1 < way.size(); ++i) {
        const FdWalk::Stat &folder = way[i];
        const bool groupWritable = (folder.mode & 0020) && !(shared && folder.gid == quint32(group));
        const bool writable = (folder.mode & 0002) || groupWritable;
        QString why;
        if (!isTrusted(folder.uid))
            why = QStringLiteral("belongs to uid %1").arg(folder.uid);
        else if (writable && !(folder.mode & S_ISVTX))
            why = QStringLiteral("other users can rename entries in it (mode %1, group %2)").arg(octal(folder.mode)).arg(folder.gid);
        if (!why.isEmpty()) {
            *error = QStringLiteral("refusing to repair %1 for uid %2: %3 on the way to it %4, so it could be "
                                    "swapped for another folder")
                         .arg(rootText)
                         .arg(m_invoker.uid)
                         .arg(PathText::display(ancestorPath(m_plan.root, i)), why);
            return false;
        }
    }
    return true;
}

bool RepairAuthorization::authorizeEntry(const RepairOperation &op, const FdWalk::Stat &st, QString *error) const
{
    if (m_invoker.isRoot())
        return true;
    if (op.path == "." && !m_ownCache) {
        *error = QStringLiteral("the cache root itself is only changed in your own cache; an administrator must fix "
                                "a shared cache's root folder");
        return false;
    }
    if (st.uid == m_invoker.uid)
        return true;
    if (!m_ownCache && !isTrusted(st.uid)) {
        *error = QStringLiteral("owned by uid %1, who is neither root nor a member of group %2: not yours to change "
                                "in a shared cache").arg(st.uid).arg(m_plan.sharedGroup);
        return false;
    }
    if (!takesOwnership(op, m_invoker, st.uid, st.gid, st.mode))
        return true;
    if (m_mode != Mode::TakeOwnership) {
        *error = QStringLiteral("an entry of uid %1 (mode %2): %3 needs an administrator (hfcache-helper %4, polkit "
                                "action io.github.hfcache.repair.take-ownership)")
                     .arg(st.uid)
                     .arg(octal(st.mode), op.kind == Kind::Chown ? QStringLiteral("taking it over")
                                                                 : QStringLiteral("changing what you cannot read"),
                          QLatin1String(kTakeOwnershipArgument));
        return false;
    }
    if (!m_ownCache && op.kind == Kind::Chown && op.path != ".locks" && !op.path.startsWith(".locks/")) {
        *error = QStringLiteral("an entry of uid %1: in a shared cache only lock files and their folders are taken "
                                "over").arg(st.uid);
        return false;
    }
    return true;
}

bool RepairAuthorization::authorizeScanned(QString *error) const
{
    for (qsizetype i = 0; i < m_plan.operations.size(); ++i) {
        const RepairOperation &op = m_plan.operations[i];
        FdWalk::Stat st;
        st.uid = op.before.uid;
        st.gid = op.before.gid;
        st.mode = op.before.mode;
        QString why;
        if (!authorizeEntry(op, st, &why)) {
            *error = op.errorText(i, why);
            return false;
        }
    }
    return true;
}

} // namespace hfcache
