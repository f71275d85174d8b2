#include "ExportSource.h"

#include "cache/BlobKind.h"
#include "cache/CachedRepo.h"
#include "cache/EntryStat.h"
#include "cache/LocalDirRecord.h"
#include "cache/LocalDirScan.h"
#include "util/BlobHasher.h"
#include "util/PathText.h"
#include "util/SystemError.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <dirent.h>
#include <fcntl.h>
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

bool isUnder(const QByteArray &path, const QByteArray &folder)
{
    return path.size() > folder.size() && path.startsWith(folder) && path.at(folder.size()) == '/';
}

QByteArray realPath(const QByteArray &path)
{
    char *resolved = ::realpath(path.constData(), nullptr);
    if (!resolved)
        return {};
    QByteArray result(resolved);
    std::free(resolved);
    return result;
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

    void walkFolder(int dirFd, const QByteArray &relative);
    void resolveLink(const QByteArray &relative, const QByteArray &target);
    void addFile(const QByteArray &relative, const QByteArray &contentPath, const QByteArray &blobName,
                 const struct stat &st);
    QByteArray blobNameOf(const QByteArray &path) const;
    bool inContainer(const QByteArray &path) const;
    QByteArray localDirHash(const QByteArray &relative, const struct stat &st) const;
};

QByteArray ExportSource::Walk::blobNameOf(const QByteArray &path) const
{
    for (const QByteArray &folder : blobFolders)
        if (isUnder(path, folder) && !path.mid(folder.size() + 1).contains('/'))
            return path.mid(folder.size() + 1);
    return {};
}

bool ExportSource::Walk::inContainer(const QByteArray &path) const
{
    return std::any_of(containers.cbegin(), containers.cend(), [&](const QByteArray &c) { return isUnder(path, c); });
}

void ExportSource::Walk::addFile(const QByteArray &relative, const QByteArray &contentPath, const QByteArray &blobName,
                                 const struct stat &st)
{
    ExportItem item;
    item.path = relative;
    item.contentPath = contentPath;
    item.blobName = blobName;
    if (BlobHasher::algorithmFor(blobName))
        item.hashName = blobName.toLower();
    else if (localDir)
        item.hashName = localDirHash(relative, st);
    item.size = quint64(st.st_size);
    item.mtime = st.st_mtim.tv_sec;
    source.m_items << item;
}

// local_dir downloads record each file's etag (its sha256 or git sha1) in
// <bookkeeping>/download/<path>.metadata. huggingface_hub trusts it only while the file is not
// newer than the timestamp; so do we.
QByteArray ExportSource::Walk::localDirHash(const QByteArray &relative, const struct stat &st) const
{
    QFile metadata(QFile::decodeName(source.m_root + '/' + bookkeeping + "/download/" + relative + ".metadata"));
    if (!metadata.open(QIODevice::ReadOnly))
        return {};
    const LocalDirRecord record = LocalDirRecord::parse(metadata.read(4096));
    return record.trusts(EntryStat::fromStat(st)) ? record.etag : QByteArray();
}

