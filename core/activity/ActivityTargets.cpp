#include "ActivityTargets.h"

#include "cache/BlobKind.h"
#include "util/BlobLock.h"
#include "util/SystemError.h"

#include <QCryptographicHash>
#include <QFile>
#include <QHash>

#include <cerrno>
#include <ftw.h>
#include <sys/stat.h>

namespace hfcache {

ActivityTargets ActivityTargets::fromSnapshot(const CacheSnapshot &snapshot)
{
    ActivityTargets targets;
    for (const CachedRepoPtr &repo : snapshot.repos) {
        WatchedFile base;
        base.repoId = repo->repoId;
        base.cacheId = repo->cacheId();
        for (const RepoEntry &lock : repo->locks) {
            if (!lock.stat.isRegularFile())
                continue;  // the folder .locks/<repo> itself
            WatchedFile file = base;
            file.kind = WatchedFile::Kind::LockFile;
            file.path = snapshot.root + "/.locks/" + lock.path;
            file.stat = lock.stat;
            targets.m_files.append(file);
        }
        for (const CachedBlob &blob : repo->blobs) {
            if (!blob.stat.isRegularFile())
                continue;
            WatchedFile file = base;
            file.path = repo->blobPath(blob);
            file.stat = blob.stat;
            if (blob.kind == BlobKind::Incomplete) {
                file.kind = WatchedFile::Kind::Incomplete;
                file.lockPath = BlobLock::lockPath(snapshot.root, repo->folderName, incompleteEtag(blob.name));
            }
            targets.m_files.append(file);
        }
        for (const CachedRevision &revision : repo->revisions) {
            for (const SnapshotEntry &entry : revision.entries) {
                if (entry.kind != SnapshotEntry::Kind::File)
                    continue;
                WatchedFile file = base;
                file.path = repo->snapshotPath(revision) + '/' + entry.path;
                file.stat = entry.stat;
                targets.m_files.append(file);
            }
        }
    }
    return targets;
}

QByteArray ActivityTargets::localDirShortHash(const QByteArray &fileName)
{
    return QCryptographicHash::hash(fileName + ".metadata", QCryptographicHash::Sha1)
        .toBase64(QByteArray::Base64UrlEncoding);
}

namespace {

// nftw has no user pointer: the walk below is short and single-threaded per call.
thread_local QList<std::pair<QByteArray, EntryStat>> *t_found = nullptr;

int collect(const char *path, const struct stat *st, int type, struct FTW *)
{
    if (type == FTW_F && S_ISREG(st->st_mode)) {
        const QByteArray p(path);
        if (p.endsWith(".lock") || p.endsWith(".incomplete"))
            t_found->append({p, EntryStat::fromStat(*st)});
    }
    return 0;
}

} // namespace

bool ActivityTargets::addLocalDir(const QByteArray &dir, QString *error)
{
    const QByteArray bookkeeping = dir + "/.cache/huggingface";
    struct stat st;
    const int statError = ::lstat(bookkeeping.constData(), &st) != 0 ? errno : S_ISDIR(st.st_mode) ? 0 : ENOTDIR;
    if (statError) {
        if (error)
            *error = pathError(QStringLiteral("cannot open"), bookkeeping, statError);
        return false;
    }
    QList<std::pair<QByteArray, EntryStat>> found;
    t_found = &found;
    const int rc = ::nftw(bookkeeping.constData(), collect, 16, FTW_PHYS);
    t_found = nullptr;
    if (rc != 0) {
        if (error)
            *error = pathError(QStringLiteral("cannot read"), bookkeeping, errno);
        return false;
    }
    QHash<QByteArray, QByteArray> lockByPrefix;  // "<folder>/<shorthash>" and "<folder>/<name>" -> lock path
    for (const auto &[path, stat] : std::as_const(found)) {
        if (!path.endsWith(".lock"))
            continue;
        const qsizetype slash = path.lastIndexOf('/');
        const QByteArray folder = path.left(slash + 1);
        const QByteArray name = path.mid(slash + 1).chopped(5);
        lockByPrefix.insert(folder + localDirShortHash(name), path);
        lockByPrefix.insert(folder + name, path);
    }
    const QString id = QFile::decodeName(dir);
    for (const auto &[path, stat] : std::as_const(found)) {
        WatchedFile file;
        file.path = path;
        file.stat = stat;
        file.repoId = id;
        file.cacheId = id;
        if (path.endsWith(".lock")) {
            file.kind = WatchedFile::Kind::LockFile;
        } else {
            file.kind = WatchedFile::Kind::Incomplete;
            // "<shorthash>.<etag>[.<8hex>].incomplete" or "<name>.<etag>.incomplete": try each
            // prefix ending before a dot, longest first.
            for (qsizetype dot = path.lastIndexOf('.'); dot > path.lastIndexOf('/'); dot = path.lastIndexOf('.', dot - 1)) {
                const auto lock = lockByPrefix.constFind(path.left(dot));
                if (lock != lockByPrefix.constEnd()) {
                    file.lockPath = *lock;
                    break;
                }
                if (dot == 0)
                    break;
            }
        }
        m_files.append(file);
    }
    return true;
}

} // namespace hfcache
