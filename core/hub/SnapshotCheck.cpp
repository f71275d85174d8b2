// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "SnapshotCheck.h"

#include "CacheWriter.h"
#include "cache/BlobHasher.h"
#include "util/PathText.h"
#include "util/RegularFile.h"
#include "util/SystemError.h"
#include "util/UniqueFd.h"

#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace hfcache {

QString localFileStateName(LocalFileState state)
{
    switch (state) {
    case LocalFileState::Ok: return QStringLiteral("ok");
    case LocalFileState::Missing: return QStringLiteral("missing");
    case LocalFileState::BlobMissing: return QStringLiteral("blob-missing");
    case LocalFileState::WrongLink: return QStringLiteral("wrong-link");
    case LocalFileState::SizeMismatch: return QStringLiteral("size-mismatch");
    case LocalFileState::HashMismatch: return QStringLiteral("hash-mismatch");
    case LocalFileState::Unusable: return QStringLiteral("unusable");
    }
    return {};
}

LocalFileState SnapshotCheck::checkContent(const QByteArray &path, const RemoteFile &remote, bool hashContent,
                                           QString *detail)
{
    struct stat st;
    const UniqueFd fd = RegularFile::openForReading(AT_FDCWD, path, path, detail, &st);
    if (!fd.isValid())
        return errno == ENOENT ? LocalFileState::BlobMissing : LocalFileState::Unusable;
    if (st.st_size != remote.size) {
        *detail = QStringLiteral("%1 has %2 bytes, the Hub lists %3").arg(PathText::display(path), QString::number(st.st_size),
                                                                                 QString::number(remote.size));
        return LocalFileState::SizeMismatch;
    }
    if (!hashContent)
        return LocalFileState::Ok;
    const auto kind = BlobHasher::algorithmFor(remote.etag());
    const QByteArray digest = BlobHasher::hashFd(fd.get(), *kind, quint64(st.st_size), path, detail);
    if (digest.isEmpty())
        return LocalFileState::Unusable;
    if (digest != remote.etag()) {
        *detail = QStringLiteral("%1 hashes to %2, expected %3")
                      .arg(PathText::display(path), QString::fromLatin1(digest), QString::fromLatin1(remote.etag()));
        return LocalFileState::HashMismatch;
    }
    return LocalFileState::Ok;
}

QList<LocalFileCheck> SnapshotCheck::run(const QByteArray &repoPath, const RemoteTree &tree, bool hashContent,
                                         const std::atomic_bool *cancel)
{
    QList<LocalFileCheck> checks;
    const QByteArray snapshot = repoPath + "/snapshots/" + tree.commit + '/';
    for (const RemoteFile &remote : tree.files) {
        LocalFileCheck check;
        check.remote = remote;
        if (cancel && cancel->load()) {
            check.state = LocalFileState::Unusable;
            check.detail = QStringLiteral("not checked (cancelled)");
            checks.append(check);
            continue;
        }
        const QByteArray pointer = snapshot + remote.path;
        struct stat st;
        if (::lstat(pointer.constData(), &st) != 0) {
            check.state = errno == ENOENT ? LocalFileState::Missing : LocalFileState::Unusable;
            check.detail = pathError(QStringLiteral("cannot stat"), pointer, errno);
        } else if (S_ISLNK(st.st_mode)) {
            char target[4096];
            const ssize_t n = ::readlink(pointer.constData(), target, sizeof target);
            const QByteArray expected = CacheWriter::linkTarget(remote.path, remote.etag());
            if (n < 0 || QByteArray(target, int(n)) != expected) {
                check.state = LocalFileState::WrongLink;
                check.detail = QStringLiteral("%1 points to '%2', expected '%3'")
                                   .arg(PathText::display(pointer), PathText::display(QByteArray(target, int(qMax<ssize_t>(n, 0)))),
                                        QString::fromLatin1(expected));
            } else {
                check.state = checkContent(repoPath + "/blobs/" + remote.etag(), remote, hashContent, &check.detail);
            }
        } else if (S_ISREG(st.st_mode)) {
            check.state = checkContent(pointer, remote, hashContent, &check.detail);  // no-symlink (degraded) layout
            if (check.state == LocalFileState::BlobMissing)
                check.state = LocalFileState::Missing;  // vanished meanwhile
        } else {
            check.state = LocalFileState::Unusable;
            check.detail = QStringLiteral("%1 is not a file or a link").arg(PathText::display(pointer));
        }
        checks.append(check);
    }
    return checks;
}

} // namespace hfcache