void ExportSource::Walk::walkFolder(int dirFd, const QByteArray &relative)
{
    const int listFd = ::dup(dirFd);
    DIR *dir = listFd >= 0 ? ::fdopendir(listFd) : nullptr;
    const QByteArray here = relative.isEmpty() ? source.m_root : source.m_root + '/' + relative;
    if (!dir) {
        refusals << pathError(QStringLiteral("cannot read"), here, errno);
        if (listFd >= 0)
            ::close(listFd);
        return;
    }
    QList<QByteArray> names;
    while (const dirent *entry = ::readdir(dir)) {
        const QByteArray name(entry->d_name);
        if (name != "." && name != "..")
            names << name;
    }
    ::closedir(dir);
    std::sort(names.begin(), names.end());

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
            UniqueFd sub(::openat(dirFd, name.constData(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
            if (!sub.isValid()) {
                refusals << pathError(QStringLiteral("cannot open"), source.m_root + '/' + path, errno);
                continue;
            }
            walkFolder(sub.get(), path);
        } else if (S_ISREG(st.st_mode)) {
            addFile(path, source.m_root + '/' + path, {}, st);
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
    const auto refuse = [&](const QString &why) {
        refusals << QStringLiteral("%1 -> %2: %3").arg(PathText::display(relative), PathText::display(firstTarget), why);
    };
    QByteArray current = normalizePath(source.m_root + '/' + relative);
    QByteArray target = firstTarget;
    QSet<QByteArray> seen{current};
    for (int hop = 0;; ++hop) {
        const QByteArray next = normalizePath(target.startsWith('/') ? target : parentOf(current) + '/' + target);
        if (hop >= MaxLinkHops || seen.contains(next))
            return refuse(QStringLiteral("a loop of links"));
        seen.insert(next);
        struct stat st;
        const QByteArray blobName = blobNameOf(next);
        if (!blobName.isEmpty()) {
            // A download in progress is never exported, even through a link.
            if (classifyBlobName(blobName) == BlobKind::Incomplete || !source.m_blobsFd->isValid()) {
                missing << relative;
                return;
            }
            if (::fstatat(source.m_blobsFd->get(), blobName.constData(), &st, AT_SYMLINK_NOFOLLOW) != 0) {
                if (errno == ENOENT)
                    missing << relative;
                else
                    refuse(pathError(QStringLiteral("cannot stat"), next, errno));
                return;
            }
            if (S_ISREG(st.st_mode))
                return addFile(relative, next, blobName, st);
            if (!S_ISLNK(st.st_mode))
                return refuse(QStringLiteral("the blob is not a regular file"));
            current = next;
            target = EntryStat::readLinkAt(source.m_blobsFd->get(), blobName);
            continue;
        }
        const bool inside = inContainer(next);
        if (!inside && !options.allowOutsideLinks)
            return refuse(QStringLiteral("leaves the repo's blobs/ folder (refused; --follow-outside-links allows it)"));
        if (::lstat(next.constData(), &st) != 0) {
            if (errno == ENOENT)
                missing << relative;
            else
                refuse(pathError(QStringLiteral("cannot stat"), next, errno));
            return;
        }
        if (S_ISLNK(st.st_mode)) {
            current = next;
            target = EntryStat::readLinkAt(AT_FDCWD, next);
            if (target.isEmpty())
                return refuse(pathError(QStringLiteral("cannot read the link"), next, errno));
            continue;
        }
        if (!S_ISREG(st.st_mode))
            return refuse(QStringLiteral("%1 is not a regular file").arg(PathText::display(next)));
        // local_dir files may link to each other; in a repo only blobs/ holds content.
        if (!localDir && !options.allowOutsideLinks)
            return refuse(QStringLiteral("ends at %1, outside blobs/ (refused; --follow-outside-links allows it)")
                              .arg(PathText::display(next)));
        return addFile(relative, next, {}, st);
    }
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
    const QByteArray canonical = realPath(repoPath);
    if (canonical.isEmpty()) {
        *error = pathError(QStringLiteral("cannot open"), repoPath, errno);
        return std::nullopt;
    }
    source.m_repoPath = canonical;
    source.m_root = canonical + "/snapshots/" + commit;
    source.m_treeListing = canonical + "/trees/" + commit + ".json";
    UniqueFd repoFd(::open(canonical.constData(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
    UniqueFd snapshotsFd(::openat(repoFd.get(), "snapshots", O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
    UniqueFd snapshotFd(::openat(snapshotsFd.get(), commit.constData(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
    if (!snapshotFd.isValid() || commit.contains('/') || commit.startsWith('.')) {
        *error = pathError(QStringLiteral("cannot open the snapshot"), source.m_root, commit.contains('/') ? EINVAL : errno);
        return std::nullopt;
    }
    // No blobs/ is normal for a cache written without symlinks: then every link is missing.
    // O_PATH: a blobs/ we may search but not list still serves its blobs, and one we may not
    // search fails each lookup with EACCES (a permission problem, not missing files).
    source.m_blobsFd = std::make_shared<UniqueFd>(
        ::openat(repoFd.get(), "blobs", O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));

    Walk walk{source, options, {}, {}, {}, {}, false, {}};
    for (const QByteArray &repo : {normalizePath(repoPath), canonical}) {
        if (!walk.containers.contains(repo)) {
            walk.containers << repo;
            walk.blobFolders << repo + "/blobs";
        }
    }
    walk.walkFolder(snapshotFd.get(), {});

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
    const QByteArray canonical = realPath(dir);
    UniqueFd rootFd(canonical.isEmpty() ? -1 : ::open(canonical.constData(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
    if (!rootFd.isValid()) {
        *error = pathError(QStringLiteral("cannot open"), dir, errno);
        return std::nullopt;
    }
    source.m_root = canonical;
    source.m_blobsFd = std::make_shared<UniqueFd>();
    Walk walk{source, options, {normalizePath(dir), canonical}, {}, {}, {}, true, LocalDirScan::bookkeepingFolder(canonical)};
    walk.walkFolder(rootFd.get(), {});
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

int ExportSource::openContent(const ExportItem &item, QString *error) const
{
    const int fd = item.blobName.isEmpty()
                       ? ::open(item.contentPath.constData(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
                       : ::openat(m_blobsFd->get(), item.blobName.constData(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    struct stat st;
    if (fd < 0 || ::fstat(fd, &st) != 0) {
        *error = pathError(QStringLiteral("cannot open"), item.contentPath, errno);
        if (fd >= 0)
            ::close(fd);
        return -1;
    }
    if (!S_ISREG(st.st_mode) || quint64(st.st_size) != item.size) {
        *error = QStringLiteral("%1 changed during the export (was %2 bytes, now %3)")
                     .arg(PathText::display(item.contentPath)).arg(item.size).arg(qint64(st.st_size));
        ::close(fd);
        return -1;
    }
    return fd;
}

bool ExportSource::checkTreeListing(QStringList *problems, int *notCached)
{
    *notCached = 0;
    QFile file(QFile::decodeName(m_treeListing));
    if (m_treeListing.isEmpty() || !file.open(QIODevice::ReadOnly))
        return false;
    const QJsonObject files = QJsonDocument::fromJson(file.readAll()).object().value(QLatin1String("files")).toObject();
    QSet<QByteArray> exported;
    for (ExportItem &item : m_items) {
        exported.insert(item.path);
        const QJsonValue entry = files.value(QString::fromUtf8(item.path));
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
    for (auto it = files.constBegin(); it != files.constEnd(); ++it)
        if (!exported.contains(it.key().toUtf8()))
            ++*notCached;
    return true;
}

} // namespace hfcache
