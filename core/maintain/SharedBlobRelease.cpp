// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "SharedBlobRelease.h"

#include "MaintainLog.h"
#include "cache/BlobLock.h"
#include "cache/EntryStat.h"
#include "cache/SharedBlobLayout.h"
#include "util/PathText.h"
#include "util/RegularFile.h"
#include "util/SystemError.h"
#include "util/UniqueFd.h"

#include <QRandomGenerator>

#include <algorithm>
#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace hfcache {

namespace {

constexpr int LockWaitMs = 10000;  // huggingface_hub's _SOFT_LOCK_TIMEOUT

// `line` ("<repo folder>/blobs/<etag>") is still a link to the payload `hash`: read by fd from
// the root, never followed.
bool linksTo(int rootFd, const QByteArray &line, const QByteArray &hash)
{
    if (!SharedBlobLayout::isManifestLine(line))
        return false;
    const QList<QByteArray> parts = line.split('/');
    const UniqueFd repo(::openat(rootFd, parts[0].constData(), O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
    const UniqueFd blobs(repo.isValid() ? ::openat(repo.get(), "blobs", O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC) : -1);
    return blobs.isValid() && SharedBlobLayout::hashOfLink(EntryStat::readLinkAt(blobs.get(), parts[2])) == hash;
}

bool readManifest(int prefixFd, const QByteArray &name, const QByteArray &shown, QList<QByteArray> *lines, QString *error)
{
    const UniqueFd fd = RegularFile::openForReading(prefixFd, name, shown, error);
    if (!fd.isValid())
        return false;
    QByteArray content;
    char buffer[65536];
    ssize_t n;
    while ((n = ::read(fd.get(), buffer, sizeof buffer)) > 0)
        content.append(buffer, n);
    if (n < 0) {
        *error = pathError(QStringLiteral("cannot read"), shown, errno);
        return false;
    }
    for (const QByteArray &line : content.split('\n')) {
        if (!line.isEmpty())
            lines->append(line);
    }
    return true;
}

// _rewrite_manifest(): the references left, sorted, in a 0666 temporary renamed over the manifest.
bool rewriteManifest(int prefixFd, const QByteArray &name, const QByteArray &shown, const QList<QByteArray> &references,
                     QString *error)
{
    const QByteArray temporary = name + '.' + QByteArray::number(QRandomGenerator::global()->generate(), 16).rightJustified(8, '0') + ".tmp";
    const UniqueFd fd(::openat(prefixFd, temporary.constData(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666));
    QByteArray content;
    for (const QByteArray &line : references)
        content += line + '\n';
    if (!fd.isValid() || ::fchmod(fd.get(), 0666) != 0
        || ::write(fd.get(), content.constData(), size_t(content.size())) != content.size() || ::fsync(fd.get()) != 0
        || ::renameat(prefixFd, temporary.constData(), prefixFd, name.constData()) != 0) {
        *error = pathError(QStringLiteral("cannot rewrite"), shown, errno);
        ::unlinkat(prefixFd, temporary.constData(), 0);
        return false;
    }
    return true;
}

// unlinkat counting what it frees; a file already gone is fine.
bool unlinkCounted(int dirFd, const QByteArray &name, const QByteArray &shown, SharedBlobRelease::Outcome &outcome)
{
    struct stat st;
    if (::fstatat(dirFd, name.constData(), &st, AT_SYMLINK_NOFOLLOW) != 0)
        return errno == ENOENT || (outcome.error = pathError(QStringLiteral("cannot remove"), shown, errno), false);
    if (::unlinkat(dirFd, name.constData(), 0) != 0)
        return errno == ENOENT || (outcome.error = pathError(QStringLiteral("cannot remove"), shown, errno), false);
    ++outcome.removed;
    if (st.st_nlink <= 1)
        outcome.bytes += quint64(st.st_blocks) * 512;
    return true;
}

} // namespace

SharedBlobRelease::Outcome SharedBlobRelease::run(int rootFd, int prefixFd, const QByteArray &root,
                                                  const DeleteOperation &op, bool keepLockFile)
{
    Outcome outcome;
    const QByteArray hash = op.path.mid(op.path.lastIndexOf('/') + 1);
    const QByteArray folder = root + '/' + op.path.left(op.path.lastIndexOf('/'));
    const QByteArray manifestName = hash + SharedBlobLayout::ManifestSuffix;
    const QByteArray manifestShown = root + '/' + op.path + SharedBlobLayout::ManifestSuffix;
    const bool expectedToGo = op.kind == DeleteOperation::Kind::SharedBlob;
    auto keep = [&](const QString &why) {
        if (expectedToGo)
            outcome.kept = why;
        return outcome;
    };

    QString error;
    struct stat lockStat;
    UniqueFd lockFd = BlobLock::openLockFileIn(prefixFd, folder, hash + SharedBlobLayout::LockSuffix,
                                               BlobLock::Access::Create, &error, &lockStat);
    if (!lockFd.isValid())
        return keep(error);
    if (lockStat.st_uid == ::geteuid())
        ::fchmod(lockFd.get(), 0666);  // _shared_blob_lock(): every user of the cache takes it
    BlobLock lock(std::move(lockFd), root + '/' + op.lockPath);
    if (lock.lock(LockWaitMs) != BlobLock::State::Locked)
        return keep(lock.error().isEmpty() ? QStringLiteral("a download holds the shared payload's lock %1")
                                                 .arg(PathText::display(lock.path()))
                                           : lock.error());

    // Where flock is missing the library falls back to <hash>.lock.soft, whose existence is the lock.
    struct stat soft;
    if (::fstatat(prefixFd, (hash + SharedBlobLayout::SoftLockSuffix).constData(), &soft, AT_SYMLINK_NOFOLLOW) == 0)
        return keep(QStringLiteral("a process holds the shared payload's soft lock %1")
                        .arg(PathText::display(root + '/' + op.path + SharedBlobLayout::SoftLockSuffix)));

    QList<QByteArray> lines;
    if (!readManifest(prefixFd, manifestName, manifestShown, &lines, &error))
        return keep(QStringLiteral("its manifest cannot be read (%1); huggingface_hub keeps such a payload too").arg(error));
    QList<QByteArray> references;
    for (const QByteArray &line : lines + op.usedBy) {
        if (!references.contains(line) && linksTo(rootFd, line, hash))
            references.append(line);
    }
    std::sort(references.begin(), references.end());
    if (!references.isEmpty()) {
        qCDebug(lcMaintain) << "shared payload" << hash << "still linked by" << references.size() << "repo blob(s)";
        if (references != lines && !rewriteManifest(prefixFd, manifestName, manifestShown, references, &outcome.error))
            outcome.ok = false;
        return outcome.ok ? keep(QStringLiteral("%1 repo blob(s) link to it since the scan (e.g. %2)")
                                     .arg(references.size()).arg(PathText::display(references.first())))
                          : outcome;
    }
    if (!unlinkCounted(prefixFd, hash, root + '/' + op.path, outcome)
        || !unlinkCounted(prefixFd, manifestName, manifestShown, outcome)
        || (!keepLockFile && !unlinkCounted(prefixFd, hash + SharedBlobLayout::LockSuffix, lock.path(), outcome)))
        outcome.ok = false;
    return outcome;
}

} // namespace hfcache
