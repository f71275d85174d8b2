// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "ExportSource.h"

#include "cache/FolderListing.h"

#include "cache/BlobKind.h"
#include "cache/CachedRepo.h"
#include "cache/EntryStat.h"
#include "cache/FolderListing.h"
#include "cache/LocalDirRecord.h"
#include "cache/LocalDirScan.h"
#include "cache/SharedBlobLayout.h"
#include "cache/SharedBlobScan.h"
#include "cache/BlobHasher.h"
#include "util/DirectoryReader.h"
#include "util/PathText.h"
#include "util/RegularFile.h"
#include "util/SystemError.h"
#include "util/PathPrefix.h"
#include "util/FdWalk.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QSet>

#include <algorithm>
#include <cerrno>
#include <fcntl.h>
#include <optional>
#include <sys/stat.h>
#include <unistd.h>

namespace hfcache {

namespace {

constexpr int MaxLinkHops = 40;  // the kernel's own limit (ELOOP)

// "/a/./b/../c" -> "/a/c", without touching the filesystem (links are resolved by us, hop by hop).
QByteArray normalizePath(const QByteArray &absolute)
{
    QList<QByteArray> parts;
    for (const QByteArray &part : absolute.split('/')) {
        if (part.isEmpty() || part == ".")
            continue;
        if (part == "..") {
            if (!parts.isEmpty())
                parts.removeLast();
            continue;
        }
        parts << part;
    }
    return '/' + parts.join('/');
}

QByteArray parentOf(const QByteArray &path)
{
    return path.left(std::max<qsizetype>(path.lastIndexOf('/'), 1));
}

// The folder holding the last component of `parts`, reached from `baseFd` one component at a
// time with O_NOFOLLOW, so no link (or folder swapped for one) is ever followed. A component
// that is a link stops the walk: *linkAt is its index and the folder holding it is returned.
UniqueFd openFolderOf(int baseFd, const QList<QByteArray> &parts, int *err, qsizetype *linkAt = nullptr)
{
    UniqueFd current(::fcntl(baseFd, F_DUPFD_CLOEXEC, 0));
    for (qsizetype i = 0; current.isValid() && i + 1 < parts.size(); ++i) {
        UniqueFd next(::openat(current.get(), parts[i].constData(), O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
        if (!next.isValid()) {
            *err = errno;
            struct stat st;
            if (linkAt && ::fstatat(current.get(), parts[i].constData(), &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(st.st_mode)) {
                *linkAt = i;
                return current;
            }
            return {};
        }
        current = std::move(next);
    }
    if (!current.isValid())
        *err = errno;
    return current;
}

// Opens `relative` below `baseFd` for reading without following any link and without blocking
// on a FIFO. -1 and *err when it cannot.
int openBelow(int baseFd, const QByteArray &relative, int *err)
{
    const QList<QByteArray> parts = relative.split('/');
    const UniqueFd folder = openFolderOf(baseFd, parts, err);
    if (!folder.isValid())
        return -1;
    const int fd = ::openat(folder.get(), parts.last().constData(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd < 0)
        *err = errno;
    return fd;
}

// A bookkeeping file (trees/<commit>.json, a .metadata) below `baseFd`: opened only when it is
// a regular file, read whole up to `limit` bytes. False with *error when it cannot be read or
// is something else (a FIFO, a link); *err is the errno of a failed open (ENOENT: there is none).
bool readRegularBelow(int baseFd, const QByteArray &relative, const QByteArray &shown, qint64 limit, QByteArray *content,
                      int *err, QString *error)
{
    *err = 0;
    const QList<QByteArray> parts = relative.split('/');
    const UniqueFd folder = openFolderOf(baseFd, parts, err);
    if (!folder.isValid()) {
        *error = pathError(QStringLiteral("cannot open"), shown, *err);
        return false;
    }
    struct stat st;
    const UniqueFd fd = RegularFile::openForReading(folder.get(), parts.last(), shown, error, &st);
    if (!fd.isValid()) {
        *err = errno;
        return false;
    }
    if (st.st_size > limit) {
        *error = QStringLiteral("%1 is too large to be huggingface_hub's (%2 bytes)").arg(PathText::display(shown)).arg(qint64(st.st_size));
        return false;
    }
    content->resize(qsizetype(st.st_size));
    qsizetype done = 0;
    while (done < content->size()) {
        const ssize_t n = ::read(fd.get(), content->data() + done, size_t(content->size() - done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            *error = n < 0 ? pathError(QStringLiteral("cannot read"), shown, errno)
                           : QStringLiteral("%1 changed while it was read").arg(PathText::display(shown));
            return false;
        }
        done += n;
    }
    return true;
}

qint64 nanoseconds(const struct timespec &t)
{
    return qint64(t.tv_sec) * 1000000000 + t.tv_nsec;
}

} // namespace

struct ExportSource::Walk
{
    ExportSource &source;
    Options options;
    QList<QByteArray> containers;  // the repo (or local_dir) folder, as given and canonical
    QList<QByteArray> blobFolders;
    QStringList refusals;
    QList<QByteArray> missing;
    bool localDir = false;
    QByteArray bookkeeping;  // local_dir: huggingface_hub's folder in it (LocalDirScan::BookkeepingFolder or the legacy one)
    QByteArray rootInContainer;  // "snapshots/<commit>/" for a revision, empty for a local_dir
    QSet<QByteArray> seen;       // every path the walk met that is not a folder

    // A link chain being resolved: the entry it starts at and its first target (for messages).
    struct LinkChain
    {
        QByteArray relative;
        QByteArray firstTarget;
    };
    // The next hop of a chain: the link at `current` points to `target`.
    struct LinkHop
    {
        QByteArray current;
        QByteArray target;
    };

    void walkFolder(int dirFd, const QByteArray &relative);
    void resolveLink(const QByteArray &relative, const QByteArray &target);
    // One hop each, to the path `next` a link named: the hop to follow next, or nullopt when the
    // chain ended there (exported, missing or refused).
    std::optional<LinkHop> hopIntoBlobs(const LinkChain &chain, const QByteArray &next, const QByteArray &blobName);
    std::optional<LinkHop> hopInContainer(const LinkChain &chain, const QByteArray &next);
    std::optional<LinkHop> hopOutside(const LinkChain &chain, const QByteArray &next);
    void refuseLink(const LinkChain &chain, const QString &why);
    // A hop's end could not be stat'ed: missing when it does not exist, else refused with the reason.
    void missingOrRefused(const LinkChain &chain, const QByteArray &path, int err);
    void addFile(const QByteArray &relative, const QByteArray &contentPath, const QByteArray &blobName,
                 ExportItem::Base base, const QByteArray &location, const struct stat &st);
    // The second level of a shared blob: blobs/<blobName> links to the payload <hash> of the
    // cache's shared store, looked up from the store's fd (never through the link).
    void addSharedPayload(const QByteArray &relative, const QByteArray &blobName, const QByteArray &hash);
    QByteArray blobNameOf(const QByteArray &path) const;
    bool inContainer(const QByteArray &path) const;
    QByteArray inContainerPath(const QByteArray &path) const;
    QByteArray localDirHash(const QByteArray &relative, const struct stat &st);
};

QByteArray ExportSource::Walk::blobNameOf(const QByteArray &path) const
{
    for (const QByteArray &folder : blobFolders)
        if (PathPrefix::isUnder(path, folder) && !path.mid(folder.size() + 1).contains('/'))
            return path.mid(folder.size() + 1);
    return {};
}

bool ExportSource::Walk::inContainer(const QByteArray &path) const
{
    return std::any_of(containers.cbegin(), containers.cend(), [&](const QByteArray &c) { return PathPrefix::isUnder(path, c); });
}

QByteArray ExportSource::Walk::inContainerPath(const QByteArray &path) const
{
    for (const QByteArray &c : containers)
        if (PathPrefix::isUnder(path, c))
            return path.mid(c.size() + 1);
    return {};
}

void ExportSource::Walk::addFile(const QByteArray &relative, const QByteArray &contentPath, const QByteArray &blobName,
                                 ExportItem::Base base, const QByteArray &location, const struct stat &st)
{
    ExportItem item;
    item.path = relative;
    item.contentPath = contentPath;
    item.blobName = blobName;
    item.base = base;
    item.location = location;
    item.takeIdentity(st);
    if (BlobHasher::algorithmFor(blobName))
        item.hashName = blobName.toLower();
    else if (localDir)
        item.hashName = localDirHash(relative, st);
    source.m_items << item;
}

void ExportSource::Walk::addSharedPayload(const QByteArray &relative, const QByteArray &blobName, const QByteArray &hash)
{
    const QByteArray location = hash.left(2) + '/' + hash;
    const QByteArray shownPath = source.origin() + '/' + SharedBlobLayout::payloadPath(hash);
    int err = 0;
    const QList<QByteArray> parts = location.split('/');
    const UniqueFd folder = openFolderOf(source.m_sharedBlobsFd->get(), parts, &err);
    struct stat st;
    if (!folder.isValid() || ::fstatat(folder.get(), hash.constData(), &st, AT_SYMLINK_NOFOLLOW) != 0) {
        err = folder.isValid() ? errno : err;
        if (err == ENOENT)
            missing << relative;
        else
            refusals << pathError(QStringLiteral("cannot stat"), shownPath, err);
        return;
    }
    if (!S_ISREG(st.st_mode)) {
        refusals << QStringLiteral("%1: the shared payload is not a regular file").arg(PathText::display(shownPath));
        return;
    }
    addFile(relative, shownPath, blobName, ExportItem::Base::SharedBlobs, location, st);
}

// local_dir downloads record each file's etag (its sha256 or git sha1) in
// <bookkeeping>/download/<path>.metadata. huggingface_hub trusts it only while the file is not
// newer than the timestamp; so do we.
QByteArray ExportSource::Walk::localDirHash(const QByteArray &relative, const struct stat &st)
{
    const QByteArray name = bookkeeping + "/download/" + relative + ".metadata";
    QByteArray content;
    int err = 0;
    QString error;
    if (!readRegularBelow(source.m_containerFd->get(), name, source.m_root + '/' + name, 4096, &content, &err, &error)) {
        if (err != ENOENT)
            refusals << error;
        return {};
    }
    const LocalDirRecord record = LocalDirRecord::parse(content);
    return record.trusts(EntryStat::fromStat(st)) ? record.etag : QByteArray();
}

void ExportSource::Walk::walkFolder(int dirFd, const QByteArray &relative)
{
    const QByteArray here = relative.isEmpty() ? source.m_root : source.m_root + '/' + relative;
    int err = 0;
    const QList<QByteArray> names = DirectoryReader::sortedNames(dirFd, &err);
    if (err != 0) {
        refusals << pathError(QStringLiteral("cannot read"), here, err);
        return;
    }

    for (const QByteArray &name : std::as_const(names)) {
        const QByteArray path = relative.isEmpty() ? name : relative + '/' + name;
        struct stat st;
        if (::fstatat(dirFd, name.constData(), &st, AT_SYMLINK_NOFOLLOW) != 0) {
            if (errno != ENOENT)  // vanished since the listing: nothing to export
                refusals << pathError(QStringLiteral("cannot stat"), source.m_root + '/' + path, errno);
            continue;
        }
        if (S_ISDIR(st.st_mode)) {
            if (localDir && !options.keepLocalDirMetadata && path == bookkeeping)
                continue;
            if (FolderListing::isTooDeep(path)) {  // the scan's limit (too-deep): no stack or fd exhaustion
                refusals << QStringLiteral("%1 is more than %2 folders deep; not exported")
                                .arg(PathText::display(source.m_root + '/' + path))
                                .arg(FolderListing::MaxDepth);
                continue;
            }
            UniqueFd sub(::openat(dirFd, name.constData(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
            if (!sub.isValid()) {
                refusals << pathError(QStringLiteral("cannot open"), source.m_root + '/' + path, errno);
                continue;
            }
            walkFolder(sub.get(), path);
            continue;
        }
        seen.insert(path);
        if (S_ISREG(st.st_mode)) {
            addFile(path, source.m_root + '/' + path, {}, ExportItem::Base::Container, rootInContainer + path, st);
        } else if (S_ISLNK(st.st_mode)) {
            const QByteArray target = EntryStat::readLinkAt(dirFd, name);
            if (target.isEmpty())
                refusals << pathError(QStringLiteral("cannot read the link"), source.m_root + '/' + path, errno);
            else
                resolveLink(path, target);
        } else {
            refusals << QStringLiteral("%1 is not a file, folder or link").arg(PathText::display(source.m_root + '/' + path));
        }
    }
}

// Follows a snapshot link hop by hop, lexically, as the kernel would, but decides at each
// hop whether it may go on: into blobs/ (done), to another link in the repo (follow), out of
// blobs/ (refused unless allowed), nowhere (missing), in circles (loop).
void ExportSource::Walk::resolveLink(const QByteArray &relative, const QByteArray &firstTarget)
{
    const LinkChain chain{relative, firstTarget};
    LinkHop hop{normalizePath(source.m_root + '/' + relative), firstTarget};
    QSet<QByteArray> visited{hop.current};  // this chain's hops, not the walk's `seen`
    for (int hops = 0;; ++hops) {
        const QByteArray next = normalizePath(hop.target.startsWith('/') ? hop.target : parentOf(hop.current) + '/' + hop.target);
        if (hops >= MaxLinkHops || visited.contains(next))
            return refuseLink(chain, QStringLiteral("a loop of links"));
        visited.insert(next);
        const QByteArray blobName = blobNameOf(next);
        std::optional<LinkHop> following = !blobName.isEmpty() ? hopIntoBlobs(chain, next, blobName)
                                         : inContainer(next)   ? hopInContainer(chain, next)
                                                               : hopOutside(chain, next);
        if (!following)
            return;
        hop = std::move(*following);
    }
}

void ExportSource::Walk::refuseLink(const LinkChain &chain, const QString &why)
{
    refusals << QStringLiteral("%1 -> %2: %3").arg(PathText::display(chain.relative), PathText::display(chain.firstTarget), why);
}

void ExportSource::Walk::missingOrRefused(const LinkChain &chain, const QByteArray &path, int err)
{
    if (err == ENOENT)
        missing << chain.relative;
    else
        refuseLink(chain, pathError(QStringLiteral("cannot stat"), path, err));
}

std::optional<ExportSource::Walk::LinkHop> ExportSource::Walk::hopIntoBlobs(const LinkChain &chain, const QByteArray &next,
                                                                          const QByteArray &blobName)
{
    // A download in progress is never exported, even through a link.
    if (classifyBlobName(blobName) == BlobKind::Incomplete || !source.m_blobsFd->isValid()) {
        missing << chain.relative;
        return std::nullopt;
    }
    struct stat st;
    if (::fstatat(source.m_blobsFd->get(), blobName.constData(), &st, AT_SYMLINK_NOFOLLOW) != 0) {
        missingOrRefused(chain, next, errno);
        return std::nullopt;
    }
    if (S_ISREG(st.st_mode)) {
        addFile(chain.relative, next, blobName, ExportItem::Base::Blobs, blobName, st);
        return std::nullopt;
    }
    if (!S_ISLNK(st.st_mode)) {
        refuseLink(chain, QStringLiteral("the blob is not a regular file"));
        return std::nullopt;
    }
    const QByteArray target = EntryStat::readLinkAt(source.m_blobsFd->get(), blobName);
    const QByteArray hash = SharedBlobLayout::hashOfLink(target);
    if (!hash.isEmpty() && source.m_sharedBlobsFd->isValid()) {
        addSharedPayload(chain.relative, blobName, hash);
        return std::nullopt;
    }
    return LinkHop{next, target};
}

std::optional<ExportSource::Walk::LinkHop> ExportSource::Walk::hopInContainer(const LinkChain &chain, const QByteArray &next)
{
    // Reached from the container's fd component by component: a folder on the way that is a
    // link (say a .cache/huggingface/ pointing elsewhere) is one more hop, judged like any
    // other, never followed by the kernel.
    const QByteArray inside = inContainerPath(next);
    const QList<QByteArray> parts = inside.split('/');
    int err = 0;
    qsizetype linkAt = -1;
    const UniqueFd folder = openFolderOf(source.m_containerFd->get(), parts, &err, &linkAt);
    if (linkAt >= 0) {
        const QByteArray linkTarget = EntryStat::readLinkAt(folder.get(), parts[linkAt]);
        const QByteArray link = source.m_container + '/' + parts.mid(0, linkAt + 1).join('/');
        if (linkTarget.isEmpty()) {
            refuseLink(chain, pathError(QStringLiteral("cannot read the link"), link, errno));
            return std::nullopt;
        }
        return LinkHop{link, linkTarget + '/' + parts.mid(linkAt + 1).join('/')};
    }
    struct stat st;
    if (!folder.isValid() || ::fstatat(folder.get(), parts.last().constData(), &st, AT_SYMLINK_NOFOLLOW) != 0) {
        missingOrRefused(chain, next, folder.isValid() ? errno : err);
        return std::nullopt;
    }
    if (S_ISLNK(st.st_mode)) {
        const QByteArray target = EntryStat::readLinkAt(folder.get(), parts.last());
        if (target.isEmpty()) {
            refuseLink(chain, pathError(QStringLiteral("cannot read the link"), next, errno));
            return std::nullopt;
        }
        return LinkHop{source.m_container + '/' + inside, target};
    }
    if (!S_ISREG(st.st_mode))
        refuseLink(chain, QStringLiteral("%1 is not a regular file").arg(PathText::display(next)));
    else if (!localDir && !options.allowOutsideLinks)  // local_dir files may link to each other; in a repo only blobs/ holds content
        refuseLink(chain, QStringLiteral("ends at %1, outside blobs/ (refused; --follow-outside-links allows it)")
                              .arg(PathText::display(next)));
    else
        addFile(chain.relative, next, {}, ExportItem::Base::Container, inside, st);
    return std::nullopt;
}

std::optional<ExportSource::Walk::LinkHop> ExportSource::Walk::hopOutside(const LinkChain &chain, const QByteArray &next)
{
    if (!options.allowOutsideLinks) {
        refuseLink(chain, QStringLiteral("leaves the repo's blobs/ folder (refused; --follow-outside-links allows it)"));
        return std::nullopt;
    }
    // Outside the source, by path: only when the user asked for it.
    struct stat st;
    if (::lstat(next.constData(), &st) != 0) {
        missingOrRefused(chain, next, errno);
        return std::nullopt;
    }
    if (S_ISLNK(st.st_mode)) {
        const QByteArray target = EntryStat::readLinkAt(AT_FDCWD, next);
        if (target.isEmpty()) {
            refuseLink(chain, pathError(QStringLiteral("cannot read the link"), next, errno));
            return std::nullopt;
        }
        return LinkHop{next, target};
    }
    if (!S_ISREG(st.st_mode))
        refuseLink(chain, QStringLiteral("%1 is not a regular file").arg(PathText::display(next)));
    else
        addFile(chain.relative, next, {}, ExportItem::Base::Outside, next, st);
    return std::nullopt;
}

std::optional<ExportSource> ExportSource::fromRevision(const CachedRepo &repo, const CachedRevision &revision,
                                                       const Options &options, QString *error)
{
    return fromSnapshot(repo.path, revision.commit, options, error);
}

std::optional<ExportSource> ExportSource::fromSnapshot(const QByteArray &repoPath, const QByteArray &commit,
                                                       const Options &options, QString *error)
{
    ExportSource source;
    source.m_commit = commit;
    const QByteArray canonical = FdWalk::canonicalPath(repoPath);
    if (canonical.isEmpty()) {
        *error = pathError(QStringLiteral("cannot open"), repoPath, errno);
        return std::nullopt;
    }
    source.m_repoPath = canonical;
    source.m_container = canonical;
    source.m_root = canonical + "/snapshots/" + commit;
    source.m_treeListing = canonical + "/trees/" + commit + ".json";
    source.m_containerFd = std::make_shared<UniqueFd>(::open(canonical.constData(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
    const int repoFd = source.m_containerFd->get();
    UniqueFd snapshotsFd(::openat(repoFd, "snapshots", O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
    UniqueFd snapshotFd(::openat(snapshotsFd.get(), commit.constData(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
    if (!snapshotFd.isValid() || commit.contains('/') || commit.startsWith('.')) {
        *error = pathError(QStringLiteral("cannot open the snapshot"), source.m_root, commit.contains('/') ? EINVAL : errno);
        return std::nullopt;
    }
    // No blobs/ is normal for a cache written without symlinks: then every link is missing.
    // O_PATH: a blobs/ we may search but not list still serves its blobs, and one we may not
    // search fails each lookup with EACCES (a permission problem, not missing files).
    source.m_blobsFd = std::make_shared<UniqueFd>(
        ::openat(repoFd, "blobs", O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
    // huggingface_hub >= 1.29: repo blobs may link into the cache's shared store (only a marked one).
    const UniqueFd cacheFd(::open(source.origin().constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    source.m_sharedBlobsFd = std::make_shared<UniqueFd>(
        cacheFd.isValid() && SharedBlobScan::isStore(cacheFd.get())
            ? ::openat(cacheFd.get(), SharedBlobLayout::Folder, O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            : -1);

    Walk walk{source, options, {}, {}, {}, {}, false, {}, "snapshots/" + commit + '/', {}};
    for (const QByteArray &repo : {normalizePath(repoPath), canonical}) {
        if (!walk.containers.contains(repo)) {
            walk.containers << repo;
            walk.blobFolders << repo + "/blobs";
        }
    }
    walk.walkFolder(snapshotFd.get(), {});
    // A file the listing names that is not in the snapshot at all: a download that stopped
    // before linking it, as incomplete as a link to a missing blob.
    if (source.readTreeListing(repoFd, &walk.refusals)) {
        QList<QByteArray> unlisted;
        for (auto it = source.m_listedFiles.constBegin(); it != source.m_listedFiles.constEnd(); ++it) {
            const QByteArray path = it.key().toUtf8();
            if (!walk.seen.contains(path))
                unlisted << path;
        }
        std::sort(unlisted.begin(), unlisted.end());
        walk.missing << unlisted;
    }

    if (!walk.missing.isEmpty()) {
        if (options.skipMissing) {
            source.m_skipped = walk.missing;
        } else {
            QStringList names;
            for (const QByteArray &path : std::as_const(walk.missing))
                names << PathText::display(path);
            walk.refusals << QStringLiteral("%1 file(s) missing from the cache (not downloaded, deleted or still "
                                            "downloading; --skip-missing exports the rest): %2")
                                 .arg(names.size()).arg(names.join(QStringLiteral(", ")));
        }
    }
    if (!walk.refusals.isEmpty()) {
        *error = QStringLiteral("cannot export %1:\n  %2").arg(PathText::display(source.m_root), walk.refusals.join(QStringLiteral("\n  ")));
        return std::nullopt;
    }
    for (const ExportItem &item : std::as_const(source.m_items))
        source.m_totalBytes += item.size;
    return source;
}

std::optional<ExportSource> ExportSource::fromLocalDir(const QByteArray &dir, const Options &options, QString *error)
{
    ExportSource source;
    const QByteArray canonical = FdWalk::canonicalPath(dir);
    UniqueFd rootFd(canonical.isEmpty() ? -1 : ::open(canonical.constData(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
    if (!rootFd.isValid()) {
        *error = pathError(QStringLiteral("cannot open"), dir, errno);
        return std::nullopt;
    }
    source.m_root = canonical;
    source.m_container = canonical;
    source.m_containerFd = std::make_shared<UniqueFd>(std::move(rootFd));
    source.m_blobsFd = std::make_shared<UniqueFd>();
    Walk walk{source, options, {normalizePath(dir), canonical}, {}, {}, {}, true, LocalDirScan::bookkeepingFolder(canonical), {}, {}};
    walk.walkFolder(source.m_containerFd->get(), {});
    for (const QByteArray &path : std::as_const(walk.missing))
        walk.refusals << QStringLiteral("%1: a broken link").arg(PathText::display(path));
    if (!walk.refusals.isEmpty()) {
        *error = QStringLiteral("cannot export %1:\n  %2").arg(PathText::display(canonical), walk.refusals.join(QStringLiteral("\n  ")));
        return std::nullopt;
    }
    for (const ExportItem &item : std::as_const(source.m_items))
        source.m_totalBytes += item.size;
    return source;
}

QByteArray ExportSource::describe() const
{
    QByteArray text = "hfcache export\n";
    text += m_repoPath.isEmpty() ? m_kindLabel + ": " + m_root + '\n' : "repo: " + m_repoPath + "\nrevision: " + m_commit + '\n';
    return text;
}

int ExportSource::openContent(const ExportItem &item, QString *error) const
{
    constexpr int flags = O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC;
    int err = 0;
    int fd = -1;
    switch (item.base) {
    case ExportItem::Base::Blobs:
        fd = ::openat(m_blobsFd->get(), item.location.constData(), flags);
        err = errno;
        break;
    case ExportItem::Base::Container:
        fd = openBelow(m_containerFd->get(), item.location, &err);
        break;
    case ExportItem::Base::Outside:
        fd = ::open(item.location.constData(), flags);
        err = errno;
        break;
    case ExportItem::Base::SharedBlobs:
        fd = openBelow(m_sharedBlobsFd->get(), item.location, &err);
        break;
    }
    if (fd < 0) {
        *error = pathError(QStringLiteral("cannot open"), item.contentPath, err);
        return -1;
    }
    UniqueFd content(fd);
    struct stat st;
    if (::fstat(fd, &st) != 0) {
        *error = pathError(QStringLiteral("cannot open"), item.contentPath, errno);
        return -1;
    }
    if (!S_ISREG(st.st_mode) || quint64(st.st_dev) != item.device || quint64(st.st_ino) != item.inode) {
        *error = QStringLiteral("%1 was replaced during the export (it is not the file the export listed)")
                     .arg(PathText::display(item.contentPath));
        return -1;
    }
    if (!checkUnchanged(item, fd, false, error))
        return -1;
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    return content.release();
}

bool ExportSource::checkUnchanged(const ExportItem &item, int fd, bool linked, QString *error)
{
    struct stat st;
    if (::fstat(fd, &st) != 0) {
        *error = pathError(QStringLiteral("cannot stat"), item.contentPath, errno);
        return false;
    }
    if (quint64(st.st_size) != item.size) {
        *error = QStringLiteral("%1 changed during the export (was %2 bytes, now %3)")
                     .arg(PathText::display(item.contentPath)).arg(item.size).arg(qint64(st.st_size));
        return false;
    }
    // Writing in place changes mtime and ctime (ctime cannot be set back); linking changes ctime only.
    if (quint64(st.st_ino) != item.inode || nanoseconds(st.st_mtim) != item.mtimeNs
        || (!linked && nanoseconds(st.st_ctim) != item.ctimeNs)) {
        *error = QStringLiteral("%1 changed during the export (modified since it was listed; same size)")
                     .arg(PathText::display(item.contentPath));
        return false;
    }
    return true;
}

bool ExportSource::readTreeListing(int repoFd, QStringList *refusals)
{
    QByteArray content;
    int err = 0;
    QString error;
    if (!readRegularBelow(repoFd, "trees/" + m_commit + ".json", m_treeListing, qint64(256) << 20, &content, &err, &error)) {
        // huggingface_hub 1.28 writes it 0600: another user of a shared cache cannot read it.
        if (err == EACCES)
            m_warnings << error + QStringLiteral(" (whether every file of the revision is cached was not checked)");
        else if (err != ENOENT)
            *refusals << error;
        return false;
    }
    QJsonParseError parse;
    const QJsonDocument document = QJsonDocument::fromJson(content, &parse);
    if (!document.isObject()) {
        *refusals << QStringLiteral("cannot read %1: %2").arg(PathText::display(m_treeListing), parse.errorString());
        return false;
    }
    m_listedFiles = document.object().value(QLatin1String("files")).toObject();
    m_hasListing = true;
    return true;
}

bool ExportSource::checkTreeListing(QStringList *problems)
{
    if (!m_hasListing)
        return false;
    for (ExportItem &item : m_items) {
        const QJsonValue entry = m_listedFiles.value(QString::fromUtf8(item.path));
        if (!entry.isObject()) {
            *problems << QStringLiteral("%1 is not in %2").arg(PathText::display(item.path), PathText::display(m_treeListing));
            continue;
        }
        const QJsonObject o = entry.toObject();
        const bool lfs = o.contains(QLatin1String("lfs_sha256"));
        const quint64 size = quint64(o.value(lfs ? QLatin1String("lfs_size") : QLatin1String("size")).toDouble());
        if (size != item.size)
            *problems << QStringLiteral("%1 is %2 bytes; %3 says %4").arg(PathText::display(item.path)).arg(item.size)
                             .arg(PathText::display(m_treeListing)).arg(size);
        if (item.hashName.isEmpty())
            item.hashName = o.value(lfs ? QLatin1String("lfs_sha256") : QLatin1String("blob_id")).toString().toLatin1();
    }
    return true;
}

} // namespace hfcache
